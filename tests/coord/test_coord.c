/*
 * test_coord.c: record sets, diffs and re-screening (include/nomen.h,
 * "Records, list comparison and changes"), through the public API only.
 *
 * Small lists are written here in the generic CSV format, so each expected
 * value follows from the fixture text; the real snapshots in ../shared check
 * the OFAC side-file handling and the re-screen's equality with a full
 * screen (skipped locally when ../shared is absent, failed under CI=true).
 */
#include "../../bench/coord/rescreen_fixture.h"
#include "testutil.h"

#include <stdint.h>
#include <string.h>

static const char list_v1[] = "id,name,aliases,type,dob,country,program\n"
                              "C1,\"CHEN, Quanguo\",Chen Quan-kuo;陈全国,individual,24 Nov "
                              "1955,China,GLOMAG\n"
                              "C2,ACME Trading Ltd,,company,,Hong Kong,SDGT\n"
                              "C3,\"ZHU, Hailun\",,individual,1958,China,GLOMAG\n"
                              "C4,\"WANG, Junzheng\",,individual,1963-05,China,GLOMAG\n";

/* v2: C2 removed; C3's date of birth changed; C4's programmes and name
 * changed; C5 added; C1 the same, its aliases in another order. */
static const char list_v2[] = "id,name,aliases,type,dob,country,program\n"
                              "C1,\"CHEN, Quanguo\",陈全国;Chen Quan-kuo,individual,1955-11-24,"
                              "China,GLOMAG\n"
                              "C3,\"ZHU, Hailun\",,individual,1957,China,GLOMAG\n"
                              "C4,\"WANG, Jun Zheng\",,individual,1963-05,China,GLOMAG;CMIC\n"
                              "C5,Xinjiang Public Security Bureau,,entity,,China,GLOMAG\n";

static nomen_records *load_mem(const char *text, const char *name)
{
    nomen_records *r = NULL;
    assert_int_equal(nomen_records_new(&r), NOMEN_OK);
    int rc = nomen_records_add_memory(r, name, text, strlen(text), "generic-csv", "test-list");
    if (rc != NOMEN_OK)
        fail_msg("%s", nomen_records_errmsg(r));
    return r;
}

static void test_accessors(void **state)
{
    (void)state;
    nomen_records *r = load_mem(list_v1, "v1.csv");
    assert_int_equal(nomen_records_count(r), 4);
    assert_int_equal(nomen_records_list_count(r), 1);
    assert_string_equal(nomen_records_list_name(r, 0), "test-list");
    assert_string_equal(nomen_records_list_format(r, 0), "generic-csv");
    assert_null(nomen_records_list_missing(r, 0));
    assert_int_equal(nomen_records_list_records(r, 0), 4);

    size_t i;
    assert_int_equal(nomen_records_find(r, 0, "C1", &i), NOMEN_OK);
    assert_string_equal(nomen_record_id(r, i), "C1");
    assert_int_equal(nomen_record_type(r, i), NOMEN_SUBJECT_INDIVIDUAL);
    assert_int_equal(nomen_record_name_count(r, i), 3);
    assert_string_equal(nomen_record_name(r, i, 0), "CHEN, Quanguo");
    assert_string_equal(nomen_record_name_kind(r, i, 0), "primary");
    assert_string_equal(nomen_record_name_kind(r, i, 1), "aka");
    assert_int_equal(nomen_record_dob_count(r, i), 1);
    assert_string_equal(nomen_record_dob(r, i, 0), "24 Nov 1955");
    assert_string_equal(nomen_record_dob_iso(r, i, 0), "1955-11-24");
    assert_int_equal(nomen_record_country_count(r, i), 1);
    assert_string_equal(nomen_record_country(r, i, 0), "CN");
    assert_int_equal(nomen_record_program_count(r, i), 1);
    assert_string_equal(nomen_record_program(r, i, 0), "GLOMAG");
    assert_int_equal(nomen_record_ident_count(r, i), 0);

    assert_int_equal(nomen_records_find(r, 0, "C4", &i), NOMEN_OK);
    assert_string_equal(nomen_record_dob_iso(r, i, 0), "1963-05");
    assert_int_equal(nomen_records_find(r, 0, "C2", &i), NOMEN_OK);
    assert_int_equal(nomen_record_type(r, i), NOMEN_SUBJECT_ENTITY);
    assert_int_equal(nomen_record_dob_count(r, i), 0);

    /* Out of range and unknown: NULL, 0, NOT_FOUND, never a crash. */
    assert_int_equal(nomen_records_find(r, 0, "C9", &i), NOMEN_ERR_NOT_FOUND);
    assert_int_equal(nomen_records_find(r, 7, "C1", &i), NOMEN_ERR_INVALID_ARG);
    assert_null(nomen_record_id(r, 99));
    assert_null(nomen_record_name(r, 0, 99));
    assert_null(nomen_record_dob_iso(r, 0, 99));
    assert_int_equal(nomen_record_name_count(r, 99), 0);
    assert_null(nomen_records_list_name(r, 3));
    assert_null(nomen_record_id(NULL, 0));
    nomen_records_free(r);
    nomen_records_free(NULL);
}

static void test_bad_input(void **state)
{
    (void)state;
    nomen_records *r = NULL;
    assert_int_equal(nomen_records_new(&r), NOMEN_OK);
    assert_int_equal(nomen_records_add_path(r, "/nonexistent/list.csv", NULL, NULL), NOMEN_ERR_IO);
    assert_true(strlen(nomen_records_errmsg(r)) > 0);
    assert_int_equal(nomen_records_add_path(r, "x", "no-such-format", NULL), NOMEN_ERR_FORMAT);
    nomen_index *ix = NULL;
    assert_int_equal(nomen_records_index(r, NULL, 0, &ix), NOMEN_ERR_STATE);
    assert_null(ix);
    nomen_records_free(r);
    assert_int_equal(nomen_records_new(NULL), NOMEN_ERR_INVALID_ARG);
}

static void test_subset_index(void **state)
{
    (void)state;
    nomen_records *r = load_mem(list_v1, "v1.csv");
    size_t which[2];
    assert_int_equal(nomen_records_find(r, 0, "C1", &which[0]), NOMEN_OK);
    assert_int_equal(nomen_records_find(r, 0, "C4", &which[1]), NOMEN_OK);
    nomen_index *ix = NULL;
    assert_int_equal(nomen_records_index(r, which, 2, &ix), NOMEN_OK);
    size_t bad = 99;
    nomen_index *ix2 = NULL;
    assert_int_equal(nomen_records_index(r, &bad, 1, &ix2), NOMEN_ERR_INVALID_ARG);
    nomen_records_free(r); /* the index keeps its own copies */
    assert_int_equal(nomen_index_record_count(ix), 2);
    nomen_matcher *m = NULL;
    assert_int_equal(nomen_matcher_new(ix, &m), NOMEN_OK);
    nomen_query q;
    nomen_query_init(&q);
    q.name = "Wang Junzheng";
    q.name_len = strlen(q.name);
    assert_int_equal(nomen_matcher_screen(m, &q), NOMEN_OK);
    assert_true(nomen_matcher_hit_count(m) >= 1);
    assert_string_equal(nomen_hit_entity_id(m, 0), "C4");
    /* Zhu Hailun is on the list, but not in this subset. */
    q.name = "Zhu Hailun";
    q.name_len = strlen(q.name);
    assert_int_equal(nomen_matcher_screen(m, &q), NOMEN_OK);
    for (size_t h = 0; h < nomen_matcher_hit_count(m); h++)
        assert_string_not_equal(nomen_hit_entity_id(m, h), "C3");
    nomen_matcher_free(m);
    nomen_index_free(ix);
}

static void test_diff_memory(void **state)
{
    (void)state;
    nomen_records *a = load_mem(list_v1, "v1.csv"), *b = load_mem(list_v2, "v2.csv");
    nomen_diff *d = NULL;
    assert_int_equal(nomen_diff_new(a, b, &d), NOMEN_OK);
    assert_string_equal(nomen_diff_note(d), "");
    assert_int_equal(nomen_diff_compared(d), NOMEN_DIFF_NAME | NOMEN_DIFF_ALIASES |
                                                 NOMEN_DIFF_DOBS | NOMEN_DIFF_PROGRAMS |
                                                 NOMEN_DIFF_TYPE);
    assert_int_equal(nomen_diff_count_kind(d, NOMEN_DIFF_ADDED), 1);
    assert_int_equal(nomen_diff_count_kind(d, NOMEN_DIFF_REMOVED), 1);
    assert_int_equal(nomen_diff_count_kind(d, NOMEN_DIFF_CHANGED), 2);
    assert_int_equal(nomen_diff_count(d), 4);
    /* Removals first. */
    assert_int_equal(nomen_diff_kind(d, 0), NOMEN_DIFF_REMOVED);
    assert_string_equal(nomen_record_id(a, nomen_diff_old(d, 0)), "C2");
    assert_int_equal(nomen_diff_new_record(d, 0), SIZE_MAX);
    bool saw3 = false, saw4 = false, saw5 = false;
    for (size_t e = 1; e < nomen_diff_count(d); e++) {
        const char *id = nomen_record_id(b, nomen_diff_new_record(d, e));
        if (strcmp(id, "C3") == 0) {
            saw3 = true;
            assert_int_equal(nomen_diff_kind(d, e), NOMEN_DIFF_CHANGED);
            assert_int_equal(nomen_diff_fields(d, e), NOMEN_DIFF_DOBS);
        } else if (strcmp(id, "C4") == 0) {
            saw4 = true;
            assert_int_equal(nomen_diff_fields(d, e), NOMEN_DIFF_NAME | NOMEN_DIFF_PROGRAMS);
        } else if (strcmp(id, "C5") == 0) {
            saw5 = true;
            assert_int_equal(nomen_diff_kind(d, e), NOMEN_DIFF_ADDED);
            assert_int_equal(nomen_diff_old(d, e), SIZE_MAX);
        } else {
            fail_msg("unexpected diff entry %s (C1 only reordered its aliases and wrote its "
                     "date differently)",
                     id);
        }
    }
    assert_true(saw3 && saw4 && saw5);

    /* The changed-only index holds C3, C4 and C5. */
    nomen_index *ix = NULL;
    assert_int_equal(nomen_diff_index(d, &ix), NOMEN_OK);
    assert_int_equal(nomen_index_record_count(ix), 3);
    nomen_index_free(ix);

    /* A snapshot against itself: nothing changed, nothing to index. */
    nomen_diff *same = NULL;
    assert_int_equal(nomen_diff_new(a, a, &same), NOMEN_OK);
    assert_int_equal(nomen_diff_count(same), 0);
    assert_int_equal(nomen_diff_index(same, &ix), NOMEN_ERR_STATE);
    nomen_index *full = NULL;
    nomen_rescreen *rs = NULL;
    assert_int_equal(nomen_records_index(a, NULL, 0, &full), NOMEN_OK);
    assert_int_equal(nomen_rescreen_new(full, same, NULL, &rs), NOMEN_ERR_STATE);
    assert_null(rs);
    nomen_index_free(full);
    nomen_diff_free(same);
    nomen_diff_free(d);
    nomen_records_free(b);
    nomen_records_free(a);
}

static void test_diff_ofac_missing_side_files(void **state)
{
    (void)state;
    char *old_p = nt_shared_path("data/lists/ofac/sdn_2021-07");
    NT_REQUIRE_FILE(old_p, "../shared/data/lists/ofac/sdn_2021-07");
    char *new_p = nt_shared_path("data/lists/ofac/sdn_2024-05/sdn.csv");
    NT_REQUIRE_FILE(new_p, "../shared/data/lists/ofac/sdn_2024-05/sdn.csv");
    nomen_records *a = NULL, *b = NULL;
    assert_int_equal(nomen_records_new(&a), NOMEN_OK);
    assert_int_equal(nomen_records_new(&b), NOMEN_OK);
    assert_int_equal(nomen_records_add_path(a, old_p, NULL, NULL), NOMEN_OK);
    assert_int_equal(nomen_records_add_path(b, new_p, NULL, NULL), NOMEN_OK);
    assert_null(nomen_records_list_missing(a, 0));
    assert_string_equal(nomen_records_list_missing(b, 0), "alt.csv,add.csv,sdn_comments.csv");
    nomen_diff *d = NULL;
    assert_int_equal(nomen_diff_new(a, b, &d), NOMEN_OK);
    /* Aliases cannot be compared, and the diff says so. */
    assert_int_equal(nomen_diff_compared(d) & NOMEN_DIFF_ALIASES, 0);
    assert_non_null(strstr(nomen_diff_note(d), "aliases not compared"));
    size_t added = 0, removed = 0;
    for (size_t e = 0; e < nomen_diff_count(d); e++) {
        size_t x;
        int kind = nomen_diff_kind(d, e);
        assert_int_equal(nomen_diff_fields(d, e) & NOMEN_DIFF_ALIASES, 0);
        if (kind == NOMEN_DIFF_ADDED) {
            added++;
            assert_int_equal(
                nomen_records_find(a, 0, nomen_record_id(b, nomen_diff_new_record(d, e)), &x),
                NOMEN_ERR_NOT_FOUND);
        } else if (kind == NOMEN_DIFF_REMOVED) {
            removed++;
            assert_int_equal(nomen_records_find(b, 0, nomen_record_id(a, nomen_diff_old(d, e)), &x),
                             NOMEN_ERR_NOT_FOUND);
        } else {
            assert_int_not_equal(nomen_diff_fields(d, e), 0);
        }
    }
    /* Records kept = old - removed = new - added. */
    assert_int_equal(nomen_records_count(a) - removed, nomen_records_count(b) - added);
    assert_true(added > 1000 && removed > 100);
    nomen_diff_free(d);
    nomen_records_free(b);
    nomen_records_free(a);
    free(old_p);
    free(new_p);
}

/* Re-screening gives the full screen's hits on changed subjects, scores
 * included, both forward and from the customers' side. */
static void test_rescreen_same_hits(void **state)
{
    (void)state;
    char *src = nt_shared_path("data/lists/ofac/sdn_2021-07");
    NT_REQUIRE_FILE(src, "../shared/data/lists/ofac/sdn_2021-07");
    rf_fixture f;
    assert_int_equal(rf_open(&f, src), 0);
    /* Dense: one customer in 50 named after a changed subject. */
    f.planted = 2000;
    const size_t ncust = 4000;
    assert_int_equal(nomen_diff_count_kind(f.d, NOMEN_DIFF_ADDED), 29);
    assert_int_equal(nomen_diff_count_kind(f.d, NOMEN_DIFF_CHANGED), 17);
    nomen_options opt;
    nomen_options_init(&opt);
    opt.limit = 0;
    nomen_matcher *m = NULL;
    nomen_rescreen *rs = NULL;
    assert_int_equal(nomen_matcher_new(f.full, &m), NOMEN_OK);
    assert_int_equal(nomen_matcher_set_options(m, &opt), NOMEN_OK);
    assert_int_equal(nomen_rescreen_new(f.full, f.d, &opt, &rs), NOMEN_OK);
    char *a = NULL, *b = NULL, *c = NULL, name[256];
    size_t alen = 0, acap = 0, blen = 0, bcap = 0, clen = 0, ccap = 0;
    nomen_query q;
    nomen_query_init(&q);
    for (size_t i = 0; i < ncust; i++) {
        rf_customer(&f, 7, i, name, sizeof name);
        q.name = name;
        q.name_len = strlen(name);
        assert_int_equal(nomen_matcher_screen(m, &q), NOMEN_OK);
        for (size_t h = 0; h < nomen_matcher_hit_count(m); h++)
            if (rf_is_changed(&f, nomen_hit_list(m, h), nomen_hit_entity_id(m, h)))
                rf_put(&a, &alen, &acap, i, nomen_hit_entity_id(m, h), nomen_hit_score(m, h));
        assert_int_equal(nomen_rescreen_screen(rs, &q), NOMEN_OK);
        const nomen_matcher *hm = nomen_rescreen_matcher(rs);
        for (size_t j = 0; j < nomen_rescreen_hit_count(rs); j++) {
            size_t h = nomen_rescreen_hit(rs, j);
            rf_put(&b, &blen, &bcap, i, nomen_hit_entity_id(hm, h), nomen_hit_score(hm, h));
        }
    }
    assert_true(alen > 0);
    assert_non_null(b);
    assert_int_equal(alen, blen);
    assert_memory_equal(a, b, alen);

    nomen_index *cix = rf_customer_index(&f, 7, ncust);
    assert_non_null(cix);
    assert_int_equal(nomen_rescreen_candidates(rs, cix), NOMEN_OK);
    size_t ncand = nomen_rescreen_candidate_count(rs);
    assert_true(ncand > 0 && ncand < ncust / 4);
    bool *is = calloc(ncust, sizeof *is);
    for (size_t k = 0; k < ncand; k++)
        is[strtoull(nomen_rescreen_candidate(rs, k), NULL, 10)] = true;
    for (size_t i = 0; i < ncust; i++) {
        if (!is[i])
            continue;
        rf_customer(&f, 7, i, name, sizeof name);
        q.name = name;
        q.name_len = strlen(name);
        assert_int_equal(nomen_rescreen_screen(rs, &q), NOMEN_OK);
        const nomen_matcher *hm = nomen_rescreen_matcher(rs);
        for (size_t j = 0; j < nomen_rescreen_hit_count(rs); j++) {
            size_t h = nomen_rescreen_hit(rs, j);
            rf_put(&c, &clen, &ccap, i, nomen_hit_entity_id(hm, h), nomen_hit_score(hm, h));
        }
    }
    assert_int_equal(alen, clen);
    assert_memory_equal(a, c, alen);
    free(is);
    free(a);
    free(b);
    free(c);
    nomen_index_free(cix);
    nomen_rescreen_free(rs);
    nomen_matcher_free(m);
    rf_free(&f);
    free(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accessors),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_subset_index),
        cmocka_unit_test(test_diff_memory),
        cmocka_unit_test(test_diff_ofac_missing_side_files),
        cmocka_unit_test(test_rescreen_same_hits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
