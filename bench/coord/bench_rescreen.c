/*
 * bench_rescreen.c: re-screening on change (issue 8). A customer file
 * (deterministic, rescreen_fixture.h) is screened twice against a day's
 * changes to the OFAC SDN 2021-07 set:
 *   full      every customer against the whole new snapshot (what a bank
 *             runs without change tracking), hits on changed subjects kept;
 *   rescreen  nomen_rescreen_*: the changed-only index first, the full index
 *             only for the customers near a changed subject.
 * It prints the time of each (thread CPU time, so that other work on the
 * shared machine does not move the figures), the speed-up, and whether the
 * two found the same hits with the same scores. Exit status 1 when they
 * differ or the speed-up is under 50.
 * Usage: bench_rescreen [--customers N] [--list FOLDER] [--planted PER_100K]
 */
#include "rescreen_fixture.h"

#include <time.h>

/* The speed-up the issue asks for. */
#define WANT_SPEEDUP 50.0

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    size_t ncust = 100000;
    long planted = -1;
    const char *list = "../shared/data/lists/ofac/sdn_2021-07";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--customers") == 0)
            ncust = (size_t)strtoull(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--list") == 0)
            list = argv[i + 1];
        else if (strcmp(argv[i], "--planted") == 0)
            planted = strtol(argv[i + 1], NULL, 10);
    }
    rf_fixture f;
    if (rf_open(&f, list) != 0) {
        rf_free(&f);
        return 2;
    }
    if (planted >= 0)
        f.planted = (unsigned)planted;
    printf("new snapshot: %zu records; a day's changes: %zu added, %zu changed, %zu removed\n",
           nomen_records_count(f.new_r), nomen_diff_count_kind(f.d, NOMEN_DIFF_ADDED),
           nomen_diff_count_kind(f.d, NOMEN_DIFF_CHANGED),
           nomen_diff_count_kind(f.d, NOMEN_DIFF_REMOVED));
    nomen_options opt;
    nomen_options_init(&opt);
    opt.limit = 0;
    nomen_matcher *m = NULL;
    nomen_rescreen *rs = NULL;
    if (nomen_matcher_new(f.full, &m) || nomen_matcher_set_options(m, &opt) ||
        nomen_rescreen_new(f.full, f.d, &opt, &rs)) {
        fprintf(stderr, "cannot create the matchers\n");
        return 2;
    }
    char name[256];
    char *a = NULL, *b = NULL;
    size_t alen = 0, acap = 0, blen = 0, bcap = 0, nhits_all = 0;
    nomen_query q;
    nomen_query_init(&q);
    double t0 = cpu_now();
    for (size_t i = 0; i < ncust; i++) {
        rf_customer(&f, 42, i, name, sizeof name);
        q.name = name;
        q.name_len = strlen(name);
        if (nomen_matcher_screen(m, &q) != NOMEN_OK)
            return 2;
        size_t n = nomen_matcher_hit_count(m);
        nhits_all += n;
        for (size_t h = 0; h < n; h++)
            if (rf_is_changed(&f, nomen_hit_list(m, h), nomen_hit_entity_id(m, h)))
                rf_put(&a, &alen, &acap, i, nomen_hit_entity_id(m, h), nomen_hit_score(m, h));
    }
    double t1 = cpu_now();
    /* Forward re-screen: every customer through the changed index. */
    for (size_t i = 0; i < ncust; i++) {
        rf_customer(&f, 42, i, name, sizeof name);
        q.name = name;
        q.name_len = strlen(name);
        if (nomen_rescreen_screen(rs, &q) != NOMEN_OK)
            return 2;
        const nomen_matcher *hm = nomen_rescreen_matcher(rs);
        for (size_t j = 0; j < nomen_rescreen_hit_count(rs); j++) {
            size_t h = nomen_rescreen_hit(rs, j);
            rf_put(&b, &blen, &bcap, i, nomen_hit_entity_id(hm, h), nomen_hit_score(hm, h));
        }
    }
    double t2 = cpu_now();
    /* The customer index, built once and kept (not part of a night). */
    nomen_index *cix = rf_customer_index(&f, 42, ncust);
    if (!cix)
        return 2;
    double t3 = cpu_now();
    /* The night: the changed subjects against the customers, then those
     * customers alone against the list. */
    if (nomen_rescreen_candidates(rs, cix) != NOMEN_OK)
        return 2;
    size_t ncand = nomen_rescreen_candidate_count(rs);
    char *c = NULL;
    size_t clen = 0, ccap = 0;
    size_t *cust = malloc((ncand ? ncand : 1) * sizeof *cust);
    for (size_t k = 0; cust && k < ncand; k++)
        cust[k] = (size_t)strtoull(nomen_rescreen_candidate(rs, k), NULL, 10);
    /* In customer order, so the text compares with the full screen's. */
    for (size_t k = 1; cust && k < ncand; k++)
        for (size_t x = k; x > 0 && cust[x - 1] > cust[x]; x--) {
            size_t t = cust[x];
            cust[x] = cust[x - 1];
            cust[x - 1] = t;
        }
    for (size_t k = 0; cust && k < ncand; k++) {
        rf_customer(&f, 42, cust[k], name, sizeof name);
        q.name = name;
        q.name_len = strlen(name);
        if (nomen_rescreen_screen(rs, &q) != NOMEN_OK)
            return 2;
        const nomen_matcher *hm = nomen_rescreen_matcher(rs);
        for (size_t j = 0; j < nomen_rescreen_hit_count(rs); j++) {
            size_t h = nomen_rescreen_hit(rs, j);
            rf_put(&c, &clen, &ccap, cust[k], nomen_hit_entity_id(hm, h), nomen_hit_score(hm, h));
        }
    }
    double t4 = cpu_now();
    free(cust);
    nomen_index_free(cix);
    bool same_night = alen == clen && (alen == 0 || memcmp(a, c, alen) == 0);
    free(c);
    bool same = alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
    size_t lines = 0;
    for (size_t k = 0; k < alen; k++)
        lines += a[k] == '\n';
    double full = t1 - t0, re = t2 - t1, night = t4 - t3, speedup = night > 0 ? full / night : 0;
    printf("customers: %zu (%u per 100,000 named after a changed subject)\n", ncust, f.planted);
    printf("full screen:        %.3f s CPU (%.0f customers/s), %zu hits, %zu on changed subjects\n",
           full, (double)ncust / full, nhits_all, lines);
    printf("forward re-screen:  %.3f s CPU (%.1fx), every customer through the changed index; "
           "same hits: %s\n",
           re, re > 0 ? full / re : 0, same ? "yes" : "NO");
    printf("customer index:     %.3f s CPU, built once and kept\n", t3 - t2);
    printf("nightly re-screen:  %.4f s CPU: %zu changed subjects against the customer index, "
           "%zu candidate customers screened against the list\n",
           night, nomen_diff_count(f.d) - nomen_diff_count_kind(f.d, NOMEN_DIFF_REMOVED), ncand);
    printf("speed-up of the nightly re-screen: %.1fx (want >= %.0fx)\n", speedup, WANT_SPEEDUP);
    printf("same hits on changed subjects: %s\n", same_night ? "yes" : "NO");
    same = same && same_night;
    free(a);
    free(b);
    nomen_rescreen_free(rs);
    nomen_matcher_free(m);
    rf_free(&f);
    return same && speedup >= WANT_SPEEDUP ? 0 : 1;
}
