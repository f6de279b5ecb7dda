/*
 * api_match.c: the public matcher: candidates, scores, hits and explanations
 * (api stage).
 *
 * A screen runs in four steps:
 *  1. The query name is analyzed (normalized, romanized) exactly as the
 *     index analyzed the list names.
 *  2. Candidate generation probes the index with the query's keys: each
 *     token's deletion neighbourhood (exact and one-edit matches), adjacent
 *     tokens written together, the token written apart, romanized name parts
 *     (with every candidate reading of each syllable) and the Han key. No
 *     list name that shares none of these with the query is scored.
 *  3. Every candidate name is scored (score.c); a record keeps its best name.
 *  4. Secondary evidence moves each record's score; records at or above the
 *     threshold become hits, best first.
 * The matcher's arrays indexed by entry and record use an epoch stamp, so
 * nothing is cleared between screens.
 */
#include "api/api.h"

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Candidates found through tokens only are scored when they can still reach
 * the threshold. Their best possible token-view score, knowing which query
 * tokens share a key (exact, one edit, sound) with the candidate, is
 *   2·Σ hit w / (2·Σ hit w + UNMATCHED_QUERY · Σ other w),
 * the formula of score.c with every hit pair perfect and every other query
 * token unmatched. A query token that shares no key with any token of the
 * name is taken to contribute nothing: two or more edits and a different
 * sound put a pair below the similarity curve's floor in all but rare cases.
 * bench/screen measures what this costs in recall against an exhaustive scan
 * with the same scorer. */
#define PRUNE_UNMATCHED_QUERY 0.8
/* Candidates are scored best bound first; with a hit limit, scoring stops
 * once the limit-th best hit can no longer be overtaken by any candidate
 * left (exact for the hits returned). Whatever happens, at most
 * MAX_SCORED candidates are scored for one query: a query made only of very
 * common names (Wang Wei, Ali Hassan on a list of millions) must not take
 * unbounded time; the best-bound order spends the budget on the most
 * promising names. docs/scoring.md gives the figures. */
#define MAX_SCORED       20000
#define STOP_CHECK_EVERY 64
/* A weak (low-quality) alias proves less than a strong name. */
#define WEAK_ALIAS_FACTOR 0.95

typedef struct cand_state {
    uint32_t epoch;
    uint16_t qbits;
    uint8_t strong;
    uint8_t pad;
} cand_state;

typedef struct rec_state {
    uint32_t epoch;
    uint32_t ent;
    float name;
    float factor; /* evidence factor of the record for this query */
} rec_state;

typedef struct cand_ub {
    float ub;
    uint32_t e;
    uint16_t qbits;
    uint8_t check; /* the entry's own bound is still to be checked */
} cand_ub;

typedef struct hit {
    uint32_t rec, ent;
    double score, name;
    nomen__evidence ev;
    char *explain;
} hit;

typedef struct probe_ctx {
    struct nomen_matcher *m;
    uint16_t qbits;
    uint32_t seen[256]; /* dictionary tokens found for this query token */
    size_t nseen;
    uint64_t postings; /* their postings, summed */
    bool ok;
} probe_ctx;

struct nomen_matcher {
    nomen__index *ix;
    nomen__norm norm;
    nomen__scorer sc;
    nomen__qname q;
    nomen_options opt;
    nomen__err err;
    cand_state *cs;
    rec_state *rs;
    uint32_t *ts; /* per dictionary token: the epoch of the last query a key of which found it */
    uint32_t epoch;
    uint32_t *cand;
    size_t ncand, capcand;
    cand_ub *order;
    size_t caporder;
    probe_ctx probes[NOMEN__SC_MAX_TOK + 1]; /* per query token, and one for pairs */
    uint32_t *recs;
    size_t nrecs, caprecs;
    hit *hits;
    size_t nhits, caphits;
    char *batch; /* the text of the last nomen_matcher_screen_batch */
    size_t nbatch, capbatch;
    size_t *spans; /* per query of that batch: its hits' start, end and count */
    size_t nspans, capspans;
    bool spans_ok; /* the batch succeeded and nothing was screened since */
};

static void clear_hits(nomen_matcher *m)
{
    for (size_t i = 0; i < m->nhits; i++)
        free(m->hits[i].explain);
    m->nhits = 0;
}

static void release_index(nomen_matcher *m)
{
    clear_hits(m);
    nomen__qname_free(&m->q);
    nomen__norm_free(&m->norm);
    nomen__free(m->cs);
    nomen__free(m->rs);
    nomen__free(m->ts);
    m->cs = NULL;
    m->rs = NULL;
    m->ts = NULL;
    nomen__index_unref(m->ix);
    m->ix = NULL;
}

static int attach_index(nomen_matcher *m, nomen__index *ix)
{
    int rc = nomen__norm_init(&m->norm, ix->proto, &m->err);
    if (rc)
        return rc;
    m->cs = nomen__calloc(ix->nent ? ix->nent : 1, sizeof(cand_state));
    m->rs = nomen__calloc(ix->nrec ? ix->nrec : 1, sizeof(rec_state));
    m->ts = nomen__calloc(ix->ntok ? ix->ntok : 1, sizeof(uint32_t));
    if (!m->cs || !m->rs || !m->ts) {
        nomen__free(m->cs);
        nomen__free(m->rs);
        nomen__free(m->ts);
        m->cs = NULL;
        m->rs = NULL;
        m->ts = NULL;
        nomen__norm_free(&m->norm);
        return nomen__err_set(&m->err, NOMEN_ERR_NOMEM, "out of memory for a matcher");
    }
    m->epoch = 0;
    nomen__index_ref(ix);
    m->ix = ix;
    return NOMEN_OK;
}

NOMEN_EXPORT void nomen_options_init(nomen_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof(*o));
    o->size = sizeof(*o);
    o->threshold = NOMEN_DEFAULT_THRESHOLD;
    o->limit = 10;
    o->explain = 0;
}

NOMEN_EXPORT void nomen_query_init(nomen_query *q)
{
    if (!q)
        return;
    memset(q, 0, sizeof(*q));
    q->size = sizeof(*q);
    q->type = NOMEN_SUBJECT_ANY;
}

NOMEN_EXPORT int nomen_matcher_new(nomen_index *ix, nomen_matcher **out)
{
    if (!ix || !out)
        return NOMEN_ERR_INVALID_ARG;
    *out = NULL;
    nomen_matcher *m = nomen__calloc(1, sizeof(*m));
    if (!m)
        return NOMEN_ERR_NOMEM;
    nomen_options_init(&m->opt);
    int rc = nomen__scorer_init(&m->sc);
    if (!rc)
        rc = attach_index(m, ix->ix);
    if (rc) {
        nomen__scorer_free(&m->sc);
        nomen__err_free(&m->err);
        nomen__free(m);
        return rc;
    }
    *out = m;
    return NOMEN_OK;
}

NOMEN_EXPORT void nomen_matcher_free(nomen_matcher *m)
{
    if (!m)
        return;
    release_index(m);
    nomen__scorer_free(&m->sc);
    nomen__err_free(&m->err);
    nomen__free(m->cand);
    nomen__free(m->order);
    nomen__free(m->recs);
    nomen__free(m->hits);
    nomen__free(m->batch);
    nomen__free(m->spans);
    nomen__free(m);
}

NOMEN_EXPORT int nomen_matcher_set_index(nomen_matcher *m, nomen_index *ix)
{
    if (!m || !ix)
        return NOMEN_ERR_INVALID_ARG;
    if (ix->ix == m->ix)
        return NOMEN_OK;
    /* Take the new index before letting the old one go, so a failure leaves
     * the matcher on its old index. */
    nomen__index *old = m->ix;
    nomen__norm old_norm = m->norm;
    cand_state *old_cs = m->cs;
    rec_state *old_rs = m->rs;
    uint32_t *old_ts = m->ts;
    uint32_t old_epoch = m->epoch;
    int rc = attach_index(m, ix->ix);
    if (rc) {
        m->ix = old;
        m->norm = old_norm;
        m->cs = old_cs;
        m->rs = old_rs;
        m->ts = old_ts;
        m->epoch = old_epoch;
        return rc;
    }
    clear_hits(m);
    nomen__qname_free(&m->q);
    nomen__norm_free(&old_norm);
    nomen__free(old_cs);
    nomen__free(old_rs);
    nomen__free(old_ts);
    nomen__index_unref(old);
    nomen__scorer_reset(&m->sc);
    return NOMEN_OK;
}

NOMEN_EXPORT int nomen_matcher_set_options(nomen_matcher *m, const nomen_options *o)
{
    if (!m || !o)
        return NOMEN_ERR_INVALID_ARG;
    nomen_options n;
    nomen_options_init(&n);
    size_t sz = o->size < sizeof(n) ? o->size : sizeof(n);
    if (sz < sizeof(size_t))
        return nomen__err_set(&m->err, NOMEN_ERR_INVALID_ARG,
                              "options.size is not set: call nomen_options_init first");
    memcpy(&n, o, sz);
    n.size = sizeof(n);
    if (!(n.threshold >= 0.0 && n.threshold <= 1.0))
        return nomen__err_set(&m->err, NOMEN_ERR_INVALID_ARG, "threshold %g is outside [0, 1]",
                              n.threshold);
    m->opt = n;
    return NOMEN_OK;
}

NOMEN_EXPORT const char *nomen_matcher_errmsg(const nomen_matcher *m)
{
    return m ? nomen__err_msg(&m->err) : "no matcher";
}

/* ---- candidates --------------------------------------------------------- */

static bool add_cand(nomen_matcher *m, uint32_t e, uint16_t qbits, bool strong)
{
    if (e >= m->ix->nent)
        return true; /* a corrupt posting: ignore (loaded files are validated) */
    cand_state *c = &m->cs[e];
    if (c->epoch != m->epoch) {
        void *p = m->cand;
        if (!nomen__grow(&p, &m->capcand, m->ncand + 1, sizeof(uint32_t)))
            return false;
        m->cand = p;
        m->cand[m->ncand++] = e;
        c->epoch = m->epoch;
        c->qbits = 0;
        c->strong = 0;
    }
    c->qbits |= qbits;
    if (strong)
        c->strong = 1;
    return true;
}

static bool add_postings(nomen_matcher *m, const uint32_t *ids, uint32_t n, uint16_t qbits,
                         bool strong)
{
    for (uint32_t i = 0; i < n; i++)
        if (!add_cand(m, ids[i], qbits, strong))
            return false;
    return true;
}

/* Look a key of `kind` up (DEL or PHON: both point at dictionary tokens)
 * and collect every token found (gather() decides what their postings do).
 * A token beyond the collection's room has its postings added at once. */
static bool probe_kind(probe_ctx *p, int kind, const char *s, size_t n)
{
    const nomen__index *ix = p->m->ix;
    uint32_t np;
    const uint32_t *tids = nomen__index_lookup(ix, kind, s, n, &np);
    for (uint32_t k = 0; k < np; k++) {
        uint32_t t = tids[k];
        if (t >= ix->ntok)
            continue;
        p->m->ts[t] = p->m->epoch;
        bool dup = false;
        for (size_t j = 0; j < p->nseen; j++)
            dup |= p->seen[j] == t;
        if (dup)
            continue;
        const nomen__ix_tok *tk = &ix->tok[t];
        if (p->nseen < NOMEN__ARRAY_LEN(p->seen)) {
            p->seen[p->nseen++] = t;
            p->postings += ix->u32[tk->postings];
        } else if (!add_postings(p->m, ix->u32 + tk->postings + 1, ix->u32[tk->postings], p->qbits,
                                 false)) {
            p->ok = false;
            return false;
        }
    }
    return true;
}

/* Add the collected tokens' postings as candidates. */
static bool probe_create(probe_ctx *p)
{
    const nomen__index *ix = p->m->ix;
    for (size_t k = 0; k < p->nseen; k++) {
        const nomen__ix_tok *tk = &ix->tok[p->seen[k]];
        if (!add_postings(p->m, ix->u32 + tk->postings + 1, ix->u32[tk->postings], p->qbits, false))
            return false;
    }
    return true;
}

/* Mark the collected tokens on candidates that exist already, creating none:
 * for a common token whose names cannot reach the threshold without a rarer
 * token of the query. Posting lists are ascending, so a long one is searched
 * per candidate rather than walked. */
static void probe_mark(probe_ctx *p)
{
    nomen_matcher *m = p->m;
    const nomen__index *ix = m->ix;
    for (size_t k = 0; k < p->nseen; k++) {
        const nomen__ix_tok *tk = &ix->tok[p->seen[k]];
        uint32_t n = ix->u32[tk->postings];
        const uint32_t *ids = ix->u32 + tk->postings + 1;
        if (n > 8 * m->ncand) {
            for (size_t c = 0; c < m->ncand; c++) {
                uint32_t e = m->cand[c];
                size_t lo = 0, hi = n;
                while (lo < hi) {
                    size_t mid = lo + (hi - lo) / 2;
                    if (ids[mid] < e)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                if (lo < n && ids[lo] == e)
                    m->cs[e].qbits |= p->qbits;
            }
        } else {
            for (uint32_t i = 0; i < n; i++)
                if (ids[i] < ix->nent && m->cs[ids[i]].epoch == m->epoch)
                    m->cs[ids[i]].qbits |= p->qbits;
        }
    }
}

/* Ready p to collect what the keys of the query tokens in qbits find. */
static probe_ctx *probe_start(probe_ctx *p, nomen_matcher *m, uint16_t qbits)
{
    p->m = m;
    p->qbits = qbits;
    p->nseen = 0;
    p->postings = 0;
    p->ok = true;
    return p;
}

static bool probe_del(void *ctx, const char *s, size_t n)
{
    return probe_kind(ctx, NOMEN__KEY_DEL, s, n);
}

static bool probe_direct(nomen_matcher *m, int kind, const char *s, size_t n, uint16_t qbits)
{
    uint32_t np;
    const uint32_t *ids = nomen__index_lookup(m->ix, kind, s, n, &np);
    return add_postings(m, ids, np, qbits, true);
}

static bool emit_rzpart(void *ctx, const char *s, size_t n)
{
    return probe_direct(ctx, NOMEN__KEY_RZPART, s, n, 0);
}

/*
 * Candidates come from the query's keys. A query token's dictionary matches
 * (exact, one edit, same sound) are collected first; then the query's
 * tokens are split into rare ones, whose postings create candidates, and
 * common ones whose weight together cannot reach the floor score
 * (the token-view bound 2w / (2w + 0.8 (W - w)) below `floor`): a name that
 * holds only common query tokens would be pruned by that bound anyway, so
 * the common tokens only mark the candidates the rare ones (and the direct
 * keys) found. The candidates scored, and their bits, are the same as if
 * every posting had been added; Ali, Mohammed or Wang on a list of millions
 * stop costing a candidate per name.
 */
static int gather(nomen_matcher *m, double floor)
{
    nomen__qname *q = &m->q;
    size_t nq = q->ntok;
    probe_ctx *pc = m->probes;
    for (size_t i = 0; i < nq; i++) {
        probe_ctx *p = probe_start(&pc[i], m, (uint16_t)(1u << i));
        nomen__ix_deletions(q->tok[i].cp, q->tok[i].ncp, q->tok[i].key, q->tok[i].keylen, probe_del,
                            p);
        /* Sound-alike tokens (PHON keys point at dictionary tokens). */
        if (p->ok && q->tok[i].dm1[0])
            probe_kind(p, NOMEN__KEY_PHON, q->tok[i].dm1, strlen(q->tok[i].dm1));
        if (p->ok && q->tok[i].dm2[0])
            probe_kind(p, NOMEN__KEY_PHON, q->tok[i].dm2, strlen(q->tok[i].dm2));
        if (p->ok && q->tok[i].dmw[0])
            probe_kind(p, NOMEN__KEY_PHON, q->tok[i].dmw, strlen(q->tok[i].dmw));
        /* An Arabic particle: its other spellings (Ben -> BIN). */
        const char *const *sp;
        if (p->ok && nomen__ix_particle(q->tok[i].key, q->tok[i].keylen, &sp))
            for (; p->ok && *sp; sp++)
                probe_kind(p, NOMEN__KEY_DEL, *sp, strlen(*sp));
        if (p->ok && q->tok[i].skel[0])
            probe_kind(p, NOMEN__KEY_SKEL, q->tok[i].skel, strlen(q->tok[i].skel));
        /* Tokens of Korean names with the same Korean form. */
        if (p->ok && q->tok[i].ko[0])
            probe_kind(p, NOMEN__KEY_KO, q->tok[i].ko, strlen(q->tok[i].ko));
        if (!p->ok)
            return NOMEN_ERR_NOMEM;
    }
    /* Rare tokens: move the least common token out of the common set until
     * the common set alone is below the floor. */
    bool rare[NOMEN__SC_MAX_TOK] = {false};
    double wc = q->wsum;
    for (;;) {
        double ub = wc > 0 ? 2 * wc / (2 * wc + PRUNE_UNMATCHED_QUERY * (q->wsum - wc)) : 0;
        if (ub < floor)
            break;
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < nq; i++)
            if (!rare[i] && (best == SIZE_MAX || pc[i].postings < pc[best].postings))
                best = i;
        if (best == SIZE_MAX)
            break;
        rare[best] = true;
        wc -= q->tok[best].weight;
    }
    for (size_t i = 0; i < nq; i++) {
        if (rare[i] && !probe_create(&pc[i]))
            return NOMEN_ERR_NOMEM;
        if (!probe_direct(m, NOMEN__KEY_JOIN, q->tok[i].key, q->tok[i].keylen, 0))
            return NOMEN_ERR_NOMEM;
        /* A token that is two tokens of a Korean name, in its Korean form. */
        if (q->tok[i].ko[0] &&
            !probe_direct(m, NOMEN__KEY_KOJOIN, q->tok[i].ko, strlen(q->tok[i].ko), 0))
            return NOMEN_ERR_NOMEM;
    }
    /* The whole name as a Korean name written together (김정은, Gim
     * Jeong-eun -> KIM Jong Un). */
    if (nq >= 2 && q->ko_whole[0] &&
        !probe_direct(m, NOMEN__KEY_KOJOIN, q->ko_whole, strlen(q->ko_whole), 0))
        return NOMEN_ERR_NOMEM;
    char buf[2 * NOMEN_NAME_MAX_BYTES];
    for (size_t i = 0; i + 1 < nq; i++) {
        size_t l1 = q->tok[i].keylen, l2 = q->tok[i + 1].keylen;
        if (l1 + l2 > sizeof buf)
            continue;
        memcpy(buf, q->tok[i].key, l1);
        memcpy(buf + l1, q->tok[i + 1].key, l2);
        probe_ctx *p = probe_start(&pc[NOMEN__SC_MAX_TOK], m, (uint16_t)(3u << i));
        probe_del(p, buf, l1 + l2);
        char sk[64];
        if (p->ok && q->tok[i].skel[0] && q->tok[i + 1].skel[0] &&
            nomen__ix_skeleton(buf, l1 + l2, sk, sizeof sk))
            probe_kind(p, NOMEN__KEY_SKEL, sk, strlen(sk));
        if (!p->ok || !probe_create(p) || !probe_direct(m, NOMEN__KEY_JOIN, buf, l1 + l2, 0))
            return NOMEN_ERR_NOMEM;
    }
    /* Three tokens around an Arabic article written together (Abd al
     * Karim -> ABDALKARIM), as the scorer joins them (join3_sim). */
    for (size_t i = 0; i + 2 < nq; i++) {
        size_t l1 = q->tok[i].keylen, l2 = q->tok[i + 1].keylen, l3 = q->tok[i + 2].keylen;
        if (!q->tok[i + 1].article || l1 + l2 + l3 > sizeof buf)
            continue;
        memcpy(buf, q->tok[i].key, l1);
        memcpy(buf + l1, q->tok[i + 1].key, l2);
        memcpy(buf + l1 + l2, q->tok[i + 2].key, l3);
        probe_ctx *p = probe_start(&pc[NOMEN__SC_MAX_TOK], m, (uint16_t)(7u << i));
        probe_del(p, buf, l1 + l2 + l3);
        if (!p->ok || !probe_create(p))
            return NOMEN_ERR_NOMEM;
    }
    /* Romanized name parts and the Han key find names for the syllable
     * view only, which a query with a token that is not Chinese never gets
     * (score.c): its names are found through their tokens. */
    if (q->an.has_rz && !q->an.rz.other) {
        const nomen__rz_name *rz = &q->an.rz;
        for (size_t v = 0; v < rz->nvar; v++) {
            const nomen__rz_variant *var = &rz->var[v];
            /* A given name of two syllables or more is distinctive enough to
             * find its name; a one-syllable given name (Li Wei) needs the
             * whole name. A surname alone (Chen, Wang) is never probed: too
             * common; token probes find those names when the rest matches. */
            bool given = var->n - var->nsur >= 2;
            if (!nomen__rz_part_combos(rz, (unsigned)v, given ? var->nsur : 0, var->n, SIZE_MAX,
                                       false, NOMEN__IX_RZQ_PER_SLOT, NOMEN__IX_RZQ_COMBOS,
                                       emit_rzpart, m))
                return NOMEN_ERR_NOMEM;
            /* Near-miss keys (index.h). */
            if (var->n >= 2 && !nomen__rz_part_combos(rz, (unsigned)v, 0, var->n, SIZE_MAX, true,
                                                      NOMEN__IX_RZQ_PER_SLOT, NOMEN__IX_RZQ_COMBOS,
                                                      emit_rzpart, m))
                return NOMEN_ERR_NOMEM;
            if (var->n < NOMEN__IX_RZWILD_MIN || !given)
                continue;
            for (size_t w = var->nsur; w < var->n; w++)
                if (!nomen__rz_part_combos(rz, (unsigned)v, 0, var->n, w, true,
                                           NOMEN__IX_RZQ_PER_SLOT, NOMEN__IX_RZQ_COMBOS,
                                           emit_rzpart, m))
                    return NOMEN_ERR_NOMEM;
        }
        if (rz->han_key_len && !probe_direct(m, NOMEN__KEY_HAN, rz->han_key, rz->han_key_len, 0))
            return NOMEN_ERR_NOMEM;
    }
    for (size_t i = 0; i < nq; i++)
        if (!rare[i])
            probe_mark(&pc[i]);
    return NOMEN_OK;
}

/* ---- explanation -------------------------------------------------------- */

static const char *how_name(int how)
{
    static const char *const names[] = {"exact",     "edit",     "joined",     "initial",
                                        "syllables", "phonetic", "consonants", "korean"};
    return how >= 0 && how < (int)NOMEN__ARRAY_LEN(names) ? names[how] : "?";
}

static const char *kind_name(int kind)
{
    static const char *const names[] = {"primary", "variation", "aka", "fka", "nka", "original"};
    return kind >= 0 && kind < (int)NOMEN__ARRAY_LEN(names) ? names[kind] : "?";
}

static json_t *token_text(const nomen__tokens *t, int a, int b)
{
    nomen__buf s = {0};
    if (a >= 0)
        nomen__buf_adds(&s, nomen__tok_text(t, (size_t)a));
    for (int k = a + 1; a >= 0 && k <= b; k++) { /* a join: tokens a to b */
        nomen__buf_addc(&s, ' ');
        nomen__buf_adds(&s, nomen__tok_text(t, (size_t)k));
    }
    json_t *j = json_string(nomen__buf_str(&s));
    nomen__buf_free(&s);
    return j;
}

static void date_text(uint32_t packed, char *out, size_t cap)
{
    int y, yt, mo, d, circa;
    nomen__ixdate_unpack(packed, &y, &yt, &mo, &d, &circa);
    if (yt != y)
        snprintf(out, cap, "%s%04d-%04d", circa ? "circa " : "", y, yt);
    else if (mo && d)
        snprintf(out, cap, "%s%04d-%02d-%02d", circa ? "circa " : "", y, mo, d);
    else if (mo)
        snprintf(out, cap, "%s%04d-%02d", circa ? "circa " : "", y, mo);
    else
        snprintf(out, cap, "%s%04d", circa ? "circa " : "", y);
}

static const char *evidence_word(int v)
{
    return v > 0 ? "agrees" : v < 0 ? "contradicts" : "unknown";
}

static char *explain(nomen_matcher *m, const hit *h)
{
    const nomen__index *ix = m->ix;
    const nomen__ix_entry *e = &ix->ent[h->ent];
    nomen__score_detail d;
    memset(&d, 0, sizeof d);
    nomen__scorer_reset(&m->sc);
    nomen__score_entry(&m->sc, ix, &m->q, h->ent, NOMEN__QMASK_ALL, &d);
    json_t *o = json_object();
    json_object_set_new(o, "score", json_real(h->score));
    json_object_set_new(o, "name_score", json_real(h->name));
    json_object_set_new(o, "view", json_string(d.syllables > d.tokens ? "syllables" : "tokens"));
    json_object_set_new(o, "token_score", json_real(d.tokens));
    if (d.korean_whole)
        json_object_set_new(o, "korean_whole_name",
                            json_string("the whole name has the same Korean form"));
    if (d.syllables >= 0)
        json_object_set_new(o, "syllable_score", json_real(d.syllables));
    json_object_set_new(o, "matched_name", json_string(nomen__ix_str(ix, e->name)));
    json_object_set_new(o, "name_kind", json_string(kind_name(e->kind)));
    json_object_set_new(o, "weak_alias", json_boolean(e->flags & NOMEN__IXE_WEAK));

    /* Token pairs: the query's tokens as written; the list's as keys. */
    nomen__analysis la;
    memset(&la, 0, sizeof la);
    const char *lname = nomen__ix_str(ix, e->name);
    bool have_list = nomen__analyze(&m->norm, lname, strlen(lname), &la, &m->err) == NOMEN_OK;
    nomen__err_clear(&m->err);
    json_t *pairs = json_array();
    const uint32_t *etok = ix->u32 + e->tok;
    for (size_t k = 0; k < d.npair; k++) {
        const nomen__pair *p = &d.pair[k];
        json_t *jp = json_object();
        json_object_set_new(jp, "query", token_text(&m->q.an.toks, p->q, p->q2));
        if (have_list && (size_t)p->e < la.toks.n)
            json_object_set_new(
                jp, "list",
                token_text(&la.toks, p->e, p->e2 >= 0 && (size_t)p->e2 < la.toks.n ? p->e2 : -1));
        else
            json_object_set_new(jp, "list",
                                json_string(nomen__ix_str(ix, ix->tok[etok[p->e]].key)));
        json_object_set_new(jp, "how", json_string(how_name(p->how)));
        json_object_set_new(jp, "similarity", json_real((double)p->sim));
        json_object_set_new(jp, "contribution", json_real((double)p->contrib));
        json_object_set_new(jp, "weight", json_real((double)ix->tok[etok[p->e]].weight));
        if ((e->family >> p->e) & 1)
            json_object_set_new(jp, "family_name", json_true());
        json_array_append_new(pairs, jp);
    }
    json_t *uq = json_array(), *ue = json_array();
    for (size_t i = 0; i < m->q.ntok; i++)
        if ((d.q_unmatched >> i) & 1)
            json_array_append_new(uq, token_text(&m->q.an.toks, (int)i, -1));
    for (size_t j = 0; j < e->ntok; j++)
        if ((d.e_unmatched >> j) & 1)
            json_array_append_new(ue, json_string(nomen__ix_str(ix, ix->tok[etok[j]].key)));
    /* The token pairs are the reason when the token view decided; when the
     * syllable view did, they are shown apart, for completeness. */
    json_t *tv = o;
    if (d.syllables > d.tokens) {
        tv = json_object();
        json_object_set_new(o, "token_view", tv);
    }
    json_object_set_new(tv, "tokens", pairs);
    json_object_set_new(tv, "unmatched_query", uq);
    json_object_set_new(tv, "unmatched_list", ue);

    /* Syllables: re-romanize the list name and let the romanizer say how
     * each syllable met its counterpart ("ch'üan = quan (wade-giles)"). */
    if (d.syllables >= 0 && have_list && la.has_rz) {
        nomen__rz_match mt;
        memset(&mt, 0, sizeof mt); /* left as is when no alignment is made */
        nomen__rz_similarity(&m->q.an.rz, &la.rz, &mt);
        json_t *syl = json_array();
        for (unsigned i = 0; i < mt.n; i++) {
            nomen__buf s = {0};
            if (nomen__rz_explain(&m->q.an.rz, &la.rz, &mt, i, &s) == NOMEN_OK)
                json_array_append_new(syl, json_string(nomen__buf_str(&s)));
            nomen__buf_free(&s);
        }
        json_object_set_new(o, "syllables", syl);
    }
    nomen__analysis_free(&la);

    /* Secondary evidence. */
    json_t *ev = json_object();
    json_object_set_new(ev, "factor", json_real(h->ev.factor));
    if (m->q.dob_year) {
        json_t *j = json_object();
        char qd[32], ld[48];
        if (m->q.dob_day)
            snprintf(qd, sizeof qd, "%04d-%02d-%02d", m->q.dob_year, m->q.dob_month, m->q.dob_day);
        else if (m->q.dob_month)
            snprintf(qd, sizeof qd, "%04d-%02d", m->q.dob_year, m->q.dob_month);
        else
            snprintf(qd, sizeof qd, "%04d", m->q.dob_year);
        json_object_set_new(j, "query", json_string(qd));
        if (h->ev.dob_list) {
            date_text(h->ev.dob_list, ld, sizeof ld);
            json_object_set_new(j, "list", json_string(ld));
        }
        json_object_set_new(j, "effect", json_string(evidence_word(h->ev.dob)));
        json_object_set_new(ev, "dob", j);
    }
    if (m->q.country[0]) {
        json_t *j = json_object();
        json_object_set_new(j, "query", json_string(m->q.country));
        const nomen__ix_rec *r = &ix->rec[h->rec];
        if (r->countries)
            json_object_set_new(j, "list", json_string(nomen__ix_str(ix, r->countries)));
        json_object_set_new(j, "effect", json_string(evidence_word(h->ev.country)));
        json_object_set_new(ev, "country", j);
    }
    if (m->q.type != NOMEN_SUBJECT_ANY) {
        json_t *j = json_object();
        json_object_set_new(j, "query", json_string(nomen_subject_name(m->q.type)));
        json_object_set_new(j, "list",
                            json_string(nomen_subject_name(ix->rec[h->rec].type)
                                            ? nomen_subject_name(ix->rec[h->rec].type)
                                            : "unknown"));
        json_object_set_new(j, "effect", json_string(evidence_word(h->ev.type)));
        json_object_set_new(ev, "type", j);
    }
    json_object_set_new(o, "evidence", ev);
    char *s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(4));
    json_decref(o);
    return s;
}

/* ---- screening ---------------------------------------------------------- */

/* A tighter bound on the token view of entry e, from its own tokens. A
 * list token can pair with a query token only when some key of that query
 * token found it in the dictionary (the scorer's rule: exact, one edit,
 * same sound, same consonants), or when an initial is involved: such tokens
 * are "matchable" (m->ts); a query token may pair when a key of it found
 * some token of the name, when it is an initial, or when it starts with one
 * of the name's initials. At best every such query token pairs at full
 * similarity, the matchable list tokens pair (the heaviest, when there are
 * more than hit query tokens), every other query token is unmatched, and the
 * other list tokens cost what score.c charges them: UNMATCHED_LIST (0.4) for
 * the first two in order and half that after; when the list tokens left
 * unmatched are not known exactly, half for all. Constants of score.c:
 * UNMATCHED_QUERY 0.8, FAMILY_BOOST 1.3, SINGLE_TOKEN_FACTOR 0.85. Pairing
 * one more list token raises the numerator and lowers the cost, so pairing
 * as many as possible is the maximum. */
static double entry_bound(const nomen_matcher *m, const nomen__ix_entry *e, uint16_t qbits,
                          bool q_initial)
{
    const nomen__index *ix = m->ix;
    const nomen__qname *q = &m->q;
    double w[NOMEN__IX_MAX_TOK], mw[NOMEN__IX_MAX_TOK], total = 0;
    bool mt[NOMEN__IX_MAX_TOK];
    uint32_t initial[NOMEN__IX_MAX_TOK]; /* the list's initials, as code points */
    size_t ne = e->ntok, nm = 0, ninit = 0;
    for (size_t j = 0; j < ne; j++) {
        uint32_t t = ix->u32[e->tok + j];
        const nomen__ix_tok *tk = &ix->tok[t];
        double v = (double)tk->weight * (((e->family >> j) & 1) ? 1.3 : 1.0);
        w[j] = v;
        total += v;
        if (tk->ncp == 1)
            initial[ninit++] = ix->u32[tk->cps];
        mt[j] = q_initial || tk->ncp == 1 || m->ts[t] == m->epoch;
        if (!mt[j])
            continue;
        size_t k = nm++;
        while (k > 0 && mw[k - 1] < v) {
            mw[k] = mw[k - 1];
            k--;
        }
        mw[k] = v;
    }
    /* The query tokens that may pair: those a key found, the query's
     * initials, and those that start with one of the list's initials (an
     * initial pairs with any name it begins). */
    double hw = 0;
    size_t nhit = 0;
    for (size_t i = 0; i < q->ntok; i++) {
        bool may = ((qbits >> i) & 1) || q->tok[i].ncp == 1;
        for (size_t j = 0; !may && j < ninit; j++)
            may = q->tok[i].ncp > 0 && q->tok[i].cp[0] == initial[j];
        if (may) {
            hw += q->tok[i].weight;
            nhit++;
        }
    }
    size_t k = nhit < nm ? nhit : nm;
    double wk = 0;
    for (size_t j = 0; j < k; j++)
        wk += mw[j];
    double cost = 0;
    if (nm <= nhit) {
        size_t nun = 0;
        for (size_t j = 0; j < ne; j++)
            if (!mt[j])
                cost += 0.4 * w[j] * (nun++ < 2 ? 1.0 : 0.5);
    } else {
        cost = 0.4 * 0.5 * (total - wk);
    }
    double a = hw + wk;
    double den = a + PRUNE_UNMATCHED_QUERY * (q->wsum - hw) + cost;
    double ub = den > 0 ? a / den : 0;
    if ((nhit == 1 || nm == 1) && ne >= 2)
        ub *= 0.85;
    return ub;
}

/* Order candidates by decreasing bound in linear time: a counting sort into
 * UB_BUCKETS buckets between the floor and 1. Within a bucket the order is
 * that of discovery; the early stop compares with each candidate's own bound,
 * so the coarse order costs no exactness. Returns the count (unchanged). */
#define UB_BUCKETS 64
static size_t order_by_bound(nomen_matcher *m, size_t n, double floor)
{
    size_t count[UB_BUCKETS + 1] = {0};
    double span = 1.0 - floor > 1e-9 ? 1.0 - floor : 1e-9;
    cand_ub *tmp = nomen__malloc(n * sizeof(cand_ub));
    if (!tmp)
        return n; /* keep discovery order: slower, not wrong */
    for (size_t k = 0; k < n; k++) {
        double f = ((double)m->order[k].ub - floor) / span;
        size_t b = f >= 1.0 ? UB_BUCKETS - 1 : f <= 0 ? 0 : (size_t)(f * UB_BUCKETS);
        count[UB_BUCKETS - 1 - b + 1]++;
    }
    for (size_t b = 1; b <= UB_BUCKETS; b++)
        count[b] += count[b - 1];
    for (size_t k = 0; k < n; k++) {
        double f = ((double)m->order[k].ub - floor) / span;
        size_t b = f >= 1.0 ? UB_BUCKETS - 1 : f <= 0 ? 0 : (size_t)(f * UB_BUCKETS);
        tmp[count[UB_BUCKETS - 1 - b]++] = m->order[k];
    }
    memcpy(m->order, tmp, n * sizeof(cand_ub));
    nomen__free(tmp);
    return n;
}

/* The highest bound in the bucket of bound ub: every candidate after it in
 * the order has a bound at most this. */
static double bucket_top(float ub, double floor)
{
    double span = 1.0 - floor > 1e-9 ? 1.0 - floor : 1e-9;
    double f = ((double)ub - floor) / span;
    size_t b = f >= 1.0 ? UB_BUCKETS - 1 : f <= 0 ? 0 : (size_t)(f * UB_BUCKETS);
    return floor + span * (double)(b + 1) / UB_BUCKETS;
}

/* The limit-th best final score (name x evidence, capped at 1) among the
 * records scored so far that reach the threshold; 0 when fewer. */
static double kth_final(const nomen_matcher *m, size_t limit)
{
    double top[64];
    size_t n = 0, cap = limit < 64 ? limit : 64;
    for (size_t k = 0; k < m->nrecs; k++) {
        const rec_state *rs = &m->rs[m->recs[k]];
        double f = (double)rs->name * (double)rs->factor;
        if (f > 1)
            f = 1;
        if (f < m->opt.threshold)
            continue;
        if (n < cap) {
            size_t i = n++;
            while (i > 0 && top[i - 1] < f) {
                top[i] = top[i - 1];
                i--;
            }
            top[i] = f;
        } else if (f > top[cap - 1]) {
            size_t i = cap - 1;
            while (i > 0 && top[i - 1] < f) {
                top[i] = top[i - 1];
                i--;
            }
            top[i] = f;
        }
    }
    return n == cap && limit <= 64 ? top[cap - 1] : 0;
}

static int cmp_hit(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->rec < y->rec ? -1 : x->rec > y->rec;
}

NOMEN_EXPORT int nomen_matcher_screen(nomen_matcher *m, const nomen_query *qy)
{
    if (!m)
        return NOMEN_ERR_INVALID_ARG;
    nomen__err_clear(&m->err);
    clear_hits(m);
    m->spans_ok = false;
    if (!qy || qy->size < offsetof(nomen_query, type) + sizeof(int))
        return nomen__err_set(&m->err, NOMEN_ERR_INVALID_ARG,
                              "query is NULL or not initialized (call nomen_query_init)");
    if (!qy->name && qy->name_len)
        return nomen__err_set(&m->err, NOMEN_ERR_INVALID_ARG, "query name is NULL");
    if (qy->type < NOMEN_SUBJECT_ANY || qy->type > NOMEN_SUBJECT_AIRCRAFT)
        return nomen__err_set(&m->err, NOMEN_ERR_INVALID_ARG, "query type %d is unknown", qy->type);
    const nomen__index *ix = m->ix;
    nomen__qname *q = &m->q;
    int rc = nomen__qname_prepare(q, &m->norm, ix, qy->name ? qy->name : "", qy->name_len, &m->err);
    if (rc)
        return rc;
    if (qy->dob && qy->dob_len) {
        if (!nomen__utf8_valid(qy->dob, qy->dob_len, NULL))
            return nomen__err_set(&m->err, NOMEN_ERR_UTF8, "date of birth is not valid UTF-8");
        if ((rc = nomen__qname_set_dob(q, qy->dob, qy->dob_len, &m->err)))
            return rc;
    }
    if (qy->country && qy->country_len) {
        if (!nomen__utf8_valid(qy->country, qy->country_len, NULL))
            return nomen__err_set(&m->err, NOMEN_ERR_UTF8, "country is not valid UTF-8");
        nomen__qname_set_country(q, qy->country, qy->country_len);
    }
    q->type = qy->type;
    if (q->ntok == 0)
        return NOMEN_OK; /* nothing to compare: no hits */

    if (++m->epoch == 0) {
        memset(m->cs, 0, ix->nent * sizeof(cand_state));
        memset(m->rs, 0, ix->nrec * sizeof(rec_state));
        memset(m->ts, 0, ix->ntok * sizeof(uint32_t));
        m->epoch = 1;
    }
    m->ncand = 0;
    m->nrecs = 0;
    nomen__scorer_reset(&m->sc);
    /* The least name score that could still reach the threshold with the
     * strongest agreeing evidence (an exact date of birth, the country). */
    double floor = m->opt.threshold / NOMEN__SC_MAX_BOOST;
    if ((rc = gather(m, floor)))
        return nomen__err_set(&m->err, rc, "out of memory gathering candidates");
    void *op = m->order;
    if (!nomen__grow(&op, &m->caporder, m->ncand, sizeof(cand_ub)))
        return nomen__err_set(&m->err, NOMEN_ERR_NOMEM, "out of memory");
    m->order = op;
    /* Two passes: the bound from the query bits alone needs nothing of the
     * entry; the tighter one reads the entry, its token ids and their
     * weights, three dependent loads from tables too large for the cache,
     * so the entries still in play are fetched ahead of their turn. */
    size_t nord = 0;
    bool q_initial = false;
    for (size_t i = 0; i < q->ntok; i++)
        q_initial |= q->tok[i].ncp == 1;
    for (size_t k = 0; k < m->ncand; k++) {
        uint32_t e = m->cand[k];
        const cand_state *c = &m->cs[e];
        double ub = 1.0;
        if (!c->strong) {
            double hw = 0;
            for (size_t i = 0; i < q->ntok; i++)
                if ((c->qbits >> i) & 1)
                    hw += q->tok[i].weight;
            ub = 2 * hw / (2 * hw + PRUNE_UNMATCHED_QUERY * (q->wsum - hw));
            if (ub < floor)
                continue;
        }
        m->order[nord].ub = (float)ub;
        m->order[nord].e = e;
        m->order[nord].qbits = c->qbits;
        m->order[nord].check = !c->strong;
        nord++;
    }
    size_t kept = 0;
    for (size_t k = 0; k < nord; k++) {
        if (k + 48 < nord)
            __builtin_prefetch(&ix->ent[m->order[k + 48].e]);
        if (k + 32 < nord)
            __builtin_prefetch(ix->u32 + ix->ent[m->order[k + 32].e].tok);
        if (k + 16 < nord) {
            const nomen__ix_entry *pe = &ix->ent[m->order[k + 16].e];
            for (size_t j = 0; j < pe->ntok; j++) {
                uint32_t t = ix->u32[pe->tok + j];
                __builtin_prefetch(&ix->tok[t]);
                __builtin_prefetch(&m->ts[t]);
            }
        }
        const cand_ub *o = &m->order[k];
        /* The tighter bound holds for the token view only: where the
         * syllable view may score the pair, the name is scored. */
        if (o->check && !nomen__score_syllables_apply(q, &ix->ent[o->e]) &&
            entry_bound(m, &ix->ent[o->e], o->qbits, q_initial) < floor)
            continue;
        m->order[kept++] = *o;
    }
    nord = kept;
    if (nord > STOP_CHECK_EVERY)
        nord = order_by_bound(m, nord, floor);
    for (size_t k = 0; k < nord && k < MAX_SCORED; k++) {
        if (m->opt.limit && k % STOP_CHECK_EVERY == 0 && k > 0 &&
            kth_final(m, m->opt.limit) >= bucket_top(m->order[k].ub, floor) * NOMEN__SC_MAX_BOOST)
            break; /* no candidate left can enter the top `limit` */
        uint32_t e = m->order[k].e;
        const cand_state *c = &m->cs[e];
        double s =
            nomen__score_entry(&m->sc, ix, q, e, c->strong ? NOMEN__QMASK_ALL : c->qbits, NULL);
        if (ix->ent[e].flags & NOMEN__IXE_WEAK)
            s *= WEAK_ALIAS_FACTOR;
        if (s < floor)
            continue;
        uint32_t r = ix->ent[e].rec;
        rec_state *rs = &m->rs[r];
        if (rs->epoch != m->epoch) {
            void *p = m->recs;
            if (!nomen__grow(&p, &m->caprecs, m->nrecs + 1, sizeof(uint32_t)))
                return nomen__err_set(&m->err, NOMEN_ERR_NOMEM, "out of memory");
            m->recs = p;
            m->recs[m->nrecs++] = r;
            rs->epoch = m->epoch;
            rs->name = -1;
            nomen__evidence ev;
            nomen__score_evidence(ix, q, r, &ev);
            rs->factor = (float)ev.factor;
        }
        if ((float)s > rs->name) {
            rs->name = (float)s;
            rs->ent = e;
        }
    }
    for (size_t k = 0; k < m->nrecs; k++) {
        uint32_t r = m->recs[k];
        const rec_state *rs = &m->rs[r];
        hit h;
        memset(&h, 0, sizeof h);
        h.rec = r;
        h.ent = rs->ent;
        h.name = (double)rs->name;
        nomen__score_evidence(ix, q, r, &h.ev);
        h.score = h.name * h.ev.factor;
        if (h.score > 1)
            h.score = 1;
        if (h.score < m->opt.threshold)
            continue;
        void *p = m->hits;
        if (!nomen__grow(&p, &m->caphits, m->nhits + 1, sizeof(hit)))
            return nomen__err_set(&m->err, NOMEN_ERR_NOMEM, "out of memory");
        m->hits = p;
        m->hits[m->nhits++] = h;
    }
    if (m->nhits > 1)
        qsort(m->hits, m->nhits, sizeof(hit), cmp_hit);
    if (m->opt.limit && m->nhits > m->opt.limit)
        m->nhits = m->opt.limit;
    if (m->opt.explain) {
        for (size_t i = 0; i < m->nhits; i++) {
            m->hits[i].explain = explain(m, &m->hits[i]);
            if (!m->hits[i].explain)
                return nomen__err_set(&m->err, NOMEN_ERR_NOMEM, "out of memory explaining");
        }
    }
    return NOMEN_OK;
}

/* ---- hit accessors ------------------------------------------------------ */

static const hit *hit_at(const nomen_matcher *m, size_t i)
{
    return m && i < m->nhits ? &m->hits[i] : NULL;
}

NOMEN_EXPORT size_t nomen_matcher_hit_count(const nomen_matcher *m)
{
    return m ? m->nhits : 0;
}

NOMEN_EXPORT double nomen_hit_score(const nomen_matcher *m, size_t i)
{
    const hit *h = hit_at(m, i);
    return h ? h->score : 0.0;
}

/* A hit's record and what its accessors and nomen_matcher_hits_pack read. */
static const nomen__ix_rec *hit_rec(const nomen_matcher *m, const hit *h)
{
    return &m->ix->rec[h->rec];
}

static const char *rec_list(const nomen__index *ix, const nomen__ix_rec *r)
{
    return r->source < ix->nsrc ? nomen__ix_str(ix, ix->src[r->source].list) : "";
}

/* The record's programmes: their count at [0], string offsets after it. */
static const uint32_t *rec_programs(const nomen__index *ix, const nomen__ix_rec *r)
{
    return &ix->u32[r->programs];
}

NOMEN_EXPORT const char *nomen_hit_entity_id(const nomen_matcher *m, size_t i)
{
    const hit *h = hit_at(m, i);
    return h ? nomen__ix_str(m->ix, hit_rec(m, h)->list_id) : NULL;
}

NOMEN_EXPORT const char *nomen_hit_list(const nomen_matcher *m, size_t i)
{
    const hit *h = hit_at(m, i);
    return h ? rec_list(m->ix, hit_rec(m, h)) : NULL;
}

NOMEN_EXPORT const char *nomen_hit_name(const nomen_matcher *m, size_t i)
{
    const hit *h = hit_at(m, i);
    return h ? nomen__ix_str(m->ix, hit_rec(m, h)->primary) : NULL;
}

NOMEN_EXPORT const char *nomen_hit_matched_name(const nomen_matcher *m, size_t i)
{
    const hit *h = hit_at(m, i);
    return h ? nomen__ix_str(m->ix, m->ix->ent[h->ent].name) : NULL;
}

NOMEN_EXPORT int nomen_hit_type(const nomen_matcher *m, size_t i)
{
    const hit *h = hit_at(m, i);
    return h ? hit_rec(m, h)->type : -1;
}

NOMEN_EXPORT size_t nomen_hit_program_count(const nomen_matcher *m, size_t i)
{
    const hit *h = hit_at(m, i);
    return h ? rec_programs(m->ix, hit_rec(m, h))[0] : 0;
}

NOMEN_EXPORT const char *nomen_hit_program(const nomen_matcher *m, size_t i, size_t k)
{
    const hit *h = hit_at(m, i);
    if (!h)
        return NULL;
    const uint32_t *pr = rec_programs(m->ix, hit_rec(m, h));
    return k < pr[0] ? nomen__ix_str(m->ix, pr[1 + k]) : NULL;
}

NOMEN_EXPORT const char *nomen_hit_explain_json(const nomen_matcher *m, size_t i)
{
    const hit *h = hit_at(m, i);
    return h ? h->explain : NULL;
}

/* ---- every hit in one call ---------------------------------------------- */

typedef struct packer {
    char *buf;
    size_t cap, len;
    bool clash; /* a field holds a separator byte */
} packer;

static void pack_bytes(packer *p, const char *s, size_t n)
{
    if (p->len < p->cap) {
        size_t room = p->cap - p->len;
        memcpy(p->buf + p->len, s, n < room ? n : room);
    }
    p->len += n;
}

/* Copy s and the byte end, noting a separator byte in s (hardly any listed
 * text holds one: strcspn stops at the end). */
static void pack_field(packer *p, const char *s, char end)
{
    size_t n = 0;
    if (s) {
        static const char seps[] = {NOMEN_PACK_FIELD_SEP, NOMEN_PACK_ITEM_SEP, '\0'};
        n = strcspn(s, seps);
        if (s[n]) {
            p->clash = true;
            n += strlen(s + n);
        }
    }
    if (p->len < p->cap && n < p->cap - p->len) { /* the usual case: it fits */
        if (n)
            memcpy(p->buf + p->len, s, n);
        p->buf[p->len + n] = end;
        p->len += n + 1;
        return;
    }
    if (n)
        pack_bytes(p, s, n);
    pack_bytes(p, &end, 1);
}

NOMEN_EXPORT int nomen_matcher_hits_pack(const nomen_matcher *m, char *buf, size_t cap, size_t *len)
{
    if (len)
        *len = 0;
    if (!m || !len || (!buf && cap))
        return NOMEN_ERR_INVALID_ARG;
    packer p = {buf, cap, 0, false};
    const nomen__index *ix = m->ix;
    char num[32];
    for (size_t i = 0; i < m->nhits; i++) {
        const hit *h = &m->hits[i];
        const nomen__ix_rec *r = hit_rec(m, h);
        pack_field(&p, nomen__ix_str(ix, r->list_id), NOMEN_PACK_FIELD_SEP);
        pack_field(&p, rec_list(ix, r), NOMEN_PACK_FIELD_SEP);
        pack_field(&p, nomen__ix_str(ix, r->primary), NOMEN_PACK_FIELD_SEP);
        pack_field(&p, nomen__ix_str(ix, ix->ent[h->ent].name), NOMEN_PACK_FIELD_SEP);
        size_t nn = nomen__hex_double(h->score, num);
        num[nn++] = NOMEN_PACK_FIELD_SEP;
        int type = r->type; /* NOMEN_SUBJECT_*: one digit */
        num[nn++] = (char)('0' + (type >= 0 && type <= 9 ? type : 0));
        num[nn++] = NOMEN_PACK_FIELD_SEP;
        pack_bytes(&p, num, nn);
        const uint32_t *pr = rec_programs(ix, r);
        for (uint32_t k = 0; k < pr[0]; k++)
            pack_field(&p, nomen__ix_str(ix, pr[1 + k]),
                       k + 1 < pr[0] ? NOMEN_PACK_ITEM_SEP : NOMEN_PACK_FIELD_SEP);
        if (!pr[0])
            pack_bytes(&p, &(char){NOMEN_PACK_FIELD_SEP}, 1);
        pack_field(&p, h->explain, NOMEN_PACK_FIELD_SEP);
    }
    *len = p.len;
    if (p.len < cap)
        buf[p.len] = '\0';
    else if (cap)
        buf[cap - 1] = '\0';
    if (p.clash)
        return NOMEN_ERR_ENCODING;
    return p.len < cap || (p.len == 0 && cap == 0) ? NOMEN_OK : NOMEN_ERR_LIMIT;
}

/* Append the hits of the last screen to m->batch, after their count, and
 * where they lie to m->spans. */
static int batch_append(nomen_matcher *m)
{
    if (m->nspans + 3 > m->capspans) {
        void *p = m->spans;
        if (!nomen__grow(&p, &m->capspans, m->nspans + 3, sizeof *m->spans))
            return NOMEN_ERR_NOMEM;
        m->spans = p;
    }
    char num[24], *e = num + sizeof num, *d = e; /* the count in decimal, then a separator */
    *--d = NOMEN_PACK_FIELD_SEP;
    size_t c = m->nhits;
    do
        *--d = (char)('0' + c % 10);
    while ((c /= 10) != 0);
    size_t nn = (size_t)(e - d);
    for (;;) {
        size_t room = m->capbatch - m->nbatch, len;
        if (room > nn) {
            memcpy(m->batch + m->nbatch, d, nn);
            int rc = nomen_matcher_hits_pack(m, m->batch + m->nbatch + nn, room - nn, &len);
            if (rc == NOMEN_OK) {
                m->nbatch += nn;
                m->spans[m->nspans++] = m->nbatch;
                m->nbatch += len;
                m->spans[m->nspans++] = m->nbatch;
                m->spans[m->nspans++] = m->nhits;
                return NOMEN_OK;
            }
            if (rc != NOMEN_ERR_LIMIT)
                return rc;
        } else {
            len = 0;
        }
        void *p = m->batch;
        if (!nomen__grow(&p, &m->capbatch, m->nbatch + nn + len + 1, 1))
            return NOMEN_ERR_NOMEM;
        m->batch = p;
    }
}

NOMEN_EXPORT const size_t *nomen_matcher_batch_spans(const nomen_matcher *m, size_t *n)
{
    if (n)
        *n = m && m->spans_ok ? m->nspans / 3 : 0;
    return m && m->spans_ok && m->spans ? m->spans : NULL;
}

NOMEN_EXPORT int nomen_matcher_screen_batch(nomen_matcher *m, const char *in, size_t in_len,
                                            const char **out, size_t *out_len, size_t *done)
{
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    if (done)
        *done = 0;
    if (!m || !out || !out_len || !done || (!in && in_len))
        return NOMEN_ERR_INVALID_ARG;
    nomen__err_clear(&m->err);
    m->nbatch = 0;
    m->nspans = 0;
    m->spans_ok = false;
    size_t pos = 0, k = 0;
    while (pos < in_len) {
        const char *f[4];
        size_t fl[4];
        for (int i = 0; i < 4; i++) {
            const char *e = memchr(in + pos, NOMEN_PACK_FIELD_SEP, in_len - pos);
            if (!e) {
                *done = k;
                return nomen__err_set(&m->err, NOMEN_ERR_INVALID_ARG,
                                      "query %zu: the batch ends inside it (field %d of 4 has no "
                                      "0x1F after it)",
                                      k, i + 1);
            }
            f[i] = in + pos;
            fl[i] = (size_t)(e - f[i]);
            pos = (size_t)(e - in) + 1;
        }
        nomen_query q;
        nomen_query_init(&q);
        q.name = f[0];
        q.name_len = fl[0];
        q.dob = fl[1] ? f[1] : NULL;
        q.dob_len = fl[1];
        q.country = fl[2] ? f[2] : NULL;
        q.country_len = fl[2];
        if (fl[3] == 1 && f[3][0] >= '0' && f[3][0] <= '4') {
            q.type = f[3][0] - '0';
        } else if (fl[3]) {
            *done = k;
            return nomen__err_set(&m->err, NOMEN_ERR_INVALID_ARG,
                                  "query %zu: type \"%.*s\": expected a digit 0 to 4 "
                                  "(NOMEN_SUBJECT_*) or nothing",
                                  k, (int)(fl[3] > 16 ? 16 : fl[3]), f[3]);
        }
        int rc = nomen_matcher_screen(m, &q);
        if (rc == NOMEN_OK) {
            rc = batch_append(m);
            if (rc == NOMEN_ERR_ENCODING)
                nomen__err_set(&m->err, rc,
                               "a hit's text holds a separator byte (0x1E or 0x1F): screen this "
                               "query alone and read its hits with the accessors");
            else if (rc)
                nomen__err_set(&m->err, rc, "out of memory packing hits");
        }
        if (rc) {
            char msg[512];
            snprintf(msg, sizeof msg, "%s", nomen__err_msg(&m->err));
            *done = k;
            return nomen__err_set(&m->err, rc, "query %zu: %s", k, msg);
        }
        k++;
    }
    if (!m->batch) {
        void *p = NULL;
        if (!nomen__grow(&p, &m->capbatch, 1, 1))
            return nomen__err_set(&m->err, NOMEN_ERR_NOMEM, "out of memory");
        m->batch = p;
    }
    m->batch[m->nbatch] = '\0';
    m->spans_ok = true;
    *out = m->batch;
    *out_len = m->nbatch;
    *done = k;
    return NOMEN_OK;
}

NOMEN_EXPORT int nomen_matcher_screen_pack(nomen_matcher *m, const nomen_query *q, char *buf,
                                           size_t cap, size_t *len)
{
    if (len)
        *len = 0;
    if (!len || (!buf && cap))
        return m ? nomen__err_set(&m->err, NOMEN_ERR_INVALID_ARG, "len is NULL, or buf with cap")
                 : NOMEN_ERR_INVALID_ARG;
    int rc = nomen_matcher_screen(m, q);
    return rc ? rc : nomen_matcher_hits_pack(m, buf, cap, len);
}
