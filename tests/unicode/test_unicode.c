/* Tests of the unicode stage: UTF-8, normalization, scripts, transliterators. */
#include "testutil.h"

#include "unicode/uni.h"

#include <stdlib.h>
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

/* ---- the Han tables against ICU ------------------------------------------ */

static uint64_t xorshift(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

typedef struct han_check {
    nomen__translit *t;
    nomen__buf fast, icu;
    size_t compared, taken; /* inputs compared; of those, done by the tables */
} han_check;

/* The three Han transforms of s, through nomen__translit_run (tables first)
 * and through ICU alone: byte for byte the same. */
static void han_compare(han_check *h, const char *s, size_t n)
{
    static const int which[3] = {NOMEN__TR_HAN_LATIN, NOMEN__TR_HAN_LATIN_NAMES,
                                 NOMEN__TR_HANT_HANS};
    for (int k = 0; k < 3; k++) {
        nomen__buf_clear(&h->fast);
        nomen__buf_clear(&h->icu);
        int rc = nomen__hanfast_run(which[k], s, n, &h->fast);
        if (rc == NOMEN__HANFAST_DECLINED) {
            nomen__buf_clear(&h->fast);
            assert_int_equal(nomen__translit_run(h->t, which[k], s, n, &h->fast), NOMEN_OK);
        } else {
            assert_int_equal(rc, NOMEN_OK);
            h->taken++;
        }
        assert_int_equal(nomen__translit_run_icu(h->t, which[k], s, n, &h->icu), NOMEN_OK);
        if (h->fast.len != h->icu.len || memcmp(h->fast.data, h->icu.data, h->fast.len) != 0)
            fail_msg("%s of \"%.*s\": tables \"%s\", ICU \"%s\"", nomen__translit_id(which[k]),
                     (int)n, s, nomen__buf_str(&h->fast), nomen__buf_str(&h->icu));
        h->compared++;
    }
}

static void han_compare_cps(han_check *h, const uint32_t *cp, size_t n)
{
    char s[64 * 4];
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)nomen__utf8_encode(cp[i], s + len);
    han_compare(h, s, len);
}

/* Every Han string of a text file: runs of characters from U+3400 up. */
static size_t han_compare_file(han_check *h, const char *relative, size_t every)
{
    char *path = nt_shared_path(relative);
    if (!path)
        return 0;
    size_t len, runs = 0;
    char *text = nt_read_file(path, &len);
    assert_non_null(text);
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int k = nomen__utf8_next(text + i, len - i, &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        if (cp < 0x3400) {
            i += (size_t)k;
            continue;
        }
        size_t start = i, ncp = 0;
        while (i < len && ncp < 16) {
            k = nomen__utf8_next(text + i, len - i, &cp);
            if (k <= 0 || cp < 0x3400)
                break;
            i += (size_t)k;
            ncp++;
        }
        if (runs++ % every == 0)
            han_compare(h, text + start, i - start);
    }
    free(text);
    free(path);
    return runs;
}

/* ICU's rule-based transliterators serialize on one process-wide mutex, so
 * the Han transforms run from tables read out of ICU's rules (hanfast.c).
 * They must give what ICU gives: on every character of the BMP's Han blocks
 * and a spread of the supplementary ones, on pairs and triples of the
 * characters that ICU's rules read in context, on random runs, and on the
 * Han text of CC-CEDICT's headwords and the shared lists. */
static void test_han_tables(void **state)
{
    (void)state;
    assert_true(nomen__hanfast_ready(NOMEN__TR_HAN_LATIN));
    assert_true(nomen__hanfast_ready(NOMEN__TR_HAN_LATIN_NAMES));
    assert_true(nomen__hanfast_ready(NOMEN__TR_HANT_HANS));
    assert_false(nomen__hanfast_ready(NOMEN__TR_ANY_LATIN));
    nomen__buf b = {0};
    assert_int_equal(nomen__hanfast_run(NOMEN__TR_ANY_LATIN, "x", 1, &b), NOMEN__HANFAST_DECLINED);
    /* Not Han, or a compatibility ideograph: ICU does those. */
    assert_int_equal(nomen__hanfast_run(NOMEN__TR_HAN_LATIN, "陈a", strlen("陈a"), &b),
                     NOMEN__HANFAST_DECLINED);
    assert_int_equal(nomen__hanfast_run(NOMEN__TR_HAN_LATIN, "\xef\xa4\x80", 3, &b),
                     NOMEN__HANFAST_DECLINED); /* U+F900 */
    assert_int_equal(nomen__hanfast_run(NOMEN__TR_HAN_LATIN, "陈全国", strlen("陈全国"), &b),
                     NOMEN_OK);
    assert_string_equal(nomen__buf_str(&b), "chén quán guó");
    nomen__buf_free(&b);

    nomen__err err = {0};
    nomen__translit_proto *p = NULL;
    assert_int_equal(nomen__translit_proto_open(&p, &err), NOMEN_OK);
    han_check h = {0};
    assert_int_equal(nomen__translit_new(p, &h.t, &err), NOMEN_OK);
    uint32_t one[1];
    for (uint32_t c = 0x3400; c <= 0x9FFF; c++) {
        if (c > 0x4DBF && c < 0x4E00)
            continue;
        one[0] = c;
        han_compare_cps(&h, one, 1);
    }
    for (uint32_t c = 0xF900; c <= 0xFAFF; c++) {
        one[0] = c;
        han_compare_cps(&h, one, 1);
    }
    for (uint32_t c = 0x20000; c <= 0x3134F; c += 11) {
        one[0] = c;
        han_compare_cps(&h, one, 1);
    }
    /* The characters ICU's Han-Latin and Han-Latin/Names rules read in
     * context or at a name's start, with their partners, and a few common
     * surname and given-name characters, in pairs, triples and random runs. */
    static const char ctx[] = "藏文重庆沈阳秘鲁令狐万俟澹台长孙卜种刀盖过华纪牟粘区繁任单召"
                              "折舍解燕尉乐员查干葛筠靓仇峙隗莘翟曾陈陳全国國王李张張于飛"
                              "鮮單生薑崑崙餘";
    uint32_t c[128];
    size_t nc = nomen__utf8_decode(ctx, strlen(ctx), c, 128);
    assert_true(nc <= 128);
    uint32_t run[8];
    for (size_t i = 0; i < nc; i++)
        for (size_t j = 0; j < nc; j++) {
            run[0] = c[i];
            run[1] = c[j];
            han_compare_cps(&h, run, 2);
            run[2] = c[(i + j) % nc];
            han_compare_cps(&h, run, 3);
        }
    uint64_t x = 0x243f6a8885a308d3u;
    for (int r = 0; r < 20000; r++) {
        size_t n = 1 + (size_t)(xorshift(&x) % 6);
        for (size_t i = 0; i < n; i++) {
            xorshift(&x);
            run[i] = (x >> 40) % 3 ? c[(x >> 8) % nc] : 0x4E00 + (uint32_t)((x >> 20) % 0x5200);
        }
        han_compare_cps(&h, run, n);
    }
    size_t words = han_compare_file(&h, "data/romanization/cc-cedict/cedict_ts.u8", 3);
    size_t names = han_compare_file(&h, "data/names/faker/zh_CN.person.json", 1);
    names += han_compare_file(&h, "data/names/faker/zh_TW.person.json", 1);
    names += han_compare_file(&h, "data/lists/un/2026-02-27/consolidated.xml", 1);
    print_message("Han tables: %zu transforms compared with ICU, %zu done by the tables "
                  "(%zu CC-CEDICT runs, a third compared; %zu name runs)\n",
                  h.compared, h.taken, words, names);
    assert_true(h.taken > h.compared / 2);
    nomen__buf_free(&h.fast);
    nomen__buf_free(&h.icu);
    nomen__translit_free(h.t);
    nomen__translit_proto_free(p);
    nomen__err_free(&err);
}

/* Latin-ASCII a character at a time (a clone's memo) against ICU on the
 * whole text. */
static void latin_compare(nomen__translit *t, nomen__buf *fast, nomen__buf *icu, const char *s,
                          size_t n)
{
    nomen__buf_clear(fast);
    nomen__buf_clear(icu);
    assert_int_equal(nomen__translit_run(t, NOMEN__TR_LATIN_ASCII, s, n, fast), NOMEN_OK);
    assert_int_equal(nomen__translit_run_icu(t, NOMEN__TR_LATIN_ASCII, s, n, icu), NOMEN_OK);
    if (fast->len != icu->len || memcmp(fast->data, icu->data, fast->len) != 0)
        fail_msg("Latin-ASCII of \"%.*s\": memo \"%s\", ICU \"%s\"", (int)n, s,
                 nomen__buf_str(fast), nomen__buf_str(icu));
}

static void latin_compare_cps(nomen__translit *t, nomen__buf *fast, nomen__buf *icu,
                              const uint32_t *cp, size_t n)
{
    char s[16 * 4];
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)nomen__utf8_encode(cp[i], s + len);
    latin_compare(t, fast, icu, s, len);
}

/* The words with a non-ASCII character in a file. */
static size_t latin_compare_file(nomen__translit *t, nomen__buf *fast, nomen__buf *icu,
                                 const char *relative)
{
    char *path = nt_shared_path(relative);
    if (!path)
        return 0;
    size_t len, words = 0;
    char *text = nt_read_file(path, &len);
    assert_non_null(text);
    for (size_t i = 0; i < len;) {
        size_t start = i;
        bool high = false;
        while (i < len && text[i] != ' ' && text[i] != '\n' && text[i] != '<' && text[i] != '>' &&
               text[i] != ',' && text[i] != '"' && i - start < 60) {
            high |= (unsigned char)text[i] >= 0x80;
            i++;
        }
        while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
            i++; /* never split a character */
        if (high && nomen__utf8_valid(text + start, i - start, NULL)) {
            latin_compare(t, fast, icu, text + start, i - start);
            words++;
        }
        if (i == start)
            i++;
    }
    free(text);
    free(path);
    return words;
}

/* Latin-ASCII goes a character at a time through a clone's memo, so that a
 * clone asks ICU (and takes its lock) only for characters it has not seen.
 * The same as ICU on the whole text: every character up to U+2FFF and the
 * compatibility and letterlike blocks beyond, every pair of Latin-1 and
 * Latin Extended letters, random runs with ASCII and combining marks, and
 * the non-ASCII words of the shared lists. */
static void test_latin_ascii_memo(void **state)
{
    (void)state;
    nomen__err err = {0};
    nomen__translit_proto *p = NULL;
    assert_int_equal(nomen__translit_proto_open(&p, &err), NOMEN_OK);
    nomen__translit *t = NULL;
    nomen__buf fast = {0}, icu = {0};
    uint32_t cp[8];
    static const uint32_t ranges[][2] = {{0x80, 0x2FFF},     {0xA720, 0xA7FF},  {0xAB30, 0xAB6F},
                                         {0xFB00, 0xFB4F},   {0xFF00, 0xFFEF},  {0x1D400, 0x1D7FF},
                                         {0x1F100, 0x1F1FF}, {0x1DF00, 0x1DFFF}};
    size_t seen = 0;
    for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++)
        for (uint32_t c = ranges[r][0]; c <= ranges[r][1]; c++) {
            if (c >= 0xD800 && c <= 0xDFFF)
                continue;
            if (seen++ % 3000 == 0) { /* a fresh clone before the memo fills */
                nomen__translit_free(t);
                assert_int_equal(nomen__translit_new(p, &t, &err), NOMEN_OK);
            }
            cp[0] = c;
            latin_compare_cps(t, &fast, &icu, cp, 1);
            cp[0] = 'a';
            cp[1] = c;
            cp[2] = 'b';
            latin_compare_cps(t, &fast, &icu, cp, 3);
        }
    nomen__translit_free(t);
    assert_int_equal(nomen__translit_new(p, &t, &err), NOMEN_OK);
    for (uint32_t a = 0xC0; a <= 0x24F; a++)
        for (uint32_t b = 0xC0; b <= 0x24F; b += 3) {
            cp[0] = a;
            cp[1] = b;
            latin_compare_cps(t, &fast, &icu, cp, 2);
        }
    static const uint32_t pool[] = {'a',    'n',    'Z',   '9',   ' ',   '\'',  '-',
                                    0xE9,   0xF8,   0x142, 0x111, 0xDF,  0xE6,  0x131,
                                    0x14B,  0x300,  0x301, 0x308, 0x327, 0x2BC, 0x2019,
                                    0x1E9E, 0x1EA1, 0x1F1, 0x1C5, 0x3B1, 0x439, 0xFF21};
    uint64_t x = 0x9e3779b97f4a7c15u;
    for (int r = 0; r < 20000; r++) {
        size_t n = 1 + (size_t)(xorshift(&x) % 6);
        for (size_t i = 0; i < n; i++) {
            xorshift(&x);
            cp[i] = pool[(x >> 11) % (sizeof pool / sizeof *pool)];
        }
        latin_compare_cps(t, &fast, &icu, cp, n);
    }
    size_t words = latin_compare_file(t, &fast, &icu,
                                      "data/lists/uk/2025-04-14/ConList.derived_from_xlsx.csv");
    words += latin_compare_file(t, &fast, &icu,
                                "data/lists/ofac/cons_2025-01_enhanced/CONS_ENHANCED.XML");
    print_message("Latin-ASCII memo: %zu characters, and %zu non-ASCII words of the lists, as ICU "
                  "gives them\n",
                  seen, words);
    nomen__buf_free(&fast);
    nomen__buf_free(&icu);
    nomen__translit_free(t);
    nomen__translit_proto_free(p);
    nomen__err_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid),       cmocka_unit_test(test_utf8_decode),
        cmocka_unit_test(test_normalization),    cmocka_unit_test(test_scripts),
        cmocka_unit_test(test_translit),         cmocka_unit_test(test_han_tables),
        cmocka_unit_test(test_latin_ascii_memo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
