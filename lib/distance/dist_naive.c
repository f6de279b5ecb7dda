/*
 * dist_naive.c: the distance stage's reference implementations. Each is the
 * textbook dynamic program with a full (alen+1) x (blen+1) matrix, written
 * for obviousness, not speed: the tests, the differential fuzz targets and
 * the bench baseline hold the fast paths to these. The library never calls
 * them. They return SIZE_MAX (or -1.0) only when memory runs out.
 */
#include "distance/dist_internal.h"

#include <string.h>

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* Wagner-Fischer (1974) with weights: D[i][j] is the cost of turning a[0..i)
 * into b[0..j). */
size_t nomen__naive_levenshtein(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                                size_t ins, size_t del, size_t sub)
{
    size_t cols = blen + 1;
    size_t *D = nomen__reallocarray(NULL, (alen + 1), cols * sizeof *D);
    if (!D)
        return SIZE_MAX;
    for (size_t j = 0; j <= blen; j++)
        D[j] = j * ins;
    for (size_t i = 1; i <= alen; i++) {
        D[i * cols] = i * del;
        for (size_t j = 1; j <= blen; j++) {
            size_t diag = D[(i - 1) * cols + j - 1] + (a[i - 1] == b[j - 1] ? 0 : sub);
            D[i * cols + j] = min3(diag, D[(i - 1) * cols + j] + del, D[i * cols + j - 1] + ins);
        }
    }
    size_t r = D[alen * cols + blen];
    nomen__free(D);
    return r;
}

size_t nomen__naive_lcs(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen)
{
    size_t cols = blen + 1;
    size_t *L = nomen__reallocarray(NULL, (alen + 1), cols * sizeof *L);
    if (!L)
        return SIZE_MAX;
    for (size_t j = 0; j <= blen; j++)
        L[j] = 0;
    for (size_t i = 1; i <= alen; i++) {
        L[i * cols] = 0;
        for (size_t j = 1; j <= blen; j++) {
            size_t up = L[(i - 1) * cols + j], left = L[i * cols + j - 1];
            size_t best = up > left ? up : left;
            if (a[i - 1] == b[j - 1] && L[(i - 1) * cols + j - 1] + 1 > best)
                best = L[(i - 1) * cols + j - 1] + 1;
            L[i * cols + j] = best;
        }
    }
    size_t r = L[alen * cols + blen];
    nomen__free(L);
    return r;
}

/* Levenshtein plus the transposition of two adjacent code points, where no
 * substring is edited more than once. */
size_t nomen__naive_osa(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen)
{
    size_t cols = blen + 1;
    size_t *D = nomen__reallocarray(NULL, (alen + 1), cols * sizeof *D);
    if (!D)
        return SIZE_MAX;
    for (size_t j = 0; j <= blen; j++)
        D[j] = j;
    for (size_t i = 1; i <= alen; i++) {
        D[i * cols] = i;
        for (size_t j = 1; j <= blen; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = min3(D[(i - 1) * cols + j - 1] + cost, D[(i - 1) * cols + j] + 1,
                            D[i * cols + j - 1] + 1);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                D[(i - 2) * cols + j - 2] + 1 < v)
                v = D[(i - 2) * cols + j - 2] + 1;
            D[i * cols + j] = v;
        }
    }
    size_t r = D[alen * cols + blen];
    nomen__free(D);
    return r;
}

/* Lowrance and Wagner (1975): H has a sentinel row and column; da[c] is the
 * last row of a holding c, db the last column of b matching a[i-1]; a
 * transposition may span any edits between the swapped pair. */
size_t nomen__naive_damerau(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen)
{
    size_t rows = alen + 2, cols = blen + 2, inf = alen + blen;
    size_t *H = nomen__reallocarray(NULL, rows, cols * sizeof *H);
    /* da as a plain list of (code point, row): naive on purpose */
    uint32_t *dchar = nomen__reallocarray(NULL, alen + 1, sizeof *dchar);
    size_t *drow = nomen__reallocarray(NULL, alen + 1, sizeof *drow);
    if (!H || !dchar || !drow) {
        nomen__free(H);
        nomen__free(dchar);
        nomen__free(drow);
        return SIZE_MAX;
    }
    size_t nd = 0;
    H[0] = inf;
    for (size_t i = 0; i <= alen; i++) {
        H[(i + 1) * cols] = inf;
        H[(i + 1) * cols + 1] = i;
    }
    for (size_t j = 0; j <= blen; j++) {
        H[j + 1] = inf;
        H[cols + j + 1] = j;
    }
    for (size_t i = 1; i <= alen; i++) {
        size_t db = 0;
        for (size_t j = 1; j <= blen; j++) {
            size_t i1 = 0;
            for (size_t k = 0; k < nd; k++)
                if (dchar[k] == b[j - 1])
                    i1 = drow[k];
            size_t j1 = db;
            size_t cost = 1;
            if (a[i - 1] == b[j - 1]) {
                cost = 0;
                db = j;
            }
            size_t v =
                min3(H[i * cols + j] + cost, H[(i + 1) * cols + j] + 1, H[i * cols + j + 1] + 1);
            size_t tr = H[i1 * cols + j1] + (i - i1 - 1) + 1 + (j - j1 - 1);
            H[(i + 1) * cols + j + 1] = v < tr ? v : tr;
        }
        dchar[nd] = a[i - 1];
        drow[nd++] = i;
    }
    size_t r = H[(alen + 1) * cols + blen + 1];
    nomen__free(H);
    nomen__free(dchar);
    nomen__free(drow);
    return r;
}

size_t nomen__naive_hamming(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen, d = (alen > blen ? alen : blen) - n;
    for (size_t i = 0; i < n; i++)
        d += a[i] != b[i];
    return d;
}

/* Jaro as usually written: every code point of a looks for the first
 * unmatched equal code point of b in its window. */
static double naive_jaro_count(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                               size_t *matches)
{
    *matches = 0;
    if (alen == 0 || blen == 0)
        return 0.0;
    size_t window = (alen > blen ? alen : blen) / 2;
    window = window ? window - 1 : 0;
    unsigned char *fa = nomen__calloc(alen, 1), *fb = nomen__calloc(blen, 1);
    if (!fa || !fb) {
        nomen__free(fa);
        nomen__free(fb);
        return -1.0;
    }
    size_t m = 0, t = 0;
    for (size_t i = 0; i < alen; i++) {
        size_t lo = i > window ? i - window : 0;
        size_t hi = i + window + 1 < blen ? i + window + 1 : blen;
        for (size_t j = lo; j < hi; j++) {
            if (!fb[j] && a[i] == b[j]) {
                fa[i] = fb[j] = 1;
                m++;
                break;
            }
        }
    }
    for (size_t i = 0, k = 0; i < alen; i++) {
        if (!fa[i])
            continue;
        while (!fb[k])
            k++;
        t += a[i] != b[k];
        k++;
    }
    nomen__free(fa);
    nomen__free(fb);
    *matches = m;
    return nomen__jaro_formula(m, t / 2, alen, blen);
}

double nomen__naive_jaro(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                         const nomen__jw_params *p)
{
    size_t m;
    if (alen == 0 && blen == 0)
        return p->empty_match ? 1.0 : 0.0;
    return naive_jaro_count(a, alen, b, blen, &m);
}

double nomen__naive_jaro_winkler(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                                 const nomen__jw_params *p)
{
    size_t m;
    if (alen == 0 && blen == 0)
        return p->empty_match ? 1.0 : 0.0;
    double j = naive_jaro_count(a, alen, b, blen, &m);
    if (j < 0)
        return j;
    return nomen__winklerize(j, a, alen, b, blen, m, p);
}

static double from_size(size_t d)
{
    return d == SIZE_MAX ? -1.0 : (double)d;
}

double nomen__naive_distance(const nomen__metric_opts *o, const uint32_t *a, size_t alen,
                             const uint32_t *b, size_t blen)
{
    switch (o->metric) {
    case NOMEN__METRIC_LEVENSHTEIN:
        return from_size(nomen__naive_levenshtein(a, alen, b, blen, o->ins, o->del, o->sub));
    case NOMEN__METRIC_INDEL: {
        size_t l = nomen__naive_lcs(a, alen, b, blen);
        return l == SIZE_MAX ? -1.0 : (double)(alen + blen - 2 * l);
    }
    case NOMEN__METRIC_OSA:
        return from_size(nomen__naive_osa(a, alen, b, blen));
    case NOMEN__METRIC_DAMERAU:
        return from_size(nomen__naive_damerau(a, alen, b, blen));
    case NOMEN__METRIC_HAMMING:
        return (double)nomen__naive_hamming(a, alen, b, blen);
    case NOMEN__METRIC_JARO: {
        double s = nomen__naive_jaro(a, alen, b, blen, &o->jw);
        return s < 0 ? s : 1.0 - s;
    }
    case NOMEN__METRIC_JARO_WINKLER: {
        double s = nomen__naive_jaro_winkler(a, alen, b, blen, &o->jw);
        return s < 0 ? s : 1.0 - s;
    }
    case NOMEN__METRIC_COUNT:
        break;
    }
    return -1.0;
}
