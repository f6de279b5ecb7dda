/*
 * dist_bitpar.c: the distance stage's bit-parallel edit distances against a
 * preprocessed query (dist_query.c): Levenshtein (Myers 1999 in Hyyro's 2001
 * formulation), OSA (Hyyro 2003: Myers plus a transposition vector) and the
 * LCS length behind Indel (Allison-Dix 1986 / Hyyro 2004).
 *
 * The query is the pattern: one column of the DP matrix is held as vertical
 * delta vectors VP/VN (bit i: D[i+1][j] - D[i][j] is +1 / -1), and each code
 * point of the text b advances the column by a few word operations. Queries
 * longer than 64 code points use one word per 64-code-point block, passing
 * the horizontal delta of the block's last row (HP/HN carry) to the next
 * block, and for LCS the carry of the addition.
 *
 * Cutoffs: the bottom row can fall by at most one per remaining text code
 * point, so once score - remaining > cutoff the answer is known to exceed it.
 * Invariant: these functions never allocate; the query's scratch vectors
 * hold the blocked state.
 */
#include "distance/dist_internal.h"

/* ---- Levenshtein ---------------------------------------------------------- */

static size_t lev_myers1(const nomen__dist_query *q, const uint32_t *b, size_t n, size_t max)
{
    size_t m = q->len;
    uint64_t vp = nomen__low_bits(m), vn = 0;
    uint64_t last = (uint64_t)1 << (m - 1);
    size_t score = m;
    for (size_t j = 0; j < n; j++) {
        /* words == 1, so the direct table is indexed by the code point */
        uint64_t x = (b[j] < 256 ? q->pm[b[j]] : nomen__pm_get(q, 0, b[j])) | vn;
        uint64_t d0 = (((x & vp) + vp) ^ vp) | x;
        uint64_t hp = vn | ~(d0 | vp);
        uint64_t hn = vp & d0;
        score += (hp & last) != 0;
        score -= (hn & last) != 0;
        hp = (hp << 1) | 1;
        hn <<= 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
        if (NOMEN__UNLIKELY(score > max + (n - 1 - j)))
            return max + 1;
    }
    return score <= max ? score : max + 1;
}

/* One Myers step without the score: the bottom-row value is recovered at
 * the end from the last column, D[m][n] = n + popcount(VP) - popcount(VN)
 * (the column's vertical deltas summed from D[0][n] = n), which takes the
 * per-step score updates off the loop. */
static inline void myers_step(uint64_t *vp, uint64_t *vn, uint64_t pm)
{
    uint64_t x = pm | *vn;
    uint64_t d0 = (((x & *vp) + *vp) ^ *vp) | x;
    uint64_t hp = *vn | ~(d0 | *vp);
    uint64_t hn = *vp & d0;
    hp = (hp << 1) | 1;
    hn <<= 1;
    *vp = hn | ~(d0 | hp);
    *vn = hp & d0;
}

static inline uint64_t pm1(const nomen__dist_query *q, uint32_t c)
{
    return c < 256 ? q->pm[c] : nomen__pm_get(q, 0, c);
}

static size_t myers_final(size_t n, uint64_t vp, uint64_t vn, uint64_t mask)
{
    return n + (size_t)nomen__popcount64(vp & mask) - (size_t)nomen__popcount64(vn & mask);
}

/* lev_myers1 when the budget is at least max(m, n), which no distance
 * exceeds: no early exit to watch for. */
static size_t lev_myers1_full(const nomen__dist_query *q, const uint32_t *b, size_t n)
{
    uint64_t mask = nomen__low_bits(q->len), vp = mask, vn = 0;
    for (size_t j = 0; j < n; j++)
        myers_step(&vp, &vn, pm1(q, b[j]));
    return myers_final(n, vp, vn, mask);
}

/* Four candidates in lockstep. One Myers step is a chain of about a dozen
 * dependent operations, so a single candidate leaves most of the core's
 * ALUs idle; four independent chains fill them. The lanes run together up
 * to the shortest candidate, then each finishes alone. */
static void lev_myers1_x4(const nomen__dist_query *q, const uint32_t *const *t, const size_t *n,
                          size_t max, size_t *out)
{
    uint64_t mask = nomen__low_bits(q->len);
    uint64_t vp0 = mask, vp1 = mask, vp2 = mask, vp3 = mask;
    uint64_t vn0 = 0, vn1 = 0, vn2 = 0, vn3 = 0;
    size_t common = NOMEN__MIN(NOMEN__MIN(n[0], n[1]), NOMEN__MIN(n[2], n[3]));
    const uint32_t *t0 = t[0], *t1 = t[1], *t2 = t[2], *t3 = t[3];
    for (size_t j = 0; j < common; j++) {
        myers_step(&vp0, &vn0, pm1(q, t0[j]));
        myers_step(&vp1, &vn1, pm1(q, t1[j]));
        myers_step(&vp2, &vn2, pm1(q, t2[j]));
        myers_step(&vp3, &vn3, pm1(q, t3[j]));
    }
    uint64_t vp[4] = {vp0, vp1, vp2, vp3}, vn[4] = {vn0, vn1, vn2, vn3};
    for (int k = 0; k < 4; k++) {
        for (size_t j = common; j < n[k]; j++)
            myers_step(&vp[k], &vn[k], pm1(q, t[k][j]));
        size_t d = myers_final(n[k], vp[k], vn[k], mask);
        out[k] = d <= max ? d : max + 1;
    }
}

static size_t lev_myers_block(nomen__dist_query *q, const uint32_t *b, size_t n, size_t max)
{
    size_t words = q->words, m = q->len;
    uint64_t *VP = q->vp, *VN = q->vn;
    for (size_t w = 0; w < words; w++) {
        VP[w] = ~(uint64_t)0;
        VN[w] = 0;
    }
    uint64_t last = (uint64_t)1 << ((m - 1) % 64);
    size_t score = m;
    for (size_t j = 0; j < n; j++) {
        uint64_t hp_c = 1, hn_c = 0; /* the top row grows by one per column */
        for (size_t w = 0; w < words; w++) {
            uint64_t pmj = nomen__pm_get(q, w, b[j]);
            uint64_t vp = VP[w], vn = VN[w];
            uint64_t x = pmj | hn_c;
            uint64_t d0 = (((x & vp) + vp) ^ vp) | x | vn;
            uint64_t hp = vn | ~(d0 | vp);
            uint64_t hn = d0 & vp;
            uint64_t hp_out, hn_out;
            if (w + 1 < words) {
                hp_out = hp >> 63;
                hn_out = hn >> 63;
            } else {
                hp_out = (hp & last) != 0;
                hn_out = (hn & last) != 0;
            }
            hp = (hp << 1) | hp_c;
            hn = (hn << 1) | hn_c;
            VP[w] = hn | ~(d0 | hp);
            VN[w] = hp & d0;
            hp_c = hp_out;
            hn_c = hn_out;
        }
        score = score + hp_c - hn_c;
        if (score > max + (n - 1 - j))
            return max + 1;
    }
    return score <= max ? score : max + 1;
}

size_t nomen__lev_query_distance(nomen__dist_query *q, const uint32_t *b, size_t n, size_t max)
{
    nomen__query_bind(q);
    /* a budget above the largest possible distance means "no cutoff"; clamp
     * it so that the early-exit sums below cannot overflow */
    if (max > q->len + n)
        max = q->len + n;
    size_t m = q->len;
    size_t diff = m > n ? m - n : n - m;
    if (diff > max)
        return max + 1;
    if (m == 0)
        return n <= max ? n : max + 1;
    if (n == 0)
        return m <= max ? m : max + 1;
    if (m <= 64)
        return max >= NOMEN__MAX(m, n) ? lev_myers1_full(q, b, n) : lev_myers1(q, b, n, max);
    return lev_myers_block(q, b, n, max);
}

void nomen__lev_query_distance_many(nomen__dist_query *q, const uint32_t *const *b,
                                    const size_t *blen, size_t count, size_t max, size_t *out)
{
    nomen__query_bind(q);
    size_t i = 0;
    if (q->len > 0 && q->len <= 64)
        for (; i + 4 <= count; i += 4)
            lev_myers1_x4(q, b + i, blen + i, max, out + i);
    for (; i < count; i++)
        out[i] = nomen__lev_query_distance(q, b[i], blen[i], max);
}

/* ---- LCS and Indel -------------------------------------------------------- */

/* S holds the complement of the LCS row's increments: every character of b
 * either extends a match run (S + U carries into the next unmatched
 * position) or leaves S as it is. */
size_t nomen__lcs_query_length(nomen__dist_query *q, const uint32_t *b, size_t n)
{
    nomen__query_bind(q);
    size_t m = q->len, words = q->words;
    if (m == 0 || n == 0)
        return 0;
    if (words == 1) {
        uint64_t s = ~(uint64_t)0;
        for (size_t j = 0; j < n; j++) {
            uint64_t u = s & nomen__pm_get(q, 0, b[j]);
            s = (s + u) | (s - u);
        }
        return (size_t)nomen__popcount64(~s & nomen__low_bits(m));
    }
    uint64_t *S = q->vp;
    for (size_t w = 0; w < words; w++)
        S[w] = ~(uint64_t)0;
    for (size_t j = 0; j < n; j++) {
        uint64_t carry = 0;
        for (size_t w = 0; w < words; w++) {
            uint64_t s = S[w];
            uint64_t u = s & nomen__pm_get(q, w, b[j]);
            uint64_t sum = s + u;
            uint64_t c1 = sum < s;
            sum += carry;
            c1 |= sum < carry;
            carry = c1;
            S[w] = sum | (s - u);
        }
    }
    size_t lcs = 0;
    for (size_t w = 0; w + 1 < words; w++)
        lcs += (size_t)nomen__popcount64(~S[w]);
    lcs += (size_t)nomen__popcount64(~S[words - 1] & nomen__low_bits(m - 64 * (words - 1)));
    return lcs;
}

size_t nomen__indel_query_distance(nomen__dist_query *q, const uint32_t *b, size_t n, size_t max)
{
    nomen__query_bind(q);
    /* a budget above the largest possible distance means "no cutoff"; clamp
     * it so that the early-exit sums below cannot overflow */
    if (max > q->len + n)
        max = q->len + n;
    size_t m = q->len;
    size_t diff = m > n ? m - n : n - m;
    if (diff > max)
        return max + 1;
    size_t d = m + n - 2 * nomen__lcs_query_length(q, b, n);
    return d <= max ? d : max + 1;
}

/* ---- OSA ------------------------------------------------------------------ */

/* Hyyro 2003: a transposition a[i-1]a[i] = b[j]b[j-1] lets D0 (the diagonal
 * "no increase" vector) also take bit i when row i-1 of the previous column
 * was not a zero-delta diagonal; TR computes exactly that from the previous
 * column's match vector (pmold) and D0. */
static size_t osa_hyyro1(const nomen__dist_query *q, const uint32_t *b, size_t n, size_t max)
{
    size_t m = q->len;
    uint64_t vp = nomen__low_bits(m), vn = 0, d0 = 0, pm_old = 0;
    uint64_t last = (uint64_t)1 << (m - 1);
    size_t score = m;
    for (size_t j = 0; j < n; j++) {
        uint64_t pmj = nomen__pm_get(q, 0, b[j]);
        uint64_t tr = (((~d0) & pmj) << 1) & pm_old;
        d0 = (((pmj & vp) + vp) ^ vp) | pmj | vn | tr;
        uint64_t hp = vn | ~(d0 | vp);
        uint64_t hn = d0 & vp;
        score += (hp & last) != 0;
        score -= (hn & last) != 0;
        hp = (hp << 1) | 1;
        hn <<= 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
        pm_old = pmj;
        if (NOMEN__UNLIKELY(score > max + (n - 1 - j)))
            return max + 1;
    }
    return score <= max ? score : max + 1;
}

/* osa_hyyro1 without a cutoff: the score comes from the last column. */
static size_t osa_hyyro1_full(const nomen__dist_query *q, const uint32_t *b, size_t n)
{
    uint64_t mask = nomen__low_bits(q->len), vp = mask, vn = 0, d0 = 0, pm_old = 0;
    for (size_t j = 0; j < n; j++) {
        uint64_t pmj = pm1(q, b[j]);
        uint64_t tr = (((~d0) & pmj) << 1) & pm_old;
        d0 = (((pmj & vp) + vp) ^ vp) | pmj | vn | tr;
        uint64_t hp = vn | ~(d0 | vp);
        uint64_t hn = d0 & vp;
        hp = (hp << 1) | 1;
        hn <<= 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
        pm_old = pmj;
    }
    return myers_final(n, vp, vn, mask);
}

static size_t osa_hyyro_block(nomen__dist_query *q, const uint32_t *b, size_t n, size_t max)
{
    size_t words = q->words, m = q->len;
    uint64_t *VP = q->vp, *VN = q->vn, *D0 = q->d0, *PMOLD = q->pmold;
    for (size_t w = 0; w < words; w++) {
        VP[w] = ~(uint64_t)0;
        VN[w] = 0;
        D0[w] = 0;
        PMOLD[w] = 0;
    }
    uint64_t last = (uint64_t)1 << ((m - 1) % 64);
    size_t score = m;
    for (size_t j = 0; j < n; j++) {
        uint64_t hp_c = 1, hn_c = 0, tr_c = 0;
        for (size_t w = 0; w < words; w++) {
            uint64_t pmj = nomen__pm_get(q, w, b[j]);
            uint64_t vp = VP[w], vn = VN[w], d0_old = D0[w];
            uint64_t t = (~d0_old) & pmj;
            uint64_t tr = ((t << 1) | tr_c) & PMOLD[w];
            tr_c = t >> 63;
            uint64_t x = pmj | hn_c;
            uint64_t d0 = (((x & vp) + vp) ^ vp) | x | vn | tr;
            uint64_t hp = vn | ~(d0 | vp);
            uint64_t hn = d0 & vp;
            uint64_t hp_out, hn_out;
            if (w + 1 < words) {
                hp_out = hp >> 63;
                hn_out = hn >> 63;
            } else {
                hp_out = (hp & last) != 0;
                hn_out = (hn & last) != 0;
            }
            hp = (hp << 1) | hp_c;
            hn = (hn << 1) | hn_c;
            VP[w] = hn | ~(d0 | hp);
            VN[w] = hp & d0;
            D0[w] = d0;
            PMOLD[w] = pmj;
            hp_c = hp_out;
            hn_c = hn_out;
        }
        score = score + hp_c - hn_c;
        if (score > max + (n - 1 - j))
            return max + 1;
    }
    return score <= max ? score : max + 1;
}

size_t nomen__osa_query_distance(nomen__dist_query *q, const uint32_t *b, size_t n, size_t max)
{
    nomen__query_bind(q);
    /* a budget above the largest possible distance means "no cutoff"; clamp
     * it so that the early-exit sums below cannot overflow */
    if (max > q->len + n)
        max = q->len + n;
    size_t m = q->len;
    size_t diff = m > n ? m - n : n - m;
    if (diff > max)
        return max + 1;
    if (m == 0)
        return n <= max ? n : max + 1;
    if (n == 0)
        return m <= max ? m : max + 1;
    if (m <= 64)
        return max >= NOMEN__MAX(m, n) ? osa_hyyro1_full(q, b, n) : osa_hyyro1(q, b, n, max);
    return osa_hyyro_block(q, b, n, max);
}
