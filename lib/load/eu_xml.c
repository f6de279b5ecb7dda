/*
 * eu_xml.c: the EU Financial Sanctions File adapter (xmlFullSanctionsList_1_1,
 * ../shared/docs/eu-fsf-format.md) (load stage). Field mapping:
 * docs/formats-xml.md.
 *
 * Layout: <export generationDate="..."> holds one <sanctionEntity> per subject
 * (attributes logicalId, euReferenceNumber, unitedNationId, designationDate,
 * designationDetails) whose children carry almost everything in attributes:
 * remark (text), regulation (programme, numberTitle, publicationDate),
 * subjectType (code person | enterprise), nameAlias (wholeName or first /
 * middle / last name, nameLanguage, strong, gender, title, function),
 * citizenship, birthdate, address and identification.
 *
 * Invariants: one record per sanctionEntity; it needs a logicalId (the
 * stable id, used as the list id), a subjectType and a name. The EU marks no
 * alias as primary: the first strong alias in a Latin-script language (no
 * nameLanguage, or a Latin-script name) is the primary name; an alias in
 * another script is an original-script name with nameLanguage as its
 * language; strong="false" is a weak alias. Unknown elements and attributes
 * are ignored, as the format description asks.
 */
#include "load/xmladapt.h"

#include <stdlib.h>
#include <string.h>

typedef struct eu {
    nomen__xad a;
    bool has_id, has_type, has_primary;
    int type; /* NOMEN__SUBJ_* from subjectType */
    bool imo; /* an identification is an IMO number: a vessel */
    nomen__buf id;
    nomen__buf t1, t2; /* scratch */
} eu;

/* Attribute value, or "" when absent. */
static const char *attr(const char *const *attrs, const char *name)
{
    const char *v = nomen__xml_attr(attrs, name);
    return v != NULL ? v : "";
}

/* Append attribute values joined by ", " to b (blank ones skipped). */
static bool join_attrs(nomen__buf *b, const char *const *attrs, const char *const *names,
                       size_t count)
{
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(attr(attrs, names[i]));
        const char *v = nomen__xad_trim(attr(attrs, names[i]), &n);
        if (n == 0)
            continue;
        if ((b->len > 0 && !nomen__buf_adds(b, ", ")) || !nomen__buf_add(b, v, n))
            return false;
    }
    return true;
}

static bool is_true(const char *v)
{
    size_t n = strlen(v);
    v = nomen__xad_trim(v, &n);
    return nomen__xad_ieq(v, n, "true");
}

static bool name_alias(eu *e, const char *const *attrs)
{
    nomen__recbuild *rb = e->a.rb;
    const char *first = attr(attrs, "firstName"), *middle = attr(attrs, "middleName"),
               *last = attr(attrs, "lastName"), *lang = attr(attrs, "nameLanguage");
    nomen__buf *full = &e->t1;
    nomen__buf_clear(full);
    size_t wn = strlen(attr(attrs, "wholeName"));
    const char *whole = nomen__xad_trim(attr(attrs, "wholeName"), &wn);
    if (wn > 0) {
        if (!nomen__buf_add(full, whole, wn))
            return false;
    } else {
        /* No wholeName: the parts in the EU's order, first middle last. */
        static const char *const parts[] = {"firstName", "middleName", "lastName"};
        for (size_t i = 0; i < NOMEN__ARRAY_LEN(parts); i++) {
            size_t n = strlen(attr(attrs, parts[i]));
            const char *v = nomen__xad_trim(attr(attrs, parts[i]), &n);
            if (n > 0 &&
                ((full->len > 0 && !nomen__buf_addc(full, ' ')) || !nomen__buf_add(full, v, n)))
                return false;
        }
    }
    if (full->len == 0)
        return true;
    bool strong = nomen__xml_attr(attrs, "strong") == NULL || is_true(attr(attrs, "strong"));
    bool original = nomen__xad_non_latin(full->data, full->len);
    int kind = NOMEN__NAME_AKA;
    if (original)
        kind = NOMEN__NAME_ORIGINAL;
    else if (strong && !e->has_primary) {
        kind = NOMEN__NAME_PRIMARY;
        e->has_primary = true;
    }
    bool ok = nomen__recbuild_add_name(rb, kind, strong ? NOMEN__QUAL_STRONG : NOMEN__QUAL_WEAK,
                                       full->data, full->len, first, strlen(first), middle,
                                       strlen(middle), last, strlen(last), lang, strlen(lang));
    const char *gender = attr(attrs, "gender");
    ok = ok && nomen__recbuild_set_gender(rb, gender, strlen(gender));
    const char *title = attr(attrs, "title"), *function = attr(attrs, "function");
    ok = ok && nomen__xad_remark_kv(&e->a, "Title", title, strlen(title)) &&
         nomen__xad_remark_kv(&e->a, "Function", function, strlen(function));
    return ok;
}

/* A birthdate element: text for the date parser, and the place. */
static bool birthdate(eu *e, const char *const *attrs)
{
    nomen__buf *t = &e->t1;
    nomen__buf_clear(t);
    bool ok = true;
    if (is_true(attr(attrs, "circa")))
        ok = nomen__buf_adds(t, "circa ");
    const char *full = attr(attrs, "birthdate"), *from = attr(attrs, "yearRangeFrom"),
               *to = attr(attrs, "yearRangeTo"), *year = attr(attrs, "year"),
               *month = attr(attrs, "month"), *day = attr(attrs, "day");
    size_t mark = t->len;
    if (*full)
        ok = ok && nomen__buf_adds(t, full);
    else if (*from && *to)
        ok = ok && nomen__buf_addf(t, "%s to %s", from, to);
    else if (*year && *month && *day)
        ok = ok && nomen__buf_addf(t, "%s-%02d-%02d", year, atoi(month), atoi(day));
    else if (*year && *month)
        ok = ok && nomen__buf_addf(t, "%s-%02d", year, atoi(month));
    else if (*year)
        ok = ok && nomen__buf_adds(t, year);
    if (ok && t->len > mark && !nomen__recbuild_add_dob(e->a.rb, t->data, t->len))
        return false;
    static const char *const place[] = {"city", "place", "region", "countryDescription"};
    nomen__buf *p = &e->t2;
    nomen__buf_clear(p);
    /* countryDescription "UNKNOWN" (code "00") says nothing. */
    size_t np = strcmp(attr(attrs, "countryIso2Code"), "00") == 0 ? 3 : 4;
    return ok && join_attrs(p, attrs, place, np) &&
           nomen__recbuild_add_pob(e->a.rb, p->data != NULL ? p->data : "", p->len);
}

/* The country of an element: its description, else its ISO code. */
static bool add_country(eu *e, char which, const char *const *attrs)
{
    const char *code = attr(attrs, "countryIso2Code");
    if (strcmp(code, "00") == 0)
        return true; /* "UNKNOWN" */
    const char *c = attr(attrs, "countryDescription");
    if (*c == '\0')
        c = code;
    return nomen__recbuild_add_country(e->a.rb, which, c, strlen(c));
}

static bool identification(eu *e, const char *const *attrs)
{
    const char *type = attr(attrs, "identificationTypeDescription");
    if (*type == '\0')
        type = attr(attrs, "identificationTypeCode");
    /* Vessels are listed as enterprises; their IMO number tells them apart. */
    if (strstr(type, "IMO") != NULL)
        e->imo = true;
    const char *number = attr(attrs, "number");
    if (*number == '\0')
        number = attr(attrs, "latinNumber");
    const char *country = attr(attrs, "countryDescription");
    if (strcmp(attr(attrs, "countryIso2Code"), "00") == 0)
        country = "";
    if (!nomen__recbuild_add_id(e->a.rb, type, strlen(type), number, strlen(number), country,
                                strlen(country)))
        return false;
    /* The document's status flags, when set. */
    static const char *const flags[] = {"diplomatic", "knownExpired", "knownFalse", "reportedLost",
                                        "revokedByIssuer"};
    nomen__buf *t = &e->t1;
    nomen__buf_clear(t);
    for (size_t i = 0; i < NOMEN__ARRAY_LEN(flags); i++)
        if (is_true(attr(attrs, flags[i])) &&
            !((t->len > 0 ? nomen__buf_adds(t, ", ")
                          : nomen__buf_addf(t, "Document %s: ", number)) &&
              nomen__buf_adds(t, flags[i])))
            return false;
    const char *by = attr(attrs, "issuedBy");
    if (*by && !nomen__buf_addf(t, "%sDocument %s issued by %s", t->len ? "; " : "", number, by))
        return false;
    return t->len == 0 || nomen__recbuild_add_remark(e->a.rb, t->data, t->len);
}

static int eu_start(void *ud, nomen__xml *x, const char *name, const char *const *attrs)
{
    eu *e = ud;
    int depth = nomen__xml_depth(x);
    nomen__recbuild *rb = e->a.rb;
    bool ok = true;
    if (depth == 1) {
        int rc = nomen__xad_root(&e->a, x, name, "export");
        const char *date = nomen__xml_attr(attrs, "generationDate");
        if (rc == NOMEN_OK && date != NULL)
            nomen__xad_set_date(&e->a, date, strlen(date));
        return rc;
    }
    if (depth == 2 && strcmp(name, "sanctionEntity") == 0) {
        nomen__xad_rec_start(&e->a, x);
        if (nomen__xml_text_too_long(x))
            nomen__xad_bad(&e->a, "<sanctionEntity> has an attribute longer than %zu bytes",
                           e->a.ld->max_field_bytes);
        e->has_type = e->has_primary = e->imo = false;
        e->type = NOMEN__SUBJ_UNKNOWN;
        const char *id = attr(attrs, "logicalId");
        size_t n = strlen(id);
        id = nomen__xad_trim(id, &n);
        e->has_id = n > 0;
        nomen__buf_clear(&e->id);
        const char *ref = attr(attrs, "euReferenceNumber"), *un = attr(attrs, "unitedNationId"),
                   *details = attr(attrs, "designationDetails"),
                   *date = attr(attrs, "designationDate");
        ok = (n == 0 || nomen__buf_add(&e->id, id, n)) && nomen__recbuild_set_id(rb, id, n) &&
             nomen__xad_remark_kv(&e->a, "EU reference", ref, strlen(ref)) &&
             nomen__xad_remark_kv(&e->a, "UN reference", un, strlen(un)) &&
             nomen__xad_remark_kv(&e->a, "Designation details", details, strlen(details)) &&
             nomen__recbuild_set_listed_on(rb, date, strlen(date) >= 10 ? 10 : strlen(date));
    } else if (!e->a.in_rec || depth != 3) {
        return NOMEN_OK;
    } else if (nomen__xml_text_too_long(x)) {
        nomen__xad_bad(&e->a, "<%s> at %lu:%lu has an attribute longer than %zu bytes", name,
                       nomen__xml_line(x), nomen__xml_col(x), e->a.ld->max_field_bytes);
    } else if (strcmp(name, "subjectType") == 0) {
        const char *code = attr(attrs, "code"), *cls = attr(attrs, "classificationCode");
        int type = NOMEN__SUBJ_UNKNOWN;
        if (strcmp(code, "person") == 0 || strcmp(cls, "P") == 0)
            type = NOMEN__SUBJ_INDIVIDUAL;
        else if (strcmp(code, "enterprise") == 0 || strcmp(cls, "E") == 0)
            type = NOMEN__SUBJ_ENTITY;
        e->has_type = true;
        e->type = type;
        ok = type != NOMEN__SUBJ_UNKNOWN ||
             nomen__xad_remark_kv(&e->a, "Subject type", code, strlen(code));
    } else if (strcmp(name, "nameAlias") == 0) {
        ok = name_alias(e, attrs);
    } else if (strcmp(name, "regulation") == 0) {
        const char *prog = attr(attrs, "programme"), *title = attr(attrs, "numberTitle");
        ok = nomen__recbuild_add_program(rb, prog, strlen(prog)) &&
             nomen__xad_remark_kv(&e->a, "Regulation", title, strlen(title));
    } else if (strcmp(name, "citizenship") == 0) {
        ok = add_country(e, 'c', attrs);
    } else if (strcmp(name, "birthdate") == 0) {
        ok = birthdate(e, attrs);
    } else if (strcmp(name, "address") == 0) {
        static const char *const parts[] = {
            "street", "poBox", "city", "zipCode", "region", "place", "countryDescription"};
        nomen__buf_clear(&e->t2);
        ok = add_country(e, 'a', attrs) && join_attrs(&e->t2, attrs, parts, 7) &&
             nomen__xad_remark_kv(&e->a, "Address", nomen__buf_str(&e->t2), e->t2.len);
    } else if (strcmp(name, "identification") == 0) {
        ok = identification(e, attrs);
    }
    return ok ? NOMEN_OK : nomen__xad_nomem(&e->a);
}

static int eu_end(void *ud, nomen__xml *x, const char *name, const char *text, size_t len)
{
    eu *e = ud;
    int rc = NOMEN_OK;
    if (nomen__xad_too_long(&e->a, x, name, &rc))
        return rc;
    if (!e->a.in_rec)
        return NOMEN_OK;
    int depth = nomen__xml_depth(x);
    if (depth == 2) {
        if (!e->has_id)
            nomen__xad_bad(&e->a, "sanctionEntity without a logicalId");
        else if (!e->has_type)
            nomen__xad_bad(&e->a, "sanctionEntity %s without <subjectType>",
                           nomen__buf_str(&e->id));
        else if (nomen__recbuild_name_count(e->a.rb) == 0)
            nomen__xad_bad(&e->a, "sanctionEntity %s without <nameAlias>", nomen__buf_str(&e->id));
        int type = e->type == NOMEN__SUBJ_ENTITY && e->imo ? NOMEN__SUBJ_VESSEL : e->type;
        if (!nomen__recbuild_set_type(e->a.rb, type))
            return nomen__xad_nomem(&e->a);
        return nomen__xad_rec_end(&e->a);
    }
    /* remark texts, of the entity or of one of its names */
    if (strcmp(name, "remark") == 0 && !nomen__recbuild_add_remark(e->a.rb, text, len))
        return nomen__xad_nomem(&e->a);
    return NOMEN_OK;
}

int nomen__load_eu_xml(nomen__loader *ld, nomen__src *src)
{
    eu e;
    memset(&e, 0, sizeof(e));
    int rc = nomen__xad_begin(&e.a, ld, src, "eu-fsf", "eu-xml");
    if (rc == NOMEN_OK)
        rc = nomen__xml_parse(ld, src, eu_start, eu_end, &e);
    nomen__buf_free(&e.id);
    nomen__buf_free(&e.t1);
    nomen__buf_free(&e.t2);
    return nomen__xad_end(&e.a, rc);
}
