/*
 * ph_mra.c: the phonetic stage's Match Rating Approach (Moore, Western
 * Airlines, 1977). The codex keeps the first letter, drops later vowels and
 * the second of two equal neighbouring consonants, and keeps the first three
 * and last three letters of a codex longer than six. Two names compare
 * equal when their codices differ in length by less than 3 and, after the
 * letters equal in position from the left and then from the right are
 * struck out, 6 minus the longer remainder reaches a minimum rating that
 * falls as the codices get longer (5 for a length sum up to 4, 4 up to 7,
 * 3 up to 11, 2 at 12; commons-codec also gives 1 above 12).
 *
 * commons-codec mode: accents removed, - & ' . , and spaces removed, a
 * one-character name is "", comparison strikes letters the commons-codec
 * way. jellyfish mode: accented letters kept, spaces dropped, equal names
 * decided by the codex alone.
 */
#include "phonetic/phonetic.h"
#include "unicode/uni.h"

void nomen__mra_opts_init(nomen__mra_opts *o)
{
    o->commons = true;
}

static bool vowel(uint32_t c)
{
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

typedef struct codex {
    uint32_t c[8];
    size_t n;
} codex;

static bool blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return false;
    return true;
}

/* The codex of s (at most six letters). */
static int make_codex(const char *s, size_t len, const nomen__mra_opts *o, codex *cx)
{
    cx->n = 0;
    if (len && (!s || !nomen__utf8_valid(s, len, NULL)))
        return s ? NOMEN_ERR_UTF8 : NOMEN_ERR_INVALID_ARG;
    /* commons-codec: blank or one-character names (Java length: one code
     * point here) have no codex */
    if (o->commons && (len == 0 || blank(s, len) || nomen__utf8_decode(s, len, NULL, 0) == 1))
        return NOMEN_OK;
    nomen__ph_text t;
    int rc = nomen__ph_prepare(s, len, o->commons, &t);
    if (rc != NOMEN_OK)
        return rc;
    uint32_t *c = t.cp;
    size_t m = 0;
    if (o->commons) {
        /* cleanName: spaces and - & ' . , go; then vowels after the first
         * letter; then pairs of equal consonants become one (left to right,
         * not overlapping: "LLL" keeps two) */
        for (size_t i = 0; i < t.n; i++) {
            uint32_t x = c[i];
            if (x == ' ' || x == '\t' || x == '\n' || x == '\r' || x == '-' || x == '&' ||
                x == '\'' || x == '.' || x == ',')
                continue;
            if (m > 0 && vowel(x))
                continue;
            c[m++] = x;
        }
        size_t k = 0;
        for (size_t i = 0; i < m; i++) {
            c[k++] = c[i];
            if (i + 1 < m && c[i + 1] == c[i] && c[i] >= 'A' && c[i] <= 'Z' && !vowel(c[i]))
                i++;
        }
        m = k;
    } else {
        /* jellyfish: the first character, then every character that is not
         * a vowel or a space and differs from the one before it */
        uint32_t prev = 0;
        for (size_t i = 0; i < t.n; i++) {
            uint32_t x = c[i];
            if (i == 0 || (!vowel(x) && x != ' ' && x != prev))
                c[m++] = x;
            prev = x;
        }
    }
    if (m > 6) {
        for (size_t i = 0; i < 3; i++)
            c[3 + i] = c[m - 3 + i];
        m = 6;
    }
    for (size_t i = 0; i < m; i++)
        cx->c[i] = c[i];
    cx->n = m;
    nomen__ph_text_free(&t);
    return NOMEN_OK;
}

int nomen__mra_codex(const char *s, size_t len, const nomen__mra_opts *o, nomen__buf *out)
{
    codex cx;
    int rc = make_codex(s, len, o, &cx);
    for (size_t i = 0; rc == NOMEN_OK && i < cx.n; i++)
        if (!nomen__ph_put(out, cx.c[i]))
            rc = NOMEN_ERR_NOMEM;
    return rc;
}

static size_t min_rating(size_t sum)
{
    /* Moore 1977's table */
    if (sum <= 4)
        return 5;
    if (sum <= 7)
        return 4;
    if (sum <= 11)
        return 3;
    return sum == 12 ? 2 : 1;
}

int nomen__mra_compare(const char *a, size_t alen, const char *b, size_t blen,
                       const nomen__mra_opts *o, int *out)
{
    *out = 0;
    if ((alen && !a) || (blen && !b))
        return NOMEN_ERR_INVALID_ARG;
    if (!nomen__utf8_valid(a, alen, NULL) || !nomen__utf8_valid(b, blen, NULL))
        return NOMEN_ERR_UTF8;
    if (o->commons) {
        if (alen == 0 || blen == 0 || blank(a, alen) || blank(b, blen) ||
            nomen__utf8_decode(a, alen, NULL, 0) == 1 || nomen__utf8_decode(b, blen, NULL, 0) == 1)
            return NOMEN_OK;
    }
    codex x, y;
    int rc = make_codex(a, alen, o, &x);
    if (rc == NOMEN_OK)
        rc = make_codex(b, blen, o, &y);
    if (rc != NOMEN_OK)
        return rc;
    size_t diff = x.n > y.n ? x.n - y.n : y.n - x.n;
    if (diff >= 3) {
        *out = o->commons ? 0 : -1;
        return NOMEN_OK;
    }
    size_t sum = x.n + y.n, rating = min_rating(sum);
    if (!o->commons && sum > 12)
        rating = 2; /* jellyfish's table ends at 2 */
    size_t remain;
    if (o->commons) {
        /* strike equal letters position by position from the left, then
         * from the right (comparing the original codices), count what is
         * left of the longer */
        bool sx[8] = {0}, sy[8] = {0};
        for (size_t i = 0; i < x.n && i < y.n; i++) {
            if (x.c[i] == y.c[i])
                sx[i] = sy[i] = true;
            if (x.c[x.n - 1 - i] == y.c[y.n - 1 - i])
                sx[x.n - 1 - i] = sy[y.n - 1 - i] = true;
        }
        size_t rx = 0, ry = 0;
        for (size_t i = 0; i < x.n; i++)
            rx += !sx[i];
        for (size_t i = 0; i < y.n; i++)
            ry += !sy[i];
        remain = rx > ry ? rx : ry;
    } else {
        /* drop equal letters at equal positions, then compare the rest
         * from the right */
        uint32_t r1[8], r2[8];
        size_t n1 = 0, n2 = 0, n = x.n > y.n ? x.n : y.n;
        for (size_t i = 0; i < n; i++) {
            bool h1 = i < x.n, h2 = i < y.n;
            if (h1 && h2 && x.c[i] == y.c[i])
                continue;
            if (h1)
                r1[n1++] = x.c[i];
            if (h2)
                r2[n2++] = y.c[i];
        }
        size_t u1 = 0, u2 = 0, nn = n1 > n2 ? n1 : n2;
        for (size_t i = 0; i < nn; i++) {
            bool h1 = i < n1, h2 = i < n2;
            if (h1 && h2 && r1[n1 - 1 - i] == r2[n2 - 1 - i])
                continue;
            u1 += h1;
            u2 += h2;
        }
        remain = u1 > u2 ? u1 : u2;
    }
    *out = 6 >= remain && 6 - remain >= rating;
    return NOMEN_OK;
}
