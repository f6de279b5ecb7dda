/*
 * fuzz_distance_common.h: the differential fuzz target of the distance
 * stage, included by one small file per metric (FUZZ_METRIC). Each input is
 * decoded into options, a kind, a cutoff and two code-point strings; the fast
 * paths (nomen__compare, and nomen__query_compare with the first string as a
 * preprocessed query) must report exactly what the naive dynamic program
 * reports after the same cutoff rule (nomen__dist_finish). Any difference
 * aborts.
 *
 * Input layout: byte 0 options (weights / Jaro-Winkler flags), byte 1 kind,
 * byte 2 cutoff, byte 3 alphabet, byte 4 split point; then one byte per code
 * point. Alphabets: 4 ASCII letters (many matches and transpositions), 8
 * letters mixed with Han and supplementary-plane code points (exercises the
 * hash map of match vectors), or raw bytes scaled over all of Unicode.
 */
#include "distance/distance.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t fuzz_cp(uint8_t mode, uint8_t x)
{
    switch (mode % 3) {
    case 0:
        return 'a' + x % 4u;
    case 1:
        if (x < 192)
            return 'a' + x % 8u;
        if (x < 224)
            return 0x4E00u + x % 3u; /* Han */
        return 0x1F600u + x % 3u;    /* outside the BMP */
    default:
        return x < 128 ? x : (uint32_t)x * 4099u % 0x10FFFFu;
    }
}

static double fuzz_cutoff(nomen__dist_kind kind, bool jaro, uint8_t c)
{
    if (c == 255)
        return kind == NOMEN__KIND_DISTANCE || kind == NOMEN__KIND_NORM_DISTANCE ? (double)INFINITY
                                                                                 : 0.0;
    if (jaro || kind == NOMEN__KIND_NORM_DISTANCE || kind == NOMEN__KIND_NORM_SIMILARITY)
        return c / 254.0;
    return (double)(c % 64);
}

static void fuzz_fail(const char *what, double got, double want)
{
    fprintf(stderr, "%s: fast path %.17g, naive %.17g\n", what, got, want);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 5)
        return 0;
    nomen__metric_opts o;
    nomen__metric_opts_init(&o, FUZZ_METRIC);
    uint8_t ob = data[0];
    if (FUZZ_METRIC == NOMEN__METRIC_LEVENSHTEIN) {
        static const size_t w[][3] = {{1, 1, 1}, {1, 1, 2}, {2, 2, 3}, {1, 2, 3},
                                      {3, 3, 3}, {2, 2, 5}, {1, 1, 0}, {0, 0, 0}};
        o.ins = w[ob % 8][0];
        o.del = w[ob % 8][1];
        o.sub = w[ob % 8][2];
    }
    o.jw.long_tolerance = (ob & 1) != 0;
    o.jw.empty_match = (ob & 2) != 0;
    if (ob & 4)
        o.jw.boost_threshold = -1.0; /* SimMetrics / OFAC: always boost */
    if (ob & 8)
        o.jw.max_prefix = 6, o.jw.prefix_scale = 0.15;
    bool jaro = FUZZ_METRIC == NOMEN__METRIC_JARO || FUZZ_METRIC == NOMEN__METRIC_JARO_WINKLER;
    nomen__dist_kind kind = (nomen__dist_kind)(data[1] % 4);
    double cutoff = fuzz_cutoff(kind, jaro, data[2]);
    uint8_t mode = data[3];
    size_t n = size - 5, split = n ? data[4] % (n + 1) : 0;
    if (data[4] >= 200 && n) /* favour equal-ish lengths for long strings */
        split = n / 2;
    uint32_t *cp = malloc((n + 1) * sizeof *cp);
    if (!cp)
        return 0;
    for (size_t i = 0; i < n; i++)
        cp[i] = fuzz_cp(mode, data[5 + i]);
    const uint32_t *a = cp, *b = cp + split;
    size_t alen = split, blen = n - split;

    double want_d = nomen__naive_distance(&o, a, alen, b, blen);
    if (want_d < 0)
        abort();
    double want = nomen__dist_finish(&o, kind, want_d, alen, blen, cutoff);
    double got;
    int rc = nomen__compare(&o, kind, a, alen, b, blen, cutoff, &got);
    if (rc != NOMEN_OK) {
        if (!(FUZZ_METRIC == NOMEN__METRIC_HAMMING && !o.hamming_pad))
            fuzz_fail("compare status", rc, 0);
    } else if (got != want) {
        fuzz_fail("nomen__compare", got, want);
    }
    nomen__dist_query q;
    if (nomen__dist_query_init(&q, a, alen) == NOMEN_OK) {
        rc = nomen__query_compare(&q, &o, kind, b, blen, cutoff, &got);
        if (rc != NOMEN_OK || got != want)
            fuzz_fail("nomen__query_compare", got, want);
        /* the query is reusable: a second compare gives the same answer */
        rc = nomen__query_compare(&q, &o, kind, b, blen, cutoff, &got);
        if (rc != NOMEN_OK || got != want)
            fuzz_fail("nomen__query_compare again", got, want);
        if (FUZZ_METRIC == NOMEN__METRIC_LEVENSHTEIN && o.ins == 1 && o.del == 1 && o.sub == 1) {
            /* the batched form, four lanes and a remainder of one */
            const uint32_t *lanes[5] = {b, a, b, cp, b + (blen > 0)};
            size_t lens[5] = {blen, alen, blen > 3 ? blen - 3 : 0, n, blen - (blen > 0)};
            size_t outs[5], budget = data[2] % 40;
            nomen__lev_query_distance_many(&q, lanes, lens, 5, budget, outs);
            for (int k = 0; k < 5; k++) {
                size_t w = nomen__naive_levenshtein(a, alen, lanes[k], lens[k], 1, 1, 1);
                if (outs[k] != (w <= budget ? w : budget + 1))
                    fuzz_fail("nomen__lev_query_distance_many", (double)outs[k], (double)w);
            }
        }
        nomen__dist_query_free(&q);
    }
    free(cp);
    return 0;
}
