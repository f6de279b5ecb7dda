/*
 * cli_args.c: the options of the nomen subcommands.
 *
 * One table of options, each marked with the subcommands that accept it, so
 * that `nomen index build --threshold 0.9` is refused by name rather than
 * ignored. Options may come before or after the names, as `--opt value` or
 * `--opt=value`; `--` ends them. Every value is checked here, with a message
 * that says what was expected, so that the command never starts a long batch
 * with a bad option.
 */
#include "cli.h"

#include <nomen.h>

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum {
    O_LIST,
    O_LIST_FORMAT,
    O_INDEX,
    O_THRESHOLD,
    O_LIMIT,
    O_DOB,
    O_COUNTRY,
    O_TYPE,
    O_EXPLAIN,
    O_FORMAT,
    O_INPUT,
    O_OUTPUT,
    O_THREADS,
    O_STRICT,
    O_QUIET,
    O_HELP
};

#define S (1u << CLI_CMD_SCREEN)
#define E (1u << CLI_CMD_EXPLAIN)
#define B (1u << CLI_CMD_INDEX_BUILD)
#define I (1u << CLI_CMD_INDEX_INFO)

static const struct opt {
    const char *name;
    char short_name;
    bool arg;
    int id;
    unsigned commands;
} opts[] = {
    {"list", 'l', true, O_LIST, S | E | B}, {"format-of-list", 0, true, O_LIST_FORMAT, S | E | B},
    {"index", 0, true, O_INDEX, S | E},     {"threshold", 't', true, O_THRESHOLD, S | E},
    {"limit", 'k', true, O_LIMIT, S | E},   {"dob", 0, true, O_DOB, S | E},
    {"country", 0, true, O_COUNTRY, S | E}, {"type", 0, true, O_TYPE, S | E},
    {"explain", 0, false, O_EXPLAIN, S},    {"format", 'f', true, O_FORMAT, S},
    {"input", 'i', true, O_INPUT, S},       {"output", 'o', true, O_OUTPUT, S | B},
    {"threads", 'j', true, O_THREADS, S},   {"strict", 0, false, O_STRICT, S | E | B},
    {"quiet", 'q', false, O_QUIET, S},      {"help", 'h', false, O_HELP, S | E | B | I},
};

/* The list formats nomen_builder_add_path knows (nomen.h). */
static const char *const list_formats[] = {"ofac-csv", "ofac-xml",    "ofac-enhanced",
                                           "uk-csv",   "eu-xml",      "ca-xml",
                                           "un-xml",   "generic-csv", "generic-jsonl"};

static const char *command_name(int command)
{
    switch (command) {
    case CLI_CMD_SCREEN:
        return "screen";
    case CLI_CMD_EXPLAIN:
        return "explain";
    case CLI_CMD_INDEX_BUILD:
        return "index build";
    default:
        return "index info";
    }
}

static int error(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int error(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

static int add(void *arrp, size_t *n, size_t size, const void *item)
{
    void **arr = arrp;
    void *p = realloc(*arr, (*n + 1) * size);
    if (!p)
        return -1;
    memcpy((char *)p + *n * size, item, size);
    *arr = p;
    (*n)++;
    return 0;
}

static int apply(int command, const struct opt *op, const char *val, cli_opts *o,
                 const char **list_format, bool *format_pending, char *err, size_t errlen)
{
    const char *flag = op->name;
    switch (op->id) {
    case O_LIST: {
        cli_list_arg la = {val, *list_format};
        if (!*val)
            return error(err, errlen, "--%s: empty path", flag);
        if (add(&o->lists, &o->nlists, sizeof la, &la) < 0)
            return error(err, errlen, "out of memory");
        *format_pending = false;
        return 0;
    }
    case O_LIST_FORMAT:
        if (strcmp(val, "auto") == 0) {
            *list_format = NULL;
        } else {
            size_t i = 0, n = sizeof list_formats / sizeof list_formats[0];
            while (i < n && strcmp(val, list_formats[i]) != 0)
                i++;
            if (i == n)
                return error(err, errlen,
                             "--format-of-list: unknown list format '%s' (expected auto, "
                             "ofac-csv, ofac-xml, ofac-enhanced, uk-csv, eu-xml, ca-xml, un-xml, "
                             "generic-csv or generic-jsonl)",
                             val);
            *list_format = list_formats[i];
        }
        *format_pending = true;
        return 0;
    case O_INDEX:
        if (o->index_path)
            return error(err, errlen, "--index given twice");
        o->index_path = val;
        return 0;
    case O_THRESHOLD: {
        char *end;
        errno = 0;
        double t = strtod(val, &end);
        if (!*val || *end || errno || !(t >= 0.0 && t <= 1.0))
            return error(err, errlen, "--threshold: '%s' is not a number between 0 and 1", val);
        o->threshold = t;
        o->threshold_set = true;
        return 0;
    }
    case O_LIMIT:
        if (cli_parse_size(val, 1000000, &o->limit) < 0)
            return error(err, errlen,
                         "--limit: '%s' is not a whole number from 0 (no limit) to 1000000", val);
        o->limit_set = true;
        return 0;
    case O_DOB:
        if (!cli_dob_valid(val))
            return error(err, errlen, "--dob: '%s' is not YYYY, YYYY-MM or YYYY-MM-DD", val);
        o->dob = val;
        return 0;
    case O_COUNTRY:
        if (!*val)
            return error(err, errlen, "--country: empty value");
        o->country = val;
        return 0;
    case O_TYPE:
        o->type = cli_subject_from_name(val);
        if (o->type < 0 || !*val)
            return error(err, errlen,
                         "--type: '%s' is not individual, entity, vessel, aircraft or any", val);
        return 0;
    case O_EXPLAIN:
        o->explain = true;
        return 0;
    case O_FORMAT:
        o->out_format = cli_out_format_from_name(val);
        if (o->out_format < 0)
            return error(err, errlen, "--format: '%s' is not table, json, jsonl or csv", val);
        return 0;
    case O_INPUT:
        if (o->input)
            return error(err, errlen, "--input given twice (one batch per run)");
        if (!*val)
            return error(err, errlen, "--input: empty path");
        o->input = val;
        return 0;
    case O_OUTPUT:
        if (!*val)
            return error(err, errlen, "--output: empty path");
        o->output = val;
        return 0;
    case O_THREADS: {
        size_t n;
        if (cli_parse_size(val, CLI_MAX_THREADS, &n) < 0 || n == 0)
            return error(err, errlen, "--threads: '%s' is not a whole number from 1 to %d", val,
                         CLI_MAX_THREADS);
        o->threads = (unsigned)n;
        return 0;
    }
    case O_STRICT:
        o->strict = true;
        return 0;
    case O_QUIET:
        o->quiet = true;
        return 0;
    case O_HELP:
        o->help = true;
        return 0;
    default:
        (void)command;
        return error(err, errlen, "internal error: unknown option");
    }
}

int cli_parse(int command, int argc, char **argv, cli_opts *o, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    o->command = command;
    o->type = -1;
    o->threads = 1;
    o->out_format = CLI_OUT_AUTO;
    const char *list_format = NULL;
    bool format_pending = false, options_done = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || strcmp(a, "-") == 0) {
            if (add(&o->names, &o->nnames, sizeof a, &a) < 0)
                return error(err, errlen, "out of memory");
            continue;
        }
        if (strcmp(a, "--") == 0) {
            options_done = true;
            continue;
        }
        const struct opt *op = NULL;
        const char *val = NULL;
        if (a[1] == '-') {
            const char *name = a + 2, *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++)
                if (strlen(opts[k].name) == len && strncmp(opts[k].name, name, len) == 0)
                    op = &opts[k];
            if (!op)
                return error(err, errlen, "unknown option '%s' (see nomen %s --help)", a,
                             command_name(command));
            if (eq) {
                if (!op->arg)
                    return error(err, errlen, "option --%s takes no value", op->name);
                val = eq + 1;
            }
        } else {
            for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++)
                if (opts[k].short_name && opts[k].short_name == a[1])
                    op = &opts[k];
            if (!op || a[2] != '\0')
                return error(err, errlen, "unknown option '%s' (see nomen %s --help)", a,
                             command_name(command));
        }
        if (!(op->commands & (1u << command)))
            return error(err, errlen, "option --%s does not apply to nomen %s", op->name,
                         command_name(command));
        if (op->arg && !val) {
            if (i + 1 >= argc)
                return error(err, errlen, "option --%s needs a value", op->name);
            val = argv[++i];
        }
        if (apply(command, op, val, o, &list_format, &format_pending, err, errlen) < 0)
            return -1;
    }
    if (o->help)
        return 0;
    if (format_pending)
        return error(err, errlen,
                     "--format-of-list applies to the --list options after it, and none "
                     "follows");
    switch (command) {
    case CLI_CMD_SCREEN:
    case CLI_CMD_EXPLAIN:
        if (o->index_path && o->nlists)
            return error(err, errlen,
                         "--index and --list exclude each other (an index already holds its "
                         "lists)");
        if (command == CLI_CMD_SCREEN && o->nnames == 0 && !o->input)
            return error(err, errlen,
                         "nothing to screen: give names, or --input FILE (- for standard "
                         "input)");
        if (command == CLI_CMD_EXPLAIN && o->nnames == 0)
            return error(err, errlen, "nomen explain needs a name");
        for (size_t i = 0; i < o->nnames; i++) {
            size_t len = strlen(o->names[i]);
            if (len == 0)
                return error(err, errlen, "an empty name cannot be screened");
            if (len > NOMEN_NAME_MAX_BYTES)
                return error(err, errlen, "name %zu is longer than %d bytes", i + 1,
                             NOMEN_NAME_MAX_BYTES);
            if (cli_utf8_check(o->names[i], len) != len)
                return error(err, errlen, "name %zu is not valid UTF-8 (byte %zu)", i + 1,
                             cli_utf8_check(o->names[i], len));
        }
        break;
    case CLI_CMD_INDEX_BUILD:
        if (o->nnames)
            return error(err, errlen, "unexpected argument '%s' (lists are given with --list)",
                         o->names[0]);
        if (!o->output)
            return error(err, errlen, "nomen index build needs -o FILE");
        break;
    case CLI_CMD_INDEX_INFO:
        if (o->nnames != 1)
            return error(err, errlen, "nomen index info takes one index file");
        break;
    default:
        break;
    }
    return 0;
}

void cli_opts_free(cli_opts *o)
{
    free(o->lists);
    free(o->names);
    o->lists = NULL;
    o->names = NULL;
    o->nlists = o->nnames = 0;
}
