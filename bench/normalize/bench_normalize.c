/*
 * bench_normalize.c: names normalized per second, per script class, beside a
 * plain ASCII-lowercasing baseline over the same bytes in the same run.
 * Names come from a deterministic generator (fixed seed), so runs compare.
 * Usage: bench_normalize [names-per-class]   (default 200000)
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, strdup */
#include "normalize/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); /* CPU time: independent of machine load */
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

static const char *const latin_given[] = {"John", "Maria",  "Ahmed",  "Olga",   "Pierre",
                                          "Wei",  "Fatima", "Carlos", "Ingrid", "Kwame"};
static const char *const latin_family[] = {"SMITH",  "Garcia",  "Al-Rashid", "O'Connor",
                                           "Petrov", "Nguyen",  "Schmidt",   "Okafor",
                                           "Rossi",  "Kowalski"};
static const char *const pinyin[] = {"chen", "quan", "guo", "zhang", "wang", "jun", "zheng",
                                     "xiao", "ming", "hai", "lun",   "zhu",  "liu", "huo"};
static const char *const han[] = {"陈", "全", "国", "張", "王", "君", "正",
                                  "明", "海", "侖", "朱", "劉", "霍", "軍"};
static const char *const cyr[] = {"Владимир", "Путин",    "Сергей", "Лавров",
                                  "Си",       "Цзиньпин", "Ольга",  "Иванова"};

static char *make_name(int cls, char *buf, size_t cap)
{
    buf[0] = '\0';
    switch (cls) {
    case 0:
        snprintf(buf, cap, "%s, %s %s", latin_family[rnd(10)], latin_given[rnd(10)],
                 latin_given[rnd(10)]);
        break;
    case 1:
        snprintf(buf, cap, "%s %s%s", pinyin[rnd(14)], pinyin[rnd(14)], pinyin[rnd(14)]);
        buf[0] = (char)(buf[0] - 32);
        break;
    case 2:
        snprintf(buf, cap, "%s%s%s", han[rnd(14)], han[rnd(14)], han[rnd(14)]);
        break;
    default:
        snprintf(buf, cap, "%s %s", cyr[rnd(8)], cyr[rnd(8)]);
        break;
    }
    return buf;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 200000;
    if (n <= 0)
        n = 200000;
    nomen__err err = {0};
    nomen__translit_proto *proto = NULL;
    nomen__norm nz;
    if (nomen__translit_proto_open(&proto, &err) || nomen__norm_init(&nz, proto, &err)) {
        fprintf(stderr, "bench_normalize: %s\n", nomen__err_msg(&err));
        return 2;
    }
    static const char *const cls_names[] = {"ascii-latin", "pinyin", "han", "cyrillic"};
    printf("%-12s %10s %14s %16s %8s\n", "class", "names", "nomen names/s", "baseline names/s",
           "ratio");
    for (int cls = 0; cls < 4; cls++) {
        char **names = malloc((size_t)n * sizeof(char *));
        for (int i = 0; i < n; i++) {
            char buf[128];
            names[i] = strdup(make_name(cls, buf, sizeof buf));
        }
        /* Baseline: ASCII lowercasing into a buffer, what a naive screener does. */
        char low[128];
        volatile size_t sink = 0;
        double t0 = now();
        for (int i = 0; i < n; i++) {
            size_t l = strlen(names[i]);
            for (size_t k = 0; k < l && k < sizeof low; k++) {
                char c = names[i][k];
                low[k] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
            }
            sink += (size_t)low[0];
        }
        double base = now() - t0;
        nomen__tokens toks = {0};
        size_t ntok = 0;
        t0 = now();
        for (int i = 0; i < n; i++) {
            if (nomen__normalize(&nz, names[i], strlen(names[i]), &toks, &err)) {
                fprintf(stderr, "bench_normalize: %s\n", nomen__err_msg(&err));
                return 2;
            }
            ntok += toks.n;
        }
        double t = now() - t0;
        (void)sink;
        printf("%-12s %10d %14.0f %16.0f %7.1fx  (%zu tokens)\n", cls_names[cls], n, n / t,
               n / base, t / base, ntok);
        nomen__tokens_free(&toks);
        for (int i = 0; i < n; i++)
            free(names[i]);
        free(names);
    }
    nomen__norm_free(&nz);
    nomen__translit_proto_free(proto);
    nomen__err_free(&err);
    return 0;
}
