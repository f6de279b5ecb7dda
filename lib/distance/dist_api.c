/*
 * dist_api.c: the distance stage's common entry points. Every metric is
 * reached through one of the four kinds (distance, similarity, normalized
 * distance, normalized similarity) with a cutoff; this file turns the kind's
 * cutoff into an integer edit budget for the kernels (so that they can stop
 * early), picks the kernel, and turns its answer back into the kind's unit.
 *
 * Invariant: every kind is derived from one exact distance d (edits, or
 * 1 - similarity for Jaro) with nomen__dist_finish, so the fast paths and the
 * naive references report identical values, cutoffs included.
 */
#include "distance/dist_internal.h"

#include <math.h>
#include <string.h>

void nomen__metric_opts_init(nomen__metric_opts *o, nomen__metric metric)
{
    memset(o, 0, sizeof *o);
    o->metric = metric;
    o->ins = o->del = o->sub = 1; /* plain Levenshtein (1966) */
    o->hamming_pad = true;        /* jellyfish, rapidfuzz pad=true */
    nomen__jw_params_init(&o->jw);
}

const char *nomen__metric_name(nomen__metric m)
{
    static const char *const names[] = {"levenshtein", "indel", "osa",         "damerau",
                                        "hamming",     "jaro",  "jaro_winkler"};
    return (unsigned)m < NOMEN__ARRAY_LEN(names) ? names[m] : NULL;
}

static bool is_jaro(const nomen__metric_opts *o)
{
    return o->metric == NOMEN__METRIC_JARO || o->metric == NOMEN__METRIC_JARO_WINKLER;
}

size_t nomen__metric_maximum(const nomen__metric_opts *o, size_t alen, size_t blen)
{
    size_t longer = alen > blen ? alen : blen;
    switch (o->metric) {
    case NOMEN__METRIC_INDEL:
        return alen + blen;
    case NOMEN__METRIC_LEVENSHTEIN: {
        /* rapidfuzz's levenshtein_maximum: delete all and insert all, or
         * substitute the overlap and insert/delete the rest */
        size_t all = alen * o->del + blen * o->ins;
        size_t over = alen >= blen ? blen * o->sub + (alen - blen) * o->del
                                   : alen * o->sub + (blen - alen) * o->ins;
        return all < over ? all : over;
    }
    case NOMEN__METRIC_JARO:
    case NOMEN__METRIC_JARO_WINKLER:
        return 1;
    default:
        return longer;
    }
}

static bool opts_valid(const nomen__metric_opts *o)
{
    if (!o || (unsigned)o->metric >= NOMEN__METRIC_COUNT)
        return false;
    if (is_jaro(o)) {
        const nomen__jw_params *p = &o->jw;
        /* any max_prefix is allowed (python-Levenshtein has no cap); the
         * boosted value is clamped to 1 */
        if (!(p->prefix_scale >= 0.0) || isinf(p->prefix_scale) || isnan(p->boost_threshold))
            return false;
    }
    return true;
}

/* The integer edit budget that keeps every answer the kind could report
 * (see the top comment); SIZE_MAX when no answer can pass. */
static size_t edit_budget(nomen__dist_kind kind, size_t max, double cutoff)
{
    double m = (double)max, c;
    switch (kind) {
    case NOMEN__KIND_DISTANCE:
        c = cutoff;
        break;
    case NOMEN__KIND_SIMILARITY:
        if (cutoff > m)
            return SIZE_MAX;
        return max - (size_t)ceil(cutoff);
    case NOMEN__KIND_NORM_DISTANCE:
        c = ceil(cutoff * m);
        break;
    default:
        if (cutoff > 1.0)
            return SIZE_MAX;
        c = ceil((1.0 - cutoff) * m);
        break;
    }
    return !(c < m) ? max : (size_t)c; /* also when cutoff * m is NaN (inf * 0) */
}

double nomen__dist_finish(const nomen__metric_opts *o, nomen__dist_kind kind, double d, size_t alen,
                          size_t blen, double cutoff)
{
    if (is_jaro(o)) {
        if (kind == NOMEN__KIND_DISTANCE || kind == NOMEN__KIND_NORM_DISTANCE)
            return d <= cutoff ? d : 1.0;
        double s = 1.0 - d;
        return s >= cutoff ? s : 0.0;
    }
    double m = (double)nomen__metric_maximum(o, alen, blen);
    switch (kind) {
    case NOMEN__KIND_DISTANCE:
        return d <= cutoff ? d : floor(cutoff) + 1.0;
    case NOMEN__KIND_SIMILARITY: {
        double s = m - d;
        return s >= cutoff && s >= 0 ? s : 0.0;
    }
    case NOMEN__KIND_NORM_DISTANCE: {
        double nd = m > 0 ? d / m : 0.0;
        return nd <= cutoff ? nd : 1.0;
    }
    default: {
        double ns = 1.0 - (m > 0 ? d / m : 0.0);
        return ns >= cutoff ? ns : 0.0;
    }
    }
}

/* The similarity cutoff a Jaro kernel may use for a kind's cutoff. It is
 * loosened by 1e-9 (far below any difference between two Jaro values of
 * strings shorter than 10^4) so that rounding in 1 - cutoff can never cut a
 * result that nomen__dist_finish would keep; finish makes the exact test. */
static double jaro_cutoff(nomen__dist_kind kind, double cutoff)
{
    double c = cutoff;
    if (kind == NOMEN__KIND_DISTANCE || kind == NOMEN__KIND_NORM_DISTANCE)
        c = 1.0 - cutoff;
    c -= 1e-9;
    return c > 0.0 ? c : 0.0;
}

static int hamming(const nomen__metric_opts *o, nomen__dist_kind kind, const uint32_t *a,
                   size_t alen, const uint32_t *b, size_t blen, double cutoff, double *out)
{
    if (alen != blen && !o->hamming_pad)
        return NOMEN_ERR_INVALID_ARG;
    size_t n = alen < blen ? alen : blen;
    size_t d = (alen > blen ? alen : blen) - n;
    for (size_t i = 0; i < n; i++)
        d += a[i] != b[i];
    *out = nomen__dist_finish(o, kind, (double)d, alen, blen, cutoff);
    return NOMEN_OK;
}

/* Metrics that need no preprocessed query (or, for weighted Levenshtein,
 * cannot use one). Returns -1 when the metric is not one of them. */
static int direct(const nomen__metric_opts *o, nomen__dist_kind kind, const uint32_t *a,
                  size_t alen, const uint32_t *b, size_t blen, double cutoff, double *out)
{
    size_t max = nomen__metric_maximum(o, alen, blen), d;
    if (o->metric == NOMEN__METRIC_HAMMING)
        return hamming(o, kind, a, alen, b, blen, cutoff, out);
    if (o->metric == NOMEN__METRIC_DAMERAU) {
        size_t budget = edit_budget(kind, max, cutoff);
        if (budget == SIZE_MAX) {
            *out = 0.0;
            return NOMEN_OK;
        }
        d = nomen__damerau_zhao(a, alen, b, blen, budget);
    } else if (o->metric == NOMEN__METRIC_LEVENSHTEIN && !(o->ins == o->del && o->ins == o->sub) &&
               !(o->ins == o->del && o->ins > 0 && o->sub >= 2 * o->ins)) {
        size_t budget = edit_budget(kind, max, cutoff);
        if (budget == SIZE_MAX) {
            *out = 0.0;
            return NOMEN_OK;
        }
        d = nomen__lev_weighted_dp(a, alen, b, blen, o->ins, o->del, o->sub, budget);
    } else {
        return -1;
    }
    if (d == SIZE_MAX)
        return NOMEN_ERR_NOMEM;
    *out = nomen__dist_finish(o, kind, (double)d, alen, blen, cutoff);
    return NOMEN_OK;
}

/* The bit-parallel metrics with the query as a. */
static double with_query(nomen__dist_query *q, const nomen__metric_opts *o, nomen__dist_kind kind,
                         const uint32_t *b, size_t blen, double cutoff, size_t full_alen,
                         size_t full_blen)
{
    if (is_jaro(o)) {
        double jc = jaro_cutoff(kind, cutoff), s;
        if (o->metric == NOMEN__METRIC_JARO)
            s = nomen__jaro_query_similarity(q, b, blen, &o->jw, jc);
        else
            s = nomen__jw_query_similarity(q, b, blen, &o->jw, jc);
        return nomen__dist_finish(o, kind, 1.0 - s, full_alen, full_blen, cutoff);
    }
    size_t max = nomen__metric_maximum(o, full_alen, full_blen);
    size_t budget = edit_budget(kind, max, cutoff);
    if (budget == SIZE_MAX)
        return 0.0;
    size_t d, unit = 1;
    if (o->metric == NOMEN__METRIC_LEVENSHTEIN) {
        unit = o->ins;
        if (unit == 0) /* all weights zero: every pair is at distance 0 */
            return nomen__dist_finish(o, kind, 0.0, full_alen, full_blen, cutoff);
        size_t ub = budget / unit;
        if (o->sub == o->ins)
            d = nomen__lev_query_distance(q, b, blen, ub);
        else /* ins == del, sub >= 2 ins: a substitution never beats ins + del */
            d = nomen__indel_query_distance(q, b, blen, ub);
        d = d <= ub ? d * unit : budget + 1;
    } else if (o->metric == NOMEN__METRIC_INDEL) {
        d = nomen__indel_query_distance(q, b, blen, budget);
    } else {
        d = nomen__osa_query_distance(q, b, blen, budget);
    }
    return nomen__dist_finish(o, kind, (double)d, full_alen, full_blen, cutoff);
}

static bool cutoff_valid(double cutoff)
{
    return cutoff >= 0.0; /* also refuses NaN */
}

int nomen__query_compare(nomen__dist_query *q, const nomen__metric_opts *o, nomen__dist_kind kind,
                         const uint32_t *b, size_t blen, double cutoff, double *out)
{
    if (!q || !out || (!b && blen) || !opts_valid(o) || !cutoff_valid(cutoff) ||
        (unsigned)kind > NOMEN__KIND_NORM_SIMILARITY)
        return NOMEN_ERR_INVALID_ARG;
    nomen__query_bind(q);
    int rc = direct(o, kind, q->s, q->len, b, blen, cutoff, out);
    if (rc >= 0)
        return rc;
    *out = with_query(q, o, kind, b, blen, cutoff, q->len, blen);
    return NOMEN_OK;
}

int nomen__compare(const nomen__metric_opts *o, nomen__dist_kind kind, const uint32_t *a,
                   size_t alen, const uint32_t *b, size_t blen, double cutoff, double *out)
{
    if (!out || (!a && alen) || (!b && blen) || !opts_valid(o) || !cutoff_valid(cutoff) ||
        (unsigned)kind > NOMEN__KIND_NORM_SIMILARITY)
        return NOMEN_ERR_INVALID_ARG;
    int rc = direct(o, kind, a, alen, b, blen, cutoff, out);
    if (rc >= 0)
        return rc;
    size_t full_alen = alen, full_blen = blen;
    if (!is_jaro(o)) {
        /* Common prefixes and suffixes never change Levenshtein, Indel or
         * OSA (an optimal alignment can always match them), and the edit
         * metrics are symmetric here (ins == del), so the shorter string
         * becomes the query: at most 64 code points stay on the stack. */
        while (alen && blen && *a == *b) {
            a++, b++;
            alen--, blen--;
        }
        while (alen && blen && a[alen - 1] == b[blen - 1])
            alen--, blen--;
        if (alen > blen) {
            const uint32_t *t = a;
            a = b;
            b = t;
            size_t tl = alen;
            alen = blen;
            blen = tl;
        }
    }
    nomen__dist_query q;
    rc = nomen__dist_query_init_pair(&q, a, alen, b, blen);
    if (rc != NOMEN_OK)
        return rc;
    *out = with_query(&q, o, kind, b, blen, cutoff, full_alen, full_blen);
    nomen__dist_query_free(&q);
    return NOMEN_OK;
}

static int int_distance(nomen__metric metric, const uint32_t *a, size_t alen, const uint32_t *b,
                        size_t blen, size_t cutoff, size_t *out)
{
    nomen__metric_opts o;
    nomen__metric_opts_init(&o, metric);
    double d;
    int rc = nomen__compare(&o, NOMEN__KIND_DISTANCE, a, alen, b, blen, (double)cutoff, &d);
    if (rc == NOMEN_OK && out)
        *out = d > (double)cutoff ? cutoff + 1 : (size_t)d;
    return rc;
}

int nomen__lev_distance(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                        size_t cutoff, size_t *out)
{
    return int_distance(NOMEN__METRIC_LEVENSHTEIN, a, alen, b, blen, cutoff, out);
}

int nomen__damerau_distance(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen,
                            size_t cutoff, size_t *out)
{
    return int_distance(NOMEN__METRIC_DAMERAU, a, alen, b, blen, cutoff, out);
}
