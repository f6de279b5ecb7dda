/*
 * testutil.c: shared helpers for the cmocka tests (see testutil.h).
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *join(const char *dir, const char *rel)
{
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

static int in_ci(void)
{
    const char *ci = getenv("CI");
    return ci && (strcmp(ci, "true") == 0 || strcmp(ci, "1") == 0);
}

char *nt_shared_path(const char *relative)
{
    const char *dir = getenv("NOMEN_SHARED_DIR");
    if (!dir)
        dir = "../shared";
    char *p = join(dir, relative);
    struct stat st;
    if (stat(p, &st) == 0)
        return p;
    free(p);
    if (in_ci())
        fail_msg("shared data file %s/%s is missing (CI=true: a missing file is a failure)", dir,
                 relative);
    return NULL;
}

char *nt_source_path(const char *relative)
{
    const char *dir = getenv("NOMEN_SOURCE_DIR");
    return join(dir ? dir : ".", relative);
}

char *nt_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 65536, n = 0, r;
    char *buf = malloc(cap + 1);
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

static void add_field(nt_row *row, size_t *cap, const char *s, size_t len)
{
    if (row->n == *cap) {
        *cap = *cap ? *cap * 2 : 4;
        row->f = realloc(row->f, *cap * sizeof(nt_field));
        assert_non_null(row->f);
    }
    nt_field *f = &row->f[row->n++];
    f->s = malloc(len + 1);
    assert_non_null(f->s);
    memcpy(f->s, s, len);
    f->s[len] = '\0';
    f->len = len;
}

static void add_row(nt_table *t, size_t *cap, nt_row row)
{
    if (t->n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        t->rows = realloc(t->rows, *cap * sizeof(nt_row));
        assert_non_null(t->rows);
    }
    t->rows[t->n++] = row;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decode escapes of one TSV field into out (which has room for len bytes). */
static size_t unescape(const char *s, size_t len, char *out, const char *path, size_t line)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '\\' || i + 1 == len) {
            out[o++] = s[i];
            continue;
        }
        char c = s[++i];
        if (c == 't')
            out[o++] = '\t';
        else if (c == 'n')
            out[o++] = '\n';
        else if (c == '\\')
            out[o++] = '\\';
        else if (c == 'x' && i + 2 < len + 0 && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            out[o++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else {
            fail_msg("%s:%zu: unknown escape \\%c", path, line, c);
        }
    }
    return o;
}

void nt_tsv_read(const char *path, nt_table *out)
{
    size_t len;
    char *text = nt_read_file(path, &len);
    if (!text)
        fail_msg("cannot read %s", path);
    memset(out, 0, sizeof(*out));
    size_t cap = 0, line = 0;
    char *scratch = malloc(len + 1);
    assert_non_null(scratch);
    for (char *p = text; p < text + len;) {
        char *eol = memchr(p, '\n', (size_t)(text + len - p));
        if (!eol)
            eol = text + len;
        line++;
        size_t l = (size_t)(eol - p);
        if (l && p[l - 1] == '\r')
            l--;
        if (l > 0 && p[0] != '#') {
            nt_row row = {NULL, 0, line};
            size_t fcap = 0;
            char *f = p;
            for (;;) {
                char *tab = memchr(f, '\t', (size_t)(p + l - f));
                char *end = tab ? tab : p + l;
                size_t n = unescape(f, (size_t)(end - f), scratch, path, line);
                add_field(&row, &fcap, scratch, n);
                if (!tab)
                    break;
                f = tab + 1;
            }
            add_row(out, &cap, row);
        }
        p = eol + 1;
    }
    free(scratch);
    free(text);
}

void nt_csv_read(const char *path, int skip_header, nt_table *out)
{
    size_t len;
    char *text = nt_read_file(path, &len);
    if (!text)
        fail_msg("cannot read %s", path);
    memset(out, 0, sizeof(*out));
    size_t cap = 0, line = 1, i = 0;
    char *field = malloc(len + 1);
    assert_non_null(field);
    int first = 1;
    while (i < len) {
        nt_row row = {NULL, 0, line};
        size_t fcap = 0;
        for (;;) {
            size_t n = 0;
            if (i < len && text[i] == '"') {
                i++;
                for (;;) {
                    if (i >= len)
                        fail_msg("%s:%zu: unterminated quoted field", path, line);
                    if (text[i] == '"') {
                        if (i + 1 < len && text[i + 1] == '"') {
                            field[n++] = '"';
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (text[i] == '\n')
                        line++;
                    field[n++] = text[i++];
                }
            }
            while (i < len && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                field[n++] = text[i++];
            add_field(&row, &fcap, field, n);
            if (i < len && text[i] == ',') {
                i++;
                continue;
            }
            if (i < len && text[i] == '\r')
                i++;
            if (i < len && text[i] == '\n')
                i++;
            line++;
            break;
        }
        if (first && skip_header) {
            for (size_t k = 0; k < row.n; k++)
                free(row.f[k].s);
            free(row.f);
        } else {
            add_row(out, &cap, row);
        }
        first = 0;
    }
    free(field);
    free(text);
}

void nt_table_free(nt_table *t)
{
    for (size_t r = 0; r < t->n; r++) {
        for (size_t k = 0; k < t->rows[r].n; k++)
            free(t->rows[r].f[k].s);
        free(t->rows[r].f);
    }
    free(t->rows);
    t->rows = NULL;
    t->n = 0;
}
