/*
 * ofac_xml.c: the OFAC "sdnList" XML adapter (sdn.xml, consolidated.xml)
 * (load stage). Field mapping: docs/formats-xml.md.
 *
 * Layout: <sdnList> holds <publshInformation> (Publish_Date MM/DD/YYYY,
 * Record_Count) and one <sdnEntry> per subject: uid, firstName, lastName,
 * title, sdnType, remarks, and the lists programList/program, akaList/aka,
 * addressList/address, idList/id, nationalityList/nationality,
 * citizenshipList/citizenship, dateOfBirthList/dateOfBirthItem,
 * placeOfBirthList/placeOfBirthItem, vesselInfo. Depths: sdnList 1,
 * sdnEntry 2, its fields and lists 3, list items 4, item fields 5.
 *
 * Invariants: one record per sdnEntry; a record needs a uid and a last name
 * (OFAC puts entity names in lastName). The primary and alias names are
 * composed "LAST, First" as in OFAC's own CSV, so that a subject loaded from
 * either format gets the same full name. Fields the model has no slot for
 * (addresses, vessel details, titles, ...) go to the remarks as "Key: value",
 * so nothing is dropped; only the internal row uids of list items and the
 * mainEntry flags are not kept.
 */
#include "load/xmladapt.h"

#include <stdlib.h>
#include <string.h>

/* Slots for the parts of the item (or entry) being read. */
enum {
    S_FIRST,     /* entry firstName */
    S_LAST,      /* entry lastName */
    S_UID,       /* entry uid */
    S_I_FIRST,   /* item fields: aka firstName */
    S_I_LAST,    /* aka lastName */
    S_I_TYPE,    /* aka type, idType */
    S_I_CAT,     /* aka category */
    S_I_VALUE,   /* idNumber, dateOfBirth, placeOfBirth, nationality/citizenship country */
    S_I_COUNTRY, /* idCountry, address country */
    S_I_ADDR,    /* address parts joined by ", " */
    S_COUNT
};

typedef struct ofac {
    nomen__xad a;
    nomen__buf s[S_COUNT];
    bool record_count_seen;
    unsigned long record_count;
} ofac;

/* Keep a trimmed value; false when memory runs out. */
static bool slot_set(ofac *o, int k, const char *t, size_t n)
{
    t = nomen__xad_trim(t, &n);
    nomen__buf_clear(&o->s[k]);
    return n == 0 || nomen__buf_add(&o->s[k], t, n);
}

static void slot_clear(ofac *o, int from, int to)
{
    for (int k = from; k <= to; k++)
        nomen__buf_clear(&o->s[k]);
}

#define SLOT(o, k) nomen__buf_str(&(o)->s[k]), (o)->s[k].len

static int subject_type(const char *t, size_t n)
{
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

static int ofac_start(void *ud, nomen__xml *x, const char *name, const char *const *attrs)
{
    ofac *o = ud;
    (void)attrs;
    int depth = nomen__xml_depth(x);
    if (depth == 1)
        return nomen__xad_root(&o->a, x, name, "sdnList");
    if (depth == 2 && strcmp(name, "sdnEntry") == 0) {
        nomen__xad_rec_start(&o->a, x);
        slot_clear(o, 0, S_COUNT - 1);
    } else if (depth == 4 && o->a.in_rec) {
        slot_clear(o, S_I_FIRST, S_COUNT - 1);
    }
    return NOMEN_OK;
}

/* A field of an sdnEntry (depth 3). */
static bool entry_field(ofac *o, const char *name, const char *t, size_t n)
{
    nomen__recbuild *rb = o->a.rb;
    if (strcmp(name, "uid") == 0) {
        return slot_set(o, S_UID, t, n) && nomen__recbuild_set_id(rb, t, n);
    }
    if (strcmp(name, "firstName") == 0) {
        return slot_set(o, S_FIRST, t, n);
    }
    if (strcmp(name, "lastName") == 0) {
        return slot_set(o, S_LAST, t, n);
    }
    if (strcmp(name, "sdnType") == 0) {
        t = nomen__xad_trim(t, &n);
        int type = subject_type(t, n);
        if (type == NOMEN__SUBJ_UNKNOWN && n > 0)
            return nomen__xad_remark_kv(&o->a, "sdnType", t, n);
        return nomen__recbuild_set_type(rb, type);
    }
    if (strcmp(name, "remarks") == 0)
        return nomen__xad_ofac_remarks(&o->a, t, n);
    if (strcmp(name, "title") == 0)
        return nomen__xad_remark_kv(&o->a, "Title", t, n);
    /* The lists themselves (akaList, ...) carry only white space. */
    if (strstr(name, "List") != NULL || strcmp(name, "vesselInfo") == 0)
        return true;
    return nomen__xad_remark_kv(&o->a, name, t, n);
}

/* A field of a list item (depth 5), or of vesselInfo (depth 4). */
static bool item_field(ofac *o, const char *item, const char *name, const char *t, size_t n)
{
    if (strcmp(name, "uid") == 0 || strcmp(name, "mainEntry") == 0)
        return true; /* OFAC's internal row ids and primary flags */
    if (strcmp(item, "aka") == 0) {
        if (strcmp(name, "firstName") == 0)
            return slot_set(o, S_I_FIRST, t, n);
        if (strcmp(name, "lastName") == 0)
            return slot_set(o, S_I_LAST, t, n);
        if (strcmp(name, "type") == 0)
            return slot_set(o, S_I_TYPE, t, n);
        if (strcmp(name, "category") == 0)
            return slot_set(o, S_I_CAT, t, n);
        return nomen__xad_remark_kv(&o->a, name, t, n);
    }
    if (strcmp(item, "id") == 0) {
        if (strcmp(name, "idType") == 0)
            return slot_set(o, S_I_TYPE, t, n);
        if (strcmp(name, "idNumber") == 0)
            return slot_set(o, S_I_VALUE, t, n);
        if (strcmp(name, "idCountry") == 0)
            return slot_set(o, S_I_COUNTRY, t, n);
        return nomen__xad_remark_kv(&o->a, name, t, n); /* issueDate, expirationDate */
    }
    if (strcmp(item, "address") == 0) {
        if (strcmp(name, "country") == 0 && !slot_set(o, S_I_COUNTRY, t, n))
            return false;
        t = nomen__xad_trim(t, &n);
        if (n == 0)
            return true;
        nomen__buf *b = &o->s[S_I_ADDR];
        return (b->len == 0 || nomen__buf_add(b, ", ", 2)) && nomen__buf_add(b, t, n);
    }
    if (strcmp(item, "vesselInfo") == 0) {
        if (strcmp(name, "callSign") == 0)
            return nomen__recbuild_add_id(o->a.rb, "Call Sign", 9, t, n, NULL, 0);
        return nomen__xad_remark_kv(&o->a, name, t, n);
    }
    /* dateOfBirthItem/dateOfBirth, placeOfBirthItem/placeOfBirth,
     * nationality/country, citizenship/country */
    if (strcmp(name, "dateOfBirth") == 0 || strcmp(name, "placeOfBirth") == 0 ||
        strcmp(name, "country") == 0) {
        return slot_set(o, S_I_VALUE, t, n);
    }
    return nomen__xad_remark_kv(&o->a, name, t, n);
}

static int name_kind(const char *t, size_t n)
{
    if (nomen__xad_ieq(t, n, "f.k.a."))
        return NOMEN__NAME_FKA;
    if (nomen__xad_ieq(t, n, "n.k.a."))
        return NOMEN__NAME_NKA;
    return NOMEN__NAME_AKA;
}

/* The end of a list item (depth 4): add what it describes. */
static bool item_end(ofac *o, const char *item)
{
    nomen__recbuild *rb = o->a.rb;
    if (strcmp(item, "aka") == 0) {
        if (o->s[S_I_LAST].len == 0 && o->s[S_I_FIRST].len == 0)
            return true;
        if (!nomen__xad_compose(&o->a, SLOT(o, S_I_LAST), SLOT(o, S_I_FIRST)))
            return false;
        int quality = nomen__xad_ieq(SLOT(o, S_I_CAT), "weak")     ? NOMEN__QUAL_WEAK
                      : nomen__xad_ieq(SLOT(o, S_I_CAT), "strong") ? NOMEN__QUAL_STRONG
                                                                   : NOMEN__QUAL_UNKNOWN;
        bool parts = o->s[S_I_FIRST].len > 0;
        return nomen__recbuild_add_name(
            rb, name_kind(SLOT(o, S_I_TYPE)), quality, o->a.tmp.data, o->a.tmp.len,
            parts ? o->s[S_I_FIRST].data : NULL, parts ? o->s[S_I_FIRST].len : 0, NULL, 0,
            parts ? o->s[S_I_LAST].data : NULL, parts ? o->s[S_I_LAST].len : 0, NULL, 0);
    }
    if (strcmp(item, "id") == 0) {
        const char *type = nomen__buf_str(&o->s[S_I_TYPE]);
        size_t tn = o->s[S_I_TYPE].len;
        if (nomen__xad_ieq(type, tn, "Gender"))
            return nomen__recbuild_set_gender(rb, SLOT(o, S_I_VALUE));
        if (strstr(type, "Commercial Code") != NULL)
            return nomen__recbuild_set_telegraph(rb, SLOT(o, S_I_VALUE));
        if (nomen__xad_ieq(type, tn, "Nationality of Registration"))
            return nomen__recbuild_add_country(rb, 'n', SLOT(o, S_I_VALUE));
        if (o->s[S_I_VALUE].len == 0)
            return nomen__xad_remark_kv(&o->a, "Id", type, tn);
        if (nomen__xad_ofac_information(type, tn)) {
            /* "Secondary sanctions risk: section 1(b) ..." reads as one remark. */
            nomen__buf_clear(&o->a.tmp);
            return nomen__buf_add(&o->a.tmp, type, tn) && nomen__buf_addc(&o->a.tmp, ' ') &&
                   nomen__buf_add(&o->a.tmp, o->s[S_I_VALUE].data, o->s[S_I_VALUE].len) &&
                   nomen__recbuild_add_remark(rb, o->a.tmp.data, o->a.tmp.len);
        }
        return nomen__recbuild_add_id(rb, type, tn, SLOT(o, S_I_VALUE), SLOT(o, S_I_COUNTRY));
    }
    if (strcmp(item, "address") == 0) {
        return nomen__recbuild_add_country(rb, 'a', SLOT(o, S_I_COUNTRY)) &&
               nomen__xad_remark_kv(&o->a, "Address", SLOT(o, S_I_ADDR));
    }
    if (strcmp(item, "dateOfBirthItem") == 0)
        return nomen__recbuild_add_dob(rb, SLOT(o, S_I_VALUE));
    if (strcmp(item, "placeOfBirthItem") == 0)
        return nomen__recbuild_add_pob(rb, SLOT(o, S_I_VALUE));
    if (strcmp(item, "nationality") == 0)
        return nomen__recbuild_add_country(rb, 'n', SLOT(o, S_I_VALUE));
    if (strcmp(item, "citizenship") == 0)
        return nomen__recbuild_add_country(rb, 'c', SLOT(o, S_I_VALUE));
    return true;
}

static int entry_end(ofac *o)
{
    if (o->s[S_UID].len == 0)
        nomen__xad_bad(&o->a, "sdnEntry without <uid>");
    else if (o->s[S_LAST].len == 0)
        nomen__xad_bad(&o->a, "sdnEntry %s without <lastName>", nomen__buf_str(&o->s[S_UID]));
    if (!o->a.bad) {
        if (!nomen__xad_compose(&o->a, SLOT(o, S_LAST), SLOT(o, S_FIRST)))
            return nomen__xad_nomem(&o->a);
        bool parts = o->s[S_FIRST].len > 0;
        if (!nomen__recbuild_add_name(
                o->a.rb, NOMEN__NAME_PRIMARY, NOMEN__QUAL_STRONG, o->a.tmp.data, o->a.tmp.len,
                parts ? o->s[S_FIRST].data : NULL, parts ? o->s[S_FIRST].len : 0, NULL, 0,
                parts ? o->s[S_LAST].data : NULL, parts ? o->s[S_LAST].len : 0, NULL, 0))
            return nomen__xad_nomem(&o->a);
    }
    return nomen__xad_rec_end(&o->a);
}

static int ofac_end(void *ud, nomen__xml *x, const char *name, const char *text, size_t len)
{
    ofac *o = ud;
    int rc = NOMEN_OK;
    if (nomen__xad_too_long(&o->a, x, name, &rc))
        return rc;
    int depth = nomen__xml_depth(x);
    if (!o->a.in_rec) {
        /* publshInformation (sic: OFAC's spelling) */
        if (depth == 3 && strcmp(nomen__xml_ancestor(x, 1), "publshInformation") == 0) {
            if (strcmp(name, "Publish_Date") == 0)
                nomen__xad_set_date(&o->a, text, len);
            else if (strcmp(name, "Record_Count") == 0) {
                o->record_count_seen = true;
                o->record_count = strtoul(text, NULL, 10);
            }
        }
        return NOMEN_OK;
    }
    bool ok = true;
    if (depth == 2)
        return entry_end(o);
    if (depth == 3)
        ok = entry_field(o, name, text, len);
    else if (depth == 4 && strcmp(nomen__xml_ancestor(x, 1), "vesselInfo") == 0)
        ok = item_field(o, "vesselInfo", name, text, len);
    else if (depth == 4 && strcmp(nomen__xml_ancestor(x, 1), "programList") == 0)
        ok = nomen__recbuild_add_program(o->a.rb, text, len);
    else if (depth == 4)
        ok = item_end(o, name);
    else if (depth == 5)
        ok = item_field(o, nomen__xml_ancestor(x, 1), name, text, len);
    else
        ok = nomen__xad_remark_kv(&o->a, name, text, len);
    return ok ? NOMEN_OK : nomen__xad_nomem(&o->a);
}

int nomen__load_ofac_xml(nomen__loader *ld, nomen__src *src)
{
    ofac o;
    memset(&o, 0, sizeof(o));
    /* The consolidated (non-SDN) list has the same schema; its files are
     * named consolidated.xml / cons_*.xml. */
    const char *base = strrchr(src->name, '/');
    base = base != NULL ? base + 1 : src->name;
    bool cons = strstr(base, "cons") != NULL || strstr(base, "CONS") != NULL;
    int rc = nomen__xad_begin(&o.a, ld, src, cons ? "us-ofac-cons" : "us-ofac-sdn", "ofac-xml");
    if (rc == NOMEN_OK)
        rc = nomen__xml_parse(ld, src, ofac_start, ofac_end, &o);
    if (rc == NOMEN_OK && ld->strict && o.record_count_seen &&
        o.record_count != ld->set->sources[o.a.source].records_read)
        rc = nomen__err_set(&ld->err, NOMEN_ERR_PARSE,
                            "%s: Record_Count says %lu records, the file has %zu", src->name,
                            o.record_count, ld->set->sources[o.a.source].records_read);
    for (int k = 0; k < S_COUNT; k++)
        nomen__buf_free(&o.s[k]);
    return nomen__xad_end(&o.a, rc);
}
