/*
 * test_eu_xml.c: the EU FSF adapter on a fixture written from
 * ../shared/docs/eu-fsf-format.md (no EU snapshot is available).
 */
#include "xmltest.h"

#define FIXTURE "tests/load/fixtures/eu/eu_fsf_small.xml"

static void test_fixture(void **state)
{
    (void)state;
    char *path = nt_source_path(FIXTURE);
    xt_load l;
    xt_load_file(&l, nomen__load_eu_xml, path, false);
    assert_int_equal(l.rc, NOMEN_OK);
    xt_check_source(&l, "eu-fsf", "eu-xml", "2026-06-05", 5, 4, 1);
    assert_true(l.set.sources[0].checksum == xt_file_checksum(path, NULL));
    assert_non_null(strstr(nomen__buf_str(&l.ld.skipped),
                           "eu_fsf_small.xml:50:3: sanctionEntity 900005 without <nameAlias>\n"));

    /* A person with a Chinese name, a weak Wade-Giles alias, a full date of
     * birth with its place, citizenship and a passport. */
    const nomen__record *r = xt_find(&l.set, "900001");
    assert_int_equal(r->type, NOMEN__SUBJ_INDIVIDUAL);
    assert_string_equal(r->names[0].full, "WANG Junzheng");
    assert_int_equal(r->names[0].kind, NOMEN__NAME_PRIMARY);
    assert_string_equal(r->names[0].given, "Junzheng");
    assert_string_equal(r->names[0].family, "WANG");
    const nomen__rname *n = xt_name(r, "王君正");
    assert_int_equal(n->kind, NOMEN__NAME_ORIGINAL);
    assert_string_equal(n->lang, "ZH");
    n = xt_name(r, "Chün-cheng WANG");
    assert_int_equal(n->kind, NOMEN__NAME_AKA);
    assert_int_equal(n->quality, NOMEN__QUAL_WEAK);
    assert_int_equal(r->nnames, 3);
    assert_string_equal(r->gender, "M");
    assert_string_equal(r->listed_on, "2021-03-22");
    assert_true(xt_has_program(r, "EU.HR"));
    assert_int_equal(r->ndobs, 1);
    assert_int_equal(r->dobs[0].year, 1963);
    assert_int_equal(r->dobs[0].month, 12);
    assert_int_equal(r->dobs[0].day, 1);
    assert_string_equal(r->pobs[0], "Linyi, Shandong, CHINA");
    assert_true(xt_has_country(r->citizenships, r->ncitizenships, "CN"));
    assert_string_equal(xt_id(r, "National passport", "E99000001")->country, "CHINA");
    assert_non_null(strstr(r->remarks, "Made-up person with a Chinese name."));
    assert_non_null(strstr(r->remarks, "Wade-Giles spelling."));
    assert_non_null(strstr(r->remarks, "EU reference: EU.9001.01"));
    assert_non_null(strstr(r->remarks, "Function: Party Secretary of the XPCC"));
    assert_non_null(strstr(r->remarks, "Regulation: 2021/478 (OJ L99I)"));

    /* Dates of birth of every precision; a name composed from its parts. */
    r = xt_find(&l.set, "900002");
    assert_string_equal(r->names[0].full, "Example Abu PERSON");
    assert_string_equal(r->names[0].middle, "Abu");
    assert_string_equal(xt_name(r, "Пример Персон")->lang, "RU");
    assert_int_equal(xt_name(r, "Abu Example")->quality, NOMEN__QUAL_WEAK);
    assert_int_equal(r->ndobs, 4);
    assert_string_equal(r->dobs[0].text, "1970-05");
    assert_int_equal(r->dobs[0].year, 1970);
    assert_int_equal(r->dobs[0].month, 5);
    assert_int_equal(r->dobs[0].day, 0);
    assert_string_equal(r->dobs[1].text, "circa 1968");
    assert_int_equal(r->dobs[1].circa, 1);
    assert_int_equal(r->dobs[1].year, 1968);
    assert_int_equal(r->dobs[2].year, 1960);
    assert_int_equal(r->dobs[2].year_to, 1965);
    assert_int_equal(r->dobs[3].year, 1971);
    assert_int_equal(r->dobs[3].month, 0);
    assert_int_equal(r->npobs, 0); /* country "00" UNKNOWN is no place */
    assert_true(xt_has_program(r, "TAQA"));
    assert_true(xt_has_country(r->addr_countries, r->naddr_countries, "IQ"));
    assert_non_null(strstr(r->remarks, "Address: 1 Example Road, Mosul, Nineveh, IRAQ"));
    assert_non_null(strstr(r->remarks, "UN reference: QDi.999"));
    assert_non_null(strstr(r->remarks, "Document A0000002: knownFalse"));
    assert_string_equal(r->listed_on, "2003-10-14");

    r = xt_find(&l.set, "900003");
    assert_int_equal(r->type, NOMEN__SUBJ_ENTITY);
    assert_string_equal(r->names[0].full,
                        "Xinjiang Production and Construction Corps Public Security Bureau");
    assert_int_equal(xt_name(r, "新疆生产建设兵团公安局")->kind, NOMEN__NAME_ORIGINAL);
    assert_int_equal(xt_name(r, "XPCC PSB")->quality, NOMEN__QUAL_WEAK);

    /* An enterprise with an IMO number is a vessel. */
    r = xt_find(&l.set, "900004");
    assert_int_equal(r->type, NOMEN__SUBJ_VESSEL);
    assert_non_null(xt_id(r, "IMO number", "9000001"));
    xt_free(&l);

    xt_load_file(&l, nomen__load_eu_xml, path, true);
    assert_int_equal(l.rc, NOMEN_ERR_PARSE);
    assert_non_null(strstr(nomen__err_msg(&l.ld.err),
                           "eu_fsf_small.xml:50:3: sanctionEntity 900005 without <nameAlias>"));
    assert_int_equal(l.set.n, 4);
    xt_free(&l);
    free(path);
}

static void test_malformed(void **state)
{
    (void)state;
    xt_load l;
    /* No logicalId, no subjectType. */
    xt_load_mem(&l, nomen__load_eu_xml, "eu.xml",
                "<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\">\n"
                "<sanctionEntity><subjectType code=\"person\"/><nameAlias wholeName=\"A B\"/>"
                "</sanctionEntity>\n"
                "<sanctionEntity logicalId=\"2\"><nameAlias wholeName=\"C D\"/></sanctionEntity>\n"
                "<sanctionEntity logicalId=\"3\"><subjectType code=\"person\"/>"
                "<nameAlias wholeName=\"E F\"/></sanctionEntity>\n"
                "</export>",
                false);
    assert_int_equal(l.rc, NOMEN_OK);
    xt_check_source(&l, "eu-fsf", "eu-xml", NULL, 3, 1, 2);
    assert_string_equal(nomen__buf_str(&l.ld.skipped),
                        "eu.xml:2:1: sanctionEntity without a logicalId\n"
                        "eu.xml:3:1: sanctionEntity 2 without <subjectType>\n");
    xt_free(&l);

    /* A truncated file fails with its position, keeping what was read. */
    xt_load_mem(&l, nomen__load_eu_xml, "eu.xml",
                "<export>\n<sanctionEntity logicalId=\"3\"><subjectType code=\"person\"/>"
                "<nameAlias wholeName=\"E F\"/></sanctionEntity>\n<sanctionEntity logicalId=",
                false);
    assert_int_equal(l.rc, NOMEN_ERR_PARSE);
    assert_non_null(strstr(nomen__err_msg(&l.ld.err), "eu.xml:3:"));
    assert_int_equal(l.set.n, 1);
    xt_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture),
        cmocka_unit_test(test_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
