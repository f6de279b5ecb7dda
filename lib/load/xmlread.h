/*
 * xmlread.h: a streaming XML reader over expat for the list adapters (load
 * stage).
 *
 * The reader pulls the source through expat chunk by chunk and calls back on
 * every element start and end. Names are local names (namespace URIs are
 * dropped: the OFAC and EU files put everything in a default namespace, and
 * the adapters match on the local name). The text of an element is the
 * character data directly inside it since its start tag or its last child,
 * so for a leaf element it is the element's content.
 *
 * Safety, for files that may be hostile:
 * - no DOCTYPE at all: no list format uses one, and a document type is what
 *   makes entity expansion (billion laughs, quadratic blowup) and external
 *   entities possible; a reference to an undeclared entity is an error too;
 * - nesting deeper than ld->max_xml_depth stops the file (NOMEN_ERR_LIMIT);
 * - text or an attribute longer than ld->max_field_bytes is not accumulated
 *   beyond the limit: the end callback sees nomen__xml_text_too_long() and the
 *   adapter refuses that record;
 * - UTF-8 only (with or without a BOM): UTF-16 and any declared encoding other
 *   than UTF-8 / US-ASCII give NOMEN_ERR_ENCODING; invalid UTF-8 gives
 *   NOMEN_ERR_UTF8; truncated or malformed documents give NOMEN_ERR_PARSE.
 * Every message starts with "file:line:col: ".
 */
#ifndef NOMEN_XMLREAD_H
#define NOMEN_XMLREAD_H

#include "load/load.h"

typedef struct nomen__xml nomen__xml;

/* Called at an element's start tag. attrs is a NULL-terminated array of
 * (local name, value) pairs. Return NOMEN_OK to go on; any other status stops
 * the parse and is returned by nomen__xml_parse (set ld->err first). */
typedef int (*nomen__xml_start_fn)(void *ud, nomen__xml *x, const char *name,
                                   const char *const *attrs);
/* Called at an element's end tag with its text (NUL-terminated, len bytes,
 * not trimmed). Same return convention. */
typedef int (*nomen__xml_end_fn)(void *ud, nomen__xml *x, const char *name, const char *text,
                                 size_t len);

/* Parse the whole source. Returns NOMEN_OK or the first error (details in
 * ld->err). Does not close the source. */
int nomen__xml_parse(nomen__loader *ld, nomen__src *src, nomen__xml_start_fn start,
                     nomen__xml_end_fn end, void *ud);

/* Position of the current event: 1-based line and column. */
unsigned long nomen__xml_line(const nomen__xml *x);
unsigned long nomen__xml_col(const nomen__xml *x);
/* Depth of the current element (the root is 1); during an end callback, the
 * element being closed still counts. */
int nomen__xml_depth(const nomen__xml *x);
/* The local name of the current element's ancestor `up` levels above it (0:
 * the element itself), or "" when there is none. */
const char *nomen__xml_ancestor(const nomen__xml *x, int up);
/* In an end callback: the element's text exceeded ld->max_field_bytes (the
 * text passed is cut at the limit). In a start callback: an attribute did. */
bool nomen__xml_text_too_long(const nomen__xml *x);
/* The value of attribute `name` (local name) in attrs, or NULL. */
const char *nomen__xml_attr(const char *const *attrs, const char *name);

#endif /* NOMEN_XMLREAD_H */
