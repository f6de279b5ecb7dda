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

struct nomen__translit {
    UTransliterator *tr[NOMEN__TR_COUNT];
    UChar *scratch;
    int32_t scratch_cap;
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

int nomen__translit_run(nomen__translit *t, int which, const char *s, size_t len, nomen__buf *out)
{
    int rc = nomen__hanfast_run(which, s, len, out);
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
