/*
 * test_xmlread.c: the streaming XML reader: events, names, text, positions,
 * limits, and hostile documents (truncation, invalid UTF-8, huge text, deep
 * nesting, entity expansion, external entities, other encodings).
 */
#include "load/xmladapt.h"
#include "load/xmlread.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

/* Writes one line per event: "S name @line:col d=depth [a=v ...]" and
 * "E name 'text'" (or "E name TOO LONG n" when the text was cut). */
typedef struct trace {
    nomen__buf out;
    size_t max_text_seen;
    int fail_at; /* return NOMEN_ERR_PARSE at this start event (1-based), 0 never */
    int nstart;
    nomen__loader *ld;
} trace;

static int tr_start(void *ud, nomen__xml *x, const char *name, const char *const *attrs)
{
    trace *t = ud;
    t->nstart++;
    if (t->fail_at == t->nstart)
        return nomen__err_set(&t->ld->err, NOMEN_ERR_PARSE, "stop at <%s>", name);
    nomen__buf_addf(&t->out, "S %s @%lu:%lu d=%d", name, nomen__xml_line(x), nomen__xml_col(x),
                    nomen__xml_depth(x));
    if (nomen__xml_depth(x) > 1)
        nomen__buf_addf(&t->out, " in=%s", nomen__xml_ancestor(x, 1));
    for (size_t i = 0; attrs[i] != NULL; i += 2)
        nomen__buf_addf(&t->out, " %s=%s", attrs[i], attrs[i + 1]);
    nomen__buf_addc(&t->out, '\n');
    return NOMEN_OK;
}

static int tr_end(void *ud, nomen__xml *x, const char *name, const char *text, size_t len)
{
    trace *t = ud;
    assert_string_equal(name, nomen__xml_ancestor(x, 0));
    assert_int_equal(strlen(text), len);
    if (len > t->max_text_seen)
        t->max_text_seen = len;
    if (nomen__xml_text_too_long(x))
        nomen__buf_addf(&t->out, "E %s TOO LONG %zu\n", name, len);
    else if (len < 200)
        nomen__buf_addf(&t->out, "E %s '%s'\n", name, text);
    else
        nomen__buf_addf(&t->out, "E %s (%zu bytes)\n", name, len);
    return NOMEN_OK;
}

/* Parse a memory document with a loader that has no record set. */
static int parse(const char *doc, size_t len, trace *t, nomen__loader *ld)
{
    nomen__src src;
    memset(t, 0, sizeof(*t));
    t->ld = ld;
    assert_int_equal(nomen__src_open_mem(&src, "t.xml", doc, len), NOMEN_OK);
    int rc = nomen__xml_parse(ld, &src, tr_start, tr_end, t);
    nomen__src_close(&src);
    return rc;
}

static void loader_setup(nomen__loader *ld)
{
    memset(ld, 0, sizeof(*ld));
    ld->max_field_bytes = NOMEN__DEFAULT_MAX_FIELD;
    ld->max_xml_depth = NOMEN__DEFAULT_MAX_DEPTH;
}

static void expect_error(const char *doc, size_t len, int status, const char *msg_part)
{
    nomen__loader ld;
    loader_setup(&ld);
    trace t;
    int rc = parse(doc, len, &t, &ld);
    if (rc != status || strstr(nomen__err_msg(&ld.err), msg_part) == NULL)
        print_message("status %d, message: %s\n", rc, nomen__err_msg(&ld.err));
    assert_int_equal(rc, status);
    assert_non_null(strstr(nomen__err_msg(&ld.err), msg_part));
    nomen__buf_free(&t.out);
    nomen__err_free(&ld.err);
}

static void test_events(void **state)
{
    (void)state;
    static const char doc[] =
        "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n"
        "<sdnList xmlns=\"urn:x\" xmlns:p=\"urn:p\">\r\n"
        "  <e p:kind=\"a\" uid=\"7\"><n>CHEN &amp; \xE9\x99\x88<![CDATA[<q>]]></n></e>\r\n"
        "<!-- c --><e/></sdnList>\r\n";
    nomen__loader ld;
    loader_setup(&ld);
    trace t;
    assert_int_equal(parse(doc, sizeof doc - 1, &t, &ld), NOMEN_OK);
    assert_string_equal(nomen__buf_str(&t.out), "S sdnList @2:1 d=1\n"
                                                "S e @3:3 d=2 in=sdnList kind=a uid=7\n"
                                                "S n @3:25 d=3 in=e\n"
                                                "E n 'CHEN & \xE9\x99\x88<q>'\n"
                                                "E e ''\n"
                                                "S e @4:11 d=2 in=sdnList\n"
                                                "E e ''\n"
                                                "E sdnList ''\n");
    nomen__buf_free(&t.out);
    nomen__err_free(&ld.err);
}

/* A document longer than several chunks, with multi-byte characters placed
 * across every chunk boundary, reads the same as the short one. */
static void test_chunk_boundaries(void **state)
{
    (void)state;
    nomen__buf doc = {0};
    nomen__buf_adds(&doc, "<r>");
    size_t count = 0;
    while (doc.len < 4 * NOMEN__SRC_CHUNK) {
        nomen__buf_adds(&doc, "<n>\xE9\x99\x88\xF0\x9F\x98\x80x</n>");
        count++;
    }
    nomen__buf_adds(&doc, "</r>");
    nomen__loader ld;
    loader_setup(&ld);
    trace t;
    assert_int_equal(parse(doc.data, doc.len, &t, &ld), NOMEN_OK);
    /* Every leaf text arrived whole. */
    size_t whole = 0;
    for (const char *p = t.out.data; (p = strstr(p, "E n '\xE9\x99\x88\xF0\x9F\x98\x80x'\n")); p++)
        whole++;
    assert_int_equal(whole, count);
    nomen__buf_free(&t.out);
    nomen__buf_free(&doc);
    nomen__err_free(&ld.err);
}

static void test_truncated(void **state)
{
    (void)state;
    static const char doc[] = "<?xml version=\"1.0\"?>\n<list>\n  <rec><name>WANG</na";
    expect_error(doc, sizeof doc - 1, NOMEN_ERR_PARSE, "t.xml:3:");
    expect_error(doc, sizeof doc - 1, NOMEN_ERR_PARSE, "truncated");
    static const char doc2[] = "<list>\n<rec><name>WANG</name>";
    expect_error(doc2, sizeof doc2 - 1, NOMEN_ERR_PARSE,
                 "truncated document: the file ends "
                 "inside <rec>");
    expect_error("", 0, NOMEN_ERR_PARSE, "t.xml:1:1: no root element");
    static const char doc3[] = "<list><a></b></list>";
    expect_error(doc3, sizeof doc3 - 1, NOMEN_ERR_PARSE, "t.xml:1:");
    expect_error(doc3, sizeof doc3 - 1, NOMEN_ERR_PARSE, "mismatched tag");
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    static const char doc[] = "<list>\n<name>ab\xC3(</name></list>";
    expect_error(doc, sizeof doc - 1, NOMEN_ERR_UTF8, "t.xml:2:9: invalid UTF-8 (byte 0xC3)");
    static const char over[] = "<list>\n<name>\xC0\xAF</name></list>";
    expect_error(over, sizeof over - 1, NOMEN_ERR_UTF8, "t.xml:2:7: invalid UTF-8");
    static const char surr[] = "<list><name>\xED\xA0\x80</name></list>";
    expect_error(surr, sizeof surr - 1, NOMEN_ERR_UTF8, "t.xml:1:13: invalid UTF-8");
    static const char attr[] = "<list a=\"\xFF\"/>";
    expect_error(attr, sizeof attr - 1, NOMEN_ERR_UTF8, "invalid UTF-8");
    static const char tail[] = "<list>ab\xE9\x99";
    expect_error(tail, sizeof tail - 1, NOMEN_ERR_UTF8, "t.xml:1:");
}

static void test_huge_text(void **state)
{
    (void)state;
    size_t big = 10u << 20; /* a 10 MB text node */
    char *doc = malloc(big + 64);
    assert_non_null(doc);
    size_t n = 0;
    memcpy(doc + n, "<r><big>", 8), n += 8;
    memset(doc + n, 'A', big), n += big;
    memcpy(doc + n, "</big><ok>yes</ok></r>", 22), n += 22;
    nomen__loader ld;
    loader_setup(&ld);
    trace t;
    assert_int_equal(parse(doc, n, &t, &ld), NOMEN_OK);
    /* The reader kept no more than the limit, flagged it, and went on. */
    assert_int_equal(t.max_text_seen, NOMEN__DEFAULT_MAX_FIELD);
    assert_non_null(strstr(nomen__buf_str(&t.out), "E big TOO LONG 1048576\n"));
    assert_non_null(strstr(nomen__buf_str(&t.out), "E ok 'yes'\n"));
    nomen__buf_free(&t.out);
    nomen__err_free(&ld.err);

    /* A smaller limit applies to text and attributes alike. */
    loader_setup(&ld);
    ld.max_field_bytes = 4;
    static const char small[] = "<r><a>12345</a><b>1234</b><c v=\"12345\"/></r>";
    assert_int_equal(parse(small, sizeof small - 1, &t, &ld), NOMEN_OK);
    assert_non_null(strstr(nomen__buf_str(&t.out), "E a TOO LONG 4\nS b"));
    assert_non_null(strstr(nomen__buf_str(&t.out), "E b '1234'\n"));
    nomen__buf_free(&t.out);
    nomen__err_free(&ld.err);
    free(doc);
}

static int attr_start(void *ud, nomen__xml *x, const char *name, const char *const *attrs)
{
    (void)name;
    if (nomen__xml_attr(attrs, "v") != NULL)
        *(int *)ud = nomen__xml_text_too_long(x) ? 2 : 1;
    return NOMEN_OK;
}

static int attr_end(void *ud, nomen__xml *x, const char *name, const char *text, size_t len)
{
    (void)ud, (void)x, (void)name, (void)text, (void)len;
    return NOMEN_OK;
}

static void test_long_attribute(void **state)
{
    (void)state;
    nomen__loader ld;
    loader_setup(&ld);
    ld.max_field_bytes = 4;
    int seen = 0;
    static const char doc[] = "<r><c v=\"12345\"/></r>";
    nomen__src src;
    nomen__src_open_mem(&src, "a.xml", doc, sizeof doc - 1);
    assert_int_equal(nomen__xml_parse(&ld, &src, attr_start, attr_end, &seen), NOMEN_OK);
    assert_int_equal(seen, 2);
    nomen__src_close(&src);
    nomen__err_free(&ld.err);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    size_t depth = 10000;
    char *doc = malloc(depth * 7 + 1);
    size_t n = 0;
    for (size_t i = 0; i < depth; i++)
        memcpy(doc + n, "<a>", 3), n += 3;
    for (size_t i = 0; i < depth; i++)
        memcpy(doc + n, "</a>", 4), n += 4;
    expect_error(doc, n, NOMEN_ERR_LIMIT, "t.xml:1:193: elements nested deeper than 64 levels");
    /* Exactly at the limit is fine. */
    nomen__loader ld;
    loader_setup(&ld);
    trace t;
    n = 0;
    for (size_t i = 0; i < 64; i++)
        memcpy(doc + n, "<a>", 3), n += 3;
    for (size_t i = 0; i < 64; i++)
        memcpy(doc + n, "</a>", 4), n += 4;
    assert_int_equal(parse(doc, n, &t, &ld), NOMEN_OK);
    nomen__buf_free(&t.out);
    nomen__err_free(&ld.err);
    free(doc);
}

static void test_entity_attacks(void **state)
{
    (void)state;
    static const char laughs[] = "<?xml version=\"1.0\"?>\n"
                                 "<!DOCTYPE lolz [\n"
                                 " <!ENTITY lol \"lol\">\n"
                                 " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
                                 " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
                                 " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
                                 "]>\n<lolz>&lol3;</lolz>\n";
    expect_error(laughs, sizeof laughs - 1, NOMEN_ERR_PARSE, "t.xml:2:");
    expect_error(laughs, sizeof laughs - 1, NOMEN_ERR_PARSE, "refused");
    static const char ext[] = "<?xml version=\"1.0\"?>\n"
                              "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                              "<r>&x;</r>";
    expect_error(ext, sizeof ext - 1, NOMEN_ERR_PARSE, "t.xml:2:");
    static const char dtd[] = "<!DOCTYPE r SYSTEM \"http://example.invalid/r.dtd\"><r>&x;</r>";
    expect_error(dtd, sizeof dtd - 1, NOMEN_ERR_PARSE, "t.xml:1:");
    static const char undeclared[] = "<r>\n&x;</r>";
    expect_error(undeclared, sizeof undeclared - 1, NOMEN_ERR_PARSE, "t.xml:2:");
    expect_error(undeclared, sizeof undeclared - 1, NOMEN_ERR_PARSE, "undefined entity");
}

static void test_encodings(void **state)
{
    (void)state;
    static const char u16le[] = "\xFF\xFE<\0r\0/\0>\0";
    expect_error(u16le, sizeof u16le - 1, NOMEN_ERR_ENCODING,
                 "t.xml:1:1: the document is in "
                 "UTF-16");
    static const char u16be[] = "\xFE\xFF\0<\0r\0/\0>";
    expect_error(u16be, sizeof u16be - 1, NOMEN_ERR_ENCODING, "UTF-16");
    static const char u16nobom[] = "<\0r\0/\0>\0";
    expect_error(u16nobom, sizeof u16nobom - 1, NOMEN_ERR_ENCODING, "UTF-16");
    static const char latin1[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>\xE9</r>";
    expect_error(latin1, sizeof latin1 - 1, NOMEN_ERR_ENCODING,
                 "t.xml:1:1: encoding \"ISO-8859-1\" is not supported");
}

static void test_callback_error_stops(void **state)
{
    (void)state;
    static const char doc[] = "<r><a/><b/><c/></r>";
    nomen__loader ld;
    loader_setup(&ld);
    trace t;
    nomen__src src;
    memset(&t, 0, sizeof t);
    t.ld = &ld;
    t.fail_at = 3;
    nomen__src_open_mem(&src, "t.xml", doc, sizeof doc - 1);
    assert_int_equal(nomen__xml_parse(&ld, &src, tr_start, tr_end, &t), NOMEN_ERR_PARSE);
    assert_string_equal(nomen__err_msg(&ld.err), "stop at <b>");
    /* Nothing ran after the failure. */
    assert_int_equal(t.nstart, 3);
    assert_null(strstr(nomen__buf_str(&t.out), "S c"));
    nomen__src_close(&src);
    nomen__buf_free(&t.out);
    nomen__err_free(&ld.err);
}

/* The hostile documents through every adapter: each fails with its status
 * and a "file:line:col:" message, the same as through the bare reader. */
static void test_hostile_through_adapters(void **state)
{
    (void)state;
    static int (*const adapters[])(nomen__loader *, nomen__src *) = {
        nomen__load_ofac_xml, nomen__load_ofac_enhanced, nomen__load_eu_xml, nomen__load_ca_xml,
        nomen__load_un_xml};
    static const char *const roots[] = {"sdnList", "sanctionsData", "export", "data-set",
                                        "CONSOLIDATED_LIST"};
    for (size_t i = 0; i < NOMEN__ARRAY_LEN(adapters); i++) {
        const struct {
            const char *doc;
            int status;
            const char *msg;
        } cases[] = {
            {"<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><r>&b;</r>",
             NOMEN_ERR_PARSE, "t.xml:1:"},
            {"<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>", NOMEN_ERR_PARSE,
             "document type declaration"},
            {"\xFF\xFE<\0r\0/\0>\0", NOMEN_ERR_ENCODING, "t.xml:1:1: the document is in UTF-16"},
            {NULL, NOMEN_ERR_UTF8, "t.xml:2:"},   /* invalid UTF-8 inside the root */
            {NULL, NOMEN_ERR_PARSE, "truncated"}, /* truncated inside the root */
            {NULL, NOMEN_ERR_LIMIT, "nested deeper"},
        };
        for (size_t k = 0; k < NOMEN__ARRAY_LEN(cases); k++) {
            nomen__buf doc = {0};
            if (cases[k].doc != NULL)
                nomen__buf_add(&doc, cases[k].doc, k == 2 ? 10 : strlen(cases[k].doc));
            else if (k == 3)
                nomen__buf_addf(&doc, "<%s>\n<a>\xC3(</a></%s>", roots[i], roots[i]);
            else if (k == 4)
                nomen__buf_addf(&doc, "<%s>\n<a>x</a>", roots[i]);
            else {
                nomen__buf_addf(&doc, "<%s>", roots[i]);
                for (int d = 0; d < 10000; d++)
                    nomen__buf_adds(&doc, "<a>");
            }
            nomen__recset set;
            nomen__recset_init(&set);
            nomen__loader ld;
            assert_int_equal(nomen__loader_init(&ld, &set), NOMEN_OK);
            nomen__src src;
            nomen__src_open_mem(&src, "t.xml", doc.data, doc.len);
            int rc = adapters[i](&ld, &src);
            if (rc != cases[k].status || strstr(nomen__err_msg(&ld.err), cases[k].msg) == NULL)
                print_message("adapter %zu case %zu: %d %s\n", i, k, rc, nomen__err_msg(&ld.err));
            assert_int_equal(rc, cases[k].status);
            assert_non_null(strstr(nomen__err_msg(&ld.err), cases[k].msg));
            nomen__src_close(&src);
            nomen__loader_free(&ld);
            nomen__recset_free(&set);
            nomen__buf_free(&doc);
        }
    }
}

/* Format detection from a file's first 4 KiB (snapshots and fixtures). */
static void test_detect(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        bool shared;
        int format;
    } files[] = {
        {"data/lists/ofac/cons_2025-03_xml/consolidated.xml", true, NOMEN__FMT_OFAC_XML},
        {"data/lists/ofac/cons_2025-01_enhanced/CONS_ENHANCED.XML", true, NOMEN__FMT_OFAC_ENHANCED},
        {"data/lists/un/2026-02-27/consolidated.xml", true, NOMEN__FMT_UN_XML},
        {"data/lists/ca/2025-05/sema-lese.xml", true, NOMEN__FMT_CA_XML},
        {"data/lists/ofac/sdn_2021-07/sdn.csv", true, NOMEN__FMT_AUTO},
        {"tests/load/fixtures/eu/eu_fsf_small.xml", false, NOMEN__FMT_EU_XML},
        {"tests/load/fixtures/ofac_xml/sdn_small.xml", false, NOMEN__FMT_OFAC_XML},
    };
    for (size_t i = 0; i < NOMEN__ARRAY_LEN(files); i++) {
        char *path =
            files[i].shared ? nt_shared_path(files[i].path) : nt_source_path(files[i].path);
        NT_REQUIRE_FILE(path, files[i].path);
        size_t n = 0;
        char *d = nt_read_file(path, &n);
        assert_non_null(d);
        assert_int_equal(nomen__xml_detect(d, NOMEN__MIN(n, (size_t)4096)), files[i].format);
        free(d);
        free(path);
    }
    static const struct {
        const char *head;
        int format;
    } heads[] = {
        {"<export generationDate=\"2026-01-01\">", NOMEN__FMT_EU_XML},
        {"<export xmlns=\"urn:other\">", NOMEN__FMT_AUTO},
        {"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c -->\n<sdnList", NOMEN__FMT_AUTO},
        {"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c -->\n<sdnList>", NOMEN__FMT_OFAC_XML},
        {"<!DOCTYPE sdnList><sdnList>", NOMEN__FMT_AUTO},
        {"<other><sdnList/></other>", NOMEN__FMT_AUTO},
        {"ent_num,SDN_Name", NOMEN__FMT_AUTO},
        {"", NOMEN__FMT_AUTO},
    };
    for (size_t i = 0; i < NOMEN__ARRAY_LEN(heads); i++)
        assert_int_equal(nomen__xml_detect(heads[i].head, strlen(heads[i].head)), heads[i].format);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_events),
        cmocka_unit_test(test_chunk_boundaries),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_huge_text),
        cmocka_unit_test(test_long_attribute),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_entity_attacks),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_callback_error_stops),
        cmocka_unit_test(test_hostile_through_adapters),
        cmocka_unit_test(test_detect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
