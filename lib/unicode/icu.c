/*
 * icu.c: normalization, case folding, scripts and versions through ICU and
 * libunistring (unicode stage).
 *
 * NFKC_Casefold comes from ICU because libunistring's u8_casefold keeps
 * default-ignorable code points (soft hyphen, zero-width space), which must
 * vanish from matching keys. NFC and mark removal use libunistring, which
 * works on UTF-8 directly. Scripts come from ICU (Unicode 15; libunistring 1.0
 * knows only Unicode 14 and misses CJK Extension H).
 */
#include "unicode/uni_icu.h"

#include <uninorm.h>
#include <unictype.h>
#include <unistr.h>

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

/* UTF-8 -> UTF-16 into a malloc'ed buffer. */
static int to_utf16(const char *s, size_t len, UChar **out, int32_t *out_len)
{
    if (len > INT32_MAX / 2)
        return NOMEN_ERR_LIMIT;
    UErrorCode st = U_ZERO_ERROR;
    int32_t need = 0;
    u_strFromUTF8(NULL, 0, &need, s, (int32_t)len, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        return NOMEN_ERR_UTF8;
    UChar *u = nomen__malloc(((size_t)need + 1) * sizeof(UChar));
    if (!u)
        return NOMEN_ERR_NOMEM;
    st = U_ZERO_ERROR;
    u_strFromUTF8(u, need + 1, out_len, s, (int32_t)len, &st);
    if (U_FAILURE(st)) {
        nomen__free(u);
        return NOMEN_ERR_UTF8;
    }
    *out = u;
    return NOMEN_OK;
}

int nomen__uni_append_utf16(nomen__buf *out, const UChar *u, int32_t ulen)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t need = 0;
    u_strToUTF8(NULL, 0, &need, u, ulen, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        return NOMEN_ERR_ICU;
    if (!nomen__buf_reserve(out, (size_t)need))
        return NOMEN_ERR_NOMEM;
    st = U_ZERO_ERROR;
    u_strToUTF8(out->data + out->len, need + 1, NULL, u, ulen, &st);
    if (U_FAILURE(st))
        return NOMEN_ERR_ICU;
    out->len += (size_t)need;
    out->data[out->len] = '\0';
    return NOMEN_OK;
}

int nomen__uni_to_utf16(const char *s, size_t len, UChar **out, int32_t *out_len)
{
    return to_utf16(s, len, out, out_len);
}

int nomen__nfkc_casefold(const char *s, size_t len, nomen__buf *out)
{
    /* ASCII fast path: NFKC_Casefold of ASCII is plain lowercasing. */
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    if (i == len) {
        if (!nomen__buf_reserve(out, len))
            return NOMEN_ERR_NOMEM;
        for (i = 0; i < len; i++) {
            char c = s[i];
            out->data[out->len++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        out->data[out->len] = '\0';
        return NOMEN_OK;
    }
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *n2 = unorm2_getNFKCCasefoldInstance(&st);
    if (U_FAILURE(st))
        return NOMEN_ERR_ICU;
    UChar *u = NULL;
    int32_t ulen = 0;
    int rc = to_utf16(s, len, &u, &ulen);
    if (rc)
        return rc;
    /* NFKC_Casefold can expand (ﷺ is 18 code units); allow for it. */
    int32_t cap = ulen * 3 + 16;
    UChar *d = NULL;
    for (int attempt = 0; attempt < 2; attempt++) {
        d = nomen__malloc((size_t)cap * sizeof(UChar));
        if (!d) {
            nomen__free(u);
            return NOMEN_ERR_NOMEM;
        }
        st = U_ZERO_ERROR;
        int32_t dlen = unorm2_normalize(n2, u, ulen, d, cap, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR) {
            nomen__free(d);
            cap = dlen + 1;
            continue;
        }
        if (U_FAILURE(st))
            break;
        rc = nomen__uni_append_utf16(out, d, dlen);
        nomen__free(d);
        nomen__free(u);
        return rc;
    }
    nomen__free(d);
    nomen__free(u);
    return NOMEN_ERR_ICU;
}

static int normalize_u8(uninorm_t form, const char *s, size_t len, nomen__buf *out)
{
    size_t n = 0;
    uint8_t *r = u8_normalize(form, (const uint8_t *)s, len, NULL, &n);
    if (!r)
        return NOMEN_ERR_NOMEM;
    bool ok = nomen__buf_add(out, r, n);
    free(r);
    return ok ? NOMEN_OK : NOMEN_ERR_NOMEM;
}

int nomen__nfc(const char *s, size_t len, nomen__buf *out)
{
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    if (i == len)
        return nomen__buf_add(out, s, len) ? NOMEN_OK : NOMEN_ERR_NOMEM;
    return normalize_u8(UNINORM_NFC, s, len, out);
}

int nomen__strip_marks(const char *s, size_t len, nomen__buf *out)
{
    return nomen__strip_marks_ex(s, len, false, out);
}

int nomen__strip_marks_ex(const char *s, size_t len, bool keep_u_diaeresis, nomen__buf *out)
{
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    if (i == len)
        return nomen__buf_add(out, s, len) ? NOMEN_OK : NOMEN_ERR_NOMEM;
    size_t n = 0;
    uint8_t *d = u8_normalize(UNINORM_NFD, (const uint8_t *)s, len, NULL, &n);
    if (!d)
        return NOMEN_ERR_NOMEM;
    /* Drop nonspacing marks in place, then recompose what is left. A
     * diaeresis (U+0308) directly after the base u/U survives when asked:
     * NFD orders marks canonically, and U+0308 (class 230) may follow or
     * precede a tone mark (also 230), so look back to the base letter. */
    size_t w = 0;
    ucs4_t base = 0;
    for (size_t r = 0; r < n;) {
        ucs4_t uc;
        int k = u8_mbtouc_unsafe(&uc, d + r, n - r);
        if (k <= 0)
            k = 1;
        bool mark = uc_is_general_category(uc, UC_NON_SPACING_MARK);
        bool keep = !mark || (keep_u_diaeresis && uc == 0x0308 && (base == 'u' || base == 'U'));
        if (!mark)
            base = uc;
        if (keep) {
            memmove(d + w, d + r, (size_t)k);
            w += (size_t)k;
        }
        r += (size_t)k;
    }
    int rc = normalize_u8(UNINORM_NFC, (const char *)d, w, out);
    free(d);
    return rc;
}

int nomen__script_of(uint32_t cp)
{
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript((UChar32)cp, &st);
    if (U_FAILURE(st))
        return NOMEN_SCRIPT_UNKNOWN;
    switch (sc) {
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
    case USCRIPT_UNKNOWN:
        return NOMEN_SCRIPT_UNKNOWN;
    case USCRIPT_LATIN:
        return NOMEN_SCRIPT_LATIN;
    case USCRIPT_HAN:
        return NOMEN_SCRIPT_HAN;
    case USCRIPT_CYRILLIC:
        return NOMEN_SCRIPT_CYRILLIC;
    case USCRIPT_ARABIC:
        return NOMEN_SCRIPT_ARABIC;
    case USCRIPT_GREEK:
        return NOMEN_SCRIPT_GREEK;
    case USCRIPT_HEBREW:
        return NOMEN_SCRIPT_HEBREW;
    case USCRIPT_HANGUL:
        return NOMEN_SCRIPT_HANGUL;
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
        return NOMEN_SCRIPT_KANA;
    case USCRIPT_THAI:
        return NOMEN_SCRIPT_THAI;
    case USCRIPT_DEVANAGARI:
        return NOMEN_SCRIPT_DEVANAGARI;
    default:
        return NOMEN_SCRIPT_OTHER;
    }
}

bool nomen__is_word_char(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    int8_t t = u_charType((UChar32)cp);
    switch (t) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_DECIMAL_DIGIT_NUMBER:
        return true;
    default:
        return false;
    }
}

bool nomen__is_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return u_isULowercase((UChar32)cp) != 0;
}

bool nomen__is_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return u_isUUppercase((UChar32)cp) != 0;
}

/* The versions of the ICU headers the library was built with. The library
 * links against that ICU's soname (libicuuc.so.72 on Debian 12), so they are
 * also the versions in use at run time. */
const char *nomen__icu_unicode_version(void)
{
    return U_UNICODE_VERSION;
}

const char *nomen__icu_version(void)
{
    return U_ICU_VERSION;
}

NOMEN_EXPORT const char *nomen_unicode_version(void)
{
    return nomen__icu_unicode_version();
}

NOMEN_EXPORT const char *nomen_icu_version(void)
{
    return nomen__icu_version();
}
