/*
 * ph_nysiis.c: the phonetic stage's NYSIIS (New York State Identification and
 * Intelligence System, Taft 1970). Prefixes and suffixes are rewritten
 * (MAC -> MCC, KN -> N(N), K -> C, PH/PF -> FF, SCH -> SSS; EE/IE -> Y,
 * DT/RT/RD/NT/ND -> D), the first letter is kept, and each later letter is
 * transcoded (vowels -> A, EV -> AF, Q -> G, Z -> S, M -> N, KN -> N, K -> C,
 * SCH -> SSS, PH -> FF, H and W absorbed after or before consonants/vowels),
 * equal neighbours collapsing; then a final S, the A of a final AY and a
 * final A are dropped.
 *
 * The two readings kept here differ in details that change codes:
 * - commons-codec transcodes in place, so H and W look at the transcoded
 *   previous letter, KN gives NN, and only letters A-Z are kept;
 * - jellyfish looks at the original previous letter, KN at the start drops
 *   the K, SCH inside a name gives SS, and other characters pass through.
 * Truncation to 6 characters (Taft's "true length") is an option.
 */
#include "phonetic/phonetic.h"

#include <string.h>

void nomen__nysiis_opts_init(nomen__nysiis_opts *o)
{
    o->variant = NOMEN__NYSIIS_COMMONS;
    o->truncate6 = true; /* Taft 1970; commons-codec's default */
    o->fold_marks = true;
}

static bool vowel(uint32_t c)
{
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

static bool starts(const uint32_t *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    if (k > n)
        return false;
    for (size_t i = 0; i < k; i++)
        if (s[i] != (uint32_t)(unsigned char)p[i])
            return false;
    return true;
}

static bool ends(const uint32_t *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    return k <= n && starts(s + n - k, k, p);
}

/* Replace s[0..k) by the letters of r (same length or shorter). */
static void put_prefix(uint32_t *s, size_t *n, size_t k, const char *r)
{
    size_t rl = strlen(r);
    for (size_t i = 0; i < rl; i++)
        s[i] = (uint32_t)(unsigned char)r[i];
    if (rl < k) {
        memmove(s + rl, s + k, (*n - k) * sizeof *s);
        *n -= k - rl;
    }
}

/* The rewrites of the first letters (MAC, KN, K, PH/PF, SCH) and of the
 * last two (EE/IE, DT/RT/RD/NT/ND) that every reading applies before the
 * body; they differ only in what KN becomes (kn: "NN" or "N"). */
static void first_and_last(uint32_t *s, size_t *n, const char *kn)
{
    if (starts(s, *n, "MAC"))
        put_prefix(s, n, 3, "MCC");
    else if (starts(s, *n, "KN"))
        put_prefix(s, n, 2, kn);
    else if (starts(s, *n, "K"))
        put_prefix(s, n, 1, "C");
    else if (starts(s, *n, "PH") || starts(s, *n, "PF"))
        put_prefix(s, n, 2, "FF");
    else if (starts(s, *n, "SCH"))
        put_prefix(s, n, 3, "SSS");
    if (ends(s, *n, "EE") || ends(s, *n, "IE"))
        s[*n - 2] = 'Y', (*n)--;
    else if (ends(s, *n, "DT") || ends(s, *n, "RT") || ends(s, *n, "RD") || ends(s, *n, "NT") ||
             ends(s, *n, "ND"))
        s[*n - 2] = 'D', (*n)--;
}

/* A growing key of code points (never longer than the prepared input plus
 * one, since every step appends at most what it consumes). */
typedef struct key {
    uint32_t *k;
    size_t n;
} key;

static void nysiis_commons(uint32_t *s, size_t n, key *k)
{
    /* letters only (commons-codec's SoundexUtils.clean) */
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'A' && s[i] <= 'Z')
            s[m++] = s[i];
    n = m;
    if (n == 0)
        return;
    first_and_last(s, &n, "NN");
    k->k[k->n++] = s[0];
    for (size_t i = 1; i < n; i++) {
        uint32_t prev = s[i - 1], cur = s[i];
        uint32_t next = i + 1 < n ? s[i + 1] : ' ', anext = i + 2 < n ? s[i + 2] : ' ';
        /* the transcoded letters overwrite the name in place */
        if (cur == 'E' && next == 'V')
            s[i] = 'A', s[i + 1] = 'F';
        else if (vowel(cur))
            s[i] = 'A';
        else if (cur == 'Q')
            s[i] = 'G';
        else if (cur == 'Z')
            s[i] = 'S';
        else if (cur == 'M')
            s[i] = 'N';
        else if (cur == 'K' && next == 'N')
            s[i] = s[i + 1] = 'N';
        else if (cur == 'K')
            s[i] = 'C';
        else if (cur == 'S' && next == 'C' && anext == 'H')
            s[i] = s[i + 1] = s[i + 2] = 'S';
        else if (cur == 'P' && next == 'H')
            s[i] = s[i + 1] = 'F';
        else if (cur == 'H' && (!vowel(prev) || !vowel(next)))
            s[i] = prev;
        else if (cur == 'W' && vowel(prev))
            s[i] = prev;
        if (s[i] != s[i - 1])
            k->k[k->n++] = s[i];
    }
    if (k->n > 1) {
        uint32_t last = k->k[k->n - 1];
        if (last == 'S')
            last = k->k[--k->n - 1];
        if (k->n > 2 && k->k[k->n - 2] == 'A' && last == 'Y')
            k->k[k->n - 2] = 'Y', k->n--;
        if (last == 'A')
            k->n--;
    }
}

static void nysiis_jellyfish(uint32_t *s, size_t n, key *k)
{
    if (n == 0)
        return;
    first_and_last(s, &n, "N");
    k->k[k->n++] = s[0];
    for (size_t i = 1; i < n; i++) {
        uint32_t ch[2] = {s[i], 0};
        size_t cl = 1;
        uint32_t prev = s[i - 1];
        if (s[i] == 'E' && i + 1 < n && s[i + 1] == 'V')
            ch[0] = 'A', ch[1] = 'F', cl = 2, i++;
        else if (vowel(s[i]))
            ch[0] = 'A';
        else if (s[i] == 'Q')
            ch[0] = 'G';
        else if (s[i] == 'Z')
            ch[0] = 'S';
        else if (s[i] == 'M')
            ch[0] = 'N';
        else if (s[i] == 'K')
            ch[0] = i + 1 < n && s[i + 1] == 'N' ? 'N' : 'C';
        else if (s[i] == 'S' && i + 2 < n && s[i + 1] == 'C' && s[i + 2] == 'H')
            ch[0] = ch[1] = 'S', cl = 2, i += 2;
        else if (s[i] == 'P' && i + 1 < n && s[i + 1] == 'H')
            ch[0] = 'F', i++;
        else if (s[i] == 'H' && (!vowel(prev) || i + 1 >= n || !vowel(s[i + 1])))
            ch[0] = vowel(prev) ? 'A' : prev;
        else if (s[i] == 'W' && vowel(prev))
            ch[0] = prev;
        /* appended unless its last letter repeats the key's last letter */
        if (ch[cl - 1] != k->k[k->n - 1])
            for (size_t j = 0; j < cl; j++)
                k->k[k->n++] = ch[j];
    }
    if (k->n > 1 && k->k[k->n - 1] == 'S')
        k->n--;
    if (k->n >= 2 && k->k[k->n - 2] == 'A' && k->k[k->n - 1] == 'Y')
        k->k[k->n - 2] = 'Y', k->n--;
    if (k->n > 1 && k->k[k->n - 1] == 'A')
        k->n--;
}

/* Global left-to-right replacement of the ASCII pattern `from` by `to`
 * (to no longer than from), in place on s[0..*n). */
static void replace_all(uint32_t *s, size_t *n, const char *from, const char *to)
{
    size_t fl = strlen(from), tl = strlen(to), w = 0;
    for (size_t i = 0; i < *n;) {
        if (i + fl <= *n && starts(s + i, *n - i, from)) {
            for (size_t k = 0; k < tl; k++)
                s[w++] = (uint32_t)(unsigned char)to[k];
            i += fl;
        } else {
            s[w++] = s[i++];
        }
    }
    *n = w;
}

/* talisman's reading: the rules as a sequence of global rewrites of the
 * whole rest of the name (vowel runs become one A, H after or before a
 * consonant goes, a vowel followed by W becomes A), equal neighbours
 * squeezed once before and once after; only letters A-Z are kept. */
static void nysiis_talisman(uint32_t *s, size_t n, key *k)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'A' && s[i] <= 'Z' && (m == 0 || s[m - 1] != s[i]))
            s[m++] = s[i];
    n = m;
    if (n == 0)
        return;
    first_and_last(s, &n, "NN");
    k->k[k->n++] = s[0];
    uint32_t *r = s + 1;
    size_t rn = n - 1;
    replace_all(r, &rn, "EV", "AF");
    size_t w = 0; /* vowel runs -> A */
    for (size_t i = 0; i < rn; i++) {
        bool v = vowel(r[i]);
        if (v && w > 0 && r[w - 1] == 'A' && i > 0 && vowel(r[i - 1]))
            continue;
        r[w++] = v ? 'A' : r[i];
    }
    rn = w;
    for (size_t i = 0; i < rn; i++)
        r[i] = r[i] == 'Q' ? 'G' : r[i] == 'Z' ? 'S' : r[i] == 'M' ? 'N' : r[i];
    replace_all(r, &rn, "KN", "N");
    replace_all(r, &rn, "K", "C");
    replace_all(r, &rn, "SCH", "SSS");
    replace_all(r, &rn, "PH", "FF");
    w = 0; /* H after a consonant, or before one, is silent */
    for (size_t i = 0; i < rn; i++) {
        if (r[i] == 'H' && ((w > 0 && !vowel(r[w - 1])) || (i + 1 < rn && !vowel(r[i + 1]))))
            continue;
        r[w++] = r[i];
    }
    rn = w;
    w = 0; /* a vowel followed by W becomes A */
    for (size_t i = 0; i < rn; i++) {
        if (r[i] == 'W' && w > 0 && vowel(r[w - 1])) {
            r[w - 1] = 'A';
            continue;
        }
        r[w++] = r[i];
    }
    rn = w;
    for (size_t i = 0; i < rn; i++)
        if (i == 0 || r[i] != r[i - 1])
            k->k[k->n++] = r[i];
    if (k->n > 1 && k->k[k->n - 1] == 'S')
        k->n--;
    if (k->n >= 2 && k->k[k->n - 2] == 'A' && k->k[k->n - 1] == 'Y')
        k->k[k->n - 2] = 'Y', k->n--;
    if (k->n > 1 && k->k[k->n - 1] == 'A')
        k->n--;
}

int nomen__nysiis(const char *s, size_t len, const nomen__nysiis_opts *o, nomen__buf *out)
{
    nomen__ph_text t;
    int rc = nomen__ph_prepare(s, len, o->fold_marks, &t);
    if (rc != NOMEN_OK)
        return rc;
    /* MCC and SSS may lengthen the name by one; keys never exceed n + 2 */
    uint32_t kst[260];
    uint32_t *kb = kst, *kheap = NULL;
    uint32_t *name = t.cp;
    if (t.n + 4 > NOMEN__ARRAY_LEN(kst)) {
        kb = kheap = nomen__reallocarray(NULL, t.n + 4, sizeof *kb);
        if (!kb) {
            nomen__ph_text_free(&t);
            return NOMEN_ERR_NOMEM;
        }
    }
    key k = {kb, 0};
    if (o->variant == NOMEN__NYSIIS_JELLYFISH)
        nysiis_jellyfish(name, t.n, &k);
    else if (o->variant == NOMEN__NYSIIS_TALISMAN)
        nysiis_talisman(name, t.n, &k);
    else
        nysiis_commons(name, t.n, &k);
    size_t n = o->truncate6 && k.n > 6 ? 6 : k.n;
    for (size_t i = 0; i < n && rc == NOMEN_OK; i++)
        if (!nomen__ph_put(out, k.k[i]))
            rc = NOMEN_ERR_NOMEM;
    nomen__free(kheap);
    nomen__ph_text_free(&t);
    return rc;
}
