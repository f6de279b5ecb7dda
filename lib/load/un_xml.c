/*
 * un_xml.c: the UN Security Council consolidated list adapter
 * (consolidated.xml, schema sc-sanctions.xsd) (load stage). Field mapping:
 * docs/formats-xml.md.
 *
 * Layout: <CONSOLIDATED_LIST dateGenerated="..."> holds <INDIVIDUALS> and
 * <ENTITIES>; each <INDIVIDUAL> / <ENTITY> (depth 3) has flat fields (DATAID,
 * FIRST_NAME .. FOURTH_NAME, UN_LIST_TYPE, REFERENCE_NUMBER, LISTED_ON,
 * NAME_ORIGINAL_SCRIPT, COMMENTS1, GENDER) and groups (depth 4) whose fields
 * are at depth 5: INDIVIDUAL_ALIAS / ENTITY_ALIAS (QUALITY, ALIAS_NAME, ...),
 * INDIVIDUAL_DATE_OF_BIRTH (TYPE_OF_DATE with DATE, YEAR or FROM_YEAR and
 * TO_YEAR), INDIVIDUAL_PLACE_OF_BIRTH, INDIVIDUAL_ADDRESS / ENTITY_ADDRESS,
 * INDIVIDUAL_DOCUMENT, NATIONALITY / TITLE / DESIGNATION (VALUE lists).
 *
 * Invariants: one record per INDIVIDUAL or ENTITY; it needs a
 * REFERENCE_NUMBER (the public identifier, "QDi.314": unique in the file; the
 * internal DATAID goes to the remarks) and a FIRST_NAME. The primary name is
 * the name parts joined by spaces in the list's order; the UN does not say
 * which part is the family name, so the parts are not labelled. Individual
 * alias QUALITY Good / Low is strong / weak; entity aliases carry a.k.a. /
 * f.k.a. in QUALITY instead.
 */
#include "load/xmladapt.h"

#include <string.h>

/* Group fields kept until the group's end tag. */
enum {
    G_NAME,    /* ALIAS_NAME, VALUE */
    G_QUALITY, /* QUALITY */
    G_TYPE,    /* TYPE_OF_DATE, TYPE_OF_DOCUMENT */
    G_TYPE2,   /* TYPE_OF_DOCUMENT2 */
    G_DATE,    /* DATE, YEAR, NUMBER */
    G_FROM,    /* FROM_YEAR */
    G_TO,      /* TO_YEAR */
    G_COUNTRY, /* COUNTRY, ISSUING_COUNTRY, COUNTRY_OF_ISSUE */
    G_PLACE,   /* place and address parts joined by ", " */
    G_BIRTH,   /* alias DATE_OF_BIRTH */
    G_BPLACE,  /* alias CITY_OF_BIRTH, COUNTRY_OF_BIRTH */
    G_NOTE,    /* NOTE, DATE_OF_ISSUE, CITY_OF_ISSUE ... as "Key: value; " */
    G_COUNT
};

enum { R_NAME, R_REF, R_COUNT };

typedef struct un {
    nomen__xad a;
    nomen__buf g[G_COUNT];
    nomen__buf r[R_COUNT];
    bool entity;
} un;

static bool put(nomen__buf *b, const char *t, size_t n)
{
    t = nomen__xad_trim(t, &n);
    nomen__buf_clear(b);
    return n == 0 || nomen__buf_add(b, t, n);
}

/* Append t to b with a separator (nothing when t is blank). */
static bool join(nomen__buf *b, const char *sep, const char *t, size_t n)
{
    t = nomen__xad_trim(t, &n);
    if (n == 0)
        return true;
    return (b->len == 0 || nomen__buf_adds(b, sep)) && nomen__buf_add(b, t, n);
}

#define G(u, k) nomen__buf_str(&(u)->g[k]), (u)->g[k].len

static int un_start(void *ud, nomen__xml *x, const char *name, const char *const *attrs)
{
    un *u = ud;
    int depth = nomen__xml_depth(x);
    if (depth == 1) {
        int rc = nomen__xad_root(&u->a, x, name, "CONSOLIDATED_LIST");
        const char *date = nomen__xml_attr(attrs, "dateGenerated");
        if (rc == NOMEN_OK && date != NULL)
            nomen__xad_set_date(&u->a, date, strlen(date));
        return rc;
    }
    if (depth == 3 && (strcmp(name, "INDIVIDUAL") == 0 || strcmp(name, "ENTITY") == 0)) {
        nomen__xad_rec_start(&u->a, x);
        u->entity = name[0] == 'E';
        for (int k = 0; k < R_COUNT; k++)
            nomen__buf_clear(&u->r[k]);
        if (!nomen__recbuild_set_type(u->a.rb,
                                      u->entity ? NOMEN__SUBJ_ENTITY : NOMEN__SUBJ_INDIVIDUAL))
            return nomen__xad_nomem(&u->a);
    } else if (depth == 4) {
        for (int k = 0; k < G_COUNT; k++)
            nomen__buf_clear(&u->g[k]);
    }
    return NOMEN_OK;
}

/* A flat field of the record (depth 4 with no children). */
static bool rec_field(un *u, const char *name, const char *t, size_t n)
{
    nomen__recbuild *rb = u->a.rb;
    if (strcmp(name, "FIRST_NAME") == 0 || strcmp(name, "SECOND_NAME") == 0 ||
        strcmp(name, "THIRD_NAME") == 0 || strcmp(name, "FOURTH_NAME") == 0)
        return join(&u->r[R_NAME], " ", t, n);
    if (strcmp(name, "REFERENCE_NUMBER") == 0)
        return put(&u->r[R_REF], t, n) && nomen__recbuild_set_id(rb, t, n);
    if (strcmp(name, "DATAID") == 0)
        return nomen__xad_remark_kv(&u->a, "UN DATAID", t, n);
    if (strcmp(name, "UN_LIST_TYPE") == 0)
        return nomen__recbuild_add_program(rb, t, n);
    if (strcmp(name, "LISTED_ON") == 0) {
        /* "2001-01-25" or, ten times, "2001-01-25-05:00" (a time zone). */
        const char *s = nomen__xad_trim(t, &n);
        return nomen__recbuild_set_listed_on(rb, s, n > 10 && s[4] == '-' ? 10 : n);
    }
    if (strcmp(name, "NAME_ORIGINAL_SCRIPT") == 0) {
        const char *s = nomen__xad_trim(t, &n);
        return n == 0 || nomen__recbuild_add_name(rb, NOMEN__NAME_ORIGINAL, NOMEN__QUAL_STRONG, s,
                                                  n, NULL, 0, NULL, 0, NULL, 0, NULL, 0);
    }
    if (strcmp(name, "GENDER") == 0)
        return nomen__recbuild_set_gender(rb, t, n);
    if (strcmp(name, "COMMENTS1") == 0)
        return nomen__recbuild_add_remark(rb, t, n);
    if (strcmp(name, "VERSIONNUM") == 0 || strcmp(name, "SORT_KEY") == 0 ||
        strcmp(name, "SORT_KEY_LAST_MOD") == 0)
        return true; /* publication bookkeeping, not about the subject */
    return nomen__xad_remark_kv(&u->a, name, t, n);
}

/* A field inside a group (depth 5). */
static bool group_field(un *u, const char *group, const char *name, const char *t, size_t n)
{
    if (strcmp(name, "ALIAS_NAME") == 0 || strcmp(name, "VALUE") == 0)
        return strstr(group, "ALIAS") != NULL ? put(&u->g[G_NAME], t, n)
                                              : join(&u->g[G_NAME], "; ", t, n);
    if (strcmp(name, "QUALITY") == 0)
        return put(&u->g[G_QUALITY], t, n);
    if (strcmp(name, "TYPE_OF_DATE") == 0 || strcmp(name, "TYPE_OF_DOCUMENT") == 0)
        return put(&u->g[G_TYPE], t, n);
    if (strcmp(name, "TYPE_OF_DOCUMENT2") == 0)
        return put(&u->g[G_TYPE2], t, n);
    if (strcmp(name, "DATE") == 0 || strcmp(name, "YEAR") == 0 || strcmp(name, "NUMBER") == 0)
        return put(&u->g[G_DATE], t, n);
    if (strcmp(name, "FROM_YEAR") == 0)
        return put(&u->g[G_FROM], t, n);
    if (strcmp(name, "TO_YEAR") == 0)
        return put(&u->g[G_TO], t, n);
    if (strcmp(name, "DATE_OF_BIRTH") == 0)
        return put(&u->g[G_BIRTH], t, n);
    if (strcmp(name, "CITY_OF_BIRTH") == 0 || strcmp(name, "COUNTRY_OF_BIRTH") == 0)
        return join(&u->g[G_BPLACE], ", ", t, n);
    if (strcmp(name, "ISSUING_COUNTRY") == 0 || strcmp(name, "COUNTRY_OF_ISSUE") == 0) {
        if (u->g[G_COUNTRY].len == 0 && !put(&u->g[G_COUNTRY], t, n))
            return false;
        if (strcmp(name, "COUNTRY_OF_ISSUE") == 0)
            return true;
        const char *s = nomen__xad_trim(t, &n);
        nomen__buf *note = &u->g[G_NOTE];
        return n == 0 || ((note->len == 0 || nomen__buf_adds(note, "; ")) &&
                          nomen__buf_adds(note, "issued by ") && nomen__buf_add(note, s, n));
    }
    if (strcmp(name, "COUNTRY") == 0) {
        if (!put(&u->g[G_COUNTRY], t, n))
            return false;
        return join(&u->g[G_PLACE], ", ", t, n);
    }
    if (strcmp(name, "STREET") == 0 || strcmp(name, "CITY") == 0 ||
        strcmp(name, "STATE_PROVINCE") == 0 || strcmp(name, "ZIP_CODE") == 0)
        return join(&u->g[G_PLACE], ", ", t, n);
    /* NOTE, DATE_OF_ISSUE, CITY_OF_ISSUE, and anything new: keep as text. */
    const char *s = nomen__xad_trim(t, &n);
    nomen__buf *note = &u->g[G_NOTE];
    if (n == 0)
        return true;
    return (note->len == 0 || nomen__buf_adds(note, "; ")) &&
           (strcmp(name, "NOTE") == 0 ||
            (nomen__buf_adds(note, name) && nomen__buf_adds(note, ": "))) &&
           nomen__buf_add(note, s, n);
}

/* The date of birth of a group, as text the record parser reads. */
static bool add_dob(un *u)
{
    nomen__buf *tmp = &u->a.tmp;
    nomen__buf_clear(tmp);
    const char *type = nomen__buf_str(&u->g[G_TYPE]);
    /* APPROXIMATELY, or a BETWEEN range whose NOTE says "Approximately"
     * (the Taliban list writes it so). */
    bool circa = strcmp(type, "APPROXIMATELY") == 0;
    if (nomen__xad_ieq(G(u, G_NOTE), "Approximately")) {
        circa = true;
        nomen__buf_clear(&u->g[G_NOTE]);
    }
    if (u->g[G_FROM].len > 0 || u->g[G_TO].len > 0) {
        /* BETWEEN: FROM_YEAR and TO_YEAR */
        if (!nomen__buf_addf(tmp, "%s%s to %s", circa ? "circa " : "",
                             nomen__buf_str(&u->g[G_FROM]), nomen__buf_str(&u->g[G_TO])))
            return false;
    } else if (u->g[G_DATE].len > 0) {
        if (!nomen__buf_addf(tmp, "%s%s", circa ? "circa " : "", nomen__buf_str(&u->g[G_DATE])))
            return false;
    }
    if (tmp->len > 0 && !nomen__recbuild_add_dob(u->a.rb, tmp->data, tmp->len))
        return false;
    return nomen__xad_remark_kv(&u->a, "Date of birth", G(u, G_NOTE));
}

static bool group_end(un *u, const char *group)
{
    nomen__recbuild *rb = u->a.rb;
    if (strcmp(group, "INDIVIDUAL_ALIAS") == 0 || strcmp(group, "ENTITY_ALIAS") == 0) {
        if (u->g[G_NAME].len > 0) {
            int kind = NOMEN__NAME_AKA, quality = NOMEN__QUAL_UNKNOWN;
            const char *q = nomen__buf_str(&u->g[G_QUALITY]);
            size_t qn = u->g[G_QUALITY].len;
            if (nomen__xad_ieq(q, qn, "Good"))
                quality = NOMEN__QUAL_STRONG;
            else if (nomen__xad_ieq(q, qn, "Low"))
                quality = NOMEN__QUAL_WEAK;
            else if (nomen__xad_ieq(q, qn, "f.k.a."))
                kind = NOMEN__NAME_FKA;
            else if (nomen__xad_ieq(q, qn, "n.k.a."))
                kind = NOMEN__NAME_NKA;
            if (!nomen__recbuild_add_name(rb, kind, quality, G(u, G_NAME), NULL, 0, NULL, 0, NULL,
                                          0, NULL, 0))
                return false;
        }
        if (u->g[G_BIRTH].len > 0 && !nomen__recbuild_add_dob(rb, G(u, G_BIRTH)))
            return false;
        if (u->g[G_BPLACE].len > 0 && !nomen__recbuild_add_pob(rb, G(u, G_BPLACE)))
            return false;
        if (u->g[G_NOTE].len == 0)
            return true;
        nomen__buf_clear(&u->a.tmp);
        return nomen__buf_addf(&u->a.tmp, "Alias %s: %s", nomen__buf_str(&u->g[G_NAME]),
                               nomen__buf_str(&u->g[G_NOTE])) &&
               nomen__recbuild_add_remark(rb, u->a.tmp.data, u->a.tmp.len);
    }
    if (strcmp(group, "INDIVIDUAL_DATE_OF_BIRTH") == 0)
        return add_dob(u);
    if (strcmp(group, "INDIVIDUAL_PLACE_OF_BIRTH") == 0)
        return nomen__recbuild_add_pob(rb, G(u, G_PLACE)) &&
               nomen__xad_remark_kv(&u->a, "Place of birth", G(u, G_NOTE));
    if (strcmp(group, "INDIVIDUAL_ADDRESS") == 0 || strcmp(group, "ENTITY_ADDRESS") == 0)
        return nomen__recbuild_add_country(rb, 'a', G(u, G_COUNTRY)) &&
               nomen__xad_remark_kv(&u->a, "Address", G(u, G_PLACE)) &&
               nomen__xad_remark_kv(&u->a, "Address note", G(u, G_NOTE));
    if (strcmp(group, "INDIVIDUAL_DOCUMENT") == 0) {
        nomen__buf *type = &u->a.tmp;
        nomen__buf_clear(type);
        if (!nomen__buf_adds(type, nomen__buf_str(&u->g[G_TYPE])) ||
            (u->g[G_TYPE2].len > 0 &&
             !(nomen__buf_adds(type, type->len ? " / " : "") &&
               nomen__buf_add(type, u->g[G_TYPE2].data, u->g[G_TYPE2].len))))
            return false;
        if (u->g[G_DATE].len > 0) {
            if (!nomen__recbuild_add_id(rb, nomen__buf_str(type), type->len, G(u, G_DATE),
                                        G(u, G_COUNTRY)))
                return false;
            if (u->g[G_NOTE].len == 0)
                return true;
            nomen__buf_clear(type);
            return nomen__buf_addf(type, "Document %s: %s", nomen__buf_str(&u->g[G_DATE]),
                                   nomen__buf_str(&u->g[G_NOTE])) &&
                   nomen__recbuild_add_remark(rb, type->data, type->len);
        }
        /* No number: keep what is said about the document. */
        if (u->g[G_NOTE].len > 0 && !(nomen__buf_adds(type, type->len ? ": " : "") &&
                                      nomen__buf_add(type, u->g[G_NOTE].data, u->g[G_NOTE].len)))
            return false;
        return nomen__xad_remark_kv(&u->a, "Document", nomen__buf_str(type), type->len);
    }
    if (strcmp(group, "NATIONALITY") == 0) {
        /* One country per VALUE: re-split the joined list. */
        const char *s = nomen__buf_str(&u->g[G_NAME]);
        while (*s) {
            const char *e = strstr(s, "; ");
            size_t n = e ? (size_t)(e - s) : strlen(s);
            if (!nomen__recbuild_add_country(rb, 'n', s, n))
                return false;
            s += n + (e ? 2 : 0);
        }
        return true;
    }
    if (strcmp(group, "TITLE") == 0)
        return nomen__xad_remark_kv(&u->a, "Title", G(u, G_NAME));
    if (strcmp(group, "DESIGNATION") == 0)
        return nomen__xad_remark_kv(&u->a, "Designation", G(u, G_NAME));
    if (strcmp(group, "LIST_TYPE") == 0 || strcmp(group, "LAST_DAY_UPDATED") == 0)
        return true; /* always "UN List"; update dates are bookkeeping */
    return nomen__xad_remark_kv(&u->a, group, G(u, G_NAME));
}

/* The record's children that group fields (even when empty, "<X />"). */
static bool is_group(const char *name)
{
    static const char *const groups[] = {"INDIVIDUAL_ALIAS",
                                         "ENTITY_ALIAS",
                                         "INDIVIDUAL_DATE_OF_BIRTH",
                                         "INDIVIDUAL_PLACE_OF_BIRTH",
                                         "INDIVIDUAL_ADDRESS",
                                         "ENTITY_ADDRESS",
                                         "INDIVIDUAL_DOCUMENT",
                                         "NATIONALITY",
                                         "TITLE",
                                         "DESIGNATION",
                                         "LIST_TYPE",
                                         "LAST_DAY_UPDATED"};
    for (size_t i = 0; i < NOMEN__ARRAY_LEN(groups); i++)
        if (strcmp(name, groups[i]) == 0)
            return true;
    return false;
}

static int rec_end(un *u)
{
    if (u->r[R_REF].len == 0)
        nomen__xad_bad(&u->a, "%s without <REFERENCE_NUMBER>", u->entity ? "ENTITY" : "INDIVIDUAL");
    else if (u->r[R_NAME].len == 0)
        nomen__xad_bad(&u->a, "%s %s without <FIRST_NAME>", u->entity ? "ENTITY" : "INDIVIDUAL",
                       nomen__buf_str(&u->r[R_REF]));
    if (!u->a.bad && !nomen__recbuild_add_name(u->a.rb, NOMEN__NAME_PRIMARY, NOMEN__QUAL_STRONG,
                                               u->r[R_NAME].data, u->r[R_NAME].len, NULL, 0, NULL,
                                               0, NULL, 0, NULL, 0))
        return nomen__xad_nomem(&u->a);
    return nomen__xad_rec_end(&u->a);
}

static int un_end(void *ud, nomen__xml *x, const char *name, const char *text, size_t len)
{
    un *u = ud;
    int rc = NOMEN_OK;
    if (nomen__xad_too_long(&u->a, x, name, &rc))
        return rc;
    if (!u->a.in_rec)
        return NOMEN_OK;
    int depth = nomen__xml_depth(x);
    bool ok = true;
    if (depth == 3)
        return rec_end(u);
    if (depth == 4)
        ok = is_group(name) ? group_end(u, name) : rec_field(u, name, text, len);
    else if (depth == 5)
        ok = group_field(u, nomen__xml_ancestor(x, 1), name, text, len);
    else
        ok = nomen__xad_remark_kv(&u->a, name, text, len);
    return ok ? NOMEN_OK : nomen__xad_nomem(&u->a);
}

int nomen__load_un_xml(nomen__loader *ld, nomen__src *src)
{
    un u;
    memset(&u, 0, sizeof(u));
    int rc = nomen__xad_begin(&u.a, ld, src, "un-sc", "un-xml");
    if (rc == NOMEN_OK)
        rc = nomen__xml_parse(ld, src, un_start, un_end, &u);
    for (int k = 0; k < G_COUNT; k++)
        nomen__buf_free(&u.g[k]);
    for (int k = 0; k < R_COUNT; k++)
        nomen__buf_free(&u.r[k]);
    return nomen__xad_end(&u.a, rc);
}
