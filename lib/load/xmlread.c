/*
 * xmlread.c: the streaming XML reader over expat (load stage).
 *
 * Invariants: the parse holds one chunk of input in expat's buffer (plus the
 * unfinished token carried over from the previous chunk: a start tag with
 * its attributes can be as long as the file), the stack of open element
 * names (at most ld->max_xml_depth), and the text of the innermost element,
 * capped at ld->max_field_bytes. The first error wins: it
 * is written to ld->err with "file:line:col: " and the parser is stopped, so
 * no callback runs after it.
 *
 * Hostile-input policy (see xmlread.h): any DOCTYPE is refused at once, so no
 * entity can ever be declared (the billion-laughs and quadratic-blowup attacks
 * need declared entities) and no external entity or DTD can be named; expat
 * is also told never to parse parameter entities. A reference to an entity
 * other than the five predefined ones is then "undefined entity" from expat.
 * Expat's own parse is linear in the input and its hash tables are salted.
 */
#include "load/xmlread.h"

#include "unicode/uni.h"

#include <expat.h>
#include <string.h>

/* Namespace separator handed to expat: names arrive as "URI\x01local". 0x01
 * cannot occur in an XML 1.0 name or namespace URI, so the last one found
 * always ends the URI. */
#define NS_SEP '\x01'

struct nomen__xml {
    XML_Parser p;
    nomen__loader *ld;
    nomen__src *src;
    nomen__xml_start_fn start;
    nomen__xml_end_fn end;
    void *ud;
    int status; /* first error, NOMEN_OK while parsing goes on */

    nomen__buf text; /* character data of the innermost element */
    bool too_long;   /* text or an attribute hit max_field_bytes */

    nomen__buf names; /* open element local names, each NUL-terminated */
    size_t *name_off; /* start of each open name in `names` */
    size_t name_cap;
    int depth;

    const char **attrs; /* local-name/value pairs for the start callback */
    size_t attrs_cap;
};

static const char *local_name(const char *name)
{
    const char *sep = strrchr(name, NS_SEP);
    return sep != NULL ? sep + 1 : name;
}

unsigned long nomen__xml_line(const nomen__xml *x)
{
    return (unsigned long)XML_GetCurrentLineNumber(x->p);
}

unsigned long nomen__xml_col(const nomen__xml *x)
{
    return (unsigned long)XML_GetCurrentColumnNumber(x->p) + 1;
}

int nomen__xml_depth(const nomen__xml *x)
{
    return x->depth;
}

const char *nomen__xml_ancestor(const nomen__xml *x, int up)
{
    if (up < 0 || up >= x->depth)
        return "";
    return x->names.data + x->name_off[x->depth - 1 - up];
}

bool nomen__xml_text_too_long(const nomen__xml *x)
{
    return x->too_long;
}

const char *nomen__xml_attr(const char *const *attrs, const char *name)
{
    for (size_t i = 0; attrs != NULL && attrs[i] != NULL; i += 2)
        if (strcmp(attrs[i], name) == 0)
            return attrs[i + 1];
    return NULL;
}

/* Record the first error at the current position and stop the parser. */
static void xml_fail(nomen__xml *x, int status, const char *fmt, ...) NOMEN__PRINTF(3, 4);
static void xml_fail(nomen__xml *x, int status, const char *fmt, ...)
{
    if (x->status != NOMEN_OK)
        return;
    nomen__buf why = {0};
    va_list ap;
    va_start(ap, fmt);
    bool ok = nomen__buf_vaddf(&why, fmt, ap);
    va_end(ap);
    nomen__err_set(&x->ld->err, status, "%s:%lu:%lu: %s", x->src->name, nomen__xml_line(x),
                   nomen__xml_col(x), ok ? nomen__buf_str(&why) : "error");
    nomen__buf_free(&why);
    x->status = status;
    XML_StopParser(x->p, XML_FALSE);
}

/* A callback's failure: keep its message (it set ld->err). */
static void cb_fail(nomen__xml *x, int status)
{
    if (x->status != NOMEN_OK)
        return;
    x->status = status;
    if (x->ld->err.status != status)
        nomen__err_set(&x->ld->err, status, "%s:%lu:%lu: %s", x->src->name, nomen__xml_line(x),
                       nomen__xml_col(x), nomen_status_str(status));
    XML_StopParser(x->p, XML_FALSE);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    nomen__xml *x = ud;
    if (x->status != NOMEN_OK)
        return;
    const char *local = local_name(name);
    if (x->depth >= x->ld->max_xml_depth) {
        xml_fail(x, NOMEN_ERR_LIMIT, "elements nested deeper than %d levels (<%s>)",
                 x->ld->max_xml_depth, local);
        return;
    }
    size_t nlen = strlen(local);
    if (!nomen__grow((void **)&x->name_off, &x->name_cap, (size_t)x->depth + 1,
                     sizeof(*x->name_off)) ||
        !nomen__buf_reserve(&x->names, nlen + 1)) {
        xml_fail(x, NOMEN_ERR_NOMEM, "out of memory");
        return;
    }
    x->name_off[x->depth] = x->names.len;
    nomen__buf_add(&x->names, local, nlen);
    nomen__buf_addc(&x->names, '\0');
    x->depth++;

    size_t natts = 0;
    while (atts[natts] != NULL)
        natts++;
    if (!nomen__grow((void **)&x->attrs, &x->attrs_cap, natts + 1, sizeof(*x->attrs))) {
        xml_fail(x, NOMEN_ERR_NOMEM, "out of memory");
        return;
    }
    x->too_long = false;
    for (size_t i = 0; i < natts; i += 2) {
        x->attrs[i] = local_name(atts[i]);
        x->attrs[i + 1] = atts[i + 1];
        if (strlen(atts[i + 1]) > x->ld->max_field_bytes)
            x->too_long = true;
    }
    x->attrs[natts] = NULL;
    nomen__buf_clear(&x->text);

    int rc = x->start(x->ud, x, local, x->attrs);
    x->too_long = false;
    if (rc != NOMEN_OK)
        cb_fail(x, rc);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    nomen__xml *x = ud;
    (void)name;
    if (x->status != NOMEN_OK || x->depth == 0)
        return;
    const char *local = x->names.data + x->name_off[x->depth - 1];
    const char *text = x->text.data != NULL ? x->text.data : "";
    int rc = x->end(x->ud, x, local, text, x->text.len);
    /* Pop the name and forget the text: the parent's text starts afresh. */
    x->depth--;
    x->names.len = x->name_off[x->depth];
    nomen__buf_clear(&x->text);
    x->too_long = false;
    if (rc != NOMEN_OK)
        cb_fail(x, rc);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    nomen__xml *x = ud;
    if (x->status != NOMEN_OK || len <= 0 || x->too_long)
        return;
    size_t n = (size_t)len, max = x->ld->max_field_bytes;
    if (x->text.len + n > max) {
        n = max - x->text.len;
        x->too_long = true;
    }
    if (n > 0 && !nomen__buf_add(&x->text, s, n))
        xml_fail(x, NOMEN_ERR_NOMEM, "out of memory");
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal_subset)
{
    nomen__xml *x = ud;
    (void)pubid;
    xml_fail(x, NOMEN_ERR_PARSE,
             "document type declaration <!DOCTYPE %s%s%s> refused: list files have none, "
             "and entity declarations%s are not accepted",
             local_name(name), has_internal_subset ? " [...]" : "", sysid ? " SYSTEM ..." : "",
             sysid ? " and external DTDs" : "");
}

static void XMLCALL on_entity_decl(void *ud, const XML_Char *name, int is_param,
                                   const XML_Char *value, int value_len, const XML_Char *base,
                                   const XML_Char *sysid, const XML_Char *pubid,
                                   const XML_Char *notation)
{
    nomen__xml *x = ud;
    (void)is_param, (void)value, (void)value_len, (void)base, (void)sysid, (void)pubid,
        (void)notation;
    xml_fail(x, NOMEN_ERR_PARSE, "entity declaration '%s' refused", name);
}

static void XMLCALL on_skipped_entity(void *ud, const XML_Char *name, int is_param)
{
    nomen__xml *x = ud;
    (void)is_param;
    xml_fail(x, NOMEN_ERR_PARSE, "reference to undeclared entity '&%s;'", name);
}

static bool ascii_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char ca = (*a >= 'A' && *a <= 'Z') ? (char)(*a + 32) : *a;
        char cb = (*b >= 'A' && *b <= 'Z') ? (char)(*b + 32) : *b;
        if (ca != cb)
            return false;
    }
    return *a == *b;
}

static void XMLCALL on_xmldecl(void *ud, const XML_Char *version, const XML_Char *encoding,
                               int standalone)
{
    nomen__xml *x = ud;
    (void)version, (void)standalone;
    if (encoding != NULL && !ascii_ieq(encoding, "UTF-8") && !ascii_ieq(encoding, "UTF8") &&
        !ascii_ieq(encoding, "US-ASCII") && !ascii_ieq(encoding, "ASCII"))
        xml_fail(x, NOMEN_ERR_ENCODING,
                 "encoding \"%s\" is not supported: convert the file to UTF-8", encoding);
}

/* UTF-16 and UTF-32, with or without a byte order mark, recognised from the
 * first bytes of a document that must start with '<' (or a UTF-8 BOM). */
static const char *wide_encoding(const unsigned char *b, size_t n)
{
    if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)
        return "UTF-32";
    if (n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
        return "UTF-32";
    if (n >= 2 && ((b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE)))
        return "UTF-16";
    if (n >= 2 && ((b[0] == 0 && b[1] == '<') || (b[0] == '<' && b[1] == 0)))
        return "UTF-16";
    return NULL;
}

/* Turn an expat error into a status and message. */
static int expat_fail(nomen__xml *x, bool final)
{
    enum XML_Error code = XML_GetErrorCode(x->p);
    unsigned long line = (unsigned long)XML_GetCurrentLineNumber(x->p);
    unsigned long col = (unsigned long)XML_GetCurrentColumnNumber(x->p) + 1;
    const char *name = x->src->name;
    nomen__err *err = &x->ld->err;

    if (code == XML_ERROR_INVALID_TOKEN || code == XML_ERROR_PARTIAL_CHAR) {
        /* Is the offending byte the start of an ill-formed UTF-8 sequence? */
        int off = 0, size = 0;
        const char *ctx = XML_GetInputContext(x->p, &off, &size);
        if (ctx != NULL && off >= 0 && off < size) {
            size_t bad = 0, win = NOMEN__MIN((size_t)(size - off), (size_t)4);
            if (!nomen__utf8_valid(ctx + off, win, &bad) && bad == 0)
                return nomen__err_set(err, NOMEN_ERR_UTF8,
                                      "%s:%lu:%lu: invalid UTF-8 (byte 0x%02X)", name, line, col,
                                      (unsigned)(unsigned char)ctx[off]);
        }
        if (code == XML_ERROR_PARTIAL_CHAR)
            return nomen__err_set(err, NOMEN_ERR_UTF8,
                                  "%s:%lu:%lu: invalid UTF-8 (incomplete character)", name, line,
                                  col);
    }
    if (final && (code == XML_ERROR_NO_ELEMENTS || code == XML_ERROR_UNCLOSED_TOKEN ||
                  code == XML_ERROR_UNCLOSED_CDATA_SECTION)) {
        if (x->depth > 0)
            return nomen__err_set(err, NOMEN_ERR_PARSE,
                                  "%s:%lu:%lu: truncated document: the file ends inside <%s>", name,
                                  line, col, nomen__xml_ancestor(x, 0));
        if (code == XML_ERROR_NO_ELEMENTS)
            return nomen__err_set(err, NOMEN_ERR_PARSE,
                                  "%s:%lu:%lu: no root element (empty or truncated document)", name,
                                  line, col);
    }
    return nomen__err_set(err, NOMEN_ERR_PARSE, "%s:%lu:%lu: %s", name, line, col,
                          XML_ErrorString(code));
}

int nomen__xml_parse(nomen__loader *ld, nomen__src *src, nomen__xml_start_fn start,
                     nomen__xml_end_fn end, void *ud)
{
    nomen__xml x;
    memset(&x, 0, sizeof(x));
    x.ld = ld;
    x.src = src;
    x.start = start;
    x.end = end;
    x.ud = ud;
    /* NULL encoding: expat detects a UTF-8 BOM and reads the declaration,
     * which on_xmldecl checks. */
    x.p = XML_ParserCreateNS(NULL, NS_SEP);
    if (x.p == NULL)
        return nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "%s: out of memory", src->name);
    XML_SetUserData(x.p, &x);
    XML_SetElementHandler(x.p, on_start, on_end);
    XML_SetCharacterDataHandler(x.p, on_text);
    XML_SetStartDoctypeDeclHandler(x.p, on_doctype);
    XML_SetEntityDeclHandler(x.p, on_entity_decl);
    XML_SetSkippedEntityHandler(x.p, on_skipped_entity);
    XML_SetXmlDeclHandler(x.p, on_xmldecl);
    XML_SetParamEntityParsing(x.p, XML_PARAM_ENTITY_PARSING_NEVER);

    int rc = NOMEN_OK;
    bool first = true, final = false;
    while (!final) {
        void *buf = XML_GetBuffer(x.p, (int)NOMEN__SRC_CHUNK);
        if (buf == NULL) {
            rc = nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "%s: out of memory", src->name);
            break;
        }
        size_t n = nomen__src_read(src, buf, NOMEN__SRC_CHUNK, &ld->err);
        if (n == (size_t)-1) {
            rc = ld->err.status != NOMEN_OK ? ld->err.status : NOMEN_ERR_IO;
            break;
        }
        if (first) {
            const char *wide = wide_encoding(buf, n);
            if (wide != NULL) {
                rc = nomen__err_set(&ld->err, NOMEN_ERR_ENCODING,
                                    "%s:1:1: the document is in %s: only UTF-8 is supported "
                                    "(convert the file to UTF-8)",
                                    src->name, wide);
                break;
            }
            first = false;
        }
        final = n == 0;
        if (XML_ParseBuffer(x.p, (int)n, final) != XML_STATUS_OK) {
            rc = x.status != NOMEN_OK ? x.status : expat_fail(&x, final);
            break;
        }
        if (x.status != NOMEN_OK) {
            rc = x.status;
            break;
        }
    }
    XML_ParserFree(x.p);
    nomen__buf_free(&x.text);
    nomen__buf_free(&x.names);
    nomen__free(x.name_off);
    nomen__free(x.attrs);
    return rc;
}
