/*
 * hanfast.c: the three Han transliterations without ICU's transliterator
 * lock (unicode stage).
 *
 * ICU's rule-based transliterators take one process-wide mutex for every
 * call (RuleBasedTransliterator::handleTransliterate locks
 * transliteratorDataMutex, clones or not), so threads screening Chinese
 * names queue behind each other: on two cores, two threads screened 陳全國
 * at 0.85 times the rate of one. The three transforms a Han name goes
 * through are simple in shape, though: "Hant-Hans" is a list of literal
 * replacements, "Han-Latin" one reading per character (plus four pairs read
 * in context) with the syllables spaced, and "Han-Latin/Names" a few surname
 * readings before Han-Latin. So, once per process, this file reads ICU's own
 * rules for them (utrans_toRules; sets through uset_openPattern) into
 * tables, and then applies those tables the way ICU applies the rules, with
 * no lock. ICU stays the source of every reading; nothing here is typed in.
 *
 * Only rules of the shapes described below are accepted: if the ICU in use
 * writes anything else, that transform's table is not built and the caller
 * uses ICU. An input the tables do not cover (a character without a reading,
 * a compatibility ideograph, anything not Han for the two Latin transforms)
 * goes to ICU as well. tests/unicode compares the two on every character of
 * the tables, on character pairs around every context rule, on random runs
 * and on the Chinese names of the shared lists.
 */
#include "unicode/uni_icu.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#define MARK   0xFDD1u /* the noncharacter Han-Latin/Names marks a run's start with */
#define MAXLEN 64      /* code points a fast input may hold (Han names are short) */

typedef struct reading {
    uint32_t cp;
    uint32_t out; /* offset of the UTF-8 reading in strs */
} reading;

/* A reading in context: key followed (after an optional space, which the
 * spacing pass put there) by next; or, with at_start, key first in its run. */
typedef struct ctx_rule {
    uint32_t key, next; /* next 0: no following context */
    bool at_start;
    uint32_t out;
} ctx_rule;

/* A Hant-Hans replacement: lhs (code points in cps) by rhs (UTF-8 in strs). */
typedef struct repl {
    uint32_t first; /* lhs[0], the sort key */
    uint32_t order; /* its place among the rules: ICU tries them in order */
    uint32_t lhs, nlhs, rhs;
} repl;

#define MAX_CTX 64

typedef struct hanfast {
    bool latin_ok, names_ok, hans_ok;
    reading *latin; /* sorted by cp, first rule wins */
    size_t nlatin;
    ctx_rule ctx[MAX_CTX]; /* Han-Latin's context rules, in rule order */
    size_t nctx;
    ctx_rule names[MAX_CTX]; /* Han-Latin/Names' own rules, in rule order */
    size_t nnames;
    repl *repl; /* sorted by (first, order) */
    size_t nrepl;
    uint32_t *cps;
    size_t ncps, capcps;
    nomen__buf strs;
} hanfast;

static hanfast hf;
static pthread_once_t hf_once = PTHREAD_ONCE_INIT;

/* ---- building ------------------------------------------------------------ */

/* The rules of transliterator id as UTF-16 (malloc'ed), or NULL. */
static UChar *rules_of(const char *id, int32_t *len)
{
    UChar uid[64];
    u_uastrncpy(uid, id, 64);
    UErrorCode st = U_ZERO_ERROR;
    UTransliterator *t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    if (U_FAILURE(st))
        return NULL;
    int32_t n = utrans_toRules(t, false, NULL, 0, &st);
    UChar *buf = NULL;
    if (st == U_BUFFER_OVERFLOW_ERROR && n > 0) {
        st = U_ZERO_ERROR;
        buf = nomen__malloc(((size_t)n + 1) * sizeof(UChar));
        if (buf)
            utrans_toRules(t, false, buf, n + 1, &st);
        if (U_FAILURE(st)) {
            nomen__free(buf);
            buf = NULL;
        }
    }
    utrans_close(t);
    *len = buf ? n : 0;
    return buf;
}

/* Store UTF-16 u[0..n) as a NUL-ended UTF-8 string; its offset, or
 * UINT32_MAX when memory runs out. */
static uint32_t store(const UChar *u, int32_t n)
{
    uint32_t off = (uint32_t)hf.strs.len;
    if (nomen__uni_append_utf16(&hf.strs, u, n) != NOMEN_OK || !nomen__buf_addc(&hf.strs, '\0'))
        return UINT32_MAX;
    return off;
}

/* One code point at u[*i] (advancing *i), or 0 at the end. */
static uint32_t next_cp(const UChar *u, int32_t n, int32_t *i)
{
    if (*i >= n)
        return 0;
    UChar32 c;
    U16_NEXT(u, *i, n, c);
    return (uint32_t)c;
}

static bool starts(const UChar *u, int32_t n, const char *ascii)
{
    int32_t k = 0;
    for (; ascii[k]; k++)
        if (k >= n || u[k] != (UChar)(unsigned char)ascii[k])
            return false;
    return true;
}

/* The next non-empty line of rules text u[0..n) from *pos (ICU writes one
 * rule a line); NULL at the end. */
static const UChar *next_line(const UChar *u, int32_t n, int32_t *pos, int32_t *len)
{
    while (*pos < n) {
        int32_t s = *pos, e = s;
        while (e < n && u[e] != '\n')
            e++;
        *pos = e + 1;
        if (e > s) {
            *len = e - s;
            return u + s;
        }
    }
    return NULL;
}

/* Where " > " stands in a rule, or -1. */
static int32_t find_arrow(const UChar *u, int32_t n)
{
    for (int32_t i = 0; i + 2 < n; i++)
        if (u[i] == ' ' && u[i + 1] == '>' && u[i + 2] == ' ')
            return i;
    return -1;
}

/* A rule's output: letters and combining marks only (pinyin with tones). */
static bool plain_output(const UChar *u, int32_t n)
{
    if (n <= 0)
        return false;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(u, i, n, c);
        if (!u_isalpha(c) && u_charType(c) != U_NON_SPACING_MARK)
            return false;
    }
    return true;
}

/* "X > out;" or "[set] > out;" (set a UnicodeSet pattern) or "{X}' '?Y > out;",
 * optionally after the marker. Fills r (r->key 0 for a set, whose pattern
 * is returned through set/nset); false for any other shape. */
static bool parse_rule(const UChar *u, int32_t n, ctx_rule *r, const UChar **set, int32_t *nset,
                       const UChar **out, int32_t *nout)
{
    memset(r, 0, sizeof *r);
    *set = NULL;
    *nset = 0;
    int32_t arrow = find_arrow(u, n);
    if (arrow < 0 || u[n - 1] != ';')
        return false;
    *out = u + arrow + 3;
    *nout = n - 1 - (arrow + 3);
    if (!plain_output(*out, *nout))
        return false;
    int32_t i = 0;
    if (u[0] == '[') {
        *set = u;
        *nset = arrow;
        return u[arrow - 1] == ']';
    }
    uint32_t c = next_cp(u, arrow, &i);
    if (c == MARK) {
        r->at_start = true;
        c = next_cp(u, arrow, &i);
    }
    if (c == '{') {
        r->key = next_cp(u, arrow, &i);
        if (next_cp(u, arrow, &i) != '}')
            return false;
        if (i == arrow)
            return r->key > 0x7f;
        static const char space_opt[] = "' '?";
        if (arrow - i < 5 || !starts(u + i, arrow - i, space_opt))
            return false;
        i += 4;
        r->next = next_cp(u, arrow, &i);
        return i == arrow && r->key > 0x7f && r->next > 0x7f;
    }
    r->key = c;
    return i == arrow && c > 0x7f && !r->at_start;
}

static int cmp_reading(const void *a, const void *b)
{
    const reading *x = a, *y = b;
    if (x->cp != y->cp)
        return x->cp < y->cp ? -1 : 1;
    return x->out < y->out ? -1 : x->out > y->out; /* earlier rules stored first */
}

static bool add_reading(size_t *cap, uint32_t cp, uint32_t out)
{
    if (hf.nlatin == *cap) {
        void *p = hf.latin;
        if (!nomen__grow(&p, cap, hf.nlatin + 1, sizeof *hf.latin))
            return false;
        hf.latin = p;
    }
    hf.latin[hf.nlatin++] = (reading){cp, out};
    return true;
}

/* A character a fast input may hold: ideographic, and unchanged by NFKC
 * (Han-Latin first folds compatibility ideographs, which the tables skip). */
static bool plain_ideograph(const UNormalizer2 *nfkc, uint32_t cp)
{
    if (!u_hasBinaryProperty((UChar32)cp, UCHAR_IDEOGRAPHIC))
        return false;
    UChar d[8];
    UErrorCode st = U_ZERO_ERROR;
    return unorm2_getDecomposition(nfkc, (UChar32)cp, d, 8, &st) < 0;
}

static bool build_latin(const UNormalizer2 *nfkc)
{
    int32_t n;
    UChar *u = rules_of("Han-Latin", &n);
    if (!u)
        return false;
    bool ok = true, first = true;
    size_t cap = 0;
    int32_t pos = 0, len;
    const UChar *line;
    while (ok && (line = next_line(u, n, &pos, &len))) {
        if (first) {
            ok = len == 18 && starts(line, len, "::Han-Spacedhan();");
            first = false;
            continue;
        }
        ctx_rule r;
        const UChar *set, *out;
        int32_t nset, nout;
        if (!parse_rule(line, len, &r, &set, &nset, &out, &nout) || r.at_start) {
            ok = false;
            break;
        }
        uint32_t off = store(out, nout);
        if (off == UINT32_MAX) {
            ok = false;
            break;
        }
        r.out = off;
        if (set) {
            UErrorCode st = U_ZERO_ERROR;
            USet *us = uset_openPattern(set, nset, &st);
            if (U_FAILURE(st)) {
                ok = false;
                break;
            }
            int32_t items = uset_getItemCount(us);
            for (int32_t k = 0; ok && k < items; k++) {
                UChar32 lo, hi;
                UChar str[4];
                st = U_ZERO_ERROR;
                if (uset_getItem(us, k, &lo, &hi, str, 4, &st) != 0 || U_FAILURE(st)) {
                    ok = false; /* a string in the set: a multi-character key */
                    break;
                }
                for (UChar32 c = lo; ok && c <= hi; c++)
                    if (plain_ideograph(nfkc, (uint32_t)c))
                        ok = add_reading(&cap, (uint32_t)c, off);
            }
            uset_close(us);
        } else if (r.next) {
            if (hf.nctx == MAX_CTX) {
                ok = false;
                break;
            }
            hf.ctx[hf.nctx++] = r;
        } else if (plain_ideograph(nfkc, r.key)) {
            ok = add_reading(&cap, r.key, off);
        }
    }
    nomen__free(u);
    if (!ok || first || hf.nlatin == 0)
        return false;
    qsort(hf.latin, hf.nlatin, sizeof *hf.latin, cmp_reading);
    size_t w = 0; /* the first rule for a character wins, as in ICU */
    for (size_t i = 0; i < hf.nlatin; i++)
        if (w == 0 || hf.latin[w - 1].cp != hf.latin[i].cp)
            hf.latin[w++] = hf.latin[i];
    hf.nlatin = w;
    return true;
}

/* Han-Latin/Names: the marker rule, the spacing pass, its own rules, then
 * the marker dropped and Han-Latin. Exactly these lines around the rules. */
static bool build_names(void)
{
    int32_t n;
    UChar *u = rules_of("Han-Latin/Names", &n);
    if (!u)
        return false;
    static const char spacing[] = "::Han-Spacedhan();";
    static const char *const tail[] = {"::Null();", "[^$]{\xef\xb7\x91} > ' ';", "\xef\xb7\x91 > ;",
                                       "::Han-Latin();"};
    bool ok = true;
    int stage = 0; /* 0 marker rule, 1 spacing, 2 rules, 3.. the tail */
    int32_t pos = 0, len;
    const UChar *line;
    while (ok && (line = next_line(u, n, &pos, &len))) {
        if (stage == 0) {
            /* [:^script=Han:]{([:script=Han:])} > <marker> $1 ; */
            static const char want[] = "[:^script=Han:]{([:script=Han:])} > ";
            int32_t w = (int32_t)sizeof want - 1;
            ok = len == w + 6 && starts(line, len, want) && line[w] == MARK &&
                 starts(line + w + 1, len - w - 1, " $1 ;");
            stage = 1;
        } else if (stage == 1) {
            ok = len == (int32_t)sizeof spacing - 1 && starts(line, len, spacing);
            stage = 2;
        } else if (stage == 2 && !starts(line, len, "::Null();")) {
            ctx_rule r;
            const UChar *set, *out;
            int32_t nset, nout;
            if (!parse_rule(line, len, &r, &set, &nset, &out, &nout) || set ||
                hf.nnames == MAX_CTX) {
                ok = false;
                break;
            }
            if ((r.out = store(out, nout)) == UINT32_MAX) {
                ok = false;
                break;
            }
            hf.names[hf.nnames++] = r;
        } else {
            /* the tail, compared as UTF-8 */
            if (stage == 2)
                stage = 3;
            int k = stage - 3;
            if (k >= 4) {
                ok = false;
                break;
            }
            char utf8[64];
            int32_t m = 0;
            UErrorCode st = U_ZERO_ERROR;
            u_strToUTF8(utf8, sizeof utf8 - 1, &m, line, len, &st);
            ok = U_SUCCESS(st) && (size_t)m == strlen(tail[k]) && memcmp(utf8, tail[k], m) == 0;
            stage++;
        }
    }
    nomen__free(u);
    return ok && stage == 7 && hf.nnames > 0;
}

static int cmp_repl(const void *a, const void *b)
{
    const repl *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Hant-Hans: "lhs > rhs;" with both literal (no syntax characters). */
static bool literal(const UChar *u, int32_t n)
{
    if (n <= 0)
        return false;
    for (int32_t i = 0; i < n; i++) {
        UChar c = u[i];
        if (c < 0x80 &&
            !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

static bool build_hans(void)
{
    int32_t n;
    UChar *u = rules_of("Hant-Hans", &n);
    if (!u)
        return false;
    bool ok = true;
    size_t cap = 0;
    int32_t pos = 0, len;
    const UChar *line;
    while (ok && (line = next_line(u, n, &pos, &len))) {
        int32_t arrow = find_arrow(line, len);
        if (arrow <= 0 || line[len - 1] != ';' || !literal(line, arrow) ||
            !literal(line + arrow + 3, len - 1 - arrow - 3)) {
            ok = false;
            break;
        }
        repl r = {0, (uint32_t)hf.nrepl, (uint32_t)hf.ncps, 0, 0};
        for (int32_t i = 0; ok && i < arrow;) {
            UChar32 c;
            U16_NEXT(line, i, arrow, c);
            if (hf.ncps == hf.capcps) {
                void *p = hf.cps;
                ok = nomen__grow(&p, &hf.capcps, hf.ncps + 1, sizeof *hf.cps);
                hf.cps = p;
                if (!ok)
                    break;
            }
            hf.cps[hf.ncps++] = (uint32_t)c;
            r.nlhs++;
        }
        if (!ok || (r.rhs = store(line + arrow + 3, len - 1 - arrow - 3)) == UINT32_MAX) {
            ok = false;
            break;
        }
        r.first = hf.cps[r.lhs];
        if (hf.nrepl == cap) {
            void *p = hf.repl;
            if (!nomen__grow(&p, &cap, hf.nrepl + 1, sizeof *hf.repl)) {
                ok = false;
                break;
            }
            hf.repl = p;
        }
        hf.repl[hf.nrepl++] = r;
    }
    nomen__free(u);
    if (!ok || hf.nrepl == 0)
        return false;
    qsort(hf.repl, hf.nrepl, sizeof *hf.repl, cmp_repl);
    return true;
}

static void hf_build(void)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
    if (U_SUCCESS(st))
        hf.latin_ok = build_latin(nfkc);
    hf.names_ok = hf.latin_ok && build_names();
    hf.hans_ok = build_hans();
}

/* ---- applying ------------------------------------------------------------ */

static const char *latin_of(uint32_t cp)
{
    size_t lo = 0, hi = hf.nlatin;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (hf.latin[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < hf.nlatin && hf.latin[lo].cp == cp ? hf.strs.data + hf.latin[lo].out : NULL;
}

/* The first rule of list (in order) that reads c[i]; NULL when none. */
static const char *rule_for(const ctx_rule *list, size_t nlist, const uint32_t *c, size_t n,
                            size_t i, const bool *taken)
{
    for (size_t k = 0; k < nlist; k++) {
        const ctx_rule *r = &list[k];
        if (r->key != c[i] || (r->at_start && i != 0))
            continue;
        if (r->next && (i + 1 >= n || c[i + 1] != r->next || (taken && taken[i + 1])))
            continue;
        return hf.strs.data + r->out;
    }
    return NULL;
}

/* Han-Latin (names false) or Han-Latin/Names of the code points c[0..n),
 * every one a plain ideograph whose reading is plain[i]: the readings joined by single
 * spaces, as the spacing pass and the rules give them. */
static bool han_latin(const uint32_t *c, const char *const *plain, size_t n, bool names,
                      nomen__buf *out)
{
    const char *r[MAXLEN];
    bool taken[MAXLEN]; /* read by a /Names rule, before Han-Latin runs */
    for (size_t i = 0; i < n; i++) {
        r[i] = names ? rule_for(hf.names, hf.nnames, c, n, i, NULL) : NULL;
        taken[i] = r[i] != NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (!r[i])
            r[i] = rule_for(hf.ctx, hf.nctx, c, n, i, taken);
        if (!r[i])
            r[i] = plain[i];
        if ((i && !nomen__buf_addc(out, ' ')) || !nomen__buf_adds(out, r[i]))
            return false;
    }
    return true;
}

static bool hant_hans(const uint32_t *c, size_t n, nomen__buf *out)
{
    for (size_t i = 0; i < n;) {
        size_t lo = 0, hi = hf.nrepl;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (hf.repl[mid].first < c[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        const repl *hit = NULL;
        for (size_t k = lo; k < hf.nrepl && hf.repl[k].first == c[i]; k++) {
            const repl *x = &hf.repl[k];
            if (x->nlhs <= n - i && memcmp(hf.cps + x->lhs, c + i, x->nlhs * sizeof *c) == 0) {
                hit = x;
                break;
            }
        }
        if (hit) {
            if (!nomen__buf_adds(out, hf.strs.data + hit->rhs))
                return false;
            i += hit->nlhs;
        } else {
            char b[4];
            if (!nomen__buf_add(out, b, (size_t)nomen__utf8_encode(c[i], b)))
                return false;
            i++;
        }
    }
    return true;
}

int nomen__hanfast_run(int which, const char *s, size_t len, nomen__buf *out)
{
    if (which != NOMEN__TR_HAN_LATIN && which != NOMEN__TR_HAN_LATIN_NAMES &&
        which != NOMEN__TR_HANT_HANS)
        return NOMEN__HANFAST_DECLINED;
    pthread_once(&hf_once, hf_build);
    uint32_t c[MAXLEN];
    size_t n = nomen__utf8_decode(s, len, c, MAXLEN);
    if (n == 0 || n > MAXLEN)
        return NOMEN__HANFAST_DECLINED;
    size_t before = out->len;
    bool ok;
    if (which == NOMEN__TR_HANT_HANS) {
        if (!hf.hans_ok)
            return NOMEN__HANFAST_DECLINED;
        ok = hant_hans(c, n, out);
    } else {
        if (which == NOMEN__TR_HAN_LATIN ? !hf.latin_ok : !hf.names_ok)
            return NOMEN__HANFAST_DECLINED;
        const char *plain[MAXLEN]; /* each character's own reading */
        for (size_t i = 0; i < n; i++)
            if (!(plain[i] = latin_of(c[i])))
                return NOMEN__HANFAST_DECLINED;
        ok = han_latin(c, plain, n, which == NOMEN__TR_HAN_LATIN_NAMES, out);
    }
    if (!ok) {
        nomen__buf_truncate(out, before);
        return NOMEN_ERR_NOMEM;
    }
    return NOMEN_OK;
}

bool nomen__hanfast_ready(int which)
{
    pthread_once(&hf_once, hf_build);
    return which == NOMEN__TR_HAN_LATIN         ? hf.latin_ok
           : which == NOMEN__TR_HAN_LATIN_NAMES ? hf.names_ok
           : which == NOMEN__TR_HANT_HANS       ? hf.hans_ok
                                                : false;
}
