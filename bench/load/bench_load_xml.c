/*
 * bench_load_xml.c: load time and memory of the XML list adapters on the
 * snapshots in ../shared/data/lists (load stage).
 *
 * For each snapshot it prints the best of several runs of (a) the adapter
 * (parse, build and commit every record) and (b) a baseline in the same run:
 * expat alone over the same bytes with empty callbacks, the least any
 * expat-based loader can cost. The difference is what the adapters and the
 * record builder add. Memory is the record set's arena (what the result
 * keeps) and the process's peak resident size.
 *
 * Usage: bench_load_xml [shared-dir] (default: $NOMEN_SHARED_DIR or
 * ../shared).
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include "load/load.h"

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* Runs per measurement; the minimum is reported (the least disturbed run on
 * a shared machine). */
#define RUNS 7

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 20, n = 0, got;
    char *buf = malloc(cap);
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static void XMLCALL noop_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)ud, (void)name, (void)atts;
}

static void XMLCALL noop_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

static void XMLCALL noop_text(void *ud, const XML_Char *s, int len)
{
    (void)ud, (void)s, (void)len;
}

/* The baseline: expat over the whole buffer, in the adapters' chunk size. */
static double baseline_ms(const char *data, size_t len)
{
    double best = 1e300;
    for (int r = 0; r < RUNS; r++) {
        double t0 = now_ms();
        XML_Parser p = XML_ParserCreateNS(NULL, '\x01');
        XML_SetElementHandler(p, noop_start, noop_end);
        XML_SetCharacterDataHandler(p, noop_text);
        for (size_t off = 0; off < len; off += NOMEN__SRC_CHUNK) {
            size_t n = NOMEN__MIN(NOMEN__SRC_CHUNK, len - off);
            XML_Parse(p, data + off, (int)n, XML_FALSE);
        }
        XML_Parse(p, "", 0, XML_TRUE);
        XML_ParserFree(p);
        double t = now_ms() - t0;
        if (t < best)
            best = t;
    }
    return best;
}

typedef struct snap {
    const char *path;
    const char *label;
    int (*load)(nomen__loader *, nomen__src *);
} snap;

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : getenv("NOMEN_SHARED_DIR");
    if (dir == NULL)
        dir = "../shared";
    static const snap snaps[] = {
        {"data/lists/ofac/cons_2025-03_xml/consolidated.xml", "ofac-xml", nomen__load_ofac_xml},
        {"data/lists/ofac/cons_2025-01_enhanced/CONS_ENHANCED.XML", "ofac-enhanced",
         nomen__load_ofac_enhanced},
        {"data/lists/un/2026-02-27/consolidated.xml", "un-xml", nomen__load_un_xml},
        {"data/lists/ca/2025-05/sema-lese.xml", "ca-xml", nomen__load_ca_xml},
    };
    printf("%-14s %9s %8s %10s %10s %7s %9s %10s\n", "format", "bytes", "records", "load ms",
           "expat ms", "ratio", "MB/s", "kept KiB");
    int failures = 0;
    for (size_t i = 0; i < NOMEN__ARRAY_LEN(snaps); i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, snaps[i].path);
        size_t len = 0;
        char *data = read_all(path, &len);
        if (data == NULL) {
            printf("%-14s missing: %s\n", snaps[i].label, path);
            continue;
        }
        double best = 1e300;
        size_t records = 0, kept = 0;
        for (int r = 0; r < RUNS; r++) {
            nomen__recset set;
            nomen__recset_init(&set);
            nomen__loader ld;
            nomen__loader_init(&ld, &set);
            nomen__src src;
            nomen__src_open_mem(&src, path, data, len);
            double t0 = now_ms();
            int rc = snaps[i].load(&ld, &src);
            double t = now_ms() - t0;
            nomen__src_close(&src);
            if (rc != NOMEN_OK) {
                printf("%-14s error: %s\n", snaps[i].label, nomen__err_msg(&ld.err));
                failures++;
            }
            if (t < best)
                best = t;
            records = set.n;
            kept = set.arena.total;
            nomen__loader_free(&ld);
            nomen__recset_free(&set);
        }
        double base = baseline_ms(data, len);
        printf("%-14s %9zu %8zu %10.2f %10.2f %6.2fx %9.1f %10.1f\n", snaps[i].label, len, records,
               best, base, best / base, (double)len / 1e6 / (best / 1e3), (double)kept / 1024.0);
        free(data);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak resident size of the whole run: %.1f MiB\n", (double)ru.ru_maxrss / 1024.0);
    return failures ? 1 : 0;
}
