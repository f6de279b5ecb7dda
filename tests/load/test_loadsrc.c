/*
 * test_loadsrc.c: input sources (chunked reads, checksum, byte count) and the
 * loader context (defaults, strict and lenient bad records).
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen */
#include "load/load.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deterministic bytes that are not periodic in the chunk size. */
static unsigned char *make_data(size_t n)
{
    unsigned char *d = malloc(n ? n : 1);
    assert_non_null(d);
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        d[i] = (unsigned char)(x >> 16);
    }
    return d;
}

/* The checksum as the contract defines it, computed independently. */
static uint64_t chained(const unsigned char *d, size_t n)
{
    uint64_t h = 0;
    for (size_t off = 0; off < n; off += NOMEN__SRC_CHUNK) {
        size_t k = n - off < NOMEN__SRC_CHUNK ? n - off : NOMEN__SRC_CHUNK;
        h = nomen__hash64(d + off, k, h);
    }
    return h;
}

static void read_all(nomen__src *src, size_t step, unsigned char *out, size_t *n)
{
    nomen__err err = {0};
    size_t got = 0, r;
    while ((r = nomen__src_read(src, out + got, step, &err)) > 0) {
        assert_true(r != (size_t)-1);
        assert_true(r <= step);
        got += r;
    }
    *n = got;
    nomen__err_free(&err);
}

static void test_mem_read_sizes(void **state)
{
    (void)state;
    const size_t sizes[] = {0,
                            1,
                            NOMEN__SRC_CHUNK - 1,
                            NOMEN__SRC_CHUNK,
                            NOMEN__SRC_CHUNK + 1,
                            3 * NOMEN__SRC_CHUNK + 777};
    const size_t steps[] = {1, 7, 4096, NOMEN__SRC_CHUNK, 200000};
    for (size_t i = 0; i < NOMEN__ARRAY_LEN(sizes); i++) {
        size_t n = sizes[i];
        unsigned char *d = make_data(n);
        unsigned char *out = malloc(n + 1);
        uint64_t want = chained(d, n);
        for (size_t j = 0; j < NOMEN__ARRAY_LEN(steps); j++) {
            if (steps[j] == 1 && n > NOMEN__SRC_CHUNK)
                continue; /* slow and adds nothing */
            nomen__src src;
            assert_int_equal(nomen__src_open_mem(&src, "m", d, n), NOMEN_OK);
            size_t got = 0;
            read_all(&src, steps[j], out, &got);
            assert_int_equal(got, n);
            assert_true(n == 0 || memcmp(out, d, n) == 0);
            assert_true(src.checksum == want);
            assert_int_equal(src.bytes, n);
            nomen__src_close(&src);
            assert_true(src.checksum == want);
            nomen__src_close(&src); /* twice is harmless */
        }
        free(out);
        free(d);
    }
}

static void test_close_early_completes_checksum(void **state)
{
    (void)state;
    size_t n = 2 * NOMEN__SRC_CHUNK + 10;
    unsigned char *d = make_data(n);
    unsigned char buf[100];
    nomen__err err = {0};
    nomen__src src;
    assert_int_equal(nomen__src_open_mem(&src, "m", d, n), NOMEN_OK);
    assert_int_equal(nomen__src_read(&src, buf, sizeof buf, &err), sizeof buf);
    assert_true(src.checksum != chained(d, n));
    nomen__src_close(&src);
    assert_true(src.checksum == chained(d, n));
    assert_int_equal(src.bytes, n);

    /* The same for a file: write it, read a little, close. */
    char path[] = "/tmp/nomen_loadsrc_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(d, 1, n, fp), n);
    fclose(fp);
    assert_int_equal(nomen__src_open_file(&src, path, &err), NOMEN_OK);
    assert_int_equal(nomen__src_read(&src, buf, sizeof buf, &err), sizeof buf);
    assert_memory_equal(buf, d, sizeof buf);
    nomen__src_close(&src);
    assert_true(src.checksum == chained(d, n));
    assert_int_equal(src.bytes, n);

    /* And the whole file read in odd steps gives the same bytes. */
    unsigned char *out = malloc(n);
    assert_int_equal(nomen__src_open_file(&src, path, &err), NOMEN_OK);
    size_t got = 0;
    read_all(&src, 5000, out, &got);
    assert_int_equal(got, n);
    assert_memory_equal(out, d, n);
    assert_true(src.checksum == chained(d, n));
    nomen__src_close(&src);
    remove(path);
    free(out);
    free(d);
    nomen__err_free(&err);
}

static void test_open_missing_file(void **state)
{
    (void)state;
    nomen__err err = {0};
    nomen__src src;
    assert_int_equal(nomen__src_open_file(&src, "/nonexistent/nomen/list.xml", &err), NOMEN_ERR_IO);
    assert_non_null(strstr(nomen__err_msg(&err), "/nonexistent/nomen/list.xml: "));
    nomen__src_close(&src);
    nomen__err_free(&err);
}

static void test_loader_defaults(void **state)
{
    (void)state;
    nomen__recset set;
    nomen__recset_init(&set);
    nomen__loader ld;
    assert_int_equal(nomen__loader_init(&ld, &set), NOMEN_OK);
    assert_ptr_equal(ld.set, &set);
    assert_false(ld.strict);
    assert_int_equal(ld.max_field_bytes, NOMEN__DEFAULT_MAX_FIELD);
    assert_int_equal(ld.max_xml_depth, NOMEN__DEFAULT_MAX_DEPTH);
    assert_non_null(ld.rb);
    assert_int_equal(ld.nskipped_total, 0);
    nomen__loader_free(&ld);
    nomen__recset_free(&set);
}

static void test_bad_record_lenient_and_strict(void **state)
{
    (void)state;
    nomen__recset set;
    nomen__recset_init(&set);
    nomen__loader ld;
    assert_int_equal(nomen__loader_init(&ld, &set), NOMEN_OK);
    uint32_t si = 99;
    assert_true(nomen__recset_add_source(&set, "un-sc", "un-xml", "x.xml", &si));
    assert_int_equal(si, 0);

    assert_int_equal(nomen__loader_bad_record(&ld, si, "x.xml", 12, 5, "no name in record %d", 7),
                     NOMEN_OK);
    assert_int_equal(nomen__loader_bad_record(&ld, si, "x.xml", 40, 0, "empty"), NOMEN_OK);
    assert_string_equal(nomen__buf_str(&ld.skipped),
                        "x.xml:12:5: no name in record 7\nx.xml:40: empty\n");
    assert_int_equal(ld.nskipped_total, 2);
    assert_int_equal(set.sources[si].records_skipped, 2);

    ld.strict = true;
    assert_int_equal(nomen__loader_bad_record(&ld, si, "x.xml", 50, 3, "bad date"),
                     NOMEN_ERR_PARSE);
    assert_int_equal(ld.err.status, NOMEN_ERR_PARSE);
    assert_string_equal(nomen__err_msg(&ld.err), "x.xml:50:3: bad date");
    /* Strict mode does not count a skip: the load fails instead. */
    assert_int_equal(ld.nskipped_total, 2);
    assert_int_equal(set.sources[si].records_skipped, 2);
    nomen__loader_free(&ld);
    nomen__recset_free(&set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mem_read_sizes),
        cmocka_unit_test(test_close_early_completes_checksum),
        cmocka_unit_test(test_open_missing_file),
        cmocka_unit_test(test_loader_defaults),
        cmocka_unit_test(test_bad_record_lenient_and_strict),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
