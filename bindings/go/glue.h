/*
 * glue.h: C helpers of the Go binding. cgo calls cost about a hundred
 * nanoseconds each, and Go may not hand C memory that holds Go pointers, so
 * the binding never walks the hit accessors from Go: one call screens and
 * packs every hit into a flat little-endian buffer that Go decodes in one
 * pass. The same packing serves batches (many queries, one call) and the
 * pure-C timing loop that the bench prints beside the Go figure.
 */
#ifndef NOMEN_GO_GLUE_H
#define NOMEN_GO_GLUE_H

#include <nomen.h>

#include <stddef.h>
#include <stdint.h>

/* A growable byte buffer in C memory, owned by one Go Matcher. */
typedef struct nomen_go_buf {
    unsigned char *data;
    size_t len, cap;
} nomen_go_buf;

void nomen_go_buf_free(nomen_go_buf *b);

/* Screen one query (dob/country NULL or empty when unknown) and pack its
 * hits into out (replacing what it held). Returns a nomen status; on
 * failure the message is in nomen_matcher_errmsg. */
int nomen_go_screen(nomen_matcher *m, const char *name, size_t name_len, const char *dob,
                    size_t dob_len, const char *country, size_t country_len, int type,
                    nomen_go_buf *out);

/* Screen n queries whose texts are packed in text: query i has its name at
 * [ends[3i-1], ends[3i]), its date of birth up to ends[3i+1] and its country
 * up to ends[3i+2] (with ends[-1] read as 0), and its subject type in
 * types[i]. Query i's hits are packed at out bytes [starts[i], starts[i+1])
 * and number counts[i] (starts has n + 1 entries). On failure *failed is the number of the query
 * that failed. */
int nomen_go_screen_many(nomen_matcher *m, const char *text, const size_t *ends, const int *types,
                         size_t n, nomen_go_buf *out, uint64_t *starts, uint32_t *counts,
                         size_t *failed);

/* The C figure for the bench: screen the same packed queries rounds times
 * from C alone, reading each hit's score and entity id as a C caller would.
 * Returns the elapsed seconds, or a negative value when a screen fails. */
double nomen_go_time_c(nomen_matcher *m, const char *text, const size_t *ends, const int *types,
                       size_t n, int rounds);

/* Bytes of C heap in use (glibc mallinfo2), for the leak test; 0 elsewhere. */
size_t nomen_go_heap_in_use(void);

#endif
