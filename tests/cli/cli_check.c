/*
 * cli_check.c: reads the nomen command's output back for cli_test.sh, so
 * that the end-to-end tests need nothing beyond the project's own
 * dependencies (jansson, and the CSV reader of the test helpers).
 *
 *   cli_check jsonl FILE [--explain] ID...   one JSON object per line, ids in
 *                                            this order, hits well formed
 *                                            (explain objects iff --explain)
 *   cli_check json FILE ID...                one JSON array, ids in order
 *   cli_check hit FILE LINE KEY VALUE        the best hit of line LINE has
 *                                            KEY == VALUE ("programs": holds it)
 *   cli_check nhits FILE LINE N              line LINE has N hits
 *   cli_check csv FILE JSONL [--explain]     the CSV rows say what JSONL says
 *   cli_check batch FILE                     write a deterministic batch of a
 *                                            few hundred names (CSV)
 * Exit status 0 when the check holds, 1 with a message when it does not.
 */
#define _POSIX_C_SOURCE 200809L

#include "testutil.h"

#include <jansson.h>

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int bad(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("cli_check: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 1;
}

/* The lines of a file (without their '\n'); the last line must end with one. */
static char **read_lines(const char *path, size_t *n, char **text)
{
    size_t len;
    *text = nt_read_file(path, &len);
    *n = 0;
    if (!*text)
        return NULL;
    if (len && (*text)[len - 1] != '\n')
        return NULL;
    size_t cap = 16;
    char **lines = malloc(cap * sizeof *lines);
    for (char *p = *text; lines && *p;) {
        char *nl = strchr(p, '\n');
        *nl = '\0';
        if (*n == cap)
            lines = realloc(lines, (cap *= 2) * sizeof *lines);
        if (lines)
            lines[(*n)++] = p;
        p = nl + 1;
    }
    return lines;
}

static int check_hit(json_t *h, bool explain, size_t line)
{
    static const char *const keys[] = {"entity_id", "list", "name", "matched_name"};
    for (size_t k = 0; k < 4; k++) {
        const char *v = json_string_value(json_object_get(h, keys[k]));
        if (!v || !*v)
            return bad("line %zu: hit without a %s", line, keys[k]);
    }
    if (!json_is_array(json_object_get(h, "programs")))
        return bad("line %zu: hit without a programs array", line);
    json_t *s = json_object_get(h, "score");
    if (!json_is_number(s))
        return bad("line %zu: hit without a score", line);
    double v = json_number_value(s);
    if (!(v >= 0.0 && v <= 1.0))
        return bad("line %zu: score %g outside [0, 1]", line, v);
    if (fabs(round(v * 10000.0) / 10000.0 - v) > 1e-12)
        return bad("line %zu: score %.17g is not rounded to 4 decimals", line, v);
    json_t *ex = json_object_get(h, "explain");
    if (explain && !(json_is_object(ex) && json_object_size(ex) > 0))
        return bad("line %zu: hit without an explain object", line);
    if (!explain && ex)
        return bad("line %zu: explain without --explain", line);
    return 0;
}

static int check_result(json_t *o, const char *want_id, bool explain, size_t line)
{
    if (!json_is_object(o))
        return bad("line %zu: not a JSON object", line);
    const char *id = json_string_value(json_object_get(o, "id"));
    if (!id || strcmp(id, want_id) != 0)
        return bad("line %zu: id %s, expected %s", line, id ? id : "(none)", want_id);
    const char *q = json_string_value(json_object_get(o, "query"));
    if (!q || !*q)
        return bad("line %zu: no query", line);
    json_t *hits = json_object_get(o, "hits");
    if (!json_is_array(hits))
        return bad("line %zu: no hits array", line);
    double prev = 2.0;
    for (size_t i = 0; i < json_array_size(hits); i++) {
        json_t *h = json_array_get(hits, i);
        if (check_hit(h, explain, line))
            return 1;
        double s = json_number_value(json_object_get(h, "score"));
        if (s > prev)
            return bad("line %zu: hits are not best first", line);
        prev = s;
    }
    return 0;
}

static int cmd_jsonl(const char *path, int argc, char **argv)
{
    bool explain = argc > 0 && strcmp(argv[0], "--explain") == 0;
    if (explain)
        argc--, argv++;
    size_t n;
    char *text;
    char **lines = read_lines(path, &n, &text);
    if (!lines) {
        free(text);
        return bad("%s: unreadable, or does not end with a newline", path);
    }
    int rc = 0;
    if (n != (size_t)argc)
        rc = bad("%zu lines for %d inputs", n, argc);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        json_error_t je;
        json_t *o = json_loads(lines[i], 0, &je);
        if (!o)
            rc = bad("line %zu: not JSON: %s", i + 1, je.text);
        else
            rc = check_result(o, argv[i], explain, i + 1);
        json_decref(o);
    }
    free(lines);
    free(text);
    return rc;
}

static int cmd_json(const char *path, int argc, char **argv)
{
    json_error_t je;
    json_t *doc = json_load_file(path, 0, &je);
    if (!doc)
        return bad("%s:%d: not JSON: %s", path, je.line, je.text);
    int rc = 0;
    if (!json_is_array(doc) || json_array_size(doc) != (size_t)argc)
        rc = bad("%s: not an array of %d results", path, argc);
    for (size_t i = 0; rc == 0 && i < json_array_size(doc); i++)
        rc = check_result(json_array_get(doc, i), argv[i], false, i + 1);
    json_decref(doc);
    return rc;
}

/* Line `line` (1-based) of a JSON Lines file, parsed. */
static json_t *jsonl_line(const char *path, size_t line)
{
    size_t n;
    char *text;
    char **lines = read_lines(path, &n, &text);
    json_t *o = NULL;
    if (lines && line >= 1 && line <= n)
        o = json_loads(lines[line - 1], 0, NULL);
    free(lines);
    free(text);
    return o;
}

static int cmd_hit(const char *path, const char *line, const char *key, const char *want)
{
    json_t *o = jsonl_line(path, strtoul(line, NULL, 10));
    json_t *h = json_array_get(json_object_get(o, "hits"), 0);
    int rc = 0;
    if (!h) {
        rc = bad("%s:%s: no hit", path, line);
    } else if (strcmp(key, "programs") == 0) {
        json_t *p = json_object_get(h, "programs"), *v;
        size_t i;
        rc = 1;
        json_array_foreach(p, i, v) if (json_is_string(v) &&
                                        strcmp(json_string_value(v), want) == 0) rc = 0;
        if (rc)
            bad("%s:%s: the best hit's programs lack %s", path, line, want);
    } else {
        const char *v = json_string_value(json_object_get(h, key));
        if (!v || strcmp(v, want) != 0)
            rc =
                bad("%s:%s: best hit %s is '%s', expected '%s'", path, line, key, v ? v : "", want);
    }
    json_decref(o);
    return rc;
}

static int cmd_nhits(const char *path, const char *line, const char *want)
{
    json_t *o = jsonl_line(path, strtoul(line, NULL, 10));
    json_t *hits = json_object_get(o, "hits");
    int rc = 0;
    if (!json_is_array(hits))
        rc = bad("%s:%s: no result", path, line);
    else if (json_array_size(hits) != strtoul(want, NULL, 10))
        rc = bad("%s:%s: %zu hits, expected %s", path, line, json_array_size(hits), want);
    json_decref(o);
    return rc;
}

static int cmd_csv(const char *csv, const char *jsonl, bool explain)
{
    static const char *const header[] = {"id",           "query", "entity_id", "list",   "name",
                                         "matched_name", "score", "programs",  "explain"};
    size_t ncols = explain ? 9 : 8;
    nt_table t;
    nt_csv_read(csv, 0, &t);
    int rc = 0;
    if (t.n == 0 || t.rows[0].n != ncols)
        rc = bad("%s: the header has not %zu fields", csv, ncols);
    for (size_t c = 0; rc == 0 && c < ncols; c++)
        if (strcmp(t.rows[0].f[c].s, header[c]) != 0)
            rc = bad("%s: header field %zu is '%s', expected '%s'", csv, c + 1, t.rows[0].f[c].s,
                     header[c]);
    size_t n;
    char *text;
    char **lines = read_lines(jsonl, &n, &text);
    size_t row = 1;
    for (size_t i = 0; rc == 0 && lines && i < n; i++) {
        json_t *o = json_loads(lines[i], 0, NULL);
        const char *id = json_string_value(json_object_get(o, "id"));
        const char *q = json_string_value(json_object_get(o, "query"));
        json_t *hits = json_object_get(o, "hits");
        size_t nh = json_array_size(hits);
        for (size_t k = 0; rc == 0 && k < (nh ? nh : 1); k++, row++) {
            if (row >= t.n) {
                rc = bad("%s: too few rows", csv);
                break;
            }
            nt_row *r = &t.rows[row];
            if (r->n != ncols) {
                rc = bad("%s:%zu: %zu fields", csv, r->line, r->n);
                break;
            }
            if (strcmp(r->f[0].s, id) != 0 || strcmp(r->f[1].s, q) != 0) {
                rc = bad("%s:%zu: id/query '%s'/'%s', expected '%s'/'%s'", csv, r->line, r->f[0].s,
                         r->f[1].s, id, q);
                break;
            }
            json_t *h = json_array_get(hits, k);
            if (!h) {
                for (size_t c = 2; c < ncols; c++)
                    if (r->f[c].len)
                        rc = bad("%s:%zu: a query without hits has hit fields", csv, r->line);
                continue;
            }
            const char *eid = json_string_value(json_object_get(h, "entity_id"));
            double s = json_number_value(json_object_get(h, "score"));
            const char *dot = strchr(r->f[6].s, '.');
            if (strcmp(r->f[2].s, eid) != 0)
                rc = bad("%s:%zu: entity_id %s, expected %s", csv, r->line, r->f[2].s, eid);
            else if (!dot || strlen(dot + 1) != 4 || fabs(strtod(r->f[6].s, NULL) - s) > 1e-9)
                rc = bad("%s:%zu: score '%s', expected %.4f", csv, r->line, r->f[6].s, s);
            else if (explain) {
                json_t *ex = json_loads(r->f[8].s, 0, NULL);
                if (!json_is_object(ex))
                    rc = bad("%s:%zu: explain is not a JSON object", csv, r->line);
                json_decref(ex);
            }
        }
        json_decref(o);
    }
    if (rc == 0 && row != t.n)
        rc = bad("%s: %zu rows, expected %zu", csv, t.n - 1, row - 1);
    free(lines);
    free(text);
    nt_table_free(&t);
    return rc;
}

/* A few hundred names: real designated names in several spellings, their
 * reorderings, lower-cased and misspelt forms, and innocent names. */
static int cmd_batch(const char *path)
{
    static const char *const names[] = {
        "CHEN, Quanguo", "Chen Guanguo",     "LAM, Carrie",
        "Carrie Lam",    "Jane Doe",         "EXAMPLE SHIPPING CO",
        "Zhang Quanguo", "Wang Junzheng",    "Xinjiang Public Security Bureau",
        "Lee Ka Chiu",   "Tsang Kwok Wai",   "John Smith",
        "Maria Garcia",  "Li Wei",           "陈全国",
        "陳全國",        "Ch'en Ch'üan-kuo", "Chan Chuen Kwok",
        "QUANGUO CHEN",  "Erick Tsang"};
    FILE *fp = fopen(path, "w");
    if (!fp)
        return bad("%s: cannot write", path);
    fputs("id,name\n", fp);
    size_t n = 0, nn = sizeof names / sizeof names[0];
    for (int rep = 0; rep < 20; rep++) {
        for (size_t i = 0; i < nn; i++) {
            char v[256], w[256];
            snprintf(v, sizeof v, "%s", names[i]);
            if (rep % 4 == 1) {
                /* Reverse the words, commas dropped. */
                char *words[16];
                size_t k = 0;
                char *save = NULL;
                for (char *tok = strtok_r(v, " ,", &save); tok && k < 16;
                     tok = strtok_r(NULL, " ,", &save))
                    words[k++] = tok;
                w[0] = '\0';
                while (k--) {
                    strcat(w, words[k]);
                    if (k)
                        strcat(w, " ");
                }
                snprintf(v, sizeof v, "%s", w);
            } else if (rep % 4 == 2) {
                for (char *p = v; *p; p++)
                    *p = (char)tolower((unsigned char)*p);
            } else if (rep % 4 == 3 && strlen(v) > 4 && (unsigned char)v[2] < 0x80) {
                memmove(v + 2, v + 3, strlen(v + 3) + 1);
            }
            fprintf(fp, "n%zu,", ++n);
            if (strchr(v, ',') || strchr(v, '"')) {
                fputc('"', fp);
                for (char *p = v; *p; p++) {
                    if (*p == '"')
                        fputc('"', fp);
                    fputc(*p, fp);
                }
                fputs("\"\n", fp);
            } else {
                fprintf(fp, "%s\n", v);
            }
        }
    }
    return fclose(fp) == 0 ? 0 : bad("%s: write error", path);
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "jsonl") == 0)
        return cmd_jsonl(argv[2], argc - 3, argv + 3);
    if (argc >= 3 && strcmp(argv[1], "json") == 0)
        return cmd_json(argv[2], argc - 3, argv + 3);
    if (argc == 6 && strcmp(argv[1], "hit") == 0)
        return cmd_hit(argv[2], argv[3], argv[4], argv[5]);
    if (argc == 5 && strcmp(argv[1], "nhits") == 0)
        return cmd_nhits(argv[2], argv[3], argv[4]);
    if ((argc == 4 || argc == 5) && strcmp(argv[1], "csv") == 0)
        return cmd_csv(argv[2], argv[3], argc == 5 && strcmp(argv[4], "--explain") == 0);
    if (argc == 3 && strcmp(argv[1], "batch") == 0)
        return cmd_batch(argv[2]);
    return bad("usage: cli_check jsonl|json|hit|nhits|csv|batch ...");
}
