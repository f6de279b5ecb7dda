/*
 * loadpath.c: load a list from a path or a memory buffer (load stage).
 *
 * The dispatcher: it checks the encoding of the first bytes (a UTF-16 or
 * UTF-32 byte order mark, or NUL bytes, is NOMEN_ERR_ENCODING whatever the
 * format), detects the format unless told, opens the sources and calls the
 * adapter. An OFAC CSV set may be given as its folder or as its primary file
 * (sdn.csv or cons_prim.csv); the side files beside it (alt.csv, add.csv,
 * sdn_comments.csv, or cons_alt.csv, cons_add.csv, cons_comments.csv, in
 * lower or upper case) are used when present. A list name given by the
 * caller replaces the list's own short name ("us-ofac-sdn") in the source
 * entries the call adds.
 */
#include "load/load.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

/* Bytes read for detection: the longest prologue we skip (XML declaration,
 * a comment, the root's attributes) fits easily. */
#define HEAD_BYTES 4096

static int check_head(nomen__loader *ld, const char *name, const unsigned char *h, size_t n)
{
    if (n >= 2 && ((h[0] == 0xFF && h[1] == 0xFE) || (h[0] == 0xFE && h[1] == 0xFF)))
        return nomen__err_set(&ld->err, NOMEN_ERR_ENCODING,
                              "%s:1:1: UTF-16 byte order mark: expected UTF-8 (convert the file, "
                              "e.g. iconv -f UTF-16 -t UTF-8)",
                              name);
    if (n >= 4 && h[0] == 0 && h[1] == 0 && h[2] == 0xFE && h[3] == 0xFF)
        return nomen__err_set(&ld->err, NOMEN_ERR_ENCODING,
                              "%s:1:1: UTF-32 byte order mark: expected UTF-8", name);
    const unsigned char *z = n > 0 ? memchr(h, 0, n) : NULL;
    if (z != NULL)
        return nomen__err_set(&ld->err, NOMEN_ERR_ENCODING,
                              "%s: NUL byte at offset %zu: expected UTF-8 text (is the file "
                              "UTF-16 without a byte order mark, or binary?)",
                              name, (size_t)(z - h));
    return NOMEN_OK;
}

static int unknown_format(nomen__loader *ld, const char *name)
{
    return nomen__err_set(&ld->err, NOMEN_ERR_FORMAT,
                          "%s: unknown list format (expected OFAC CSV or XML, OFAC Enhanced XML, "
                          "UK ConList CSV, EU FSF XML, Canada SEMA XML, UN XML, or nomen's "
                          "generic CSV or JSON Lines); give the format explicitly",
                          name);
}

/* Run the single-source adapter for format. */
static int run_adapter(nomen__loader *ld, nomen__src *src, int format, const char *list_name)
{
    switch (format) {
    case NOMEN__FMT_OFAC_CSV:
        return nomen__load_ofac_csv(ld, src, NULL, NULL, NULL);
    case NOMEN__FMT_OFAC_XML:
        return nomen__load_ofac_xml(ld, src);
    case NOMEN__FMT_OFAC_ENHANCED:
        return nomen__load_ofac_enhanced(ld, src);
    case NOMEN__FMT_UK_CSV:
        return nomen__load_uk_csv(ld, src);
    case NOMEN__FMT_EU_XML:
        return nomen__load_eu_xml(ld, src);
    case NOMEN__FMT_CA_XML:
        return nomen__load_ca_xml(ld, src);
    case NOMEN__FMT_UN_XML:
        return nomen__load_un_xml(ld, src);
    case NOMEN__FMT_GENERIC_CSV:
        return nomen__load_generic_csv(ld, src, list_name);
    case NOMEN__FMT_GENERIC_JSONL:
        return nomen__load_generic_jsonl(ld, src, list_name);
    default:
        return nomen__err_set(&ld->err, NOMEN_ERR_FORMAT, "%s: format %d is not a list format",
                              src->name, format);
    }
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* dir + "/" + name, if that file exists (lower case, then upper case). */
static char *find_beside(const char *dir, size_t dirlen, const char *name)
{
    size_t nl = strlen(name);
    char *p = nomen__malloc(dirlen + nl + 2);
    if (p == NULL)
        return NULL;
    for (int upper = 0; upper < 2; upper++) {
        size_t k = 0;
        if (dirlen > 0) {
            memcpy(p, dir, dirlen);
            k = dirlen;
            if (p[k - 1] != '/')
                p[k++] = '/';
        }
        for (size_t i = 0; i <= nl; i++) {
            char c = name[i];
            if (upper && c >= 'a' && c <= 'z')
                c = (char)(c - 'a' + 'A');
            p[k + i] = c;
        }
        if (is_file(p))
            return p;
    }
    nomen__free(p);
    return NULL;
}

/* The OFAC CSV set: primary file path known; side files looked up beside
 * it. */
static int load_ofac_set(nomen__loader *ld, const char *prim_path)
{
    const char *slash = strrchr(prim_path, '/');
    size_t dirlen = slash ? (size_t)(slash - prim_path) + 1 : 0;
    const char *base = prim_path + dirlen;
    bool cons = (base[0] == 'c' || base[0] == 'C');
    static const char *const sdn_side[3] = {"alt.csv", "add.csv", "sdn_comments.csv"};
    static const char *const cons_side[3] = {"cons_alt.csv", "cons_add.csv", "cons_comments.csv"};
    char *paths[3] = {NULL, NULL, NULL};
    nomen__src srcs[4];
    bool open[4] = {false, false, false, false};
    int st = nomen__src_open_file(&srcs[0], prim_path, &ld->err);
    if (st != NOMEN_OK)
        return st;
    open[0] = true;
    for (int k = 0; k < 3 && st == NOMEN_OK; k++) {
        paths[k] = find_beside(prim_path, dirlen, cons ? cons_side[k] : sdn_side[k]);
        if (paths[k] != NULL) {
            st = nomen__src_open_file(&srcs[k + 1], paths[k], &ld->err);
            open[k + 1] = st == NOMEN_OK;
        }
    }
    if (st == NOMEN_OK)
        st = nomen__load_ofac_csv(ld, &srcs[0], open[1] ? &srcs[1] : NULL,
                                  open[2] ? &srcs[2] : NULL, open[3] ? &srcs[3] : NULL);
    for (int k = 0; k < 4; k++)
        if (open[k])
            nomen__src_close(&srcs[k]);
    for (int k = 0; k < 3; k++)
        nomen__free(paths[k]);
    return st;
}

static int load_folder(nomen__loader *ld, const char *dir, int format)
{
    if (format != NOMEN__FMT_AUTO && format != NOMEN__FMT_OFAC_CSV)
        return nomen__err_set(&ld->err, NOMEN_ERR_FORMAT,
                              "%s: a folder can only be read as an OFAC CSV set (sdn.csv or "
                              "cons_prim.csv with its side files), not as %s",
                              dir, nomen__format_name(format) ? nomen__format_name(format) : "?");
    size_t dl = strlen(dir);
    char *prim = find_beside(dir, dl, "sdn.csv");
    if (prim == NULL)
        prim = find_beside(dir, dl, "cons_prim.csv");
    if (prim == NULL)
        return nomen__err_set(&ld->err, NOMEN_ERR_NOT_FOUND,
                              "%s: expected sdn.csv or cons_prim.csv in the folder", dir);
    int st = load_ofac_set(ld, prim);
    nomen__free(prim);
    return st;
}

/* A list name given by the caller names every source the call added (the
 * generic adapters take it directly; the official formats have their own
 * short names, which it replaces). */
static int rename_sources(nomen__loader *ld, size_t from, const char *list_name, int st)
{
    if (list_name == NULL)
        return st;
    for (size_t i = from; i < ld->set->nsources; i++) {
        char *n = nomen__arena_strndup(&ld->set->arena, list_name, strlen(list_name));
        if (n == NULL)
            return nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
        ld->set->sources[i].list = n;
    }
    return st;
}

static int load_path_as(nomen__loader *ld, const char *path, int format, const char *list_name);

int nomen__load_path(nomen__loader *ld, const char *path, int format, const char *list_name)
{
    size_t from = ld->set->nsources;
    return rename_sources(ld, from, list_name, load_path_as(ld, path, format, list_name));
}

static int load_path_as(nomen__loader *ld, const char *path, int format, const char *list_name)
{
    if (path == NULL)
        return nomen__err_set(&ld->err, NOMEN_ERR_INVALID_ARG, "no path given");
    if (nomen__format_name(format) == NULL)
        return nomen__err_set(&ld->err, NOMEN_ERR_FORMAT, "%s: unknown format %d", path, format);
    struct stat sb;
    if (stat(path, &sb) != 0)
        return nomen__err_set(&ld->err, NOMEN_ERR_IO, "%s: %s", path, strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return load_folder(ld, path, format);

    unsigned char head[HEAD_BYTES];
    size_t hn = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return nomen__err_set(&ld->err, NOMEN_ERR_IO, "%s: %s", path, strerror(errno));
    hn = fread(head, 1, sizeof(head), f);
    bool rerr = ferror(f) != 0;
    fclose(f);
    if (rerr)
        return nomen__err_set(&ld->err, NOMEN_ERR_IO, "%s: read error", path);
    int st = check_head(ld, path, head, hn);
    if (st != NOMEN_OK)
        return st;
    if (format == NOMEN__FMT_AUTO) {
        format = nomen__detect_format(head, hn, path);
        if (format == NOMEN__FMT_AUTO)
            return unknown_format(ld, path);
    }
    if (format == NOMEN__FMT_OFAC_CSV)
        return load_ofac_set(ld, path);
    nomen__src src;
    st = nomen__src_open_file(&src, path, &ld->err);
    if (st != NOMEN_OK)
        return st;
    st = run_adapter(ld, &src, format, list_name);
    nomen__src_close(&src);
    return st;
}

int nomen__load_mem(nomen__loader *ld, const char *name, const void *data, size_t len, int format,
                    const char *list_name)
{
    if (name == NULL)
        name = "(memory)";
    if (data == NULL && len > 0)
        return nomen__err_set(&ld->err, NOMEN_ERR_INVALID_ARG, "%s: no data given", name);
    if (nomen__format_name(format) == NULL)
        return nomen__err_set(&ld->err, NOMEN_ERR_FORMAT, "%s: unknown format %d", name, format);
    if (data == NULL)
        data = "";
    int st = check_head(ld, name, data, NOMEN__MIN(len, (size_t)HEAD_BYTES));
    if (st != NOMEN_OK)
        return st;
    if (format == NOMEN__FMT_AUTO) {
        format = nomen__detect_format(data, NOMEN__MIN(len, (size_t)HEAD_BYTES), name);
        if (format == NOMEN__FMT_AUTO)
            return unknown_format(ld, name);
    }
    nomen__src src;
    st = nomen__src_open_mem(&src, name, data, len);
    if (st != NOMEN_OK)
        return nomen__err_set(&ld->err, st, "%s: cannot read the buffer", name);
    size_t from = ld->set->nsources;
    st = run_adapter(ld, &src, format, list_name);
    nomen__src_close(&src);
    return rename_sources(ld, from, list_name, st);
}
