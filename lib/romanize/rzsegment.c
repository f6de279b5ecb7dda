/*
 * rzsegment.c: romanize stage, segmentation of a Latin piece (the text
 * between two hard boundaries: hyphen, space, case change) into syllable
 * spellings of any system.
 *
 * Algorithm: a dynamic program over byte positions that keeps the two
 * cheapest parses reaching each position (so the caller gets the best parse
 * and the runner-up, e.g. xian | xi'an). Edges are the spellings of the
 * generated table (all systems together, at most 8 bytes) plus "skip an
 * apostrophe". Costs (chinese-names.md section 4):
 *   1   per syllable, so fewer syllables win among otherwise equal parses;
 *   +2 for the pinyin variants of ü (lyu, nyu, lue, jv): a|nyu must not tie
 *       with an|yu;
 *   +30 for a spelling that is not exact pinyin (Wade-Giles ch'en, Hong Kong
 *       kwok ...): an orthographic pinyin parse always beats a foreign one;
 *   +100 for a vowel-initial syllable (a/o/e) that follows another one with
 *       no apostrophe: the orthographic apostrophe rule, so it ranks below
 *       every rule-abiding parse and is kept only as an alternative (i/u/ü
 *       too: pinyin writes those yi/wu/yu, so only other systems' spellings
 *       such as Macau u or iao could start there);
 *   +50 more for a standalone o or e there (rare in names).
 * A spelling without a vowel (m, ng, hm) is accepted only as the whole
 * piece (Ng), never inside one (li|m for Lim), and syllables flagged rare
 * (interjections) are never proposed for Latin text.
 * Invariants: input is the internal alphabet (a-z, 'v' for ü, '\''), at most
 * NOMEN__RZ_KEY_MAX bytes; no allocation; at most len * 8 table probes,
 * usually far fewer: extending a syllable stops at the first prefix that no
 * spelling has (the table stores prefixes too).
 */
#include "romanize/romanize.h"

#include <limits.h>
#include <string.h>

#define COST_SYL        1
#define COST_FOREIGN    30
#define COST_NO_APOS    100
#define COST_STANDALONE 50
#define COST_PASSPORT   2 /* lyu, nyu, lue, jv: standard only in passports */
/* The runner-up parse is reported when it costs at most this much more:
 * one dropped apostrophe (100) plus the extra syllable (1) and a passport
 * spelling (2). */
#define COST_ALT_MAX 103
#define MAX_SPELL    8

typedef struct seg_state {
    int cost;
    uint8_t prev;  /* previous position */
    uint8_t prank; /* rank (0 or 1) of the state at prev */
} seg_state;

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'v' || c == 'y' ||
           c == 'w';
}

/* The cost of spelling s[i..i+len) (table entry e) as one syllable, or -1
 * when it is not allowed there. */
static int syllable_cost(const char *s, size_t n, size_t i, size_t len, const nomen__rz_spell *e,
                         uint32_t systems)
{
    size_t ncand = e->ncand;
    const nomen__rz_cand *c = &nomen__rz_cands[e->cand], *top = NULL;
    /* The best usable reading (candidates are sorted by weight): not rare,
     * of an enabled system. It decides whether the spelling is pinyin. */
    for (size_t k = 0; k < ncand && !top; k++)
        if (!(nomen__rz_syl_flags[c[k].syl] & NOMEN__RZ_SYLF_RARE) &&
            (systems & NOMEN__RZ_SYSBIT(c[k].sys)))
            top = &c[k];
    if (!top)
        return -1;
    bool vowel = false;
    for (size_t k = i; k < i + len; k++)
        if (is_vowel(s[k]) && s[k] != 'w' && s[k] != 'y')
            vowel = true;
    if (!vowel && !(i == 0 && len == n))
        return -1;
    int cost = COST_SYL;
    if (top->sys != NOMEN__RZ_SYS_PINYIN || top->weight < 95)
        cost += COST_FOREIGN;
    else if (top->weight < 100)
        cost += COST_PASSPORT;
    char f = s[i];
    if (i > 0 && s[i - 1] != '\'' &&
        (f == 'a' || f == 'o' || f == 'e' || f == 'i' || f == 'u' || f == 'v')) {
        cost += COST_NO_APOS;
        if (len == 1)
            cost += COST_STANDALONE;
    }
    return cost;
}

static void relax(seg_state *st, int cost, size_t prev, int prank)
{
    /* st[0] <= st[1]; insert (cost, prev, prank) keeping the two cheapest. */
    if (cost < st[0].cost) {
        st[1] = st[0];
        st[0].cost = cost;
        st[0].prev = (uint8_t)prev;
        st[0].prank = (uint8_t)prank;
    } else if (cost < st[1].cost) {
        st[1].cost = cost;
        st[1].prev = (uint8_t)prev;
        st[1].prank = (uint8_t)prank;
    }
}

/* Walk back from (n, rank) collecting syllable ends; returns the count or
 * -1 when more than cap. */
static int backtrack(const char *s, const seg_state (*st)[2], size_t n, int rank, uint8_t *ends,
                     int cap)
{
    uint8_t tmp[NOMEN__RZ_KEY_MAX + 1];
    int k = 0;
    size_t i = n;
    int r = rank;
    while (i > 0) {
        const seg_state *e = &st[i][r];
        size_t j = e->prev;
        bool skip = s[j] == '\'' && i == j + 1;
        if (!skip)
            tmp[k++] = (uint8_t)i;
        r = e->prank;
        i = j;
    }
    if (k > cap)
        return -1;
    for (int a = 0; a < k; a++)
        ends[a] = tmp[k - 1 - a];
    return k;
}

int nomen__rz_segment(const char *s, size_t n, uint8_t *ends, int cap, int *cost, uint8_t *alt,
                      int *altn)
{
    return nomen__rz_segment_sys(s, n, NOMEN__RZ_ALL_SYSTEMS, ends, cap, cost, alt, altn);
}

int nomen__rz_segment_sys(const char *s, size_t n, uint32_t systems, uint8_t *ends, int cap,
                          int *cost, uint8_t *alt, int *altn)
{
    seg_state st[NOMEN__RZ_KEY_MAX + 1][2];
    if (altn)
        *altn = 0;
    if (n == 0 || n > NOMEN__RZ_KEY_MAX)
        return 0;
    for (size_t i = 0; i <= n; i++)
        st[i][0].cost = st[i][1].cost = INT_MAX;
    st[0][0].cost = 0;
    for (size_t i = 0; i < n; i++) {
        for (int r = 0; r < 2; r++) {
            int base = st[i][r].cost;
            if (base == INT_MAX)
                continue;
            if (s[i] == '\'') {
                if (i > 0)
                    relax(st[i + 1], base, i, r);
                continue;
            }
            for (size_t len = 1; len <= MAX_SPELL && i + len <= n; len++) {
                const nomen__rz_spell *e;
                int p = nomen__rz_probe(s + i, len, &e);
                if (p == 0)
                    break; /* no spelling starts this way: longer ones neither */
                if (p == 1)
                    continue;
                int c = syllable_cost(s, n, i, len, e, systems);
                if (c >= 0)
                    relax(st[i + len], base + c, i, r);
            }
        }
    }
    if (st[n][0].cost == INT_MAX)
        return 0;
    if (cost)
        *cost = st[n][0].cost;
    int k = backtrack(s, (const seg_state(*)[2])st, n, 0, ends, cap);
    if (alt && altn && st[n][1].cost != INT_MAX) {
        int a = backtrack(s, (const seg_state(*)[2])st, n, 1, alt, cap);
        /* Two routes can differ only in where an apostrophe was skipped;
         * report the runner-up only when its syllables differ, and only when
         * it costs at most one dropped apostrophe more (xian = xi'an): a
         * standalone o/e or a foreign split (mingguo = ming gu o) is not a
         * reading worth a variant. */
        if (a > 0 && (a != k || memcmp(alt, ends, (size_t)a) != 0) &&
            st[n][1].cost <= st[n][0].cost + COST_ALT_MAX)
            *altn = a;
    }
    return k;
}
