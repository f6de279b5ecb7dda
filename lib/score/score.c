/*
 * score.c: name scores and secondary evidence (score stage). See score.h for
 * the two views of a name; this file holds every constant of the scoring, each
 * with its reason. The figures that test them are in tests/quality/ and
 * docs/scoring.md.
 *
 * Invariants: scores are in [0, 1]; a name compared with itself scores 1;
 * scoring is symmetric in token order (any permutation of the query's tokens
 * gives the same token-view score) because pairs are chosen by value, with
 * ties broken by position only.
 */
#include "score/score.h"

#include <stdlib.h>
#include <string.h>

/* ---- constants ---------------------------------------------------------- */

/* The similarity curve. A token pair at or above SIM_FULL counts at its
 * similarity: one typo in a 7-letter name (Guanguo for Quanguo) is 0.90 by
 * Jaro-Winkler. Below SIM_FLOOR two tokens are different names (Zhang/Chen
 * 0.63, Chen/Xiaoming 0.44). Between, the contribution falls steeply to 0, so
 * that "almost the same name" cannot add up to a hit over several tokens. */
#define SIM_FULL  0.88
#define SIM_FLOOR 0.72
/* Tokens of at most SHORT_CP code points (Li, Wu, Ng, Ali) differ by one
 * letter from many other real names: their edit similarity is discounted. */
#define SHORT_CP     3
#define SHORT_FACTOR 0.85
/* From this length on, edit similarity is Levenshtein only. Long tokens are
 * mostly names written together (chenquanguo, from 陈全国 or ChenQuanguo),
 * where Jaro-Winkler's shared-prefix reward and its wide matching window make
 * reordered syllables look alike (chenguoquan ~ chenquanguo is 0.94 by JW,
 * 0.45 by Levenshtein); a single typo in a long token costs little under
 * Levenshtein anyway (1/9 = 0.11). */
#define LONG_CP 9
/* Two tokens with the same Double Metaphone code (Hsieh/Xie, Hsu/Xu,
 * Mohamed/Muhammad) sound alike in English-based spelling even when their
 * letters differ; that is worth this similarity, below SIM_FULL: sound alone
 * never makes a full match (Smith/Schmidt share a code). Not between two
 * tokens that both read as pinyin (is_pinyin). */
#define PHONETIC_SIM 0.86
/* A token written in Arabic or Hebrew script reaches Latin without its
 * short vowels (حسن -> hsn); the same consonants as a list token (HASAN) is
 * the best evidence that spelling can give: counted just above SIM_FULL when
 * the skeleton has three consonants or more; two (وسام "sm" ~ Waseem, but
 * also ~ Sami, Osama ...) prove less. */
#define SKELETON_SIM       0.90
#define SKELETON_SHORT_SIM 0.80
/* Two tokens written in Latin letters, not both pinyin, that sound the same
 * (Double Metaphone) and differ only in their vowel letters, every run of
 * vowels in the same place between the same consonants (vowel_frame):
 * Hezbollah/Hizballah. Transliterations of Arabic and Persian names choose
 * the short vowels the script does not write, so this is the skeleton
 * evidence again, counted as SKELETON_SIM when the frame has at least
 * VOWEL_FRAME_MIN consonants. With 3 or 4 the frame is a common shape, not
 * a name: Tung met TANG, Mohammad Zarif met ARIF, Said Mohamed; and without
 * the Latin-only rule names in Han and Hangul script (read through ICU:
 * galsuin ~ GOLSAN) got 13 and 13 more hits in
 * bench/screen/innocent_names.py (zh_CN 36 -> 49, ko 5 -> 18). With 5 and
 * Latin tokens only: no change there, nor on the labelled negatives. */
#define VOWEL_FRAME_MIN 5
/* In a Korean name (a Korean record, or a query in Hangul), two tokens with
 * the same Korean form (nomen__ix_korean: Gim/Kim, Jeong/Jong/Chong,
 * Choi/Choe) are the same name in another romanization: just above SIM_FULL,
 * like a consonant skeleton. Whole names with the same Korean form written
 * together (김정은 as gimjeongeun, Gim Jeong-eun, KIM Jong Un) score
 * KOREAN_WHOLE_SIM. */
#define KOREAN_SIM       0.90
#define KOREAN_WHOLE_SIM 0.95
/* An initial (J) against a name that starts with it (John) is consistent
 * with it: the pair counts, but a query initial weighs only INITIAL_WEIGHT of
 * a name, found or not ("Emmerson D. Mnangagwa" must still meet "MNANGAGWA,
 * Emmerson Dambudzo", and an unmatched initial must not sink a match). */
#define INITIAL_SIM    0.90
#define INITIAL_WEIGHT 0.2
/* Family-name tokens of the list weigh this much more: a different surname is
 * a different person (nomenklatura's logic-v2 uses 1.3 for the same reason). */
#define FAMILY_BOOST 1.3
/* What unmatched tokens cost, relative to their weight. A query token that the
 * list name lacks costs more (0.8) than a list token the query lacks (0.4):
 * lists carry long full names (patronymics, second given names) that payment
 * messages drop, while a query token with no counterpart is information
 * against the match. */
#define UNMATCHED_QUERY 0.8
#define UNMATCHED_LIST  0.4
/* When a single token is all that matches a list name of several tokens
 * ("Smith" against "SMITH, John"), the match rests on one word: scale it so
 * that a lone surname or given name stays below the default threshold, as a
 * screening of "Smith" must not flag every Smith on the list. */
#define SINGLE_TOKEN_FACTOR 0.85
/* The syllable view: a candidate reading of the query's weight (0..100 from
 * the romanizer) at or above RZ_W_FULL counts fully, at or below RZ_W_NONE not
 * at all, linearly between. Readings a romanization system gives for a
 * spelling weigh 80 to 100 (Chan -> chen 95, Chuen -> quan 84); below 60 are
 * the long tails of homophones (Macau Un -> wan 49), which count little. The
 * Sino-Vietnamese readings top out at 80 (Tran Toan Quoc -> chen quan guo)
 * and the Cantonese reading a given name needs is often far down the list
 * (Wai -> hui 50, for 慧 in LUO Huining): 25 rather than 40 for RZ_W_NONE took
 * the labelled recall from 0.966 to 0.977 on both sets with no more false hits
 * on their negatives, and 2 more hits on 16,000 random innocent Chinese,
 * Vietnamese and Korean names (docs/scoring.md). The index keeps candidates
 * by rank only, each rank below the first costing 5%. */
#define RZ_W_FULL    90.0
#define RZ_W_NONE    25.0
#define RZ_RANK_STEP 0.05
/* Two spellings that meet only on a secondary reading of each (Korean Un and
 * Cantonese Man both read wen by some system) are two guesses stacked: the
 * pair counts this much of what it would count otherwise. Without it Kim
 * Chong-un met KIM, Jong Man at 0.82. */
#define RZ_BOTH_SECONDARY 0.75
/* A variant of lower rank (an apostrophe-dropping parse, the other name
 * order) costs this per 100 points of the romanizer's penalty. */
#define RZ_VARIANT_COST 0.05
/* When the surnames do not match, the person is someone else, however well
 * the given names agree (Zhang Quanguo is not Chen Quanguo). */
#define RZ_SURNAME_MISMATCH 0.80
/* When both names read wholly as Chinese, their surnames disagree syllable
 * by syllable (张 Zhang, 郑 Zheng) and the token view matched the family name
 * only by resemblance of letters (Jaro-Winkler puts Zhang/Zheng at 0.89), the
 * token view is held to at most the syllable view plus this margin. Only
 * when both surnames are spelled as Chinese, every syllable by a reading of
 * RZ_W_FULL or more (a system's spelling, the surname table, a character):
 * a surname that reads as Chinese only through the Cantonese route's
 * guesses (JAMMEH as jam-meh, Jameh as ja-meh) is not shown to be another
 * Chinese surname by its syllables, and its letters are the evidence. */
#define RZ_SURNAME_CAP_MARGIN 0.10
/* List names that mix Chinese and other tokens (John LEE Ka-chiu) are
 * compared on their Chinese syllables only; that proves a little less. When
 * two tokens or more are not Chinese, or only one token is, the Chinese part
 * is a fragment of the name, often not Chinese at all (MAKKI, Abdulrahman
 * reads Mak-ki, which met Bai Qi at 0.87; KRADUMPORN, Chinwong met Huang
 * Jing): those names are compared by their tokens only. */
#define RZ_OTHER_FACTOR 0.92

/* Secondary evidence factors (nomenklatura's logic-v2 subtracts 0.15 to 0.25
 * for a date-of-birth contradiction and 0.2 for a country mismatch; these are
 * the multiplicative equivalents near the threshold). */
#define DOB_EXACT        1.06
#define DOB_MONTH        1.04
#define DOB_YEAR         1.02
#define DOB_DAY_CONFLICT 0.93 /* same year, another month or day */
#define DOB_NEAR         0.90 /* one year off: a common data-entry slip */
#define DOB_CONFLICT     0.75 /* two years or more off */
#define DOB_CIRCA_YEARS  2    /* "circa 1960" covers 1958..1962 */
#define COUNTRY_AGREE    1.02
#define COUNTRY_CONFLICT 0.95 /* weak: people move and hold several nationalities */
#define TYPE_CONFLICT    0.70 /* an individual is not a company */

/* ---- scorer cache ------------------------------------------------------- */

int nomen__scorer_init(nomen__scorer *s)
{
    memset(s, 0, sizeof(*s));
    s->cache_cap = 4096;
    s->cache = nomen__calloc(s->cache_cap, sizeof(*s->cache));
    if (!s->cache)
        return NOMEN_ERR_NOMEM;
    s->stamp = 1;
    nomen__jw_params_init(&s->jw);
    return NOMEN_OK;
}

void nomen__scorer_free(nomen__scorer *s)
{
    nomen__free(s->cache);
    nomen__free(s->rzv);
    memset(s, 0, sizeof(*s));
}

void nomen__scorer_reset(nomen__scorer *s)
{
    if (++s->stamp == 0) {
        memset(s->cache, 0, s->cache_cap * sizeof(*s->cache));
        memset(s->rzv_stamp, 0, sizeof s->rzv_stamp);
        s->stamp = 1;
    }
}

/* ---- query preparation -------------------------------------------------- */

static bool is_digits(const uint32_t *cp, size_t n);
static bool is_pinyin(const char *s, size_t n);

/* German, Dutch and Polish spellings write w for the v of English ones
 * (Lawrow, Wiktor, Wolkow for Lavrov, Viktor, Volkov), and Double Metaphone
 * reads a w inside a name as a vowel glide (Lawrow LRF, Lavrov LFRF): a
 * query token in Latin letters with a w, not pinyin, also gets the code of
 * its spelling with v, compared and probed like its own (dmw). An initial
 * W already has F among its codes. */
static void w_as_v(nomen__qtok *t, int script)
{
    t->dmw[0] = '\0';
    if (script != NOMEN_SCRIPT_LATIN || t->pinyin || t->keylen >= 64 ||
        !memchr(t->key, 'w', t->keylen))
        return;
    char v[64], a[16];
    for (size_t k = 0; k < t->keylen; k++)
        v[k] = t->key[k] == 'w' ? 'v' : t->key[k];
    nomen__ix_phonetic(v, t->keylen, t->ncp, t->dmw, a);
    if (strcmp(t->dmw, t->dm1) == 0 || strcmp(t->dmw, t->dm2) == 0)
        t->dmw[0] = '\0';
}

/* The per-token distance queries a prepared name keeps (built on first use). */
static void release_dist_queries(nomen__qname *q)
{
    for (size_t i = 0; i < NOMEN__SC_MAX_TOK; i++) {
        if (q->dq_ready[i]) {
            nomen__dist_query_free(&q->dq[i]);
            q->dq_ready[i] = false;
        }
        if (q->jready[i]) {
            nomen__dist_query_free(&q->jdq[i]);
            q->jready[i] = false;
        }
    }
}

void nomen__qname_free(nomen__qname *q)
{
    release_dist_queries(q);
    nomen__analysis_free(&q->an);
}

int nomen__qname_prepare(nomen__qname *q, nomen__norm *nz, const nomen__index *ix, const char *name,
                         size_t len, nomen__err *err)
{
    release_dist_queries(q);
    q->ntok = 0;
    q->wsum = 0;
    q->hangul = false;
    q->korean = false;
    q->ko_whole[0] = '\0';
    q->dob_year = q->dob_month = q->dob_day = 0;
    q->country[0] = '\0';
    q->type = NOMEN_SUBJECT_ANY;
    int rc = nomen__analyze(nz, name, len, &q->an, err);
    if (rc)
        return rc;
    size_t n = q->an.toks.n < NOMEN__SC_MAX_TOK ? q->an.toks.n : NOMEN__SC_MAX_TOK;
    for (size_t i = 0; i < n; i++) {
        nomen__qtok *t = &q->tok[i];
        t->key = nomen__tok_key(&q->an.toks, i);
        t->keylen = q->an.toks.tok[i].key_len;
        size_t ncp = nomen__utf8_decode(t->key, t->keylen, t->cp, NOMEN__SC_MAX_CP);
        t->ncp = ncp < NOMEN__SC_MAX_CP ? ncp : NOMEN__SC_MAX_CP;
        uint32_t np = 0;
        const uint32_t *pl = nomen__index_lookup(ix, NOMEN__KEY_TOKEN, t->key, t->keylen, &np);
        if (pl && np == 1 && pl[0] < ix->ntok &&
            strcmp(nomen__ix_str(ix, ix->tok[pl[0]].key), t->key) == 0) {
            t->dict = pl[0];
            t->weight = (double)ix->tok[pl[0]].weight;
        } else {
            /* A token no list name has is as rare as a token can be, unless
             * it is a legal form or a function word. */
            t->dict = -1;
            t->weight =
                nomen__ix_is_stopword(t->key, t->keylen) ? (double)NOMEN__IX_STOP_WEIGHT : 1.0;
        }
        if (t->ncp == 1 && !is_digits(t->cp, 1))
            t->weight *= INITIAL_WEIGHT;
        nomen__ix_phonetic(t->key, t->keylen, t->ncp, t->dm1, t->dm2);
        int script = q->an.toks.tok[i].script;
        t->pinyin = is_pinyin(t->key, t->keylen);
        w_as_v(t, script);
        t->particle = (int8_t)nomen__ix_particle(t->key, t->keylen, NULL);
        t->article = nomen__ix_is_article(t->key, t->keylen);
        t->skel[0] = '\0';
        if (script == NOMEN_SCRIPT_ARABIC || script == NOMEN_SCRIPT_HEBREW)
            nomen__ix_skeleton(t->key, t->keylen, t->skel, sizeof t->skel);
        t->ko[0] = '\0';
        if (script == NOMEN_SCRIPT_HANGUL)
            q->hangul = true;
        nomen__dist_query_init(&q->dq[i], t->cp, t->ncp); /* <= 64 code points: cannot fail */
        q->dq_ready[i] = true;
        q->wsum += t->weight;
    }
    q->ntok = n;
    /* Korean forms are compared when the query is in Hangul, or is not
     * wholly pinyin: a pinyin name (Li Yong, Chang Jun) is read as Chinese,
     * and its Korean form would meet Korean names it has nothing to do with
     * (RI, Myong Hun; CHONG CHON GANG): 26 more hits on 10,000 random pinyin
     * names (bench/screen/innocent_names.py). */
    bool all_pinyin = n > 0;
    for (size_t i = 0; i < n; i++)
        all_pinyin = all_pinyin && q->tok[i].pinyin;
    q->korean = q->hangul || !all_pinyin;
    /* The Korean forms of the tokens, and of the whole name written
     * together. */
    if (q->korean) {
        const char *keys[NOMEN__SC_MAX_TOK];
        size_t lens[NOMEN__SC_MAX_TOK];
        for (size_t i = 0; i < n; i++) {
            nomen__ix_korean(q->tok[i].key, q->tok[i].keylen, q->tok[i].ko, sizeof q->tok[i].ko);
            keys[i] = q->tok[i].key;
            lens[i] = q->tok[i].keylen;
        }
        nomen__ix_korean_join(keys, lens, n, q->ko_whole, sizeof q->ko_whole);
    }
    /* Adjacent query tokens written together, preprocessed once. */
    for (size_t i = 0; i + 1 < n; i++) {
        size_t m = 0;
        for (size_t k = 0; k < q->tok[i].ncp && m < NOMEN__SC_MAX_CP; k++)
            q->jcp[i][m++] = q->tok[i].cp[k];
        for (size_t k = 0; k < q->tok[i + 1].ncp && m < NOMEN__SC_MAX_CP; k++)
            q->jcp[i][m++] = q->tok[i + 1].cp[k];
        q->jn[i] = m;
        nomen__dist_query_init(&q->jdq[i], q->jcp[i], m); /* <= 64: cannot fail */
        q->jready[i] = true;
    }
    return NOMEN_OK;
}

int nomen__qname_set_dob(nomen__qname *q, const char *s, size_t n, nomen__err *err)
{
    int y = 0, m = 0, d = 0;
    size_t i = 0;
    int *parts[3] = {&y, &m, &d};
    int widths[3] = {4, 2, 2};
    for (int p = 0; p < 3; p++) {
        if (p > 0) {
            if (i == n)
                break;
            if (s[i] != '-')
                goto bad;
            i++;
        }
        int v = 0;
        for (int k = 0; k < widths[p]; k++, i++) {
            if (i >= n || s[i] < '0' || s[i] > '9')
                goto bad;
            v = v * 10 + (s[i] - '0');
        }
        *parts[p] = v;
    }
    if (i != n || y < 1000 || m > 12 || d > 31 || (d && !m))
        goto bad;
    q->dob_year = y;
    q->dob_month = m;
    q->dob_day = d;
    return NOMEN_OK;
bad:
    return nomen__err_set(err, NOMEN_ERR_INVALID_ARG,
                          "date of birth \"%.*s\": expected YYYY, YYYY-MM or YYYY-MM-DD",
                          (int)(n > 40 ? 40 : n), s);
}

void nomen__qname_set_country(nomen__qname *q, const char *s, size_t n)
{
    const char *iso = nomen__country_iso2(s, n);
    q->country[0] = '\0';
    if (iso && iso[0]) {
        q->country[0] = iso[0];
        q->country[1] = iso[1];
        q->country[2] = '\0';
    }
}

/* ---- token view --------------------------------------------------------- */

static double curve(double s)
{
    if (s >= SIM_FULL)
        return s;
    if (s < SIM_FLOOR)
        return 0;
    return s * (s - SIM_FLOOR) / (SIM_FULL - SIM_FLOOR);
}

static bool is_digits(const uint32_t *cp, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cp[i] < '0' || cp[i] > '9')
            return false;
    return n > 0;
}

/* Edit similarity of two code-point strings: the better of Jaro-Winkler
 * (which rewards a shared start, as names tend to keep) and normalized
 * optimal-string-alignment distance (Levenshtein with adjacent transpositions
 * as one edit: Deripsaka/Deripaska is one slip; every position alike, so a
 * changed first letter costs no more than any other: Guanguo/Quanguo). */
static double edit_sim(nomen__scorer *s, nomen__dist_query *dq, const uint32_t *a, size_t an,
                       const uint32_t *b, size_t bn, uint8_t *how)
{
    *how = NOMEN__HOW_EDIT;
    if (an == bn && memcmp(a, b, an * sizeof(uint32_t)) == 0) {
        *how = NOMEN__HOW_EXACT;
        return 1.0;
    }
    if (an == 0 || bn == 0)
        return 0;
    if (is_digits(a, an) || is_digits(b, bn))
        return 0; /* numbers match exactly or not at all */
    if ((an == 1 || bn == 1) && a[0] == b[0]) {
        *how = NOMEN__HOW_INITIAL;
        return INITIAL_SIM;
    }
    size_t maxlen = an > bn ? an : bn, minlen = an < bn ? an : bn;
    /* Lengths apart by more than half: not the same name, whatever the
     * metrics say (Jaro-Winkler's prefix reward puts Abdul/Abdulrahman at
     * 0.89). Skipping them is also most of the scorer's speed on long names. */
    if (2 * minlen < maxlen)
        return 0;
    /* Jaro-Winkler for tokens shorter than LONG_CP; then OSA, with a cutoff
     * at the edits that would still beat both Jaro-Winkler and the floor. */
    double jw = 0;
    bool use_jw = maxlen < LONG_CP;
    if (use_jw) {
        if (dq) {
            jw = nomen__jw_query_similarity(dq, b, bn, &s->jw, 0.0);
        } else {
            nomen__metric_opts o;
            nomen__metric_opts_init(&o, NOMEN__METRIC_JARO_WINKLER);
            o.jw = s->jw;
            if (nomen__compare(&o, NOMEN__KIND_NORM_SIMILARITY, a, an, b, bn, 0.0, &jw))
                jw = 0;
        }
    }
    double beat = jw > SIM_FLOOR ? jw : SIM_FLOOR;
    size_t cutoff = (size_t)((1.0 - beat) * (double)maxlen);
    size_t edits;
    if (dq) {
        edits = nomen__osa_query_distance(dq, b, bn, cutoff);
    } else {
        nomen__metric_opts o;
        nomen__metric_opts_init(&o, NOMEN__METRIC_OSA);
        double dd = (double)maxlen;
        if (nomen__compare(&o, NOMEN__KIND_DISTANCE, a, an, b, bn, (double)cutoff, &dd))
            dd = (double)maxlen;
        edits = (size_t)dd;
    }
    double levsim = edits > cutoff ? 0.0 : 1.0 - (double)edits / (double)maxlen;
    double sim = (use_jw && jw > levsim) ? jw : levsim;
    if (an <= SHORT_CP || bn <= SHORT_CP)
        sim *= SHORT_FACTOR;
    return sim;
}

/* The similarity cache: open addressing over a probe window of 8 slots,
 * keyed by (query token, dictionary token); slots of an older query are
 * stale by their stamp, so a new query clears nothing. Query keys below 32
 * are tokens, 32 + i the join of tokens i and i + 1. */
static size_t cache_home(const nomen__scorer *s, uint8_t q, uint32_t tid)
{
    uint64_t h = ((uint64_t)tid * 0x9e3779b97f4a7c15ull) ^ (q * 0xbf58476d1ce4e5b9ull);
    return (size_t)(h >> 20) & (s->cache_cap - 1);
}

static bool cache_find(const nomen__scorer *s, uint8_t q, uint32_t tid, double *sim, uint8_t *how)
{
    size_t mask = s->cache_cap - 1, at = cache_home(s, q, tid);
    for (size_t probe = 0; probe < 8; probe++, at = (at + 1) & mask) {
        const struct simslot *c = &s->cache[at];
        if (c->stamp != s->stamp)
            return false;
        if (c->tid == tid && c->q == q) {
            *how = c->how;
            *sim = (double)c->sim;
            return true;
        }
    }
    return false;
}

/* Store in the first free (or stale) slot of the window; a full window
 * stores nothing (the pair is recomputed when met again). */
static void cache_store(nomen__scorer *s, uint8_t q, uint32_t tid, double sim, uint8_t how)
{
    size_t mask = s->cache_cap - 1, at = cache_home(s, q, tid);
    for (size_t probe = 0; probe < 8; probe++, at = (at + 1) & mask) {
        struct simslot *c = &s->cache[at];
        if (c->stamp != s->stamp) {
            c->stamp = s->stamp;
            c->tid = tid;
            c->q = q;
            c->sim = (float)sim;
            c->how = how;
            return;
        }
    }
}

/* Whether a token key reads wholly as pinyin syllables. Double Metaphone
 * keeps the consonants of a name, and pinyin names differ mostly in their
 * vowels (Qingyu and Quanguo are both KNK): two pinyin tokens are compared
 * as syllables (the syllable view), never by that code. */
static bool is_pinyin(const char *s, size_t n)
{
    if (n == SIZE_MAX)
        n = strlen(s);
    if (n == 0 || n > 48)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return false;
    uint8_t ends[24];
    int cost;
    return nomen__rz_segment_sys(s, n, NOMEN__RZ_SYSBIT(NOMEN__RZ_SYS_PINYIN), ends, 24, &cost,
                                 NULL, NULL) > 0;
}

/* The number of consonants when keys a and b (ASCII letters) have the same
 * consonants, doubled ones collapsed, with a run of vowels (the letters the
 * skeleton leaves out) in the same places, else 0. */
static size_t vowel_frame(const char *a, const char *b)
{
    size_t nc = 0;
    while (*a || *b) {
        bool va = nomen__ix_skel_vowel(*a), vb = nomen__ix_skel_vowel(*b);
        if (va != vb || (!va && *a != *b) || *a < 'a' || *a > 'z' || *b < 'a' || *b > 'z')
            return 0;
        char ca = *a++, cb = *b++;
        if (va) {
            while (nomen__ix_skel_vowel(*a))
                a++;
            while (nomen__ix_skel_vowel(*b))
                b++;
        } else {
            nc++;
            while (*a == ca)
                a++;
            while (*b == cb)
                b++;
        }
    }
    return nc;
}

/* Similarity of query token qi and dictionary token tid, cached per query. */
static double tok_sim(nomen__scorer *s, const nomen__index *ix, nomen__qname *q, size_t qi,
                      uint32_t tid, uint8_t *how)
{
    if (q->tok[qi].dict == (int64_t)tid) {
        *how = NOMEN__HOW_EXACT;
        return 1.0;
    }
    double cached;
    if (cache_find(s, (uint8_t)qi, tid, &cached, how))
        return cached;
    const nomen__ix_tok *t = &ix->tok[tid];
    size_t n = t->ncp < NOMEN__SC_MAX_CP ? t->ncp : NOMEN__SC_MAX_CP;
    double sim = edit_sim(s, &q->dq[qi], q->tok[qi].cp, q->tok[qi].ncp, ix->u32 + t->cps, n, how);
    if (sim >= SIM_FLOOR && *how == NOMEN__HOW_EDIT) {
        /* Two tokens are the same name when they are equal, sound the same
         * (below), or are one edit apart (OSA: a substitution, insertion,
         * deletion or transposition) with four code points or more; the
         * metrics then say how alike. Pairs further apart do not count,
         * however alike Jaro-Winkler calls them (Patriia/Patris 0.91,
         * Maria/Martha 0.87): they are different names far more often than
         * typos, and they are exactly the pairs the index's deletion keys
         * cannot retrieve, so the scorer and candidate generation agree.
         * This gate comes before the sound and skeleton tests: a pair two
         * edits apart that Jaro-Winkler already puts at PHONETIC_SIM or
         * above (Poutine/Putin 0.88, Oussama/Usama) must still count by
         * its sound, not drop to 0. */
        size_t qn = q->tok[qi].ncp;
        bool near =
            qn >= 4 && n >= 4 && nomen__osa_query_distance(&q->dq[qi], ix->u32 + t->cps, n, 1) <= 1;
        /* A query token in Han characters is keyed by its characters'
         * readings: one letter off is another character, so another name
         * (安珈 anjia is not ANDIA); its spellings in other systems are the
         * syllable view's to find. */
        if (!near || q->an.toks.tok[qi].script == NOMEN_SCRIPT_HAN)
            sim = 0;
    }
    if (sim < PHONETIC_SIM && q->tok[qi].dm1[0] && t->dm1) {
        const char *e1 = nomen__ix_str(ix, t->dm1), *e2 = t->dm2 ? nomen__ix_str(ix, t->dm2) : "";
        const nomen__qtok *qt = &q->tok[qi];
        if ((strcmp(qt->dm1, e1) == 0 || (e2[0] && strcmp(qt->dm1, e2) == 0) ||
             (qt->dm2[0] && (strcmp(qt->dm2, e1) == 0 || (e2[0] && strcmp(qt->dm2, e2) == 0))) ||
             (qt->dmw[0] && (strcmp(qt->dmw, e1) == 0 || (e2[0] && strcmp(qt->dmw, e2) == 0)))) &&
            !(qt->pinyin && is_pinyin(nomen__ix_str(ix, t->key), SIZE_MAX))) {
            sim = PHONETIC_SIM;
            *how = NOMEN__HOW_PHONETIC;
            if (!qt->pinyin && q->an.toks.tok[qi].script == NOMEN_SCRIPT_LATIN &&
                vowel_frame(qt->key, nomen__ix_str(ix, t->key)) >= VOWEL_FRAME_MIN) {
                sim = SKELETON_SIM;
                *how = NOMEN__HOW_SKELETON;
            }
        }
    }
    if (sim < SKELETON_SIM && q->tok[qi].skel[0]) {
        char sk[64];
        const char *key = nomen__ix_str(ix, t->key);
        size_t skl = nomen__ix_skeleton(key, strlen(key), sk, sizeof sk);
        double v = skl >= 3 ? SKELETON_SIM : SKELETON_SHORT_SIM;
        /* Only ever raises: the letters may already say more (asama from
         * أسامة is 0.87 to Usama by Jaro-Winkler, above the short 0.80). */
        if (skl && v > sim && strcmp(sk, q->tok[qi].skel) == 0) {
            sim = v;
            *how = NOMEN__HOW_SKELETON;
        }
    }
    int pc = q->tok[qi].particle;
    if (pc && sim < 1.0 && t->ncp <= 4) { /* no particle is longer */
        /* One Arabic particle in two spellings (Ben/BIN, بن/BIN). */
        const char *key = nomen__ix_str(ix, t->key);
        if (nomen__ix_particle(key, strlen(key), NULL) == pc) {
            sim = 1.0;
            *how = NOMEN__HOW_SKELETON;
        }
    }
    cache_store(s, (uint8_t)qi, tid, sim, *how);
    return sim;
}

/* The edit similarity of query tokens written together (code points cp,
 * prepared as dq) and dictionary token t: equal, or one OSA edit apart (the
 * join's probe finds no more), else 0. */
static inline double joined_edit_sim(nomen__scorer *s, const nomen__index *ix,
                                     nomen__dist_query *dq, const uint32_t *cp, size_t m,
                                     const nomen__ix_tok *t)
{
    size_t n = t->ncp < NOMEN__SC_MAX_CP ? t->ncp : NOMEN__SC_MAX_CP;
    uint8_t h2;
    double sim = edit_sim(s, dq, cp, m, ix->u32 + t->cps, n, &h2);
    if (h2 != NOMEN__HOW_EXACT && sim > 0 &&
        nomen__osa_query_distance(dq, ix->u32 + t->cps, n, 1) > 1)
        sim = 0;
    return sim;
}

/* Similarity of query tokens i and i+1 written together and dictionary token
 * tid, cached per query like tok_sim (under query index 32 + i). As for
 * single tokens, the join must be equal, or within one edit of the list token,
 * as the index's probe of the joined query is. */
static double join_sim(nomen__scorer *s, const nomen__index *ix, nomen__qname *q, size_t i,
                       uint32_t tid, uint8_t *how)
{
    uint8_t qk = (uint8_t)(32 + i);
    double cached;
    if (cache_find(s, qk, tid, &cached, how))
        return cached;
    const nomen__ix_tok *t = &ix->tok[tid];
    double sim = 0;
    *how = NOMEN__HOW_JOINED;
    if (q->tok[i].skel[0] && q->tok[i + 1].skel[0]) {
        /* Two Arabic-script words for one list name (نصر الله, NASRALLAH). */
        char joined[256], sk[64], tk[64];
        size_t l1 = q->tok[i].keylen, l2 = q->tok[i + 1].keylen;
        const char *key = nomen__ix_str(ix, t->key);
        if (l1 + l2 < sizeof joined) {
            memcpy(joined, q->tok[i].key, l1);
            memcpy(joined + l1, q->tok[i + 1].key, l2);
            size_t skl = nomen__ix_skeleton(joined, l1 + l2, sk, sizeof sk);
            if (skl && nomen__ix_skeleton(key, strlen(key), tk, sizeof tk) && strcmp(sk, tk) == 0) {
                sim = skl >= 3 ? SKELETON_SIM : SKELETON_SHORT_SIM;
                *how = NOMEN__HOW_SKELETON;
            }
        }
    }
    if (sim == 0 && q->jready[i])
        sim = joined_edit_sim(s, ix, &q->jdq[i], q->jcp[i], q->jn[i], t);
    cache_store(s, qk, tid, sim, *how);
    return sim;
}

/* Similarity of query tokens i, i+1, i+2 written together (the middle one
 * an Arabic article: Abd al Karim) and dictionary token tid: 1 when equal,
 * the metrics' value when one edit apart (Abd ul Karim), else 0, as for two
 * tokens; the matcher probes the three written together the same way.
 * Cached under query index 96 + i. */
static double join3_sim(nomen__scorer *s, const nomen__index *ix, nomen__qname *q, size_t i,
                        uint32_t tid)
{
    uint8_t how;
    double sim;
    if (cache_find(s, (uint8_t)(96 + i), tid, &sim, &how))
        return sim;
    const nomen__ix_tok *t = &ix->tok[tid];
    uint32_t cp[NOMEN__SC_MAX_CP];
    size_t m = 0;
    for (size_t k = i; k < i + 3; k++)
        for (size_t c = 0; c < q->tok[k].ncp && m < NOMEN__SC_MAX_CP; c++)
            cp[m++] = q->tok[k].cp[c];
    sim = 0;
    if (m + 1 >= t->ncp && m <= (size_t)t->ncp + 1) { /* else more than one edit apart */
        nomen__dist_query dq;
        nomen__dist_query_init(&dq, cp, m); /* <= 64 code points: cannot fail */
        sim = joined_edit_sim(s, ix, &dq, cp, m, t);
        nomen__dist_query_free(&dq);
    }
    cache_store(s, (uint8_t)(96 + i), tid, sim, NOMEN__HOW_JOINED);
    return sim;
}

/* KOREAN_SIM when query token qi and dictionary token tid have the same
 * Korean form, else 0; cached per query under 64 + qi. */
static double ko_sim(nomen__scorer *s, const nomen__index *ix, nomen__qname *q, size_t qi,
                     uint32_t tid)
{
    uint8_t qk = (uint8_t)(64 + qi), how;
    double cached;
    if (cache_find(s, qk, tid, &cached, &how))
        return cached;
    const char *key = nomen__ix_str(ix, ix->tok[tid].key);
    char ko[64];
    size_t kl = nomen__ix_korean(key, strlen(key), ko, sizeof ko);
    double sim = kl && strcmp(ko, q->tok[qi].ko) == 0 ? KOREAN_SIM : 0;
    cache_store(s, qk, tid, sim, NOMEN__HOW_KOREAN);
    return sim;
}

/* The Korean form of list tokens [from, to) written together into out. */
static size_t ko_span(const nomen__index *ix, const uint32_t *etok, size_t from, size_t to,
                      char *out, size_t cap)
{
    const char *keys[NOMEN__IX_MAX_TOK];
    size_t lens[NOMEN__IX_MAX_TOK], n = 0;
    for (size_t j = from; j < to && n < NOMEN__IX_MAX_TOK; j++, n++) {
        keys[n] = nomen__ix_str(ix, ix->tok[etok[j]].key);
        lens[n] = strlen(keys[n]);
    }
    return nomen__ix_korean_join(keys, lens, n, out, cap);
}

typedef struct option {
    double contrib, weight;
    double extra_den; /* cost of what the pair leaves unproven (an initial's full name) */
    float sim;
    int8_t q, q2, e, e2;
    uint8_t how;
} option;

static void add_opt(option *opt, size_t *n, double c, double sim, double w, int q, int q2, int e,
                    int e2, uint8_t how)
{
    option *o = &opt[(*n)++];
    o->contrib = c;
    o->weight = w;
    o->extra_den = 0;
    o->sim = (float)sim;
    o->q = (int8_t)q;
    o->q2 = (int8_t)q2;
    o->e = (int8_t)e;
    o->e2 = (int8_t)e2;
    o->how = how;
}

/* Options are taken best first. On equal contribution, joins_first decides
 * whether an option covering more tokens goes before a single pair: the
 * scorer tries both orders and keeps the better result (a query "Quan Guo"
 * wants the join, a query that repeats a name in characters and in letters
 * wants the single pairs). */
static int cmp_option_order(const option *x, const option *y, bool joins_first)
{
    if (x->contrib != y->contrib)
        return x->contrib > y->contrib ? -1 : 1;
    bool xj = x->q2 >= 0 || x->e2 >= 0, yj = y->q2 >= 0 || y->e2 >= 0;
    if (xj != yj)
        return (xj == joins_first) ? -1 : 1;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    if (x->q != y->q)
        return x->q - y->q;
    return x->e - y->e;
}

/* Choose pairs from the options in the given tie order and compute the
 * token-view score (see the formula in docs/scoring.md). */
static double assign(const nomen__qname *q, const nomen__ix_entry *e, const double *we, option *opt,
                     size_t nopt, bool joins_first, nomen__score_detail *d, bool *family_fuzzy)
{
    size_t nq = q->ntok, ne = e->ntok;
    *family_fuzzy = false;
    /* Insertion sort: a handful of options, already nearly in order. */
    for (size_t k = 1; k < nopt; k++) {
        option o = opt[k];
        size_t j = k;
        while (j > 0 && cmp_option_order(&opt[j - 1], &o, joins_first) > 0) {
            opt[j] = opt[j - 1];
            j--;
        }
        opt[j] = o;
    }
    uint32_t qused = 0, eused = 0;
    double num = 0, den = 0;
    if (d)
        d->npair = 0;
    for (size_t k = 0; k < nopt; k++) {
        const option *o = &opt[k];
        uint32_t qm = 1u << o->q, em = 1u << o->e;
        for (int t = o->q + 1; t <= o->q2; t++)
            qm |= 1u << t; /* a join: the query tokens q to q2 */
        if (o->e2 >= 0)
            em |= 1u << o->e2;
        if ((qused & qm) || (eused & em))
            continue;
        qused |= qm;
        eused |= em;
        if (o->sim < 0.999f && (!e->family || (e->family & em)))
            *family_fuzzy = true;
        num += o->contrib * o->weight;
        den += o->weight + o->extra_den;
        if (d && d->npair < NOMEN__SC_MAX_TOK)
            d->pair[d->npair++] =
                (nomen__pair){o->q, o->q2, o->e, o->e2, o->sim, (float)o->contrib, o->how};
    }
    for (size_t i = 0; i < nq; i++)
        if (!(qused >> i & 1))
            den += UNMATCHED_QUERY * q->tok[i].weight;
    /* Unmatched list tokens: the first two cost UNMATCHED_LIST each, the
     * others half that: a long list name (an Arabic nasab, Spanish double
     * surnames) must not sink a query that gives its given and family names. */
    size_t nun = 0;
    for (size_t j = 0; j < ne; j++)
        if (!(eused >> j & 1))
            den += UNMATCHED_LIST * we[j] * (nun++ < 2 ? 1.0 : 0.5);
    if (d) {
        d->q_unmatched = ~qused & ((1u << nq) - 1);
        d->e_unmatched = ~eused & ((1u << ne) - 1);
    }
    double score = den > 0 ? num / den : 0;
    if (ne >= 2 && (eused & (eused - 1)) == 0)
        score *= SINGLE_TOKEN_FACTOR; /* one list token matched, and only one */
    return score;
}

static double token_view(nomen__scorer *s, const nomen__index *ix, nomen__qname *q,
                         const nomen__ix_entry *e, uint32_t qmask, nomen__score_detail *d,
                         bool *family_fuzzy)
{
    *family_fuzzy = false;
    size_t nq = q->ntok, ne = e->ntok;
    bool korean = q->hangul || (e->flags & NOMEN__IXE_KOREAN);
    const uint32_t *etok = ix->u32 + e->tok;
    double we[NOMEN__IX_MAX_TOK];
    for (size_t j = 0; j < ne; j++)
        we[j] = (double)ix->tok[etok[j]].weight * ((e->family >> j) & 1 ? FAMILY_BOOST : 1.0);
    option opt[NOMEN__SC_MAX_TOK * NOMEN__IX_MAX_TOK + 3 * NOMEN__SC_MAX_TOK * NOMEN__IX_MAX_TOK];
    size_t nopt = 0;
    for (size_t i = 0; i < nq; i++) {
        bool skip = !(qmask >> i & 1) && q->tok[i].ncp != 1;
        for (size_t j = 0; j < ne; j++) {
            if (skip && ix->tok[etok[j]].ncp != 1)
                continue; /* shares no key with this name: scores 0 */
            uint8_t how;
            double sim = tok_sim(s, ix, q, i, etok[j], &how);
            if (korean && sim < KOREAN_SIM && q->tok[i].ko[0] && ko_sim(s, ix, q, i, etok[j]) > 0) {
                sim = KOREAN_SIM;
                how = NOMEN__HOW_KOREAN;
            }
            double c = curve(sim);
            if (c <= 0)
                continue;
            double w = q->tok[i].weight + we[j];
            if (q->tok[i].particle && sim >= 1.0) {
                /* A kinship particle met in any spelling (Ben/BIN: only a
                 * particle of its class scores 1 against one) is a function
                 * word: the pair weighs as two stop words, so that it
                 * neither props up a name that shares little else nor costs
                 * a name that spells it otherwise. */
                w = 2 * (double)NOMEN__IX_STOP_WEIGHT;
            }
            add_opt(opt, &nopt, c, sim, w, (int)i, -1, (int)j, -1, how);
            if (how == NOMEN__HOW_INITIAL) {
                /* An initial proves only itself: the pair weighs twice the
                 * initial's weight, and the full name on the other side costs
                 * as if it were unmatched. */
                bool q_initial = q->tok[i].ncp == 1;
                double wi = q_initial ? q->tok[i].weight : we[j] * INITIAL_WEIGHT;
                double wf = q_initial ? we[j] : q->tok[i].weight;
                opt[nopt - 1].weight = 2 * wi;
                opt[nopt - 1].extra_den = (q_initial ? UNMATCHED_LIST : UNMATCHED_QUERY) * wf;
            }
        }
    }
    /* Tokens written together on one side and apart on the other. Only when
     * the counts differ (with equal counts a join cannot leave fewer tokens
     * unmatched), and only around tokens that have no full single match:
     * the single token of the join must lack one, and so must one of the
     * pair (Quan Guo / Quanguo, ChenQuanguo / CHEN, Quanguo). This keeps the
     * uncached comparisons of joined strings off names that already align. */
    bool has_join = false;
    if (nq != ne) {
        uint32_t qfull = 0, efull = 0;
        for (size_t k = 0; k < nopt; k++)
            if (opt[k].contrib >= SIM_FULL) {
                qfull |= 1u << opt[k].q;
                efull |= 1u << opt[k].e;
            }
        for (size_t i = 0; i + 1 < nq; i++) {
            if ((qfull >> i & 1) && (qfull >> (i + 1) & 1))
                continue;
            for (size_t j = 0; j < ne; j++) {
                if (efull >> j & 1)
                    continue;
                uint8_t how;
                double sim = join_sim(s, ix, q, i, etok[j], &how);
                double c = curve(sim);
                if (c <= 0)
                    continue;
                has_join = true;
                add_opt(opt, &nopt, c, sim, q->tok[i].weight + q->tok[i + 1].weight + we[j], (int)i,
                        (int)i + 1, (int)j, -1, NOMEN__HOW_JOINED);
            }
        }
        /* Three query tokens around an Arabic article for one list token
         * (Abd al Karim / Abd-al-Karim). */
        for (size_t i = 0; i + 2 < nq; i++) {
            if (!q->tok[i + 1].article || ((qfull >> i & 1) && (qfull >> (i + 2) & 1)))
                continue;
            for (size_t j = 0; j < ne; j++) {
                if (efull >> j & 1)
                    continue;
                double sim = join3_sim(s, ix, q, i, etok[j]);
                double c = curve(sim);
                if (c <= 0)
                    continue;
                has_join = true;
                add_opt(opt, &nopt, c, sim,
                        q->tok[i].weight + q->tok[i + 1].weight + q->tok[i + 2].weight + we[j],
                        (int)i, (int)i + 2, (int)j, -1, NOMEN__HOW_JOINED);
            }
        }
        /* List tokens written together are indexed exactly (JOIN keys): only
         * a query token equal to the two written together counts. */
        for (size_t j = 0; j + 1 < ne; j++) {
            if ((efull >> j & 1) && (efull >> (j + 1) & 1))
                continue;
            const nomen__ix_tok *t1 = &ix->tok[etok[j]], *t2 = &ix->tok[etok[j + 1]];
            char ko[128];
            size_t kol = korean ? ko_span(ix, etok, j, j + 2, ko, sizeof ko) : 0;
            for (size_t i = 0; i < nq; i++) {
                const nomen__qtok *qt = &q->tok[i];
                if (qfull >> i & 1)
                    continue;
                if (qt->ncp != (size_t)t1->ncp + t2->ncp ||
                    memcmp(qt->cp, ix->u32 + t1->cps, t1->ncp * sizeof(uint32_t)) != 0 ||
                    memcmp(qt->cp + t1->ncp, ix->u32 + t2->cps, t2->ncp * sizeof(uint32_t)) != 0) {
                    /* Not the same letters; in a Korean name, the same Korean form? */
                    if (kol && strcmp(qt->ko, ko) == 0) {
                        has_join = true;
                        add_opt(opt, &nopt, KOREAN_SIM, KOREAN_SIM, qt->weight + we[j] + we[j + 1],
                                (int)i, -1, (int)j, (int)j + 1, NOMEN__HOW_KOREAN);
                    }
                    continue;
                }
                has_join = true;
                add_opt(opt, &nopt, 1.0, 1.0, qt->weight + we[j] + we[j + 1], (int)i, -1, (int)j,
                        (int)j + 1, NOMEN__HOW_JOINED);
            }
        }
    }
    double best = assign(q, e, we, opt, nopt, false, d, family_fuzzy);
    if (has_join) {
        nomen__score_detail d2;
        bool fuzzy2;
        double v = assign(q, e, we, opt, nopt, true, d ? &d2 : NULL, &fuzzy2);
        if (v > best) {
            best = v;
            *family_fuzzy = fuzzy2;
            if (d)
                *d = d2;
        }
    }
    return best;
}

/* ---- syllable view ------------------------------------------------------ */

typedef struct evar {
    uint8_t n, nsur;
    const uint16_t *slots; /* n * NOMEN__IX_RZ_CAND syllable ids */
} evar;

static size_t decode_entry_rz(const nomen__index *ix, uint32_t off, evar *v)
{
    if (!off)
        return 0;
    const uint16_t *p = ix->u16 + off;
    size_t nvar = *p++;
    for (size_t k = 0; k < nvar; k++) {
        v[k].n = (uint8_t)p[0];
        v[k].nsur = (uint8_t)p[1];
        v[k].slots = p + 2;
        p += 2 + (size_t)v[k].n * NOMEN__IX_RZ_CAND;
    }
    return nvar;
}

static double weight_factor(double w)
{
    return w >= RZ_W_FULL ? 1.0 : w <= RZ_W_NONE ? 0.0 : (w - RZ_W_NONE) / (RZ_W_FULL - RZ_W_NONE);
}

/* The best value one of the query slot's readings gives list syllable syl:
 * the reading's weight factor times the syllables' similarity. A near miss
 * (zh/z, q/g, -n/-ng) counts between the main readings of the two spellings
 * only: on top of a secondary reading (a dialect spelling, a rare character
 * reading) it is two guesses stacked, and would make Jong Un ~ Jong Man; so
 * near_ok is false for a list syllable other than the list's first reading,
 * and secondary readings on both sides count RZ_BOTH_SECONDARY. */
static double reading_value(const nomen__index *ix, const nomen__rz_slot *qs, int certain,
                            unsigned syl, bool near_ok, bool *near)
{
    double best = 0;
    *near = false;
    for (size_t a = 0; a < qs->ncand; a++) {
        /* A Palladius reading of a token written in Cyrillic is the reading
         * (the romanizer, blind to the script, weighs it as a guess). */
        double qf = (int)qs->cand[a].sys == certain ? 1.0 : weight_factor(qs->cand[a].weight);
        if (qf <= 0)
            continue;
        int sim = nomen__ix_sylsim(ix, qs->cand[a].syl, syl);
        if (!sim || (sim < 100 && (a > 0 || !near_ok)))
            continue;
        double v = sim / 100.0 * qf;
        if (a > 0 && !near_ok)
            v *= RZ_BOTH_SECONDARY;
        if (v > best || (v == best && sim == 100)) {
            best = v;
            *near = sim < 100;
        }
    }
    return best;
}

/* The system whose reading of slot qs its token's script proves, or -1:
 * Palladius for a token written in Cyrillic. (Sino-Vietnamese readings of a
 * name written with Vietnamese letters were tried the same way: counted in
 * full they made one random Vietnamese name in 160 meet a listed Chinese one,
 * against one in 800 as guesses; bench/screen/innocent_names.py.) */
static int certain_system(const nomen__qname *q, const nomen__rz_slot *qs)
{
    return qs->token < q->an.toks.n && q->an.toks.tok[qs->token].script == NOMEN_SCRIPT_CYRILLIC
               ? NOMEN__RZ_SYS_PALLADIUS
               : -1;
}

/* The best similarity of query slot si with a list slot (its candidate
 * readings es, best first). Reading values are remembered per query in the
 * scorer: list names share syllables, and the query's readings against one
 * syllable are the same whichever name it comes from. */
static double slot_sim(nomen__scorer *s, const nomen__index *ix, const nomen__qname *q, size_t si,
                       const uint16_t *es, bool *near)
{
    const nomen__rz_slot *qs = &q->an.rz.slot[si];
    int certain = certain_system(q, qs);
    size_t nsyl = nomen__rz_nsyl;
    double *row = NULL;
    if (si < NOMEN__RZ_MAX_SLOTS) {
        if (!s->rzv)
            s->rzv = nomen__malloc((size_t)NOMEN__RZ_MAX_SLOTS * nsyl * 2 * sizeof(double));
        if (s->rzv) {
            row = s->rzv + si * nsyl * 2;
            if (s->rzv_stamp[si] != s->stamp) {
                for (size_t k = 0; k < nsyl * 2; k++)
                    row[k] = -1;
                s->rzv_stamp[si] = s->stamp;
            }
        }
    }
    double best = 0;
    *near = false;
    for (size_t b = 0; b < NOMEN__IX_RZ_CAND && es[b] != 0xFFFF; b++) {
        unsigned syl = NOMEN__IX_RZ_SYL(es[b]);
        double r;
        bool rn;
        if (row && syl < nsyl) {
            /* The cell holds the value, plus 2 when it is a near miss. */
            double *cell = &row[2 * syl + (b > 0)];
            if (*cell < 0) {
                *cell = reading_value(ix, qs, certain, syl, b == 0, &rn);
                if (rn)
                    *cell += 2;
            }
            rn = *cell >= 2;
            r = rn ? *cell - 2 : *cell;
        } else {
            r = reading_value(ix, qs, certain, syl, b == 0, &rn);
        }
        if (r <= 0)
            continue;
        double v = r * weight_factor(NOMEN__IX_RZ_W(es[b])) * (1.0 - RZ_RANK_STEP * (double)b);
        if (v > best || (v == best && !rn)) {
            best = v;
            *near = rn;
        }
    }
    return best;
}

/* 1 - (weighted edit distance over syllables) / (longer length). At most
 * one pair of the alignment may rest on a near miss or a typo (Cheng for
 * Chen, Qaun for Quan): a second one counts as a mismatch. One confusion is
 * a misspelling; two stacked are another name (Su Ping ~ XU, Bin met at 0.80
 * through s/x and -in/-ing), and the index's keys find names one confusion
 * away, not two (docs/scoring.md). */
static double seq_sim(nomen__scorer *s, const nomen__index *ix, const nomen__qname *q,
                      const nomen__rz_variant *qv, const evar *ev, double *surname)
{
    size_t n = qv->n, m = ev->n;
    if (n == 0 || m == 0)
        return 0;
    double sim[NOMEN__RZ_MAX_SEQ][NOMEN__RZ_MAX_SEQ];
    bool near[NOMEN__RZ_MAX_SEQ][NOMEN__RZ_MAX_SEQ];
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++)
            sim[i][j] =
                slot_sim(s, ix, q, qv->slot[i], ev->slots + j * NOMEN__IX_RZ_CAND, &near[i][j]);
    /* dp[k]: the distance with k near misses used (0 or 1). */
    double dp[2][NOMEN__RZ_MAX_SEQ + 1][NOMEN__RZ_MAX_SEQ + 1];
    for (size_t i = 0; i <= n; i++) {
        dp[0][i][0] = (double)i;
        dp[1][i][0] = 1e9;
    }
    for (size_t j = 0; j <= m; j++) {
        dp[0][0][j] = (double)j;
        dp[1][0][j] = 1e9;
    }
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++)
            for (int k = 0; k < 2; k++) {
                double c = 1.0 - sim[i - 1][j - 1];
                double v;
                if (!near[i - 1][j - 1])
                    v = dp[k][i - 1][j - 1] + c;
                else if (k == 1)
                    v = (dp[0][i - 1][j - 1] + c < dp[1][i - 1][j - 1] + 1)
                            ? dp[0][i - 1][j - 1] + c
                            : dp[1][i - 1][j - 1] + 1;
                else
                    v = dp[0][i - 1][j - 1] + 1;
                if (dp[k][i - 1][j] + 1 < v)
                    v = dp[k][i - 1][j] + 1;
                if (dp[k][i][j - 1] + 1 < v)
                    v = dp[k][i][j - 1] + 1;
                dp[k][i][j] = v;
            }
    size_t ns = qv->nsur < ev->nsur ? qv->nsur : ev->nsur;
    double ssum = 0;
    for (size_t k = 0; k < ns; k++)
        ssum += sim[k][k];
    *surname = ns ? ssum / (double)ns : 1.0;
    double len = (double)(n > m ? n : m);
    double d = dp[0][n][m] < dp[1][n][m] ? dp[0][n][m] : dp[1][n][m];
    return 1.0 - d / len;
}

/* Whether the surname syllables that query variant qv and list variant ev
 * compare are spelled as Chinese on both sides (RZ_SURNAME_CAP_MARGIN). */
static bool surnames_spelled(const nomen__rz_name *rz, const nomen__rz_variant *qv, const evar *ev)
{
    size_t ns = qv->nsur < ev->nsur ? qv->nsur : ev->nsur;
    for (size_t k = 0; k < ns; k++) {
        const nomen__rz_slot *qs = &rz->slot[qv->slot[k]];
        const uint16_t *es = ev->slots + k * NOMEN__IX_RZ_CAND;
        if (!qs->ncand || qs->cand[0].weight < RZ_W_FULL || es[0] == 0xFFFF ||
            NOMEN__IX_RZ_W(es[0]) < RZ_W_FULL)
            return false;
    }
    return ns > 0;
}

static double syllable_view(nomen__scorer *s, const nomen__index *ix, const nomen__qname *q,
                            const nomen__ix_entry *e, int *qvar, int *evar_out,
                            bool *surname_mismatch)
{
    *surname_mismatch = false;
    /* Not for: a query with a token that is not Chinese; list names whose
     * Chinese part is a fragment (RZ_OTHER_FACTOR); Korean names, compared by
     * their tokens and their Korean form (read as Chinese syllables, KIM Ho
     * Kyu and HAN Kwon U met random Chinese names); organisations, unless the
     * query is an entity (they are not personal names). */
    if (!nomen__score_syllables_apply(q, e))
        return -1;
    const nomen__rz_name *rz = &q->an.rz;
    if (rz->han_key_len && e->han && strcmp(rz->han_key, nomen__ix_str(ix, e->han)) == 0) {
        *qvar = 0;
        *evar_out = 0;
        return 1.0; /* the same characters */
    }
    evar ev[2];
    size_t nev = decode_entry_rz(ix, e->rz, ev);
    double best = -1;
    for (size_t a = 0; a < rz->nvar; a++) {
        for (size_t b = 0; b < nev; b++) {
            double surname;
            double v = seq_sim(s, ix, q, &rz->var[a], &ev[b], &surname);
            v *= 1.0 - RZ_VARIANT_COST * rz->var[a].penalty / 100.0;
            if (b > 0)
                v *= 1.0 - RZ_VARIANT_COST;
            if (surname < 0.6)
                v *= RZ_SURNAME_MISMATCH;
            if (v > best) {
                best = v;
                *qvar = (int)a;
                *evar_out = (int)b;
                *surname_mismatch = surname < 0.6 && surnames_spelled(rz, &rz->var[a], &ev[b]);
            }
        }
    }
    if (best > 0 && (e->flags & NOMEN__IXE_RZ_OTHER))
        best *= RZ_OTHER_FACTOR;
    return best;
}

double nomen__score_entry(nomen__scorer *s, const nomen__index *ix, nomen__qname *q, uint32_t ei,
                          uint32_t qmask, nomen__score_detail *d)
{
    const nomen__ix_entry *e = &ix->ent[ei];
    if (q->ntok == 0 || e->ntok == 0)
        return 0;
    bool family_fuzzy;
    double tv = token_view(s, ix, q, e, qmask, d, &family_fuzzy);
    if (d)
        d->korean_whole = false;
    if (tv < KOREAN_WHOLE_SIM && q->ko_whole[0] && (q->hangul || (e->flags & NOMEN__IXE_KOREAN))) {
        char ko[256];
        if (ko_span(ix, ix->u32 + e->tok, 0, e->ntok, ko, sizeof ko) &&
            strcmp(ko, q->ko_whole) == 0) {
            tv = KOREAN_WHOLE_SIM;
            family_fuzzy = false;
            if (d)
                d->korean_whole = true;
        }
    }
    int qv = -1, evv = -1;
    bool surname_mismatch = false;
    double sv = syllable_view(s, ix, q, e, &qv, &evv, &surname_mismatch);
    if (sv >= 0 && surname_mismatch && family_fuzzy && !(e->flags & NOMEN__IXE_RZ_OTHER) &&
        tv > sv + RZ_SURNAME_CAP_MARGIN)
        tv = sv + RZ_SURNAME_CAP_MARGIN;
    double name = sv > tv ? sv : tv;
    if (name > 1)
        name = 1;
    if (name < 0)
        name = 0;
    if (d) {
        d->tokens = tv;
        d->syllables = sv;
        d->name = name;
        d->rz_qvar = qv;
        d->rz_evar = evv;
    }
    return name;
}

/* ---- secondary evidence ------------------------------------------------- */

void nomen__score_evidence(const nomen__index *ix, const nomen__qname *q, uint32_t ri,
                           nomen__evidence *ev)
{
    const nomen__ix_rec *r = &ix->rec[ri];
    memset(ev, 0, sizeof(*ev));
    ev->factor = 1.0;
    uint32_t ndob = ix->u32[r->dobs];
    if (q->dob_year && ndob) {
        /* The best agreement over the list's dates (people have several). */
        int best = -9;
        double f = DOB_CONFLICT;
        for (uint32_t k = 0; k < ndob; k++) {
            uint32_t packed = ix->u32[r->dobs + 1 + k];
            int y, yt, m, dd, circa;
            nomen__ixdate_unpack(packed, &y, &yt, &m, &dd, &circa);
            int lo = y - (circa ? DOB_CIRCA_YEARS : 0), hi = yt + (circa ? DOB_CIRCA_YEARS : 0);
            int level;
            double fk;
            if (q->dob_year >= lo && q->dob_year <= hi) {
                bool exact_year = lo == hi;
                if (exact_year && m && q->dob_month && m != q->dob_month) {
                    level = -1, fk = DOB_DAY_CONFLICT;
                } else if (exact_year && m && q->dob_month && dd && q->dob_day &&
                           dd != q->dob_day) {
                    level = -1, fk = DOB_DAY_CONFLICT;
                } else if (exact_year && m && dd && q->dob_month && q->dob_day) {
                    level = 3, fk = DOB_EXACT;
                } else if (exact_year && m && q->dob_month) {
                    level = 2, fk = DOB_MONTH;
                } else {
                    level = 1, fk = DOB_YEAR;
                }
            } else {
                int off = q->dob_year < lo ? lo - q->dob_year : q->dob_year - hi;
                level = off == 1 ? -1 : -2;
                fk = off == 1 ? DOB_NEAR : DOB_CONFLICT;
            }
            if (level > best || (level == best && fk > f)) {
                best = level;
                f = fk;
                ev->dob_list = packed;
            }
        }
        ev->dob = best > 0 ? best : -1;
        ev->factor *= f;
    }
    if (q->country[0] && r->countries) {
        const char *cs = nomen__ix_str(ix, r->countries);
        bool found = false;
        for (const char *c = cs; *c; c += (c[2] == ',' ? 3 : 2)) {
            if (c[0] == q->country[0] && c[1] == q->country[1])
                found = true;
            if (!c[1] || !c[2])
                break;
        }
        ev->country = found ? 1 : -1;
        ev->factor *= found ? COUNTRY_AGREE : COUNTRY_CONFLICT;
    }
    if (q->type != NOMEN_SUBJECT_ANY && r->type != NOMEN__SUBJ_UNKNOWN) {
        bool same = q->type == r->type;
        ev->type = same ? 1 : -1;
        if (!same)
            ev->factor *= TYPE_CONFLICT;
    }
}
