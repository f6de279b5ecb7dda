/*
 * normalize_names.c: print how nomen normalizes names (public API only).
 * Usage: example_normalize_names [NAME...]; with no arguments, a few sample
 * names in several scripts and romanizations.
 */
#include <nomen.h>

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    static const char *const samples[] = {
        "CHEN, Quanguo",
        "Ch\u2019en Ch\u2019\u00fcan-kuo",
        "Chan Chuen Kwok",
        "QuanGuo CHEN",
        "陳全國",
        "Си Цзиньпин",
        "Ｃｈｅｎ　ＱＵＡＮＧＵＯ",
        "محمد بن سلمان",
    };
    nomen_normalizer *nz = NULL;
    int rc = nomen_normalizer_new(&nz);
    if (rc != NOMEN_OK) {
        fprintf(stderr, "nomen: %s\n", nomen_status_str(rc));
        return 2;
    }
    int n = argc > 1 ? argc - 1 : (int)(sizeof samples / sizeof samples[0]);
    int status = 0;
    for (int i = 0; i < n; i++) {
        const char *name = argc > 1 ? argv[i + 1] : samples[i];
        rc = nomen_normalizer_run(nz, name, strlen(name));
        if (rc != NOMEN_OK) {
            fprintf(stderr, "%s: %s\n", name, nomen_normalizer_errmsg(nz));
            status = 2;
            continue;
        }
        printf("%s\n", name);
        for (size_t t = 0; t < nomen_normalizer_token_count(nz); t++) {
            const char *hans = nomen_normalizer_token_hans(nz, t);
            printf("  %-12s key=%-14s marks=%-16s %s%s%s\n", nomen_normalizer_token_text(nz, t),
                   nomen_normalizer_token_key(nz, t), nomen_normalizer_token_marks(nz, t),
                   nomen_script_name(nomen_normalizer_token_script(nz, t)),
                   hans ? " simplified=" : "", hans ? hans : "");
        }
    }
    nomen_normalizer_free(nz);
    return status;
}
