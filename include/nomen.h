/*
 * nomen.h: the public interface of nomen, a sanctions name-screening library.
 *
 * This header is the specification. Every function states its behaviour, its
 * parameters, the statuses it returns, who owns what, and what may be called
 * from several threads at once.
 *
 * Conventions that hold everywhere
 * --------------------------------
 * - Text in and out is UTF-8. Inputs are (pointer, length) pairs; the library
 *   copies whatever it keeps, so the caller may free its buffer on return.
 *   Invalid UTF-8 is refused with NOMEN_ERR_UTF8 and the byte offset of the
 *   first bad byte in the handle's error message; it is never repaired
 *   silently.
 * - A fallible call returns an int status: NOMEN_OK (0) or one of the
 *   NOMEN_ERR_* codes below. Codes are never renumbered once released.
 *   nomen_status_str() names a code; the handle's errmsg function gives the
 *   details of its last failure ("sdn.csv:1234:17: expected ...").
 * - Each _new has exactly one _free, and _free(NULL) is a no-op.
 * - Strings returned by a handle are borrowed: they stay valid until the next
 *   call that changes that handle, or until it is freed.
 * - No global mutable state, no library-wide init or teardown.
 *
 * Threads
 * -------
 * Functions that take no handle (nomen_version, nomen_status_str, ...) may be
 * called from any thread at any time. A handle documented as "per thread" (the
 * normalizer) must not be used by two threads at once; use one per thread.
 * Handles documented as immutable may be shared freely.
 */
#ifndef NOMEN_H
#define NOMEN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(NOMEN_BUILDING) && defined(__GNUC__)
#define NOMEN_EXPORT __attribute__((visibility("default")))
#else
#define NOMEN_EXPORT
#endif

/* ------------------------------------------------------------------------ */
/* Version                                                                  */
/* ------------------------------------------------------------------------ */

#define NOMEN_VERSION_MAJOR  0
#define NOMEN_VERSION_MINOR  1
#define NOMEN_VERSION_PATCH  0
#define NOMEN_VERSION_STRING "0.1.0"
/* One number that grows with every release: major * 10000 + minor * 100 + patch. */
#define NOMEN_VERSION_NUMBER                                                                       \
    (NOMEN_VERSION_MAJOR * 10000 + NOMEN_VERSION_MINOR * 100 + NOMEN_VERSION_PATCH)

/* The version of the library actually linked, as NOMEN_VERSION_NUMBER. */
NOMEN_EXPORT int nomen_version(void);
/* The same as a static string, e.g. "0.1.0". */
NOMEN_EXPORT const char *nomen_version_string(void);
/* The Unicode version of the ICU the library runs on (e.g. "15.0"), and the
 * ICU version itself (e.g. "72.1"). Static strings. Auditors ask for both. */
NOMEN_EXPORT const char *nomen_unicode_version(void);
NOMEN_EXPORT const char *nomen_icu_version(void);

/* ------------------------------------------------------------------------ */
/* Statuses                                                                 */
/* ------------------------------------------------------------------------ */

enum {
    NOMEN_OK = 0,
    NOMEN_ERR_NOMEM = 1,       /* an allocation failed */
    NOMEN_ERR_INVALID_ARG = 2, /* a NULL handle, a bad option value ... */
    NOMEN_ERR_UTF8 = 3,        /* input text is not valid UTF-8 */
    NOMEN_ERR_IO = 4,          /* a file could not be opened, read or written */
    NOMEN_ERR_PARSE = 5,       /* a list file is malformed (see errmsg) */
    NOMEN_ERR_FORMAT = 6,      /* a list format is unknown or unsupported */
    NOMEN_ERR_ICU = 7,         /* ICU failed (transliterator missing ...) */
    NOMEN_ERR_LIMIT = 8,       /* input exceeds a documented limit */
    NOMEN_ERR_VERSION = 9,     /* a saved file has an incompatible version */
    NOMEN_ERR_STATE = 10,      /* the call is not valid in the handle's state */
    NOMEN_ERR_NOT_FOUND = 11,  /* the thing asked for does not exist */
    NOMEN_ERR_ENCODING = 12,   /* a file is in an encoding other than UTF-8 */
    NOMEN_ERR_INTERNAL = 13    /* a bug in nomen: please report it */
};

/* A short English description of a status code (static string; unknown codes
 * give "unknown status"). */
NOMEN_EXPORT const char *nomen_status_str(int status);

/* ------------------------------------------------------------------------ */
/* Scripts                                                                  */
/* ------------------------------------------------------------------------ */

/* The writing system of a name token, as written. */
enum {
    NOMEN_SCRIPT_UNKNOWN = 0, /* digits only, symbols, unassigned */
    NOMEN_SCRIPT_LATIN = 1,
    NOMEN_SCRIPT_HAN = 2, /* Chinese characters (also Japanese kanji) */
    NOMEN_SCRIPT_CYRILLIC = 3,
    NOMEN_SCRIPT_ARABIC = 4,
    NOMEN_SCRIPT_GREEK = 5,
    NOMEN_SCRIPT_HEBREW = 6,
    NOMEN_SCRIPT_HANGUL = 7,
    NOMEN_SCRIPT_KANA = 8, /* Hiragana and Katakana */
    NOMEN_SCRIPT_THAI = 9,
    NOMEN_SCRIPT_DEVANAGARI = 10,
    NOMEN_SCRIPT_OTHER = 11, /* any other script, transliterated through Any-Latin */
    NOMEN_SCRIPT_MIXED = 12  /* letters of more than one script in one token */
};

/* The lower-case English name of a NOMEN_SCRIPT_* value ("latin", "han", ...). */
NOMEN_EXPORT const char *nomen_script_name(int script);

/* ------------------------------------------------------------------------ */
/* Normalizer: any name text to a sequence of comparable tokens             */
/* ------------------------------------------------------------------------ */

/*
 * The first stage of the pipeline, exposed so that callers can see what the
 * matcher compares. A name is split into tokens; each token has
 *   - its text as written (NFC, with case and marks kept), for display;
 *   - its key: NFKC, full case folding, transliterated to Latin when it is in
 *     another script (Han through ICU Han-Latin, the rest through Any-Latin),
 *     folded to ASCII where a letter has an ASCII form, marks removed. Keys
 *     hold no punctuation: apostrophes, hyphens and case changes inside a
 *     token are kept as soft boundaries (see nomen_normalizer_token_marks);
 *   - its script as written;
 *   - for Han tokens, the characters folded to simplified Chinese, kept as a
 *     separate key (the written characters stay in the token text).
 *
 * A nomen_normalizer is per thread: it holds ICU transliterators and scratch
 * space. Create one per thread (creation opens the transliterators, which
 * takes milliseconds; reuse it).
 */
typedef struct nomen_normalizer nomen_normalizer;

/* Create a normalizer. Returns NOMEN_OK, NOMEN_ERR_NOMEM or NOMEN_ERR_ICU (the
 * ICU data lacks a transliterator; the message is then in *out's errmsg if
 * *out is not NULL, else on no handle at all: *out is set to NULL). */
NOMEN_EXPORT int nomen_normalizer_new(nomen_normalizer **out);
NOMEN_EXPORT void nomen_normalizer_free(nomen_normalizer *nz);

/* Normalize one name. Replaces the previous result. Returns NOMEN_OK,
 * NOMEN_ERR_INVALID_ARG (nz NULL, or text NULL with len > 0),
 * NOMEN_ERR_UTF8 (errmsg gives the byte offset), NOMEN_ERR_LIMIT (text over
 * NOMEN_NAME_MAX_BYTES), NOMEN_ERR_NOMEM or NOMEN_ERR_ICU. On failure the
 * result is empty. */
NOMEN_EXPORT int nomen_normalizer_run(nomen_normalizer *nz, const char *text, size_t len);

/* The longest name text accepted, in bytes. Longer input is refused with
 * NOMEN_ERR_LIMIT rather than truncated. */
#define NOMEN_NAME_MAX_BYTES 4096

/* Results of the last successful nomen_normalizer_run. Index i runs from 0 to
 * count - 1; an index out of range gives NULL / 0 / -1. */
NOMEN_EXPORT size_t nomen_normalizer_token_count(const nomen_normalizer *nz);
/* The matching key, NUL-terminated. */
NOMEN_EXPORT const char *nomen_normalizer_token_key(const nomen_normalizer *nz, size_t i);
/* The token as written (NFC), NUL-terminated. */
NOMEN_EXPORT const char *nomen_normalizer_token_text(const nomen_normalizer *nz, size_t i);
/* NOMEN_SCRIPT_* of the token as written; -1 when i is out of range. */
NOMEN_EXPORT int nomen_normalizer_token_script(const nomen_normalizer *nz, size_t i);
/* Han tokens: the characters folded to simplified Chinese (陳全國 -> 陈全国);
 * NULL for other scripts. */
NOMEN_EXPORT const char *nomen_normalizer_token_hans(const nomen_normalizer *nz, size_t i);
/* The key with its soft boundaries shown: '-' where the text had a hyphen,
 * '\'' for an apostrophe, '|' for a lower-to-upper case change, ' ' between
 * the syllables of a transliterated Han token. E.g. "Ch'en" -> "ch'en",
 * "Quan-guo" -> "quan-guo", "QuanGuo" -> "quan|guo", 陈全国 -> "chen quan guo".
 * NUL-terminated. */
NOMEN_EXPORT const char *nomen_normalizer_token_marks(const nomen_normalizer *nz, size_t i);
/* Non-zero when the token was followed by a comma in the text ("CHEN, Quanguo"):
 * list-style inverted order, surname first. */
NOMEN_EXPORT int nomen_normalizer_token_comma(const nomen_normalizer *nz, size_t i);
/* The message of the last failure on this handle ("" when none). */
NOMEN_EXPORT const char *nomen_normalizer_errmsg(const nomen_normalizer *nz);

#ifdef __cplusplus
}
#endif
#endif /* NOMEN_H */
