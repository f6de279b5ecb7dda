/*
 * screen_names.c: the README's library example, built and run in CI.
 * Usage: example_screen_names [LIST] [NAME...]; with no arguments it loads the
 * built-in sample list (data/sample-list.csv, found through NOMEN_SOURCE_DIR
 * or the current folder) and screens a Wade-Giles spelling with a date of
 * birth. Exit status: 0 when a hit was found, 1 when none, 2 on error.
 */
#include <nomen.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    char path[4096];
    const char *list = argc > 1 ? argv[1] : NULL;
    if (!list) {
        const char *dir = getenv("NOMEN_SOURCE_DIR");
        snprintf(path, sizeof path, "%s/data/sample-list.csv", dir ? dir : ".");
        list = path;
    }
    nomen_builder *b;
    if (nomen_builder_new(&b) != NOMEN_OK)
        return 2;
    if (nomen_builder_add_path(b, list, NULL, NULL) != NOMEN_OK) { /* format detected */
        fprintf(stderr, "%s\n", nomen_builder_errmsg(b));
        nomen_builder_free(b);
        return 2;
    }
    nomen_index *ix;
    int rc = nomen_index_build(b, &ix); /* immutable, shareable between threads */
    if (rc != NOMEN_OK) {
        fprintf(stderr, "%s\n", nomen_builder_errmsg(b));
        nomen_builder_free(b);
        return 2;
    }
    nomen_builder_free(b);

    nomen_matcher *m; /* one per thread */
    if (nomen_matcher_new(ix, &m) != NOMEN_OK) {
        nomen_index_free(ix);
        return 2;
    }
    size_t found = 0;
    int first = argc > 2 ? 2 : argc;
    static const char *const fallback[] = {"Ch\u2019en Ch\u2019\u00fcan-kuo"};
    int n = argc > 2 ? argc - 2 : 1;
    for (int k = 0; k < n; k++) {
        const char *name = argc > 2 ? argv[first + k] : fallback[k];
        nomen_query q;
        nomen_query_init(&q);
        q.name = name;
        q.name_len = strlen(name);
        if (argc <= 2) {
            q.dob = "1955";
            q.dob_len = 4;
        }
        if (nomen_matcher_screen(m, &q) != NOMEN_OK) {
            fprintf(stderr, "%s: %s\n", name, nomen_matcher_errmsg(m));
            continue;
        }
        printf("%s\n", name);
        for (size_t i = 0; i < nomen_matcher_hit_count(m); i++)
            printf("  %s %s %.3f\n", nomen_hit_entity_id(m, i), nomen_hit_name(m, i),
                   nomen_hit_score(m, i));
        found += nomen_matcher_hit_count(m);
    }
    nomen_matcher_free(m);
    nomen_index_free(ix);
    return found ? 0 : 1;
}
