/*
 * loadsrc.c: input sources and the loader context (load stage).
 *
 * A source delivers the bytes of a file or a memory buffer. Whatever sizes the
 * caller asks for, the checksum is computed over fixed NOMEN__SRC_CHUNK
 * chunks, chained: h = nomen__hash64(chunk_i, len_i, h), starting from 0. A
 * file and a memory buffer with the same bytes therefore get the same checksum,
 * and so do two adapters that read the same file in different sizes. `bytes`
 * counts the bytes hashed so far; after nomen__src_close it is the size of the
 * whole input.
 *
 * For a file, `chunk` holds the current chunk and chunk_pos is how much of it
 * was handed out. For memory nothing is copied: `chunk` stays NULL and the
 * chunk is the window mem[chunk_pos .. chunk_pos + chunk_len), hashed when
 * the reader first enters it.
 *
 * The loader context carries the options, the error and the skip report.
 * nomen__loader_bad_record implements strict/lenient behaviour in one place so
 * that every adapter reports bad records the same way.
 */
#include "load/load.h"

#include <errno.h>
#include <string.h>

/* Seed of the chained checksum. Zero: any fixed value works, and it is stored
 * with each source, so it must never change. */
#define SRC_SEED ((uint64_t)0)

static void src_zero(nomen__src *src, const char *name)
{
    memset(src, 0, sizeof(*src));
    src->name = name;
    src->checksum = SRC_SEED;
}

int nomen__src_open_file(nomen__src *src, const char *path, nomen__err *err)
{
    src_zero(src, path);
    if (path == NULL)
        return nomen__err_set(err, NOMEN_ERR_INVALID_ARG, "no file path given");
    src->chunk = nomen__malloc(NOMEN__SRC_CHUNK);
    if (src->chunk == NULL)
        return nomen__err_set(err, NOMEN_ERR_NOMEM, "%s: out of memory", path);
    src->fp = fopen(path, "rb");
    if (src->fp == NULL) {
        int e = errno;
        nomen__free(src->chunk);
        src->chunk = NULL;
        src->eof = true;
        return nomen__err_set(err, NOMEN_ERR_IO, "%s: %s", path, strerror(e));
    }
    return NOMEN_OK;
}

int nomen__src_open_mem(nomen__src *src, const char *name, const void *data, size_t len)
{
    src_zero(src, name != NULL ? name : "(memory)");
    if (data == NULL && len > 0) {
        src->eof = true;
        return NOMEN_ERR_INVALID_ARG;
    }
    src->mem = data;
    src->mem_len = data != NULL ? len : 0;
    return NOMEN_OK;
}

/* Refill the file chunk. Returns 1 when bytes are available, 0 at the end,
 * -1 on a read error. fread is repeated until the chunk is full or the file
 * ends, so every chunk but the last is exactly NOMEN__SRC_CHUNK bytes (short
 * reads from pipes must not change the checksum). */
static int src_fill_file(nomen__src *src, nomen__err *err)
{
    size_t got = 0;
    while (got < NOMEN__SRC_CHUNK) {
        size_t n = fread(src->chunk + got, 1, NOMEN__SRC_CHUNK - got, src->fp);
        got += n;
        if (n == 0) {
            if (ferror(src->fp)) {
                nomen__err_set(err, NOMEN_ERR_IO, "%s: read error after %llu bytes", src->name,
                               (unsigned long long)(src->bytes + got));
                return -1;
            }
            break;
        }
    }
    if (got == 0) {
        src->eof = true;
        return 0;
    }
    src->checksum = nomen__hash64(src->chunk, got, src->checksum);
    src->bytes += got;
    src->chunk_len = got;
    src->chunk_pos = 0;
    return 1;
}

/* Enter the next memory window and hash it. */
static int src_fill_mem(nomen__src *src)
{
    size_t start = src->chunk_pos + src->chunk_len;
    size_t left = src->mem_len - start;
    if (left == 0) {
        src->eof = true;
        return 0;
    }
    size_t n = NOMEN__MIN(left, NOMEN__SRC_CHUNK);
    src->chunk_pos = start;
    src->chunk_len = n;
    src->checksum = nomen__hash64(src->mem + start, n, src->checksum);
    src->bytes += n;
    return 1;
}

size_t nomen__src_read(nomen__src *src, void *buf, size_t cap, nomen__err *err)
{
    unsigned char *out = buf;
    size_t done = 0;
    if (src->mem != NULL) {
        while (done < cap && !src->eof) {
            size_t end = src->chunk_pos + src->chunk_len;
            if (src->mem_pos >= end && src_fill_mem(src) == 0)
                break;
            end = src->chunk_pos + src->chunk_len;
            size_t n = NOMEN__MIN(cap - done, end - src->mem_pos);
            memcpy(out + done, src->mem + src->mem_pos, n);
            src->mem_pos += n;
            done += n;
        }
        return done;
    }
    if (src->fp == NULL)
        return 0;
    while (done < cap && !src->eof) {
        if (src->chunk_pos >= src->chunk_len) {
            int r = src_fill_file(src, err);
            if (r < 0)
                return (size_t)-1;
            if (r == 0)
                break;
        }
        size_t n = NOMEN__MIN(cap - done, src->chunk_len - src->chunk_pos);
        memcpy(out + done, src->chunk + src->chunk_pos, n);
        src->chunk_pos += n;
        done += n;
    }
    return done;
}

void nomen__src_close(nomen__src *src)
{
    if (src->mem != NULL) {
        /* Hash the windows the reader never entered. */
        while (!src->eof && src_fill_mem(src) == 1) {
        }
        src->mem_pos = src->mem_len;
        src->mem = NULL;
    }
    if (src->fp != NULL) {
        nomen__err scratch = {0};
        while (!src->eof) {
            src->chunk_pos = src->chunk_len;
            if (src_fill_file(src, &scratch) <= 0)
                break;
        }
        nomen__err_free(&scratch);
        fclose(src->fp);
        src->fp = NULL;
    }
    nomen__free(src->chunk);
    src->chunk = NULL;
    src->chunk_len = src->chunk_pos = 0;
    src->eof = true;
}

/* ---- the loader ----------------------------------------------------------- */

int nomen__loader_init(nomen__loader *ld, nomen__recset *set)
{
    memset(ld, 0, sizeof(*ld));
    ld->set = set;
    ld->strict = false;
    ld->max_field_bytes = NOMEN__DEFAULT_MAX_FIELD;
    ld->max_xml_depth = NOMEN__DEFAULT_MAX_DEPTH;
    ld->rb = nomen__recbuild_new();
    if (ld->rb == NULL)
        return nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
    return NOMEN_OK;
}

void nomen__loader_free(nomen__loader *ld)
{
    if (ld == NULL)
        return;
    nomen__recbuild_free(ld->rb);
    ld->rb = NULL;
    nomen__buf_free(&ld->skipped);
    nomen__err_free(&ld->err);
}

int nomen__loader_bad_record(nomen__loader *ld, uint32_t source, const char *file,
                             unsigned long line, unsigned long col, const char *fmt, ...)
{
    nomen__buf why = {0};
    va_list ap;
    va_start(ap, fmt);
    bool ok = nomen__buf_vaddf(&why, fmt, ap);
    va_end(ap);
    const char *reason = ok ? nomen__buf_str(&why) : "bad record";
    if (file == NULL)
        file = "(input)";

    if (ld->strict) {
        if (col > 0)
            nomen__err_set(&ld->err, NOMEN_ERR_PARSE, "%s:%lu:%lu: %s", file, line, col, reason);
        else
            nomen__err_set(&ld->err, NOMEN_ERR_PARSE, "%s:%lu: %s", file, line, reason);
        nomen__buf_free(&why);
        return NOMEN_ERR_PARSE;
    }

    bool added = col > 0
                     ? nomen__buf_addf(&ld->skipped, "%s:%lu:%lu: %s\n", file, line, col, reason)
                     : nomen__buf_addf(&ld->skipped, "%s:%lu: %s\n", file, line, reason);
    nomen__buf_free(&why);
    if (!added)
        return nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
    ld->nskipped_total++;
    if (ld->set != NULL && source < ld->set->nsources)
        ld->set->sources[source].records_skipped++;
    return NOMEN_OK;
}
