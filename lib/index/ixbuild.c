/*
 * ixbuild.c: building the index from a record set (index stage).
 *
 * One pass over every name of every record analyzes it (normalize, romanize),
 * interns its tokens in the dictionary and stores the entry. Then token
 * postings and weights are computed, and every candidate key is collected as a
 * (hash, id) pair; sorting the pairs groups each key's ids, which become
 * posting lists behind one open-addressing hash table.
 *
 * Invariants: arrays refer to each other by offsets only (index.h); posting
 * lists are ascending and free of duplicates; string offset 0 is the empty
 * string, u32/u16 offset 0 is never used for data (so 0 can mean "none").
 */
#include "index/index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct keypair {
    uint64_t h;
    uint32_t id;
} keypair;

typedef struct dslot {
    uint64_t h;
    uint32_t tid; /* token id + 1; 0 = empty */
} dslot;

typedef struct btok {
    uint32_t key, cps, ncp, df, last_ent;
    bool korean; /* in a Korean name: gets a KO key */
} btok;

typedef struct bld {
    nomen__buf str;
    uint32_t *u32;
    size_t n32, cap32;
    uint16_t *u16;
    size_t n16, cap16;
    nomen__ix_rec *rec;
    size_t nrec, caprec;
    nomen__ix_entry *ent;
    size_t nent, capent;
    btok *tok;
    size_t ntok, captok;
    dslot *dict;
    size_t dict_cap; /* power of two */
    keypair *kp;
    size_t nkp, capkp;
    nomen__norm norm;
    nomen__analysis an, fam;
    nomen__err *err;
} bld;

static bool str_add(bld *b, const char *s, size_t n, uint32_t *off)
{
    if (b->str.len > UINT32_MAX - n - 1)
        return false;
    *off = (uint32_t)b->str.len;
    return nomen__buf_add(&b->str, s, n) && nomen__buf_addc(&b->str, '\0');
}

static bool str_adds(bld *b, const char *s, uint32_t *off)
{
    if (!s) {
        *off = 0;
        return true;
    }
    return str_add(b, s, strlen(s), off);
}

static bool u32_add(bld *b, uint32_t v)
{
    void *p = b->u32;
    if (!nomen__grow(&p, &b->cap32, b->n32 + 1, sizeof(uint32_t)))
        return false;
    b->u32 = p;
    b->u32[b->n32++] = v;
    return true;
}

static bool key_add(bld *b, int kind, const char *s, size_t n, uint32_t id)
{
    if (n == 0)
        return true;
    void *p = b->kp;
    if (!nomen__grow(&p, &b->capkp, b->nkp + 1, sizeof(keypair)))
        return false;
    b->kp = p;
    b->kp[b->nkp].h = nomen__ix_key_hash(kind, s, n);
    b->kp[b->nkp].id = id;
    b->nkp++;
    return true;
}

static bool dict_grow(bld *b)
{
    size_t ncap = b->dict_cap ? b->dict_cap * 2 : 1024;
    dslot *nd = nomen__calloc(ncap, sizeof(dslot));
    if (!nd)
        return false;
    for (size_t i = 0; i < b->dict_cap; i++) {
        if (!b->dict[i].tid)
            continue;
        size_t j = b->dict[i].h & (ncap - 1);
        while (nd[j].tid)
            j = (j + 1) & (ncap - 1);
        nd[j] = b->dict[i];
    }
    nomen__free(b->dict);
    b->dict = nd;
    b->dict_cap = ncap;
    return true;
}

/* The dictionary id of a token key, adding it when new. */
static bool intern(bld *b, const char *key, size_t n, uint32_t *tid)
{
    if ((b->ntok + 1) * 2 > b->dict_cap && !dict_grow(b))
        return false;
    uint64_t h = nomen__hash64(key, n, 17);
    size_t j = h & (b->dict_cap - 1);
    while (b->dict[j].tid) {
        if (b->dict[j].h == h) {
            const btok *t = &b->tok[b->dict[j].tid - 1];
            const char *k = b->str.data + t->key;
            if (strlen(k) == n && memcmp(k, key, n) == 0) {
                *tid = b->dict[j].tid - 1;
                return true;
            }
        }
        j = (j + 1) & (b->dict_cap - 1);
    }
    void *p = b->tok;
    if (!nomen__grow(&p, &b->captok, b->ntok + 1, sizeof(btok)))
        return false;
    b->tok = p;
    btok *t = &b->tok[b->ntok];
    memset(t, 0, sizeof(*t));
    t->last_ent = UINT32_MAX;
    if (!str_add(b, key, n, &t->key))
        return false;
    /* Code points, for the metrics. Keys are valid UTF-8 (normalize.c). */
    uint32_t cps[NOMEN_NAME_MAX_BYTES];
    size_t ncp = nomen__utf8_decode(key, n, cps, NOMEN__ARRAY_LEN(cps));
    if (ncp > NOMEN__ARRAY_LEN(cps))
        ncp = NOMEN__ARRAY_LEN(cps);
    t->cps = (uint32_t)b->n32;
    t->ncp = (uint32_t)ncp;
    for (size_t i = 0; i < ncp; i++)
        if (!u32_add(b, cps[i]))
            return false;
    b->dict[j].h = h;
    b->dict[j].tid = (uint32_t)++b->ntok;
    *tid = (uint32_t)(b->ntok - 1);
    return true;
}

/* Which tokens of the entry are the family name: the list's family-name field
 * when it has one, else the tokens before a comma. */
static uint8_t family_bits(bld *b, const nomen__rname *nm, const nomen__tokens *toks)
{
    uint8_t bits = 0;
    size_t n = toks->n < 8 ? toks->n : 8;
    if (nm->family && *nm->family &&
        nomen__normalize(&b->norm, nm->family, strlen(nm->family), &b->fam.toks, b->err) ==
            NOMEN_OK) {
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < b->fam.toks.n; k++)
                if (strcmp(nomen__tok_key(toks, i), nomen__tok_key(&b->fam.toks, k)) == 0)
                    bits |= (uint8_t)(1u << i);
        nomen__err_clear(b->err);
    }
    /* List style: everything before the comma is the family name (CHEN,
     * Quanguo; LAM CHENG, Yuet-ngor; GUZMAN LOERA, Joaquin). */
    for (size_t i = 0; !bits && i + 1 < n; i++)
        if (toks->tok[i].comma)
            bits = (uint8_t)((1u << (i + 1)) - 1);
    return bits;
}

typedef struct rz_ctx {
    bld *b;
    uint32_t eid;
} rz_ctx;

static bool emit_rz(void *ctx, const char *s, size_t n)
{
    rz_ctx *r = ctx;
    return key_add(r->b, NOMEN__KEY_RZPART, s, n, r->eid);
}

/* A Korean name: the record's nationality or citizenship is Korea (North or
 * South), one of its programmes is a North Korea programme (OFAC DPRK,
 * DPRK2..4, NKSPEA; the UN and UK regimes name it too), or the name is
 * written in Hangul. An address in Korea is not enough: IRAN PETROCHEMICAL
 * COMMERCIAL COMPANY (a.k.a. PCC) has an office in Seoul. */
static bool korean_name(const nomen__record *r, const nomen__tokens *toks)
{
    for (size_t k = 0; k < r->nprograms; k++)
        if (r->programs[k] &&
            (strstr(r->programs[k], "DPRK") || strstr(r->programs[k], "NKSPEA") ||
             strstr(r->programs[k], "North Korea") || strstr(r->programs[k], "Korea, North")))
            return true;
    const nomen__rcountry *lists[2] = {r->nationalities, r->citizenships};
    size_t counts[2] = {r->nnationalities, r->ncitizenships};
    for (int l = 0; l < 2; l++)
        for (size_t k = 0; k < counts[l]; k++)
            if (strcmp(lists[l][k].iso2, "KP") == 0 || strcmp(lists[l][k].iso2, "KR") == 0)
                return true;
    for (size_t i = 0; i < toks->n; i++)
        if (toks->tok[i].script == NOMEN_SCRIPT_HANGUL)
            return true;
    return false;
}

/* The KOJOIN key of tokens [from, to) written together. */
static bool kojoin_add(bld *b, const nomen__tokens *toks, size_t from, size_t to, uint32_t eid)
{
    const char *keys[NOMEN__IX_MAX_TOK];
    size_t lens[NOMEN__IX_MAX_TOK], n = 0;
    for (size_t i = from; i < to && n < NOMEN__IX_MAX_TOK; i++, n++) {
        keys[n] = nomen__tok_key(toks, i);
        lens[n] = toks->tok[i].key_len;
    }
    char ko[256];
    size_t kn = nomen__ix_korean_join(keys, lens, n, ko, sizeof ko);
    return !kn || key_add(b, NOMEN__KEY_KOJOIN, ko, kn, eid);
}

static int add_entry(bld *b, uint32_t rec, const nomen__record *r, const nomen__rname *nm)
{
    int rc = nomen__analyze(&b->norm, nm->full, strlen(nm->full), &b->an, b->err);
    if (rc == NOMEN_ERR_UTF8 || rc == NOMEN_ERR_LIMIT) {
        /* The loaders validate UTF-8, and names over the limit are not names:
         * leave the name out of the index, keep the record. */
        nomen__err_clear(b->err);
        return NOMEN_OK;
    }
    if (rc)
        return rc;
    const nomen__tokens *toks = &b->an.toks;
    if (toks->n == 0)
        return NOMEN_OK;
    void *p = b->ent;
    if (!nomen__grow(&p, &b->capent, b->nent + 1, sizeof(nomen__ix_entry)))
        return NOMEN_ERR_NOMEM;
    b->ent = p;
    uint32_t eid = (uint32_t)b->nent;
    nomen__ix_entry *e = &b->ent[b->nent];
    memset(e, 0, sizeof(*e));
    e->rec = rec;
    e->kind = nm->kind;
    if (nm->quality == NOMEN__QUAL_WEAK)
        e->flags |= NOMEN__IXE_WEAK;
    if (r->type != NOMEN__SUBJ_INDIVIDUAL)
        e->flags |= NOMEN__IXE_ENTITY;
    if (!str_adds(b, nm->full, &e->name))
        return NOMEN_ERR_NOMEM;
    size_t ntok = toks->n < NOMEN__IX_MAX_TOK ? toks->n : NOMEN__IX_MAX_TOK;
    e->ntok = (uint8_t)ntok;
    e->family = family_bits(b, nm, toks);
    uint32_t tids[NOMEN__IX_MAX_TOK];
    for (size_t i = 0; i < ntok; i++)
        if (!intern(b, nomen__tok_key(toks, i), toks->tok[i].key_len, &tids[i]))
            return NOMEN_ERR_NOMEM;
    e->tok = (uint32_t)b->n32;
    for (size_t i = 0; i < ntok; i++) {
        if (!u32_add(b, tids[i]))
            return NOMEN_ERR_NOMEM;
        btok *t = &b->tok[tids[i]];
        if (t->last_ent != eid) {
            t->df++;
            t->last_ent = eid;
        }
    }
    /* JOIN keys: each adjacent pair, and the whole name, written together. */
    char joined[2 * NOMEN_NAME_MAX_BYTES];
    for (size_t i = 0; i + 1 < ntok; i++) {
        size_t l1 = toks->tok[i].key_len, l2 = toks->tok[i + 1].key_len;
        if (l1 + l2 > sizeof joined)
            continue;
        memcpy(joined, nomen__tok_key(toks, i), l1);
        memcpy(joined + l1, nomen__tok_key(toks, i + 1), l2);
        if (!key_add(b, NOMEN__KEY_JOIN, joined, l1 + l2, eid))
            return NOMEN_ERR_NOMEM;
    }
    if (ntok >= 3) {
        size_t l = 0;
        for (size_t i = 0; i < ntok && l + toks->tok[i].key_len <= sizeof joined; i++) {
            memcpy(joined + l, nomen__tok_key(toks, i), toks->tok[i].key_len);
            l += toks->tok[i].key_len;
        }
        if (!key_add(b, NOMEN__KEY_JOIN, joined, l, eid))
            return NOMEN_ERR_NOMEM;
    }
    if (ntok == 1 &&
        !key_add(b, NOMEN__KEY_JOIN, nomen__tok_key(toks, 0), toks->tok[0].key_len, eid))
        return NOMEN_ERR_NOMEM;
    /* Korean names: the Korean form of adjacent tokens and of the whole name
     * written together (KOJOIN), and of each token (KO, added with the
     * dictionary). */
    if (korean_name(r, toks)) {
        e->flags |= NOMEN__IXE_KOREAN;
        for (size_t i = 0; i < ntok; i++)
            b->tok[tids[i]].korean = true;
        for (size_t i = 0; i + 1 < ntok; i++)
            if (!kojoin_add(b, toks, i, i + 2, eid))
                return NOMEN_ERR_NOMEM;
        if (ntok >= 3 && !kojoin_add(b, toks, 0, ntok, eid))
            return NOMEN_ERR_NOMEM;
    }
    /* Romanized parts, and the Han key. */
    if (b->an.has_rz) {
        const nomen__rz_name *rz = &b->an.rz;
        if (rz->other)
            e->flags |= NOMEN__IXE_RZ_OTHER;
        unsigned nother = (unsigned)__builtin_popcount(rz->other);
        if (rz->other && (nother >= 2 || nother + 2 > toks->n))
            e->flags |= NOMEN__IXE_RZ_FRAGMENT;
        e->rz = (uint32_t)b->n16;
        if (!nomen__ixrz_encode(rz, &b->u16, &b->n16, &b->cap16))
            return NOMEN_ERR_NOMEM;
        rz_ctx rc2 = {b, eid};
        /* The given name alone and the whole name (queries probe these two;
         * a surname alone is never probed), and the near-miss keys. */
        for (unsigned v = 0; v < rz->nvar && v < 2; v++) {
            const nomen__rz_variant *var = &rz->var[v];
            if (!nomen__rz_part_combos(rz, v, var->nsur, var->n, SIZE_MAX, false,
                                       NOMEN__IX_RZKEY_PER_SLOT, NOMEN__IX_RZKEY_COMBOS, emit_rz,
                                       &rc2) ||
                !nomen__rz_part_combos(rz, v, 0, var->n, SIZE_MAX, false, NOMEN__IX_RZKEY_PER_SLOT,
                                       NOMEN__IX_RZKEY_COMBOS, emit_rz, &rc2))
                return NOMEN_ERR_NOMEM;
            if (var->n >= 2 &&
                !nomen__rz_part_combos(rz, v, 0, var->n, SIZE_MAX, true, NOMEN__IX_RZWILD_PER_SLOT,
                                       NOMEN__IX_RZKEY_COMBOS, emit_rz, &rc2))
                return NOMEN_ERR_NOMEM;
            if (var->n < NOMEN__IX_RZWILD_MIN || var->n - var->nsur < 2)
                continue;
            for (size_t w = var->nsur; w < var->n; w++)
                if (!nomen__rz_part_combos(rz, v, 0, var->n, w, true, NOMEN__IX_RZWILD_PER_SLOT,
                                           NOMEN__IX_RZKEY_COMBOS, emit_rz, &rc2))
                    return NOMEN_ERR_NOMEM;
        }
        if (rz->han_key_len) {
            if (!str_add(b, rz->han_key, rz->han_key_len, &e->han) ||
                !key_add(b, NOMEN__KEY_HAN, rz->han_key, rz->han_key_len, eid))
                return NOMEN_ERR_NOMEM;
        }
    }
    b->nent++;
    return NOMEN_OK;
}

/* Deletion neighbourhood of a token key: the key itself and every string
 * with one code point removed, for keys of at least 4 code points. Two
 * tokens within one edit (substitution, insertion, deletion; most adjacent
 * transpositions) share at least one of these keys. Shorter keys would
 * share deletions with half the dictionary (li -> l, i), so they get none. */
#define DEL_MIN_CP 4

bool nomen__ix_deletions(const uint32_t *cps, size_t ncp, const char *key, size_t keylen,
                         bool (*emit)(void *ctx, const char *s, size_t n), void *ctx)
{
    if (!emit(ctx, key, keylen))
        return false;
    if (ncp < DEL_MIN_CP || ncp > 64)
        return true;
    char buf[64 * 4];
    for (size_t skip = 0; skip < ncp; skip++) {
        if (skip > 0 && cps[skip] == cps[skip - 1])
            continue; /* deleting either of two equal neighbours gives the same string */
        size_t l = 0;
        for (size_t i = 0; i < ncp; i++) {
            if (i == skip)
                continue;
            l += (size_t)nomen__utf8_encode(cps[i], buf + l);
        }
        if (!emit(ctx, buf, l))
            return false;
    }
    return true;
}

typedef struct del_ctx {
    bld *b;
    uint32_t tid;
} del_ctx;

static bool emit_del(void *ctx, const char *s, size_t n)
{
    del_ctx *d = ctx;
    return key_add(d->b, NOMEN__KEY_DEL, s, n, d->tid);
}

static int cmp_kp(const void *a, const void *b)
{
    const keypair *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* Token postings and weights, then the token keys. */
static int finish_tokens(bld *b, nomen__ix_tok **out)
{
    nomen__ix_tok *tt = nomen__calloc(b->ntok, sizeof(nomen__ix_tok));
    if (!tt)
        return NOMEN_ERR_NOMEM;
    *out = tt;
    for (size_t t = 0; t < b->ntok; t++) {
        const btok *bt = &b->tok[t];
        tt[t].key = bt->key;
        tt[t].cps = bt->cps;
        tt[t].ncp = (uint16_t)(bt->ncp > UINT16_MAX ? UINT16_MAX : bt->ncp);
        tt[t].df = bt->df;
        tt[t].weight = nomen__ix_weight(bt->df, b->nent);
        const char *k = b->str.data + bt->key;
        if (nomen__ix_is_stopword(k, strlen(k)) && tt[t].weight > NOMEN__IX_STOP_WEIGHT)
            tt[t].weight = NOMEN__IX_STOP_WEIGHT;
        tt[t].postings = (uint32_t)b->n32;
        if (!u32_add(b, 0)) /* count, filled below */
            return NOMEN_ERR_NOMEM;
        void *p = b->u32;
        if (!nomen__grow(&p, &b->cap32, b->n32 + bt->df, sizeof(uint32_t)))
            return NOMEN_ERR_NOMEM;
        b->u32 = p;
        b->n32 += bt->df;
    }
    for (size_t e = 0; e < b->nent; e++) {
        const nomen__ix_entry *en = &b->ent[e];
        for (size_t i = 0; i < en->ntok; i++) {
            uint32_t tid = b->u32[en->tok + i];
            uint32_t *pl = &b->u32[tt[tid].postings];
            if (pl[0] && pl[pl[0]] == (uint32_t)e)
                continue; /* a token twice in one name */
            pl[++pl[0]] = (uint32_t)e;
        }
    }
    for (size_t t = 0; t < b->ntok; t++) {
        /* key points into the string pool: use it before adding strings to
         * the pool (which may move it). */
        const char *key = b->str.data + tt[t].key;
        size_t kl = strlen(key);
        if (!key_add(b, NOMEN__KEY_TOKEN, key, kl, (uint32_t)t))
            return NOMEN_ERR_NOMEM;
        del_ctx d = {b, (uint32_t)t};
        if (!nomen__ix_deletions(b->u32 + tt[t].cps, tt[t].ncp, key, kl, emit_del, &d))
            return NOMEN_ERR_NOMEM;
        char dp[16], da[16], sk[64], ko[64];
        nomen__ix_phonetic(key, kl, tt[t].ncp, dp, da);
        size_t skl = nomen__ix_skeleton(key, kl, sk, sizeof sk);
        size_t kol = b->tok[t].korean ? nomen__ix_korean(key, kl, ko, sizeof ko) : 0;
        key = NULL;
        if (kol && !key_add(b, NOMEN__KEY_KO, ko, kol, (uint32_t)t))
            return NOMEN_ERR_NOMEM;
        if (skl && !key_add(b, NOMEN__KEY_SKEL, sk, skl, (uint32_t)t))
            return NOMEN_ERR_NOMEM;
        if (dp[0] && (!str_add(b, dp, strlen(dp), &tt[t].dm1) ||
                      !key_add(b, NOMEN__KEY_PHON, dp, strlen(dp), (uint32_t)t)))
            return NOMEN_ERR_NOMEM;
        if (da[0] && (!str_add(b, da, strlen(da), &tt[t].dm2) ||
                      !key_add(b, NOMEN__KEY_PHON, da, strlen(da), (uint32_t)t)))
            return NOMEN_ERR_NOMEM;
    }
    return NOMEN_OK;
}

static int finish_keys(bld *b, nomen__ix_slot **slots, uint64_t *nslot)
{
    qsort(b->kp, b->nkp, sizeof(keypair), cmp_kp);
    size_t distinct = 0;
    for (size_t i = 0; i < b->nkp; i++)
        if (i == 0 || b->kp[i].h != b->kp[i - 1].h)
            distinct++;
    size_t cap = 16;
    while (cap < distinct * 2)
        cap *= 2;
    nomen__ix_slot *sl = nomen__calloc(cap, sizeof(nomen__ix_slot));
    if (!sl)
        return NOMEN_ERR_NOMEM;
    *slots = sl;
    *nslot = cap;
    for (size_t i = 0; i < b->nkp;) {
        size_t j = i;
        uint32_t off = (uint32_t)b->n32;
        if (!u32_add(b, 0))
            return NOMEN_ERR_NOMEM;
        uint32_t count = 0;
        for (; j < b->nkp && b->kp[j].h == b->kp[i].h; j++) {
            if (j > i && b->kp[j].id == b->kp[j - 1].id)
                continue;
            if (!u32_add(b, b->kp[j].id))
                return NOMEN_ERR_NOMEM;
            count++;
        }
        b->u32[off] = count;
        size_t s = b->kp[i].h & (cap - 1);
        while (sl[s].key)
            s = (s + 1) & (cap - 1);
        sl[s].key = b->kp[i].h;
        sl[s].val = off;
        i = j;
    }
    return NOMEN_OK;
}

static int add_record(bld *b, const nomen__record *r)
{
    void *p = b->rec;
    if (!nomen__grow(&p, &b->caprec, b->nrec + 1, sizeof(nomen__ix_rec)))
        return NOMEN_ERR_NOMEM;
    b->rec = p;
    nomen__ix_rec *x = &b->rec[b->nrec];
    memset(x, 0, sizeof(*x));
    x->type = r->type;
    x->source = r->source;
    if (!str_adds(b, r->list_id ? r->list_id : "", &x->list_id) ||
        !str_adds(b, r->nnames ? r->names[0].full : "", &x->primary))
        return NOMEN_ERR_NOMEM;
    x->programs = (uint32_t)b->n32;
    if (!u32_add(b, (uint32_t)r->nprograms))
        return NOMEN_ERR_NOMEM;
    for (size_t i = 0; i < r->nprograms; i++) {
        uint32_t off;
        if (!str_adds(b, r->programs[i], &off) || !u32_add(b, off))
            return NOMEN_ERR_NOMEM;
    }
    x->dobs = (uint32_t)b->n32;
    if (!u32_add(b, 0))
        return NOMEN_ERR_NOMEM;
    for (size_t i = 0; i < r->ndobs; i++) {
        uint32_t v = nomen__ixdate_pack(&r->dobs[i]);
        if (v && (!u32_add(b, v)))
            return NOMEN_ERR_NOMEM;
        if (v)
            b->u32[x->dobs]++;
    }
    /* Countries: nationality, citizenship and address countries, deduplicated. */
    char cc[256];
    size_t cl = 0;
    const nomen__rcountry *lists[3] = {r->nationalities, r->citizenships, r->addr_countries};
    size_t counts[3] = {r->nnationalities, r->ncitizenships, r->naddr_countries};
    for (int k = 0; k < 3; k++) {
        for (size_t i = 0; i < counts[k]; i++) {
            const char *iso = lists[k][i].iso2;
            if (!iso[0] || cl + 4 > sizeof cc)
                continue;
            bool dup = false;
            for (size_t j = 0; j + 1 < cl + 1 && j < cl; j += 3)
                if (cc[j] == iso[0] && cc[j + 1] == iso[1])
                    dup = true;
            if (dup)
                continue;
            cc[cl++] = iso[0];
            cc[cl++] = iso[1];
            cc[cl++] = ',';
        }
    }
    if (cl) {
        cc[cl - 1] = '\0';
        if (!str_add(b, cc, cl - 1, &x->countries))
            return NOMEN_ERR_NOMEM;
    }
    b->nrec++;
    return NOMEN_OK;
}

static void bld_free(bld *b)
{
    nomen__buf_free(&b->str);
    nomen__free(b->u32);
    nomen__free(b->u16);
    nomen__free(b->rec);
    nomen__free(b->ent);
    nomen__free(b->tok);
    nomen__free(b->dict);
    nomen__free(b->kp);
    nomen__norm_free(&b->norm);
    nomen__analysis_free(&b->an);
    nomen__analysis_free(&b->fam);
}

void nomen__index_ref(nomen__index *ix)
{
    atomic_fetch_add_explicit(&ix->refs, 1, memory_order_relaxed);
}

void nomen__index_unref(nomen__index *ix)
{
    if (!ix)
        return;
    if (atomic_fetch_sub_explicit(&ix->refs, 1, memory_order_acq_rel) != 1)
        return;
    for (size_t i = 0; i < NOMEN__ARRAY_LEN(ix->heap); i++)
        nomen__free(ix->heap[i]);
    if (ix->map)
        nomen__ix_unmap(ix->map, ix->map_len);
    nomen__translit_proto_free(ix->proto);
    nomen__free(ix);
}

int nomen__index_build(const nomen__recset *set, nomen__index **out, nomen__err *err)
{
    *out = NULL;
    nomen__index *ix = nomen__calloc(1, sizeof(*ix));
    if (!ix)
        return nomen__err_set(err, NOMEN_ERR_NOMEM, "out of memory building the index");
    atomic_init(&ix->refs, 1);
    int rc = nomen__translit_proto_open(&ix->proto, err);
    if (rc) {
        nomen__free(ix);
        return rc;
    }
    bld b;
    memset(&b, 0, sizeof(b));
    b.err = err;
    rc = nomen__norm_init(&b.norm, ix->proto, err);
    /* Offset 0 of every pool means "none": reserve it. */
    if (!rc && (!nomen__buf_addc(&b.str, '\0') || !u32_add(&b, 0)))
        rc = NOMEN_ERR_NOMEM;
    if (!rc) {
        void *p = b.u16;
        if (!nomen__grow(&p, &b.cap16, 1, sizeof(uint16_t)))
            rc = NOMEN_ERR_NOMEM;
        else {
            b.u16 = p;
            b.u16[b.n16++] = 0;
        }
    }
    for (size_t r = 0; !rc && r < set->n; r++) {
        const nomen__record *rec = &set->recs[r];
        rc = add_record(&b, rec);
        for (size_t k = 0; !rc && k < rec->nnames; k++)
            rc = add_entry(&b, (uint32_t)r, rec, &rec->names[k]);
    }
    if (!rc && b.nent == 0)
        rc = nomen__err_set(err, NOMEN_ERR_STATE, "no names to index: load a list first");
    nomen__ix_tok *tt = NULL;
    nomen__ix_slot *slots = NULL;
    uint64_t nslot = 0;
    if (!rc)
        rc = finish_tokens(&b, &tt);
    if (!rc)
        rc = finish_keys(&b, &slots, &nslot);
    uint8_t *sylsim = NULL;
    if (!rc) {
        size_t n = nomen__rz_nsyl;
        sylsim = nomen__malloc(n * n);
        if (!sylsim)
            rc = NOMEN_ERR_NOMEM;
        for (size_t a = 0; !rc && a < n; a++)
            for (size_t c = 0; c < n; c++)
                sylsim[a * n + c] = (uint8_t)nomen__rz_syl_sim((unsigned)a, (unsigned)c);
    }
    nomen__ix_source *src = NULL;
    if (!rc) {
        src = nomen__calloc(set->nsources ? set->nsources : 1, sizeof(nomen__ix_source));
        if (!src)
            rc = NOMEN_ERR_NOMEM;
        for (size_t i = 0; !rc && i < set->nsources; i++) {
            const nomen__rsource *s = &set->sources[i];
            if (!str_adds(&b, s->list, &src[i].list) || !str_adds(&b, s->format, &src[i].format) ||
                !str_adds(&b, s->path, &src[i].path) || !str_adds(&b, s->date, &src[i].date))
                rc = NOMEN_ERR_NOMEM;
            char hex[17];
            snprintf(hex, sizeof hex, "%016llx", (unsigned long long)s->checksum);
            if (!str_add(&b, hex, 16, &src[i].checksum_hex))
                rc = NOMEN_ERR_NOMEM;
            src[i].checksum = s->checksum;
            src[i].records = s->records_loaded;
            src[i].skipped = s->records_skipped;
        }
    }
    if (rc) {
        if (err->status == NOMEN_OK)
            nomen__err_set(err, rc, "building the index: %s", nomen_status_str(rc));
        nomen__free(tt);
        nomen__free(slots);
        nomen__free(src);
        nomen__free(sylsim);
        bld_free(&b);
        nomen__index_unref(ix);
        return rc;
    }
    /* Hand the arrays over to the index. */
    ix->str = b.str.data;
    ix->str_len = b.str.len;
    ix->u32 = b.u32;
    ix->u32_len = b.n32;
    ix->u16 = b.u16;
    ix->u16_len = b.n16;
    ix->rec = b.rec;
    ix->nrec = b.nrec;
    ix->ent = b.ent;
    ix->nent = b.nent;
    ix->tok = tt;
    ix->ntok = b.ntok;
    ix->slot = slots;
    ix->nslot = nslot;
    ix->src = src;
    ix->nsrc = set->nsources;
    ix->sylsim = sylsim;
    ix->nsylsim = (uint64_t)nomen__rz_nsyl * nomen__rz_nsyl;
    void *owned[] = {b.str.data, b.u32, b.u16, b.rec, b.ent, tt, slots, src, sylsim};
    _Static_assert(sizeof owned == sizeof ix->heap, "index.h: heap[] must hold every array");
    memcpy(ix->heap, owned, sizeof owned);
    b.str.data = NULL;
    b.u32 = NULL;
    b.u16 = NULL;
    b.rec = NULL;
    b.ent = NULL;
    bld_free(&b);
    nomen__ix_finish(ix);
    *out = ix;
    return NOMEN_OK;
}
