/*
 * xmladapt.c: helpers shared by the XML list adapters (load stage).
 *
 * Invariants: every record the adapter starts is counted once as read, and
 * then exactly once as loaded (committed) or skipped (reported through
 * nomen__loader_bad_record); in strict mode the first bad record ends the
 * load. A record is bad when it lacks what every list promises (an
 * identifier, a name) or holds text longer than ld->max_field_bytes.
 */
#include "load/xmladapt.h"

#include "unicode/uni.h"

#include <expat.h>

#include <limits.h>
#include <string.h>

int nomen__xad_begin(nomen__xad *a, nomen__loader *ld, nomen__src *src, const char *list,
                     const char *format)
{
    memset(a, 0, sizeof(*a));
    a->ld = ld;
    a->src = src;
    a->rb = ld->rb;
    if (a->rb == NULL)
        return nomen__err_set(&ld->err, NOMEN_ERR_STATE, "%s: loader not initialised", src->name);
    nomen__recbuild_reset(a->rb);
    if (!nomen__recset_add_source(ld->set, list, format, src->name, &a->source))
        return nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "%s: out of memory", src->name);
    return NOMEN_OK;
}

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

bool nomen__xad_set_date(nomen__xad *a, const char *s, size_t n)
{
    s = nomen__xad_trim(s, &n);
    char iso[11];
    if (n >= 10 && s[4] == '-' && s[7] == '-' && digits(s, 4) && digits(s + 5, 2) &&
        digits(s + 8, 2)) {
        memcpy(iso, s, 10);
    } else if (n == 10 && s[2] == '/' && s[5] == '/' && digits(s, 2) && digits(s + 3, 2) &&
               digits(s + 6, 4)) {
        /* OFAC's Publish_Date is month/day/year. */
        memcpy(iso, s + 6, 4);
        iso[4] = '-';
        memcpy(iso + 5, s, 2);
        iso[7] = '-';
        memcpy(iso + 8, s + 3, 2);
    } else {
        return false;
    }
    iso[10] = '\0';
    int month = (iso[5] - '0') * 10 + (iso[6] - '0');
    int day = (iso[8] - '0') * 10 + (iso[9] - '0');
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return false;
    char *copy = nomen__arena_strndup(&a->ld->set->arena, iso, 10);
    if (copy == NULL)
        return false;
    a->ld->set->sources[a->source].date = copy;
    return true;
}

void nomen__xad_rec_start(nomen__xad *a, const nomen__xml *x)
{
    nomen__recbuild_reset(a->rb);
    a->in_rec = true;
    a->bad = false;
    nomen__buf_clear(&a->why);
    a->rec_line = nomen__xml_line(x);
    a->rec_col = nomen__xml_col(x);
}

void nomen__xad_bad(nomen__xad *a, const char *fmt, ...)
{
    if (a->bad)
        return;
    a->bad = true;
    va_list ap;
    va_start(ap, fmt);
    if (!nomen__buf_vaddf(&a->why, fmt, ap))
        nomen__buf_clear(&a->why);
    va_end(ap);
}

int nomen__xad_rec_end(nomen__xad *a)
{
    nomen__rsource *s = &a->ld->set->sources[a->source];
    a->in_rec = false;
    s->records_read++;
    if (!a->bad && nomen__recbuild_name_count(a->rb) == 0)
        nomen__xad_bad(a, "record has no name");
    if (a->bad) {
        nomen__recbuild_reset(a->rb);
        const char *why = a->why.len > 0 ? nomen__buf_str(&a->why) : "bad record";
        return nomen__loader_bad_record(a->ld, a->source, a->src->name, a->rec_line, a->rec_col,
                                        "%s", why);
    }
    if (!nomen__recset_commit(a->ld->set, a->source, a->rb))
        return nomen__xad_nomem(a);
    /* The set's sources array does not move on commit, but re-read it. */
    a->ld->set->sources[a->source].records_loaded++;
    return NOMEN_OK;
}

bool nomen__xad_too_long(nomen__xad *a, const nomen__xml *x, const char *name, int *rc)
{
    if (!nomen__xml_text_too_long(x))
        return false;
    if (a->in_rec) {
        nomen__xad_bad(a, "<%s> at %lu:%lu is longer than %zu bytes", name, nomen__xml_line(x),
                       nomen__xml_col(x), a->ld->max_field_bytes);
    } else {
        *rc = nomen__err_set(&a->ld->err, NOMEN_ERR_LIMIT,
                             "%s:%lu:%lu: <%s> is longer than %zu bytes", a->src->name,
                             nomen__xml_line(x), nomen__xml_col(x), name, a->ld->max_field_bytes);
    }
    return true;
}

int nomen__xad_nomem(nomen__xad *a)
{
    return nomen__err_set(&a->ld->err, NOMEN_ERR_NOMEM, "%s: out of memory", a->src->name);
}

int nomen__xad_root(nomen__xad *a, const nomen__xml *x, const char *name, const char *want)
{
    if (strcmp(name, want) == 0)
        return NOMEN_OK;
    return nomen__err_set(&a->ld->err, NOMEN_ERR_PARSE,
                          "%s:%lu:%lu: expected <%s> as the root element, found <%s>", a->src->name,
                          nomen__xml_line(x), nomen__xml_col(x), want, name);
}

int nomen__xad_end(nomen__xad *a, int rc)
{
    if (a->ld != NULL && a->ld->set != NULL && a->source < a->ld->set->nsources) {
        a->ld->set->sources[a->source].checksum = a->src->checksum;
    }
    if (a->rb != NULL)
        nomen__recbuild_reset(a->rb);
    nomen__buf_free(&a->why);
    nomen__buf_free(&a->tmp);
    nomen__buf_free(&a->kv);
    return rc;
}

const char *nomen__xad_trim(const char *s, size_t *n)
{
    size_t len = *n;
    while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
        s++;
        len--;
    }
    while (len > 0 &&
           (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' || s[len - 1] == '\n'))
        len--;
    *n = len;
    return s;
}

bool nomen__xad_ieq(const char *s, size_t n, const char *lit)
{
    size_t i = 0;
    for (; i < n && lit[i] != '\0'; i++) {
        char c = s[i], d = lit[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (d >= 'A' && d <= 'Z')
            d = (char)(d + 32);
        if (c != d)
            return false;
    }
    return i == n && lit[i] == '\0';
}

bool nomen__xad_remark_kv(nomen__xad *a, const char *key, const char *val, size_t n)
{
    val = nomen__xad_trim(val, &n);
    if (n == 0)
        return true;
    /* Its own buffer: val may point into a->tmp. */
    nomen__buf_clear(&a->kv);
    return nomen__buf_addf(&a->kv, "%s: ", key) && nomen__buf_add(&a->kv, val, n) &&
           nomen__recbuild_add_remark(a->rb, a->kv.data, a->kv.len);
}

bool nomen__xad_compose(nomen__xad *a, const char *family, size_t fn, const char *given, size_t gn)
{
    family = nomen__xad_trim(family, &fn);
    given = nomen__xad_trim(given, &gn);
    nomen__buf_clear(&a->tmp);
    if (!nomen__buf_reserve(&a->tmp, fn + gn + 3))
        return false;
    nomen__buf_add(&a->tmp, family, fn);
    if (fn > 0 && gn > 0)
        nomen__buf_add(&a->tmp, ", ", 2);
    nomen__buf_add(&a->tmp, given, gn);
    nomen__buf_addc(&a->tmp, '\0');
    a->tmp.len--; /* keep it NUL-terminated, not counted */
    return true;
}

bool nomen__xad_non_latin(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp = 0;
        int k = nomen__utf8_next(s + i, n - i, &cp);
        if (k <= 0)
            return false;
        int script = nomen__script_of(cp);
        if (script != NOMEN_SCRIPT_UNKNOWN && script != NOMEN_SCRIPT_LATIN)
            return true;
        i += (size_t)k;
    }
    return false;
}

/* ---- OFAC (sdnList XML and Enhanced XML) ------------------------------ */

/* "Chinese Commercial Code 7115 0356 0948" anywhere in a remark: the digit
 * groups are kept for the romanizer. OFAC writes four-digit groups. */
static bool scan_telegraph(nomen__recbuild *rb, const char *s, size_t n)
{
    static const char key[] = "Commercial Code";
    const size_t kn = sizeof(key) - 1;
    for (size_t i = 0; i + kn <= n; i++) {
        if (memcmp(s + i, key, kn) != 0)
            continue;
        size_t j = i + kn;
        while (j < n && (s[j] == ' ' || s[j] == ':'))
            j++;
        size_t start = j, end = j;
        while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == ' ')) {
            if (s[j] != ' ')
                end = j + 1;
            j++;
        }
        if (end > start)
            return nomen__recbuild_set_telegraph(rb, s + start, end - start);
    }
    return true;
}

/* "Chinese Simplified: <name>" or "Chinese Traditional: <name>" in a remark,
 * up to ';', ')' or the end: a name in its original script. */
static bool scan_chinese_names(nomen__recbuild *rb, const char *s, size_t n)
{
    static const char *const keys[] = {"Chinese Simplified:", "Chinese Traditional:"};
    for (size_t k = 0; k < NOMEN__ARRAY_LEN(keys); k++) {
        size_t kn = strlen(keys[k]);
        for (size_t i = 0; i + kn <= n; i++) {
            if (memcmp(s + i, keys[k], kn) != 0)
                continue;
            size_t j = i + kn, start = j;
            while (j < n && s[j] != ';' && s[j] != ')')
                j++;
            size_t len = j - start;
            const char *name = nomen__xad_trim(s + start, &len);
            if (len > 0 &&
                !nomen__recbuild_add_name(rb, NOMEN__NAME_ORIGINAL, NOMEN__QUAL_STRONG, name, len,
                                          NULL, 0, NULL, 0, NULL, 0, keys[k], kn - 1))
                return false;
        }
    }
    return true;
}

/* OFAC's idList also carries sanctions information that is not an
 * identifier: "Secondary sanctions risk:", "Executive Order 13662 Directive
 * Determination -", "Listing Date (CMIC)", "Target Type", ... (the types seen
 * in the 2025 consolidated.xml and the Enhanced XML feature types). Those go
 * to the remarks; a type ending in ':' or '-' is such a heading too. Websites,
 * e-mail addresses, SWIFT/BIC, ISIN and tickers stay identifiers: they name
 * the subject. */
bool nomen__xad_ofac_information(const char *type, size_t n)
{
    static const char *const info[] = {"Secondary sanctions risk",
                                       "Executive Order",
                                       "Additional Sanctions Information",
                                       "CAATSA",
                                       "Target Type",
                                       "Organization Type",
                                       "Issuer Name",
                                       "Listing Date",
                                       "Effective Date",
                                       "Purchase/Sales",
                                       "Organization Established Date",
                                       "Transactions Prohibited",
                                       "Peesa"};
    for (size_t i = 0; i < NOMEN__ARRAY_LEN(info); i++) {
        size_t k = strlen(info[i]);
        if (n >= k && memcmp(type, info[i], k) == 0)
            return true;
    }
    return n > 0 && (type[n - 1] == ':' || type[n - 1] == '-');
}

bool nomen__xad_ofac_remarks(nomen__xad *a, const char *s, size_t n)
{
    return nomen__recbuild_add_remark(a->rb, s, n) && scan_telegraph(a->rb, s, n) &&
           scan_chinese_names(a->rb, s, n);
}

/* ---- format detection ---------------------------------------------------- */

typedef struct sniff {
    XML_Parser p;
    int format;
    bool done;
} sniff;

static void XMLCALL sniff_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    static const struct {
        const char *root;
        int format;
    } roots[] = {
        {"sdnList", NOMEN__FMT_OFAC_XML},
        {"sanctionsData", NOMEN__FMT_OFAC_ENHANCED},
        {"data-set", NOMEN__FMT_CA_XML},
        {"CONSOLIDATED_LIST", NOMEN__FMT_UN_XML},
    };
    sniff *s = ud;
    (void)atts;
    const char *sep = strrchr(name, '\x01');
    const char *local = sep != NULL ? sep + 1 : name;
    for (size_t i = 0; i < NOMEN__ARRAY_LEN(roots); i++)
        if (strcmp(local, roots[i].root) == 0)
            s->format = roots[i].format;
    /* "export" is a common word: accept it in the EU namespace or in none. */
    if (strcmp(local, "export") == 0 &&
        (sep == NULL || strncmp(name, "http://eu.europa.ec/fpi/fsd/export", 34) == 0))
        s->format = NOMEN__FMT_EU_XML;
    s->done = true;
    XML_StopParser(s->p, XML_FALSE);
}

static void XMLCALL sniff_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                                  const XML_Char *pubid, int has_internal_subset)
{
    sniff *s = ud;
    (void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
    s->done = true; /* no list format has one: not ours */
    XML_StopParser(s->p, XML_FALSE);
}

int nomen__xml_detect(const void *head, size_t len)
{
    if (len > INT_MAX)
        len = INT_MAX;
    sniff s = {XML_ParserCreateNS(NULL, '\x01'), NOMEN__FMT_AUTO, false};
    if (s.p == NULL)
        return NOMEN__FMT_AUTO;
    XML_SetUserData(s.p, &s);
    XML_SetStartElementHandler(s.p, sniff_start);
    XML_SetStartDoctypeDeclHandler(s.p, sniff_doctype);
    XML_SetParamEntityParsing(s.p, XML_PARAM_ENTITY_PARSING_NEVER);
    /* Not final: the head is usually cut in the middle of the document. */
    XML_Parse(s.p, head, (int)len, XML_FALSE);
    XML_ParserFree(s.p);
    return s.format;
}
