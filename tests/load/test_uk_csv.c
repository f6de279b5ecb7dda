/*
 * test_uk_csv.c: the UK OFSI ConList CSV adapter (load stage): the real
 * 2025-04-14 list with counts derived from the file, spot checks of the
 * Xinjiang designations, our fixture (BOM, CRLF, non-adjacent groups,
 * embedded line breaks, non-Latin names), malformed input.
 */
#include "csvtest.h"

#include "load/load.h"

#include <stdlib.h>
#include <string.h>

static int load_uk(const char *path, bool strict, nomen__recset *set, nomen__loader *ld)
{
    nomen__recset_init(set);
    assert_int_equal(nomen__loader_init(ld, set), NOMEN_OK);
    ld->strict = strict;
    nomen__src src;
    assert_int_equal(nomen__src_open_file(&src, path, &ld->err), NOMEN_OK);
    int st = nomen__load_uk_csv(ld, &src);
    nomen__src_close(&src);
    if (st != NOMEN_OK)
        print_message("%s\n", nomen__err_msg(&ld->err));
    return st;
}

/* 18,798 name rows, 4,688 distinct Group IDs (3,663 Individual, 1,010
 * Entity, 15 Ship), 2,795 groups with a non-Latin-script name, 31 regimes:
 * counted with Python's csv module; SOURCES.md agrees on the first four. */
static void test_conlist_2025(void **state)
{
    (void)state;
    char *path = nt_shared_path("data/lists/uk/2025-04-14/ConList.derived_from_xlsx.csv");
    NT_REQUIRE_FILE(path, "uk ConList");
    nomen__recset set;
    nomen__loader ld;
    assert_int_equal(load_uk(path, true, &set, &ld), NOMEN_OK);
    assert_int_equal(set.n, 4688);
    assert_string_equal(set.sources[0].list, "uk-ofsi");
    assert_string_equal(set.sources[0].date, "2025-04-14");
    assert_int_equal(set.sources[0].records_read, 4688);
    assert_int_equal(set.sources[0].records_loaded, 4688);
    size_t types[5] = {0}, orig = 0;
    for (size_t i = 0; i < set.n; i++) {
        types[set.recs[i].type]++;
        bool o = false;
        for (size_t k = 0; k < set.recs[i].nnames; k++)
            o |= set.recs[i].names[k].kind == NOMEN__NAME_ORIGINAL;
        orig += o;
    }
    assert_int_equal(types[NOMEN__SUBJ_INDIVIDUAL], 3663);
    assert_int_equal(types[NOMEN__SUBJ_ENTITY], 1010);
    assert_int_equal(types[NOMEN__SUBJ_VESSEL], 15);
    assert_int_equal(orig, 2795);
    size_t bad_dobs = 0, bad_nats = 0, nats = 0;
    for (size_t i = 0; i < set.n; i++) {
        const nomen__record *r = &set.recs[i];
        for (size_t k = 0; k < r->ndobs; k++)
            if (r->dobs[k].year == 0) {
                bad_dobs++;
                print_message("unparsed DOB %s: '%s'\n", r->list_id, r->dobs[k].text);
            }
        for (size_t k = 0; k < r->nnationalities; k++) {
            nats++;
            if (r->nationalities[k].iso2[0] == '\0') {
                bad_nats++;
                print_message("unknown nationality %s: '%s'\n", r->list_id,
                              r->nationalities[k].text);
            }
        }
    }
    assert_int_equal(bad_dobs, 0);
    assert_int_equal(bad_nats, 0);

    const nomen__record *r = ct_find(&set, "14074"); /* CHEN Mingguo */
    assert_int_equal(r->type, NOMEN__SUBJ_INDIVIDUAL);
    assert_string_equal(r->names[0].full, "MINGGUO CHEN");
    assert_string_equal(r->names[0].family, "CHEN");
    assert_string_equal(r->names[0].given, "MINGGUO");
    assert_int_equal(r->ndobs, 1);
    assert_int_equal(r->dobs[0].year, 1966);
    assert_int_equal(r->dobs[0].month, 10);
    assert_string_equal(r->pobs[0], "Yilong, Sichuan, China");
    assert_string_equal(r->nationalities[0].iso2, "CN");
    assert_string_equal(r->programs[0], "Global Human Rights");
    assert_string_equal(r->listed_on, "2021-03-22");
    assert_string_equal(r->gender, "Male");
    assert_non_null(strstr(r->remarks, "(UK Sanctions List Ref):GHR0075"));

    r = ct_find(&set, "14077"); /* WANG Junzheng */
    assert_string_equal(r->names[0].full, "JUNZHENG WANG");
    assert_int_equal(r->dobs[0].year, 1963);
    assert_int_equal(r->dobs[0].month, 5);
    assert_int_equal(r->dobs[0].day, 0);
    assert_string_equal(r->addr_countries[0].iso2, "CN");

    r = ct_find(&set, "14079"); /* XPCC Public Security Bureau */
    assert_int_equal(r->type, NOMEN__SUBJ_ENTITY);
    assert_int_equal(r->nnames, 3);
    assert_string_equal(r->names[0].full,
                        "XINJIANG PRODUCTION AND CONSTRUCTION CORPS PUBLIC SECURITY BUREAU");
    assert_null(r->names[0].family);
    assert_int_equal(ct_find_name(r, "XPCC PSB")->kind, NOMEN__NAME_AKA);
    assert_int_equal(ct_find_name(r, "XINJIANG SHENGCHAN JIANSHE BINGTUAN GONG'AN JU")->kind,
                     NOMEN__NAME_AKA);
    nomen__loader_free(&ld);
    nomen__recset_free(&set);
    free(path);
}

static void test_fixture(void **state)
{
    (void)state;
    char *path = nt_source_path("tests/load/fixtures/uk/ConList.csv");
    nomen__recset set;
    nomen__loader ld;
    /* lenient: the row without a Group ID is skipped and reported */
    assert_int_equal(load_uk(path, false, &set, &ld), NOMEN_OK);
    assert_true(ct_ends_with(nomen__buf_str(&ld.skipped),
                             "fixtures/uk/ConList.csv:9:62: expected a Group ID\n"));
    assert_int_equal(set.n, 3);
    assert_int_equal(set.sources[0].records_read, 4);
    assert_int_equal(set.sources[0].records_loaded, 3);
    assert_int_equal(set.sources[0].records_skipped, 1);
    const nomen__record *r = &set.recs[0];
    assert_string_equal(r->list_id, "900");
    assert_int_equal(r->nnames, 4);
    assert_string_equal(r->names[0].full, "WEI ZHANG");
    assert_int_equal(ct_find_name(r, "Wai Ming CHANG")->quality, NOMEN__QUAL_WEAK);
    assert_string_equal(ct_find_name(r, "Wai Ming CHANG")->middle, "Ming");
    assert_int_equal(ct_find_name(r, "Wei ZHANG")->kind, NOMEN__NAME_VARIATION);
    const nomen__rname *zh = ct_find_name(r, "\xe5\xbc\xa0\xe4\xbc\x9f");
    assert_int_equal(zh->kind, NOMEN__NAME_ORIGINAL);
    assert_string_equal(zh->lang, "Chinese");
    assert_int_equal(r->ndobs, 1); /* repeated on two rows, kept once */
    assert_int_equal(r->dobs[0].day, 3);
    assert_int_equal(r->dobs[0].month, 7);
    assert_int_equal(r->nnationalities, 2);
    assert_string_equal(r->nationalities[0].iso2, "CN");
    assert_string_equal(r->nationalities[1].iso2, "RU");
    assert_string_equal(r->gender, "Male");
    assert_int_equal(r->nprograms, 2);
    assert_string_equal(r->listed_on, "2021-02-01");
    assert_non_null(strstr(r->remarks, "(Gender):Male\nsecond line"));

    r = &set.recs[1];
    assert_string_equal(r->list_id, "901");
    assert_string_equal(r->names[0].full, "ACME \"ROCKET\" WORKS");
    assert_int_equal(ct_find_name(r, "ACME WORKS OLD")->kind, NOMEN__NAME_FKA);
    assert_non_null(strstr(r->remarks, "Address: 1 Red Square, Moscow, Russia"));
    assert_string_equal(r->addr_countries[0].iso2, "RU");
    assert_int_equal(set.recs[2].type, NOMEN__SUBJ_VESSEL);
    nomen__loader_free(&ld);
    nomen__recset_free(&set);

    /* strict: the same row stops the load */
    assert_int_equal(load_uk(path, true, &set, &ld), NOMEN_ERR_PARSE);
    assert_true(
        ct_ends_with(nomen__err_msg(&ld.err), "fixtures/uk/ConList.csv:9:62: expected a Group ID"));
    nomen__loader_free(&ld);
    nomen__recset_free(&set);
    free(path);
}

static int load_mem(const char *data, size_t len, nomen__recset *set, nomen__loader *ld)
{
    nomen__recset_init(set);
    assert_int_equal(nomen__loader_init(ld, set), NOMEN_OK);
    nomen__src src;
    assert_int_equal(nomen__src_open_mem(&src, "ConList.csv", data, len), NOMEN_OK);
    int st = nomen__load_uk_csv(ld, &src);
    nomen__src_close(&src);
    return st;
}

static void test_malformed(void **state)
{
    (void)state;
    nomen__recset set;
    nomen__loader ld;
    static const char nolast[] = "Name 6,Group ID\r\nX,1\r\n";
    assert_int_equal(load_mem(nolast, sizeof(nolast) - 1, &set, &ld), NOMEN_ERR_PARSE);
    assert_string_equal(nomen__err_msg(&ld.err),
                        "ConList.csv:1:1: expected the OFSI first line \"Last Updated,<date>\"");
    nomen__loader_free(&ld);
    nomen__recset_free(&set);

    static const char nocol[] = "Last Updated,01/01/2025\r\nName 6,Alias Type,Group Type\r\n";
    assert_int_equal(load_mem(nocol, sizeof(nocol) - 1, &set, &ld), NOMEN_ERR_PARSE);
    assert_string_equal(nomen__err_msg(&ld.err),
                        "ConList.csv:2:1: expected a header row with the column \"Group ID\"");
    nomen__loader_free(&ld);
    nomen__recset_free(&set);

    /* short row, bad quoting, truncated last row: lenient keeps the good one */
    static const char rows[] = "Last Updated,01/01/2025\r\n"
                               "Name 6,Alias Type,Group Type,Group ID\r\n"
                               "GOOD,Primary name,Entity,1\r\n"
                               "SHORT,Primary name\r\n"
                               "\"BAD\"Q,Primary name,Entity,2\r\n"
                               "\"CUT,Primary name,Entity,3\r\n";
    assert_int_equal(load_mem(rows, sizeof(rows) - 1, &set, &ld), NOMEN_OK);
    assert_string_equal(nomen__buf_str(&ld.skipped),
                        "ConList.csv:4:1: expected 4 fields as in the header, found 2\n"
                        "ConList.csv:5:6: expected ',' or a line end after the closing quote of "
                        "the field that starts at 5:1\n"
                        "ConList.csv:6:1: quoted field not closed: expected '\"' before the end "
                        "of the file\n");
    assert_int_equal(set.n, 1);
    assert_int_equal(set.sources[0].records_read, 4);
    assert_int_equal(set.sources[0].records_skipped, 3);
    nomen__loader_free(&ld);
    nomen__recset_free(&set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conlist_2025),
        cmocka_unit_test(test_fixture),
        cmocka_unit_test(test_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
