/*
 * Tests of the phonetic stage: every applicable row of the jellyfish,
 * commons-codec and talisman vectors (../shared/data/vectors), each with the
 * options of the project that wrote it, a pass count per file; then a few
 * rules and error cases of our own.
 */
#include "testutil.h"

#include "phonetic/phonetic.h"
#include "unicode/uni.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*encoder)(const char *s, size_t len, const void *opts, nomen__buf *out);

static int enc_soundex(const char *s, size_t len, const void *o, nomen__buf *out)
{
    return nomen__soundex(s, len, o, out);
}
static int enc_refined(const char *s, size_t len, const void *o, nomen__buf *out)
{
    return nomen__refined_soundex(s, len, *(const bool *)o, out);
}
static int enc_nysiis(const char *s, size_t len, const void *o, nomen__buf *out)
{
    return nomen__nysiis(s, len, o, out);
}
static int enc_mra(const char *s, size_t len, const void *o, nomen__buf *out)
{
    return nomen__mra_codex(s, len, o, out);
}
static int enc_metaphone(const char *s, size_t len, const void *o, nomen__buf *out)
{
    return nomen__metaphone(s, len, o, out);
}

typedef struct tally {
    const char *file;
    int pass, total;
} tally;

static void tally_end(tally *t)
{
    print_message("%s: %d/%d rows pass\n", t->file, t->pass, t->total);
    assert_true(t->total > 0);
    assert_int_equal(t->pass, t->total);
}

static char *vec(const char *rel)
{
    char buf[256];
    snprintf(buf, sizeof buf, "data/vectors/%s", rel);
    return nt_shared_path(buf);
}

static bool is_null(const nt_field *f)
{
    return strcmp(f->s, "<null>") == 0;
}

/* Encode and compare; "<throws ...>" expects a refusal. */
static bool check_code(encoder enc, const void *o, const nt_field *in, const nt_field *want,
                       const char *file, size_t line)
{
    nomen__buf b = {0};
    const char *s = is_null(in) ? NULL : in->s;
    int rc = enc(s, s ? in->len : 0, o, &b);
    bool ok;
    if (strncmp(want->s, "<throws", 7) == 0)
        ok = rc != NOMEN_OK;
    else
        ok = rc == NOMEN_OK && strcmp(nomen__buf_str(&b), want->s) == 0;
    if (!ok)
        print_message("  %s:%zu: %s -> \"%s\" (status %d), want \"%s\"\n", file, line, in->s,
                      nomen__buf_str(&b), rc, want->s);
    nomen__buf_free(&b);
    return ok;
}

/* A file of rows whose column `in` is encoded and compared with column
 * `want`; when filter_col >= 0 only rows whose filter_col equals filter are
 * used. */
static void run_codes(const char *rel, int header, int in, int want, encoder enc, const void *o,
                      int filter_col, const char *filter)
{
    char *path = vec(rel);
    NT_REQUIRE_FILE(path, rel);
    nt_table t;
    nt_csv_read(path, header, &t);
    char name[300];
    snprintf(name, sizeof name, "%s%s%s", rel, filter ? " " : "", filter ? filter : "");
    tally ty = {name, 0, 0};
    for (size_t i = 0; i < t.n; i++) {
        nt_row *r = &t.rows[i];
        if ((size_t)(in > want ? in : want) >= r->n)
            continue;
        if (filter_col >= 0 && strcmp(r->f[filter_col].s, filter) != 0)
            continue;
        ty.total++;
        ty.pass += check_code(enc, o, &r->f[in], &r->f[want], rel, r->line);
    }
    tally_end(&ty);
    nt_table_free(&t);
    free(path);
}

/* ---- Soundex ------------------------------------------------------------ */

static void test_soundex(void **state)
{
    (void)state;
    nomen__soundex_opts o;
    nomen__soundex_opts_init(&o);
    o.keep_first = true; /* jellyfish: "¿" -> "¿000" */
    run_codes("jellyfish/soundex.csv", 0, 0, 1, enc_soundex, &o, -1, NULL);
    nomen__soundex_opts_init(&o); /* talisman: deburr, non-letters ignored */
    run_codes("talisman/soundex_extracted.csv", 1, 0, 1, enc_soundex, &o, -1, NULL);
    /* commons-codec: no folding (é throws), three variants */
    nomen__soundex_opts_init(&o);
    o.fold_marks = false;
    run_codes("commons-codec/soundex_extracted.csv", 1, 1, 2, enc_soundex, &o, 0, "US_ENGLISH");
    o.variant = NOMEN__SOUNDEX_GENEALOGY;
    run_codes("commons-codec/soundex_extracted.csv", 1, 1, 2, enc_soundex, &o, 0,
              "US_ENGLISH_GENEALOGY");
    o.variant = NOMEN__SOUNDEX_SIMPLIFIED;
    run_codes("commons-codec/soundex_extracted.csv", 1, 1, 2, enc_soundex, &o, 0,
              "US_ENGLISH_SIMPLIFIED");
    bool fold = true;
    run_codes("commons-codec/refined_soundex_extracted.csv", 1, 0, 1, enc_refined, &fold, -1, NULL);
    run_codes("talisman/refined_soundex_extracted.csv", 1, 0, 1, enc_refined, &fold, -1, NULL);
}

/* difference(): encode both (null or empty gives no code) and count equal
 * positions. */
static void run_difference(const char *rel, bool refined)
{
    char *path = vec(rel);
    NT_REQUIRE_FILE(path, rel);
    nt_table t;
    nt_csv_read(path, 1, &t);
    tally ty = {rel, 0, 0};
    nomen__soundex_opts o;
    nomen__soundex_opts_init(&o);
    for (size_t i = 0; i < t.n; i++) {
        nt_row *r = &t.rows[i];
        nomen__buf a = {0}, b = {0};
        if (!is_null(&r->f[0])) {
            assert_int_equal(refined ? nomen__refined_soundex(r->f[0].s, r->f[0].len, true, &a)
                                     : nomen__soundex(r->f[0].s, r->f[0].len, &o, &a),
                             NOMEN_OK);
        }
        if (!is_null(&r->f[1])) {
            assert_int_equal(refined ? nomen__refined_soundex(r->f[1].s, r->f[1].len, true, &b)
                                     : nomen__soundex(r->f[1].s, r->f[1].len, &o, &b),
                             NOMEN_OK);
        }
        size_t d = nomen__code_difference(nomen__buf_str(&a), a.len, nomen__buf_str(&b), b.len);
        ty.total++;
        if (d == (size_t)atoi(r->f[2].s))
            ty.pass++;
        else
            print_message("  %s:%zu: %s/%s: %zu\n", rel, r->line, r->f[0].s, r->f[1].s, d);
        nomen__buf_free(&a);
        nomen__buf_free(&b);
    }
    tally_end(&ty);
    nt_table_free(&t);
    free(path);
}

static void test_soundex_difference(void **state)
{
    (void)state;
    run_difference("commons-codec/soundex_difference_extracted.csv", false);
    run_difference("commons-codec/refined_soundex_difference_extracted.csv", true);
}

/* ---- NYSIIS ------------------------------------------------------------- */

static void test_nysiis(void **state)
{
    (void)state;
    nomen__nysiis_opts o;
    nomen__nysiis_opts_init(&o);
    o.variant = NOMEN__NYSIIS_JELLYFISH;
    o.truncate6 = false;  /* montgomery -> MANTGANARY */
    o.fold_marks = false; /* "ç" -> "Ç" */
    run_codes("jellyfish/nysiis.csv", 0, 0, 1, enc_nysiis, &o, -1, NULL);
    o.variant = NOMEN__NYSIIS_TALISMAN;
    run_codes("talisman/nysiis_extracted.csv", 1, 0, 1, enc_nysiis, &o, -1, NULL);
    nomen__nysiis_opts_init(&o);
    run_codes("commons-codec/nysiis_extracted.csv", 1, 1, 2, enc_nysiis, &o, 0, "true");
    o.truncate6 = false;
    run_codes("commons-codec/nysiis_extracted.csv", 1, 1, 2, enc_nysiis, &o, 0, "false");
}

/* ---- Match Rating Approach ------------------------------------------------ */

static void run_mra_compare(const char *rel, int header, int want_col, bool commons)
{
    char *path = vec(rel);
    NT_REQUIRE_FILE(path, rel);
    nt_table t;
    nt_csv_read(path, header, &t);
    tally ty = {rel, 0, 0};
    nomen__mra_opts o;
    nomen__mra_opts_init(&o);
    o.commons = commons;
    for (size_t i = 0; i < t.n; i++) {
        nt_row *r = &t.rows[i];
        int got;
        const char *a = is_null(&r->f[0]) ? NULL : r->f[0].s;
        const char *b = is_null(&r->f[1]) ? NULL : r->f[1].s;
        assert_int_equal(
            nomen__mra_compare(a, a ? r->f[0].len : 0, b, b ? r->f[1].len : 0, &o, &got), NOMEN_OK);
        const char *w = r->f[want_col].s;
        int want = (strcmp(w, "true") == 0 || strcmp(w, "True") == 0)     ? 1
                   : (strcmp(w, "false") == 0 || strcmp(w, "False") == 0) ? 0
                                                                          : -1;
        ty.total++;
        if (got == want)
            ty.pass++;
        else
            print_message("  %s:%zu: %s/%s: %d, want %d\n", rel, r->line, r->f[0].s, r->f[1].s, got,
                          want);
    }
    tally_end(&ty);
    nt_table_free(&t);
    free(path);
}

static void test_mra(void **state)
{
    (void)state;
    nomen__mra_opts o;
    nomen__mra_opts_init(&o);
    run_codes("commons-codec/match_rating_codex_extracted.csv", 1, 0, 1, enc_mra, &o, -1, NULL);
    run_mra_compare("commons-codec/match_rating_comparison_extracted.csv", 1, 2, true);
    o.commons = false;
    run_codes("jellyfish/match_rating_codex.csv", 0, 0, 1, enc_mra, &o, -1, NULL);
    run_codes("talisman/mra_codex_extracted.csv", 1, 0, 1, enc_mra, &o, -1, NULL);
    run_mra_compare("jellyfish/match_rating_comparison.csv", 0, 2, false);
    run_mra_compare("talisman/mra_comparison_extracted.csv", 1, 6, false);
}

/* ---- Metaphone ------------------------------------------------------------ */

static void test_metaphone(void **state)
{
    (void)state;
    nomen__metaphone_opts o;
    nomen__metaphone_opts_init(&o);
    o.variant = NOMEN__METAPHONE_JELLYFISH;
    run_codes("jellyfish/metaphone.csv", 0, 0, 1, enc_metaphone, &o, -1, NULL);
    nomen__metaphone_opts_init(&o);
    o.variant = NOMEN__METAPHONE_JELLYFISH; /* talisman agrees with jellyfish */
    run_codes("talisman/metaphone_extracted.csv", 1, 0, 1, enc_metaphone, &o, -1, NULL);
    o.variant = NOMEN__METAPHONE_COMMONS;
    for (size_t len = 4; len <= 6; len++) {
        char lenstr[8];
        snprintf(lenstr, sizeof lenstr, "%zu", len);
        o.max_len = len;
        run_codes("commons-codec/metaphone_extracted.csv", 1, 1, 2, enc_metaphone, &o, 0, lenstr);
    }
}

static void test_metaphone_equal(void **state)
{
    (void)state;
    const char *rel = "commons-codec/metaphone_equal_extracted.csv";
    char *path = vec(rel);
    NT_REQUIRE_FILE(path, rel);
    nt_table t;
    nt_csv_read(path, 1, &t);
    tally ty = {rel, 0, 0};
    nomen__metaphone_opts o;
    nomen__metaphone_opts_init(&o);
    o.max_len = 4; /* commons-codec's default */
    for (size_t i = 0; i < t.n; i++) {
        nt_row *r = &t.rows[i];
        nomen__buf a = {0}, b = {0};
        assert_int_equal(nomen__metaphone(r->f[0].s, r->f[0].len, &o, &a), NOMEN_OK);
        assert_int_equal(nomen__metaphone(r->f[1].s, r->f[1].len, &o, &b), NOMEN_OK);
        bool eq = strcmp(nomen__buf_str(&a), nomen__buf_str(&b)) == 0;
        ty.total++;
        if (eq == (strcmp(r->f[2].s, "true") == 0))
            ty.pass++;
        else
            print_message("  %s:%zu: %s=%s %s=%s\n", rel, r->line, r->f[0].s, nomen__buf_str(&a),
                          r->f[1].s, nomen__buf_str(&b));
        nomen__buf_free(&a);
        nomen__buf_free(&b);
    }
    tally_end(&ty);
    nt_table_free(&t);
    free(path);
}

/* ---- Double Metaphone ------------------------------------------------------ */

static bool dm_codes(const char *in, size_t len, size_t max, nomen__buf *p, nomen__buf *a)
{
    nomen__dmetaphone_opts o;
    nomen__dmetaphone_opts_init(&o);
    o.max_len = max;
    return nomen__double_metaphone(in, len, &o, p, a) == NOMEN_OK;
}

/* Rows of input, primary, alternate with codes cut to 4. */
static void run_dm_pairs(const char *rel)
{
    char *path = vec(rel);
    NT_REQUIRE_FILE(path, rel);
    nt_table t;
    nt_csv_read(path, 1, &t);
    tally ty = {rel, 0, 0};
    for (size_t i = 0; i < t.n; i++) {
        nt_row *r = &t.rows[i];
        nomen__buf p = {0}, a = {0};
        assert_true(dm_codes(r->f[0].s, r->f[0].len, 4, &p, &a));
        ty.total += 2; /* primary and alternate count separately */
        bool okp = strcmp(nomen__buf_str(&p), r->f[1].s) == 0;
        bool oka = strcmp(nomen__buf_str(&a), r->f[2].s) == 0;
        ty.pass += okp + oka;
        if (!okp || !oka)
            print_message("  %s:%zu: %s -> %s/%s, want %s/%s\n", rel, r->line, r->f[0].s,
                          nomen__buf_str(&p), nomen__buf_str(&a), r->f[1].s, r->f[2].s);
        nomen__buf_free(&p);
        nomen__buf_free(&a);
    }
    tally_end(&ty);
    nt_table_free(&t);
    free(path);
}

static void test_double_metaphone(void **state)
{
    (void)state;
    run_dm_pairs("commons-codec/double_metaphone_woodbridge_extracted.csv");
    run_dm_pairs("talisman/double_metaphone_extracted.csv");
    const char *rel = "commons-codec/double_metaphone_extracted.csv";
    char *path = vec(rel);
    NT_REQUIRE_FILE(path, rel);
    nt_table t;
    nt_csv_read(path, 1, &t);
    tally ty = {rel, 0, 0};
    for (size_t i = 0; i < t.n; i++) {
        nt_row *r = &t.rows[i];
        nomen__buf p = {0}, a = {0};
        assert_true(dm_codes(r->f[0].s, r->f[0].len, (size_t)atoi(r->f[2].s), &p, &a));
        const char *got = strcmp(r->f[1].s, "true") == 0 ? nomen__buf_str(&a) : nomen__buf_str(&p);
        ty.total++;
        if (strcmp(got, r->f[3].s) == 0)
            ty.pass++;
        else
            print_message("  %s:%zu: %s -> %s, want %s\n", rel, r->line, r->f[0].s, got, r->f[3].s);
        nomen__buf_free(&p);
        nomen__buf_free(&a);
    }
    tally_end(&ty);
    nt_table_free(&t);
    free(path);
}

/* isDoubleMetaphoneEqual(a, b, alternate); mode primary_or_alternate (the
 * MATCHES table) passes when either code agrees. */
static void test_double_metaphone_equal(void **state)
{
    (void)state;
    const char *rel = "commons-codec/double_metaphone_equal_extracted.csv";
    char *path = vec(rel);
    NT_REQUIRE_FILE(path, rel);
    nt_table t;
    nt_csv_read(path, 1, &t);
    tally ty = {rel, 0, 0};
    for (size_t i = 0; i < t.n; i++) {
        nt_row *r = &t.rows[i];
        nomen__buf p1 = {0}, a1 = {0}, p2 = {0}, a2 = {0};
        assert_true(dm_codes(r->f[0].s, r->f[0].len, 4, &p1, &a1));
        assert_true(dm_codes(r->f[1].s, r->f[1].len, 4, &p2, &a2));
        bool ep = strcmp(nomen__buf_str(&p1), nomen__buf_str(&p2)) == 0;
        bool ea = strcmp(nomen__buf_str(&a1), nomen__buf_str(&a2)) == 0;
        bool got = strcmp(r->f[2].s, "primary") == 0     ? ep
                   : strcmp(r->f[2].s, "alternate") == 0 ? ea
                                                         : (ep || ea);
        ty.total++;
        if (got == (strcmp(r->f[3].s, "true") == 0))
            ty.pass++;
        else
            print_message("  %s:%zu: %s %s/%s vs %s %s/%s (%s)\n", rel, r->line, r->f[0].s,
                          nomen__buf_str(&p1), nomen__buf_str(&a1), r->f[1].s, nomen__buf_str(&p2),
                          nomen__buf_str(&a2), r->f[2].s);
        nomen__buf_free(&p1);
        nomen__buf_free(&a1);
        nomen__buf_free(&p2);
        nomen__buf_free(&a2);
    }
    tally_end(&ty);
    nt_table_free(&t);
    free(path);
}

/* ---- our own cases -------------------------------------------------------- */

/* Our own golden file: codes of Chinese names in several romanizations,
 * derived by hand from the rules. */
static void test_pinyin_golden(void **state)
{
    (void)state;
    char *path = nt_source_path("tests/phonetic/pinyin_codes.tsv");
    nt_table t;
    nt_tsv_read(path, &t);
    tally ty = {"tests/phonetic/pinyin_codes.tsv", 0, 0};
    nomen__soundex_opts so;
    nomen__soundex_opts_init(&so);
    nomen__dmetaphone_opts dmo;
    nomen__dmetaphone_opts_init(&dmo);
    nomen__metaphone_opts mpo;
    nomen__metaphone_opts_init(&mpo);
    nomen__nysiis_opts nyo;
    nomen__nysiis_opts_init(&nyo);
    nomen__mra_opts mro;
    nomen__mra_opts_init(&mro);
    for (size_t i = 0; i < t.n; i++) {
        nt_row *r = &t.rows[i];
        assert_int_equal(r->n, 3);
        const char *enc = r->f[0].s, *in = r->f[1].s;
        size_t len = r->f[1].len;
        nomen__buf b = {0}, alt = {0};
        int rc = NOMEN_ERR_INTERNAL;
        if (strcmp(enc, "soundex") == 0)
            rc = nomen__soundex(in, len, &so, &b);
        else if (strcmp(enc, "dmetaphone") == 0)
            rc = nomen__double_metaphone(in, len, &dmo, &b, &alt);
        else if (strcmp(enc, "metaphone") == 0)
            rc = nomen__metaphone(in, len, &mpo, &b);
        else if (strcmp(enc, "nysiis") == 0)
            rc = nomen__nysiis(in, len, &nyo, &b);
        else if (strcmp(enc, "mra") == 0)
            rc = nomen__mra_codex(in, len, &mro, &b);
        else
            fail_msg("line %zu: unknown encoder %s", r->line, enc);
        assert_int_equal(rc, NOMEN_OK);
        if (alt.len || strcmp(enc, "dmetaphone") == 0) {
            assert_true(nomen__buf_addc(&b, '/'));
            assert_true(nomen__buf_add(&b, alt.data ? alt.data : "", alt.len));
        }
        ty.total++;
        if (strcmp(nomen__buf_str(&b), r->f[2].s) == 0)
            ty.pass++;
        else
            print_message("  line %zu: %s %s -> %s, want %s\n", r->line, enc, in,
                          nomen__buf_str(&b), r->f[2].s);
        nomen__buf_free(&b);
        nomen__buf_free(&alt);
    }
    tally_end(&ty);
    /* MRA says the Wade-Giles and pinyin spellings match */
    int eq;
    assert_int_equal(nomen__mra_compare("Zhang", 5, "Chang", 5, &mro, &eq), NOMEN_OK);
    assert_int_equal(eq, 1);
    nt_table_free(&t);
    free(path);
}

/* The Latin-1 fast path folds exactly as the unicode stage does. */
static void test_latin1_fold(void **state)
{
    (void)state;
    for (uint32_t c = 0xC0; c <= 0xFF; c++) {
        char u[3] = {(char)(0xC0 | (c >> 6)), (char)(0x80 | (c & 0x3F)), 0};
        nomen__buf b = {0};
        assert_int_equal(nomen__strip_marks(u, 2, &b), NOMEN_OK);
        uint32_t want[4];
        size_t n = nomen__utf8_decode(b.data, b.len, want, 4);
        assert_int_equal(n, 1);
        if (nomen__ph_latin1_fold(c) != want[0])
            fail_msg("U+%04X: table %04X, strip_marks %04X", (unsigned)c,
                     (unsigned)nomen__ph_latin1_fold(c), (unsigned)want[0]);
        nomen__buf_free(&b);
    }
    /* and the same codes either way: Latin-1 only vs a combining mark */
    nomen__soundex_opts so;
    nomen__soundex_opts_init(&so);
    nomen__buf a = {0}, b = {0};
    assert_int_equal(nomen__soundex("Ren\xC3\xA9", 6, &so, &a), NOMEN_OK);  /* é */
    assert_int_equal(nomen__soundex("Rene\xCC\x81", 7, &so, &b), NOMEN_OK); /* e + U+0301 */
    assert_string_equal(nomen__buf_str(&a), nomen__buf_str(&b));
    assert_string_equal(nomen__buf_str(&a), "R500");
    nomen__buf_free(&a);
    nomen__buf_free(&b);
}

static void test_errors(void **state)
{
    (void)state;
    nomen__buf b = {0};
    nomen__soundex_opts so;
    nomen__soundex_opts_init(&so);
    assert_int_equal(nomen__soundex("\xC3\x28", 2, &so, &b), NOMEN_ERR_UTF8);
    assert_int_equal(nomen__soundex(NULL, 3, &so, &b), NOMEN_ERR_INVALID_ARG);
    assert_int_equal(nomen__soundex("", 0, &so, &b), NOMEN_OK);
    assert_int_equal(b.len, 0);
    /* marks folded by default; refused without folding */
    assert_int_equal(nomen__soundex("Müller", strlen("Müller"), &so, &b), NOMEN_OK);
    assert_string_equal(nomen__buf_str(&b), "M460");
    nomen__buf_clear(&b);
    so.fold_marks = false;
    assert_int_equal(nomen__soundex("Müller", strlen("Müller"), &so, &b), NOMEN_ERR_INVALID_ARG);
    nomen__buf_clear(&b);
    /* a long input goes through the heap path */
    char big[2000];
    for (size_t i = 0; i < sizeof big - 1; i++)
        big[i] = "ZHANGWEI"[i % 8];
    big[sizeof big - 1] = 0;
    nomen__nysiis_opts no;
    nomen__nysiis_opts_init(&no);
    no.truncate6 = false;
    assert_int_equal(nomen__nysiis(big, strlen(big), &no, &b), NOMEN_OK);
    assert_true(b.len > 100);
    nomen__buf_clear(&b);
    nomen__metaphone_opts mo;
    nomen__metaphone_opts_init(&mo);
    assert_int_equal(nomen__metaphone(big, strlen(big), &mo, &b), NOMEN_OK);
    assert_true(b.len > 100);
    nomen__buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_soundex),          cmocka_unit_test(test_soundex_difference),
        cmocka_unit_test(test_nysiis),           cmocka_unit_test(test_mra),
        cmocka_unit_test(test_metaphone),        cmocka_unit_test(test_metaphone_equal),
        cmocka_unit_test(test_double_metaphone), cmocka_unit_test(test_double_metaphone_equal),
        cmocka_unit_test(test_pinyin_golden),    cmocka_unit_test(test_latin1_fold),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
