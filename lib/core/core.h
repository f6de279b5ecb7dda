/*
 * core.h: allocation, growable buffers, arenas, per-handle error messages and
 * hashing. The bottom of the module order: it includes only the C library and
 * nomen.h, and every other module may include it.
 *
 * Names: cross-file internals are nomen__name (two underscores) and hidden
 * from the shared library by the default visibility.
 */
#ifndef NOMEN_CORE_H
#define NOMEN_CORE_H

#include "nomen.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define NOMEN__PRINTF(f, a) __attribute__((format(printf, f, a)))
#define NOMEN__UNLIKELY(x)  __builtin_expect(!!(x), 0)
#define NOMEN__LIKELY(x)    __builtin_expect(!!(x), 1)
#else
#define NOMEN__PRINTF(f, a)
#define NOMEN__UNLIKELY(x) (x)
#define NOMEN__LIKELY(x)   (x)
#endif

#define NOMEN__ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define NOMEN__MIN(a, b)    ((a) < (b) ? (a) : (b))
#define NOMEN__MAX(a, b)    ((a) > (b) ? (a) : (b))

/* ---- allocation --------------------------------------------------------- */

/* malloc/calloc/realloc that refuse sizes whose computation overflowed. Each
 * returns NULL on failure; nomen__free(NULL) is a no-op. */
void *nomen__malloc(size_t size);
void *nomen__calloc(size_t n, size_t size);
void *nomen__realloc(void *p, size_t size);
void *nomen__reallocarray(void *p, size_t n, size_t size);
void nomen__free(void *p);
/* A NUL-terminated copy of s[0..len). */
char *nomen__strndup(const char *s, size_t len);

/* Make room for at least `need` elements of `elsize` bytes in *items, whose
 * capacity is *cap. Grows geometrically. Returns false (and leaves *items
 * as it was) when memory runs out or the size overflows. */
bool nomen__grow(void **items, size_t *cap, size_t need, size_t elsize);

/* ---- byte buffer -------------------------------------------------------- */

/* A growable byte string, always NUL-terminated once anything was added.
 * A zeroed struct is an empty buffer. */
typedef struct nomen__buf {
    char *data;
    size_t len;
    size_t cap;
} nomen__buf;

bool nomen__buf_reserve(nomen__buf *b, size_t extra);
bool nomen__buf_add(nomen__buf *b, const void *data, size_t len);
bool nomen__buf_addc(nomen__buf *b, char c);
bool nomen__buf_adds(nomen__buf *b, const char *s);
bool nomen__buf_addf(nomen__buf *b, const char *fmt, ...) NOMEN__PRINTF(2, 3);
bool nomen__buf_vaddf(nomen__buf *b, const char *fmt, va_list ap) NOMEN__PRINTF(2, 0);
/* Empty the buffer, keeping its memory. */
void nomen__buf_clear(nomen__buf *b);
/* Cut the buffer back to its first len bytes (len <= b->len): how a writer
 * takes back a half-written result. */
void nomen__buf_truncate(nomen__buf *b, size_t len);
void nomen__buf_free(nomen__buf *b);
/* The contents as a C string ("" for a buffer that never grew). */
const char *nomen__buf_str(const nomen__buf *b);

/* ---- numbers as text ---------------------------------------------------- */

/* x as a C99 hexadecimal floating constant, as glibc's printf "%a" writes it
 * ("0x1.555556p-1", "0x1p+0", "0x0p+0", "inf", "nan"), into out (room for
 * NOMEN__HEX_DOUBLE_MAX bytes; no NUL written): exact, and far cheaper than
 * "%.17g", which must convert to decimal. strtod, Python's float.fromhex,
 * Go's strconv.ParseFloat and Java's Double.parseDouble read it back to the
 * same double. Returns the length written. */
#define NOMEN__HEX_DOUBLE_MAX 24
size_t nomen__hex_double(double x, char *out);

/* ---- arena -------------------------------------------------------------- */

/* A bump allocator for data that lives as long as its owner (an index, a
 * record set). Blocks are never moved, so pointers stay valid until
 * nomen__arena_free. A zeroed struct is an empty arena. */
typedef struct nomen__arena_block nomen__arena_block;
typedef struct nomen__arena {
    nomen__arena_block *head;
    size_t used;  /* bytes used in head */
    size_t total; /* bytes handed out, for statistics */
} nomen__arena;

/* `size` bytes aligned for any type, or NULL when memory runs out. */
void *nomen__arena_alloc(nomen__arena *a, size_t size);
/* A NUL-terminated copy of s[0..len) in the arena. */
char *nomen__arena_strndup(nomen__arena *a, const char *s, size_t len);
void nomen__arena_free(nomen__arena *a);

/* ---- errors ------------------------------------------------------------- */

/* The error state that each handle carries: the last status and its message. */
typedef struct nomen__err {
    int status;
    nomen__buf msg;
} nomen__err;

/* Record a failure: sets status and message, returns status so that callers
 * can write `return nomen__err_set(&h->err, NOMEN_ERR_PARSE, "...")`. If the
 * message cannot be formatted for lack of memory, the status still stands. */
int nomen__err_set(nomen__err *e, int status, const char *fmt, ...) NOMEN__PRINTF(3, 4);
int nomen__err_vset(nomen__err *e, int status, const char *fmt, va_list ap) NOMEN__PRINTF(3, 0);
void nomen__err_clear(nomen__err *e);
const char *nomen__err_msg(const nomen__err *e);
void nomen__err_free(nomen__err *e);

/* ---- hashing ------------------------------------------------------------ */

/* A fast 64-bit hash of a byte string, good enough for hash tables and
 * checksums that are not security boundaries (not a MAC). The same input
 * gives the same value on every platform and in every version, so it may be
 * stored in files. */
uint64_t nomen__hash64(const void *data, size_t len, uint64_t seed);

#endif /* NOMEN_CORE_H */
