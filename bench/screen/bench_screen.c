/*
 * bench_screen.c: the screening engine's figures (issue 6). Prints, for a
 * real list (the OFAC SDN 2021-07 set by default) and for a synthetic list of
 * N names:
 *   - index build time, peak memory, saved-file load time;
 *   - queries per second on one core, with p50 / p99 latency, for a
 *     deterministic query mix (listed names with typos, reordering, case and
 *     punctuation changes, and innocent names from ../shared/data/names);
 *   - the naive baseline in the same run: an exhaustive Jaro-Winkler scan of
 *     every indexed name, and the ratio;
 *   - candidate recall: for a sample of queries, every name is scored
 *     exhaustively with the engine's own scorer; a record that scores at or
 *     above the threshold there but is missing from the matcher's hits is a
 *     miss of candidate generation. The target is none.
 * Usage: bench_screen [--list PATH] [--synthetic N] [--queries N] [--recall N] [--no-recall]
 *                     [--synthetic-only]
 */
#define _POSIX_C_SOURCE 200809L
#include "api/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of this thread: the figures do not depend on what else the
 * machine runs (the development machines are shared). */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024;
}

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

typedef struct strvec {
    char **s;
    size_t n, cap;
} strvec;

static void push(strvec *v, const char *s)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 1024;
        v->s = realloc(v->s, v->cap * sizeof(char *));
    }
    v->s[v->n++] = strdup(s);
}

/* Innocent names: first names from the SSA file, surnames from the census. */
static void load_words(const char *path, int col, strvec *out, size_t max)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[512];
    while (out->n < max && fgets(line, sizeof line, f)) {
        char *p = line;
        for (int c = 0; c < col && p; c++) {
            p = strchr(p, ',');
            if (p)
                p++;
        }
        if (!p)
            continue;
        char *end = strpbrk(p, ",\r\n");
        if (end)
            *end = '\0';
        if (*p && strcmp(p, "name") != 0)
            push(out, p);
    }
    fclose(f);
}

/* One perturbation of a listed name, as payment data shows them. */
static void perturb(const char *in, char *out, size_t cap)
{
    size_t n = strlen(in);
    if (n >= cap)
        n = cap - 1;
    memcpy(out, in, n);
    out[n] = '\0';
    switch (rnd(5)) {
    case 0: /* a typo: one ASCII letter replaced */
        for (int tries = 0; tries < 8 && n; tries++) {
            size_t i = rnd((uint32_t)n);
            if ((out[i] >= 'a' && out[i] <= 'z') || (out[i] >= 'A' && out[i] <= 'Z')) {
                out[i] = (char)((out[i] & 0x20) | ('A' + (char)rnd(26)));
                break;
            }
        }
        break;
    case 1: { /* reorder: last word first */
        char *sp = strrchr(out, ' ');
        if (sp) {
            char tmp[512];
            snprintf(tmp, sizeof tmp, "%s %.*s", sp + 1, (int)(sp - out), out);
            snprintf(out, cap, "%s", tmp);
        }
        break;
    }
    case 2: /* lower case, commas gone */
        for (size_t i = 0; i < n; i++) {
            if (out[i] >= 'A' && out[i] <= 'Z')
                out[i] = (char)(out[i] + 32);
            if (out[i] == ',')
                out[i] = ' ';
        }
        break;
    case 3: /* a dropped letter */
        if (n > 4) {
            size_t i = 1 + rnd((uint32_t)(n - 2));
            memmove(out + i, out + i + 1, n - i);
        }
        break;
    default: /* as listed */
        break;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The naive baseline: Jaro-Winkler of the whole lower-cased query against the
 * whole key string of every name (the keys joined by spaces). */
typedef struct flat {
    uint32_t *cp;
    size_t *off, *len;
    size_t n;
} flat;

static void flatten(const nomen__index *ix, flat *fl)
{
    fl->n = ix->nent;
    fl->off = malloc(fl->n * sizeof(size_t));
    fl->len = malloc(fl->n * sizeof(size_t));
    size_t total = 0;
    for (size_t e = 0; e < fl->n; e++)
        for (size_t k = 0; k < ix->ent[e].ntok; k++)
            total += ix->tok[ix->u32[ix->ent[e].tok + k]].ncp + 1;
    fl->cp = malloc((total + 1) * sizeof(uint32_t));
    size_t at = 0;
    for (size_t e = 0; e < fl->n; e++) {
        fl->off[e] = at;
        for (size_t k = 0; k < ix->ent[e].ntok; k++) {
            const nomen__ix_tok *t = &ix->tok[ix->u32[ix->ent[e].tok + k]];
            if (k)
                fl->cp[at++] = ' ';
            memcpy(fl->cp + at, ix->u32 + t->cps, t->ncp * sizeof(uint32_t));
            at += t->ncp;
        }
        fl->len[e] = at - fl->off[e];
    }
}

static double baseline_scan(const flat *fl, const char *query, nomen__jw_params *jw)
{
    uint32_t q[256];
    size_t n = 0;
    for (const char *p = query; *p && n < 256; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (c == ',')
            continue;
        q[n++] = c;
    }
    double best = 0;
    for (size_t e = 0; e < fl->n; e++) {
        double s = nomen__naive_jaro_winkler(q, n, fl->cp + fl->off[e], fl->len[e], jw);
        if (s > best)
            best = s;
    }
    return best;
}

static size_t recall_sample = 500; /* queries checked against an exhaustive scan */

static void run(const char *label, nomen_builder *b, double load_s, size_t nqueries,
                const strvec *innocent)
{
    double t0 = now();
    nomen_index *ix;
    if (nomen_index_build(b, &ix)) {
        fprintf(stderr, "build: %s\n", nomen_builder_errmsg(b));
        exit(2);
    }
    double build_s = now() - t0;
    const nomen__index *in = ix->ix;
    printf("\n== %s: %zu records, %zu names, %llu tokens\n", label, nomen_index_record_count(ix),
           nomen_index_name_count(ix), (unsigned long long)in->ntok);
    printf("load lists %.3f s, build index %.3f s, peak memory %ld MiB\n", load_s, build_s,
           peak_rss_mb());
    char path[] = "/tmp/nomen-bench-XXXXXX";
    int fd = mkstemp(path);
    if (fd >= 0) {
        char err[256];
        t0 = now();
        if (nomen_index_save(ix, path, err, sizeof err) == NOMEN_OK) {
            double save_s = now() - t0;
            nomen_index *ix2;
            t0 = now();
            if (nomen_index_load(path, &ix2, err, sizeof err) == NOMEN_OK) {
                printf("index file: save %.3f s, load %.1f ms\n", save_s, (now() - t0) * 1e3);
                nomen_index_free(ix2);
            } else {
                printf("index load failed: %s\n", err);
            }
        }
        remove(path);
    }

    /* Queries: listed names perturbed, and innocent names. */
    strvec qs = {0};
    char buf[512];
    for (size_t i = 0; i < nqueries; i++) {
        if (i % 2 == 0 || innocent->n == 0) {
            uint32_t e = rnd((uint32_t)in->nent);
            perturb(nomen__ix_str(in, in->ent[e].name), buf, sizeof buf);
        } else {
            snprintf(buf, sizeof buf, "%s %s", innocent->s[rnd((uint32_t)innocent->n)],
                     innocent->s[rnd((uint32_t)innocent->n)]);
        }
        push(&qs, buf);
    }
    nomen_matcher *m;
    nomen_matcher_new(ix, &m);
    double *lat = malloc(qs.n * sizeof(double));
    size_t hits = 0;
    nomen_query q;
    nomen_query_init(&q);
    t0 = cpu_now();
    for (size_t i = 0; i < qs.n; i++) {
        double t = cpu_now();
        q.name = qs.s[i];
        q.name_len = strlen(qs.s[i]);
        nomen_matcher_screen(m, &q);
        hits += nomen_matcher_hit_count(m);
        lat[i] = cpu_now() - t;
    }
    double total = cpu_now() - t0;
    /* The slowest queries, to show where the tail comes from. */
    for (int k = 0; k < 5; k++) {
        size_t worst = 0;
        for (size_t i = 1; i < qs.n; i++)
            if (lat[i] > lat[worst])
                worst = i;
        printf("  slow: %.1f us \"%s\"\n", lat[worst] * 1e6, qs.s[worst]);
        lat[worst] = -lat[worst];
    }
    for (size_t i = 0; i < qs.n; i++)
        if (lat[i] < 0)
            lat[i] = -lat[i];
    qsort(lat, qs.n, sizeof(double), cmp_double);
    printf("screen (CPU time): %zu queries in %.3f s = %.0f queries/s on one core; p50 %.1f us, "
           "p99 %.1f us, max %.1f us; %zu hits\n",
           qs.n, total, (double)qs.n / total, lat[qs.n / 2] * 1e6, lat[qs.n * 99 / 100] * 1e6,
           lat[qs.n - 1] * 1e6, hits);

    /* Naive baseline on a sample. */
    flat fl;
    flatten(in, &fl);
    nomen__jw_params jw;
    nomen__jw_params_init(&jw);
    size_t nb = qs.n < 200 ? qs.n : 200;
    t0 = cpu_now();
    volatile double sink = 0;
    for (size_t i = 0; i < nb; i++)
        sink += baseline_scan(&fl, qs.s[i], &jw);
    double bt = cpu_now() - t0;
    (void)sink;
    printf("baseline (exhaustive Jaro-Winkler scan): %.0f queries/s; nomen is %.0fx faster\n",
           (double)nb / bt, ((double)qs.n / total) / ((double)nb / bt));

    /* Candidate recall on a sample: exhaustive scoring vs the matcher. */
    nomen__norm nz;
    nomen__err err = {0};
    nomen__norm_init(&nz, in->proto, &err);
    nomen__scorer sc;
    nomen__scorer_init(&sc);
    nomen__qname qn;
    memset(&qn, 0, sizeof qn);
    size_t sample = qs.n < recall_sample ? qs.n : recall_sample, expected = 0, missed = 0;
    float *best = calloc(in->nrec, sizeof(float));
    t0 = now();
    for (size_t i = 0; i < sample; i++) {
        q.name = qs.s[i];
        q.name_len = strlen(qs.s[i]);
        nomen_matcher_screen(m, &q);
        nomen__qname_prepare(&qn, &nz, in, q.name, q.name_len, &err);
        nomen__scorer_reset(&sc);
        memset(best, 0, in->nrec * sizeof(float));
        for (uint32_t e = 0; e < in->nent; e++) {
            double s = nomen__score_entry(&sc, in, &qn, e, NOMEN__QMASK_ALL, NULL);
            if (in->ent[e].flags & NOMEN__IXE_WEAK)
                s *= 0.95;
            if ((float)s > best[in->ent[e].rec])
                best[in->ent[e].rec] = (float)s;
        }
        for (uint32_t r = 0; r < in->nrec; r++) {
            if ((double)best[r] < NOMEN_DEFAULT_THRESHOLD)
                continue;
            expected++;
            bool found = false;
            for (size_t h = 0; h < nomen_matcher_hit_count(m); h++)
                found |=
                    strcmp(nomen_hit_entity_id(m, h), nomen__ix_str(in, in->rec[r].list_id)) == 0;
            if (!found && nomen_matcher_hit_count(m) < 10) {
                missed++;
                if (missed <= 40)
                    printf("  candidate miss: \"%s\" -> \"%s\" (%.3f)\n", q.name,
                           nomen__ix_str(in, in->rec[r].primary), (double)best[r]);
            }
        }
    }
    printf("candidate recall on %zu queries: %zu of %zu exhaustive hits found, %zu missed "
           "(%.2f%%); exhaustive scoring took %.1f s\n",
           sample, expected - missed, expected, missed,
           expected ? 100.0 * (double)missed / (double)expected : 0.0, now() - t0);
    free(best);
    nomen__qname_free(&qn);
    nomen__scorer_free(&sc);
    nomen__norm_free(&nz);
    nomen__err_free(&err);
    free(fl.cp);
    free(fl.off);
    free(fl.len);
    free(lat);
    for (size_t i = 0; i < qs.n; i++)
        free(qs.s[i]);
    free(qs.s);
    nomen_matcher_free(m);
    nomen_index_free(ix);
}

/* A deterministic synthetic list in the generic CSV format: a third pinyin
 * names (surname and a two-syllable given name drawn from the whole toneless
 * inventory, as the romanizer knows it), a third Western names from the
 * innocent-name files (first names from the SSA file, surnames from the
 * census), a third Arabic-style names (two given names and a census surname).
 * Drawing from pools this large keeps the share of names per token near what
 * real lists show; a handful of syllables would make every name a namesake. */
static char *synthetic(size_t n, const strvec *first, const strvec *last, size_t *len)
{
    const char *syl[600];
    size_t nsyl = 0;
    for (unsigned i = 0; i < nomen__rz_nsyl && nsyl < 600; i++)
        if (!(nomen__rz_syl_flags[i] & NOMEN__RZ_SYLF_RARE) && nomen__rz_syl_str(i)[0] &&
            !strchr(nomen__rz_syl_str(i), 'v'))
            syl[nsyl++] = nomen__rz_syl_str(i);
    static const char *const ar[] = {"Mohammed", "Ahmed",   "Ali",      "Hassan", "Hussein",
                                     "Abdul",    "Omar",    "Khalid",   "Yusuf",  "Ibrahim",
                                     "Mahmoud",  "Mustafa", "Abdullah", "Tariq",  "Karim",
                                     "Samir",    "Nabil",   "Walid",    "Faisal", "Hamid"};
    size_t cap = n * 48 + 64, at = 0;
    char *s = malloc(cap);
    at += (size_t)snprintf(s, cap, "id,name,type\n");
    for (size_t i = 0; i < n; i++) {
        char name[160];
        switch (rnd(3)) {
        case 0:
            snprintf(name, sizeof name, "%s, %s%s", syl[rnd((uint32_t)nsyl)],
                     syl[rnd((uint32_t)nsyl)], syl[rnd((uint32_t)nsyl)]);
            name[0] = (char)(name[0] - 32);
            break;
        case 1:
            snprintf(name, sizeof name, "%s %s", first->s[rnd((uint32_t)first->n)],
                     last->s[rnd((uint32_t)last->n)]);
            break;
        default:
            snprintf(name, sizeof name, "%s %s %s", ar[rnd(20)], ar[rnd(20)],
                     last->s[rnd((uint32_t)last->n)]);
            break;
        }
        if (at + 200 > cap) {
            cap *= 2;
            s = realloc(s, cap);
        }
        at += (size_t)snprintf(s + at, cap - at, "syn%zu,\"%s\",individual\n", i, name);
    }
    *len = at;
    return s;
}

int main(int argc, char **argv)
{
    const char *list = NULL;
    size_t nsyn = 1000000, nq = 20000;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--list") == 0 && i + 1 < argc)
            list = argv[++i];
        else if (strcmp(argv[i], "--synthetic") == 0 && i + 1 < argc)
            nsyn = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--queries") == 0 && i + 1 < argc)
            nq = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--no-recall") == 0)
            recall_sample = 0;
        else if (strcmp(argv[i], "--recall") == 0 && i + 1 < argc)
            recall_sample = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--synthetic-only") == 0)
            list = "";
    }
    const char *shared = getenv("NOMEN_SHARED_DIR");
    char p[1024];
    if (!shared)
        shared = "../shared";
    if (!list) {
        snprintf(p, sizeof p, "%s/data/lists/ofac/sdn_2021-07", shared);
        list = p;
    }
    strvec first = {0}, last = {0}, innocent = {0};
    char path[1024];
    snprintf(path, sizeof path, "%s/data/names/us_ssa/yob2023.txt", shared);
    load_words(path, 0, &first, 20000);
    snprintf(path, sizeof path, "%s/data/names/us_census/Names_2010Census.csv", shared);
    load_words(path, 0, &last, 2000);
    for (size_t i = 0; i < first.n && i < 3000; i++)
        push(&innocent, first.s[i]);
    for (size_t i = 0; i < last.n; i++)
        push(&innocent, last.s[i]);

    nomen_builder *b;
    double t0;
    if (list[0]) {
        nomen_builder_new(&b);
        t0 = now();
        if (nomen_builder_add_path(b, list, NULL, NULL) != NOMEN_OK) {
            fprintf(stderr, "bench_screen: %s\n", nomen_builder_errmsg(b));
            return 2;
        }
        run(list, b, now() - t0, nq, &innocent);
        nomen_builder_free(b);
    }

    if (nsyn && first.n && last.n) {
        size_t len;
        char *csv = synthetic(nsyn, &first, &last, &len);
        const char *dump = getenv("NOMEN_BENCH_DUMP");
        if (dump) {
            FILE *f = fopen(dump, "wb");
            if (f) {
                fwrite(csv, 1, len, f);
                fclose(f);
            }
        }
        nomen_builder_new(&b);
        t0 = now();
        if (nomen_builder_add_memory(b, "synthetic.csv", csv, len, "generic-csv", "synthetic")) {
            fprintf(stderr, "bench_screen: %s\n", nomen_builder_errmsg(b));
            return 2;
        }
        free(csv);
        char label[64];
        snprintf(label, sizeof label, "synthetic list of %zu names", nsyn);
        run(label, b, now() - t0, nq / 4, &innocent);
        nomen_builder_free(b);
    }
    return 0;
}
