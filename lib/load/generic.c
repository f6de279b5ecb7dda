/*
 * generic.c: nomen's generic list formats, CSV and JSON Lines (load stage).
 *
 * For in-house lists. Both formats carry the same fields (docs/formats.md):
 *   id        the list's identifier (optional; the row/line number otherwise)
 *   name      the primary name (required)
 *   aliases   more names: ';'-separated in CSV, an array (or a ';'-separated
 *             string) in JSON, whose items may also be objects giving the
 *             alias's kind, quality and language ({"name": "陈全国",
 *             "kind": "original", "lang": "zh-Hans"})
 *   type      individual|person, entity|organization|company, vessel|ship,
 *             aircraft (anything else: unknown, kept in the remarks)
 *   dob       dates of birth, ';'-separated or an array, any format that
 *             record.c reads ("1960-01-12", "12 Jan 1960", "circa 1960")
 *   country   countries, ';'-separated or an array: nationalities of an
 *             individual, address countries of anything else
 *   program   programmes ("programme" and "programs" are accepted too)
 * and optionally gender, pob, remarks, listed_on. Column names and keys are
 * case-insensitive. Any other column or key is kept in the remarks as
 * "key: value", so nothing is dropped.
 *
 * CSV: the first row is the header; then one row per subject. JSON Lines: one
 * object per line; blank lines are skipped; each line is parsed by jansson
 * (which checks UTF-8) and errors name the line and column. A line longer
 * than the loader's field limit is refused (NOMEN_ERR_LIMIT for that line)
 * without being held in memory.
 */
#include "load/csvread.h"

#include "unicode/uni.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    G_ID,
    G_NAME,
    G_ALIASES,
    G_TYPE,
    G_DOB,
    G_COUNTRY,
    G_PROGRAM,
    G_GENDER,
    G_POB,
    G_REMARKS,
    G_LISTED_ON,
    G_COUNT
};

static const struct {
    const char *key;
    int field;
} gkeys[] = {
    {"id", G_ID},
    {"name", G_NAME},
    {"aliases", G_ALIASES},
    {"alias", G_ALIASES},
    {"type", G_TYPE},
    {"dob", G_DOB},
    {"country", G_COUNTRY},
    {"countries", G_COUNTRY},
    {"program", G_PROGRAM},
    {"programme", G_PROGRAM},
    {"programs", G_PROGRAM},
    {"programmes", G_PROGRAM},
    {"gender", G_GENDER},
    {"pob", G_POB},
    {"remarks", G_REMARKS},
    {"listed_on", G_LISTED_ON},
};

static int key_field(const char *s, size_t n)
{
    while (n > 0 && s[n - 1] == ' ')
        n--;
    while (n > 0 && *s == ' ') {
        s++;
        n--;
    }
    for (size_t i = 0; i < NOMEN__ARRAY_LEN(gkeys); i++)
        if (nomen__ascii_ieq(s, n, gkeys[i].key))
            return gkeys[i].field;
    return -1;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* The source entry: list name as given, else the file's base name without
 * its extension. */
static bool add_source(nomen__loader *ld, nomen__src *src, const char *list_name,
                       const char *format, uint32_t *source)
{
    char buf[256];
    if (list_name == NULL) {
        const char *b = base_name(src->name);
        size_t n = strlen(b);
        const char *dot = strrchr(b, '.');
        if (dot != NULL && dot != b)
            n = (size_t)(dot - b);
        if (n >= sizeof(buf))
            n = sizeof(buf) - 1;
        memcpy(buf, b, n);
        buf[n] = '\0';
        list_name = buf;
    }
    return nomen__recset_add_source(ld->set, list_name, format, src->name, source);
}

static int subject_type(const char *s, size_t n)
{
    if (nomen__ascii_ieq(s, n, "individual") || nomen__ascii_ieq(s, n, "person"))
        return NOMEN__SUBJ_INDIVIDUAL;
    if (nomen__ascii_ieq(s, n, "entity") || nomen__ascii_ieq(s, n, "organization") ||
        nomen__ascii_ieq(s, n, "organisation") || nomen__ascii_ieq(s, n, "company"))
        return NOMEN__SUBJ_ENTITY;
    if (nomen__ascii_ieq(s, n, "vessel") || nomen__ascii_ieq(s, n, "ship"))
        return NOMEN__SUBJ_VESSEL;
    if (nomen__ascii_ieq(s, n, "aircraft"))
        return NOMEN__SUBJ_AIRCRAFT;
    return NOMEN__SUBJ_UNKNOWN;
}

/* Add one value of a field (after ';' splitting). */
static bool add_value(nomen__recbuild *b, int field, int type, const char *s, size_t n)
{
    switch (field) {
    case G_ALIASES:
        return nomen__recbuild_add_name(b, NOMEN__NAME_AKA, NOMEN__QUAL_UNKNOWN, s, n, NULL, 0,
                                        NULL, 0, NULL, 0, NULL, 0);
    case G_DOB:
        return nomen__recbuild_add_dob(b, s, n);
    case G_COUNTRY:
        return nomen__recbuild_add_country(b, type == NOMEN__SUBJ_INDIVIDUAL ? 'n' : 'a', s, n);
    case G_PROGRAM:
        return nomen__recbuild_add_program(b, s, n);
    default:
        return true;
    }
}

/* A ';'-separated list. Empty parts are ignored. */
static bool add_list(nomen__recbuild *b, int field, int type, const char *s, size_t n)
{
    size_t i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && s[j] != ';')
            j++;
        size_t m = j - i;
        const char *p = s + i;
        while (m > 0 && (*p == ' ' || *p == '\t')) {
            p++;
            m--;
        }
        if (m > 0 && !add_value(b, field, type, p, m))
            return false;
        i = j + 1;
    }
    return true;
}

static bool add_single(nomen__recbuild *b, int field, const char *s, size_t n)
{
    switch (field) {
    case G_ID:
        return nomen__recbuild_set_id(b, s, n);
    case G_GENDER:
        return nomen__recbuild_set_gender(b, s, n);
    case G_POB:
        return nomen__recbuild_add_pob(b, s, n);
    case G_REMARKS:
        return nomen__recbuild_add_remark(b, s, n);
    case G_LISTED_ON:
        return nomen__recbuild_set_listed_on(b, s, n);
    default:
        return true;
    }
}

static bool add_other(nomen__recbuild *b, nomen__buf *tmp, const char *key, size_t kn,
                      const char *s, size_t n)
{
    if (n == 0)
        return true;
    nomen__buf_clear(tmp);
    return nomen__buf_addf(tmp, "%.*s: %.*s", (int)kn, key, (int)n, s) &&
           nomen__recbuild_add_remark(b, tmp->data, tmp->len);
}

/* ---- CSV ------------------------------------------------------------------ */

int nomen__load_generic_csv(nomen__loader *ld, nomen__src *src, const char *list_name)
{
    uint32_t source;
    if (!add_source(ld, src, list_name, "generic-csv", &source))
        return nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
    nomen__rsource *so = &ld->set->sources[source];
    nomen__csv c;
    int st = nomen__csv_open(&c, src, ld->max_field_bytes, &ld->err);
    if (st != NOMEN_OK)
        return st;
    nomen__buf tmp = {0}, header = {0};
    int *map = NULL;
    size_t ncols = 0;
    bool row;
    st = nomen__csv_next(&c, &row, &ld->err);
    if (st != NOMEN_OK)
        goto done;
    if (!row) {
        st = nomen__err_set(&ld->err, NOMEN_ERR_PARSE,
                            "%s:1:1: expected a header row (id,name,aliases,type,dob,country,"
                            "program), found an empty file",
                            src->name);
        goto done;
    }
    ncols = c.nf;
    map = nomen__calloc(ncols, sizeof(int));
    size_t *hoff = nomen__calloc(ncols, sizeof(size_t));
    if (map == NULL || hoff == NULL) {
        nomen__free(hoff);
        st = nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
        goto done;
    }
    bool has_name = false;
    for (size_t i = 0; i < ncols; i++) {
        size_t n;
        const char *h = nomen__csv_field(&c, i, &n);
        map[i] = key_field(h, n);
        has_name |= map[i] == G_NAME;
        hoff[i] = header.len;
        if (!nomen__buf_add(&header, h, n) || !nomen__buf_addc(&header, '\0')) {
            nomen__free(hoff);
            st = nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
            goto done;
        }
    }
    if (!has_name) {
        nomen__free(hoff);
        st = nomen__err_set(&ld->err, NOMEN_ERR_PARSE,
                            "%s:%lu:1: expected a header row with a \"name\" column", src->name,
                            c.row_line);
        goto done;
    }
    for (;;) {
        st = nomen__csv_next(&c, &row, &ld->err);
        if (!row)
            break;
        so = &ld->set->sources[source];
        so->records_read++;
        if (st != NOMEN_OK) {
            st = nomen__csv_report(&c, ld, source);
            if (st != NOMEN_OK)
                break;
            continue;
        }
        if (c.nf != ncols) {
            st = nomen__loader_bad_record(ld, source, src->name, c.row_line, 1,
                                          "expected %zu fields as in the header, found %zu", ncols,
                                          c.nf);
            if (st != NOMEN_OK)
                break;
            continue;
        }
        nomen__recbuild *b = ld->rb;
        nomen__recbuild_reset(b);
        int type = NOMEN__SUBJ_UNKNOWN;
        size_t name_col = 0;
        for (size_t i = 0; i < ncols; i++) {
            size_t n;
            const char *s = nomen__csv_field(&c, i, &n);
            if (map[i] == G_TYPE) {
                type = subject_type(s, n);
                nomen__recbuild_set_type(b, type);
            }
            if (map[i] == G_NAME)
                name_col = i;
        }
        bool ok = true;
        for (size_t i = 0; i < ncols && ok; i++) {
            size_t n;
            const char *s = nomen__csv_field(&c, i, &n);
            int fld = map[i];
            if (fld == G_NAME)
                ok = n == 0 || nomen__recbuild_add_name(b, NOMEN__NAME_PRIMARY, NOMEN__QUAL_UNKNOWN,
                                                        s, n, NULL, 0, NULL, 0, NULL, 0, NULL, 0);
            else if (fld == G_ALIASES || fld == G_DOB || fld == G_COUNTRY || fld == G_PROGRAM)
                ok = add_list(b, fld, type, s, n);
            else if (fld == G_TYPE)
                ok = type != NOMEN__SUBJ_UNKNOWN || add_other(b, &tmp, "type", 4, s, n);
            else if (fld >= 0)
                ok = add_single(b, fld, s, n);
            else
                ok = add_other(b, &tmp, header.data + hoff[i], strlen(header.data + hoff[i]), s, n);
        }
        if (!ok) {
            st = nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
            break;
        }
        if (nomen__recbuild_name_count(b) == 0) {
            /* A name of only spaces counts as none. */
            st = nomen__loader_bad_record(ld, source, src->name, c.row_line, c.f[name_col].col,
                                          "expected a name, found none");
            if (st != NOMEN_OK)
                break;
            continue;
        }
        if (!nomen__recset_commit(ld->set, source, b)) {
            st = nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
            break;
        }
        ld->set->sources[source].records_loaded++;
    }
    nomen__free(hoff);
done:
    ld->set->sources[source].checksum = src->checksum;
    nomen__csv_close(&c);
    nomen__free(map);
    nomen__buf_free(&tmp);
    nomen__buf_free(&header);
    return st;
}

/* ---- JSON Lines ----------------------------------------------------------- */

/* Reads lines of at most `max` bytes from a source; a longer line is
 * consumed and reported as too long without being kept. */
typedef struct lines {
    nomen__src *src;
    unsigned char *buf;
    size_t pos, end;
    bool eof;
    nomen__buf line;
    unsigned long lineno;
    size_t max;
    bool too_long;
} lines;

/* 1: a line in l->line (without its line end), 0: end, -1: read error. */
static int next_line(lines *l, nomen__err *err)
{
    nomen__buf_clear(&l->line);
    l->too_long = false;
    bool any = false;
    for (;;) {
        if (l->pos == l->end) {
            if (l->eof)
                break;
            size_t n = nomen__src_read(l->src, l->buf, NOMEN__SRC_CHUNK, err);
            if (n == (size_t)-1)
                return -1;
            if (n == 0) {
                l->eof = true;
                break;
            }
            l->pos = 0;
            l->end = n;
        }
        any = true;
        const unsigned char *s = l->buf + l->pos;
        const unsigned char *nl = memchr(s, '\n', l->end - l->pos);
        size_t take = nl ? (size_t)(nl - s) : l->end - l->pos;
        if (!l->too_long) {
            if (l->line.len + take > l->max) {
                l->too_long = true;
            } else if (take > 0 && !nomen__buf_add(&l->line, s, take)) {
                return -2;
            }
        }
        l->pos += take;
        if (nl) {
            l->pos++;
            break;
        }
    }
    if (!any)
        return 0;
    l->lineno++;
    if (l->line.len > 0 && l->line.data[l->line.len - 1] == '\r')
        l->line.data[--l->line.len] = '\0';
    return 1;
}

/* An alias given as an object: {"name": "...", "kind": "aka"|"fka"|"nka"|
 * "variation"|"original", "quality": "strong"|"weak", "lang": "..."}; only
 * "name" is required. False: a bad object (*bad set) or no memory. */
static bool json_alias(nomen__recbuild *b, json_t *o, bool *bad)
{
    static const struct {
        const char *w;
        int kind;
    } kinds[] = {{"aka", NOMEN__NAME_AKA},
                 {"fka", NOMEN__NAME_FKA},
                 {"nka", NOMEN__NAME_NKA},
                 {"variation", NOMEN__NAME_VARIATION},
                 {"original", NOMEN__NAME_ORIGINAL}};
    json_t *nm = json_object_get(o, "name"), *k = json_object_get(o, "kind");
    json_t *q = json_object_get(o, "quality"), *lang = json_object_get(o, "lang");
    if (!json_is_string(nm) || json_string_length(nm) == 0 || (k && !json_is_string(k)) ||
        (q && !json_is_string(q)) || (lang && !json_is_string(lang))) {
        *bad = true;
        return false;
    }
    int kind = NOMEN__NAME_AKA, quality = NOMEN__QUAL_UNKNOWN;
    if (k != NULL) {
        size_t i;
        for (i = 0; i < NOMEN__ARRAY_LEN(kinds); i++)
            if (nomen__ascii_ieq(json_string_value(k), json_string_length(k), kinds[i].w))
                break;
        if (i == NOMEN__ARRAY_LEN(kinds)) {
            *bad = true;
            return false;
        }
        kind = kinds[i].kind;
    }
    if (q != NULL) {
        if (nomen__ascii_ieq(json_string_value(q), json_string_length(q), "strong"))
            quality = NOMEN__QUAL_STRONG;
        else if (nomen__ascii_ieq(json_string_value(q), json_string_length(q), "weak"))
            quality = NOMEN__QUAL_WEAK;
        else {
            *bad = true;
            return false;
        }
    }
    return nomen__recbuild_add_name(
        b, kind, quality, json_string_value(nm), json_string_length(nm), NULL, 0, NULL, 0, NULL, 0,
        lang ? json_string_value(lang) : NULL, lang ? json_string_length(lang) : 0);
}

/* Add a JSON value of a list field: a string (';'-separated), a number, or
 * an array of those. False: a value of the wrong type (*bad set) or no
 * memory. */
static bool json_list(nomen__recbuild *b, int field, int type, json_t *v, bool *bad)
{
    if (json_is_string(v))
        return add_list(b, field, type, json_string_value(v), json_string_length(v));
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
        {
            if (field == G_ALIASES && json_is_object(e)) {
                if (!json_alias(b, e, bad))
                    return false;
                continue;
            }
            if (!json_is_string(e)) {
                *bad = true;
                return false;
            }
            if (!add_value(b, field, type, json_string_value(e), json_string_length(e)))
                return false;
        }
        return true;
    }
    if (json_is_null(v))
        return true;
    *bad = true;
    return false;
}

static int jsonl_line(nomen__loader *ld, uint32_t source, lines *l, nomen__buf *tmp)
{
    const char *name = l->src->name;
    int st;
    size_t badoff;
    if (!nomen__utf8_valid(l->line.data, l->line.len, &badoff)) {
        st = nomen__loader_bad_record(ld, source, name, l->lineno, (unsigned long)badoff + 1,
                                      "invalid UTF-8 (byte 0x%02X): expected UTF-8 text",
                                      (unsigned)(unsigned char)l->line.data[badoff]);
        if (st != NOMEN_OK)
            ld->err.status = st = NOMEN_ERR_UTF8;
        return st;
    }
    json_error_t je;
    json_t *o = json_loadb(l->line.data, l->line.len, JSON_REJECT_DUPLICATES, &je);
    if (o == NULL)
        return nomen__loader_bad_record(ld, source, name, l->lineno,
                                        je.column > 0 ? (unsigned long)je.column : 1,
                                        "invalid JSON: %s", je.text);
    st = NOMEN_OK;
    if (!json_is_object(o)) {
        st = nomen__loader_bad_record(ld, source, name, l->lineno, 1,
                                      "expected a JSON object, found another value");
        json_decref(o);
        return st;
    }
    nomen__recbuild *b = ld->rb;
    nomen__recbuild_reset(b);
    json_t *t = NULL;
    int type = NOMEN__SUBJ_UNKNOWN;
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
    {
        if (key_field(k, strlen(k)) == G_TYPE)
            t = v;
    }
    if (t != NULL && json_is_string(t)) {
        type = subject_type(json_string_value(t), json_string_length(t));
        nomen__recbuild_set_type(b, type);
    }
    bool ok = true;
    json_object_foreach(o, k, v)
    {
        int fld = key_field(k, strlen(k));
        bool bad = false;
        char num[32];
        const char *s = NULL;
        size_t n = 0;
        if (json_is_string(v)) {
            s = json_string_value(v);
            n = json_string_length(v);
        } else if (json_is_integer(v)) {
            n = (size_t)snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
            s = num;
        }
        if (fld == G_ALIASES || fld == G_DOB || fld == G_COUNTRY || fld == G_PROGRAM) {
            ok = json_list(b, fld, type, v, &bad);
        } else if (fld == G_NAME) {
            if (!json_is_string(v))
                bad = true;
            else
                ok = nomen__recbuild_add_name(b, NOMEN__NAME_PRIMARY, NOMEN__QUAL_UNKNOWN, s, n,
                                              NULL, 0, NULL, 0, NULL, 0, NULL, 0);
        } else if (fld == G_TYPE) {
            if (s == NULL && !json_is_null(v))
                bad = true;
            else if (type == NOMEN__SUBJ_UNKNOWN)
                ok = add_other(b, tmp, k, strlen(k), s, n);
        } else if (fld >= 0) {
            if (s == NULL && !json_is_null(v))
                bad = true;
            else if (s != NULL)
                ok = add_single(b, fld, s, n);
        } else if (s != NULL) {
            ok = add_other(b, tmp, k, strlen(k), s, n);
        } else if (!json_is_null(v)) {
            /* any other value is kept as compact JSON */
            char *dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
            ok = dump != NULL && add_other(b, tmp, k, strlen(k), dump, strlen(dump));
            free(dump);
        }
        if (bad) {
            const char *want = "a string or a number";
            if (fld == G_NAME)
                want = "a string";
            else if (fld == G_ALIASES)
                want = "a string or an array of strings or alias objects ({\"name\", \"kind\", "
                       "\"quality\", \"lang\"})";
            else if (fld == G_DOB || fld == G_COUNTRY || fld == G_PROGRAM)
                want = "a string or an array of strings";
            st = nomen__loader_bad_record(ld, source, name, l->lineno, 0, "key \"%s\": expected %s",
                                          k, want);
            json_decref(o);
            return st == NOMEN_OK ? 1 : st;
        }
        if (!ok)
            break;
    }
    json_decref(o);
    if (!ok)
        return nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
    if (nomen__recbuild_name_count(b) == 0) {
        st = nomen__loader_bad_record(ld, source, name, l->lineno, 0,
                                      "expected a \"name\" key with a non-empty string");
        return st == NOMEN_OK ? 1 : st;
    }
    if (!nomen__recset_commit(ld->set, source, b))
        return nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
    ld->set->sources[source].records_loaded++;
    return NOMEN_OK;
}

int nomen__load_generic_jsonl(nomen__loader *ld, nomen__src *src, const char *list_name)
{
    uint32_t source;
    if (!add_source(ld, src, list_name, "generic-jsonl", &source))
        return nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
    lines l = {0};
    l.src = src;
    l.max = ld->max_field_bytes ? ld->max_field_bytes : NOMEN__DEFAULT_MAX_FIELD;
    l.buf = nomen__malloc(NOMEN__SRC_CHUNK);
    if (l.buf == NULL)
        return nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
    nomen__buf tmp = {0};
    int st = NOMEN_OK;
    for (;;) {
        int r = next_line(&l, &ld->err);
        if (r == -1) {
            st = NOMEN_ERR_IO;
            break;
        }
        if (r == -2) {
            st = nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
            break;
        }
        if (r == 0)
            break;
        const char *s = l.line.data ? l.line.data : "";
        size_t n = l.line.len;
        if (l.lineno == 1) {
            if (n >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE) ||
                           ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF))) {
                st = nomen__err_set(&ld->err, NOMEN_ERR_ENCODING,
                                    "%s:1:1: UTF-16 byte order mark: expected UTF-8 (convert the "
                                    "file, e.g. iconv -f UTF-16 -t UTF-8)",
                                    src->name);
                break;
            }
            if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
                memmove(l.line.data, s + 3, n - 3);
                l.line.len = n -= 3;
                l.line.data[n] = '\0';
            }
        }
        const char *nul = n ? memchr(s, '\0', n) : NULL;
        if (nul != NULL) {
            st = nomen__err_set(&ld->err, NOMEN_ERR_ENCODING,
                                "%s:%lu:%lu: NUL byte: expected UTF-8 text (is the file UTF-16 "
                                "or binary? convert it to UTF-8)",
                                src->name, l.lineno, (unsigned long)(nul - s) + 1);
            break;
        }
        size_t i = 0;
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
            i++;
        if (i == n && !l.too_long)
            continue; /* blank line */
        ld->set->sources[source].records_read++;
        if (l.too_long) {
            st = nomen__loader_bad_record(ld, source, src->name, l.lineno, 1,
                                          "line longer than the limit of %zu bytes", l.max);
            if (st != NOMEN_OK) {
                ld->err.status = NOMEN_ERR_LIMIT;
                st = NOMEN_ERR_LIMIT;
                break;
            }
            continue;
        }
        st = jsonl_line(ld, source, &l, &tmp);
        if (st == 1) {
            st = NOMEN_OK;
            continue;
        }
        if (st != NOMEN_OK)
            break;
    }
    ld->set->sources[source].checksum = src->checksum;
    nomen__free(l.buf);
    nomen__buf_free(&l.line);
    nomen__buf_free(&tmp);
    return st;
}
