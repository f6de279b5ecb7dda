/*
 * ixfile.c: saving an index to a file and mapping it back (index stage).
 *
 * The file is a header followed by the index's arrays, each 16-byte aligned,
 * exactly as they sit in memory; loading maps the file read-only and points
 * the arrays into it, so a load costs a checksum pass and a validation pass,
 * not a rebuild. The header records the format version, the Unicode and ICU
 * versions (keys depend on both: a different ICU may transliterate
 * differently) and nomen's version; the source lists' provenance is in the
 * arrays. The file is written to a temporary name and renamed, so a reader
 * never sees half a file.
 *
 * A loaded file is not trusted: every offset in it is checked against the
 * array it points into before the index is handed out, so a corrupt or
 * hostile file gives NOMEN_ERR_PARSE, never an out-of-bounds read.
 */
#define _POSIX_C_SOURCE 200809L
#include "index/index.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "NOMENIX"
enum { S_STR, S_U32, S_U16, S_REC, S_ENT, S_TOK, S_SLOT, S_SRC, S_SYL, S_COUNT };

typedef struct file_header {
    char magic[8];
    uint32_t format;
    uint32_t header_size;
    char unicode[16];
    char icu[16];
    char nomen[16];
    uint64_t checksum; /* chained nomen__hash64 over the sections, in order */
    uint64_t file_len;
    uint64_t off[S_COUNT];
    uint64_t count[S_COUNT];
    uint32_t elem[S_COUNT]; /* each section's element size: a layout change is a new version */
    uint32_t pad;
} file_header;

static const size_t elem_size[S_COUNT] = {
    1,
    sizeof(uint32_t),
    sizeof(uint16_t),
    sizeof(nomen__ix_rec),
    sizeof(nomen__ix_entry),
    sizeof(nomen__ix_tok),
    sizeof(nomen__ix_slot),
    sizeof(nomen__ix_source),
    1,
};

static void sections(const nomen__index *ix, const void *ptr[S_COUNT], uint64_t count[S_COUNT])
{
    ptr[S_STR] = ix->str;
    count[S_STR] = ix->str_len;
    ptr[S_U32] = ix->u32;
    count[S_U32] = ix->u32_len;
    ptr[S_U16] = ix->u16;
    count[S_U16] = ix->u16_len;
    ptr[S_REC] = ix->rec;
    count[S_REC] = ix->nrec;
    ptr[S_ENT] = ix->ent;
    count[S_ENT] = ix->nent;
    ptr[S_TOK] = ix->tok;
    count[S_TOK] = ix->ntok;
    ptr[S_SLOT] = ix->slot;
    count[S_SLOT] = ix->nslot;
    ptr[S_SRC] = ix->src;
    count[S_SRC] = ix->nsrc;
    ptr[S_SYL] = ix->sylsim;
    count[S_SYL] = ix->nsylsim;
}

static void fill_versions(file_header *h)
{
    memcpy(h->magic, MAGIC, sizeof MAGIC);
    h->format = NOMEN__IX_FORMAT;
    h->header_size = (uint32_t)sizeof(file_header);
    snprintf(h->unicode, sizeof h->unicode, "%s", nomen__icu_unicode_version());
    snprintf(h->icu, sizeof h->icu, "%s", nomen__icu_version());
    snprintf(h->nomen, sizeof h->nomen, "%s", NOMEN_VERSION_STRING);
    for (int s = 0; s < S_COUNT; s++)
        h->elem[s] = (uint32_t)elem_size[s];
}

int nomen__index_save(const nomen__index *ix, const char *path, nomen__err *err)
{
    const void *ptr[S_COUNT];
    file_header h;
    memset(&h, 0, sizeof h);
    fill_versions(&h);
    sections(ix, ptr, h.count);
    uint64_t pos = sizeof h, sum = 0;
    for (int s = 0; s < S_COUNT; s++) {
        pos = (pos + 15) & ~(uint64_t)15;
        h.off[s] = pos;
        size_t bytes = (size_t)h.count[s] * elem_size[s];
        sum = nomen__hash64(ptr[s], bytes, sum);
        pos += bytes;
    }
    h.file_len = pos;
    h.checksum = sum;

    nomen__buf tmp = {0};
    if (!nomen__buf_addf(&tmp, "%s.tmp%ld", path, (long)getpid()))
        return nomen__err_set(err, NOMEN_ERR_NOMEM, "out of memory");
    FILE *f = fopen(tmp.data, "wb");
    if (!f) {
        int e = errno;
        nomen__buf_free(&tmp);
        return nomen__err_set(err, NOMEN_ERR_IO, "%s: %s", path, strerror(e));
    }
    static const unsigned char zeros[16] = {0};
    bool ok = fwrite(&h, sizeof h, 1, f) == 1;
    uint64_t at = sizeof h;
    for (int s = 0; ok && s < S_COUNT; s++) {
        if (h.off[s] > at)
            ok = fwrite(zeros, 1, (size_t)(h.off[s] - at), f) == (size_t)(h.off[s] - at);
        size_t bytes = (size_t)h.count[s] * elem_size[s];
        if (ok && bytes)
            ok = fwrite(ptr[s], 1, bytes, f) == bytes;
        at = h.off[s] + bytes;
    }
    int e = ok ? 0 : errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (ok && rename(tmp.data, path) != 0) {
        ok = false;
        e = errno;
    }
    if (!ok)
        remove(tmp.data);
    nomen__buf_free(&tmp);
    if (!ok)
        return nomen__err_set(err, NOMEN_ERR_IO, "%s: %s", path, strerror(e ? e : EIO));
    return NOMEN_OK;
}

void nomen__ix_unmap(void *map, size_t len)
{
    munmap(map, len);
}

/* ---- validation of a loaded file ---------------------------------------- */

static bool str_ok(const nomen__index *ix, uint32_t off)
{
    return off < ix->str_len;
}

static bool u32_range(const nomen__index *ix, uint64_t off, uint64_t n)
{
    return off <= ix->u32_len && n <= ix->u32_len - off;
}

/* A posting list at off: a count, then that many ids below limit. */
static bool postings_ok(const nomen__index *ix, uint32_t off, uint64_t limit)
{
    if (!u32_range(ix, off, 1))
        return false;
    uint32_t n = ix->u32[off];
    if (!u32_range(ix, (uint64_t)off + 1, n))
        return false;
    for (uint32_t i = 0; i < n; i++)
        if (ix->u32[off + 1 + i] >= limit)
            return false;
    return true;
}

static bool rz_ok(const nomen__index *ix, uint32_t off)
{
    if (off == 0)
        return true;
    if (off >= ix->u16_len)
        return false;
    uint64_t p = off;
    uint16_t nvar = ix->u16[p++];
    if (nvar > 2)
        return false;
    for (uint16_t v = 0; v < nvar; v++) {
        if (p + 2 > ix->u16_len)
            return false;
        uint16_t n = ix->u16[p];
        uint16_t nsur = ix->u16[p + 1];
        if (n > NOMEN__RZ_MAX_SEQ || nsur > n)
            return false;
        p += 2 + (uint64_t)n * NOMEN__IX_RZ_CAND;
        if (p > ix->u16_len)
            return false;
    }
    return true;
}

static bool validate(const nomen__index *ix)
{
    if (ix->str_len == 0 || ix->str[ix->str_len - 1] != '\0')
        return false;
    if (ix->nslot == 0 || (ix->nslot & (ix->nslot - 1)) != 0)
        return false;
    if (ix->nent > UINT32_MAX || ix->ntok > UINT32_MAX || ix->nrec > UINT32_MAX)
        return false;
    for (uint64_t i = 0; i < ix->nsrc; i++) {
        const nomen__ix_source *s = &ix->src[i];
        if (!str_ok(ix, s->list) || !str_ok(ix, s->format) || !str_ok(ix, s->path) ||
            !str_ok(ix, s->date) || !str_ok(ix, s->checksum_hex))
            return false;
    }
    for (uint64_t i = 0; i < ix->nrec; i++) {
        const nomen__ix_rec *r = &ix->rec[i];
        if (!str_ok(ix, r->list_id) || !str_ok(ix, r->primary) || !str_ok(ix, r->countries) ||
            (ix->nsrc && r->source >= ix->nsrc))
            return false;
        if (!u32_range(ix, r->programs, 1) || !u32_range(ix, r->dobs, 1))
            return false;
        uint32_t np = ix->u32[r->programs];
        if (!u32_range(ix, (uint64_t)r->programs + 1, np) ||
            !u32_range(ix, (uint64_t)r->dobs + 1, ix->u32[r->dobs]))
            return false;
        for (uint32_t k = 0; k < np; k++)
            if (!str_ok(ix, ix->u32[r->programs + 1 + k]))
                return false;
    }
    for (uint64_t i = 0; i < ix->nent; i++) {
        const nomen__ix_entry *e = &ix->ent[i];
        if (e->rec >= ix->nrec || !str_ok(ix, e->name) || !str_ok(ix, e->han) ||
            e->ntok > NOMEN__IX_MAX_TOK || !u32_range(ix, e->tok, e->ntok) || !rz_ok(ix, e->rz))
            return false;
        for (uint32_t k = 0; k < e->ntok; k++)
            if (ix->u32[e->tok + k] >= ix->ntok)
                return false;
    }
    for (uint64_t i = 0; i < ix->ntok; i++) {
        const nomen__ix_tok *t = &ix->tok[i];
        if (!str_ok(ix, t->key) || !str_ok(ix, t->dm1) || !str_ok(ix, t->dm2) ||
            !u32_range(ix, t->cps, t->ncp) || !postings_ok(ix, t->postings, ix->nent))
            return false;
    }
    uint64_t limit = ix->nent > ix->ntok ? ix->nent : ix->ntok;
    for (uint64_t i = 0; i < ix->nslot; i++)
        if (ix->slot[i].key && !postings_ok(ix, ix->slot[i].val, limit))
            return false;
    return true;
}

/* Point a new index's arrays into the mapped file, then validate it. */
static int attach(nomen__index *ix, const file_header *h, const void *const ptr[S_COUNT], void *map,
                  size_t len, const char *path, nomen__err *err)
{
    atomic_init(&ix->refs, 1);
    ix->str = ptr[S_STR];
    ix->str_len = h->count[S_STR];
    ix->u32 = ptr[S_U32];
    ix->u32_len = h->count[S_U32];
    ix->u16 = ptr[S_U16];
    ix->u16_len = h->count[S_U16];
    ix->rec = ptr[S_REC];
    ix->nrec = h->count[S_REC];
    ix->ent = ptr[S_ENT];
    ix->nent = h->count[S_ENT];
    ix->tok = ptr[S_TOK];
    ix->ntok = h->count[S_TOK];
    ix->slot = ptr[S_SLOT];
    ix->nslot = h->count[S_SLOT];
    ix->src = ptr[S_SRC];
    ix->nsrc = h->count[S_SRC];
    ix->sylsim = ptr[S_SYL];
    ix->nsylsim = h->count[S_SYL];
    ix->map = map;
    if (ix->nsylsim != (uint64_t)nomen__rz_nsyl * nomen__rz_nsyl)
        return nomen__err_set(err, NOMEN_ERR_VERSION,
                              "%s: written with another syllable inventory: rebuild the index",
                              path);
    ix->map_len = len;
    if (!validate(ix))
        return nomen__err_set(err, NOMEN_ERR_PARSE, "%s: corrupt index (bad offsets)", path);
    return nomen__translit_proto_open(&ix->proto, err);
}

int nomen__index_load(const char *path, nomen__index **out, nomen__err *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return nomen__err_set(err, NOMEN_ERR_IO, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return nomen__err_set(err, NOMEN_ERR_IO, "%s: %s", path, strerror(e));
    }
    if ((uint64_t)st.st_size < sizeof(file_header)) {
        close(fd);
        return nomen__err_set(err, NOMEN_ERR_PARSE, "%s: not a nomen index (too short)", path);
    }
    size_t len = (size_t)st.st_size;
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    int e = errno;
    close(fd);
    if (map == MAP_FAILED)
        return nomen__err_set(err, NOMEN_ERR_IO, "%s: %s", path, strerror(e));
    const file_header *h = map;
    file_header want;
    memset(&want, 0, sizeof want);
    fill_versions(&want);
    int rc = NOMEN_OK;
    if (memcmp(h->magic, MAGIC, sizeof MAGIC) != 0)
        rc = nomen__err_set(err, NOMEN_ERR_PARSE, "%s: not a nomen index", path);
    else if (h->format != NOMEN__IX_FORMAT || h->header_size != sizeof(file_header) ||
             memcmp(h->elem, want.elem, sizeof want.elem) != 0)
        rc = nomen__err_set(err, NOMEN_ERR_VERSION,
                            "%s: index format %u, this nomen reads format %d", path, h->format,
                            NOMEN__IX_FORMAT);
    else if (strncmp(h->unicode, want.unicode, sizeof h->unicode) != 0 ||
             strncmp(h->icu, want.icu, sizeof h->icu) != 0)
        rc = nomen__err_set(err, NOMEN_ERR_VERSION,
                            "%s: built with Unicode %.16s / ICU %.16s, this nomen runs Unicode %s "
                            "/ ICU %s: rebuild the index",
                            path, h->unicode, h->icu, want.unicode, want.icu);
    else if (h->file_len != len)
        rc = nomen__err_set(err, NOMEN_ERR_PARSE, "%s: truncated (%zu of %llu bytes)", path, len,
                            (unsigned long long)h->file_len);
    nomen__index *ix = NULL;
    if (!rc) {
        const void *ptr[S_COUNT];
        uint64_t sum = 0;
        for (int s = 0; s < S_COUNT && !rc; s++) {
            uint64_t bytes = h->count[s] * elem_size[s];
            if (h->count[s] > len / elem_size[s] || h->off[s] % 16 != 0 || h->off[s] > len ||
                bytes > len - h->off[s]) {
                rc = nomen__err_set(err, NOMEN_ERR_PARSE, "%s: corrupt section table", path);
                break;
            }
            ptr[s] = (const char *)map + h->off[s];
            sum = nomen__hash64(ptr[s], (size_t)bytes, sum);
        }
        if (!rc && sum != h->checksum)
            rc = nomen__err_set(err, NOMEN_ERR_PARSE, "%s: checksum mismatch (corrupt file)", path);
        if (!rc) {
            ix = nomen__calloc(1, sizeof(*ix));
            if (!ix)
                rc = nomen__err_set(err, NOMEN_ERR_NOMEM, "out of memory");
            else
                rc = attach(ix, h, ptr, map, len, path, err);
        }
    }
    if (rc) {
        if (ix)
            nomen__index_unref(ix); /* unmaps */
        else
            munmap(map, len);
        return rc;
    }
    nomen__ix_finish(ix);
    *out = ix;
    return NOMEN_OK;
}
