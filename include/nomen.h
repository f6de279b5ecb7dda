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
 *
 * Scaling: matchers in different threads share nothing they write, so
 * screening scales with cores, with one exception. ICU's rule-based
 * transliterators take one process-wide lock for every call. nomen does the
 * Han transforms (Chinese characters to pinyin, traditional to simplified)
 * from tables read out of ICU's rules once per process, and Latin-ASCII (ø,
 * ł, đ, æ ...) a character at a time from what each matcher's ICU clone gave
 * for that character the first time, neither under the lock; other non-Latin
 * scripts (Cyrillic, Greek, Arabic ...) still go through ICU, and that step
 * of their screening runs one thread at a time (bench/screen/bench_threads
 * measures it). ASCII names never reach ICU.
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
 *     another script (Han through ICU Han-Latin, Cyrillic through BGN/PCGN,
 *     the rest through Any-Latin),
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

/* ------------------------------------------------------------------------ */
/* Screening: builder -> index -> matcher                                   */
/* ------------------------------------------------------------------------ */

/*
 * The life of a screening program:
 *
 *   nomen_builder *b;   nomen_builder_new(&b);
 *   nomen_builder_add_path(b, "lists/sdn_2021-07", NULL, NULL);   (format detected)
 *   nomen_index *ix;    nomen_index_build(b, &ix);   nomen_builder_free(b);
 *   -- in each thread --
 *   nomen_matcher *m;   nomen_matcher_new(ix, &m);
 *   nomen_query q;      nomen_query_init(&q);  q.name = "Chen Guanguo"; q.name_len = 12;
 *   nomen_matcher_screen(m, &q);
 *   for (size_t i = 0; i < nomen_matcher_hit_count(m); i++)
 *       printf("%s %.3f\n", nomen_hit_name(m, i), nomen_hit_score(m, i));
 *   nomen_matcher_free(m);
 *   -- at the end --
 *   nomen_index_free(ix);
 *
 * Threads: a builder is used by one thread at a time. An index is immutable
 * and may be shared by any number of threads. A matcher is per thread.
 * Indexes are reference counted: each matcher holds a reference, so
 * nomen_index_free() may be called while matchers still use the index; the
 * memory goes when the last matcher lets go. To replace the lists while
 * screening goes on, build (or load) a new index and hand it to each matcher
 * with nomen_matcher_set_index() at a point of that thread's choosing: no
 * screen ever sees a half-built index, and nothing is lost.
 */

/* Subject types (queries and records). */
enum {
    NOMEN_SUBJECT_ANY = 0, /* in a query: no type given; in a record: unknown */
    NOMEN_SUBJECT_INDIVIDUAL = 1,
    NOMEN_SUBJECT_ENTITY = 2,
    NOMEN_SUBJECT_VESSEL = 3,
    NOMEN_SUBJECT_AIRCRAFT = 4
};

/* "individual", "entity", "vessel", "aircraft", "any"; and back (-1 when unknown). */
NOMEN_EXPORT const char *nomen_subject_name(int type);
NOMEN_EXPORT int nomen_subject_from_name(const char *name);

typedef struct nomen_builder nomen_builder;
typedef struct nomen_index nomen_index;
typedef struct nomen_matcher nomen_matcher;

/* ---- builder ------------------------------------------------------------ */

NOMEN_EXPORT int nomen_builder_new(nomen_builder **out);
NOMEN_EXPORT void nomen_builder_free(nomen_builder *b);

/* Strict mode: a bad record fails the whole load (NOMEN_ERR_PARSE). The
 * default is lenient: a bad record is skipped, counted and reported (see
 * nomen_builder_skip_report), and loading goes on. */
NOMEN_EXPORT void nomen_builder_set_strict(nomen_builder *b, int strict);

/* Load a list file, or a folder holding an official set (the OFAC CSV set:
 * sdn.csv with alt.csv, add.csv and sdn_comments.csv beside it). format is
 * NULL to detect it from the content, or one of "ofac-csv", "ofac-xml",
 * "ofac-enhanced", "uk-csv", "eu-xml", "ca-xml", "un-xml", "generic-csv",
 * "generic-jsonl". list_name names the list in hits (NULL: the list's own
 * short name, e.g. "us-ofac-sdn"; for generic lists the file's base name).
 * Returns NOMEN_OK, NOMEN_ERR_IO, NOMEN_ERR_FORMAT, NOMEN_ERR_PARSE,
 * NOMEN_ERR_UTF8, NOMEN_ERR_ENCODING, NOMEN_ERR_LIMIT or NOMEN_ERR_NOMEM, with
 * "file:line:column: what was expected" in nomen_builder_errmsg. After a
 * failure the builder keeps the lists loaded before the failing call. */
NOMEN_EXPORT int nomen_builder_add_path(nomen_builder *b, const char *path, const char *format,
                                        const char *list_name);
/* The same for a list held in memory (single-file formats); name is used in
 * messages. The data is read during the call and not kept. */
NOMEN_EXPORT int nomen_builder_add_memory(nomen_builder *b, const char *name, const void *data,
                                          size_t len, const char *format, const char *list_name);

/* Counts over everything added so far: records loaded, records skipped. */
NOMEN_EXPORT size_t nomen_builder_record_count(const nomen_builder *b);
NOMEN_EXPORT size_t nomen_builder_skipped_count(const nomen_builder *b);
/* One line per skipped record ("file:line:col: reason"); "" when none. */
NOMEN_EXPORT const char *nomen_builder_skip_report(const nomen_builder *b);
NOMEN_EXPORT const char *nomen_builder_errmsg(const nomen_builder *b);

/* ---- index -------------------------------------------------------------- */

/* Build an immutable index from every list added to the builder. The builder
 * is left as it was (it may load more and build again). Returns NOMEN_OK,
 * NOMEN_ERR_NOMEM, NOMEN_ERR_ICU or NOMEN_ERR_STATE (no records), with the
 * message in nomen_builder_errmsg. */
NOMEN_EXPORT int nomen_index_build(nomen_builder *b, nomen_index **out);

/* Save to a file, and load back. The file records the format version, the
 * Unicode and ICU versions and, for each source list, its name, date, path
 * and checksum. Loading maps the file into memory. errbuf (errlen bytes, may
 * be NULL) receives the message of a failure. Statuses: NOMEN_ERR_IO,
 * NOMEN_ERR_VERSION (written by an incompatible nomen, or with other Unicode
 * or ICU versions), NOMEN_ERR_PARSE (corrupt or truncated), NOMEN_ERR_NOMEM. */
NOMEN_EXPORT int nomen_index_save(const nomen_index *ix, const char *path, char *errbuf,
                                  size_t errlen);
NOMEN_EXPORT int nomen_index_load(const char *path, nomen_index **out, char *errbuf, size_t errlen);

/* Drop the caller's reference; the index goes when no matcher holds it. */
NOMEN_EXPORT void nomen_index_free(nomen_index *ix);

/* What the index holds. */
NOMEN_EXPORT size_t nomen_index_record_count(const nomen_index *ix);
NOMEN_EXPORT size_t nomen_index_name_count(const nomen_index *ix);
NOMEN_EXPORT size_t nomen_index_list_count(const nomen_index *ix);
/* Source list i: its name ("us-ofac-sdn"), format ("ofac-csv"), path as
 * given, publication date ("2021-07-07" or NULL when the file has none),
 * checksum (16 hex digits), and records loaded / skipped. NULL / 0 when i is
 * out of range. */
NOMEN_EXPORT const char *nomen_index_list_name(const nomen_index *ix, size_t i);
NOMEN_EXPORT const char *nomen_index_list_format(const nomen_index *ix, size_t i);
NOMEN_EXPORT const char *nomen_index_list_path(const nomen_index *ix, size_t i);
NOMEN_EXPORT const char *nomen_index_list_date(const nomen_index *ix, size_t i);
NOMEN_EXPORT const char *nomen_index_list_checksum(const nomen_index *ix, size_t i);
NOMEN_EXPORT size_t nomen_index_list_records(const nomen_index *ix, size_t i);
NOMEN_EXPORT size_t nomen_index_list_skipped(const nomen_index *ix, size_t i);

/* ---- options and queries ------------------------------------------------ */

/* Matcher options. Always fill with nomen_options_init() first, then change
 * fields: the struct grows at the end, and `size` lets older callers keep
 * working. */
typedef struct nomen_options {
    size_t size;      /* sizeof(nomen_options), set by nomen_options_init */
    double threshold; /* lowest score reported, in [0, 1]; default NOMEN_DEFAULT_THRESHOLD */
    size_t limit;     /* most hits reported, best first; default 10; 0 = no limit */
    int explain;      /* non-zero: build the explanation of each hit (costs time) */
} nomen_options;

/* The default threshold. docs/scoring.md gives the recall and false-positive
 * figures behind it (tests/quality/results.tsv). */
#define NOMEN_DEFAULT_THRESHOLD 0.80

NOMEN_EXPORT void nomen_options_init(nomen_options *o);

/* One screening request. Fill with nomen_query_init(), then set what you
 * have; only the name is required. Strings are UTF-8 (pointer + length) and
 * are not kept after the call. */
typedef struct nomen_query {
    size_t size; /* sizeof(nomen_query), set by nomen_query_init */
    const char *name;
    size_t name_len;
    const char *dob; /* date of birth: "1955-11-24", "1955-11", "1955"; NULL when unknown */
    size_t dob_len;
    const char *country; /* ISO 3166-1 alpha-2 ("CN") or a country name; NULL when unknown */
    size_t country_len;
    int type; /* NOMEN_SUBJECT_*; NOMEN_SUBJECT_ANY when unknown */
} nomen_query;

NOMEN_EXPORT void nomen_query_init(nomen_query *q);

/* ---- matcher ------------------------------------------------------------ */

/* A per-thread screening context on an index (it takes a reference). */
NOMEN_EXPORT int nomen_matcher_new(nomen_index *ix, nomen_matcher **out);
NOMEN_EXPORT void nomen_matcher_free(nomen_matcher *m);
/* Switch this matcher to another index (taking a reference to it and
 * dropping the old one). Hits of the last screen are discarded. */
NOMEN_EXPORT int nomen_matcher_set_index(nomen_matcher *m, nomen_index *ix);
/* Copy options in (o->size says how much of the struct the caller knows).
 * NOMEN_ERR_INVALID_ARG for a threshold outside [0, 1]. */
NOMEN_EXPORT int nomen_matcher_set_options(nomen_matcher *m, const nomen_options *o);

/* Screen one query. Replaces the previous hits. Returns NOMEN_OK (with zero
 * or more hits), NOMEN_ERR_INVALID_ARG, NOMEN_ERR_UTF8, NOMEN_ERR_LIMIT or
 * NOMEN_ERR_NOMEM (message in nomen_matcher_errmsg). */
NOMEN_EXPORT int nomen_matcher_screen(nomen_matcher *m, const nomen_query *q);
NOMEN_EXPORT const char *nomen_matcher_errmsg(const nomen_matcher *m);

/* Hits of the last screen, best first; i from 0 to count - 1. Strings are
 * borrowed from the matcher until its next screen. Out of range: NULL, 0 or
 * -1. */
NOMEN_EXPORT size_t nomen_matcher_hit_count(const nomen_matcher *m);
NOMEN_EXPORT double nomen_hit_score(const nomen_matcher *m, size_t i);
/* The list's own identifier of the subject, as a string ("36136"). */
NOMEN_EXPORT const char *nomen_hit_entity_id(const nomen_matcher *m, size_t i);
/* The source list's name ("us-ofac-sdn"). */
NOMEN_EXPORT const char *nomen_hit_list(const nomen_matcher *m, size_t i);
/* The subject's primary name, and the name or alias that matched. */
NOMEN_EXPORT const char *nomen_hit_name(const nomen_matcher *m, size_t i);
NOMEN_EXPORT const char *nomen_hit_matched_name(const nomen_matcher *m, size_t i);
NOMEN_EXPORT int nomen_hit_type(const nomen_matcher *m, size_t i);
NOMEN_EXPORT size_t nomen_hit_program_count(const nomen_matcher *m, size_t i);
NOMEN_EXPORT const char *nomen_hit_program(const nomen_matcher *m, size_t i, size_t k);
/* Why the hit scored what it scored, as a JSON object. Built only when
 * options.explain is set; NULL otherwise. Keys: score, name_score (before
 * the evidence), view ("tokens" or "syllables": which comparison gave the
 * name score), token_score, syllable_score (when the names were compared
 * syllable by syllable), korean_whole_name (a sentence, when the whole names
 * have the same Korean form), matched_name, name_kind, weak_alias; the
 * token pairing, tokens (each {query, list, how, similarity, contribution,
 * weight, family_name}), unmatched_query and unmatched_list, at the top
 * level when the token view decided and under "token_view" when the
 * syllable view did; syllables (how each syllable met its counterpart, by
 * which romanization); evidence {factor, dob, country, type}, each item
 * {query, list, effect: agrees, contradicts or unknown}. */
NOMEN_EXPORT const char *nomen_hit_explain_json(const nomen_matcher *m, size_t i);

/* Every hit of the last screen in one call, as text: for bindings where a
 * foreign call costs more than the work it does (Python's ctypes, Go's cgo).
 * Each hit is eight fields, each ended by NOMEN_PACK_FIELD_SEP (0x1F): entity
 * id, list, name, matched name, score (a C99 hexadecimal floating constant as
 * printf "%a" writes it, "0x1.8p-1" for 0.75: strtod, Python's float.fromhex,
 * Go's strconv.ParseFloat and Java's Double.parseDouble read back the same
 * double, and writing it costs far less than decimal), type (one digit, a
 * NOMEN_SUBJECT_*), programs (separated by
 * NOMEN_PACK_ITEM_SEP, 0x1E; empty when none), explanation JSON (empty when
 * options.explain is off). No hits: empty text. *len receives the text's
 * length in bytes (the NUL that ends it not counted) in every case.
 * Returns NOMEN_OK when the text and its NUL fit in cap bytes;
 * NOMEN_ERR_LIMIT when they do not (buf holds a truncated text: call again
 * with cap > *len); NOMEN_ERR_ENCODING when a field holds a separator byte
 * (a list name with control characters: read those hits with the accessors
 * above); NOMEN_ERR_INVALID_ARG for a NULL matcher or len, or a NULL buf with
 * cap > 0. The hits are not changed: the accessors still read them. */
#define NOMEN_PACK_FIELD_SEP '\x1f'
#define NOMEN_PACK_ITEM_SEP  '\x1e'
NOMEN_EXPORT int nomen_matcher_hits_pack(const nomen_matcher *m, char *buf, size_t cap,
                                         size_t *len);

/* nomen_matcher_screen, then nomen_matcher_hits_pack, in one call: its
 * status is the screen's when that fails (with *len 0), else the pack's
 * (on NOMEN_ERR_LIMIT the hits stay: call nomen_matcher_hits_pack again with
 * a larger buffer). */
NOMEN_EXPORT int nomen_matcher_screen_pack(nomen_matcher *m, const nomen_query *q, char *buf,
                                           size_t cap, size_t *len);

/* Screen a batch in one call, for the same bindings. The input is the
 * queries one after the other, each four fields ended by NOMEN_PACK_FIELD_SEP:
 * name, date of birth, country, type (a decimal NOMEN_SUBJECT_*); an empty
 * field is absent (type: any). *out receives a text owned by the matcher,
 * valid until its next screen or its free: for each query in order, its hit
 * count as a decimal field, then its hits as nomen_matcher_hits_pack packs
 * them. The options apply to every query; afterwards the matcher's hits are
 * those of the last query screened. *done receives the number of queries
 * screened. On the first query that fails the batch stops: the status is
 * that query's (NOMEN_ERR_UTF8, NOMEN_ERR_INVALID_ARG for a bad date or
 * type or a truncated batch, NOMEN_ERR_ENCODING for a hit with a separator
 * byte in its text, NOMEN_ERR_NOMEM ...), *done its position from 0, *out
 * NULL, and errmsg starts "query N: ". */
NOMEN_EXPORT int nomen_matcher_screen_batch(nomen_matcher *m, const char *in, size_t in_len,
                                            const char **out, size_t *out_len, size_t *done);

/* Where each query's hits lie in the text of the last
 * nomen_matcher_screen_batch, for bindings that turn hits into objects only
 * when they are read: three numbers per query, in order, the byte offset in
 * that text where its hits begin (after its count field), where they end,
 * and their count. *n (when not NULL) receives the number of queries. Owned
 * by the matcher and valid as long as the text; NULL (and 0) unless the last
 * screen was a batch that succeeded. */
NOMEN_EXPORT const size_t *nomen_matcher_batch_spans(const nomen_matcher *m, size_t *n);

/* ------------------------------------------------------------------------ */
/* Records, list comparison and changes                                     */
/* ------------------------------------------------------------------------ */

/*
 * An index keeps what screening needs; coordination work needs the records
 * themselves: who is on which list, under which identifier, programme and
 * listing date, and what changed between two snapshots of a list.
 *
 *   nomen_records *r;   nomen_records_new(&r);
 *   nomen_records_add_path(r, "lists/sdn_2021-07", NULL, NULL);
 *   for (size_t i = 0; i < nomen_records_count(r); i++)
 *       printf("%s %s\n", nomen_record_id(r, i), nomen_record_name(r, i, 0));
 *   nomen_records_free(r);
 *
 * A record set is filled by one thread; once filled (no more add calls) it is
 * immutable and may be read by any number of threads. Every string it returns
 * is borrowed and lives as long as the set. Record accessors take the record
 * number i (0 to nomen_records_count - 1) and, for repeated fields, k; out of
 * range they return NULL or 0.
 *
 * Diffs. nomen_diff_new() matches the records of two snapshots of one list by
 * their list identifier and reports additions, removals and changes of names
 * (primary name and aliases), dates of birth and programmes. When one
 * snapshot lacks data the other has (the OFAC CSV set without alt.csv has no
 * aliases), that field is not compared, and the diff says so
 * (nomen_diff_compared, nomen_diff_note) rather than reporting every alias as
 * removed.
 *
 * Re-screening on change. nomen_diff_index() builds an index of only the
 * added and changed records of the new snapshot. Screening against it is
 * cheap, but its token weights come from those few records, so its scores
 * differ from a screen against the whole list. To get exactly the hits a full
 * screen gives on the changed subjects, use it as a filter:
 * nomen_rescreen_new() pairs it with the full index of the new snapshot, and
 * nomen_rescreen_screen() screens a query against the changed index at a
 * lowered threshold (NOMEN_RESCREEN_PREFILTER times the caller's) and, only
 * when that finds a candidate, against the full index, keeping the hits on
 * changed subjects. Most queries stop at the first, small screen.
 */

typedef struct nomen_records nomen_records;

NOMEN_EXPORT int nomen_records_new(nomen_records **out);
NOMEN_EXPORT void nomen_records_free(nomen_records *r);
/* Strict or lenient loading, as nomen_builder_set_strict. */
NOMEN_EXPORT void nomen_records_set_strict(nomen_records *r, int strict);
/* Load a list as nomen_builder_add_path does (same formats, statuses and
 * messages, in nomen_records_errmsg). */
NOMEN_EXPORT int nomen_records_add_path(nomen_records *r, const char *path, const char *format,
                                        const char *list_name);
NOMEN_EXPORT int nomen_records_add_memory(nomen_records *r, const char *name, const void *data,
                                          size_t len, const char *format, const char *list_name);
NOMEN_EXPORT const char *nomen_records_errmsg(const nomen_records *r);
/* One line per record skipped in lenient mode; "" when none. */
NOMEN_EXPORT const char *nomen_records_skip_report(const nomen_records *r);

NOMEN_EXPORT size_t nomen_records_count(const nomen_records *r);
/* Loaded lists (one per add call): name, format, path, publication date
 * (NULL when the file has none), records loaded. */
NOMEN_EXPORT size_t nomen_records_list_count(const nomen_records *r);
NOMEN_EXPORT const char *nomen_records_list_name(const nomen_records *r, size_t l);
NOMEN_EXPORT const char *nomen_records_list_format(const nomen_records *r, size_t l);
NOMEN_EXPORT const char *nomen_records_list_path(const nomen_records *r, size_t l);
NOMEN_EXPORT const char *nomen_records_list_date(const nomen_records *r, size_t l);
NOMEN_EXPORT size_t nomen_records_list_records(const nomen_records *r, size_t l);
/* For an OFAC CSV set, the side files that were absent, comma-separated
 * ("alt.csv,add.csv,sdn_comments.csv"); NULL when none was (or the format
 * has none). Data those files carry (aliases, addresses, some dates) is then
 * missing from the records, not empty on the list. */
NOMEN_EXPORT const char *nomen_records_list_missing(const nomen_records *r, size_t l);

/* Record i: its list (an index for nomen_records_list_*), the list's own
 * identifier ("36136"), NOMEN_SUBJECT_*, and the listing date ("YYYY-MM-DD",
 * NULL when the list gives none). */
NOMEN_EXPORT size_t nomen_record_list(const nomen_records *r, size_t i);
NOMEN_EXPORT const char *nomen_record_id(const nomen_records *r, size_t i);
NOMEN_EXPORT int nomen_record_type(const nomen_records *r, size_t i);
NOMEN_EXPORT const char *nomen_record_listed_on(const nomen_records *r, size_t i);
/* Names: k = 0 is the primary name; kind is "primary", "variation", "aka",
 * "fka", "nka" or "original" (original script); weak is non-zero for a
 * low-quality alias. */
NOMEN_EXPORT size_t nomen_record_name_count(const nomen_records *r, size_t i);
NOMEN_EXPORT const char *nomen_record_name(const nomen_records *r, size_t i, size_t k);
NOMEN_EXPORT const char *nomen_record_name_kind(const nomen_records *r, size_t i, size_t k);
NOMEN_EXPORT int nomen_record_name_weak(const nomen_records *r, size_t i, size_t k);
/* Dates of birth as the list writes them, and as ISO text ("1960-05-12",
 * "1960-05", "1960", "1960/1962" for a range; NULL when unparsed). */
NOMEN_EXPORT size_t nomen_record_dob_count(const nomen_records *r, size_t i);
NOMEN_EXPORT const char *nomen_record_dob(const nomen_records *r, size_t i, size_t k);
NOMEN_EXPORT const char *nomen_record_dob_iso(const nomen_records *r, size_t i, size_t k);
/* ISO 3166-1 alpha-2 codes of the nationalities and citizenships, each once
 * ("CN"); countries the loader could not map are left out. */
NOMEN_EXPORT size_t nomen_record_country_count(const nomen_records *r, size_t i);
NOMEN_EXPORT const char *nomen_record_country(const nomen_records *r, size_t i, size_t k);
/* Identity documents: type as the list writes it ("Passport"), value. */
NOMEN_EXPORT size_t nomen_record_ident_count(const nomen_records *r, size_t i);
NOMEN_EXPORT const char *nomen_record_ident_type(const nomen_records *r, size_t i, size_t k);
NOMEN_EXPORT const char *nomen_record_ident_value(const nomen_records *r, size_t i, size_t k);
/* Programmes / regimes ("GLOMAG", "Global Human Rights"). */
NOMEN_EXPORT size_t nomen_record_program_count(const nomen_records *r, size_t i);
NOMEN_EXPORT const char *nomen_record_program(const nomen_records *r, size_t i, size_t k);

/* The record of list l with identifier id: NOMEN_OK with *out set,
 * NOMEN_ERR_NOT_FOUND, or NOMEN_ERR_INVALID_ARG. A binary search in a table
 * that each add call rebuilds (so lookups never write to the set). */
NOMEN_EXPORT int nomen_records_find(const nomen_records *r, size_t l, const char *id, size_t *out);

/* Build a screening index of the records which[0..n-1] (all records when
 * which is NULL). Statuses as nomen_index_build (NOMEN_ERR_STATE when there
 * is nothing to index, NOMEN_ERR_INVALID_ARG for a record number out of
 * range). The index keeps its own copies: the set may be freed after. */
NOMEN_EXPORT int nomen_records_index(const nomen_records *r, const size_t *which, size_t n,
                                     nomen_index **out);

/* ---- diff of two snapshots of one list ------------------------------------ */

typedef struct nomen_diff nomen_diff;

enum { NOMEN_DIFF_ADDED = 1, NOMEN_DIFF_REMOVED = 2, NOMEN_DIFF_CHANGED = 3 };

/* What changed (bits of nomen_diff_fields) and what could be compared. */
enum {
    NOMEN_DIFF_NAME = 1,     /* the primary name */
    NOMEN_DIFF_ALIASES = 2,  /* the other names */
    NOMEN_DIFF_DOBS = 4,     /* dates of birth */
    NOMEN_DIFF_PROGRAMS = 8, /* programmes */
    NOMEN_DIFF_TYPE = 16     /* subject type */
};

/* Compare two record sets (each one snapshot of the same list; records are
 * matched by list identifier within the list of the same name, or, when each
 * set holds one list, within that list whatever its name). The sets must
 * outlive the diff. Entries come in order: removals by old record number,
 * then additions and changes by new record number. Returns NOMEN_OK,
 * NOMEN_ERR_INVALID_ARG, NOMEN_ERR_NOMEM. A diff is immutable. */
NOMEN_EXPORT int nomen_diff_new(const nomen_records *old_r, const nomen_records *new_r,
                                nomen_diff **out);
NOMEN_EXPORT void nomen_diff_free(nomen_diff *d);
NOMEN_EXPORT size_t nomen_diff_count(const nomen_diff *d);
/* NOMEN_DIFF_ADDED / _REMOVED / _CHANGED; 0 out of range. */
NOMEN_EXPORT int nomen_diff_kind(const nomen_diff *d, size_t e);
/* The record numbers in the old and new set; SIZE_MAX where absent. */
NOMEN_EXPORT size_t nomen_diff_old(const nomen_diff *d, size_t e);
NOMEN_EXPORT size_t nomen_diff_new_record(const nomen_diff *d, size_t e);
/* NOMEN_DIFF_NAME | ... for a change; 0 otherwise. */
NOMEN_EXPORT unsigned nomen_diff_fields(const nomen_diff *d, size_t e);
/* The fields that were compared (NOMEN_DIFF_* bits). */
NOMEN_EXPORT unsigned nomen_diff_compared(const nomen_diff *d);
/* Why some fields were not compared (""); e.g. "aliases not compared: the
 * new snapshot has no alt.csv". */
NOMEN_EXPORT const char *nomen_diff_note(const nomen_diff *d);
/* Counts of each kind. */
NOMEN_EXPORT size_t nomen_diff_count_kind(const nomen_diff *d, int kind);
/* An index of the added and changed records of the new set. NOMEN_ERR_STATE
 * when nothing was added or changed. */
NOMEN_EXPORT int nomen_diff_index(const nomen_diff *d, nomen_index **out);

/* ---- re-screening on change ----------------------------------------------- */

/* The changed-index screen runs at this fraction of the caller's threshold.
 * bench/coord measures that it loses no hit of the full screen on changed
 * subjects (docs/coordination.md). */
#define NOMEN_RESCREEN_PREFILTER 0.75

typedef struct nomen_rescreen nomen_rescreen;

/* A per-thread re-screening context: full is the index of the whole new
 * snapshot, d the diff whose changed records to screen against (both are
 * referenced / borrowed; d and its sets must outlive the context). opt as
 * nomen_matcher_set_options (NULL: defaults). Returns NOMEN_OK,
 * NOMEN_ERR_INVALID_ARG, NOMEN_ERR_NOMEM, NOMEN_ERR_STATE (nothing changed). */
NOMEN_EXPORT int nomen_rescreen_new(nomen_index *full, const nomen_diff *d,
                                    const nomen_options *opt, nomen_rescreen **out);
NOMEN_EXPORT void nomen_rescreen_free(nomen_rescreen *rs);
/* Screen q; the hits (only on added and changed subjects, scored as by a
 * full screen) are read from the matcher returned by nomen_rescreen_matcher
 * through nomen_hit_* at the positions nomen_rescreen_hit gives. Returns as
 * nomen_matcher_screen. */
NOMEN_EXPORT int nomen_rescreen_screen(nomen_rescreen *rs, const nomen_query *q);
NOMEN_EXPORT size_t nomen_rescreen_hit_count(const nomen_rescreen *rs);
/* The matcher holding the hits, and the position of the rescreen's hit j
 * among that matcher's hits. */
NOMEN_EXPORT const nomen_matcher *nomen_rescreen_matcher(const nomen_rescreen *rs);
NOMEN_EXPORT size_t nomen_rescreen_hit(const nomen_rescreen *rs, size_t j);
/* Queries that went on to the full index (the prefilter found a candidate). */
NOMEN_EXPORT size_t nomen_rescreen_confirmed(const nomen_rescreen *rs);

/* The nightly run, from the other side. Screening every customer costs the
 * analysis of every customer name, every night, however small the change.
 * A bank's customers change slowly: index them once (a nomen_builder over a
 * generic-csv customer file, kept with nomen_index_save), and each night
 * screen the changed subjects' names (every name, no date or country) against
 * that customer index at NOMEN_RESCREEN_PREFILTER times the threshold.
 * nomen_rescreen_candidates() does that and keeps the customer identifiers
 * it finds (sorted, unique; borrowed until the next call or the free). Screen
 * only those customers with nomen_rescreen_screen(): the hits, scores
 * included, are the full screen's on the changed subjects (bench/coord and
 * tests/coord check it on a day's changes; a customer the reverse screen
 * misses would be a miss, which they count). Returns NOMEN_OK,
 * NOMEN_ERR_INVALID_ARG or NOMEN_ERR_NOMEM. */
NOMEN_EXPORT int nomen_rescreen_candidates(nomen_rescreen *rs, nomen_index *customers);
NOMEN_EXPORT size_t nomen_rescreen_candidate_count(const nomen_rescreen *rs);
NOMEN_EXPORT const char *nomen_rescreen_candidate(const nomen_rescreen *rs, size_t k);

#ifdef __cplusplus
}
#endif
#endif /* NOMEN_H */
