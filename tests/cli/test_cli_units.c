/*
 * test_cli_units.c: the nomen command's own pieces, without the library:
 * option parsing, the batch reader (CSV and JSON Lines, and the line:column
 * of every kind of bad input), the output writers (read back with jansson or
 * a CSV reading) and the text helpers.
 */
#define _POSIX_C_SOURCE 200809L

#include "cli.h"

#include <nomen.h>

#include <jansson.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* The command's structs hold mutable strings (it owns them); tests lend
 * literals. */
static char *mut(const char *s)
{
    return (char *)(uintptr_t)s;
}

/* ---- options -------------------------------------------------------------- */

static int parse(int command, char *err, size_t errlen, cli_opts *o, ...)
{
    char *argv[32];
    int argc = 0;
    va_list ap;
    va_start(ap, o);
    for (char *a; argc < 31 && (a = va_arg(ap, char *)) != NULL;)
        argv[argc++] = a;
    va_end(ap);
    argv[argc] = NULL;
    err[0] = '\0';
    return cli_parse(command, argc, argv, o, err, errlen);
}

static void expect_error(int command, const char *needle, ...)
{
    char *argv[32];
    int argc = 0;
    va_list ap;
    va_start(ap, needle);
    for (char *a; argc < 31 && (a = va_arg(ap, char *)) != NULL;)
        argv[argc++] = a;
    va_end(ap);
    cli_opts o;
    char err[512] = "";
    int rc = cli_parse(command, argc, argv, &o, err, sizeof err);
    cli_opts_free(&o);
    if (rc != -1 || strstr(err, needle) == NULL)
        fail_msg("expected an error containing '%s', got rc %d: '%s'", needle, rc, err);
}

static void test_args_ok(void **state)
{
    (void)state;
    cli_opts o;
    char err[512];
    assert_int_equal(parse(CLI_CMD_SCREEN, err, sizeof err, &o, "Chen Guanguo", "--threshold=0.9",
                           "-k", "5", "--format-of-list", "ofac-csv", "--list", "a", "--list=b",
                           "--format-of-list", "auto", "-l", "c", "--dob", "1955", "--country",
                           "CN", "--type", "individual", "--explain", "-f", "csv", "-j", "4", "--",
                           "--not-an-option", NULL),
                     0);
    assert_string_equal(err, "");
    assert_true(o.threshold_set);
    assert_true(o.threshold > 0.8999 && o.threshold < 0.9001);
    assert_int_equal(o.limit, 5);
    assert_int_equal(o.nlists, 3);
    assert_string_equal(o.lists[0].format, "ofac-csv");
    assert_string_equal(o.lists[1].format, "ofac-csv");
    assert_null(o.lists[2].format);
    assert_string_equal(o.lists[1].path, "b");
    assert_string_equal(o.dob, "1955");
    assert_int_equal(o.type, NOMEN_SUBJECT_INDIVIDUAL);
    assert_true(o.explain);
    assert_int_equal(o.out_format, CLI_OUT_CSV);
    assert_int_equal(o.threads, 4);
    assert_int_equal(o.nnames, 2);
    assert_string_equal(o.names[0], "Chen Guanguo");
    assert_string_equal(o.names[1], "--not-an-option");
    cli_opts_free(&o);

    assert_int_equal(parse(CLI_CMD_SCREEN, err, sizeof err, &o, "--input", "-", NULL), 0);
    assert_string_equal(o.input, "-");
    assert_int_equal(o.threads, 1);
    assert_false(o.threshold_set);
    assert_int_equal(o.out_format, CLI_OUT_AUTO);
    cli_opts_free(&o);

    assert_int_equal(parse(CLI_CMD_INDEX_BUILD, err, sizeof err, &o, "-o", "x.idx", NULL), 0);
    assert_string_equal(o.output, "x.idx");
    cli_opts_free(&o);
    assert_int_equal(parse(CLI_CMD_INDEX_INFO, err, sizeof err, &o, "x.idx", NULL), 0);
    cli_opts_free(&o);
    /* --help needs nothing else. */
    assert_int_equal(parse(CLI_CMD_SCREEN, err, sizeof err, &o, "--help", NULL), 0);
    assert_true(o.help);
    cli_opts_free(&o);
}

static void test_args_errors(void **state)
{
    (void)state;
    expect_error(CLI_CMD_SCREEN, "unknown option '--bogus'", "--bogus", "x", NULL);
    expect_error(CLI_CMD_SCREEN, "unknown option '-Z'", "-Z", "x", NULL);
    expect_error(CLI_CMD_SCREEN, "--threshold", "--threshold", "1.5", "x", NULL);
    expect_error(CLI_CMD_SCREEN, "--threshold", "--threshold", "abc", "x", NULL);
    expect_error(CLI_CMD_SCREEN, "--threshold", "--threshold", "nan", "x", NULL);
    expect_error(CLI_CMD_SCREEN, "--limit", "--limit", "-1", "x", NULL);
    expect_error(CLI_CMD_SCREEN, "--threads", "--threads", "0", "x", NULL);
    expect_error(CLI_CMD_SCREEN, "--threads", "--threads", "100000", "x", NULL);
    expect_error(CLI_CMD_SCREEN, "--format", "--format", "xml", "x", NULL);
    expect_error(CLI_CMD_SCREEN, "--type", "--type", "ship", "x", NULL);
    expect_error(CLI_CMD_SCREEN, "--dob", "--dob", "24/11/1955", "x", NULL);
    expect_error(CLI_CMD_SCREEN, "--dob", "--dob", "1955-13", "x", NULL);
    expect_error(CLI_CMD_SCREEN, "needs a value", "x", "--list", NULL);
    expect_error(CLI_CMD_SCREEN, "unknown list format", "--format-of-list", "pdf", "--list", "a",
                 "x", NULL);
    expect_error(CLI_CMD_SCREEN, "none follows", "--list", "a", "--format-of-list", "ofac-csv", "x",
                 NULL);
    expect_error(CLI_CMD_SCREEN, "exclude each other", "--list", "a", "--index", "b", "x", NULL);
    expect_error(CLI_CMD_SCREEN, "nothing to screen", "--threshold", "0.5", NULL);
    expect_error(CLI_CMD_SCREEN, "takes no value", "--explain=yes", "x", NULL);
    expect_error(CLI_CMD_SCREEN, "empty name", "", NULL);
    expect_error(CLI_CMD_SCREEN, "not valid UTF-8", "Chen \xff", NULL);
    expect_error(CLI_CMD_EXPLAIN, "does not apply", "--format", "csv", "x", NULL);
    expect_error(CLI_CMD_EXPLAIN, "needs a name", NULL);
    expect_error(CLI_CMD_INDEX_BUILD, "needs -o", NULL);
    expect_error(CLI_CMD_INDEX_BUILD, "does not apply", "--threshold", "0.5", "-o", "x", NULL);
    expect_error(CLI_CMD_INDEX_BUILD, "unexpected argument", "lists/x", "-o", "x", NULL);
    expect_error(CLI_CMD_INDEX_INFO, "one index file", NULL);
    expect_error(CLI_CMD_INDEX_INFO, "one index file", "a", "b", NULL);
}

/* ---- batch reader --------------------------------------------------------- */

typedef struct batch {
    FILE *fp;
    cli_reader *r;
    char err[512];
} batch;

static int batch_open(batch *b, const char *name, const char *text)
{
    b->fp = fmemopen(mut(text), strlen(text), "rb");
    assert_non_null(b->fp);
    b->r = NULL;
    b->err[0] = '\0';
    return cli_reader_open(&b->r, b->fp, name, CLI_IN_AUTO, b->err, sizeof b->err);
}

static void batch_close(batch *b)
{
    cli_reader_close(b->r);
    fclose(b->fp);
}

/* Read every record; returns how many were read before the end or an error
 * (*rc_out: 0 at the end, -1 on an error). */
static size_t batch_all(batch *b, cli_query *qs, size_t cap, int *rc_out)
{
    size_t n = 0;
    int rc;
    cli_query q = {.type = -1};
    while ((rc = cli_reader_next(b->r, &q, b->err, sizeof b->err)) == 1) {
        assert_true(n < cap);
        qs[n++] = q;
        memset(&q, 0, sizeof q);
        q.type = -1;
    }
    *rc_out = rc;
    return n;
}

static void free_queries(cli_query *qs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cli_query_clear(&qs[i]);
}

static void test_csv_ok(void **state)
{
    (void)state;
    batch b;
    const char *text = "\xEF\xBB\xBF"
                       "Country, NAME ,extra,id,dob,type\r\n"
                       "CN,\"CHEN, Quanguo\",x,p1,1955,individual\r\n"
                       "\r\n"
                       ",\"He said \"\"hi\"\"\nand left\",,p2,,\r\n"
                       "HK,陳全國,,p3,1955-11-24,entity\n"
                       ",  Jane Doe  ,,,,\n";
    assert_int_equal(batch_open(&b, "in.csv", text), 0);
    assert_int_equal(cli_reader_format(b.r), CLI_IN_CSV);
    cli_query qs[8];
    int rc;
    size_t n = batch_all(&b, qs, 8, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(n, 4);
    assert_string_equal(qs[0].id, "p1");
    assert_string_equal(qs[0].name, "CHEN, Quanguo");
    assert_string_equal(qs[0].country, "CN");
    assert_string_equal(qs[0].dob, "1955");
    assert_int_equal(qs[0].type, NOMEN_SUBJECT_INDIVIDUAL);
    assert_int_equal(qs[0].line, 2);
    assert_string_equal(qs[1].name, "He said \"hi\"\nand left");
    assert_null(qs[1].country);
    assert_null(qs[1].dob);
    assert_int_equal(qs[1].type, -1);
    assert_int_equal(qs[1].line, 4);
    assert_string_equal(qs[2].name, "陳全國");
    assert_int_equal(qs[2].type, NOMEN_SUBJECT_ENTITY);
    assert_int_equal(qs[2].line, 6);
    /* No id: the record number. Blanks around the name go. */
    assert_string_equal(qs[3].id, "4");
    assert_string_equal(qs[3].name, "Jane Doe");
    free_queries(qs, n);
    batch_close(&b);

    /* Without an id column the records are numbered; no final newline. */
    assert_int_equal(batch_open(&b, "-", "name\nA B\nC D"), 0);
    n = batch_all(&b, qs, 8, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(n, 2);
    assert_string_equal(qs[0].id, "1");
    assert_string_equal(qs[1].id, "2");
    assert_string_equal(qs[1].name, "C D");
    free_queries(qs, n);
    batch_close(&b);
}

/* Read text; expect an error whose message contains each needle. */
static void expect_batch_error(const char *name, const char *text, size_t good, ...)
{
    batch b;
    cli_query qs[8];
    int rc = batch_open(&b, name, text);
    size_t n = 0;
    if (rc == 0)
        n = batch_all(&b, qs, 8, &rc);
    free_queries(qs, n);
    if (rc != -1)
        fail_msg("%s: expected an error, got none", text);
    if (n != good)
        fail_msg("%s: expected %zu good records before the error, got %zu", text, good, n);
    va_list ap;
    va_start(ap, good);
    for (const char *needle; (needle = va_arg(ap, const char *)) != NULL;)
        if (!strstr(b.err, needle))
            fail_msg("message '%s' lacks '%s'", b.err, needle);
    va_end(ap);
    if (b.r)
        batch_close(&b);
    else
        fclose(b.fp);
}

static void test_csv_errors(void **state)
{
    (void)state;
    expect_batch_error("in.csv", "id,name\n1,\"CHEN, Quanguo\n2,x\n", 0,
                       "in.csv:2:3:", "never closed", NULL);
    expect_batch_error("in.csv", "id,name\n1,ok\n2,CH\"EN\n", 1, "in.csv:3:5:", "quote", NULL);
    expect_batch_error("in.csv", "id,name\n1,\"CHEN\"x\n", 0, "in.csv:2:9:", "closing quote", NULL);
    expect_batch_error("in.csv", "id,name\n1,ok\n2,Ch\xE9n\n", 1, "in.csv:3:5:", "UTF-8", NULL);
    expect_batch_error("in.csv", "id,name\n1,\xE9\x99\n", 0, "in.csv:2:3:", "UTF-8", NULL);
    expect_batch_error("in.csv", "id,name\n1,CHEN, Quanguo\n", 0,
                       "in.csv:2:", "3 fields where the header has 2", NULL);
    expect_batch_error("in.csv", "id,fullname\n1,x\n", 0, "in.csv:1:", "no 'name' column", NULL);
    expect_batch_error("in.csv", "id,name,name\n1,x,y\n", 0, "in.csv:1:9:", "twice", NULL);
    expect_batch_error("in.csv", "id,name\n1,  \n", 0, "in.csv:2:3:", "empty name", NULL);
    expect_batch_error("in.csv", "id,name,type\n1,x,ship\n", 0, "in.csv:2:5:", "type", NULL);
    expect_batch_error("in.csv", "id,name,dob\n1,x,1955/11\n", 0, "in.csv:2:5:", "date of birth",
                       NULL);
    expect_batch_error("in.csv", "", 0, "empty input", NULL);
    /* A NUL inside a name: expect_batch_error takes C strings, so by hand. */
    static const char nul[] = "id,name\n1,Chen\0Quanguo\n";
    FILE *fp = fmemopen(mut(nul), sizeof nul - 1, "rb");
    cli_reader *r = NULL;
    char err[256];
    cli_query q = {.type = -1};
    assert_int_equal(cli_reader_open(&r, fp, "in.csv", CLI_IN_AUTO, err, sizeof err), 0);
    assert_int_equal(cli_reader_next(r, &q, err, sizeof err), -1);
    assert_non_null(strstr(err, "in.csv:2:7: NUL byte"));
    cli_reader_close(r);
    fclose(fp);
}

static void test_jsonl(void **state)
{
    (void)state;
    batch b;
    const char *text = "\n{\"id\": 7, \"name\": \"CHEN, Quanguo\", \"dob\": 1955, \"country\": "
                       "\"CN\", \"type\": \"individual\", \"note\": [1, 2]}\n"
                       "   \n"
                       "{\"name\": \"陳全國\", \"id\": \"x\\\"y\", \"dob\": null}\r\n"
                       "{\"name\": \"Jane Doe\"}";
    assert_int_equal(batch_open(&b, "in.txt", text), 0);
    assert_int_equal(cli_reader_format(b.r), CLI_IN_JSONL);
    cli_query qs[8];
    int rc;
    size_t n = batch_all(&b, qs, 8, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(n, 3);
    assert_string_equal(qs[0].id, "7");
    assert_string_equal(qs[0].name, "CHEN, Quanguo");
    assert_string_equal(qs[0].dob, "1955");
    assert_string_equal(qs[0].country, "CN");
    assert_int_equal(qs[0].type, NOMEN_SUBJECT_INDIVIDUAL);
    assert_int_equal(qs[0].line, 2);
    assert_string_equal(qs[1].id, "x\"y");
    assert_string_equal(qs[1].name, "陳全國");
    assert_null(qs[1].dob);
    assert_int_equal(qs[1].line, 4);
    assert_string_equal(qs[2].id, "3");
    assert_int_equal(qs[2].line, 5);
    free_queries(qs, n);
    batch_close(&b);

    /* The extension decides over the content. */
    assert_int_equal(batch_open(&b, "x.JSONL", "\n\n"), 0);
    assert_int_equal(cli_reader_format(b.r), CLI_IN_JSONL);
    n = batch_all(&b, qs, 8, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(n, 0);
    batch_close(&b);
}

static void test_jsonl_errors(void **state)
{
    (void)state;
    expect_batch_error("in.jsonl", "{\"name\": \"a\"}\nname,id\n", 1, "in.jsonl:2:", "JSON", NULL);
    expect_batch_error("in.jsonl", "{\"name\": \"a\"}\n{\"name\": \"b\"\n", 1,
                       "in.jsonl:2:", "JSON", NULL);
    expect_batch_error("in.jsonl", "[\"a\"]\n", 0, "in.jsonl:1:", "object", NULL);
    expect_batch_error("in.jsonl", "{\"id\": 1}\n", 0, "in.jsonl:1:", "no \"name\"", NULL);
    expect_batch_error("in.jsonl", "{\"id\": 1, \"name\": 5}\n", 0,
                       "in.jsonl:1:11:", "\"name\" must be a string", NULL);
    expect_batch_error("in.jsonl", "{\"name\": \"a\"}\n{\"name\": \"Ch\xE9n\"}\n", 1,
                       "in.jsonl:2:13:", "UTF-8", NULL);
    expect_batch_error("in.jsonl", "{\"name\": \"a\\u0000b\"}\n", 0, "in.jsonl:1:", NULL);
    expect_batch_error("in.jsonl", "{\"name\": \"a\", \"name\": \"b\"}\n", 0, "in.jsonl:1:", NULL);
    expect_batch_error("in.jsonl", "{\"name\": \"a\", \"type\": \"ship\"}\n", 0,
                       "in.jsonl:1:", "type", NULL);
}

/* Mutated inputs: random bytes changed, inserted and cut in valid CSV and
 * JSON Lines. Every read must end (with records, the end or an error that
 * names a line), never crash or loop; ASan and UBSan runs check the rest. */
static void test_reader_mutations(void **state)
{
    (void)state;
    static const char *const seeds[] = {"id,name,dob,country,type\n1,\"CHEN, "
                                        "Quanguo\",1955,CN,individual\n2,\"a \"\"b\"\"\nc\",,,\n",
                                        "{\"id\": 1, \"name\": \"陳全國\", \"dob\": "
                                        "1955}\n{\"name\": \"x\", \"type\": \"entity\"}\n"};
    static const char alphabet[] = {'"', ',',  '\n', '\r', '{',        '}',
                                    ':', '\\', 'a',  '\0', (char)0xE9, (char)0x80};
    uint32_t rng = 12345;
    char buf[256];
    for (int iter = 0; iter < 20000; iter++) {
        const char *seed = seeds[iter % 2];
        size_t len = strlen(seed);
        memcpy(buf, seed, len);
        for (int k = 0; k < 1 + iter % 4; k++) {
            rng = rng * 1103515245u + 12345u;
            size_t pos = (rng >> 8) % len;
            char c = alphabet[(rng >> 20) % sizeof alphabet];
            switch ((rng >> 28) % 3) {
            case 0:
                buf[pos] = c;
                break;
            case 1:
                if (len + 1 < sizeof buf) {
                    memmove(buf + pos + 1, buf + pos, len - pos);
                    buf[pos] = c;
                    len++;
                }
                break;
            default:
                memmove(buf + pos, buf + pos + 1, len - pos - 1);
                len--;
                break;
            }
        }
        FILE *fp = fmemopen(buf, len, "rb");
        assert_non_null(fp);
        cli_reader *r = NULL;
        char err[512];
        if (cli_reader_open(&r, fp, "m", CLI_IN_AUTO, err, sizeof err) == 0) {
            cli_query q = {.type = -1};
            int rc, n = 0;
            while ((rc = cli_reader_next(r, &q, err, sizeof err)) == 1) {
                assert_non_null(q.id);
                assert_non_null(q.name);
                assert_true(++n < 100);
            }
            cli_query_clear(&q);
            if (rc < 0)
                assert_true(strncmp(err, "m:", 2) == 0);
            cli_reader_close(r);
        } else {
            assert_true(strncmp(err, "m:", 2) == 0);
        }
        fclose(fp);
    }
}

/* ---- writers -------------------------------------------------------------- */

static char *programs_a[2];

static void sample(cli_query *q, cli_result *r, cli_hit *h, const char *explain)
{
    memset(q, 0, sizeof *q);
    q->id = mut("p,1");
    q->name = mut("Chen \"Guanguo\"");
    q->type = -1;
    memset(h, 0, sizeof *h);
    h->entity_id = mut("29220");
    h->list = mut("us-ofac-sdn");
    h->name = mut("CHEN, Quanguo");
    h->matched_name = mut("CHEN, Quanguo");
    programs_a[0] = mut("GLOMAG");
    programs_a[1] = mut("SDGT");
    h->score = 0.912345678;
    h->programs = programs_a;
    h->nprograms = 2;
    h->explain = mut(explain);
    r->hits = h;
    r->nhits = 1;
}

static char *write_all(int format, bool explain, const cli_query *q, const cli_result *r,
                       size_t times)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    cli_writer w;
    assert_int_equal(cli_writer_begin(&w, fp, format, explain), 0);
    for (size_t i = 0; i < times; i++)
        assert_int_equal(cli_writer_put(&w, q, r), 0);
    assert_int_equal(cli_writer_end(&w), 0);
    fclose(fp);
    return buf;
}

static void test_jsonl_writer(void **state)
{
    (void)state;
    cli_query q;
    cli_result r;
    cli_hit h;
    sample(&q, &r, &h, "{\"tokens\": [{\"query\": \"chen\", \"weight\": 0.35}]}");
    char *out = write_all(CLI_OUT_JSONL, true, &q, &r, 2);
    /* Exactly one line per result, each a JSON object. */
    char *save = NULL, *line = strtok_r(out, "\n", &save);
    int lines = 0;
    for (; line; line = strtok_r(NULL, "\n", &save), lines++) {
        json_error_t je;
        json_t *o = json_loads(line, 0, &je);
        assert_non_null(o);
        assert_string_equal(json_string_value(json_object_get(o, "id")), "p,1");
        assert_string_equal(json_string_value(json_object_get(o, "query")), "Chen \"Guanguo\"");
        json_t *hit = json_array_get(json_object_get(o, "hits"), 0);
        assert_string_equal(json_string_value(json_object_get(hit, "entity_id")), "29220");
        assert_string_equal(json_string_value(json_object_get(hit, "matched_name")),
                            "CHEN, Quanguo");
        assert_true(json_real_value(json_object_get(hit, "score")) == 0.9123);
        assert_int_equal(json_array_size(json_object_get(hit, "programs")), 2);
        json_t *ex = json_object_get(hit, "explain");
        assert_true(json_is_object(ex));
        assert_true(json_is_array(json_object_get(ex, "tokens")));
        json_decref(o);
    }
    assert_int_equal(lines, 2);
    free(out);

    /* Without --explain there is no explain key; the score prints short. */
    out = write_all(CLI_OUT_JSONL, false, &q, &r, 1);
    assert_null(strstr(out, "explain"));
    assert_non_null(strstr(out, "\"score\": 0.9123,"));
    free(out);

    /* A query without hits has an empty array. */
    r.nhits = 0;
    out = write_all(CLI_OUT_JSONL, false, &q, &r, 1);
    assert_non_null(strstr(out, "\"hits\": []"));
    free(out);
}

static void test_json_writer(void **state)
{
    (void)state;
    cli_query q;
    cli_result r;
    cli_hit h;
    sample(&q, &r, &h, NULL);
    for (size_t times = 0; times < 3; times++) {
        char *out = write_all(CLI_OUT_JSON, false, &q, &r, times);
        json_error_t je;
        json_t *doc = json_loads(out, 0, &je);
        if (!doc)
            fail_msg("not JSON (%s): %s", je.text, out);
        assert_true(json_is_array(doc));
        assert_int_equal(json_array_size(doc), times);
        json_decref(doc);
        free(out);
    }
    /* An explanation that is not an object is an error, not a string. */
    sample(&q, &r, &h, "not json");
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    cli_writer w;
    assert_int_equal(cli_writer_begin(&w, fp, CLI_OUT_JSON, true), 0);
    assert_int_equal(cli_writer_put(&w, &q, &r), -1);
    assert_non_null(strstr(w.err, "explanation"));
    fclose(fp);
    free(buf);
}

static void test_csv_writer(void **state)
{
    (void)state;
    cli_query q;
    cli_result r;
    cli_hit h;
    sample(&q, &r, &h, "{\"a\": 1}");
    char *out = write_all(CLI_OUT_CSV, true, &q, &r, 1);
    assert_string_equal(out, "id,query,entity_id,list,name,matched_name,score,programs,explain\n"
                             "\"p,1\",\"Chen \"\"Guanguo\"\"\",29220,us-ofac-sdn,\"CHEN, Quanguo\","
                             "\"CHEN, Quanguo\",0.9123,GLOMAG;SDGT,\"{\"\"a\"\":1}\"\n");
    free(out);
    /* No hits: one row with empty hit fields, as many fields as the header. */
    r.nhits = 0;
    out = write_all(CLI_OUT_CSV, false, &q, &r, 1);
    assert_string_equal(out, "id,query,entity_id,list,name,matched_name,score,programs\n"
                             "\"p,1\",\"Chen \"\"Guanguo\"\"\",,,,,,\n");
    free(out);
    out = write_all(CLI_OUT_CSV, true, &q, &r, 1);
    assert_string_equal(out, "id,query,entity_id,list,name,matched_name,score,programs,explain\n"
                             "\"p,1\",\"Chen \"\"Guanguo\"\"\",,,,,,,\n");
    free(out);
    /* And the CSV we write is CSV we read (its name column is the hit's). */
    r.nhits = 1;
    out = write_all(CLI_OUT_CSV, false, &q, &r, 1);
    batch b;
    assert_int_equal(batch_open(&b, "out.csv", out), 0);
    cli_query back[2];
    int rc;
    size_t n = batch_all(&b, back, 2, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(n, 1);
    assert_string_equal(back[0].id, "p,1");
    assert_string_equal(back[0].name, "CHEN, Quanguo");
    free_queries(back, n);
    batch_close(&b);
    free(out);
}

static void test_table_writer(void **state)
{
    (void)state;
    cli_query q;
    cli_result r;
    cli_hit h[2];
    sample(&q, &r, &h[0], "{\"total\": 0.91, \"tokens\": [{\"q\": \"chen\", \"l\": \"chen\"}]}");
    h[1] = h[0];
    h[1].name = mut("陳全國");
    h[1].entity_id = mut("1");
    r.hits = h;
    r.nhits = 2;
    char *out = write_all(CLI_OUT_TABLE, true, &q, &r, 1);
    assert_non_null(strstr(out, "[p,1] Chen \"Guanguo\""));
    assert_non_null(strstr(out, "0.9123"));
    assert_non_null(strstr(out, "total: 0.91"));
    /* The token pairs as a table under their keys. */
    assert_non_null(strstr(out, "tokens:\n        q     l\n        chen  chen\n"));
    /* The column after NAME starts at the same terminal column on both rows,
     * although 陳全國 is 9 bytes and 6 columns and "CHEN, Quanguo" 13. */
    const char *row1 = strstr(out, "29220");
    const char *row2 = strstr(out, "陳全國");
    assert_non_null(row1);
    assert_non_null(row2);
    const char *m1 = strstr(strstr(row1, "CHEN, Quanguo") + 1, "CHEN, Quanguo");
    const char *m2 = strstr(row2, "CHEN, Quanguo");
    const char *s1 = row1, *s2 = row2;
    while (s1 > out && s1[-1] != '\n')
        s1--;
    while (s2 > out && s2[-1] != '\n')
        s2--;
    char *p1 = cli_strndup(s1, (size_t)(m1 - s1)), *p2 = cli_strndup(s2, (size_t)(m2 - s2));
    assert_int_equal(cli_display_width(p1), cli_display_width(p2));
    free(p1);
    free(p2);
    free(out);

    r.nhits = 0;
    out = write_all(CLI_OUT_TABLE, false, &q, &r, 1);
    assert_non_null(strstr(out, "no hits"));
    free(out);
}

/* ---- text ----------------------------------------------------------------- */

static void test_text(void **state)
{
    (void)state;
    assert_int_equal(cli_utf8_check("abc", 3), 3);
    assert_int_equal(cli_utf8_check("陳全國", 9), 9);
    assert_int_equal(cli_utf8_check("a\xC0\x80", 3), 1);        /* overlong */
    assert_int_equal(cli_utf8_check("ab\xED\xA0\x80", 5), 2);   /* surrogate */
    assert_int_equal(cli_utf8_check("\xF4\x90\x80\x80", 4), 0); /* above U+10FFFF */
    assert_int_equal(cli_utf8_check("x\xE9\x99", 3), 1);        /* truncated */
    assert_int_equal(cli_display_width("Chen"), 4);
    assert_int_equal(cli_display_width("陳全國"), 6);
    assert_int_equal(cli_display_width("Che\xCC\x81n"), 4); /* combining acute */
    assert_int_equal(cli_display_width("ＡＢ"), 4);         /* fullwidth */
    size_t v;
    assert_int_equal(cli_parse_size("42", 100, &v), 0);
    assert_int_equal(v, 42);
    assert_int_equal(cli_parse_size("101", 100, &v), -1);
    assert_int_equal(cli_parse_size("", 100, &v), -1);
    assert_int_equal(cli_parse_size("99999999999999999999999", SIZE_MAX, &v), -1);
    assert_true(cli_dob_valid("1955"));
    assert_true(cli_dob_valid("1955-11"));
    assert_true(cli_dob_valid("1955-11-24"));
    assert_false(cli_dob_valid("1955-00"));
    assert_false(cli_dob_valid("55"));
    assert_false(cli_dob_valid("1955-11-32"));
    assert_int_equal(cli_subject_from_name("Vessel"), NOMEN_SUBJECT_VESSEL);
    assert_int_equal(cli_subject_from_name("boat"), -1);
    assert_true(cli_round4(0.99996) == 1.0);
    assert_true(cli_round4(0.12344) == 0.1234);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_args_ok),
        cmocka_unit_test(test_args_errors),
        cmocka_unit_test(test_csv_ok),
        cmocka_unit_test(test_csv_errors),
        cmocka_unit_test(test_jsonl),
        cmocka_unit_test(test_jsonl_errors),
        cmocka_unit_test(test_reader_mutations),
        cmocka_unit_test(test_jsonl_writer),
        cmocka_unit_test(test_json_writer),
        cmocka_unit_test(test_csv_writer),
        cmocka_unit_test(test_table_writer),
        cmocka_unit_test(test_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
