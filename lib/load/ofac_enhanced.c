/*
 * ofac_enhanced.c: the OFAC Enhanced XML adapter (SDN_ENHANCED.XML,
 * CONS_ENHANCED.XML; schema ENHANCED_XML.xsd) (load stage). Field mapping:
 * docs/formats-xml.md.
 *
 * Layout: <sanctionsData> holds <publicationInfo> (dataAsOf, filters), the
 * reference tables, and <entities>/<entity id="..."> (depth 3). An entity has
 * sections (depth 4): generalInfo (identityId, entityType, remarks, title,
 * ...), sanctionsLists/sanctionsList (with datePublished),
 * sanctionsPrograms/sanctionsProgram, sanctionsTypes, legalAuthorities,
 * names/name (isPrimary, aliasType, isLowQuality, then
 * translations/translation with isPrimary, script, formatted names and
 * nameParts), addresses/address (country, translations/addressParts),
 * features/feature (type, value, valueDate, ...), identityDocuments and
 * relationships.
 *
 * Invariants: one record per entity; it needs its id attribute and a name.
 * The schema fixes the order of a name's children (flags before
 * translations) and of a feature's (value before valueDate), so each
 * translation and feature is complete at its end tag. Each translation of
 * each name is one record name: the primary translation of the primary name
 * is the primary name; a translation in a non-Latin script is an
 * original-script name with the script as its language; the rest take the
 * alias type (A.K.A., F.K.A., N.K.A.). isLowQuality makes a name weak. The
 * listing date is the earliest datePublished of the entity's lists.
 */
#include "load/xmladapt.h"

#include <string.h>

/* Strings kept while an element group is open. */
enum {
    E_ID,      /* entity id attribute */
    E_LISTED,  /* earliest datePublished so far */
    N_ALIAS,   /* name aliasType */
    T_SCRIPT,  /* translation script */
    T_FULL,    /* formattedFullName */
    T_FIRST,   /* formattedFirstName */
    T_LAST,    /* formattedLastName */
    T_MIDDLE,  /* namePart "Middle Name" */
    P_TYPE,    /* namePart / addressPart type */
    P_VALUE,   /* namePart / addressPart value */
    A_COUNTRY, /* address country */
    A_PARTS,   /* address parts joined by ", " */
    F_TYPE,    /* feature / document / relationship type */
    F_VALUE,   /* feature value, documentNumber, relatedEntity */
    F_FROM,    /* valueDate fromDateBegin */
    F_TO,      /* valueDate toDateEnd */
    F_COUNTRY, /* issuingCountry */
    F_NOTE,    /* other fields as "key: value; " */
    S_COUNT
};

typedef struct enh {
    nomen__xad a;
    nomen__buf s[S_COUNT];
    bool name_primary, name_low, tr_primary, approx, range;
    bool cons_filter; /* publicationInfo filters on the Consolidated List */
} enh;

#define S(e, k) nomen__buf_str(&(e)->s[k]), (e)->s[k].len

static bool set(enh *e, int k, const char *t, size_t n)
{
    t = nomen__xad_trim(t, &n);
    nomen__buf_clear(&e->s[k]);
    return n == 0 || nomen__buf_add(&e->s[k], t, n);
}

static bool join(nomen__buf *b, const char *sep, const char *t, size_t n)
{
    t = nomen__xad_trim(t, &n);
    if (n == 0)
        return true;
    return (b->len == 0 || nomen__buf_adds(b, sep)) && nomen__buf_add(b, t, n);
}

static bool is_true(const char *t, size_t n)
{
    t = nomen__xad_trim(t, &n);
    return nomen__xad_ieq(t, n, "true");
}

static void clear(enh *e, int from, int to)
{
    for (int k = from; k <= to; k++)
        nomen__buf_clear(&e->s[k]);
}

static int enh_start(void *ud, nomen__xml *x, const char *name, const char *const *attrs)
{
    enh *e = ud;
    int depth = nomen__xml_depth(x);
    if (depth == 1)
        return nomen__xad_root(&e->a, x, name, "sanctionsData");
    if (depth == 3 && strcmp(name, "entity") == 0 &&
        strcmp(nomen__xml_ancestor(x, 1), "entities") == 0) {
        nomen__xad_rec_start(&e->a, x);
        clear(e, 0, S_COUNT - 1);
        const char *id = nomen__xml_attr(attrs, "id");
        if (id != NULL && !set(e, E_ID, id, strlen(id)))
            return nomen__xad_nomem(&e->a);
        return NOMEN_OK;
    }
    if (!e->a.in_rec)
        return NOMEN_OK;
    if (strcmp(name, "name") == 0 && depth == 5) {
        e->name_primary = e->name_low = false;
        nomen__buf_clear(&e->s[N_ALIAS]);
    } else if (strcmp(name, "translation") == 0) {
        e->tr_primary = false;
        clear(e, T_SCRIPT, P_VALUE);
    } else if (strcmp(name, "namePart") == 0 || strcmp(name, "addressPart") == 0) {
        clear(e, P_TYPE, P_VALUE);
    } else if (strcmp(name, "address") == 0 && depth == 5) {
        clear(e, A_COUNTRY, A_PARTS);
    } else if (depth == 5 &&
               (strcmp(name, "feature") == 0 || strcmp(name, "identityDocument") == 0 ||
                strcmp(name, "relationship") == 0)) {
        clear(e, F_TYPE, F_NOTE);
        e->approx = e->range = false;
    } else if (strcmp(name, "sanctionsList") == 0) {
        /* The earliest date the entity was published on any list. */
        const char *d = nomen__xml_attr(attrs, "datePublished");
        if (d != NULL && strlen(d) >= 10 &&
            (e->s[E_LISTED].len == 0 || strncmp(d, nomen__buf_str(&e->s[E_LISTED]), 10) < 0) &&
            !set(e, E_LISTED, d, 10))
            return nomen__xad_nomem(&e->a);
    }
    return NOMEN_OK;
}

static int subject_type(const char *t, size_t n)
{
    t = nomen__xad_trim(t, &n);
    if (nomen__xad_ieq(t, n, "Individual"))
        return NOMEN__SUBJ_INDIVIDUAL;
    if (nomen__xad_ieq(t, n, "Entity"))
        return NOMEN__SUBJ_ENTITY;
    if (nomen__xad_ieq(t, n, "Vessel"))
        return NOMEN__SUBJ_VESSEL;
    if (nomen__xad_ieq(t, n, "Aircraft"))
        return NOMEN__SUBJ_AIRCRAFT;
    return NOMEN__SUBJ_UNKNOWN;
}

static bool translation_end(enh *e)
{
    nomen__recbuild *rb = e->a.rb;
    const char *script = nomen__buf_str(&e->s[T_SCRIPT]);
    size_t sn = e->s[T_SCRIPT].len;
    bool latin = sn == 0 || nomen__xad_ieq(script, sn, "Latin");
    int kind = NOMEN__NAME_AKA;
    if (!latin)
        kind = NOMEN__NAME_ORIGINAL;
    else if (e->name_primary && e->tr_primary)
        kind = NOMEN__NAME_PRIMARY;
    else if (e->name_primary)
        kind = NOMEN__NAME_VARIATION;
    else if (nomen__xad_ieq(S(e, N_ALIAS), "F.K.A."))
        kind = NOMEN__NAME_FKA;
    else if (nomen__xad_ieq(S(e, N_ALIAS), "N.K.A."))
        kind = NOMEN__NAME_NKA;
    int quality = e->name_low ? NOMEN__QUAL_WEAK : NOMEN__QUAL_STRONG;
    const char *full = nomen__buf_str(&e->s[T_FULL]);
    size_t fn = e->s[T_FULL].len;
    if (fn == 0) {
        if (!nomen__xad_compose(&e->a, S(e, T_LAST), S(e, T_FIRST)))
            return false;
        full = e->a.tmp.data != NULL ? e->a.tmp.data : "";
        fn = e->a.tmp.len;
    }
    if (fn == 0)
        return true;
    /* Parts only for a person's name (a first name is given); an entity's
     * formattedLastName is its whole name. */
    bool parts = e->s[T_FIRST].len > 0;
    return nomen__recbuild_add_name(
        rb, kind, quality, full, fn, parts ? e->s[T_FIRST].data : NULL,
        parts ? e->s[T_FIRST].len : 0, parts ? e->s[T_MIDDLE].data : NULL,
        parts ? e->s[T_MIDDLE].len : 0, parts ? e->s[T_LAST].data : NULL,
        parts ? e->s[T_LAST].len : 0, latin ? NULL : script, latin ? 0 : sn);
}

static bool feature_end(enh *e)
{
    nomen__recbuild *rb = e->a.rb;
    const char *type = nomen__buf_str(&e->s[F_TYPE]);
    size_t tn = e->s[F_TYPE].len;
    const char *v = nomen__buf_str(&e->s[F_VALUE]);
    size_t vn = e->s[F_VALUE].len;
    bool ok = true;
    if (nomen__xad_ieq(type, tn, "Birthdate")) {
        /* value is the date as OFAC prints it ("1967", "05 Jan 1960");
         * valueDate says whether it is approximate or a range. */
        nomen__buf *t = &e->a.tmp;
        nomen__buf_clear(t);
        if (e->approx)
            ok = nomen__buf_adds(t, "circa ");
        if (e->range && e->s[F_FROM].len >= 4 && e->s[F_TO].len >= 4 && strstr(v, " to ") == NULL)
            ok = ok && nomen__buf_add(t, e->s[F_FROM].data, 4) && nomen__buf_adds(t, " to ") &&
                 nomen__buf_add(t, e->s[F_TO].data, 4);
        else if (vn > 0)
            ok = ok && nomen__buf_add(t, v, vn);
        else if (e->s[F_FROM].len > 0)
            ok = ok && nomen__buf_add(t, S(e, F_FROM));
        ok = ok && (t->len == 0 || nomen__recbuild_add_dob(rb, t->data, t->len));
    } else if (nomen__xad_ieq(type, tn, "Place of Birth")) {
        ok = nomen__recbuild_add_pob(rb, v, vn);
    } else if (nomen__xad_ieq(type, tn, "Nationality Country") ||
               nomen__xad_ieq(type, tn, "Nationality of Registration")) {
        ok = nomen__recbuild_add_country(rb, 'n', v, vn);
    } else if (nomen__xad_ieq(type, tn, "Citizenship Country")) {
        ok = nomen__recbuild_add_country(rb, 'c', v, vn);
    } else if (nomen__xad_ieq(type, tn, "Gender")) {
        ok = nomen__recbuild_set_gender(rb, v, vn);
    } else if (vn == 0 && e->s[F_FROM].len > 0) {
        ok = nomen__xad_remark_kv(&e->a, type, S(e, F_FROM));
    } else if (nomen__xad_ofac_information(type, tn) || vn == 0) {
        nomen__buf *t = &e->a.tmp;
        nomen__buf_clear(t);
        ok = nomen__buf_add(t, type, tn) && nomen__buf_addc(t, ' ') && nomen__buf_add(t, v, vn) &&
             nomen__recbuild_add_remark(rb, t->data, t->len);
    } else {
        ok = nomen__recbuild_add_id(rb, type, tn, v, vn, NULL, 0);
    }
    return ok && nomen__xad_remark_kv(&e->a, "Note", S(e, F_NOTE));
}

static bool document_end(enh *e)
{
    nomen__recbuild *rb = e->a.rb;
    if (e->s[F_VALUE].len == 0)
        return nomen__xad_remark_kv(&e->a, "Document", S(e, F_TYPE));
    if (!nomen__recbuild_add_id(rb, S(e, F_TYPE), S(e, F_VALUE), S(e, F_COUNTRY)))
        return false;
    if (e->s[F_NOTE].len == 0)
        return true;
    nomen__buf *t = &e->a.tmp;
    nomen__buf_clear(t);
    return nomen__buf_addf(t, "Document %s: %s", nomen__buf_str(&e->s[F_VALUE]),
                           nomen__buf_str(&e->s[F_NOTE])) &&
           nomen__recbuild_add_remark(rb, t->data, t->len);
}

/* A field of a feature, identity document or relationship (depth 6 or,
 * for valueDate, 7). */
static bool item_field(enh *e, const char *item, const char *name, const char *t, size_t n)
{
    if (strcmp(name, "type") == 0)
        return set(e, F_TYPE, t, n);
    if (strcmp(name, "value") == 0 || strcmp(name, "documentNumber") == 0 ||
        strcmp(name, "relatedEntity") == 0)
        return set(e, F_VALUE, t, n);
    if (strcmp(name, "issuingCountry") == 0)
        return set(e, F_COUNTRY, t, n);
    if (strcmp(name, "fromDateBegin") == 0)
        return set(e, F_FROM, t, n);
    if (strcmp(name, "toDateEnd") == 0)
        return set(e, F_TO, t, n);
    if (strcmp(name, "isApproximate") == 0) {
        e->approx = is_true(t, n);
        return true;
    }
    if (strcmp(name, "isDateRange") == 0) {
        e->range = is_true(t, n);
        return true;
    }
    /* Bookkeeping with no meaning for screening. */
    if (strcmp(name, "versionId") == 0 || strcmp(name, "valueRefId") == 0 ||
        strcmp(name, "isPrimary") == 0 || strcmp(name, "reliability") == 0 ||
        strcmp(name, "name") == 0 || strcmp(name, "valueDate") == 0 ||
        strcmp(name, "fromDateEnd") == 0 || strcmp(name, "toDateBegin") == 0 ||
        (strcmp(name, "isValid") == 0 && is_true(t, n)))
        return true;
    (void)item;
    t = nomen__xad_trim(t, &n);
    if (n == 0)
        return true;
    nomen__buf *note = &e->s[F_NOTE];
    return (note->len == 0 || nomen__buf_adds(note, "; ")) && nomen__buf_adds(note, name) &&
           nomen__buf_adds(note, ": ") && nomen__buf_add(note, t, n);
}

static int entity_end(enh *e)
{
    if (e->s[E_ID].len == 0)
        nomen__xad_bad(&e->a, "entity without an id attribute");
    else if (nomen__recbuild_name_count(e->a.rb) == 0)
        nomen__xad_bad(&e->a, "entity %s without a name", nomen__buf_str(&e->s[E_ID]));
    if (!e->a.bad && (!nomen__recbuild_set_id(e->a.rb, S(e, E_ID)) ||
                      !nomen__recbuild_set_listed_on(e->a.rb, S(e, E_LISTED))))
        return nomen__xad_nomem(&e->a);
    return nomen__xad_rec_end(&e->a);
}

static int enh_end(void *ud, nomen__xml *x, const char *name, const char *text, size_t len)
{
    enh *e = ud;
    int rc = NOMEN_OK;
    if (nomen__xad_too_long(&e->a, x, name, &rc))
        return rc;
    int depth = nomen__xml_depth(x);
    const char *parent = nomen__xml_ancestor(x, 1);
    if (!e->a.in_rec) {
        if (strcmp(name, "dataAsOf") == 0 && strcmp(parent, "publicationInfo") == 0)
            nomen__xad_set_date(&e->a, text, len);
        else if (strcmp(name, "sanctionsList") == 0 &&
                 strcmp(nomen__xml_ancestor(x, 2), "filters") == 0)
            e->cons_filter |= strstr(text, "Consolidated") != NULL;
        return NOMEN_OK;
    }
    if (depth == 3)
        return entity_end(e);
    nomen__recbuild *rb = e->a.rb;
    bool ok = true;
    const char *section = depth >= 4 ? nomen__xml_ancestor(x, depth - 4) : "";

    if (strcmp(section, "generalInfo") == 0 && depth == 5) {
        if (strcmp(name, "entityType") == 0) {
            int type = subject_type(text, len);
            ok = type != NOMEN__SUBJ_UNKNOWN ? nomen__recbuild_set_type(rb, type)
                                             : nomen__xad_remark_kv(&e->a, "Type", text, len);
        } else if (strcmp(name, "remarks") == 0) {
            ok = nomen__xad_ofac_remarks(&e->a, text, len);
        } else if (strcmp(name, "title") == 0) {
            ok = nomen__xad_remark_kv(&e->a, "Title", text, len);
        } else if (strcmp(name, "livingStatus") == 0) {
            ok = nomen__xad_remark_kv(&e->a, "Living status", text, len);
        } else if (strcmp(name, "isUsCitizen") == 0 || strcmp(name, "isUsPerson") == 0) {
            ok = !is_true(text, len) || nomen__xad_remark_kv(&e->a, name, "true", 4);
        }
        /* identityId: OFAC's internal identity number, not kept */
    } else if (strcmp(section, "sanctionsPrograms") == 0 && depth == 5) {
        ok = nomen__recbuild_add_program(rb, text, len);
    } else if (strcmp(section, "sanctionsLists") == 0 && depth == 5) {
        ok = nomen__xad_remark_kv(&e->a, "Sanctions list", text, len);
    } else if (strcmp(section, "sanctionsTypes") == 0 && depth == 5) {
        ok = nomen__xad_remark_kv(&e->a, "Sanctions type", text, len);
    } else if (strcmp(section, "legalAuthorities") == 0 && depth == 5) {
        ok = nomen__xad_remark_kv(&e->a, "Legal authority", text, len);
    } else if (strcmp(section, "names") == 0) {
        if (depth == 6 && strcmp(name, "isPrimary") == 0)
            e->name_primary = is_true(text, len);
        else if (depth == 6 && strcmp(name, "isLowQuality") == 0)
            e->name_low = is_true(text, len);
        else if (depth == 6 && strcmp(name, "aliasType") == 0)
            ok = set(e, N_ALIAS, text, len);
        else if (depth == 8 && strcmp(name, "isPrimary") == 0)
            e->tr_primary = is_true(text, len);
        else if (depth == 8 && strcmp(name, "script") == 0)
            ok = set(e, T_SCRIPT, text, len);
        else if (depth == 8 && strcmp(name, "formattedFullName") == 0)
            ok = set(e, T_FULL, text, len);
        else if (depth == 8 && strcmp(name, "formattedFirstName") == 0)
            ok = set(e, T_FIRST, text, len);
        else if (depth == 8 && strcmp(name, "formattedLastName") == 0)
            ok = set(e, T_LAST, text, len);
        else if (depth == 10 && strcmp(name, "type") == 0)
            ok = set(e, P_TYPE, text, len);
        else if (depth == 10 && strcmp(name, "value") == 0)
            ok = set(e, P_VALUE, text, len);
        else if (depth == 9 && strcmp(name, "namePart") == 0 &&
                 nomen__xad_ieq(S(e, P_TYPE), "Middle Name"))
            ok = set(e, T_MIDDLE, S(e, P_VALUE));
        else if (depth == 7 && strcmp(name, "translation") == 0)
            ok = translation_end(e);
    } else if (strcmp(section, "addresses") == 0) {
        if (depth == 6 && strcmp(name, "country") == 0)
            ok = set(e, A_COUNTRY, text, len);
        else if (depth == 10 && strcmp(name, "value") == 0)
            ok = join(&e->s[A_PARTS], ", ", text, len);
        else if (depth == 5 && strcmp(name, "address") == 0)
            ok = join(&e->s[A_PARTS], ", ", S(e, A_COUNTRY)) &&
                 nomen__recbuild_add_country(rb, 'a', S(e, A_COUNTRY)) &&
                 nomen__xad_remark_kv(&e->a, "Address", S(e, A_PARTS));
    } else if (strcmp(section, "features") == 0 || strcmp(section, "identityDocuments") == 0 ||
               strcmp(section, "relationships") == 0) {
        if (depth == 5 && strcmp(name, "feature") == 0)
            ok = feature_end(e);
        else if (depth == 5 && strcmp(name, "identityDocument") == 0)
            ok = document_end(e);
        else if (depth == 5 && strcmp(name, "relationship") == 0)
            ok = nomen__xad_remark_kv(&e->a, nomen__buf_str(&e->s[F_TYPE]), S(e, F_VALUE));
        else if (depth == 6 || (depth == 7 && strcmp(parent, "valueDate") == 0))
            ok = item_field(e, nomen__xml_ancestor(x, depth - 5), name, text, len);
    }
    return ok ? NOMEN_OK : nomen__xad_nomem(&e->a);
}

int nomen__load_ofac_enhanced(nomen__loader *ld, nomen__src *src)
{
    enh e;
    memset(&e, 0, sizeof(e));
    const char *base = strrchr(src->name, '/');
    base = base != NULL ? base + 1 : src->name;
    bool cons = strstr(base, "cons") != NULL || strstr(base, "CONS") != NULL;
    int rc =
        nomen__xad_begin(&e.a, ld, src, cons ? "us-ofac-cons" : "us-ofac-sdn", "ofac-enhanced");
    if (rc == NOMEN_OK)
        rc = nomen__xml_parse(ld, src, enh_start, enh_end, &e);
    if (e.cons_filter && ld->set->nsources > e.a.source) {
        /* The file says it is the Consolidated List, whatever its name. */
        char *list = nomen__arena_strndup(&ld->set->arena, "us-ofac-cons", 12);
        if (list != NULL)
            ld->set->sources[e.a.source].list = list;
    }
    for (int k = 0; k < S_COUNT; k++)
        nomen__buf_free(&e.s[k]);
    return nomen__xad_end(&e.a, rc);
}
