/*
 * fuzz_csv.c: the streaming CSV reader on arbitrary bytes (load stage).
 *
 * The first byte sets the field limit (1..256 bytes, so the limit path is
 * reached often); the rest is the file. Invariants checked: the reader ends
 * (a file error stops it for good), every field is NUL-terminated, no field
 * exceeds the limit, positions are 1-based and never go backwards.
 */
#include "load/csvread.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t limit = (size_t)data[0] + 1;
    nomen__src src;
    nomen__src_open_mem(&src, "fuzz.csv", data + 1, size - 1);
    nomen__err err = {0};
    nomen__csv c;
    if (nomen__csv_open(&c, &src, limit, &err) != NOMEN_OK)
        abort();
    unsigned long last_line = 0;
    for (size_t rows = 0;; rows++) {
        bool row;
        int st = nomen__csv_next(&c, &row, &err);
        if (!row)
            break;
        if (rows > size + 1)
            abort(); /* more rows than bytes: the reader is not advancing */
        if (st != NOMEN_OK && st != NOMEN_ERR_PARSE && st != NOMEN_ERR_UTF8 &&
            st != NOMEN_ERR_LIMIT)
            abort();
        if (c.row_line < last_line || c.row_line == 0)
            abort();
        last_line = c.row_line;
        for (size_t i = 0; i < c.nf; i++) {
            size_t n;
            const char *f = nomen__csv_field(&c, i, &n);
            if (f[n] != '\0' || n > limit || c.f[i].line == 0 || c.f[i].col == 0)
                abort();
        }
    }
    nomen__csv_close(&c);
    nomen__src_close(&src);
    nomen__err_free(&err);
    return 0;
}
