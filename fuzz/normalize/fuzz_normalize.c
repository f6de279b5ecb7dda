/*
 * fuzz_normalize.c: any bytes into the normalizer. Invalid UTF-8 must be
 * refused with NOMEN_ERR_UTF8; valid input must give tokens whose key, text
 * and marked strings are valid UTF-8 with non-empty keys, and running the same
 * input twice must give the same result.
 */
#include "normalize/normalize.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_tokens(const nomen__tokens *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const char *k = nomen__tok_key(t, i), *m = nomen__tok_marked(t, i),
                   *x = nomen__tok_text(t, i);
        if (t->tok[i].key_len == 0 || strlen(k) != t->tok[i].key_len ||
            !nomen__utf8_valid(k, strlen(k), NULL) || !nomen__utf8_valid(m, strlen(m), NULL) ||
            !nomen__utf8_valid(x, strlen(x), NULL))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nomen__err err = {0};
    nomen__translit_proto *proto = NULL;
    nomen__norm nz;
    if (nomen__translit_proto_open(&proto, &err) != NOMEN_OK)
        abort();
    if (nomen__norm_init(&nz, proto, &err) != NOMEN_OK)
        abort();
    nomen__tokens a = {0}, b = {0};
    int rc = nomen__normalize(&nz, (const char *)data, size, &a, &err);
    bool valid = nomen__utf8_valid((const char *)data, size, NULL);
    if (size <= NOMEN_NAME_MAX_BYTES && valid != (rc != NOMEN_ERR_UTF8))
        abort();
    if (rc == NOMEN_OK) {
        check_tokens(&a);
        if (nomen__normalize(&nz, (const char *)data, size, &b, &err) != NOMEN_OK || a.n != b.n)
            abort();
        for (size_t i = 0; i < a.n; i++)
            if (strcmp(nomen__tok_marked(&a, i), nomen__tok_marked(&b, i)) != 0)
                abort();
    }
    nomen__tokens_free(&a);
    nomen__tokens_free(&b);
    nomen__norm_free(&nz);
    nomen__translit_proto_free(proto);
    nomen__err_free(&err);
    return 0;
}
