/*
 * fuzz_csv_lists.c: the CSV-based list adapters and the dispatcher on
 * arbitrary bytes (load stage).
 *
 * The first byte picks the adapter (OFAC CSV with the input as primary file,
 * OFAC CSV with the input as alias + address + comment files of a fixed
 * primary, UK ConList, generic CSV, generic JSON Lines, or nomen__load_mem
 * with detection) and strict or lenient mode; the rest is the file. Checked:
 * the source counts add up and every committed record has a primary name.
 */
#include "load/load.h"

#include <stdlib.h>
#include <string.h>

static const char prim[] = "1,\"A, B\",\"individual\",\"P\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
                           "\"DOB 1960; a.k.a. 'X'.\"\r\n"
                           "2,\"C\",-0- ,\"P\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned pick = data[0] % 6;
    bool strict = (data[0] / 6) % 2 == 1;
    nomen__recset set;
    nomen__recset_init(&set);
    nomen__loader ld;
    if (nomen__loader_init(&ld, &set) != NOMEN_OK)
        abort();
    ld.strict = strict;
    ld.max_field_bytes = 512;
    const uint8_t *d = data + 1;
    size_t n = size - 1;
    nomen__src a, b, c, p;
    int rc = NOMEN_OK;
    switch (pick) {
    case 0:
        nomen__src_open_mem(&a, "sdn.csv", d, n);
        rc = nomen__load_ofac_csv(&ld, &a, NULL, NULL, NULL);
        nomen__src_close(&a);
        break;
    case 1:
        nomen__src_open_mem(&p, "sdn.csv", prim, sizeof(prim) - 1);
        nomen__src_open_mem(&a, "alt.csv", d, n);
        nomen__src_open_mem(&b, "add.csv", d, n);
        nomen__src_open_mem(&c, "sdn_comments.csv", d, n);
        rc = nomen__load_ofac_csv(&ld, &p, &a, &b, &c);
        nomen__src_close(&p);
        nomen__src_close(&a);
        nomen__src_close(&b);
        nomen__src_close(&c);
        break;
    case 2:
        nomen__src_open_mem(&a, "ConList.csv", d, n);
        rc = nomen__load_uk_csv(&ld, &a);
        nomen__src_close(&a);
        break;
    case 3:
        nomen__src_open_mem(&a, "list.csv", d, n);
        rc = nomen__load_generic_csv(&ld, &a, NULL);
        nomen__src_close(&a);
        break;
    case 4:
        nomen__src_open_mem(&a, "list.jsonl", d, n);
        rc = nomen__load_generic_jsonl(&ld, &a, NULL);
        nomen__src_close(&a);
        break;
    default:
        rc = nomen__load_mem(&ld, "fuzz", d, n, NOMEN__FMT_AUTO, NULL);
        break;
    }
    (void)rc;
    for (size_t i = 0; i < set.nsources; i++) {
        const nomen__rsource *s = &set.sources[i];
        if (s->records_loaded > s->records_read)
            abort();
    }
    for (size_t i = 0; i < set.n; i++) {
        const nomen__record *r = &set.recs[i];
        if (r->nnames == 0 || r->names[0].full == NULL || r->source >= set.nsources)
            abort();
        for (size_t k = 0; k < r->ndobs; k++)
            if (r->dobs[k].text == NULL || r->dobs[k].year_to < r->dobs[k].year)
                abort();
    }
    nomen__loader_free(&ld);
    nomen__recset_free(&set);
    return 0;
}
