/*
 * bench_phonetic.c: names per second for each phonetic encoder on the
 * generated names of bench_names.h (UTF-8, some accented, so the mark
 * folding path runs too). Not a test: it prints figures.
 *
 * Usage: bench_phonetic [names]   (default 200000)
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "phonetic/phonetic.h"

#include "bench_names.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* CPU time of this thread, not wall time: the bench host is shared, and
 * time spent waiting for a core must not count against the code measured. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

enum { SOUNDEX, REFINED, NYSIIS, MRA, METAPHONE, DMETAPHONE, N_ENC };
static const char *const enc_name[N_ENC] = {"soundex",   "refined_soundex", "nysiis",
                                            "mra_codex", "metaphone",       "double_metaphone"};

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 200000;
    if (n < 100)
        n = 100;
    char *text = malloc(n * 128);
    size_t *off = malloc((n + 1) * sizeof *off);
    if (!text || !off)
        return 1;
    uint64_t rng = 42;
    size_t pos = 0, ascii = 0;
    for (size_t i = 0; i < n; i++) {
        off[i] = pos;
        gen_name(&rng, text + pos, 128);
        size_t l = strlen(text + pos);
        bool is_ascii = true;
        for (size_t k = 0; k < l; k++)
            is_ascii = is_ascii && (unsigned char)text[pos + k] < 0x80;
        ascii += is_ascii;
        pos += l;
    }
    off[n] = pos;
    printf("phonetic bench: %zu generated names (%.0f%% pure ASCII), one core, per second of "
           "thread CPU time\n\n",
           n, 100.0 * (double)ascii / (double)n);
    printf("%-18s %14s\n", "encoder", "names/s");
    nomen__soundex_opts so;
    nomen__soundex_opts_init(&so);
    nomen__nysiis_opts no;
    nomen__nysiis_opts_init(&no);
    nomen__mra_opts mo;
    nomen__mra_opts_init(&mo);
    nomen__metaphone_opts mp;
    nomen__metaphone_opts_init(&mp);
    nomen__dmetaphone_opts dm;
    nomen__dmetaphone_opts_init(&dm);
    nomen__buf b = {0}, alt = {0};
    size_t total = 0;
    for (int e = 0; e < N_ENC; e++) {
        double t0 = now();
        for (size_t i = 0; i < n; i++) {
            const char *s = text + off[i];
            size_t len = off[i + 1] - off[i];
            nomen__buf_clear(&b);
            nomen__buf_clear(&alt);
            int rc;
            switch (e) {
            case SOUNDEX:
                rc = nomen__soundex(s, len, &so, &b);
                break;
            case REFINED:
                rc = nomen__refined_soundex(s, len, true, &b);
                break;
            case NYSIIS:
                rc = nomen__nysiis(s, len, &no, &b);
                break;
            case MRA:
                rc = nomen__mra_codex(s, len, &mo, &b);
                break;
            case METAPHONE:
                rc = nomen__metaphone(s, len, &mp, &b);
                break;
            default:
                rc = nomen__double_metaphone(s, len, &dm, &b, &alt);
                break;
            }
            if (rc != NOMEN_OK) {
                fprintf(stderr, "%s failed on name %zu\n", enc_name[e], i);
                return 1;
            }
            total += b.len + alt.len;
        }
        printf("%-18s %14.0f\n", enc_name[e], (double)n / (now() - t0));
    }
    printf("\n(%zu code bytes written)\n", total);
    nomen__buf_free(&b);
    nomen__buf_free(&alt);
    free(text);
    free(off);
    return 0;
}
