/*
 * normalize.c: name text to tokens (normalize stage).
 *
 * The steps, in order:
 *  1. Refuse over-long input and invalid UTF-8 (with the byte offset).
 *  2. NFC, so that a letter and its combining marks are one unit.
 *  3. Split into tokens. Every code point is a word character (letter, mark,
 *     digit), a soft mark (hyphen or apostrophe variants), a comma, an
 *     ignorable (soft hyphen, zero-width space ...: dropped without a trace)
 *     or a separator (space, middle dots, other punctuation). A token is a run
 *     of word characters and soft marks; a change of script ends it (陈Chen is
 *     two tokens). Soft marks between word characters split the token into
 *     pieces; so does a lower-to-upper case change (QuanGuo). Leading and
 *     trailing marks are dropped.
 *  4. Each piece gets its key: NFKC_Casefold, Any-Latin for non-Latin
 *     scripts, marks removed (ü kept in the marked form), Latin-ASCII for what
 *     is left, then letters and digits only. A Han token is transliterated as
 *     a whole with Han-Latin (whole-string, never incremental), its first
 *     syllable taken from Han-Latin/Names on the simplified characters (the
 *     surname reading: 曾 zeng, not ceng; 单 shan, not dan).
 *
 * Invariant: the token strings are NUL-terminated in one buffer; tokens store
 * offsets, so the buffer may grow while tokens are added.
 */
#include "normalize/normalize.h"

#include <string.h>

enum { C_WORD, C_HYPHEN, C_APOS, C_COMMA, C_IGNORE, C_SEP };

/* Where these come from: the hyphens are every Dash_Punctuation character
 * used inside names (U+2010..U+2015, minus sign, small and full-width forms);
 * the apostrophes are the quote and modifier-letter characters that stand for
 * an apostrophe in romanized names (ʼ ʻ ʾ ʿ are letters to Unicode, but mark
 * an apostrophe, hamza or ayn in names); the ignorables are the default
 * ignorable code points that appear in pasted names. */
static int classify(uint32_t cp)
{
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'))
            return C_WORD;
        if (cp == '-')
            return C_HYPHEN;
        if (cp == '\'' || cp == '`')
            return C_APOS;
        if (cp == ',')
            return C_COMMA;
        return C_SEP;
    }
    switch (cp) {
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0x2E3A:
    case 0x2E3B:
    case 0xFE58:
    case 0xFE63:
    case 0xFF0D:
        return C_HYPHEN;
    case 0x00B4:
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x2032:
    case 0x02B9:
    case 0x02BB:
    case 0x02BC:
    case 0x02BD:
    case 0x02BE:
    case 0x02BF:
    case 0xFF07:
    case 0x055A:
        return C_APOS;
    case 0xFF0C:
    case 0x3001:
    case 0x060C:
    case 0xFE50:
        return C_COMMA;
    case 0x00AD:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
    case 0x034F:
    case 0x180E:
        return C_IGNORE;
    default:
        break;
    }
    return nomen__is_word_char(cp) ? C_WORD : C_SEP;
}

void nomen__tokens_free(nomen__tokens *t)
{
    nomen__free(t->tok);
    nomen__buf_free(&t->strings);
    t->tok = NULL;
    t->n = t->cap = 0;
}

int nomen__norm_init(nomen__norm *nz, const nomen__translit_proto *proto, nomen__err *err)
{
    memset(nz, 0, sizeof(*nz));
    return nomen__translit_new(proto, &nz->tr, err);
}

void nomen__norm_free(nomen__norm *nz)
{
    nomen__translit_free(nz->tr);
    nomen__buf_free(&nz->a);
    nomen__buf_free(&nz->b);
    nomen__buf_free(&nz->c);
    nomen__buf_free(&nz->d);
    nomen__buf_free(&nz->e);
    memset(nz, 0, sizeof(*nz));
}

/* A placeholder for ü while Latin-ASCII runs (which would fold it to u). A
 * control character cannot occur in a casefolded name piece. */
#define UMLAUT_HOLD '\x01'

static bool is_ascii_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/*
 * Fold one piece (valid UTF-8) into the key and marked outputs. any_latin:
 * transliterate with Any-Latin first. Spaces and hyphens that the
 * transliteration produces become soft marks in `marked` (Han syllables).
 */
static int fold_piece(nomen__norm *nz, const char *s, size_t n, int tr, nomen__buf *key,
                      nomen__buf *marked)
{
    bool any_latin = tr >= 0;
    int rc;
    size_t i = 0;
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    if (i == n && !any_latin) {
        /* ASCII fast path: lower-case letters and digits. */
        if (!nomen__buf_reserve(key, n) || !nomen__buf_reserve(marked, n))
            return NOMEN_ERR_NOMEM;
        for (i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            if (is_ascii_alnum(c)) {
                key->data[key->len++] = (char)c;
                marked->data[marked->len++] = (char)c;
            }
        }
        key->data[key->len] = '\0';
        marked->data[marked->len] = '\0';
        return NOMEN_OK;
    }
    nomen__buf *a = &nz->a, *b = &nz->b, *c = &nz->c;
    nomen__buf_clear(a);
    nomen__buf_clear(b);
    nomen__buf_clear(c);
    if ((rc = nomen__nfkc_casefold(s, n, a)))
        return rc;
    const nomen__buf *src = a;
    /* Arabic taa marbuta (U+0629) ends a name in -a (أسامة Usama, حمزة
     * Hamza, فاطمة Fatima): Latin spellings write a or ah, never the t that
     * Any-Latin gives (ẗ). Read as alif (U+0627, the same two bytes), so
     * that the key and its consonant skeleton (sm) agree with the Latin
     * ones. */
    for (size_t r = 0; r + 1 < a->len; r++)
        if ((unsigned char)a->data[r] == 0xD8 && (unsigned char)a->data[r + 1] == 0xA9)
            a->data[r + 1] = (char)0xA7;
    if (any_latin) {
        if ((rc = nomen__translit_run(nz->tr, tr, a->data, a->len, b)))
            return rc;
        /* Any-Latin may produce capitals (Greek, Armenian titlecase). */
        nomen__buf_clear(a);
        if ((rc = nomen__nfkc_casefold(nomen__buf_str(b), b->len, a)))
            return rc;
    }
    nomen__buf_clear(b);
    if ((rc = nomen__strip_marks_ex(nomen__buf_str(src), src->len, true, b)))
        return rc;
    /* Hold ü aside, then fold whatever else is not ASCII with Latin-ASCII. */
    bool non_ascii = false;
    for (size_t r = 0; r < b->len;) {
        unsigned char ch = (unsigned char)b->data[r];
        if (ch == 0xC3 && r + 1 < b->len && (unsigned char)b->data[r + 1] == 0xBC) {
            if (!nomen__buf_addc(c, UMLAUT_HOLD))
                return NOMEN_ERR_NOMEM;
            r += 2;
            continue;
        }
        if (ch >= 0x80)
            non_ascii = true;
        if (!nomen__buf_addc(c, (char)ch))
            return NOMEN_ERR_NOMEM;
        r++;
    }
    const nomen__buf *fin = c;
    if (non_ascii) {
        nomen__buf_clear(a);
        if ((rc = nomen__translit_run(nz->tr, NOMEN__TR_LATIN_ASCII, c->data, c->len, a)))
            return rc;
        fin = a;
    }
    /* Keep letters and digits; turn inner spaces and hyphens into marks. */
    char pending = 0;
    size_t start_marked = marked->len;
    const char *f = nomen__buf_str(fin);
    for (size_t r = 0; r < fin->len;) {
        unsigned char ch = (unsigned char)f[r];
        if (ch < 0x80) {
            r++;
            if (ch >= 'A' && ch <= 'Z')
                ch = (unsigned char)(ch + 32);
            if (is_ascii_alnum(ch) || ch == UMLAUT_HOLD) {
                if (pending && marked->len > start_marked && !nomen__buf_addc(marked, pending))
                    return NOMEN_ERR_NOMEM;
                pending = 0;
                bool ok = ch == UMLAUT_HOLD
                              ? nomen__buf_addc(key, 'u') && nomen__buf_add(marked, "\xc3\xbc", 2)
                              : nomen__buf_addc(key, (char)ch) && nomen__buf_addc(marked, (char)ch);
                if (!ok)
                    return NOMEN_ERR_NOMEM;
            } else if (ch == ' ' || ch == '-') {
                if (pending != '-')
                    pending = (char)ch;
            }
            continue;
        }
        /* A letter that has no ASCII form (Tibetan, Ethiopic ...): keep it.
         * Spacing modifier letters (U+02B0..U+02FF: the ayn and hamza marks ʿ ʾ
         * that Arabic transliteration leaves) are signs, not letters: drop. */
        uint32_t cp;
        int k = nomen__utf8_next(f + r, fin->len - r, &cp);
        if (nomen__is_word_char(cp) && !(cp >= 0x02B0 && cp <= 0x02FF)) {
            if (pending && marked->len > start_marked && !nomen__buf_addc(marked, pending))
                return NOMEN_ERR_NOMEM;
            pending = 0;
            if (!nomen__buf_add(key, f + r, (size_t)k) || !nomen__buf_add(marked, f + r, (size_t)k))
                return NOMEN_ERR_NOMEM;
        }
        r += (size_t)k;
    }
    return NOMEN_OK;
}

/* Count space-separated syllables and find where the first one ends. */
static size_t first_syllable_end(const char *s, size_t n, size_t *count)
{
    size_t end = n, c = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ') {
            if (in && c == 1 && end == n)
                end = i;
            in = false;
        } else if (!in) {
            in = true;
            c++;
        }
    }
    *count = c;
    return end;
}

/* The pinyin of a Han token: whole-string Han-Latin of the characters as
 * written. For the first Han token of a name (where a surname stands), the
 * first syllable is replaced by the Han-Latin/Names reading of the simplified
 * form, when both give the same number of syllables (so the replacement
 * cannot misalign). /Names is never applied elsewhere: it assumes that the
 * string starts with a surname (解放军 would become xie fang jun). */
static int han_reading(nomen__norm *nz, const char *text, size_t n, const char *hans, size_t hans_n,
                       bool surname_first, nomen__buf *out)
{
    int rc;
    nomen__buf plain = {0}, names = {0};
    if ((rc = nomen__translit_run(nz->tr, NOMEN__TR_HAN_LATIN, text, n, &plain)))
        goto done;
    if (!surname_first) {
        if (!nomen__buf_add(out, nomen__buf_str(&plain), plain.len))
            rc = NOMEN_ERR_NOMEM;
        goto done;
    }
    if ((rc = nomen__translit_run(nz->tr, NOMEN__TR_HAN_LATIN_NAMES, hans, hans_n, &names)))
        goto done;
    size_t pc, nc;
    size_t pend = first_syllable_end(nomen__buf_str(&plain), plain.len, &pc);
    size_t nend = first_syllable_end(nomen__buf_str(&names), names.len, &nc);
    /* /Names output may begin with a space where its marker stood. */
    size_t nstart = 0;
    while (nstart < names.len && names.data[nstart] == ' ')
        nstart++;
    if (nstart)
        nend = first_syllable_end(names.data + nstart, names.len - nstart, &nc) + nstart;
    if (pc == nc && pc > 0) {
        if (!nomen__buf_add(out, names.data + nstart, nend - nstart) ||
            !nomen__buf_add(out, plain.data + pend, plain.len - pend))
            rc = NOMEN_ERR_NOMEM;
    } else if (!nomen__buf_add(out, nomen__buf_str(&plain), plain.len)) {
        rc = NOMEN_ERR_NOMEM;
    }
done:
    nomen__buf_free(&plain);
    nomen__buf_free(&names);
    return rc;
}

/* One token being assembled: its byte span in the NFC text and its pieces. */
#define MAX_PIECES 64
typedef struct span {
    size_t start, end;
    char mark; /* the soft mark before this piece (0 for the first) */
} span;

typedef struct tokstate {
    size_t start, end; /* bytes of the whole token in the NFC text */
    int script;
    span piece[MAX_PIECES];
    size_t npieces;
    char pending;  /* a soft mark seen after the last word character */
    bool han_seen; /* an earlier token of this name was Han */
    uint32_t last_cp;
    bool active;
} tokstate;

static uint32_t store(nomen__tokens *out, const char *s, size_t n, bool *ok)
{
    uint32_t off = (uint32_t)out->strings.len;
    if (!nomen__buf_add(&out->strings, s, n) || !nomen__buf_addc(&out->strings, '\0'))
        *ok = false;
    return off;
}

static int emit_token(nomen__norm *nz, const char *nfc, tokstate *ts, nomen__tokens *out,
                      nomen__buf *key, nomen__buf *marked, nomen__buf *hans)
{
    int rc;
    nomen__buf_clear(key);
    nomen__buf_clear(marked);
    nomen__buf_clear(hans);
    const char *text = nfc + ts->start;
    size_t tlen = ts->end - ts->start;
    if (ts->script == NOMEN_SCRIPT_HAN) {
        nomen__buf reading = {0};
        rc = nomen__translit_run(nz->tr, NOMEN__TR_HANT_HANS, text, tlen, hans);
        if (!rc)
            rc = han_reading(nz, text, tlen, nomen__buf_str(hans), hans->len, !ts->han_seen,
                             &reading);
        if (!rc)
            rc = fold_piece(nz, nomen__buf_str(&reading), reading.len, -1, key, marked);
        nomen__buf_free(&reading);
        if (rc)
            return rc;
    } else {
        /* Other scripts go to Latin through Any-Latin; Cyrillic keys through
         * BGN/PCGN instead, the romanization the lists use (Yevgeniy, not
         * Evgenij), while the marked form keeps the Any-Latin reading that
         * the romanizer's Palladius route expects (Чэнь -> cen). */
        bool other = ts->script != NOMEN_SCRIPT_LATIN && ts->script != NOMEN_SCRIPT_UNKNOWN;
        int tr = other ? NOMEN__TR_ANY_LATIN : -1;
        bool cyrillic = ts->script == NOMEN_SCRIPT_CYRILLIC;
        for (size_t p = 0; p < ts->npieces; p++) {
            size_t before = marked->len;
            if (ts->piece[p].mark && marked->len > 0 && !nomen__buf_addc(marked, ts->piece[p].mark))
                return NOMEN_ERR_NOMEM;
            size_t with_mark = marked->len;
            const char *ps = nfc + ts->piece[p].start;
            size_t pn = ts->piece[p].end - ts->piece[p].start;
            if (cyrillic) {
                nomen__buf_clear(&nz->d);
                nomen__buf_clear(&nz->e);
                rc = fold_piece(nz, ps, pn, NOMEN__TR_CYRILLIC, key, &nz->d);
                if (!rc)
                    rc = fold_piece(nz, ps, pn, tr, &nz->e, marked);
            } else {
                rc = fold_piece(nz, ps, pn, tr, key, marked);
            }
            if (rc)
                return rc;
            if (marked->len == with_mark && marked->data) { /* the piece folded to nothing */
                marked->len = before;
                marked->data[before] = '\0';
            }
        }
    }
    if (ts->script == NOMEN_SCRIPT_HAN)
        ts->han_seen = true;
    if (key->len == 0)
        return NOMEN_OK; /* nothing comparable (e.g. a lone combining mark) */
    void *items = out->tok;
    if (!nomen__grow(&items, &out->cap, out->n + 1, sizeof(nomen__token)))
        return NOMEN_ERR_NOMEM;
    out->tok = items;
    nomen__token *t = &out->tok[out->n];
    memset(t, 0, sizeof(*t));
    bool ok = true;
    nomen__buf_clear(&nz->a);
    if ((rc = nomen__nfc(text, tlen, &nz->a)))
        return rc;
    t->text = store(out, nomen__buf_str(&nz->a), nz->a.len, &ok);
    t->text_len = (uint32_t)nz->a.len;
    t->key = store(out, nomen__buf_str(key), key->len, &ok);
    t->key_len = (uint32_t)key->len;
    t->marked = store(out, nomen__buf_str(marked), marked->len, &ok);
    t->marked_len = (uint32_t)marked->len;
    if (ts->script == NOMEN_SCRIPT_HAN) {
        t->hans = store(out, nomen__buf_str(hans), hans->len, &ok);
        t->hans_len = (uint32_t)hans->len;
    }
    t->script = (uint8_t)ts->script;
    if (!ok)
        return NOMEN_ERR_NOMEM;
    out->n++;
    return NOMEN_OK;
}

static void start_piece(tokstate *ts, size_t at, char mark)
{
    if (ts->npieces == MAX_PIECES) {
        /* More soft marks than any name has: merge the rest into the last piece. */
        return;
    }
    ts->piece[ts->npieces].start = at;
    ts->piece[ts->npieces].end = at;
    ts->piece[ts->npieces].mark = mark;
    ts->npieces++;
}

int nomen__normalize(nomen__norm *nz, const char *text, size_t len, nomen__tokens *out,
                     nomen__err *err)
{
    out->n = 0;
    nomen__buf_clear(&out->strings);
    if (!nomen__buf_addc(&out->strings, '\0'))
        return nomen__err_set(err, NOMEN_ERR_NOMEM, "out of memory");
    if (len > NOMEN_NAME_MAX_BYTES)
        return nomen__err_set(err, NOMEN_ERR_LIMIT, "name is %zu bytes long; the limit is %d", len,
                              NOMEN_NAME_MAX_BYTES);
    size_t bad = 0;
    if (!nomen__utf8_valid(text, len, &bad))
        return nomen__err_set(err, NOMEN_ERR_UTF8, "invalid UTF-8 at byte %zu", bad);

    nomen__buf nfc = {0}, key = {0}, marked = {0}, hans = {0};
    int rc = nomen__nfc(text, len, &nfc);
    tokstate ts;
    memset(&ts, 0, sizeof(ts));
    const char *s = nomen__buf_str(&nfc);
    size_t n = nfc.len;
    for (size_t i = 0; !rc && i <= n;) {
        uint32_t cp = 0;
        int k = 1, cls = C_SEP;
        if (i < n) {
            k = nomen__utf8_next(s + i, n - i, &cp);
            cls = classify(cp);
        }
        if (cls == C_IGNORE) {
            i += (size_t)k;
            continue;
        }
        if (cls == C_WORD) {
            int sc = nomen__script_of(cp);
            if (ts.active && sc != NOMEN_SCRIPT_UNKNOWN && ts.script != NOMEN_SCRIPT_UNKNOWN &&
                sc != ts.script) {
                /* A script change ends the token. */
                rc = emit_token(nz, s, &ts, out, &key, &marked, &hans);
                ts.active = false;
            }
            if (!ts.active) {
                bool han_seen = ts.han_seen;
                memset(&ts, 0, sizeof(ts));
                ts.han_seen = han_seen;
                ts.active = true;
                ts.start = i;
                ts.script = sc;
                start_piece(&ts, i, 0);
            } else {
                if (ts.script == NOMEN_SCRIPT_UNKNOWN)
                    ts.script = sc;
                if (ts.pending)
                    start_piece(&ts, i, ts.pending);
                else if (nomen__is_lower(ts.last_cp) && nomen__is_upper(cp))
                    start_piece(&ts, i, '|');
            }
            ts.pending = 0;
            ts.last_cp = cp;
            i += (size_t)k;
            ts.end = i;
            ts.piece[ts.npieces - 1].end = i;
            continue;
        }
        if (ts.active && (cls == C_HYPHEN || cls == C_APOS)) {
            /* A soft mark; a hyphen wins over an apostrophe in a run of marks. */
            char m = cls == C_HYPHEN ? '-' : '\'';
            if (ts.pending != '-')
                ts.pending = m;
            i += (size_t)k;
            continue;
        }
        /* A separator, a comma or the end: close the token. */
        if (ts.active) {
            size_t before = out->n;
            rc = emit_token(nz, s, &ts, out, &key, &marked, &hans);
            ts.active = false;
            (void)before;
        }
        if (cls == C_COMMA && out->n > 0)
            out->tok[out->n - 1].comma = 1;
        i += (size_t)k;
    }
    nomen__buf_free(&nfc);
    nomen__buf_free(&key);
    nomen__buf_free(&marked);
    nomen__buf_free(&hans);
    if (rc) {
        out->n = 0;
        return nomen__err_set(err, rc, "normalizing a name: %s", nomen_status_str(rc));
    }
    return NOMEN_OK;
}
