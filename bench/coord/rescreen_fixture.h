/*
 * rescreen_fixture.h: what the re-screening bench (bench/coord) and its test
 * (tests/coord) share: a day's changes made from a real snapshot, a
 * deterministic customer file, and the two ways of screening it.
 *
 * A day's changes. The new snapshot is the OFAC SDN 2021-07 set as published.
 * The old one is built in a temporary folder: the side files are symbolic
 * links to the originals (nothing is copied), and sdn.csv is the original
 * with every DROP_EVERY-th row left out (those subjects are "added" by the
 * new snapshot) and every RENAME_EVERY-th row's name spelled differently
 * (those are "changed"). OFAC's daily updates add or amend a few dozen
 * entries; these values give 29 additions and 18 changes on the 8,976
 * records, the size of a busy day.
 *
 * Customers. A deterministic generator (splitmix64, fixed seed) writes
 * names that are mostly innocent (syllables assembled into given names and
 * surnames), 10% recombining tokens of two list names (near misses), and
 * RF_PLANTED per 100,000 named after a changed subject, as written or with a
 * letter doubled, so that the changed subjects have hits to find.
 *
 * Full screen: every customer against the whole new snapshot, hits on
 * changed subjects kept. Re-screen: nomen_rescreen_*. Both produce, per
 * customer, the sorted "id score" lines of those hits; the two must be equal.
 */
#ifndef NOMEN_RESCREEN_FIXTURE_H
#define NOMEN_RESCREEN_FIXTURE_H

#define _POSIX_C_SOURCE 200809L
#include <nomen.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* See the header comment: 8,976 rows / 307 and / 499 give a busy day. */
#define RF_DROP_EVERY   307
#define RF_RENAME_EVERY 499
/* Customers per 100,000 named after a changed subject (as listed, or with a
 * letter doubled). A real bank has a handful of true matches on a day's
 * designations; 50 (one per 2,000 customers, about one per changed subject)
 * is already many. The bench takes --planted N to measure denser mixes:
 * every planted customer costs a full screen of a long list name. */
#define RF_PLANTED 50

typedef struct rf_fixture {
    char dir[256];    /* the old snapshot's temporary folder */
    unsigned planted; /* customers per 100,000 named after a changed subject */
    nomen_records *old_r, *new_r;
    nomen_diff *d;
    nomen_index *full;
} rf_fixture;

static uint64_t rf_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int rf_link(const char *src, const char *dir, const char *name)
{
    char a[512], b[512];
    snprintf(a, sizeof a, "%s/%s", src, name);
    snprintf(b, sizeof b, "%s/%s", dir, name);
    if (access(a, R_OK) != 0)
        return 0; /* absent beside the original too */
    return symlink(a, b);
}

/* The old snapshot from the folder src (sdn.csv and side files). */
static int rf_make_old(const char *src, char *dir, size_t dirlen)
{
    snprintf(dir, dirlen, "%s/nomen-rescreen-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    if (rf_link(src, dir, "alt.csv") || rf_link(src, dir, "add.csv") ||
        rf_link(src, dir, "sdn_comments.csv"))
        return -1;
    char in[512], out[512];
    snprintf(in, sizeof in, "%s/sdn.csv", src);
    snprintf(out, sizeof out, "%s/sdn.csv", dir);
    FILE *fi = fopen(in, "rb"), *fo = fopen(out, "wb");
    if (!fi || !fo) {
        if (fi)
            fclose(fi);
        if (fo)
            fclose(fo);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned long row = 0;
    while ((n = getline(&line, &cap, fi)) > 0) {
        row++;
        if (row % RF_DROP_EVERY == 0)
            continue;
        char *q = strstr(line, ",\"");
        if (row % RF_RENAME_EVERY == 0 && q) {
            /* The old spelling: "OLD" before the name's first letter. */
            fwrite(line, 1, (size_t)(q + 2 - line), fo);
            fputs("OLD", fo);
            fputs(q + 2, fo);
        } else {
            fwrite(line, 1, (size_t)n, fo);
        }
    }
    free(line);
    fclose(fi);
    return fclose(fo) == 0 ? 0 : -1;
}

static void rf_remove_old(const char *dir)
{
    static const char *const names[] = {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"};
    char p[512];
    for (size_t k = 0; k < 4; k++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[k]);
        unlink(p);
    }
    rmdir(dir);
}

static void rf_free(rf_fixture *f)
{
    nomen_index_free(f->full);
    nomen_diff_free(f->d);
    nomen_records_free(f->new_r);
    nomen_records_free(f->old_r);
    if (f->dir[0])
        rf_remove_old(f->dir);
    memset(f, 0, sizeof *f);
}

/* Load both snapshots, diff them, index the new one. 0 or -1 (message on
 * stderr). */
static int rf_open(rf_fixture *f, const char *src)
{
    memset(f, 0, sizeof *f);
    f->planted = RF_PLANTED;
    if (rf_make_old(src, f->dir, sizeof f->dir) != 0) {
        fprintf(stderr, "cannot make the old snapshot in %s: %s\n", f->dir, strerror(errno));
        return -1;
    }
    if (nomen_records_new(&f->old_r) || nomen_records_new(&f->new_r) ||
        nomen_records_add_path(f->old_r, f->dir, NULL, NULL) ||
        nomen_records_add_path(f->new_r, src, NULL, NULL)) {
        fprintf(stderr, "cannot load: %s %s\n", nomen_records_errmsg(f->old_r),
                nomen_records_errmsg(f->new_r));
        return -1;
    }
    if (nomen_diff_new(f->old_r, f->new_r, &f->d) ||
        nomen_records_index(f->new_r, NULL, 0, &f->full)) {
        fprintf(stderr, "cannot diff or index\n");
        return -1;
    }
    return 0;
}

static const char *const rf_syl[] = {"ka", "lo", "mer", "an", "dri", "sa",  "ven", "to",  "bel",
                                     "ri", "na", "gor", "el", "mi",  "ta",  "son", "ber", "li",
                                     "ko", "da", "wen", "fi", "ru",  "pel", "ha",  "ne",  "sto"};
#define RF_NSYL (sizeof rf_syl / sizeof rf_syl[0])

static void rf_word(uint64_t *s, char *out, size_t len)
{
    size_t n = 2 + rf_next(s) % 2, used = 0;
    out[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        int w = snprintf(out + used, len - used, "%s", rf_syl[rf_next(s) % RF_NSYL]);
        if (w < 0 || (size_t)w >= len - used)
            break;
        used += (size_t)w;
    }
    if (out[0] >= 'a' && out[0] <= 'z')
        out[0] = (char)(out[0] - 32);
}

/* Customer i's name into out. Deterministic in (seed, i). */
static void rf_customer(const rf_fixture *f, uint64_t seed, size_t i, char *out, size_t len)
{
    uint64_t s = seed ^ (0x5851F42D4C957F2Dull * (i + 1));
    size_t nchanged = nomen_diff_count(f->d);
    uint64_t pick = rf_next(&s) % 100000;
    if (pick < f->planted && nchanged) {
        /* A changed subject's name, as written or with a letter doubled. */
        size_t e = rf_next(&s) % nchanged;
        size_t rec = nomen_diff_new_record(f->d, e);
        if (rec == SIZE_MAX) {
            snprintf(out, len, "Nobody Here");
            return;
        }
        const char *name = nomen_record_name(f->new_r, rec, 0);
        size_t n = strlen(name), at = n ? rf_next(&s) % n : 0;
        if (rf_next(&s) % 2 && n + 2 < len)
            snprintf(out, len, "%.*s%c%s", (int)at + 1, name, name[at], name + at + 1);
        else
            snprintf(out, len, "%s", name);
        return;
    }
    if (pick < 10000) {
        /* Tokens of two random list names: near misses. */
        size_t nr = nomen_records_count(f->new_r);
        const char *a = nomen_record_name(f->new_r, rf_next(&s) % nr, 0);
        const char *b = nomen_record_name(f->new_r, rf_next(&s) % nr, 0);
        const char *sa = strchr(a, ' '), *sb = strrchr(b, ' ');
        snprintf(out, len, "%.*s %s", sa ? (int)(sa - a) : (int)strlen(a), a, sb ? sb + 1 : b);
        return;
    }
    char g[64], fam[64];
    rf_word(&s, g, sizeof g);
    rf_word(&s, fam, sizeof fam);
    snprintf(out, len, "%s %s", g, fam);
}

/* An index of customers 0..n-1 (generic CSV in memory: id,name), or NULL. */
static nomen_index *rf_customer_index(const rf_fixture *f, uint64_t seed, size_t n)
{
    char *csv = NULL, name[256];
    size_t len = 0, cap = 0;
    nomen_builder *b = NULL;
    nomen_index *ix = NULL;
    const char *head = "id,name\n";
    for (size_t i = 0; i <= n; i++) {
        char line[600];
        if (i == 0)
            snprintf(line, sizeof line, "%s", head);
        else {
            rf_customer(f, seed, i - 1, name, sizeof name);
            /* Quoted, with quotes doubled (RFC 4180). */
            char q[520];
            size_t w = 0;
            for (const char *p = name; *p && w + 2 < sizeof q; p++) {
                if (*p == '"')
                    q[w++] = '"';
                q[w++] = *p;
            }
            q[w] = '\0';
            snprintf(line, sizeof line, "%zu,\"%s\"\n", i - 1, q);
        }
        size_t l = strlen(line);
        if (len + l + 1 > cap) {
            size_t c2 = cap * 2 > len + l + 1 ? cap * 2 : len + l + 1;
            char *p = realloc(csv, c2);
            if (!p) {
                free(csv);
                return NULL;
            }
            csv = p;
            cap = c2;
        }
        memcpy(csv + len, line, l + 1);
        len += l;
    }
    if (nomen_builder_new(&b) == NOMEN_OK &&
        nomen_builder_add_memory(b, "customers.csv", csv, len, "generic-csv", "customers") ==
            NOMEN_OK)
        nomen_index_build(b, &ix);
    else
        fprintf(stderr, "customers: %s\n", nomen_builder_errmsg(b));
    nomen_builder_free(b);
    free(csv);
    return ix;
}

/* Whether the hit (list name, id) is an added or changed subject. */
static int rf_is_changed(const rf_fixture *f, const char *list, const char *id)
{
    for (size_t l = 0; l < nomen_records_list_count(f->new_r); l++) {
        size_t rec;
        if (strcmp(nomen_records_list_name(f->new_r, l), list) != 0 ||
            nomen_records_find(f->new_r, l, id, &rec) != NOMEN_OK)
            continue;
        for (size_t e = 0; e < nomen_diff_count(f->d); e++)
            if (nomen_diff_new_record(f->d, e) == rec)
                return 1;
    }
    return 0;
}

/* Append "customer id score" of one hit to a growing text. */
static int rf_put(char **buf, size_t *len, size_t *cap, size_t cust, const char *id, double score)
{
    char line[128];
    int n = snprintf(line, sizeof line, "%zu %s %.6f\n", cust, id, score);
    if (n < 0)
        return -1;
    if (*len + (size_t)n + 1 > *cap) {
        size_t c = *cap ? *cap * 2 : 4096;
        while (c < *len + (size_t)n + 1)
            c *= 2;
        char *p = realloc(*buf, c);
        if (!p)
            return -1;
        *buf = p;
        *cap = c;
    }
    memcpy(*buf + *len, line, (size_t)n + 1);
    *len += (size_t)n;
    return 0;
}

#endif
