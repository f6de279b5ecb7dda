/*
 * dist_edit.c: the distance stage's edit distances that are not
 * bit-parallel: unrestricted Damerau-Levenshtein in linear space (Zhao, Sahni
 * et al. 2019, "Linear space string correction algorithm using the
 * Damerau-Levenshtein distance") and weighted Levenshtein by one-row
 * Wagner-Fischer. Both keep their rows on the stack for strings of up to 256
 * code points and allocate beyond; SIZE_MAX means memory ran out.
 */
#include "distance/dist_internal.h"

#include <stddef.h>
#include <string.h>

/* Rows and maps up to this many code points live on the stack (about 12 KB
 * for Damerau): names are far shorter, so the scorer never allocates. */
#define STACK_CP 256

/* Map from a code point of a to the last (1-based) row that holds it; -1 =
 * none. Code points below 256 use a direct table (nearly every romanized
 * name), the others an open-addressing map. */
typedef struct lastrow_map {
    uint32_t *key;
    ptrdiff_t *val;
    size_t mask;
    ptrdiff_t low[256];
} lastrow_map;

static ptrdiff_t map_get(const lastrow_map *m, uint32_t c)
{
    if (c < 256)
        return m->low[c];
    size_t i = (c * 0x9E3779B1u) & m->mask;
    while (m->val[i] != -1) {
        if (m->key[i] == c)
            return m->val[i];
        i = (i + 1) & m->mask;
    }
    return -1;
}

static void map_put(lastrow_map *m, uint32_t c, ptrdiff_t row)
{
    if (c < 256) {
        m->low[c] = row;
        return;
    }
    size_t i = (c * 0x9E3779B1u) & m->mask;
    while (m->val[i] != -1 && m->key[i] != c)
        i = (i + 1) & m->mask;
    m->key[i] = c;
    m->val[i] = row;
}

/*
 * Rows are shifted by one: R[j + 1] = D[i][j], R[0] a sentinel. Besides the
 * current row R and the previous row R1 the algorithm keeps
 *  - FR[j + 1]: D[k-1][j-2] saved at the last row k where a[k-1] == b[j-1],
 *    the cost before a transposition that ends in column j;
 *  - T: D[i-2][l-1] saved at the last column l of this row matching a[i-1];
 *  - the last row of each code point of a (map) and the last matching
 *    column of this row (last_col).
 * A transposition either ends right after the row's last match (j - l == 1:
 * cost FR + the rows deleted in between) or starts right below the last row
 * holding b[j-1] (i - k == 1: cost T + the columns inserted in between).
 */
size_t nomen__damerau_zhao(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                           size_t cutoff)
{
    size_t diff = alen > blen ? alen - blen : blen - alen;
    if (diff > cutoff)
        return cutoff + 1;
    size_t cols = blen + 2, cap = 16;
    while (cap < 2 * (alen + 1))
        cap *= 2;
    ptrdiff_t s_rows[3 * (STACK_CP + 2)];
    uint32_t s_key[2 * STACK_CP + 16];
    ptrdiff_t s_val[2 * STACK_CP + 16];
    ptrdiff_t *rows = s_rows;
    lastrow_map map;
    map.key = s_key;
    map.val = s_val;
    map.mask = cap - 1;
    for (size_t i = 0; i < 256; i++)
        map.low[i] = -1;
    void *heap1 = NULL, *heap2 = NULL, *heap3 = NULL;
    if (cols > STACK_CP + 2)
        rows = heap1 = nomen__reallocarray(NULL, 3 * cols, sizeof *rows);
    if (cap > NOMEN__ARRAY_LEN(s_key)) {
        map.key = heap2 = nomen__reallocarray(NULL, cap, sizeof *map.key);
        map.val = heap3 = nomen__reallocarray(NULL, cap, sizeof *map.val);
    }
    if (!rows || !map.key || !map.val) {
        nomen__free(heap1);
        nomen__free(heap2);
        nomen__free(heap3);
        return SIZE_MAX;
    }
    for (size_t i = 0; i < cap; i++)
        map.val[i] = -1;
    ptrdiff_t *R = rows, *R1 = rows + cols, *FR = rows + 2 * cols;
    ptrdiff_t maxv = (ptrdiff_t)(alen > blen ? alen : blen) + 1;
    for (size_t j = 0; j < cols; j++) {
        R1[j] = maxv;
        FR[j] = maxv;
    }
    R[0] = maxv;
    for (size_t j = 0; j <= blen; j++)
        R[j + 1] = (ptrdiff_t)j;
    for (size_t i = 1; i <= alen; i++) {
        ptrdiff_t *tmp = R;
        R = R1;
        R1 = tmp;
        ptrdiff_t last_col = -1, T = maxv;
        ptrdiff_t last_i2l1 = R[1];
        R[1] = (ptrdiff_t)i;
        uint32_t ca = a[i - 1];
        for (size_t j = 1; j <= blen; j++) {
            ptrdiff_t diag = R1[j] + (ca != b[j - 1]);
            ptrdiff_t left = R[j] + 1, up = R1[j + 1] + 1;
            ptrdiff_t v = diag < left ? diag : left;
            if (up < v)
                v = up;
            if (ca == b[j - 1]) {
                last_col = (ptrdiff_t)j;
                FR[j + 1] = R1[j - 1];
                T = last_i2l1;
            } else {
                ptrdiff_t k = map_get(&map, b[j - 1]);
                if ((ptrdiff_t)j - last_col == 1) {
                    ptrdiff_t tr = FR[j + 1] + ((ptrdiff_t)i - k);
                    if (k >= 0 && tr < v)
                        v = tr;
                } else if (k >= 0 && (ptrdiff_t)i - k == 1) {
                    ptrdiff_t tr = T + ((ptrdiff_t)j - last_col);
                    if (last_col >= 0 && tr < v)
                        v = tr;
                }
            }
            last_i2l1 = R[j + 1];
            R[j + 1] = v;
        }
        map_put(&map, ca, (ptrdiff_t)i);
    }
    size_t d = (size_t)R[blen + 1];
    nomen__free(heap1);
    nomen__free(heap2);
    nomen__free(heap3);
    return d <= cutoff ? d : cutoff + 1;
}

size_t nomen__lev_weighted_dp(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                              size_t ins, size_t del, size_t sub, size_t cutoff)
{
    size_t s_row[STACK_CP + 1];
    size_t *row = s_row, *heap = NULL;
    if (blen + 1 > NOMEN__ARRAY_LEN(s_row)) {
        row = heap = nomen__reallocarray(NULL, blen + 1, sizeof *row);
        if (!row)
            return SIZE_MAX;
    }
    for (size_t j = 0; j <= blen; j++)
        row[j] = j * ins;
    for (size_t i = 1; i <= alen; i++) {
        size_t diag = row[0];
        row[0] = i * del;
        size_t best = row[0];
        for (size_t j = 1; j <= blen; j++) {
            size_t up = row[j];
            size_t v = diag + (a[i - 1] == b[j - 1] ? 0 : sub);
            if (up + del < v)
                v = up + del;
            if (row[j - 1] + ins < v)
                v = row[j - 1] + ins;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        /* every path to the corner crosses this row at or above its minimum */
        if (best > cutoff) {
            nomen__free(heap);
            return cutoff + 1;
        }
    }
    size_t d = row[blen];
    nomen__free(heap);
    return d <= cutoff ? d : cutoff + 1;
}
