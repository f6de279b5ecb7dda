/*
 * test_ofac_csv.c: the OFAC legacy CSV adapter (load stage): the real
 * snapshots with counts derived from the files, whole-record spot checks, our
 * own fixture set, and malformed input in strict and lenient modes.
 */
#include "csvtest.h"

#include "load/load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct loaded {
    nomen__recset set;
    nomen__loader ld;
} loaded;

static int open_opt(nomen__src *s, const char *path, bool *open, nomen__err *err)
{
    *open = false;
    if (path == NULL)
        return NOMEN_OK;
    int st = nomen__src_open_file(s, path, err);
    *open = st == NOMEN_OK;
    return st;
}

/* Load prim (+ optional side files) given as full paths. */
static int load_files(loaded *l, bool strict, const char *prim, const char *alt, const char *add,
                      const char *com)
{
    nomen__recset_init(&l->set);
    assert_int_equal(nomen__loader_init(&l->ld, &l->set), NOMEN_OK);
    l->ld.strict = strict;
    nomen__src s[4];
    bool open[4];
    const char *paths[4] = {prim, alt, add, com};
    for (int i = 0; i < 4; i++)
        assert_int_equal(open_opt(&s[i], paths[i], &open[i], &l->ld.err), NOMEN_OK);
    int st = nomen__load_ofac_csv(&l->ld, &s[0], open[1] ? &s[1] : NULL, open[2] ? &s[2] : NULL,
                                  open[3] ? &s[3] : NULL);
    for (int i = 0; i < 4; i++)
        if (open[i])
            nomen__src_close(&s[i]);
    if (st != NOMEN_OK)
        print_message("load: %s\n", nomen__err_msg(&l->ld.err));
    return st;
}

static void unload(loaded *l)
{
    nomen__loader_free(&l->ld);
    nomen__recset_free(&l->set);
}

static bool has_program(const nomen__record *r, const char *p)
{
    for (size_t i = 0; i < r->nprograms; i++)
        if (strcmp(r->programs[i], p) == 0)
            return true;
    return false;
}

static char *shared(const char *rel)
{
    return nt_shared_path(rel);
}

/* Every date of birth of the list is in a form the parser reads, and every
 * nationality is a known country. */
static void check_parsed(const nomen__recset *set)
{
    size_t dobs = 0, bad_dobs = 0, nats = 0, bad_nats = 0;
    for (size_t i = 0; i < set->n; i++) {
        const nomen__record *r = &set->recs[i];
        for (size_t k = 0; k < r->ndobs; k++) {
            dobs++;
            if (r->dobs[k].year == 0) {
                bad_dobs++;
                print_message("unparsed DOB %s: '%s'\n", r->list_id, r->dobs[k].text);
            }
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
    print_message("%zu dates of birth, %zu nationalities\n", dobs, nats);
    assert_int_equal(bad_dobs, 0);
    assert_int_equal(bad_nats, 0);
}

/* sdn_2021-07: 8,976 rows in sdn.csv (4,620 individual, 3,673 "-0-" =
 * entity, 406 vessel, 277 aircraft), 11,910 alt.csv rows over 4,139
 * ent_nums, 315 rows with GLOMAG, 12 rows with a Chinese Commercial Code:
 * counted with Python's csv module over the files; SOURCES.md agrees. */
static void test_sdn_2021(void **state)
{
    (void)state;
    char *p = shared("data/lists/ofac/sdn_2021-07/sdn.csv");
    NT_REQUIRE_FILE(p, "sdn_2021-07/sdn.csv");
    char *a = shared("data/lists/ofac/sdn_2021-07/alt.csv");
    char *d = shared("data/lists/ofac/sdn_2021-07/add.csv");
    char *c = shared("data/lists/ofac/sdn_2021-07/sdn_comments.csv");
    loaded l;
    assert_int_equal(load_files(&l, true, p, a, d, c), NOMEN_OK);
    assert_int_equal(l.set.n, 8976);
    const nomen__rsource *so = &l.set.sources[0];
    assert_string_equal(so->list, "us-ofac-sdn");
    assert_string_equal(so->format, "ofac-csv");
    assert_int_equal(so->records_read, 8976);
    assert_int_equal(so->records_loaded, 8976);
    assert_int_equal(so->records_skipped, 0);
    assert_int_equal(l.ld.skipped.len, 0); /* no orphans in a consistent set */
    size_t types[5] = {0}, strong = 0, glomag = 0, tele = 0, weak = 0, addr = 0;
    for (size_t i = 0; i < l.set.n; i++) {
        const nomen__record *r = &l.set.recs[i];
        types[r->type]++;
        assert_int_equal(r->names[0].kind, NOMEN__NAME_PRIMARY);
        bool s = false, w = false;
        for (size_t k = 0; k < r->nnames; k++) {
            s |= r->names[k].quality == NOMEN__QUAL_STRONG;
            w |= r->names[k].quality == NOMEN__QUAL_WEAK;
        }
        strong += s;
        weak += w;
        glomag += has_program(r, "GLOMAG");
        tele += r->telegraph != NULL;
        addr += r->naddr_countries > 0;
    }
    print_message("weak-alias records %zu, records with an address country %zu\n", weak, addr);
    check_parsed(&l.set);
    assert_int_equal(types[NOMEN__SUBJ_INDIVIDUAL], 4620);
    assert_int_equal(types[NOMEN__SUBJ_ENTITY], 3673);
    assert_int_equal(types[NOMEN__SUBJ_VESSEL], 406);
    assert_int_equal(types[NOMEN__SUBJ_AIRCRAFT], 277);
    assert_int_equal(strong, 4139);
    assert_int_equal(glomag, 315);
    assert_int_equal(tele, 12);
    assert_int_equal(weak, 1265); /* rows whose remarks (+ comments) hold an a.k.a. */

    /* CHEN, Quanguo: "DOB 1955; POB Pingyu, Henan, China; Gender Male." */
    const nomen__record *r = ct_find(&l.set, "29220");
    assert_non_null(r);
    assert_int_equal(r->type, NOMEN__SUBJ_INDIVIDUAL);
    assert_string_equal(r->names[0].full, "CHEN, Quanguo");
    assert_string_equal(r->names[0].family, "CHEN");
    assert_string_equal(r->names[0].given, "Quanguo");
    assert_int_equal(r->nnames, 1);
    assert_int_equal(r->nprograms, 1);
    assert_string_equal(r->programs[0], "GLOMAG");
    assert_int_equal(r->ndobs, 1);
    assert_string_equal(r->dobs[0].text, "1955");
    assert_int_equal(r->dobs[0].year, 1955);
    assert_int_equal(r->dobs[0].month, 0);
    assert_int_equal(r->npobs, 1);
    assert_string_equal(r->pobs[0], "Pingyu, Henan, China");
    assert_string_equal(r->gender, "Male");
    assert_int_equal(r->nnationalities, 0);
    assert_null(r->telegraph); /* the 2021 list gives no CCC for him */
    /* the remarks as written, then the add.csv address */
    assert_string_equal(
        r->remarks, "DOB 1955; POB Pingyu, Henan, China; Gender Male.; Address: Xinjiang, China");

    /* WANG, Junzheng: DOB May 1963, nationality China. */
    r = ct_find(&l.set, "31492");
    assert_non_null(r);
    assert_string_equal(r->names[0].full, "WANG, Junzheng");
    assert_int_equal(r->dobs[0].year, 1963);
    assert_int_equal(r->dobs[0].month, 5);
    assert_int_equal(r->nnationalities, 1);
    assert_string_equal(r->nationalities[0].iso2, "CN");
    assert_string_equal(r->pobs[0], "Linyi City, Shandong Province, China");

    /* ZHANG, Lei: a Chinese Commercial Code, a passport and a national ID. */
    r = ct_find(&l.set, "16318");
    assert_non_null(r);
    assert_string_equal(r->telegraph, "1728 4320");
    assert_int_equal(r->ncitizenships, 1);
    assert_string_equal(r->citizenships[0].iso2, "CN");
    assert_int_equal(r->nids, 3);
    assert_string_equal(r->ids[0].type, "Passport");
    assert_string_equal(r->ids[0].value, "G23851362");
    assert_string_equal(r->ids[0].country, "China");
    assert_string_equal(r->ids[2].type, "National ID No.");

    /* BANCO NACIONAL DE CUBA: a weak remark alias, a strong alt.csv alias,
     * addresses in three countries. */
    r = ct_find(&l.set, "306");
    assert_non_null(r);
    assert_int_equal(r->type, NOMEN__SUBJ_ENTITY);
    const nomen__rname *nm = ct_find_name(r, "BNC");
    assert_non_null(nm);
    assert_int_equal(nm->kind, NOMEN__NAME_AKA);
    assert_int_equal(nm->quality, NOMEN__QUAL_WEAK);
    nm = ct_find_name(r, "NATIONAL BANK OF CUBA");
    assert_non_null(nm);
    assert_int_equal(nm->quality, NOMEN__QUAL_STRONG);
    assert_true(r->naddr_countries >= 3);
    assert_string_equal(r->addr_countries[0].iso2, "CH");

    /* sdn_comments.csv continues a cut remark: "PROMO RAI" + "Z S.A.S.". */
    r = ct_find(&l.set, "12300");
    assert_non_null(r);
    assert_non_null(strstr(r->remarks, "PROMO RAIZ S.A.S.; Linked To: RED MUNDIAL"));
    r = ct_find(&l.set, "28263");
    assert_non_null(r);
    assert_non_null(ct_find_name(r, "snowsjohn"));
    unload(&l);
    free(p);
    free(a);
    free(d);
    free(c);
}

/* sdn_2024-05: the primary file alone. 14,965 rows: 6,854 individual,
 * 6,884 entity, 851 vessel, 376 aircraft; 694 GLOMAG. */
static void test_sdn_2024(void **state)
{
    (void)state;
    char *p = shared("data/lists/ofac/sdn_2024-05/sdn.csv");
    NT_REQUIRE_FILE(p, "sdn_2024-05/sdn.csv");
    loaded l;
    assert_int_equal(load_files(&l, true, p, NULL, NULL, NULL), NOMEN_OK);
    assert_int_equal(l.set.n, 14965);
    size_t types[5] = {0}, glomag = 0;
    for (size_t i = 0; i < l.set.n; i++) {
        types[l.set.recs[i].type]++;
        glomag += has_program(&l.set.recs[i], "GLOMAG");
    }
    assert_int_equal(types[NOMEN__SUBJ_INDIVIDUAL], 6854);
    assert_int_equal(types[NOMEN__SUBJ_ENTITY], 6884);
    assert_int_equal(types[NOMEN__SUBJ_VESSEL], 851);
    assert_int_equal(types[NOMEN__SUBJ_AIRCRAFT], 376);
    assert_int_equal(glomag, 694);
    check_parsed(&l.set);
    const nomen__record *r = ct_find(&l.set, "29220");
    assert_non_null(r);
    assert_string_equal(r->names[0].full, "CHEN, Quanguo");
    assert_int_equal(r->dobs[0].year, 1955);
    unload(&l);
    free(p);
}

/* cons_2025-12: 442 rows (79 individual, 363 entity), aliases of 395
 * ent_nums; cons_add.csv has rows for all 442 but only 390 of them carry a
 * non-null value (the others are "-0-" throughout). */
static void test_cons_2025(void **state)
{
    (void)state;
    char *p = shared("data/lists/ofac/cons_2025-12/cons_prim.csv");
    NT_REQUIRE_FILE(p, "cons_2025-12/cons_prim.csv");
    char *a = shared("data/lists/ofac/cons_2025-12/cons_alt.csv");
    char *d = shared("data/lists/ofac/cons_2025-12/cons_add.csv");
    char *c = shared("data/lists/ofac/cons_2025-12/cons_comments.csv");
    loaded l;
    assert_int_equal(load_files(&l, true, p, a, d, c), NOMEN_OK);
    assert_int_equal(l.set.n, 442);
    assert_string_equal(l.set.sources[0].list, "us-ofac-cons");
    size_t ind = 0, ent = 0, strong = 0, addr = 0;
    for (size_t i = 0; i < l.set.n; i++) {
        const nomen__record *r = &l.set.recs[i];
        ind += r->type == NOMEN__SUBJ_INDIVIDUAL;
        ent += r->type == NOMEN__SUBJ_ENTITY;
        bool s = false;
        for (size_t k = 0; k < r->nnames; k++)
            s |= r->names[k].quality == NOMEN__QUAL_STRONG;
        strong += s;
        addr += r->remarks != NULL && strstr(r->remarks, "Address:") != NULL;
    }
    assert_int_equal(ind, 79);
    assert_int_equal(ent, 363);
    assert_int_equal(strong, 395);
    assert_int_equal(addr, 390);
    check_parsed(&l.set);
    assert_int_equal(l.ld.skipped.len, 0);
    unload(&l);
    free(p);
    free(a);
    free(d);
    free(c);
}

/* The 2025-12 partial set has no primary file: its 20,107 alias, 24,244
 * address and 28 comment rows (Python's csv module) meet our fixture's four
 * records (ent_num 100..103, none of which the set uses), so all 44,379 are
 * orphans: read, checked, and summarized in one note. */
static void test_partial_orphans(void **state)
{
    (void)state;
    char *p = nt_source_path("tests/load/fixtures/ofac_csv/sdn.csv");
    char *a = shared("data/lists/ofac/sdn_2025-12_partial/alt.csv");
    NT_REQUIRE_FILE(a, "sdn_2025-12_partial/alt.csv");
    char *d = shared("data/lists/ofac/sdn_2025-12_partial/add.csv");
    char *c = shared("data/lists/ofac/sdn_2025-12_partial/sdn_comments.csv");
    loaded l;
    assert_int_equal(load_files(&l, true, p, a, d, c), NOMEN_OK);
    assert_int_equal(l.set.n, 4);
    assert_int_equal(l.set.sources[0].records_skipped, 0);
    print_message("%s", nomen__buf_str(&l.ld.skipped));
    assert_non_null(strstr(nomen__buf_str(&l.ld.skipped),
                           "sdn.csv: note: 44379 rows of the alias/address/comment files refer "
                           "to no ent_num of this file (the first: 36)"));
    /* the fixture's records got nothing from the partial set */
    assert_int_equal(ct_find(&l.set, "103")->nnames, 1);
    unload(&l);
    free(p);
    free(a);
    free(d);
    free(c);
}

/* Our own fixture set: every field mapping. */
static void test_fixture(void **state)
{
    (void)state;
    char *p = nt_source_path("tests/load/fixtures/ofac_csv/sdn.csv");
    char *a = nt_source_path("tests/load/fixtures/ofac_csv/alt.csv");
    char *d = nt_source_path("tests/load/fixtures/ofac_csv/add.csv");
    char *c = nt_source_path("tests/load/fixtures/ofac_csv/sdn_comments.csv");
    loaded l;
    assert_int_equal(load_files(&l, true, p, a, d, c), NOMEN_OK);
    assert_int_equal(l.set.n, 4);
    /* alt.csv's row for ent_num 999 has no primary row */
    assert_non_null(strstr(nomen__buf_str(&l.ld.skipped),
                           "sdn.csv: note: 1 rows of the alias/address/comment files refer to no "
                           "ent_num of this file (the first: 999)\n"));
    const nomen__record *r = ct_find(&l.set, "100");
    assert_non_null(r);
    assert_int_equal(r->type, NOMEN__SUBJ_INDIVIDUAL);
    assert_int_equal(r->nprograms, 2);
    assert_string_equal(r->programs[0], "GLOMAG");
    assert_string_equal(r->programs[1], "CMIC-EO13959");
    assert_int_equal(r->ndobs, 2);
    assert_int_equal(r->dobs[0].day, 12);
    assert_int_equal(r->dobs[1].year, 1962);
    assert_string_equal(r->pobs[0], "Beijing, China");
    assert_string_equal(r->nationalities[0].iso2, "CN");
    assert_string_equal(r->citizenships[0].iso2, "HK");
    assert_string_equal(r->gender, "Male");
    assert_string_equal(r->telegraph, "0448 0251");
    assert_int_equal(r->nids, 1);
    assert_string_equal(r->ids[0].value, "E1234567");
    const nomen__rname *nm = ct_find_name(r, "Little Li");
    assert_non_null(nm);
    assert_int_equal(nm->quality, NOMEN__QUAL_WEAK);
    nm = ct_find_name(r, "\xe6\x9d\x8e\xe4\xbc\x9f");
    assert_non_null(nm);
    assert_int_equal(nm->kind, NOMEN__NAME_ORIGINAL);
    assert_string_equal(nm->lang, "Chinese Simplified");
    nm = ct_find_name(r, "LEE, Wai");
    assert_non_null(nm);
    assert_int_equal(nm->kind, NOMEN__NAME_AKA);
    assert_int_equal(nm->quality, NOMEN__QUAL_STRONG);
    assert_string_equal(nm->family, "LEE");
    nm = ct_find_name(r, "LI, Wei-Ming");
    assert_non_null(nm);
    assert_int_equal(nm->kind, NOMEN__NAME_FKA);
    assert_non_null(strstr(r->remarks, "Alias LI, Wei-Ming: old spelling"));
    assert_non_null(strstr(r->remarks, "Address: 1 Chang An Ave, Beijing 100000, China"));
    assert_int_equal(r->naddr_countries, 1);

    r = ct_find(&l.set, "101");
    assert_non_null(r);
    assert_int_equal(r->type, NOMEN__SUBJ_ENTITY);
    assert_string_equal(r->names[0].full, "ACME TRADING CO., LTD.");
    assert_null(r->names[0].family); /* entities keep their commas */
    assert_int_equal(ct_find_name(r, "ACME OLD")->kind, NOMEN__NAME_FKA);
    assert_int_equal(ct_find_name(r, "ACME NEW CO.")->kind, NOMEN__NAME_NKA);
    assert_int_equal(ct_find_name(r, "ACME")->quality, NOMEN__QUAL_WEAK);
    assert_int_equal(r->naddr_countries, 2);
    assert_string_equal(r->addr_countries[1].iso2, "HK");
    assert_int_equal(r->nids, 2);

    r = ct_find(&l.set, "102");
    assert_non_null(r);
    assert_int_equal(r->type, NOMEN__SUBJ_VESSEL);
    assert_non_null(strstr(r->remarks, "Vessel Owner: NATIONAL IRANIAN TANKER CO."));
    assert_non_null(strstr(r->remarks, "Cut off here: PROMO RAIZ S.A.S."));
    assert_non_null(ct_find_name(r, "SEA STAR II"));
    bool imo = false, call = false;
    for (size_t i = 0; i < r->nids; i++) {
        imo |= strcmp(r->ids[i].value, "IMO 9000001") == 0;
        call |= strcmp(r->ids[i].type, "Call Sign") == 0 && strcmp(r->ids[i].value, "9BAB7") == 0;
    }
    assert_true(imo);
    assert_true(call);
    r = ct_find(&l.set, "103");
    assert_int_equal(r->type, NOMEN__SUBJ_AIRCRAFT);
    unload(&l);
    free(p);
    free(a);
    free(d);
    free(c);
}

/* Malformed primary rows: lenient skips and reports each; strict stops at
 * the first with file:line:col. */
static void test_malformed(void **state)
{
    (void)state;
    static const char data[] =
        "1,\"GOOD ONE\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
        "2,\"SHORT\",-0- \r\n"
        "x3,\"BAD ID\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
        "4,\"BAD \"QUOTE\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
        "5,-0- ,-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
        "6,\"BAD \xc3\x28 UTF8\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
        "7,\"GOOD TWO\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'G2'.\"\r\n"
        "8,\"TRUNCATED";
    for (int strict = 0; strict < 2; strict++) {
        nomen__recset set;
        nomen__loader ld;
        nomen__recset_init(&set);
        assert_int_equal(nomen__loader_init(&ld, &set), NOMEN_OK);
        ld.strict = strict;
        nomen__src src;
        assert_int_equal(nomen__src_open_mem(&src, "sdn.csv", data, sizeof(data) - 1), NOMEN_OK);
        int st = nomen__load_ofac_csv(&ld, &src, NULL, NULL, NULL);
        nomen__src_close(&src);
        if (strict) {
            assert_int_equal(st, NOMEN_ERR_PARSE);
            assert_string_equal(nomen__err_msg(&ld.err),
                                "sdn.csv:2:1: expected 12 fields, found 3");
            assert_int_equal(set.n, 1);
        } else {
            assert_int_equal(st, NOMEN_OK);
            print_message("%s", nomen__buf_str(&ld.skipped));
            assert_string_equal(
                nomen__buf_str(&ld.skipped),
                "sdn.csv:2:1: expected 12 fields, found 3\n"
                "sdn.csv:3:1: expected a number (ent_num), found 'x3'\n"
                "sdn.csv:4:9: expected ',' or a line end after the closing quote of the field "
                "that starts at 4:3\n"
                "sdn.csv:5:3: expected a name (SDN_Name), found none\n"
                "sdn.csv:6:8: invalid UTF-8 (byte 0xC3): expected UTF-8 text\n"
                "sdn.csv:8:3: quoted field not closed: expected '\"' before the end of the file\n");
            assert_int_equal(set.n, 2);
            assert_int_equal(set.sources[0].records_read, 8);
            assert_int_equal(set.sources[0].records_loaded, 2);
            assert_int_equal(set.sources[0].records_skipped, 6);
            assert_string_equal(set.recs[1].names[1].full, "G2");
        }
        nomen__loader_free(&ld);
        nomen__recset_free(&set);
    }
}

/* Bad rows in the side files: reported with their own file and line. */
static void test_malformed_side(void **state)
{
    (void)state;
    static const char prim[] =
        "1,\"A, B\",\"individual\",\"P\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
    static const char alt[] = "1,1,\"aka\",\"C, D\",-0- \r\n"
                              "zz,2,\"aka\",\"E\",-0- \r\n"
                              "1,3,\"aka\"\r\n";
    for (int strict = 0; strict < 2; strict++) {
        nomen__recset set;
        nomen__loader ld;
        nomen__recset_init(&set);
        assert_int_equal(nomen__loader_init(&ld, &set), NOMEN_OK);
        ld.strict = strict;
        nomen__src p, a;
        assert_int_equal(nomen__src_open_mem(&p, "sdn.csv", prim, sizeof(prim) - 1), NOMEN_OK);
        assert_int_equal(nomen__src_open_mem(&a, "alt.csv", alt, sizeof(alt) - 1), NOMEN_OK);
        int st = nomen__load_ofac_csv(&ld, &p, &a, NULL, NULL);
        nomen__src_close(&p);
        nomen__src_close(&a);
        if (strict) {
            assert_int_equal(st, NOMEN_ERR_PARSE);
            assert_string_equal(nomen__err_msg(&ld.err),
                                "alt.csv:2:1: expected a number (ent_num), found 'zz'");
            assert_int_equal(set.n, 0);
        } else {
            assert_int_equal(st, NOMEN_OK);
            assert_string_equal(nomen__buf_str(&ld.skipped),
                                "alt.csv:2:1: expected a number (ent_num), found 'zz'\n"
                                "alt.csv:3:1: expected 5 fields, found 3\n");
            assert_int_equal(set.n, 1);
            assert_int_equal(set.recs[0].nnames, 2);
            assert_string_equal(set.recs[0].names[1].family, "C");
            assert_int_equal(set.sources[0].records_read, 1);
            assert_int_equal(set.sources[0].records_loaded, 1);
            assert_int_equal(set.sources[0].records_skipped, 2);
        }
        nomen__loader_free(&ld);
        nomen__recset_free(&set);
    }
}

/* A UTF-16 file is refused with NOMEN_ERR_ENCODING, in both modes. */
static void test_utf16(void **state)
{
    (void)state;
    static const char data[] = "\xff\xfe"
                               "1\0,\0\"\0A\0\"\0";
    nomen__recset set;
    nomen__loader ld;
    nomen__recset_init(&set);
    assert_int_equal(nomen__loader_init(&ld, &set), NOMEN_OK);
    nomen__src src;
    assert_int_equal(nomen__src_open_mem(&src, "sdn.csv", data, sizeof(data) - 1), NOMEN_OK);
    assert_int_equal(nomen__load_ofac_csv(&ld, &src, NULL, NULL, NULL), NOMEN_ERR_ENCODING);
    assert_non_null(strstr(nomen__err_msg(&ld.err), "sdn.csv:1:1: UTF-16 byte order mark"));
    nomen__src_close(&src);
    nomen__loader_free(&ld);
    nomen__recset_free(&set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sdn_2021),       cmocka_unit_test(test_sdn_2024),
        cmocka_unit_test(test_cons_2025),      cmocka_unit_test(test_partial_orphans),
        cmocka_unit_test(test_fixture),        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_malformed_side), cmocka_unit_test(test_utf16),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
