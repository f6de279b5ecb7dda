/*
 * test_cases.c: the shared screening cases (tests/data/screen_cases.tsv)
 * against the built-in sample list, through the public API only.
 *
 * Three modes:
 *   test_cases                 the cmocka test: every case's top hit and score
 *                              (and a saved and reloaded index gives the same
 *                              hit lists);
 *   test_cases --print         one line per case with its full hit list, so
 *                              that each binding compares its own results with
 *                              the C library's at test time (nothing expected
 *                              is committed, so the comparison cannot go
 *                              stale while the scoring is tuned);
 *   test_cases --bench N       N screens of the case queries in turn, timed,
 *                              the C figure beside which the binding benches
 *                              print theirs; then about N more through the
 *                              batch call (nomen_matcher_screen_batch), in
 *                              batches of 1,000, so that the cost of packing
 *                              hits as text shows apart from the bindings'.
 *
 * The --print line is "<case number>\t<query>\t<hits>", hits being
 * "<entity id>=<score with 6 decimals>" joined by single spaces (empty when
 * none); cases are numbered from 1 in file order. The bindings produce the
 * same text. The file is plain UTF-8 split on TAB, without escapes, so every
 * language reads it the same way.
 */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <nomen.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The options every runner uses (the file's header says the same). */
#define CASES_THRESHOLD 0.50
#define CASES_LIMIT     5

typedef struct screen_case {
    char *field[6]; /* query, dob, country, type, expect, score */
    size_t line;
} screen_case;

typedef struct case_set {
    screen_case *c;
    size_t n;
    char *text; /* the file, split in place */
} case_set;

/* Read the cases; on a malformed line, say where on stderr and return -1. */
static int cases_read(const char *path, case_set *out)
{
    size_t len;
    memset(out, 0, sizeof *out);
    out->text = nt_read_file(path, &len);
    if (!out->text) {
        fprintf(stderr, "%s: cannot read\n", path);
        return -1;
    }
    size_t cap = 0, lineno = 0;
    char *p = out->text;
    while (*p) {
        char *eol = strchr(p, '\n');
        if (eol)
            *eol = '\0';
        lineno++;
        if (*p != '\0' && *p != '#') {
            if (out->n == cap) {
                cap = cap ? cap * 2 : 64;
                screen_case *c = realloc(out->c, cap * sizeof *c);
                if (!c)
                    return -1;
                out->c = c;
            }
            screen_case *c = &out->c[out->n++];
            c->line = lineno;
            size_t k = 0;
            for (char *f = p; k < 6; k++) {
                c->field[k] = f;
                char *tab = strchr(f, '\t');
                if (!tab)
                    break;
                *tab = '\0';
                f = tab + 1;
            }
            if (k != 5 || c->field[0][0] == '\0') {
                fprintf(stderr, "%s:%zu: expected 6 TAB-separated fields, a query first\n", path,
                        lineno);
                return -1;
            }
        }
        if (!eol)
            break;
        p = eol + 1;
    }
    return 0;
}

static void cases_free(case_set *s)
{
    free(s->c);
    free(s->text);
}

static nomen_index *build_sample(void)
{
    char *path = nt_source_path("data/sample-list.csv");
    nomen_builder *b = NULL;
    nomen_index *ix = NULL;
    if (nomen_builder_new(&b) != NOMEN_OK ||
        nomen_builder_add_path(b, path, "generic-csv", NULL) != NOMEN_OK ||
        nomen_index_build(b, &ix) != NOMEN_OK)
        fprintf(stderr, "%s: %s\n", path, b ? nomen_builder_errmsg(b) : "out of memory");
    nomen_builder_free(b);
    free(path);
    return ix;
}

static nomen_matcher *cases_matcher(nomen_index *ix)
{
    nomen_matcher *m;
    if (nomen_matcher_new(ix, &m) != NOMEN_OK)
        return NULL;
    nomen_options o;
    nomen_options_init(&o);
    o.threshold = CASES_THRESHOLD;
    o.limit = CASES_LIMIT;
    if (nomen_matcher_set_options(m, &o) != NOMEN_OK) {
        nomen_matcher_free(m);
        return NULL;
    }
    return m;
}

/* Screen case c; an unknown type name is a malformed case (INVALID_ARG). */
static int screen_case_run(nomen_matcher *m, const screen_case *c)
{
    nomen_query q;
    nomen_query_init(&q);
    q.name = c->field[0];
    q.name_len = strlen(c->field[0]);
    if (c->field[1][0]) {
        q.dob = c->field[1];
        q.dob_len = strlen(c->field[1]);
    }
    if (c->field[2][0]) {
        q.country = c->field[2];
        q.country_len = strlen(c->field[2]);
    }
    if (c->field[3][0]) {
        q.type = nomen_subject_from_name(c->field[3]);
        if (q.type < 0)
            return NOMEN_ERR_INVALID_ARG;
    }
    return nomen_matcher_screen(m, &q);
}

/* The hit list in the --print form, into buf. */
static void hits_format(const nomen_matcher *m, char *buf, size_t cap)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < nomen_matcher_hit_count(m) && used < cap; i++) {
        int n = snprintf(buf + used, cap - used, "%s%s=%.6f", i ? " " : "",
                         nomen_hit_entity_id(m, i), nomen_hit_score(m, i));
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

static char *cases_path(void)
{
    return nt_source_path("tests/data/screen_cases.tsv");
}

/* ---- cmocka test --------------------------------------------------------- */

static void test_shared_cases(void **state)
{
    (void)state;
    char *path = cases_path();
    case_set s;
    if (cases_read(path, &s) != 0)
        fail_msg("%s: unreadable or malformed", path);
    assert_true(s.n >= 40);
    nomen_index *ix = build_sample();
    assert_non_null(ix);
    nomen_matcher *m = cases_matcher(ix);
    assert_non_null(m);
    size_t failed = 0;
    for (size_t i = 0; i < s.n; i++) {
        const screen_case *c = &s.c[i];
        int rc = screen_case_run(m, c);
        if (rc != NOMEN_OK) {
            print_error("%s:%zu: %s: status %d %s\n", path, c->line, c->field[0], rc,
                        nomen_matcher_errmsg(m));
            failed++;
            continue;
        }
        char *end;
        double bound = strtod(c->field[5], &end);
        if (end == c->field[5] || *end != '\0') {
            print_error("%s:%zu: bad score '%s'\n", path, c->line, c->field[5]);
            failed++;
            continue;
        }
        size_t n = nomen_matcher_hit_count(m);
        double top = n ? nomen_hit_score(m, 0) : 0.0;
        const char *id = n ? nomen_hit_entity_id(m, 0) : "-";
        int ok = strcmp(c->field[4], "-") == 0 ? top < bound
                                               : strcmp(id, c->field[4]) == 0 && top >= bound;
        if (!ok) {
            print_error("%s:%zu: %s: expected %s (%s %s), got %s %.6f\n", path, c->line,
                        c->field[0], c->field[4], strcmp(c->field[4], "-") ? ">=" : "<",
                        c->field[5], id, top);
            failed++;
        }
    }
    nomen_matcher_free(m);
    nomen_index_free(ix);
    cases_free(&s);
    free(path);
    if (failed)
        fail_msg("%zu of the shared screening cases failed", failed);
}

/* A saved and reloaded index screens every case to the same hit list. */
static void test_cases_saved_index(void **state)
{
    (void)state;
    char *path = cases_path();
    case_set s;
    if (cases_read(path, &s) != 0)
        fail_msg("%s: unreadable or malformed", path);
    nomen_index *built = build_sample();
    assert_non_null(built);
    char file[] = "/tmp/nomen-cases-XXXXXX";
    int fd = mkstemp(file);
    assert_true(fd >= 0);
    fclose(fdopen(fd, "w"));
    char err[256];
    assert_int_equal(nomen_index_save(built, file, err, sizeof err), NOMEN_OK);
    nomen_index *loaded = NULL;
    assert_int_equal(nomen_index_load(file, &loaded, err, sizeof err), NOMEN_OK);
    remove(file);
    nomen_matcher *a = cases_matcher(built), *b = cases_matcher(loaded);
    assert_non_null(a);
    assert_non_null(b);
    static char ha[4096], hb[4096];
    for (size_t i = 0; i < s.n; i++) {
        assert_int_equal(screen_case_run(a, &s.c[i]), NOMEN_OK);
        assert_int_equal(screen_case_run(b, &s.c[i]), NOMEN_OK);
        hits_format(a, ha, sizeof ha);
        hits_format(b, hb, sizeof hb);
        assert_string_equal(ha, hb);
    }
    nomen_matcher_free(a);
    nomen_matcher_free(b);
    nomen_index_free(built);
    nomen_index_free(loaded);
    cases_free(&s);
    free(path);
}

/* ---- --print and --bench ------------------------------------------------- */

/* The same count of screens through nomen_matcher_screen_batch, in batches of
 * BENCH_BATCH queries (the form the bindings' batch calls use, hits packed as
 * text): screens per second, or -1 when a batch fails. */
#define BENCH_BATCH 1000

static double bench_batch(nomen_matcher *m, const case_set *s, long count)
{
    size_t cap = 0, len = 0;
    char *text = NULL;
    for (size_t i = 0; i < BENCH_BATCH; i++) {
        const screen_case *c = &s->c[i % s->n];
        char code[8] = "";
        if (c->field[3][0])
            snprintf(code, sizeof code, "%d", nomen_subject_from_name(c->field[3]));
        const char *f[4] = {c->field[0], c->field[1], c->field[2], code};
        for (int k = 0; k < 4; k++) {
            size_t n = strlen(f[k]);
            if (len + n + 2 > cap) {
                cap = 2 * (len + n + 2);
                char *grown = realloc(text, cap);
                if (!grown) {
                    free(text);
                    return -1;
                }
                text = grown;
            }
            memcpy(text + len, f[k], n);
            len += n;
            text[len++] = NOMEN_PACK_FIELD_SEP;
        }
    }
    struct timespec t0, t1;
    long done = 0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (done < count) {
        const char *out;
        size_t out_len, n;
        if (nomen_matcher_screen_batch(m, text, len, &out, &out_len, &n) != NOMEN_OK) {
            fprintf(stderr, "batch: %s\n", nomen_matcher_errmsg(m));
            free(text);
            return -1;
        }
        done += (long)n;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    free(text);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    return secs > 0 ? (double)done / secs : 0.0;
}

static int run_tool(int bench, long count)
{
    char *path = cases_path();
    case_set s;
    int rc = 1;
    nomen_index *ix = NULL;
    nomen_matcher *m = NULL;
    if (cases_read(path, &s) != 0 || s.n == 0)
        goto out;
    if (!(ix = build_sample()) || !(m = cases_matcher(ix)))
        goto out;
    if (bench) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (long i = 0; i < count; i++) {
            if (screen_case_run(m, &s.c[(size_t)i % s.n]) != NOMEN_OK) {
                fprintf(stderr, "%s: %s\n", s.c[(size_t)i % s.n].field[0], nomen_matcher_errmsg(m));
                goto out;
            }
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        double batch = bench_batch(m, &s, count);
        if (batch < 0)
            goto out;
        printf("screens=%ld seconds=%.3f screens_per_sec=%.0f batch_screens_per_sec=%.0f\n", count,
               secs, secs > 0 ? (double)count / secs : 0.0, batch);
    } else {
        static char hits[4096];
        for (size_t i = 0; i < s.n; i++) {
            if (screen_case_run(m, &s.c[i]) != NOMEN_OK) {
                fprintf(stderr, "%s:%zu: %s\n", path, s.c[i].line, nomen_matcher_errmsg(m));
                goto out;
            }
            hits_format(m, hits, sizeof hits);
            printf("%zu\t%s\t%s\n", i + 1, s.c[i].field[0], hits);
        }
    }
    rc = 0;
out:
    nomen_matcher_free(m);
    nomen_index_free(ix);
    if (s.text)
        cases_free(&s);
    free(path);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--print") == 0)
        return run_tool(0, 0);
    if (argc == 3 && strcmp(argv[1], "--bench") == 0) {
        char *end;
        long n = strtol(argv[2], &end, 10);
        if (end == argv[2] || *end || n <= 0) {
            fprintf(stderr, "test_cases: --bench wants a positive count\n");
            return 2;
        }
        return run_tool(1, n);
    }
    if (argc != 1) {
        fprintf(stderr, "usage: test_cases [--print | --bench N]\n"
                        "(NOMEN_SOURCE_DIR names the source tree; default .)\n");
        return 2;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_cases),
        cmocka_unit_test(test_cases_saved_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
