/*
 * rzmatch.c: romanize stage, comparison of romanized names: the exact
 * "same key sequence" test (candidate sets intersect position by position),
 * a syllable-level similarity for near misses, the canonical key and
 * explanations. Pure functions of their arguments.
 *
 * Syllable similarity (chinese-names.md section 6.1): a syllable is split
 * into initial and final; known confusions of either part (retroflex/dental
 * and palatal, l/n, f/h, lost Wade-Giles aspiration b/p d/t g/k, the q/g
 * visual swap; -n/-ng, o/uo, e/o, ü/u) score 80, one of each 60, one typing
 * error between the spellings (gou for guo) 50. The values
 * are design choices that keep one confusion above the 0.75 region where
 * string metrics put unrelated syllables; the scorer calibrates the final
 * weights on the screening cases.
 */
#include "romanize/romanize.h"

#include <pthread.h>

#include <string.h>

#define SIM_EQUAL 100
#define SIM_ONE   80
#define SIM_TWO   60
#define SIM_TYPO  50

static const char *const initials[] = {"zh", "ch", "sh", "b", "p", "m", "f", "d",
                                       "t",  "n",  "l",  "g", "k", "h", "j", "q",
                                       "x",  "r",  "z",  "c", "s", "y", "w"};

static void split(const char *s, const char **fin, char ini[3])
{
    ini[0] = '\0';
    *fin = s;
    for (size_t i = 0; i < NOMEN__ARRAY_LEN(initials); i++) {
        size_t l = strlen(initials[i]);
        if (strncmp(s, initials[i], l) == 0 && s[l] != '\0') {
            memcpy(ini, initials[i], l);
            ini[l] = '\0';
            *fin = s + l;
            return;
        }
    }
}

/* Pairs of confusable initials (unordered). */
static const char *const ini_pairs[][2] = {
    {"zh", "z"}, {"zh", "j"}, {"z", "j"},  {"ch", "c"}, {"ch", "q"}, {"c", "q"}, {"sh", "s"},
    {"sh", "x"}, {"s", "x"},  {"l", "n"},  {"f", "h"},  {"q", "g"},  {"r", "l"}, {"b", "p"},
    {"d", "t"},  {"g", "k"},  {"j", "zh"}, {"h", "w"},  {"y", ""},   {"w", ""}};
/* Pairs of confusable finals. */
static const char *const fin_pairs[][2] = {
    {"an", "ang"}, {"en", "eng"},  {"in", "ing"}, {"ian", "iang"}, {"uan", "uang"},
    {"o", "uo"},   {"e", "o"},     {"v", "u"},    {"ve", "ue"},    {"van", "uan"},
    {"vn", "un"},  {"ong", "eng"}, {"un", "en"},  {"ui", "ei"},    {"iu", "ou"}};

static bool pair_in(const char *const (*tab)[2], size_t n, const char *a, const char *b)
{
    for (size_t i = 0; i < n; i++)
        if ((strcmp(tab[i][0], a) == 0 && strcmp(tab[i][1], b) == 0) ||
            (strcmp(tab[i][0], b) == 0 && strcmp(tab[i][1], a) == 0))
            return true;
    return false;
}

/* True when x and y (3+ letters each) are one OSA edit apart. */
static bool osa_is_one(const char *x, const char *y)
{
    size_t n = strlen(x), m = strlen(y);
    if (n < 3 || m < 3 || (n > m ? n - m : m - n) > 1)
        return false;
    size_t i = 0;
    while (i < n && i < m && x[i] == y[i])
        i++;
    if (n == m) {
        if (strcmp(x + i + 1, y + i + 1) == 0)
            return true; /* substitution */
        return i + 1 < n && x[i] == y[i + 1] && x[i + 1] == y[i] &&
               strcmp(x + i + 2, y + i + 2) == 0; /* swap */
    }
    return n > m ? strcmp(x + i + 1, y + i) == 0 : strcmp(x + i, y + i + 1) == 0;
}

int nomen__rz_syl_sim(unsigned a, unsigned b)
{
    if (a == b)
        return SIM_EQUAL;
    if (a >= nomen__rz_nsyl || b >= nomen__rz_nsyl)
        return 0;
    char ia[3], ib[3];
    const char *fa, *fb;
    split(nomen__rz_syl_text[a], &fa, ia);
    split(nomen__rz_syl_text[b], &fb, ib);
    bool same_i = strcmp(ia, ib) == 0, same_f = strcmp(fa, fb) == 0;
    bool conf_i = !same_i && pair_in(ini_pairs, NOMEN__ARRAY_LEN(ini_pairs), ia, ib);
    bool conf_f = !same_f && pair_in(fin_pairs, NOMEN__ARRAY_LEN(fin_pairs), fa, fb);
    if ((same_i && conf_f) || (conf_i && same_f))
        return SIM_ONE;
    if (conf_i && conf_f)
        return SIM_TWO;
    /* Typing errors: one edit (insertion, deletion, substitution or swap of
     * adjacent letters) between spellings of 3+ letters (guo/gou, ming/min
     * are caught above; quan/qaun here). */
    if (osa_is_one(nomen__rz_syl_text[a], nomen__rz_syl_text[b]))
        return SIM_TYPO;
    return 0;
}

/* Near-miss classes: syllables joined by one known confusion (SIM_ONE),
 * closed transitively, each class named by its smallest syllable id. The
 * 425 toneless syllables fall into 171 classes of at most 17 (gen geng gong
 * gun ken keng kong kun qun chen cheng chong chun cen ceng cong cun). Built
 * once, on first use, by whichever thread comes first. */
#define CLASS_MAX 1024
static uint16_t syl_class[CLASS_MAX];
static pthread_once_t class_once = PTHREAD_ONCE_INIT;

static unsigned class_find(unsigned x)
{
    while (syl_class[x] != x) {
        syl_class[x] = syl_class[syl_class[x]];
        x = syl_class[x];
    }
    return x;
}

static void class_build(void)
{
    unsigned n = nomen__rz_nsyl < CLASS_MAX ? nomen__rz_nsyl : CLASS_MAX;
    for (unsigned i = 0; i < CLASS_MAX; i++)
        syl_class[i] = (uint16_t)i;
    for (unsigned a = 0; a < n; a++)
        for (unsigned b = a + 1; b < n; b++)
            if (nomen__rz_syl_sim(a, b) == SIM_ONE) {
                unsigned ra = class_find(a), rb = class_find(b);
                if (ra != rb)
                    syl_class[ra > rb ? ra : rb] = (uint16_t)(ra < rb ? ra : rb);
            }
    for (unsigned i = 0; i < n; i++)
        syl_class[i] = (uint16_t)class_find(i);
}

unsigned nomen__rz_syl_class(unsigned syl)
{
    pthread_once(&class_once, class_build);
    return syl < CLASS_MAX ? syl_class[syl] : syl;
}

/* The best shared syllable of two slots (maximum weight sum); false when
 * they share none. A candidate counts only with weight >= SAME_MIN_WEIGHT
 * on both sides: the weakest readings of the Cantonese route (40-49: a
 * syllable read by a few uncommon characters) would otherwise make
 * unrelated names equal (measured on the OFAC negatives, docs/romanize.md). */
#define SAME_MIN_WEIGHT 50
static bool slot_share(const nomen__rz_slot *x, const nomen__rz_slot *y, int *ix, int *iy)
{
    int best = -1;
    for (int i = 0; i < x->ncand; i++)
        for (int j = 0; j < y->ncand; j++)
            if (x->cand[i].syl == y->cand[j].syl && x->cand[i].weight >= SAME_MIN_WEIGHT &&
                y->cand[j].weight >= SAME_MIN_WEIGHT &&
                x->cand[i].weight + y->cand[j].weight > best) {
                best = x->cand[i].weight + y->cand[j].weight;
                *ix = i;
                *iy = j;
            }
    return best >= 0;
}

/* Best syllable similarity over candidate pairs (ties: higher weights). */
static int slot_sim(const nomen__rz_slot *x, const nomen__rz_slot *y, int *ix, int *iy)
{
    if (slot_share(x, y, ix, iy))
        return SIM_EQUAL;
    int best = 0, bw = -1;
    *ix = *iy = 0;
    for (int i = 0; i < x->ncand; i++)
        for (int j = 0; j < y->ncand; j++) {
            int s = nomen__rz_syl_sim(x->cand[i].syl, y->cand[j].syl);
            int w = x->cand[i].weight + y->cand[j].weight;
            if (s > best || (s == best && s > 0 && w > bw)) {
                best = s;
                bw = w;
                *ix = i;
                *iy = j;
            }
        }
    return best;
}

static void set_pos(nomen__rz_match *m, int p, const nomen__rz_name *a, int sa,
                    const nomen__rz_name *b, int sb, int ix, int iy, int sim)
{
    m->pos[p].sa = (uint8_t)sa;
    m->pos[p].sb = (uint8_t)sb;
    m->pos[p].sim = (uint8_t)sim;
    if (sa != 0xFF && a->slot[sa].ncand) {
        m->pos[p].syl = a->slot[sa].cand[ix].syl;
        m->pos[p].sys_a = a->slot[sa].cand[ix].sys;
    } else {
        m->pos[p].syl = 0xFFFF;
        m->pos[p].sys_a = 0xFF;
    }
    if (sb != 0xFF && b->slot[sb].ncand) {
        m->pos[p].syl_b = b->slot[sb].cand[iy].syl;
        m->pos[p].sys_b = b->slot[sb].cand[iy].sys;
    } else {
        m->pos[p].syl_b = 0xFFFF;
        m->pos[p].sys_b = 0xFF;
    }
}

bool nomen__rz_same(const nomen__rz_name *a, const nomen__rz_name *b, nomen__rz_match *m)
{
    int best_pen = -1, bva = 0, bvb = 0;
    for (int va = 0; va < a->nvar; va++)
        for (int vb = 0; vb < b->nvar; vb++) {
            const nomen__rz_variant *x = &a->var[va], *y = &b->var[vb];
            if (x->n != y->n || x->n == 0)
                continue;
            int pen = x->penalty + y->penalty;
            if (best_pen >= 0 && pen >= best_pen)
                continue;
            bool ok = true;
            for (int i = 0; i < x->n && ok; i++) {
                int ix, iy;
                ok = slot_share(&a->slot[x->slot[i]], &b->slot[y->slot[i]], &ix, &iy);
            }
            if (ok) {
                best_pen = pen;
                bva = va;
                bvb = vb;
            }
        }
    if (best_pen < 0)
        return false;
    if (m) {
        const nomen__rz_variant *x = &a->var[bva], *y = &b->var[bvb];
        m->va = (uint8_t)bva;
        m->vb = (uint8_t)bvb;
        m->n = x->n;
        for (int i = 0; i < x->n; i++) {
            int ix = 0, iy = 0;
            slot_share(&a->slot[x->slot[i]], &b->slot[y->slot[i]], &ix, &iy);
            set_pos(m, i, a, x->slot[i], b, y->slot[i], ix, iy, SIM_EQUAL);
        }
    }
    return true;
}

double nomen__rz_similarity(const nomen__rz_name *a, const nomen__rz_name *b, nomen__rz_match *m)
{
    double best = 0.0;
    for (int va = 0; va < a->nvar; va++)
        for (int vb = 0; vb < b->nvar; vb++) {
            const nomen__rz_variant *x = &a->var[va], *y = &b->var[vb];
            int n = x->n, k = y->n;
            if (n == 0 || k == 0)
                continue;
            /* Edit distance in hundredths; d[i][j] over prefixes. */
            int d[NOMEN__RZ_MAX_SEQ + 1][NOMEN__RZ_MAX_SEQ + 1];
            int sim[NOMEN__RZ_MAX_SEQ][NOMEN__RZ_MAX_SEQ];
            for (int i = 0; i <= n; i++)
                d[i][0] = 100 * i;
            for (int j = 0; j <= k; j++)
                d[0][j] = 100 * j;
            for (int i = 1; i <= n; i++)
                for (int j = 1; j <= k; j++) {
                    int ix, iy;
                    sim[i - 1][j - 1] =
                        slot_sim(&a->slot[x->slot[i - 1]], &b->slot[y->slot[j - 1]], &ix, &iy);
                    int v = d[i - 1][j - 1] + (100 - sim[i - 1][j - 1]);
                    if (d[i - 1][j] + 100 < v)
                        v = d[i - 1][j] + 100;
                    if (d[i][j - 1] + 100 < v)
                        v = d[i][j - 1] + 100;
                    d[i][j] = v;
                }
            int mx = n > k ? n : k;
            double s = 1.0 - (double)d[n][k] / (100.0 * mx);
            /* Variants that are less likely readings lose a little, so that
             * an equal score prefers the preferred reading. */
            s -= (x->penalty + y->penalty) * 0.0001;
            if (s > best) {
                best = s;
                if (m) {
                    /* trace back */
                    int i = n, j = k, p = 0;
                    nomen__rz_match tmp;
                    while (i > 0 || j > 0) {
                        int ix = 0, iy = 0;
                        if (i > 0 && j > 0 &&
                            d[i][j] == d[i - 1][j - 1] + (100 - sim[i - 1][j - 1])) {
                            slot_sim(&a->slot[x->slot[i - 1]], &b->slot[y->slot[j - 1]], &ix, &iy);
                            set_pos(&tmp, p++, a, x->slot[i - 1], b, y->slot[j - 1], ix, iy,
                                    sim[i - 1][j - 1]);
                            i--;
                            j--;
                        } else if (i > 0 && d[i][j] == d[i - 1][j] + 100) {
                            set_pos(&tmp, p++, a, x->slot[i - 1], b, 0xFF, 0, 0, 0);
                            i--;
                        } else {
                            set_pos(&tmp, p++, a, 0xFF, b, y->slot[j - 1], 0, 0, 0);
                            j--;
                        }
                        if (p >= NOMEN__RZ_MAX_SEQ)
                            break;
                    }
                    m->va = (uint8_t)va;
                    m->vb = (uint8_t)vb;
                    m->n = (uint8_t)p;
                    for (int q = 0; q < p; q++)
                        m->pos[q] = tmp.pos[p - 1 - q];
                }
            }
        }
    return best < 0.0 ? 0.0 : best;
}

/* Append a syllable or spelling with 'v' shown as ü. */
static bool add_display(nomen__buf *out, const char *s, bool latin_v)
{
    for (; *s; s++) {
        bool ok =
            (*s == 'v' && latin_v) ? nomen__buf_adds(out, "\xC3\xBC") : nomen__buf_addc(out, *s);
        if (!ok)
            return false;
    }
    return true;
}

int nomen__rz_key(const nomen__rz_name *n, unsigned v, nomen__buf *out)
{
    if (v >= n->nvar)
        return NOMEN_ERR_INVALID_ARG;
    const nomen__rz_variant *x = &n->var[v];
    for (int i = 0; i < x->n; i++) {
        const nomen__rz_slot *sl = &n->slot[x->slot[i]];
        if (i > 0 && !nomen__buf_adds(out, i == x->nsur ? ", " : " "))
            return NOMEN_ERR_NOMEM;
        if (!add_display(out, sl->ncand ? nomen__rz_syl_str(sl->cand[0].syl) : "?", true))
            return NOMEN_ERR_NOMEM;
    }
    return NOMEN_OK;
}

static bool explain_side(nomen__buf *out, const nomen__rz_name *n, unsigned slot, uint16_t syl,
                         unsigned sys)
{
    if (slot == 0xFF || slot >= n->nslot)
        return nomen__buf_adds(out, "(missing)");
    const nomen__rz_slot *sl = &n->slot[slot];
    /* Macau and dialect spellings use v as a consonant (Vong). */
    bool v_is_u = !sl->is_han && sys <= NOMEN__RZ_SYS_GR;
    if (!add_display(out, sl->text, v_is_u))
        return false;
    if (syl == 0xFFFF)
        return nomen__buf_adds(out, " (no reading)");
    if (!nomen__buf_adds(out, " = ") || !add_display(out, nomen__rz_syl_str(syl), true))
        return false;
    return nomen__buf_addf(out, " by %s", nomen__rz_sys_name(sys));
}

int nomen__rz_explain(const nomen__rz_name *a, const nomen__rz_name *b, const nomen__rz_match *m,
                      unsigned i, nomen__buf *out)
{
    if (i >= m->n || i >= NOMEN__RZ_MAX_SEQ)
        return NOMEN_ERR_INVALID_ARG;
    bool ok = explain_side(out, a, m->pos[i].sa, m->pos[i].syl, m->pos[i].sys_a) &&
              nomen__buf_adds(out, m->pos[i].sim == SIM_EQUAL ? "; " : " ~ ") &&
              explain_side(out, b, m->pos[i].sb, m->pos[i].syl_b, m->pos[i].sys_b);
    if (ok && m->pos[i].sim != SIM_EQUAL)
        ok = nomen__buf_addf(out, " (similarity %u)", (unsigned)m->pos[i].sim);
    return ok ? NOMEN_OK : NOMEN_ERR_NOMEM;
}
