/*
 * cli_lib.h: the parts of the nomen command that call libnomen (through
 * <nomen.h> only): opening the lists or a saved index, and running a screen.
 */
#ifndef NOMEN_CLI_LIB_H
#define NOMEN_CLI_LIB_H

#include "cli.h"

#include <nomen.h>

/* The built-in sample list (data/sample-list.csv, embedded at build time by
 * embed.cmake). */
extern const unsigned char nomen_cli_sample_list[];
extern const size_t nomen_cli_sample_list_len;

/* The name the built-in list carries in hits. */
#define CLI_SAMPLE_LIST_NAME "nomen-sample"

/* The exit statuses, as grep has them. */
enum { CLI_EXIT_NO_HIT = 0, CLI_EXIT_HIT = 1, CLI_EXIT_ERROR = 2 };

/* Open the index the options ask for: --index FILE, else the --list files
 * built into a fresh index, else the built-in sample list. Messages go to
 * stderr (errors, and a warning when lenient loading skipped records unless
 * quiet). Returns 0, or -1 after printing the error. */
int cli_open_index(const cli_opts *o, nomen_index **out, bool quiet);

/* Screen the names and the batch of the options against ix and write the
 * results in out_format (CLI_OUT_TABLE ... CLI_OUT_CSV). Returns the exit
 * status: CLI_EXIT_NO_HIT, CLI_EXIT_HIT or CLI_EXIT_ERROR. */
int cli_screen_run(const cli_opts *o, nomen_index *ix, int out_format);

/* Copy hit i of the matcher's last screen into h (its strings live only
 * until the matcher's next screen). Returns false when out of memory. */
bool cli_copy_hit(const nomen_matcher *m, size_t i, bool explain, cli_hit *h);

#endif /* NOMEN_CLI_LIB_H */
