/*
 * dist_internal.h: helpers shared by the files of the distance stage (not
 * for other stages): match-vector lookup in a nomen__dist_query and bit
 * tricks.
 */
#ifndef NOMEN_DIST_INTERNAL_H
#define NOMEN_DIST_INTERNAL_H

#include "distance/distance.h"

/* Point a short query's fields at its inline storage again. Every compare
 * starts with this, so a query of at most 64 code points stays valid after
 * the struct was moved (memcpy, realloc of an array of queries). */
static inline void nomen__query_bind(nomen__dist_query *q)
{
    if (q->heap != NULL)
        return;
    q->pm = q->in_pm;
    q->key = q->in_key;
    q->val = q->in_val;
    q->vp = q->in_vec;
    q->vn = q->in_vec + 1;
    q->d0 = q->in_vec + 2;
    q->pmold = q->in_vec + 3;
    q->tmatch = q->in_tmatch;
    q->s = q->in_s;
}

/* Multiplicative hash of a code point into NOMEN__PM_SLOTS (128 = 2^7)
 * slots: Knuth's 2^32 / golden ratio constant, top 7 bits. */
static inline size_t nomen__pm_slot(uint32_t c)
{
    return (size_t)((c * 0x9E3779B1u) >> 25);
}

/* The match vector of code point c in block w: bit i set when the query's
 * code point 64w + i equals c. */
static inline uint64_t nomen__pm_get(const nomen__dist_query *q, size_t w, uint32_t c)
{
    if (c < 256)
        return q->pm[(size_t)c * q->words + w];
    if (!q->has_ext)
        return 0;
    const uint32_t *key = q->key + w * NOMEN__PM_SLOTS;
    size_t i = nomen__pm_slot(c);
    while (key[i] != 0) {
        if (key[i] == c)
            return q->val[w * NOMEN__PM_SLOTS + i];
        i = (i + 1) & (NOMEN__PM_SLOTS - 1);
    }
    return 0;
}

static inline int nomen__popcount64(uint64_t x)
{
#if defined(__POPCNT__)
    return __builtin_popcountll(x);
#else
    /* SWAR count (Hacker's Delight 5-1): without -mpopcnt the builtin is a
     * libgcc call, slower than these dozen inline operations */
    x = x - ((x >> 1) & 0x5555555555555555u);
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
    return (int)((x * 0x0101010101010101u) >> 56);
#endif
}

static inline int nomen__ctz64(uint64_t x)
{
    return __builtin_ctzll(x);
}

/* Bits [0, n) set, n <= 64. */
static inline uint64_t nomen__low_bits(size_t n)
{
    return n >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << n) - 1);
}

/* Jaro similarity from its counts (matches m, half-transpositions already
 * halved t); the formula of Jaro (1989). */
static inline double nomen__jaro_formula(size_t m, size_t t, size_t alen, size_t blen)
{
    if (m == 0)
        return 0.0;
    double dm = (double)m;
    return (dm / (double)alen + dm / (double)blen + (dm - (double)t) / dm) / 3.0;
}

/* Init for one comparison against b only (nomen__compare): the direct
 * table is cleared just where a or b will read it, instead of all 256
 * entries. The query is then valid for b and nothing else. */
int nomen__dist_query_init_pair(nomen__dist_query *q, const uint32_t *a, size_t alen,
                                const uint32_t *b, size_t blen);

/* The Winkler boost and jellyfish's long tolerance applied to a Jaro value. */
double nomen__winklerize(double jaro, const uint32_t *a, size_t alen, const uint32_t *b,
                         size_t blen, size_t matches, const nomen__jw_params *p);

/* Unrestricted Damerau-Levenshtein (Zhao et al.) and weighted Levenshtein by
 * plain DP with one row: both may allocate; SIZE_MAX when memory runs out. */
size_t nomen__damerau_zhao(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                           size_t cutoff);
size_t nomen__lev_weighted_dp(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                              size_t ins, size_t del, size_t sub, size_t cutoff);

#endif /* NOMEN_DIST_INTERNAL_H */
