/*
 * test_generic.c: nomen's generic CSV and JSON Lines formats (load stage):
 * the fixtures' field mapping, malformed rows and lines in strict and lenient
 * modes, encodings and the line limit.
 */
#include "testutil.h"

#include "load/load.h"

#include <stdlib.h>
#include <string.h>

typedef int (*loader_fn)(nomen__loader *, nomen__src *, const char *);

static int load_with(loader_fn fn, const char *name, const char *data, size_t len, bool strict,
                     nomen__recset *set, nomen__loader *ld)
{
    nomen__recset_init(set);
    assert_int_equal(nomen__loader_init(ld, set), NOMEN_OK);
    ld->strict = strict;
    nomen__src src;
    assert_int_equal(nomen__src_open_mem(&src, name, data, len), NOMEN_OK);
    int st = fn(ld, &src, NULL);
    nomen__src_close(&src);
    return st;
}

static void unload(nomen__recset *set, nomen__loader *ld)
{
    nomen__loader_free(ld);
    nomen__recset_free(set);
}

static void test_csv_fixture(void **state)
{
    (void)state;
    char *path = nt_source_path("tests/load/fixtures/generic/list.csv");
    size_t len;
    char *data = nt_read_file(path, &len);
    assert_non_null(data);
    nomen__recset set;
    nomen__loader ld;
    assert_int_equal(load_with(nomen__load_generic_csv, "list.csv", data, len, true, &set, &ld),
                     NOMEN_OK);
    assert_int_equal(set.n, 4);
    assert_string_equal(set.sources[0].list, "list");
    assert_string_equal(set.sources[0].format, "generic-csv");
    assert_int_equal(set.sources[0].records_read, 4);
    const nomen__record *r = &set.recs[0];
    assert_string_equal(r->list_id, "C1");
    assert_int_equal(r->type, NOMEN__SUBJ_INDIVIDUAL);
    assert_string_equal(r->names[0].full, "CHEN, Quanguo");
    assert_int_equal(r->nnames, 3);
    assert_string_equal(r->names[1].full, "Chen Quan-kuo");
    assert_int_equal(r->names[1].kind, NOMEN__NAME_AKA);
    assert_string_equal(r->names[2].full, "\xe9\x99\x88\xe5\x85\xa8\xe5\x9b\xbd");
    assert_int_equal(r->ndobs, 2);
    assert_int_equal(r->dobs[1].circa, 1);
    assert_string_equal(r->nationalities[0].iso2, "CN");
    assert_string_equal(r->programs[0], "GLOMAG");
    assert_string_equal(r->remarks, "notes: party secretary, \"XUAR\"");
    r = &set.recs[1];
    assert_int_equal(r->type, NOMEN__SUBJ_ENTITY);
    assert_int_equal(r->naddr_countries, 2);
    assert_string_equal(r->addr_countries[1].iso2, "MO");
    assert_int_equal(r->nprograms, 2);
    assert_int_equal(set.recs[2].type, NOMEN__SUBJ_VESSEL);
    assert_int_equal(set.recs[3].type, NOMEN__SUBJ_UNKNOWN);
    assert_string_equal(set.recs[3].remarks, "type: alien");
    unload(&set, &ld);
    free(data);
    free(path);
}

static void test_jsonl_fixture(void **state)
{
    (void)state;
    char *path = nt_source_path("tests/load/fixtures/generic/list.jsonl");
    size_t len;
    char *data = nt_read_file(path, &len);
    assert_non_null(data);
    nomen__recset set;
    nomen__loader ld;
    assert_int_equal(
        load_with(nomen__load_generic_jsonl, "in/house.jsonl", data, len, true, &set, &ld),
        NOMEN_OK);
    assert_int_equal(set.n, 3);
    assert_string_equal(set.sources[0].list, "house");
    assert_int_equal(set.sources[0].records_read, 3);
    const nomen__record *r = &set.recs[0];
    assert_string_equal(r->list_id, "J1");
    assert_string_equal(r->names[0].full, "WANG, Junzheng");
    assert_int_equal(r->nnames, 3);
    assert_int_equal(r->dobs[0].year, 1963);
    assert_int_equal(r->dobs[0].month, 5);
    assert_string_equal(r->nationalities[0].iso2, "CN");
    assert_string_equal(r->remarks, "extra: {\"source\":\"press\"}");
    r = &set.recs[1];
    assert_string_equal(r->list_id, "2");
    assert_int_equal(r->type, NOMEN__SUBJ_ENTITY);
    assert_int_equal(r->nnames, 3);
    assert_string_equal(r->names[2].full, "Bingtuan");
    assert_string_equal(r->addr_countries[0].iso2, "CN");
    assert_string_equal(r->programs[0], "GLOMAG");
    assert_string_equal(r->remarks, "rank: 7");
    r = &set.recs[2]; /* aliases as objects */
    assert_int_equal(r->type, NOMEN__SUBJ_INDIVIDUAL);
    assert_int_equal(r->nnames, 4);
    assert_string_equal(r->names[1].full, "\xe9\x99\x88\xe5\x85\xa8\xe5\x9b\xbd");
    assert_int_equal(r->names[1].kind, NOMEN__NAME_ORIGINAL);
    assert_string_equal(r->names[1].lang, "zh-Hans");
    assert_int_equal(r->names[2].kind, NOMEN__NAME_AKA);
    assert_int_equal(r->names[2].quality, NOMEN__QUAL_WEAK);
    assert_string_equal(r->names[3].full, "Ch'en Ch'\xc3\xbc"
                                          "an-kuo");
    unload(&set, &ld);
    free(data);
    free(path);
}

static void test_csv_malformed(void **state)
{
    (void)state;
    nomen__recset set;
    nomen__loader ld;
    static const char noname[] = "id,alias\n1,x\n";
    assert_int_equal(
        load_with(nomen__load_generic_csv, "l.csv", noname, sizeof(noname) - 1, false, &set, &ld),
        NOMEN_ERR_PARSE);
    assert_string_equal(nomen__err_msg(&ld.err),
                        "l.csv:1:1: expected a header row with a \"name\" column");
    unload(&set, &ld);
    assert_int_equal(load_with(nomen__load_generic_csv, "l.csv", "", 0, false, &set, &ld),
                     NOMEN_ERR_PARSE);
    unload(&set, &ld);

    static const char rows[] = "\xef\xbb\xbfname,id\r\n"
                               "GOOD,1\r\n"
                               ",2\r\n"
                               "SHORT\r\n"
                               "BAD\xff,4\r\n"
                               "\"UNCLOSED,5\r\n";
    assert_int_equal(
        load_with(nomen__load_generic_csv, "l.csv", rows, sizeof(rows) - 1, false, &set, &ld),
        NOMEN_OK);
    assert_string_equal(nomen__buf_str(&ld.skipped),
                        "l.csv:3:1: expected a name, found none\n"
                        "l.csv:4:1: expected 2 fields as in the header, found 1\n"
                        "l.csv:5:4: invalid UTF-8 (byte 0xFF): expected UTF-8 text\n"
                        "l.csv:6:1: quoted field not closed: expected '\"' before the end of "
                        "the file\n");
    assert_int_equal(set.n, 1);
    assert_int_equal(set.sources[0].records_read, 5);
    assert_int_equal(set.sources[0].records_loaded, 1);
    assert_int_equal(set.sources[0].records_skipped, 4);
    unload(&set, &ld);
    assert_int_equal(
        load_with(nomen__load_generic_csv, "l.csv", rows, sizeof(rows) - 1, true, &set, &ld),
        NOMEN_ERR_PARSE);
    assert_string_equal(nomen__err_msg(&ld.err), "l.csv:3:1: expected a name, found none");
    assert_int_equal(set.n, 1);
    unload(&set, &ld);

    /* a 10 MB field: a record error with bounded memory; strict gives
     * NOMEN_ERR_LIMIT */
    size_t big = 10u << 20;
    char *data = malloc(big + 64);
    assert_non_null(data);
    memcpy(data, "name,id\nA,\"", 11);
    memset(data + 11, 'x', big);
    memcpy(data + 11 + big, "\"\nB,2\n", 6);
    for (int strict = 0; strict < 2; strict++) {
        assert_int_equal(
            load_with(nomen__load_generic_csv, "l.csv", data, big + 17, strict, &set, &ld),
            strict ? NOMEN_ERR_LIMIT : NOMEN_OK);
        if (strict)
            assert_string_equal(nomen__err_msg(&ld.err),
                                "l.csv:2:3: field longer than the limit of 1048576 bytes");
        else
            assert_string_equal(nomen__buf_str(&ld.skipped),
                                "l.csv:2:3: field longer than the limit of 1048576 bytes\n");
        assert_int_equal(set.n, strict ? 0 : 1);
        unload(&set, &ld);
    }
    free(data);

    static const char utf16[] = "\xff\xfen\0a\0m\0e\0";
    assert_int_equal(
        load_with(nomen__load_generic_csv, "l.csv", utf16, sizeof(utf16) - 1, false, &set, &ld),
        NOMEN_ERR_ENCODING);
    unload(&set, &ld);
}

static void test_jsonl_malformed(void **state)
{
    (void)state;
    nomen__recset set;
    nomen__loader ld;
    static const char lines[] = "{\"name\": \"GOOD\"}\r\n"
                                "{\"name\": \"TRUNC\n"
                                "[1, 2]\n"
                                "{\"id\": \"3\"}\n"
                                "{\"name\": 5}\n"
                                "{\"name\": \"X\", \"aliases\": [1]}\n"
                                "{\"name\": \"X\", \"aliases\": [{\"kind\": \"aka\"}]}\n"
                                "{\"name\": \"BAD\xc3\x28\"}\n"
                                "{\"name\": \"A\", \"name\": \"B\"}\n"
                                "   \n"
                                "{\"name\": \"LAST\", \"dob\": [\"1970\", \"1971\"]}";
    assert_int_equal(
        load_with(nomen__load_generic_jsonl, "l.jsonl", lines, sizeof(lines) - 1, false, &set, &ld),
        NOMEN_OK);
    print_message("%s", nomen__buf_str(&ld.skipped));
    const char *sk = nomen__buf_str(&ld.skipped);
    assert_non_null(strstr(sk, "l.jsonl:2:"));
    assert_non_null(strstr(sk, "l.jsonl:3:1: expected a JSON object, found another value\n"));
    assert_non_null(strstr(sk, "l.jsonl:4: expected a \"name\" key with a non-empty string\n"));
    assert_non_null(strstr(sk, "l.jsonl:5: key \"name\": expected a string\n"));
    assert_non_null(
        strstr(sk, "l.jsonl:6: key \"aliases\": expected a string or an array of strings or "
                   "alias objects ({\"name\", \"kind\", \"quality\", \"lang\"})\n"));
    assert_non_null(strstr(sk, "l.jsonl:7: key \"aliases\": expected"));
    assert_non_null(strstr(sk, "l.jsonl:8:14: invalid UTF-8 (byte 0xC3): expected UTF-8 text\n"));
    assert_non_null(strstr(sk, "l.jsonl:9:"));
    assert_int_equal(set.n, 2);
    assert_int_equal(set.sources[0].records_read, 10);
    assert_int_equal(set.sources[0].records_skipped, 8);
    assert_string_equal(set.recs[1].names[0].full, "LAST");
    assert_int_equal(set.recs[1].ndobs, 2);
    unload(&set, &ld);

    assert_int_equal(
        load_with(nomen__load_generic_jsonl, "l.jsonl", lines, sizeof(lines) - 1, true, &set, &ld),
        NOMEN_ERR_PARSE);
    print_message("%s\n", nomen__err_msg(&ld.err));
    assert_non_null(strstr(nomen__err_msg(&ld.err), "l.jsonl:2:"));
    unload(&set, &ld);

    /* a line over the limit: refused with bounded memory, the next is read */
    size_t big = 3u << 20;
    char *data = malloc(big + 64);
    assert_non_null(data);
    memcpy(data, "{\"name\": \"", 10);
    memset(data + 10, 'x', big);
    memcpy(data + 10 + big, "\"}\n{\"name\": \"ok\"}\n", 18);
    assert_int_equal(
        load_with(nomen__load_generic_jsonl, "l.jsonl", data, big + 28, false, &set, &ld),
        NOMEN_OK);
    assert_string_equal(nomen__buf_str(&ld.skipped),
                        "l.jsonl:1:1: line longer than the limit of 1048576 bytes\n");
    assert_int_equal(set.n, 1);
    unload(&set, &ld);
    assert_int_equal(
        load_with(nomen__load_generic_jsonl, "l.jsonl", data, big + 28, true, &set, &ld),
        NOMEN_ERR_LIMIT);
    unload(&set, &ld);
    free(data);

    static const char utf16[] = "\xff\xfe{\0}\0";
    assert_int_equal(
        load_with(nomen__load_generic_jsonl, "l.jsonl", utf16, sizeof(utf16) - 1, false, &set, &ld),
        NOMEN_ERR_ENCODING);
    unload(&set, &ld);
    static const char bom[] = "\xef\xbb\xbf{\"name\": \"B\"}\n";
    assert_int_equal(
        load_with(nomen__load_generic_jsonl, "l.jsonl", bom, sizeof(bom) - 1, true, &set, &ld),
        NOMEN_OK);
    assert_int_equal(set.n, 1);
    unload(&set, &ld);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_fixture),
        cmocka_unit_test(test_jsonl_fixture),
        cmocka_unit_test(test_csv_malformed),
        cmocka_unit_test(test_jsonl_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
