/*
 * alloc.c: checked allocation, growable buffers and arenas (core stage).
 * Invariant: every size computation that could overflow is checked before it
 * reaches the allocator, so a hostile length turns into NULL, never into a
 * short buffer.
 */
#include "core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *nomen__malloc(size_t size)
{
    return malloc(size ? size : 1);
}

void *nomen__calloc(size_t n, size_t size)
{
    if (n == 0 || size == 0)
        return calloc(1, 1);
    return calloc(n, size);
}

void *nomen__realloc(void *p, size_t size)
{
    return realloc(p, size ? size : 1);
}

void *nomen__reallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return nomen__realloc(p, n * size);
}

void nomen__free(void *p)
{
    free(p);
}

char *nomen__strndup(const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *d = nomen__malloc(len + 1);
    if (!d)
        return NULL;
    if (len)
        memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

bool nomen__grow(void **items, size_t *cap, size_t need, size_t elsize)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return false;
        ncap *= 2;
    }
    void *p = nomen__reallocarray(*items, ncap, elsize);
    if (!p)
        return false;
    *items = p;
    *cap = ncap;
    return true;
}

/* ---- byte buffer -------------------------------------------------------- */

bool nomen__buf_reserve(nomen__buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return false;
    void *p = b->data;
    if (!nomen__grow(&p, &b->cap, b->len + extra + 1, 1))
        return false;
    b->data = p;
    return true;
}

bool nomen__buf_add(nomen__buf *b, const void *data, size_t len)
{
    if (!nomen__buf_reserve(b, len))
        return false;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return true;
}

bool nomen__buf_addc(nomen__buf *b, char c)
{
    return nomen__buf_add(b, &c, 1);
}

bool nomen__buf_adds(nomen__buf *b, const char *s)
{
    return nomen__buf_add(b, s, strlen(s));
}

bool nomen__buf_vaddf(nomen__buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || !nomen__buf_reserve(b, (size_t)n))
        return false;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return true;
}

bool nomen__buf_addf(nomen__buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool ok = nomen__buf_vaddf(b, fmt, ap);
    va_end(ap);
    return ok;
}

void nomen__buf_clear(nomen__buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void nomen__buf_truncate(nomen__buf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->data[len] = '\0';
    }
}

void nomen__buf_free(nomen__buf *b)
{
    nomen__free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

const char *nomen__buf_str(const nomen__buf *b)
{
    return b->data ? b->data : "";
}

/* ---- arena -------------------------------------------------------------- */

/* Blocks are 64 KiB unless one allocation needs more: large enough that the
 * per-block header is noise, small enough not to waste much on tiny owners. */
#define ARENA_BLOCK_SIZE ((size_t)64 * 1024)
#define ARENA_ALIGN      ((size_t)16)

struct nomen__arena_block {
    nomen__arena_block *next;
    size_t size;
    _Alignas(16) unsigned char data[];
};

void *nomen__arena_alloc(nomen__arena *a, size_t size)
{
    if (size > SIZE_MAX - ARENA_ALIGN)
        return NULL;
    size = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (!a->head || a->head->size - a->used < size) {
        size_t bsize = NOMEN__MAX(ARENA_BLOCK_SIZE, size);
        if (bsize > SIZE_MAX - sizeof(nomen__arena_block))
            return NULL;
        nomen__arena_block *blk = nomen__malloc(sizeof(*blk) + bsize);
        if (!blk)
            return NULL;
        blk->size = bsize;
        blk->next = a->head;
        a->head = blk;
        a->used = 0;
    }
    void *p = a->head->data + a->used;
    a->used += size;
    a->total += size;
    return p;
}

char *nomen__arena_strndup(nomen__arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *d = nomen__arena_alloc(a, len + 1);
    if (!d)
        return NULL;
    if (len)
        memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

void nomen__arena_free(nomen__arena *a)
{
    nomen__arena_block *b = a->head;
    while (b) {
        nomen__arena_block *next = b->next;
        nomen__free(b);
        b = next;
    }
    a->head = NULL;
    a->used = a->total = 0;
}

/* ---- numbers as text ---------------------------------------------------- */

size_t nomen__hex_double(double x, char *out)
{
    static const char digits[] = "0123456789abcdef";
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    size_t n = 0;
    if (bits >> 63)
        out[n++] = '-';
    int e = (int)((bits >> 52) & 0x7ff);
    uint64_t frac = bits & ((UINT64_C(1) << 52) - 1);
    if (e == 0x7ff) {
        memcpy(out + n, frac ? "nan" : "inf", 3);
        return n + 3;
    }
    out[n++] = '0';
    out[n++] = 'x';
    out[n++] = e ? '1' : '0';
    if (frac) {
        out[n++] = '.';
        int last = 0; /* the last nonzero hex digit of the 13 */
        for (int k = 0; k < 13; k++)
            if ((frac >> (48 - 4 * k)) & 0xf)
                last = k;
        for (int k = 0; k <= last; k++)
            out[n++] = digits[(frac >> (48 - 4 * k)) & 0xf];
    }
    int ex = e ? e - 1023 : (frac ? -1022 : 0);
    out[n++] = 'p';
    out[n++] = ex < 0 ? '-' : '+';
    unsigned a = (unsigned)(ex < 0 ? -ex : ex);
    char rev[8];
    size_t r = 0;
    do {
        rev[r++] = (char)('0' + a % 10);
        a /= 10;
    } while (a);
    while (r)
        out[n++] = rev[--r];
    return n;
}
