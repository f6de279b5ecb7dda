/*
 * cli_input.c: the batch input of `nomen screen --input`.
 *
 * Two formats, read as a stream so that memory does not grow with the file:
 *   - CSV (RFC 4180) with a header naming the columns: id, name, dob,
 *     country, type in any order; name is required, the others optional,
 *     unknown columns ignored. Quoted fields may hold commas, doubled quotes
 *     and line breaks. A record must have as many fields as the header: an
 *     unquoted comma inside a name ("1,CHEN, Quanguo") would otherwise shift
 *     the columns and screen half a name without a word.
 *   - JSON Lines: one object per line with the same keys, parsed by jansson.
 * The format is taken from the file name (.csv / .jsonl) or else from the
 * first non-blank byte ('{' starts JSON Lines).
 *
 * Every error names the input, the line and the column, and stops the read:
 * a screening run must not silently skip a payment. The raw bytes are checked
 * as UTF-8 while they are read, so an invalid byte is reported where it is,
 * whatever column it sits in.
 */
#include "cli.h"

#include <nomen.h>

#include <jansson.h>

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define READ_CHUNK 65536

typedef struct field {
    size_t off, len;
    unsigned long line, col;
} field;

/* The columns a CSV header may name; the position of each, or -1. */
enum { COL_ID, COL_NAME, COL_DOB, COL_COUNTRY, COL_TYPE, NCOLS };
static const char *const col_names[NCOLS] = {"id", "name", "dob", "country", "type"};

struct cli_reader {
    FILE *fp;
    char *name;
    int format;
    unsigned char buf[READ_CHUNK];
    size_t len, pos;
    bool eof, failed;
    uint64_t bytes;
    /* Position of the next byte, 1-based; col counts bytes. */
    unsigned long line, col;
    /* Incremental UTF-8 check: continuation bytes still expected, the code
     * point so far, its smallest legal value, and where the sequence began. */
    unsigned u_need, u_cp, u_min;
    unsigned long u_line, u_col;
    /* The record being read: its bytes and fields. */
    char *rec;
    size_t rec_len, rec_cap;
    field *fields;
    size_t nfields, fields_cap;
    /* CSV: the header's field count and the position of each known column. */
    size_t header_fields;
    int cols[NCOLS];
    unsigned long nrecords;
};

static int fail(cli_reader *r, char *err, size_t errlen, unsigned long line, unsigned long col,
                const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static int fail(cli_reader *r, char *err, size_t errlen, unsigned long line, unsigned long col,
                const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (col)
        snprintf(err, errlen, "%s:%lu:%lu: %s", r->name, line, col, msg);
    else
        snprintf(err, errlen, "%s:%lu: %s", r->name, line, msg);
    r->failed = true;
    return -1;
}

static bool fill(cli_reader *r, char *err, size_t errlen)
{
    if (r->eof)
        return false;
    r->len = fread(r->buf, 1, sizeof r->buf, r->fp);
    r->pos = 0;
    if (r->len == 0) {
        r->eof = true;
        if (ferror(r->fp))
            fail(r, err, errlen, r->line, 0, "read error: %s", strerror(errno));
        return false;
    }
    r->bytes += r->len;
    return true;
}

/* The next byte (advancing line and column, checking UTF-8), EOF at the end,
 * or -2 on an error (message in err). */
static int next_byte(cli_reader *r, char *err, size_t errlen)
{
    if (r->pos == r->len && !fill(r, err, errlen)) {
        if (r->failed)
            return -2;
        if (r->u_need) {
            fail(r, err, errlen, r->u_line, r->u_col, "invalid UTF-8: truncated sequence");
            return -2;
        }
        return EOF;
    }
    unsigned c = r->buf[r->pos++];
    if (c == 0) {
        /* A NUL would cut the name short without a word: refuse it. */
        fail(r, err, errlen, r->line, r->col, "NUL byte in the input (a binary file?)");
        return -2;
    }
    if (r->u_need == 0) {
        if (c >= 0x80) {
            r->u_line = r->line;
            r->u_col = r->col;
            if (c >= 0xC2 && c <= 0xDF) {
                r->u_need = 1, r->u_cp = c & 0x1F, r->u_min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                r->u_need = 2, r->u_cp = c & 0x0F, r->u_min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                r->u_need = 3, r->u_cp = c & 0x07, r->u_min = 0x10000;
            } else {
                fail(r, err, errlen, r->line, r->col, "invalid UTF-8: byte 0x%02X", c);
                return -2;
            }
        }
    } else {
        if ((c & 0xC0) != 0x80) {
            fail(r, err, errlen, r->u_line, r->u_col, "invalid UTF-8: truncated sequence");
            return -2;
        }
        r->u_cp = (r->u_cp << 6) | (c & 0x3F);
        if (--r->u_need == 0 && (r->u_cp < r->u_min || r->u_cp > 0x10FFFF ||
                                 (r->u_cp >= 0xD800 && r->u_cp <= 0xDFFF))) {
            fail(r, err, errlen, r->u_line, r->u_col,
                 "invalid UTF-8: overlong form, surrogate or value above U+10FFFF");
            return -2;
        }
    }
    if (c == '\n') {
        r->line++;
        r->col = 1;
    } else {
        r->col++;
    }
    return (int)c;
}

static int peek_byte(cli_reader *r, char *err, size_t errlen)
{
    if (r->pos == r->len && !fill(r, err, errlen))
        return r->failed ? -2 : EOF;
    return r->buf[r->pos];
}

static int rec_put(cli_reader *r, int c, char *err, size_t errlen)
{
    if (r->rec_len + 1 >= r->rec_cap) {
        if (r->rec_cap >= CLI_MAX_RECORD)
            return fail(r, err, errlen, r->line, 0,
                        "record longer than %zu bytes (an unclosed quote?)", CLI_MAX_RECORD);
        size_t cap = r->rec_cap ? r->rec_cap * 2 : 256;
        char *p = realloc(r->rec, cap);
        if (!p)
            return fail(r, err, errlen, r->line, 0, "out of memory");
        r->rec = p;
        r->rec_cap = cap;
    }
    r->rec[r->rec_len++] = (char)c;
    return 0;
}

static int field_start(cli_reader *r, char *err, size_t errlen)
{
    if (r->nfields == r->fields_cap) {
        size_t cap = r->fields_cap ? r->fields_cap * 2 : 16;
        if (cap > 65536)
            return fail(r, err, errlen, r->line, r->col, "more than 65536 fields in a record");
        field *f = realloc(r->fields, cap * sizeof *f);
        if (!f)
            return fail(r, err, errlen, r->line, 0, "out of memory");
        r->fields = f;
        r->fields_cap = cap;
    }
    field *f = &r->fields[r->nfields++];
    f->off = r->rec_len;
    f->len = 0;
    f->line = r->line;
    f->col = r->col;
    return 0;
}

/* NUL-terminate the current field inside rec. */
static int field_end(cli_reader *r, char *err, size_t errlen)
{
    field *f = &r->fields[r->nfields - 1];
    f->len = r->rec_len - f->off;
    return rec_put(r, '\0', err, errlen);
}

/* Read one CSV record into fields. Returns 1, 0 at the end of input, -1 on
 * an error. A blank line is a record with one empty unquoted field; the
 * caller skips it. */
static int csv_record(cli_reader *r, bool *blank, char *err, size_t errlen)
{
    r->rec_len = 0;
    r->nfields = 0;
    *blank = false;
    int c = peek_byte(r, err, errlen);
    if (c == -2)
        return -1;
    if (c == EOF)
        return 0;
    bool any_quoted = false;
    for (;;) {
        if (field_start(r, err, errlen) < 0)
            return -1;
        c = next_byte(r, err, errlen);
        if (c == -2)
            return -1;
        if (c == '"') {
            any_quoted = true;
            unsigned long qline = r->line, qcol = r->col - 1;
            for (;;) {
                c = next_byte(r, err, errlen);
                if (c == -2)
                    return -1;
                if (c == EOF)
                    return fail(r, err, errlen, qline, qcol,
                                "quoted field is never closed (end of input inside quotes)");
                if (c == '"') {
                    int d = peek_byte(r, err, errlen);
                    if (d == -2)
                        return -1;
                    if (d == '"') {
                        next_byte(r, err, errlen);
                        if (rec_put(r, '"', err, errlen) < 0)
                            return -1;
                        continue;
                    }
                    break;
                }
                if (rec_put(r, c, err, errlen) < 0)
                    return -1;
            }
            if (field_end(r, err, errlen) < 0)
                return -1;
            unsigned long line = r->line, col = r->col;
            c = next_byte(r, err, errlen);
            if (c == -2)
                return -1;
            if (c != ',' && c != '\n' && c != '\r' && c != EOF)
                return fail(r, err, errlen, line, col,
                            "expected ',' or the end of the line after a closing quote, found "
                            "'%c' (a quote inside a quoted field must be doubled)",
                            isprint(c) ? c : '?');
        } else {
            while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                if (c == '"')
                    return fail(r, err, errlen, r->line, r->col - 1,
                                "quote inside an unquoted field (quote the whole field and "
                                "double the quote)");
                if (rec_put(r, c, err, errlen) < 0)
                    return -1;
                c = next_byte(r, err, errlen);
                if (c == -2)
                    return -1;
            }
            if (field_end(r, err, errlen) < 0)
                return -1;
        }
        if (c == ',')
            continue;
        if (c == '\r') {
            int d = peek_byte(r, err, errlen);
            if (d == -2)
                return -1;
            if (d == '\n')
                next_byte(r, err, errlen);
        }
        break;
    }
    *blank = !any_quoted && r->nfields == 1 && r->fields[0].len == 0;
    return 1;
}

static void lower_trim(char *s)
{
    char *b = s;
    while (*b == ' ' || *b == '\t')
        b++;
    size_t n = strlen(b);
    while (n && (b[n - 1] == ' ' || b[n - 1] == '\t'))
        n--;
    for (size_t i = 0; i < n; i++)
        s[i] = (char)tolower((unsigned char)b[i]);
    s[n] = '\0';
}

static int csv_header(cli_reader *r, char *err, size_t errlen)
{
    bool blank = true;
    int rc;
    do {
        rc = csv_record(r, &blank, err, errlen);
    } while (rc == 1 && blank);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return fail(r, err, errlen, r->line, 0, "empty input: expected a CSV header line");
    for (int k = 0; k < NCOLS; k++)
        r->cols[k] = -1;
    for (size_t i = 0; i < r->nfields; i++) {
        char *h = r->rec + r->fields[i].off;
        lower_trim(h);
        for (int k = 0; k < NCOLS; k++) {
            if (strcmp(h, col_names[k]) != 0)
                continue;
            if (r->cols[k] >= 0)
                return fail(r, err, errlen, r->fields[i].line, r->fields[i].col,
                            "column '%s' appears twice in the header", col_names[k]);
            r->cols[k] = (int)i;
        }
    }
    if (r->cols[COL_NAME] < 0)
        return fail(r, err, errlen, r->fields[0].line, 0,
                    "the header has no 'name' column (expected a header such as "
                    "id,name,dob,country,type)");
    r->header_fields = r->nfields;
    return 0;
}

/* Check and store one optional attribute (dob, country, type) of a record;
 * line/col say where it came from. An empty value means not given. */
static int set_attr(cli_reader *r, cli_query *q, int which, const char *v, size_t len,
                    unsigned long line, unsigned long col, char *err, size_t errlen)
{
    while (len && (*v == ' ' || *v == '\t'))
        v++, len--;
    while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
        len--;
    if (len == 0)
        return 0;
    char *s = cli_strndup(v, len);
    if (!s)
        return fail(r, err, errlen, line, col, "out of memory");
    if (which == COL_DOB) {
        if (!cli_dob_valid(s)) {
            fail(r, err, errlen, line, col,
                 "date of birth '%.40s' is not YYYY, YYYY-MM or YYYY-MM-DD", s);
            free(s);
            return -1;
        }
        q->dob = s;
    } else if (which == COL_COUNTRY) {
        q->country = s;
    } else {
        int t = cli_subject_from_name(s);
        if (t < 0) {
            fail(r, err, errlen, line, col,
                 "type '%.40s' is not individual, entity, vessel or aircraft", s);
            free(s);
            return -1;
        }
        free(s);
        q->type = t;
    }
    return 0;
}

static int set_id_name(cli_reader *r, cli_query *q, const char *id, size_t id_len, const char *name,
                       size_t name_len, unsigned long line, unsigned long col, char *err,
                       size_t errlen)
{
    /* Leading and trailing blanks are not part of a name or an identifier. */
    while (name_len && isspace((unsigned char)*name))
        name++, name_len--;
    while (name_len && isspace((unsigned char)name[name_len - 1]))
        name_len--;
    if (name_len == 0)
        return fail(r, err, errlen, line, col, "empty name");
    if (name_len > NOMEN_NAME_MAX_BYTES)
        return fail(r, err, errlen, line, col, "name longer than %d bytes", NOMEN_NAME_MAX_BYTES);
    char num[32];
    while (id && id_len && isspace((unsigned char)*id))
        id++, id_len--;
    while (id && id_len && isspace((unsigned char)id[id_len - 1]))
        id_len--;
    if (!id || id_len == 0) {
        /* No identifier: number the records as the arguments are numbered. */
        id_len = (size_t)snprintf(num, sizeof num, "%lu", r->nrecords);
        id = num;
    }
    q->id = cli_strndup(id, id_len);
    q->name = cli_strndup(name, name_len);
    if (!q->id || !q->name)
        return fail(r, err, errlen, line, col, "out of memory");
    return 0;
}

static int csv_next(cli_reader *r, cli_query *q, char *err, size_t errlen)
{
    bool blank = true;
    int rc;
    do {
        rc = csv_record(r, &blank, err, errlen);
    } while (rc == 1 && blank);
    if (rc <= 0)
        return rc;
    field *f = r->fields;
    if (r->nfields != r->header_fields)
        return fail(r, err, errlen, f[0].line, 0,
                    "%zu fields where the header has %zu (a name with a comma must be quoted)",
                    r->nfields, r->header_fields);
    r->nrecords++;
    const field *nf = &f[r->cols[COL_NAME]];
    const field *idf = r->cols[COL_ID] >= 0 ? &f[r->cols[COL_ID]] : NULL;
    if (set_id_name(r, q, idf ? r->rec + idf->off : NULL, idf ? idf->len : 0, r->rec + nf->off,
                    nf->len, nf->line, nf->col, err, errlen) < 0)
        return -1;
    for (int k = COL_DOB; k < NCOLS; k++) {
        if (r->cols[k] < 0)
            continue;
        const field *af = &f[r->cols[k]];
        if (set_attr(r, q, k, r->rec + af->off, af->len, af->line, af->col, err, errlen) < 0)
            return -1;
    }
    q->line = f[0].line;
    return 1;
}

/* Read one physical line (without its end) into rec. Returns 1, 0 at the end
 * of input, -1 on an error. */
static int read_line(cli_reader *r, unsigned long *line, char *err, size_t errlen)
{
    r->rec_len = 0;
    int c = next_byte(r, err, errlen);
    if (c == -2)
        return -1;
    if (c == EOF)
        return 0;
    *line = r->line;
    while (c != '\n' && c != EOF) {
        if (rec_put(r, c, err, errlen) < 0)
            return -1;
        c = next_byte(r, err, errlen);
        if (c == -2)
            return -1;
    }
    if (c == '\n')
        *line = r->line - 1;
    if (r->rec_len && r->rec[r->rec_len - 1] == '\r')
        r->rec_len--;
    if (rec_put(r, '\0', err, errlen) < 0)
        return -1;
    r->rec_len--; /* the NUL is a terminator, not content */
    return 1;
}

/* The column of "key" in a JSON line, for messages (1 when not found). */
static unsigned long key_col(const char *line, const char *key)
{
    char pat[32];
    snprintf(pat, sizeof pat, "\"%s\"", key);
    const char *p = strstr(line, pat);
    return p ? (unsigned long)(p - line) + 1 : 1;
}

static int json_str(cli_reader *r, json_t *obj, const char *key, bool ints, const char **s,
                    size_t *len, char *num, size_t numlen, unsigned long line, char *err,
                    size_t errlen)
{
    json_t *v = json_object_get(obj, key);
    *s = NULL;
    *len = 0;
    if (!v || json_is_null(v))
        return 0;
    if (json_is_string(v)) {
        *s = json_string_value(v);
        *len = json_string_length(v);
        if (memchr(*s, '\0', *len))
            return fail(r, err, errlen, line, key_col(r->rec, key), "\"%s\" holds a NUL", key);
        return 0;
    }
    if (ints && json_is_integer(v)) {
        *len = (size_t)snprintf(num, numlen, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        *s = num;
        return 0;
    }
    return fail(r, err, errlen, line, key_col(r->rec, key), "\"%s\" must be a string%s", key,
                ints ? " or an integer" : "");
}

static int jsonl_next(cli_reader *r, cli_query *q, char *err, size_t errlen)
{
    unsigned long line = 0;
    int rc;
    for (;;) {
        rc = read_line(r, &line, err, errlen);
        if (rc <= 0)
            return rc;
        size_t i = 0;
        while (i < r->rec_len && isspace((unsigned char)r->rec[i]))
            i++;
        if (i < r->rec_len)
            break;
    }
    json_error_t je;
    json_t *obj = json_loadb(r->rec, r->rec_len, JSON_REJECT_DUPLICATES, &je);
    if (!obj)
        return fail(r, err, errlen, line, je.column > 0 ? (unsigned long)je.column : 1,
                    "not a JSON object: %s", je.text);
    if (!json_is_object(obj)) {
        json_decref(obj);
        return fail(r, err, errlen, line, 1,
                    "expected a JSON object ({\"id\": ..., \"name\": ...})");
    }
    r->nrecords++;
    const char *id = NULL, *name = NULL;
    size_t id_len = 0, name_len = 0;
    char num[32], ynum[32];
    rc = json_str(r, obj, "id", true, &id, &id_len, num, sizeof num, line, err, errlen);
    if (rc == 0)
        rc = json_str(r, obj, "name", false, &name, &name_len, NULL, 0, line, err, errlen);
    if (rc == 0 && !name)
        rc = fail(r, err, errlen, line, 1, "no \"name\" key");
    if (rc == 0)
        rc = set_id_name(r, q, id, id_len, name, name_len, line, key_col(r->rec, "name"), err,
                         errlen);
    for (int k = COL_DOB; rc == 0 && k < NCOLS; k++) {
        const char *v;
        size_t len;
        /* A year of birth may come as a number. */
        rc = json_str(r, obj, col_names[k], k == COL_DOB, &v, &len, ynum, sizeof ynum, line, err,
                      errlen);
        if (rc == 0 && v)
            rc = set_attr(r, q, k, v, len, line, key_col(r->rec, col_names[k]), err, errlen);
    }
    json_decref(obj);
    q->line = line;
    return rc < 0 ? -1 : 1;
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (n < m)
        return false;
    for (size_t i = 0; i < m; i++)
        if (tolower((unsigned char)s[n - m + i]) != suffix[i])
            return false;
    return true;
}

int cli_reader_open(cli_reader **out, FILE *fp, const char *name, int format, char *err,
                    size_t errlen)
{
    *out = NULL;
    cli_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->name = cli_strndup(name, strlen(name)))) {
        free(r);
        snprintf(err, errlen, "%s: out of memory", name);
        return -1;
    }
    r->fp = fp;
    r->line = r->col = 1;
    if (format == CLI_IN_AUTO) {
        if (has_suffix(name, ".jsonl") || has_suffix(name, ".ndjson") || has_suffix(name, ".json"))
            format = CLI_IN_JSONL;
        else if (has_suffix(name, ".csv"))
            format = CLI_IN_CSV;
    }
    /* A UTF-8 byte order mark (spreadsheets write one) is not content. */
    if (peek_byte(r, err, errlen) == 0xEF && r->len - r->pos >= 3 && r->buf[r->pos + 1] == 0xBB &&
        r->buf[r->pos + 2] == 0xBF)
        r->pos += 3;
    if (r->failed) {
        cli_reader_close(r);
        return -1;
    }
    if (format == CLI_IN_AUTO) {
        /* Look at the first non-blank byte of the first chunk. */
        format = CLI_IN_CSV;
        for (size_t i = r->pos; i < r->len; i++) {
            if (!isspace(r->buf[i])) {
                if (r->buf[i] == '{')
                    format = CLI_IN_JSONL;
                break;
            }
        }
    }
    r->format = format;
    if (format == CLI_IN_CSV && csv_header(r, err, errlen) < 0) {
        cli_reader_close(r);
        return -1;
    }
    *out = r;
    return 0;
}

int cli_reader_next(cli_reader *r, cli_query *q, char *err, size_t errlen)
{
    cli_query_clear(q);
    if (r->failed)
        return 0;
    int rc =
        r->format == CLI_IN_JSONL ? jsonl_next(r, q, err, errlen) : csv_next(r, q, err, errlen);
    if (rc != 1)
        cli_query_clear(q);
    return rc;
}

int cli_reader_format(const cli_reader *r)
{
    return r->format;
}

uint64_t cli_reader_bytes(const cli_reader *r)
{
    return r->bytes - (r->len - r->pos);
}

void cli_reader_close(cli_reader *r)
{
    if (!r)
        return;
    free(r->name);
    free(r->rec);
    free(r->fields);
    free(r);
}
