/*
 * ixlookup.c: reading the index: key lookups and derived fields (index
 * stage). Every function here only reads the index, so any number of threads
 * may call them at once.
 */
#include "index/index.h"

#include <math.h>

const uint32_t *nomen__index_lookup(const nomen__index *ix, int kind, const char *s, size_t len,
                                    uint32_t *n)
{
    *n = 0;
    if (len == 0 || ix->nslot == 0)
        return NULL;
    uint64_t h = nomen__ix_key_hash(kind, s, len);
    uint64_t mask = ix->nslot - 1;
    for (uint64_t i = h & mask;; i = (i + 1) & mask) {
        const nomen__ix_slot *sl = &ix->slot[i];
        if (sl->key == 0)
            return NULL;
        if (sl->key == h) {
            *n = ix->u32[sl->val];
            return ix->u32 + sl->val + 1;
        }
    }
}

void nomen__ix_finish(nomen__index *ix)
{
    ix->log_n = log((double)ix->nent + 1.0);
}
