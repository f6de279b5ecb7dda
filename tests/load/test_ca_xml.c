/*
 * test_ca_xml.c: the Canada SEMA adapter on the 2025-05 snapshot (counts
 * derived with an independent parse of the file) and on a fixture.
 */
#include "xmltest.h"

#define CA      "data/lists/ca/2025-05/sema-lese.xml"
#define FIXTURE "tests/load/fixtures/ca_xml/sema_small.xml"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void test_snapshot(void **state)
{
    (void)state;
    char *path = nt_shared_path(CA);
    NT_REQUIRE_FILE(path, CA);
    xt_load l;
    xt_load_file(&l, nomen__load_ca_xml, path, true);
    assert_int_equal(l.rc, NOMEN_OK);
    /* 4,759 <record>; the file states no publication date. */
    xt_check_source(&l, "ca-sema", "ca-xml", NULL, 4759, 4759, 0);
    assert_true(l.set.sources[0].checksum == xt_file_checksum(path, NULL));
    /* 3,334 with LastName/GivenName; of the 1,425 EntityOrShip, 109 have an
     * IMO number. */
    assert_int_equal(xt_count_type(&l.set, NOMEN__SUBJ_INDIVIDUAL), 3334);
    assert_int_equal(xt_count_type(&l.set, NOMEN__SUBJ_VESSEL), 109);
    assert_int_equal(xt_count_type(&l.set, NOMEN__SUBJ_ENTITY), 1316);
    /* Aliases split at ';' and " or ": 2,791 in a non-Latin script, 406 in
     * Latin letters (distinct within each record). */
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_ORIGINAL, -1), 2791);
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_AKA, -1), 406);
    size_t dobs = 0;
    for (size_t i = 0; i < l.set.n; i++)
        dobs += l.set.recs[i].ndobs;
    assert_int_equal(dobs, 1719);
    /* Every list id is distinct. */
    const char **ids = malloc(l.set.n * sizeof(*ids));
    for (size_t i = 0; i < l.set.n; i++)
        ids[i] = l.set.recs[i].list_id;
    qsort(ids, l.set.n, sizeof(*ids), cmp_str);
    for (size_t i = 1; i < l.set.n; i++)
        assert_true(strcmp(ids[i], ids[i - 1]) != 0);
    free(ids);

    const nomen__record *r = xt_find(&l.set, "China|Part 1|5");
    assert_int_equal(r->type, NOMEN__SUBJ_INDIVIDUAL);
    assert_string_equal(r->names[0].full, "Chen, Quanguo");
    assert_string_equal(r->names[0].given, "Quanguo");
    assert_string_equal(r->names[0].family, "Chen");
    assert_int_equal(r->nnames, 1);
    assert_int_equal(r->ndobs, 1);
    assert_string_equal(r->dobs[0].text, "1955-11");
    assert_int_equal(r->dobs[0].year, 1955);
    assert_int_equal(r->dobs[0].month, 11);
    assert_int_equal(r->dobs[0].day, 0);
    assert_string_equal(r->listed_on, "2024-12-09");
    assert_true(xt_has_program(r, "China"));

    /* WANG Junzheng: Canada gives no date of birth for him. */
    r = xt_find(&l.set, "China|Part 1|2");
    assert_string_equal(r->names[0].full, "Wang, Junzheng");
    assert_int_equal(r->ndobs, 0);
    assert_string_equal(r->listed_on, "2021-03-21");

    r = xt_find(&l.set, "China|Part 2|1");
    assert_int_equal(r->type, NOMEN__SUBJ_ENTITY);
    assert_string_equal(r->names[0].full,
                        "Xinjiang Production and Construction Corps Public Security Bureau");
    assert_null(r->names[0].given);
    assert_string_equal(r->listed_on, "2021-03-21");

    /* A vessel: IMO number, build date kept as a remark, not a birth date. */
    r = xt_find(&l.set, "Russia|1.1|1");
    assert_int_equal(r->type, NOMEN__SUBJ_VESSEL);
    assert_string_equal(r->names[0].full, "Balitiyskiy III");
    assert_non_null(xt_id(r, "IMO", "7612448"));
    assert_int_equal(r->ndobs, 0);
    assert_non_null(strstr(r->remarks, "Build date: 1980"));
    assert_non_null(strstr(r->remarks, "Ship type: General Cargo / Multi Purpose"));
    xt_free(&l);
    free(path);
}

static void test_fixture(void **state)
{
    (void)state;
    char *path = nt_source_path(FIXTURE);
    xt_load l;
    xt_load_file(&l, nomen__load_ca_xml, path, false);
    assert_int_equal(l.rc, NOMEN_OK);
    xt_check_source(&l, "ca-sema", "ca-xml", NULL, 4, 3, 1);
    assert_non_null(
        strstr(nomen__buf_str(&l.ld.skipped), "sema_small.xml:25:2: record without <Item>\n"));

    const nomen__record *r = xt_find(&l.set, "China|Part 1|900");
    assert_string_equal(r->names[0].full, "Example, Person");
    assert_int_equal(xt_name(r, "Exampel Person")->kind, NOMEN__NAME_AKA);
    assert_int_equal(xt_name(r, "示例人")->kind, NOMEN__NAME_ORIGINAL);
    assert_int_equal(xt_name(r, "Ekzampl Person")->kind, NOMEN__NAME_AKA);
    assert_int_equal(r->ndobs, 2);
    assert_int_equal(r->dobs[0].year, 1963);
    assert_int_equal(r->dobs[1].year, 1964);
    assert_non_null(strstr(r->remarks, "Title: Director"));

    r = xt_find(&l.set, "Iran||902");
    assert_int_equal(r->type, NOMEN__SUBJ_ENTITY);
    assert_string_equal(r->listed_on, "2022-10-17");
    xt_free(&l);

    xt_load_file(&l, nomen__load_ca_xml, path, true);
    assert_int_equal(l.rc, NOMEN_ERR_PARSE);
    assert_non_null(
        strstr(nomen__err_msg(&l.ld.err), "sema_small.xml:25:2: record without <Item>"));
    assert_int_equal(l.set.n, 2);
    xt_free(&l);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_snapshot),
        cmocka_unit_test(test_fixture),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
