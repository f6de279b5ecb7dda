/*
 * test_api.c: the screening API end to end, through libnomen's exported
 * symbols only: building from the built-in sample list, screening, options,
 * evidence, explanations, saved index files (round trip, corruption) and
 * reference counting.
 */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <nomen.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static nomen_index *sample_index(void)
{
    char *path = nt_source_path("data/sample-list.csv");
    nomen_builder *b;
    assert_int_equal(nomen_builder_new(&b), NOMEN_OK);
    int rc = nomen_builder_add_path(b, path, "generic-csv", NULL);
    if (rc)
        fail_msg("%s: %s", path, nomen_builder_errmsg(b));
    assert_true(nomen_builder_record_count(b) >= 50);
    nomen_index *ix;
    assert_int_equal(nomen_index_build(b, &ix), NOMEN_OK);
    nomen_builder_free(b);
    free(path);
    return ix;
}

/* An index of one generic CSV list held in memory (csv: NUL-ended). */
static nomen_index *memory_index(const char *csv, const char *list)
{
    nomen_builder *b;
    assert_int_equal(nomen_builder_new(&b), NOMEN_OK);
    assert_int_equal(nomen_builder_add_memory(b, "mem.csv", csv, strlen(csv), "generic-csv", list),
                     NOMEN_OK);
    nomen_index *ix;
    assert_int_equal(nomen_index_build(b, &ix), NOMEN_OK);
    nomen_builder_free(b);
    return ix;
}

/* A matcher on ix with these options (limit 0: no limit). */
static nomen_matcher *new_matcher(nomen_index *ix, double threshold, size_t limit, int explain)
{
    nomen_matcher *m;
    assert_int_equal(nomen_matcher_new(ix, &m), NOMEN_OK);
    nomen_options o;
    nomen_options_init(&o);
    o.threshold = threshold;
    o.limit = limit;
    o.explain = explain;
    assert_int_equal(nomen_matcher_set_options(m, &o), NOMEN_OK);
    return m;
}

static int screen(nomen_matcher *m, const char *name, const char *dob)
{
    nomen_query q;
    nomen_query_init(&q);
    q.name = name;
    q.name_len = strlen(name);
    if (dob) {
        q.dob = dob;
        q.dob_len = strlen(dob);
    }
    return nomen_matcher_screen(m, &q);
}

static void test_builder_errors(void **state)
{
    (void)state;
    nomen_builder *b;
    assert_int_equal(nomen_builder_new(&b), NOMEN_OK);
    assert_int_equal(nomen_builder_add_path(b, "/no/such/list.csv", NULL, NULL), NOMEN_ERR_IO);
    assert_non_null(strstr(nomen_builder_errmsg(b), "/no/such/list.csv"));
    assert_int_equal(nomen_builder_add_path(b, "x", "no-such-format", NULL), NOMEN_ERR_FORMAT);
    assert_int_equal(nomen_builder_add_path(b, NULL, NULL, NULL), NOMEN_ERR_INVALID_ARG);
    nomen_index *ix = NULL;
    assert_int_equal(nomen_index_build(b, &ix), NOMEN_ERR_STATE); /* nothing loaded */
    assert_null(ix);
    const char csv[] = "id,name,type\nx1,\"SMITH, John\",individual\n";
    assert_int_equal(
        nomen_builder_add_memory(b, "mem.csv", csv, sizeof csv - 1, "generic-csv", "inline"),
        NOMEN_OK);
    assert_int_equal(nomen_builder_record_count(b), 1);
    assert_int_equal(nomen_index_build(b, &ix), NOMEN_OK);
    assert_int_equal(nomen_index_list_count(ix), 1);
    assert_string_equal(nomen_index_list_name(ix, 0), "inline");
    assert_int_equal(strlen(nomen_index_list_checksum(ix, 0)), 16);
    assert_null(nomen_index_list_name(ix, 1));
    nomen_index_free(ix);
    nomen_builder_free(b);
    nomen_builder_free(NULL);
    nomen_index_free(NULL);
}

static void test_screen(void **state)
{
    (void)state;
    nomen_index *ix = sample_index();
    nomen_matcher *m;
    assert_int_equal(nomen_matcher_new(ix, &m), NOMEN_OK);
    nomen_index_free(ix); /* the matcher keeps its own reference */

    assert_int_equal(screen(m, "Chen Guanguo", NULL), NOMEN_OK);
    assert_true(nomen_matcher_hit_count(m) >= 1);
    assert_string_equal(nomen_hit_entity_id(m, 0), "ofac-29220");
    assert_string_equal(nomen_hit_name(m, 0), "CHEN, Quanguo");
    assert_true(nomen_hit_score(m, 0) >= NOMEN_DEFAULT_THRESHOLD && nomen_hit_score(m, 0) < 1);
    assert_int_equal(nomen_hit_type(m, 0), NOMEN_SUBJECT_INDIVIDUAL);
    assert_true(nomen_hit_program_count(m, 0) >= 1);
    assert_string_equal(nomen_hit_program(m, 0, 0), "GLOMAG");
    assert_null(nomen_hit_program(m, 0, 99));
    assert_null(nomen_hit_explain_json(m, 0)); /* not asked for */
    double without = nomen_hit_score(m, 0);

    /* A contradicting date of birth lowers the score; an agreeing one raises it. */
    assert_int_equal(screen(m, "Chen Guanguo", "1971"), NOMEN_OK);
    assert_true(nomen_matcher_hit_count(m) == 0 || nomen_hit_score(m, 0) < without);
    assert_int_equal(screen(m, "Chen Guanguo", "1955"), NOMEN_OK);
    assert_true(nomen_hit_score(m, 0) > without);
    assert_int_equal(screen(m, "Chen Guanguo", "55"), NOMEN_ERR_INVALID_ARG);

    /* Innocent names do not hit. */
    assert_int_equal(screen(m, "Zhang Quanguo", NULL), NOMEN_OK);
    assert_int_equal(nomen_matcher_hit_count(m), 0);
    assert_int_equal(screen(m, "Jane Doe", NULL), NOMEN_OK);
    assert_int_equal(nomen_matcher_hit_count(m), 0);
    assert_int_equal(screen(m, "", NULL), NOMEN_OK);
    assert_int_equal(nomen_matcher_hit_count(m), 0);

    /* Bad input. */
    assert_int_equal(screen(m, "Chen \xff", NULL), NOMEN_ERR_UTF8);
    assert_non_null(strstr(nomen_matcher_errmsg(m), "byte 5"));
    assert_int_equal(nomen_matcher_screen(m, NULL), NOMEN_ERR_INVALID_ARG);
    nomen_query q;
    memset(&q, 0, sizeof q); /* not initialized: size 0 */
    assert_int_equal(nomen_matcher_screen(m, &q), NOMEN_ERR_INVALID_ARG);

    /* Options. */
    nomen_options o;
    nomen_options_init(&o);
    o.threshold = 1.5;
    assert_int_equal(nomen_matcher_set_options(m, &o), NOMEN_ERR_INVALID_ARG);
    o.threshold = 0.3;
    o.limit = 2;
    o.explain = 1;
    assert_int_equal(nomen_matcher_set_options(m, &o), NOMEN_OK);
    assert_int_equal(screen(m, "Ch'en Ch'üan-kuo", NULL), NOMEN_OK);
    assert_true(nomen_matcher_hit_count(m) <= 2 && nomen_matcher_hit_count(m) >= 1);
    assert_string_equal(nomen_hit_entity_id(m, 0), "ofac-29220");
    const char *js = nomen_hit_explain_json(m, 0);
    assert_non_null(js);
    json_error_t jerr;
    json_t *j = json_loads(js, 0, &jerr);
    if (!j)
        fail_msg("explanation is not JSON: %s (%s)", jerr.text, js);
    /* Wade-Giles is matched syllable by syllable: the syllables are the
     * reason, and the token pairs are shown apart. */
    assert_string_equal(json_string_value(json_object_get(j, "view")), "syllables");
    json_t *syl = json_object_get(j, "syllables");
    assert_true(json_is_array(syl) && json_array_size(syl) == 3);
    assert_non_null(strstr(json_string_value(json_array_get(syl, 1)), "wade-giles"));
    assert_non_null(json_object_get(json_object_get(j, "token_view"), "tokens"));
    assert_non_null(json_object_get(j, "matched_name"));
    assert_true(json_number_value(json_object_get(j, "score")) > 0.9);
    json_decref(j);
    /* Out of range accessors. */
    assert_null(nomen_hit_entity_id(m, 99));
    assert_true(nomen_hit_score(m, 99) == 0.0);
    assert_int_equal(nomen_hit_type(m, 99), -1);
    nomen_matcher_free(m);
}

/* Split a packed hit text into its fields (at most cap). */
static size_t pack_fields(char *text, size_t len, char **f, size_t cap)
{
    size_t n = 0;
    char *start = text;
    for (size_t i = 0; i < len; i++)
        if (text[i] == NOMEN_PACK_FIELD_SEP) {
            text[i] = '\0';
            if (n < cap)
                f[n] = start;
            n++;
            start = text + i + 1;
        }
    return n;
}

/* The packed text says what the accessors say, for every hit; a buffer too
 * small is reported with the size needed; a separator byte in a name is
 * refused rather than packed ambiguously. */
static void test_hits_pack(void **state)
{
    (void)state;
    nomen_index *ix = sample_index();
    nomen_matcher *m = new_matcher(ix, 0.5, 10, 1);
    size_t len = 99;
    assert_int_equal(screen(m, "Jane Doe", NULL), NOMEN_OK);
    assert_int_equal(nomen_matcher_hit_count(m), 0);
    assert_int_equal(nomen_matcher_hits_pack(m, NULL, 0, &len), NOMEN_OK);
    assert_int_equal(len, 0);
    assert_int_equal(screen(m, "Chen Guanguo", NULL), NOMEN_OK);
    size_t nh = nomen_matcher_hit_count(m);
    assert_true(nh >= 2);
    /* Too small: the length needed, a truncated text, NOMEN_ERR_LIMIT. */
    char small[16];
    assert_int_equal(nomen_matcher_hits_pack(m, small, sizeof small, &len), NOMEN_ERR_LIMIT);
    assert_true(len >= sizeof small);
    assert_int_equal(strlen(small), sizeof small - 1);
    char *buf = malloc(len + 1);
    size_t len2;
    assert_int_equal(nomen_matcher_hits_pack(m, buf, len + 1, &len2), NOMEN_OK);
    assert_int_equal(len2, len);
    assert_int_equal(strlen(buf), len);
    /* Every smaller buffer: the length needed and as much of the text as fits. */
    char *cut = malloc(len + 1);
    for (size_t cap = 1; cap <= len; cap++) {
        memset(cut, 'x', len + 1);
        assert_int_equal(nomen_matcher_hits_pack(m, cut, cap, &len2), NOMEN_ERR_LIMIT);
        assert_int_equal(len2, len);
        assert_memory_equal(cut, buf, cap - 1);
        assert_int_equal(cut[cap - 1], '\0');
        assert_int_equal(cut[cap], 'x'); /* nothing written past cap */
    }
    free(cut);
    char *f[256];
    size_t nf = pack_fields(buf, len, f, 256);
    assert_int_equal(nf, 8 * nh);
    for (size_t i = 0; i < nh && 8 * i + 7 < 256; i++) {
        char **h = f + 8 * i;
        assert_string_equal(h[0], nomen_hit_entity_id(m, i));
        assert_string_equal(h[1], nomen_hit_list(m, i));
        assert_string_equal(h[2], nomen_hit_name(m, i));
        assert_string_equal(h[3], nomen_hit_matched_name(m, i));
        assert_true(strtod(h[4], NULL) == nomen_hit_score(m, i));
        assert_int_equal(atoi(h[5]), nomen_hit_type(m, i));
        size_t np = nomen_hit_program_count(m, i), seen = 0;
        for (char *p = h[6]; np && p;) {
            char *e = strchr(p, NOMEN_PACK_ITEM_SEP);
            size_t n = e ? (size_t)(e - p) : strlen(p);
            assert_true(strlen(nomen_hit_program(m, i, seen)) == n);
            assert_memory_equal(p, nomen_hit_program(m, i, seen), n);
            seen++;
            p = e ? e + 1 : NULL;
        }
        assert_int_equal(seen, np);
        assert_string_equal(h[7], nomen_hit_explain_json(m, i));
    }
    /* Screen and pack in one call: the same text. */
    nomen_query q;
    nomen_query_init(&q);
    q.name = "Chen Guanguo";
    q.name_len = strlen(q.name);
    char *buf2 = malloc(len + 1);
    assert_int_equal(nomen_matcher_screen_pack(m, &q, buf2, len + 1, &len2), NOMEN_OK);
    assert_int_equal(len2, len);
    assert_int_equal(pack_fields(buf2, len2, f, 256), 8 * nh);
    assert_int_equal(nomen_matcher_screen_pack(m, &q, small, sizeof small, &len2), NOMEN_ERR_LIMIT);
    assert_int_equal(len2, len);
    assert_int_equal(nomen_matcher_hit_count(m), nh); /* the hits stay for a second pack */
    q.name = "Chen \xff";
    q.name_len = strlen(q.name);
    assert_int_equal(nomen_matcher_screen_pack(m, &q, buf2, len + 1, &len2), NOMEN_ERR_UTF8);
    assert_int_equal(len2, 0);
    assert_int_equal(nomen_matcher_screen_pack(m, &q, NULL, 4, &len2), NOMEN_ERR_INVALID_ARG);
    free(buf2);
    free(buf);
    assert_int_equal(nomen_matcher_hits_pack(m, NULL, 8, &len), NOMEN_ERR_INVALID_ARG);
    assert_int_equal(nomen_matcher_hits_pack(NULL, NULL, 0, &len), NOMEN_ERR_INVALID_ARG);
    assert_int_equal(nomen_matcher_hits_pack(m, NULL, 0, NULL), NOMEN_ERR_INVALID_ARG);
    nomen_matcher_free(m);
    nomen_index_free(ix);

    /* A name holding the field separator. */
    ix = memory_index("id,name,type\nx1,\"SMITH\x1f, John\",individual\n", "inline");
    assert_int_equal(nomen_matcher_new(ix, &m), NOMEN_OK);
    assert_int_equal(screen(m, "John Smith", NULL), NOMEN_OK);
    assert_int_equal(nomen_matcher_hit_count(m), 1);
    char big[512];
    assert_int_equal(nomen_matcher_hits_pack(m, big, sizeof big, &len), NOMEN_ERR_ENCODING);
    assert_non_null(strchr(nomen_hit_name(m, 0), 0x1f)); /* the accessors still have it */
    nomen_matcher_free(m);
    nomen_index_free(ix);
}

/* A batch gives, query by query, what single screens give; a bad query
 * stops it with its position. */
static void test_screen_batch(void **state)
{
    (void)state;
    nomen_index *ix = sample_index();
    nomen_matcher *m = new_matcher(ix, 0.6, 10, 0);
    static const char in[] = "Chen Guanguo\x1f\x1f\x1f\x1f"
                             "Jane Doe\x1f\x1f\x1f\x1f"
                             "Ch'en Ch'uan-kuo\x1f"
                             "1955\x1f"
                             "CN\x1f"
                             "1\x1f";
    const char *out;
    size_t len, done;
    assert_int_equal(nomen_matcher_screen_batch(m, in, sizeof in - 1, &out, &len, &done), NOMEN_OK);
    assert_int_equal(done, 3);
    assert_int_equal(strlen(out), len);
    char *text = malloc(len + 1);
    memcpy(text, out, len + 1);
    /* Where each query's hits lie: after its count, up to the next count. */
    size_t nspans = 99;
    const size_t *spans = nomen_matcher_batch_spans(m, &nspans);
    assert_non_null(spans);
    assert_int_equal(nspans, 3);
    size_t pos = 0;
    for (size_t i = 0; i < 3; i++) {
        char count[32];
        int cn = snprintf(count, sizeof count, "%zu\x1f", spans[3 * i + 2]);
        assert_memory_equal(text + pos, count, (size_t)cn);
        assert_int_equal(spans[3 * i], pos + (size_t)cn);
        assert_true(spans[3 * i + 1] >= spans[3 * i]);
        char *f[256];
        size_t span_len = spans[3 * i + 1] - spans[3 * i];
        char *hits = malloc(span_len + 1);
        memcpy(hits, text + spans[3 * i], span_len);
        hits[span_len] = '\0';
        assert_int_equal(pack_fields(hits, span_len, f, 256), 8 * spans[3 * i + 2]);
        free(hits);
        pos = spans[3 * i + 1];
    }
    assert_int_equal(pos, len);
    assert_int_equal(spans[5], 0); /* Jane Doe */
    /* The same queries one by one, packed, with their counts. */
    const char *names[3] = {"Chen Guanguo", "Jane Doe", "Ch'en Ch'uan-kuo"};
    char *expect = malloc(1 << 16);
    size_t at = 0;
    for (int i = 0; i < 3; i++) {
        nomen_query q;
        nomen_query_init(&q);
        q.name = names[i];
        q.name_len = strlen(names[i]);
        if (i == 2) {
            q.dob = "1955";
            q.dob_len = 4;
            q.country = "CN";
            q.country_len = 2;
            q.type = NOMEN_SUBJECT_INDIVIDUAL;
        }
        assert_int_equal(nomen_matcher_screen(m, &q), NOMEN_OK);
        at += (size_t)sprintf(expect + at, "%zu\x1f", nomen_matcher_hit_count(m));
        size_t n;
        assert_int_equal(nomen_matcher_hits_pack(m, expect + at, (1 << 16) - at, &n), NOMEN_OK);
        at += n;
        if (i == 0)
            assert_true(nomen_matcher_hit_count(m) >= 1);
        if (i == 1)
            assert_int_equal(nomen_matcher_hit_count(m), 0);
    }
    assert_int_equal(at, len);
    assert_memory_equal(expect, text, len);
    /* Any other screen ends them (the screens above did). */
    assert_null(nomen_matcher_batch_spans(m, &nspans));
    assert_int_equal(nspans, 0);
    assert_null(nomen_matcher_batch_spans(NULL, NULL));
    free(expect);
    free(text);

    /* Errors: the failing query's position, status and message. */
    static const char bad[] = "Chen Guanguo\x1f\x1f\x1f\x1f"
                              "Chen \xff\x1f\x1f\x1f\x1f";
    assert_int_equal(nomen_matcher_screen_batch(m, bad, sizeof bad - 1, &out, &len, &done),
                     NOMEN_ERR_UTF8);
    assert_int_equal(done, 1);
    assert_null(out);
    assert_true(strncmp(nomen_matcher_errmsg(m), "query 1: ", 9) == 0);
    assert_null(nomen_matcher_batch_spans(m, &nspans)); /* a failed batch has none */
    static const char badtype[] = "Chen Guanguo\x1f\x1f\x1fship\x1f";
    assert_int_equal(nomen_matcher_screen_batch(m, badtype, sizeof badtype - 1, &out, &len, &done),
                     NOMEN_ERR_INVALID_ARG);
    assert_int_equal(done, 0);
    assert_non_null(strstr(nomen_matcher_errmsg(m), "type \"ship\""));
    static const char cut[] = "Chen Guanguo\x1f\x1f";
    assert_int_equal(nomen_matcher_screen_batch(m, cut, sizeof cut - 1, &out, &len, &done),
                     NOMEN_ERR_INVALID_ARG);
    assert_non_null(strstr(nomen_matcher_errmsg(m), "ends inside"));
    static const char baddob[] = "Chen Guanguo\x1f"
                                 "55\x1f\x1f\x1f";
    assert_int_equal(nomen_matcher_screen_batch(m, baddob, sizeof baddob - 1, &out, &len, &done),
                     NOMEN_ERR_INVALID_ARG);
    /* An empty batch. */
    assert_int_equal(nomen_matcher_screen_batch(m, NULL, 0, &out, &len, &done), NOMEN_OK);
    assert_int_equal(len, 0);
    assert_int_equal(done, 0);
    assert_string_equal(out, "");
    assert_int_equal(nomen_matcher_screen_batch(m, NULL, 3, &out, &len, &done),
                     NOMEN_ERR_INVALID_ARG);
    nomen_matcher_free(m);
    nomen_index_free(ix);
}

/* A query token that pairs only with a list name's initial (John ~ J) must
 * not be pruned before scoring: the candidate bound once counted only the
 * query tokens a key had found, and dropped SMITH, J at any threshold above
 * 0.61 although it scores 0.71. */
static void test_list_initials(void **state)
{
    (void)state;
    nomen_index *ix =
        memory_index("id,name,type\nx1,\"SMITH, J\",individual\n"
                     "x2,\"JONES, Mary\",individual\nx3,\"BROWN, Peter\",individual\n",
                     "inline");
    nomen_matcher *m = new_matcher(ix, 0.3, 10, 0);
    assert_int_equal(screen(m, "John Smith", NULL), NOMEN_OK);
    assert_true(nomen_matcher_hit_count(m) >= 1);
    assert_string_equal(nomen_hit_entity_id(m, 0), "x1");
    double s = nomen_hit_score(m, 0);
    assert_true(s > 0.65);
    /* Just below its score, the hit is still there. */
    nomen_matcher_free(m);
    m = new_matcher(ix, s - 0.01, 10, 0);
    assert_int_equal(screen(m, "John Smith", NULL), NOMEN_OK);
    assert_int_equal(nomen_matcher_hit_count(m), 1);
    assert_true(nomen_hit_score(m, 0) == s);
    nomen_matcher_free(m);
    nomen_index_free(ix);
}

static void test_index_file(void **state)
{
    (void)state;
    nomen_index *ix = sample_index();
    char path[] = "/tmp/nomen-test-index-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char err[256];
    assert_int_equal(nomen_index_save(ix, path, err, sizeof err), NOMEN_OK);
    nomen_index *ix2;
    assert_int_equal(nomen_index_load(path, &ix2, err, sizeof err), NOMEN_OK);
    assert_int_equal(nomen_index_record_count(ix2), nomen_index_record_count(ix));
    assert_int_equal(nomen_index_name_count(ix2), nomen_index_name_count(ix));
    assert_string_equal(nomen_index_list_checksum(ix2, 0), nomen_index_list_checksum(ix, 0));
    /* The same hits from both. */
    static const char *const names[] = {"Chen Guanguo", "Wang Zunzheng", "陳全國", "Carrie Lam",
                                        "Zhang Quanguo"};
    nomen_matcher *a, *b;
    assert_int_equal(nomen_matcher_new(ix, &a), NOMEN_OK);
    assert_int_equal(nomen_matcher_new(ix2, &b), NOMEN_OK);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        assert_int_equal(screen(a, names[i], NULL), NOMEN_OK);
        assert_int_equal(screen(b, names[i], NULL), NOMEN_OK);
        assert_int_equal(nomen_matcher_hit_count(a), nomen_matcher_hit_count(b));
        for (size_t h = 0; h < nomen_matcher_hit_count(a); h++) {
            assert_string_equal(nomen_hit_entity_id(a, h), nomen_hit_entity_id(b, h));
            assert_true(nomen_hit_score(a, h) == nomen_hit_score(b, h));
        }
    }
    nomen_matcher_free(a);
    nomen_matcher_free(b);
    nomen_index_free(ix2);

    /* Corruption: every kind is refused with a message, none crashes. */
    size_t len;
    char *bytes = nt_read_file(path, &len);
    assert_non_null(bytes);
    struct {
        size_t at;
        size_t keep;
        int want;
    } cases[] = {
        {0, len, NOMEN_ERR_PARSE},            /* bad magic */
        {len / 2, len, NOMEN_ERR_PARSE},      /* a flipped byte: checksum */
        {SIZE_MAX, len / 2, NOMEN_ERR_PARSE}, /* truncated */
        {SIZE_MAX, 10, NOMEN_ERR_PARSE},      /* shorter than a header */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        if (cases[k].at != SIZE_MAX)
            bytes[cases[k].at] ^= 0x5a;
        fwrite(bytes, 1, cases[k].keep, f);
        fclose(f);
        if (cases[k].at != SIZE_MAX)
            bytes[cases[k].at] ^= 0x5a;
        nomen_index *bad = NULL;
        assert_int_equal(nomen_index_load(path, &bad, err, sizeof err), cases[k].want);
        assert_null(bad);
        assert_true(strlen(err) > 0);
    }
    free(bytes);
    assert_int_equal(nomen_index_load("/no/such/index", &ix2, err, sizeof err), NOMEN_ERR_IO);
    remove(path);
    nomen_index_free(ix);
}

static void test_switch_index(void **state)
{
    (void)state;
    nomen_index *a = sample_index();
    nomen_index *bx = memory_index("id,name,type\nnew1,\"QUIGLEY, Barnaby\",individual\n", "new");
    nomen_matcher *m;
    assert_int_equal(nomen_matcher_new(a, &m), NOMEN_OK);
    assert_int_equal(screen(m, "Barnaby Quigley", NULL), NOMEN_OK);
    assert_int_equal(nomen_matcher_hit_count(m), 0);
    assert_int_equal(nomen_matcher_set_index(m, bx), NOMEN_OK);
    nomen_index_free(bx);
    nomen_index_free(a); /* the matcher holds neither now but bx */
    assert_int_equal(screen(m, "Barnaby Quigley", NULL), NOMEN_OK);
    assert_int_equal(nomen_matcher_hit_count(m), 1);
    assert_string_equal(nomen_hit_list(m, 0), "new");
    nomen_matcher_free(m);
}

/* Every hit explained, down to threshold 0 and with no limit: the
 * explanation code meets every kind of pairing (and once read an
 * uninitialized syllable alignment; UBSan caught it through the Go binding). */
static void test_explain_everything(void **state)
{
    (void)state;
    nomen_index *ix = sample_index();
    nomen_matcher *m = new_matcher(ix, 0, 0, 1);
    static const char *const names[] = {"Chen Quanguo",         "Chan Chuen Kwok", "陳全國",
                                        "Ch'en Ch'üan-kuo",     "Wang Zunzheng",   "Carrie Lam",
                                        "Tse Ka Wai",           "Kim Jong Un",     "Zhang Quanguo",
                                        "Ha Po Lung",           "Чэнь Цюаньго",    "Li Wei",
                                        "Emmerson D. Mnangagwa"};
    static const char *const dobs[] = {NULL, "1955", "1990-02-03"};
    size_t explained = 0;
    for (size_t d = 0; d < 3; d++) {
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            nomen_query q;
            nomen_query_init(&q);
            q.name = names[i];
            q.name_len = strlen(names[i]);
            if (dobs[d]) {
                q.dob = dobs[d];
                q.dob_len = strlen(dobs[d]);
                q.country = "FR";
                q.country_len = 2;
            }
            assert_int_equal(nomen_matcher_screen(m, &q), NOMEN_OK);
            for (size_t h = 0; h < nomen_matcher_hit_count(m); h++) {
                json_error_t jerr;
                json_t *j = json_loads(nomen_hit_explain_json(m, h), 0, &jerr);
                if (!j)
                    fail_msg("%s: explanation %zu is not JSON: %s", names[i], h, jerr.text);
                json_decref(j);
                explained++;
            }
        }
    }
    assert_true(explained > 100);
    nomen_matcher_free(m);
    nomen_index_free(ix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_explain_everything),
        cmocka_unit_test(test_builder_errors),
        cmocka_unit_test(test_screen),
        cmocka_unit_test(test_hits_pack),
        cmocka_unit_test(test_screen_batch),
        cmocka_unit_test(test_list_initials),
        cmocka_unit_test(test_index_file),
        cmocka_unit_test(test_switch_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
