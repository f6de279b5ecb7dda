/*
 * xmladapt.h: what the XML list adapters share (load stage): the source
 * entry and its counts, the record being built with its position and the
 * first problem found in it, and small text helpers.
 *
 * An adapter calls nomen__xad_begin once, nomen__xad_rec_start at each
 * record's start tag, nomen__xad_bad for any problem in it (the first reason
 * is kept), nomen__xad_rec_end at its end tag (commit, or skip/fail through
 * nomen__loader_bad_record), and nomen__xad_end last.
 */
#ifndef NOMEN_XMLADAPT_H
#define NOMEN_XMLADAPT_H

#include "load/xmlread.h"

typedef struct nomen__xad {
    nomen__loader *ld;
    nomen__src *src;
    nomen__recbuild *rb;
    uint32_t source;
    bool in_rec;                     /* between rec_start and rec_end */
    unsigned long rec_line, rec_col; /* the record's start tag */
    bool bad;                        /* the record has a problem: skip it */
    nomen__buf why;                  /* the first problem */
    nomen__buf tmp;                  /* scratch for composed strings */
    nomen__buf kv;                   /* nomen__xad_remark_kv's own scratch */
} nomen__xad;

/* Add the source entry (list and format short names; path = src->name).
 * Returns NOMEN_OK or NOMEN_ERR_NOMEM (ld->err set). */
int nomen__xad_begin(nomen__xad *a, nomen__loader *ld, nomen__src *src, const char *list,
                     const char *format);
/* Set the source's publication date from the first 10 characters of an ISO
 * date ("2025-01-10T00:00:00") or from "MM/DD/YYYY" (OFAC); false when the
 * text is neither (the date stays unknown) or memory runs out. */
bool nomen__xad_set_date(nomen__xad *a, const char *s, size_t n);

void nomen__xad_rec_start(nomen__xad *a, const nomen__xml *x);
void nomen__xad_bad(nomen__xad *a, const char *fmt, ...) NOMEN__PRINTF(2, 3);
/* Finish the record: count it as read; commit it (loaded) unless it is bad
 * or has no name, in which case it goes to nomen__loader_bad_record (skipped
 * in lenient mode, an error in strict mode). Returns NOMEN_OK or the error. */
int nomen__xad_rec_end(nomen__xad *a);
/* Standard handling of a too-long text in an end callback; true when the
 * text was too long (the record is marked bad, or, outside a record, the
 * file fails with NOMEN_ERR_LIMIT: *rc is set). */
bool nomen__xad_too_long(nomen__xad *a, const nomen__xml *x, const char *name, int *rc);
/* NOMEN_ERR_NOMEM with a message. */
int nomen__xad_nomem(nomen__xad *a);
/* The root element check: NOMEN_OK when name is want, else NOMEN_ERR_PARSE
 * "expected <want> as the root element". */
int nomen__xad_root(nomen__xad *a, const nomen__xml *x, const char *name, const char *want);
/* Store the checksum and byte count in the source entry, free the scratch,
 * and return rc. */
int nomen__xad_end(nomen__xad *a, int rc);

/* Add "key: value" to the remarks (nothing when value is blank). */
bool nomen__xad_remark_kv(nomen__xad *a, const char *key, const char *val, size_t n);
/* s[0..n) with ASCII white space trimmed at both ends (n updated). */
const char *nomen__xad_trim(const char *s, size_t *n);
/* ASCII case-insensitive equality of s[0..n) and the C string lit. */
bool nomen__xad_ieq(const char *s, size_t n, const char *lit);
/* Compose "family, given" (the OFAC convention) into a->tmp; either part
 * may be empty. Returns false when memory runs out. */
bool nomen__xad_compose(nomen__xad *a, const char *family, size_t fn, const char *given, size_t gn);

/* True when s[0..n) (valid UTF-8) has a letter of a script other than Latin:
 * a name in its original script (Cyrillic, Han, Arabic, ...). */
bool nomen__xad_non_latin(const char *s, size_t n);

/* The XML list format of a document from its first bytes (at least up to
 * the root element's start tag), read with expat: the root element's local
 * name sdnList, sanctionsData, export (EU namespace or no namespace),
 * data-set or CONSOLIDATED_LIST. Returns a NOMEN__FMT_* value, or
 * NOMEN__FMT_AUTO when the head is not one of these (or not XML). For
 * nomen__detect_format. */
int nomen__xml_detect(const void *head, size_t len);

/* OFAC: add a remarks text, and take from it the Chinese Commercial Code
 * digits ("Chinese Commercial Code 7115 0356 0948" -> telegraph) and names
 * in Chinese characters ("Chinese Simplified: ..." -> an original-script
 * name). False when memory runs out. */
bool nomen__xad_ofac_remarks(nomen__xad *a, const char *s, size_t n);
/* OFAC: true for an id or feature type that is sanctions information rather
 * than an identifier ("Secondary sanctions risk:", "Listing Date (CMIC)"). */
bool nomen__xad_ofac_information(const char *type, size_t n);

#endif /* NOMEN_XMLADAPT_H */
