/*
 * csvtest.h: lookups shared by the CSV-format tests of the load stage. Each
 * fails the current test (cmocka) when the thing looked for is missing, and
 * then returns an empty object (noinline: the compiler must not reason
 * about that fallback in the callers, which never get to use it).
 */
#ifndef NOMEN_CSVTEST_H
#define NOMEN_CSVTEST_H

#include "testutil.h"

#include "load/record.h"

#include <string.h>

/* The record whose list_id is id. */
__attribute__((noinline, unused)) static const nomen__record *ct_find(const nomen__recset *set,
                                                                      const char *id)
{
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->recs[i].list_id, id) == 0)
            return &set->recs[i];
    fail_msg("record %s not found", id);
    static const nomen__record none = {0};
    return &none;
}

/* The name of r whose full text is full. */
__attribute__((noinline, unused)) static const nomen__rname *ct_find_name(const nomen__record *r,
                                                                          const char *full)
{
    for (size_t i = 0; i < r->nnames; i++)
        if (strcmp(r->names[i].full, full) == 0)
            return &r->names[i];
    fail_msg("name %s not found", full);
    static const nomen__rname none = {0};
    return &none;
}

/* Whether s ends with suffix (paths in messages depend on where tests run). */
static inline bool ct_ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    if (a < b || strcmp(s + a - b, suffix) != 0) {
        print_message("'%s' does not end with '%s'\n", s, suffix);
        return false;
    }
    return true;
}

#endif
