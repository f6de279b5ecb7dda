/*
 * normalize.h: name text to tokens (normalize stage).
 *
 * A name becomes a sequence of tokens. Each token records:
 *   text    the token as written, NFC (for display and explanations);
 *   key     the matching key: NFKC + full case folding, transliterated to
 *           Latin (Han through Han-Latin, Cyrillic through BGN/PCGN as the
 *           lists write it, other scripts through Any-Latin),
 *           marks removed, folded to ASCII where a letter has an ASCII form;
 *           letters and digits only;
 *   marked  the key with its soft boundaries: '-' hyphen, '\'' apostrophe,
 *           '|' lower-to-upper case change, ' ' between the syllables of a
 *           transliterated Han token; ü kept as "ü" (U+00FC) for the
 *           romanizer, since pinyin and Wade-Giles ü is its own vowel. For
 *           Cyrillic tokens the marked form is the Any-Latin reading (the
 *           romanizer's Palladius route reads it), not the BGN key;
 *   hans    Han tokens only: the characters folded to simplified;
 *   script  NOMEN_SCRIPT_* as written;
 *   comma   set when a comma followed the token ("CHEN, Quanguo").
 *
 * Token strings live in the nomen__tokens' own buffer and are NUL-terminated;
 * use the accessors, which turn stored offsets into pointers.
 */
#ifndef NOMEN_NORMALIZE_H
#define NOMEN_NORMALIZE_H

#include "core/core.h"
#include "unicode/uni.h"

typedef struct nomen__token {
    uint32_t text, key, marked, hans; /* offsets into nomen__tokens.strings; hans 0 = none */
    uint32_t text_len, key_len, marked_len, hans_len;
    uint8_t script;
    uint8_t comma;
} nomen__token;

typedef struct nomen__tokens {
    nomen__token *tok;
    size_t n, cap;
    nomen__buf strings; /* byte 0 is a NUL so that offset 0 means "none" */
} nomen__tokens;

void nomen__tokens_free(nomen__tokens *t);

static inline const char *nomen__tok_text(const nomen__tokens *t, size_t i)
{
    return t->strings.data + t->tok[i].text;
}
static inline const char *nomen__tok_key(const nomen__tokens *t, size_t i)
{
    return t->strings.data + t->tok[i].key;
}
static inline const char *nomen__tok_marked(const nomen__tokens *t, size_t i)
{
    return t->strings.data + t->tok[i].marked;
}
static inline const char *nomen__tok_hans(const nomen__tokens *t, size_t i)
{
    return t->tok[i].hans ? t->strings.data + t->tok[i].hans : NULL;
}

/* Per-thread normalization state: transliterator clones and scratch. */
typedef struct nomen__norm {
    nomen__translit *tr;
    nomen__buf a, b, c, d, e; /* scratch */
} nomen__norm;

/* Set up a normalizer with clones of the prototype's transliterators. */
int nomen__norm_init(nomen__norm *nz, const nomen__translit_proto *proto, nomen__err *err);
void nomen__norm_free(nomen__norm *nz);

/* Normalize text[0..len) into out (emptied first). Returns NOMEN_OK;
 * NOMEN_ERR_UTF8 ("invalid UTF-8 at byte N"), NOMEN_ERR_LIMIT (longer than
 * NOMEN_NAME_MAX_BYTES), NOMEN_ERR_NOMEM or NOMEN_ERR_ICU, with err set. */
int nomen__normalize(nomen__norm *nz, const char *text, size_t len, nomen__tokens *out,
                     nomen__err *err);

#endif /* NOMEN_NORMALIZE_H */
