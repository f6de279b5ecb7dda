/*
 * csvread.c: streaming RFC 4180 CSV reader (load stage).
 *
 * A byte-level state machine over a 64 KiB read buffer. Ordinary bytes are
 * copied in runs (a table marks the few bytes that need a decision: comma,
 * quote, CR, LF, NUL), so the cost per byte is one table load. Positions are
 * kept as file offsets: the column of a byte is its offset minus the offset of
 * the start of its line, plus one.
 *
 * Invariants: after nomen__csv_next returns (with or without a row error) the
 * reader is at the start of the next row, so lenient callers can go on; a
 * field never holds more than max_field bytes (the rest of an overlong field
 * is read and dropped), so memory is bounded whatever the input; UTF-8 is
 * checked per field (only fields with a byte >= 0x80 need it) through the
 * unicode stage.
 */
#include "load/csvread.h"

#include "unicode/uni.h"

#include <string.h>

/* Read buffer size: the source's chunk size, so one read is one chunk. */
#define CSV_BUF NOMEN__SRC_CHUNK

/* Bytes that end a run of ordinary field content. */
enum { B_PLAIN = 0, B_STOP = 1 };
static const unsigned char stop_unquoted[256] = {
    [0] = B_STOP, [','] = B_STOP, ['"'] = B_STOP, ['\r'] = B_STOP, ['\n'] = B_STOP};
static const unsigned char stop_quoted[256] = {[0] = B_STOP, ['"'] = B_STOP, ['\n'] = B_STOP};

int nomen__csv_open(nomen__csv *c, nomen__src *src, size_t max_field, nomen__err *err)
{
    memset(c, 0, sizeof(*c));
    c->src = src;
    c->max_field = max_field ? max_field : NOMEN__DEFAULT_MAX_FIELD;
    c->line = 1;
    c->buf = nomen__malloc(CSV_BUF);
    if (c->buf == NULL)
        return nomen__err_set(err, NOMEN_ERR_NOMEM, "%s: out of memory", src->name);
    return NOMEN_OK;
}

void nomen__csv_close(nomen__csv *c)
{
    nomen__free(c->buf);
    c->buf = NULL;
    nomen__buf_free(&c->data);
    nomen__buf_free(&c->err_msg);
    nomen__free(c->f);
    c->f = NULL;
    c->nf = c->fcap = 0;
}

const char *nomen__csv_field(const nomen__csv *c, size_t i, size_t *len)
{
    if (i >= c->nf) {
        if (len)
            *len = 0;
        return "";
    }
    if (len)
        *len = c->f[i].len;
    return c->data.data + c->f[i].off;
}

/* Refill the buffer (only when it is used up). 1: bytes available, 0: end
 * of input, -1: read error (err set). */
static int fill(nomen__csv *c, nomen__err *err)
{
    if (c->pos < c->end)
        return 1;
    if (c->eof)
        return 0;
    c->base += c->end;
    c->pos = c->end = 0;
    size_t n = nomen__src_read(c->src, c->buf, CSV_BUF, err);
    if (n == (size_t)-1)
        return -1;
    if (n == 0) {
        c->eof = true;
        return 0;
    }
    c->end = n;
    return 1;
}

static unsigned long col_of(const nomen__csv *c, uint64_t off)
{
    return (unsigned long)(off - c->line_start + 1);
}

/* Column of the next unread byte. */
static unsigned long cur_col(const nomen__csv *c)
{
    return col_of(c, c->base + c->pos);
}

/* A line break was just consumed. */
static void newline(nomen__csv *c)
{
    c->line++;
    c->line_start = c->base + c->pos;
}

static void row_error(nomen__csv *c, int status, unsigned long line, unsigned long col,
                      const char *fmt, ...) NOMEN__PRINTF(5, 6);

static void row_error(nomen__csv *c, int status, unsigned long line, unsigned long col,
                      const char *fmt, ...)
{
    if (c->row_status != NOMEN_OK)
        return; /* the first error of a row is the one reported */
    c->row_status = status;
    c->err_line = line;
    c->err_col = col;
    nomen__buf_clear(&c->err_msg);
    va_list ap;
    va_start(ap, fmt);
    nomen__buf_vaddf(&c->err_msg, fmt, ap);
    va_end(ap);
}

/* Append n content bytes to the current field, honouring the limit. */
static bool field_add(nomen__csv *c, nomen__csvfield *f, bool *over, const unsigned char *p,
                      size_t n)
{
    size_t have = c->data.len - f->off;
    if (have + n > c->max_field) {
        if (!*over) {
            *over = true;
            row_error(c, NOMEN_ERR_LIMIT, f->line, f->col,
                      "field longer than the limit of %zu bytes", c->max_field);
        }
        n = have < c->max_field ? c->max_field - have : 0;
    }
    return n == 0 || nomen__buf_add(&c->data, p, n);
}

static int nul_byte(nomen__csv *c, nomen__err *err)
{
    return nomen__err_set(err, NOMEN_ERR_ENCODING,
                          "%s:%lu:%lu: NUL byte: expected UTF-8 text (is the file UTF-16 or "
                          "binary? convert it to UTF-8)",
                          c->src->name, c->line, cur_col(c));
}

/* Check the UTF-8 of a finished field and locate the first bad byte in the
 * file: count line breaks in the field up to the bad byte, and add one
 * column for every doubled quote (two bytes in the file, one in the field). */
static void check_utf8(nomen__csv *c, const nomen__csvfield *f, bool quoted)
{
    const char *s = c->data.data + f->off;
    size_t bad;
    if (nomen__utf8_valid(s, f->len, &bad))
        return;
    unsigned long line = f->line, col = f->col + (quoted ? 1 : 0);
    for (size_t i = 0; i < bad; i++) {
        if (s[i] == '\n') {
            line++;
            col = 1;
        } else {
            col += s[i] == '"' ? 2 : 1;
        }
    }
    row_error(c, NOMEN_ERR_UTF8, line, col, "invalid UTF-8 (byte 0x%02X): expected UTF-8 text",
              (unsigned)(unsigned char)s[bad]);
}

/* The start of the input: a UTF-8 byte order mark is skipped; a UTF-16 or
 * UTF-32 one is refused. */
static int check_bom(nomen__csv *c, nomen__err *err)
{
    int r = fill(c, err);
    if (r < 0)
        return NOMEN_ERR_IO;
    size_t n = c->end - c->pos;
    const unsigned char *p = c->buf + c->pos;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        c->pos += 3;
        c->line_start = 3;
    } else if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        return nomen__err_set(err, NOMEN_ERR_ENCODING,
                              "%s:1:1: UTF-16 byte order mark: expected UTF-8 (convert the file, "
                              "e.g. iconv -f UTF-16 -t UTF-8)",
                              c->src->name);
    }
    return NOMEN_OK;
}

/* After a 0x1A byte at the start of a row: only line breaks may follow. */
static int after_eof_mark(nomen__csv *c, nomen__err *err)
{
    unsigned long line = c->line, col = cur_col(c) - 1;
    for (;;) {
        int r = fill(c, err);
        if (r < 0)
            return NOMEN_ERR_IO;
        if (r == 0)
            return NOMEN_OK;
        unsigned char b = c->buf[c->pos];
        if (b != '\r' && b != '\n')
            return nomen__err_set(err, NOMEN_ERR_PARSE,
                                  "%s:%lu:%lu: end-of-file mark (0x1A) before the end of the "
                                  "file: expected nothing after it",
                                  c->src->name, line, col);
        c->pos++;
    }
}

static bool push_field(nomen__csv *c, nomen__csvfield *f)
{
    void *p = c->f;
    if (!nomen__grow(&p, &c->fcap, c->nf + 1, sizeof(*c->f)))
        return false;
    c->f = p;
    f->len = c->data.len - f->off;
    c->f[c->nf++] = *f;
    return nomen__buf_addc(&c->data, '\0');
}

static int csv_next_row(nomen__csv *c, bool *row, nomen__err *err);

int nomen__csv_next(nomen__csv *c, bool *row, nomen__err *err)
{
    if (c->fatal != NOMEN_OK) {
        *row = false;
        return c->fatal;
    }
    int st = csv_next_row(c, row, err);
    if (st != NOMEN_OK && st != NOMEN_ERR_PARSE && st != NOMEN_ERR_UTF8 && st != NOMEN_ERR_LIMIT)
        *row = false;
    if (st != NOMEN_OK && !*row)
        c->fatal = st; /* a file error stays: reading cannot go on */
    return st;
}

static int csv_next_row(nomen__csv *c, bool *row, nomen__err *err)
{
    *row = false;
    c->nf = 0;
    nomen__buf_clear(&c->data);
    c->row_status = NOMEN_OK;
    if (!c->started) {
        c->started = true;
        int st = check_bom(c, err);
        if (st != NOMEN_OK)
            return st;
    }
    /* Skip blank lines; find the end of the input. */
    for (;;) {
        int r = fill(c, err);
        if (r < 0)
            return NOMEN_ERR_IO;
        if (r == 0)
            return NOMEN_OK;
        unsigned char b = c->buf[c->pos];
        if (b == '\n') {
            c->pos++;
            newline(c);
        } else if (b == '\r') {
            c->pos++;
            if (fill(c, err) > 0 && c->buf[c->pos] == '\n')
                c->pos++;
            newline(c);
        } else if (b == 0x1A) {
            c->pos++;
            return after_eof_mark(c, err);
        } else {
            break;
        }
    }
    c->row_line = c->line;
    *row = true;

    for (;;) { /* one field per turn */
        nomen__csvfield f = {c->data.len, 0, c->line, cur_col(c)};
        bool over = false, quoted = false;
        unsigned char acc = 0; /* OR of the content bytes: >= 0x80 means non-ASCII */
        int r = fill(c, err);
        if (r < 0)
            return NOMEN_ERR_IO;
        if (r > 0 && c->buf[c->pos] == '"') {
            quoted = true;
            c->pos++;
            for (;;) {
                r = fill(c, err);
                if (r < 0)
                    return NOMEN_ERR_IO;
                if (r == 0) {
                    row_error(c, NOMEN_ERR_PARSE, f.line, f.col,
                              "quoted field not closed: expected '\"' before the end of the "
                              "file");
                    break;
                }
                size_t s = c->pos;
                while (c->pos < c->end && !stop_quoted[c->buf[c->pos]])
                    acc |= c->buf[c->pos++];
                if (!field_add(c, &f, &over, c->buf + s, c->pos - s))
                    goto nomem;
                if (c->pos == c->end)
                    continue;
                unsigned char b = c->buf[c->pos];
                if (b == 0)
                    return nul_byte(c, err);
                c->pos++;
                if (b == '\n') {
                    if (!field_add(c, &f, &over, &b, 1))
                        goto nomem;
                    newline(c);
                    continue;
                }
                /* a quote: doubled, or the end of the field */
                r = fill(c, err);
                if (r < 0)
                    return NOMEN_ERR_IO;
                if (r > 0 && c->buf[c->pos] == '"') {
                    c->pos++;
                    if (!field_add(c, &f, &over, &b, 1))
                        goto nomem;
                    continue;
                }
                break;
            }
            r = fill(c, err);
            if (r < 0)
                return NOMEN_ERR_IO;
            if (r > 0) {
                unsigned char b = c->buf[c->pos];
                if (b != ',' && b != '\r' && b != '\n')
                    row_error(c, NOMEN_ERR_PARSE, c->line, cur_col(c),
                              "expected ',' or a line end after the closing quote of the field "
                              "that starts at %lu:%lu",
                              f.line, f.col);
            }
        }
        /* Unquoted content (or what follows a bad closing quote). */
        for (;;) {
            r = fill(c, err);
            if (r < 0)
                return NOMEN_ERR_IO;
            if (r == 0)
                break;
            size_t s = c->pos;
            while (c->pos < c->end && !stop_unquoted[c->buf[c->pos]])
                acc |= c->buf[c->pos++];
            if (!field_add(c, &f, &over, c->buf + s, c->pos - s))
                goto nomem;
            if (c->pos == c->end)
                continue;
            unsigned char b = c->buf[c->pos];
            if (b == 0)
                return nul_byte(c, err);
            if (b != '"')
                break;
            row_error(c, NOMEN_ERR_PARSE, c->line, cur_col(c),
                      "unexpected '\"' inside an unquoted field: expected the whole field in "
                      "quotes, with inner quotes doubled");
            c->pos++;
            if (!field_add(c, &f, &over, &b, 1))
                goto nomem;
        }
        if (!push_field(c, &f))
            goto nomem;
        if (acc & 0x80)
            check_utf8(c, &c->f[c->nf - 1], quoted);
        /* The field ends at a comma, a line end or the end of the input. */
        if (r == 0)
            break;
        unsigned char b = c->buf[c->pos++];
        if (b == ',')
            continue;
        if (b == '\r') {
            r = fill(c, err);
            if (r < 0)
                return NOMEN_ERR_IO;
            if (r > 0 && c->buf[c->pos] == '\n')
                c->pos++;
        }
        newline(c);
        break;
    }
    if (c->row_status != NOMEN_OK)
        return nomen__err_set(err, c->row_status, "%s:%lu:%lu: %s", c->src->name, c->err_line,
                              c->err_col, nomen__buf_str(&c->err_msg));
    return NOMEN_OK;
nomem:
    *row = false;
    return nomen__err_set(err, NOMEN_ERR_NOMEM, "%s:%lu: out of memory", c->src->name, c->line);
}

int nomen__csv_report(const nomen__csv *c, nomen__loader *ld, uint32_t source)
{
    int st = nomen__loader_bad_record(ld, source, c->src->name, c->err_line, c->err_col, "%s",
                                      nomen__buf_str(&c->err_msg));
    if (st == NOMEN_ERR_PARSE && c->row_status != NOMEN_OK) {
        ld->err.status = c->row_status; /* strict: keep the precise status */
        return c->row_status;
    }
    return st;
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
}

bool nomen__ascii_iprefix(const char *s, size_t n, const char *prefix, size_t *plen)
{
    size_t k = strlen(prefix);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if (ascii_lower(s[i]) != ascii_lower(prefix[i]))
            return false;
    if (plen != NULL)
        *plen = k;
    return true;
}

bool nomen__ascii_ieq(const char *s, size_t n, const char *lit)
{
    return n == strlen(lit) && nomen__ascii_iprefix(s, n, lit, NULL);
}
