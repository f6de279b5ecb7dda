/*
 * dist_jaro.c: the distance stage's Jaro and Jaro-Winkler similarities
 * against a preprocessed query, without allocation.
 *
 * Jaro (1989): a code point of b matches the first not yet matched equal code
 * point of a within the window max(alen, blen) / 2 - 1 of its position; with
 * m matches and t transpositions (matched pairs out of order, halved),
 * jaro = (m / alen + m / blen + (m - t) / m) / 3.
 *
 * The window test is bit-parallel: the query's match vector of b[j], masked
 * to the window and to the query positions not yet matched, has its lowest
 * bit taken (x & -x). The matched code points of b are recorded in order
 * (there are at most alen of them, in the query's tmatch scratch), and the
 * transpositions come from walking the query's matched bits beside them.
 *
 * Winkler (1990) then adds prefix * scale * (1 - jaro) when jaro exceeds the
 * boost threshold; jellyfish's long tolerance adds a term for long strings
 * (see nomen__jw_params). Invariant: results are in [0, 1].
 */
#include "distance/dist_internal.h"

void nomen__jw_params_init(nomen__jw_params *p)
{
    p->prefix_scale = 0.1;    /* Winkler 1990 */
    p->max_prefix = 4;        /* Winkler 1990 */
    p->boost_threshold = 0.7; /* Winkler 1990 */
    p->long_tolerance = false;
    p->empty_match = true; /* rapidfuzz: two empty strings are equal */
}

static size_t jaro_window(size_t alen, size_t blen)
{
    size_t w = (alen > blen ? alen : blen) / 2;
    return w ? w - 1 : 0;
}

/* Matches and halved transpositions of the query against b; both lengths
 * are at least 1. */
static size_t jaro_count(nomen__dist_query *q, const uint32_t *b, size_t n, size_t *trans)
{
    size_t m = q->len, window = jaro_window(m, n), k = 0, t = 0;
    uint32_t *tm = q->tmatch;
    if (q->words == 1) {
        /* The window of b[j] is query positions [j - window, j + window]: a
         * mask that slides one bit per step (growing while j < window).
         * Positions at or beyond m need no clipping: their match bits are
         * zero. Once j - window reaches m nothing more can match. */
        uint64_t pflag = 0, mask = nomen__low_bits(window + 1);
        size_t end = m + window < n ? m + window : n;
        for (size_t j = 0; j < end; j++) {
            uint32_t c = b[j];
            uint64_t x = (c < 256 ? q->pm[c] : nomen__pm_get(q, 0, c)) & mask & ~pflag;
            /* branch-free: whether b[j] matches is unpredictable */
            pflag |= x & (0 - x);
            tm[k] = c;
            k += x != 0;
            mask = (mask << 1) | (uint64_t)(j < window);
        }
        for (size_t i = 0; pflag; i++, pflag &= pflag - 1)
            t += q->s[nomen__ctz64(pflag)] != tm[i];
        *trans = t / 2;
        return k;
    }
    uint64_t *pflag = q->d0;
    for (size_t w = 0; w < q->words; w++)
        pflag[w] = 0;
    for (size_t j = 0; j < n; j++) {
        size_t lo = j > window ? j - window : 0;
        size_t hi = j + window + 1 < m ? j + window + 1 : m;
        if (lo >= m)
            break;
        size_t wlo = lo / 64, whi = (hi - 1) / 64;
        for (size_t w = wlo; w <= whi; w++) {
            uint64_t mask = ~(uint64_t)0;
            if (w == wlo)
                mask &= ~nomen__low_bits(lo % 64);
            if (w == whi)
                mask &= nomen__low_bits((hi - 1) % 64 + 1);
            uint64_t x = nomen__pm_get(q, w, b[j]) & mask & ~pflag[w];
            if (x) {
                pflag[w] |= x & (0 - x);
                tm[k++] = b[j];
                break;
            }
        }
    }
    size_t i = 0;
    for (size_t w = 0; w < q->words; w++)
        for (uint64_t bits = pflag[w]; bits; bits &= bits - 1)
            t += q->s[64 * w + (size_t)nomen__ctz64(bits)] != tm[i++];
    *trans = t / 2;
    return k;
}

/* The best Jaro value strings of these lengths could reach: every code point
 * of the shorter one matched, no transpositions. */
static double jaro_bound(size_t alen, size_t blen)
{
    size_t s = alen < blen ? alen : blen;
    return nomen__jaro_formula(s, 0, alen, blen);
}

double nomen__jaro_query_similarity(nomen__dist_query *q, const uint32_t *b, size_t n,
                                    const nomen__jw_params *p, double cutoff)
{
    nomen__query_bind(q);
    size_t m = q->len, t;
    if (m == 0 && n == 0)
        return p->empty_match && cutoff <= 1.0 ? 1.0 : 0.0;
    if (m == 0 || n == 0)
        return 0.0;
    if (jaro_bound(m, n) < cutoff)
        return 0.0;
    size_t k = jaro_count(q, b, n, &t);
    double sim = nomen__jaro_formula(k, t, m, n);
    return sim >= cutoff ? sim : 0.0;
}

size_t nomen__common_prefix(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                            size_t cap)
{
    size_t lim = alen < blen ? alen : blen;
    if (lim > cap)
        lim = cap;
    size_t i = 0;
    while (i < lim && a[i] == b[i])
        i++;
    return i;
}

double nomen__winklerize(double jaro, const uint32_t *a, size_t alen, const uint32_t *b,
                         size_t blen, size_t matches, const nomen__jw_params *p)
{
    if (!(jaro > p->boost_threshold))
        return jaro;
    size_t pre = nomen__common_prefix(a, alen, b, blen, p->max_prefix);
    double w = jaro + (double)pre * p->prefix_scale * (1.0 - jaro);
    size_t min_len = alen < blen ? alen : blen;
    /* jellyfish: "after agreeing beginning chars, at least two more must
     * agree and the agreed characters must be more than half of the
     * remaining characters" */
    if (p->long_tolerance && min_len > 4 && matches > pre + 1 && 2 * matches >= min_len + pre)
        w += (1.0 - w) * ((double)(matches - pre - 1) / (double)(alen + blen - 2 * pre + 2));
    return w > 1.0 ? 1.0 : w;
}

double nomen__jw_query_similarity(nomen__dist_query *q, const uint32_t *b, size_t n,
                                  const nomen__jw_params *p, double cutoff)
{
    nomen__query_bind(q);
    size_t m = q->len, t;
    if (m == 0 && n == 0)
        return p->empty_match && cutoff <= 1.0 ? 1.0 : 0.0;
    if (m == 0 || n == 0)
        return 0.0;
    if (cutoff > 0.0) {
        /* the best JW these lengths allow: the Jaro bound, fully boosted and
         * with the largest long-tolerance term (at most 1 - w) */
        double jb = jaro_bound(m, n);
        size_t pre = nomen__common_prefix(q->s, m, b, n, p->max_prefix);
        double best = jb + (double)pre * p->prefix_scale * (1.0 - jb);
        if (!p->long_tolerance && best < cutoff)
            return 0.0;
    }
    size_t k = jaro_count(q, b, n, &t);
    double sim = nomen__jaro_formula(k, t, m, n);
    sim = nomen__winklerize(sim, q->s, m, b, n, k, p);
    return sim >= cutoff ? sim : 0.0;
}
