/*
 * Table checks of the romanize stage against independent data in
 * ../shared/data/romanization (read in place, never embedded):
 *   - cjklib's Wade-Giles <-> pinyin table (Legeza 1968): every canonical WG
 *     syllable must reach its pinyin through our rule-generated WG spellings
 *     (target >= 99%), also with the marks dropped;
 *   - cjklib's Jyutping syllables and Jyutping <-> Cantonese Yale table;
 *   - the surname corpus (509 surnames by region): each regional spelling,
 *     romanized as a one-token name, compared with the characters.
 * The test prints agreement counts and lists the disagreements; the expected
 * ones are explained in docs/romanize.md ("Table checks").
 */
#define _POSIX_C_SOURCE 200809L /* strtok_r */
#include "testutil.h"

#include "romanize/romanize.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cjklib spells aspiration U+2019, ü as U+00FC, ê U+00EA, ŭ U+016D: map to
 * the normalizer's marked-key form (', ü kept as 'v' here, others plain). */
static size_t to_marked(const char *s, char *o, size_t cap)
{
    size_t m = 0;
    while (*s && m + 1 < cap) {
        unsigned char c = (unsigned char)*s;
        if (strncmp(s, "\xE2\x80\x99", 3) == 0) {
            o[m++] = '\'';
            s += 3;
        } else if (strncmp(s, "\xC3\xBC", 2) == 0) {
            o[m++] = 'v';
            s += 2;
        } else if (strncmp(s, "\xC3\xAA", 2) == 0) {
            o[m++] = 'e';
            s += 2;
        } else if (strncmp(s, "\xC5\xAD", 2) == 0) {
            o[m++] = 'u';
            s += 2;
        } else {
            o[m++] = (char)c;
            s++;
        }
    }
    o[m] = '\0';
    return m;
}

static bool reaches(const char *spelling, int syl, int sys)
{
    size_t n = 0;
    const nomen__rz_cand *c = nomen__rz_lookup(spelling, strlen(spelling), &n, NULL);
    for (size_t i = 0; c && i < n; i++)
        if (c[i].syl == syl && (sys < 0 || c[i].sys == sys))
            return true;
    return false;
}

static void test_wade_giles(void **state)
{
    (void)state;
    char *path = nt_shared_path("data/romanization/cjklib/wadegilespinyinmapping.csv");
    NT_REQUIRE_FILE(path, "cjklib wadegilespinyinmapping.csv");
    char *text = nt_read_file(path, NULL);
    assert_non_null(text);
    int canon = 0, agree = 0, folded_agree = 0, variant = 0, variant_agree = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#' || line[0] != '"')
            continue;
        char wg[32], py[32];
        int idx;
        if (sscanf(line, "\"%31[^\"]\",\"%31[^\"]\",%d", wg, py, &idx) != 3)
            continue;
        char mw[32], mp[32];
        to_marked(wg, mw, sizeof mw);
        to_marked(py, mp, sizeof mp);
        int syl = nomen__rz_syl_id(mp, strlen(mp));
        /* Where the WG spelling is also the pinyin spelling (fa, huang) the
         * table keeps one entry, labelled pinyin (the lower system number
         * wins ties), so both labels count. */
        bool ok = syl >= 0 && (reaches(mw, syl, NOMEN__RZ_SYS_WADE_GILES) ||
                               (strcmp(mw, mp) == 0 && reaches(mw, syl, NOMEN__RZ_SYS_PINYIN)));
        /* the same with apostrophe and umlaut lost (the usual ASCII form) */
        char fold[32];
        size_t f = 0;
        for (const char *p = mw; *p; p++)
            if (*p != '\'')
                fold[f++] = *p == 'v' ? 'u' : *p;
        fold[f] = '\0';
        bool fok = syl >= 0 && reaches(fold, syl, -1);
        if (idx == 0) {
            canon++;
            agree += ok;
            folded_agree += fok;
            if (!ok)
                print_message("  WG disagreement (canonical): %s -> %s\n", wg, py);
        } else {
            variant++;
            variant_agree += ok;
            if (!ok)
                print_message("  WG variant not generated: %s -> %s\n", wg, py);
        }
    }
    print_message("Wade-Giles vs cjklib: canonical %d/%d exact (%.1f%%), %d/%d with marks "
                  "dropped; variant spellings %d/%d\n",
                  agree, canon, 100.0 * agree / canon, folded_agree, canon, variant_agree, variant);
    assert_true(canon > 400);
    assert_true(agree * 100 >= canon * 99);
    assert_true(folded_agree * 100 >= canon * 99);
    free(text);
    free(path);
}

static void test_jyutping(void **state)
{
    (void)state;
    char *p1 = nt_shared_path("data/romanization/cjklib/jyutpingsyllables.csv");
    NT_REQUIRE_FILE(p1, "cjklib jyutpingsyllables.csv");
    char *p2 = nt_shared_path("data/romanization/cjklib/jyutpingyalemapping.csv");
    NT_REQUIRE_FILE(p2, "cjklib jyutpingyalemapping.csv");
    char *text = nt_read_file(p1, NULL);
    assert_non_null(text);
    int total = 0, in_unihan = 0, routed = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#' || !line[0])
            continue;
        char *cr = strchr(line, '\r');
        if (cr)
            *cr = '\0';
        total++;
        for (unsigned i = 0; i < nomen__rz_njyut; i++)
            if (strcmp(nomen__rz_jyut_text[i], line) == 0) {
                in_unihan++;
                break;
            }
        size_t n = 0;
        const nomen__rz_cand *c = nomen__rz_lookup(line, strlen(line), &n, NULL);
        /* Where a Jyutping spelling is also a Hong Kong one (sam, lam) the
         * table labels it with the lower system number (cantonese). */
        bool r = false;
        for (size_t k = 0; c && k < n; k++)
            r |= c[k].sys >= NOMEN__RZ_SYS_CANTONESE && c[k].sys <= NOMEN__RZ_SYS_MACAU;
        routed += r;
    }
    free(text);
    print_message("Jyutping vs cjklib: %d syllables, %d are readings in Unihan kCantonese, "
                  "%d are spellings that reach pinyin by the Cantonese route\n",
                  total, in_unihan, routed);
    assert_true(total > 600);
    /* cjklib lists syllables that no Unihan character is read with (and
     * Unihan a few that cjklib lacks); most common ones must be routed. */
    assert_true(routed * 100 >= total * 90);

    text = nt_read_file(p2, NULL);
    assert_non_null(text);
    int pairs = 0, checked = 0, agree = 0;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char jp[16], yale[16];
        if (line[0] == '#' || sscanf(line, "'%15[^']','%15[^']'", jp, yale) != 2)
            continue;
        pairs++;
        size_t nj = 0, ny = 0;
        const nomen__rz_cand *cj = nomen__rz_lookup(jp, strlen(jp), &nj, NULL);
        bool jrouted = false;
        for (size_t k = 0; cj && k < nj; k++)
            jrouted |= cj[k].sys >= NOMEN__RZ_SYS_CANTONESE && cj[k].sys <= NOMEN__RZ_SYS_MACAU;
        if (!jrouted)
            continue;
        checked++;
        const nomen__rz_cand *cy = nomen__rz_lookup(yale, strlen(yale), &ny, NULL);
        bool share = false;
        for (size_t a = 0; cy && a < ny && !share; a++)
            for (size_t b = 0; b < nj; b++)
                if (cy[a].syl == cj[b].syl)
                    share = true;
        agree += share;
        if (!share)
            print_message("  Cantonese Yale not reached: %s (jyutping %s)\n", yale, jp);
    }
    print_message("Cantonese Yale vs cjklib: %d pairs, %d with a routed Jyutping syllable, %d "
                  "of those reach the same pinyin\n",
                  pairs, checked, agree);
    assert_true(checked > 0 && agree * 100 >= checked * 95);
    free(text);
    free(p1);
    free(p2);
}

/* Romanize one spelling ("Au Yeung" = two tokens) and the characters, and
 * compare. */
static bool spelling_matches(const char *spelling, const char *han)
{
    char buf[64];
    nomen__rz_token t[4];
    memset(t, 0, sizeof t);
    size_t n = 0, l = strlen(spelling);
    if (l >= sizeof buf)
        return false;
    for (size_t i = 0; i <= l; i++)
        buf[i] = (char)(spelling[i] >= 'A' && spelling[i] <= 'Z' ? spelling[i] + 32 : spelling[i]);
    char *save = NULL;
    for (char *w = strtok_r(buf, " ", &save); w && n < 4; w = strtok_r(NULL, " ", &save)) {
        t[n].key = w;
        t[n].key_len = strlen(w);
        n++;
    }
    static nomen__rz_name a, b;
    nomen__rz_token h = {.key = "", .han = han, .han_len = strlen(han)};
    if (nomen__rz_romanize(t, n, &a) != NOMEN_OK || nomen__rz_romanize(&h, 1, &b) != NOMEN_OK)
        return false;
    return nomen__rz_same(&a, &b, NULL);
}

static void han_only(const char *s, char *o, size_t cap)
{
    size_t m = 0;
    for (; *s && *s != '[' && m + 1 < cap; s++)
        if (*s != ' ')
            o[m++] = *s;
    o[m] = '\0';
}

static void test_surname_corpus(void **state)
{
    (void)state;
    char *path = nt_shared_path("data/romanization/Chinese_surname_corpus/corpus.json");
    NT_REQUIRE_FILE(path, "Chinese_surname_corpus/corpus.json");
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    assert_non_null(root);
    const char *regions[] = {"mainland", "taiwan", "hongkong", "macao", "singapore", "malaysia"};
    int total[6] = {0}, ok[6] = {0};
    size_t i;
    json_t *e;
    json_array_foreach(root, i, e)
    {
        const char *sim0 = json_string_value(json_object_get(e, "zh_sim"));
        const char *tra0 = json_string_value(json_object_get(e, "zh_tra"));
        if (!sim0 || !tra0)
            continue;
        /* The corpus carries footnote marks ("樂[注 1]") and stray spaces
         * after some characters: keep the characters only. */
        char sim[32], tra[32];
        han_only(sim0, sim, sizeof sim);
        han_only(tra0, tra, sizeof tra);
        for (int r = 0; r < 6; r++) {
            const char *v = json_string_value(json_object_get(e, regions[r]));
            if (!v || !*v)
                continue;
            char buf[128];
            snprintf(buf, sizeof buf, "%s", v);
            char *save = NULL;
            for (char *sp = strtok_r(buf, "/", &save); sp; sp = strtok_r(NULL, "/", &save)) {
                total[r]++;
                bool m = spelling_matches(sp, tra) || spelling_matches(sp, sim);
                ok[r] += m;
                if (!m && r < 4)
                    print_message("  %s: %s %s not reached\n", regions[r], tra, sp);
            }
        }
    }
    json_decref(root);
    for (int r = 0; r < 6; r++)
        print_message("surname corpus %-9s: %d/%d spellings reach the characters (%.1f%%)\n",
                      regions[r], ok[r], total[r], 100.0 * ok[r] / (total[r] ? total[r] : 1));
    /* Mainland spellings are pinyin of the surname reading; Taiwan mostly
     * Wade-Giles; Hong Kong and Macau go through Cantonese readings of
     * common characters and the surname table; a lone surname made of a
     * pinyin syllable (Man, Kan) gets no route readings, only the surname
     * table (rzname.c, cantonese_filter), hence the lower floors. */
    assert_true(ok[0] * 100 >= total[0] * 99);
    assert_true(ok[1] * 100 >= total[1] * 99);
    assert_true(ok[2] * 100 >= total[2] * 80);
    assert_true(ok[3] * 100 >= total[3] * 75);
    /* Singapore and Malaysia mix Hokkien, Teochew, Hakka, Cantonese and
     * Foochow; only the surname table reaches those (docs/romanize.md). */
    assert_true(ok[4] * 100 >= total[4] * 55);
    assert_true(ok[5] * 100 >= total[5] * 55);
    free(path);
}

/* CC-CEDICT "/surname X/" entries: the characters' surname reading (the
 * bracketed pinyin) must be a candidate at each position when the
 * characters are romanized as a name. Checks the Han readings (Unihan) and
 * the curated surname readings against an independent dictionary. */
static void test_cedict_surnames(void **state)
{
    (void)state;
    char *path = nt_shared_path("data/romanization/cc-cedict/cedict_ts.u8");
    NT_REQUIRE_FILE(path, "cc-cedict cedict_ts.u8");
    char *text = nt_read_file(path, NULL);
    assert_non_null(text);
    int total = 0, agree = 0, first_agree = 0;
    char *save = NULL;
    static nomen__rz_name n;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#' || !strstr(line, "/surname "))
            continue;
        char trad[64], simp[64], py[128];
        if (sscanf(line, "%63s %63s [%127[^]]]", trad, simp, py) != 3)
            continue;
        /* toneless syllables of the reading, u: -> v */
        char syl[8][8];
        int ns = 0;
        char *sv = NULL;
        bool bad = false;
        for (char *w = strtok_r(py, " ", &sv); w && !bad; w = strtok_r(NULL, " ", &sv)) {
            size_t m = 0;
            for (const char *c = w; *c && !bad; c++) {
                if (*c >= '1' && *c <= '5')
                    continue;
                if (c[0] == 'u' && c[1] == ':') {
                    syl[ns][m++] = 'v';
                    c++;
                } else if (*c >= 'A' && *c <= 'Z')
                    syl[ns][m++] = (char)(*c + 32);
                else if (*c >= 'a' && *c <= 'z')
                    syl[ns][m++] = *c;
                else
                    bad = true;
                if (m >= 7)
                    bad = true;
            }
            syl[ns][m] = '\0';
            if (++ns == 8)
                bad = true;
        }
        if (bad || ns == 0)
            continue;
        nomen__rz_token tk = {.key = "", .han = trad, .han_len = strlen(trad)};
        if (nomen__rz_romanize(&tk, 1, &n) != NOMEN_OK || n.nvar == 0 || n.var[0].n != ns)
            continue; /* entries whose characters and syllables do not align */
        total++;
        bool all = true, first = true;
        for (int i = 0; i < ns; i++) {
            int id = nomen__rz_syl_id(syl[i], strlen(syl[i]));
            const nomen__rz_slot *sl = &n.slot[n.var[0].slot[i]];
            bool found = false;
            for (int c = 0; c < sl->ncand; c++)
                found |= sl->cand[c].syl == id;
            all &= found;
            first &= sl->ncand > 0 && sl->cand[0].syl == id;
        }
        agree += all;
        first_agree += first;
        if (!all)
            print_message("  CC-CEDICT surname %s (%s): reading not a candidate\n", trad, py);
    }
    print_message("CC-CEDICT surnames: %d entries, reading among the candidates %d (%.1f%%), "
                  "as the first candidate %d (%.1f%%)\n",
                  total, agree, 100.0 * agree / total, first_agree, 100.0 * first_agree / total);
    assert_true(total > 700);
    assert_true(agree * 100 >= total * 98);
    free(text);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wade_giles),
        cmocka_unit_test(test_jyutping),
        cmocka_unit_test(test_surname_corpus),
        cmocka_unit_test(test_cedict_surnames),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
