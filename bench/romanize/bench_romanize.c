/*
 * bench_romanize.c: names romanized per second (romanize stage), beside a
 * naive baseline run on the same names in the same process.
 *
 * Names: a deterministic mix of Latin-script Chinese names, built from
 * surname spellings in several systems (pinyin, Wade-Giles, Hong Kong,
 * Hokkien) and given names of two random core syllables written joined,
 * hyphenated or spaced, in surname-first, given-first and comma order; and a
 * separate run on Han-script names (3 random common characters).
 * Baseline: the same segmentation done by recursive enumeration of every
 * parse of every piece (what a straightforward implementation does), with
 * the same costs, keeping the cheapest; this is what the DP replaces.
 * Rates are per CPU-second of this thread (names/s/core).
 * Usage: bench_romanize [names]  (default 200000)
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "romanize/romanize.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* CPU time of this thread: the figures are per core and do not depend on
 * how busy the (shared) machine is, as wall time would. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static unsigned next(unsigned n)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((rng >> 33) % n);
}

static const char *const surnames[] = {
    "chen",  "wang",  "li",   "zhang", "liu",   "yang",   "huang",  "zhao",  "wu",
    "zhou",  "xu",    "sun",  "ch'en", "chang", "hsu",    "chou",   "huang", "kuo",
    "tseng", "hsieh", "chan", "wong",  "lee",   "cheung", "lau",    "ng",    "kwok",
    "leung", "tan",   "lim",  "goh",   "teo",   "ong",    "ouyang", "sima"};

typedef struct name {
    char text[3][24];
    int ntok;
    int comma;
} name;

/* Naive baseline: enumerate every parse recursively, keep the cheapest. */
static int naive_best(const char *s, size_t n, size_t i, int depth)
{
    if (i == n)
        return 0;
    if (depth > 24)
        return INT_MAX;
    int best = INT_MAX;
    if (s[i] == '\'')
        return naive_best(s, n, i + 1, depth);
    for (size_t len = 1; len <= 8 && i + len <= n; len++) {
        size_t nc = 0;
        const nomen__rz_cand *c = nomen__rz_lookup(s + i, len, &nc, NULL);
        if (!c)
            continue;
        int cost = 1 + ((c[0].sys == NOMEN__RZ_SYS_PINYIN && c[0].weight >= 95) ? 0 : 30);
        char f = s[i];
        if (i > 0 && s[i - 1] != '\'' && (f == 'a' || f == 'o' || f == 'e'))
            cost += 100;
        int rest = naive_best(s, n, i + len, depth + 1);
        if (rest != INT_MAX && rest + cost < best)
            best = rest + cost;
    }
    return best;
}

int main(int argc, char **argv)
{
    int N = argc > 1 ? atoi(argv[1]) : 200000;
    if (N <= 0)
        N = 200000;
    name *names = malloc((size_t)N * sizeof *names);
    if (!names)
        return 1;
    unsigned core[512], nc = 0;
    for (unsigned i = 0; i < nomen__rz_nsyl; i++)
        if (!(nomen__rz_syl_flags[i] & NOMEN__RZ_SYLF_RARE))
            core[nc++] = i;
    for (int i = 0; i < N; i++) {
        name *nm = &names[i];
        const char *sur = surnames[next(NOMEN__ARRAY_LEN(surnames))];
        const char *g1 = nomen__rz_syl_str(core[next(nc)]);
        const char *g2 = nomen__rz_syl_str(core[next(nc)]);
        int style = (int)next(4), order = (int)next(3);
        char given[24];
        bool vow = g2[0] == 'a' || g2[0] == 'o' || g2[0] == 'e';
        if (style == 0)
            snprintf(given, sizeof given, "%s%s%s", g1, vow ? "'" : "", g2);
        else
            snprintf(given, sizeof given, "%s-%s", g1, g2);
        nm->comma = 0;
        if (style == 3) {
            nm->ntok = 3;
            snprintf(nm->text[0], 24, "%s", sur);
            snprintf(nm->text[1], 24, "%s", g1);
            snprintf(nm->text[2], 24, "%s", g2);
        } else if (order == 1) {
            nm->ntok = 2;
            snprintf(nm->text[0], 24, "%s", given);
            snprintf(nm->text[1], 24, "%s", sur);
        } else {
            nm->ntok = 2;
            snprintf(nm->text[0], 24, "%s", sur);
            snprintf(nm->text[1], 24, "%s", given);
            nm->comma = order == 2;
        }
    }
    nomen__rz_name *out = malloc(sizeof *out);
    if (!out)
        return 1;
    long variants = 0;
    double t0 = now();
    for (int i = 0; i < N; i++) {
        nomen__rz_token t[3];
        memset(t, 0, sizeof t);
        for (int k = 0; k < names[i].ntok; k++) {
            t[k].key = names[i].text[k];
            t[k].key_len = strlen(names[i].text[k]);
        }
        t[0].comma = names[i].comma;
        if (nomen__rz_romanize(t, (size_t)names[i].ntok, out) == NOMEN_OK)
            variants += out->nvar;
    }
    double t1 = now();
    printf("romanize (Latin): %d names in %.3f s = %.0f names/s (%.2f variants/name)\n", N, t1 - t0,
           N / (t1 - t0), (double)variants / N);

    /* Segmentation alone: DP vs naive recursive enumeration. */
    long sink = 0;
    t0 = now();
    for (int i = 0; i < N; i++)
        for (int k = 0; k < names[i].ntok; k++) {
            const char *s = names[i].text[k];
            size_t l = strlen(s), a = 0;
            for (size_t j = 0; j <= l; j++)
                if (j == l || s[j] == '-') {
                    uint8_t ends[NOMEN__RZ_MAX_SEQ];
                    int cost = 0;
                    sink +=
                        nomen__rz_segment(s + a, j - a, ends, NOMEN__RZ_MAX_SEQ, &cost, NULL, NULL);
                    a = j + 1;
                }
        }
    t1 = now();
    double dp = t1 - t0;
    t0 = now();
    for (int i = 0; i < N; i++)
        for (int k = 0; k < names[i].ntok; k++) {
            const char *s = names[i].text[k];
            size_t l = strlen(s), a = 0;
            for (size_t j = 0; j <= l; j++)
                if (j == l || s[j] == '-') {
                    sink += naive_best(s + a, j - a, 0, 0);
                    a = j + 1;
                }
        }
    t1 = now();
    double naive = t1 - t0;
    printf("segmentation: DP %.0f names/s, naive recursive enumeration %.0f names/s (%.1fx)\n",
           N / dp, N / naive, naive / dp);

    /* Long joined strings (whole names or Uyghur transliterations written as
     * one word, 5-7 syllables, orthographic apostrophes): the DP stays
     * linear while enumeration grows with the number of parses. Also a
     * greedy longest-match baseline, which is fast but misparses (xinan ->
     * xin+an): its error rate against the generated syllables is printed. */
    int NL = N / 10;
    char(*longs)[64] = malloc((size_t)NL * sizeof *longs);
    int *nsyl = malloc((size_t)NL * sizeof *nsyl);
    if (!longs || !nsyl)
        return 1;
    for (int i = 0; i < NL; i++) {
        int k = 5 + (int)next(3);
        size_t l = 0;
        for (int q = 0; q < k; q++) {
            const char *sy = nomen__rz_syl_str(core[next(nc)]);
            if (q > 0 && (sy[0] == 'a' || sy[0] == 'o' || sy[0] == 'e'))
                longs[i][l++] = '\'';
            size_t sl = strlen(sy);
            memcpy(longs[i] + l, sy, sl);
            l += sl;
        }
        longs[i][l] = '\0';
        nsyl[i] = k;
    }
    t0 = now();
    int dp_ok = 0;
    for (int i = 0; i < NL; i++) {
        uint8_t ends[NOMEN__RZ_MAX_SEQ];
        int cost = 0;
        dp_ok += nomen__rz_segment(longs[i], strlen(longs[i]), ends, NOMEN__RZ_MAX_SEQ, &cost, NULL,
                                   NULL) == nsyl[i];
    }
    t1 = now();
    double dpl = t1 - t0;
    t0 = now();
    for (int i = 0; i < NL; i++)
        sink += naive_best(longs[i], strlen(longs[i]), 0, 0);
    t1 = now();
    double nvl = t1 - t0;
    t0 = now();
    int greedy_ok = 0;
    for (int i = 0; i < NL; i++) {
        const char *s = longs[i];
        size_t l = strlen(s), p = 0;
        int k = 0;
        bool fail = false;
        while (p < l && !fail) {
            if (s[p] == '\'') {
                p++;
                continue;
            }
            size_t best = 0;
            for (size_t len = 8; len >= 1 && !best; len--) {
                size_t n2 = 0;
                if (p + len <= l && nomen__rz_lookup(s + p, len, &n2, NULL))
                    best = len;
            }
            if (!best)
                fail = true;
            p += best;
            k++;
        }
        greedy_ok += !fail && k == nsyl[i];
    }
    t1 = now();
    double grl = t1 - t0;
    printf("long joined strings (5-7 syllables, %d): DP %.0f/s (%.2f%% correct syllable count), "
           "naive enumeration %.0f/s (%.1fx slower), greedy longest-match %.0f/s (%.2f%% "
           "correct syllable count)\n",
           NL, NL / dpl, 100.0 * dp_ok / NL, NL / nvl, nvl / dpl, NL / grl, 100.0 * greedy_ok / NL);
    free(longs);
    free(nsyl);

    /* Han names: 3 random characters of the Unified block's common range. */
    int NH = N / 2;
    char(*han)[16] = malloc((size_t)NH * sizeof *han);
    if (!han)
        return 1;
    for (int i = 0; i < NH; i++) {
        size_t l = 0;
        for (int k = 0; k < 3; k++) {
            uint32_t cp = 0x4E00 + next(0x9FA5 - 0x4E00);
            han[i][l++] = (char)(0xE0 | (cp >> 12));
            han[i][l++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            han[i][l++] = (char)(0x80 | (cp & 0x3F));
        }
        han[i][l] = '\0';
    }
    t0 = now();
    for (int i = 0; i < NH; i++) {
        nomen__rz_token t = {.key = "", .han = han[i], .han_len = 9};
        if (nomen__rz_romanize(&t, 1, out) == NOMEN_OK)
            variants += out->nvar;
    }
    t1 = now();
    printf("romanize (Han): %d names in %.3f s = %.0f names/s\n", NH, t1 - t0, NH / (t1 - t0));
    printf("(checksum %ld)\n", sink + variants);
    free(han);
    free(out);
    free(names);
    return 0;
}
