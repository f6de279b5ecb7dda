/*
 * fuzz_xml.c: the streaming XML reader and the XML format detection on
 * arbitrary bytes (load stage).
 *
 * Every event is checked against the reader's own invariants: the depth
 * stays within the limit, an element's name is its own ancestor 0, text is
 * NUL-terminated at its length and never longer than the field limit. Small
 * limits make the limit paths reachable from short inputs.
 */
#include "load/xmladapt.h"
#include "load/xmlread.h"

#include <stdlib.h>
#include <string.h>

typedef struct fz {
    nomen__loader *ld;
    size_t events;
} fz;

static int fz_start(void *ud, nomen__xml *x, const char *name, const char *const *attrs)
{
    fz *f = ud;
    if (nomen__xml_depth(x) < 1 || nomen__xml_depth(x) > f->ld->max_xml_depth ||
        strcmp(name, nomen__xml_ancestor(x, 0)) != 0 || nomen__xml_line(x) < 1)
        abort();
    for (size_t i = 0; attrs[i] != NULL; i += 2)
        if (attrs[i + 1] == NULL || nomen__xml_attr(attrs, attrs[i]) == NULL)
            abort();
    f->events++;
    return NOMEN_OK;
}

static int fz_end(void *ud, nomen__xml *x, const char *name, const char *text, size_t len)
{
    fz *f = ud;
    if (strcmp(name, nomen__xml_ancestor(x, 0)) != 0 || text[len] != '\0' ||
        len > f->ld->max_field_bytes)
        abort();
    f->events++;
    return NOMEN_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fmt = nomen__xml_detect(data, size);
    if (fmt != NOMEN__FMT_AUTO && (fmt < NOMEN__FMT_OFAC_XML || fmt > NOMEN__FMT_UN_XML))
        abort();
    nomen__loader ld;
    memset(&ld, 0, sizeof(ld));
    ld.max_field_bytes = 256;
    ld.max_xml_depth = 16;
    fz f = {&ld, 0};
    nomen__src src;
    nomen__src_open_mem(&src, "fuzz.xml", data, size);
    int rc = nomen__xml_parse(&ld, &src, fz_start, fz_end, &f);
    /* A failure always comes with a positioned message. */
    if (rc != NOMEN_OK && (ld.err.status != rc || nomen__err_msg(&ld.err)[0] == '\0'))
        abort();
    nomen__src_close(&src);
    nomen__err_free(&ld.err);
    return 0;
}
