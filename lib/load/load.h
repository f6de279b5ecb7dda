/*
 * load.h: reading designation lists (load stage).
 *
 * A nomen__loader carries what every adapter needs: the record set to fill,
 * strict or lenient mode, the error of a failed call, and the report of
 * records skipped in lenient mode. Input comes through a nomen__src (a file or
 * a memory buffer), read in chunks so that memory is bounded by the result,
 * not by the file; the source also computes the checksum recorded for audit.
 *
 * Errors name the file, the line and column (or the record) and what was
 * expected: "sdn.csv:1234:17: expected ',' after a quoted field". Strict mode
 * fails on the first bad record; lenient mode skips it, adds one line to the
 * skip report and goes on. Either way the source entry in the set says how
 * many records were read, loaded and skipped.
 *
 * Adapters (one per format) are listed at the end; nomen__load_path() detects
 * the format from the content (and the file name as a hint) unless told.
 */
#ifndef NOMEN_LOAD_H
#define NOMEN_LOAD_H

#include "load/record.h"

#include <stdio.h>

/* List formats. Values are stored in index files: never renumber. */
enum {
    NOMEN__FMT_AUTO = 0,
    NOMEN__FMT_OFAC_CSV = 1,      /* sdn.csv + alt.csv + add.csv + sdn_comments.csv (or cons_*) */
    NOMEN__FMT_OFAC_XML = 2,      /* sdn.xml / consolidated.xml (sdnList schema) */
    NOMEN__FMT_OFAC_ENHANCED = 3, /* SDN_ENHANCED.XML / CONS_ENHANCED.XML */
    NOMEN__FMT_UK_CSV = 4,        /* OFSI ConList.csv */
    NOMEN__FMT_EU_XML = 5,        /* EU FSF xmlFullSanctionsList_1_1 */
    NOMEN__FMT_CA_XML = 6,        /* Canada SEMA sema-lese.xml */
    NOMEN__FMT_UN_XML = 7,        /* UN Security Council consolidated.xml */
    NOMEN__FMT_GENERIC_CSV = 8,   /* nomen generic CSV (docs/formats.md) */
    NOMEN__FMT_GENERIC_JSONL = 9  /* nomen generic JSON Lines (docs/formats.md) */
};

/* "ofac-csv", "ofac-xml", ...; "auto" for 0; NULL for unknown values. */
const char *nomen__format_name(int format);
/* The format for a name as above, or -1. */
int nomen__format_from_name(const char *name);

/* ---- input sources ------------------------------------------------------ */

/* Chunk size for reads. Fixed, so that the checksum (chained nomen__hash64
 * over chunks) does not depend on how the caller reads. */
#define NOMEN__SRC_CHUNK ((size_t)65536)

typedef struct nomen__src {
    const char *name;         /* file path or the name given for a memory buffer (for messages) */
    FILE *fp;                 /* file input, or NULL */
    const unsigned char *mem; /* memory input, or NULL */
    size_t mem_len, mem_pos;
    unsigned char *chunk; /* NOMEN__SRC_CHUNK bytes */
    size_t chunk_len, chunk_pos;
    uint64_t checksum; /* chained hash of every chunk read so far */
    uint64_t bytes;    /* bytes read so far */
    bool eof;
} nomen__src;

/* Open a file (NOMEN_ERR_IO with "path: reason" in err on failure) or wrap a
 * memory buffer (not copied: it must outlive the source). */
int nomen__src_open_file(nomen__src *src, const char *path, nomen__err *err);
int nomen__src_open_mem(nomen__src *src, const char *name, const void *data, size_t len);
/* Read up to cap bytes; returns the count, 0 at the end, or (size_t)-1 on a
 * read error (err set). */
size_t nomen__src_read(nomen__src *src, void *buf, size_t cap, nomen__err *err);
/* Read the whole rest of the source to compute the final checksum (used when
 * an adapter stops early), then close. Closing twice is harmless. */
void nomen__src_close(nomen__src *src);

/* ---- the loader ----------------------------------------------------------- */

/* Limits that keep hostile input from exhausting memory or time. A field (or
 * XML text node / attribute) longer than max_field_bytes is an error for its
 * record; XML nested deeper than max_xml_depth is an error for the file. */
#define NOMEN__DEFAULT_MAX_FIELD ((size_t)1 << 20) /* 1 MiB: longest real remark is ~10 KB */
#define NOMEN__DEFAULT_MAX_DEPTH 64                /* the deepest official schema nests < 15 */

typedef struct nomen__loader {
    nomen__recset *set;
    nomen__err err; /* details of the last failure */
    bool strict;    /* fail on the first bad record, instead of skipping it */
    size_t max_field_bytes;
    int max_xml_depth;
    nomen__buf skipped; /* one line per skipped record: "file:line:col: reason\n" */
    size_t nskipped_total;
    nomen__recbuild *rb; /* scratch builder shared by the adapters */
} nomen__loader;

/* Initialise with defaults (lenient) to fill `set`. Returns NOMEN_OK or
 * NOMEN_ERR_NOMEM. */
int nomen__loader_init(nomen__loader *ld, nomen__recset *set);
void nomen__loader_free(nomen__loader *ld);

/* A bad record at file:line:col (col 0 when unknown). In strict mode, sets
 * ld->err (NOMEN_ERR_PARSE) and returns NOMEN_ERR_PARSE: the adapter must stop
 * and return it. In lenient mode, appends the line to ld->skipped, counts it in
 * the source entry `source`, and returns NOMEN_OK: the adapter skips the record
 * and goes on. */
int nomen__loader_bad_record(nomen__loader *ld, uint32_t source, const char *file,
                             unsigned long line, unsigned long col, const char *fmt, ...)
    NOMEN__PRINTF(6, 7);

/* ---- adapters ------------------------------------------------------------- */

/* Each reads one source to the end, adds a source entry to ld->set (with
 * records read/loaded/skipped and the checksum) and commits its records.
 * Returns NOMEN_OK, or NOMEN_ERR_PARSE / _UTF8 / _ENCODING / _IO / _LIMIT /
 * _NOMEM with details in ld->err. On failure, records already committed stay
 * in the set (callers discard the set). */
int nomen__load_ofac_xml(nomen__loader *ld, nomen__src *src);
int nomen__load_ofac_enhanced(nomen__loader *ld, nomen__src *src);
int nomen__load_uk_csv(nomen__loader *ld, nomen__src *src);
int nomen__load_eu_xml(nomen__loader *ld, nomen__src *src);
int nomen__load_ca_xml(nomen__loader *ld, nomen__src *src);
int nomen__load_un_xml(nomen__loader *ld, nomen__src *src);
int nomen__load_generic_csv(nomen__loader *ld, nomen__src *src, const char *list_name);
int nomen__load_generic_jsonl(nomen__loader *ld, nomen__src *src, const char *list_name);
/* The OFAC legacy CSV set: the primary file (sdn.csv or cons_prim.csv) is
 * required; aliases, addresses and comments may be NULL. */
int nomen__load_ofac_csv(nomen__loader *ld, nomen__src *prim, nomen__src *alt, nomen__src *add,
                         nomen__src *comments);

/* Detect the format of a file from its first bytes (and its name as a hint).
 * Returns a NOMEN__FMT_* value, or NOMEN__FMT_AUTO when unknown. */
int nomen__detect_format(const void *head, size_t len, const char *name);

/* Load a file or a folder (an OFAC CSV folder: sdn.csv with alt.csv, add.csv,
 * sdn_comments.csv beside it, or the cons_ set) in the given format, or
 * detected when format is NOMEN__FMT_AUTO. list_name names generic lists (NULL:
 * the file's base name). */
int nomen__load_path(nomen__loader *ld, const char *path, int format, const char *list_name);
/* The same for a memory buffer (single-file formats only). */
int nomen__load_mem(nomen__loader *ld, const char *name, const void *data, size_t len, int format,
                    const char *list_name);

#endif /* NOMEN_LOAD_H */
