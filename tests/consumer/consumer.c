/* consumer.c: uses the installed nomen through its public header only. */
#include <nomen.h>

#include <stdio.h>
#include <string.h>

int main(void)
{
    nomen_normalizer *nz = NULL;
    if (nomen_normalizer_new(&nz) != NOMEN_OK)
        return 1;
    const char *name = "陳全國";
    int rc = nomen_normalizer_run(nz, name, strlen(name));
    int ok = rc == NOMEN_OK && nomen_normalizer_token_count(nz) == 1 &&
             strcmp(nomen_normalizer_token_key(nz, 0), "chenquanguo") == 0;
    printf("consumer: nomen %s, %s -> %s: %s\n", nomen_version_string(), name,
           ok ? nomen_normalizer_token_key(nz, 0) : "?", ok ? "ok" : "FAILED");
    nomen_normalizer_free(nz);
    return ok ? 0 : 1;
}
