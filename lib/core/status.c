/*
 * status.c: status names, per-handle error messages, version queries and
 * hashing (core stage).
 */
#include "core/core.h"

#include <string.h>

NOMEN_EXPORT int nomen_version(void)
{
    return NOMEN_VERSION_NUMBER;
}

NOMEN_EXPORT const char *nomen_version_string(void)
{
    return NOMEN_VERSION_STRING;
}

NOMEN_EXPORT const char *nomen_status_str(int status)
{
    switch (status) {
    case NOMEN_OK:
        return "ok";
    case NOMEN_ERR_NOMEM:
        return "out of memory";
    case NOMEN_ERR_INVALID_ARG:
        return "invalid argument";
    case NOMEN_ERR_UTF8:
        return "invalid UTF-8";
    case NOMEN_ERR_IO:
        return "input/output error";
    case NOMEN_ERR_PARSE:
        return "malformed input";
    case NOMEN_ERR_FORMAT:
        return "unknown or unsupported format";
    case NOMEN_ERR_ICU:
        return "ICU error";
    case NOMEN_ERR_LIMIT:
        return "input exceeds a limit";
    case NOMEN_ERR_VERSION:
        return "incompatible version";
    case NOMEN_ERR_STATE:
        return "call not valid in this state";
    case NOMEN_ERR_NOT_FOUND:
        return "not found";
    case NOMEN_ERR_ENCODING:
        return "unsupported text encoding (UTF-8 expected)";
    case NOMEN_ERR_INTERNAL:
        return "internal error";
    default:
        return "unknown status";
    }
}

NOMEN_EXPORT const char *nomen_script_name(int script)
{
    static const char *const names[] = {
        "unknown", "latin", "han",  "cyrillic",   "arabic", "greek", "hebrew",
        "hangul",  "kana",  "thai", "devanagari", "other",  "mixed",
    };
    if (script < 0 || (size_t)script >= NOMEN__ARRAY_LEN(names))
        return "unknown";
    return names[script];
}

int nomen__err_vset(nomen__err *e, int status, const char *fmt, va_list ap)
{
    e->status = status;
    nomen__buf_clear(&e->msg);
    if (!nomen__buf_vaddf(&e->msg, fmt, ap))
        nomen__buf_clear(&e->msg);
    return status;
}

int nomen__err_set(nomen__err *e, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nomen__err_vset(e, status, fmt, ap);
    va_end(ap);
    return status;
}

void nomen__err_clear(nomen__err *e)
{
    e->status = NOMEN_OK;
    nomen__buf_clear(&e->msg);
}

const char *nomen__err_msg(const nomen__err *e)
{
    if (e->status != NOMEN_OK && e->msg.len == 0)
        return nomen_status_str(e->status);
    return nomen__buf_str(&e->msg);
}

void nomen__err_free(nomen__err *e)
{
    nomen__buf_free(&e->msg);
}

/* A 64-bit hash in the wyhash family of constructions: 8-byte little-endian
 * reads, a 64x64->128 multiply-fold per 16 bytes. The multipliers are odd
 * constants with well-mixed bits (from splitmix64 and the golden ratio). */
static uint64_t read64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static uint64_t mix(uint64_t a, uint64_t b)
{
    __uint128_t r = (__uint128_t)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

uint64_t nomen__hash64(const void *data, size_t len, uint64_t seed)
{
    const uint64_t k0 = 0x9e3779b97f4a7c15ull, k1 = 0xbf58476d1ce4e5b9ull,
                   k2 = 0x94d049bb133111ebull;
    const unsigned char *p = data;
    uint64_t h = seed ^ k0 ^ (uint64_t)len;
    while (len >= 16) {
        h = mix(read64(p) ^ k1, read64(p + 8) ^ h);
        p += 16;
        len -= 16;
    }
    unsigned char tail[16] = {0};
    if (len)
        memcpy(tail, p, len);
    h = mix(read64(tail) ^ k1, read64(tail + 8) ^ h ^ k2);
    return mix(h ^ k0, h ^ k2);
}
