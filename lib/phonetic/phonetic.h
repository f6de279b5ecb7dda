/*
 * phonetic.h: the phonetic stage. Codes that make names which sound alike
 * compare equal: American Soundex (and its simplified and genealogy
 * variants), Refined Soundex, Metaphone, NYSIIS and the Match Rating Approach
 * (codex and comparison).
 *
 * Input is UTF-8 (checked: NOMEN_ERR_UTF8 for ill-formed text). Letters are
 * upper-cased (ASCII, Latin-1 and Latin Extended-A); with fold_marks the
 * combining marks are removed first (nomen__strip_marks: "Çáŕẗéř" ->
 * "Carter"), which is what jellyfish (NFKD) and talisman (deburr) do.
 * Each encoder appends its code to a nomen__buf (UTF-8) and returns a nomen
 * status; it keeps no state, so all of them are reentrant. Scratch for inputs
 * up to 256 code points lives on the stack.
 *
 * Options that differ between well-known implementations are fields of the
 * options structs; docs/metrics.md says which project uses which setting.
 */
#ifndef NOMEN_PHONETIC_H
#define NOMEN_PHONETIC_H

#include "core/core.h"

/* ---- Soundex ------------------------------------------------------------ */

typedef enum nomen__soundex_variant {
    /* Census / NARA rule (Knuth, TAOCP 3): vowels and Y separate equal codes,
     * H and W do not (Ashcroft -> A261). jellyfish, talisman, commons-codec
     * new Soundex(). */
    NOMEN__SOUNDEX_AMERICAN = 0,
    /* H and W separate equal codes like vowels (commons-codec
     * US_ENGLISH_SIMPLIFIED, many SQL engines). */
    NOMEN__SOUNDEX_SIMPLIFIED = 1,
    /* Vowels, H and W are all transparent (commons-codec
     * US_ENGLISH_GENEALOGY). */
    NOMEN__SOUNDEX_GENEALOGY = 2
} nomen__soundex_variant;

typedef struct nomen__soundex_opts {
    nomen__soundex_variant variant;
    /* Code length including the letter: 4 (Russell/Odell); 0 means no cap
     * and no zero padding. Shorter codes are padded with '0'. */
    size_t length;
    /* Remove combining marks first (jellyfish, talisman: é -> E). Without
     * it a letter that has no code (é, ß) is refused with
     * NOMEN_ERR_INVALID_ARG, as commons-codec throws. With it such letters
     * (ß, Ø after folding) are skipped. Default true. */
    bool fold_marks;
    /* jellyfish: the first character is kept as written (upper-cased) even
     * when it is not a letter A-Z ("¿" -> "¿000"). Default false:
     * characters other than letters are ignored everywhere (commons-codec:
     * "-KINGSMITH" -> K525). */
    bool keep_first;
} nomen__soundex_opts;

void nomen__soundex_opts_init(nomen__soundex_opts *o);

/* Soundex code of s (empty input, or input without letters, gives ""). */
int nomen__soundex(const char *s, size_t len, const nomen__soundex_opts *o, nomen__buf *out);

/* Refined Soundex (commons-codec RefinedSoundex: the first letter, then one
 * digit per letter, vowels as 0, equal neighbours collapsed, no cap). */
int nomen__refined_soundex(const char *s, size_t len, bool fold_marks, nomen__buf *out);

/* SQL DIFFERENCE-style comparison of two codes: the number of equal positions
 * (0 to the shorter code's length). Works for any pair of codes. */
size_t nomen__code_difference(const char *a, size_t alen, const char *b, size_t blen);

/* ---- NYSIIS ------------------------------------------------------------- */

typedef enum nomen__nysiis_variant {
    /* commons-codec Nysiis (Taft 1970 with its documented deviations). */
    NOMEN__NYSIIS_COMMONS = 0,
    /* jellyfish nysiis(). */
    NOMEN__NYSIIS_JELLYFISH = 1,
    /* talisman nysiis() "original": the rules as global rewrites of the
     * rest of the name; only letters kept. */
    NOMEN__NYSIIS_TALISMAN = 2
} nomen__nysiis_variant;

typedef struct nomen__nysiis_opts {
    nomen__nysiis_variant variant;
    /* Cut the code to 6 characters (Taft 1970; commons-codec strict mode,
     * its default). jellyfish and talisman do not cut. Default true. */
    bool truncate6;
    bool fold_marks; /* default true */
} nomen__nysiis_opts;

void nomen__nysiis_opts_init(nomen__nysiis_opts *o);
int nomen__nysiis(const char *s, size_t len, const nomen__nysiis_opts *o, nomen__buf *out);

/* ---- Match Rating Approach (Moore, Western Airlines 1977) ---------------- */

typedef struct nomen__mra_opts {
    /* commons-codec: accents are removed and a code of one letter (or blank
     * input) is "". jellyfish keeps accented letters and short codes.
     * Default true (commons-codec). */
    bool commons;
} nomen__mra_opts;

void nomen__mra_opts_init(nomen__mra_opts *o);
int nomen__mra_codex(const char *s, size_t len, const nomen__mra_opts *o, nomen__buf *out);

/* MRA comparison: *out is 1 (match), 0 (no match) or -1 (not comparable:
 * code lengths differ by 3 or more; commons-codec reports that as no match,
 * jellyfish as None). */
int nomen__mra_compare(const char *a, size_t alen, const char *b, size_t blen,
                       const nomen__mra_opts *o, int *out);

/* ---- Metaphone (Philips 1990) --------------------------------------------- */

typedef enum nomen__metaphone_variant {
    /* commons-codec Metaphone: Philips' rules as commons-codec reads them. */
    NOMEN__METAPHONE_COMMONS = 0,
    /* jellyfish metaphone(): no cap, words kept apart by spaces, its own
     * reading of a few rules (initial vowels of each word, WH, X). */
    NOMEN__METAPHONE_JELLYFISH = 1
} nomen__metaphone_variant;

typedef struct nomen__metaphone_opts {
    nomen__metaphone_variant variant;
    /* Longest code: 4 in commons-codec (its default), 0 = no cap (jellyfish,
     * talisman). Default 0. */
    size_t max_len;
    bool fold_marks; /* default true */
} nomen__metaphone_opts;

void nomen__metaphone_opts_init(nomen__metaphone_opts *o);
int nomen__metaphone(const char *s, size_t len, const nomen__metaphone_opts *o, nomen__buf *out);

/* ---- Double Metaphone (Philips 2000) --------------------------------------- */

typedef struct nomen__dmetaphone_opts {
    /* Longest code: 4 (Philips 2000, commons-codec, talisman); 0 = no cap. */
    size_t max_len;
} nomen__dmetaphone_opts;

void nomen__dmetaphone_opts_init(nomen__dmetaphone_opts *o);

/* Primary and alternate codes, appended to primary and alternate (either may
 * be NULL). Marks are not folded: Ç and Ñ have rules of their own. */
int nomen__double_metaphone(const char *s, size_t len, const nomen__dmetaphone_opts *o,
                            nomen__buf *primary, nomen__buf *alternate);

/* ---- shared helpers (phonetic stage internals) ---------------------------- */

/* Text prepared for an encoder: code points, upper-cased, marks removed when
 * asked. Small inputs stay on the stack. */
typedef struct nomen__ph_text {
    uint32_t *cp;
    size_t n;
    uint32_t *heap;
    uint32_t stack[256];
} nomen__ph_text;

int nomen__ph_prepare(const char *s, size_t len, bool fold_marks, nomen__ph_text *t);
void nomen__ph_text_free(nomen__ph_text *t);
/* Upper case for ASCII, Latin-1 and Latin Extended-A; others unchanged. */
uint32_t nomen__ph_upper(uint32_t c);
/* Marks removed from a precomposed Latin-1 letter (U+00C0..U+00FF), as
 * nomen__strip_marks would; other code points unchanged. */
uint32_t nomen__ph_latin1_fold(uint32_t c);
/* Append a code point as UTF-8. */
bool nomen__ph_put(nomen__buf *out, uint32_t c);

#endif /* NOMEN_PHONETIC_H */
