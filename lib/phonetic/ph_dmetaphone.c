/*
 * ph_dmetaphone.c: the phonetic stage's Double Metaphone (Lawrence Philips,
 * "The Double Metaphone Search Algorithm", C/C++ Users Journal, June 2000).
 * Each name gets a primary code and an alternate code for a second common
 * pronunciation (Slavic, Germanic, Italian, Spanish, French, Greek, Chinese
 * readings of the same spelling): "Schmidt" XMT / SMT, "Zhang" JNK.
 *
 * The rules follow Philips' published order, as Apache commons-codec's
 * DoubleMetaphone applies them (its 1,221-name Woodbridge table and
 * talisman's table are the conformance data). The input is upper-cased but
 * not folded: Ç and Ñ have rules of their own, other letters outside A-Z are
 * skipped. Codes stop at max_len characters (4 in commons-codec and
 * talisman; 0 = no cap).
 *
 * Invariant: positions outside the name read as 0, so every look-behind and
 * look-ahead below is safe at the edges.
 */
#include "phonetic/phonetic.h"

#include <string.h>

void nomen__dmetaphone_opts_init(nomen__dmetaphone_opts *o)
{
    o->max_len = 4; /* Philips 2000, commons-codec, talisman */
}

typedef struct dm {
    const uint32_t *v;
    ptrdiff_t n;
    bool slavo; /* W, K, CZ or WITZ: Slavic or Germanic spelling */
    nomen__buf *p, *a;
    size_t pn, an, cap;
    bool nomem;
} dm;

static uint32_t at(const dm *d, ptrdiff_t i)
{
    return i >= 0 && i < d->n ? d->v[i] : 0;
}

/* Whether the name holds, at start, one of the '|'-separated alternatives
 * of `alts` (all of one length, as in Philips' code). */
static bool has(const dm *d, ptrdiff_t start, const char *alts)
{
    const char *p = alts;
    while (*p) {
        const char *e = strchr(p, '|');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (start >= 0 && start + (ptrdiff_t)len <= d->n) {
            size_t k = 0;
            while (k < len && d->v[start + (ptrdiff_t)k] == (uint32_t)(unsigned char)p[k])
                k++;
            if (k == len)
                return true;
        }
        if (!e)
            break;
        p = e + 1;
    }
    return false;
}

static bool vowel(uint32_t c)
{
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y';
}

static void add(nomen__buf *b, size_t *n, size_t cap, const char *s, bool *nomem)
{
    for (; *s; s++) {
        if (cap && *n >= cap)
            return;
        if (b && !nomen__buf_addc(b, *s))
            *nomem = true;
        (*n)++;
    }
}

static void both(dm *d, const char *primary, const char *alternate)
{
    add(d->p, &d->pn, d->cap, primary, &d->nomem);
    add(d->a, &d->an, d->cap, alternate, &d->nomem);
}

static void same(dm *d, const char *s)
{
    both(d, s, s);
}

static bool complete(const dm *d)
{
    return d->cap && d->pn >= d->cap && d->an >= d->cap;
}

static ptrdiff_t next_if(const dm *d, ptrdiff_t i, uint32_t c)
{
    return at(d, i + 1) == c ? i + 2 : i + 1;
}

/* ---- C -------------------------------------------------------------------- */

static bool cond_c0(const dm *d, ptrdiff_t i) /* Germanic "-ACH-": K */
{
    if (has(d, i, "CHIA"))
        return true;
    if (i <= 1 || vowel(at(d, i - 2)) || !has(d, i - 1, "ACH"))
        return false;
    uint32_t c = at(d, i + 2);
    return (c != 'I' && c != 'E') || has(d, i - 2, "BACHER|MACHER");
}

static bool cond_ch0(const dm *d, ptrdiff_t i) /* Greek roots: chemistry, chorus */
{
    if (i != 0)
        return false;
    if (!has(d, i + 1, "HARAC|HARIS") && !has(d, i + 1, "HOR|HYM|HIA|HEM"))
        return false;
    return !has(d, 0, "CHORE");
}

static bool cond_ch1(const dm *d, ptrdiff_t i) /* CH sounding as KH */
{
    return has(d, 0, "VAN |VON ") || has(d, 0, "SCH") || has(d, i - 2, "ORCHES|ARCHIT|ORCHID") ||
           has(d, i + 2, "T|S") ||
           ((has(d, i - 1, "A|O|U|E") || i == 0) &&
            (has(d, i + 2, "L|R|N|M|B|H|F|V|W| ") || i + 1 == d->n - 1));
}

static ptrdiff_t handle_ch(dm *d, ptrdiff_t i)
{
    if (i > 0 && has(d, i, "CHAE")) { /* Michael */
        both(d, "K", "X");
    } else if (cond_ch0(d, i) || cond_ch1(d, i)) {
        same(d, "K");
    } else if (i > 0) {
        if (has(d, 0, "MC"))
            same(d, "K");
        else
            both(d, "X", "K");
    } else {
        same(d, "X");
    }
    return i + 2;
}

static ptrdiff_t handle_cc(dm *d, ptrdiff_t i)
{
    if (has(d, i + 2, "I|E|H") && !has(d, i + 2, "HU")) { /* bellocchio, not bacchus */
        if ((i == 1 && at(d, i - 1) == 'A') || has(d, i - 1, "UCCEE|UCCES"))
            same(d, "KS"); /* accident, accede, succeed */
        else
            same(d, "X"); /* bacci, bertucci */
        return i + 3;
    }
    same(d, "K"); /* Pierce's rule */
    return i + 2;
}

static ptrdiff_t handle_c(dm *d, ptrdiff_t i)
{
    if (cond_c0(d, i)) {
        same(d, "K");
        return i + 2;
    }
    if (i == 0 && has(d, i, "CAESAR")) {
        same(d, "S");
        return i + 2;
    }
    if (has(d, i, "CH"))
        return handle_ch(d, i);
    if (has(d, i, "CZ") && !has(d, i - 2, "WICZ")) { /* Czerny */
        both(d, "S", "X");
        return i + 2;
    }
    if (has(d, i + 1, "CIA")) { /* focaccia */
        same(d, "X");
        return i + 3;
    }
    if (has(d, i, "CC") && !(i == 1 && at(d, 0) == 'M')) /* not McClelland */
        return handle_cc(d, i);
    if (has(d, i, "CK|CG|CQ")) {
        same(d, "K");
        return i + 2;
    }
    if (has(d, i, "CI|CE|CY")) { /* Italian vs English */
        if (has(d, i, "CIO|CIE|CIA"))
            both(d, "S", "X");
        else
            same(d, "S");
        return i + 2;
    }
    same(d, "K");
    if (has(d, i + 1, " C| Q| G")) /* Mac Caffrey, Mac Gregor */
        return i + 3;
    if (has(d, i + 1, "C|K|Q") && !has(d, i + 1, "CE|CI"))
        return i + 2;
    return i + 1;
}

/* ---- D G H J L M ------------------------------------------------------------ */

static ptrdiff_t handle_d(dm *d, ptrdiff_t i)
{
    if (has(d, i, "DG")) {
        if (has(d, i + 2, "I|E|Y")) { /* edge */
            same(d, "J");
            return i + 3;
        }
        same(d, "TK"); /* Edgar */
        return i + 2;
    }
    same(d, "T");
    return has(d, i, "DT|DD") ? i + 2 : i + 1;
}

static ptrdiff_t handle_gh(dm *d, ptrdiff_t i)
{
    if (i > 0 && !vowel(at(d, i - 1))) {
        same(d, "K");
        return i + 2;
    }
    if (i == 0) {
        same(d, at(d, i + 2) == 'I' ? "J" : "K");
        return i + 2;
    }
    /* Parker's rule (with refinements): hugh, bough, broughton */
    if ((i > 1 && has(d, i - 2, "B|H|D")) || (i > 2 && has(d, i - 3, "B|H|D")) ||
        (i > 3 && has(d, i - 4, "B|H")))
        return i + 2;
    if (i > 2 && at(d, i - 1) == 'U' && has(d, i - 3, "C|G|L|R|T"))
        same(d, "F"); /* laugh, McLaughlin, cough, rough, tough */
    else if (i > 0 && at(d, i - 1) != 'I')
        same(d, "K");
    return i + 2;
}

static ptrdiff_t handle_g(dm *d, ptrdiff_t i)
{
    uint32_t next = at(d, i + 1);
    if (next == 'H')
        return handle_gh(d, i);
    if (next == 'N') {
        if (i == 1 && vowel(at(d, 0)) && !d->slavo)
            both(d, "KN", "N");
        else if (!has(d, i + 2, "EY") && next != 'Y' && !d->slavo)
            both(d, "N", "KN");
        else
            same(d, "KN");
        return i + 2;
    }
    if (has(d, i + 1, "LI") && !d->slavo) { /* tagliaro */
        both(d, "KL", "L");
        return i + 2;
    }
    if (i == 0 && (next == 'Y' || has(d, i + 1, "ES|EP|EB|EL|EY|IB|IL|IN|IE|EI|ER"))) {
        both(d, "K", "J"); /* -ges-, -gep-, -gel-, -gie- at the start */
        return i + 2;
    }
    if ((has(d, i + 1, "ER") || next == 'Y') && !has(d, 0, "DANGER|RANGER|MANGER") &&
        !has(d, i - 1, "E|I") && !has(d, i - 1, "RGY|OGY")) {
        both(d, "K", "J"); /* -ger-, -gy- */
        return i + 2;
    }
    if (has(d, i + 1, "E|I|Y") || has(d, i - 1, "AGGI|OGGI")) { /* Italian biaggi */
        if (has(d, 0, "VAN |VON ") || has(d, 0, "SCH") || has(d, i + 1, "ET"))
            same(d, "K"); /* obviously Germanic */
        else if (has(d, i + 1, "IER"))
            same(d, "J");
        else
            both(d, "J", "K");
        return i + 2;
    }
    same(d, "K");
    return next == 'G' ? i + 2 : i + 1;
}

static ptrdiff_t handle_h(dm *d, ptrdiff_t i)
{
    /* kept only first or between vowels, before a vowel */
    if ((i == 0 || vowel(at(d, i - 1))) && vowel(at(d, i + 1))) {
        same(d, "H");
        return i + 2;
    }
    return i + 1;
}

static ptrdiff_t handle_j(dm *d, ptrdiff_t i)
{
    if (has(d, i, "JOSE") || has(d, 0, "SAN ")) { /* Spanish: Jose, San Jacinto */
        if ((i == 0 && at(d, i + 4) == ' ') || d->n == 4 || has(d, 0, "SAN "))
            same(d, "H");
        else
            both(d, "J", "H");
        return i + 1;
    }
    if (i == 0 && !has(d, i, "JOSE"))
        both(d, "J", "A"); /* Yankelovich / Jankelowicz */
    else if (vowel(at(d, i - 1)) && !d->slavo && (at(d, i + 1) == 'A' || at(d, i + 1) == 'O'))
        both(d, "J", "H"); /* Spanish pronunciation of bajador */
    else if (i == d->n - 1)
        both(d, "J", " ");
    else if (!has(d, i + 1, "L|T|K|S|N|M|B|Z") && !has(d, i - 1, "S|K|L"))
        same(d, "J");
    return next_if(d, i, 'J');
}

static bool cond_l0(const dm *d, ptrdiff_t i) /* Spanish -LL-: cabrillo, gallegos */
{
    if (i == d->n - 3 && has(d, i - 1, "ILLO|ILLA|ALLE"))
        return true;
    return (has(d, d->n - 2, "AS|OS") || has(d, d->n - 1, "A|O")) && has(d, i - 1, "ALLE");
}

static ptrdiff_t handle_l(dm *d, ptrdiff_t i)
{
    if (at(d, i + 1) == 'L') {
        if (cond_l0(d, i))
            both(d, "L", "");
        else
            same(d, "L");
        return i + 2;
    }
    same(d, "L");
    return i + 1;
}

static bool cond_m0(const dm *d, ptrdiff_t i) /* dumb, thumb */
{
    if (at(d, i + 1) == 'M')
        return true;
    return has(d, i - 1, "UMB") && (i + 1 == d->n - 1 || has(d, i + 2, "ER"));
}

/* ---- P R S T W X Z -------------------------------------------------------- */

static ptrdiff_t handle_p(dm *d, ptrdiff_t i)
{
    if (at(d, i + 1) == 'H') {
        same(d, "F");
        return i + 2;
    }
    same(d, "P"); /* also campbell, raspberry */
    return has(d, i + 1, "P|B") ? i + 2 : i + 1;
}

static ptrdiff_t handle_r(dm *d, ptrdiff_t i)
{
    /* French final -IER: Rogier, not Meier */
    if (i == d->n - 1 && !d->slavo && has(d, i - 2, "IE") && !has(d, i - 4, "ME|MA"))
        both(d, "", "R");
    else
        same(d, "R");
    return next_if(d, i, 'R');
}

static ptrdiff_t handle_sc(dm *d, ptrdiff_t i)
{
    if (at(d, i + 2) == 'H') {                    /* Schlesinger's rule */
        if (has(d, i + 3, "OO|ER|EN|UY|ED|EM")) { /* Dutch: school, schooner */
            if (has(d, i + 3, "ER|EN"))
                both(d, "X", "SK"); /* schermerhorn, schenker */
            else
                same(d, "SK");
        } else if (i == 0 && !vowel(at(d, 3)) && at(d, 3) != 'W') {
            both(d, "X", "S");
        } else {
            same(d, "X");
        }
    } else if (has(d, i + 2, "I|E|Y")) {
        same(d, "S");
    } else {
        same(d, "SK");
    }
    return i + 3;
}

static ptrdiff_t handle_s(dm *d, ptrdiff_t i)
{
    if (has(d, i - 1, "ISL|YSL")) /* island, isle, carlisle, carlysle */
        return i + 1;
    if (i == 0 && has(d, i, "SUGAR")) {
        both(d, "X", "S");
        return i + 1;
    }
    if (has(d, i, "SH")) {
        same(d, has(d, i + 1, "HEIM|HOEK|HOLM|HOLZ") ? "S" : "X"); /* Germanic */
        return i + 2;
    }
    if (has(d, i, "SIO|SIA") || has(d, i, "SIAN")) { /* Italian, Armenian */
        if (d->slavo)
            same(d, "S");
        else
            both(d, "S", "X");
        return i + 3;
    }
    if ((i == 0 && has(d, i + 1, "M|N|L|W")) || has(d, i + 1, "Z")) {
        /* smith ~ schmidt, snider ~ schneider; Slavic -sz- */
        both(d, "S", "X");
        return has(d, i + 1, "Z") ? i + 2 : i + 1;
    }
    if (has(d, i, "SC"))
        return handle_sc(d, i);
    if (i == d->n - 1 && has(d, i - 2, "AI|OI"))
        both(d, "", "S"); /* French: resnais, artois */
    else
        same(d, "S");
    return has(d, i + 1, "S|Z") ? i + 2 : i + 1;
}

static ptrdiff_t handle_t(dm *d, ptrdiff_t i)
{
    if (has(d, i, "TION") || has(d, i, "TIA|TCH")) {
        same(d, "X");
        return i + 3;
    }
    if (has(d, i, "TH") || has(d, i, "TTH")) {
        /* thomas, thames, or Germanic */
        if (has(d, i + 2, "OM|AM") || has(d, 0, "VAN |VON ") || has(d, 0, "SCH"))
            same(d, "T");
        else
            both(d, "0", "T");
        return i + 2;
    }
    same(d, "T");
    return has(d, i + 1, "T|D") ? i + 2 : i + 1;
}

static ptrdiff_t handle_w(dm *d, ptrdiff_t i)
{
    if (has(d, i, "WR")) {
        same(d, "R");
        return i + 2;
    }
    if (i == 0 && (vowel(at(d, i + 1)) || has(d, i, "WH"))) {
        if (vowel(at(d, i + 1)))
            both(d, "A", "F"); /* Wasserman ~ Vasserman */
        else
            same(d, "A"); /* Uomo ~ Womo */
        return i + 1;
    }
    if ((i == d->n - 1 && vowel(at(d, i - 1))) || has(d, i - 1, "EWSKI|EWSKY|OWSKI|OWSKY") ||
        has(d, 0, "SCH")) {
        both(d, "", "F"); /* Arnow ~ Arnoff */
        return i + 1;
    }
    if (has(d, i, "WICZ|WITZ")) { /* Polish filipowicz */
        both(d, "TS", "FX");
        return i + 4;
    }
    return i + 1;
}

static ptrdiff_t handle_x(dm *d, ptrdiff_t i)
{
    if (i == 0) {
        same(d, "S");
        return i + 1;
    }
    /* French final -X: breaux */
    if (!(i == d->n - 1 && (has(d, i - 3, "IAU|EAU") || has(d, i - 2, "AU|OU"))))
        same(d, "KS");
    return has(d, i + 1, "C|X") ? i + 2 : i + 1;
}

static ptrdiff_t handle_z(dm *d, ptrdiff_t i)
{
    if (at(d, i + 1) == 'H') { /* pinyin: Zhao, Zhang */
        same(d, "J");
        return i + 2;
    }
    if (has(d, i + 1, "ZO|ZI|ZA") || (d->slavo && i > 0 && at(d, i - 1) != 'T'))
        both(d, "S", "TS");
    else
        same(d, "S");
    return next_if(d, i, 'Z');
}

/* ---- driver ---------------------------------------------------------------- */

static bool slavo_germanic(const dm *d)
{
    for (ptrdiff_t i = 0; i < d->n; i++)
        if (d->v[i] == 'W' || d->v[i] == 'K' || has(d, i, "CZ") || has(d, i, "WITZ"))
            return true;
    return false;
}

int nomen__double_metaphone(const char *s, size_t len, const nomen__dmetaphone_opts *o,
                            nomen__buf *primary, nomen__buf *alternate)
{
    nomen__ph_text t;
    int rc = nomen__ph_prepare(s, len, false, &t);
    if (rc != NOMEN_OK)
        return rc;
    /* commons-codec trims blanks around the name */
    const uint32_t *v = t.cp;
    size_t n = t.n;
    while (n && (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r'))
        v++, n--;
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\n' || v[n - 1] == '\r'))
        n--;
    dm d = {v, (ptrdiff_t)n, false, primary, alternate, 0, 0, o->max_len, false};
    d.slavo = slavo_germanic(&d);
    ptrdiff_t i = has(&d, 0, "GN|KN|PN|WR|PS") ? 1 : 0; /* silent first letter */
    while (!complete(&d) && i < d.n) {
        uint32_t c = d.v[i];
        switch (c) {
        case 'A':
        case 'E':
        case 'I':
        case 'O':
        case 'U':
        case 'Y':
            if (i == 0)
                same(&d, "A"); /* vowels count only first */
            i++;
            break;
        case 'B':
            same(&d, "P");
            i = next_if(&d, i, 'B');
            break;
        case 0xC7: /* Ç */
            same(&d, "S");
            i++;
            break;
        case 'C':
            i = handle_c(&d, i);
            break;
        case 'D':
            i = handle_d(&d, i);
            break;
        case 'F':
            same(&d, "F");
            i = next_if(&d, i, 'F');
            break;
        case 'G':
            i = handle_g(&d, i);
            break;
        case 'H':
            i = handle_h(&d, i);
            break;
        case 'J':
            i = handle_j(&d, i);
            break;
        case 'K':
            same(&d, "K");
            i = next_if(&d, i, 'K');
            break;
        case 'L':
            i = handle_l(&d, i);
            break;
        case 'M':
            same(&d, "M");
            i = cond_m0(&d, i) ? i + 2 : i + 1;
            break;
        case 'N':
            same(&d, "N");
            i = next_if(&d, i, 'N');
            break;
        case 0xD1: /* Ñ */
            same(&d, "N");
            i++;
            break;
        case 'P':
            i = handle_p(&d, i);
            break;
        case 'Q':
            same(&d, "K");
            i = next_if(&d, i, 'Q');
            break;
        case 'R':
            i = handle_r(&d, i);
            break;
        case 'S':
            i = handle_s(&d, i);
            break;
        case 'T':
            i = handle_t(&d, i);
            break;
        case 'V':
            same(&d, "F");
            i = next_if(&d, i, 'V');
            break;
        case 'W':
            i = handle_w(&d, i);
            break;
        case 'X':
            i = handle_x(&d, i);
            break;
        case 'Z':
            i = handle_z(&d, i);
            break;
        default:
            i++;
            break;
        }
    }
    nomen__ph_text_free(&t);
    return d.nomem ? NOMEN_ERR_NOMEM : NOMEN_OK;
}
