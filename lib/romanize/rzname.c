/*
 * rzname.c: romanize stage, whole names. Turns the normalizer's tokens into
 * a nomen__rz_name: syllable slots with candidate sets, the surname found by
 * structure (comma, Han order, surname tables), and up to four variants
 * (preferred reading, runner-up segmentation, other name order).
 *
 * Rules (chinese-names.md sections 3 and 4):
 * - Han tokens win: when the name has characters, they alone give the slots
 *   (surname first, always), and the simplified characters form han_key.
 * - A name made only of 4-digit tokens is read as Chinese Commercial Codes.
 * - Latin tokens are split at hard boundaries ('-', ' ', '|') into pieces,
 *   and each piece is segmented (rzsegment.c). A token with an unparseable
 *   piece, or with other characters, is "other" (a Western name: John, Eric).
 * - Order: a comma ends the surname; otherwise the first or the last Chinese
 *   token is the surname, whichever is the better-known surname spelling
 *   (compound or top-100 > other surname > a single syllable that is a surname
 *   reading); ties go to surname-first with the other order as a variant.
 * - A leading token of three or more syllables before two more tokens is
 *   taken for a Western given name (Teresa Cheng Yeuk-wah) and set aside.
 * Invariants: no allocation, no global state; the output is fully defined
 * for the counters it reports (slots beyond nslot are not written).
 */
#include "romanize/romanize.h"

#include <string.h>

/* Variant penalties: a runner-up segmentation (a dropped apostrophe, a
 * non-pinyin split) costs 100, the other name order 50; these only rank
 * variants, they are not scores. */
#define PENALTY_ALT_PARSE 100
#define PENALTY_ALT_ORDER 50

enum { TK_OTHER = 0, TK_LATIN = 1, TK_HAN = 2 };

typedef struct tok_info {
    uint8_t kind;
    uint8_t score; /* surname likelihood 0..3 */
    uint8_t n, nalt;
    uint8_t prim[NOMEN__RZ_MAX_SEQ];
    uint8_t alt[NOMEN__RZ_MAX_SEQ];
    bool comma;
} tok_info;

typedef struct builder {
    nomen__rz_name *out;
    uint32_t systems; /* enabled systems (the Han ones always) */
    tok_info tk[NOMEN__RZ_MAX_TOKENS];
} builder;

static int new_slot(nomen__rz_name *o, size_t token)
{
    if (o->nslot >= NOMEN__RZ_MAX_SLOTS)
        return -1;
    nomen__rz_slot *sl = &o->slot[o->nslot];
    sl->ncand = 0;
    sl->token = (uint8_t)token;
    sl->is_han = 0;
    sl->text[0] = '\0';
    sl->han = 0;
    return o->nslot++;
}

/* Add a candidate to a slot, keeping the highest weight per syllable and the
 * list sorted by decreasing weight (insertion; lists are short). */
static void slot_add(nomen__rz_slot *sl, uint16_t syl, uint8_t sys, uint8_t w)
{
    for (int i = 0; i < sl->ncand; i++) {
        if (sl->cand[i].syl == syl) {
            if (sl->cand[i].weight >= w)
                return;
            /* remove and re-insert with the higher weight */
            memmove(&sl->cand[i], &sl->cand[i + 1],
                    (size_t)(sl->ncand - i - 1) * sizeof sl->cand[0]);
            sl->ncand--;
            break;
        }
    }
    int pos = sl->ncand;
    while (pos > 0 && sl->cand[pos - 1].weight < w)
        pos--;
    if (pos >= NOMEN__RZ_MAX_CAND)
        return;
    int last = sl->ncand < NOMEN__RZ_MAX_CAND ? sl->ncand : NOMEN__RZ_MAX_CAND - 1;
    memmove(&sl->cand[pos + 1], &sl->cand[pos], (size_t)(last - pos) * sizeof sl->cand[0]);
    sl->cand[pos].syl = syl;
    sl->cand[pos].sys = sys;
    sl->cand[pos].weight = w;
    if (sl->ncand < NOMEN__RZ_MAX_CAND)
        sl->ncand++;
}

/* ---- Latin tokens -------------------------------------------------------- */

/* Map the marked key to the internal alphabet. Returns the length, or -1 when
 * the key holds anything but letters, ü, tone digits and the soft marks. */
static int to_internal(const char *k, size_t len, char *o)
{
    size_t m = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)k[i];
        if (m >= NOMEN__RZ_KEY_MAX)
            return -1;
        if (c >= 'a' && c <= 'z')
            o[m++] = (char)c;
        else if (c >= 'A' && c <= 'Z')
            o[m++] = (char)(c - 'A' + 'a');
        else if (c == 0xC3 && i + 1 < len && (unsigned char)k[i + 1] == 0xBC) {
            o[m++] = 'v';
            i++;
        } else if (c == '\'' || c == '-' || c == '|' || c == ' ')
            o[m++] = (char)c;
        else if (c >= '0' && c <= '9')
            continue; /* tone digits: pinyin 1-5, Jyutping 1-6 */
        else
            return -1;
    }
    return (int)m;
}

static int fill_slot(nomen__rz_name *o, uint32_t systems, size_t token, const char *s, size_t len)
{
    int si = new_slot(o, token);
    if (si < 0)
        return -1;
    nomen__rz_slot *sl = &o->slot[si];
    size_t n = 0;
    const nomen__rz_cand *c = nomen__rz_lookup(s, len, &n, NULL);
    for (size_t i = 0; c && i < n; i++) {
        if ((nomen__rz_syl_flags[c[i].syl] & NOMEN__RZ_SYLF_RARE) ||
            !(systems & NOMEN__RZ_SYSBIT(c[i].sys)))
            continue;
        slot_add(sl, c[i].syl, c[i].sys, c[i].weight);
    }
    size_t tl = len < sizeof sl->text - 1 ? len : sizeof sl->text - 1;
    memcpy(sl->text, s, tl);
    sl->text[tl] = '\0';
    return si;
}

static bool is_compound_latin(const char *w, size_t wl)
{
    size_t lo = 0, hi = nomen__rz_ncompound_latin;
    if (wl >= sizeof nomen__rz_compound_latin[0])
        return false;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *c = nomen__rz_compound_latin[mid];
        int r = strncmp(c, w, wl);
        if (r == 0 && c[wl] != '\0')
            r = 1;
        if (r < 0)
            lo = mid + 1;
        else if (r > 0)
            hi = mid;
        else
            return true;
    }
    return false;
}

/* Segment one Latin token into slots: prim (best parse of every piece) and,
 * when one piece has a runner-up parse, alt. Returns 0, 1 when the token is
 * not Chinese, -1 when the slot pool is full. */
static int latin_token(builder *b, size_t t, const nomen__rz_token *tok)
{
    nomen__rz_name *o = b->out;
    tok_info *ti = &b->tk[t];
    char s[NOMEN__RZ_KEY_MAX];
    int n = tok->key_len <= NOMEN__RZ_KEY_MAX ? to_internal(tok->key, tok->key_len, s) : -1;
    if (n <= 0)
        return 1;
    ti->n = ti->nalt = 0;
    bool have_alt = false;
    int i = 0;
    while (i < n) {
        while (i < n && (s[i] == '-' || s[i] == '|' || s[i] == ' ' || s[i] == '\''))
            i++;
        int j = i;
        while (j < n && s[j] != '-' && s[j] != '|' && s[j] != ' ')
            j++;
        int e = j;
        while (e > i && s[e - 1] == '\'')
            e--;
        if (e <= i) {
            i = j;
            continue;
        }
        uint8_t ends[NOMEN__RZ_MAX_SEQ], alt[NOMEN__RZ_MAX_SEQ];
        int cost = 0, altn = 0;
        int k = nomen__rz_segment_sys(s + i, (size_t)(e - i), b->systems, ends, NOMEN__RZ_MAX_SEQ,
                                      &cost, alt, &altn);
        if (k <= 0)
            return 1;
        if (ti->n + k > NOMEN__RZ_MAX_SEQ)
            return -1;
        uint8_t first_prim = ti->n;
        int start = 0;
        for (int q = 0; q < k; q++) {
            int a = start;
            while (s[i + a] == '\'')
                a++;
            int si = fill_slot(o, b->systems, t, s + i + a, (size_t)(ends[q] - a));
            if (si < 0)
                return -1;
            ti->prim[ti->n++] = (uint8_t)si;
            start = ends[q];
        }
        /* The alternative parse: only the first piece that has one, and only
         * once the slots so far are known (alt = prim with this piece swapped). */
        /* Runner-up parses use spare slots only: never more than half the
         * pool, so that they cannot make a long name fail. */
        if (!have_alt && altn > 0 && first_prim + altn <= NOMEN__RZ_MAX_SEQ &&
            o->nslot + altn <= NOMEN__RZ_MAX_SLOTS / 2) {
            uint8_t tmp[NOMEN__RZ_MAX_SEQ];
            int m = 0, ok = 1;
            start = 0;
            for (int q = 0; q < altn; q++) {
                int a = start;
                while (s[i + a] == '\'')
                    a++;
                int si = fill_slot(o, b->systems, t, s + i + a, (size_t)(alt[q] - a));
                if (si < 0) {
                    ok = 0;
                    break;
                }
                tmp[m++] = (uint8_t)si;
                start = alt[q];
            }
            if (ok) {
                have_alt = true;
                memcpy(ti->alt, ti->prim, first_prim);
                memcpy(ti->alt + first_prim, tmp, (size_t)m);
                ti->nalt = (uint8_t)(first_prim + m);
                /* pieces after this one are appended below */
            }
        } else if (have_alt) {
            if (ti->nalt + k <= NOMEN__RZ_MAX_SEQ) {
                memcpy(ti->alt + ti->nalt, ti->prim + first_prim, (size_t)k);
                ti->nalt = (uint8_t)(ti->nalt + k);
            } else {
                ti->nalt = 0;
                have_alt = false;
            }
        }
        i = j;
    }
    if (ti->n == 0)
        return 1;
    ti->kind = TK_LATIN;
    /* Surname likelihood: the whole token (hard boundaries removed) as a
     * spelling, then a single syllable whose reading is a surname. */
    char w[NOMEN__RZ_KEY_MAX];
    size_t wl = 0;
    for (int q = 0; q < n; q++)
        if (s[q] != '-' && s[q] != '|' && s[q] != ' ')
            w[wl++] = s[q];
    unsigned flags = 0;
    ti->score = 0;
    if (is_compound_latin(w, wl))
        ti->score = 4;
    else if (nomen__rz_lookup(w, wl, NULL, &flags)) {
        if (flags & NOMEN__RZ_SPF_SURNAME)
            ti->score = 3;
        else if (flags & NOMEN__RZ_SPF_SURNAME_X)
            ti->score = 2;
    }
    if (ti->score == 0 && ti->n == 1) {
        const nomen__rz_slot *sl = &o->slot[ti->prim[0]];
        for (int q = 0; q < sl->ncand; q++)
            if (sl->cand[q].weight >= 80 &&
                (nomen__rz_syl_flags[sl->cand[q].syl] & NOMEN__RZ_SYLF_SURNAME)) {
                ti->score = 1;
                break;
            }
    }
    if (ti->score == 0 && ti->n == 2) {
        /* A compound surname: both syllables' best readings form one. */
        /* (spelled joined, e.g. "sima"; caught by the spelling flags above) */
    }
    return 0;
}

/* ---- Han tokens ---------------------------------------------------------- */

static bool is_surname_char(uint32_t cp, uint16_t *syl, uint16_t *syl2)
{
    size_t lo = 0, hi = nomen__rz_nsurnames;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (nomen__rz_surnames[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < nomen__rz_nsurnames && nomen__rz_surnames[lo].cp == cp) {
        if (syl)
            *syl = nomen__rz_surnames[lo].syl;
        if (syl2)
            *syl2 = nomen__rz_surnames[lo].syl2;
        return true;
    }
    return false;
}

static const nomen__rz_compound *compound_of(uint32_t a, uint32_t b)
{
    for (size_t i = 0; i < nomen__rz_ncompounds; i++)
        if (nomen__rz_compounds[i].cp1 == a && nomen__rz_compounds[i].cp2 == b)
            return &nomen__rz_compounds[i];
    return NULL;
}

/* Decode UTF-8 (checked) into code points; returns the count or -1. */
static int decode(const char *s, size_t len, uint32_t *cps, int cap)
{
    int n = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        size_t l;
        if (c < 0x80) {
            cp = c;
            l = 1;
        } else if ((c & 0xE0) == 0xC0) {
            cp = c & 0x1Fu;
            l = 2;
        } else if ((c & 0xF0) == 0xE0) {
            cp = c & 0x0Fu;
            l = 3;
        } else if ((c & 0xF8) == 0xF0) {
            cp = c & 0x07u;
            l = 4;
        } else
            return -1;
        if (i + l > len)
            return -1;
        for (size_t k = 1; k < l; k++) {
            unsigned char d = (unsigned char)s[i + k];
            if ((d & 0xC0) != 0x80)
                return -1;
            cp = (cp << 6) | (d & 0x3Fu);
        }
        static const uint32_t minv[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < minv[l] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return -1;
        if (n >= cap)
            return -2;
        cps[n++] = cp;
        i += l;
    }
    return n;
}

/* Slots for Han characters. orig/simp are parallel arrays of code points. */
static int han_slots(builder *b, const uint32_t *orig, const uint32_t *simp, const uint8_t *tokof,
                     int n)
{
    nomen__rz_name *o = b->out;
    int nsur = 0;
    if (n >= 2 && compound_of(simp[0], simp[1]))
        nsur = 2;
    else if (n == 4 && is_surname_char(simp[0], NULL, NULL) && is_surname_char(simp[1], NULL, NULL))
        nsur = 2; /* married double surname: 林鄭月娥 */
    else if (n >= 1)
        nsur = 1;
    nomen__rz_variant *v = &o->var[0];
    v->n = 0;
    v->nsur = 0;
    v->penalty = 0;
    const nomen__rz_compound *cmp = nsur == 2 ? compound_of(simp[0], simp[1]) : NULL;
    for (int i = 0; i < n; i++) {
        uint16_t rd[12];
        int nr = nomen__rz_han_mandarin(orig[i], rd, 6);
        if (nr > 6)
            nr = 6;
        if (simp[i] != orig[i]) {
            uint16_t r2[6];
            int n2 = nomen__rz_han_mandarin(simp[i], r2, 6);
            for (int k = 0; k < n2 && k < 6; k++)
                rd[nr++] = r2[k];
        }
        uint16_t s1 = 0xFFFF, s2 = 0xFFFF;
        bool sur = i < nsur;
        if (sur) {
            if (cmp)
                s1 = i == 0 ? cmp->syl1 : cmp->syl2;
            else if (!is_surname_char(orig[i], &s1, &s2))
                is_surname_char(simp[i], &s1, &s2);
        }
        if (nr == 0 && s1 == 0xFFFF)
            continue; /* no reading: punctuation, kana ... */
        if (v->n >= NOMEN__RZ_MAX_SEQ)
            return -1;
        int si = new_slot(o, tokof[i]);
        if (si < 0)
            return -1;
        nomen__rz_slot *sl = &o->slot[si];
        sl->is_han = 1;
        sl->han = simp[i];
        size_t ul = nomen__rz_utf8_put(orig[i], sl->text);
        sl->text[ul] = '\0';
        /* Weights: a curated surname reading 100 (then the character's
         * preferred reading 70); otherwise the preferred (first) reading
         * 100 and the others 60: alternative readings are real but rarer. */
        if (s1 != 0xFFFF)
            slot_add(sl, s1, NOMEN__RZ_SYS_HAN_SURNAME, 100);
        if (s2 != 0xFFFF)
            slot_add(sl, s2, NOMEN__RZ_SYS_HAN_SURNAME, 95);
        for (int k = 0; k < nr; k++)
            slot_add(sl, rd[k], NOMEN__RZ_SYS_HAN,
                     (uint8_t)(k == 0 ? (s1 != 0xFFFF ? 70 : 100) : 60));
        v->slot[v->n++] = (uint8_t)si;
        if (sur)
            v->nsur++;
        if (o->han_key_len + 4 < NOMEN__RZ_HAN_KEY_MAX) {
            o->han_key_len = (uint8_t)(o->han_key_len +
                                       nomen__rz_utf8_put(simp[i], o->han_key + o->han_key_len));
            o->han_key[o->han_key_len] = '\0';
        }
    }
    if (v->n == 0)
        return 1;
    o->nvar = 1;
    o->order = NOMEN__RZ_ORDER_HAN;
    return 0;
}

static int do_han(builder *b, const nomen__rz_token *tok, size_t ntok)
{
    uint32_t orig[NOMEN__RZ_MAX_SEQ * 2], simp[NOMEN__RZ_MAX_SEQ * 2];
    uint8_t tokof[NOMEN__RZ_MAX_SEQ * 2];
    int n = 0;
    const int cap = NOMEN__RZ_MAX_SEQ * 2;
    for (size_t t = 0; t < ntok; t++) {
        if (!tok[t].han || tok[t].han_len == 0) {
            b->out->other |= UINT32_C(1) << t;
            continue;
        }
        int k = decode(tok[t].han, tok[t].han_len, orig + n, cap - n);
        if (k == -1)
            return NOMEN_ERR_UTF8;
        if (k < 0)
            return NOMEN_ERR_LIMIT;
        int ks = k;
        if (tok[t].han_simp && tok[t].han_simp_len) {
            ks = decode(tok[t].han_simp, tok[t].han_simp_len, simp + n, cap - n);
            if (ks == -1)
                return NOMEN_ERR_UTF8;
        }
        for (int i = 0; i < k; i++) {
            if (ks != k || !tok[t].han_simp)
                simp[n + i] = nomen__rz_han_simplify(orig[n + i]);
            tokof[n + i] = (uint8_t)t;
        }
        n += k;
    }
    int r = han_slots(b, orig, simp, tokof, n);
    if (r < 0)
        return NOMEN_ERR_LIMIT;
    return NOMEN_OK;
}

/* A name of 4-digit tokens only: Chinese Commercial Code. Returns 1 when it
 * is not one, else the status of reading the characters. */
static int do_telegraph(builder *b, const nomen__rz_token *tok, size_t ntok)
{
    uint32_t cps[NOMEN__RZ_MAX_TOKENS];
    uint8_t tokof[NOMEN__RZ_MAX_TOKENS];
    if (ntok < 1)
        return 1;
    for (size_t t = 0; t < ntok; t++) {
        if (tok[t].key_len != 4 || tok[t].han)
            return 1;
        unsigned code = 0;
        for (size_t i = 0; i < 4; i++) {
            char c = tok[t].key[i];
            if (c < '0' || c > '9')
                return 1;
            code = code * 10 + (unsigned)(c - '0');
        }
        cps[t] = nomen__rz_telegraph(code);
        if (cps[t] == 0)
            return 1;
        tokof[t] = (uint8_t)t;
    }
    uint32_t simp[NOMEN__RZ_MAX_TOKENS];
    for (size_t t = 0; t < ntok; t++)
        simp[t] = nomen__rz_han_simplify(cps[t]);
    int r = han_slots(b, cps, simp, tokof, (int)ntok);
    if (r < 0)
        return NOMEN_ERR_LIMIT;
    b->out->telegraph = 1;
    return NOMEN_OK;
}

/* Readings of a system that merges many syllables or is far from pinyin are
 * kept only when the name shows evidence of that system: a slot with no
 * exact pinyin reading that the system reads. Otherwise they are dropped.
 * Palladius: Чэнь Цюаньго arrives as "cen cuango" and c is ч or ц; evidence
 * go = 国, czin = 近; without it pinyin si would match xi through Си.
 * Vietnamese: Trần Toàn Quốc arrives as "tran toan quoc"; evidence tran,
 * quoc, vuong; without it an = 安 would read yan and more. */
static void evidence_filter(nomen__rz_name *o, unsigned sys)
{
    for (int i = 0; i < o->nslot; i++) {
        const nomen__rz_slot *sl = &o->slot[i];
        bool pinyin = false, found = false;
        for (int c = 0; c < sl->ncand; c++) {
            pinyin |= sl->cand[c].sys == NOMEN__RZ_SYS_PINYIN && sl->cand[c].weight == 100;
            found |= sl->cand[c].sys == sys;
        }
        if (found && !pinyin)
            return;
    }
    for (int i = 0; i < o->nslot; i++) {
        nomen__rz_slot *sl = &o->slot[i];
        int m = 0;
        for (int c = 0; c < sl->ncand; c++)
            if (sl->cand[c].sys != sys)
                sl->cand[m++] = sl->cand[c];
        sl->ncand = (uint8_t)m;
    }
}

static bool is_cantonese_family(unsigned sys)
{
    return sys == NOMEN__RZ_SYS_CANTONESE || sys == NOMEN__RZ_SYS_JYUTPING ||
           sys == NOMEN__RZ_SYS_CANTONESE_YALE || sys == NOMEN__RZ_SYS_MACAU;
}

/* The Cantonese route (readings of the characters a Cantonese spelling may
 * stand for, weights below 90) is lexical guesswork, so it applies only to
 * names that are not plain pinyin: some Latin slot with no exact pinyin
 * reading (kwok, cheung, lung, ch'en). In a name of pinyin syllables only
 * (Zhu Hailin, Fang Mingshan) the route readings are dropped, so that lin
 * does not meet lun through 鄰 (leon4) nor fang meet wang through hong; the
 * surname table (90: Chan = 陳, Pang = 彭) stays. Measured with the limit at
 * 50/70/80/85/90 on the OFAC cases and the surname corpus (docs/romanize.md):
 * 90 gives the fewest OFAC negatives (7/206) and cuts the ambiguity between
 * pinyin names from 1.2% to 0.27%, at the price of lone Hong Kong surnames
 * that are also pinyin syllables (Man, Kan) outside the surname table. */
#define ROUTE_KEEP_WEIGHT 90
static void cantonese_filter(nomen__rz_name *o)
{
    for (int i = 0; i < o->nslot; i++) {
        const nomen__rz_slot *sl = &o->slot[i];
        bool pinyin = false;
        for (int c = 0; c < sl->ncand; c++)
            pinyin |= sl->cand[c].sys == NOMEN__RZ_SYS_PINYIN && sl->cand[c].weight == 100;
        if (!pinyin && !sl->is_han)
            return;
    }
    for (int i = 0; i < o->nslot; i++) {
        nomen__rz_slot *sl = &o->slot[i];
        if (sl->is_han)
            continue;
        int m = 0;
        for (int c = 0; c < sl->ncand; c++)
            if (!is_cantonese_family(sl->cand[c].sys) || sl->cand[c].weight >= ROUTE_KEEP_WEIGHT)
                sl->cand[m++] = sl->cand[c];
        sl->ncand = (uint8_t)m;
    }
}

/* A name is usually written in one system. A syllable that only some
 * systems can spell (ch'en, hsieh, chün: Wade-Giles; kwok: Hong Kong) is
 * evidence for them, and then their readings get a bonus of SYSTEM_BONUS
 * in every slot of the name, so that Hsieh Chen-hua reads xie zhen hua and
 * not xie chen hua. The bonus only reorders candidates; sets do not change.
 * Evidence: a slot with no exact pinyin reading (weight 100) gives evidence
 * to each system with a reading of weight >= 90 there; the systems with the
 * most evidence win. */
#define SYSTEM_BONUS 5
static void system_bonus(nomen__rz_name *o)
{
    int count[NOMEN__RZ_NSYS] = {0};
    for (int i = 0; i < o->nslot; i++) {
        const nomen__rz_slot *sl = &o->slot[i];
        bool pinyin = false;
        for (int c = 0; c < sl->ncand; c++)
            if (sl->cand[c].sys == NOMEN__RZ_SYS_PINYIN && sl->cand[c].weight == 100)
                pinyin = true;
        if (pinyin)
            continue;
        uint32_t seen = 0;
        for (int c = 0; c < sl->ncand; c++)
            if (sl->cand[c].weight >= 90 && !(seen & (UINT32_C(1) << sl->cand[c].sys))) {
                seen |= UINT32_C(1) << sl->cand[c].sys;
                count[sl->cand[c].sys]++;
            }
    }
    /* Only the systems with the most evidence get the bonus (Lee Ka-chiu:
     * lee and chiu are both Cantonese, chiu alone could be Wade-Giles). */
    int best = 0;
    for (int s = 0; s < NOMEN__RZ_NSYS; s++)
        best = count[s] > best ? count[s] : best;
    if (best == 0)
        return;
    uint32_t ev = 0;
    for (int s = 0; s < NOMEN__RZ_NSYS; s++)
        if (count[s] == best)
            ev |= UINT32_C(1) << s;
    for (int i = 0; i < o->nslot; i++) {
        nomen__rz_slot *sl = &o->slot[i];
        for (int c = 0; c < sl->ncand; c++)
            if (ev & (UINT32_C(1) << sl->cand[c].sys))
                sl->cand[c].weight = (uint8_t)(sl->cand[c].weight + SYSTEM_BONUS);
        /* insertion sort by decreasing weight, stable */
        for (int c = 1; c < sl->ncand; c++) {
            nomen__rz_cand x = sl->cand[c];
            int j = c;
            while (j > 0 && sl->cand[j - 1].weight < x.weight) {
                sl->cand[j] = sl->cand[j - 1];
                j--;
            }
            sl->cand[j] = x;
        }
    }
}

/* ---- order and variants -------------------------------------------------- */

static bool add_variant(nomen__rz_name *o, const builder *b, const uint8_t *order, int k,
                        int nsur_tokens, bool use_alt, int penalty)
{
    if (o->nvar >= NOMEN__RZ_MAX_VARIANTS)
        return false;
    nomen__rz_variant *v = &o->var[o->nvar];
    v->n = 0;
    v->nsur = 0;
    v->penalty = (uint16_t)penalty;
    for (int q = 0; q < k; q++) {
        const tok_info *ti = &b->tk[order[q]];
        const uint8_t *sl = use_alt && ti->nalt ? ti->alt : ti->prim;
        int n = use_alt && ti->nalt ? ti->nalt : ti->n;
        if (v->n + n > NOMEN__RZ_MAX_SEQ)
            return false;
        memcpy(v->slot + v->n, sl, (size_t)n);
        v->n = (uint8_t)(v->n + n);
        if (q < nsur_tokens)
            v->nsur = v->n;
    }
    /* A single token with the surname inside (ChenQuanguo, CHENQUANGUO):
     * the first syllable, or a compound, is the surname. */
    if (k == 1 && v->n > 1 && v->nsur == v->n && !b->tk[order[0]].comma)
        v->nsur = 1;
    o->nvar++;
    return true;
}

int nomen__rz_romanize(const nomen__rz_token *tok, size_t ntok, nomen__rz_name *out)
{
    return nomen__rz_romanize_sys(tok, ntok, NOMEN__RZ_ALL_SYSTEMS, out);
}

int nomen__rz_romanize_sys(const nomen__rz_token *tok, size_t ntok, uint32_t systems,
                           nomen__rz_name *out)
{
    if (!out || (!tok && ntok))
        return NOMEN_ERR_INVALID_ARG;
    out->nslot = out->nvar = 0;
    out->order = NOMEN__RZ_ORDER_NONE;
    out->telegraph = 0;
    out->other = 0;
    out->han_key_len = 0;
    out->han_key[0] = '\0';
    if (ntok > NOMEN__RZ_MAX_TOKENS)
        return NOMEN_ERR_LIMIT;
    for (size_t t = 0; t < ntok; t++)
        if (!tok[t].key && tok[t].key_len)
            return NOMEN_ERR_INVALID_ARG;
    builder b;
    b.out = out;
    b.systems =
        systems | NOMEN__RZ_SYSBIT(NOMEN__RZ_SYS_HAN) | NOMEN__RZ_SYSBIT(NOMEN__RZ_SYS_HAN_SURNAME);

    bool any_han = false;
    for (size_t t = 0; t < ntok; t++)
        if (tok[t].han && tok[t].han_len)
            any_han = true;
    if (any_han)
        return do_han(&b, tok, ntok);
    int r = do_telegraph(&b, tok, ntok);
    if (r != 1)
        return r;

    uint8_t chin[NOMEN__RZ_MAX_TOKENS];
    int k = 0;
    for (size_t t = 0; t < ntok; t++) {
        tok_info *ti = &b.tk[t];
        ti->kind = TK_OTHER;
        ti->n = ti->nalt = 0;
        ti->score = 0;
        ti->comma = tok[t].comma;
        int lr = tok[t].key ? latin_token(&b, t, &tok[t]) : 1;
        if (lr < 0)
            return NOMEN_ERR_LIMIT;
        if (lr > 0 || ti->kind != TK_LATIN) {
            out->other |= UINT32_C(1) << t;
            continue;
        }
        chin[k++] = (uint8_t)t;
    }
    /* A Western given name in front: three or more syllables, not a surname,
     * and at least two more Chinese tokens after it. */
    if (k >= 3 && chin[0] == 0 && b.tk[0].n >= 3 && b.tk[0].score == 0 && !b.tk[0].comma) {
        out->other |= 1u;
        memmove(chin, chin + 1, (size_t)(k - 1));
        k--;
    }
    if (k == 0)
        return NOMEN_OK;
    /* A token written in Cyrillic, or with Vietnamese letters, is evidence
     * enough for its system. */
    bool cyr = false, viet = false;
    for (size_t t = 0; t < ntok; t++) {
        cyr |= tok[t].hint == NOMEN__RZ_HINT_CYRILLIC;
        viet |= tok[t].hint == NOMEN__RZ_HINT_VIETNAMESE;
    }
    if (!cyr)
        evidence_filter(out, NOMEN__RZ_SYS_PALLADIUS);
    if (!viet)
        evidence_filter(out, NOMEN__RZ_SYS_VIETNAMESE);
    cantonese_filter(out);
    system_bonus(out);

    uint8_t ordA[NOMEN__RZ_MAX_TOKENS], ordB[NOMEN__RZ_MAX_TOKENS];
    int nsurA = 1, nsurB = 1;
    bool haveB = false;
    int comma_at = -1;
    for (int q = 0; q < k; q++)
        if (b.tk[chin[q]].comma) {
            comma_at = q;
            break;
        }
    memcpy(ordA, chin, (size_t)k);
    if (comma_at >= 0 && comma_at < k - 1) {
        out->order = NOMEN__RZ_ORDER_COMMA;
        nsurA = comma_at + 1;
    } else if (k == 1) {
        out->order = NOMEN__RZ_ORDER_GUESS;
        nsurA = 1;
    } else {
        int sf = b.tk[chin[0]].score, sl = b.tk[chin[k - 1]].score;
        /* the given-first order: last token moved to the front */
        ordB[0] = chin[k - 1];
        memcpy(ordB + 1, chin, (size_t)(k - 1));
        if (sl > sf) {
            out->order = NOMEN__RZ_ORDER_GIVEN_FIRST;
            uint8_t tmp[NOMEN__RZ_MAX_TOKENS];
            memcpy(tmp, ordA, (size_t)k);
            memcpy(ordA, ordB, (size_t)k);
            memcpy(ordB, tmp, (size_t)k);
            haveB = true; /* the written order stays a variant */
        } else {
            out->order = sf > sl ? NOMEN__RZ_ORDER_SURNAME_FIRST : NOMEN__RZ_ORDER_GUESS;
            haveB = true;
            /* Married double surname: Lam Cheng Yuet-ngor (two surname
             * spellings, then a given name). */
            if (k >= 3 && sf >= 3 && b.tk[chin[1]].score >= 3 && b.tk[chin[k - 1]].n >= 2)
                nsurA = 2;
        }
    }
    add_variant(out, &b, ordA, k, nsurA, false, 0);
    bool alt = false;
    for (int q = 0; q < k; q++)
        if (b.tk[chin[q]].nalt)
            alt = true;
    if (alt)
        add_variant(out, &b, ordA, k, nsurA, true, PENALTY_ALT_PARSE);
    if (haveB) {
        add_variant(out, &b, ordB, k, nsurB, false, PENALTY_ALT_ORDER);
        if (alt)
            add_variant(out, &b, ordB, k, nsurB, true, PENALTY_ALT_ORDER + PENALTY_ALT_PARSE);
    }
    return NOMEN_OK;
}
