/*
 * test_ofac_xml.c: the OFAC sdnList XML adapter on the real consolidated.xml
 * snapshot (counts derived with an independent parse of the file, see
 * docs/formats-xml.md) and on a small fixture of our own.
 */
#include "xmltest.h"

#define CONS    "data/lists/ofac/cons_2025-03_xml/consolidated.xml"
#define FIXTURE "tests/load/fixtures/ofac_xml/sdn_small.xml"

static void test_consolidated_snapshot(void **state)
{
    (void)state;
    char *path = nt_shared_path(CONS);
    NT_REQUIRE_FILE(path, CONS);
    xt_load l;
    xt_load_file(&l, nomen__load_ofac_xml, path, true);
    assert_int_equal(l.rc, NOMEN_OK);
    /* 443 sdnEntry = <Record_Count>; Publish_Date 03/28/2025. */
    xt_check_source(&l, "us-ofac-cons", "ofac-xml", "2025-03-28", 443, 443, 0);
    size_t size = 0;
    assert_true(l.set.sources[0].checksum == xt_file_checksum(path, &size));
    assert_int_equal(xt_count_type(&l.set, NOMEN__SUBJ_INDIVIDUAL), 80);
    assert_int_equal(xt_count_type(&l.set, NOMEN__SUBJ_ENTITY), 363);
    /* 1,136 <aka>: 992 a.k.a. and 144 f.k.a., 70 of them weak; none repeats
     * another name of its entry, so all survive, plus 443 primary names. */
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_PRIMARY, -1), 443);
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_AKA, -1), 992);
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_FKA, -1), 144);
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_AKA, NOMEN__QUAL_WEAK) +
                         xt_count_names(&l.set, NOMEN__NAME_FKA, NOMEN__QUAL_WEAK),
                     70);
    size_t dobs = 0;
    for (size_t i = 0; i < l.set.n; i++)
        dobs += l.set.recs[i].ndobs;
    assert_int_equal(dobs, 75);

    /* uid 50476, MARTELLY, Michel Joseph: two aliases (one weak), ids. */
    const nomen__record *r = xt_find(&l.set, "50476");
    assert_non_null(r);
    assert_int_equal(r->type, NOMEN__SUBJ_INDIVIDUAL);
    assert_string_equal(r->names[0].full, "MARTELLY, Michel Joseph");
    assert_int_equal(r->names[0].kind, NOMEN__NAME_PRIMARY);
    assert_string_equal(r->names[0].given, "Michel Joseph");
    assert_string_equal(r->names[0].family, "MARTELLY");
    assert_int_equal(r->nnames, 3);
    const nomen__rname *n = xt_name(r, "MARTELLY, Michael");
    assert_non_null(n);
    assert_int_equal(n->kind, NOMEN__NAME_AKA);
    assert_int_equal(n->quality, NOMEN__QUAL_STRONG);
    n = xt_name(r, "Sweet Micky");
    assert_non_null(n);
    assert_int_equal(n->quality, NOMEN__QUAL_WEAK);
    const nomen__rid *id = xt_id(r, "National ID No.", "0032768386");
    assert_non_null(id);
    assert_string_equal(id->country, "Haiti");
    assert_non_null(xt_id(r, "Driver's License No.", "M634550610520"));
    assert_string_equal(r->gender, "Male");
    assert_true(xt_has_program(r, "ILLICIT-DRUGS-EO14059"));
    assert_true(xt_has_country(r->addr_countries, r->naddr_countries, "US"));
    assert_true(xt_has_country(r->addr_countries, r->naddr_countries, "HT"));
    /* Sanctions information from the idList is a remark, not an id. */
    assert_non_null(strstr(r->remarks, "Executive Order 14059 information: Prohibition"));
    assert_non_null(strstr(r->remarks, "Address: Miami, FL, United States"));
    assert_int_equal(r->nids, 2);
    xt_free(&l);
    free(path);
}

static void test_fixture_lenient(void **state)
{
    (void)state;
    char *path = nt_source_path(FIXTURE);
    xt_load l;
    xt_load_file(&l, nomen__load_ofac_xml, path, false);
    assert_int_equal(l.rc, NOMEN_OK);
    xt_check_source(&l, "us-ofac-sdn", "ofac-xml", "2024-12-31", 5, 4, 1);
    /* One line, with the path as given, the entry's line:column and why. */
    nomen__buf want = {0};
    nomen__buf_addf(&want, "%s:139:3: sdnEntry 90004 without <lastName>\n", path);
    assert_string_equal(nomen__buf_str(&l.ld.skipped), nomen__buf_str(&want));
    nomen__buf_free(&want);

    const nomen__record *r = xt_find(&l.set, "90001");
    assert_non_null(r);
    assert_string_equal(r->names[0].full, "CHEN, Quanguo");
    assert_string_equal(r->telegraph, "7115 0356 0948");
    const nomen__rname *n = xt_name(r, "陈全国");
    assert_non_null(n);
    assert_int_equal(n->kind, NOMEN__NAME_ORIGINAL);
    assert_string_equal(n->lang, "Chinese Simplified");
    n = xt_name(r, "CH'EN, Ch'uan-kuo");
    assert_non_null(n);
    assert_int_equal(n->kind, NOMEN__NAME_AKA);
    assert_int_equal(r->ndobs, 1);
    assert_int_equal(r->dobs[0].year, 1955);
    assert_int_equal(r->dobs[0].month, 11);
    assert_int_equal(r->dobs[0].day, 0);
    assert_int_equal(r->npobs, 1);
    assert_string_equal(r->pobs[0], "Pingyu County, Henan Province, China");
    assert_true(xt_has_country(r->nationalities, r->nnationalities, "CN"));
    assert_true(xt_has_country(r->citizenships, r->ncitizenships, "CN"));
    assert_true(xt_has_country(r->addr_countries, r->naddr_countries, "CN"));
    assert_string_equal(r->gender, "Male");
    const nomen__rid *id = xt_id(r, "Passport", "E12345678");
    assert_non_null(id);
    assert_string_equal(id->country, "China");
    assert_int_equal(r->nids, 1);
    assert_non_null(strstr(r->remarks, "Title: Former Party Secretary"));
    assert_non_null(strstr(r->remarks, "issueDate: 01 Jan 2015"));
    assert_non_null(strstr(r->remarks, "Secondary sanctions risk: section 1(b)"));

    r = xt_find(&l.set, "90002");
    assert_non_null(r);
    assert_int_equal(r->type, NOMEN__SUBJ_VESSEL);
    assert_non_null(xt_id(r, "IMO", "9123456"));
    assert_non_null(xt_id(r, "Call Sign", "9HAB1"));
    assert_non_null(strstr(r->remarks, "vesselFlag: Malta"));
    assert_int_equal(r->nprograms, 2);

    r = xt_find(&l.set, "90003");
    assert_non_null(r);
    assert_int_equal(r->type, NOMEN__SUBJ_ENTITY);
    assert_string_equal(r->telegraph, "1166 1627");
    assert_null(r->names[0].given);
    assert_int_equal(xt_name(r, "XET GROUP")->kind, NOMEN__NAME_NKA);
    assert_int_equal(xt_name(r, "XET")->kind, NOMEN__NAME_FKA);
    assert_int_equal(xt_name(r, "XET")->quality, NOMEN__QUAL_WEAK);
    assert_true(xt_has_country(r->nationalities, r->nnationalities, "CN"));

    assert_null(xt_lookup(&l.set, "90004"));
    r = xt_find(&l.set, "90005");
    assert_non_null(r);
    assert_int_equal(r->type, NOMEN__SUBJ_AIRCRAFT);
    xt_free(&l);
    free(path);
}

static void test_fixture_strict(void **state)
{
    (void)state;
    char *path = nt_source_path(FIXTURE);
    xt_load l;
    xt_load_file(&l, nomen__load_ofac_xml, path, true);
    assert_int_equal(l.rc, NOMEN_ERR_PARSE);
    nomen__buf want = {0};
    nomen__buf_addf(&want, "%s:139:3: sdnEntry 90004 without <lastName>", path);
    assert_string_equal(nomen__err_msg(&l.ld.err), nomen__buf_str(&want));
    nomen__buf_free(&want);
    /* What came before the bad record stays in the set. */
    assert_int_equal(l.set.n, 3);
    assert_int_equal(l.set.sources[0].records_skipped, 0);
    xt_free(&l);
    free(path);
}

static void test_wrong_root_and_count(void **state)
{
    (void)state;
    xt_load l;
    xt_load_mem(&l, nomen__load_ofac_xml, "x.xml", "<data-set><record/></data-set>", false);
    assert_int_equal(l.rc, NOMEN_ERR_PARSE);
    assert_string_equal(nomen__err_msg(&l.ld.err),
                        "x.xml:1:1: expected <sdnList> as the root element, found <data-set>");
    xt_free(&l);

    static const char doc[] = "<sdnList><publshInformation><Record_Count>2</Record_Count>"
                              "</publshInformation><sdnEntry><uid>1</uid><lastName>A</lastName>"
                              "</sdnEntry></sdnList>";
    xt_load_mem(&l, nomen__load_ofac_xml, "sdn.xml", doc, true);
    assert_int_equal(l.rc, NOMEN_ERR_PARSE);
    assert_string_equal(nomen__err_msg(&l.ld.err),
                        "sdn.xml: Record_Count says 2 records, the file has 1");
    xt_free(&l);
    xt_load_mem(&l, nomen__load_ofac_xml, "sdn.xml", doc, false);
    assert_int_equal(l.rc, NOMEN_OK);
    xt_check_source(&l, "us-ofac-sdn", "ofac-xml", NULL, 1, 1, 0);
    xt_free(&l);
}

static void test_too_long_field_skips_record(void **state)
{
    (void)state;
    static const char doc[] = "<sdnList><sdnEntry><uid>1</uid><lastName>TOO LONG NAME</lastName>"
                              "</sdnEntry><sdnEntry><uid>2</uid><lastName>OK</lastName>"
                              "</sdnEntry></sdnList>";
    xt_load l;
    nomen__src src;
    nomen__recset_init(&l.set);
    assert_int_equal(nomen__loader_init(&l.ld, &l.set), NOMEN_OK);
    l.ld.max_field_bytes = 8;
    nomen__src_open_mem(&src, "sdn.xml", doc, sizeof doc - 1);
    assert_int_equal(nomen__load_ofac_xml(&l.ld, &src), NOMEN_OK);
    nomen__src_close(&src);
    xt_check_source(&l, "us-ofac-sdn", "ofac-xml", NULL, 2, 1, 1);
    assert_non_null(strstr(nomen__buf_str(&l.ld.skipped), "<lastName> at 1:"));
    assert_non_null(strstr(nomen__buf_str(&l.ld.skipped), "is longer than 8 bytes"));
    assert_non_null(xt_find(&l.set, "2"));
    xt_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_consolidated_snapshot),
        cmocka_unit_test(test_fixture_lenient),
        cmocka_unit_test(test_fixture_strict),
        cmocka_unit_test(test_wrong_root_and_count),
        cmocka_unit_test(test_too_long_field_skips_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
