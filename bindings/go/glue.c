/*
 * glue.c: the Go binding's C side (see glue.h for why it exists). The packed
 * form of one hit, all integers little-endian whatever the host:
 *   u32 subject type, u64 score (IEEE-754 bits),
 *   u32 programme count, then the strings entity id, list, name, matched
 *   name, explanation and each programme, each as u32 length + bytes.
 * A NULL string (no explanation asked for) has the length 0xFFFFFFFF.
 */
#define _POSIX_C_SOURCE 200809L
#include "glue.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

void nomen_go_buf_free(nomen_go_buf *b)
{
    if (!b)
        return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static int reserve(nomen_go_buf *b, size_t more)
{
    if (more <= b->cap - b->len)
        return 1;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap - b->len < more) {
        if (cap > SIZE_MAX / 2)
            return 0;
        cap *= 2;
    }
    unsigned char *p = realloc(b->data, cap);
    if (!p)
        return 0;
    b->data = p;
    b->cap = cap;
    return 1;
}

static void put_u32(nomen_go_buf *b, uint32_t v)
{
    unsigned char *p = b->data + b->len;
    for (int k = 0; k < 4; k++)
        p[k] = (unsigned char)(v >> (8 * k));
    b->len += 4;
}

static void put_u64(nomen_go_buf *b, uint64_t v)
{
    unsigned char *p = b->data + b->len;
    for (int k = 0; k < 8; k++)
        p[k] = (unsigned char)(v >> (8 * k));
    b->len += 8;
}

static int put_str(nomen_go_buf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n >= UINT32_MAX || !reserve(b, 4 + n))
        return 0;
    put_u32(b, s ? (uint32_t)n : UINT32_MAX);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    return 1;
}

/* Append the hits of the matcher's last screen. */
static int pack_hits(const nomen_matcher *m, nomen_go_buf *b)
{
    size_t n = nomen_matcher_hit_count(m);
    for (size_t i = 0; i < n; i++) {
        if (!reserve(b, 16))
            return NOMEN_ERR_NOMEM;
        double score = nomen_hit_score(m, i);
        uint64_t bits;
        memcpy(&bits, &score, sizeof bits);
        size_t np = nomen_hit_program_count(m, i);
        put_u32(b, (uint32_t)nomen_hit_type(m, i));
        put_u64(b, bits);
        put_u32(b, (uint32_t)np);
        if (!put_str(b, nomen_hit_entity_id(m, i)) || !put_str(b, nomen_hit_list(m, i)) ||
            !put_str(b, nomen_hit_name(m, i)) || !put_str(b, nomen_hit_matched_name(m, i)) ||
            !put_str(b, nomen_hit_explain_json(m, i)))
            return NOMEN_ERR_NOMEM;
        for (size_t k = 0; k < np; k++)
            if (!put_str(b, nomen_hit_program(m, i, k)))
                return NOMEN_ERR_NOMEM;
    }
    return NOMEN_OK;
}

int nomen_go_screen(nomen_matcher *m, const char *name, size_t name_len, const char *dob,
                    size_t dob_len, const char *country, size_t country_len, int type,
                    nomen_go_buf *out)
{
    out->len = 0;
    nomen_query q;
    nomen_query_init(&q);
    q.name = name;
    q.name_len = name_len;
    if (dob_len) {
        q.dob = dob;
        q.dob_len = dob_len;
    }
    if (country_len) {
        q.country = country;
        q.country_len = country_len;
    }
    q.type = type;
    int rc = nomen_matcher_screen(m, &q);
    return rc ? rc : pack_hits(m, out);
}

/* Fill q with query i of a packed batch. */
static void batch_query(nomen_query *q, const char *text, const size_t *ends, const int *types,
                        size_t i)
{
    size_t start = i ? ends[3 * i - 1] : 0;
    nomen_query_init(q);
    q->name = text + start;
    q->name_len = ends[3 * i] - start;
    if (ends[3 * i + 1] > ends[3 * i]) {
        q->dob = text + ends[3 * i];
        q->dob_len = ends[3 * i + 1] - ends[3 * i];
    }
    if (ends[3 * i + 2] > ends[3 * i + 1]) {
        q->country = text + ends[3 * i + 1];
        q->country_len = ends[3 * i + 2] - ends[3 * i + 1];
    }
    q->type = types[i];
}

int nomen_go_screen_many(nomen_matcher *m, const char *text, const size_t *ends, const int *types,
                         size_t n, nomen_go_buf *out, uint64_t *starts, uint32_t *counts,
                         size_t *failed)
{
    out->len = 0;
    for (size_t i = 0; i < n; i++) {
        nomen_query q;
        batch_query(&q, text, ends, types, i);
        starts[i] = out->len;
        int rc = nomen_matcher_screen(m, &q);
        if (!rc)
            rc = pack_hits(m, out);
        if (rc) {
            *failed = i;
            return rc;
        }
        counts[i] = (uint32_t)nomen_matcher_hit_count(m);
    }
    starts[n] = out->len;
    return NOMEN_OK;
}

double nomen_go_time_c(nomen_matcher *m, const char *text, const size_t *ends, const int *types,
                       size_t n, int rounds)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    volatile double sink = 0;
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            nomen_query q;
            batch_query(&q, text, ends, types, i);
            if (nomen_matcher_screen(m, &q))
                return -1;
            for (size_t h = 0; h < nomen_matcher_hit_count(m); h++)
                sink = sink + nomen_hit_score(m, h) + (double)nomen_hit_entity_id(m, h)[0];
        }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    (void)sink;
    return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
}

size_t nomen_go_heap_in_use(void)
{
#ifdef __GLIBC__
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
#else
    return 0;
#endif
}
