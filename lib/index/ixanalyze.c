/*
 * ixanalyze.c: name analysis, key hashing, token weights, packed dates and
 * the compact romanized form (index stage). These pieces are shared by the
 * index build and the matcher, so that both sides of a comparison see names
 * through exactly the same code.
 */
#include "index/index.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

void nomen__analysis_free(nomen__analysis *a)
{
    nomen__tokens_free(&a->toks);
    a->has_rz = false;
}

/* Writes the form; 0 (and an empty out) when there is none. */
static size_t korean_form(const char *key, size_t n, char *out, size_t cap)
{
    if (n == 0 || cap < 2)
        return 0;
    if ((n == 2 &&
         (memcmp(key, "ri", 2) == 0 || memcmp(key, "li", 2) == 0 || memcmp(key, "yi", 2) == 0)) ||
        (n == 3 && memcmp(key, "lee", 3) == 0) || (n == 4 && memcmp(key, "rhee", 4) == 0) ||
        (n == 1 && key[0] == 'i')) {
        out[0] = 'i';
        out[1] = '\0';
        return 1;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        char c = key[i], nx = i + 1 < n ? key[i + 1] : '\0';
        if (c < 'a' || c > 'z' || c == 'f' || c == 'q' || c == 'v' || c == 'x' || c == 'z' ||
            (c == 'c' && nx != 'h'))
            return 0;
        char o = c;
        if (c == 'e' && (nx == 'o' || nx == 'u')) { /* eo, eu: o */
            o = 'o';
            i++;
        } else if (c == 'e' && nx == 'e') { /* ee: i */
            o = 'i';
            i++;
        } else if (c == 'o' && nx == 'o') { /* oo: o */
            i++;
        } else if (c == 'o' && nx == 'i') { /* oi: oe */
            if (m + 2 >= cap)
                return 0;
            out[m++] = 'o';
            o = 'e';
            i++;
        } else if (c == 'u') {
            o = 'o';
        } else if (c == 'c' && nx == 'h') {
            o = 'j';
            i++;
        } else if (c == 's' && nx == 'h') {
            o = 's';
            i++;
        } else if ((c == 'k' || c == 't' || c == 'p' || c == 'l' || c == 'r') && nx == 'h') {
            i++; /* the h of kh, th, ph, lh, rh */
            o = c == 'k' ? 'g' : c == 't' ? 'd' : c == 'p' ? 'b' : 'l';
        } else if (c == 'a' && nx == 'r' && (i + 2 >= n || !strchr("aeiouwy", key[i + 2]))) {
            i++; /* Park */
        } else if (c == 'k') {
            o = 'g';
        } else if (c == 't') {
            o = 'd';
        } else if (c == 'p') {
            o = 'b';
        } else if (c == 'r') {
            o = 'l';
        }
        if (m > 0 && out[m - 1] == o)
            continue; /* doubled letters */
        if (m + 1 >= cap)
            return 0;
        out[m++] = o;
    }
    out[m] = '\0';
    return m;
}

size_t nomen__ix_korean(const char *key, size_t n, char *out, size_t cap)
{
    size_t m = cap ? korean_form(key, n, out, cap) : 0;
    if (!m && cap)
        out[0] = '\0'; /* not a half-written form */
    return m;
}

size_t nomen__ix_korean_join(const char *const *keys, const size_t *lens, size_t n, char *out,
                             size_t cap)
{
    char joined[256];
    size_t l = 0;
    for (size_t i = 0; i < n; i++) {
        if (l + lens[i] >= sizeof joined)
            return 0;
        memcpy(joined + l, keys[i], lens[i]);
        l += lens[i];
    }
    return nomen__ix_korean(joined, l, out, cap);
}

int nomen__ix_script_hint(const nomen__tokens *toks, size_t i)
{
    const nomen__token *t = &toks->tok[i];
    if (t->script == NOMEN_SCRIPT_CYRILLIC)
        return NOMEN__RZ_HINT_CYRILLIC;
    if (t->script != NOMEN_SCRIPT_LATIN)
        return NOMEN__RZ_HINT_NONE;
    /* Letters only Vietnamese writes: đ ă ơ ư, the Latin Extended Additional
     * block U+1EA0-U+1EF9 (ạ ả ầ ố ự ỹ ...), and the combining horn and hook
     * above of decomposed text. */
    const char *s = nomen__tok_text(toks, i);
    for (size_t k = 0; k < t->text_len;) {
        uint32_t cp;
        k += (size_t)nomen__utf8_next(s + k, t->text_len - k, &cp);
        if (cp == 0x0110 || cp == 0x0111 || cp == 0x0102 || cp == 0x0103 || cp == 0x01A0 ||
            cp == 0x01A1 || cp == 0x01AF || cp == 0x01B0 || (cp >= 0x1EA0 && cp <= 0x1EF9) ||
            cp == 0x031B || cp == 0x0309)
            return NOMEN__RZ_HINT_VIETNAMESE;
    }
    return NOMEN__RZ_HINT_NONE;
}

int nomen__analyze(nomen__norm *nz, const char *text, size_t len, nomen__analysis *a,
                   nomen__err *err)
{
    a->has_rz = false;
    int rc = nomen__normalize(nz, text, len, &a->toks, err);
    if (rc)
        return rc;
    size_t n = a->toks.n;
    if (n == 0 || n > NOMEN__RZ_MAX_TOKENS)
        return NOMEN_OK;
    nomen__rz_token rt[NOMEN__RZ_MAX_TOKENS];
    for (size_t i = 0; i < n; i++) {
        const nomen__token *t = &a->toks.tok[i];
        rt[i].key = nomen__tok_marked(&a->toks, i);
        rt[i].key_len = t->marked_len;
        bool han = t->script == NOMEN_SCRIPT_HAN;
        rt[i].han = han ? nomen__tok_text(&a->toks, i) : NULL;
        rt[i].han_len = han ? t->text_len : 0;
        rt[i].han_simp = han ? nomen__tok_hans(&a->toks, i) : NULL;
        rt[i].han_simp_len = han ? t->hans_len : 0;
        rt[i].comma = t->comma != 0;
        rt[i].hint = (uint8_t)nomen__ix_script_hint(&a->toks, i);
    }
    /* A name that does not read as Chinese is not an error: it simply has no
     * romanized form, and is compared token by token. */
    if (nomen__rz_romanize(rt, n, &a->rz) == NOMEN_OK && a->rz.nvar > 0)
        a->has_rz = true;
    return NOMEN_OK;
}

uint64_t nomen__ix_key_hash(int kind, const char *s, size_t len)
{
    /* The kind seeds the hash, so equal strings of different kinds differ.
     * 0 marks an empty slot, so a hash of 0 is moved to 1. */
    uint64_t h = nomen__hash64(s, len, 0x6e6f6d656e000000ull + (uint64_t)kind);
    return h ? h : 1;
}

/*
 * Token weight, from the fraction of names that contain the token: an inverse
 * document frequency scaled into [0.25, 1]. A token found in one name of the
 * whole index weighs 1; a token in every name weighs 0.25. The floor keeps a
 * common token (Mohammed, Chen, Company) from vanishing: it still has to
 * match, it just proves less when it does. Scaling by ln(n + 1) makes weights
 * comparable between a list of 10,000 names and one of 1,000,000.
 */
float nomen__ix_weight(uint32_t df, uint64_t n)
{
    double ln_n = log((double)n + 1.0);
    if (ln_n <= 0)
        return 1.0f;
    double idf = log(((double)n + 1.0) / ((double)df + 0.5)) / ln_n;
    if (idf > 1.0)
        idf = 1.0;
    if (idf < 0.0)
        idf = 0.0;
    return (float)(0.25 + 0.75 * idf);
}

/* Legal-form abbreviations and words of company names in the languages of
 * the lists (English, Russian and Ukrainian transliterated, German, French,
 * Spanish, Italian, Dutch, Nordic, Indonesian, Malaysian, Chinese in pinyin),
 * and the function words of organisation names. Sorted for bsearch. */
static const char *const stopwords[] = {
    "ab",
    "ag",
    "and",
    "ao",
    "as",
    "asa",
    "bhd",
    "bv",
    "cjsc",
    "co",
    "company",
    "corp",
    "corporation",
    "de",
    "del",
    "der",
    "des",
    "di",
    "du",
    "et",
    "for",
    "gmbh",
    "gongsi",
    "inc",
    "incorporated",
    "jsc",
    "kg",
    "kk",
    "la",
    "le",
    "limited",
    "llc",
    "llp",
    "lp",
    "ltd",
    "nv",
    "oao",
    "of",
    "ojsc",
    "ooo",
    "oy",
    "pao",
    "pjsc",
    "plc",
    "pt",
    "pte",
    "pty",
    "sa",
    "sarl",
    "sas",
    "sdn",
    "spa",
    "srl",
    "tbk",
    "the",
    "tov",
    "und",
    "youxian",
    "youxiangongsi",
    "zao",
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool nomen__ix_is_stopword(const char *key, size_t len)
{
    char buf[16];
    if (len == 0 || len >= sizeof buf)
        return false;
    memcpy(buf, key, len);
    buf[len] = '\0';
    const char *k = buf;
    return bsearch(&k, stopwords, NOMEN__ARRAY_LEN(stopwords), sizeof stopwords[0], cmp_str) !=
           NULL;
}

/* Sorted (bsearch): al and its forms assimilated to the sun letters (ad,
 * adh, an, ar, as, ash, at, ath, az), as ALA-LC and BGN/PCGN Arabic
 * romanization write them when they follow the pronunciation; the vowel
 * variants el, il, ul of colloquial and Persian or Urdu spellings (Saif el
 * Islam, Zia ul Haq) and their assimilated ud, ur, us (Nasir ud Din, Habib
 * ur Rahman). */
static const char *const articles[] = {
    "ad",  "adh", "al", "an", "ar", "as", "ash", "at",
    "ath", "az",  "el", "il", "ud", "ul", "ur",  "us",
};

bool nomen__ix_is_article(const char *key, size_t len)
{
    char buf[4];
    if (len < 2 || len >= sizeof buf)
        return false;
    memcpy(buf, key, len);
    buf[len] = '\0';
    const char *k = buf;
    return bsearch(&k, articles, NOMEN__ARRAY_LEN(articles), sizeof articles[0], cmp_str) != NULL;
}

/* Spellings from the Arabic romanizations (ALA-LC ibn, bint, abu), the
 * lists (BIN LADIN, BEN ALI, ABOU) and French-based ones (ben, bent,
 * abou); bn, bnt and abw are what the Arabic script reaches Latin as. */
static const char *const son_of[] = {"bin", "ben", "ibn", "ebn", "bn", NULL};
static const char *const daughter_of[] = {"bint", "bent", "bnt", NULL};
static const char *const father_of[] = {"abu", "abou", "abo", "abw", NULL};

int nomen__ix_particle(const char *key, size_t len, const char *const **spellings)
{
    static const char *const *const classes[] = {son_of, daughter_of, father_of};
    if (len < 2 || len > 4 || !strchr("abei", key[0]))
        return 0; /* every spelling has 2 to 4 letters and starts so */
    for (size_t c = 0; c < NOMEN__ARRAY_LEN(classes); c++)
        for (const char *const *w = classes[c]; *w; w++)
            if (strlen(*w) == len && memcmp(*w, key, len) == 0) {
                if (spellings)
                    *spellings = classes[c];
                return (int)c + 1;
            }
    return 0;
}

uint32_t nomen__ixdate_pack(const nomen__rdate *d)
{
    if (d->year <= 0 || d->year > 9999)
        return 0;
    int span = d->year_to > d->year ? d->year_to - d->year : 0;
    if (span > 127)
        span = 127;
    return ((uint32_t)d->year << 16) | ((uint32_t)(d->circa ? 1 : 0) << 15) |
           ((uint32_t)span << 9) | ((uint32_t)(d->month & 15) << 5) | (uint32_t)(d->day & 31);
}

void nomen__ixdate_unpack(uint32_t v, int *year, int *year_to, int *month, int *day, int *circa)
{
    *year = (int)(v >> 16);
    *circa = (int)((v >> 15) & 1);
    *year_to = *year + (int)((v >> 9) & 127);
    *month = (int)((v >> 5) & 15);
    *day = (int)(v & 31);
}

bool nomen__ixrz_encode(const nomen__rz_name *rz, uint16_t **pool, size_t *len, size_t *cap)
{
    size_t nvar = rz->nvar > 2 ? 2 : rz->nvar;
    size_t need = 1;
    for (size_t v = 0; v < nvar; v++)
        need += 2 + (size_t)rz->var[v].n * NOMEN__IX_RZ_CAND;
    void *p = *pool;
    if (!nomen__grow(&p, cap, *len + need, sizeof(uint16_t)))
        return false;
    *pool = p;
    uint16_t *o = *pool + *len;
    *o++ = (uint16_t)nvar;
    for (size_t v = 0; v < nvar; v++) {
        const nomen__rz_variant *var = &rz->var[v];
        *o++ = var->n;
        *o++ = var->nsur;
        for (size_t i = 0; i < var->n; i++) {
            const nomen__rz_slot *sl = &rz->slot[var->slot[i]];
            for (size_t c = 0; c < NOMEN__IX_RZ_CAND; c++) {
                unsigned w = c < sl->ncand ? sl->cand[c].weight : 0;
                *o++ = c < sl->ncand && sl->cand[c].syl < 512
                           ? (uint16_t)(sl->cand[c].syl | (w > 127 ? 127 : w) << 9)
                           : 0xFFFF;
            }
        }
    }
    *len += need;
    return true;
}

bool nomen__rz_part_combos(const nomen__rz_name *rz, unsigned v, size_t from, size_t to,
                           size_t wild, bool coarse, size_t per_slot, size_t combos,
                           bool (*emit)(void *ctx, const char *s, size_t n), void *ctx)
{
    if (v >= rz->nvar)
        return true;
    const nomen__rz_variant *var = &rz->var[v];
    if (to > var->n)
        to = var->n;
    if (from >= to)
        return true;
    /* The syllables each slot offers: its readings (their near-miss classes
     * when coarse, each once); the wildcard slot offers "*". */
    enum { PER = NOMEN__RZ_MAX_CAND };
    unsigned syl[NOMEN__RZ_MAX_SEQ][PER];
    size_t lim[NOMEN__RZ_MAX_SEQ], idx[NOMEN__RZ_MAX_SEQ] = {0};
    for (size_t i = from; i < to; i++) {
        const nomen__rz_slot *sl = &rz->slot[var->slot[i]];
        size_t k = 0;
        for (size_t c = 0; c < sl->ncand && c < per_slot && c < PER; c++) {
            if (c > 0 && sl->cand[c].weight < NOMEN__IX_RZKEY_MINW)
                break;
            unsigned y = coarse ? nomen__rz_syl_class(sl->cand[c].syl) : sl->cand[c].syl;
            bool seen = false;
            for (size_t j = 0; j < k; j++)
                seen |= syl[i][j] == y;
            if (!seen)
                syl[i][k++] = y;
        }
        lim[i] = i == wild && k ? 1 : k;
    }
    for (size_t c = 0; c < combos; c++) {
        char s[256];
        size_t n = 0;
        for (size_t i = from; i < to; i++) {
            if (lim[i] == 0)
                continue;
            const char *y = i == wild ? "*" : nomen__rz_syl_str(syl[i][idx[i]]);
            size_t l = strlen(y);
            if (n + l + 1 >= sizeof s)
                break;
            if (coarse)
                s[n++] = '~';
            memcpy(s + n, y, l);
            n += l;
        }
        if (n && !emit(ctx, s, n))
            return false;
        /* Next combination: an odometer whose last slot turns fastest, so that
         * the first combinations vary the given name's last syllables. */
        size_t i = to;
        while (i > from) {
            i--;
            if (idx[i] + 1 < lim[i]) {
                idx[i]++;
                break;
            }
            idx[i] = 0;
            if (i == from)
                return true;
        }
    }
    return true;
}

void nomen__ix_phonetic(const char *key, size_t len, size_t ncp, char p[16], char a[16])
{
    p[0] = a[0] = '\0';
    if (ncp < NOMEN__IX_DM_MIN)
        return;
    nomen__dmetaphone_opts o;
    nomen__dmetaphone_opts_init(&o);
    o.max_len = NOMEN__IX_DM_LEN;
    nomen__buf bp = {0}, ba = {0};
    if (nomen__double_metaphone(key, len, &o, &bp, &ba) == NOMEN_OK) {
        if (bp.len >= NOMEN__IX_DM_MINCODE)
            snprintf(p, 16, "%s", nomen__buf_str(&bp));
        if (ba.len >= NOMEN__IX_DM_MINCODE && strcmp(nomen__buf_str(&ba), p) != 0)
            snprintf(a, 16, "%s", nomen__buf_str(&ba));
        if (!p[0] && a[0]) {
            memcpy(p, a, 16);
            a[0] = '\0';
        }
    }
    nomen__buf_free(&bp);
    nomen__buf_free(&ba);
}

size_t nomen__ix_skeleton(const char *key, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = key[i];
        if (c < 'a' || c > 'z') {
            if (c >= '0' && c <= '9')
                continue; /* digits carry no sound */
            n = 0;
            break;
        }
        if (nomen__ix_skel_vowel(c))
            continue;
        if (n && out[n - 1] == c)
            continue;
        if (n + 1 >= cap) {
            n = 0;
            break;
        }
        out[n++] = c;
    }
    if (n < NOMEN__IX_SKEL_MIN)
        n = 0;
    if (cap)
        out[n] = '\0';
    return n;
}
