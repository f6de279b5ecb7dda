/*
 * test_un_xml.c: the UN consolidated list adapter on the 2026-02-27 snapshot
 * (counts derived with an independent parse of the file) and on a fixture.
 */
#include "xmltest.h"

#define UN      "data/lists/un/2026-02-27/consolidated.xml"
#define FIXTURE "tests/load/fixtures/un_xml/un_small.xml"

static void test_snapshot(void **state)
{
    (void)state;
    char *path = nt_shared_path(UN);
    NT_REQUIRE_FILE(path, UN);
    xt_load l;
    xt_load_file(&l, nomen__load_un_xml, path, true);
    assert_int_equal(l.rc, NOMEN_OK);
    /* 730 INDIVIDUAL + 273 ENTITY; dateGenerated="2026-02-27T00:00:09.554Z" */
    xt_check_source(&l, "un-sc", "un-xml", "2026-02-27", 1003, 1003, 0);
    assert_true(l.set.sources[0].checksum == xt_file_checksum(path, NULL));
    assert_int_equal(xt_count_type(&l.set, NOMEN__SUBJ_INDIVIDUAL), 730);
    assert_int_equal(xt_count_type(&l.set, NOMEN__SUBJ_ENTITY), 273);
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_PRIMARY, -1), 1003);
    /* 378 non-empty NAME_ORIGINAL_SCRIPT. Aliases with a name (169 + 122 are
     * empty): individuals 1,524 Good (10 repeat a name of their record) and 615 Low, entities 594
     * a.k.a. and 19 f.k.a., after dropping exact repeats within a record. */
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_ORIGINAL, -1), 378);
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_AKA, NOMEN__QUAL_STRONG), 1514);
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_AKA, NOMEN__QUAL_WEAK), 615);
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_AKA, NOMEN__QUAL_UNKNOWN), 594);
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_FKA, -1), 19);
    size_t dobs = 0, ranges = 0, unparsed = 0;
    for (size_t i = 0; i < l.set.n; i++) {
        const nomen__record *r = &l.set.recs[i];
        dobs += r->ndobs;
        for (size_t j = 0; j < r->ndobs; j++) {
            ranges += r->dobs[j].year_to != r->dobs[j].year;
            unparsed += r->dobs[j].year == 0;
        }
    }
    /* 919 INDIVIDUAL_DATE_OF_BIRTH, 49 of them empty, plus 58 alias dates of
     * birth, minus repeats within a record: 888 distinct; 31 BETWEEN. */
    assert_int_equal(dobs, 888);
    assert_int_equal(ranges, 31);
    assert_int_equal(unparsed, 0);

    /* QDi.314: Arabic original-script name and a BETWEEN date of birth. */
    const nomen__record *r = xt_find(&l.set, "QDi.314");
    assert_int_equal(r->type, NOMEN__SUBJ_INDIVIDUAL);
    assert_string_equal(r->names[0].full, "ABDERRAHMANE OULD EL AMAR");
    const nomen__rname *n =
        xt_name(r, "\xd8\xb9\xd8\xa8\xd8\xaf \xd8\xa7\xd9\x84\xd8\xb1\xd8\xad\xd9\x85\xd9\x86 "
                   "\xd9\x88\xd9\x84\xd8\xaf \xd8\xa7\xd9\x84\xd8\xb9\xd8\xa7\xd9\x85\xd8\xb1");
    assert_int_equal(n->kind, NOMEN__NAME_ORIGINAL);
    assert_int_equal(xt_name(r, "Ahmed el Tilemsi")->quality, NOMEN__QUAL_STRONG);
    assert_int_equal(r->nnames, 5);
    assert_int_equal(r->ndobs, 1);
    assert_string_equal(r->dobs[0].text, "1977 to 1982");
    assert_int_equal(r->dobs[0].year, 1977);
    assert_int_equal(r->dobs[0].year_to, 1982);
    assert_int_equal(r->dobs[0].circa, 0);
    assert_string_equal(r->listed_on, "2013-02-22");
    assert_true(xt_has_program(r, "Al-Qaida"));
    assert_true(xt_has_country(r->nationalities, r->nnationalities, "ML"));
    assert_true(xt_has_country(r->addr_countries, r->naddr_countries, "ML"));
    assert_int_equal(r->npobs, 1);
    assert_string_equal(r->pobs[0], "Tabankort, Mali");
    assert_non_null(strstr(r->remarks, "Reportedly deceased as of December 2014."));
    assert_non_null(strstr(r->remarks, "UN DATAID: 3012888"));

    /* TAi.002: two BETWEEN ranges noted "Approximately". */
    r = xt_find(&l.set, "TAi.002");
    assert_int_equal(r->ndobs, 2);
    assert_string_equal(r->dobs[0].text, "circa 1955 to 1958");
    assert_int_equal(r->dobs[0].year, 1955);
    assert_int_equal(r->dobs[0].year_to, 1958);
    assert_int_equal(r->dobs[0].circa, 1);
    assert_int_equal(r->dobs[1].year, 1945);
    assert_non_null(strstr(r->remarks, "Title: Mullah; Haji"));
    assert_non_null(strstr(r->remarks, "Designation: First Deputy, Council of Ministers"));
    assert_string_equal(r->pobs[0], "Pashmul village, Panjwai District, Kandahar Province, "
                                    "Afghanistan");

    /* IQi.004: APPROXIMATELY 1957. */
    r = xt_find(&l.set, "IQi.004");
    assert_string_equal(r->names[0].full, "ABID HAMID MAHMUD AL-TIKRITI");
    assert_int_equal(r->ndobs, 1);
    assert_int_equal(r->dobs[0].year, 1957);
    assert_int_equal(r->dobs[0].circa, 1);
    xt_free(&l);
    free(path);
}

static void test_fixture(void **state)
{
    (void)state;
    char *path = nt_source_path(FIXTURE);
    xt_load l;
    xt_load_file(&l, nomen__load_un_xml, path, false);
    assert_int_equal(l.rc, NOMEN_OK);
    xt_check_source(&l, "un-sc", "un-xml", "2025-06-30", 3, 2, 1);
    assert_non_null(strstr(nomen__buf_str(&l.ld.skipped),
                           "un_small.xml:37:5: INDIVIDUAL without <REFERENCE_NUMBER>\n"));

    const nomen__record *r = xt_find(&l.set, "KPi.900");
    assert_string_equal(r->names[0].full, "KIM EXAMPLE");
    assert_null(r->names[0].given);
    assert_string_equal(r->listed_on, "2017-06-02");
    assert_string_equal(r->gender, "Male");
    assert_int_equal(xt_name(r, "김 예시")->kind, NOMEN__NAME_ORIGINAL);
    assert_int_equal(xt_name(r, "Kim Ex")->quality, NOMEN__QUAL_WEAK);
    assert_int_equal(r->ndobs, 2); /* the record's and the alias's */
    assert_int_equal(r->dobs[0].year, 1970);
    assert_int_equal(r->dobs[1].day, 15);
    assert_string_equal(r->pobs[0], "Pyongyang");
    assert_true(xt_has_country(r->nationalities, r->nnationalities, "KP"));
    assert_true(xt_has_country(r->nationalities, r->nnationalities, "CN"));
    const nomen__rid *id = xt_id(r, "Passport", "745310010");
    assert_string_equal(id->country, "Democratic People's Republic of Korea");
    assert_non_null(strstr(r->remarks, "DATE_OF_ISSUE: 2010-01-01"));

    r = xt_find(&l.set, "KPe.900");
    assert_int_equal(r->type, NOMEN__SUBJ_ENTITY);
    assert_int_equal(xt_name(r, "OLD EXAMPLE TRADING")->kind, NOMEN__NAME_FKA);
    assert_true(xt_has_country(r->addr_countries, r->naddr_countries, "KP"));
    assert_non_null(strstr(r->remarks, "Address: 1 Example Street, Pyongyang"));
    xt_free(&l);

    xt_load_file(&l, nomen__load_un_xml, path, true);
    assert_int_equal(l.rc, NOMEN_ERR_PARSE);
    assert_non_null(strstr(nomen__err_msg(&l.ld.err),
                           "un_small.xml:37:5: INDIVIDUAL without <REFERENCE_NUMBER>"));
    assert_int_equal(l.set.n, 1);
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
