/*
 * ofac_csv.c: the OFAC legacy CSV set (load stage).
 *
 * Files (spec: OFAC "SDN data specification", dat_spec.txt): the primary
 * file sdn.csv / cons_prim.csv (ent_num, SDN_Name, SDN_Type, Program, Title,
 * Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks), and the
 * optional alt.csv (ent_num, alt_num, alt_type, alt_name, alt_remarks),
 * add.csv (ent_num, add_num, address, city/state/postal code, country,
 * add_remarks) and sdn_comments.csv (ent_num, remarks overflow). No header
 * row; "-0-" (often "-0- ") is the null value; files end with a 0x1A byte.
 *
 * The side files are read first into a table sorted by ent_num (memory is
 * bounded by what the records will hold anyway); then the primary file is
 * streamed and each row becomes one record with its aliases, addresses and
 * overflow remarks. The overflow text continues the truncated Remarks
 * mid-word ("...PROMO RAI" + "Z S.A.S.; ..."), so it is appended without a
 * separator before the remarks are parsed.
 *
 * Remarks are kept whole and also parsed, segment by segment ("; "), for
 * DOB, POB, nationality, citizen, Gender, a.k.a./f.k.a./n.k.a. (weak: OFAC
 * puts only its weak aliases in the remarks; alt.csv holds the strong ones),
 * "Chinese Commercial Code" (telegraph digits), names in Chinese characters
 * ("Chinese Simplified: ..."), and identifier documents.
 *
 * Counts: records_read counts primary rows; records_skipped counts refused
 * rows of any of the four files; side-file rows whose ent_num has no
 * primary row are not errors (the 2025-12 partial set is all such rows) but
 * are summarized in one line of the skip report.
 */
#include "load/csvread.h"

#include <stdlib.h>
#include <string.h>

/* One row of a side file, by ent_num; strings are offsets into aux.text. */
typedef struct aux_row {
    uint64_t ent;
    size_t seq;   /* order in the files: keeps aliases in list order */
    uint8_t kind; /* AUX_* */
    uint8_t used;
    size_t s[4], n[4];
} aux_row;

enum { AUX_ALT = 0, AUX_ADD = 1, AUX_COMMENT = 2 };

typedef struct aux_table {
    aux_row *rows;
    size_t n, cap;
    nomen__buf text;
} aux_table;

static bool is_null(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    return n == 0 || (n == 3 && memcmp(s, "-0-", 3) == 0);
}

/* A field, or (NULL, 0) when it is the null marker. */
static const char *fld(const nomen__csv *c, size_t i, size_t *n)
{
    const char *s = nomen__csv_field(c, i, n);
    if (is_null(s, *n)) {
        *n = 0;
        return NULL;
    }
    return s;
}

static bool parse_ent(const char *s, size_t n, uint64_t *out)
{
    while (n > 0 && s[n - 1] == ' ')
        n--;
    while (n > 0 && *s == ' ') {
        s++;
        n--;
    }
    if (n == 0 || n > 18)
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return true;
}

static int cmp_aux(const void *a, const void *b)
{
    const aux_row *x = a, *y = b;
    if (x->ent != y->ent)
        return x->ent < y->ent ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Read one side file into the table. */
static int read_aux(nomen__loader *ld, uint32_t source, nomen__src *src, int kind, aux_table *t)
{
    static const size_t want[3] = {5, 6, 2};
    nomen__csv c;
    int st = nomen__csv_open(&c, src, ld->max_field_bytes, &ld->err);
    if (st != NOMEN_OK)
        return st;
    for (;;) {
        bool row;
        st = nomen__csv_next(&c, &row, &ld->err);
        if (!row)
            break;
        if (st != NOMEN_OK) {
            st = nomen__csv_report(&c, ld, source);
            if (st != NOMEN_OK)
                break;
            continue;
        }
        uint64_t ent;
        size_t n0;
        const char *f0 = nomen__csv_field(&c, 0, &n0);
        if (c.nf != want[kind]) {
            st = nomen__loader_bad_record(ld, source, src->name, c.row_line, 1,
                                          "expected %zu fields, found %zu", want[kind], c.nf);
        } else if (!parse_ent(f0, n0, &ent)) {
            st = nomen__loader_bad_record(ld, source, src->name, c.row_line, 1,
                                          "expected a number (ent_num), found '%.*s'",
                                          (int)NOMEN__MIN(n0, 40), f0);
        } else {
            void *p = t->rows;
            if (!nomen__grow(&p, &t->cap, t->n + 1, sizeof(aux_row))) {
                st = nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
                break;
            }
            t->rows = p;
            aux_row *r = &t->rows[t->n];
            memset(r, 0, sizeof(*r));
            r->ent = ent;
            r->seq = t->n;
            r->kind = (uint8_t)kind;
            /* alt: type, name, remarks; add: address, city, country, remarks;
             * comments: text (kept raw: it continues a cut remark). */
            static const size_t cols[3][4] = {{2, 3, 4, 0}, {2, 3, 4, 5}, {1, 0, 0, 0}};
            static const size_t ncols[3] = {3, 4, 1};
            for (size_t k = 0; k < ncols[kind]; k++) {
                size_t n;
                const char *s = kind == AUX_COMMENT ? nomen__csv_field(&c, cols[kind][k], &n)
                                                    : fld(&c, cols[kind][k], &n);
                r->s[k] = t->text.len;
                r->n[k] = s ? n : 0;
                if (s && !nomen__buf_add(&t->text, s, n)) {
                    st = nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
                    goto out;
                }
            }
            t->n++;
        }
        if (st != NOMEN_OK)
            break;
    }
out:
    nomen__csv_close(&c);
    return st;
}

/* ---- names and remarks -------------------------------------------------- */

/* "CHEN, Quanguo" -> family "CHEN", given "Quanguo" (individuals only). */
static bool add_person_name(nomen__recbuild *b, int kind, int quality, bool person, const char *s,
                            size_t n)
{
    const char *comma = person ? memchr(s, ',', n) : NULL;
    if (comma == NULL)
        return nomen__recbuild_add_name(b, kind, quality, s, n, NULL, 0, NULL, 0, NULL, 0, NULL, 0);
    size_t fam = (size_t)(comma - s);
    return nomen__recbuild_add_name(b, kind, quality, s, n, comma + 1, n - fam - 1, NULL, 0, s, fam,
                                    NULL, 0);
}

/* Identifier documents written "<type> <value> (<country>)..." in remarks. */
static const char *const id_types[] = {
    "Passport",
    "Diplomatic Passport",
    "National ID No.",
    "Cedula No.",
    "Tax ID No.",
    "Registration ID",
    "Registration Number",
    "Identification Number",
    "C.U.R.P.",
    "R.F.C.",
    "RFC",
    "NIT #",
    "RUC #",
    "RIF #",
    "D.N.I.",
    "SSN",
    "Citizen's Card Number",
    "Driver's License No.",
    "Vessel Registration Identification",
    "MMSI",
    "SWIFT/BIC",
    "Aircraft Manufacturer's Serial Number (MSN)",
    "Aircraft Tail Number",
    "Company Number",
    "Business Registration Number",
    "Business Registration Document #",
    "Unified Social Credit Code (USCC)",
    "Commercial Registry Number",
    "Trade License No.",
    "Legal Entity Number",
    "ISIN",
    "V.A.T. Number",
    "D-U-N-S Number",
    "Kenyan ID No.",
    "Personal ID Card",
    "Residency Number",
    "Birth Certificate Number",
    "Electoral Registry No.",
    "Public Security and Immigration No.",
    "Travel Document Number",
    "Email Address",
    "Phone Number",
    "Website",
};

static bool add_id_segment(nomen__recbuild *b, const char *s, size_t n, bool *matched)
{
    *matched = false;
    size_t best = 0, pl;
    const char *type = NULL;
    for (size_t i = 0; i < NOMEN__ARRAY_LEN(id_types); i++) {
        if (nomen__ascii_iprefix(s, n, id_types[i], &pl) && pl > best && pl < n && s[pl] == ' ') {
            best = pl;
            type = id_types[i];
        }
    }
    size_t tlen = best;
    /* "Digital Currency Address - XBT <address>" */
    if (type == NULL && nomen__ascii_iprefix(s, n, "Digital Currency Address - ", &pl)) {
        const char *sp = memchr(s + pl, ' ', n - pl);
        if (sp == NULL)
            return true;
        tlen = (size_t)(sp - s);
        best = tlen;
        type = s;
    }
    if (type == NULL)
        return true;
    *matched = true;
    const char *v = s + best + 1;
    size_t vn = n - best - 1;
    const char *country = NULL;
    size_t cn = 0;
    const char *par = memchr(v, '(', vn);
    if (par != NULL && par > v) {
        const char *close = memchr(par, ')', vn - (size_t)(par - v));
        if (close != NULL) {
            country = par + 1;
            cn = (size_t)(close - par - 1);
        }
        vn = (size_t)(par - v);
    }
    return nomen__recbuild_add_id(b, type == s ? s : type, type == s ? tlen : strlen(type), v, vn,
                                  country, cn);
}

/* Strip one pair of quotes ('x' or "x") around an alias. */
static const char *unquote(const char *s, size_t *n)
{
    while (*n > 0 && *s == ' ') {
        s++;
        (*n)--;
    }
    while (*n > 0 && s[*n - 1] == ' ')
        (*n)--;
    if (*n >= 2 && (s[0] == '\'' || s[0] == '"') && s[*n - 1] == s[0]) {
        s++;
        *n -= 2;
    }
    return s;
}

/* "Chinese Simplified: 陈明国" (possibly in parentheses) -> an ORIGINAL name. */
static bool chinese_name(nomen__recbuild *b, const char *s, size_t n, bool *matched)
{
    *matched = false;
    size_t pl = 0;
    if (n > 0 && s[0] == '(') {
        s++;
        n--;
        if (n > 0 && s[n - 1] == ')')
            n--;
    }
    const char *lang;
    if (nomen__ascii_iprefix(s, n, "Chinese Simplified:", &pl))
        lang = "Chinese Simplified";
    else if (nomen__ascii_iprefix(s, n, "Chinese Traditional:", &pl))
        lang = "Chinese Traditional";
    else
        return true;
    *matched = true;
    size_t vn = n - pl;
    const char *v = unquote(s + pl, &vn);
    if (vn == 0)
        return true;
    return nomen__recbuild_add_name(b, NOMEN__NAME_ORIGINAL, NOMEN__QUAL_UNKNOWN, v, vn, NULL, 0,
                                    NULL, 0, NULL, 0, lang, strlen(lang));
}

/* Parse one "; "-separated segment of the remarks. */
static bool remark_segment(nomen__recbuild *b, bool person, const char *s, size_t n)
{
    size_t pl;
    while (n > 0 && (*s == ' ' || *s == '\n' || *s == '\r')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    if (nomen__ascii_iprefix(s, n, "alt. ", &pl)) {
        s += pl;
        n -= pl;
    }
    static const struct {
        const char *p;
        int kind;
    } akas[] = {
        {"a.k.a. ", NOMEN__NAME_AKA}, {"f.k.a. ", NOMEN__NAME_FKA}, {"n.k.a. ", NOMEN__NAME_NKA}};
    for (size_t i = 0; i < NOMEN__ARRAY_LEN(akas); i++) {
        if (nomen__ascii_iprefix(s, n, akas[i].p, &pl)) {
            size_t vn = n - pl;
            const char *v = unquote(s + pl, &vn);
            if (vn == 0)
                return true;
            return add_person_name(b, akas[i].kind, NOMEN__QUAL_WEAK, person, v, vn);
        }
    }
    if (nomen__ascii_iprefix(s, n, "DOB ", &pl))
        return nomen__recbuild_add_dob(b, s + pl, n - pl);
    if (nomen__ascii_iprefix(s, n, "POB ", &pl))
        return nomen__recbuild_add_pob(b, s + pl, n - pl);
    if (nomen__ascii_iprefix(s, n, "Nationality of Registration ", &pl))
        return nomen__recbuild_add_country(b, 'a', s + pl, n - pl); /* an entity's flag */
    if (nomen__ascii_iprefix(s, n, "nationality ", &pl)) {
        /* "possibly Palestinian": the qualifier stays in the remarks text */
        size_t q;
        if (nomen__ascii_iprefix(s + pl, n - pl, "possibly ", &q))
            pl += q;
        return nomen__recbuild_add_country(b, 'n', s + pl, n - pl);
    }
    if (nomen__ascii_iprefix(s, n, "citizen ", &pl))
        return nomen__recbuild_add_country(b, 'c', s + pl, n - pl);
    if (nomen__ascii_iprefix(s, n, "Gender ", &pl))
        return nomen__recbuild_set_gender(b, s + pl, n - pl);
    if (nomen__ascii_iprefix(s, n, "Chinese Commercial Code ", &pl)) {
        /* Four-digit groups; the first code given is the name's. */
        if (nomen__recbuild_name_count(b) > 0)
            return nomen__recbuild_set_telegraph(b, s + pl, n - pl);
        return true;
    }
    bool matched;
    if (!chinese_name(b, s, n, &matched))
        return false;
    if (matched)
        return true;
    return add_id_segment(b, s, n, &matched);
}

static bool parse_remarks(nomen__recbuild *b, bool person, const char *s, size_t n)
{
    /* The remarks end with a period that belongs to no segment. */
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '.'))
        n--;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != ';')
            j++;
        if (!remark_segment(b, person, s + i, j - i))
            return false;
        i = j + 1;
    }
    return true;
}

/* ---- the adapter -------------------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* The side rows of ent (a slice of the sorted table), from *lo on. */
static size_t aux_find(const aux_table *t, uint64_t ent)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->rows[mid].ent < ent)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool add_vessel_remark(nomen__recbuild *b, nomen__buf *tmp, const char *label, const char *s,
                              size_t n)
{
    if (s == NULL)
        return true;
    nomen__buf_clear(tmp);
    return nomen__buf_addf(tmp, "%s: %.*s", label, (int)n, s) &&
           nomen__recbuild_add_remark(b, tmp->data, tmp->len);
}

/* Build the record of one primary row (already checked: 12 fields). */
static bool build_record(nomen__recbuild *b, const nomen__csv *c, aux_table *t, uint64_t ent,
                         nomen__buf *tmp)
{
    size_t n;
    const char *s;
    s = nomen__csv_field(c, 0, &n);
    if (!nomen__recbuild_set_id(b, s, n))
        return false;
    size_t tn;
    const char *type = fld(c, 2, &tn);
    int st = NOMEN__SUBJ_ENTITY; /* the spec's null type is an entity */
    size_t pl;
    if (type && nomen__ascii_iprefix(type, tn, "individual", &pl))
        st = NOMEN__SUBJ_INDIVIDUAL;
    else if (type && nomen__ascii_iprefix(type, tn, "vessel", &pl))
        st = NOMEN__SUBJ_VESSEL;
    else if (type && nomen__ascii_iprefix(type, tn, "aircraft", &pl))
        st = NOMEN__SUBJ_AIRCRAFT;
    else if (type && !add_vessel_remark(b, tmp, "Type", type, tn))
        return false;
    nomen__recbuild_set_type(b, st);
    bool person = st == NOMEN__SUBJ_INDIVIDUAL;
    s = fld(c, 1, &n);
    if (!add_person_name(b, NOMEN__NAME_PRIMARY, NOMEN__QUAL_UNKNOWN, person, s, n))
        return false;
    /* Programs: "SDGT] [IRGC] [IFSR" (the brackets of the printed list). */
    s = fld(c, 3, &n);
    for (size_t i = 0; s != NULL && i < n;) {
        size_t j = i;
        while (j < n && s[j] != ']' && s[j] != '[')
            j++;
        if (!nomen__recbuild_add_program(b, s + i, j - i))
            return false;
        i = j + 1;
    }
    static const char *const labels[] = {"Title", "Call Sign",   "Vessel Type", "Tonnage",
                                         "GRT",   "Vessel Flag", "Vessel Owner"};
    for (size_t k = 0; k < NOMEN__ARRAY_LEN(labels); k++) {
        s = fld(c, 4 + k, &n);
        if (!add_vessel_remark(b, tmp, labels[k], s, n))
            return false;
    }
    s = fld(c, 5, &n);
    if (s && !nomen__recbuild_add_id(b, "Call Sign", 9, s, n, NULL, 0))
        return false;

    /* Remarks: primary remarks + overflow rows, appended as they are. */
    nomen__buf_clear(tmp);
    s = fld(c, 11, &n);
    if (s && !nomen__buf_add(tmp, s, n))
        return false;
    size_t first = aux_find(t, ent);
    for (size_t i = first; i < t->n && t->rows[i].ent == ent; i++) {
        aux_row *r = &t->rows[i];
        r->used = 1;
        if (r->kind == AUX_COMMENT && !nomen__buf_add(tmp, t->text.data + r->s[0], r->n[0]))
            return false;
    }
    if (tmp->len > 0) {
        if (!parse_remarks(b, person, tmp->data, tmp->len) ||
            !nomen__recbuild_add_remark(b, tmp->data, tmp->len))
            return false;
    }
    for (size_t i = first; i < t->n && t->rows[i].ent == ent; i++) {
        const aux_row *r = &t->rows[i];
        const char *x = t->text.data;
        if (r->kind == AUX_ALT) {
            if (r->n[1] == 0)
                continue;
            int kind = NOMEN__NAME_AKA, q = NOMEN__QUAL_STRONG;
            const char *at = x + r->s[0];
            size_t an = r->n[0];
            if (nomen__ascii_iprefix(at, an, "fka", &pl))
                kind = NOMEN__NAME_FKA;
            else if (nomen__ascii_iprefix(at, an, "nka", &pl))
                kind = NOMEN__NAME_NKA;
            else if (nomen__ascii_iprefix(at, an, "weak", &pl))
                q = NOMEN__QUAL_WEAK;
            if (!add_person_name(b, kind, q, person, x + r->s[1], r->n[1]))
                return false;
            if (r->n[2] > 0) {
                nomen__buf_clear(tmp);
                if (!nomen__buf_addf(tmp, "Alias %.*s: %.*s", (int)r->n[1], x + r->s[1],
                                     (int)r->n[2], x + r->s[2]) ||
                    !nomen__recbuild_add_remark(b, tmp->data, tmp->len))
                    return false;
            }
        } else if (r->kind == AUX_ADD) {
            if (!nomen__recbuild_add_country(b, 'a', x + r->s[2], r->n[2]))
                return false;
            /* The address itself has no slot: it goes to the remarks. */
            nomen__buf_clear(tmp);
            bool ok = nomen__buf_adds(tmp, "Address:");
            for (int k = 0; k < 4 && ok; k++)
                if (r->n[k] > 0)
                    ok = nomen__buf_addf(tmp, "%s%.*s", k == 0 || tmp->len == 8 ? " " : ", ",
                                         (int)r->n[k], x + r->s[k]);
            if (!ok)
                return false;
            if (tmp->len > 8 && !nomen__recbuild_add_remark(b, tmp->data, tmp->len))
                return false;
        }
    }
    return true;
}

int nomen__load_ofac_csv(nomen__loader *ld, nomen__src *prim, nomen__src *alt, nomen__src *add,
                         nomen__src *comments)
{
    if (prim == NULL)
        return nomen__err_set(&ld->err, NOMEN_ERR_INVALID_ARG, "no primary OFAC CSV file given");
    const char *bn = base_name(prim->name);
    size_t pl;
    bool cons = nomen__ascii_iprefix(bn, strlen(bn), "cons", &pl);
    uint32_t source;
    if (!nomen__recset_add_source(ld->set, cons ? "us-ofac-cons" : "us-ofac-sdn", "ofac-csv",
                                  prim->name, &source))
        return nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");

    aux_table t = {0};
    nomen__buf tmp = {0};
    nomen__csv c;
    bool csv_open = false;
    int st = NOMEN_OK;
    nomen__src *side[3] = {alt, add, comments};
    for (int k = 0; k < 3 && st == NOMEN_OK; k++)
        if (side[k] != NULL)
            st = read_aux(ld, source, side[k], k, &t);
    if (st != NOMEN_OK)
        goto done;
    if (t.n > 1)
        qsort(t.rows, t.n, sizeof(aux_row), cmp_aux);

    st = nomen__csv_open(&c, prim, ld->max_field_bytes, &ld->err);
    if (st != NOMEN_OK)
        goto done;
    csv_open = true;
    nomen__rsource *so;
    for (;;) {
        bool row;
        st = nomen__csv_next(&c, &row, &ld->err);
        if (!row)
            break;
        ld->set->sources[source].records_read++;
        if (st != NOMEN_OK) {
            st = nomen__csv_report(&c, ld, source);
            if (st != NOMEN_OK)
                break;
            continue;
        }
        size_t n0, n1;
        const char *f0 = nomen__csv_field(&c, 0, &n0);
        uint64_t ent;
        if (c.nf != 12) {
            st = nomen__loader_bad_record(ld, source, prim->name, c.row_line, 1,
                                          "expected 12 fields, found %zu", c.nf);
        } else if (!parse_ent(f0, n0, &ent)) {
            st = nomen__loader_bad_record(ld, source, prim->name, c.row_line, 1,
                                          "expected a number (ent_num), found '%.*s'",
                                          (int)NOMEN__MIN(n0, 40), f0);
        } else if (fld(&c, 1, &n1) == NULL) {
            st = nomen__loader_bad_record(ld, source, prim->name, c.row_line, c.f[1].col,
                                          "expected a name (SDN_Name), found none");
        } else {
            nomen__recbuild_reset(ld->rb);
            if (!build_record(ld->rb, &c, &t, ent, &tmp) ||
                !nomen__recset_commit(ld->set, source, ld->rb)) {
                st = nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
                break;
            }
            ld->set->sources[source].records_loaded++;
        }
        if (st != NOMEN_OK)
            break;
    }
    if (st != NOMEN_OK)
        goto done;
    /* Side rows that belong to no primary row: one summary line. */
    size_t orphans = 0, first_orphan = 0;
    for (size_t i = 0; i < t.n; i++) {
        if (!t.rows[i].used && orphans++ == 0)
            first_orphan = i;
    }
    if (orphans > 0 &&
        !nomen__buf_addf(&ld->skipped,
                         "%s: note: %zu rows of the alias/address/comment files refer to no "
                         "ent_num of this file (the first: %llu)\n",
                         prim->name, orphans, (unsigned long long)t.rows[first_orphan].ent))
        st = nomen__err_set(&ld->err, NOMEN_ERR_NOMEM, "out of memory");
done:
    so = &ld->set->sources[source];
    /* The checksum of the set: the files' checksums chained in a fixed order. */
    {
        uint64_t h = prim->checksum;
        for (int k = 0; k < 3; k++) {
            if (side[k] == NULL)
                continue;
            unsigned char le[8]; /* little-endian, so the value is the same everywhere */
            for (int i = 0; i < 8; i++)
                le[i] = (unsigned char)(side[k]->checksum >> (8 * i));
            h = nomen__hash64(le, sizeof(le), h);
        }
        so->checksum = h;
    }
    if (csv_open)
        nomen__csv_close(&c);
    nomen__free(t.rows);
    nomen__buf_free(&t.text);
    nomen__buf_free(&tmp);
    return st;
}
