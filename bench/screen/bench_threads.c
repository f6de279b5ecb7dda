/*
 * bench_threads.c: does screening scale with threads? One index, one matcher
 * a thread, the names of the shared screening cases (tests/data/
 * screen_cases.tsv) against the built-in sample list, in three groups:
 * ASCII names, names with Han characters, and other non-ASCII names (accented
 * Latin, Cyrillic, Arabic, Hangul ...). For 1 to T threads it prints
 * screens/s and the speedup over one thread (wall time: the point is what
 * threads gain together).
 *
 * Then the step that used to stop Han names from scaling, alone: the three
 * Han transliterations of each Han name, through nomen's tables
 * (nomen__translit_run) and through ICU alone (nomen__translit_run_icu, the
 * naive baseline), whose rule-based transliterators take one process-wide
 * mutex on every call.
 *
 *   bench_threads [--threads T] [--seconds S]
 *
 * Run from the source tree (or set NOMEN_SOURCE_DIR).
 */
#define _POSIX_C_SOURCE 200809L
#include "unicode/uni.h"

#include <nomen.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_NAMES 512

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

typedef struct group {
    const char *label;
    char *name[MAX_NAMES];
    size_t n;
} group;

static char *source_path(const char *rel)
{
    const char *dir = getenv("NOMEN_SOURCE_DIR");
    if (!dir)
        dir = ".";
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

/* The query column of the cases file, split into the three groups. */
static int read_names(group g[3])
{
    char *path = source_path("tests/data/screen_cases.tsv");
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f) {
        fprintf(stderr, "bench_threads: cannot read %s (run from the source tree)\n",
                path ? path : "the cases");
        free(path);
        return -1;
    }
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *tab = strchr(line, '\t');
        if (tab)
            *tab = '\0';
        int kind = 0;
        for (const unsigned char *p = (const unsigned char *)line; *p; p++) {
            if (*p >= 0x80 && kind == 0)
                kind = 2;
            /* E3-E9 lead bytes: U+3000-U+9FFF, where the Han blocks are */
            if (*p >= 0xE3 && *p <= 0xE9)
                kind = 1;
        }
        if (g[kind].n < MAX_NAMES)
            g[kind].name[g[kind].n++] = strdup(line);
    }
    fclose(f);
    free(path);
    return 0;
}

typedef struct job {
    nomen_index *ix;
    const group *g;
    int which; /* screens: -1; transliteration: 0 nomen, 1 ICU alone */
    bool han;  /* transliteration: the Han transforms, else Latin-ASCII */
    double seconds;
    long done;
} job;

static void *screen_loop(void *arg)
{
    job *j = arg;
    nomen_matcher *m;
    if (nomen_matcher_new(j->ix, &m) != NOMEN_OK)
        return NULL;
    nomen_options o;
    nomen_options_init(&o);
    o.threshold = 0.5;
    o.limit = 5;
    nomen_matcher_set_options(m, &o);
    double end = now() + j->seconds;
    long n = 0;
    while (now() < end) {
        for (int k = 0; k < 64; k++, n++) {
            const char *s = j->g->name[(size_t)n % j->g->n];
            nomen_query q;
            nomen_query_init(&q);
            q.name = s;
            q.name_len = strlen(s);
            nomen_matcher_screen(m, &q);
        }
    }
    j->done = n;
    nomen_matcher_free(m);
    return NULL;
}

static nomen__translit_proto *proto;

static void *translit_loop(void *arg)
{
    job *j = arg;
    nomen__err err = {0};
    nomen__translit *t;
    if (nomen__translit_new(proto, &t, &err) != NOMEN_OK)
        return NULL;
    static const int tr[3] = {NOMEN__TR_HANT_HANS, NOMEN__TR_HAN_LATIN, NOMEN__TR_HAN_LATIN_NAMES};
    nomen__buf out = {0};
    double end = now() + j->seconds;
    long n = 0;
    while (now() < end) {
        for (int k = 0; k < 64; k++, n++) {
            const char *s = j->g->name[(size_t)n % j->g->n];
            if (!j->han) {
                nomen__buf_clear(&out);
                if (j->which == 0)
                    nomen__translit_run(t, NOMEN__TR_LATIN_ASCII, s, strlen(s), &out);
                else
                    nomen__translit_run_icu(t, NOMEN__TR_LATIN_ASCII, s, strlen(s), &out);
                continue;
            }
            /* the Han part of the name: from its first byte of E3-E9 */
            const char *h = s;
            while (*h && !((unsigned char)*h >= 0xE3 && (unsigned char)*h <= 0xE9))
                h++;
            size_t len = 0;
            while (h[len] && (unsigned char)h[len] >= 0x80)
                len++;
            for (int w = 0; w < 3; w++) {
                nomen__buf_clear(&out);
                if (j->which == 0)
                    nomen__translit_run(t, tr[w], h, len, &out);
                else
                    nomen__translit_run_icu(t, tr[w], h, len, &out);
            }
        }
    }
    j->done = n;
    nomen__buf_free(&out);
    nomen__translit_free(t);
    nomen__err_free(&err);
    return NULL;
}

/* Items/s with T threads running fn over g. */
static double run(void *(*fn)(void *), nomen_index *ix, const group *g, int which, bool han,
                  int threads, double seconds)
{
    pthread_t th[64];
    job jobs[64];
    double t0 = now();
    for (int k = 0; k < threads; k++) {
        jobs[k] = (job){ix, g, which, han, seconds, 0};
        pthread_create(&th[k], NULL, fn, &jobs[k]);
    }
    long total = 0;
    for (int k = 0; k < threads; k++) {
        pthread_join(th[k], NULL);
        total += jobs[k].done;
    }
    return (double)total / (now() - t0);
}

int main(int argc, char **argv)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int maxt = cpus > 1 ? (int)(cpus > 64 ? 64 : cpus) : 2;
    double seconds = 1.0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--threads") == 0)
            maxt = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--seconds") == 0)
            seconds = atof(argv[i + 1]);
    }
    if (maxt < 1 || maxt > 64 || seconds <= 0) {
        fprintf(stderr, "usage: bench_threads [--threads 1..64] [--seconds S]\n");
        return 2;
    }
    group g[4] = {
        {"ASCII", {0}, 0}, {"Han", {0}, 0}, {"other non-ASCII", {0}, 0}, {"Latin-ASCII", {0}, 0}};
    if (read_names(g) != 0)
        return 1;
    static const char *const folded[] = {
        "Łukasz Wałęsa",   "Øystein Ødegård", "Đoàn Đức Hải", "Ægir Þórsson", "Søren Kjærgaard",
        "Paweł Dąbrowski", "Đorđe Balašević", "Ðuro Đaković", "Bjørn Løvås",  "Małgorzata Łęcka"};
    for (size_t i = 0; i < sizeof folded / sizeof *folded; i++)
        g[3].name[g[3].n++] = strdup(folded[i]);
    nomen_builder *b;
    nomen_index *ix;
    char *sample = source_path("data/sample-list.csv");
    if (nomen_builder_new(&b) != NOMEN_OK ||
        nomen_builder_add_path(b, sample, "generic-csv", NULL) != NOMEN_OK ||
        nomen_index_build(b, &ix) != NOMEN_OK) {
        fprintf(stderr, "bench_threads: cannot build the sample index from %s\n", sample);
        return 1;
    }
    nomen_builder_free(b);
    free(sample);
    printf("%ld CPUs online; %.1f s a run; names of the shared cases against the sample list\n",
           cpus, seconds);
    for (int k = 0; k < 4; k++) {
        if (!g[k].n)
            continue;
        double one = 0;
        printf("screens, %-16s (%3zu names):", g[k].label, g[k].n);
        for (int t = 1; t <= maxt; t++) {
            double r = run(screen_loop, ix, &g[k], -1, false, t, seconds);
            if (t == 1)
                one = r;
            printf("  %d thr %8.0f/s x%.2f", t, r, r / one);
        }
        printf("\n");
    }
    nomen__err err = {0};
    if (nomen__translit_proto_open(&proto, &err) == NOMEN_OK) {
        for (int step = 0; step < 4; step++) {
            bool han = step < 2;
            int which = step % 2;
            const group *gr = han ? &g[1] : &g[3];
            if (!gr->n)
                continue;
            double one = 0;
            printf("%-11s %-10s:", han ? "Han transl." : "Latin-ASCII",
                   which ? "ICU alone" : "nomen");
            for (int t = 1; t <= maxt; t++) {
                double r = run(translit_loop, NULL, gr, which, han, t, seconds);
                if (t == 1)
                    one = r;
                printf("  %d thr %8.0f names/s x%.2f", t, r, r / one);
            }
            printf("\n");
        }
        nomen__translit_proto_free(proto);
    }
    nomen__err_free(&err);
    nomen_index_free(ix);
    for (int k = 0; k < 4; k++)
        for (size_t i = 0; i < g[k].n; i++)
            free(g[k].name[i]);
    return 0;
}
