/*
 * dist_query.c: the distance stage's preprocessed query. A query of n code
 * points is cut into ceil(n / 64) blocks; for every code point c and block w
 * it keeps the 64-bit match vector (bit i set when query[64w + i] == c), the
 * input of every bit-parallel algorithm in dist_bitpar.c and dist_jaro.c.
 *
 * Code points below 256 (all of Latin-1, so nearly every romanized name) are
 * looked up in a direct table. The other 1.1 million code points cannot have
 * a table; each block gets a 128-slot open-addressing map instead (a block
 * holds at most 64 distinct code points, so the map is at most half full and
 * linear probing stays short).
 *
 * Invariant: after init, every field is valid until free; compares write only
 * the scratch vectors (vp, vn, d0, pmold, tmatch).
 */
#include "distance/dist_internal.h"

#include <string.h>

static void pm_set(nomen__dist_query *q, size_t pos, uint32_t c)
{
    size_t w = pos / 64;
    uint64_t bit = (uint64_t)1 << (pos % 64);
    if (c < 256) {
        q->pm[(size_t)c * q->words + w] |= bit;
        return;
    }
    if (!q->has_ext && q->heap == NULL) {
        /* the inline map is cleared only for queries that need it */
        memset(q->in_key, 0, sizeof q->in_key);
        memset(q->in_val, 0, sizeof q->in_val);
    }
    q->has_ext = true;
    uint32_t *key = q->key + w * NOMEN__PM_SLOTS;
    uint64_t *val = q->val + w * NOMEN__PM_SLOTS;
    size_t i = nomen__pm_slot(c);
    while (key[i] != 0 && key[i] != c)
        i = (i + 1) & (NOMEN__PM_SLOTS - 1);
    key[i] = c;
    val[i] |= bit;
}

static int query_init(nomen__dist_query *q, const uint32_t *s, size_t len, const uint32_t *b,
                      size_t blen, bool pair);

int nomen__dist_query_init(nomen__dist_query *q, const uint32_t *s, size_t len)
{
    return query_init(q, s, len, NULL, 0, false);
}

int nomen__dist_query_init_pair(nomen__dist_query *q, const uint32_t *a, size_t alen,
                                const uint32_t *b, size_t blen)
{
    return query_init(q, a, alen, b, blen, true);
}

static int query_init(nomen__dist_query *q, const uint32_t *s, size_t len, const uint32_t *b,
                      size_t blen, bool pair)
{
    size_t words = len == 0 ? 1 : (len + 63) / 64;
    q->len = len;
    q->words = words;
    q->has_ext = false;
    q->heap = NULL;
    if (len <= 64) {
        nomen__query_bind(q);
        if (len)
            memcpy(q->in_s, s, len * sizeof *s);
        if (pair) {
            /* only the entries that the pattern sets or b reads */
            for (size_t i = 0; i < len; i++)
                if (s[i] < 256)
                    q->in_pm[s[i]] = 0;
            for (size_t i = 0; i < blen; i++)
                if (b[i] < 256)
                    q->in_pm[b[i]] = 0;
        } else {
            memset(q->in_pm, 0, sizeof q->in_pm);
        }
    } else {
        /* One block: pm, val, 4 scratch vectors (uint64_t), then key, s and
         * tmatch (uint32_t). Sizes cannot overflow for any len that fits in
         * memory as uint32_t[len], but check anyway. */
        size_t n64 = 256 * words + NOMEN__PM_SLOTS * words + 4 * words;
        size_t n32 = NOMEN__PM_SLOTS * words + 2 * len + 1;
        if (words > SIZE_MAX / 512 || len > SIZE_MAX / 16)
            return NOMEN_ERR_NOMEM;
        uint64_t *mem = nomen__calloc(n64 + (n32 + 1) / 2, sizeof(uint64_t));
        if (!mem)
            return NOMEN_ERR_NOMEM;
        q->heap = mem;
        q->pm = mem;
        q->val = mem + 256 * words;
        q->vp = q->val + NOMEN__PM_SLOTS * words;
        q->vn = q->vp + words;
        q->d0 = q->vn + words;
        q->pmold = q->d0 + words;
        q->key = (uint32_t *)(mem + n64);
        uint32_t *copy = q->key + NOMEN__PM_SLOTS * words;
        memcpy(copy, s, len * sizeof *s);
        q->s = copy;
        q->tmatch = copy + len;
    }
    for (size_t i = 0; i < len; i++)
        pm_set(q, i, s[i]);
    return NOMEN_OK;
}

void nomen__dist_query_free(nomen__dist_query *q)
{
    if (!q)
        return;
    nomen__free(q->heap);
    q->heap = NULL;
    q->len = 0;
}
