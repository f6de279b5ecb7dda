/*
 * romanize.h: the romanize stage. Chinese names in any romanization or in
 * Chinese characters become sequences of pinyin syllable-candidate sets that
 * the scorer can align and the explanation can cite.
 *
 * Input: the normalizer's tokens as plain data (nomen__rz_token): the marked
 * key (soft boundaries '-', '\'', '|', ' ', ü as U+00FC), the Han characters
 * when the token is Chinese script, and the comma flag.
 *
 * Output: a nomen__rz_name, a fixed-size value the caller owns (no
 * allocation, no handle, no global state: every function is reentrant).
 *   slots    one per syllable: up to NOMEN__RZ_MAX_CAND candidate pinyin
 *            syllables (small integer ids), each with the system that
 *            produced it and a weight 0..100 (up to 105 with the bonus for
 *            the system the rest of the name is written in), plus the
 *            source spelling.
 *   variants readings of the whole name as slot sequences in surname-first
 *            order: variant 0 is the preferred one; others keep the
 *            lower-ranked segmentation (XIAN = xian | xi'an) and the other
 *            name order when the order is uncertain.
 *   han_key  the simplified characters when the name was written in Han (or
 *            given as telegraph codes): an exact key.
 *
 * "Same key sequence" (nomen__rz_same): two names have the same key
 * sequence when some variant of each has the same number of syllables and,
 * position by position, the candidate sets share a syllable. The canonical
 * key (nomen__rz_key) is the best candidate of each slot of variant 0; it is
 * for display and exact-match indexing, not a definition of equality.
 */
#ifndef NOMEN_ROMANIZE_H
#define NOMEN_ROMANIZE_H

#include "core/core.h"
#include "romanize/rz_tables.h"

/* Systems, in the generator's order (tools/gen/gen_romanize.py SYSTEMS). */
enum nomen__rz_system {
    NOMEN__RZ_SYS_PINYIN = 0,
    NOMEN__RZ_SYS_WADE_GILES = 1,
    NOMEN__RZ_SYS_YALE = 2,
    NOMEN__RZ_SYS_TONGYONG = 3,
    NOMEN__RZ_SYS_MPS2 = 4,
    NOMEN__RZ_SYS_GR = 5,
    NOMEN__RZ_SYS_CANTONESE = 6, /* Hong Kong government spellings */
    NOMEN__RZ_SYS_JYUTPING = 7,
    NOMEN__RZ_SYS_CANTONESE_YALE = 8,
    NOMEN__RZ_SYS_MACAU = 9,
    NOMEN__RZ_SYS_HOKKIEN = 10,
    NOMEN__RZ_SYS_TEOCHEW = 11,
    NOMEN__RZ_SYS_HAKKA = 12,
    NOMEN__RZ_SYS_FOOCHOW = 13,
    NOMEN__RZ_SYS_INDONESIAN = 14,
    NOMEN__RZ_SYS_PHILIPPINE = 15,
    NOMEN__RZ_SYS_DIALECT = 16,     /* a dialect surname spelling without a reliable tag */
    NOMEN__RZ_SYS_HAN = 17,         /* a reading of the Chinese character */
    NOMEN__RZ_SYS_HAN_SURNAME = 18, /* the surname reading of the character */
    NOMEN__RZ_SYS_POSTAL = 19,      /* postal spellings (Peking, Tsingtao, Kweichow) */
    NOMEN__RZ_SYS_PALLADIUS = 20,   /* Russian Cyrillic, as the normalizer's ASCII */
    NOMEN__RZ_SYS_VIETNAMESE = 21,  /* Sino-Vietnamese readings (Trần = 陳) */
    NOMEN__RZ_NSYS = 22
};

/* A set of systems as a bit mask (bit = enum value). The Han systems are
 * always on: characters are read whatever the mask says. */
#define NOMEN__RZ_SYSBIT(s)   (UINT32_C(1) << (s))
#define NOMEN__RZ_ALL_SYSTEMS ((UINT32_C(1) << NOMEN__RZ_NSYS) - 1u)

/* Limits. Longer names are refused with NOMEN_ERR_LIMIT. */
#define NOMEN__RZ_MAX_CAND     10 /* candidates kept per syllable (by weight) */
#define NOMEN__RZ_MAX_SLOTS    64 /* syllables per name, all variants together */
#define NOMEN__RZ_MAX_SEQ      24 /* syllables in one variant */
#define NOMEN__RZ_MAX_VARIANTS 4
#define NOMEN__RZ_MAX_TOKENS   16
#define NOMEN__RZ_HAN_KEY_MAX  96 /* bytes of han_key */
#define NOMEN__RZ_KEY_MAX      64 /* bytes of a token's marked key */

/* One token from the normalizer. key is required (may be empty); han and
 * han_simp may be NULL. When han is set and han_simp is NULL the romanizer
 * folds the characters itself. */
/* What the script of a token says about its spelling system. */
enum {
    NOMEN__RZ_HINT_NONE = 0,
    NOMEN__RZ_HINT_CYRILLIC = 1,  /* written in Cyrillic: Palladius */
    NOMEN__RZ_HINT_VIETNAMESE = 2 /* Vietnamese letters (ư ơ đ ă, ầ ố ...) */
};

typedef struct nomen__rz_token {
    const char *key; /* marked key */
    size_t key_len;
    const char *han; /* the Han characters as written (UTF-8), or NULL */
    size_t han_len;
    const char *han_simp; /* the same folded to simplified, or NULL */
    size_t han_simp_len;
    bool comma;   /* a comma followed the token */
    uint8_t hint; /* NOMEN__RZ_HINT_* */
} nomen__rz_token;

typedef struct nomen__rz_slot {
    nomen__rz_cand cand[NOMEN__RZ_MAX_CAND]; /* by decreasing weight */
    uint8_t ncand;
    uint8_t token;  /* index of the source token */
    uint8_t is_han; /* read from a character: text is its UTF-8 */
    char text[13];  /* the source spelling (internal alphabet: 'v' = ü) */
    uint32_t han;   /* the simplified character, or 0 */
} nomen__rz_slot;

typedef struct nomen__rz_variant {
    uint8_t n;        /* syllables */
    uint8_t nsur;     /* the first nsur syllables are the surname */
    uint16_t penalty; /* 0 for the preferred reading; larger is less likely */
    uint8_t slot[NOMEN__RZ_MAX_SEQ];
} nomen__rz_variant;

/* How the surname was found. */
enum nomen__rz_order {
    NOMEN__RZ_ORDER_NONE = 0,          /* no Chinese syllables at all */
    NOMEN__RZ_ORDER_HAN = 1,           /* characters: always surname first */
    NOMEN__RZ_ORDER_COMMA = 2,         /* "CHEN, Quanguo" */
    NOMEN__RZ_ORDER_SURNAME_FIRST = 3, /* the first token is a known surname */
    NOMEN__RZ_ORDER_GIVEN_FIRST = 4,   /* the last token is, the first is not */
    NOMEN__RZ_ORDER_GUESS = 5          /* neither or both: surname first assumed */
};

typedef struct nomen__rz_name {
    nomen__rz_slot slot[NOMEN__RZ_MAX_SLOTS];
    nomen__rz_variant var[NOMEN__RZ_MAX_VARIANTS];
    uint8_t nslot, nvar;
    uint8_t order;     /* enum nomen__rz_order */
    uint8_t telegraph; /* 1 when the characters came from telegraph codes */
    uint32_t other;    /* bit i: token i is not Chinese (a Western name ...) */
    uint8_t han_key_len;
    char han_key[NOMEN__RZ_HAN_KEY_MAX]; /* simplified characters, UTF-8, NUL-ended */
} nomen__rz_name;

/* Romanize a name given as tokens. Returns NOMEN_OK, NOMEN_ERR_INVALID_ARG
 * (NULL pointers), NOMEN_ERR_UTF8 (ill-formed han text) or NOMEN_ERR_LIMIT
 * (more than NOMEN__RZ_MAX_TOKENS tokens or NOMEN__RZ_MAX_SLOTS syllables; a
 * marked key longer than NOMEN__RZ_KEY_MAX bytes makes that token "other").
 * A name with no Chinese part is not an error: nvar is 0 and every token is
 * flagged in `other`. */
int nomen__rz_romanize(const nomen__rz_token *tok, size_t ntok, nomen__rz_name *out);
/* The same with only the systems in the mask proposing readings (and
 * spellings for segmentation), e.g. NOMEN__RZ_ALL_SYSTEMS without the
 * dialect systems for a stricter screen. nomen__rz_romanize = all systems. */
int nomen__rz_romanize_sys(const nomen__rz_token *tok, size_t ntok, uint32_t systems,
                           nomen__rz_name *out);

/* ---- syllables, systems -------------------------------------------------- */

/* The pinyin text of a syllable id, with 'v' for ü ("lv"); "" when invalid. */
const char *nomen__rz_syl_str(unsigned syl);
/* The id of a toneless pinyin syllable (ü written v or ü), or -1. */
int nomen__rz_syl_id(const char *s, size_t len);
/* The name of a system ("wade-giles", ...). */
const char *nomen__rz_sys_name(unsigned sys);

/* Candidates of one spelling in the internal alphabet (a-z, 'v' = ü, '\''),
 * as found in the generated table; *n set to the count. NULL when unknown. */
const nomen__rz_cand *nomen__rz_lookup(const char *s, size_t len, size_t *n, unsigned *flags);

/* Probe the spelling table: 0 when no spelling starts with s[0..len), 1 when
 * it is only a prefix of longer spellings, 2 when it is a spelling (then
 * *out is its entry, candidates nomen__rz_cands[e->cand ..]). */
int nomen__rz_probe(const char *s, size_t len, const nomen__rz_spell **out);

/* Segment a piece of Latin text (internal alphabet, no hard boundaries) into
 * spellings: writes up to cap boundary offsets of the best parse into ends
 * (ends[i] = end of syllable i), returns the syllable count, 0 when the text
 * has no parse, or -1 when it needs more than cap. alt/altn (may be NULL)
 * receive the second-best parse. cost receives the best cost: 0..n for an
 * orthographic pinyin parse, more when an apostrophe was dropped or other
 * systems were needed. */
int nomen__rz_segment(const char *s, size_t len, uint8_t *ends, int cap, int *cost, uint8_t *alt,
                      int *altn);
/* The same with only the spellings of the systems in the mask. */
int nomen__rz_segment_sys(const char *s, size_t len, uint32_t systems, uint8_t *ends, int cap,
                          int *cost, uint8_t *alt, int *altn);

/* ---- Han ---------------------------------------------------------------- */

/* Mandarin readings (syllable ids, preferred first) of a character; returns
 * the count (0 = unknown character), writes at most cap. */
int nomen__rz_han_mandarin(uint32_t cp, uint16_t *out, int cap);
/* Cantonese readings (indices into nomen__rz_jyut_text, toneless Jyutping)
 * of a common character; returns the count. */
int nomen__rz_han_cantonese(uint32_t cp, uint16_t *out, int cap);
/* The simplified form of a character (the character itself when it has none). */
uint32_t nomen__rz_han_simplify(uint32_t cp);
/* Encode a code point (<= U+10FFFF) as UTF-8 into o (room for 4 bytes);
 * returns the byte count. */
size_t nomen__rz_utf8_put(uint32_t cp, char *o);
/* The character of a Chinese Commercial Code (0..9999): mainland table
 * first, then Taiwan; 0 when unassigned. */
uint32_t nomen__rz_telegraph(unsigned code);
/* Decode a run of 4-digit telegraph codes separated by spaces
 * ("7115 0356 0948") to UTF-8 characters appended to out. Returns NOMEN_OK,
 * NOMEN_ERR_PARSE (not a code run, or an unassigned code) or NOMEN_ERR_NOMEM. */
int nomen__rz_telegraph_decode(const char *s, size_t len, nomen__buf *out);

/* ---- keys, comparison, explanation --------------------------------------- */

/* The canonical key of variant v: the best candidate of each slot, surname
 * first, "chen, quan guo" (ü written ü). Appends to out. */
int nomen__rz_key(const nomen__rz_name *n, unsigned v, nomen__buf *out);

/* The result of a comparison, syllable by syllable. */
typedef struct nomen__rz_match {
    uint8_t va, vb; /* the variants compared */
    uint8_t n;      /* aligned syllables (both sides have n when same) */
    struct {
        uint8_t sa, sb;       /* slot indices in a and b (0xFF = gap) */
        uint16_t syl;         /* the shared (or closest) syllable of a */
        uint16_t syl_b;       /* ... and of b (equal when shared) */
        uint8_t sys_a, sys_b; /* the systems that produced them */
        uint8_t sim;          /* 0..100 syllable similarity */
    } pos[NOMEN__RZ_MAX_SEQ];
} nomen__rz_match;

/* True when a and b have the same key sequence (see the top of this file);
 * m (may be NULL) receives the alignment, with each position's shared
 * syllable and the systems on each side. */
bool nomen__rz_same(const nomen__rz_name *a, const nomen__rz_name *b, nomen__rz_match *m);

/* Syllable similarity 0..100: 100 equal; 80 for one known confusion of the
 * initial (zh/z/j, ch/c/q, sh/s/x, l/n, f/h, q/g ...) or of the final (-n/-ng,
 * o/uo, e/o, ü/u ...); 60 for one of each; 50 for spellings of 3+ letters
 * one typing error apart (gou/guo); else 0. */
int nomen__rz_syl_sim(unsigned a, unsigned b);
/* The near-miss class of a syllable: the smallest syllable id reachable
 * through confusions of similarity 80 (above). Thread-safe. */
unsigned nomen__rz_syl_class(unsigned syl);

/* Name similarity 0..1 for near misses: the best over variant pairs of
 * 1 - d / max(len), where d is an edit distance over syllables whose
 * substitution cost is 1 - (best candidate-pair similarity) / 100 and whose
 * insertion and deletion cost 1. m (may be NULL) receives the alignment. */
double nomen__rz_similarity(const nomen__rz_name *a, const nomen__rz_name *b, nomen__rz_match *m);

/* Explain position i of a match in words, e.g. "ch'üan = quan (wade-giles)
 * ~ quan (pinyin)". Appends to out. */
int nomen__rz_explain(const nomen__rz_name *a, const nomen__rz_name *b, const nomen__rz_match *m,
                      unsigned i, nomen__buf *out);

#endif /* NOMEN_ROMANIZE_H */
