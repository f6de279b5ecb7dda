/* Tests of the core stage: buffers, arenas, errors, hashing, statuses. */
#include "testutil.h"

#include "core/core.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_buf(void **state)
{
    (void)state;
    nomen__buf b = {0};
    assert_string_equal(nomen__buf_str(&b), "");
    for (int i = 0; i < 1000; i++)
        assert_true(nomen__buf_addf(&b, "%d,", i));
    assert_int_equal(strncmp(b.data, "0,1,2,", 6), 0);
    assert_int_equal(b.len, strlen(b.data));
    nomen__buf_clear(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(nomen__buf_str(&b), "");
    assert_true(nomen__buf_add(&b, "a\0b", 3));
    assert_int_equal(b.len, 3);
    assert_false(nomen__buf_reserve(&b, SIZE_MAX - 1));
    nomen__buf_free(&b);
    nomen__buf_free(&b); /* twice is harmless */
}

/* nomen__hex_double writes what glibc's printf "%a" writes, and strtod reads
 * it back to the same double: zeros, subnormals, the extremes, infinities,
 * NaN and a spread of bit patterns. */
static void hex_double_check(double x)
{
    char mine[NOMEN__HEX_DOUBLE_MAX + 1], libc[64];
    size_t n = nomen__hex_double(x, mine);
    assert_true(n <= NOMEN__HEX_DOUBLE_MAX);
    mine[n] = '\0';
    snprintf(libc, sizeof libc, "%a", x);
    assert_string_equal(mine, libc);
    if (x == x)
        assert_true(memcmp(&(double){strtod(mine, NULL)}, &x, sizeof x) == 0);
}

static void test_hex_double(void **state)
{
    (void)state;
    static const double fixed[] = {0.0,
                                   -0.0,
                                   1.0,
                                   0.75,
                                   2.0 / 3.0,
                                   (double)(2.0f / 3),
                                   0.5,
                                   1e-300,
                                   1e300,
                                   4.9e-324,
                                   2.2250738585072009e-308,
                                   1.7976931348623157e308,
                                   -0.1,
                                   1.0 / 0.0,
                                   -1.0 / 0.0,
                                   123456.789};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        hex_double_check(fixed[i]);
    uint64_t bits = 0x9e3779b97f4a7c15u;
    for (int i = 0; i < 100000; i++) {
        bits ^= bits << 13;
        bits ^= bits >> 7;
        bits ^= bits << 17;
        double x;
        memcpy(&x, &bits, sizeof x);
        hex_double_check(x);
        hex_double_check((double)(float)(i / 100000.0));
    }
    char out[NOMEN__HEX_DOUBLE_MAX];
    double nan;
    uint64_t qnan = 0x7ff8000000000000u;
    memcpy(&nan, &qnan, sizeof nan);
    assert_int_equal(nomen__hex_double(nan, out), 3);
    assert_memory_equal(out, "nan", 3);
}

static void test_arena(void **state)
{
    (void)state;
    nomen__arena a = {0};
    char *prev = NULL;
    for (int i = 0; i < 20000; i++) {
        char *s = nomen__arena_strndup(&a, "hello", 5);
        assert_non_null(s);
        assert_string_equal(s, "hello");
        assert_int_equal(((uintptr_t)s) % 16, 0);
        assert_ptr_not_equal(s, prev);
        prev = s;
    }
    void *big = nomen__arena_alloc(&a, 1 << 20);
    assert_non_null(big);
    memset(big, 1, 1 << 20);
    assert_null(nomen__arena_alloc(&a, SIZE_MAX - 3));
    nomen__arena_free(&a);
    nomen__arena_free(&a);
}

static void test_err(void **state)
{
    (void)state;
    nomen__err e = {0};
    assert_string_equal(nomen__err_msg(&e), "");
    int rc = nomen__err_set(&e, NOMEN_ERR_PARSE, "%s:%d:%d: expected %s", "sdn.csv", 12, 7, "','");
    assert_int_equal(rc, NOMEN_ERR_PARSE);
    assert_string_equal(nomen__err_msg(&e), "sdn.csv:12:7: expected ','");
    nomen__err_clear(&e);
    assert_int_equal(e.status, NOMEN_OK);
    nomen__err_free(&e);
}

static void test_hash(void **state)
{
    (void)state;
    /* Stable across runs and platforms: these values are stored in files. */
    uint64_t h1 = nomen__hash64("chen quanguo", 12, 0);
    assert_true(h1 == nomen__hash64("chen quanguo", 12, 0));
    assert_true(h1 != nomen__hash64("chen quanguo", 12, 1));
    assert_true(h1 != nomen__hash64("chen quangup", 12, 0));
    assert_true(nomen__hash64("", 0, 0) != nomen__hash64("\0", 1, 0));
    /* Every length up to 40 hashes differently from its neighbours. */
    char buf[40];
    memset(buf, 'x', sizeof buf);
    for (size_t n = 1; n < sizeof buf; n++)
        assert_true(nomen__hash64(buf, n, 0) != nomen__hash64(buf, n - 1, 0));
}

static void test_status(void **state)
{
    (void)state;
    assert_string_equal(nomen_status_str(NOMEN_OK), "ok");
    assert_string_equal(nomen_status_str(NOMEN_ERR_UTF8), "invalid UTF-8");
    assert_string_equal(nomen_status_str(12345), "unknown status");
    for (int s = 0; s <= NOMEN_ERR_INTERNAL; s++)
        assert_string_not_equal(nomen_status_str(s), "unknown status");
    assert_int_equal(nomen_version(), NOMEN_VERSION_NUMBER);
    assert_string_equal(nomen_version_string(), NOMEN_VERSION_STRING);
    assert_string_equal(nomen_script_name(NOMEN_SCRIPT_HAN), "han");
    assert_string_equal(nomen_script_name(-1), "unknown");
}

static void test_grow(void **state)
{
    (void)state;
    int *v = NULL;
    size_t cap = 0;
    void *p = v;
    assert_true(nomen__grow(&p, &cap, 100, sizeof(int)));
    assert_true(cap >= 100);
    assert_false(nomen__grow(&p, &cap, SIZE_MAX / 2, sizeof(int)));
    nomen__free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf),        cmocka_unit_test(test_arena),
        cmocka_unit_test(test_err),        cmocka_unit_test(test_hash),
        cmocka_unit_test(test_status),     cmocka_unit_test(test_grow),
        cmocka_unit_test(test_hex_double),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
