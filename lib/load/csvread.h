/*
 * csvread.h: a streaming RFC 4180 CSV reader over a nomen__src (load stage).
 *
 * Rows are read one at a time; memory is one row (bounded by the field
 * limit) plus one read buffer, whatever the file size. The reader accepts
 * what the official lists publish: quoted fields with embedded line breaks
 * and doubled quotes, CRLF, LF or lone CR line ends, UTF-8 with or without a
 * byte order mark, and OFAC's trailing 0x1A (DOS end-of-file) byte. Blank
 * lines are skipped. Every field remembers the line and column where it
 * starts (1-based; columns count bytes from the start of the line).
 *
 * Errors come in two kinds:
 * - row errors (NOMEN_ERR_PARSE for bad quoting, NOMEN_ERR_UTF8, NOMEN_ERR_LIMIT
 *   for a field over the limit): the whole row has still been consumed, so the
 *   caller may report it (nomen__csv_report) and read on;
 * - file errors (NOMEN_ERR_ENCODING for UTF-16 or binary input, NOMEN_ERR_IO,
 *   NOMEN_ERR_NOMEM): reading cannot go on.
 * Messages name the file, the line and the column and say what was expected:
 * "sdn.csv:12:30: expected ',' or a line end after the closing quote".
 */
#ifndef NOMEN_CSVREAD_H
#define NOMEN_CSVREAD_H

#include "load/load.h"

typedef struct nomen__csvfield {
    size_t off, len;         /* in the row buffer */
    unsigned long line, col; /* where the field starts in the file */
} nomen__csvfield;

typedef struct nomen__csv {
    nomen__src *src;
    size_t max_field; /* longest field in bytes; longer is a row error */
    unsigned char *buf;
    size_t pos, end;     /* unread bytes: buf[pos..end) */
    uint64_t base;       /* file offset of buf[0] */
    uint64_t line_start; /* file offset of the first byte of the current line */
    unsigned long line;  /* current line (1-based) */
    bool started, eof;
    int fatal; /* a file error: every later call returns it */
    /* the current row: fields, each NUL-terminated in data */
    nomen__buf data;
    nomen__csvfield *f;
    size_t nf, fcap;
    unsigned long row_line; /* line where the row starts */
    /* the first error of the current row */
    int row_status;
    unsigned long err_line, err_col;
    nomen__buf err_msg;
} nomen__csv;

/* Start reading src. max_field 0 means NOMEN__DEFAULT_MAX_FIELD. Returns
 * NOMEN_OK or NOMEN_ERR_NOMEM (err set). */
int nomen__csv_open(nomen__csv *c, nomen__src *src, size_t max_field, nomen__err *err);
void nomen__csv_close(nomen__csv *c);

/* Read the next row. On NOMEN_OK, *row says whether there was one (false at
 * the end of the input). A row error returns its status with *row true and
 * the fields as far as they could be read, and err holds
 * "file:line:col: message". A file error returns its status with *row
 * false. */
int nomen__csv_next(nomen__csv *c, bool *row, nomen__err *err);

/* Field i of the current row (NUL-terminated; "" when i is out of range). */
const char *nomen__csv_field(const nomen__csv *c, size_t i, size_t *len);

/* Report the current row's error to the loader: in lenient mode the row is
 * listed in the skip report and NOMEN_OK is returned (skip it and read on);
 * in strict mode ld->err holds the message and the row's status is returned. */
int nomen__csv_report(const nomen__csv *c, nomen__loader *ld, uint32_t source);

/* ASCII case-insensitive comparisons for the header names, keywords and
 * prefixes of the CSV formats: s[0..n) equals lit, or starts with prefix
 * (then *plen, if not NULL, is the prefix length). */
bool nomen__ascii_ieq(const char *s, size_t n, const char *lit);
bool nomen__ascii_iprefix(const char *s, size_t n, const char *prefix, size_t *plen);

#endif /* NOMEN_CSVREAD_H */
