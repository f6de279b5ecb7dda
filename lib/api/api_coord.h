/*
 * api_coord.h: what the coordination files of the api stage share
 * (api_records.c, api_coord_diff.c): the record set handle's layout.
 */
#ifndef NOMEN_API_COORD_H
#define NOMEN_API_COORD_H

#include "api/api.h"

/* What the accessors derive from a record once, at load time. */
typedef struct rec_extra {
    char **dob_iso;   /* [ndobs], NULL where the date did not parse */
    char **countries; /* distinct ISO codes of nationalities and citizenships */
    size_t ncountries;
} rec_extra;

/* One row of the identifier table, sorted by (source, id). */
typedef struct id_entry {
    size_t source;
    const char *id;
    size_t rec;
} id_entry;

struct nomen_records {
    nomen__recset set;
    nomen__loader ld;
    nomen__arena arena; /* derived strings */
    rec_extra *extra;   /* [set.n] */
    size_t extra_cap;
    id_entry *byid; /* [set.n] */
    char **missing; /* [set.nsources]: absent OFAC side files, or NULL */
};

/* Record i, or NULL when out of range. */
const nomen__record *nomen__records_at(const nomen_records *r, size_t i);
/* nomen_records_index with the message kept in err. */
int nomen__records_index_err(const nomen_records *r, const size_t *which, size_t n,
                             nomen_index **out, nomen__err *err);

#endif
