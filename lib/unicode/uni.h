/*
 * uni.h: the unicode stage. The only files that include libunistring or ICU
 * live in lib/unicode/; every other stage calls these functions.
 *
 * - UTF-8 validation, decoding and encoding (libunistring u8_*).
 * - NFKC with full case folding, mark removal, ASCII folding.
 * - Script of a code point (ICU uscript: Unicode 15, newer than libunistring 1.0).
 * - Transliterators (ICU utrans): a prototype set opened once per owner, and
 *   per-thread clones (see translit.c).
 *
 * Every function that produces text appends to a nomen__buf and returns a
 * nomen status (NOMEN_OK, NOMEN_ERR_NOMEM, NOMEN_ERR_UTF8, NOMEN_ERR_ICU).
 * Inputs must be valid UTF-8 unless a function says it checks.
 */
#ifndef NOMEN_UNI_H
#define NOMEN_UNI_H

#include "core/core.h"

/* ---- UTF-8 -------------------------------------------------------------- */

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, no
 * code points above U+10FFFF). Otherwise false, and *bad_offset (if not NULL)
 * is the byte offset of the first ill-formed sequence. */
bool nomen__utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Decode valid UTF-8 into code points. Writes at most cap code points to out
 * and returns the number of code points in s (which may exceed cap: call
 * again with a larger buffer). */
size_t nomen__utf8_decode(const char *s, size_t len, uint32_t *out, size_t cap);

/* Decode one code point at s (valid UTF-8, len > 0); returns its byte length. */
int nomen__utf8_next(const char *s, size_t len, uint32_t *cp);

/* Encode one code point (<= U+10FFFF, not a surrogate) as UTF-8 into out;
 * returns the byte count (1 to 4). */
int nomen__utf8_encode(uint32_t cp, char out[4]);

/* ---- normalization ------------------------------------------------------ */

/* NFKC + full case folding (Unicode CaseFolding C+F), default-ignorable code
 * points (soft hyphen, zero-width space, ...) removed: ICU's NFKC_Casefold.
 * "Ｃｈｅｎ　ＱＵＡＮＧＵＯ" -> "chen quanguo", "Straße" -> "strasse". */
int nomen__nfkc_casefold(const char *s, size_t len, nomen__buf *out);

/* NFC of s (for display text). */
int nomen__nfc(const char *s, size_t len, nomen__buf *out);

/* Remove combining marks: NFD, drop general category Mn, NFC. Case is kept.
 * "Çáŕẗéř" -> "Carter", "Lǚ" -> "Lu". Letters without a decomposition
 * (Đ, Ł, ß, Ø) are kept as they are. */
int nomen__strip_marks(const char *s, size_t len, nomen__buf *out);

/* The same, except that a diaeresis on u or U (ü, ǖ, ǘ, ǚ, ǜ keep only the
 * diaeresis) is kept when keep_u_diaeresis is set: pinyin and Wade-Giles ü is
 * a different vowel from u (lü vs lu, ch'üan vs ch'uan). */
int nomen__strip_marks_ex(const char *s, size_t len, bool keep_u_diaeresis, nomen__buf *out);

/* ---- properties --------------------------------------------------------- */

/* NOMEN_SCRIPT_* of a code point; NOMEN_SCRIPT_UNKNOWN for Common and
 * Inherited characters (digits, punctuation, combining marks). */
int nomen__script_of(uint32_t cp);

/* True for letters (general category L*), combining marks (M*) and decimal
 * digits (Nd): the code points that make up name tokens. */
bool nomen__is_word_char(uint32_t cp);

/* Simple case properties (Unicode Lowercase / Uppercase). */
bool nomen__is_lower(uint32_t cp);
bool nomen__is_upper(uint32_t cp);

/* Unicode version of the ICU data ("15.0") and the ICU version ("72.1"). */
const char *nomen__icu_unicode_version(void);
const char *nomen__icu_version(void);

/* ---- transliteration ---------------------------------------------------- */

/* The transliterations nomen uses. Each is an ICU transliterator ID. */
enum {
    NOMEN__TR_HAN_LATIN = 0,       /* "Han-Latin": pinyin with tone marks, spaced syllables */
    NOMEN__TR_HAN_LATIN_NAMES = 1, /* "Han-Latin/Names": surname readings at the run start */
    NOMEN__TR_ANY_LATIN = 2,       /* "Any-Latin": Cyrillic, Greek, Arabic, Hangul, Kana ... */
    NOMEN__TR_LATIN_ASCII = 3,     /* "Latin-ASCII": ø->o, ß->ss, đ->d, curly quotes -> ' */
    NOMEN__TR_HANT_HANS = 4,       /* "Hant-Hans": traditional to simplified characters */
    NOMEN__TR_CYRILLIC = 5, /* "Russian-Latin/BGN; Any-Latin": BGN/PCGN, as the lists spell */
    NOMEN__TR_COUNT = 6
};

/* The ICU ID of a NOMEN__TR_* value. */
const char *nomen__translit_id(int which);

/* Prototypes: opened once by an owner (an index, a standalone normalizer),
 * then never modified, so any number of threads may clone from one. */
typedef struct nomen__translit_proto nomen__translit_proto;
/* Opens every transliterator. NOMEN_ERR_ICU (with the ID and ICU's error name
 * in err) when the ICU data lacks one; NOMEN_ERR_NOMEM. */
int nomen__translit_proto_open(nomen__translit_proto **out, nomen__err *err);
void nomen__translit_proto_free(nomen__translit_proto *p);

/* Per-thread clones with their own scratch buffers. Transliterators are
 * stateful while they run, so one set must never be used by two threads. */
typedef struct nomen__translit nomen__translit;
int nomen__translit_new(const nomen__translit_proto *p, nomen__translit **out, nomen__err *err);
void nomen__translit_free(nomen__translit *t);

/* Transliterate valid UTF-8 s[0..len) with transliterator `which`, the whole
 * string at once (incremental mode misfires on Han, chinese-names.md 5.2),
 * appending UTF-8 to out. NOMEN_OK, NOMEN_ERR_NOMEM, NOMEN_ERR_ICU. */
int nomen__translit_run(nomen__translit *t, int which, const char *s, size_t len, nomen__buf *out);
/* (Han transforms go through the tables below first, Latin-ASCII through a
 * per-clone memo of single characters; both give ICU's result.) The same
 * through ICU alone, never the tables below (for the tests). */
int nomen__translit_run_icu(nomen__translit *t, int which, const char *s, size_t len,
                            nomen__buf *out);

/* Han-Latin, Han-Latin/Names and Hant-Hans from tables read out of ICU's own
 * rules once per process (hanfast.c), because ICU's rule-based
 * transliterators serialize every call in the process on one mutex.
 * nomen__translit_run uses them first. Returns NOMEN_OK (out appended),
 * NOMEN_ERR_NOMEM, or NOMEN__HANFAST_DECLINED when the input is one the
 * tables do not cover (or `which` is another transform, or the tables could
 * not be read from this ICU): then ICU must do it. Thread-safe. */
#define NOMEN__HANFAST_DECLINED (-1)
int nomen__hanfast_run(int which, const char *s, size_t len, nomen__buf *out);
/* Whether the table for `which` was built (the tests check it is). */
bool nomen__hanfast_ready(int which);

#endif /* NOMEN_UNI_H */
