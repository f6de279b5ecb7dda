/*
 * test_detect.c: format names, detection by content, and the path / memory
 * dispatchers (load stage), including OFAC CSV folders and encoding errors.
 */
#include "testutil.h"

#include "load/load.h"

#include <stdlib.h>
#include <string.h>

static void test_names(void **state)
{
    (void)state;
    for (int f = 0; f <= NOMEN__FMT_GENERIC_JSONL; f++) {
        const char *n = nomen__format_name(f);
        assert_non_null(n);
        assert_int_equal(nomen__format_from_name(n), f);
    }
    assert_string_equal(nomen__format_name(NOMEN__FMT_UK_CSV), "uk-csv");
    assert_string_equal(nomen__format_name(NOMEN__FMT_OFAC_ENHANCED), "ofac-enhanced");
    assert_null(nomen__format_name(10));
    assert_null(nomen__format_name(-1));
    assert_int_equal(nomen__format_from_name("nope"), -1);
    assert_int_equal(nomen__format_from_name(NULL), -1);
}

static void test_detect_content(void **state)
{
    (void)state;
    static const struct {
        const char *head;
        const char *name;
        int want;
    } cases[] = {
        {"36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"", "x", NOMEN__FMT_OFAC_CSV},
        {"Last Updated,14/04/2025\r\nName 6,Name 1", "x", NOMEN__FMT_UK_CSV},
        {"\xef\xbb\xbfLast Updated,14/04/2025", "x", NOMEN__FMT_UK_CSV},
        {"<?xml version=\"1.0\" standalone=\"yes\"?>\n<sdnList xmlns=\"x\">", "x",
         NOMEN__FMT_OFAC_XML},
        {"<?xml version=\"1.0\"?><!-- a > comment --><sanctionsData xmlns=\"e\">", "x",
         NOMEN__FMT_OFAC_ENHANCED},
        {"<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\" generationDate=\"x\">", "x",
         NOMEN__FMT_EU_XML},
        {"<export generationDate=\"x\">", "x", NOMEN__FMT_AUTO},
        {"<?xml version=\"1.0\"?>\n<data-set xmlns:xsi=\"x\">", "x", NOMEN__FMT_CA_XML},
        {"<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST dateGenerated=\"x\">", "x",
         NOMEN__FMT_UN_XML},
        {"<un:CONSOLIDATED_LIST xmlns:un=\"u\">", "x", NOMEN__FMT_UN_XML},
        {"<html>", "x", NOMEN__FMT_AUTO},
        {"  \n{\"name\": \"X\"}\n", "x", NOMEN__FMT_GENERIC_JSONL},
        {"id,Name,aliases\n1,X,\n", "x", NOMEN__FMT_GENERIC_CSV},
        {"\"id\",\"name\"\n", "x", NOMEN__FMT_GENERIC_CSV},
        {"id,fullname\n", "x", NOMEN__FMT_AUTO},
        {"id,fullname\n", "dir/list.jsonl", NOMEN__FMT_GENERIC_JSONL},
        {"", "a/b/sdn.csv", NOMEN__FMT_OFAC_CSV},
        {"", "ConList.csv", NOMEN__FMT_UK_CSV},
        {"", NULL, NOMEN__FMT_AUTO},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int got = nomen__detect_format(cases[i].head, strlen(cases[i].head), cases[i].name);
        if (got != cases[i].want)
            print_message("case %zu: %s -> %d\n", i, cases[i].head, got);
        assert_int_equal(got, cases[i].want);
    }
    assert_int_equal(nomen__detect_format(NULL, 0, NULL), NOMEN__FMT_AUTO);
}

/* Every snapshot in ../shared is detected from its content alone. */
static void test_detect_snapshots(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        int want;
    } files[] = {
        {"data/lists/ofac/sdn_2021-07/sdn.csv", NOMEN__FMT_OFAC_CSV},
        {"data/lists/ofac/sdn_2024-05/sdn.csv", NOMEN__FMT_OFAC_CSV},
        {"data/lists/ofac/cons_2025-12/cons_prim.csv", NOMEN__FMT_OFAC_CSV},
        {"data/lists/ofac/cons_2025-03_xml/consolidated.xml", NOMEN__FMT_OFAC_XML},
        {"data/lists/ofac/cons_2025-01_enhanced/CONS_ENHANCED.XML", NOMEN__FMT_OFAC_ENHANCED},
        {"data/lists/uk/2025-04-14/ConList.derived_from_xlsx.csv", NOMEN__FMT_UK_CSV},
        {"data/lists/un/2026-02-27/consolidated.xml", NOMEN__FMT_UN_XML},
        {"data/lists/ca/2025-05/sema-lese.xml", NOMEN__FMT_CA_XML},
    };
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char *p = nt_shared_path(files[i].path);
        NT_REQUIRE_FILE(p, files[i].path);
        size_t len;
        char *data = nt_read_file(p, &len);
        assert_non_null(data);
        /* no name hint: content only */
        assert_int_equal(nomen__detect_format(data, NOMEN__MIN(len, 4096), "x"), files[i].want);
        free(data);
        free(p);
    }
}

static void test_load_path(void **state)
{
    (void)state;
    nomen__recset set;
    nomen__loader ld;

    /* an OFAC CSV folder, and the same set given as its primary file */
    char *dir = nt_source_path("tests/load/fixtures/ofac_csv");
    char *prim = nt_source_path("tests/load/fixtures/ofac_csv/sdn.csv");
    for (int k = 0; k < 2; k++) {
        nomen__recset_init(&set);
        assert_int_equal(nomen__loader_init(&ld, &set), NOMEN_OK);
        int st = nomen__load_path(&ld, k == 0 ? dir : prim, NOMEN__FMT_AUTO, NULL);
        if (st != NOMEN_OK)
            print_message("%s\n", nomen__err_msg(&ld.err));
        assert_int_equal(st, NOMEN_OK);
        assert_int_equal(set.n, 4);
        assert_string_equal(set.sources[0].format, "ofac-csv");
        /* the side files were found: an alt.csv alias and the comment text */
        bool lee = false;
        for (size_t i = 0; i < set.recs[0].nnames; i++)
            lee |= strcmp(set.recs[0].names[i].full, "LEE, Wai") == 0;
        assert_true(lee);
        assert_non_null(strstr(set.recs[2].remarks, "PROMO RAIZ S.A.S."));
        assert_true(set.sources[0].checksum != 0);
        nomen__loader_free(&ld);
        nomen__recset_free(&set);
    }
    /* a folder read as anything else is refused */
    nomen__recset_init(&set);
    assert_int_equal(nomen__loader_init(&ld, &set), NOMEN_OK);
    assert_int_equal(nomen__load_path(&ld, dir, NOMEN__FMT_UK_CSV, NULL), NOMEN_ERR_FORMAT);
    assert_int_equal(nomen__load_path(&ld, "/nonexistent/x.csv", NOMEN__FMT_AUTO, NULL),
                     NOMEN_ERR_IO);
    assert_non_null(strstr(nomen__err_msg(&ld.err), "/nonexistent/x.csv: "));
    char *fx = nt_source_path("tests/load/fixtures");
    assert_int_equal(nomen__load_path(&ld, fx, NOMEN__FMT_AUTO, NULL), NOMEN_ERR_NOT_FOUND);
    assert_int_equal(nomen__load_path(&ld, prim, 99, NULL), NOMEN_ERR_FORMAT);
    nomen__loader_free(&ld);
    nomen__recset_free(&set);
    free(fx);

    /* UK and generic files by detection */
    static const char *const files[][2] = {
        {"tests/load/fixtures/uk/ConList.csv", "uk-csv"},
        {"tests/load/fixtures/generic/list.csv", "generic-csv"},
        {"tests/load/fixtures/generic/list.jsonl", "generic-jsonl"},
    };
    for (size_t i = 0; i < 3; i++) {
        char *p = nt_source_path(files[i][0]);
        nomen__recset_init(&set);
        assert_int_equal(nomen__loader_init(&ld, &set), NOMEN_OK);
        assert_int_equal(nomen__load_path(&ld, p, NOMEN__FMT_AUTO, i == 1 ? "in-house" : NULL),
                         NOMEN_OK);
        assert_string_equal(set.sources[0].format, files[i][1]);
        if (i == 1)
            assert_string_equal(set.sources[0].list, "in-house");
        if (i == 2)
            assert_string_equal(set.sources[0].list, "list");
        nomen__loader_free(&ld);
        nomen__recset_free(&set);
        free(p);
    }
    free(dir);
    free(prim);
}

static void test_load_mem(void **state)
{
    (void)state;
    nomen__recset set;
    nomen__loader ld;
    nomen__recset_init(&set);
    assert_int_equal(nomen__loader_init(&ld, &set), NOMEN_OK);
    static const char jsonl[] = "{\"name\": \"A\"}\n{\"name\": \"B\"}\n";
    assert_int_equal(nomen__load_mem(&ld, "m", jsonl, sizeof(jsonl) - 1, NOMEN__FMT_AUTO, "mine"),
                     NOMEN_OK);
    assert_int_equal(set.n, 2);
    assert_string_equal(set.sources[0].list, "mine");
    static const char utf16[] = "\xff\xfe{\0\"\0";
    assert_int_equal(
        nomen__load_mem(&ld, "u16", utf16, sizeof(utf16) - 1, NOMEN__FMT_GENERIC_CSV, NULL),
        NOMEN_ERR_ENCODING);
    assert_string_equal(nomen__err_msg(&ld.err),
                        "u16:1:1: UTF-16 byte order mark: expected UTF-8 "
                        "(convert the file, e.g. iconv -f UTF-16 -t UTF-8)");
    static const char nul[] = "a\0b\0";
    assert_int_equal(nomen__load_mem(&ld, "n", nul, sizeof(nul) - 1, NOMEN__FMT_AUTO, NULL),
                     NOMEN_ERR_ENCODING);
    static const char what[] = "hello world\n";
    assert_int_equal(nomen__load_mem(&ld, "w", what, sizeof(what) - 1, NOMEN__FMT_AUTO, NULL),
                     NOMEN_ERR_FORMAT);
    assert_non_null(strstr(nomen__err_msg(&ld.err), "w: unknown list format"));
    assert_int_equal(nomen__load_mem(&ld, "e", NULL, 0, NOMEN__FMT_AUTO, NULL), NOMEN_ERR_FORMAT);
    static const char ofac[] = "1,\"X\",-0- ,\"P\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
    assert_int_equal(nomen__load_mem(&ld, "sdn.csv", ofac, sizeof(ofac) - 1, NOMEN__FMT_AUTO, NULL),
                     NOMEN_OK);
    assert_int_equal(set.n, 3);
    assert_string_equal(set.sources[set.nsources - 1].list, "us-ofac-sdn");
    assert_int_equal(
        nomen__load_mem(&ld, "sdn.csv", ofac, sizeof(ofac) - 1, NOMEN__FMT_OFAC_CSV, "my-ofac"),
        NOMEN_OK);
    assert_string_equal(set.sources[set.nsources - 1].list, "my-ofac");
    nomen__loader_free(&ld);
    nomen__recset_free(&set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_detect_content),
        cmocka_unit_test(test_detect_snapshots),
        cmocka_unit_test(test_load_path),
        cmocka_unit_test(test_load_mem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
