/*
 * normalizer_api.c: the public nomen_normalizer handle (normalize stage).
 * A standalone normalizer opens its own transliterator prototypes and keeps
 * one clone set; it is per thread, like the matcher that will embed the same
 * machinery.
 */
#include "normalize/normalize.h"

#include <string.h>

struct nomen_normalizer {
    nomen__translit_proto *proto;
    nomen__norm norm;
    nomen__tokens toks;
    nomen__err err;
};

NOMEN_EXPORT void nomen_normalizer_free(nomen_normalizer *nz)
{
    if (!nz)
        return;
    nomen__norm_free(&nz->norm);
    nomen__translit_proto_free(nz->proto);
    nomen__tokens_free(&nz->toks);
    nomen__err_free(&nz->err);
    nomen__free(nz);
}

NOMEN_EXPORT int nomen_normalizer_new(nomen_normalizer **out)
{
    if (!out)
        return NOMEN_ERR_INVALID_ARG;
    *out = NULL;
    nomen_normalizer *nz = nomen__calloc(1, sizeof(*nz));
    if (!nz)
        return NOMEN_ERR_NOMEM;
    int rc = nomen__translit_proto_open(&nz->proto, &nz->err);
    if (!rc)
        rc = nomen__norm_init(&nz->norm, nz->proto, &nz->err);
    if (rc) {
        nomen_normalizer_free(nz);
        return rc;
    }
    *out = nz;
    return NOMEN_OK;
}

NOMEN_EXPORT int nomen_normalizer_run(nomen_normalizer *nz, const char *text, size_t len)
{
    if (!nz)
        return NOMEN_ERR_INVALID_ARG;
    nomen__err_clear(&nz->err);
    if (!text && len > 0) {
        nz->toks.n = 0;
        return nomen__err_set(&nz->err, NOMEN_ERR_INVALID_ARG, "text is NULL");
    }
    return nomen__normalize(&nz->norm, text ? text : "", len, &nz->toks, &nz->err);
}

NOMEN_EXPORT size_t nomen_normalizer_token_count(const nomen_normalizer *nz)
{
    return nz ? nz->toks.n : 0;
}

static bool in_range(const nomen_normalizer *nz, size_t i)
{
    return nz && i < nz->toks.n;
}

NOMEN_EXPORT const char *nomen_normalizer_token_key(const nomen_normalizer *nz, size_t i)
{
    return in_range(nz, i) ? nomen__tok_key(&nz->toks, i) : NULL;
}

NOMEN_EXPORT const char *nomen_normalizer_token_text(const nomen_normalizer *nz, size_t i)
{
    return in_range(nz, i) ? nomen__tok_text(&nz->toks, i) : NULL;
}

NOMEN_EXPORT const char *nomen_normalizer_token_marks(const nomen_normalizer *nz, size_t i)
{
    return in_range(nz, i) ? nomen__tok_marked(&nz->toks, i) : NULL;
}

NOMEN_EXPORT const char *nomen_normalizer_token_hans(const nomen_normalizer *nz, size_t i)
{
    return in_range(nz, i) ? nomen__tok_hans(&nz->toks, i) : NULL;
}

NOMEN_EXPORT int nomen_normalizer_token_script(const nomen_normalizer *nz, size_t i)
{
    return in_range(nz, i) ? nz->toks.tok[i].script : -1;
}

NOMEN_EXPORT int nomen_normalizer_token_comma(const nomen_normalizer *nz, size_t i)
{
    return in_range(nz, i) ? nz->toks.tok[i].comma : 0;
}

NOMEN_EXPORT const char *nomen_normalizer_errmsg(const nomen_normalizer *nz)
{
    return nz ? nomen__err_msg(&nz->err) : "no normalizer";
}
