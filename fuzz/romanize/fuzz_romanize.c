/*
 * fuzz_romanize.c: fuzz target for the romanize stage. The input is a name
 * as tokens separated by '/' (a trailing ',' sets the comma flag, a leading
 * '=' makes the rest Han text, which may be ill-formed UTF-8), so the fuzzer
 * reaches segmentation, Han reading, telegraph codes and name structure.
 * Checked invariants: no crash or sanitizer report; a name with variants has
 * the same key sequence as itself and similarity 1 with itself; every
 * variant only cites existing slots; keys and explanations can be built.
 * The raw bytes also go to the segmenter and the telegraph decoder.
 */
#include "romanize/romanize.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';

    nomen__rz_token tok[NOMEN__RZ_MAX_TOKENS + 4];
    memset(tok, 0, sizeof tok);
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= size && n < NOMEN__ARRAY_LEN(tok); i++) {
        if (i < size && buf[i] != '/')
            continue;
        nomen__rz_token *t = &tok[n++];
        size_t len = i - start;
        const char *s = buf + start;
        if (len && s[len - 1] == ',') {
            t->comma = true;
            len--;
        }
        if (len && s[0] == '^') { /* a script hint: ^c Cyrillic, ^v Vietnamese */
            t->hint = len > 1 && s[1] == 'c'   ? NOMEN__RZ_HINT_CYRILLIC
                      : len > 1 && s[1] == 'v' ? NOMEN__RZ_HINT_VIETNAMESE
                                               : NOMEN__RZ_HINT_NONE;
            s += len > 1 ? 2 : 1;
            len -= len > 1 ? 2 : 1;
        }
        if (len && s[0] == '=') {
            t->han = s + 1;
            t->han_len = len - 1;
            t->key = "";
        } else {
            t->key = s;
            t->key_len = len;
        }
        start = i + 1;
    }

    nomen__rz_name *pa = malloc(sizeof *pa); /* large: off the stack */
    if (pa && nomen__rz_romanize(tok, n, pa) == NOMEN_OK) {
        for (unsigned v = 0; v < pa->nvar; v++) {
            if (pa->var[v].n > NOMEN__RZ_MAX_SEQ || pa->var[v].nsur > pa->var[v].n)
                abort();
            for (unsigned i = 0; i < pa->var[v].n; i++)
                if (pa->var[v].slot[i] >= pa->nslot)
                    abort();
            nomen__buf k = {0};
            if (nomen__rz_key(pa, v, &k) != NOMEN_OK)
                abort();
            nomen__buf_free(&k);
        }
        nomen__rz_match m;
        if (pa->nvar) {
            bool self = true;
            for (unsigned i = 0; i < pa->var[0].n; i++)
                if (pa->slot[pa->var[0].slot[i]].ncand == 0)
                    self = false;
            if (self && !nomen__rz_same(pa, pa, &m))
                abort();
            if (nomen__rz_similarity(pa, pa, &m) < 0.99 && self)
                abort();
            nomen__buf e = {0};
            for (unsigned i = 0; i < m.n; i++)
                nomen__rz_explain(pa, pa, &m, i, &e);
            nomen__buf_free(&e);
        }
    }
    free(pa);

    uint8_t ends[NOMEN__RZ_MAX_SEQ], alt[NOMEN__RZ_MAX_SEQ];
    int cost = 0, altn = 0;
    nomen__rz_segment(buf, size, ends, NOMEN__RZ_MAX_SEQ, &cost, alt, &altn);
    nomen__buf out = {0};
    nomen__rz_telegraph_decode(buf, size, &out);
    nomen__buf_free(&out);
    free(buf);
    return 0;
}
