/*
 * Tests of the distance stage: every applicable row of the other projects'
 * test vectors (../shared/data/vectors), each with the conventions of the
 * project that wrote it, a pass count per file; then cutoff semantics, the
 * blocked paths (strings longer than 64 and 256 code points) and the query
 * form against the naive references; then argument checks.
 */
#include "testutil.h"

#include "distance/distance.h"
#include "unicode/uni.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------------- */

typedef struct cps {
    uint32_t *p;
    size_t n;
} cps;

static cps decode(const char *s, size_t len)
{
    cps c;
    assert_true(nomen__utf8_valid(s, len, NULL));
    c.n = nomen__utf8_decode(s, len, NULL, 0);
    c.p = malloc((c.n + 1) * sizeof *c.p);
    assert_non_null(c.p);
    assert_int_equal(nomen__utf8_decode(s, len, c.p, c.n), c.n);
    return c;
}

typedef struct tally {
    const char *file;
    int pass, total;
} tally;

static void tally_row(tally *t, bool ok, const nt_row *r, double got, double want)
{
    t->total++;
    if (ok) {
        t->pass++;
        return;
    }
    print_message("  %s:%zu: %s | %s: got %.6f, want %.6f\n", t->file, r->line, r->f[0].s,
                  r->n > 1 ? r->f[1].s : "", got, want);
}

static void tally_end(tally *t)
{
    print_message("%s: %d/%d rows pass\n", t->file, t->pass, t->total);
    assert_int_equal(t->pass, t->total);
    assert_true(t->total > 0);
}

/* Compare a and b with both fast paths (nomen__compare, and a query made from
 * a) and the naive reference; all three must agree. Returns the value. */
static double measure(const nomen__metric_opts *o, nomen__dist_kind kind, const cps *a,
                      const cps *b, double cutoff)
{
    double got, viaq;
    assert_int_equal(nomen__compare(o, kind, a->p, a->n, b->p, b->n, cutoff, &got), NOMEN_OK);
    nomen__dist_query q;
    assert_int_equal(nomen__dist_query_init(&q, a->p, a->n), NOMEN_OK);
    assert_int_equal(nomen__query_compare(&q, o, kind, b->p, b->n, cutoff, &viaq), NOMEN_OK);
    nomen__dist_query_free(&q);
    double naive = nomen__dist_finish(o, kind, nomen__naive_distance(o, a->p, a->n, b->p, b->n),
                                      a->n, b->n, cutoff);
    if (got != viaq || got != naive)
        fail_msg("fast %.17g, query %.17g, naive %.17g", got, viaq, naive);
    return got;
}

static char *vec(const char *rel)
{
    char buf[256];
    snprintf(buf, sizeof buf, "data/vectors/%s", rel);
    return nt_shared_path(buf);
}

/* A file of rows "s1,s2,expected[,...]": one metric, one kind, no cutoff. */
static void run_simple(const char *rel, int header, const nomen__metric_opts *o,
                       nomen__dist_kind kind, double tol)
{
    char *path = vec(rel);
    NT_REQUIRE_FILE(path, rel);
    nt_table t;
    nt_csv_read(path, header, &t);
    tally ty = {rel, 0, 0};
    double none =
        kind == NOMEN__KIND_DISTANCE || kind == NOMEN__KIND_NORM_DISTANCE ? (double)INFINITY : 0.0;
    for (size_t i = 0; i < t.n; i++) {
        nt_row *r = &t.rows[i];
        if (r->n < 3)
            continue;
        cps a = decode(r->f[0].s, r->f[0].len), b = decode(r->f[1].s, r->f[1].len);
        double want = strtod(r->f[2].s, NULL);
        double got = measure(o, kind, &a, &b, none);
        tally_row(&ty, fabs(got - want) <= tol, r, got, want);
        free(a.p);
        free(b.p);
    }
    tally_end(&ty);
    nt_table_free(&t);
    free(path);
}

static nomen__metric_opts opts(nomen__metric m)
{
    nomen__metric_opts o;
    nomen__metric_opts_init(&o, m);
    return o;
}

/* ---- jellyfish -------------------------------------------------------------- */

/* jellyfish: two empty strings have Jaro 0, floats rounded to 3 decimals
 * (its own tests allow 0.001). */
static nomen__metric_opts jellyfish_jw(nomen__metric m, bool long_tol)
{
    nomen__metric_opts o = opts(m);
    o.jw.empty_match = false;
    o.jw.long_tolerance = long_tol;
    return o;
}

static void test_jellyfish(void **state)
{
    (void)state;
    nomen__metric_opts o = opts(NOMEN__METRIC_LEVENSHTEIN);
    run_simple("jellyfish/levenshtein.csv", 0, &o, NOMEN__KIND_DISTANCE, 0);
    run_simple("jellyfish/wagner_fischer.csv", 0, &o, NOMEN__KIND_DISTANCE, 0);
    o = opts(NOMEN__METRIC_DAMERAU); /* jellyfish: unrestricted */
    run_simple("jellyfish/damerau_levenshtein.csv", 0, &o, NOMEN__KIND_DISTANCE, 0);
    o = opts(NOMEN__METRIC_HAMMING); /* extra length counts */
    run_simple("jellyfish/hamming.csv", 0, &o, NOMEN__KIND_DISTANCE, 0);
    o = jellyfish_jw(NOMEN__METRIC_JARO, false);
    run_simple("jellyfish/jaro_distance.csv", 0, &o, NOMEN__KIND_SIMILARITY, 0.001);
    o = jellyfish_jw(NOMEN__METRIC_JARO_WINKLER, false);
    run_simple("jellyfish/jaro_winkler.csv", 0, &o, NOMEN__KIND_SIMILARITY, 0.001);
    o = jellyfish_jw(NOMEN__METRIC_JARO_WINKLER, true);
    run_simple("jellyfish/jaro_winkler_longtol.csv", 0, &o, NOMEN__KIND_SIMILARITY, 0.001);
}

/* ---- talisman --------------------------------------------------------------- */

static void test_talisman(void **state)
{
    (void)state;
    nomen__metric_opts o = opts(NOMEN__METRIC_JARO);
    run_simple("talisman/jaro_extracted.csv", 1, &o, NOMEN__KIND_SIMILARITY, 0.01);
    o = opts(NOMEN__METRIC_JARO_WINKLER);
    run_simple("talisman/jaro_winkler_extracted.csv", 1, &o, NOMEN__KIND_SIMILARITY, 0.01);
    /* JS counts UTF-16 units; every row is in the BMP, so code points agree */
    o = opts(NOMEN__METRIC_LEVENSHTEIN);
    run_simple("talisman/levenshtein_extracted.csv", 1, &o, NOMEN__KIND_DISTANCE, 0);
    o = opts(NOMEN__METRIC_OSA); /* talisman's damerau is restricted */
    run_simple("talisman/damerau_levenshtein_extracted.csv", 1, &o, NOMEN__KIND_DISTANCE, 0);
    o = opts(NOMEN__METRIC_HAMMING);
    o.hamming_pad = false; /* talisman throws on unequal lengths */
    run_simple("talisman/hamming_extracted.csv", 1, &o, NOMEN__KIND_DISTANCE, 0);
    o.hamming_pad = true; /* the normalized form pads */
    run_simple("talisman/hamming_normalized_extracted.csv", 1, &o, NOMEN__KIND_NORM_DISTANCE, 1e-9);
}

/* ---- rapidfuzz-cpp ---------------------------------------------------------- */

static void test_rapidfuzz(void **state)
{
    (void)state;
    const char *rel = "rapidfuzz-cpp/rapidfuzz_cpp_tests_extracted.csv";
    char *path = vec(rel);
    NT_REQUIRE_FILE(path, rel);
    nt_table t;
    nt_csv_read(path, 1, &t);
    tally ty = {rel, 0, 0};
    static const struct {
        const char *name;
        nomen__metric m;
        nomen__dist_kind kind;
    } map[] = {
        {"levenshtein_distance", NOMEN__METRIC_LEVENSHTEIN, NOMEN__KIND_DISTANCE},
        {"levenshtein_normalized_similarity", NOMEN__METRIC_LEVENSHTEIN,
         NOMEN__KIND_NORM_SIMILARITY},
        {"osa_distance", NOMEN__METRIC_OSA, NOMEN__KIND_DISTANCE},
        {"damerau_levenshtein_distance", NOMEN__METRIC_DAMERAU, NOMEN__KIND_DISTANCE},
        {"damerau_levenshtein_normalized_similarity", NOMEN__METRIC_DAMERAU,
         NOMEN__KIND_NORM_SIMILARITY},
        {"jaro_similarity", NOMEN__METRIC_JARO, NOMEN__KIND_SIMILARITY},
        {"jaro_winkler_similarity", NOMEN__METRIC_JARO_WINKLER, NOMEN__KIND_SIMILARITY},
        {"hamming_distance", NOMEN__METRIC_HAMMING, NOMEN__KIND_DISTANCE},
        {"indel_distance", NOMEN__METRIC_INDEL, NOMEN__KIND_DISTANCE},
        {"indel_normalized_similarity", NOMEN__METRIC_INDEL, NOMEN__KIND_NORM_SIMILARITY},
    };
    for (size_t i = 0; i < t.n; i++) {
        nt_row *r = &t.rows[i];
        assert_true(r->n >= 8);
        size_t k = 0;
        while (k < NOMEN__ARRAY_LEN(map) && strcmp(map[k].name, r->f[0].s) != 0)
            k++;
        if (k == NOMEN__ARRAY_LEN(map))
            fail_msg("%s:%zu: unknown metric %s", rel, r->line, r->f[0].s);
        nomen__metric_opts o = opts(map[k].m); /* rapidfuzz: Jaro("","") = 1 */
        if (r->f[3].len) {
            assert_int_equal(sscanf(r->f[3].s, "%zu %zu %zu", &o.ins, &o.del, &o.sub), 3);
        }
        nomen__dist_kind kind = map[k].kind;
        double cutoff = kind == NOMEN__KIND_DISTANCE ? (double)INFINITY : 0.0;
        if (strcmp(r->f[4].s, "max") == 0)
            cutoff = strtod(r->f[5].s, NULL); /* above it: cutoff + 1 */
        double want = strtod(r->f[6].s, NULL);
        double tol = r->f[7].len ? strtod(r->f[7].s, NULL) : 0.0;
        cps a = decode(r->f[1].s, r->f[1].len), b = decode(r->f[2].s, r->f[2].len);
        double got = measure(&o, kind, &a, &b, cutoff);
        tally_row(&ty, fabs(got - want) <= tol + 1e-12, r, got, want);
        free(a.p);
        free(b.p);
    }
    tally_end(&ty);
    nt_table_free(&t);
    free(path);
}

/* ---- conventions where projects disagree: both settings ------------------- */

static cps lit(const char *s)
{
    return decode(s, strlen(s));
}

static void test_conventions(void **state)
{
    (void)state;
    cps e1 = lit(""), e2 = lit(""), ca = lit("CA"), abc = lit("ABC");
    cps will = lit("William"), wills = lit("Williams");
    nomen__metric_opts o = opts(NOMEN__METRIC_JARO_WINKLER);
    /* two empty strings: rapidfuzz 1, jellyfish 0 */
    assert_true(measure(&o, NOMEN__KIND_SIMILARITY, &e1, &e2, 0) == 1.0);
    o.jw.empty_match = false;
    assert_true(measure(&o, NOMEN__KIND_SIMILARITY, &e1, &e2, 0) == 0.0);
    /* prefix cap: 4 (Winkler, jellyfish, rapidfuzz) gives 0.975; no cap
     * (python-Levenshtein 0.12) gives 0.9875 */
    o = opts(NOMEN__METRIC_JARO_WINKLER);
    assert_true(fabs(measure(&o, NOMEN__KIND_SIMILARITY, &will, &wills, 0) - 0.975) < 1e-9);
    o.jw.max_prefix = SIZE_MAX;
    assert_true(fabs(measure(&o, NOMEN__KIND_SIMILARITY, &will, &wills, 0) - 0.9875) < 1e-9);
    /* boost threshold: SimMetrics / OFAC boost below 0.7 too */
    cps x1 = lit("ABCDxyzw"), x2 = lit("ABCDpqrs");
    o = opts(NOMEN__METRIC_JARO_WINKLER);
    nomen__metric_opts j = opts(NOMEN__METRIC_JARO);
    double jaro = measure(&j, NOMEN__KIND_SIMILARITY, &x1, &x2, 0);
    assert_true(jaro < 0.7);
    assert_true(measure(&o, NOMEN__KIND_SIMILARITY, &x1, &x2, 0) == jaro);
    o.jw.boost_threshold = -1;
    assert_true(fabs(measure(&o, NOMEN__KIND_SIMILARITY, &x1, &x2, 0) - (jaro + 0.4 * (1 - jaro))) <
                1e-12);
    /* Damerau: unrestricted (jellyfish, rapidfuzz) 2, OSA (talisman) 3 */
    o = opts(NOMEN__METRIC_DAMERAU);
    assert_true(measure(&o, NOMEN__KIND_DISTANCE, &ca, &abc, (double)INFINITY) == 2.0);
    o = opts(NOMEN__METRIC_OSA);
    assert_true(measure(&o, NOMEN__KIND_DISTANCE, &ca, &abc, (double)INFINITY) == 3.0);
    /* Hamming of unequal lengths: padded (jellyfish) or refused (talisman) */
    o = opts(NOMEN__METRIC_HAMMING);
    cps abcd = lit("abcd"), abc3 = lit("abc");
    assert_true(measure(&o, NOMEN__KIND_DISTANCE, &abcd, &abc3, (double)INFINITY) == 1.0);
    o.hamming_pad = false;
    double out;
    assert_int_equal(nomen__compare(&o, NOMEN__KIND_DISTANCE, abcd.p, abcd.n, abc3.p, abc3.n,
                                    (double)INFINITY, &out),
                     NOMEN_ERR_INVALID_ARG);
    cps *all[] = {&e1, &e2, &ca, &abc, &will, &wills, &x1, &x2, &abcd, &abc3};
    for (size_t i = 0; i < NOMEN__ARRAY_LEN(all); i++)
        free(all[i]->p);
}

/* ---- cutoffs ---------------------------------------------------------------- */

static void test_cutoffs(void **state)
{
    (void)state;
    cps a = lit("South Korea"), b = lit("North Korea"); /* lev 2, indel 4, max 11 */
    nomen__metric_opts o = opts(NOMEN__METRIC_LEVENSHTEIN);
    assert_true(measure(&o, NOMEN__KIND_DISTANCE, &a, &b, 2) == 2.0);
    assert_true(measure(&o, NOMEN__KIND_DISTANCE, &a, &b, 1) == 2.0); /* cutoff + 1 */
    assert_true(measure(&o, NOMEN__KIND_DISTANCE, &a, &b, 0) == 1.0);
    assert_true(measure(&o, NOMEN__KIND_SIMILARITY, &a, &b, 9) == 9.0);
    assert_true(measure(&o, NOMEN__KIND_SIMILARITY, &a, &b, 10) == 0.0);
    assert_true(fabs(measure(&o, NOMEN__KIND_NORM_DISTANCE, &a, &b, 0.2) - 2.0 / 11) < 1e-12);
    assert_true(measure(&o, NOMEN__KIND_NORM_DISTANCE, &a, &b, 0.1) == 1.0);
    assert_true(fabs(measure(&o, NOMEN__KIND_NORM_SIMILARITY, &a, &b, 0.8) - 9.0 / 11) < 1e-12);
    assert_true(measure(&o, NOMEN__KIND_NORM_SIMILARITY, &a, &b, 0.9) == 0.0);
    o = opts(NOMEN__METRIC_JARO_WINKLER);
    double s = measure(&o, NOMEN__KIND_SIMILARITY, &a, &b, 0);
    assert_true(s > 0.8 && s < 1.0);
    assert_true(measure(&o, NOMEN__KIND_SIMILARITY, &a, &b, s) == s);
    assert_true(measure(&o, NOMEN__KIND_SIMILARITY, &a, &b, nextafter(s, 2.0)) == 0.0);
    assert_true(measure(&o, NOMEN__KIND_DISTANCE, &a, &b, 1.0 - s + 1e-12) == 1.0 - s);
    assert_true(measure(&o, NOMEN__KIND_DISTANCE, &a, &b, (1.0 - s) / 2) == 1.0);
    free(a.p);
    free(b.p);
}

/* ---- random strings, every length class, against the naive DP ------------ */

static uint64_t rng_next(uint64_t *s)
{
    /* splitmix64 (Steele, Lea, Flood 2014): deterministic test data */
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static void random_cps(uint64_t *rng, cps *c, size_t n, int alphabet)
{
    c->n = n;
    c->p = malloc((n + 1) * sizeof *c->p);
    assert_non_null(c->p);
    for (size_t i = 0; i < n; i++) {
        uint64_t r = rng_next(rng);
        c->p[i] = alphabet == 0   ? (uint32_t)('a' + r % 3)
                  : alphabet == 1 ? (uint32_t)(r % 5 ? 'a' + r % 7 : 0x4E00 + r % 4)
                                  : (uint32_t)(r % 0x10FFFF);
    }
}

static void test_random(void **state)
{
    (void)state;
    static const size_t lens[] = {0, 1, 2, 5, 13, 31, 63, 64, 65, 100, 128, 129, 200, 257, 300};
    uint64_t rng = 12345;
    int checked = 0;
    for (int metric = 0; metric < NOMEN__METRIC_COUNT; metric++) {
        for (size_t i = 0; i < NOMEN__ARRAY_LEN(lens); i++) {
            for (int rep = 0; rep < 3; rep++) {
                cps a, b;
                size_t bl = lens[(i + (size_t)rep * 3 + 1) % NOMEN__ARRAY_LEN(lens)];
                if (rep == 0)
                    bl = lens[i];
                random_cps(&rng, &a, lens[i], rep);
                random_cps(&rng, &b, bl, rep);
                if (rep == 0 && a.n == b.n && a.n > 0) /* near-equal strings */
                    for (size_t k = 0; k < b.n; k++)
                        b.p[k] = (k % 9 == 4) ? 'z' : a.p[k];
                nomen__metric_opts o = opts((nomen__metric)metric);
                for (int kind = 0; kind < 4; kind++) {
                    double none = kind == 0 || kind == 2 ? (double)INFINITY : 0.0;
                    double exact = measure(&o, (nomen__dist_kind)kind, &a, &b, none);
                    /* tight cutoffs around the exact value exercise early exits */
                    measure(&o, (nomen__dist_kind)kind, &a, &b, exact);
                    if (kind == 0 && exact >= 1)
                        measure(&o, (nomen__dist_kind)kind, &a, &b, exact - 1);
                    if (kind == 3 && exact > 0)
                        measure(&o, (nomen__dist_kind)kind, &a, &b, nextafter(exact, 2.0));
                    checked++;
                }
                free(a.p);
                free(b.p);
            }
        }
    }
    print_message("random pairs: %d checks against the naive DP\n", checked);
}

/* The typed hot-path compares: SIZE_MAX means no budget, results equal the
 * naive references, and the common prefix helper. */
static void test_typed(void **state)
{
    (void)state;
    cps a = lit("zhang quanguo"), b = lit("chang chuan-kuo");
    nomen__dist_query q;
    assert_int_equal(nomen__dist_query_init(&q, a.p, a.n), NOMEN_OK);
    size_t lev = nomen__naive_levenshtein(a.p, a.n, b.p, b.n, 1, 1, 1);
    assert_int_equal(nomen__lev_query_distance(&q, b.p, b.n, SIZE_MAX), lev);
    assert_int_equal(nomen__lev_query_distance(&q, b.p, b.n, lev - 1), lev);
    assert_int_equal(nomen__lev_query_distance(&q, b.p, b.n, 1), 2);
    assert_int_equal(nomen__osa_query_distance(&q, b.p, b.n, SIZE_MAX),
                     nomen__naive_osa(a.p, a.n, b.p, b.n));
    size_t lcs = nomen__naive_lcs(a.p, a.n, b.p, b.n);
    assert_int_equal(nomen__lcs_query_length(&q, b.p, b.n), lcs);
    assert_int_equal(nomen__indel_query_distance(&q, b.p, b.n, SIZE_MAX), a.n + b.n - 2 * lcs);
    nomen__jw_params p;
    nomen__jw_params_init(&p);
    assert_true(nomen__jw_query_similarity(&q, b.p, b.n, &p, 0) ==
                nomen__naive_jaro_winkler(a.p, a.n, b.p, b.n, &p));
    assert_true(nomen__jaro_query_similarity(&q, b.p, b.n, &p, 0) ==
                nomen__naive_jaro(a.p, a.n, b.p, b.n, &p));
    assert_true(nomen__jw_query_similarity(&q, b.p, b.n, &p, 0.99) == 0.0);
    /* the batched form: lanes of unequal lengths, an empty candidate, code
     * points above 0xFF, a remainder of three */
    cps c[7] = {lit("zhang guanguo"),
                lit(""),
                lit("tch\xC3\xA9ng ch\xE2\x80\x99\xE4\xB8\x87"),
                lit("zhang quanguo"),
                lit("z"),
                lit("chen quanguo zhang wei lu"),
                lit("x")};
    const uint32_t *ptr[7];
    size_t len[7], got[7];
    for (int k = 0; k < 7; k++)
        ptr[k] = c[k].p, len[k] = c[k].n;
    for (size_t budget = 0; budget < 30; budget += 3) {
        nomen__lev_query_distance_many(&q, ptr, len, 7, budget, got);
        for (int k = 0; k < 7; k++) {
            size_t want = nomen__naive_levenshtein(a.p, a.n, c[k].p, c[k].n, 1, 1, 1);
            assert_int_equal(got[k], want <= budget ? want : budget + 1);
        }
    }
    for (int k = 0; k < 7; k++)
        free(c[k].p);
    /* a short query may be moved: the copy works after the original's
     * storage is gone (ASan would catch a stale pointer) */
    nomen__dist_query *moved = malloc(sizeof *moved), *tmp = malloc(sizeof *tmp);
    assert_non_null(moved);
    assert_non_null(tmp);
    memcpy(tmp, &q, sizeof q);
    memcpy(moved, tmp, sizeof q);
    free(tmp);
    assert_int_equal(nomen__lev_query_distance(moved, b.p, b.n, SIZE_MAX), lev);
    assert_true(nomen__jw_query_similarity(moved, b.p, b.n, &p, 0) ==
                nomen__naive_jaro_winkler(a.p, a.n, b.p, b.n, &p));
    free(moved);
    nomen__dist_query_free(&q);
    assert_int_equal(nomen__common_prefix(a.p, a.n, b.p, b.n, 10), 0);
    assert_int_equal(nomen__common_prefix(b.p, b.n, b.p, b.n, 4), 4);
    free(a.p);
    free(b.p);
}

static void test_args(void **state)
{
    (void)state;
    nomen__metric_opts o = opts(NOMEN__METRIC_LEVENSHTEIN);
    uint32_t s[2] = {'a', 'b'};
    double out;
    assert_int_equal(nomen__compare(&o, NOMEN__KIND_DISTANCE, NULL, 1, s, 2, 1, &out),
                     NOMEN_ERR_INVALID_ARG);
    assert_int_equal(nomen__compare(&o, NOMEN__KIND_DISTANCE, s, 2, s, 2, -1, &out),
                     NOMEN_ERR_INVALID_ARG);
    assert_int_equal(nomen__compare(&o, NOMEN__KIND_DISTANCE, s, 2, s, 2, (double)NAN, &out),
                     NOMEN_ERR_INVALID_ARG);
    assert_int_equal(nomen__compare(&o, (nomen__dist_kind)9, s, 2, s, 2, 1, &out),
                     NOMEN_ERR_INVALID_ARG);
    o.metric = NOMEN__METRIC_COUNT;
    assert_int_equal(nomen__compare(&o, NOMEN__KIND_DISTANCE, s, 2, s, 2, 1, &out),
                     NOMEN_ERR_INVALID_ARG);
    assert_null(nomen__metric_name(NOMEN__METRIC_COUNT));
    assert_string_equal(nomen__metric_name(NOMEN__METRIC_OSA), "osa");
    size_t d;
    assert_int_equal(nomen__lev_distance(s, 2, s + 1, 1, 5, &d), NOMEN_OK);
    assert_int_equal(d, 1);
    assert_int_equal(nomen__damerau_distance(s, 2, s, 0, 1, &d), NOMEN_OK);
    assert_int_equal(d, 2); /* cutoff + 1 */
    nomen__dist_query_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jellyfish), cmocka_unit_test(test_talisman),
        cmocka_unit_test(test_rapidfuzz), cmocka_unit_test(test_conventions),
        cmocka_unit_test(test_cutoffs),   cmocka_unit_test(test_random),
        cmocka_unit_test(test_typed),     cmocka_unit_test(test_args),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
