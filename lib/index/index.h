/*
 * index.h: the compiled, immutable screening index (index stage).
 *
 * Layout. Everything the index holds is in a handful of flat arrays that
 * refer to each other by offsets, never by pointers: a string pool, a pool of
 * 32-bit values (token lists, code points, posting lists), a pool of 16-bit
 * values (romanized syllables), and arrays of fixed-size structs (records,
 * names, tokens, hash slots, sources). So the same bytes work in memory after
 * a build and memory-mapped from a saved file.
 *
 * Names. Each name (primary or alias) of each record is an "entry". Its
 * tokens are ids in a dictionary of distinct token keys; each dictionary token
 * knows its code points (for the metrics), its document frequency and weight,
 * and the entries that contain it (its postings).
 *
 * Candidate keys. One open-addressing hash table maps 64-bit hashes of typed
 * keys to posting lists in the u32 pool:
 *   TOKEN   a token key                      -> the token id
 *   DEL     a token key or a one-code-point deletion of it (keys of 4 code
 *           points or more)                   -> token ids
 *   PHON    a phonetic code of a token key    -> token ids
 *   JOIN    the concatenation of two adjacent tokens, or of all tokens, of an
 *           entry                             -> entry ids
 *   RZPART  the pinyin of a romanized name part (surname, given name, both)
 *                                             -> entry ids
 *   HAN     the simplified Han characters of an entry -> entry ids
 * A query probes the same key kinds, so a candidate shares at least one exact
 * token, one edit, one sound, one join or one romanization with the query.
 */
#ifndef NOMEN_INDEX_H
#define NOMEN_INDEX_H

#include "core/core.h"
#include "load/record.h"
#include "normalize/normalize.h"
#include "phonetic/phonetic.h"
#include "romanize/romanize.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>

/* The file format version; bump on any change of layout or key scheme
 * (5: Arabic taa marbuta keyed as a, c03c23e). */
#define NOMEN__IX_FORMAT 5

enum {
    NOMEN__KEY_TOKEN = 1,
    NOMEN__KEY_DEL = 2,
    NOMEN__KEY_PHON = 3,
    NOMEN__KEY_JOIN = 4,
    NOMEN__KEY_RZPART = 5,
    NOMEN__KEY_HAN = 6,
    NOMEN__KEY_SKEL = 7,  /* the consonant skeleton of a token -> token ids */
    NOMEN__KEY_KO = 8,    /* the Korean form of a token of a Korean name -> token ids */
    NOMEN__KEY_KOJOIN = 9 /* ... of adjacent tokens and the whole name together -> entries */
};

/* Candidates kept per romanized syllable in the index (the best by weight).
 * Each is stored as syllable id | weight << 9 (syllable ids are below 512,
 * weights below 128); 0xFFFF marks an empty place. Six leave room for the
 * readings of a Cantonese or Wade-Giles list spelling (Yeuk: yue 85, ruo 64
 * ...) and of polyphonic characters. */
#define NOMEN__IX_RZ_CAND   6
#define NOMEN__IX_RZ_SYL(v) ((unsigned)(v)&0x1FFu)
#define NOMEN__IX_RZ_W(v)   ((unsigned)(v) >> 9)
/* Romanized-part keys: readings of at least this weight, at most this many
 * per syllable, and at most this many combinations per part, on the list
 * side (every name) and on the query side (one query). */
#define NOMEN__IX_RZKEY_MINW     60
#define NOMEN__IX_RZKEY_PER_SLOT 2
#define NOMEN__IX_RZKEY_COMBOS   8
#define NOMEN__IX_RZQ_PER_SLOT   6
#define NOMEN__IX_RZQ_COMBOS     64
/* Near-miss keys, for the syllable view, which counts one confusion
 * (zh/ch, -n/-ng: SIM_ONE) or one typo a name as a partial match that no
 * exact key finds: every name of two syllables or more is also keyed by the
 * near-miss classes of its syllables (~chen~quan~guo), and a name of three or
 * more with each given-name syllable in turn written "*" (~chen~quan*), so
 * that a name with one syllable beyond its readings (a typo, another
 * reading) and one a confusion apart is still found (Su Raoken ~ SU, Maogen;
 * Zhen Wengdai ~ CHEN, Hongdai). The list side keys the class of its best
 * reading only. */
#define NOMEN__IX_RZWILD_PER_SLOT 1
#define NOMEN__IX_RZWILD_MIN      3
/* Tokens kept per name; longer names keep their first 16 (no real name has
 * more; see the loader tests). */
#define NOMEN__IX_MAX_TOK 16

typedef struct nomen__ix_source {
    uint32_t list, format, path, date; /* string offsets (0 = none) */
    uint32_t checksum_hex;             /* string offset: 16 hex digits */
    uint32_t pad;
    uint64_t checksum;
    uint64_t records, skipped;
} nomen__ix_source;

typedef struct nomen__ix_rec {
    uint32_t list_id;   /* string offset */
    uint32_t primary;   /* string offset of the primary name */
    uint32_t programs;  /* u32 offset: count, then string offsets */
    uint32_t dobs;      /* u32 offset: count, then packed dates (see ixdate_*) */
    uint32_t countries; /* string offset: ISO codes, comma-separated ("CN,HK"), 0 = none */
    uint32_t source;
    uint8_t type; /* NOMEN__SUBJ_* */
    uint8_t pad[3];
} nomen__ix_rec;

/* Entry flags. */
#define NOMEN__IXE_WEAK        1u  /* a weak / low-quality alias */
#define NOMEN__IXE_ENTITY      2u  /* the record is not an individual */
#define NOMEN__IXE_RZ_OTHER    4u  /* romanized, but some tokens are not Chinese */
#define NOMEN__IXE_RZ_FRAGMENT 8u  /* ... two or more, or all but one */
#define NOMEN__IXE_KOREAN      16u /* a Korean name: Korean record, or Hangul */

typedef struct nomen__ix_entry {
    uint32_t rec;  /* record index */
    uint32_t name; /* string offset: the name as the list writes it */
    uint32_t tok;  /* u32 offset of ntok token ids, in name order */
    uint32_t rz;   /* u16 offset of the romanized form, 0 = none (see ixrz_*) */
    uint32_t han;  /* string offset of the simplified Han key, 0 = none */
    uint8_t ntok;
    uint8_t family; /* bit i: token i belongs to the family name (when known) */
    uint8_t kind;   /* NOMEN__NAME_* */
    uint8_t flags;  /* NOMEN__IXE_* */
} nomen__ix_entry;

typedef struct nomen__ix_tok {
    uint32_t key;      /* string offset of the key */
    uint32_t cps;      /* u32 offset of the code points */
    uint32_t postings; /* u32 offset: count, then entry ids (ascending) */
    uint32_t df;       /* entries containing the token */
    float weight;      /* from df: see nomen__ix_weight */
    uint32_t dm1, dm2; /* string offsets of the Double Metaphone codes (0 = none) */
    uint16_t ncp;
    uint16_t pad;
} nomen__ix_tok;

/* Phonetic keys: Double Metaphone, primary and alternate, at most
 * NOMEN__IX_DM_LEN letters (Philips's 4 lumps Mohammed, Mahmoud and Muhammed
 * Ali together; 6 keeps the sound of the whole of most names), for tokens of
 * at least NOMEN__IX_DM_MIN code points whose code has at least
 * NOMEN__IX_DM_MINCODE letters: shorter tokens and codes match too much of the
 * list (Won, Ann, Ahn and Wan are all "AN"), and within one edit anyway. */
#define NOMEN__IX_DM_MINCODE 3
#define NOMEN__IX_DM_LEN     6
#define NOMEN__IX_DM_MIN     4
/* The consonant skeleton of an ASCII token key: letters other than the
 * vowels and w and y (which Arabic and Hebrew spellings use for long
 * vowels), doubled consonants collapsed: Muhammad and محمد (mhmd) are both
 * "mhmd", Hussein and حسين (hsyn) "hsn". Names written in Arabic or Hebrew
 * script reach Latin as such skeletons, so they are compared on them.
 * Writes a NUL-terminated skeleton into out (cap bytes) and returns its
 * length; 0 when the key is not ASCII letters or the skeleton is shorter
 * than NOMEN__IX_SKEL_MIN (one consonant, as in Ali, matches far too much). */
#define NOMEN__IX_SKEL_MIN 2
size_t nomen__ix_skeleton(const char *key, size_t len, char *out, size_t cap);
/* Whether letter c is one the skeleton leaves out (a e i o u w y). */
static inline bool nomen__ix_skel_vowel(char c)
{
    return c && strchr("aeiouwy", c) != NULL;
}

/* Codes of a token key into p and a (NUL-terminated, "" when none). */
void nomen__ix_phonetic(const char *key, size_t len, size_t ncp, char p[16], char a[16]);

typedef struct nomen__ix_slot {
    uint64_t key; /* 0 = empty */
    uint32_t val; /* u32 offset of the posting list: count, then ids */
    uint32_t pad;
} nomen__ix_slot;

typedef struct nomen__index {
    atomic_int refs;
    /* the arrays (built in memory, or pointing into a mapped file) */
    const char *str;
    const uint32_t *u32;
    const uint16_t *u16;
    const nomen__ix_rec *rec;
    const nomen__ix_entry *ent;
    const nomen__ix_tok *tok;
    const nomen__ix_slot *slot;
    const nomen__ix_source *src;
    const uint8_t *sylsim; /* [nsyl * nsyl] nomen__rz_syl_sim, precomputed */
    uint64_t str_len, u32_len, u16_len, nrec, nent, ntok, nslot, nsrc, nsylsim;
    double log_n; /* ln(nent + 1), for weights of unknown query tokens */
    /* what owns the memory */
    void *heap[9]; /* arrays malloc'ed by a build */
    void *map;     /* a mapped file */
    size_t map_len;
    nomen__translit_proto *proto; /* for matchers to clone */
} nomen__index;

/* Build from a record set. Returns NOMEN_OK, NOMEN_ERR_NOMEM, NOMEN_ERR_ICU,
 * NOMEN_ERR_STATE (no names), with err set. */
int nomen__index_build(const nomen__recset *set, nomen__index **out, nomen__err *err);
/* Drop a reference; frees at zero. */
void nomen__index_unref(nomen__index *ix);
void nomen__index_ref(nomen__index *ix);

/* Save / load (ixfile.c). */
int nomen__index_save(const nomen__index *ix, const char *path, nomen__err *err);
int nomen__index_load(const char *path, nomen__index **out, nomen__err *err);

/* Syllable similarity (0..100) from the index's precomputed table: the
 * romanizer's nomen__rz_syl_sim compares syllable spellings as strings, too
 * slow for the innermost loop of the scorer. */
static inline int nomen__ix_sylsim(const nomen__index *ix, unsigned a, unsigned b)
{
    uint64_t n = nomen__rz_nsyl;
    if (a >= n || b >= n || ix->nsylsim != n * n)
        return a == b ? 100 : 0;
    return ix->sylsim[(uint64_t)a * n + b];
}

/* Compute derived fields (weights base, provenance strings) after a build or
 * a load. */
void nomen__ix_finish(nomen__index *ix);
/* Release a mapped file (ixfile.c). */
void nomen__ix_unmap(void *map, size_t len);

/* The deletion neighbourhood of a token key (ixbuild.c): calls emit with the
 * key itself and, for keys of 4 to 64 code points, each string with one code
 * point removed. Stops and returns false when emit does. */
bool nomen__ix_deletions(const uint32_t *cps, size_t ncp, const char *key, size_t keylen,
                         bool (*emit)(void *ctx, const char *s, size_t n), void *ctx);

/* Posting list of a typed key: *n ids, or NULL when absent. */
const uint32_t *nomen__index_lookup(const nomen__index *ix, int kind, const char *s, size_t len,
                                    uint32_t *n);

/* The hash of a typed key (stable: stored in files). */
uint64_t nomen__ix_key_hash(int kind, const char *s, size_t len);

/* Token weight from its document frequency among n entries: rare tokens
 * count more. See the definition for the reasoning. */
float nomen__ix_weight(uint32_t df, uint64_t n);
/* Legal forms and function words (ltd, llc, jsc, company, the, of, de ...):
 * their weight is capped at this, whatever their frequency on the list,
 * since "ACME LTD" and "ACME LLC" are the same name to a screener. */
#define NOMEN__IX_STOP_WEIGHT 0.1f
bool nomen__ix_is_stopword(const char *key, size_t len);
/* The Arabic article as transliterations write it between the two words of
 * a compound name (Abd al Karim, Nur ad Din, Habib ur Rahman, Saif el
 * Islam): al, its vowel variants and its forms assimilated to a sun letter
 * (ixanalyze.c lists them). Lists write
 * such a compound as one token (NASRALLAH, Hasan Abd-al-Karim), payment
 * texts often as three; the scorer and matcher join the three (score.c). */
bool nomen__ix_is_article(const char *key, size_t len);
/* The Arabic kinship particles, each one word in several spellings: ibn
 * (bin, ben, ebn; بن as bn), bint (bent; بنت as bnt), abu (abou, abo; ابو
 * as abw). Returns the class (1, 2, 3) of a token key, 0 for any other
 * token; *spellings (may be NULL) receives the class's spellings, NULL
 * terminated. */
int nomen__ix_particle(const char *key, size_t len, const char *const **spellings);

static inline const char *nomen__ix_str(const nomen__index *ix, uint32_t off)
{
    return ix->str + off;
}

/* ---- dates (records' dates of birth, packed in 32 bits) ----------------- */

/* year (0 = unknown) << 16 | year_to - year (0..127) << 9 | month << 5 | day,
 * with bit 15 for circa. */
uint32_t nomen__ixdate_pack(const nomen__rdate *d);
void nomen__ixdate_unpack(uint32_t v, int *year, int *year_to, int *month, int *day, int *circa);

/* ---- name analysis (shared by the index build and the matcher) ---------- */

/* A name as the engine sees it: normalized tokens, and its romanized form
 * when it reads as Chinese. */
typedef struct nomen__analysis {
    nomen__tokens toks;
    nomen__rz_name rz; /* valid when has_rz */
    bool has_rz;
} nomen__analysis;

void nomen__analysis_free(nomen__analysis *a);
/* Normalize, then romanize (romanization failures are not errors: the name
 * just has no romanized form). */
int nomen__analyze(nomen__norm *nz, const char *text, size_t len, nomen__analysis *a,
                   nomen__err *err);
/* The Korean form of a token key (ASCII letters): the spelling with the
 * differences between Korean romanizations taken out (McCune-Reischauer,
 * Revised, the lists' and common spellings; ICU's Hangul-Latin): eo, eu
 * and u are o; ch is j, k g, t d, p b, r l; an h after k, t, p or l goes;
 * ee is i; oi is oe; ar before a consonant is a (Park); doubled letters are
 * single; Ri, Rhee, Lee, Yi and I are i. Gim Jeong-eun, 김정은 (gimjeongeun)
 * and KIM Jong Un all become gim jong on. Returns the length written to
 * out (NUL-ended), 0 (out then empty) when the key has a letter no Korean
 * romanization uses (f, q, v, x, z, a c without h) or anything but a-z, or
 * does not fit. */
size_t nomen__ix_korean(const char *key, size_t n, char *out, size_t cap);
/* The Korean form of n keys written together (a name's tokens: KIM Jong Un
 * as kimjongun); 0 as above, or when the keys together pass 255 bytes (out
 * then untouched). */
size_t nomen__ix_korean_join(const char *const *keys, const size_t *lens, size_t n, char *out,
                             size_t cap);

/* NOMEN__RZ_HINT_* of token i: Cyrillic script, or Vietnamese letters. */
int nomen__ix_script_hint(const nomen__tokens *toks, size_t i);

/* Compact romanized form, as stored in the index (u16 pool):
 *   [nvar] then per variant: [n, nsur, then n slots of NOMEN__IX_RZ_CAND
 *   syllable ids (0xFFFF = none)].
 * nomen__ixrz_encode appends it to a growable u16 array. */
bool nomen__ixrz_encode(const nomen__rz_name *rz, uint16_t **pool, size_t *len, size_t *cap);

/* Every combination of readings of slots [from, to) of variant v, readings
 * of weight >= NOMEN__IX_RZKEY_MINW only (the first reading always), at most
 * per_slot per slot and `combos` combinations, each written as one pinyin
 * string and passed to emit. Slot `wild` (SIZE_MAX: none) is written "*":
 * the key of a name whatever that syllable is. With `coarse`, each reading is
 * written as its near-miss class (nomen__rz_syl_class) after a "~", so that
 * names a confusion apart (Zhen, Chen) share the key. Returns false when
 * emit does. */
bool nomen__rz_part_combos(const nomen__rz_name *rz, unsigned v, size_t from, size_t to,
                           size_t wild, bool coarse, size_t per_slot, size_t combos,
                           bool (*emit)(void *ctx, const char *s, size_t n), void *ctx);

#endif /* NOMEN_INDEX_H */
