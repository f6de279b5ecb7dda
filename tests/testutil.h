/*
 * testutil.h: helpers for nomen's cmocka tests (not part of the library).
 *
 * Shared data: tests read reference files from ../shared (the environment
 * variable NOMEN_SHARED_DIR, set by ctest, says where). When a file is
 * missing, a test skips with a message, except under CI=true, where it fails:
 * CI must never pass by skipping.
 *
 * Golden TSV files: one case per line, fields separated by TAB; blank lines
 * and lines starting with '#' are ignored. Fields may use the escapes \t \n
 * \\ and \xHH (any byte, so invalid UTF-8 can be written).
 */
#ifndef NOMEN_TESTUTIL_H
#define NOMEN_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* The path of a file under the shared data folder, e.g.
 * nt_shared_path("data/vectors/jellyfish/soundex.csv"), or NULL when it does
 * not exist. Under CI=true a missing file fails the current test. The string
 * is malloc'ed; free it. */
char *nt_shared_path(const char *relative);
/* A path under the project's source folder (NOMEN_SOURCE_DIR, else "."),
 * malloc'ed. */
char *nt_source_path(const char *relative);

/* Skip the current test (or fail it under CI=true) when path is NULL. */
#define NT_REQUIRE_FILE(path, what)                                                                \
    do {                                                                                           \
        if ((path) == NULL) {                                                                      \
            print_message("skipped: %s not found\n", (what));                                      \
            skip();                                                                                \
        }                                                                                          \
    } while (0)

/* A table of rows, each an array of fields, read from a TSV or CSV file. */
typedef struct nt_field {
    char *s; /* NUL-terminated (may contain NULs when escaped; use len) */
    size_t len;
} nt_field;

typedef struct nt_row {
    nt_field *f;
    size_t n;
    size_t line; /* 1-based line number in the file */
} nt_row;

typedef struct nt_table {
    nt_row *rows;
    size_t n;
} nt_table;

/* Read a golden TSV file (escapes decoded). Fails the test on I/O error. */
void nt_tsv_read(const char *path, nt_table *out);
/* Read an RFC 4180 CSV file (quoted fields, doubled quotes, CRLF or LF). If
 * skip_header, the first row is dropped. */
void nt_csv_read(const char *path, int skip_header, nt_table *out);
void nt_table_free(nt_table *t);

/* Read a whole file into a malloc'ed buffer (NUL-terminated); NULL on error. */
char *nt_read_file(const char *path, size_t *len);

#endif
