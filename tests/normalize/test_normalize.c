/*
 * Tests of the normalize stage, through the public nomen_normalizer API.
 *
 * golden.tsv columns: input, then the expected result rendered as
 *   marked forms of the tokens joined by " / " (a comma after a token shows
 *   as "," right after it), the keys joined by " ", the scripts joined by " ",
 *   and the simplified Han keys joined by " " ("-" for a non-Han token).
 * An error row has "ERROR <status> <message>" in the second column.
 */
#include "testutil.h"

#include <nomen.h>

#include <stdlib.h>
#include <string.h>

static const char *golden_path;

typedef struct strbuf {
    char s[8192];
    size_t n;
} strbuf;

static void sb_add(strbuf *b, const char *s)
{
    size_t l = strlen(s);
    assert_true(b->n + l < sizeof b->s);
    memcpy(b->s + b->n, s, l + 1);
    b->n += l;
}

static void test_golden(void **state)
{
    (void)state;
    nt_table t;
    nt_tsv_read(golden_path, &t);
    nomen_normalizer *nz = NULL;
    assert_int_equal(nomen_normalizer_new(&nz), NOMEN_OK);
    int failures = 0;
    for (size_t r = 0; r < t.n; r++) {
        nt_row *row = &t.rows[r];
        if (row->n < 2)
            fail_msg("golden.tsv:%zu: needs at least 2 columns", row->line);
        int rc = nomen_normalizer_run(nz, row->f[0].s, row->f[0].len);
        strbuf marked = {{0}, 0}, keys = {{0}, 0}, scripts = {{0}, 0}, hans = {{0}, 0};
        if (rc != NOMEN_OK) {
            sb_add(&marked, "ERROR ");
            sb_add(&marked, nomen_status_str(rc));
            sb_add(&marked, ": ");
            sb_add(&marked, nomen_normalizer_errmsg(nz));
        }
        for (size_t i = 0; rc == NOMEN_OK && i < nomen_normalizer_token_count(nz); i++) {
            if (i) {
                sb_add(&marked, " / ");
                sb_add(&keys, " ");
                sb_add(&scripts, " ");
                sb_add(&hans, " ");
            }
            sb_add(&marked, nomen_normalizer_token_marks(nz, i));
            if (nomen_normalizer_token_comma(nz, i))
                sb_add(&marked, ",");
            sb_add(&keys, nomen_normalizer_token_key(nz, i));
            sb_add(&scripts, nomen_script_name(nomen_normalizer_token_script(nz, i)));
            const char *h = nomen_normalizer_token_hans(nz, i);
            sb_add(&hans, h ? h : "-");
        }
        const char *got[4] = {marked.s, keys.s, scripts.s, hans.s};
        for (size_t c = 1; c < row->n && c <= 4; c++) {
            if (strcmp(row->f[c].s, got[c - 1]) != 0) {
                print_error("golden.tsv:%zu: column %zu of \"%s\": expected \"%s\", got \"%s\"\n",
                            row->line, c + 1, row->f[0].s, row->f[c].s, got[c - 1]);
                failures++;
            }
        }
    }
    print_message("normalize golden: %zu rows, %d mismatches\n", t.n, failures);
    nomen_normalizer_free(nz);
    nt_table_free(&t);
    assert_int_equal(failures, 0);
}

static void test_api_edges(void **state)
{
    (void)state;
    nomen_normalizer *nz = NULL;
    assert_int_equal(nomen_normalizer_new(&nz), NOMEN_OK);
    assert_int_equal(nomen_normalizer_run(NULL, "a", 1), NOMEN_ERR_INVALID_ARG);
    assert_int_equal(nomen_normalizer_run(nz, NULL, 3), NOMEN_ERR_INVALID_ARG);
    assert_int_equal(nomen_normalizer_run(nz, NULL, 0), NOMEN_OK);
    assert_int_equal(nomen_normalizer_token_count(nz), 0);
    /* Over the limit: refused, not truncated. */
    size_t big = NOMEN_NAME_MAX_BYTES + 1;
    char *s = malloc(big);
    assert_non_null(s);
    memset(s, 'a', big);
    assert_int_equal(nomen_normalizer_run(nz, s, big), NOMEN_ERR_LIMIT);
    assert_int_equal(nomen_normalizer_token_count(nz), 0);
    /* Exactly at the limit: accepted. */
    assert_int_equal(nomen_normalizer_run(nz, s, big - 1), NOMEN_OK);
    assert_int_equal(nomen_normalizer_token_count(nz), 1);
    free(s);
    /* Out-of-range accessors. */
    assert_null(nomen_normalizer_token_key(nz, 5));
    assert_null(nomen_normalizer_token_text(nz, 5));
    assert_int_equal(nomen_normalizer_token_script(nz, 5), -1);
    assert_null(nomen_normalizer_token_key(NULL, 0));
    assert_int_equal(nomen_normalizer_token_count(NULL), 0);
    /* The error message names the byte offset. */
    assert_int_equal(nomen_normalizer_run(nz, "Chen \xe9\x99", 7), NOMEN_ERR_UTF8);
    assert_string_equal(nomen_normalizer_errmsg(nz), "invalid UTF-8 at byte 5");
    /* A success clears the message. */
    assert_int_equal(nomen_normalizer_run(nz, "x", 1), NOMEN_OK);
    assert_string_equal(nomen_normalizer_errmsg(nz), "");
    nomen_normalizer_free(nz);
    nomen_normalizer_free(NULL);
}

int main(int argc, char **argv)
{
    golden_path = argc > 1 ? argv[1] : "tests/normalize/golden.tsv";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden),
        cmocka_unit_test(test_api_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
