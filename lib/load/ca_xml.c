/*
 * ca_xml.c: the Canada consolidated autonomous sanctions list adapter
 * (Global Affairs Canada, sema-lese.xml) (load stage). Field mapping:
 * docs/formats-xml.md.
 *
 * Layout: <data-set> holds flat <record> elements whose children are Country
 * (the regime, bilingual: "China / Chine"), LastName, GivenName,
 * EntityOrShip, TitleOrShip, ShipIMONumber, DateOfBirthOrShipBuildDate,
 * Aliases (free text), Schedule, Item and DateOfListing.
 *
 * Invariants: one record per <record>. The file has no identifier, so the
 * list id is built from what identifies a row in the regulations: the
 * regime's English name, the schedule and the item, "China|Part 1|5" (unique
 * over the 2025-05 file: 4,759 records, 4,759 keys; Schedule is absent in
 * some rows and then left empty). A record needs a Country, an Item and a
 * name. Individuals have LastName / GivenName; an EntityOrShip with an IMO
 * number is a vessel, else an entity. The file carries no publication date,
 * so the source date stays unknown.
 */
#include "load/xmladapt.h"

#include <string.h>

enum {
    F_COUNTRY,
    F_LAST,
    F_GIVEN,
    F_ENTITY,
    F_TITLE,
    F_IMO,
    F_DATE,
    F_ALIASES,
    F_SCHEDULE,
    F_ITEM,
    F_LISTED,
    F_COUNT
};

static const char *const field_names[F_COUNT] = {"Country",
                                                 "LastName",
                                                 "GivenName",
                                                 "EntityOrShip",
                                                 "TitleOrShip",
                                                 "ShipIMONumber",
                                                 "DateOfBirthOrShipBuildDate",
                                                 "Aliases",
                                                 "Schedule",
                                                 "Item",
                                                 "DateOfListing"};

typedef struct ca {
    nomen__xad a;
    nomen__buf f[F_COUNT];
} ca;

#define F(c, k) nomen__buf_str(&(c)->f[k]), (c)->f[k].len

static int ca_start(void *ud, nomen__xml *x, const char *name, const char *const *attrs)
{
    ca *c = ud;
    (void)attrs;
    int depth = nomen__xml_depth(x);
    if (depth == 1)
        return nomen__xad_root(&c->a, x, name, "data-set");
    if (depth == 2 && strcmp(name, "record") == 0) {
        nomen__xad_rec_start(&c->a, x);
        for (int k = 0; k < F_COUNT; k++)
            nomen__buf_clear(&c->f[k]);
    }
    return NOMEN_OK;
}

/* s[0..n) split at every separator in seps (each a C string), each piece
 * trimmed and handed to add(). */
static bool split_add(ca *c, const char *s, size_t n, bool (*add)(ca *, const char *, size_t))
{
    static const char *const seps[] = {";", " or ", " OR "};
    size_t start = 0, i = 0;
    while (i <= n) {
        size_t sep = 0;
        if (i < n)
            for (size_t k = 0; k < NOMEN__ARRAY_LEN(seps); k++) {
                size_t kn = strlen(seps[k]);
                if (i + kn <= n && memcmp(s + i, seps[k], kn) == 0) {
                    sep = kn;
                    break;
                }
            }
        if (i == n || sep > 0) {
            size_t len = i - start;
            const char *p = nomen__xad_trim(s + start, &len);
            if (len > 0 && !add(c, p, len))
                return false;
            i += sep > 0 ? sep : 1;
            start = i;
        } else {
            i++;
        }
    }
    return true;
}

static bool add_alias(ca *c, const char *s, size_t n)
{
    /* Aliases in Cyrillic, Arabic, Han ... are the subject's name in its
     * original script; Latin ones are spelling variants, a.k.a. */
    int kind = nomen__xad_non_latin(s, n) ? NOMEN__NAME_ORIGINAL : NOMEN__NAME_AKA;
    return nomen__recbuild_add_name(c->a.rb, kind, NOMEN__QUAL_UNKNOWN, s, n, NULL, 0, NULL, 0,
                                    NULL, 0, NULL, 0);
}

static bool add_dob(ca *c, const char *s, size_t n)
{
    return nomen__recbuild_add_dob(c->a.rb, s, n);
}

/* The part of a bilingual text before " / " ("China / Chine" -> "China"). */
static const char *english(const char *s, size_t *n)
{
    const char *slash = NULL;
    for (size_t i = 0; i + 3 <= *n; i++)
        if (memcmp(s + i, " / ", 3) == 0) {
            slash = s + i;
            break;
        }
    if (slash != NULL)
        *n = (size_t)(slash - s);
    return nomen__xad_trim(s, n);
}

static int rec_end(ca *c)
{
    nomen__recbuild *rb = c->a.rb;
    size_t cn = c->f[F_COUNTRY].len;
    const char *country = english(nomen__buf_str(&c->f[F_COUNTRY]), &cn);
    bool person = c->f[F_LAST].len > 0 || c->f[F_GIVEN].len > 0;
    bool ship = !person && c->f[F_IMO].len > 0;
    if (cn == 0)
        nomen__xad_bad(&c->a, "record without <Country>");
    else if (c->f[F_ITEM].len == 0)
        nomen__xad_bad(&c->a, "record without <Item>");
    else if (!person && c->f[F_ENTITY].len == 0)
        nomen__xad_bad(&c->a, "record %.*s item %s without a name", (int)cn, country,
                       nomen__buf_str(&c->f[F_ITEM]));
    if (c->a.bad)
        return nomen__xad_rec_end(&c->a);

    bool ok = true;
    nomen__buf *id = &c->a.tmp;
    nomen__buf_clear(id);
    ok = nomen__buf_add(id, country, cn) && nomen__buf_addc(id, '|') &&
         nomen__buf_add(id, F(c, F_SCHEDULE)) && nomen__buf_addc(id, '|') &&
         nomen__buf_add(id, F(c, F_ITEM)) && nomen__recbuild_set_id(rb, id->data, id->len) &&
         nomen__recbuild_add_program(rb, country, cn);
    if (!ok)
        return nomen__xad_nomem(&c->a);

    if (person) {
        ok =
            nomen__recbuild_set_type(rb, NOMEN__SUBJ_INDIVIDUAL) &&
            nomen__xad_compose(&c->a, F(c, F_LAST), F(c, F_GIVEN)) &&
            nomen__recbuild_add_name(rb, NOMEN__NAME_PRIMARY, NOMEN__QUAL_STRONG, c->a.tmp.data,
                                     c->a.tmp.len, F(c, F_GIVEN), NULL, 0, F(c, F_LAST), NULL, 0) &&
            nomen__xad_remark_kv(&c->a, "Title", F(c, F_TITLE)) &&
            split_add(c, F(c, F_DATE), add_dob);
    } else {
        ok = nomen__recbuild_set_type(rb, ship ? NOMEN__SUBJ_VESSEL : NOMEN__SUBJ_ENTITY) &&
             nomen__recbuild_add_name(rb, NOMEN__NAME_PRIMARY, NOMEN__QUAL_STRONG, F(c, F_ENTITY),
                                      NULL, 0, NULL, 0, NULL, 0, NULL, 0) &&
             nomen__recbuild_add_id(rb, "IMO", 3, F(c, F_IMO), NULL, 0) &&
             nomen__xad_remark_kv(&c->a, ship ? "Ship type" : "Title", F(c, F_TITLE)) &&
             nomen__xad_remark_kv(&c->a, ship ? "Build date" : "Date", F(c, F_DATE));
    }
    ok = ok && split_add(c, F(c, F_ALIASES), add_alias) &&
         nomen__recbuild_set_listed_on(rb, nomen__buf_str(&c->f[F_LISTED]), c->f[F_LISTED].len);
    if (!ok)
        return nomen__xad_nomem(&c->a);
    return nomen__xad_rec_end(&c->a);
}

static int ca_end(void *ud, nomen__xml *x, const char *name, const char *text, size_t len)
{
    ca *c = ud;
    int rc = NOMEN_OK;
    if (nomen__xad_too_long(&c->a, x, name, &rc))
        return rc;
    if (!c->a.in_rec)
        return NOMEN_OK;
    int depth = nomen__xml_depth(x);
    if (depth == 2)
        return rec_end(c);
    if (depth != 3)
        return nomen__xad_remark_kv(&c->a, name, text, len) ? NOMEN_OK : nomen__xad_nomem(&c->a);
    for (int k = 0; k < F_COUNT; k++) {
        if (strcmp(name, field_names[k]) == 0) {
            const char *t = nomen__xad_trim(text, &len);
            nomen__buf_clear(&c->f[k]);
            if (len > 0 && !nomen__buf_add(&c->f[k], t, len))
                return nomen__xad_nomem(&c->a);
            return NOMEN_OK;
        }
    }
    /* A field this adapter does not know yet: keep it as a remark. */
    return nomen__xad_remark_kv(&c->a, name, text, len) ? NOMEN_OK : nomen__xad_nomem(&c->a);
}

int nomen__load_ca_xml(nomen__loader *ld, nomen__src *src)
{
    ca c;
    memset(&c, 0, sizeof(c));
    int rc = nomen__xad_begin(&c.a, ld, src, "ca-sema", "ca-xml");
    if (rc == NOMEN_OK)
        rc = nomen__xml_parse(ld, src, ca_start, ca_end, &c);
    for (int k = 0; k < F_COUNT; k++)
        nomen__buf_free(&c.f[k]);
    return nomen__xad_end(&c.a, rc);
}
