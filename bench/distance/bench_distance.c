/*
 * bench_distance.c: speed of the distance stage's metrics (and, when built,
 * the phonetic encoders) on realistic names. Not a test: it prints figures.
 *
 * Names come from a deterministic generator (splitmix64, fixed seed): about
 * a third are pinyin full names ("zhang xiuying", "ouyang jianguo"), the rest
 * Western-looking names built from syllables, a few with accented letters
 * (so that code points above 0x7F occur), all 10 to 30 code points long.
 *
 * For each metric it prints pairs per second for
 *   uncached  nomen__compare on independent pairs (preprocessing included),
 *   cached    one query against 1,000,000 names with the preprocessed query,
 *             without a cutoff and with a typical screening cutoff,
 *   naive     the plain DP reference on the same pairs,
 * all measured in the same run on one core.
 *
 * Usage: bench_distance [names]   (default 1000000)
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "distance/distance.h"

#include "bench_names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct names {
    uint32_t *cp;
    size_t *off; /* name i is cp[off[i] .. off[i+1]) */
    size_t n;
} names;

static void make_names(names *nm, size_t n, uint64_t seed)
{
    uint64_t rng = seed;
    nm->n = n;
    nm->cp = malloc(n * 30 * sizeof *nm->cp);
    nm->off = malloc((n + 1) * sizeof *nm->off);
    if (!nm->cp || !nm->off) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    size_t pos = 0;
    char buf[256];
    for (size_t i = 0; i < n; i++) {
        gen_name(&rng, buf, sizeof buf);
        nm->off[i] = pos;
        pos += utf8_to_cp(buf, nm->cp + pos);
    }
    nm->off[n] = pos;
}

/* CPU time of this thread, not wall time: the bench host is shared, and
 * time spent waiting for a core must not count against the code measured. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#define NAME(nm, i) ((nm)->cp + (nm)->off[i]), ((nm)->off[(i) + 1] - (nm)->off[i])

static volatile double sink;

/* Typed cached kernels, the way the scorer calls them. */
static double cached_run(nomen__dist_query *q, nomen__metric m, const names *nm, bool cut,
                         const nomen__jw_params *jw)
{
    double acc = 0;
    for (size_t i = 0; i < nm->n; i++) {
        const uint32_t *b = nm->cp + nm->off[i];
        size_t bl = nm->off[i + 1] - nm->off[i];
        size_t longer = bl > q->len ? bl : q->len;
        /* the cutoff: normalized similarity 0.8 for edit metrics (at most
         * 20 % of the longer name edited), 0.9 for Jaro-Winkler */
        size_t budget = cut ? longer / 5 : SIZE_MAX; /* SIZE_MAX: no cutoff */
        switch (m) {
        case NOMEN__METRIC_LEVENSHTEIN:
            acc += (double)nomen__lev_query_distance(q, b, bl, budget);
            break;
        case NOMEN__METRIC_INDEL:
            acc += (double)nomen__indel_query_distance(q, b, bl, cut ? 2 * budget : budget);
            break;
        case NOMEN__METRIC_OSA:
            acc += (double)nomen__osa_query_distance(q, b, bl, budget);
            break;
        case NOMEN__METRIC_JARO:
            acc += nomen__jaro_query_similarity(q, b, bl, jw, cut ? 0.9 : 0.0);
            break;
        default:
            acc += nomen__jw_query_similarity(q, b, bl, jw, cut ? 0.9 : 0.0);
            break;
        }
    }
    return acc;
}

/* Levenshtein through the batched form, 256 candidates per call. */
static double batch_run(nomen__dist_query *q, const names *nm, bool cut)
{
    enum { BATCH = 256 };
    const uint32_t *ptr[BATCH];
    size_t len[BATCH], out[BATCH];
    double acc = 0;
    for (size_t i = 0; i < nm->n; i += BATCH) {
        size_t k = nm->n - i < BATCH ? nm->n - i : BATCH;
        for (size_t j = 0; j < k; j++) {
            ptr[j] = nm->cp + nm->off[i + j];
            len[j] = nm->off[i + j + 1] - nm->off[i + j];
        }
        /* one budget for the batch: 20 % of the longest name (30) */
        nomen__lev_query_distance_many(q, ptr, len, k, cut ? 6 : SIZE_MAX, out);
        for (size_t j = 0; j < k; j++)
            acc += (double)out[j];
    }
    return acc;
}

static double generic_cached_run(nomen__dist_query *q, const nomen__metric_opts *o, const names *nm,
                                 bool cut)
{
    double acc = 0, out;
    for (size_t i = 0; i < nm->n; i++) {
        if (nomen__query_compare(q, o, NOMEN__KIND_NORM_SIMILARITY, NAME(nm, i), cut ? 0.8 : 0.0,
                                 &out) == NOMEN_OK)
            acc += out;
    }
    return acc;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 1000000;
    if (n < 1000)
        n = 1000;
    names nm, qs;
    make_names(&nm, n, 42);
    make_names(&qs, 1000, 7);
    size_t npairs = n / 2, nnaive = n / 20;
    printf("distance bench: %zu generated names (10-30 code points), one core, per second of "
           "thread CPU time\n",
           n);
    printf("example names: ");
    for (size_t i = 0; i < 4; i++) {
        for (size_t k = nm.off[i]; k < nm.off[i + 1]; k++) {
            uint32_t c = nm.cp[k];
            if (c < 0x80)
                putchar((int)c);
            else
                printf("%c%c", (int)(0xC0 | (c >> 6)), (int)(0x80 | (c & 0x3F)));
        }
        printf(i < 3 ? " | " : "\n");
    }
    printf("\n%-13s %14s %14s %14s %14s %9s\n", "metric", "uncached/s", "cached/s", "cached+cut/s",
           "naive DP/s", "cached/naive");
    for (int mi = 0; mi < NOMEN__METRIC_COUNT; mi++) {
        nomen__metric m = (nomen__metric)mi;
        nomen__metric_opts o;
        nomen__metric_opts_init(&o, m);
        double t0, acc = 0, out;
        /* uncached: pairs (2i, 2i+1) */
        t0 = now();
        for (size_t i = 0; i + 1 < 2 * npairs; i += 2)
            if (nomen__compare(&o, NOMEN__KIND_NORM_SIMILARITY, NAME(&nm, i), NAME(&nm, i + 1), 0.0,
                               &out) == NOMEN_OK)
                acc += out;
        double unc = (double)npairs / (now() - t0);
        /* cached: one query (several, averaged) against all names */
        size_t nq = 3;
        double ct = 0, cct = 0;
        for (size_t k = 0; k < nq; k++) {
            nomen__dist_query q;
            if (nomen__dist_query_init(&q, NAME(&qs, k)) != NOMEN_OK)
                return 1;
            bool typed = m != NOMEN__METRIC_DAMERAU && m != NOMEN__METRIC_HAMMING;
            t0 = now();
            acc += typed ? cached_run(&q, m, &nm, false, &o.jw)
                         : generic_cached_run(&q, &o, &nm, false);
            ct += now() - t0;
            t0 = now();
            acc +=
                typed ? cached_run(&q, m, &nm, true, &o.jw) : generic_cached_run(&q, &o, &nm, true);
            cct += now() - t0;
            nomen__dist_query_free(&q);
        }
        double cached = (double)(nq * n) / ct, cachedcut = (double)(nq * n) / cct;
        /* naive DP on a twentieth of the pairs */
        t0 = now();
        for (size_t i = 0; i + 1 < 2 * nnaive; i += 2)
            acc += nomen__naive_distance(&o, NAME(&nm, i), NAME(&nm, i + 1));
        double naive = (double)nnaive / (now() - t0);
        sink = acc;
        printf("%-13s %14.0f %14.0f %14.0f %14.0f %8.1fx\n", nomen__metric_name(m), unc, cached,
               cachedcut, naive, cached / naive);
        if (m == NOMEN__METRIC_LEVENSHTEIN) {
            double bt = 0, bct = 0;
            for (size_t k = 0; k < nq; k++) {
                nomen__dist_query q;
                if (nomen__dist_query_init(&q, NAME(&qs, k)) != NOMEN_OK)
                    return 1;
                t0 = now();
                acc += batch_run(&q, &nm, false);
                bt += now() - t0;
                t0 = now();
                acc += batch_run(&q, &nm, true);
                bct += now() - t0;
                nomen__dist_query_free(&q);
            }
            sink = acc;
            printf("%-13s %14s %14.0f %14.0f %14s %8.1fx\n", " x4 batch", "-",
                   (double)(nq * n) / bt, (double)(nq * n) / bct, "-",
                   (double)(nq * n) / bt / naive);
        }
    }
    printf("\ncutoffs: edit metrics at most 20%% of the longer name (normalized similarity "
           ">= 0.8), Jaro and Jaro-Winkler >= 0.9\n");
    free(nm.cp);
    free(nm.off);
    free(qs.cp);
    free(qs.off);
    return 0;
}
