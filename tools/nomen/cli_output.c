/*
 * cli_output.c: how `nomen screen` writes its results.
 *
 * Four formats over one record per query (its id, its name, its hits):
 *   table  aligned columns for a person at a terminal, explanations as
 *          indented text;
 *   json   one document, an array of result objects;
 *   jsonl  exactly one line per query, in input order (what programs read);
 *   csv    one row per hit, a query without hits on a row of its own.
 * All JSON is produced by jansson, so strings are always escaped correctly;
 * an explanation is embedded as the object the library built, not as a
 * string. Scores are rounded to 4 decimals everywhere, so that the formats
 * agree with each other and a change in the 10th decimal does not show up as
 * a difference between runs.
 */
#include "cli.h"

#include <jansson.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* 15 significant digits print every double that came from a short decimal
 * (0.9167, not 0.91669999999999996) and lose nothing an explanation needs. */
#define JSON_FLAGS JSON_REAL_PRECISION(15)

double cli_round4(double score)
{
    return round(score * 10000.0) / 10000.0;
}

int cli_out_format_from_name(const char *s)
{
    static const char *const names[] = {"table", "json", "jsonl", "csv"};
    static const int formats[] = {CLI_OUT_TABLE, CLI_OUT_JSON, CLI_OUT_JSONL, CLI_OUT_CSV};
    for (size_t i = 0; i < 4; i++)
        if (s && strcmp(s, names[i]) == 0)
            return formats[i];
    return -1;
}

static int werr(cli_writer *w)
{
    snprintf(w->err, sizeof w->err, "write error: %s", errno ? strerror(errno) : "unknown");
    return -1;
}

/* ---- JSON ----------------------------------------------------------------- */

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *result_json(cli_writer *w, const cli_query *q, const cli_result *r)
{
    json_t *o = json_object();
    json_t *hits = json_array();
    if (!o || !hits) {
        json_decref(o);
        json_decref(hits);
        snprintf(w->err, sizeof w->err, "out of memory");
        return NULL;
    }
    json_object_set_new(o, "id", str_or_null(q->id));
    json_object_set_new(o, "query", str_or_null(q->name));
    for (size_t i = 0; i < r->nhits; i++) {
        const cli_hit *h = &r->hits[i];
        json_t *ho = json_object();
        json_t *progs = json_array();
        if (!ho || !progs) {
            json_decref(ho);
            json_decref(progs);
            json_decref(hits);
            json_decref(o);
            snprintf(w->err, sizeof w->err, "out of memory");
            return NULL;
        }
        json_object_set_new(ho, "entity_id", str_or_null(h->entity_id));
        json_object_set_new(ho, "list", str_or_null(h->list));
        json_object_set_new(ho, "name", str_or_null(h->name));
        json_object_set_new(ho, "matched_name", str_or_null(h->matched_name));
        json_object_set_new(ho, "score", json_real(cli_round4(h->score)));
        for (size_t k = 0; k < h->nprograms; k++)
            json_array_append_new(progs, str_or_null(h->programs[k]));
        json_object_set_new(ho, "programs", progs);
        if (w->explain) {
            json_t *ex = json_null();
            if (h->explain) {
                json_error_t je;
                ex = json_loads(h->explain, 0, &je);
                if (!ex || !json_is_object(ex)) {
                    snprintf(w->err, sizeof w->err,
                             "the library's explanation of hit %s is not a JSON object (%s)",
                             h->entity_id ? h->entity_id : "?",
                             ex ? "another JSON value" : je.text);
                    json_decref(ex);
                    json_decref(ho);
                    json_decref(hits);
                    json_decref(o);
                    return NULL;
                }
            }
            json_object_set_new(ho, "explain", ex);
        }
        json_array_append_new(hits, ho);
    }
    json_object_set_new(o, "hits", hits);
    return o;
}

/* ---- CSV ------------------------------------------------------------------ */

/* RFC 4180: quote a field holding a comma, a quote, a line break, or blanks
 * at either end (which readers would trim); double the quotes inside. */
static void csv_field(FILE *fp, const char *s, bool last)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    bool quote = n && (s[0] == ' ' || s[n - 1] == ' ' || strpbrk(s, ",\"\r\n") != NULL);
    if (quote) {
        putc('"', fp);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                putc('"', fp);
            putc(*p, fp);
        }
        putc('"', fp);
    } else {
        fputs(s, fp);
    }
    putc(last ? '\n' : ',', fp);
}

static int csv_put(cli_writer *w, const cli_query *q, const cli_result *r)
{
    if (r->nhits == 0) {
        csv_field(w->fp, q->id, false);
        csv_field(w->fp, q->name, false);
        /* Six empty hit fields, seven with the explanation. */
        fputs(w->explain ? ",,,,,," : ",,,,,", w->fp);
        putc('\n', w->fp);
        return 0;
    }
    for (size_t i = 0; i < r->nhits; i++) {
        const cli_hit *h = &r->hits[i];
        char score[32];
        snprintf(score, sizeof score, "%.4f", cli_round4(h->score));
        csv_field(w->fp, q->id, false);
        csv_field(w->fp, q->name, false);
        csv_field(w->fp, h->entity_id, false);
        csv_field(w->fp, h->list, false);
        csv_field(w->fp, h->name, false);
        csv_field(w->fp, h->matched_name, false);
        csv_field(w->fp, score, false);
        /* Programs in one field, separated by ';' (program codes hold none). */
        size_t len = 1;
        for (size_t k = 0; k < h->nprograms; k++)
            len += strlen(h->programs[k] ? h->programs[k] : "") + 1;
        char *progs = malloc(len);
        if (!progs) {
            snprintf(w->err, sizeof w->err, "out of memory");
            return -1;
        }
        progs[0] = '\0';
        for (size_t k = 0; k < h->nprograms; k++) {
            if (k)
                strcat(progs, ";");
            strcat(progs, h->programs[k] ? h->programs[k] : "");
        }
        csv_field(w->fp, progs, !w->explain);
        free(progs);
        if (w->explain) {
            /* The explanation as compact JSON text in one field. */
            char *compact = NULL;
            if (h->explain) {
                json_error_t je;
                json_t *ex = json_loads(h->explain, 0, &je);
                if (!ex) {
                    snprintf(w->err, sizeof w->err,
                             "the library's explanation of hit %s is not JSON (%s)",
                             h->entity_id ? h->entity_id : "?", je.text);
                    return -1;
                }
                compact = json_dumps(ex, JSON_COMPACT | JSON_FLAGS);
                json_decref(ex);
            }
            csv_field(w->fp, compact, true);
            free(compact);
        }
    }
    return 0;
}

/* ---- table ---------------------------------------------------------------- */

static void pad(FILE *fp, const char *s, size_t width)
{
    fputs(s, fp);
    for (size_t w = cli_display_width(s); w < width; w++)
        putc(' ', fp);
}

enum { T_SCORE, T_LIST, T_ID, T_NAME, T_MATCHED, T_PROGRAMS, T_NCOLS };

static int table_put(cli_writer *w, const cli_query *q, const cli_result *r)
{
    static const char *const heads[T_NCOLS] = {"SCORE", "LIST",       "ID",
                                               "NAME",  "MATCHED AS", "PROGRAMS"};
    FILE *fp = w->fp;
    fprintf(fp, "%s[%s] %s", w->count ? "\n" : "", q->id ? q->id : "", q->name ? q->name : "");
    if (q->dob)
        fprintf(fp, "  dob %s", q->dob);
    if (q->country)
        fprintf(fp, "  country %s", q->country);
    putc('\n', fp);
    if (r->nhits == 0) {
        fputs("  no hits\n", fp);
        return 0;
    }
    /* Cells first, to size the columns. */
    size_t n = r->nhits;
    char **cells = calloc(n * T_NCOLS, sizeof *cells);
    if (!cells) {
        snprintf(w->err, sizeof w->err, "out of memory");
        return -1;
    }
    size_t width[T_NCOLS];
    for (int c = 0; c < T_NCOLS; c++)
        width[c] = cli_display_width(heads[c]);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const cli_hit *h = &r->hits[i];
        char score[32];
        snprintf(score, sizeof score, "%.4f", cli_round4(h->score));
        size_t plen = 1;
        for (size_t k = 0; k < h->nprograms; k++)
            plen += strlen(h->programs[k] ? h->programs[k] : "") + 2;
        char *progs = malloc(plen);
        if (progs) {
            progs[0] = '\0';
            for (size_t k = 0; k < h->nprograms; k++) {
                if (k)
                    strcat(progs, ", ");
                strcat(progs, h->programs[k] ? h->programs[k] : "");
            }
        }
        const char *src[T_NCOLS] = {score,
                                    h->list ? h->list : "",
                                    h->entity_id ? h->entity_id : "",
                                    h->name ? h->name : "",
                                    h->matched_name ? h->matched_name : "",
                                    progs ? progs : ""};
        for (int c = 0; c < T_NCOLS; c++) {
            char **cell = &cells[i * T_NCOLS + (size_t)c];
            *cell = c == T_PROGRAMS ? progs : cli_strndup(src[c], strlen(src[c]));
            if (!*cell) {
                rc = -1;
                break;
            }
            size_t cw = cli_display_width(*cell);
            if (cw > width[c])
                width[c] = cw;
        }
    }
    if (rc == 0) {
        fputs("  ", fp);
        for (int c = 0; c < T_NCOLS; c++) {
            if (c + 1 < T_NCOLS) {
                pad(fp, heads[c], width[c]);
                fputs("  ", fp);
            } else {
                fputs(heads[c], fp);
            }
        }
        putc('\n', fp);
        for (size_t i = 0; i < n && rc == 0; i++) {
            fputs("  ", fp);
            for (int c = 0; c < T_NCOLS; c++) {
                const char *cell = cells[i * T_NCOLS + (size_t)c];
                if (c + 1 < T_NCOLS) {
                    pad(fp, cell, width[c]);
                    fputs("  ", fp);
                } else {
                    fputs(cell, fp);
                }
            }
            putc('\n', fp);
            if (w->explain && r->hits[i].explain) {
                if (cli_explain_render(fp, r->hits[i].explain, 6) < 0) {
                    snprintf(w->err, sizeof w->err,
                             "the library's explanation of hit %s is not JSON",
                             r->hits[i].entity_id ? r->hits[i].entity_id : "?");
                    rc = -1;
                } else if (i + 1 < n) {
                    putc('\n', fp); /* a blank line before the next hit's row */
                }
            }
        }
    } else {
        snprintf(w->err, sizeof w->err, "out of memory");
    }
    for (size_t i = 0; i < n * T_NCOLS; i++)
        free(cells[i]);
    free(cells);
    return rc;
}

/* ---- explanation as text ---------------------------------------------------- */

static bool scalar(json_t *v)
{
    return !json_is_object(v) && !json_is_array(v);
}

/* A scalar as text: strings as they are, numbers short, true/false as
 * yes/no, null as "-". buf holds what is not a string already. */
static const char *scalar_text(json_t *v, char *buf, size_t len)
{
    switch (json_typeof(v)) {
    case JSON_STRING:
        return json_string_value(v);
    case JSON_INTEGER:
        snprintf(buf, len, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return buf;
    case JSON_REAL:
        snprintf(buf, len, "%.4g", json_real_value(v));
        return buf;
    case JSON_TRUE:
        return "yes";
    case JSON_FALSE:
        return "no";
    default:
        return "-";
    }
}

static void put_scalar(FILE *fp, json_t *v)
{
    char buf[64];
    fputs(scalar_text(v, buf, sizeof buf), fp);
}

static void indent_to(FILE *fp, int n)
{
    for (int i = 0; i < n; i++)
        putc(' ', fp);
}

static bool flat_object(json_t *o)
{
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
    {
        (void)k;
        if (!scalar(v))
            return false;
    }
    return true;
}

static bool flat_array(json_t *a)
{
    for (size_t i = 0; i < json_array_size(a); i++)
        if (!scalar(json_array_get(a, i)))
            return false;
    return true;
}

static void render(FILE *fp, json_t *v, int indent);

/* A flat array goes on one line when it is short and no element holds the
 * separator; long sentences (the romanizer's syllable notes) get a line each. */
static bool short_array(json_t *a)
{
    size_t total = 0;
    for (size_t i = 0; i < json_array_size(a); i++) {
        char buf[64];
        const char *t = scalar_text(json_array_get(a, i), buf, sizeof buf);
        if (strchr(t, ','))
            return false;
        total += strlen(t) + 2;
    }
    return total <= 60;
}

/* An object whose members are all scalars fits on one line: "a: 1, b: x". */
static void render_flat_object(FILE *fp, json_t *o)
{
    const char *k;
    json_t *v;
    bool first = true;
    json_object_foreach(o, k, v)
    {
        fprintf(fp, "%s%s: ", first ? "" : ", ", k);
        put_scalar(fp, v);
        first = false;
    }
}

/* An array of flat objects (the token pairs of an explanation) reads best
 * as a table: one column per key, in the order keys first appear. Returns
 * false when the array is not such, or too wide to be worth it. */
static bool render_table(FILE *fp, json_t *a, int indent)
{
    enum { MAXCOLS = 16 };
    const char *keys[MAXCOLS];
    size_t width[MAXCOLS], ncols = 0, n = json_array_size(a);
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(a, i);
        if (!json_is_object(o) || !flat_object(o))
            return false;
        const char *k;
        json_t *v;
        json_object_foreach(o, k, v)
        {
            size_t c = 0;
            while (c < ncols && strcmp(keys[c], k) != 0)
                c++;
            if (c == ncols) {
                if (ncols == MAXCOLS)
                    return false;
                keys[ncols] = k;
                width[ncols++] = cli_display_width(k);
            }
            char buf[64];
            size_t w = cli_display_width(scalar_text(v, buf, sizeof buf));
            if (w > width[c])
                width[c] = w;
        }
    }
    indent_to(fp, indent);
    for (size_t c = 0; c < ncols; c++) {
        if (c + 1 < ncols) {
            pad(fp, keys[c], width[c]);
            fputs("  ", fp);
        } else {
            fputs(keys[c], fp);
        }
    }
    putc('\n', fp);
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(a, i);
        indent_to(fp, indent);
        for (size_t c = 0; c < ncols; c++) {
            char buf[64];
            json_t *v = json_object_get(o, keys[c]);
            const char *t = v ? scalar_text(v, buf, sizeof buf) : "";
            if (c + 1 < ncols) {
                pad(fp, t, width[c]);
                fputs("  ", fp);
            } else {
                fputs(t, fp);
            }
        }
        putc('\n', fp);
    }
    return true;
}

static void render_member(FILE *fp, const char *key, json_t *v, int indent)
{
    indent_to(fp, indent);
    if (key)
        fprintf(fp, "%s:", key);
    else
        fputs("-", fp);
    if (scalar(v)) {
        putc(' ', fp);
        put_scalar(fp, v);
        putc('\n', fp);
    } else if (json_is_array(v) && json_array_size(v) == 0) {
        fputs(" (none)\n", fp);
    } else if (json_is_array(v) && flat_array(v) && short_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++) {
            fputs(i ? ", " : " ", fp);
            put_scalar(fp, json_array_get(v, i));
        }
        putc('\n', fp);
    } else if (json_is_object(v) && flat_object(v) && !key) {
        putc(' ', fp);
        render_flat_object(fp, v);
        putc('\n', fp);
    } else if (json_is_array(v)) {
        putc('\n', fp);
        if (!render_table(fp, v, indent + 2))
            render(fp, v, indent + 2);
    } else {
        putc('\n', fp);
        render(fp, v, indent + 2);
    }
}

static void render(FILE *fp, json_t *v, int indent)
{
    if (json_is_object(v)) {
        const char *k;
        json_t *m;
        json_object_foreach(v, k, m) render_member(fp, k, m, indent);
    } else if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++)
            render_member(fp, NULL, json_array_get(v, i), indent);
    } else {
        indent_to(fp, indent);
        put_scalar(fp, v);
        putc('\n', fp);
    }
}

int cli_explain_render(FILE *fp, const char *json, int indent)
{
    json_error_t je;
    json_t *v = json_loads(json, JSON_DECODE_ANY, &je);
    if (!v)
        return -1;
    render(fp, v, indent);
    json_decref(v);
    return 0;
}

/* ---- the writer ----------------------------------------------------------- */

int cli_writer_begin(cli_writer *w, FILE *fp, int format, bool explain)
{
    memset(w, 0, sizeof *w);
    w->fp = fp;
    w->format = format;
    w->explain = explain;
    if (format == CLI_OUT_CSV)
        fputs(explain ? "id,query,entity_id,list,name,matched_name,score,programs,explain\n"
                      : "id,query,entity_id,list,name,matched_name,score,programs\n",
              fp);
    else if (format == CLI_OUT_JSON)
        fputs("[", fp);
    return ferror(fp) ? werr(w) : 0;
}

int cli_writer_put(cli_writer *w, const cli_query *q, const cli_result *r)
{
    int rc = 0;
    if (w->format == CLI_OUT_JSON || w->format == CLI_OUT_JSONL) {
        json_t *o = result_json(w, q, r);
        if (!o)
            return -1;
        if (w->format == CLI_OUT_JSON) {
            fputs(w->count ? ",\n" : "\n", w->fp);
            rc = json_dumpf(o, w->fp, JSON_INDENT(2) | JSON_FLAGS);
        } else {
            rc = json_dumpf(o, w->fp, JSON_FLAGS);
            putc('\n', w->fp);
        }
        json_decref(o);
        if (rc != 0)
            return werr(w);
    } else if (w->format == CLI_OUT_CSV) {
        rc = csv_put(w, q, r);
    } else {
        rc = table_put(w, q, r);
    }
    if (rc == 0 && ferror(w->fp))
        return werr(w);
    if (rc == 0)
        w->count++;
    return rc;
}

int cli_writer_end(cli_writer *w)
{
    if (w->format == CLI_OUT_JSON)
        fputs(w->count ? "\n]\n" : "]\n", w->fp);
    if (fflush(w->fp) != 0 || ferror(w->fp))
        return werr(w);
    return 0;
}
