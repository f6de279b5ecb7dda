/*
 * test_record.c: the record builder, the record set, the date parser and the
 * country table (load stage).
 */
#include "testutil.h"

#include "load/record.h"

#include <stdio.h>
#include <string.h>

static const nomen__record *build_one(nomen__recset *set, nomen__recbuild *b)
{
    uint32_t src;
    assert_true(nomen__recset_add_source(set, "test", "generic-csv", "mem", &src));
    assert_true(nomen__recset_commit(set, src, b));
    return &set->recs[set->n - 1];
}

/* One date text and what it must parse to (year 0: unparsed). */
static const struct {
    const char *text;
    int year, year_to, month, day, circa;
} dates[] = {
    {"12 Jan 1960", 1960, 1960, 1, 12, 0},
    {"1960-01-12", 1960, 1960, 1, 12, 0},
    {"12/01/1960", 1960, 1960, 1, 12, 0},
    {"01/13/1960", 1960, 1960, 1, 13, 0},
    {"May 1963", 1963, 1963, 5, 0, 0},
    {"05/1963", 1963, 1963, 5, 0, 0},
    {"00/00/1966", 1966, 1966, 0, 0, 0},
    {"1955", 1955, 1955, 0, 0, 0},
    {"circa 1960", 1960, 1960, 0, 0, 1},
    {"circa 1958 to 1960", 1958, 1960, 0, 0, 1},
    {"1960 to 1962", 1960, 1962, 0, 0, 0},
    {"between 1960 and 1962", 1960, 1962, 0, 0, 0},
    {"1960-1962", 1960, 1962, 0, 0, 0},
    {"1960 (approximately)", 1960, 1960, 0, 0, 1},
    {"September 3, 1971", 1971, 1971, 9, 3, 0},
    {"1971-09", 1971, 1971, 9, 0, 0},
    {"2025-01-10T00:00:00", 2025, 2025, 1, 10, 0},
    {"1960T1", 0, 0, 0, 0, 0},
    {"29 Feb 1960", 1960, 1960, 2, 29, 0},
    {"29 Feb 1961", 0, 0, 0, 0, 0}, /* not a leap year */
    {"31/04/1970", 0, 0, 0, 0, 0},
    {"unknown", 0, 0, 0, 0, 0},
    {"1962 to 1960", 0, 0, 0, 0, 0},
    {"12 Foo 1960", 0, 0, 0, 0, 0},
    {"60", 0, 0, 0, 0, 0},
    {"\xe4\xb8\x80\xe4\xb9\x9d", 0, 0, 0, 0, 0},
};

static void test_dates(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
        nomen__recset set;
        nomen__recset_init(&set);
        nomen__recbuild *b = nomen__recbuild_new();
        assert_non_null(b);
        assert_true(nomen__recbuild_add_name(b, NOMEN__NAME_PRIMARY, 0, "X", 1, NULL, 0, NULL, 0,
                                             NULL, 0, NULL, 0));
        assert_true(nomen__recbuild_add_dob(b, dates[i].text, strlen(dates[i].text)));
        const nomen__record *r = build_one(&set, b);
        assert_int_equal(r->ndobs, 1);
        const nomen__rdate *d = &r->dobs[0];
        print_message("%s -> %d..%d-%d-%d circa %d\n", dates[i].text, d->year, d->year_to, d->month,
                      d->day, d->circa);
        assert_string_equal(d->text, dates[i].text);
        assert_int_equal(d->year, dates[i].year);
        assert_int_equal(d->year_to, dates[i].year_to);
        assert_int_equal(d->month, dates[i].month);
        assert_int_equal(d->day, dates[i].day);
        assert_int_equal(d->circa, dates[i].circa);
        nomen__recbuild_free(b);
        nomen__recset_free(&set);
    }
}

static void test_countries(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"China", "CN"},
        {"CHINA", "CN"},
        {"People's Republic of China", "CN"},
        {"CN", "CN"},
        {"CHN", "CN"},
        {"China / Chine", "CN"},
        {"  china. ", "CN"},
        {"Korea, North", "KP"},
        {"Democratic People's Republic of Korea", "KP"},
        {"Korea, Republic of", "KR"},
        {"Iran, Islamic Republic of", "IR"},
        {"Russian Federation", "RU"},
        {"Congo, Democratic Republic of the", "CD"},
        {"Congo (Democratic Republic)", "CD"},
        {"Congo", "CG"},
        {"C\xc3\xb4te d'Ivoire", "CI"},
        {"Cote d Ivoire", "CI"},
        {"Burma", "MM"},
        {"United Kingdom", "GB"},
        {"AND", "AD"},
        {"Andorra", "AD"},
        {"The Gambia", "GM"},
        {"Bosnia & Herzegovina", "BA"},
        {"Syria / Syrie", "SY"},
        {"Taiwan", "TW"},
        {"Palestinian", "PS"},
        {"Atlantis", ""},
        {"Korea", ""},
        {"", ""},
        {"China / Japan", ""},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = nomen__country_iso2(cases[i][0], strlen(cases[i][0]));
        if (strcmp(got, cases[i][1]) != 0)
            print_message("%s -> '%s', expected '%s'\n", cases[i][0], got, cases[i][1]);
        assert_string_equal(got, cases[i][1]);
    }
    /* The length is honoured: the string need not be NUL-terminated. */
    assert_string_equal(nomen__country_iso2("Chinaxyz", 5), "CN");
    /* A hostile long text is refused, not overflowed. */
    char big[4096];
    memset(big, 'a', sizeof(big));
    assert_string_equal(nomen__country_iso2(big, sizeof(big)), "");
}

static void test_builder(void **state)
{
    (void)state;
    nomen__recset set;
    nomen__recset_init(&set);
    nomen__recbuild *b = nomen__recbuild_new();
    assert_non_null(b);
    uint32_t src;
    assert_true(nomen__recset_add_source(&set, "uk-ofsi", "uk-csv", "ConList.csv", &src));
    assert_int_equal(src, 0);

    assert_true(nomen__recbuild_set_type(b, NOMEN__SUBJ_INDIVIDUAL));
    assert_true(nomen__recbuild_set_id(b, " 14077 ", 7));
    assert_true(nomen__recbuild_add_name(b, NOMEN__NAME_AKA, NOMEN__QUAL_WEAK, "Wang J.", 7, NULL,
                                         0, NULL, 0, NULL, 0, NULL, 0));
    assert_true(nomen__recbuild_add_name(b, NOMEN__NAME_PRIMARY, NOMEN__QUAL_UNKNOWN,
                                         "WANG Junzheng", 13, "Junzheng", 8, NULL, 0, "WANG", 4,
                                         NULL, 0));
    /* an exact duplicate is ignored; a different kind is not */
    assert_true(nomen__recbuild_add_name(b, NOMEN__NAME_AKA, NOMEN__QUAL_WEAK, " Wang J. ", 9, NULL,
                                         0, NULL, 0, NULL, 0, NULL, 0));
    assert_true(nomen__recbuild_add_name(b, NOMEN__NAME_ORIGINAL, 0, "\xe7\x8e\x8b\xe5\x90\x9b", 6,
                                         NULL, 0, NULL, 0, NULL, 0, "zh", 2));
    assert_int_equal(nomen__recbuild_name_count(b), 3);
    assert_true(nomen__recbuild_add_dob(b, "05/1963", 7));
    assert_true(nomen__recbuild_add_dob(b, "05/1963", 7));
    assert_true(nomen__recbuild_add_country(b, 'n', "China", 5));
    assert_true(nomen__recbuild_add_country(b, 'n', "China", 5));
    assert_true(nomen__recbuild_add_country(b, 'a', "Atlantis", 8));
    assert_true(nomen__recbuild_add_country(b, 'c', "PRC", 3));
    assert_true(nomen__recbuild_add_remark(b, "first", 5));
    assert_true(nomen__recbuild_add_remark(b, "  ", 2));
    assert_true(nomen__recbuild_add_remark(b, "second", 6));
    assert_true(nomen__recbuild_add_remark(b, "first", 5));
    assert_true(nomen__recbuild_add_program(b, "Global Human Rights", 19));
    assert_true(nomen__recbuild_add_program(b, "Global Human Rights", 19));
    assert_true(nomen__recbuild_add_pob(b, "Linyi, Shandong\xc2\xa0", 17));
    assert_true(nomen__recbuild_add_id(b, "Passport", 8, "G123", 4, "China", 5));
    assert_true(nomen__recbuild_add_id(b, "Passport", 8, "", 0, "China", 5));
    assert_true(nomen__recbuild_set_listed_on(b, "22/03/2021", 10));
    assert_true(nomen__recbuild_set_gender(b, "Male", 4));
    assert_true(nomen__recbuild_set_telegraph(b, "3769 6874", 9));
    assert_true(nomen__recset_commit(&set, src, b));
    assert_int_equal(nomen__recbuild_name_count(b), 0); /* reset by the commit */

    const nomen__record *r = &set.recs[0];
    assert_int_equal(set.n, 1);
    assert_int_equal(r->type, NOMEN__SUBJ_INDIVIDUAL);
    assert_string_equal(r->list_id, "14077");
    assert_int_equal(r->nnames, 3);
    assert_string_equal(r->names[0].full, "WANG Junzheng"); /* primary moved first */
    assert_string_equal(r->names[0].family, "WANG");
    assert_string_equal(r->names[0].given, "Junzheng");
    assert_null(r->names[0].middle);
    assert_string_equal(r->names[1].full, "Wang J.");
    assert_int_equal(r->names[1].quality, NOMEN__QUAL_WEAK);
    assert_int_equal(r->names[2].kind, NOMEN__NAME_ORIGINAL);
    assert_string_equal(r->names[2].lang, "zh");
    assert_int_equal(r->ndobs, 1);
    assert_int_equal(r->dobs[0].year, 1963);
    assert_int_equal(r->dobs[0].month, 5);
    assert_int_equal(r->nnationalities, 1);
    assert_string_equal(r->nationalities[0].iso2, "CN");
    assert_int_equal(r->ncitizenships, 1);
    assert_string_equal(r->citizenships[0].iso2, "CN");
    assert_int_equal(r->naddr_countries, 1);
    assert_string_equal(r->addr_countries[0].text, "Atlantis");
    assert_string_equal(r->addr_countries[0].iso2, "");
    assert_string_equal(r->remarks, "first; second");
    assert_int_equal(r->nprograms, 1);
    assert_string_equal(r->pobs[0], "Linyi, Shandong");
    assert_int_equal(r->nids, 1);
    assert_string_equal(r->ids[0].value, "G123");
    assert_string_equal(r->ids[0].country, "China");
    assert_string_equal(r->listed_on, "2021-03-22");
    assert_string_equal(r->gender, "Male");
    assert_string_equal(r->telegraph, "3769 6874");

    /* A listing date that is not a full date goes to the remarks. */
    assert_true(nomen__recbuild_add_name(b, NOMEN__NAME_PRIMARY, 0, "Y", 1, NULL, 0, NULL, 0, NULL,
                                         0, NULL, 0));
    assert_true(nomen__recbuild_set_listed_on(b, "sometime in 2020", 16));
    assert_true(nomen__recset_commit(&set, src, b));
    assert_null(set.recs[1].listed_on);
    assert_string_equal(set.recs[1].remarks, "Listed on: sometime in 2020");
    assert_null(set.recs[1].dobs);
    assert_int_equal(set.recs[1].ndobs, 0);

    /* Many records: pointers of earlier records stay valid as the set grows. */
    const char *first = set.recs[0].names[0].full;
    for (int i = 0; i < 5000; i++) {
        char nm[32];
        int n = snprintf(nm, sizeof(nm), "NAME %d", i);
        assert_true(nomen__recbuild_add_name(b, NOMEN__NAME_PRIMARY, 0, nm, (size_t)n, NULL, 0,
                                             NULL, 0, NULL, 0, NULL, 0));
        assert_true(nomen__recset_commit(&set, src, b));
    }
    assert_int_equal(set.n, 5002);
    assert_string_equal(first, "WANG Junzheng");
    assert_string_equal(set.recs[5001].names[0].full, "NAME 4999");
    nomen__recbuild_free(b);
    nomen__recset_free(&set);
    nomen__recset_free(NULL);
    nomen__recbuild_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_countries),
        cmocka_unit_test(test_builder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
