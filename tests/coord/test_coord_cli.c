/*
 * test_coord_cli.c: nomen compare, nomen diff and nomen screen --changes,
 * end to end. Usage: test_coord_cli NOMEN WORKDIR.
 *
 * The compare tests run on the real OFAC, UK and Canadian snapshots in
 * ../shared and check the 2020-2021 Xinjiang designations: WANG Junzheng on
 * all three lists, CHEN Quanguo on OFAC and Canada but not the UK. The HTML
 * report is opened in headless Chromium: its script must run to the end
 * (the page marks itself ready), with no uncaught error, and the rows and the
 * gap must be in the rendered page. Without Chromium the test skips, except
 * under CI=true, where it fails.
 */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

typedef struct ctx {
    const char *nomen;
    const char *work;
} ctx;

/* Run a shell command; its exit status, or -1. */
static int run(const char *cmd)
{
    int st = system(cmd);
    if (st == -1 || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

static char *lists_args(void)
{
    char *o = nt_shared_path("data/lists/ofac/sdn_2021-07");
    char *u = nt_shared_path("data/lists/uk/2025-04-14/ConList.derived_from_xlsx.csv");
    char *c = nt_shared_path("data/lists/ca/2025-05/sema-lese.xml");
    char *out = NULL;
    if (o && u && c) {
        size_t n = strlen(o) + strlen(u) + strlen(c) + 16;
        out = malloc(n);
        snprintf(out, n, "'%s' '%s' '%s'", o, u, c);
    }
    free(o);
    free(u);
    free(c);
    return out;
}

/* The subject row whose cells name `name` (a record's primary name). */
static json_t *find_subject(json_t *root, const char *name)
{
    json_t *subjects = json_object_get(root, "subjects"), *s;
    size_t i;
    json_array_foreach(subjects, i, s)
    {
        json_t *cells = json_object_get(s, "lists"), *cell;
        size_t l;
        json_array_foreach(cells, l, cell)
        {
            json_t *r;
            size_t k;
            json_array_foreach(cell, k, r)
            {
                if (strcmp(json_string_value(json_object_get(r, "name")), name) == 0)
                    return s;
            }
        }
    }
    return NULL;
}

/* The list column of a list name. */
static size_t column(json_t *root, const char *list)
{
    json_t *lists = json_object_get(root, "lists"), *l;
    size_t i;
    json_array_foreach(lists, i, l)
    {
        if (strcmp(json_string_value(json_object_get(l, "list")), list) == 0)
            return i;
    }
    fail_msg("no list %s in the report", list);
    return 0;
}

static size_t cell_size(json_t *root, json_t *s, const char *list)
{
    return json_array_size(json_array_get(json_object_get(s, "lists"), column(root, list)));
}

static void test_compare_xinjiang(void **state)
{
    const ctx *c = *state;
    char *lists = lists_args();
    NT_REQUIRE_FILE(lists, "the OFAC, UK and Canadian snapshots in ../shared/data/lists");
    char cmd[4096], out[512];
    snprintf(out, sizeof out, "%s/compare.json", c->work);
    snprintf(cmd, sizeof cmd, "'%s' compare -q -f json -o '%s' %s", c->nomen, out, lists);
    assert_int_equal(run(cmd), 0);
    json_error_t err;
    json_t *root = json_load_file(out, 0, &err);
    if (!root)
        fail_msg("%s: %s", out, err.text);
    assert_int_equal(json_array_size(json_object_get(root, "lists")), 3);

    json_t *wang = find_subject(root, "WANG, Junzheng");
    assert_non_null(wang);
    assert_int_equal(cell_size(root, wang, "us-ofac-sdn"), 1);
    assert_int_equal(cell_size(root, wang, "uk-ofsi"), 1);
    assert_int_equal(cell_size(root, wang, "ca-sema"), 1);
    /* The UK writes him "JUNZHENG WANG": the same row, found by the UK name. */
    assert_ptr_equal(find_subject(root, "JUNZHENG WANG"), wang);
    json_t *links = json_object_get(wang, "links");
    assert_true(json_array_size(links) >= 2);
    json_t *lk = json_array_get(links, 0);
    assert_true(json_real_value(json_object_get(lk, "confidence")) >= 0.88);
    assert_non_null(strstr(json_string_value(json_object_get(lk, "evidence")), "name"));

    json_t *chen = find_subject(root, "CHEN, Quanguo");
    assert_non_null(chen);
    assert_int_equal(cell_size(root, chen, "us-ofac-sdn"), 1);
    assert_int_equal(cell_size(root, chen, "uk-ofsi"), 0);
    assert_int_equal(cell_size(root, chen, "ca-sema"), 1);

    /* No subject holds two records of one list, and no link joins dates of
     * birth that contradict (a link's evidence never says they differ). */
    json_t *subjects = json_object_get(root, "subjects"), *s;
    size_t i;
    json_array_foreach(subjects, i, s)
    {
        for (size_t l = 0; l < 3; l++)
            assert_true(json_array_size(json_array_get(json_object_get(s, "lists"), l)) <= 1);
    }
    json_decref(root);
    free(lists);
}

static void test_compare_csv(void **state)
{
    const ctx *c = *state;
    char *lists = lists_args();
    NT_REQUIRE_FILE(lists, "the OFAC, UK and Canadian snapshots in ../shared/data/lists");
    char cmd[4096], out[512];
    snprintf(out, sizeof out, "%s/compare.csv", c->work);
    snprintf(cmd, sizeof cmd, "'%s' compare -q --shared-only -o '%s' %s", c->nomen, out, lists);
    assert_int_equal(run(cmd), 0);
    nt_table t;
    nt_csv_read(out, 0, &t);
    assert_true(t.n > 100);
    /* subject,name,type,lists_on, 3 columns per list, confidence, evidence */
    assert_int_equal(t.rows[0].n, 4 + 3 * 3 + 2);
    assert_string_equal(t.rows[0].f[4].s, "us-ofac-sdn_id");
    bool wang = false;
    for (size_t r = 1; r < t.n; r++) {
        assert_true(atoi(t.rows[r].f[3].s) >= 2); /* --shared-only */
        if (strcmp(t.rows[r].f[1].s, "WANG, Junzheng") == 0) {
            wang = true;
            assert_string_equal(t.rows[r].f[3].s, "3");
            assert_string_equal(t.rows[r].f[5].s, "GLOMAG");
        }
    }
    assert_true(wang);
    nt_table_free(&t);
    free(lists);
}

static const char *find_chromium(void)
{
    static const char *const names[] = {"/usr/bin/chromium", "/usr/bin/chromium-browser"};
    for (size_t k = 0; k < 2; k++)
        if (access(names[k], X_OK) == 0)
            return names[k];
    return NULL;
}

static void test_compare_html_chromium(void **state)
{
    const ctx *c = *state;
    char *lists = lists_args();
    NT_REQUIRE_FILE(lists, "the OFAC, UK and Canadian snapshots in ../shared/data/lists");
    const char *chromium = find_chromium();
    if (!chromium) {
        const char *ci = getenv("CI");
        if (ci && strcmp(ci, "true") == 0)
            fail_msg("chromium is not installed (apt-get install chromium)");
        print_message("skipped: chromium is not installed\n");
        free(lists);
        skip();
    }
    char cmd[8192], html[512], dom[512], log[512], profile[512];
    snprintf(html, sizeof html, "%s/compare.html", c->work);
    snprintf(dom, sizeof dom, "%s/compare.dom.html", c->work);
    snprintf(log, sizeof log, "%s/chromium.log", c->work);
    snprintf(profile, sizeof profile, "%s/chromium-profile-XXXXXX", c->work);
    assert_non_null(mkdtemp(profile));
    snprintf(cmd, sizeof cmd, "'%s' compare -q --shared-only -f html -o '%s' %s", c->nomen, html,
             lists);
    assert_int_equal(run(cmd), 0);
    /* No network at view time: nothing in the page may load from elsewhere. */
    size_t len;
    char *page = nt_read_file(html, &len);
    assert_null(strstr(page, "src=\"http"));
    assert_null(strstr(page, "href=\"http"));
    assert_non_null(strstr(page, "<svg id=\"overlap\""));
    assert_non_null(strstr(page, "subjects listed elsewhere are not on uk-ofsi"));
    free(page);
    snprintf(cmd, sizeof cmd,
             "'%s' --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
             "--disable-background-networking --disable-component-update --disable-sync "
             "--user-data-dir='%s' --enable-logging=stderr --v=0 --virtual-time-budget=5000 "
             "--dump-dom 'file://%s' > '%s' 2> '%s'",
             chromium, profile, html, dom, log);
    assert_int_equal(run(cmd), 0);
    char *d = nt_read_file(dom, &len);
    char *l = nt_read_file(log, &len);
    if (strstr(l, "Uncaught"))
        fail_msg("the report's script failed:\n%s", l);
    assert_non_null(strstr(d, "data-ready=\"1\""));
    char *wang = strstr(d, "WANG, Junzheng");
    assert_non_null(wang);
    char *chen = strstr(d, "CHEN, Quanguo");
    assert_non_null(chen);
    /* CHEN Quanguo's row shows the UK gap; WANG Junzheng's shows none. */
    char *end = strstr(chen, "</tr>");
    assert_non_null(end);
    char *gap = strstr(chen, "class=\"gap\"");
    assert_true(gap && gap < end);
    char *wend = strstr(wang, "</tr>");
    char *wgap = strstr(wang, "class=\"gap\"");
    assert_true(!wgap || wgap > wend);
    assert_non_null(strstr(d, "subjects shown"));
    free(d);
    free(l);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", profile);
    run(cmd);
    free(lists);
}

static void test_diff_ofac(void **state)
{
    const ctx *c = *state;
    char *o = nt_shared_path("data/lists/ofac/sdn_2021-07");
    NT_REQUIRE_FILE(o, "../shared/data/lists/ofac/sdn_2021-07");
    char *n = nt_shared_path("data/lists/ofac/sdn_2024-05/sdn.csv");
    NT_REQUIRE_FILE(n, "../shared/data/lists/ofac/sdn_2024-05/sdn.csv");
    char cmd[4096], out[512], err[512];
    snprintf(out, sizeof out, "%s/diff.json", c->work);
    snprintf(err, sizeof err, "%s/diff.err", c->work);
    snprintf(cmd, sizeof cmd, "'%s' diff -f json -o '%s' '%s' '%s' 2> '%s'", c->nomen, out, o, n,
             err);
    assert_int_equal(run(cmd), 0);
    json_error_t je;
    json_t *root = json_load_file(out, 0, &je);
    if (!root)
        fail_msg("%s: %s", out, je.text);
    /* The missing side files are said, in the output and on stderr. */
    assert_non_null(strstr(json_string_value(json_object_get(root, "note")), "alt.csv"));
    assert_null(strstr(json_string_value(json_object_get(root, "compared")), "aliases"));
    size_t len;
    char *e = nt_read_file(err, &len);
    assert_non_null(strstr(e, "aliases not compared"));
    free(e);
    json_t *counts = json_object_get(root, "counts"), *entries = json_object_get(root, "entries");
    json_int_t total = json_integer_value(json_object_get(counts, "added")) +
                       json_integer_value(json_object_get(counts, "removed")) +
                       json_integer_value(json_object_get(counts, "changed"));
    assert_int_equal((size_t)total, json_array_size(entries));
    json_decref(root);
    free(o);
    free(n);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* Names alone never join records whose dates of birth contradict; agreeing
 * or missing dates let them join. Small lists written here, so every row is
 * known. */
static void test_compare_dob_rule(void **state)
{
    const ctx *c = *state;
    char a[512], b[512], out[512], cmd[4096];
    snprintf(a, sizeof a, "%s/list-a.csv", c->work);
    snprintf(b, sizeof b, "%s/list-b.csv", c->work);
    snprintf(out, sizeof out, "%s/small.json", c->work);
    write_file(a, "id,name,type,dob,program\n"
                  "A1,\"CHEN, Quanguo\",individual,1955-11-24,GLOMAG\n"
                  "A2,\"ZHU, Hailun\",individual,1958,GLOMAG\n"
                  "A3,\"WANG, Mingshan\",individual,,GLOMAG\n");
    write_file(b, "id,name,type,dob,program\n"
                  "B1,Chen Quanguo,individual,Nov 1955,Global Human Rights\n"
                  "B2,Zhu Hailun,individual,1970,Global Human Rights\n"
                  "B3,Wang Mingshan,individual,1964,Global Human Rights\n");
    snprintf(cmd, sizeof cmd, "'%s' compare -q -f json -o '%s' '%s' '%s'", c->nomen, out, a, b);
    assert_int_equal(run(cmd), 0);
    json_error_t je;
    json_t *root = json_load_file(out, 0, &je);
    if (!root)
        fail_msg("%s: %s", out, je.text);
    json_t *chen = find_subject(root, "CHEN, Quanguo");
    assert_non_null(chen);
    assert_ptr_equal(find_subject(root, "Chen Quanguo"), chen); /* dates agree */
    json_t *zhu = find_subject(root, "ZHU, Hailun");
    assert_non_null(zhu);
    assert_ptr_not_equal(find_subject(root, "Zhu Hailun"), zhu); /* 1958 vs 1970 */
    json_t *wang = find_subject(root, "WANG, Mingshan");
    assert_ptr_equal(find_subject(root, "Wang Mingshan"), wang); /* one date only */
    assert_int_equal(json_array_size(json_object_get(root, "subjects")), 4);
    json_decref(root);
}

static void test_screen_changes(void **state)
{
    const ctx *c = *state;
    char old_p[512], new_p[512], cust[512], out[512], cmd[4096];
    snprintf(old_p, sizeof old_p, "%s/old.csv", c->work);
    snprintf(new_p, sizeof new_p, "%s/new.csv", c->work);
    snprintf(cust, sizeof cust, "%s/customers.csv", c->work);
    snprintf(out, sizeof out, "%s/changes.jsonl", c->work);
    write_file(old_p, "id,name,type,program\n"
                      "A1,\"ZHU, Hailun\",individual,GLOMAG\n"
                      "A2,Mordavia Shipping Ltd,entity,SDGT\n");
    write_file(new_p, "id,name,type,program\n"
                      "A1,\"ZHU, Hailun\",individual,GLOMAG\n"
                      "A2,Mordavia Shipping Ltd,entity,SDGT;IRGC\n"
                      "A3,\"CHEN, Mingguo\",individual,GLOMAG\n");
    write_file(cust, "id,name\n"
                     "k1,Zhu Hailun\n"
                     "k2,Chen Mingguo\n"
                     "k3,Mordavia Shipping Limited\n"
                     "k4,Anna Schmidt\n");
    snprintf(cmd, sizeof cmd, "'%s' screen -q --changes '%s' '%s' -i '%s' -f jsonl -o '%s'",
             c->nomen, old_p, new_p, cust, out);
    assert_int_equal(run(cmd), 1); /* at least one hit */
    FILE *f = fopen(out, "r");
    assert_non_null(f);
    char line[8192];
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        json_error_t je;
        json_t *o = json_loads(line, 0, &je);
        assert_non_null(o);
        const char *id = json_string_value(json_object_get(o, "id"));
        json_t *hits = json_object_get(o, "hits");
        assert_non_null(hits);
        if (strcmp(id, "k1") == 0 || strcmp(id, "k4") == 0) {
            /* Zhu Hailun is on the list but did not change: not screened. */
            assert_int_equal(json_array_size(hits), 0);
        } else {
            assert_int_equal(json_array_size(hits), 1);
            const char *eid =
                json_string_value(json_object_get(json_array_get(hits, 0), "entity_id"));
            assert_string_equal(eid, strcmp(id, "k2") == 0 ? "A3" : "A2");
        }
        json_decref(o);
        n++;
    }
    fclose(f);
    assert_int_equal(n, 4);
    /* From the customers' side: the same output. */
    char idx[512], out2[512];
    snprintf(idx, sizeof idx, "%s/customers.idx", c->work);
    snprintf(out2, sizeof out2, "%s/changes2.jsonl", c->work);
    snprintf(cmd, sizeof cmd,
             "'%s' index build --format-of-list generic-csv -l '%s' -o '%s' 2>/dev/null &&"
             " '%s' screen -q --changes '%s' '%s' --customer-index '%s' -i '%s' -f jsonl -o '%s'",
             c->nomen, cust, idx, c->nomen, old_p, new_p, idx, cust, out2);
    assert_int_equal(run(cmd), 1);
    size_t l1, l2;
    char *t1 = nt_read_file(out, &l1), *t2 = nt_read_file(out2, &l2);
    assert_int_equal(l1, l2);
    assert_memory_equal(t1, t2, l1);
    free(t1);
    free(t2);
    /* Bad use is an error, not a crash. */
    snprintf(cmd, sizeof cmd, "'%s' screen --changes '%s' 2>/dev/null", c->nomen, old_p);
    assert_int_equal(run(cmd), 2);
    snprintf(cmd, sizeof cmd, "'%s' diff '%s' 2>/dev/null", c->nomen, old_p);
    assert_int_equal(run(cmd), 2);
    snprintf(cmd, sizeof cmd, "'%s' compare '%s' /nonexistent 2>/dev/null", c->nomen, old_p);
    assert_int_equal(run(cmd), 2);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_coord_cli NOMEN WORKDIR\n");
        return 2;
    }
    static ctx c;
    c.nomen = argv[1];
    c.work = argv[2];
    mkdir(argv[2], 0777);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate(test_compare_xinjiang, &c),
        cmocka_unit_test_prestate(test_compare_csv, &c),
        cmocka_unit_test_prestate(test_compare_html_chromium, &c),
        cmocka_unit_test_prestate(test_diff_ofac, &c),
        cmocka_unit_test_prestate(test_compare_dob_rule, &c),
        cmocka_unit_test_prestate(test_screen_changes, &c),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
