/*
 * utf8.c: UTF-8 validation, decoding and encoding (unicode stage).
 * Validation follows the Unicode definition of well-formed UTF-8 (Table 3-7):
 * no overlong forms, no surrogates, nothing above U+10FFFF. libunistring's
 * u8_check does the work; the decoders assume validated input.
 */
#include "unicode/uni.h"

#include <unistr.h>

bool nomen__utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    const uint8_t *bad = u8_check((const uint8_t *)s, len);
    if (!bad)
        return true;
    if (bad_offset)
        *bad_offset = (size_t)(bad - (const uint8_t *)s);
    return false;
}

int nomen__utf8_next(const char *s, size_t len, uint32_t *cp)
{
    ucs4_t uc;
    int n = u8_mbtouc_unsafe(&uc, (const uint8_t *)s, len);
    *cp = (uint32_t)uc;
    return n > 0 ? n : 1;
}

size_t nomen__utf8_decode(const char *s, size_t len, uint32_t *out, size_t cap)
{
    size_t n = 0, i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        if (c < 0x80) {
            cp = c;
            i++;
        } else {
            i += (size_t)nomen__utf8_next(s + i, len - i, &cp);
        }
        if (n < cap)
            out[n] = cp;
        n++;
    }
    return n;
}

int nomen__utf8_encode(uint32_t cp, char out[4])
{
    return u8_uctomb((uint8_t *)out, (ucs4_t)cp, 4);
}
