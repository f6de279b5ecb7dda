/*
 * End-to-end romanize test: raw name text -> normalizer (nomen_normalizer,
 * the normalize stage) -> romanizer. Reads the same golden_names.tsv as
 * test_romanize.c but uses column 1 (the raw text) instead of hand-built
 * tokens, and checks the same keys and same/differ relations. This is the
 * contract between the two stages: marks ('-', '\'', '|'), ü kept as ü, Han
 * text and its simplified folding, the comma flag.
 */
#include "testutil.h"

#include <nomen.h>

#include "romanize/romanize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int romanize_text(nomen_normalizer *nz, const char *text, nomen__rz_name *out)
{
    int rc = nomen_normalizer_run(nz, text, strlen(text));
    if (rc != NOMEN_OK)
        return rc;
    nomen__rz_token t[NOMEN__RZ_MAX_TOKENS];
    size_t n = nomen_normalizer_token_count(nz);
    if (n > NOMEN__RZ_MAX_TOKENS)
        return NOMEN_ERR_LIMIT;
    for (size_t i = 0; i < n; i++) {
        memset(&t[i], 0, sizeof t[i]);
        t[i].key = nomen_normalizer_token_marks(nz, i);
        t[i].key_len = strlen(t[i].key);
        t[i].comma = nomen_normalizer_token_comma(nz, i) != 0;
        if (nomen_normalizer_token_script(nz, i) == NOMEN_SCRIPT_HAN) {
            t[i].han = nomen_normalizer_token_text(nz, i);
            t[i].han_len = strlen(t[i].han);
            t[i].han_simp = nomen_normalizer_token_hans(nz, i);
            t[i].han_simp_len = t[i].han_simp ? strlen(t[i].han_simp) : 0;
        }
    }
    return nomen__rz_romanize(t, n, out);
}

static void test_e2e_golden(void **state)
{
    (void)state;
    char *path = nt_source_path("tests/romanize/golden_names.tsv");
    nt_table t;
    nt_tsv_read(path, &t);
    free(path);
    nomen_normalizer *nz = NULL;
    assert_int_equal(nomen_normalizer_new(&nz), NOMEN_OK);
    nomen__rz_name *names = calloc(t.n, sizeof *names);
    assert_non_null(names);
    int failures = 0, checks = 0;
    for (size_t r = 0; r < t.n; r++) {
        nt_row *row = &t.rows[r];
        assert_int_equal(row->n, 5);
        int rc = romanize_text(nz, row->f[0].s, &names[r]);
        if (rc != NOMEN_OK) {
            print_error("golden_names.tsv:%zu: \"%s\": status %d (%s)\n", row->line, row->f[0].s,
                        rc, nomen_normalizer_errmsg(nz));
            failures++;
            continue;
        }
        nomen__buf k = {0};
        if (names[r].nvar)
            nomen__rz_key(&names[r], 0, &k);
        if (strcmp(row->f[2].s, "*") != 0 && strcmp(row->f[2].s, nomen__buf_str(&k)) != 0) {
            print_error("golden_names.tsv:%zu: \"%s\": key expected \"%s\", got \"%s\"\n",
                        row->line, row->f[0].s, row->f[2].s, nomen__buf_str(&k));
            failures++;
        }
        nomen__buf_free(&k);
        if (strcmp(row->f[3].s, "-") == 0)
            continue;
        size_t ref = t.n;
        for (size_t q = 0; q < r; q++)
            if (strcmp(t.rows[q].f[0].s, row->f[3].s) == 0)
                ref = q;
        assert_true(ref < t.n);
        bool want = strcmp(row->f[4].s, "same") == 0;
        checks++;
        if (nomen__rz_same(&names[r], &names[ref], NULL) != want) {
            print_error("golden_names.tsv:%zu: \"%s\" vs \"%s\": expected %s\n", row->line,
                        row->f[0].s, row->f[3].s, row->f[4].s);
            failures++;
        }
    }
    print_message("romanize end-to-end: %zu names, %d relations, %d failures\n", t.n, checks,
                  failures);
    free(names);
    nomen_normalizer_free(nz);
    nt_table_free(&t);
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_e2e_golden),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
