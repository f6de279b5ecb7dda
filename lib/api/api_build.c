/*
 * api_build.c: the public builder and index handles (api stage).
 *
 * A builder owns a record set and a loader; each add_path / add_memory call
 * appends the records of one list. Building an index reads the set and leaves
 * it untouched. The public index handle is a thin wrapper around a reference
 * to the internal, reference-counted index, so that nomen_index_free() may
 * run while matchers still hold the index.
 */
#include "api/api.h"

#include <string.h>

struct nomen_builder {
    nomen__recset set;
    nomen__loader ld;
    bool ready;
};

NOMEN_EXPORT const char *nomen_subject_name(int type)
{
    switch (type) {
    case NOMEN_SUBJECT_INDIVIDUAL:
        return "individual";
    case NOMEN_SUBJECT_ENTITY:
        return "entity";
    case NOMEN_SUBJECT_VESSEL:
        return "vessel";
    case NOMEN_SUBJECT_AIRCRAFT:
        return "aircraft";
    case NOMEN_SUBJECT_ANY:
        return "any";
    default:
        return NULL;
    }
}

NOMEN_EXPORT int nomen_subject_from_name(const char *name)
{
    if (!name)
        return -1;
    for (int t = NOMEN_SUBJECT_ANY; t <= NOMEN_SUBJECT_AIRCRAFT; t++)
        if (strcmp(name, nomen_subject_name(t)) == 0)
            return t;
    return -1;
}

NOMEN_EXPORT int nomen_builder_new(nomen_builder **out)
{
    if (!out)
        return NOMEN_ERR_INVALID_ARG;
    *out = NULL;
    nomen_builder *b = nomen__calloc(1, sizeof(*b));
    if (!b)
        return NOMEN_ERR_NOMEM;
    nomen__recset_init(&b->set);
    if (nomen__loader_init(&b->ld, &b->set) != NOMEN_OK) {
        nomen__recset_free(&b->set);
        nomen__free(b);
        return NOMEN_ERR_NOMEM;
    }
    b->ready = true;
    *out = b;
    return NOMEN_OK;
}

NOMEN_EXPORT void nomen_builder_free(nomen_builder *b)
{
    if (!b)
        return;
    nomen__loader_free(&b->ld);
    nomen__recset_free(&b->set);
    nomen__free(b);
}

NOMEN_EXPORT void nomen_builder_set_strict(nomen_builder *b, int strict)
{
    if (b)
        b->ld.strict = strict != 0;
}

static int parse_format(nomen_builder *b, const char *format, int *fmt)
{
    *fmt = NOMEN__FMT_AUTO;
    if (!format)
        return NOMEN_OK;
    *fmt = nomen__format_from_name(format);
    if (*fmt < 0)
        return nomen__err_set(&b->ld.err, NOMEN_ERR_FORMAT,
                              "unknown list format \"%s\" (expected ofac-csv, ofac-xml, "
                              "ofac-enhanced, uk-csv, eu-xml, ca-xml, un-xml, generic-csv or "
                              "generic-jsonl)",
                              format);
    return NOMEN_OK;
}

NOMEN_EXPORT int nomen_builder_add_path(nomen_builder *b, const char *path, const char *format,
                                        const char *list_name)
{
    if (!b)
        return NOMEN_ERR_INVALID_ARG;
    nomen__err_clear(&b->ld.err);
    if (!path)
        return nomen__err_set(&b->ld.err, NOMEN_ERR_INVALID_ARG, "path is NULL");
    int fmt, rc = parse_format(b, format, &fmt);
    if (rc)
        return rc;
    return nomen__load_path(&b->ld, path, fmt, list_name);
}

NOMEN_EXPORT int nomen_builder_add_memory(nomen_builder *b, const char *name, const void *data,
                                          size_t len, const char *format, const char *list_name)
{
    if (!b)
        return NOMEN_ERR_INVALID_ARG;
    nomen__err_clear(&b->ld.err);
    if (!data && len)
        return nomen__err_set(&b->ld.err, NOMEN_ERR_INVALID_ARG, "data is NULL");
    int fmt, rc = parse_format(b, format, &fmt);
    if (rc)
        return rc;
    return nomen__load_mem(&b->ld, name ? name : "(memory)", data ? data : "", len, fmt, list_name);
}

NOMEN_EXPORT size_t nomen_builder_record_count(const nomen_builder *b)
{
    return b ? b->set.n : 0;
}

NOMEN_EXPORT size_t nomen_builder_skipped_count(const nomen_builder *b)
{
    if (!b)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < b->set.nsources; i++)
        n += b->set.sources[i].records_skipped;
    return n;
}

NOMEN_EXPORT const char *nomen_builder_skip_report(const nomen_builder *b)
{
    return b ? nomen__buf_str(&b->ld.skipped) : "";
}

NOMEN_EXPORT const char *nomen_builder_errmsg(const nomen_builder *b)
{
    return b ? nomen__err_msg(&b->ld.err) : "no builder";
}

/* ---- index -------------------------------------------------------------- */

static int wrap(nomen__index *ix, nomen_index **out)
{
    nomen_index *h = nomen__calloc(1, sizeof(*h));
    if (!h) {
        nomen__index_unref(ix);
        return NOMEN_ERR_NOMEM;
    }
    h->ix = ix;
    *out = h;
    return NOMEN_OK;
}

NOMEN_EXPORT int nomen_index_build(nomen_builder *b, nomen_index **out)
{
    if (!b || !out)
        return NOMEN_ERR_INVALID_ARG;
    *out = NULL;
    nomen__err_clear(&b->ld.err);
    nomen__index *ix = NULL;
    int rc = nomen__index_build(&b->set, &ix, &b->ld.err);
    if (rc)
        return rc;
    return wrap(ix, out);
}

static void copy_err(const nomen__err *e, char *buf, size_t len)
{
    if (buf && len) {
        const char *m = nomen__err_msg(e);
        size_t n = strlen(m);
        if (n >= len)
            n = len - 1;
        memcpy(buf, m, n);
        buf[n] = '\0';
    }
}

NOMEN_EXPORT int nomen_index_save(const nomen_index *ix, const char *path, char *errbuf,
                                  size_t errlen)
{
    nomen__err e = {0};
    int rc = (!ix || !path) ? nomen__err_set(&e, NOMEN_ERR_INVALID_ARG, "index or path is NULL")
                            : nomen__index_save(ix->ix, path, &e);
    if (rc)
        copy_err(&e, errbuf, errlen);
    else if (errbuf && errlen)
        errbuf[0] = '\0';
    nomen__err_free(&e);
    return rc;
}

NOMEN_EXPORT int nomen_index_load(const char *path, nomen_index **out, char *errbuf, size_t errlen)
{
    nomen__err e = {0};
    int rc;
    if (!path || !out) {
        rc = nomen__err_set(&e, NOMEN_ERR_INVALID_ARG, "path or out is NULL");
    } else {
        *out = NULL;
        nomen__index *ix = NULL;
        rc = nomen__index_load(path, &ix, &e);
        if (!rc)
            rc = wrap(ix, out);
    }
    if (rc)
        copy_err(&e, errbuf, errlen);
    else if (errbuf && errlen)
        errbuf[0] = '\0';
    nomen__err_free(&e);
    return rc;
}

NOMEN_EXPORT void nomen_index_free(nomen_index *ix)
{
    if (!ix)
        return;
    nomen__index_unref(ix->ix);
    nomen__free(ix);
}

NOMEN_EXPORT size_t nomen_index_record_count(const nomen_index *ix)
{
    return ix ? (size_t)ix->ix->nrec : 0;
}

NOMEN_EXPORT size_t nomen_index_name_count(const nomen_index *ix)
{
    return ix ? (size_t)ix->ix->nent : 0;
}

NOMEN_EXPORT size_t nomen_index_list_count(const nomen_index *ix)
{
    return ix ? (size_t)ix->ix->nsrc : 0;
}

static const nomen__ix_source *src_at(const nomen_index *ix, size_t i)
{
    return ix && i < ix->ix->nsrc ? &ix->ix->src[i] : NULL;
}

static const char *src_str(const nomen_index *ix, uint32_t off)
{
    return off ? nomen__ix_str(ix->ix, off) : NULL;
}

NOMEN_EXPORT const char *nomen_index_list_name(const nomen_index *ix, size_t i)
{
    const nomen__ix_source *s = src_at(ix, i);
    return s ? src_str(ix, s->list) : NULL;
}

NOMEN_EXPORT const char *nomen_index_list_format(const nomen_index *ix, size_t i)
{
    const nomen__ix_source *s = src_at(ix, i);
    return s ? src_str(ix, s->format) : NULL;
}

NOMEN_EXPORT const char *nomen_index_list_path(const nomen_index *ix, size_t i)
{
    const nomen__ix_source *s = src_at(ix, i);
    return s ? src_str(ix, s->path) : NULL;
}

NOMEN_EXPORT const char *nomen_index_list_date(const nomen_index *ix, size_t i)
{
    const nomen__ix_source *s = src_at(ix, i);
    return s ? src_str(ix, s->date) : NULL;
}

NOMEN_EXPORT const char *nomen_index_list_checksum(const nomen_index *ix, size_t i)
{
    const nomen__ix_source *s = src_at(ix, i);
    return s ? src_str(ix, s->checksum_hex) : NULL;
}

NOMEN_EXPORT size_t nomen_index_list_records(const nomen_index *ix, size_t i)
{
    const nomen__ix_source *s = src_at(ix, i);
    return s ? (size_t)s->records : 0;
}

NOMEN_EXPORT size_t nomen_index_list_skipped(const nomen_index *ix, size_t i)
{
    const nomen__ix_source *s = src_at(ix, i);
    return s ? (size_t)s->skipped : 0;
}
