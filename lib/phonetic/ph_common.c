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
    bool ascii = true;
    for (size_t i = 0; i < len && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80;
    if (fold_marks && !ascii) {
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
    for (size_t i = 0; i < t->n; i++)
        t->cp[i] = nomen__ph_upper(t->cp[i]);
    nomen__buf_free(&folded);
    return NOMEN_OK;
}

void nomen__ph_text_free(nomen__ph_text *t)
{
    nomen__free(t->heap);
    t->heap = NULL;
}
