/*
 * distance.h: the distance stage. String metrics on Unicode code points
 * (const uint32_t *, length), never on bytes: an accented letter is one unit.
 *
 * Metrics: Levenshtein (optionally weighted), Indel (insertions and deletions
 * only, the metric behind "ratio"), OSA (restricted Damerau: adjacent
 * transpositions, no edits inside them), unrestricted Damerau-Levenshtein
 * (Lowrance-Wagner), Hamming, Jaro and Jaro-Winkler (with jellyfish's "long
 * tolerance" variant), and the longest common subsequence length behind Indel.
 *
 * Every metric has the same four entry points (rapidfuzz's convention):
 *   distance            edits (or 1 - similarity for Jaro)
 *   similarity          maximum - distance (or the Jaro similarity itself)
 *   normalized distance distance / maximum, in [0, 1]
 *   normalized similarity 1 - normalized distance
 * each with a cutoff that lets the computation stop early:
 *   distances: a result above the cutoff is reported as cutoff + 1 (integer
 *     distance) or 1.0 (normalized distance);
 *   similarities: a result below the cutoff is reported as 0.
 * "maximum" is the largest distance two strings of these lengths can have:
 * max(alen, blen) for Levenshtein, OSA, Damerau and Hamming, alen + blen for
 * Indel, and for weighted Levenshtein the cheaper of delete-all+insert-all and
 * substitute+delete/insert the rest.
 *
 * Three layers:
 * 1. nomen__dist_query: one string (the query) preprocessed once (match bit
 *    vectors per code point, scratch for the blocked algorithms). Its compare
 *    functions never allocate and never fail: the hot path of the scorer.
 *    A query is per thread (its scratch is written by every compare).
 * 2. nomen__compare(): any metric, any of the four kinds, two strings. It
 *    preprocesses the shorter string on the stack when it has at most 64 code
 *    points; longer strings need heap memory, hence the status return.
 * 3. nomen__naive_*(): plain dynamic programming, kept as the reference for
 *    tests, fuzzing and the bench baseline. Slow on purpose, never used by the
 *    library itself.
 */
#ifndef NOMEN_DISTANCE_H
#define NOMEN_DISTANCE_H

#include "core/core.h"

/* ---- metrics and options ------------------------------------------------ */

typedef enum nomen__metric {
    NOMEN__METRIC_LEVENSHTEIN = 0,
    NOMEN__METRIC_INDEL = 1,
    NOMEN__METRIC_OSA = 2,
    NOMEN__METRIC_DAMERAU = 3,
    NOMEN__METRIC_HAMMING = 4,
    NOMEN__METRIC_JARO = 5,
    NOMEN__METRIC_JARO_WINKLER = 6,
    NOMEN__METRIC_COUNT = 7
} nomen__metric;

typedef enum nomen__dist_kind {
    NOMEN__KIND_DISTANCE = 0,
    NOMEN__KIND_SIMILARITY = 1,
    NOMEN__KIND_NORM_DISTANCE = 2,
    NOMEN__KIND_NORM_SIMILARITY = 3
} nomen__dist_kind;

/* Jaro-Winkler parameters. nomen__jw_params_init() gives the values shared by
 * Winkler (1990), jellyfish, rapidfuzz and talisman. */
typedef struct nomen__jw_params {
    /* Weight of each common prefix character: 0.1 (Winkler 1990). A result
     * that scale and prefix would push above 1 is clamped to 1. */
    double prefix_scale;
    /* Longest prefix that earns the boost: 4 (Winkler 1990). */
    size_t max_prefix;
    /* The boost applies only when Jaro > this: 0.7 (Winkler 1990). SimMetrics
     * and OFAC's search tool boost every pair: use a negative value. */
    double boost_threshold;
    /* jellyfish's long_tolerance: after the prefix boost, strings longer than
     * 4 with more than prefix + 1 common characters, at least half of the
     * rest, get (1 - w) * (c - p - 1) / (alen + blen - 2p + 2) more. */
    bool long_tolerance;
    /* Similarity of two empty strings: rapidfuzz says 1.0 (equal strings),
     * jellyfish says 0.0 (nothing in common). Default true (rapidfuzz). */
    bool empty_match;
} nomen__jw_params;

void nomen__jw_params_init(nomen__jw_params *p);

typedef struct nomen__metric_opts {
    nomen__metric metric;
    /* Levenshtein weights (insertion of a b character, deletion of an a
     * character, substitution); default 1, 1, 1. 1, 1, 2 gives Indel. */
    size_t ins, del, sub;
    /* Hamming of unequal lengths: true counts the extra length as mismatches
     * (jellyfish, rapidfuzz pad=true); false refuses them with
     * NOMEN_ERR_INVALID_ARG (talisman, rapidfuzz pad=false). Default true. */
    bool hamming_pad;
    nomen__jw_params jw;
} nomen__metric_opts;

/* Defaults for a metric (see each field). */
void nomen__metric_opts_init(nomen__metric_opts *o, nomen__metric metric);

/* "levenshtein", "indel", ... ; NULL for an unknown value. */
const char *nomen__metric_name(nomen__metric m);

/* The largest distance for strings of these lengths (see the top comment). */
size_t nomen__metric_maximum(const nomen__metric_opts *o, size_t alen, size_t blen);

/* ---- the preprocessed query --------------------------------------------- */

/* Slots of the open-addressing map that holds the match vectors of code
 * points >= 256 for one 64-code-point block: a block has at most 64 distinct
 * code points, so the load factor stays at or below 1/2. */
#define NOMEN__PM_SLOTS 128

typedef struct nomen__dist_query {
    const uint32_t *s; /* the query's code points (a copy) */
    size_t len;
    size_t words;  /* 64-bit blocks: ceil(len / 64), at least 1 */
    bool has_ext;  /* some code point is >= 256 */
    uint64_t *pm;  /* [256 * words]: pm[c * words + w], bit i = (s[64w + i] == c) */
    uint32_t *key; /* [NOMEN__PM_SLOTS * words], 0 = empty slot */
    uint64_t *val; /* match vectors of the keys */
    /* scratch for the blocked algorithms and Jaro, written by compares */
    uint64_t *vp, *vn, *d0, *pmold; /* [words] each */
    uint32_t *tmatch;               /* [len + 1] */
    void *heap;                     /* one block holding all of the above, or NULL */
    /* Inline storage for queries of at most 64 code points, so that such a
     * query needs no allocation. Every compare re-points the fields above at
     * it, so a short query may be moved (memcpy, realloc of an array of
     * queries); a longer one owns its heap block: move it, never keep two
     * copies. */
    uint64_t in_pm[256];
    uint32_t in_key[NOMEN__PM_SLOTS];
    uint64_t in_val[NOMEN__PM_SLOTS];
    uint64_t in_vec[4];
    uint32_t in_s[64];
    uint32_t in_tmatch[65];
} nomen__dist_query;

/* Preprocess s[0..len) (copied). Needs no allocation when len <= 64 (then it
 * cannot fail); otherwise returns NOMEN_ERR_NOMEM when memory runs out.
 * Pair every successful init with nomen__dist_query_free. */
int nomen__dist_query_init(nomen__dist_query *q, const uint32_t *s, size_t len);
void nomen__dist_query_free(nomen__dist_query *q);

/* Typed compares against the query (the hot path: no allocation, no
 * failure). The query is the first string (a), b the second. The integer
 * forms take an edit budget (SIZE_MAX = none) and return the distance, or
 * budget + 1 when it is larger. */
size_t nomen__lev_query_distance(nomen__dist_query *q, const uint32_t *b, size_t blen,
                                 size_t cutoff);
/* The same for count candidates at once (out[i] for b[i]): queries of 1 to
 * 64 code points run four candidates in lockstep, which keeps more of the
 * core busy than one at a time (see bench_distance). */
void nomen__lev_query_distance_many(nomen__dist_query *q, const uint32_t *const *b,
                                    const size_t *blen, size_t count, size_t cutoff, size_t *out);
size_t nomen__lcs_query_length(nomen__dist_query *q, const uint32_t *b, size_t blen);
size_t nomen__indel_query_distance(nomen__dist_query *q, const uint32_t *b, size_t blen,
                                   size_t cutoff);
size_t nomen__osa_query_distance(nomen__dist_query *q, const uint32_t *b, size_t blen,
                                 size_t cutoff);
/* Jaro and Jaro-Winkler similarities, 0 when below cutoff (Jaro reads only
 * p->empty_match). The query's prefix is compared with b's for the boost. */
double nomen__jaro_query_similarity(nomen__dist_query *q, const uint32_t *b, size_t blen,
                                    const nomen__jw_params *p, double cutoff);
double nomen__jw_query_similarity(nomen__dist_query *q, const uint32_t *b, size_t blen,
                                  const nomen__jw_params *p, double cutoff);

/* Any metric and kind against the query. Returns NOMEN_OK, or
 * NOMEN_ERR_INVALID_ARG (bad options, Hamming of unequal lengths without
 * padding), or NOMEN_ERR_NOMEM (only Damerau and weighted Levenshtein on
 * strings longer than 256 code points allocate). */
int nomen__query_compare(nomen__dist_query *q, const nomen__metric_opts *o, nomen__dist_kind kind,
                         const uint32_t *b, size_t blen, double cutoff, double *out);

/* Length of the common prefix of a and b (at most cap code points). */
size_t nomen__common_prefix(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                            size_t cap);

/* ---- uncached ----------------------------------------------------------- */

/* Any metric and kind for two strings. Cutoffs are in the unit of the kind
 * (edits for DISTANCE and SIMILARITY of edit metrics). Statuses as
 * nomen__query_compare. Allocation-free when the shorter string has at most 64
 * code points (and for Hamming always). */
int nomen__compare(const nomen__metric_opts *o, nomen__dist_kind kind, const uint32_t *a,
                   size_t alen, const uint32_t *b, size_t blen, double cutoff, double *out);

/* Typed conveniences over nomen__compare for the integer distances; *out is
 * the distance, or cutoff + 1 when it exceeds cutoff. */
int nomen__lev_distance(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                        size_t cutoff, size_t *out);
int nomen__damerau_distance(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                            size_t cutoff, size_t *out);

/* ---- naive references (plain DP; tests and bench only) ------------------- */

/* Exact values, no cutoff. Return SIZE_MAX (or a negative double) only when
 * memory runs out. */
size_t nomen__naive_levenshtein(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                                size_t ins, size_t del, size_t sub);
size_t nomen__naive_lcs(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen);
size_t nomen__naive_osa(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen);
size_t nomen__naive_damerau(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen);
size_t nomen__naive_hamming(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen);
double nomen__naive_jaro(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                         const nomen__jw_params *p);
double nomen__naive_jaro_winkler(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                                 const nomen__jw_params *p);
/* The naive distance of a metric in the unit of nomen__compare's DISTANCE
 * kind (edits, or 1 - similarity), before any cutoff: the reference that the
 * fuzz targets and tests hold the fast paths to. Negative on failure. */
double nomen__naive_distance(const nomen__metric_opts *o, const uint32_t *a, size_t alen,
                             const uint32_t *b, size_t blen);

/* Apply a kind and cutoff to an exact distance (in the DISTANCE unit), the
 * way nomen__compare reports it. Shared by the fast paths and the tests. */
double nomen__dist_finish(const nomen__metric_opts *o, nomen__dist_kind kind, double dist,
                          size_t alen, size_t blen, double cutoff);

#endif /* NOMEN_DISTANCE_H */
