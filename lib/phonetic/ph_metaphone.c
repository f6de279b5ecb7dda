/*
 * ph_metaphone.c: the phonetic stage's Metaphone (Lawrence Philips, "Hanging
 * on the Metaphone", Computer Language 7(12), 1990). Sixteen consonant
 * sounds (0 stands for TH); vowels count only at the start of a word.
 *
 * Two readings of Philips' rules are kept, because the projects whose codes
 * we must reproduce disagree:
 * - commons-codec (Metaphone.java): the initial exceptions AE- GN- KN- PN-
 *   WR- drop the first letter, WH- becomes W, X- becomes S; an initial H
 *   needs a vowel after it; SCH gives SK; the code stops at max_len.
 * - jellyfish (and talisman, whose nine rows agree with it): the same
 *   initial exceptions but no X- rule; an initial H is always kept;
 *   spaces separate words (a vowel after a space counts as initial, one
 *   space is kept in the code); characters other than letters are ignored.
 * Both skip a letter equal to the next one, except C.
 */
#include "phonetic/phonetic.h"

void nomen__metaphone_opts_init(nomen__metaphone_opts *o)
{
    o->variant = NOMEN__METAPHONE_COMMONS;
    o->max_len = 0; /* no cap: longer codes separate more names */
    o->fold_marks = true;
}

typedef struct word {
    const uint32_t *s;
    size_t n;
} word;

/* The character at i, or 0 outside the word. */
static uint32_t at(const word *w, size_t i)
{
    return i < w->n ? w->s[i] : 0;
}

static bool vowel(uint32_t c)
{
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

static bool front(uint32_t c) /* E I Y: a following front vowel softens C G */
{
    return c == 'E' || c == 'I' || c == 'Y';
}

static bool varson(uint32_t c) /* letters that make a following H silent */
{
    return c == 'C' || c == 'S' || c == 'P' || c == 'T' || c == 'G';
}

static bool region(const word *w, size_t i, const char *t)
{
    for (size_t k = 0; t[k]; k++)
        if (at(w, i + k) != (uint32_t)(unsigned char)t[k])
            return false;
    return true;
}

/* Output with a cap (0 = none). */
typedef struct code {
    nomen__buf *out;
    size_t n, cap;
    bool nomem;
} code;

static void put(code *c, char x)
{
    if (c->cap && c->n >= c->cap)
        return;
    if (!nomen__buf_addc(c->out, x))
        c->nomem = true;
    c->n++;
}

static bool full(const code *c)
{
    return c->cap && c->n >= c->cap;
}

static void metaphone_commons(uint32_t *s, size_t n, code *out)
{
    if (n == 0)
        return;
    if (n == 1) { /* a single character is its own code */
        if (!nomen__ph_put(out->out, s[0]))
            out->nomem = true;
        return;
    }
    word w = {s, n};
    switch (s[0]) {
    case 'K':
    case 'G':
    case 'P':
        if (s[1] == 'N')
            w.s++, w.n--;
        break;
    case 'A':
        if (s[1] == 'E')
            w.s++, w.n--;
        break;
    case 'W':
        if (s[1] == 'R') {
            w.s++, w.n--;
        } else if (s[1] == 'H') {
            s[1] = 'W'; /* WH- becomes W */
            w.s++, w.n--;
        }
        break;
    case 'X':
        s[0] = 'S';
        break;
    default:
        break;
    }
    size_t len = w.n;
    for (size_t i = 0; i < len && !full(out); i++) {
        uint32_t c = w.s[i];
        bool last = i + 1 == len;
        if (c != 'C' && i > 0 && w.s[i - 1] == c)
            continue; /* doubled letters count once, except C */
        switch (c) {
        case 'A':
        case 'E':
        case 'I':
        case 'O':
        case 'U':
            if (i == 0)
                put(out, (char)c);
            break;
        case 'B': /* silent in a final MB */
            if (!(i > 0 && w.s[i - 1] == 'M' && last))
                put(out, 'B');
            break;
        case 'C':
            if (i > 0 && w.s[i - 1] == 'S' && !last && front(w.s[i + 1]))
                break; /* SCI SCE SCY: silent */
            if (region(&w, i, "CIA"))
                put(out, 'X');
            else if (!last && front(w.s[i + 1]))
                put(out, 'S');
            else if (i > 0 && w.s[i - 1] == 'S' && at(&w, i + 1) == 'H')
                put(out, 'K'); /* SCH */
            else if (at(&w, i + 1) == 'H')
                put(out, 'X'); /* CH, initial or not (CHERI, CHRIST: X) */
            else
                put(out, 'K');
            break;
        case 'D':
            if (i + 2 < len && w.s[i + 1] == 'G' && front(w.s[i + 2])) {
                put(out, 'J'); /* DGE DGI DGY */
                i += 2;
            } else {
                put(out, 'T');
            }
            break;
        case 'G':
            if (i + 2 == len && w.s[i + 1] == 'H')
                break; /* final GH */
            if (i + 2 < len && w.s[i + 1] == 'H' && !vowel(w.s[i + 2]))
                break; /* GH before a consonant */
            if (i > 0 && (region(&w, i, "GN") || region(&w, i, "GNED")))
                break;
            if (!last && front(w.s[i + 1]) && !(i > 0 && w.s[i - 1] == 'G'))
                put(out, 'J');
            else
                put(out, 'K');
            break;
        case 'H':
            if (last || (i > 0 && varson(w.s[i - 1])))
                break;
            if (vowel(at(&w, i + 1)))
                put(out, 'H');
            break;
        case 'F':
        case 'J':
        case 'L':
        case 'M':
        case 'N':
        case 'R':
            put(out, (char)c);
            break;
        case 'K':
            if (i == 0 || w.s[i - 1] != 'C')
                put(out, 'K');
            break;
        case 'P':
            put(out, at(&w, i + 1) == 'H' ? 'F' : 'P');
            break;
        case 'Q':
            put(out, 'K');
            break;
        case 'S':
            put(out,
                region(&w, i, "SH") || region(&w, i, "SIO") || region(&w, i, "SIA") ? 'X' : 'S');
            break;
        case 'T':
            if (region(&w, i, "TIA") || region(&w, i, "TIO"))
                put(out, 'X');
            else if (region(&w, i, "TCH"))
                break;
            else
                put(out, region(&w, i, "TH") ? '0' : 'T');
            break;
        case 'V':
            put(out, 'F');
            break;
        case 'W':
        case 'Y':
            if (!last && vowel(w.s[i + 1]))
                put(out, (char)c);
            break;
        case 'X':
            put(out, 'K');
            put(out, 'S');
            break;
        case 'Z':
            put(out, 'S');
            break;
        default:
            break;
        }
    }
}

static void metaphone_jellyfish(const uint32_t *s0, size_t n, code *out)
{
    word w = {s0, n};
    if (n >= 2 && (region(&w, 0, "KN") || region(&w, 0, "GN") || region(&w, 0, "PN") ||
                   region(&w, 0, "WR") || region(&w, 0, "AE")))
        w.s++, w.n--;
    const uint32_t *s = w.s;
    n = w.n;
    bool any = false, space_last = false;
    for (size_t i = 0; i < n && !full(out); i++) {
        uint32_t c = s[i], next = at(&w, i + 1), next2 = at(&w, i + 2);
        size_t before = out->n;
        if (c == next && c != 'C')
            continue;
        bool word_start = i == 0 || s[i - 1] == ' ';
        switch (c) {
        case 'A':
        case 'E':
        case 'I':
        case 'O':
        case 'U':
            if (word_start)
                put(out, (char)c);
            break;
        case 'B':
            if (!(i > 0 && s[i - 1] == 'M' && i + 1 == n))
                put(out, 'B');
            break;
        case 'C':
            if ((next == 'I' && next2 == 'A') || next == 'H') {
                put(out, 'X');
                i++;
            } else if (front(next)) {
                put(out, 'S');
                i++;
            } else {
                put(out, 'K');
            }
            break;
        case 'D':
            if (next == 'G' && front(next2)) {
                put(out, 'J');
                i += 2;
            } else {
                put(out, 'T');
            }
            break;
        case 'F':
        case 'J':
        case 'L':
        case 'M':
        case 'N':
        case 'R':
            put(out, (char)c);
            break;
        case 'G':
            if (front(next))
                put(out, 'J');
            else if (next == 'H' && !vowel(next2))
                i++; /* GH at the end or before a consonant: silent */
            else if (next == 'N' && i + 2 == n)
                i++; /* final GN */
            else
                put(out, 'K');
            break;
        case 'H':
            if (i == 0 || vowel(next) || !vowel(s[i - 1]))
                put(out, 'H');
            break;
        case 'K':
            if (i == 0 || s[i - 1] != 'C')
                put(out, 'K');
            break;
        case 'P':
            if (next == 'H') {
                put(out, 'F');
                i++;
            } else {
                put(out, 'P');
            }
            break;
        case 'Q':
            put(out, 'K');
            break;
        case 'S':
            if (next == 'H') {
                put(out, 'X');
                i++;
            } else if (next == 'I' && (next2 == 'O' || next2 == 'A')) {
                put(out, 'X');
                i += 2;
            } else {
                put(out, 'S');
            }
            break;
        case 'T':
            if (next == 'I' && (next2 == 'O' || next2 == 'A')) {
                put(out, 'X');
            } else if (next == 'H') {
                put(out, '0');
                i++;
            } else if (next != 'C' || next2 != 'H') {
                put(out, 'T');
            }
            break;
        case 'V':
            put(out, 'F');
            break;
        case 'W':
            if (i == 0 && next == 'H') {
                put(out, 'W');
                i++;
            } else if (vowel(next)) {
                put(out, 'W');
            }
            break;
        case 'X':
            if (i == 0) {
                put(out,
                    next == 'H' || (next == 'I' && (next2 == 'O' || next2 == 'A')) ? 'X' : 'S');
            } else {
                put(out, 'K');
                put(out, 'S');
            }
            break;
        case 'Y':
            if (vowel(next))
                put(out, 'Y');
            break;
        case 'Z':
            put(out, 'S');
            break;
        case ' ':
            if (any && !space_last) {
                put(out, ' ');
                space_last = true;
            }
            break;
        default:
            break;
        }
        if (out->n > before && c != ' ') {
            any = true;
            space_last = false;
        }
    }
}

int nomen__metaphone(const char *s, size_t len, const nomen__metaphone_opts *o, nomen__buf *out)
{
    nomen__ph_text t;
    int rc = nomen__ph_prepare(s, len, o->fold_marks, &t);
    if (rc != NOMEN_OK)
        return rc;
    code c = {out, 0, o->max_len, false};
    if (o->variant == NOMEN__METAPHONE_JELLYFISH)
        metaphone_jellyfish(t.cp, t.n, &c);
    else
        metaphone_commons(t.cp, t.n, &c);
    nomen__ph_text_free(&t);
    return c.nomem ? NOMEN_ERR_NOMEM : NOMEN_OK;
}
