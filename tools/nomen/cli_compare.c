/*
 * cli_compare.c: `nomen compare LIST...`: who is listed where.
 *
 * Every list is loaded into one record set (nomen_records) and gets an index
 * of its own records. Each record's names (the primary name and, at most,
 * COMPARE_MAX_NAMES - 1 others, original-script names first) are screened
 * against every other list's index, with the record's date of birth,
 * country and type as query evidence. A hit becomes a link when its score
 * reaches the link threshold and the two records' dates of birth do not
 * contradict each other; a shared identity document (same normalized
 * number on both records) is a link of its own. Linked records form one
 * subject (union-find), the rows of the coverage matrix.
 *
 * Invariants: a link never joins records whose parsed dates of birth are
 * all incompatible, whatever the names; every link carries its confidence
 * and the evidence behind it; output depends only on the lists (records are
 * visited in list order, ties broken by record number).
 */
#define _POSIX_C_SOURCE 200809L

#include "cli_coord.h"
#include "cli_lib.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Names per record screened against the other lists. The primary name and
 * the original-script name find nearly all cross-list matches; OFAC records
 * carry up to dozens of aliases, and screening them all triples the run time
 * for few extra links (measured on the Xinjiang set, docs/coordination.md). */
#define COMPARE_MAX_NAMES 3
/* Default link threshold: above the screening default (0.80), since a link
 * merges two designations into one subject, where a screening hit only asks
 * for a review. docs/coordination.md gives the figures. */
#define COMPARE_DEFAULT_THRESHOLD 0.88
/* Hits per screen considered as links: the best few, since a list seldom
 * holds the same subject twice. */
#define COMPARE_HITS 3
/* Identity documents shorter than this are not evidence: short numbers
 * ("123") recur across unrelated documents and countries. */
#define COMPARE_MIN_IDENT 6

const char cli_usage_compare[] =
    "Usage: nomen compare LIST... [OPTIONS]\n"
    "\n"
    "Resolve the subjects of several lists (the same person or organisation on the\n"
    "US, UK, Canadian ... lists despite spellings, name orders and scripts) and\n"
    "write a coverage matrix: one row per subject, one column per list, each cell\n"
    "the list's identifier, programme and listing date, or empty (a gap).\n"
    "\n"
    "  -f, --format FMT     csv (default), json or html (a self-contained report)\n"
    "  -o, --output FILE    write to FILE instead of standard output\n"
    "  -t, --threshold T    lowest name score that links two records (default 0.88)\n"
    "      --shared-only    only subjects listed on at least two lists\n"
    "      --strict         refuse a list with a bad record instead of skipping it\n"
    "  -q, --quiet          no progress or timing on stderr\n"
    "  -h, --help           this text\n"
    "\n"
    "Exit status: 0 success, 2 error.\n";

typedef struct link {
    size_t a, b; /* record numbers, a < b */
    double conf;
    char *evidence;
} link;

typedef struct cmp {
    nomen_records *r;
    size_t nrec, nlists;
    size_t *parent; /* union-find over records */
    link *links;
    size_t nlinks, caplinks;
    double threshold;
} cmp;

static size_t uf_find(size_t *p, size_t x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

static void uf_union(size_t *p, size_t a, size_t b)
{
    a = uf_find(p, a);
    b = uf_find(p, b);
    /* The smaller record number is the root: subjects are then numbered by
     * their first record, whatever order the links came in. */
    if (a < b)
        p[b] = a;
    else if (b < a)
        p[a] = b;
}

/* ---- dates of birth ------------------------------------------------------ */

typedef struct ymd {
    int y0, y1, m, d;
} ymd;

static bool parse_iso(const char *s, ymd *o)
{
    if (!s)
        return false;
    memset(o, 0, sizeof *o);
    if (sscanf(s, "%d/%d", &o->y0, &o->y1) == 2 && strchr(s, '/'))
        return o->y0 > 0;
    int n = sscanf(s, "%d-%d-%d", &o->y0, &o->m, &o->d);
    o->y1 = o->y0;
    return n >= 1 && o->y0 > 0;
}

static bool ymd_compatible(const ymd *a, const ymd *b)
{
    if (a->y1 < b->y0 || b->y1 < a->y0)
        return false;
    /* Months and days are compared only between single years. */
    if (a->y0 != a->y1 || b->y0 != b->y1)
        return true;
    if (a->m && b->m && a->m != b->m)
        return false;
    if (a->d && b->d && a->d != b->d)
        return false;
    return true;
}

/* 1: some date pair agrees; -1: both have dates and none agrees; 0: unknown. */
static int dob_relation(const nomen_records *r, size_t i, size_t j)
{
    bool ai = false, bj = false;
    for (size_t k = 0; k < nomen_record_dob_count(r, i); k++) {
        ymd a;
        if (!parse_iso(nomen_record_dob_iso(r, i, k), &a))
            continue;
        ai = true;
        for (size_t m = 0; m < nomen_record_dob_count(r, j); m++) {
            ymd b;
            if (!parse_iso(nomen_record_dob_iso(r, j, m), &b))
                continue;
            bj = true;
            if (ymd_compatible(&a, &b))
                return 1;
        }
    }
    if (!bj)
        for (size_t m = 0; m < nomen_record_dob_count(r, j); m++) {
            ymd b;
            if (parse_iso(nomen_record_dob_iso(r, j, m), &b))
                bj = true;
        }
    return ai && bj ? -1 : 0;
}

static bool country_shared(const nomen_records *r, size_t i, size_t j)
{
    for (size_t k = 0; k < nomen_record_country_count(r, i); k++)
        for (size_t m = 0; m < nomen_record_country_count(r, j); m++)
            if (strcmp(nomen_record_country(r, i, k), nomen_record_country(r, j, m)) == 0)
                return true;
    return false;
}

static bool types_compatible(int a, int b)
{
    return a == NOMEN_SUBJECT_ANY || b == NOMEN_SUBJECT_ANY || a == b;
}

static bool add_link(cmp *c, size_t a, size_t b, double conf, const char *evidence)
{
    if (a > b) {
        size_t t = a;
        a = b;
        b = t;
    }
    if (c->nlinks == c->caplinks) {
        size_t cap = c->caplinks ? 2 * c->caplinks : 256;
        link *p = realloc(c->links, cap * sizeof *p);
        if (!p)
            return false;
        c->links = p;
        c->caplinks = cap;
    }
    char *e = cli_strndup(evidence, strlen(evidence));
    if (!e)
        return false;
    c->links[c->nlinks++] = (link){a, b, conf, e};
    return true;
}

/* The names of record i to screen: the primary, then original-script names,
 * then the other strong names, at most COMPARE_MAX_NAMES. */
static size_t pick_names(const nomen_records *r, size_t i, size_t out[COMPARE_MAX_NAMES])
{
    size_t n = 0, nn = nomen_record_name_count(r, i);
    if (nn)
        out[n++] = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 1; k < nn && n < COMPARE_MAX_NAMES; k++) {
            bool orig = strcmp(nomen_record_name_kind(r, i, k), "original") == 0;
            if ((pass == 0) != orig || nomen_record_name_weak(r, i, k))
                continue;
            out[n++] = k;
        }
    return n;
}

/* Screen record i of list l against list t's matcher; link the hits. */
static int link_record(cmp *c, nomen_matcher *m, size_t i, size_t t)
{
    const nomen_records *r = c->r;
    size_t names[COMPARE_MAX_NAMES];
    size_t nn = pick_names(r, i, names);
    nomen_query q;
    nomen_query_init(&q);
    const char *dob = nomen_record_dob_count(r, i) ? nomen_record_dob_iso(r, i, 0) : NULL;
    if (dob && strchr(dob, '/'))
        dob = NULL; /* a range is not a query date */
    if (dob) {
        q.dob = dob;
        q.dob_len = strlen(dob);
    }
    const char *country = nomen_record_country_count(r, i) ? nomen_record_country(r, i, 0) : NULL;
    if (country) {
        q.country = country;
        q.country_len = strlen(country);
    }
    q.type = nomen_record_type(r, i);
    for (size_t k = 0; k < nn; k++) {
        const char *name = nomen_record_name(r, i, names[k]);
        q.name = name;
        q.name_len = strlen(name);
        int rc = nomen_matcher_screen(m, &q);
        if (rc == NOMEN_ERR_LIMIT || rc == NOMEN_ERR_UTF8 || rc == NOMEN_ERR_INVALID_ARG)
            continue; /* a name the engine refuses cannot link */
        if (rc)
            return rc;
        for (size_t h = 0; h < nomen_matcher_hit_count(m); h++) {
            size_t j;
            if (nomen_records_find(r, t, nomen_hit_entity_id(m, h), &j) != NOMEN_OK)
                continue;
            if (!types_compatible(nomen_record_type(r, i), nomen_record_type(r, j)))
                continue;
            int dobrel = dob_relation(r, i, j);
            if (dobrel < 0)
                continue; /* never merge on a name when the dates contradict */
            double score = nomen_hit_score(m, h);
            char ev[1024];
            snprintf(ev, sizeof ev, "name %.3f (%s ~ %s)%s%s", score, name,
                     nomen_hit_matched_name(m, h), dobrel > 0 ? "; date of birth agrees" : "",
                     country_shared(r, i, j) ? "; country agrees" : "");
            if (!add_link(c, i, j, score, ev))
                return NOMEN_ERR_NOMEM;
        }
    }
    return NOMEN_OK;
}

/* ---- identifiers ------------------------------------------------------- */

typedef struct ident {
    char *key;
    size_t rec;
} ident;

static int cmp_ident(const void *pa, const void *pb)
{
    const ident *a = pa, *b = pb;
    int k = strcmp(a->key, b->key);
    return k ? k : (a->rec < b->rec ? -1 : a->rec > b->rec);
}

/* Letters and digits of an identifier, upper-cased: "E 123-456" is
 * "E123456" on another list. */
static char *ident_key(const char *v)
{
    size_t n = strlen(v);
    char *k = malloc(n + 1), *p = k;
    if (!k)
        return NULL;
    for (const char *s = v; *s; s++)
        if ((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z'))
            *p++ = *s;
        else if (*s >= 'a' && *s <= 'z')
            *p++ = (char)(*s - 32);
    *p = '\0';
    return k;
}

static int link_identifiers(cmp *c)
{
    const nomen_records *r = c->r;
    size_t n = 0, cap = 0;
    ident *v = NULL;
    int rc = NOMEN_OK;
    for (size_t i = 0; !rc && i < c->nrec; i++)
        for (size_t k = 0; !rc && k < nomen_record_ident_count(r, i); k++) {
            char *key = ident_key(nomen_record_ident_value(r, i, k));
            if (!key) {
                rc = NOMEN_ERR_NOMEM;
                break;
            }
            if (strlen(key) < COMPARE_MIN_IDENT) {
                free(key);
                continue;
            }
            if (n == cap) {
                cap = cap ? 2 * cap : 1024;
                ident *p = realloc(v, cap * sizeof *p);
                if (!p) {
                    free(key);
                    rc = NOMEN_ERR_NOMEM;
                    break;
                }
                v = p;
            }
            v[n++] = (ident){key, i};
        }
    if (!rc && n)
        qsort(v, n, sizeof *v, cmp_ident);
    for (size_t a = 0; !rc && a < n;) {
        size_t b = a + 1;
        while (b < n && strcmp(v[a].key, v[b].key) == 0)
            b++;
        for (size_t x = a; !rc && x < b; x++)
            for (size_t y = x + 1; !rc && y < b; y++) {
                size_t i = v[x].rec, j = v[y].rec;
                if (nomen_record_list(r, i) == nomen_record_list(r, j) ||
                    !types_compatible(nomen_record_type(r, i), nomen_record_type(r, j)) ||
                    dob_relation(r, i, j) < 0)
                    continue;
                char ev[256];
                snprintf(ev, sizeof ev, "identifier %s on both", v[x].key);
                if (!add_link(c, i, j, 1.0, ev))
                    rc = NOMEN_ERR_NOMEM;
            }
        a = b;
    }
    for (size_t k = 0; k < n; k++)
        free(v[k].key);
    free(v);
    return rc;
}

/* ---- subjects ------------------------------------------------------------ */

typedef struct subject {
    size_t root;
    size_t *recs; /* in record order */
    size_t nrecs;
    unsigned long long lists; /* bit l: on list l (at most 64 lists) */
    size_t nlists_on;
} subject;

static int cmp_link(const void *pa, const void *pb)
{
    const link *a = pa, *b = pb;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    if (a->b != b->b)
        return a->b < b->b ? -1 : 1;
    if (a->conf != b->conf)
        return a->conf > b->conf ? -1 : 1;
    return strcmp(a->evidence, b->evidence);
}

/* The same pair is found from both sides and through several names: keep
 * one link per pair, the one with the best confidence. */
static void dedup_links(cmp *c)
{
    if (!c->nlinks)
        return;
    qsort(c->links, c->nlinks, sizeof *c->links, cmp_link);
    size_t w = 0;
    for (size_t k = 0; k < c->nlinks; k++) {
        if (w && c->links[w - 1].a == c->links[k].a && c->links[w - 1].b == c->links[k].b) {
            free(c->links[k].evidence);
            continue;
        }
        c->links[w++] = c->links[k];
    }
    c->nlinks = w;
}

static int cmp_conf(const void *pa, const void *pb)
{
    const link *a = pa, *b = pb;
    if (a->conf != b->conf)
        return a->conf > b->conf ? -1 : 1;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

/* Join the records, strongest links first, and never two subjects that are
 * both on one list: a list names a subject once, so such a join can only
 * come from a chain of looser links (two banks sharing "Agricultural
 * Bank" through a third list's record). The links that would do it are
 * dropped. */
static bool apply_links(cmp *c)
{
    unsigned long long *mask = calloc(c->nrec ? c->nrec : 1, sizeof *mask);
    if (!mask)
        return false;
    for (size_t i = 0; i < c->nrec; i++)
        mask[i] = 1ull << nomen_record_list(c->r, i);
    if (c->nlinks)
        qsort(c->links, c->nlinks, sizeof *c->links, cmp_conf);
    size_t w = 0;
    for (size_t k = 0; k < c->nlinks; k++) {
        size_t ra = uf_find(c->parent, c->links[k].a), rb = uf_find(c->parent, c->links[k].b);
        if (ra != rb && (mask[ra] & mask[rb])) {
            free(c->links[k].evidence);
            continue;
        }
        if (ra != rb) {
            uf_union(c->parent, ra, rb);
            size_t root = uf_find(c->parent, ra);
            mask[root] = mask[ra] | mask[rb];
        }
        c->links[w++] = c->links[k];
    }
    c->nlinks = w;
    free(mask);
    return true;
}

static int cmp_size(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return a < b ? -1 : a > b;
}

/* Group records by their root; subjects in order of their first record. */
static subject *make_subjects(cmp *c, size_t *nsub)
{
    size_t n = c->nrec;
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    size_t *count = calloc(n ? n : 1, sizeof *count);
    size_t *slot = malloc((n ? n : 1) * sizeof *slot);
    subject *s = NULL;
    *nsub = 0;
    if (!order || !count || !slot)
        goto done;
    for (size_t i = 0; i < n; i++)
        count[uf_find(c->parent, i)]++;
    size_t ns = 0;
    for (size_t i = 0; i < n; i++)
        if (count[i])
            ns++;
    s = calloc(ns ? ns : 1, sizeof *s);
    if (!s)
        goto done;
    size_t k = 0, off = 0;
    for (size_t i = 0; i < n; i++)
        if (count[i]) {
            s[k].root = i;
            s[k].recs = order + off;
            slot[i] = k++;
            off += count[i];
        }
    for (size_t i = 0; i < n; i++) {
        subject *x = &s[slot[uf_find(c->parent, i)]];
        x->recs[x->nrecs++] = i;
        size_t l = nomen_record_list(c->r, i);
        if (l < 64 && !(x->lists & (1ull << l))) {
            x->lists |= 1ull << l;
            x->nlists_on++;
        }
    }
    for (k = 0; k < ns; k++)
        qsort(s[k].recs, s[k].nrecs, sizeof(size_t), cmp_size);
    *nsub = ns;
    order = NULL; /* owned by the subjects now (s[0].recs) */
done:
    free(order);
    free(count);
    free(slot);
    return s;
}

static const char *jurisdiction(const char *list)
{
    if (strncmp(list, "us-", 3) == 0)
        return "US";
    if (strncmp(list, "uk-", 3) == 0)
        return "UK";
    if (strncmp(list, "ca-", 3) == 0)
        return "CA";
    if (strncmp(list, "eu-", 3) == 0)
        return "EU";
    if (strncmp(list, "un-", 3) == 0)
        return "UN";
    return list;
}

/* The programmes of record i joined with "; ". */
static void programs_text(const nomen_records *r, size_t i, char *buf, size_t len)
{
    buf[0] = '\0';
    size_t used = 0;
    for (size_t k = 0; k < nomen_record_program_count(r, i); k++) {
        int n =
            snprintf(buf + used, len - used, "%s%s", k ? "; " : "", nomen_record_program(r, i, k));
        if (n < 0 || (size_t)n >= len - used)
            break;
        used += (size_t)n;
    }
}

/* The subject's display name: its first individual or entity record's
 * primary name (records are in list order, so the first list's spelling). */
static const char *subject_name(const cmp *c, const subject *s)
{
    return nomen_record_name(c->r, s->recs[0], 0);
}

static json_t *subject_json(const cmp *c, const subject *s, size_t row)
{
    json_t *o = json_object(), *cells = json_array(), *links = json_array();
    json_object_set_new(o, "subject", json_integer((json_int_t)row + 1));
    json_object_set_new(o, "name", json_string(subject_name(c, s)));
    json_object_set_new(o, "type",
                        json_string(nomen_subject_name(nomen_record_type(c->r, s->recs[0]))));
    for (size_t l = 0; l < c->nlists; l++) {
        json_t *cell = json_array();
        for (size_t k = 0; k < s->nrecs; k++) {
            size_t i = s->recs[k];
            if (nomen_record_list(c->r, i) != l)
                continue;
            json_t *progs = json_array(), *dobs = json_array();
            for (size_t p = 0; p < nomen_record_program_count(c->r, i); p++)
                json_array_append_new(progs, json_string(nomen_record_program(c->r, i, p)));
            for (size_t p = 0; p < nomen_record_dob_count(c->r, i); p++)
                json_array_append_new(dobs, json_string(nomen_record_dob(c->r, i, p)));
            const char *lo = nomen_record_listed_on(c->r, i);
            json_array_append_new(
                cell, json_pack("{s:s, s:s, s:o, s:o, s:o}", "id", nomen_record_id(c->r, i), "name",
                                nomen_record_name(c->r, i, 0), "programs", progs, "listed_on",
                                lo ? json_string(lo) : json_null(), "dobs", dobs));
        }
        json_array_append_new(cells, cell);
    }
    json_object_set_new(o, "lists", cells);
    for (size_t k = 0; k < c->nlinks; k++) {
        const link *L = &c->links[k];
        if (uf_find(c->parent, L->a) != s->root)
            continue;
        size_t la = nomen_record_list(c->r, L->a), lb = nomen_record_list(c->r, L->b);
        json_array_append_new(links, json_pack("{s:s, s:s, s:s, s:s, s:f, s:s}", "from_list",
                                               nomen_records_list_name(c->r, la), "from_id",
                                               nomen_record_id(c->r, L->a), "to_list",
                                               nomen_records_list_name(c->r, lb), "to_id",
                                               nomen_record_id(c->r, L->b), "confidence",
                                               cli_round4(L->conf), "evidence", L->evidence));
    }
    json_object_set_new(o, "links", links);
    return o;
}

static json_t *lists_json(const cmp *c)
{
    json_t *a = json_array();
    for (size_t l = 0; l < c->nlists; l++) {
        const char *date = nomen_records_list_date(c->r, l);
        const char *name = nomen_records_list_name(c->r, l);
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:o, s:I}", "list", name,
                                           "jurisdiction", jurisdiction(name), "path",
                                           nomen_records_list_path(c->r, l), "date",
                                           date ? json_string(date) : json_null(), "records",
                                           (json_int_t)nomen_records_list_records(c->r, l)));
    }
    return a;
}

/* Subjects sharing each combination of lists (bit masks), the overlap
 * summary. */
static json_t *overlaps_json(const cmp *c, const subject *s, size_t ns)
{
    size_t ncomb = c->nlists <= 16 ? (size_t)1 << c->nlists : 0;
    size_t *cnt = calloc(ncomb ? ncomb : 1, sizeof *cnt);
    json_t *a = json_array();
    if (!cnt)
        return a;
    for (size_t k = 0; k < ns; k++)
        if (s[k].lists < ncomb)
            cnt[s[k].lists]++;
    for (size_t m = 1; m < ncomb; m++) {
        if (!cnt[m])
            continue;
        json_t *ls = json_array();
        for (size_t l = 0; l < c->nlists; l++)
            if (m & ((size_t)1 << l))
                json_array_append_new(ls, json_string(nomen_records_list_name(c->r, l)));
        json_array_append_new(a,
                              json_pack("{s:o, s:I}", "lists", ls, "subjects", (json_int_t)cnt[m]));
    }
    free(cnt);
    return a;
}

static bool keep(const subject *s, bool shared_only)
{
    return !shared_only || s->nlists_on >= 2;
}

static json_t *report_json(const cmp *c, const subject *s, size_t ns, bool shared_only)
{
    json_t *root = json_object(), *rows = json_array();
    json_object_set_new(root, "lists", lists_json(c));
    json_object_set_new(root, "link_threshold", json_real(c->threshold));
    json_object_set_new(root, "overlaps", overlaps_json(c, s, ns));
    size_t row = 0;
    for (size_t k = 0; k < ns; k++)
        if (keep(&s[k], shared_only))
            json_array_append_new(rows, subject_json(c, &s[k], row++));
    json_object_set_new(root, "subjects", rows);
    return root;
}

static void write_csv(FILE *fp, const cmp *c, const subject *s, size_t ns, bool shared_only)
{
    fputs("subject,name,type,lists_on", fp);
    for (size_t l = 0; l < c->nlists; l++) {
        const char *n = nomen_records_list_name(c->r, l);
        fprintf(fp, ",%s_id,%s_program,%s_listed_on", n, n, n);
    }
    fputs(",confidence,evidence\n", fp);
    size_t row = 0;
    for (size_t k = 0; k < ns; k++) {
        if (!keep(&s[k], shared_only))
            continue;
        char buf[2048];
        snprintf(buf, sizeof buf, "%zu", ++row);
        cli_csv_field(fp, buf, false);
        cli_csv_field(fp, subject_name(c, &s[k]), false);
        cli_csv_field(fp, nomen_subject_name(nomen_record_type(c->r, s[k].recs[0])), false);
        snprintf(buf, sizeof buf, "%zu", s[k].nlists_on);
        cli_csv_field(fp, buf, false);
        for (size_t l = 0; l < c->nlists; l++) {
            char ids[512] = "", progs[1024] = "", dates[256] = "";
            for (size_t m = 0; m < s[k].nrecs; m++) {
                size_t i = s[k].recs[m];
                if (nomen_record_list(c->r, i) != l)
                    continue;
                const char *sep = ids[0] ? "; " : "";
                char p[512];
                programs_text(c->r, i, p, sizeof p);
                const char *lo = nomen_record_listed_on(c->r, i);
                size_t u = strlen(ids);
                snprintf(ids + u, sizeof ids - u, "%s%s", sep, nomen_record_id(c->r, i));
                u = strlen(progs);
                snprintf(progs + u, sizeof progs - u, "%s%s", sep, p);
                u = strlen(dates);
                snprintf(dates + u, sizeof dates - u, "%s%s", sep, lo ? lo : "");
            }
            cli_csv_field(fp, ids, false);
            cli_csv_field(fp, progs, false);
            cli_csv_field(fp, dates, false);
        }
        /* The weakest link holds the subject together: its confidence is
         * the subject's. */
        double conf = s[k].nrecs > 1 ? 1.0 : 0.0;
        char ev[4096] = "";
        for (size_t m = 0; m < c->nlinks; m++) {
            const link *L = &c->links[m];
            if (uf_find(c->parent, L->a) != s[k].root)
                continue;
            if (L->conf < conf)
                conf = L->conf;
            size_t u = strlen(ev);
            snprintf(ev + u, sizeof ev - u, "%s%s %s = %s %s: %s", u ? " | " : "",
                     nomen_records_list_name(c->r, nomen_record_list(c->r, L->a)),
                     nomen_record_id(c->r, L->a),
                     nomen_records_list_name(c->r, nomen_record_list(c->r, L->b)),
                     nomen_record_id(c->r, L->b), L->evidence);
        }
        if (s[k].nrecs > 1)
            snprintf(buf, sizeof buf, "%.4f", cli_round4(conf));
        else
            buf[0] = '\0';
        cli_csv_field(fp, buf, false);
        cli_csv_field(fp, ev, true);
    }
}

/* ---- HTML report ----------------------------------------------------------- */

static void html_text(FILE *fp, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", fp);
            break;
        case '<':
            fputs("&lt;", fp);
            break;
        case '>':
            fputs("&gt;", fp);
            break;
        case '"':
            fputs("&quot;", fp);
            break;
        default:
            fputc(*s, fp);
        }
    }
}

/* The overlap chart: one horizontal bar per combination of lists, as inline
 * SVG (drawn here, so the chart shows even with scripts off). */
static void overlap_svg(FILE *fp, const cmp *c, const subject *s, size_t ns)
{
    size_t ncomb = c->nlists <= 16 ? (size_t)1 << c->nlists : 0;
    size_t *cnt = calloc(ncomb ? ncomb : 1, sizeof *cnt), max = 1, rows = 0;
    if (!cnt)
        return;
    for (size_t k = 0; k < ns; k++)
        if (s[k].lists < ncomb)
            cnt[s[k].lists]++;
    for (size_t m = 1; m < ncomb; m++)
        if (cnt[m]) {
            rows++;
            if (cnt[m] > max)
                max = cnt[m];
        }
    /* Layout in pixels: a label column, a bar area, one 22 px row per
     * combination. */
    const int label_w = 320, bar_w = 420, row_h = 22;
    fprintf(fp,
            "<svg id=\"overlap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%zu\" "
            "role=\"img\" aria-label=\"subjects per combination of lists\">\n",
            label_w + bar_w + 80, rows * (size_t)row_h + 10);
    size_t y = 5;
    /* Combinations with more lists first: the shared subjects matter most. */
    for (size_t want = c->nlists; want >= 1; want--)
        for (size_t m = 1; m < ncomb; m++) {
            if (!cnt[m] || (size_t)__builtin_popcountll(m) != want)
                continue;
            fprintf(fp, "<g class=\"bar\" data-mask=\"%zu\"><text x=\"0\" y=\"%zu\">", m, y + 15);
            bool first = true;
            for (size_t l = 0; l < c->nlists; l++)
                if (m & ((size_t)1 << l)) {
                    fputs(first ? "" : " + ", fp);
                    html_text(fp, nomen_records_list_name(c->r, l));
                    first = false;
                }
            double w = (double)cnt[m] / (double)max * bar_w;
            fprintf(fp,
                    "</text><rect x=\"%d\" y=\"%zu\" width=\"%.1f\" height=\"%d\" "
                    "fill=\"%s\"/><text x=\"%.1f\" y=\"%zu\">%zu</text></g>\n",
                    label_w, y + 3, w < 1 ? 1.0 : w, row_h - 6, want >= 2 ? "#2a6f97" : "#a9c5d8",
                    label_w + (w < 1 ? 1.0 : w) + 6, y + 15, cnt[m]);
            y += (size_t)row_h;
        }
    fputs("</svg>\n", fp);
    free(cnt);
}

static const char html_css[] =
    "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}"
    "table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:3px 6px;"
    "vertical-align:top}th{background:#eef;position:sticky;top:0}"
    "td.gap{background:#fde2e1}td.gap::after{content:'not listed';color:#b42318;font-size:12px}"
    "td.on{background:#e7f5e9}.prog{color:#555;font-size:12px}.ev{font-size:12px;color:#444}"
    "#filters{margin:1em 0;display:flex;gap:1.5em;flex-wrap:wrap}svg text{font-size:12px}"
    ".muted{color:#777}";

/* The page's script: renders the rows from the embedded JSON and applies
 * the filters. Written here in full: the report needs no network. */
static const char html_js[] =
    "(function(){\n"
    "var D=JSON.parse(document.getElementById('data').textContent);\n"
    "var tb=document.getElementById('rows'),ps=document.getElementById('prog'),"
    "js=document.getElementById('juris'),gs=document.getElementById('gapsonly'),"
    "qs=document.getElementById('q');\n"
    "var progs={};D.subjects.forEach(function(s){s.lists.forEach(function(c){c.forEach(function(r){"
    "r.programs.forEach(function(p){progs[p]=1;});});});});\n"
    "Object.keys(progs).sort().forEach(function(p){var o=document.createElement('option');"
    "o.value=p;o.textContent=p;ps.appendChild(o);});\n"
    "var jur={};D.lists.forEach(function(l){jur[l.jurisdiction]=1;});\n"
    "Object.keys(jur).sort().forEach(function(j){var o=document.createElement('option');"
    "o.value=j;o.textContent=j;js.appendChild(o);});\n"
    "function txt(t){return document.createTextNode(t);}\n"
    "function render(){var p=ps.value,j=js.value,g=gs.checked,q=qs.value.toLowerCase(),n=0;\n"
    "tb.textContent='';\n"
    "D.subjects.forEach(function(s){\n"
    " var on=0,hasP=!p,hasJ=!j;\n"
    " s.lists.forEach(function(c,i){if(c.length){on++;if(D.lists[i].jurisdiction===j)hasJ=true;"
    "c.forEach(function(r){if(r.programs.indexOf(p)>=0)hasP=true;});}});\n"
    " if(!hasP||!hasJ)return; if(g&&!(on>=1&&on<D.lists.length))return;\n"
    " if(q&&s.name.toLowerCase().indexOf(q)<0)return;\n"
    " var tr=document.createElement('tr');tr.className='subject';\n"
    " var td=document.createElement('td');td.appendChild(txt(s.name));"
    "td.appendChild(document.createElement('br'));"
    "var sp=document.createElement('span');sp.className='muted';sp.appendChild(txt(s.type));"
    "td.appendChild(sp);tr.appendChild(td);\n"
    " s.lists.forEach(function(c,i){var td=document.createElement('td');"
    "td.setAttribute('data-list',D.lists[i].list);\n"
    "  if(!c.length){td.className='gap';}else{td.className='on';c.forEach(function(r){"
    "var b=document.createElement('div');b.appendChild(txt(r.id+(r.listed_on?' · "
    "'+r.listed_on:'')));"
    "var "
    "pp=document.createElement('div');pp.className='prog';pp.appendChild(txt(r.programs.join('; "
    "')));"
    "b.appendChild(pp);td.appendChild(b);});}\n"
    "  tr.appendChild(td);});\n"
    " var ev=document.createElement('td');ev.className='ev';\n"
    " s.links.forEach(function(l){var d=document.createElement('div');d.appendChild(txt("
    "l.from_list+' '+l.from_id+' = '+l.to_list+' '+l.to_id+' ('+l.confidence.toFixed(3)+'): '"
    "+l.evidence));ev.appendChild(d);});\n"
    " tr.appendChild(ev);tb.appendChild(tr);n++;});\n"
    "document.getElementById('shown').textContent=n+' of '+D.subjects.length+' subjects shown';}\n"
    "[ps,js,gs].forEach(function(e){e.addEventListener('change',render);});"
    "qs.addEventListener('input',render);\n"
    "render();document.body.setAttribute('data-ready','1');\n"
    "})();\n";

static int write_html(FILE *fp, const cmp *c, const subject *s, size_t ns, bool shared_only)
{
    json_t *root = report_json(c, s, ns, shared_only);
    if (!root)
        return -1;
    /* JSON_ESCAPE_SLASH writes "<\/script>", so no string in the data can
     * end the script element. */
    char *data = json_dumps(root, JSON_COMPACT | JSON_ESCAPE_SLASH);
    json_decref(root);
    if (!data)
        return -1;
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<title>nomen compare: coverage of lists</title>\n<style>",
          fp);
    fputs(html_css, fp);
    fputs("</style></head><body>\n<h1>Who is listed where</h1>\n<p>", fp);
    for (size_t l = 0; l < c->nlists; l++) {
        const char *date = nomen_records_list_date(c->r, l);
        fputs(l ? "; " : "Lists: ", fp);
        html_text(fp, nomen_records_list_name(c->r, l));
        fprintf(fp, " (%s, %zu records)", date ? date : "no date",
                nomen_records_list_records(c->r, l));
    }
    fprintf(fp,
            ". Records link at a name score of %.2f or more, never against contradicting "
            "dates of birth; a red cell is a gap: the subject is on another list but not "
            "this one.</p>\n<h2>Overlaps</h2>\n",
            c->threshold);
    overlap_svg(fp, c, s, ns);
    /* The gaps, list by list: subjects on some other list but not this one. */
    fputs("<h2>Gaps</h2>\n<ul id=\"gaps\">", fp);
    for (size_t l = 0; l < c->nlists; l++) {
        size_t gaps = 0;
        for (size_t k = 0; k < ns; k++)
            gaps += s[k].nlists_on >= 1 && !(s[k].lists & (1ull << l));
        fprintf(fp, "<li>%zu subjects listed elsewhere are not on ", gaps);
        html_text(fp, nomen_records_list_name(c->r, l));
        fputs("</li>", fp);
    }
    fputs("</ul>\n", fp);
    fputs("<h2>Coverage matrix</h2>\n<div id=\"filters\">"
          "<label>Programme <select id=\"prog\"><option value=\"\">all</option></select></label>"
          "<label>Jurisdiction <select id=\"juris\"><option value=\"\">all</option></select>"
          "</label><label><input type=\"checkbox\" id=\"gapsonly\"> only subjects with a gap"
          "</label><label>Name <input id=\"q\" type=\"search\"></label>"
          "<span id=\"shown\"></span></div>\n<table><thead><tr><th>Subject</th>",
          fp);
    for (size_t l = 0; l < c->nlists; l++) {
        fputs("<th>", fp);
        html_text(fp, nomen_records_list_name(c->r, l));
        fputs("</th>", fp);
    }
    fputs("<th>Links (confidence, evidence)</th></tr></thead><tbody id=\"rows\"></tbody></table>\n"
          "<script type=\"application/json\" id=\"data\">",
          fp);
    fputs(data, fp);
    free(data);
    fputs("</script>\n<script>", fp);
    fputs(html_js, fp);
    fputs("</script>\n</body></html>\n", fp);
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cli_cmd_compare(int argc, char **argv)
{
    const char *format = "csv", *output = NULL;
    bool strict = false, quiet = false, shared_only = false;
    double threshold = COMPARE_DEFAULT_THRESHOLD;
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    size_t np = 0;
    if (!paths) {
        fprintf(stderr, "nomen: out of memory\n");
        return CLI_EXIT_ERROR;
    }
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(cli_usage_compare, stdout);
            free(paths);
            return 0;
        } else if ((strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0) && i + 1 < argc) {
            format = argv[++i];
        } else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc) {
            output = argv[++i];
        } else if ((strcmp(a, "-t") == 0 || strcmp(a, "--threshold") == 0) && i + 1 < argc) {
            char *end;
            threshold = strtod(argv[++i], &end);
            if (*end || end == argv[i] || !(threshold >= 0.0 && threshold <= 1.0)) {
                fprintf(stderr, "nomen: compare: --threshold takes a number in [0, 1]\n");
                free(paths);
                return CLI_EXIT_ERROR;
            }
        } else if (strcmp(a, "--strict") == 0) {
            strict = true;
        } else if (strcmp(a, "--shared-only") == 0) {
            shared_only = true;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = true;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "nomen: compare: unknown or incomplete option '%s'\n\n%s", a,
                    cli_usage_compare);
            free(paths);
            return CLI_EXIT_ERROR;
        } else {
            paths[np++] = a;
        }
    }
    if (np < 2 || np > 16) {
        fprintf(stderr, "nomen: compare needs 2 to 16 lists\n\n%s", cli_usage_compare);
        free(paths);
        return CLI_EXIT_ERROR;
    }
    if (strcmp(format, "csv") && strcmp(format, "json") && strcmp(format, "html")) {
        fprintf(stderr, "nomen: compare: unknown format '%s' (csv, json or html)\n", format);
        free(paths);
        return CLI_EXIT_ERROR;
    }
    int status = CLI_EXIT_ERROR, rc = NOMEN_OK;
    cmp c = {0};
    c.threshold = threshold;
    nomen_index **ix = calloc(np, sizeof *ix);
    nomen_matcher **m = calloc(np, sizeof *m);
    size_t **members = calloc(np, sizeof *members), *nmem = calloc(np, sizeof *nmem);
    subject *subs = NULL;
    size_t ns = 0;
    FILE *fp = stdout;
    double t0 = now();
    if (!ix || !m || !members || !nmem || nomen_records_new(&c.r) != NOMEN_OK) {
        fprintf(stderr, "nomen: out of memory\n");
        goto done;
    }
    nomen_records_set_strict(c.r, strict);
    for (size_t k = 0; k < np; k++) {
        if (nomen_records_add_path(c.r, paths[k], NULL, NULL) != NOMEN_OK) {
            cli_report("cannot load list", paths[k], nomen_records_errmsg(c.r));
            goto done;
        }
        if (nomen_records_list_count(c.r) != k + 1) {
            fprintf(stderr, "nomen: %s: expected one list\n", paths[k]);
            goto done;
        }
    }
    if (!quiet && nomen_records_skip_report(c.r)[0])
        fprintf(stderr, "nomen: some records were skipped:\n%s", nomen_records_skip_report(c.r));
    c.nrec = nomen_records_count(c.r);
    c.nlists = np;
    c.parent = malloc((c.nrec ? c.nrec : 1) * sizeof *c.parent);
    if (!c.parent) {
        fprintf(stderr, "nomen: out of memory\n");
        goto done;
    }
    for (size_t i = 0; i < c.nrec; i++)
        c.parent[i] = i;
    for (size_t l = 0; l < np; l++) {
        members[l] = malloc((c.nrec ? c.nrec : 1) * sizeof(size_t));
        if (!members[l]) {
            fprintf(stderr, "nomen: out of memory\n");
            goto done;
        }
    }
    for (size_t i = 0; i < c.nrec; i++) {
        size_t l = nomen_record_list(c.r, i);
        members[l][nmem[l]++] = i;
    }
    double t1 = now();
    nomen_options opt;
    nomen_options_init(&opt);
    opt.threshold = threshold;
    opt.limit = COMPARE_HITS;
    for (size_t l = 0; !rc && l < np; l++) {
        rc = nomen_records_index(c.r, members[l], nmem[l], &ix[l]);
        if (!rc)
            rc = nomen_matcher_new(ix[l], &m[l]);
        if (!rc)
            rc = nomen_matcher_set_options(m[l], &opt);
    }
    if (rc) {
        fprintf(stderr, "nomen: cannot index the lists: %s\n", nomen_status_str(rc));
        goto done;
    }
    double t2 = now();
    /* Every record against every other list: a screen is asymmetric (the
     * query's romanization is explored more widely than the list's), so both
     * directions of each pair are tried. */
    for (size_t i = 0; !rc && i < c.nrec; i++) {
        size_t l = nomen_record_list(c.r, i);
        for (size_t t = 0; !rc && t < np; t++)
            if (t != l)
                rc = link_record(&c, m[t], i, t);
    }
    if (!rc)
        rc = link_identifiers(&c);
    if (!rc) {
        dedup_links(&c);
        if (!apply_links(&c))
            rc = NOMEN_ERR_NOMEM;
    }
    if (rc) {
        fprintf(stderr, "nomen: compare failed: %s\n", nomen_status_str(rc));
        goto done;
    }
    double t3 = now();
    subs = make_subjects(&c, &ns);
    if (!subs) {
        fprintf(stderr, "nomen: out of memory\n");
        goto done;
    }
    if (output && !(fp = fopen(output, "w"))) {
        fprintf(stderr, "nomen: cannot write %s: %s\n", output, strerror(errno));
        fp = stdout;
        goto done;
    }
    int wrc = 0;
    if (strcmp(format, "json") == 0) {
        json_t *root = report_json(&c, subs, ns, shared_only);
        wrc = root ? json_dumpf(root, fp, JSON_INDENT(1)) : -1;
        json_decref(root);
        fputc('\n', fp);
    } else if (strcmp(format, "html") == 0) {
        wrc = write_html(fp, &c, subs, ns, shared_only);
    } else {
        write_csv(fp, &c, subs, ns, shared_only);
    }
    status = wrc == 0 && fflush(fp) == 0 && !ferror(fp) ? 0 : CLI_EXIT_ERROR;
    if (status)
        fprintf(stderr, "nomen: write error\n");
    if (!quiet) {
        size_t shared = 0;
        for (size_t k = 0; k < ns; k++)
            shared += subs[k].nlists_on >= 2;
        fprintf(stderr,
                "nomen: %zu records, %zu subjects (%zu on two lists or more), %zu links; "
                "load %.2f s, index %.2f s, link %.2f s\n",
                c.nrec, ns, shared, c.nlinks, t1 - t0, t2 - t1, t3 - t2);
    }
done:
    if (fp != stdout && fclose(fp) != 0)
        status = CLI_EXIT_ERROR;
    if (subs)
        free(subs[0].recs);
    free(subs);
    for (size_t k = 0; k < c.nlinks; k++)
        free(c.links[k].evidence);
    free(c.links);
    free(c.parent);
    for (size_t l = 0; l < np; l++) {
        if (m)
            nomen_matcher_free(m[l]);
        if (ix)
            nomen_index_free(ix[l]);
        if (members)
            free(members[l]);
    }
    free(m);
    free(ix);
    free(members);
    free(nmem);
    nomen_records_free(c.r);
    free(paths);
    return status;
}
