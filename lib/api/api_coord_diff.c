/*
 * api_coord_diff.c: the diff of two snapshots of a list, and re-screening
 * against what changed (api stage, include/nomen.h "Records, list comparison
 * and changes").
 *
 * Records are matched by (list name, list identifier): a list's identifiers
 * are stable across its snapshots (OFAC ent_num, UK Group ID, Canada's
 * item number), while names and spellings are what changes. Each field is
 * compared as a set of strings (order on the list is not a change), and only
 * when both snapshots carry it: an OFAC set without alt.csv has no aliases,
 * which says nothing about the list.
 *
 * Re-screening pairs a small index of the added and changed records with the
 * full index of the new snapshot. The small index finds, cheaply, the few
 * queries that might hit a changed subject; those alone are screened against
 * the full index, so the scores are exactly a full screen's. Both matchers
 * belong to the rescreen context, which is therefore per thread.
 */
#include "api/api_coord.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct diff_entry {
    int kind;
    size_t old_rec, new_rec;
    unsigned fields;
} diff_entry;

struct nomen_diff {
    const nomen_records *old_r, *new_r;
    diff_entry *e;
    size_t n;
    unsigned compared;
    char *note;
};

static int cmp_str(const void *pa, const void *pb)
{
    const char *const *a = pa, *const *b = pb;
    return strcmp(*a, *b);
}

/* Equal as sets of strings (duplicates ignored: a list that repeats an alias
 * has not changed it). scratch holds na + nb pointers. */
static bool same_set(const char **a, size_t na, const char **b, size_t nb, const char **scratch)
{
    /* An empty field has no array at all (memcpy and qsort want one). */
    if (na) {
        memcpy(scratch, a, na * sizeof(*a));
        qsort(scratch, na, sizeof(*scratch), cmp_str);
    }
    if (nb) {
        memcpy(scratch + na, b, nb * sizeof(*b));
        qsort(scratch + na, nb, sizeof(*scratch), cmp_str);
    }
    size_t i = 0, j = 0;
    const char **x = scratch, **y = scratch + na;
    while (i < na || j < nb) {
        if (i < na && j < nb) {
            int c = strcmp(x[i], y[j]);
            if (c)
                return false;
        } else {
            return false;
        }
        const char *v = x[i];
        while (i < na && strcmp(x[i], v) == 0)
            i++;
        while (j < nb && strcmp(y[j], v) == 0)
            j++;
    }
    return true;
}

/* The fields of a record as string arrays, in scratch space grown on demand. */
typedef struct strs {
    const char **v;
    size_t n, cap;
} strs;

static bool strs_push(strs *s, const char *v)
{
    void *p = s->v;
    if (!nomen__grow(&p, &s->cap, s->n + 1, sizeof(char *)))
        return false;
    s->v = p;
    s->v[s->n++] = v;
    return true;
}

enum { F_ALIAS, F_DOB, F_PROG, F_NF };

static bool collect(const nomen_records *r, size_t i, strs f[F_NF])
{
    const nomen__record *rec = nomen__records_at(r, i);
    for (size_t k = 0; k < F_NF; k++)
        f[k].n = 0;
    for (size_t k = 1; k < rec->nnames; k++)
        if (!strs_push(&f[F_ALIAS], rec->names[k].full))
            return false;
    for (size_t k = 0; k < rec->ndobs; k++) {
        /* The parsed date where there is one: "12 May 1960" and "1960-05-12"
         * are the same date of birth. */
        const char *iso = r->extra[i].dob_iso[k];
        if (!strs_push(&f[F_DOB], iso ? iso : rec->dobs[k].text))
            return false;
    }
    for (size_t k = 0; k < rec->nprograms; k++)
        if (!strs_push(&f[F_PROG], rec->programs[k]))
            return false;
    return true;
}

static unsigned compare_records(const nomen_records *a, size_t ia, const nomen_records *b,
                                size_t ib, unsigned compared, strs fa[F_NF], strs fb[F_NF],
                                strs *scratch, bool *oom)
{
    const nomen__record *ra = nomen__records_at(a, ia), *rb = nomen__records_at(b, ib);
    unsigned fields = 0;
    if (strcmp(ra->names[0].full, rb->names[0].full) != 0)
        fields |= NOMEN_DIFF_NAME;
    if (ra->type != rb->type)
        fields |= NOMEN_DIFF_TYPE;
    if (!collect(a, ia, fa) || !collect(b, ib, fb)) {
        *oom = true;
        return 0;
    }
    static const unsigned bit[F_NF] = {NOMEN_DIFF_ALIASES, NOMEN_DIFF_DOBS, NOMEN_DIFF_PROGRAMS};
    for (size_t k = 0; k < F_NF; k++) {
        if (!(compared & bit[k]))
            continue;
        size_t need = fa[k].n + fb[k].n;
        void *p = scratch->v;
        if (!nomen__grow(&p, &scratch->cap, need ? need : 1, sizeof(char *))) {
            *oom = true;
            return 0;
        }
        scratch->v = p;
        if (!same_set(fa[k].v, fa[k].n, fb[k].v, fb[k].n, scratch->v))
            fields |= bit[k];
    }
    return fields & compared;
}

/* The list of set `to` with the name of list l of set `from`; SIZE_MAX when
 * none. Two sets of one list each are two snapshots of it, whatever their
 * names: a generic list is named after its file ("sdn-0601.csv"). */
static size_t same_list(const nomen_records *from, size_t l, const nomen_records *to)
{
    if (nomen_records_list_count(from) == 1 && nomen_records_list_count(to) == 1)
        return 0;
    const char *name = nomen_records_list_name(from, l);
    for (size_t k = 0; name && k < nomen_records_list_count(to); k++)
        if (strcmp(nomen_records_list_name(to, k), name) == 0)
            return k;
    return SIZE_MAX;
}

static bool push_entry(nomen_diff *d, size_t *cap, int kind, size_t o, size_t n, unsigned fields)
{
    void *p = d->e;
    if (!nomen__grow(&p, cap, d->n + 1, sizeof(diff_entry)))
        return false;
    d->e = p;
    d->e[d->n++] = (diff_entry){kind, o, n, fields};
    return true;
}

/* Which fields both snapshots carry, and a note on the others. */
static unsigned comparable(const nomen_records *a, const nomen_records *b, nomen__buf *note)
{
    unsigned compared = NOMEN_DIFF_NAME | NOMEN_DIFF_ALIASES | NOMEN_DIFF_DOBS |
                        NOMEN_DIFF_PROGRAMS | NOMEN_DIFF_TYPE;
    const nomen_records *side[2] = {a, b};
    static const char *const which[2] = {"old", "new"};
    for (int s = 0; s < 2; s++) {
        for (size_t l = 0; l < nomen_records_list_count(side[s]); l++) {
            const char *miss = nomen_records_list_missing(side[s], l);
            if (!miss)
                continue;
            if (strstr(miss, "alt.csv") && (compared & NOMEN_DIFF_ALIASES)) {
                compared &= ~(unsigned)NOMEN_DIFF_ALIASES;
                nomen__buf_addf(note,
                                "%saliases not compared: the %s snapshot (%s) has no %s, "
                                "so its records carry only the aliases written in the "
                                "primary file's remarks",
                                note->len ? "; " : "", which[s],
                                nomen_records_list_path(side[s], l),
                                strstr(miss, "cons_alt.csv") ? "cons_alt.csv" : "alt.csv");
            }
            if (strstr(miss, "comments.csv"))
                nomen__buf_addf(note,
                                "%sthe %s snapshot (%s) has no comments file: remarks that "
                                "OFAC moved there (a few dates of birth) are missing from it",
                                note->len ? "; " : "", which[s],
                                nomen_records_list_path(side[s], l));
        }
    }
    return compared;
}

NOMEN_EXPORT int nomen_diff_new(const nomen_records *old_r, const nomen_records *new_r,
                                nomen_diff **out)
{
    if (!old_r || !new_r || !out)
        return NOMEN_ERR_INVALID_ARG;
    *out = NULL;
    nomen_diff *d = nomen__calloc(1, sizeof(*d));
    if (!d)
        return NOMEN_ERR_NOMEM;
    d->old_r = old_r;
    d->new_r = new_r;
    nomen__buf note = {0};
    d->compared = comparable(old_r, new_r, &note);
    size_t cap = 0, no = nomen_records_count(old_r), nn = nomen_records_count(new_r);
    bool *seen = nomen__calloc(no ? no : 1, sizeof(bool));
    strs fa[F_NF] = {{0}}, fb[F_NF] = {{0}}, scratch = {0};
    bool oom = seen == NULL;
    for (size_t i = 0; !oom && i < nn; i++) {
        size_t l = same_list(new_r, nomen_record_list(new_r, i), old_r), o;
        if (l == SIZE_MAX || nomen_records_find(old_r, l, nomen_record_id(new_r, i), &o)) {
            oom = !push_entry(d, &cap, NOMEN_DIFF_ADDED, SIZE_MAX, i, 0);
            continue;
        }
        seen[o] = true;
        unsigned f = compare_records(old_r, o, new_r, i, d->compared, fa, fb, &scratch, &oom);
        if (!oom && f)
            oom = !push_entry(d, &cap, NOMEN_DIFF_CHANGED, o, i, f);
    }
    /* Removals first: move the additions and changes after them. */
    size_t nrem = 0;
    for (size_t o = 0; !oom && o < no; o++)
        nrem += !seen[o];
    if (!oom && nrem) {
        size_t nadd = d->n;
        oom = !nomen__grow((void **)&d->e, &cap, nadd + nrem, sizeof(diff_entry));
        if (!oom) {
            memmove(d->e + nrem, d->e, nadd * sizeof(diff_entry));
            size_t k = 0;
            for (size_t o = 0; o < no; o++)
                if (!seen[o])
                    d->e[k++] = (diff_entry){NOMEN_DIFF_REMOVED, o, SIZE_MAX, 0};
            d->n = nadd + nrem;
        }
    }
    for (size_t k = 0; k < F_NF; k++) {
        nomen__free(fa[k].v);
        nomen__free(fb[k].v);
    }
    nomen__free(scratch.v);
    nomen__free(seen);
    d->note = nomen__strndup(note.len ? note.data : "", note.len);
    nomen__buf_free(&note);
    if (oom || !d->note) {
        nomen_diff_free(d);
        return NOMEN_ERR_NOMEM;
    }
    *out = d;
    return NOMEN_OK;
}

NOMEN_EXPORT void nomen_diff_free(nomen_diff *d)
{
    if (!d)
        return;
    nomen__free(d->e);
    nomen__free(d->note);
    nomen__free(d);
}

NOMEN_EXPORT size_t nomen_diff_count(const nomen_diff *d)
{
    return d ? d->n : 0;
}

NOMEN_EXPORT int nomen_diff_kind(const nomen_diff *d, size_t e)
{
    return d && e < d->n ? d->e[e].kind : 0;
}

NOMEN_EXPORT size_t nomen_diff_old(const nomen_diff *d, size_t e)
{
    return d && e < d->n ? d->e[e].old_rec : SIZE_MAX;
}

NOMEN_EXPORT size_t nomen_diff_new_record(const nomen_diff *d, size_t e)
{
    return d && e < d->n ? d->e[e].new_rec : SIZE_MAX;
}

NOMEN_EXPORT unsigned nomen_diff_fields(const nomen_diff *d, size_t e)
{
    return d && e < d->n ? d->e[e].fields : 0;
}

NOMEN_EXPORT unsigned nomen_diff_compared(const nomen_diff *d)
{
    return d ? d->compared : 0;
}

NOMEN_EXPORT const char *nomen_diff_note(const nomen_diff *d)
{
    return d ? d->note : "";
}

NOMEN_EXPORT size_t nomen_diff_count_kind(const nomen_diff *d, int kind)
{
    size_t n = 0;
    for (size_t e = 0; d && e < d->n; e++)
        n += d->e[e].kind == kind;
    return n;
}

/* The new-set record numbers of the added and changed subjects. */
static size_t *changed_records(const nomen_diff *d, size_t *n)
{
    *n = 0;
    size_t *w = nomen__calloc(d->n ? d->n : 1, sizeof(size_t));
    if (!w)
        return NULL;
    for (size_t e = 0; e < d->n; e++)
        if (d->e[e].kind != NOMEN_DIFF_REMOVED)
            w[(*n)++] = d->e[e].new_rec;
    return w;
}

NOMEN_EXPORT int nomen_diff_index(const nomen_diff *d, nomen_index **out)
{
    if (!d || !out)
        return NOMEN_ERR_INVALID_ARG;
    *out = NULL;
    size_t n;
    size_t *w = changed_records(d, &n);
    if (!w)
        return NOMEN_ERR_NOMEM;
    int rc = n ? nomen_records_index(d->new_r, w, n, out) : NOMEN_ERR_STATE;
    nomen__free(w);
    return rc;
}

/* ---- re-screening ------------------------------------------------------ */

struct nomen_rescreen {
    const nomen_diff *d;
    nomen_index *changed;
    nomen_matcher *pre, *full;
    bool *is_changed; /* [new records] */
    size_t limit;
    size_t *hits;
    size_t nhits;
    size_t confirmed;
    double threshold;
    char **cands; /* customer ids from nomen_rescreen_candidates, sorted, unique */
    size_t ncands;
};

static void free_cands(nomen_rescreen *rs)
{
    for (size_t k = 0; k < rs->ncands; k++)
        nomen__free(rs->cands[k]);
    nomen__free(rs->cands);
    rs->cands = NULL;
    rs->ncands = 0;
}

NOMEN_EXPORT void nomen_rescreen_free(nomen_rescreen *rs)
{
    if (!rs)
        return;
    nomen_matcher_free(rs->pre);
    nomen_matcher_free(rs->full);
    nomen_index_free(rs->changed);
    free_cands(rs);
    nomen__free(rs->is_changed);
    nomen__free(rs->hits);
    nomen__free(rs);
}

NOMEN_EXPORT int nomen_rescreen_new(nomen_index *full, const nomen_diff *d,
                                    const nomen_options *opt, nomen_rescreen **out)
{
    if (!full || !d || !out)
        return NOMEN_ERR_INVALID_ARG;
    *out = NULL;
    nomen_options o;
    nomen_options_init(&o);
    if (opt) {
        size_t sz = opt->size < sizeof(o) ? opt->size : sizeof(o);
        memcpy(&o, opt, sz);
        o.size = sizeof(o);
    }
    if (!(o.threshold >= 0.0 && o.threshold <= 1.0))
        return NOMEN_ERR_INVALID_ARG;
    nomen_rescreen *rs = nomen__calloc(1, sizeof(*rs));
    if (!rs)
        return NOMEN_ERR_NOMEM;
    rs->d = d;
    rs->limit = o.limit;
    rs->threshold = o.threshold;
    int rc = nomen_diff_index(d, &rs->changed);
    size_t nn = nomen_records_count(d->new_r);
    if (!rc) {
        rs->is_changed = nomen__calloc(nn ? nn : 1, sizeof(bool));
        rs->hits = nomen__calloc(nn ? nn : 1, sizeof(size_t));
        if (!rs->is_changed || !rs->hits)
            rc = NOMEN_ERR_NOMEM;
    }
    if (!rc) {
        for (size_t e = 0; e < d->n; e++)
            if (d->e[e].kind != NOMEN_DIFF_REMOVED)
                rs->is_changed[d->e[e].new_rec] = true;
    }
    /* The prefilter needs only to know whether anything is near. */
    nomen_options po = o;
    po.threshold = o.threshold * NOMEN_RESCREEN_PREFILTER;
    po.limit = 1;
    po.explain = 0;
    nomen_options fo = o;
    fo.limit = 0; /* every hit: the caller's limit applies to changed subjects */
    if (!rc)
        rc = nomen_matcher_new(rs->changed, &rs->pre);
    if (!rc)
        rc = nomen_matcher_set_options(rs->pre, &po);
    if (!rc)
        rc = nomen_matcher_new(full, &rs->full);
    if (!rc)
        rc = nomen_matcher_set_options(rs->full, &fo);
    if (rc) {
        nomen_rescreen_free(rs);
        return rc;
    }
    *out = rs;
    return NOMEN_OK;
}

/* The list of hit i of the full matcher, as a list of the new set (by name:
 * the full index was built from the same snapshot). */
static size_t hit_list(const nomen_rescreen *rs, size_t i)
{
    const char *name = nomen_hit_list(rs->full, i);
    for (size_t l = 0; name && l < nomen_records_list_count(rs->d->new_r); l++)
        if (strcmp(nomen_records_list_name(rs->d->new_r, l), name) == 0)
            return l;
    return SIZE_MAX;
}

NOMEN_EXPORT int nomen_rescreen_screen(nomen_rescreen *rs, const nomen_query *q)
{
    if (!rs || !q)
        return NOMEN_ERR_INVALID_ARG;
    rs->nhits = 0;
    int rc = nomen_matcher_screen(rs->pre, q);
    if (rc || nomen_matcher_hit_count(rs->pre) == 0)
        return rc;
    rs->confirmed++;
    rc = nomen_matcher_screen(rs->full, q);
    if (rc)
        return rc;
    size_t n = nomen_matcher_hit_count(rs->full);
    for (size_t i = 0; i < n && (rs->limit == 0 || rs->nhits < rs->limit); i++) {
        size_t l = hit_list(rs, i), rec;
        if (l == SIZE_MAX ||
            nomen_records_find(rs->d->new_r, l, nomen_hit_entity_id(rs->full, i), &rec) ||
            !rs->is_changed[rec])
            continue;
        rs->hits[rs->nhits++] = i;
    }
    return NOMEN_OK;
}

NOMEN_EXPORT size_t nomen_rescreen_hit_count(const nomen_rescreen *rs)
{
    return rs ? rs->nhits : 0;
}

NOMEN_EXPORT const nomen_matcher *nomen_rescreen_matcher(const nomen_rescreen *rs)
{
    return rs ? rs->full : NULL;
}

NOMEN_EXPORT size_t nomen_rescreen_hit(const nomen_rescreen *rs, size_t j)
{
    return rs && j < rs->nhits ? rs->hits[j] : SIZE_MAX;
}

NOMEN_EXPORT size_t nomen_rescreen_confirmed(const nomen_rescreen *rs)
{
    return rs ? rs->confirmed : 0;
}

static int cmp_cstr(const void *pa, const void *pb)
{
    const char *const *a = pa, *const *b = pb;
    return strcmp(*a, *b);
}

NOMEN_EXPORT int nomen_rescreen_candidates(nomen_rescreen *rs, nomen_index *customers)
{
    if (!rs || !customers)
        return NOMEN_ERR_INVALID_ARG;
    free_cands(rs);
    nomen_matcher *m = NULL;
    int rc = nomen_matcher_new(customers, &m);
    nomen_options o;
    nomen_options_init(&o);
    o.threshold = rs->threshold * NOMEN_RESCREEN_PREFILTER;
    o.limit = 0;
    if (!rc)
        rc = nomen_matcher_set_options(m, &o);
    size_t cap = 0;
    const nomen_records *r = rs->d->new_r;
    for (size_t e = 0; !rc && e < rs->d->n; e++) {
        if (rs->d->e[e].kind == NOMEN_DIFF_REMOVED)
            continue;
        size_t i = rs->d->e[e].new_rec;
        /* Every name, without date or country: the customer's evidence is
         * weighed by the forward screen that confirms the candidate. */
        for (size_t k = 0; !rc && k < nomen_record_name_count(r, i); k++) {
            nomen_query q;
            nomen_query_init(&q);
            q.name = nomen_record_name(r, i, k);
            q.name_len = strlen(q.name);
            rc = nomen_matcher_screen(m, &q);
            if (rc == NOMEN_ERR_LIMIT || rc == NOMEN_ERR_UTF8) {
                rc = NOMEN_OK; /* a name the engine refuses finds nobody */
                continue;
            }
            for (size_t h = 0; !rc && h < nomen_matcher_hit_count(m); h++) {
                const char *id = nomen_hit_entity_id(m, h);
                void *p = rs->cands;
                if (!nomen__grow(&p, &cap, rs->ncands + 1, sizeof(char *)))
                    rc = NOMEN_ERR_NOMEM;
                else if (!(((char **)p)[rs->ncands] = nomen__strndup(id, strlen(id))))
                    rc = NOMEN_ERR_NOMEM;
                rs->cands = p;
                if (!rc)
                    rs->ncands++;
            }
        }
    }
    nomen_matcher_free(m);
    if (rc) {
        free_cands(rs);
        return rc;
    }
    if (rs->ncands) {
        qsort(rs->cands, rs->ncands, sizeof(char *), cmp_cstr);
        size_t w = 0;
        for (size_t k = 0; k < rs->ncands; k++) {
            if (w && strcmp(rs->cands[w - 1], rs->cands[k]) == 0) {
                nomen__free(rs->cands[k]);
                continue;
            }
            rs->cands[w++] = rs->cands[k];
        }
        rs->ncands = w;
    }
    return NOMEN_OK;
}

NOMEN_EXPORT size_t nomen_rescreen_candidate_count(const nomen_rescreen *rs)
{
    return rs ? rs->ncands : 0;
}

NOMEN_EXPORT const char *nomen_rescreen_candidate(const nomen_rescreen *rs, size_t k)
{
    return rs && k < rs->ncands ? rs->cands[k] : NULL;
}
