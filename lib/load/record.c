/*
 * record.c: the record builder, the record set, the date-of-birth parser and
 * the country-name table (load stage).
 *
 * The builder keeps every string of the record being built in one growable
 * scratch buffer and refers to it by (offset, length), so that adding never
 * invalidates earlier parts. Adders trim white space (ASCII and U+00A0) and
 * ignore empty values; exact duplicates are ignored too (the UK list repeats a
 * subject's date of birth, nationality and remarks on every name row, and a
 * repeated value carries no information). Commit copies the record into the
 * set's arena: one allocation for the strings, one per array, so a record
 * costs little more than its text.
 *
 * Invariants: a committed record is immutable; names[0] is the first name of
 * kind PRIMARY when there is one; every string pointer in a record is either
 * NULL or NUL-terminated and lives as long as the set.
 */
#include "load/record.h"

#include <string.h>

#include "load/country_table.h"

/* A string in the builder's scratch buffer; off == NO_STR means "absent". */
#define NO_STR SIZE_MAX
typedef struct sref {
    size_t off, len;
} sref;

typedef struct bname {
    int kind, quality;
    sref full, given, middle, family, lang;
} bname;

typedef struct bdate {
    sref text;
    nomen__rdate d; /* text pointer unused here */
} bdate;

typedef struct bcountry {
    char which;
    sref text;
    char iso2[3];
} bcountry;

typedef struct bid {
    sref type, value, country;
} bid;

struct nomen__recbuild {
    nomen__buf s; /* scratch text of the record being built */
    int type;
    sref id, gender, listed_on, telegraph;
    sref *remarks;
    size_t nremarks, remarks_cap;
    sref *programs;
    size_t nprograms, programs_cap;
    bname *names;
    size_t nnames, names_cap;
    bdate *dobs;
    size_t ndobs, dobs_cap;
    sref *pobs;
    size_t npobs, pobs_cap;
    bcountry *countries;
    size_t ncountries, countries_cap;
    bid *ids;
    size_t nids, ids_cap;
};

static const sref none = {NO_STR, 0};

/* ---- record set --------------------------------------------------------- */

void nomen__recset_init(nomen__recset *set)
{
    memset(set, 0, sizeof(*set));
}

void nomen__recset_free(nomen__recset *set)
{
    if (set == NULL)
        return;
    nomen__arena_free(&set->arena);
    nomen__free(set->recs);
    nomen__free(set->sources);
    memset(set, 0, sizeof(*set));
}

bool nomen__recset_add_source(nomen__recset *set, const char *list, const char *format,
                              const char *path, uint32_t *index)
{
    void *p = set->sources;
    if (set->nsources >= UINT32_MAX ||
        !nomen__grow(&p, &set->sources_cap, set->nsources + 1, sizeof(nomen__rsource)))
        return false;
    set->sources = p;
    nomen__rsource *s = &set->sources[set->nsources];
    memset(s, 0, sizeof(*s));
    const char *strs[3] = {list ? list : "", format ? format : "", path ? path : ""};
    char *copies[3];
    for (int i = 0; i < 3; i++) {
        copies[i] = nomen__arena_strndup(&set->arena, strs[i], strlen(strs[i]));
        if (copies[i] == NULL)
            return false;
    }
    s->list = copies[0];
    s->format = copies[1];
    s->path = copies[2];
    *index = (uint32_t)set->nsources++;
    return true;
}

/* ---- builder: allocation and strings ------------------------------------ */

nomen__recbuild *nomen__recbuild_new(void)
{
    nomen__recbuild *b = nomen__calloc(1, sizeof(*b));
    if (b != NULL)
        nomen__recbuild_reset(b);
    return b;
}

void nomen__recbuild_free(nomen__recbuild *b)
{
    if (b == NULL)
        return;
    nomen__buf_free(&b->s);
    nomen__free(b->remarks);
    nomen__free(b->programs);
    nomen__free(b->names);
    nomen__free(b->dobs);
    nomen__free(b->pobs);
    nomen__free(b->countries);
    nomen__free(b->ids);
    nomen__free(b);
}

void nomen__recbuild_reset(nomen__recbuild *b)
{
    nomen__buf_clear(&b->s);
    b->type = NOMEN__SUBJ_UNKNOWN;
    b->id = b->gender = b->listed_on = b->telegraph = none;
    b->nremarks = b->nprograms = b->nnames = b->ndobs = b->npobs = b->ncountries = b->nids = 0;
}

size_t nomen__recbuild_name_count(const nomen__recbuild *b)
{
    return b->nnames;
}

/* Trim ASCII white space and U+00A0 (C2 A0, common in spreadsheet exports)
 * from both ends of s[0..*n); returns the new start. */
static const char *trim(const char *s, size_t *n)
{
    size_t a = 0, e = *n;
    for (;;) {
        if (a < e && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r' || s[a] == '\n' || s[a] == '\v' ||
                      s[a] == '\f'))
            a++;
        else if (e - a >= 2 && (unsigned char)s[a] == 0xC2 && (unsigned char)s[a + 1] == 0xA0)
            a += 2;
        else
            break;
    }
    for (;;) {
        if (e > a && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n' ||
                      s[e - 1] == '\v' || s[e - 1] == '\f'))
            e--;
        else if (e - a >= 2 && (unsigned char)s[e - 2] == 0xC2 && (unsigned char)s[e - 1] == 0xA0)
            e -= 2;
        else
            break;
    }
    *n = e - a;
    return s + a;
}

/* Copy s[0..n) (already trimmed) into the scratch buffer. */
static bool put(nomen__recbuild *b, const char *s, size_t n, sref *out)
{
    if (s == NULL) {
        *out = none;
        return true;
    }
    size_t off = b->s.len;
    if (!nomen__buf_add(&b->s, s, n))
        return false;
    out->off = off;
    out->len = n;
    return true;
}

/* Trim, then copy; an empty or NULL string becomes "absent". */
static bool put_trimmed(nomen__recbuild *b, const char *s, size_t n, sref *out)
{
    if (s == NULL) {
        *out = none;
        return true;
    }
    s = trim(s, &n);
    if (n == 0) {
        *out = none;
        return true;
    }
    return put(b, s, n, out);
}

static const char *sptr(const nomen__recbuild *b, sref r)
{
    return b->s.data + r.off;
}

static bool seq(const nomen__recbuild *b, sref r, const char *s, size_t n)
{
    if (r.off == NO_STR)
        return s == NULL;
    return s != NULL && r.len == n && memcmp(sptr(b, r), s, n) == 0;
}

static bool sref_eq(const nomen__recbuild *b, sref x, sref y)
{
    if (x.off == NO_STR || y.off == NO_STR)
        return x.off == y.off;
    return x.len == y.len && memcmp(sptr(b, x), sptr(b, y), x.len) == 0;
}

/* Make room for one more element in a builder array. */
static bool more(void *items_ptr, size_t *cap, size_t n, size_t elsize)
{
    void **items = items_ptr;
    void *p = *items;
    if (!nomen__grow(&p, cap, n + 1, elsize))
        return false;
    *items = p;
    return true;
}

/* ---- builder: setters and adders ---------------------------------------- */

bool nomen__recbuild_set_type(nomen__recbuild *b, int type)
{
    b->type = type;
    return true;
}

static bool set_single(nomen__recbuild *b, sref *field, const char *s, size_t n)
{
    if (s == NULL)
        return true;
    s = trim(s, &n);
    if (n == 0)
        return true;
    return put(b, s, n, field);
}

bool nomen__recbuild_set_id(nomen__recbuild *b, const char *s, size_t n)
{
    return set_single(b, &b->id, s, n);
}

bool nomen__recbuild_set_gender(nomen__recbuild *b, const char *s, size_t n)
{
    return set_single(b, &b->gender, s, n);
}

bool nomen__recbuild_set_telegraph(nomen__recbuild *b, const char *s, size_t n)
{
    return set_single(b, &b->telegraph, s, n);
}

bool nomen__recbuild_add_remark(nomen__recbuild *b, const char *s, size_t n)
{
    if (s == NULL)
        return true;
    s = trim(s, &n);
    if (n == 0)
        return true;
    for (size_t i = 0; i < b->nremarks; i++)
        if (seq(b, b->remarks[i], s, n))
            return true;
    if (!more(&b->remarks, &b->remarks_cap, b->nremarks, sizeof(sref)))
        return false;
    return put(b, s, n, &b->remarks[b->nremarks++]);
}

bool nomen__recbuild_add_program(nomen__recbuild *b, const char *s, size_t n)
{
    if (s == NULL)
        return true;
    s = trim(s, &n);
    if (n == 0)
        return true;
    for (size_t i = 0; i < b->nprograms; i++)
        if (seq(b, b->programs[i], s, n))
            return true;
    if (!more(&b->programs, &b->programs_cap, b->nprograms, sizeof(sref)))
        return false;
    return put(b, s, n, &b->programs[b->nprograms++]);
}

bool nomen__recbuild_add_name(nomen__recbuild *b, int kind, int quality, const char *full,
                              size_t full_n, const char *given, size_t given_n, const char *middle,
                              size_t middle_n, const char *family, size_t family_n,
                              const char *lang, size_t lang_n)
{
    bname nm;
    nm.kind = kind;
    nm.quality = quality;
    if (full == NULL) {
        full = "";
        full_n = 0;
    }
    full = trim(full, &full_n);
    size_t mark = b->s.len;
    if (!put(b, full, full_n, &nm.full) || !put_trimmed(b, given, given_n, &nm.given) ||
        !put_trimmed(b, middle, middle_n, &nm.middle) ||
        !put_trimmed(b, family, family_n, &nm.family) || !put_trimmed(b, lang, lang_n, &nm.lang))
        return false;
    for (size_t i = 0; i < b->nnames; i++) {
        const bname *o = &b->names[i];
        if (o->kind == kind && o->quality == quality && sref_eq(b, o->full, nm.full) &&
            sref_eq(b, o->given, nm.given) && sref_eq(b, o->middle, nm.middle) &&
            sref_eq(b, o->family, nm.family) && sref_eq(b, o->lang, nm.lang)) {
            b->s.len = mark; /* a duplicate: forget its copies */
            return true;
        }
    }
    if (!more(&b->names, &b->names_cap, b->nnames, sizeof(bname)))
        return false;
    b->names[b->nnames++] = nm;
    return true;
}

bool nomen__recbuild_add_pob(nomen__recbuild *b, const char *s, size_t n)
{
    if (s == NULL)
        return true;
    s = trim(s, &n);
    if (n == 0)
        return true;
    for (size_t i = 0; i < b->npobs; i++)
        if (seq(b, b->pobs[i], s, n))
            return true;
    if (!more(&b->pobs, &b->pobs_cap, b->npobs, sizeof(sref)))
        return false;
    return put(b, s, n, &b->pobs[b->npobs++]);
}

bool nomen__recbuild_add_country(nomen__recbuild *b, char which, const char *s, size_t n)
{
    if (s == NULL)
        return true;
    s = trim(s, &n);
    if (n == 0)
        return true;
    for (size_t i = 0; i < b->ncountries; i++)
        if (b->countries[i].which == which && seq(b, b->countries[i].text, s, n))
            return true;
    if (!more(&b->countries, &b->countries_cap, b->ncountries, sizeof(bcountry)))
        return false;
    bcountry *c = &b->countries[b->ncountries];
    c->which = which;
    const char *iso = nomen__country_iso2(s, n); /* "" or two letters */
    c->iso2[0] = iso[0];
    c->iso2[1] = iso[0] ? iso[1] : '\0';
    c->iso2[2] = '\0';
    if (!put(b, s, n, &c->text))
        return false;
    b->ncountries++;
    return true;
}

bool nomen__recbuild_add_id(nomen__recbuild *b, const char *type, size_t type_n, const char *value,
                            size_t value_n, const char *country, size_t country_n)
{
    if (value == NULL)
        return true;
    value = trim(value, &value_n);
    if (value_n == 0)
        return true;
    bid id;
    size_t mark = b->s.len;
    if (!put_trimmed(b, type, type_n, &id.type) || !put(b, value, value_n, &id.value) ||
        !put_trimmed(b, country, country_n, &id.country))
        return false;
    for (size_t i = 0; i < b->nids; i++) {
        if (sref_eq(b, b->ids[i].type, id.type) && sref_eq(b, b->ids[i].value, id.value) &&
            sref_eq(b, b->ids[i].country, id.country)) {
            b->s.len = mark;
            return true;
        }
    }
    if (!more(&b->ids, &b->ids_cap, b->nids, sizeof(bid)))
        return false;
    b->ids[b->nids++] = id;
    return true;
}

/* ---- dates -------------------------------------------------------------- */

/* The date texts of the lists, tokenized: numbers, month names, the words
 * that make a date approximate or a range, and words that carry no date
 * information ("DOB", "born", "in"). Any other word makes the text
 * unparseable (kept as text, year 0): better unknown than wrong. */
enum { TK_NUM, TK_MON, TK_CIRCA, TK_RANGE, TK_DASH, TK_NOISE };

typedef struct dtok {
    int kind;
    int val;     /* number value, month 1..12 */
    int ndigits; /* for numbers */
} dtok;

static const struct {
    const char *w;
    int kind, val;
} date_words[] = {
    {"jan", TK_MON, 1},
    {"january", TK_MON, 1},
    {"feb", TK_MON, 2},
    {"february", TK_MON, 2},
    {"mar", TK_MON, 3},
    {"march", TK_MON, 3},
    {"apr", TK_MON, 4},
    {"april", TK_MON, 4},
    {"may", TK_MON, 5},
    {"jun", TK_MON, 6},
    {"june", TK_MON, 6},
    {"jul", TK_MON, 7},
    {"july", TK_MON, 7},
    {"aug", TK_MON, 8},
    {"august", TK_MON, 8},
    {"sep", TK_MON, 9},
    {"sept", TK_MON, 9},
    {"september", TK_MON, 9},
    {"oct", TK_MON, 10},
    {"october", TK_MON, 10},
    {"nov", TK_MON, 11},
    {"november", TK_MON, 11},
    {"dec", TK_MON, 12},
    {"december", TK_MON, 12},
    {"circa", TK_CIRCA, 0},
    {"c", TK_CIRCA, 0},
    {"ca", TK_CIRCA, 0},
    {"approx", TK_CIRCA, 0},
    {"approximately", TK_CIRCA, 0},
    {"about", TK_CIRCA, 0},
    {"around", TK_CIRCA, 0},
    {"to", TK_RANGE, 0},
    {"and", TK_RANGE, 0},
    {"through", TK_RANGE, 0},
    {"until", TK_RANGE, 0},
    {"between", TK_NOISE, 0},
    {"from", TK_NOISE, 0},
    {"dob", TK_NOISE, 0},
    {"born", TK_NOISE, 0},
    {"in", TK_NOISE, 0},
    {"on", TK_NOISE, 0},
    {"year", TK_NOISE, 0},
};

#define MAX_DATE_TOKENS 16

/* Tokenize; returns the count, or -1 for a word outside the vocabulary or
 * too many tokens. */
static int date_tokens(const char *s, size_t n, dtok *t)
{
    int nt = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (nt == MAX_DATE_TOKENS)
            return -1;
        if (c >= '0' && c <= '9') {
            int v = 0, d = 0;
            while (i < n && s[i] >= '0' && s[i] <= '9') {
                if (d < 6)
                    v = v * 10 + (s[i] - '0');
                d++;
                i++;
            }
            t[nt].kind = TK_NUM;
            t[nt].val = v;
            t[nt].ndigits = d;
            nt++;
        } else if ((c == 'T' || c == 't') && nt >= 5 && s[i - 1] >= '0' && s[i - 1] <= '9' &&
                   i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
            break; /* ISO 8601 "1960-01-12T00:00:00": the time says nothing */
        } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            char w[16];
            size_t k = 0;
            while (i < n &&
                   (((unsigned char)s[i] | 0x20) >= 'a' && ((unsigned char)s[i] | 0x20) <= 'z')) {
                if (k < sizeof(w) - 1)
                    w[k] = (char)(s[i] | 0x20);
                k++;
                i++;
            }
            if (k >= sizeof(w))
                return -1;
            w[k] = '\0';
            size_t j;
            for (j = 0; j < NOMEN__ARRAY_LEN(date_words); j++)
                if (strcmp(w, date_words[j].w) == 0)
                    break;
            if (j == NOMEN__ARRAY_LEN(date_words))
                return -1;
            t[nt].kind = date_words[j].kind;
            t[nt].val = date_words[j].val;
            t[nt].ndigits = 0;
            nt++;
        } else if (c == '-') {
            t[nt].kind = TK_DASH;
            t[nt].val = t[nt].ndigits = 0;
            nt++;
            i++;
        } else if (c < 0x80) {
            i++; /* space, '/', '.', ',', '(', ')', ';' separate tokens */
        } else {
            return -1; /* non-ASCII text: not a date we know how to read */
        }
    }
    return nt;
}

/* Year range accepted for dates of birth and listing dates. */
#define YEAR_MIN 1800
#define YEAR_MAX 2100

static bool is_year(const dtok *t)
{
    return t->kind == TK_NUM && t->ndigits == 4 && t->val >= YEAR_MIN && t->val <= YEAR_MAX;
}

static bool is_small(const dtok *t)
{
    return t->kind == TK_NUM && t->ndigits <= 2;
}

static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

/* One date at t[*i]. Day or month 0 mean unknown (the UK writes "00/00/1960").
 * Returns false when the tokens there are not a date. */
static bool parse_one_date(const dtok *t, int nt, int *i, int *y, int *m, int *d)
{
    int k = *i;
    *y = *m = *d = 0;
    if (k >= nt)
        return false;
    if (is_year(&t[k])) {
        /* ISO: 1960, 1960-01, 1960-01-12, 1960/01/12 */
        *y = t[k].val;
        k++;
        int save = k;
        if (k < nt && t[k].kind == TK_DASH)
            k++;
        if (k < nt && is_small(&t[k]) && t[k].val <= 12) {
            *m = t[k].val;
            k++;
            int save2 = k;
            if (k < nt && t[k].kind == TK_DASH)
                k++;
            if (k < nt && is_small(&t[k]) && t[k].val <= 31) {
                *d = t[k].val;
                k++;
            } else {
                k = save2;
            }
        } else {
            k = save;
        }
    } else if (is_small(&t[k])) {
        int a = t[k].val;
        if (k + 2 < nt && t[k + 1].kind == TK_MON && is_year(&t[k + 2])) {
            *d = a; /* 12 Jan 1960 */
            *m = t[k + 1].val;
            *y = t[k + 2].val;
            k += 3;
        } else if (k + 2 < nt && is_small(&t[k + 1]) && is_year(&t[k + 2])) {
            /* 12/01/1960: day first as in every list that writes numeric dates
             * (UK, EU, UN, Canada); a middle value above 12 can only be a day,
             * so "01/13/1960" is read month-first. */
            int b2 = t[k + 1].val;
            if (b2 > 12 && a <= 12) {
                *d = b2;
                *m = a;
            } else {
                *d = a;
                *m = b2;
            }
            *y = t[k + 2].val;
            k += 3;
        } else if (k + 1 < nt && is_year(&t[k + 1])) {
            *m = a; /* 05/1963 */
            *y = t[k + 1].val;
            k += 2;
        } else {
            return false;
        }
    } else if (t[k].kind == TK_MON) {
        *m = t[k].val;
        if (k + 2 < nt && is_small(&t[k + 1]) && is_year(&t[k + 2])) {
            *d = t[k + 1].val; /* Jan 12, 1960 */
            *y = t[k + 2].val;
            k += 3;
        } else if (k + 1 < nt && is_year(&t[k + 1])) {
            *y = t[k + 1].val; /* Jan 1960 */
            k += 2;
        } else {
            return false;
        }
    } else {
        return false;
    }
    if (*m > 12 || *d > 31)
        return false;
    if (*d != 0 && *m == 0)
        *d = 0; /* a day without a month says nothing */
    if (*d != 0 && *d > days_in_month(*y, *m))
        return false;
    *i = k;
    return true;
}

/* Parse s[0..n) into *out (text not set). False when not a date. */
static bool parse_date(const char *s, size_t n, nomen__rdate *out)
{
    dtok t[MAX_DATE_TOKENS];
    int nt = date_tokens(s, n, t);
    if (nt <= 0)
        return false;
    bool circa = false;
    int i = 0;
    while (i < nt && (t[i].kind == TK_CIRCA || t[i].kind == TK_NOISE)) {
        circa |= t[i].kind == TK_CIRCA;
        i++;
    }
    int y, m, d;
    if (!parse_one_date(t, nt, &i, &y, &m, &d))
        return false;
    int y2 = y;
    if (i < nt && (t[i].kind == TK_RANGE || t[i].kind == TK_DASH)) {
        i++;
        while (i < nt && t[i].kind == TK_CIRCA) {
            circa = true;
            i++;
        }
        int m2, d2;
        if (!parse_one_date(t, nt, &i, &y2, &m2, &d2) || y2 < y)
            return false;
        if (y2 != y || m2 != m || d2 != d) {
            /* A range keeps only its years: the model has no month range
             * ("Jan to Mar 1960" keeps the year alone). */
            m = d = 0;
        }
    }
    while (i < nt && (t[i].kind == TK_CIRCA || t[i].kind == TK_NOISE)) {
        circa |= t[i].kind == TK_CIRCA;
        i++;
    }
    if (i != nt)
        return false;
    out->year = (int16_t)y;
    out->year_to = (int16_t)y2;
    out->month = (uint8_t)m;
    out->day = (uint8_t)d;
    out->circa = circa;
    return true;
}

bool nomen__recbuild_add_dob(nomen__recbuild *b, const char *s, size_t n)
{
    if (s == NULL)
        return true;
    s = trim(s, &n);
    if (n == 0)
        return true;
    for (size_t i = 0; i < b->ndobs; i++)
        if (seq(b, b->dobs[i].text, s, n))
            return true;
    if (!more(&b->dobs, &b->dobs_cap, b->ndobs, sizeof(bdate)))
        return false;
    bdate *bd = &b->dobs[b->ndobs];
    memset(bd, 0, sizeof(*bd));
    if (!parse_date(s, n, &bd->d))
        memset(&bd->d, 0, sizeof(bd->d));
    if (!put(b, s, n, &bd->text))
        return false;
    b->ndobs++;
    return true;
}

bool nomen__recbuild_set_listed_on(nomen__recbuild *b, const char *s, size_t n)
{
    if (s == NULL)
        return true;
    s = trim(s, &n);
    if (n == 0)
        return true;
    nomen__rdate d;
    if (!parse_date(s, n, &d) || d.day == 0 || d.year != d.year_to) {
        /* Not a full date: keep the text in the remarks (nothing dropped). */
        nomen__buf tmp = {0};
        bool ok = nomen__buf_addf(&tmp, "Listed on: %.*s", (int)NOMEN__MIN(n, 4096), s) &&
                  nomen__recbuild_add_remark(b, tmp.data, tmp.len);
        nomen__buf_free(&tmp);
        return ok;
    }
    char iso[11];
    iso[0] = (char)('0' + d.year / 1000);
    iso[1] = (char)('0' + d.year / 100 % 10);
    iso[2] = (char)('0' + d.year / 10 % 10);
    iso[3] = (char)('0' + d.year % 10);
    iso[4] = '-';
    iso[5] = (char)('0' + d.month / 10);
    iso[6] = (char)('0' + d.month % 10);
    iso[7] = '-';
    iso[8] = (char)('0' + d.day / 10);
    iso[9] = (char)('0' + d.day % 10);
    iso[10] = '\0';
    return put(b, iso, 10, &b->listed_on);
}

/* ---- countries ---------------------------------------------------------- */

/* ASCII base letters of U+00C0..U+00FF (0: no decomposition to ASCII, the
 * character separates words), so that "Côte d'Ivoire" and "Cote d'Ivoire"
 * share a key. Must match gen_countries.py's NFKD folding. */
static const char latin1_fold[64] = "AAAAAA\0CEEEEIIII\0NOOOOO\0\0UUUUY\0\0"
                                    "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y";

#define COUNTRY_KEY_MAX 128

/* The normalized key of a country text (see gen_countries.py); false when
 * it does not fit. */
static bool country_key(const char *s, size_t n, char *out, size_t *outlen)
{
    char tmp[COUNTRY_KEY_MAX];
    size_t k = 0;
    bool sep = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char a = 0;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            a = (char)c;
        else if (c >= 'A' && c <= 'Z')
            a = (char)(c | 0x20);
        else if (c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                 (unsigned char)s[i + 1] <= 0xBF) {
            a = latin1_fold[(unsigned char)s[i + 1] - 0x80];
            if (a >= 'A' && a <= 'Z')
                a = (char)(a | 0x20);
            i++;
        }
        if (a == 0) {
            sep = true;
            continue;
        }
        if (sep && k > 0) {
            if (k >= sizeof(tmp))
                return false;
            tmp[k++] = ' ';
        }
        sep = false;
        if (k >= sizeof(tmp))
            return false;
        tmp[k++] = a;
    }
    /* Drop the stop words unless nothing else is left ("AND" is Andorra). */
    size_t o = 0, words = 0, kept = 0;
    for (size_t i = 0; i < k;) {
        size_t j = i;
        while (j < k && tmp[j] != ' ')
            j++;
        size_t wl = j - i;
        words++;
        bool stop = (wl == 3 && memcmp(tmp + i, "the", 3) == 0) ||
                    (wl == 2 && memcmp(tmp + i, "of", 2) == 0) ||
                    (wl == 3 && memcmp(tmp + i, "and", 3) == 0);
        if (!stop) {
            if (o > 0)
                out[o++] = ' ';
            memcpy(out + o, tmp + i, wl);
            o += wl;
            kept++;
        }
        i = j + 1;
    }
    if (kept == 0 && words > 0) {
        memcpy(out, tmp, k);
        o = k;
    }
    out[o] = '\0';
    *outlen = o;
    return true;
}

static const char *lookup_key(const char *key)
{
    size_t lo = 0, hi = NOMEN__ARRAY_LEN(country_keys);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(key, country_keys[mid].key);
        if (c == 0)
            return country_keys[mid].iso2;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

static const char *country_lookup(const char *s, size_t n)
{
    char key[COUNTRY_KEY_MAX + 1];
    size_t kl;
    if (!country_key(s, n, key, &kl) || kl == 0)
        return NULL;
    return lookup_key(key);
}

const char *nomen__country_iso2(const char *s, size_t n)
{
    if (s == NULL)
        return "";
    s = trim(s, &n);
    if (n == 0)
        return "";
    const char *r = country_lookup(s, n);
    if (r != NULL)
        return r;
    /* Bilingual Canadian forms "China / Chine", "Iran / Iran": the parts
     * around a '/' must agree (or only one be known). */
    const char *slash = memchr(s, '/', n);
    if (slash != NULL) {
        const char *a = country_lookup(s, (size_t)(slash - s));
        const char *b = country_lookup(slash + 1, n - (size_t)(slash - s) - 1);
        if (a != NULL && (b == NULL || strcmp(a, b) == 0))
            return a;
        if (a == NULL && b != NULL)
            return b;
    }
    return "";
}

/* ---- commit ------------------------------------------------------------- */

/* Bytes needed for the strings of the record (each with its NUL). */
static size_t str_need(sref r)
{
    return r.off == NO_STR ? 0 : r.len + 1;
}

typedef struct packer {
    char *p;
    const nomen__recbuild *b;
} packer;

static const char *pack(packer *pk, sref r)
{
    if (r.off == NO_STR)
        return NULL;
    char *d = pk->p;
    if (r.len > 0)
        memcpy(d, pk->b->s.data + r.off, r.len);
    d[r.len] = '\0';
    pk->p += r.len + 1;
    return d;
}

static void *arena_array(nomen__arena *a, size_t n, size_t elsize, bool *ok)
{
    if (n == 0)
        return NULL;
    if (n > SIZE_MAX / elsize) {
        *ok = false;
        return NULL;
    }
    void *p = nomen__arena_alloc(a, n * elsize);
    if (p == NULL)
        *ok = false;
    return p;
}

bool nomen__recset_commit(nomen__recset *set, uint32_t source, nomen__recbuild *b)
{
    /* Put the primary name first, keeping the others in order. */
    for (size_t i = 0; i < b->nnames; i++) {
        if (b->names[i].kind == NOMEN__NAME_PRIMARY) {
            bname p = b->names[i];
            memmove(b->names + 1, b->names, i * sizeof(bname));
            b->names[0] = p;
            break;
        }
    }
    size_t need =
        str_need(b->id) + str_need(b->gender) + str_need(b->listed_on) + str_need(b->telegraph);
    size_t rem = 0;
    for (size_t i = 0; i < b->nremarks; i++)
        rem += b->remarks[i].len + 2;
    need += rem + 1;
    for (size_t i = 0; i < b->nprograms; i++)
        need += str_need(b->programs[i]);
    for (size_t i = 0; i < b->nnames; i++) {
        const bname *nm = &b->names[i];
        need += str_need(nm->full) + str_need(nm->given) + str_need(nm->middle) +
                str_need(nm->family) + str_need(nm->lang);
    }
    for (size_t i = 0; i < b->ndobs; i++)
        need += str_need(b->dobs[i].text);
    for (size_t i = 0; i < b->npobs; i++)
        need += str_need(b->pobs[i]);
    for (size_t i = 0; i < b->ncountries; i++)
        need += str_need(b->countries[i].text);
    for (size_t i = 0; i < b->nids; i++)
        need += str_need(b->ids[i].type) + str_need(b->ids[i].value) + str_need(b->ids[i].country);

    void *grown = set->recs;
    if (!nomen__grow(&grown, &set->cap, set->n + 1, sizeof(nomen__record)))
        return false;
    set->recs = grown;

    nomen__arena *a = &set->arena;
    packer pk = {nomen__arena_alloc(a, need), b};
    if (pk.p == NULL)
        return false;
    size_t ncountry[3] = {0, 0, 0};
    for (size_t i = 0; i < b->ncountries; i++)
        ncountry[b->countries[i].which == 'n' ? 0 : b->countries[i].which == 'c' ? 1 : 2]++;

    bool ok = true;
    nomen__record *r = &set->recs[set->n];
    memset(r, 0, sizeof(*r));
    r->programs = arena_array(a, b->nprograms, sizeof(char *), &ok);
    r->names = arena_array(a, b->nnames, sizeof(nomen__rname), &ok);
    r->dobs = arena_array(a, b->ndobs, sizeof(nomen__rdate), &ok);
    r->pobs = arena_array(a, b->npobs, sizeof(char *), &ok);
    r->nationalities = arena_array(a, ncountry[0], sizeof(nomen__rcountry), &ok);
    r->citizenships = arena_array(a, ncountry[1], sizeof(nomen__rcountry), &ok);
    r->addr_countries = arena_array(a, ncountry[2], sizeof(nomen__rcountry), &ok);
    r->ids = arena_array(a, b->nids, sizeof(nomen__rid), &ok);
    if (!ok)
        return false;

    r->source = source;
    r->type = (uint8_t)b->type;
    r->list_id = pack(&pk, b->id);
    r->gender = pack(&pk, b->gender);
    r->listed_on = pack(&pk, b->listed_on);
    r->telegraph = pack(&pk, b->telegraph);
    if (b->nremarks > 0) {
        char *d = pk.p;
        size_t o = 0;
        for (size_t i = 0; i < b->nremarks; i++) {
            if (i > 0) {
                d[o++] = ';';
                d[o++] = ' ';
            }
            memcpy(d + o, b->s.data + b->remarks[i].off, b->remarks[i].len);
            o += b->remarks[i].len;
        }
        d[o] = '\0';
        r->remarks = d;
        pk.p += o + 1;
    }
    for (size_t i = 0; i < b->nprograms; i++)
        r->programs[i] = pack(&pk, b->programs[i]);
    r->nprograms = b->nprograms;
    for (size_t i = 0; i < b->nnames; i++) {
        const bname *nm = &b->names[i];
        nomen__rname *o = &r->names[i];
        o->full = pack(&pk, nm->full);
        o->given = pack(&pk, nm->given);
        o->middle = pack(&pk, nm->middle);
        o->family = pack(&pk, nm->family);
        o->lang = pack(&pk, nm->lang);
        o->kind = (uint8_t)nm->kind;
        o->quality = (uint8_t)nm->quality;
    }
    r->nnames = b->nnames;
    for (size_t i = 0; i < b->ndobs; i++) {
        r->dobs[i] = b->dobs[i].d;
        r->dobs[i].text = pack(&pk, b->dobs[i].text);
    }
    r->ndobs = b->ndobs;
    for (size_t i = 0; i < b->npobs; i++)
        r->pobs[i] = pack(&pk, b->pobs[i]);
    r->npobs = b->npobs;
    for (size_t i = 0; i < b->ncountries; i++) {
        const bcountry *c = &b->countries[i];
        nomen__rcountry *o = c->which == 'n'   ? &r->nationalities[r->nnationalities++]
                             : c->which == 'c' ? &r->citizenships[r->ncitizenships++]
                                               : &r->addr_countries[r->naddr_countries++];
        o->text = pack(&pk, c->text);
        memcpy(o->iso2, c->iso2, 3);
    }
    for (size_t i = 0; i < b->nids; i++) {
        r->ids[i].type = pack(&pk, b->ids[i].type);
        r->ids[i].value = pack(&pk, b->ids[i].value);
        r->ids[i].country = pack(&pk, b->ids[i].country);
    }
    r->nids = b->nids;
    set->n++;
    nomen__recbuild_reset(b);
    return true;
}
