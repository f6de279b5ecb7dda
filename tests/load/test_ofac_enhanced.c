/*
 * test_ofac_enhanced.c: the OFAC Enhanced XML adapter on CONS_ENHANCED.XML
 * (2025-01-10; counts derived with an independent parse of the file) and on
 * a fixture.
 */
#include "xmltest.h"

#define ENH     "data/lists/ofac/cons_2025-01_enhanced/CONS_ENHANCED.XML"
#define FIXTURE "tests/load/fixtures/ofac_enhanced/enhanced_small.xml"

static void test_snapshot(void **state)
{
    (void)state;
    char *path = nt_shared_path(ENH);
    NT_REQUIRE_FILE(path, ENH);
    xt_load l;
    xt_load_file(&l, nomen__load_ofac_enhanced, path, true);
    assert_int_equal(l.rc, NOMEN_OK);
    xt_check_source(&l, "us-ofac-cons", "ofac-enhanced", "2025-01-10", 443, 443, 0);
    assert_true(l.set.sources[0].checksum == xt_file_checksum(path, NULL));
    assert_int_equal(xt_count_type(&l.set, NOMEN__SUBJ_INDIVIDUAL), 80);
    assert_int_equal(xt_count_type(&l.set, NOMEN__SUBJ_ENTITY), 363);
    /* 1,579 <name> with their translations: 443 primary, 992 A.K.A., 144
     * F.K.A. in Latin script, and 45 distinct non-Latin translations (Chinese
     * Simplified/Traditional and Cyrillic); 71 names are low quality. */
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_PRIMARY, -1), 443);
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_AKA, -1), 992);
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_FKA, -1), 144);
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_ORIGINAL, -1), 45);
    assert_int_equal(xt_count_names(&l.set, NOMEN__NAME_VARIATION, -1), 0);
    size_t weak = 0, dobs = 0;
    for (size_t i = 0; i < l.set.n; i++) {
        dobs += l.set.recs[i].ndobs;
        for (size_t j = 0; j < l.set.recs[i].nnames; j++)
            weak += l.set.recs[i].names[j].quality == NOMEN__QUAL_WEAK;
    }
    assert_int_equal(weak, 71);
    assert_int_equal(dobs, 75);

    /* The same MARTELLY as in the sdnList XML test, from the other format. */
    const nomen__record *r = xt_find(&l.set, "50476");
    assert_int_equal(r->type, NOMEN__SUBJ_INDIVIDUAL);
    assert_string_equal(r->names[0].full, "MARTELLY, Michel Joseph");
    assert_string_equal(r->names[0].given, "Michel Joseph");
    assert_string_equal(r->names[0].family, "MARTELLY");
    assert_int_equal(r->nnames, 3);
    assert_int_equal(xt_name(r, "MARTELLY, Michael")->kind, NOMEN__NAME_AKA);
    assert_int_equal(xt_name(r, "Sweet Micky")->quality, NOMEN__QUAL_WEAK);
    assert_string_equal(xt_id(r, "National ID No.", "0032768386")->country, "Haiti");
    assert_string_equal(xt_id(r, "Driver's License No.", "M634550610520")->country,
                        "United States");
    assert_int_equal(r->nids, 2);
    assert_string_equal(r->gender, "Male");
    assert_int_equal(r->ndobs, 1);
    assert_int_equal(r->dobs[0].year, 1961);
    assert_int_equal(r->dobs[0].month, 2);
    assert_int_equal(r->dobs[0].day, 12);
    assert_string_equal(r->pobs[0], "Port-au-Prince, Haiti");
    assert_true(xt_has_country(r->nationalities, r->nnationalities, "HT"));
    assert_true(xt_has_program(r, "ILLICIT-DRUGS-EO14059"));
    assert_string_equal(r->listed_on, "2024-08-20");
    assert_non_null(strstr(r->remarks, "Sanctions list: Non-SDN Menu-Based Sanctions List"));
    assert_non_null(strstr(r->remarks, "Executive Order 14059 information: Prohibition"));

    /* A Chinese company with its name in Chinese characters. */
    r = xt_find(&l.set, "33091");
    assert_int_equal(r->type, NOMEN__SUBJ_ENTITY);
    assert_string_equal(r->names[0].full, "MEGVII TECHNOLOGY LIMITED");
    const nomen__rname *n = xt_name(r, "旷视科技有限公司");
    assert_int_equal(n->kind, NOMEN__NAME_ORIGINAL);
    assert_string_equal(n->lang, "Chinese Simplified");
    assert_true(xt_has_country(r->addr_countries, r->naddr_countries, "KY"));
    xt_free(&l);
    free(path);
}

static void test_fixture(void **state)
{
    (void)state;
    char *path = nt_source_path(FIXTURE);
    xt_load l;
    xt_load_file(&l, nomen__load_ofac_enhanced, path, false);
    assert_int_equal(l.rc, NOMEN_OK);
    xt_check_source(&l, "us-ofac-sdn", "ofac-enhanced", "2024-12-31", 2, 1, 1);
    assert_non_null(strstr(nomen__buf_str(&l.ld.skipped),
                           "enhanced_small.xml:110:5: entity without an id attribute\n"));

    const nomen__record *r = xt_find(&l.set, "90001");
    assert_string_equal(r->names[0].full, "CHEN, Quanguo");
    assert_string_equal(r->names[0].middle, "Q.");
    assert_string_equal(r->telegraph, "7115 0356 0948");
    assert_string_equal(xt_name(r, "陈全国")->lang, "Chinese Simplified");
    const nomen__rname *n = xt_name(r, "CH'EN Ch'uan-kuo");
    assert_int_equal(n->kind, NOMEN__NAME_NKA);
    assert_int_equal(n->quality, NOMEN__QUAL_WEAK);
    /* isApproximate + isDateRange: circa 1954 to 1956. */
    assert_int_equal(r->ndobs, 1);
    assert_string_equal(r->dobs[0].text, "circa 1954 to 1956");
    assert_int_equal(r->dobs[0].year, 1954);
    assert_int_equal(r->dobs[0].year_to, 1956);
    assert_int_equal(r->dobs[0].circa, 1);
    assert_true(xt_has_country(r->citizenships, r->ncitizenships, "CN"));
    assert_true(xt_has_country(r->addr_countries, r->naddr_countries, "CN"));
    assert_non_null(strstr(r->remarks, "Address: Urumqi, China"));
    assert_non_null(strstr(r->remarks, "Title: Party Secretary"));
    assert_non_null(strstr(r->remarks, "Document E00000001: expirationDate: 2030-01-01"));
    assert_non_null(xt_id(r, "Website", "www.example.invalid"));
    assert_string_equal(xt_id(r, "Passport", "E00000001")->country, "China");
    /* The earliest datePublished of its lists. */
    assert_string_equal(r->listed_on, "2019-01-01");
    assert_true(xt_has_program(r, "GLOMAG"));
    xt_free(&l);

    xt_load_file(&l, nomen__load_ofac_enhanced, path, true);
    assert_int_equal(l.rc, NOMEN_ERR_PARSE);
    assert_non_null(strstr(nomen__err_msg(&l.ld.err),
                           "enhanced_small.xml:110:5: entity without an id attribute"));
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
