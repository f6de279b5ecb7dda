/*
 * cli.h: the pieces of the nomen command that do not screen.
 *
 * The command is split so that everything except screening itself can be
 * built and tested without the library: option parsing (cli_args.c), the
 * batch input reader (cli_input.c), the output writers and the explanation
 * renderer (cli_output.c), and small text helpers (cli_text.c). Only
 * cli_screen.c and main.c call into libnomen; these files use nomen.h for its
 * constants alone.
 */
#ifndef NOMEN_CLI_H
#define NOMEN_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- text (cli_text.c) ---------------------------------------------------- */

/* The offset of the first byte that is not part of well-formed UTF-8 (no
 * overlongs, no surrogates, nothing above U+10FFFF), or len when all is. */
size_t cli_utf8_check(const char *s, size_t len);
/* Terminal columns taken by a UTF-8 string: East Asian wide characters count
 * two, combining marks and controls none, everything else one. */
size_t cli_display_width(const char *s);
/* Parse a whole decimal string as an unsigned integer no larger than max.
 * Returns 0 on success, -1 otherwise. */
int cli_parse_size(const char *s, size_t max, size_t *out);
/* A subject type name ("individual", "entity", "vessel", "aircraft", "any",
 * case-insensitive; "" is "any") to NOMEN_SUBJECT_*, or -1. */
int cli_subject_from_name(const char *s);
/* A date of birth as the library takes it: YYYY, YYYY-MM or YYYY-MM-DD. */
bool cli_dob_valid(const char *s);
/* Print "nomen: WHAT PATH: MSG" on stderr, or "nomen: WHAT MSG" when MSG
 * already starts with PATH (the library's messages name their file). */
void cli_report(const char *what, const char *path, const char *msg);
/* strdup of (s, len), NUL-terminated; NULL when out of memory. */
char *cli_strndup(const char *s, size_t len);

/* ---- queries -------------------------------------------------------------- */

typedef struct cli_query {
    char *id;           /* the caller's identifier (never NULL once read) */
    char *name;         /* the name to screen (never NULL once read) */
    char *dob;          /* NULL when not given */
    char *country;      /* NULL when not given */
    int type;           /* NOMEN_SUBJECT_*; -1 when not given */
    unsigned long line; /* line of the record in the input; 0 for arguments */
} cli_query;

/* Free the strings and reset to empty. */
void cli_query_clear(cli_query *q);

/* ---- batch input (cli_input.c) ---------------------------------------------- */

enum { CLI_IN_AUTO = 0, CLI_IN_CSV = 1, CLI_IN_JSONL = 2 };

/* The longest input record (CSV row or JSON line), in bytes. A longer one is
 * an error: real names are short, and the bound keeps a runaway quote or a
 * binary file from eating memory. */
#define CLI_MAX_RECORD ((size_t)1 << 20)

typedef struct cli_reader cli_reader;

/* Start reading fp (not closed by the reader). name is used in messages
 * ("payments.csv:12:5: ..."). format is CLI_IN_* ; CLI_IN_AUTO detects it from
 * the file name (.jsonl/.ndjson/.json vs .csv) and else from the first
 * non-blank byte ('{' is JSON Lines). For CSV the header is read here.
 * Returns 0, or -1 with the message in err. */
int cli_reader_open(cli_reader **out, FILE *fp, const char *name, int format, char *err,
                    size_t errlen);
/* The next record: 1 when q was filled (the caller clears it), 0 at the end,
 * -1 on an error (message in err, "name:line:col: what"). After an error the
 * reader stays at the end. */
int cli_reader_next(cli_reader *r, cli_query *q, char *err, size_t errlen);
/* The detected format (CLI_IN_CSV or CLI_IN_JSONL) and the bytes read so far. */
int cli_reader_format(const cli_reader *r);
uint64_t cli_reader_bytes(const cli_reader *r);
void cli_reader_close(cli_reader *r);

/* ---- results -------------------------------------------------------------- */

typedef struct cli_hit {
    char *entity_id;
    char *list;
    char *name;
    char *matched_name;
    double score;
    int type;
    char **programs;
    size_t nprograms;
    char *explain; /* the library's JSON object as text; NULL without --explain */
} cli_hit;

typedef struct cli_result {
    cli_hit *hits;
    size_t nhits;
} cli_result;

void cli_result_clear(cli_result *r);

/* ---- output (cli_output.c) -------------------------------------------------- */

enum { CLI_OUT_AUTO = 0, CLI_OUT_TABLE, CLI_OUT_JSON, CLI_OUT_JSONL, CLI_OUT_CSV };

/* "table", "json", "jsonl", "csv" to CLI_OUT_*, or -1. */
int cli_out_format_from_name(const char *s);

typedef struct cli_writer {
    FILE *fp;
    int format;   /* CLI_OUT_TABLE ... CLI_OUT_CSV */
    bool explain; /* write the explanation of each hit */
    size_t count; /* results written */
    char err[256];
} cli_writer;

/* Each returns 0, or -1 with the reason in w->err (a write error, or an
 * explanation that is not a JSON object). */
int cli_writer_begin(cli_writer *w, FILE *fp, int format, bool explain);
int cli_writer_put(cli_writer *w, const cli_query *q, const cli_result *r);
/* Closes the JSON array and flushes; checks the stream for write errors. */
int cli_writer_end(cli_writer *w);

/* Render an explanation (a JSON object as text) as indented "key: value"
 * lines, each prefixed by indent spaces. Returns 0, or -1 when the text is
 * not JSON. */
int cli_explain_render(FILE *fp, const char *json, int indent);
/* Round a score to 4 decimals, the precision every output format shows. */
double cli_round4(double score);

/* ---- options (cli_args.c) ------------------------------------------------ */

enum { CLI_CMD_SCREEN = 1, CLI_CMD_EXPLAIN = 2, CLI_CMD_INDEX_BUILD = 3, CLI_CMD_INDEX_INFO = 4 };

typedef struct cli_list_arg {
    const char *path;
    const char *format; /* NULL: detected */
} cli_list_arg;

typedef struct cli_opts {
    int command;
    cli_list_arg *lists;
    size_t nlists;
    const char *index_path; /* --index */
    double threshold;
    bool threshold_set;
    size_t limit;
    bool limit_set;
    const char *dob;
    const char *country;
    int type; /* -1 when not given */
    bool explain;
    int out_format; /* CLI_OUT_*; CLI_OUT_AUTO when not given */
    const char *input;
    const char *output;
    unsigned threads;
    bool strict;
    bool quiet;
    bool help;
    const char **names; /* positional arguments */
    size_t nnames;
} cli_opts;

/* The most worker threads --threads accepts. */
#define CLI_MAX_THREADS 256

/* Parse the arguments after the command word(s) (argv[0] is the first
 * option or name). Returns 0, or -1 with a message for the user in err. The
 * strings stay in argv; lists and names are malloc'ed (cli_opts_free). */
int cli_parse(int command, int argc, char **argv, cli_opts *o, char *err, size_t errlen);
void cli_opts_free(cli_opts *o);

#endif /* NOMEN_CLI_H */
