/*
 * test_csvread.c: the streaming CSV reader (load stage): quoting, line ends,
 * BOM, OFAC's 0x1A, positions, UTF-8 and encoding errors, the field limit, and
 * reading on after a row error.
 */
#include "testutil.h"

#include "load/csvread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read every row of data; the rows are rendered as "f1|f2|...\n" into out,
 * row errors as "!status line:col\n". Returns the final status. */
static int read_all(const char *data, size_t len, size_t max_field, nomen__buf *out,
                    nomen__err *err)
{
    nomen__src src;
    assert_int_equal(nomen__src_open_mem(&src, "t.csv", data, len), NOMEN_OK);
    nomen__csv c;
    assert_int_equal(nomen__csv_open(&c, &src, max_field, err), NOMEN_OK);
    int st;
    for (;;) {
        bool row;
        st = nomen__csv_next(&c, &row, err);
        if (st != NOMEN_OK && !row)
            break;
        if (st != NOMEN_OK) {
            nomen__buf_addf(out, "!%d %lu:%lu\n", st, c.err_line, c.err_col);
            continue;
        }
        if (!row)
            break;
        for (size_t i = 0; i < c.nf; i++) {
            size_t n;
            const char *f = nomen__csv_field(&c, i, &n);
            if (i > 0)
                nomen__buf_addc(out, '|');
            nomen__buf_add(out, f, n);
        }
        nomen__buf_addc(out, '\n');
    }
    nomen__csv_close(&c);
    nomen__src_close(&src);
    return st;
}

static void expect_rows(const char *data, size_t len, const char *want)
{
    nomen__buf out = {0};
    nomen__err err = {0};
    int st = read_all(data, len, 0, &out, &err);
    if (st != NOMEN_OK)
        print_message("error: %s\n", nomen__err_msg(&err));
    assert_int_equal(st, NOMEN_OK);
    assert_string_equal(nomen__buf_str(&out), want);
    nomen__buf_free(&out);
    nomen__err_free(&err);
}

#define ROWS(lit, want) expect_rows(lit, sizeof(lit) - 1, want)

static void test_basic(void **state)
{
    (void)state;
    ROWS("a,b,c\n1,2,3\n", "a|b|c\n1|2|3\n");
    ROWS("a,b,c\r\n1,2,3\r\n", "a|b|c\n1|2|3\n");
    ROWS("a,b\r1,2\r", "a|b\n1|2\n"); /* lone CR, as the OFAC spec says */
    ROWS("a,b\n1,2", "a|b\n1|2\n");   /* no final line end */
    ROWS("\xef\xbb\xbf"
         "a,b\n",
         "a|b\n"); /* UTF-8 BOM */
    ROWS("a,,\n,x,\n", "a||\n|x|\n");
    ROWS("\n\r\n\na\n\n", "a\n"); /* blank lines */
    ROWS("", "");
    ROWS("\"q,1\",\"say \"\"hi\"\"\",\"multi\r\nline\"\n", "q,1|say \"hi\"|multi\r\nline\n");
    ROWS("\"\",\"\"\"\"\n", "|\"\n");
    ROWS("1,\"x\"\r\n\x1a", "1|x\n"); /* OFAC's trailing 0x1A */
    ROWS("1,x\r\n\x1a\r\n", "1|x\n");
    ROWS("-0- ,\"\xe9\x99\x88\xe6\x98\x8e\"\n", "-0- |\xe9\x99\x88\xe6\x98\x8e\n");
}

static void test_positions(void **state)
{
    (void)state;
    static const char data[] = "a,\"b\nc\",d\r\n\xef\xbc\xa1,eee,\"\"\n";
    nomen__src src;
    nomen__err err = {0};
    assert_int_equal(nomen__src_open_mem(&src, "p.csv", data, sizeof(data) - 1), NOMEN_OK);
    nomen__csv c;
    assert_int_equal(nomen__csv_open(&c, &src, 0, &err), NOMEN_OK);
    bool row;
    assert_int_equal(nomen__csv_next(&c, &row, &err), NOMEN_OK);
    assert_true(row);
    assert_int_equal(c.nf, 3);
    assert_int_equal(c.row_line, 1);
    assert_int_equal(c.f[0].line, 1);
    assert_int_equal(c.f[0].col, 1);
    assert_int_equal(c.f[1].line, 1);
    assert_int_equal(c.f[1].col, 3);
    assert_int_equal(c.f[2].line, 2);
    assert_int_equal(c.f[2].col, 4);
    assert_int_equal(nomen__csv_next(&c, &row, &err), NOMEN_OK);
    assert_true(row);
    assert_int_equal(c.row_line, 3);
    assert_int_equal(c.f[1].col, 5); /* columns count bytes: U+FF21 is 3 */
    assert_int_equal(c.f[2].col, 9);
    assert_int_equal(nomen__csv_next(&c, &row, &err), NOMEN_OK);
    assert_false(row);
    assert_string_equal(nomen__csv_field(&c, 7, NULL), "");
    nomen__csv_close(&c);
    nomen__src_close(&src);
    nomen__err_free(&err);
}

/* A malformed input, lenient reading: the rows rendered with errors, and the
 * message of the last error. */
static void expect_errors(const char *data, size_t len, size_t max_field, const char *want,
                          const char *want_msg)
{
    nomen__buf out = {0};
    nomen__err err = {0};
    int st = read_all(data, len, max_field, &out, &err);
    print_message("%s-> %s\n", nomen__buf_str(&out), nomen__err_msg(&err));
    assert_int_equal(st, NOMEN_OK);
    assert_string_equal(nomen__buf_str(&out), want);
    assert_string_equal(nomen__err_msg(&err), want_msg);
    nomen__buf_free(&out);
    nomen__err_free(&err);
}

static void test_row_errors(void **state)
{
    (void)state;
    /* text after a closing quote; the next row is still read */
    static const char a[] = "1,\"ab\"x,3\n4,5\n";
    expect_errors(a, sizeof(a) - 1, 0, "!5 1:7\n4|5\n",
                  "t.csv:1:7: expected ',' or a line end after the closing quote of the field "
                  "that starts at 1:3");
    /* a bare quote inside an unquoted field */
    static const char b[] = "x\ny,a\"b\nz\n";
    expect_errors(b, sizeof(b) - 1, 0, "x\n!5 2:4\nz\n",
                  "t.csv:2:4: unexpected '\"' inside an unquoted field: expected the whole field "
                  "in quotes, with inner quotes doubled");
    /* truncated: a quote never closed */
    static const char c[] = "1,2\n3,\"abc\ndef";
    expect_errors(c, sizeof(c) - 1, 0, "1|2\n!5 2:3\n",
                  "t.csv:2:3: quoted field not closed: expected '\"' before the end of the file");
    /* invalid UTF-8 (a lone continuation byte, an overlong, a surrogate) */
    static const char d[] = "ok,\"a\"\"b\x80\"\nzz\xc0\xaf\n\xed\xa0\x80\nfine\n";
    expect_errors(d, sizeof(d) - 1, 0, "!3 1:9\n!3 2:3\n!3 3:1\nfine\n",
                  "t.csv:3:1: invalid UTF-8 (byte 0xED): expected UTF-8 text");
    /* UTF-8 error after a line break inside a quoted field */
    static const char e[] = "\"line1\nab\xff\"\n";
    expect_errors(e, sizeof(e) - 1, 0, "!3 2:3\n",
                  "t.csv:2:3: invalid UTF-8 (byte 0xFF): expected UTF-8 text");
    /* field over the limit: the row is refused, the next row is read */
    static const char f[] = "short,0123456789ABC\nnext,1\n";
    expect_errors(f, sizeof(f) - 1, 10, "!8 1:7\nnext|1\n",
                  "t.csv:1:7: field longer than the limit of 10 bytes");
}

static void test_file_errors(void **state)
{
    (void)state;
    static const struct {
        const char *data;
        size_t len;
        int status;
        const char *msg;
    } cases[] = {
        {"\xff\xfe"
         "a\0,\0b\0",
         8, NOMEN_ERR_ENCODING,
         "t.csv:1:1: UTF-16 byte order mark: expected UTF-8 (convert the file, e.g. iconv -f "
         "UTF-16 -t UTF-8)"},
        {"\xfe\xff\0a\0,", 6, NOMEN_ERR_ENCODING,
         "t.csv:1:1: UTF-16 byte order mark: expected UTF-8 (convert the file, e.g. iconv -f "
         "UTF-16 -t UTF-8)"},
        {"a\0,\0b\0", 6, NOMEN_ERR_ENCODING,
         "t.csv:1:2: NUL byte: expected UTF-8 text (is the file UTF-16 or binary? convert it to "
         "UTF-8)"},
        {"1,2\r\n\x1a"
         "3,4\r\n",
         10, NOMEN_ERR_PARSE,
         "t.csv:2:1: end-of-file mark (0x1A) before the end of the file: expected nothing after "
         "it"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        nomen__buf out = {0};
        nomen__err err = {0};
        int st = read_all(cases[i].data, cases[i].len, 0, &out, &err);
        print_message("%s\n", nomen__err_msg(&err));
        assert_int_equal(st, cases[i].status);
        assert_string_equal(nomen__err_msg(&err), cases[i].msg);
        nomen__buf_free(&out);
        nomen__err_free(&err);
    }
}

/* A 10 MB field: refused at the default 1 MiB limit with bounded memory,
 * accepted whole with a larger limit; fields across read-buffer edges. */
static void test_big_field(void **state)
{
    (void)state;
    size_t n = 10u << 20;
    char *data = malloc(n + 16);
    assert_non_null(data);
    memcpy(data, "id,\"", 4);
    memset(data + 4, 'x', n);
    memcpy(data + 4 + n, "\"\nz,1\n", 6);
    size_t len = n + 10;
    nomen__buf out = {0};
    nomen__err err = {0};
    assert_int_equal(read_all(data, len, 0, &out, &err), NOMEN_OK);
    assert_string_equal(nomen__buf_str(&out), "!8 1:4\nz|1\n");
    assert_string_equal(nomen__err_msg(&err),
                        "t.csv:1:4: field longer than the limit of 1048576 bytes");
    nomen__buf_clear(&out);
    assert_int_equal(read_all(data, len, n, &out, &err), NOMEN_OK);
    assert_int_equal(out.len, 3 + n + 1 + 4);
    nomen__buf_free(&out);
    nomen__err_free(&err);
    free(data);
}

/* Every official CSV snapshot reads without error, with the row counts that
 * the files' line ends give (Python's csv module agrees). */
static void test_snapshots(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        size_t rows, fields;
    } files[] = {
        {"data/lists/ofac/sdn_2021-07/sdn.csv", 8976, 12},
        {"data/lists/ofac/sdn_2021-07/alt.csv", 11910, 5},
        {"data/lists/ofac/sdn_2021-07/add.csv", 13837, 6},
        {"data/lists/ofac/sdn_2021-07/sdn_comments.csv", 5, 2},
        {"data/lists/ofac/sdn_2024-05/sdn.csv", 14965, 12},
        {"data/lists/ofac/sdn_2025-12_partial/alt.csv", 20107, 5},
        {"data/lists/ofac/sdn_2025-12_partial/add.csv", 24244, 6},
        {"data/lists/ofac/sdn_2025-12_partial/sdn_comments.csv", 28, 2},
        {"data/lists/ofac/cons_2025-12/cons_prim.csv", 442, 12},
        {"data/lists/ofac/cons_2025-12/cons_alt.csv", 1073, 5},
        {"data/lists/ofac/cons_2025-12/cons_add.csv", 574, 6},
        {"data/lists/ofac/cons_2025-12/cons_comments.csv", 10, 2},
        {"data/lists/uk/2025-04-14/ConList.derived_from_xlsx.csv", 18800, 0},
    };
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char *path = nt_shared_path(files[i].path);
        NT_REQUIRE_FILE(path, files[i].path);
        nomen__src src;
        nomen__err err = {0};
        assert_int_equal(nomen__src_open_file(&src, path, &err), NOMEN_OK);
        nomen__csv c;
        assert_int_equal(nomen__csv_open(&c, &src, 0, &err), NOMEN_OK);
        size_t rows = 0, bad_width = 0;
        for (;;) {
            bool row;
            int st = nomen__csv_next(&c, &row, &err);
            if (st != NOMEN_OK)
                print_message("%s\n", nomen__err_msg(&err));
            assert_int_equal(st, NOMEN_OK);
            if (!row)
                break;
            rows++;
            if (files[i].fields && c.nf != files[i].fields)
                bad_width++;
        }
        print_message("%s: %zu rows\n", files[i].path, rows);
        assert_int_equal(rows, files[i].rows);
        assert_int_equal(bad_width, 0);
        nomen__csv_close(&c);
        nomen__src_close(&src);
        nomen__err_free(&err);
        free(path);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),      cmocka_unit_test(test_positions),
        cmocka_unit_test(test_row_errors), cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_big_field),  cmocka_unit_test(test_snapshots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
