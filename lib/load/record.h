/*
 * record.h: the entity model every list adapter produces (load stage).
 *
 * One nomen__record per designated subject, whatever the list. Records live in
 * a nomen__recset, which owns all their memory (one arena), and are immutable
 * once committed. Adapters fill a reusable nomen__recbuild (growable arrays,
 * strings copied on add) and commit it; the commit copies everything compactly
 * into the set's arena.
 *
 * Nothing is dropped silently: a field the model has no slot for goes into
 * the remarks, and odd values (a date of birth the adapter cannot parse) are
 * kept as text with the parsed parts left unknown.
 */
#ifndef NOMEN_RECORD_H
#define NOMEN_RECORD_H

#include "core/core.h"

/* Subject types (the same values as the public NOMEN_SUBJECT_* constants). */
enum {
    NOMEN__SUBJ_UNKNOWN = 0,
    NOMEN__SUBJ_INDIVIDUAL = 1,
    NOMEN__SUBJ_ENTITY = 2,
    NOMEN__SUBJ_VESSEL = 3,
    NOMEN__SUBJ_AIRCRAFT = 4
};

/* What a name is to its subject. */
enum {
    NOMEN__NAME_PRIMARY = 0,   /* the list's main name */
    NOMEN__NAME_VARIATION = 1, /* a spelling variant of the primary (UK "Primary name variation") */
    NOMEN__NAME_AKA = 2,       /* also known as */
    NOMEN__NAME_FKA = 3,       /* formerly known as */
    NOMEN__NAME_NKA = 4,       /* now known as */
    NOMEN__NAME_ORIGINAL = 5   /* the name in its original script (Chinese characters ...) */
};

/* How much a name can be trusted for screening. */
enum {
    NOMEN__QUAL_UNKNOWN = 0,
    NOMEN__QUAL_STRONG = 1, /* OFAC strong a.k.a., EU strong="true", UK "Good quality" */
    NOMEN__QUAL_WEAK = 2    /* OFAC weak/low-quality a.k.a., EU strong="false", UK "Low quality" */
};

typedef struct nomen__rname {
    const char *full;  /* the whole name as written (composed from parts if the list gives
                          only parts, in the list's own order); never NULL */
    const char *given; /* parts, when the list gives them separately; else NULL */
    const char *middle;
    const char *family;
    const char *lang; /* language or script as the list states it ("zh", "Chinese
                         Simplified", "RU", ...), or NULL */
    uint8_t kind;     /* NOMEN__NAME_* */
    uint8_t quality;  /* NOMEN__QUAL_* */
} nomen__rname;

/* A date as precise as the list gives it. A full date has year, month and
 * day; "May 1963" has month 5, day 0; "1963" has month 0; a range
 * "1960 to 1962" has year 1960 and year_to 1962; "circa 1960" sets circa.
 * year 0 means the text could not be parsed: the text is still kept. */
typedef struct nomen__rdate {
    const char *text; /* as written in the list; never NULL */
    int16_t year;
    int16_t year_to; /* == year unless a range */
    uint8_t month;   /* 1..12, or 0 when unknown */
    uint8_t day;     /* 1..31, or 0 when unknown */
    uint8_t circa;
} nomen__rdate;

/* A country reference: the text as written and, where known, its ISO 3166-1
 * alpha-2 code ("CN"); iso2 is "" when the text could not be mapped. */
typedef struct nomen__rcountry {
    const char *text;
    char iso2[3];
} nomen__rcountry;

typedef struct nomen__rid {
    const char *type;    /* "Passport", "National ID No.", "IMO", ... as the list writes it */
    const char *value;   /* the identifier */
    const char *country; /* issuing country text, or NULL */
} nomen__rid;

typedef struct nomen__record {
    uint32_t source;       /* index into the set's sources (nomen__recset.sources) */
    uint8_t type;          /* NOMEN__SUBJ_* */
    const char *list_id;   /* the list's own identifier, as a string ("36136", "CHN0014") */
    const char *gender;    /* as written, or NULL */
    const char *listed_on; /* "YYYY-MM-DD" when known, else NULL */
    const char *remarks;   /* free text, or NULL */
    const char *telegraph; /* Chinese Commercial Code digits from the list ("7115 0356 0948"),
                              or NULL; decoded by the romanize stage */
    const char **programs;
    size_t nprograms; /* "GLOMAG", "Global Human Rights", ... */
    nomen__rname *names;
    size_t nnames; /* names[0] is the primary name */
    nomen__rdate *dobs;
    size_t ndobs;
    const char **pobs;
    size_t npobs; /* places of birth, as written */
    nomen__rcountry *nationalities;
    size_t nnationalities;
    nomen__rcountry *citizenships;
    size_t ncitizenships;
    nomen__rcountry *addr_countries;
    size_t naddr_countries;
    nomen__rid *ids;
    size_t nids;
} nomen__record;

/* Where a set of records came from: one entry per loaded file or folder. */
typedef struct nomen__rsource {
    const char *list;       /* the list's short name: "us-ofac-sdn", "us-ofac-cons", "uk-ofsi",
                               "eu-fsf", "ca-sema", "un-sc", or the generic list's name */
    const char *format;     /* the format that was read: "ofac-csv", "ofac-xml", ... */
    const char *path;       /* file or folder as given */
    const char *date;       /* publication date from the file, "YYYY-MM-DD", or NULL */
    uint64_t checksum;      /* nomen__hash64 over the bytes read, in order */
    size_t records_read;    /* records seen in the file */
    size_t records_loaded;  /* committed to the set */
    size_t records_skipped; /* refused in lenient mode (each reported) */
} nomen__rsource;

/* Growable scratch for building one record; reuse it across records. */
typedef struct nomen__recbuild nomen__recbuild;

typedef struct nomen__recset {
    nomen__arena arena;
    nomen__record *recs;
    size_t n, cap;
    nomen__rsource *sources;
    size_t nsources, sources_cap;
} nomen__recset;

void nomen__recset_init(nomen__recset *set);
void nomen__recset_free(nomen__recset *set);

/* A new, empty builder (NULL when out of memory) and its release. */
nomen__recbuild *nomen__recbuild_new(void);
void nomen__recbuild_free(nomen__recbuild *b);
/* Forget the record being built; keep the memory. */
void nomen__recbuild_reset(nomen__recbuild *b);

/* Setters and adders. Every string is (pointer, length), copied, and need not
 * be NUL-terminated; leading and trailing white space is trimmed, and an empty
 * string after trimming is ignored (the adder returns true and adds nothing,
 * except for the name text, which is required). All return false only when
 * memory runs out. */
bool nomen__recbuild_set_type(nomen__recbuild *b, int type);
bool nomen__recbuild_set_id(nomen__recbuild *b, const char *s, size_t n);
bool nomen__recbuild_set_gender(nomen__recbuild *b, const char *s, size_t n);
bool nomen__recbuild_set_listed_on(nomen__recbuild *b, const char *s, size_t n);
bool nomen__recbuild_add_remark(nomen__recbuild *b, const char *s, size_t n); /* joined by "; " */
bool nomen__recbuild_set_telegraph(nomen__recbuild *b, const char *s, size_t n);
bool nomen__recbuild_add_program(nomen__recbuild *b, const char *s, size_t n); /* deduplicated */
/* The full name is required; parts may be NULL. lang may be NULL. */
bool nomen__recbuild_add_name(nomen__recbuild *b, int kind, int quality, const char *full,
                              size_t full_n, const char *given, size_t given_n, const char *middle,
                              size_t middle_n, const char *family, size_t family_n,
                              const char *lang, size_t lang_n);
/* Parse a date of birth text in any of the list formats ("12 Jan 1960",
 * "1960-01-12", "12/01/1960" with dmy set, "Jan 1960", "1960", "circa 1960",
 * "1960 to 1962", "between 1960 and 1962") into a nomen__rdate; unparsed text
 * is kept with year 0. */
bool nomen__recbuild_add_dob(nomen__recbuild *b, const char *s, size_t n);
bool nomen__recbuild_add_pob(nomen__recbuild *b, const char *s, size_t n);
/* which: 'n' nationality, 'c' citizenship, 'a' address country. The ISO code
 * is looked up from the text (names, common variants, or a code as given). */
bool nomen__recbuild_add_country(nomen__recbuild *b, char which, const char *s, size_t n);
bool nomen__recbuild_add_id(nomen__recbuild *b, const char *type, size_t type_n, const char *value,
                            size_t value_n, const char *country, size_t country_n);

/* Number of names added so far (adapters refuse a record with none). */
size_t nomen__recbuild_name_count(const nomen__recbuild *b);

/* Copy the built record into the set under source index `source`, then
 * reset the builder. Returns false when memory runs out. The primary name
 * (kind NOMEN__NAME_PRIMARY, first added) is moved to names[0]. */
bool nomen__recset_commit(nomen__recset *set, uint32_t source, nomen__recbuild *b);

/* Add a source entry; returns its index via *index. Strings are copied. */
bool nomen__recset_add_source(nomen__recset *set, const char *list, const char *format,
                              const char *path, uint32_t *index);

/* ISO 3166-1 alpha-2 code for a country name or code as lists write it
 * ("China", "CHINA", "People's Republic of China", "CN", "CHN",
 * "China / Chine"); "" when unknown. Static string. */
const char *nomen__country_iso2(const char *s, size_t n);

#endif /* NOMEN_RECORD_H */
