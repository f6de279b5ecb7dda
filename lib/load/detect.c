/*
 * detect.c: list format names and detection by content (load stage).
 *
 * Detection looks at the first bytes of a file (a few KiB are plenty) and
 * uses the file name only when the content does not decide:
 *   - XML: the local name of the root element: sdnList (OFAC XML),
 *     sanctionsData (OFAC Enhanced XML; the root of ENHANCED_XML.xsd),
 *     export with the EU FSF namespace, data-set (Canada SEMA),
 *     CONSOLIDATED_LIST (UN). The XML declaration, comments, processing
 *     instructions and a DOCTYPE before the root are skipped.
 *   - "Last Updated" on the first line: the UK OFSI ConList CSV (or a header
 *     starting "Name 6" when that line is missing).
 *   - a first field of digits followed by a comma: the OFAC legacy CSV (no
 *     header row; ent_num first).
 *   - a header row with a "name" column: the generic CSV.
 *   - '{': generic JSON Lines.
 * A UTF-8 byte order mark and leading white space are skipped; anything
 * undecided is NOMEN__FMT_AUTO, and the caller reports it.
 */
#include "load/csvread.h"

#include <string.h>

static const char *const fmt_names[] = {"auto",        "ofac-csv",     "ofac-xml", "ofac-enhanced",
                                        "uk-csv",      "eu-xml",       "ca-xml",   "un-xml",
                                        "generic-csv", "generic-jsonl"};

const char *nomen__format_name(int format)
{
    if (format < 0 || (size_t)format >= NOMEN__ARRAY_LEN(fmt_names))
        return NULL;
    return fmt_names[format];
}

int nomen__format_from_name(const char *name)
{
    if (name == NULL)
        return -1;
    for (size_t i = 0; i < NOMEN__ARRAY_LEN(fmt_names); i++)
        if (strcmp(name, fmt_names[i]) == 0)
            return (int)i;
    return -1;
}

static const char *find_mem(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return s + i;
    return NULL;
}

static bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == ':' || (unsigned char)c >= 0x80;
}

static int detect_xml(const char *s, size_t n)
{
    size_t i = 0;
    for (;;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
            i++;
        if (i >= n || s[i] != '<')
            return NOMEN__FMT_AUTO;
        if (i + 1 < n && (s[i + 1] == '?' || s[i + 1] == '!')) {
            /* declaration, comment, DOCTYPE: skip to the matching end */
            const char *end = NULL;
            size_t skip = 1;
            if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
                end = find_mem(s + i, n - i, "-->");
                skip = 3;
            } else {
                end = memchr(s + i, '>', n - i);
            }
            if (end == NULL)
                return NOMEN__FMT_AUTO;
            i = (size_t)(end - s) + skip;
            continue;
        }
        break;
    }
    size_t a = ++i;
    while (i < n && is_name_char(s[i]))
        i++;
    const char *name = s + a;
    size_t nl = i - a;
    const char *colon = memchr(name, ':', nl);
    if (colon != NULL) { /* a prefixed root: its local name decides */
        nl -= (size_t)(colon + 1 - name);
        name = colon + 1;
    }
    const char *gt = memchr(s + i, '>', n - i);
    size_t attrs = gt ? (size_t)(gt - (s + i)) : n - i;
#define IS(lit) (nl == sizeof(lit) - 1 && memcmp(name, lit, nl) == 0)
    if (IS("sdnList"))
        return NOMEN__FMT_OFAC_XML;
    if (IS("sanctionsData"))
        return NOMEN__FMT_OFAC_ENHANCED;
    if (IS("data-set"))
        return NOMEN__FMT_CA_XML;
    if (IS("CONSOLIDATED_LIST"))
        return NOMEN__FMT_UN_XML;
    if (IS("export") && (find_mem(s + i, attrs, "europa.eu") || find_mem(s + i, attrs, "/fsd/")))
        return NOMEN__FMT_EU_XML;
#undef IS
    return NOMEN__FMT_AUTO;
}

/* Does the first line (a CSV header) have a field "name"? */
static bool header_has_name(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] != '\n' && s[i] != '\r') {
        size_t j = i;
        bool q = j < n && s[j] == '"';
        if (q)
            j++;
        size_t a = j;
        while (j < n && s[j] != ',' && s[j] != '\n' && s[j] != '\r' && s[j] != '"')
            j++;
        size_t b = j;
        while (b > a && s[b - 1] == ' ')
            b--;
        while (a < b && s[a] == ' ')
            a++;
        if (b - a == 4 && nomen__ascii_iprefix(s + a, 4, "name", NULL))
            return true;
        if (q && j < n && s[j] == '"')
            j++;
        while (j < n && s[j] != ',' && s[j] != '\n' && s[j] != '\r')
            j++;
        if (j >= n || s[j] != ',')
            break;
        i = j + 1;
    }
    return false;
}

static int detect_by_name(const char *name)
{
    if (name == NULL)
        return NOMEN__FMT_AUTO;
    const char *b = strrchr(name, '/');
    b = b ? b + 1 : name;
    size_t n = strlen(b);
    if (n >= 6 && nomen__ascii_iprefix(b + n - 6, 6, ".jsonl", NULL))
        return NOMEN__FMT_GENERIC_JSONL;
    if (nomen__ascii_iprefix(b, n, "sdn.csv", NULL) ||
        nomen__ascii_iprefix(b, n, "cons_prim.csv", NULL))
        return NOMEN__FMT_OFAC_CSV;
    if (nomen__ascii_iprefix(b, n, "conlist", NULL))
        return NOMEN__FMT_UK_CSV;
    return NOMEN__FMT_AUTO;
}

int nomen__detect_format(const void *head, size_t len, const char *name)
{
    const char *s = head;
    if (s == NULL || len == 0)
        return detect_by_name(name);
    if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
        s += 3;
        len -= 3;
    }
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    s += i;
    len -= i;
    if (len == 0)
        return detect_by_name(name);
    if (s[0] == '<') {
        int f = detect_xml(s, len);
        return f != NOMEN__FMT_AUTO ? f : detect_by_name(name);
    }
    if (s[0] == '{')
        return NOMEN__FMT_GENERIC_JSONL;
    if (nomen__ascii_iprefix(s, len, "Last Updated", NULL) ||
        nomen__ascii_iprefix(s, len, "\"Last Updated\"", NULL) ||
        nomen__ascii_iprefix(s, len, "Name 6,", NULL))
        return NOMEN__FMT_UK_CSV;
    if (s[0] >= '0' && s[0] <= '9') {
        size_t j = 0;
        while (j < len && s[j] >= '0' && s[j] <= '9')
            j++;
        if (j < len && s[j] == ',')
            return NOMEN__FMT_OFAC_CSV;
    }
    if (header_has_name(s, len))
        return NOMEN__FMT_GENERIC_CSV;
    return detect_by_name(name);
}
