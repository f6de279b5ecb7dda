/*
 * cli_diff.c: `nomen diff OLD NEW` and `nomen screen --changes OLD NEW`.
 *
 * Both load two snapshots of one list into record sets and diff them through
 * the public API (nomen_diff_*). diff writes the additions, removals and
 * changes; screen --changes screens names or a batch against the added and
 * changed subjects only (nomen_rescreen_*), with the scores a full screen
 * would give. Whatever the diff could not compare (a snapshot without its
 * side files) is said on stderr and in the JSON, never passed over.
 */
#define _POSIX_C_SOURCE 200809L

#include "cli_coord.h"
#include "cli_lib.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char cli_usage_diff[] =
    "Usage: nomen diff OLD NEW [OPTIONS]\n"
    "\n"
    "Additions, removals and changes (names, aliases, dates of birth, programmes,\n"
    "type) between two snapshots of one list; records are matched by the list's\n"
    "own identifier. OLD and NEW are list files or official set folders.\n"
    "\n"
    "  -f, --format FMT   text (default: a readable summary), csv or json\n"
    "  -o, --output FILE  write to FILE instead of standard output\n"
    "      --strict       refuse a list with a bad record instead of skipping it\n"
    "  -h, --help         this text\n"
    "\n"
    "Exit status: 0 success, 2 error.\n";

void cli_csv_field(FILE *fp, const char *s, bool last)
{
    if (!s)
        s = "";
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', fp);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                fputc('"', fp);
            fputc(*p, fp);
        }
        fputc('"', fp);
    } else {
        fputs(s, fp);
    }
    fputc(last ? '\n' : ',', fp);
}

/* Load one snapshot; prints the error and returns NULL on failure. */
static nomen_records *load_set(const char *path, bool strict)
{
    nomen_records *r = NULL;
    if (nomen_records_new(&r) != NOMEN_OK) {
        fprintf(stderr, "nomen: out of memory\n");
        return NULL;
    }
    nomen_records_set_strict(r, strict);
    int rc = nomen_records_add_path(r, path, NULL, NULL);
    if (rc != NOMEN_OK) {
        cli_report("cannot load list", path, nomen_records_errmsg(r));
        nomen_records_free(r);
        return NULL;
    }
    const char *skipped = nomen_records_skip_report(r);
    if (skipped[0])
        fprintf(stderr, "nomen: %s: some records were skipped:\n%s", path, skipped);
    return r;
}

static const char *kind_name(int kind)
{
    return kind == NOMEN_DIFF_ADDED ? "added" : kind == NOMEN_DIFF_REMOVED ? "removed" : "changed";
}

/* "name,aliases,dobs" for a field mask. */
static void fields_text(unsigned f, char *buf, size_t len)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{NOMEN_DIFF_NAME, "name"},
                 {NOMEN_DIFF_ALIASES, "aliases"},
                 {NOMEN_DIFF_DOBS, "dobs"},
                 {NOMEN_DIFF_PROGRAMS, "programs"},
                 {NOMEN_DIFF_TYPE, "type"}};
    buf[0] = '\0';
    size_t used = 0;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (f & names[k].bit) {
            int n = snprintf(buf + used, len - used, "%s%s", used ? "," : "", names[k].name);
            if (n < 0 || (size_t)n >= len - used)
                break;
            used += (size_t)n;
        }
}

/* Join a record's programmes / dates / aliases with "; ". */
enum { J_PROG, J_DOB, J_ALIAS };
static char *joined(const nomen_records *r, size_t i, int what)
{
    size_t n = what == J_PROG  ? nomen_record_program_count(r, i)
               : what == J_DOB ? nomen_record_dob_count(r, i)
                               : nomen_record_name_count(r, i);
    size_t total = 1;
    const char **v = calloc(n ? n : 1, sizeof *v);
    if (!v)
        return NULL;
    size_t m = 0;
    for (size_t k = what == J_ALIAS ? 1 : 0; k < n; k++) {
        const char *s = what == J_PROG  ? nomen_record_program(r, i, k)
                        : what == J_DOB ? nomen_record_dob(r, i, k)
                                        : nomen_record_name(r, i, k);
        v[m++] = s;
        total += strlen(s) + 2;
    }
    char *out = malloc(total);
    if (out) {
        out[0] = '\0';
        for (size_t k = 0; k < m; k++) {
            if (k)
                strcat(out, "; ");
            strcat(out, v[k]);
        }
    }
    free(v);
    return out;
}

static json_t *json_strings(const nomen_records *r, size_t i, int what)
{
    json_t *a = json_array();
    size_t n = what == J_PROG  ? nomen_record_program_count(r, i)
               : what == J_DOB ? nomen_record_dob_count(r, i)
                               : nomen_record_name_count(r, i);
    for (size_t k = what == J_ALIAS ? 1 : 0; a && k < n; k++)
        json_array_append_new(a, json_string(what == J_PROG  ? nomen_record_program(r, i, k)
                                             : what == J_DOB ? nomen_record_dob(r, i, k)
                                                             : nomen_record_name(r, i, k)));
    return a;
}

static json_t *json_side(const nomen_records *r, size_t i)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "name", json_string(nomen_record_name(r, i, 0)));
    json_object_set_new(o, "type", json_string(nomen_subject_name(nomen_record_type(r, i))));
    json_object_set_new(o, "aliases", json_strings(r, i, J_ALIAS));
    json_object_set_new(o, "dobs", json_strings(r, i, J_DOB));
    json_object_set_new(o, "programs", json_strings(r, i, J_PROG));
    const char *lo = nomen_record_listed_on(r, i);
    json_object_set_new(o, "listed_on", lo ? json_string(lo) : json_null());
    return o;
}

static json_t *json_lists(const nomen_records *r)
{
    json_t *a = json_array();
    for (size_t l = 0; a && l < nomen_records_list_count(r); l++) {
        const char *date = nomen_records_list_date(r, l), *miss = nomen_records_list_missing(r, l);
        json_array_append_new(
            a,
            json_pack("{s:s, s:s, s:s, s:o, s:I, s:o}", "list", nomen_records_list_name(r, l),
                      "format", nomen_records_list_format(r, l), "path",
                      nomen_records_list_path(r, l), "date", date ? json_string(date) : json_null(),
                      "records", (json_int_t)nomen_records_list_records(r, l), "missing_files",
                      miss ? json_string(miss) : json_null()));
    }
    return a;
}

static int write_json(FILE *fp, const nomen_diff *d, const nomen_records *o, const nomen_records *n)
{
    json_t *root = json_object(), *entries = json_array();
    if (!root || !entries) {
        json_decref(root);
        json_decref(entries);
        return -1;
    }
    char buf[128];
    fields_text(nomen_diff_compared(d), buf, sizeof buf);
    json_object_set_new(root, "old", json_lists(o));
    json_object_set_new(root, "new", json_lists(n));
    json_object_set_new(root, "compared", json_string(buf));
    json_object_set_new(root, "note", json_string(nomen_diff_note(d)));
    json_object_set_new(root, "counts",
                        json_pack("{s:I, s:I, s:I}", "added",
                                  (json_int_t)nomen_diff_count_kind(d, NOMEN_DIFF_ADDED), "removed",
                                  (json_int_t)nomen_diff_count_kind(d, NOMEN_DIFF_REMOVED),
                                  "changed",
                                  (json_int_t)nomen_diff_count_kind(d, NOMEN_DIFF_CHANGED)));
    for (size_t e = 0; e < nomen_diff_count(d); e++) {
        int kind = nomen_diff_kind(d, e);
        size_t io = nomen_diff_old(d, e), in = nomen_diff_new_record(d, e);
        const nomen_records *r = kind == NOMEN_DIFF_REMOVED ? o : n;
        size_t i = kind == NOMEN_DIFF_REMOVED ? io : in;
        json_t *x = json_object();
        json_object_set_new(x, "change", json_string(kind_name(kind)));
        json_object_set_new(x, "list",
                            json_string(nomen_records_list_name(r, nomen_record_list(r, i))));
        json_object_set_new(x, "id", json_string(nomen_record_id(r, i)));
        json_object_set_new(x, "name", json_string(nomen_record_name(r, i, 0)));
        fields_text(nomen_diff_fields(d, e), buf, sizeof buf);
        if (kind == NOMEN_DIFF_CHANGED)
            json_object_set_new(x, "fields", json_string(buf));
        if (io != SIZE_MAX)
            json_object_set_new(x, "old", json_side(o, io));
        if (in != SIZE_MAX)
            json_object_set_new(x, "new", json_side(n, in));
        json_array_append_new(entries, x);
    }
    json_object_set_new(root, "entries", entries);
    int rc = json_dumpf(root, fp, JSON_INDENT(1));
    fputc('\n', fp);
    json_decref(root);
    return rc;
}

static void write_csv(FILE *fp, const nomen_diff *d, const nomen_records *o, const nomen_records *n)
{
    fputs("change,list,id,name,fields,old_name,old_aliases,new_aliases,old_dobs,new_dobs,"
          "old_programs,new_programs\n",
          fp);
    char buf[128];
    for (size_t e = 0; e < nomen_diff_count(d); e++) {
        int kind = nomen_diff_kind(d, e);
        size_t io = nomen_diff_old(d, e), in = nomen_diff_new_record(d, e);
        const nomen_records *r = kind == NOMEN_DIFF_REMOVED ? o : n;
        size_t i = kind == NOMEN_DIFF_REMOVED ? io : in;
        fields_text(nomen_diff_fields(d, e), buf, sizeof buf);
        cli_csv_field(fp, kind_name(kind), false);
        cli_csv_field(fp, nomen_records_list_name(r, nomen_record_list(r, i)), false);
        cli_csv_field(fp, nomen_record_id(r, i), false);
        cli_csv_field(fp, nomen_record_name(r, i, 0), false);
        cli_csv_field(fp, buf, false);
        cli_csv_field(fp, io != SIZE_MAX ? nomen_record_name(o, io, 0) : "", false);
        for (int what = J_ALIAS; what >= J_PROG; what--) {
            /* aliases, then dates, then programmes: old and new each */
            int w = what;
            char *a = io != SIZE_MAX ? joined(o, io, w) : NULL;
            char *b = in != SIZE_MAX ? joined(n, in, w) : NULL;
            cli_csv_field(fp, a, false);
            cli_csv_field(fp, b, w == J_PROG);
            free(a);
            free(b);
        }
    }
}

static void write_text(FILE *fp, const nomen_diff *d, const nomen_records *o,
                       const nomen_records *n)
{
    for (int s = 0; s < 2; s++) {
        const nomen_records *r = s ? n : o;
        for (size_t l = 0; l < nomen_records_list_count(r); l++) {
            const char *date = nomen_records_list_date(r, l),
                       *miss = nomen_records_list_missing(r, l);
            fprintf(fp, "%s: %s %s (%s), %zu records%s%s\n", s ? "new" : "old",
                    nomen_records_list_name(r, l), nomen_records_list_path(r, l),
                    date ? date : "no date", nomen_records_list_records(r, l),
                    miss ? "; missing " : "", miss ? miss : "");
        }
    }
    char buf[128];
    fields_text(nomen_diff_compared(d), buf, sizeof buf);
    fprintf(fp, "compared: %s\n", buf);
    if (nomen_diff_note(d)[0])
        fprintf(fp, "note: %s\n", nomen_diff_note(d));
    fprintf(fp, "%zu added, %zu removed, %zu changed\n", nomen_diff_count_kind(d, NOMEN_DIFF_ADDED),
            nomen_diff_count_kind(d, NOMEN_DIFF_REMOVED),
            nomen_diff_count_kind(d, NOMEN_DIFF_CHANGED));
    for (size_t e = 0; e < nomen_diff_count(d); e++) {
        int kind = nomen_diff_kind(d, e);
        size_t io = nomen_diff_old(d, e), in = nomen_diff_new_record(d, e);
        const nomen_records *r = kind == NOMEN_DIFF_REMOVED ? o : n;
        size_t i = kind == NOMEN_DIFF_REMOVED ? io : in;
        fprintf(fp, "%c %s %s",
                kind == NOMEN_DIFF_ADDED     ? '+'
                : kind == NOMEN_DIFF_REMOVED ? '-'
                                             : '~',
                nomen_record_id(r, i), nomen_record_name(r, i, 0));
        if (kind == NOMEN_DIFF_CHANGED) {
            fields_text(nomen_diff_fields(d, e), buf, sizeof buf);
            fprintf(fp, " [%s]", buf);
            if (nomen_diff_fields(d, e) & NOMEN_DIFF_NAME)
                fprintf(fp, " was \"%s\"", nomen_record_name(o, io, 0));
            if (nomen_diff_fields(d, e) & NOMEN_DIFF_PROGRAMS) {
                char *a = joined(o, io, J_PROG), *b = joined(n, in, J_PROG);
                fprintf(fp, " programs %s -> %s", a ? a : "", b ? b : "");
                free(a);
                free(b);
            }
            if (nomen_diff_fields(d, e) & NOMEN_DIFF_DOBS) {
                char *a = joined(o, io, J_DOB), *b = joined(n, in, J_DOB);
                fprintf(fp, " dobs %s -> %s", a ? a : "", b ? b : "");
                free(a);
                free(b);
            }
        }
        fputc('\n', fp);
    }
}

int cli_cmd_diff(int argc, char **argv)
{
    const char *paths[2] = {NULL, NULL}, *format = "text", *output = NULL;
    bool strict = false;
    size_t np = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(cli_usage_diff, stdout);
            return 0;
        } else if ((strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0) && i + 1 < argc) {
            format = argv[++i];
        } else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc) {
            output = argv[++i];
        } else if (strcmp(a, "--strict") == 0) {
            strict = true;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "nomen: diff: unknown or incomplete option '%s'\n\n%s", a,
                    cli_usage_diff);
            return CLI_EXIT_ERROR;
        } else if (np < 2) {
            paths[np++] = a;
        } else {
            fprintf(stderr, "nomen: diff takes two snapshots\n\n%s", cli_usage_diff);
            return CLI_EXIT_ERROR;
        }
    }
    if (np != 2) {
        fprintf(stderr, "nomen: diff needs OLD and NEW\n\n%s", cli_usage_diff);
        return CLI_EXIT_ERROR;
    }
    if (strcmp(format, "text") && strcmp(format, "csv") && strcmp(format, "json")) {
        fprintf(stderr, "nomen: diff: unknown format '%s' (text, csv or json)\n", format);
        return CLI_EXIT_ERROR;
    }
    int status = CLI_EXIT_ERROR;
    nomen_records *o = load_set(paths[0], strict), *n = o ? load_set(paths[1], strict) : NULL;
    nomen_diff *d = NULL;
    FILE *fp = stdout;
    if (!o || !n)
        goto done;
    if (nomen_diff_new(o, n, &d) != NOMEN_OK) {
        fprintf(stderr, "nomen: out of memory\n");
        goto done;
    }
    if (nomen_diff_note(d)[0])
        fprintf(stderr, "nomen: note: %s\n", nomen_diff_note(d));
    if (output && !(fp = fopen(output, "w"))) {
        fprintf(stderr, "nomen: cannot write %s: %s\n", output, strerror(errno));
        fp = stdout;
        goto done;
    }
    if (strcmp(format, "json") == 0) {
        if (write_json(fp, d, o, n) != 0)
            goto done;
    } else if (strcmp(format, "csv") == 0) {
        write_csv(fp, d, o, n);
    } else {
        write_text(fp, d, o, n);
    }
    status = fflush(fp) == 0 && !ferror(fp) ? 0 : CLI_EXIT_ERROR;
    if (status)
        fprintf(stderr, "nomen: write error\n");
done:
    if (fp != stdout && fclose(fp) != 0)
        status = CLI_EXIT_ERROR;
    nomen_diff_free(d);
    nomen_records_free(n);
    nomen_records_free(o);
    return status;
}

/* ---- screen --changes --------------------------------------------------- */

bool cli_has_changes(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--changes") == 0)
            return true;
    return false;
}

/* The rescreen's hits into a cli_result (the matcher's strings live only
 * until the next screen). */
static bool copy_hits(const nomen_rescreen *rs, cli_result *r, bool explain)
{
    const nomen_matcher *m = nomen_rescreen_matcher(rs);
    size_t n = nomen_rescreen_hit_count(rs);
    if (!n)
        return true;
    r->hits = calloc(n, sizeof *r->hits);
    if (!r->hits)
        return false;
    r->nhits = n;
    for (size_t j = 0; j < n; j++)
        if (!cli_copy_hit(m, nomen_rescreen_hit(rs, j), explain, &r->hits[j]))
            return false;
    return true;
}

static int screen_query(nomen_rescreen *rs, const cli_opts *o, const cli_query *cq, cli_result *r)
{
    nomen_query q;
    nomen_query_init(&q);
    q.name = cq->name;
    q.name_len = strlen(cq->name);
    const char *dob = cq->dob ? cq->dob : o->dob;
    const char *country = cq->country ? cq->country : o->country;
    int type = cq->type >= 0 ? cq->type : o->type;
    if (dob) {
        q.dob = dob;
        q.dob_len = strlen(dob);
    }
    if (country) {
        q.country = country;
        q.country_len = strlen(country);
    }
    q.type = type >= 0 ? type : NOMEN_SUBJECT_ANY;
    int rc = nomen_rescreen_screen(rs, &q);
    if (rc != NOMEN_OK) {
        fprintf(stderr, "nomen: %s: %s\n", cq->name,
                nomen_matcher_errmsg(nomen_rescreen_matcher(rs)));
        return rc;
    }
    return copy_hits(rs, r, o->explain) ? NOMEN_OK : NOMEN_ERR_NOMEM;
}

/* Whether a customer id is among the candidates (sorted by strcmp). */
static bool is_candidate(const nomen_rescreen *rs, const char *id)
{
    size_t lo = 0, hi = nomen_rescreen_candidate_count(rs);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(nomen_rescreen_candidate(rs, mid), id);
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

int cli_cmd_screen_changes(int argc, char **argv)
{
    /* Take --changes OLD NEW out; the rest are nomen screen's options. */
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    const char *oldp = NULL, *newp = NULL, *cust_path = NULL;
    int nrest = 0;
    if (!rest) {
        fprintf(stderr, "nomen: out of memory\n");
        return CLI_EXIT_ERROR;
    }
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--changes") == 0) {
            if (i + 2 >= argc || oldp) {
                fprintf(stderr, "nomen: --changes needs OLD and NEW (given once)\n");
                free(rest);
                return CLI_EXIT_ERROR;
            }
            oldp = argv[++i];
            newp = argv[++i];
        } else if (strcmp(argv[i], "--customer-index") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "nomen: --customer-index needs a FILE\n");
                free(rest);
                return CLI_EXIT_ERROR;
            }
            cust_path = argv[++i];
        } else {
            rest[nrest++] = argv[i];
        }
    }
    cli_opts o;
    char err[512];
    if (cli_parse(CLI_CMD_SCREEN, nrest, rest, &o, err, sizeof err) < 0) {
        fprintf(stderr, "nomen: %s\n", err);
        free(rest);
        return CLI_EXIT_ERROR;
    }
    int status = CLI_EXIT_ERROR;
    nomen_records *ro = NULL, *rn = NULL;
    nomen_diff *d = NULL;
    nomen_index *full = NULL;
    nomen_rescreen *rs = NULL;
    nomen_index *cix = NULL;
    FILE *in = NULL, *out = stdout;
    cli_reader *reader = NULL;
    cli_writer w;
    bool writer_open = false;
    if (o.nlists || o.index_path) {
        fprintf(stderr, "nomen: --changes screens against the NEW snapshot: drop --list and "
                        "--index\n");
        goto done;
    }
    if (!(ro = load_set(oldp, o.strict)) || !(rn = load_set(newp, o.strict)))
        goto done;
    if (nomen_diff_new(ro, rn, &d) != NOMEN_OK) {
        fprintf(stderr, "nomen: out of memory\n");
        goto done;
    }
    if (nomen_diff_note(d)[0] && !o.quiet)
        fprintf(stderr, "nomen: note: %s\n", nomen_diff_note(d));
    size_t nadd = nomen_diff_count_kind(d, NOMEN_DIFF_ADDED),
           nchg = nomen_diff_count_kind(d, NOMEN_DIFF_CHANGED);
    if (!o.quiet)
        fprintf(stderr, "nomen: screening against %zu added and %zu changed subjects\n", nadd,
                nchg);
    int rc = nomen_records_index(rn, NULL, 0, &full);
    nomen_options opt;
    nomen_options_init(&opt);
    if (o.threshold_set)
        opt.threshold = o.threshold;
    if (o.limit_set)
        opt.limit = o.limit;
    opt.explain = o.explain;
    if (!rc && nadd + nchg == 0) {
        /* Nothing to screen against: no query can hit. */
        status = CLI_EXIT_NO_HIT;
    } else if (!rc && (rc = nomen_rescreen_new(full, d, &opt, &rs)) == NOMEN_OK) {
        status = CLI_EXIT_NO_HIT;
    }
    if (rc) {
        fprintf(stderr, "nomen: cannot build the index of changes: %s\n", nomen_status_str(rc));
        status = CLI_EXIT_ERROR;
        goto done;
    }
    if (cust_path && rs) {
        /* The customers near a changed subject, found from the changes'
         * side; the others are not screened at all. */
        char msg[512] = "";
        rc = nomen_index_load(cust_path, &cix, msg, sizeof msg);
        if (!rc)
            rc = nomen_rescreen_candidates(rs, cix);
        if (rc) {
            cli_report("cannot use the customer index", cust_path,
                       msg[0] ? msg : nomen_status_str(rc));
            status = CLI_EXIT_ERROR;
            goto done;
        }
        if (!o.quiet)
            fprintf(stderr, "nomen: %zu customers of %s are near a changed subject\n",
                    nomen_rescreen_candidate_count(rs), cust_path);
    }
    if (o.input) {
        in = strcmp(o.input, "-") == 0 ? stdin : fopen(o.input, "rb");
        if (!in) {
            fprintf(stderr, "nomen: cannot open input %s: %s\n", o.input, strerror(errno));
            status = CLI_EXIT_ERROR;
            goto done;
        }
        if (cli_reader_open(&reader, in, o.input, CLI_IN_AUTO, err, sizeof err) < 0) {
            fprintf(stderr, "nomen: %s\n", err);
            status = CLI_EXIT_ERROR;
            goto done;
        }
    }
    if (o.output && !(out = fopen(o.output, "w"))) {
        fprintf(stderr, "nomen: cannot write %s: %s\n", o.output, strerror(errno));
        out = stdout;
        status = CLI_EXIT_ERROR;
        goto done;
    }
    int format = o.out_format == CLI_OUT_AUTO ? CLI_OUT_JSONL : o.out_format;
    if (cli_writer_begin(&w, out, format, o.explain) < 0) {
        fprintf(stderr, "nomen: %s\n", w.err);
        status = CLI_EXIT_ERROR;
        goto done;
    }
    writer_open = true;
    cli_query q = {0};
    q.type = -1;
    size_t next_name = 0;
    for (;;) {
        int got;
        if (next_name < o.nnames) {
            cli_query_clear(&q);
            char id[32];
            snprintf(id, sizeof id, "%zu", next_name + 1);
            q.id = cli_strndup(id, strlen(id));
            q.name = cli_strndup(o.names[next_name], strlen(o.names[next_name]));
            q.type = -1;
            next_name++;
            got = q.id && q.name ? 1 : -1;
        } else if (reader) {
            got = cli_reader_next(reader, &q, err, sizeof err);
            if (got < 0)
                fprintf(stderr, "nomen: %s\n", err);
        } else {
            got = 0;
        }
        if (got <= 0) {
            if (got < 0)
                status = CLI_EXIT_ERROR;
            break;
        }
        cli_result r = {0};
        if (rs && (!cix || is_candidate(rs, q.id)) && screen_query(rs, &o, &q, &r) != NOMEN_OK) {
            cli_result_clear(&r);
            status = CLI_EXIT_ERROR;
            break;
        }
        if (r.nhits && status == CLI_EXIT_NO_HIT)
            status = CLI_EXIT_HIT;
        int wrc = cli_writer_put(&w, &q, &r);
        cli_result_clear(&r);
        if (wrc < 0) {
            fprintf(stderr, "nomen: %s\n", w.err);
            status = CLI_EXIT_ERROR;
            break;
        }
    }
    cli_query_clear(&q);
done:
    if (writer_open && cli_writer_end(&w) < 0) {
        fprintf(stderr, "nomen: %s\n", w.err);
        status = CLI_EXIT_ERROR;
    }
    if (rs && !o.quiet)
        fprintf(stderr, "nomen: %zu queries went on to the full list\n",
                nomen_rescreen_confirmed(rs));
    if (out != stdout && fclose(out) != 0)
        status = CLI_EXIT_ERROR;
    cli_reader_close(reader);
    if (in && in != stdin)
        fclose(in);
    nomen_rescreen_free(rs);
    nomen_index_free(cix);
    nomen_index_free(full);
    nomen_diff_free(d);
    nomen_records_free(rn);
    nomen_records_free(ro);
    cli_opts_free(&o);
    free(rest);
    return status;
}
