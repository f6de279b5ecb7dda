/*
 * xmltest.h: helpers for the XML adapter tests (static inline, header only,
 * because every tests/load/test_*.c is its own program).
 */
#ifndef NOMEN_XMLTEST_H
#define NOMEN_XMLTEST_H

#include "load/load.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

typedef int (*xt_adapter)(nomen__loader *ld, nomen__src *src);

/* A loaded set with its loader. */
typedef struct xt_load {
    nomen__recset set;
    nomen__loader ld;
    int rc;
} xt_load;

static inline void xt_load_src(xt_load *l, xt_adapter fn, nomen__src *src, bool strict)
{
    nomen__recset_init(&l->set);
    assert_int_equal(nomen__loader_init(&l->ld, &l->set), NOMEN_OK);
    l->ld.strict = strict;
    l->rc = fn(&l->ld, src);
    nomen__src_close(src);
}

static inline void xt_load_file(xt_load *l, xt_adapter fn, const char *path, bool strict)
{
    nomen__src src;
    nomen__err err = {0};
    assert_int_equal(nomen__src_open_file(&src, path, &err), NOMEN_OK);
    nomen__err_free(&err);
    xt_load_src(l, fn, &src, strict);
}

static inline void xt_load_mem(xt_load *l, xt_adapter fn, const char *name, const char *doc,
                               bool strict)
{
    nomen__src src;
    assert_int_equal(nomen__src_open_mem(&src, name, doc, strlen(doc)), NOMEN_OK);
    xt_load_src(l, fn, &src, strict);
}

static inline void xt_free(xt_load *l)
{
    nomen__loader_free(&l->ld);
    nomen__recset_free(&l->set);
}

/* The checksum the contract defines, computed here from the whole file. */
static inline uint64_t xt_file_checksum(const char *path, size_t *size)
{
    size_t n = 0;
    char *d = nt_read_file(path, &n);
    assert_non_null(d);
    uint64_t h = 0;
    for (size_t off = 0; off < n; off += NOMEN__SRC_CHUNK)
        h = nomen__hash64(d + off, n - off < NOMEN__SRC_CHUNK ? n - off : NOMEN__SRC_CHUNK, h);
    free(d);
    if (size != NULL)
        *size = n;
    return h;
}

/* Fail the test (and tell the compiler this path ends) when p is NULL. */
#define XT_NONNULL(p)                                                                              \
    do {                                                                                           \
        if ((p) == NULL) {                                                                         \
            fail_msg("%s is NULL", #p);                                                            \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* The record with this list id, or NULL. */
static inline const nomen__record *xt_lookup(const nomen__recset *set, const char *id)
{
    for (size_t i = 0; i < set->n; i++)
        if (set->recs[i].list_id != NULL && strcmp(set->recs[i].list_id, id) == 0)
            return &set->recs[i];
    return NULL;
}

/* The record with this list id; fails the test when there is none. */
static inline const nomen__record *xt_find(const nomen__recset *set, const char *id)
{
    const nomen__record *r = xt_lookup(set, id);
    if (r == NULL) {
        fail_msg("no record %s", id);
        abort();
    }
    return r;
}

/* The name with this full text; fails the test when there is none. */
static inline const nomen__rname *xt_name(const nomen__record *r, const char *full)
{
    for (size_t i = 0; i < r->nnames; i++)
        if (strcmp(r->names[i].full, full) == 0)
            return &r->names[i];
    fail_msg("no name '%s' in record %s", full, r->list_id);
    abort();
}

static inline const nomen__rid *xt_id(const nomen__record *r, const char *type, const char *value)
{
    for (size_t i = 0; i < r->nids; i++)
        if (r->ids[i].type != NULL && strcmp(r->ids[i].type, type) == 0 &&
            strcmp(r->ids[i].value, value) == 0)
            return &r->ids[i];
    fail_msg("no id %s %s in record %s", type, value, r->list_id);
    abort();
}

static inline bool xt_has_program(const nomen__record *r, const char *p)
{
    for (size_t i = 0; i < r->nprograms; i++)
        if (strcmp(r->programs[i], p) == 0)
            return true;
    return false;
}

static inline bool xt_has_country(const nomen__rcountry *c, size_t n, const char *iso2)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(c[i].iso2, iso2) == 0)
            return true;
    return false;
}

static inline size_t xt_count_type(const nomen__recset *set, int type)
{
    size_t n = 0;
    for (size_t i = 0; i < set->n; i++)
        n += set->recs[i].type == type;
    return n;
}

static inline size_t xt_count_names(const nomen__recset *set, int kind, int quality)
{
    size_t n = 0;
    for (size_t i = 0; i < set->n; i++)
        for (size_t j = 0; j < set->recs[i].nnames; j++)
            n += set->recs[i].names[j].kind == kind &&
                 (quality < 0 || set->recs[i].names[j].quality == quality);
    return n;
}

/* A whole source entry check. */
static inline void xt_check_source(const xt_load *l, const char *list, const char *format,
                                   const char *date, size_t read, size_t loaded, size_t skipped)
{
    assert_int_equal(l->set.nsources, 1);
    const nomen__rsource *s = &l->set.sources[0];
    assert_string_equal(s->list, list);
    assert_string_equal(s->format, format);
    if (date == NULL)
        assert_null(s->date);
    else
        assert_string_equal(s->date, date);
    assert_int_equal(s->records_read, read);
    assert_int_equal(s->records_loaded, loaded);
    assert_int_equal(s->records_skipped, skipped);
    assert_int_equal(l->set.n, loaded);
}

#endif /* NOMEN_XMLTEST_H */
