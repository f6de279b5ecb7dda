/*
 * main.c: the nomen command: subcommand dispatch, help texts, `index build`,
 * `index info`, `explain` and `version`. Screening itself is in
 * cli_screen.c; everything here goes through the public API in <nomen.h>.
 *
 * Exit statuses follow grep, so that scripts can branch on them: 0 when no
 * query hit, 1 when at least one did, 2 on any error.
 */
#define _POSIX_C_SOURCE 200809L

#include "cli_coord.h"
#include "cli_lib.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_main[] =
    "Usage: nomen COMMAND [OPTIONS]\n"
    "\n"
    "Screen names against sanctions lists (OFAC, UK, EU, Canada, UN), across\n"
    "scripts and romanizations.\n"
    "\n"
    "Commands:\n"
    "  screen [OPTIONS] [NAME...]   screen names (and/or a batch file) against lists\n"
    "  explain NAME [OPTIONS]       why the best hits of a name scored what they scored\n"
    "  index build [OPTIONS] -o FILE  build an index from lists and save it\n"
    "  index info FILE              what a saved index holds (lists, dates, checksums)\n"
    "  compare LIST...              who is listed where: subjects resolved across lists\n"
    "  diff OLD NEW                 additions, removals and changes between two snapshots\n"
    "  screen --changes OLD NEW ... screen against only what changed between snapshots\n"
    "  version                      versions of nomen, Unicode and ICU\n"
    "  help [COMMAND]               this text, or a command's options\n"
    "\n"
    "Without --list (or --index) the built-in sample list is used.\n"
    "Exit status: 0 no hit, 1 at least one hit, 2 error.\n"
    "Example: nomen screen \"Chen Guanguo\"\n";

static const char usage_screen[] =
    "Usage: nomen screen [OPTIONS] [NAME...]\n"
    "\n"
    "Screen each NAME, and each record of --input, against the lists.\n"
    "\n"
    "Lists:\n"
    "  -l, --list PATH           a list file or an official set folder (repeatable);\n"
    "                            default: the built-in sample list\n"
    "      --format-of-list FMT  the format of the --list options that follow: auto (default),\n"
    "                            ofac-csv, ofac-xml, ofac-enhanced, uk-csv, eu-xml, ca-xml,\n"
    "                            un-xml, generic-csv, generic-jsonl\n"
    "      --index FILE          screen against a saved index (nomen index build) instead\n"
    "      --changes OLD NEW     screen against only the subjects added or changed between\n"
    "                            two snapshots of a list (instead of --list; single thread)\n"
    "      --customer-index FILE with --changes: an index of the --input customers (nomen\n"
    "                            index build --format-of-list generic-csv -l customers.csv);\n"
    "                            only the customers near a changed subject are screened\n"
    "      --strict              refuse a list with a bad record instead of skipping it\n"
    "Matching:\n"
    "  -t, --threshold T         lowest score reported, 0..1 (default 0.80)\n"
    "  -k, --limit K             most hits per name, best first (default 10; 0 = no limit)\n"
    "      --dob D               date of birth: YYYY, YYYY-MM or YYYY-MM-DD\n"
    "      --country C           country or nationality (ISO code such as CN, or a name)\n"
    "      --type T              individual, entity, vessel or aircraft\n"
    "                            (--dob, --country and --type apply to the NAMEs, and to batch\n"
    "                            records that do not give their own)\n"
    "      --explain             add the explanation of each hit\n"
    "Input and output:\n"
    "  -i, --input FILE          a batch: CSV with a header (id,name[,dob,country,type]) or\n"
    "                            JSON Lines with the same keys; - reads standard input\n"
    "  -f, --format FMT          table (default on a terminal), jsonl (default otherwise),\n"
    "                            json or csv\n"
    "  -o, --output FILE         write the results to FILE instead of standard output\n"
    "  -j, --threads N           screen with N threads (default 1); the output is the same\n"
    "  -q, --quiet               no progress bar and no throughput figures\n"
    "  -h, --help                this text\n"
    "\n"
    "Exit status: 0 no name hit, 1 at least one hit, 2 error (bad option, list or input).\n";

static const char usage_explain[] =
    "Usage: nomen explain NAME [OPTIONS]\n"
    "\n"
    "Screen NAME and show, for each of the best hits, how its score was reached:\n"
    "token pairs and how each matched, weights, date-of-birth, country and type\n"
    "evidence.\n"
    "\n"
    "Options: --list PATH, --format-of-list FMT, --index FILE, --strict,\n"
    "--threshold T, --limit K (default 3), --dob D, --country C, --type T;\n"
    "as for nomen screen.\n"
    "Exit status: 0 no hit, 1 at least one hit, 2 error.\n";

static const char usage_index[] =
    "Usage: nomen index build [--list PATH]... [--format-of-list FMT] [--strict] -o FILE\n"
    "       nomen index info FILE\n"
    "\n"
    "build  load the lists (default: the built-in sample list), build the index and\n"
    "       save it to FILE; screen against it later with nomen screen --index FILE\n"
    "info   print what a saved index holds: each list's name, format, path, date,\n"
    "       checksum and record counts, and the totals\n"
    "Exit status: 0 success, 2 error.\n";

static int usage_error(const char *msg, const char *usage)
{
    fprintf(stderr, "nomen: %s\n\n%s", msg, usage);
    return CLI_EXIT_ERROR;
}

/* Parse a subcommand's options. Returns true when the command should run;
 * otherwise *status is set (0 after --help, 2 after a usage error) and o is
 * freed. */
static bool parse_opts(int command, int argc, char **argv, cli_opts *o, const char *usage,
                       int *status)
{
    char err[512];
    if (cli_parse(command, argc, argv, o, err, sizeof err) < 0) {
        cli_opts_free(o);
        *status = usage_error(err, usage);
        return false;
    }
    if (o->help) {
        fputs(usage, stdout);
        cli_opts_free(o);
        *status = 0;
        return false;
    }
    return true;
}

static int cmd_version(void)
{
    printf("nomen %s (library %s)\n", NOMEN_VERSION_STRING, nomen_version_string());
    printf("Unicode %s, ICU %s\n", nomen_unicode_version(), nomen_icu_version());
    return 0;
}

static int cmd_screen(int command, int argc, char **argv)
{
    const char *usage = command == CLI_CMD_SCREEN ? usage_screen : usage_explain;
    cli_opts o;
    int status;
    if (!parse_opts(command, argc, argv, &o, usage, &status))
        return status;
    int format = o.out_format;
    if (command == CLI_CMD_EXPLAIN) {
        /* explain is a screen with explanations, rendered as text. */
        o.explain = true;
        format = CLI_OUT_TABLE;
        if (!o.limit_set) {
            o.limit = 3;
            o.limit_set = true;
        }
        o.quiet = true;
    } else if (format == CLI_OUT_AUTO) {
        format = !o.output && isatty(STDOUT_FILENO) ? CLI_OUT_TABLE : CLI_OUT_JSONL;
    }
    /* Loading lists takes a while: say first that the batch is missing. */
    if (o.input && strcmp(o.input, "-") != 0) {
        FILE *f = fopen(o.input, "rb");
        if (!f) {
            fprintf(stderr, "nomen: cannot open input %s: %s\n", o.input, strerror(errno));
            cli_opts_free(&o);
            return CLI_EXIT_ERROR;
        }
        fclose(f);
    }
    nomen_index *ix = NULL;
    status = CLI_EXIT_ERROR;
    if (cli_open_index(&o, &ix, o.quiet) == 0)
        status = cli_screen_run(&o, ix, format);
    nomen_index_free(ix);
    cli_opts_free(&o);
    return status;
}

static int cmd_index_build(int argc, char **argv)
{
    cli_opts o;
    int status;
    if (!parse_opts(CLI_CMD_INDEX_BUILD, argc, argv, &o, usage_index, &status))
        return status;
    nomen_index *ix = NULL;
    status = CLI_EXIT_ERROR;
    if (cli_open_index(&o, &ix, false) == 0) {
        char msg[512] = "";
        int rc = nomen_index_save(ix, o.output, msg, sizeof msg);
        if (rc == NOMEN_OK) {
            fprintf(stderr, "nomen: wrote %s: %zu records, %zu names, %zu list%s\n", o.output,
                    nomen_index_record_count(ix), nomen_index_name_count(ix),
                    nomen_index_list_count(ix), nomen_index_list_count(ix) == 1 ? "" : "s");
            status = 0;
        } else {
            cli_report("cannot save the index to", o.output, msg[0] ? msg : nomen_status_str(rc));
        }
    }
    nomen_index_free(ix);
    cli_opts_free(&o);
    return status;
}

static const char *or_dash(const char *s)
{
    return s && *s ? s : "-";
}

static int cmd_index_info(int argc, char **argv)
{
    cli_opts o;
    int status;
    if (!parse_opts(CLI_CMD_INDEX_INFO, argc, argv, &o, usage_index, &status))
        return status;
    nomen_index *ix = NULL;
    char msg[512] = "";
    const char *path = o.names[0];
    int rc = nomen_index_load(path, &ix, msg, sizeof msg);
    if (rc != NOMEN_OK) {
        cli_report("cannot load index", path, msg[0] ? msg : nomen_status_str(rc));
        cli_opts_free(&o);
        return CLI_EXIT_ERROR;
    }
    printf("index:    %s\n", path);
    printf("nomen:    %s (Unicode %s, ICU %s)\n", nomen_version_string(), nomen_unicode_version(),
           nomen_icu_version());
    printf("records:  %zu\n", nomen_index_record_count(ix));
    printf("names:    %zu\n", nomen_index_name_count(ix));
    size_t n = nomen_index_list_count(ix);
    printf("lists:    %zu\n", n);
    for (size_t i = 0; i < n; i++) {
        printf("\n  %s\n", or_dash(nomen_index_list_name(ix, i)));
        printf("    format:    %s\n", or_dash(nomen_index_list_format(ix, i)));
        printf("    path:      %s\n", or_dash(nomen_index_list_path(ix, i)));
        printf("    date:      %s\n", or_dash(nomen_index_list_date(ix, i)));
        printf("    checksum:  %s\n", or_dash(nomen_index_list_checksum(ix, i)));
        printf("    records:   %zu loaded, %zu skipped\n", nomen_index_list_records(ix, i),
               nomen_index_list_skipped(ix, i));
    }
    nomen_index_free(ix);
    cli_opts_free(&o);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "nomen: write error\n");
        return CLI_EXIT_ERROR;
    }
    return 0;
}

static bool is_help(const char *a)
{
    return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0 || strcmp(a, "help") == 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("no command given", usage_main);
    const char *cmd = argv[1];
    if (strcmp(cmd, "screen") == 0 && cli_has_changes(argc - 2, argv + 2))
        return cli_cmd_screen_changes(argc - 2, argv + 2);
    if (strcmp(cmd, "screen") == 0)
        return cmd_screen(CLI_CMD_SCREEN, argc - 2, argv + 2);
    if (strcmp(cmd, "compare") == 0)
        return cli_cmd_compare(argc - 2, argv + 2);
    if (strcmp(cmd, "diff") == 0)
        return cli_cmd_diff(argc - 2, argv + 2);
    if (strcmp(cmd, "explain") == 0)
        return cmd_screen(CLI_CMD_EXPLAIN, argc - 2, argv + 2);
    if (strcmp(cmd, "index") == 0) {
        if (argc < 3)
            return usage_error("nomen index needs build or info", usage_index);
        if (strcmp(argv[2], "build") == 0)
            return cmd_index_build(argc - 3, argv + 3);
        if (strcmp(argv[2], "info") == 0)
            return cmd_index_info(argc - 3, argv + 3);
        if (is_help(argv[2])) {
            fputs(usage_index, stdout);
            return 0;
        }
        return usage_error("nomen index needs build or info", usage_index);
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0)
        return argc == 2 ? cmd_version() : usage_error("version takes no arguments", usage_main);
    if (is_help(cmd)) {
        if (argc >= 3 && strcmp(argv[2], "screen") == 0)
            fputs(usage_screen, stdout);
        else if (argc >= 3 && strcmp(argv[2], "explain") == 0)
            fputs(usage_explain, stdout);
        else if (argc >= 3 && strcmp(argv[2], "index") == 0)
            fputs(usage_index, stdout);
        else if (argc >= 3 && strcmp(argv[2], "compare") == 0)
            fputs(cli_usage_compare, stdout);
        else if (argc >= 3 && strcmp(argv[2], "diff") == 0)
            fputs(cli_usage_diff, stdout);
        else
            fputs(usage_main, stdout);
        return 0;
    }
    char msg[256];
    snprintf(msg, sizeof msg, "unknown command '%s'", cmd);
    return usage_error(msg, usage_main);
}
