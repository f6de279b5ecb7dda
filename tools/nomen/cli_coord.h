/*
 * cli_coord.h: the coordination commands of nomen (compare, diff, screen
 * --changes), built on the public API's record sets, diffs and re-screening.
 */
#ifndef NOMEN_CLI_COORD_H
#define NOMEN_CLI_COORD_H

#include <stdbool.h>
#include <stdio.h>

/* Each takes the arguments after its command word and returns the exit
 * status: 0, 1 (screen --changes: a hit) or 2 (error). */
int cli_cmd_compare(int argc, char **argv);
int cli_cmd_diff(int argc, char **argv);
/* nomen screen with --changes OLD NEW among its arguments. */
int cli_cmd_screen_changes(int argc, char **argv);
/* True when argv holds --changes (screen is then routed here). */
bool cli_has_changes(int argc, char **argv);

/* One RFC 4180 CSV field (quoted when it holds a comma, quote or line
 * break), followed by a comma or, when last, a line break. */
void cli_csv_field(FILE *fp, const char *s, bool last);

extern const char cli_usage_compare[];
extern const char cli_usage_diff[];

#endif
