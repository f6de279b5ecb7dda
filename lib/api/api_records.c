/*
 * api_records.c: record sets, their accessors, and indexes of a subset of
 * records (api stage, include/nomen.h "Records, list comparison and changes").
 *
 * A nomen_records owns a loader and the record set it fills, exactly as a
 * builder does, but keeps the records readable: coordination (who is listed
 * where, what changed) needs identifiers, listing dates and names that an
 * index does not keep. Derived data (ISO dates, country codes, the sorted
 * identifier table) is computed at the end of each add call, so that reads
 * never write: a filled set is immutable and may be shared by threads.
 *
 * An index of a subset is built from a shallow view of the set (the records'
 * structs copied, their strings still in the set's arena): the index build
 * copies every string it keeps into its own pools, so the view is dropped
 * as soon as the build returns.
 */
#define _POSIX_C_SOURCE 200809L

#include "api/api_coord.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Longest ISO date text written: "YYYY-MM-DD" or "YYYY/YYYY", NUL included. */
#define ISO_DATE_MAX 16

static int wrap_index(nomen__index *ix, nomen_index **out)
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

NOMEN_EXPORT int nomen_records_new(nomen_records **out)
{
    if (!out)
        return NOMEN_ERR_INVALID_ARG;
    *out = NULL;
    nomen_records *r = nomen__calloc(1, sizeof(*r));
    if (!r)
        return NOMEN_ERR_NOMEM;
    nomen__recset_init(&r->set);
    if (nomen__loader_init(&r->ld, &r->set) != NOMEN_OK) {
        nomen__recset_free(&r->set);
        nomen__free(r);
        return NOMEN_ERR_NOMEM;
    }
    *out = r;
    return NOMEN_OK;
}

NOMEN_EXPORT void nomen_records_free(nomen_records *r)
{
    if (!r)
        return;
    nomen__loader_free(&r->ld);
    nomen__recset_free(&r->set);
    nomen__arena_free(&r->arena);
    nomen__free(r->extra);
    nomen__free(r->byid);
    nomen__free(r->missing);
    nomen__free(r);
}

NOMEN_EXPORT void nomen_records_set_strict(nomen_records *r, int strict)
{
    if (r)
        r->ld.strict = strict != 0;
}

/* "1960-05-12", "1960-05", "1960", "1960/1962"; "" when the year is unknown. */
static void iso_date(const nomen__rdate *d, char out[ISO_DATE_MAX])
{
    out[0] = '\0';
    if (d->year <= 0)
        return;
    if (d->year_to > d->year)
        snprintf(out, ISO_DATE_MAX, "%04d/%04d", d->year, d->year_to);
    else if (d->month && d->day)
        snprintf(out, ISO_DATE_MAX, "%04d-%02d-%02d", d->year, d->month, d->day);
    else if (d->month)
        snprintf(out, ISO_DATE_MAX, "%04d-%02d", d->year, d->month);
    else
        snprintf(out, ISO_DATE_MAX, "%04d", d->year);
}

static bool add_country(rec_extra *x, const char *iso2, nomen__arena *a, size_t cap)
{
    if (!iso2[0])
        return true;
    for (size_t k = 0; k < x->ncountries; k++)
        if (strcmp(x->countries[k], iso2) == 0)
            return true;
    if (x->ncountries >= cap)
        return true;
    char *s = nomen__arena_strndup(a, iso2, strlen(iso2));
    if (!s)
        return false;
    x->countries[x->ncountries++] = s;
    return true;
}

static bool derive_record(nomen_records *r, size_t i)
{
    const nomen__record *rec = &r->set.recs[i];
    rec_extra *x = &r->extra[i];
    memset(x, 0, sizeof(*x));
    if (rec->ndobs) {
        x->dob_iso = nomen__arena_alloc(&r->arena, rec->ndobs * sizeof(char *));
        if (!x->dob_iso)
            return false;
        for (size_t k = 0; k < rec->ndobs; k++) {
            char buf[ISO_DATE_MAX];
            iso_date(&rec->dobs[k], buf);
            x->dob_iso[k] = NULL;
            if (buf[0] && !(x->dob_iso[k] = nomen__arena_strndup(&r->arena, buf, strlen(buf))))
                return false;
        }
    }
    size_t cap = rec->nnationalities + rec->ncitizenships;
    if (cap) {
        x->countries = nomen__arena_alloc(&r->arena, cap * sizeof(char *));
        if (!x->countries)
            return false;
        for (size_t k = 0; k < rec->nnationalities; k++)
            if (!add_country(x, rec->nationalities[k].iso2, &r->arena, cap))
                return false;
        for (size_t k = 0; k < rec->ncitizenships; k++)
            if (!add_country(x, rec->citizenships[k].iso2, &r->arena, cap))
                return false;
    }
    return true;
}

/* The identifier table's order: by source, then identifier bytes, then
 * record number (so that a list repeating an identifier finds its first). */
static int cmp_idkey(const void *pa, const void *pb)
{
    const id_entry *a = pa, *b = pb;
    if (a->source != b->source)
        return a->source < b->source ? -1 : 1;
    int c = strcmp(a->id, b->id);
    if (c)
        return c;
    return a->rec < b->rec ? -1 : a->rec > b->rec;
}

/* Which side files of an OFAC CSV set are absent beside its primary file.
 * The loader reads what is there (docs/formats.md); this only names what
 * was not, so that a diff does not take missing data for removed data. */
static char *ofac_missing(const char *path)
{
    struct stat st;
    char dir[4096];
    if (stat(path, &st) != 0)
        return NULL;
    if (S_ISDIR(st.st_mode)) {
        snprintf(dir, sizeof dir, "%s", path);
    } else {
        const char *slash = strrchr(path, '/');
        if (!slash)
            snprintf(dir, sizeof dir, ".");
        else
            snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    }
    /* The set's side files, in the lower and upper case OFAC publishes. The
     * consolidated set (cons_prim.csv) names them cons_alt.csv and so on. */
    bool cons = false;
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/cons_prim.csv", dir);
    if (stat(probe, &st) == 0)
        cons = true;
    snprintf(probe, sizeof probe, "%s/CONS_PRIM.CSV", dir);
    if (stat(probe, &st) == 0)
        cons = true;
    static const char *const sdn_side[] = {"alt.csv", "add.csv", "sdn_comments.csv"};
    static const char *const cons_side[] = {"cons_alt.csv", "cons_add.csv", "cons_comments.csv"};
    const char *const *side = cons ? cons_side : sdn_side;
    nomen__buf b = {0};
    for (size_t k = 0; k < 3; k++) {
        char upper[64];
        size_t n = strlen(side[k]);
        for (size_t c = 0; c <= n; c++)
            upper[c] =
                (char)(side[k][c] >= 'a' && side[k][c] <= 'z' ? side[k][c] - 32 : side[k][c]);
        snprintf(probe, sizeof probe, "%s/%s", dir, side[k]);
        bool have = stat(probe, &st) == 0;
        snprintf(probe, sizeof probe, "%s/%s", dir, upper);
        have = have || stat(probe, &st) == 0;
        if (!have && ((b.len && !nomen__buf_addc(&b, ',')) || !nomen__buf_adds(&b, side[k]))) {
            nomen__buf_free(&b);
            return NULL;
        }
    }
    if (!b.len) {
        nomen__buf_free(&b);
        return NULL;
    }
    char *s = nomen__strndup(b.data, b.len);
    nomen__buf_free(&b);
    return s;
}

/* After an add call: derive what the accessors return for the new records
 * and sources, and rebuild the identifier table. */
static int refresh(nomen_records *r, size_t first_rec, size_t first_src)
{
    size_t n = r->set.n;
    void *p = r->extra;
    size_t cap = r->extra_cap;
    if (!nomen__grow(&p, &cap, n ? n : 1, sizeof(rec_extra)))
        return nomen__err_set(&r->ld.err, NOMEN_ERR_NOMEM, "out of memory for records");
    r->extra = p;
    r->extra_cap = cap;
    for (size_t i = first_rec; i < n; i++)
        if (!derive_record(r, i))
            return nomen__err_set(&r->ld.err, NOMEN_ERR_NOMEM, "out of memory for records");
    char **m =
        nomen__reallocarray(r->missing, r->set.nsources ? r->set.nsources : 1, sizeof(char *));
    if (!m)
        return nomen__err_set(&r->ld.err, NOMEN_ERR_NOMEM, "out of memory for records");
    r->missing = m;
    for (size_t s = first_src; s < r->set.nsources; s++) {
        const nomen__rsource *src = &r->set.sources[s];
        char *miss = NULL;
        if (src->format && strcmp(src->format, "ofac-csv") == 0 && src->path)
            miss = ofac_missing(src->path);
        r->missing[s] = miss ? nomen__arena_strndup(&r->arena, miss, strlen(miss)) : NULL;
        nomen__free(miss);
    }
    id_entry *t = nomen__reallocarray(r->byid, n ? n : 1, sizeof(id_entry));
    if (!t)
        return nomen__err_set(&r->ld.err, NOMEN_ERR_NOMEM, "out of memory for records");
    for (size_t i = 0; i < n; i++) {
        t[i].source = r->set.recs[i].source;
        t[i].id = r->set.recs[i].list_id ? r->set.recs[i].list_id : "";
        t[i].rec = i;
    }
    qsort(t, n, sizeof(id_entry), cmp_idkey);
    r->byid = t;
    return NOMEN_OK;
}

static int after_load(nomen_records *r, int rc, size_t first_rec, size_t first_src)
{
    /* A failed load may have committed records: keep them readable too. */
    int rc2 = refresh(r, first_rec, first_src);
    return rc ? rc : rc2;
}

NOMEN_EXPORT int nomen_records_add_path(nomen_records *r, const char *path, const char *format,
                                        const char *list_name)
{
    if (!r)
        return NOMEN_ERR_INVALID_ARG;
    nomen__err_clear(&r->ld.err);
    if (!path)
        return nomen__err_set(&r->ld.err, NOMEN_ERR_INVALID_ARG, "path is NULL");
    int fmt = NOMEN__FMT_AUTO;
    if (format && (fmt = nomen__format_from_name(format)) < 0)
        return nomen__err_set(&r->ld.err, NOMEN_ERR_FORMAT, "unknown list format \"%s\"", format);
    size_t n0 = r->set.n, s0 = r->set.nsources;
    return after_load(r, nomen__load_path(&r->ld, path, fmt, list_name), n0, s0);
}

NOMEN_EXPORT int nomen_records_add_memory(nomen_records *r, const char *name, const void *data,
                                          size_t len, const char *format, const char *list_name)
{
    if (!r)
        return NOMEN_ERR_INVALID_ARG;
    nomen__err_clear(&r->ld.err);
    if (!data && len)
        return nomen__err_set(&r->ld.err, NOMEN_ERR_INVALID_ARG, "data is NULL");
    int fmt = NOMEN__FMT_AUTO;
    if (format && (fmt = nomen__format_from_name(format)) < 0)
        return nomen__err_set(&r->ld.err, NOMEN_ERR_FORMAT, "unknown list format \"%s\"", format);
    size_t n0 = r->set.n, s0 = r->set.nsources;
    int rc =
        nomen__load_mem(&r->ld, name ? name : "(memory)", data ? data : "", len, fmt, list_name);
    return after_load(r, rc, n0, s0);
}

NOMEN_EXPORT const char *nomen_records_errmsg(const nomen_records *r)
{
    return r ? nomen__err_msg(&r->ld.err) : "no record set";
}

NOMEN_EXPORT const char *nomen_records_skip_report(const nomen_records *r)
{
    return r ? nomen__buf_str(&r->ld.skipped) : "";
}

NOMEN_EXPORT size_t nomen_records_count(const nomen_records *r)
{
    return r ? r->set.n : 0;
}

NOMEN_EXPORT size_t nomen_records_list_count(const nomen_records *r)
{
    return r ? r->set.nsources : 0;
}

static const nomen__rsource *src_at(const nomen_records *r, size_t l)
{
    return r && l < r->set.nsources ? &r->set.sources[l] : NULL;
}

NOMEN_EXPORT const char *nomen_records_list_name(const nomen_records *r, size_t l)
{
    const nomen__rsource *s = src_at(r, l);
    return s ? s->list : NULL;
}

NOMEN_EXPORT const char *nomen_records_list_format(const nomen_records *r, size_t l)
{
    const nomen__rsource *s = src_at(r, l);
    return s ? s->format : NULL;
}

NOMEN_EXPORT const char *nomen_records_list_path(const nomen_records *r, size_t l)
{
    const nomen__rsource *s = src_at(r, l);
    return s ? s->path : NULL;
}

NOMEN_EXPORT const char *nomen_records_list_date(const nomen_records *r, size_t l)
{
    const nomen__rsource *s = src_at(r, l);
    return s ? s->date : NULL;
}

NOMEN_EXPORT size_t nomen_records_list_records(const nomen_records *r, size_t l)
{
    const nomen__rsource *s = src_at(r, l);
    return s ? s->records_loaded : 0;
}

NOMEN_EXPORT const char *nomen_records_list_missing(const nomen_records *r, size_t l)
{
    return src_at(r, l) ? r->missing[l] : NULL;
}

const nomen__record *nomen__records_at(const nomen_records *r, size_t i)
{
    return r && i < r->set.n ? &r->set.recs[i] : NULL;
}

NOMEN_EXPORT size_t nomen_record_list(const nomen_records *r, size_t i)
{
    const nomen__record *rec = nomen__records_at(r, i);
    return rec ? rec->source : 0;
}

NOMEN_EXPORT const char *nomen_record_id(const nomen_records *r, size_t i)
{
    const nomen__record *rec = nomen__records_at(r, i);
    return rec ? (rec->list_id ? rec->list_id : "") : NULL;
}

NOMEN_EXPORT int nomen_record_type(const nomen_records *r, size_t i)
{
    const nomen__record *rec = nomen__records_at(r, i);
    return rec ? rec->type : NOMEN_SUBJECT_ANY;
}

NOMEN_EXPORT const char *nomen_record_listed_on(const nomen_records *r, size_t i)
{
    const nomen__record *rec = nomen__records_at(r, i);
    return rec ? rec->listed_on : NULL;
}

NOMEN_EXPORT size_t nomen_record_name_count(const nomen_records *r, size_t i)
{
    const nomen__record *rec = nomen__records_at(r, i);
    return rec ? rec->nnames : 0;
}

NOMEN_EXPORT const char *nomen_record_name(const nomen_records *r, size_t i, size_t k)
{
    const nomen__record *rec = nomen__records_at(r, i);
    return rec && k < rec->nnames ? rec->names[k].full : NULL;
}

NOMEN_EXPORT const char *nomen_record_name_kind(const nomen_records *r, size_t i, size_t k)
{
    const nomen__record *rec = nomen__records_at(r, i);
    if (!rec || k >= rec->nnames)
        return NULL;
    switch (rec->names[k].kind) {
    case NOMEN__NAME_PRIMARY:
        return "primary";
    case NOMEN__NAME_VARIATION:
        return "variation";
    case NOMEN__NAME_FKA:
        return "fka";
    case NOMEN__NAME_NKA:
        return "nka";
    case NOMEN__NAME_ORIGINAL:
        return "original";
    default:
        return "aka";
    }
}

NOMEN_EXPORT int nomen_record_name_weak(const nomen_records *r, size_t i, size_t k)
{
    const nomen__record *rec = nomen__records_at(r, i);
    return rec && k < rec->nnames && rec->names[k].quality == NOMEN__QUAL_WEAK;
}

NOMEN_EXPORT size_t nomen_record_dob_count(const nomen_records *r, size_t i)
{
    const nomen__record *rec = nomen__records_at(r, i);
    return rec ? rec->ndobs : 0;
}

NOMEN_EXPORT const char *nomen_record_dob(const nomen_records *r, size_t i, size_t k)
{
    const nomen__record *rec = nomen__records_at(r, i);
    return rec && k < rec->ndobs ? rec->dobs[k].text : NULL;
}

NOMEN_EXPORT const char *nomen_record_dob_iso(const nomen_records *r, size_t i, size_t k)
{
    const nomen__record *rec = nomen__records_at(r, i);
    return rec && k < rec->ndobs ? r->extra[i].dob_iso[k] : NULL;
}

NOMEN_EXPORT size_t nomen_record_country_count(const nomen_records *r, size_t i)
{
    return nomen__records_at(r, i) ? r->extra[i].ncountries : 0;
}

NOMEN_EXPORT const char *nomen_record_country(const nomen_records *r, size_t i, size_t k)
{
    return nomen__records_at(r, i) && k < r->extra[i].ncountries ? r->extra[i].countries[k] : NULL;
}

NOMEN_EXPORT size_t nomen_record_ident_count(const nomen_records *r, size_t i)
{
    const nomen__record *rec = nomen__records_at(r, i);
    return rec ? rec->nids : 0;
}

NOMEN_EXPORT const char *nomen_record_ident_type(const nomen_records *r, size_t i, size_t k)
{
    const nomen__record *rec = nomen__records_at(r, i);
    return rec && k < rec->nids ? (rec->ids[k].type ? rec->ids[k].type : "") : NULL;
}

NOMEN_EXPORT const char *nomen_record_ident_value(const nomen_records *r, size_t i, size_t k)
{
    const nomen__record *rec = nomen__records_at(r, i);
    return rec && k < rec->nids ? rec->ids[k].value : NULL;
}

NOMEN_EXPORT size_t nomen_record_program_count(const nomen_records *r, size_t i)
{
    const nomen__record *rec = nomen__records_at(r, i);
    return rec ? rec->nprograms : 0;
}

NOMEN_EXPORT const char *nomen_record_program(const nomen_records *r, size_t i, size_t k)
{
    const nomen__record *rec = nomen__records_at(r, i);
    return rec && k < rec->nprograms ? rec->programs[k] : NULL;
}

NOMEN_EXPORT int nomen_records_find(const nomen_records *r, size_t l, const char *id, size_t *out)
{
    if (!r || !id || !out || l >= r->set.nsources)
        return NOMEN_ERR_INVALID_ARG;
    size_t lo = 0, hi = r->set.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const id_entry *e = &r->byid[mid];
        int c = e->source != l ? (e->source < l ? -1 : 1) : strcmp(e->id, id);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < r->set.n && r->byid[lo].source == l && strcmp(r->byid[lo].id, id) == 0) {
        *out = r->byid[lo].rec;
        return NOMEN_OK;
    }
    return NOMEN_ERR_NOT_FOUND;
}

int nomen__records_index_err(const nomen_records *r, const size_t *which, size_t n,
                             nomen_index **out, nomen__err *err)
{
    *out = NULL;
    size_t count = which ? n : r->set.n;
    if (count == 0)
        return nomen__err_set(err, NOMEN_ERR_STATE, "no records to index");
    nomen__recset view;
    memset(&view, 0, sizeof(view));
    view.recs = nomen__calloc(count, sizeof(nomen__record));
    if (!view.recs)
        return nomen__err_set(err, NOMEN_ERR_NOMEM, "out of memory for an index");
    for (size_t k = 0; k < count; k++) {
        size_t i = which ? which[k] : k;
        if (i >= r->set.n) {
            nomen__free(view.recs);
            return nomen__err_set(err, NOMEN_ERR_INVALID_ARG, "record %zu out of range", i);
        }
        view.recs[k] = r->set.recs[i];
    }
    view.n = view.cap = count;
    /* The sources as they are; their record counts describe the whole set,
     * which is what a changed-only index's provenance should name. */
    view.sources = r->set.sources;
    view.nsources = r->set.nsources;
    nomen__index *ix = NULL;
    int rc = nomen__index_build(&view, &ix, err);
    nomen__free(view.recs);
    if (rc)
        return rc;
    return wrap_index(ix, out);
}

NOMEN_EXPORT int nomen_records_index(const nomen_records *r, const size_t *which, size_t n,
                                     nomen_index **out)
{
    if (!r || !out)
        return NOMEN_ERR_INVALID_ARG;
    /* The message goes into a local error: the set is read-only here. */
    nomen__err e = {0};
    int rc = nomen__records_index_err(r, which, n, out, &e);
    nomen__err_free(&e);
    return rc;
}
