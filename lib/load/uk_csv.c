/*
 * uk_csv.c: the UK OFSI Consolidated List, CSV layout (load stage).
 *
 * Layout (ConList.csv, 2022 format): line 1 "Last Updated,dd/mm/yyyy"; line
 * 2 the header (36 columns: Name 6, Name 1..5, Title, Name Non-Latin Script,
 * Non-Latin Script Type, Non-Latin Script Language, DOB, Town of Birth,
 * Country of Birth, Nationality, Passport Number, Passport Details, National
 * Identification Number, National Identification Details, Position, Address
 * 1..6, Post/Zip Code, Country, Other Information, Group Type, Alias Type,
 * Alias Quality, Regime, Listed On, UK Sanctions List Date Designated, Last
 * Updated, Group ID); then one row per name. Columns are found by their
 * header names, so a reordered file still reads.
 *
 * One subject = one Group ID. Its rows need not be adjacent (in the
 * 2025-04-14 list 3,818 groups restart after other groups' rows), so each
 * group gets its own record builder, found through a hash table on the Group
 * ID; builders drop repeated values (the UK repeats DOB, nationality and the
 * long "Other Information" on every name row), so memory is bounded by the
 * result, not by the file. Records are committed at the end of the file in
 * order of first appearance.
 *
 * Counts: records_read counts Group IDs plus rows refused before their group
 * was known; a refused row is one skipped record.
 */
#include "load/csvread.h"

#include <string.h>

enum {
    C_NAME6,
    C_NAME1,
    C_NAME2,
    C_NAME3,
    C_NAME4,
    C_NAME5,
    C_TITLE,
    C_NONLATIN,
    C_NL_TYPE,
    C_NL_LANG,
    C_DOB,
    C_TOWN,
    C_COB,
    C_NATIONALITY,
    C_PASSPORT,
    C_PASSPORT_DET,
    C_NATID,
    C_NATID_DET,
    C_POSITION,
    C_ADDR1,
    C_ADDR2,
    C_ADDR3,
    C_ADDR4,
    C_ADDR5,
    C_ADDR6,
    C_POSTCODE,
    C_COUNTRY,
    C_OTHER,
    C_GROUP_TYPE,
    C_ALIAS_TYPE,
    C_ALIAS_QUALITY,
    C_REGIME,
    C_LISTED_ON,
    C_DESIGNATED,
    C_LAST_UPDATED,
    C_GROUP_ID,
    C_COUNT
};

static const char *const col_names[C_COUNT] = {"Name 6",
                                               "Name 1",
                                               "Name 2",
                                               "Name 3",
                                               "Name 4",
                                               "Name 5",
                                               "Title",
                                               "Name Non-Latin Script",
                                               "Non-Latin Script Type",
                                               "Non-Latin Script Language",
                                               "DOB",
                                               "Town of Birth",
                                               "Country of Birth",
                                               "Nationality",
                                               "Passport Number",
                                               "Passport Details",
                                               "National Identification Number",
                                               "National Identification Details",
                                               "Position",
                                               "Address 1",
                                               "Address 2",
                                               "Address 3",
                                               "Address 4",
                                               "Address 5",
                                               "Address 6",
                                               "Post/Zip Code",
                                               "Country",
                                               "Other Information",
                                               "Group Type",
                                               "Alias Type",
                                               "Alias Quality",
                                               "Regime",
                                               "Listed On",
                                               "UK Sanctions List Date Designated",
                                               "Last Updated",
                                               "Group ID"};

/* Columns without which a row cannot be read. */
static const int required_cols[] = {C_NAME6, C_GROUP_ID, C_ALIAS_TYPE, C_GROUP_TYPE};

typedef struct group {
    char *id;
    nomen__recbuild *b;
} group;

typedef struct groups {
    group *g; /* in order of first appearance */
    size_t n, cap;
    size_t *slots; /* hash table of group indexes + 1 (0: empty) */
    size_t nslots;
} groups;

static bool groups_rehash(groups *gs, size_t nslots)
{
    size_t *s = nomen__calloc(nslots, sizeof(size_t));
    if (s == NULL)
        return false;
    for (size_t i = 0; i < gs->n; i++) {
        uint64_t h = nomen__hash64(gs->g[i].id, strlen(gs->g[i].id), 0);
        size_t k = (size_t)h & (nslots - 1);
        while (s[k] != 0)
            k = (k + 1) & (nslots - 1);
        s[k] = i + 1;
    }
    nomen__free(gs->slots);
    gs->slots = s;
    gs->nslots = nslots;
    return true;
}

/* The builder of a group, created on first sight; NULL when out of memory. */
static nomen__recbuild *group_get(groups *gs, const char *id, size_t n, bool *created)
{
    *created = false;
    if (gs->nslots == 0 && !groups_rehash(gs, 1024))
        return NULL;
    uint64_t h = nomen__hash64(id, n, 0);
    size_t k = (size_t)h & (gs->nslots - 1);
    while (gs->slots[k] != 0) {
        group *g = &gs->g[gs->slots[k] - 1];
        if (strlen(g->id) == n && memcmp(g->id, id, n) == 0)
            return g->b;
        k = (k + 1) & (gs->nslots - 1);
    }
    void *p = gs->g;
    if (!nomen__grow(&p, &gs->cap, gs->n + 1, sizeof(group)))
        return NULL;
    gs->g = p;
    group *g = &gs->g[gs->n];
    g->id = nomen__strndup(id, n);
    g->b = nomen__recbuild_new();
    if (g->id == NULL || g->b == NULL || !nomen__recbuild_set_id(g->b, id, n)) {
        nomen__free(g->id);
        nomen__recbuild_free(g->b);
        return NULL;
    }
    gs->slots[k] = ++gs->n;
    *created = true;
    if (gs->n * 2 > gs->nslots && !groups_rehash(gs, gs->nslots * 2))
        return NULL;
    return g->b;
}

static void groups_free(groups *gs)
{
    for (size_t i = 0; i < gs->n; i++) {
        nomen__free(gs->g[i].id);
        nomen__recbuild_free(gs->g[i].b);
    }
    nomen__free(gs->g);
    nomen__free(gs->slots);
}

static const char *trimmed(const char *s, size_t *n)
{
    while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '.' || s[*n - 1] == ','))
        (*n)--;
    while (*n > 0 && (*s == ' ' || *s == ',')) {
        s++;
        (*n)--;
    }
    return s;
}

/* One country text of a multi-country cell: if it is not a known country
 * but splits on '.' or ',' into known ones ("Estonia, Russia"), add those;
 * else add it as written. */
static bool add_one_country(nomen__recbuild *b, char which, const char *s, size_t n)
{
    s = trimmed(s, &n);
    if (n == 0)
        return true;
    if (nomen__country_iso2(s, n)[0] == '\0') {
        bool all = true;
        size_t parts = 0;
        for (size_t i = 0; i < n && all;) {
            size_t j = i;
            while (j < n && s[j] != ',' && s[j] != '.')
                j++;
            size_t pn = j - i;
            const char *p = trimmed(s + i, &pn);
            if (pn > 0) {
                parts++;
                all = nomen__country_iso2(p, pn)[0] != '\0';
            }
            i = j + 1;
        }
        if (all && parts > 1) {
            for (size_t i = 0; i < n;) {
                size_t j = i;
                while (j < n && s[j] != ',' && s[j] != '.')
                    j++;
                size_t pn = j - i;
                const char *p = trimmed(s + i, &pn);
                if (pn > 0 && !nomen__recbuild_add_country(b, which, p, pn))
                    return false;
                i = j + 1;
            }
            return true;
        }
    }
    return nomen__recbuild_add_country(b, which, s, n);
}

/* "(1) Russia. (2) Syria" -> Russia, Syria. */
static bool add_countries(nomen__recbuild *b, char which, const char *s, size_t n)
{
    size_t i = 0, start = 0;
    bool numbered = false;
    while (i < n) {
        if (s[i] == '(' && i + 2 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
            size_t j = i + 1;
            while (j < n && s[j] >= '0' && s[j] <= '9')
                j++;
            if (j < n && s[j] == ')') {
                if (numbered && !add_one_country(b, which, s + start, i - start))
                    return false;
                numbered = true;
                start = j + 1;
                i = j + 1;
                continue;
            }
        }
        i++;
    }
    return add_one_country(b, which, s + start, n - start);
}

static bool add_labelled(nomen__recbuild *b, nomen__buf *tmp, const char *label, const char *s,
                         size_t n)
{
    if (n == 0)
        return true;
    nomen__buf_clear(tmp);
    return nomen__buf_addf(tmp, "%s: %.*s", label, (int)n, s) &&
           nomen__recbuild_add_remark(b, tmp->data, tmp->len);
}

/* Fold one name row into its group's builder. */
static bool add_row(nomen__recbuild *b, const nomen__csv *c, const int *col, nomen__buf *tmp)
{
    size_t n[C_COUNT];
    const char *f[C_COUNT];
    for (int k = 0; k < C_COUNT; k++) {
        if (col[k] < 0) {
            f[k] = "";
            n[k] = 0;
        } else {
            f[k] = nomen__csv_field(c, (size_t)col[k], &n[k]);
        }
    }
    size_t pl = n[C_GROUP_TYPE];
    int type = NOMEN__SUBJ_UNKNOWN;
    if (nomen__ascii_ieq(f[C_GROUP_TYPE], pl, "Individual"))
        type = NOMEN__SUBJ_INDIVIDUAL;
    else if (nomen__ascii_ieq(f[C_GROUP_TYPE], pl, "Entity"))
        type = NOMEN__SUBJ_ENTITY;
    else if (nomen__ascii_ieq(f[C_GROUP_TYPE], pl, "Ship"))
        type = NOMEN__SUBJ_VESSEL;
    if (type != NOMEN__SUBJ_UNKNOWN)
        nomen__recbuild_set_type(b, type);
    else if (!add_labelled(b, tmp, "Group Type", f[C_GROUP_TYPE], n[C_GROUP_TYPE]))
        return false;

    int kind = NOMEN__NAME_AKA;
    const char *at = f[C_ALIAS_TYPE];
    size_t an = n[C_ALIAS_TYPE];
    if (nomen__ascii_ieq(at, an, "Primary name"))
        kind = NOMEN__NAME_PRIMARY;
    else if (nomen__ascii_ieq(at, an, "Primary name variation"))
        kind = NOMEN__NAME_VARIATION;
    else if (nomen__ascii_ieq(at, an, "FKA"))
        kind = NOMEN__NAME_FKA;
    else if (!nomen__ascii_ieq(at, an, "AKA") && !add_labelled(b, tmp, "Alias Type", at, an))
        return false;
    int q = NOMEN__QUAL_UNKNOWN;
    if (nomen__ascii_ieq(f[C_ALIAS_QUALITY], n[C_ALIAS_QUALITY], "Good quality"))
        q = NOMEN__QUAL_STRONG;
    else if (nomen__ascii_ieq(f[C_ALIAS_QUALITY], n[C_ALIAS_QUALITY], "Low quality"))
        q = NOMEN__QUAL_WEAK;

    /* Full name in reading order: Name 1..5, then Name 6 (the family name). */
    nomen__buf_clear(tmp);
    size_t given_end = 0, mid_start = 0, mid_end = 0;
    for (int k = C_NAME1; k <= C_NAME5; k++) {
        size_t m = n[k];
        const char *s = f[k];
        while (m > 0 && s[m - 1] == ' ')
            m--;
        while (m > 0 && *s == ' ') {
            s++;
            m--;
        }
        if (m == 0)
            continue;
        if (tmp->len > 0 && !nomen__buf_addc(tmp, ' '))
            return false;
        if (given_end != 0 && mid_start == 0)
            mid_start = tmp->len;
        if (!nomen__buf_add(tmp, s, m))
            return false;
        if (given_end == 0)
            given_end = tmp->len;
        else
            mid_end = tmp->len;
    }
    const char *fam = f[C_NAME6];
    size_t famn = n[C_NAME6];
    if (famn > 0 &&
        ((tmp->len > 0 && !nomen__buf_addc(tmp, ' ')) || !nomen__buf_add(tmp, fam, famn)))
        return false;
    if (tmp->len > 0) {
        const char *t = tmp->data;
        bool person = type == NOMEN__SUBJ_INDIVIDUAL;
        if (!nomen__recbuild_add_name(b, kind, q, t, tmp->len, person && given_end ? t : NULL,
                                      given_end, person && mid_start ? t + mid_start : NULL,
                                      mid_start ? mid_end - mid_start : 0,
                                      person && famn ? fam : NULL, famn, NULL, 0))
            return false;
    }
    if (n[C_NONLATIN] > 0) {
        const char *lang = n[C_NL_LANG] ? f[C_NL_LANG] : n[C_NL_TYPE] ? f[C_NL_TYPE] : NULL;
        size_t ln = n[C_NL_LANG] ? n[C_NL_LANG] : n[C_NL_TYPE];
        if (!nomen__recbuild_add_name(b, NOMEN__NAME_ORIGINAL, q, f[C_NONLATIN], n[C_NONLATIN],
                                      NULL, 0, NULL, 0, NULL, 0, lang, ln))
            return false;
    }
    if (!add_labelled(b, tmp, "Title", f[C_TITLE], n[C_TITLE]) ||
        !nomen__recbuild_add_dob(b, f[C_DOB], n[C_DOB]))
        return false;
    /* Place of birth: "Town, Country" as far as given. */
    nomen__buf_clear(tmp);
    if (!nomen__buf_add(tmp, f[C_TOWN], n[C_TOWN]) ||
        (n[C_TOWN] && n[C_COB] && !nomen__buf_adds(tmp, ", ")) ||
        !nomen__buf_add(tmp, f[C_COB], n[C_COB]) ||
        (tmp->len > 0 && !nomen__recbuild_add_pob(b, tmp->data, tmp->len)))
        return false;
    if (!add_countries(b, 'n', f[C_NATIONALITY], n[C_NATIONALITY]) ||
        !nomen__recbuild_add_id(b, "Passport", 8, f[C_PASSPORT], n[C_PASSPORT], NULL, 0) ||
        !add_labelled(b, tmp, "Passport Details", f[C_PASSPORT_DET], n[C_PASSPORT_DET]) ||
        !nomen__recbuild_add_id(b, "National Identification Number", 30, f[C_NATID], n[C_NATID],
                                NULL, 0) ||
        !add_labelled(b, tmp, "National Identification Details", f[C_NATID_DET], n[C_NATID_DET]) ||
        !add_labelled(b, tmp, "Position", f[C_POSITION], n[C_POSITION]) ||
        !add_countries(b, 'a', f[C_COUNTRY], n[C_COUNTRY]))
        return false;
    nomen__buf_clear(tmp);
    for (int k = C_ADDR1; k <= C_COUNTRY; k++) {
        if (n[k] == 0)
            continue;
        if (!nomen__buf_adds(tmp, tmp->len ? ", " : "Address: ") ||
            !nomen__buf_add(tmp, f[k], n[k]))
            return false;
    }
    if (tmp->len > 0 && !nomen__recbuild_add_remark(b, tmp->data, tmp->len))
        return false;
    /* Other Information: kept whole; "(Gender):Male" also sets the gender. */
    const char *o = f[C_OTHER];
    size_t on = n[C_OTHER];
    if (!nomen__recbuild_add_remark(b, o, on))
        return false;
    for (size_t i = 0; on >= 9 && i + 9 <= on; i++) {
        if (memcmp(o + i, "(Gender):", 9) == 0) {
            size_t s = i + 9, e = s;
            while (e < on && o[e] != '(' && o[e] != '\n')
                e++;
            if (!nomen__recbuild_set_gender(b, o + s, e - s))
                return false;
            break;
        }
    }
    return nomen__recbuild_add_program(b, f[C_REGIME], n[C_REGIME]) &&
           nomen__recbuild_set_listed_on(b, f[C_LISTED_ON], n[C_LISTED_ON]) &&
           add_labelled(b, tmp, "UK Sanctions List Date Designated", f[C_DESIGNATED],
                        n[C_DESIGNATED]);
}

/* "14/04/2025" -> "2025-04-14" into out[11]; false when not that form. */
static bool dmy_to_iso(const char *s, size_t n, char *out)
{
    while (n > 0 && s[n - 1] == ' ')
        n--;
    while (n > 0 && *s == ' ') {
        s++;
        n--;
    }
    if (n != 10 || s[2] != '/' || s[5] != '/')
        return false;
    static const int pos[8] = {6, 7, 8, 9, 3, 4, 0, 1};
    for (int i = 0; i < 8; i++)
        if (s[pos[i]] < '0' || s[pos[i]] > '9')
            return false;
    memcpy(out, s + 6, 4);
    out[4] = '-';
    memcpy(out + 5, s + 3, 2);
    out[7] = '-';
    memcpy(out + 8, s, 2);
    out[10] = '\0';
    return true;
}

int nomen__load_uk_csv(nomen__loader *ld, nomen__src *src)
{
    uint32_t source;
    if (!nomen__recset_add_source(ld->set, "uk-ofsi", "uk-csv", src->name, &source))
        return nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
    nomen__csv c;
    int st = nomen__csv_open(&c, src, ld->max_field_bytes, &ld->err);
    if (st != NOMEN_OK)
        return st;
    groups gs = {0};
    nomen__buf tmp = {0};
    int col[C_COUNT];
    bool row;

    /* Line 1: "Last Updated,<date>". */
    st = nomen__csv_next(&c, &row, &ld->err);
    if (st != NOMEN_OK)
        goto done;
    size_t n0, n1;
    const char *f0 = nomen__csv_field(&c, 0, &n0);
    if (!row || !nomen__ascii_ieq(f0, n0, "Last Updated")) {
        st = nomen__err_set(&ld->err, NOMEN_ERR_PARSE,
                            "%s:%lu:1: expected the OFSI first line \"Last Updated,<date>\"",
                            src->name, row ? c.row_line : c.line);
        goto done;
    }
    const char *f1 = nomen__csv_field(&c, 1, &n1);
    char iso[11];
    if (dmy_to_iso(f1, n1, iso)) {
        char *d = nomen__arena_strndup(&ld->set->arena, iso, 10);
        if (d == NULL) {
            st = nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
            goto done;
        }
        ld->set->sources[source].date = d;
    }
    /* Line 2: the header; columns are found by name. */
    st = nomen__csv_next(&c, &row, &ld->err);
    if (st != NOMEN_OK)
        goto done;
    for (int k = 0; k < C_COUNT; k++) {
        col[k] = -1;
        for (size_t i = 0; row && i < c.nf; i++) {
            size_t hn;
            const char *h = nomen__csv_field(&c, i, &hn);
            if (nomen__ascii_ieq(h, hn, col_names[k])) {
                col[k] = (int)i;
                break;
            }
        }
    }
    for (size_t k = 0; k < NOMEN__ARRAY_LEN(required_cols); k++) {
        if (col[required_cols[k]] < 0) {
            st = nomen__err_set(&ld->err, NOMEN_ERR_PARSE,
                                "%s:%lu:1: expected a header row with the column \"%s\"", src->name,
                                row ? c.row_line : c.line, col_names[required_cols[k]]);
            goto done;
        }
    }
    size_t ncols = c.nf;

    for (;;) {
        st = nomen__csv_next(&c, &row, &ld->err);
        if (!row)
            break;
        if (st != NOMEN_OK) {
            ld->set->sources[source].records_read++;
            st = nomen__csv_report(&c, ld, source);
            if (st != NOMEN_OK)
                break;
            continue;
        }
        size_t gn;
        const char *gid = nomen__csv_field(&c, (size_t)col[C_GROUP_ID], &gn);
        while (gn > 0 && gid[gn - 1] == ' ')
            gn--;
        if (c.nf != ncols) {
            ld->set->sources[source].records_read++;
            st = nomen__loader_bad_record(ld, source, src->name, c.row_line, 1,
                                          "expected %zu fields as in the header, found %zu", ncols,
                                          c.nf);
        } else if (gn == 0) {
            ld->set->sources[source].records_read++;
            st = nomen__loader_bad_record(ld, source, src->name, c.row_line,
                                          c.f[col[C_GROUP_ID]].col, "expected a Group ID");
        } else {
            bool created;
            nomen__recbuild *b = group_get(&gs, gid, gn, &created);
            if (b == NULL || !add_row(b, &c, col, &tmp)) {
                st = nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
                break;
            }
            if (created)
                ld->set->sources[source].records_read++;
        }
        if (st != NOMEN_OK)
            break;
    }
    if (st != NOMEN_OK)
        goto done;
    for (size_t i = 0; i < gs.n; i++) {
        nomen__recbuild *b = gs.g[i].b;
        if (nomen__recbuild_name_count(b) == 0) {
            st = nomen__loader_bad_record(ld, source, src->name, 0, 0,
                                          "Group ID %s: expected at least one name", gs.g[i].id);
            if (st != NOMEN_OK)
                goto done;
            continue;
        }
        if (!nomen__recset_commit(ld->set, source, b)) {
            st = nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
            goto done;
        }
        ld->set->sources[source].records_loaded++;
        nomen__recbuild_free(b); /* give the memory back as we go */
        gs.g[i].b = NULL;
    }
done:
    ld->set->sources[source].checksum = src->checksum;
    nomen__csv_close(&c);
    groups_free(&gs);
    nomen__buf_free(&tmp);
    return st;
}
