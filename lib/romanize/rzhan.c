/*
 * rzhan.c: romanize stage, table access. Han readings (Unihan kMandarin,
 * kTGHZ2013, kXHC1983, kHanyuPinyin; kCantonese for common characters),
 * traditional -> simplified folding (kSimplifiedVariant), Chinese Commercial
 * Code (kMainlandTelegraph, kTaiwanTelegraph), the syllable inventory and the
 * spelling hash table. All data is the immutable generated tables of
 * tables/rz_tables.c; nothing here allocates except the telegraph decoder's
 * output buffer.
 */
#include "romanize/romanize.h"

#include <string.h>

static const char *const sys_names[NOMEN__RZ_NSYS] = {
    "pinyin",      "wade-giles", "yale",           "tongyong",   "mps2",    "gr",
    "cantonese",   "jyutping",   "cantonese-yale", "macau",      "hokkien", "teochew",
    "hakka",       "foochow",    "indonesian",     "philippine", "dialect", "han",
    "han-surname", "postal",     "palladius",      "vietnamese"};

const char *nomen__rz_sys_name(unsigned sys)
{
    return sys < NOMEN__RZ_NSYS ? sys_names[sys] : "?";
}

const char *nomen__rz_syl_str(unsigned syl)
{
    return syl < nomen__rz_nsyl ? nomen__rz_syl_text[syl] : "";
}

/* Pack up to 8 bytes little-endian, as the generator's pack_key(). */
static uint64_t pack_key(const char *s, size_t len)
{
    uint64_t k = 0;
    for (size_t i = 0; i < len; i++)
        k |= (uint64_t)(unsigned char)s[i] << (8 * i);
    return k;
}

/* Fibonacci hashing; must equal key_hash() in tools/gen/gen_romanize.py. */
static size_t key_hash(uint64_t k)
{
    return (size_t)((k * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - nomen__rz_spell_bits));
}

const nomen__rz_cand *nomen__rz_lookup(const char *s, size_t len, size_t *n, unsigned *flags)
{
    if (len == 0 || len > 8)
        return NULL;
    uint64_t k = pack_key(s, len);
    size_t mask = ((size_t)1 << nomen__rz_spell_bits) - 1;
    for (size_t h = key_hash(k);; h = (h + 1) & mask) {
        const nomen__rz_spell *e = &nomen__rz_spells[h];
        if (e->key == 0)
            return NULL;
        if (e->key == k) {
            if (e->ncand == 0)
                return NULL; /* only a prefix of longer spellings */
            if (n)
                *n = e->ncand;
            if (flags)
                *flags = e->flags;
            return &nomen__rz_cands[e->cand];
        }
    }
}

int nomen__rz_probe(const char *s, size_t len, const nomen__rz_spell **out)
{
    *out = NULL;
    if (len == 0 || len > 8)
        return 0;
    uint64_t k = pack_key(s, len);
    size_t mask = ((size_t)1 << nomen__rz_spell_bits) - 1;
    for (size_t h = key_hash(k);; h = (h + 1) & mask) {
        const nomen__rz_spell *e = &nomen__rz_spells[h];
        if (e->key == 0)
            return 0;
        if (e->key == k) {
            if (e->ncand == 0)
                return 1;
            *out = e;
            return 2;
        }
    }
}

int nomen__rz_syl_id(const char *s, size_t len)
{
    char t[8];
    size_t m = 0;
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)s[i] == 0xC3 && i + 1 < len && (unsigned char)s[i + 1] == 0xBC) {
            if (m == sizeof t)
                return -1;
            t[m++] = 'v';
            i++;
            continue;
        }
        if (m == sizeof t || s[i] < 'a' || s[i] > 'z')
            return -1;
        t[m++] = s[i];
    }
    size_t n = 0;
    const nomen__rz_cand *c = nomen__rz_lookup(t, m, &n, NULL);
    for (size_t i = 0; c && i < n; i++)
        if (c[i].sys == NOMEN__RZ_SYS_PINYIN && c[i].weight == 100)
            return c[i].syl;
    /* Rare syllables have no spelling entry: scan the inventory. */
    for (unsigned i = 0; i < nomen__rz_nsyl; i++)
        if (strlen(nomen__rz_syl_text[i]) == m && memcmp(nomen__rz_syl_text[i], t, m) == 0)
            return (int)i;
    return -1;
}

/* ---- Han readings -------------------------------------------------------- */

/* Base-90 digit of the record table (see the generator). */
static unsigned rec_digit(char c)
{
    unsigned d = (unsigned)(unsigned char)c - 0x23u;
    if ((unsigned char)c > '?')
        d--;
    if ((unsigned char)c > '\\')
        d--;
    return d;
}

/* The reading record of cp, or NULL. Lookup: page = cp >> 8 selects a
 * 256-bit bitmap; the character's rank is the page's base plus the set bits
 * below it. */
static const uint16_t *han_record(uint32_t cp)
{
    uint32_t page = cp >> 8;
    if (page >= nomen__rz_han_npages)
        return NULL;
    uint16_t slot = nomen__rz_han_page[page];
    if (slot == 0xFFFF)
        return NULL;
    const uint32_t *bits = nomen__rz_han_bits[slot];
    unsigned lo = cp & 255u, word = lo >> 5, bit = lo & 31u;
    if (!(bits[word] & (UINT32_C(1) << bit)))
        return NULL;
    uint32_t rank = nomen__rz_han_base[slot];
    for (unsigned w = 0; w < word; w++)
        rank += (uint32_t)__builtin_popcount(bits[w]);
    rank += (uint32_t)__builtin_popcount(bits[word] & ((UINT32_C(1) << bit) - 1u));
    const char *row = nomen__rz_han_rec[rank / 32];
    unsigned r = rec_digit(row[(rank % 32) * 2]) * 90u + rec_digit(row[(rank % 32) * 2 + 1]);
    return &nomen__rz_han_pool[nomen__rz_han_recoff[r]];
}

int nomen__rz_han_mandarin(uint32_t cp, uint16_t *out, int cap)
{
    const uint16_t *r = han_record(cp);
    if (!r)
        return 0;
    int nm = r[0] & 15;
    for (int i = 0; i < nm && i < cap; i++)
        out[i] = r[1 + i];
    return nm;
}

int nomen__rz_han_cantonese(uint32_t cp, uint16_t *out, int cap)
{
    const uint16_t *r = han_record(cp);
    if (!r)
        return 0;
    int nm = r[0] & 15, nc = (r[0] >> 4) & 15;
    for (int i = 0; i < nc && i < cap; i++)
        out[i] = r[1 + nm + i];
    return nc;
}

uint32_t nomen__rz_han_simplify(uint32_t cp)
{
    size_t lo = 0, hi = nomen__rz_nsimp;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (nomen__rz_simp[mid][0] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < nomen__rz_nsimp && nomen__rz_simp[lo][0] == cp ? nomen__rz_simp[lo][1] : cp;
}

uint32_t nomen__rz_telegraph(unsigned code)
{
    if (code > 9999)
        return 0;
    return nomen__rz_tele_cn[code] ? nomen__rz_tele_cn[code] : nomen__rz_tele_tw[code];
}

static size_t utf8_put(uint32_t cp, char *o)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t nomen__rz_utf8_put(uint32_t cp, char *o)
{
    return utf8_put(cp, o);
}

int nomen__rz_telegraph_decode(const char *s, size_t len, nomen__buf *out)
{
    size_t i = 0, ncodes = 0;
    while (i < len) {
        if (s[i] == ' ') {
            i++;
            continue;
        }
        unsigned code = 0;
        size_t d = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9' && d < 5) {
            code = code * 10 + (unsigned)(s[i] - '0');
            i++;
            d++;
        }
        if (d != 4 || (i < len && s[i] != ' '))
            return NOMEN_ERR_PARSE;
        uint32_t cp = nomen__rz_telegraph(code);
        if (cp == 0)
            return NOMEN_ERR_PARSE;
        char u[4];
        if (!nomen__buf_add(out, u, utf8_put(cp, u)))
            return NOMEN_ERR_NOMEM;
        ncodes++;
    }
    return ncodes ? NOMEN_OK : NOMEN_ERR_PARSE;
}
