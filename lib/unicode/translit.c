/*
 * translit.c: ICU transliterators, opened once and cloned per thread
 * (unicode stage).
 *
 * Opening "Han-Latin" compiles thousands of rules and takes milliseconds, so
 * an owner opens a prototype set once; each thread clones it (utrans_clone is
 * a const operation on the prototype, and a clone shares the compiled rule
 * data). A clone keeps a UTF-16 scratch buffer that grows to the longest input
 * seen, so steady-state transliteration allocates nothing.
 *
 * Clones do not make ICU run in parallel, though: every rule-based
 * transliteration in the process takes one ICU mutex. The Han transforms,
 * which Chinese names need on every screen, therefore go through hanfast.c's
 * tables first, and reach ICU only for input those do not cover.
 */
#include "unicode/uni_icu.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

static const char *const ids[NOMEN__TR_COUNT] = {
    [NOMEN__TR_HAN_LATIN] = "Han-Latin", [NOMEN__TR_HAN_LATIN_NAMES] = "Han-Latin/Names",
    [NOMEN__TR_ANY_LATIN] = "Any-Latin", [NOMEN__TR_LATIN_ASCII] = "Latin-ASCII",
    [NOMEN__TR_HANT_HANS] = "Hant-Hans", [NOMEN__TR_CYRILLIC] = "Russian-Latin/BGN; Any-Latin",
};

struct nomen__translit_proto {
    UTransliterator *tr[NOMEN__TR_COUNT];
};

/* Latin-ASCII of one code point, remembered by a clone (see latin_ascii). */
typedef struct memo {
    uint32_t cp; /* 0: an empty slot */
    uint32_t off, len;
} memo;

#define MEMO_MAX 4096 /* distinct characters a clone remembers */

struct nomen__translit {
    UTransliterator *tr[NOMEN__TR_COUNT];
    UChar *scratch;
    int32_t scratch_cap;
    memo *memo; /* open addressing, capmemo a power of two */
    size_t nmemo, capmemo;
    nomen__buf memo_text;
};

const char *nomen__translit_id(int which)
{
    if (which < 0 || which >= NOMEN__TR_COUNT)
        return NULL;
    return ids[which];
}

void nomen__translit_proto_free(nomen__translit_proto *p)
{
    if (!p)
        return;
    for (int i = 0; i < NOMEN__TR_COUNT; i++)
        if (p->tr[i])
            utrans_close(p->tr[i]);
    nomen__free(p);
}

int nomen__translit_proto_open(nomen__translit_proto **out, nomen__err *err)
{
    *out = NULL;
    nomen__translit_proto *p = nomen__calloc(1, sizeof(*p));
    if (!p)
        return nomen__err_set(err, NOMEN_ERR_NOMEM, "out of memory opening transliterators");
    for (int i = 0; i < NOMEN__TR_COUNT; i++) {
        UChar id[64];
        u_uastrncpy(id, ids[i], (int32_t)NOMEN__ARRAY_LEN(id));
        UErrorCode st = U_ZERO_ERROR;
        UParseError pe;
        p->tr[i] = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &st);
        if (U_FAILURE(st)) {
            p->tr[i] = NULL;
            nomen__translit_proto_free(p);
            return nomen__err_set(err, NOMEN_ERR_ICU, "ICU transliterator %s: %s", ids[i],
                                  u_errorName(st));
        }
    }
    *out = p;
    return NOMEN_OK;
}

void nomen__translit_free(nomen__translit *t)
{
    if (!t)
        return;
    for (int i = 0; i < NOMEN__TR_COUNT; i++)
        if (t->tr[i])
            utrans_close(t->tr[i]);
    nomen__free(t->scratch);
    nomen__free(t->memo);
    nomen__buf_free(&t->memo_text);
    nomen__free(t);
}

int nomen__translit_new(const nomen__translit_proto *p, nomen__translit **out, nomen__err *err)
{
    *out = NULL;
    nomen__translit *t = nomen__calloc(1, sizeof(*t));
    if (!t)
        return nomen__err_set(err, NOMEN_ERR_NOMEM, "out of memory cloning transliterators");
    for (int i = 0; i < NOMEN__TR_COUNT; i++) {
        UErrorCode st = U_ZERO_ERROR;
        t->tr[i] = utrans_clone(p->tr[i], &st);
        if (U_FAILURE(st)) {
            t->tr[i] = NULL;
            nomen__translit_free(t);
            return nomen__err_set(err, NOMEN_ERR_ICU, "ICU clone of %s: %s", ids[i],
                                  u_errorName(st));
        }
    }
    *out = t;
    return NOMEN_OK;
}

static bool reserve_scratch(nomen__translit *t, int32_t need)
{
    if (need <= t->scratch_cap)
        return true;
    int32_t cap = need < 256 ? 256 : need;
    UChar *s = nomen__realloc(t->scratch, (size_t)cap * sizeof(UChar));
    if (!s)
        return false;
    t->scratch = s;
    t->scratch_cap = cap;
    return true;
}

/* ---- Latin-ASCII, a character at a time -------------------------------- */

/* ICU's Latin-ASCII is a filter (Latin, Common, Inherited), NFD, the marks
 * after a Latin letter or digit removed, NFC, and then rules that each
 * replace one character, with no context. So on text whose characters cannot
 * interact (each starts a new normalization segment, so none composes with
 * what precedes it, and none is a mark, which the mark rule would remove
 * whatever its combining class), Latin-ASCII of the text is Latin-ASCII of each character, joined.
 * A clone remembers each character's result (ICU asked once, for that one character) and then needs
 * neither ICU nor its process-wide lock for the names it has seen the letters of. tests/unicode
 * compares the two. */
static memo *memo_slot(nomen__translit *t, uint32_t cp)
{
    size_t mask = t->capmemo - 1;
    for (size_t i = (cp * 2654435761u) & mask;; i = (i + 1) & mask)
        if (t->memo[i].cp == cp || t->memo[i].cp == 0)
            return &t->memo[i];
}

static bool memo_grow(nomen__translit *t)
{
    size_t cap = t->capmemo ? 2 * t->capmemo : 64;
    memo *old = t->memo, *m = nomen__calloc(cap, sizeof *m);
    if (!m)
        return false;
    size_t oldcap = t->capmemo;
    t->memo = m;
    t->capmemo = cap;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].cp)
            *memo_slot(t, old[i].cp) = old[i];
    nomen__free(old);
    return true;
}

static bool segment_start(uint32_t cp)
{
    int8_t type = u_charType((UChar32)cp);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK)
        return false; /* even with combining class 0 (U+034F), the mark rule removes it */
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    return U_SUCCESS(st) && unorm2_hasBoundaryBefore(nfc, (UChar32)cp) &&
           unorm2_hasBoundaryBefore(nfd, (UChar32)cp);
}

/* NOMEN_OK, an error, or NOMEN__HANFAST_DECLINED: ICU must do the text. */
/* What ICU gives for cp alone, from the memo or asked now: NOMEN_OK with
 * *text and *n set, an error, or NOMEN__HANFAST_DECLINED. */
static int memo_get(nomen__translit *t, uint32_t cp, const char **text, size_t *n)
{
    memo *m = t->capmemo ? memo_slot(t, cp) : NULL;
    if (!m || m->cp != cp) {
        if (!segment_start(cp) || t->nmemo >= MEMO_MAX)
            return NOMEN__HANFAST_DECLINED;
        if (2 * (t->nmemo + 1) > t->capmemo && !memo_grow(t))
            return NOMEN_ERR_NOMEM;
        char one[4];
        int k = nomen__utf8_encode(cp, one);
        size_t off = t->memo_text.len;
        int rc = nomen__translit_run_icu(t, NOMEN__TR_LATIN_ASCII, one, (size_t)k, &t->memo_text);
        if (rc)
            return rc;
        m = memo_slot(t, cp);
        *m = (memo){cp, (uint32_t)off, (uint32_t)(t->memo_text.len - off)};
        t->nmemo++;
    }
    *text = t->memo_text.data + m->off;
    *n = m->len;
    return NOMEN_OK;
}

/* NOMEN_OK, an error, or NOMEN__HANFAST_DECLINED: ICU must do the text (out
 * is then as it was). */
static int latin_ascii(nomen__translit *t, const char *s, size_t len, nomen__buf *out)
{
    size_t before = out->len, nonascii = 0;
    int rc = NOMEN_OK;
    for (size_t i = 0; i < len && rc == NOMEN_OK;) {
        size_t start = i;
        while (i < len && (unsigned char)s[i] < 0x80)
            i++;
        if (!nomen__buf_add(out, s + start, i - start)) {
            rc = NOMEN_ERR_NOMEM;
        } else if (i < len) {
            uint32_t cp;
            i += (size_t)nomen__utf8_next(s + i, len - i, &cp);
            const char *text;
            size_t n;
            if (++nonascii > 64)
                rc = NOMEN__HANFAST_DECLINED; /* long non-ASCII text: ICU at once */
            else if ((rc = memo_get(t, cp, &text, &n)) == NOMEN_OK && !nomen__buf_add(out, text, n))
                rc = NOMEN_ERR_NOMEM;
        }
    }
    if (rc != NOMEN_OK)
        nomen__buf_truncate(out, before);
    return rc;
}

int nomen__translit_run(nomen__translit *t, int which, const char *s, size_t len, nomen__buf *out)
{
    int rc = which == NOMEN__TR_LATIN_ASCII ? latin_ascii(t, s, len, out)
                                            : nomen__hanfast_run(which, s, len, out);
    return rc == NOMEN__HANFAST_DECLINED ? nomen__translit_run_icu(t, which, s, len, out) : rc;
}

int nomen__translit_run_icu(nomen__translit *t, int which, const char *s, size_t len,
                            nomen__buf *out)
{
    if (which < 0 || which >= NOMEN__TR_COUNT)
        return NOMEN_ERR_INVALID_ARG;
    if (len > (size_t)INT32_MAX / 8)
        return NOMEN_ERR_LIMIT;
    UErrorCode st = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)len, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        return NOMEN_ERR_UTF8;
    /* Transliteration can lengthen text (one Han character becomes up to six
     * Latin letters plus a space); start with room for that and retry larger
     * if ICU asks. */
    int32_t cap = ulen * 8 + 16;
    for (int attempt = 0; attempt < 3; attempt++) {
        if (!reserve_scratch(t, cap))
            return NOMEN_ERR_NOMEM;
        st = U_ZERO_ERROR;
        int32_t n = 0;
        u_strFromUTF8(t->scratch, t->scratch_cap, &n, s, (int32_t)len, &st);
        if (U_FAILURE(st))
            return NOMEN_ERR_UTF8;
        int32_t text_len = n, limit = n;
        utrans_transUChars(t->tr[which], t->scratch, &text_len, t->scratch_cap, 0, &limit, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR) {
            cap = text_len > cap ? text_len + 16 : cap * 2;
            continue;
        }
        if (U_FAILURE(st))
            return NOMEN_ERR_ICU;
        return nomen__uni_append_utf16(out, t->scratch, text_len);
    }
    return NOMEN_ERR_ICU;
}
