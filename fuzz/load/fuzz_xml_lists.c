/*
 * fuzz_xml_lists.c: the XML list adapters on arbitrary bytes (load stage).
 *
 * The first byte picks the adapter (OFAC sdnList, OFAC Enhanced, EU, Canada,
 * UN) and strict or lenient mode; the rest is the document. Whatever the
 * input, the source entry's counts must add up: every record read was loaded
 * or skipped, except the one that failed a strict load.
 */
#include "load/load.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int (*const adapters[])(nomen__loader *, nomen__src *) = {
        nomen__load_ofac_xml, nomen__load_ofac_enhanced, nomen__load_eu_xml, nomen__load_ca_xml,
        nomen__load_un_xml};
    if (size < 1)
        return 0;
    unsigned pick = data[0] % 5;
    bool strict = (data[0] / 5) % 2 == 1;
    nomen__recset set;
    nomen__recset_init(&set);
    nomen__loader ld;
    if (nomen__loader_init(&ld, &set) != NOMEN_OK)
        abort();
    ld.strict = strict;
    ld.max_field_bytes = 512;
    ld.max_xml_depth = 24;
    nomen__src src;
    nomen__src_open_mem(&src, "fuzz.xml", data + 1, size - 1);
    int rc = adapters[pick](&ld, &src);
    nomen__src_close(&src);
    if (set.nsources == 1) {
        const nomen__rsource *s = &set.sources[0];
        size_t done = s->records_loaded + s->records_skipped;
        if (done > s->records_read || s->records_read - done > 1 || s->records_loaded != set.n)
            abort();
        if (rc == NOMEN_OK && done != s->records_read)
            abort();
    }
    /* Every committed record has a primary-or-other name and an id. */
    for (size_t i = 0; i < set.n; i++)
        if (set.recs[i].nnames == 0 || set.recs[i].names[0].full == NULL ||
            set.recs[i].list_id == NULL)
            abort();
    nomen__loader_free(&ld);
    nomen__recset_free(&set);
    return 0;
}
