/* Tests of the unicode stage: UTF-8, normalization, scripts, transliterators. */
#include "testutil.h"

#include "unicode/uni.h"

#include <string.h>

static void test_utf8_valid(void **state)
{
    (void)state;
    size_t off = 99;
    assert_true(nomen__utf8_valid("Chen 陈全国", strlen("Chen 陈全国"), &off));
    assert_false(nomen__utf8_valid("ab\xff", 3, &off));
    assert_int_equal(off, 2);
    assert_false(nomen__utf8_valid("a\xc0\xaf", 3, &off)); /* overlong '/' */
    assert_int_equal(off, 1);
    assert_false(nomen__utf8_valid("\xed\xa0\x80", 3, &off)); /* surrogate */
    assert_int_equal(off, 0);
    assert_false(nomen__utf8_valid("xy\xf4\x90\x80\x80", 6, &off)); /* > U+10FFFF */
    assert_int_equal(off, 2);
    assert_false(nomen__utf8_valid("\xe9\x99", 2, &off)); /* truncated */
    assert_int_equal(off, 0);
    assert_true(nomen__utf8_valid("", 0, &off));
}

static void test_utf8_decode(void **state)
{
    (void)state;
    uint32_t cp[8];
    const char *s = "Lü陈\xf0\x9f\x98\x80";
    size_t n = nomen__utf8_decode(s, strlen(s), cp, 8);
    assert_int_equal(n, 4);
    assert_int_equal(cp[0], 'L');
    assert_int_equal(cp[1], 0xFC);
    assert_int_equal(cp[2], 0x9648);
    assert_int_equal(cp[3], 0x1F600);
    assert_int_equal(nomen__utf8_decode(s, strlen(s), cp, 2), 4); /* counts beyond cap */
    char out[4];
    assert_int_equal(nomen__utf8_encode(0x9648, out), 3);
    assert_memory_equal(out, "陈", 3);
}

static void check(int (*fn)(const char *, size_t, nomen__buf *), const char *in, const char *want)
{
    nomen__buf b = {0};
    assert_int_equal(fn(in, strlen(in), &b), NOMEN_OK);
    assert_string_equal(nomen__buf_str(&b), want);
    nomen__buf_free(&b);
}

static void test_normalization(void **state)
{
    (void)state;
    check(nomen__nfkc_casefold, "Ｃｈｅｎ\u3000ＱＵＡＮＧＵＯ", "chen quanguo");
    check(nomen__nfkc_casefold, "Straße", "strasse");
    check(nomen__nfkc_casefold, "ẞ", "ss");
    check(nomen__nfkc_casefold, "Quan\u00adguo", "quanguo"); /* soft hyphen */
    check(nomen__nfkc_casefold, "Quan\u200bguo", "quanguo"); /* zero-width space */
    check(nomen__nfkc_casefold, "ΣΊΣΥΦΟΣ", "σίσυφοσ");
    check(nomen__nfkc_casefold, "PLAIN ascii", "plain ascii");
    check(nomen__strip_marks, "Çáŕẗéř", "Carter");
    check(nomen__strip_marks, "Lǚ Bù", "Lu Bu");
    check(nomen__strip_marks, "Łódź", "Łodz"); /* Ł has no decomposition */
    check(nomen__nfc, "e\u0301", "\u00e9");
}

static void test_scripts(void **state)
{
    (void)state;
    assert_int_equal(nomen__script_of('a'), NOMEN_SCRIPT_LATIN);
    assert_int_equal(nomen__script_of(0x9648), NOMEN_SCRIPT_HAN);
    assert_int_equal(nomen__script_of(0x31350), NOMEN_SCRIPT_HAN); /* CJK Ext. H, Unicode 15 */
    assert_int_equal(nomen__script_of(0x0416), NOMEN_SCRIPT_CYRILLIC);
    assert_int_equal(nomen__script_of(0x0645), NOMEN_SCRIPT_ARABIC);
    assert_int_equal(nomen__script_of(0xAE40), NOMEN_SCRIPT_HANGUL);
    assert_int_equal(nomen__script_of(0x30AB), NOMEN_SCRIPT_KANA);
    assert_int_equal(nomen__script_of('7'), NOMEN_SCRIPT_UNKNOWN);
    assert_int_equal(nomen__script_of(0x0F40), NOMEN_SCRIPT_OTHER); /* Tibetan */
    assert_true(nomen__is_word_char(0x9648));
    assert_true(nomen__is_word_char(0x0301));
    assert_false(nomen__is_word_char('-'));
    assert_false(nomen__is_word_char(0x00B7));
    assert_string_equal(nomen__icu_unicode_version(), "15.0");
}

static void run(nomen__translit *t, int which, const char *in, const char *want)
{
    nomen__buf b = {0};
    assert_int_equal(nomen__translit_run(t, which, in, strlen(in), &b), NOMEN_OK);
    assert_string_equal(nomen__buf_str(&b), want);
    nomen__buf_free(&b);
}

static void test_translit(void **state)
{
    (void)state;
    nomen__err err = {0};
    nomen__translit_proto *p = NULL;
    assert_int_equal(nomen__translit_proto_open(&p, &err), NOMEN_OK);
    nomen__translit *t = NULL;
    assert_int_equal(nomen__translit_new(p, &t, &err), NOMEN_OK);
    run(t, NOMEN__TR_HAN_LATIN, "陈全国", "chén quán guó");
    run(t, NOMEN__TR_HAN_LATIN, "陳全國", "chén quán guó");
    run(t, NOMEN__TR_HAN_LATIN, "曾", "céng");
    run(t, NOMEN__TR_HAN_LATIN_NAMES, "曾", "zēng");
    run(t, NOMEN__TR_HAN_LATIN_NAMES, "单", "shàn");
    run(t, NOMEN__TR_HANT_HANS, "陳全國", "陈全国");
    run(t, NOMEN__TR_ANY_LATIN, "Владимир", "Vladimir");
    run(t, NOMEN__TR_LATIN_ASCII, "Øresund Đoàn", "Oresund Doan");
    /* A long input grows the scratch buffer. */
    nomen__buf big = {0}, out = {0};
    for (int i = 0; i < 2000; i++)
        nomen__buf_adds(&big, "陈");
    assert_int_equal(nomen__translit_run(t, NOMEN__TR_HAN_LATIN, big.data, big.len, &out),
                     NOMEN_OK);
    assert_int_equal(out.len, 2000 * strlen("chén ") - 1);
    nomen__buf_free(&big);
    nomen__buf_free(&out);
    assert_null(nomen__translit_id(-1));
    nomen__translit_free(t);
    nomen__translit_proto_free(p);
    nomen__translit_free(NULL);
    nomen__translit_proto_free(NULL);
    nomen__err_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid),    cmocka_unit_test(test_utf8_decode),
        cmocka_unit_test(test_normalization), cmocka_unit_test(test_scripts),
        cmocka_unit_test(test_translit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
