/*
 * ph_common.c: the phonetic stage's input preparation. Every encoder works on
 * upper-cased code points: the UTF-8 input is checked, optionally stripped of
 * combining marks (the unicode stage's nomen__strip_marks), decoded and
 * upper-cased. Pure ASCII input skips the mark folding (nothing to fold).
 */
#include "phonetic/phonetic.h"
#include "unicode/uni.h"

uint32_t nomen__ph_upper(uint32_t c)
{
    if (c >= 'a' && c <= 'z')
        return c - 32;
    /* Latin-1: U+00E0..U+00FE map down by 0x20, except the division sign
     * U+00F7; U+00FF (ÿ) goes to U+0178 */
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
        return c - 0x20;
    if (c == 0xFF)
        return 0x178;
    /* Latin Extended-A: pairs (upper even, lower odd) in U+0100..U+0137 and
     * U+014A..U+0177, (upper odd, lower even) in U+0139..U+0148 and
     * U+0179..U+017E */
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
        return c & ~1u;
    if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) && (c & 1u) == 0)
        return c - 1;
    return c;
}

bool nomen__ph_put(nomen__buf *out, uint32_t c)
{
    char u[4];
    int n = nomen__utf8_encode(c, u);
    return nomen__buf_add(out, u, (size_t)n);
}

/* U+00C0..U+00FF with their combining marks removed: the base letter when
 * the canonical decomposition is a letter plus marks, else the code point
 * itself (Æ Ð × Ø Þ ß æ ð ÷ ø þ have no decomposition). Derived from
 * UnicodeData.txt decompositions; test_phonetic checks every entry against
 * nomen__strip_marks. */
static const uint8_t latin1_base[64] = {
    'A',  'A', 'A', 'A', 'A', 'A', 0xC6, 'C',  'E',  'E', 'E', 'E', 'I', 'I', 'I',  'I',
    0xD0, 'N', 'O', 'O', 'O', 'O', 'O',  0xD7, 0xD8, 'U', 'U', 'U', 'U', 'Y', 0xDE, 0xDF,
    'a',  'a', 'a', 'a', 'a', 'a', 0xE6, 'c',  'e',  'e', 'e', 'e', 'i', 'i', 'i',  'i',
    0xF0, 'n', 'o', 'o', 'o', 'o', 'o',  0xF7, 0xF8, 'u', 'u', 'u', 'u', 'y', 0xFE, 'y'};

uint32_t nomen__ph_latin1_fold(uint32_t c)
{
    return c >= 0xC0 && c <= 0xFF ? latin1_base[c - 0xC0] : c;
}

int nomen__ph_prepare(const char *s, size_t len, bool fold_marks, nomen__ph_text *t)
{
    t->heap = NULL;
    t->cp = t->stack;
    t->n = 0;
    if (len == 0)
        return NOMEN_OK;
    if (!s)
        return NOMEN_ERR_INVALID_ARG;
    if (!nomen__utf8_valid(s, len, NULL))
        return NOMEN_ERR_UTF8;
    nomen__buf folded = {0};
    /* Text made of ASCII and precomposed Latin-1 letters (no combining marks:
     * lead bytes C2/C3 only) folds through the table above; anything else
     * goes through the unicode stage. */
    bool latin1 = true;
    for (size_t i = 0; i < len && latin1; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b >= 0x80) {
            latin1 = (b == 0xC2 || b == 0xC3) && i + 1 < len;
            i++;
        }
    }
    if (fold_marks && !latin1) {
        int rc = nomen__strip_marks(s, len, &folded);
        if (rc != NOMEN_OK) {
            nomen__buf_free(&folded);
            return rc;
        }
        s = folded.data ? folded.data : "";
        len = folded.len;
    }
    size_t n = nomen__utf8_decode(s, len, NULL, 0);
    if (n > NOMEN__ARRAY_LEN(t->stack)) {
        t->heap = nomen__reallocarray(NULL, n, sizeof *t->heap);
        if (!t->heap) {
            nomen__buf_free(&folded);
            return NOMEN_ERR_NOMEM;
        }
        t->cp = t->heap;
    }
    t->n = nomen__utf8_decode(s, len, t->cp, n);
    bool table = fold_marks && latin1;
    for (size_t i = 0; i < t->n; i++)
        t->cp[i] = nomen__ph_upper(table ? nomen__ph_latin1_fold(t->cp[i]) : t->cp[i]);
    nomen__buf_free(&folded);
    return NOMEN_OK;
}

void nomen__ph_text_free(nomen__ph_text *t)
{
    nomen__free(t->heap);
    t->heap = NULL;
}
