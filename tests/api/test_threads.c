/*
 * test_threads.c: one index shared by several threads, each with its own
 * matcher, while the main thread builds a new index from updated lists and
 * publishes it; every worker switches to it between two screens of its own
 * choosing (nomen_matcher_set_index) and the old index is freed while
 * workers may still be on it. Run under ThreadSanitizer in CI.
 *
 * Checks: no screen fails; every screen returns the right hit for the index
 * it ran on (before the switch the new subject is absent, after it present,
 * and the old subjects are found throughout: nothing is lost); every worker
 * ends on the new index.
 */
#include "testutil.h"

#include <nomen.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define WORKERS 4
#define ROUNDS  300

static _Atomic(nomen_index *) current;
static atomic_int generation;
static atomic_int failures;
static atomic_int ready; /* workers holding a matcher */

typedef struct worker {
    int id;
    int switched_at; /* round of the switch, or -1 */
} worker;

static const char *const old_names[] = {"Chen Guanguo", "Wang Junzheng", "陳全國", "Carrie Lam"};
static const char *const old_ids[] = {"ofac-29220", "ofac-31492", "ofac-29220", NULL};

static int screen_top(nomen_matcher *m, const char *name, const char **id)
{
    nomen_query q;
    nomen_query_init(&q);
    q.name = name;
    q.name_len = strlen(name);
    int rc = nomen_matcher_screen(m, &q);
    *id = rc == NOMEN_OK && nomen_matcher_hit_count(m) ? nomen_hit_entity_id(m, 0) : NULL;
    return rc;
}

static void *run(void *arg)
{
    worker *w = arg;
    int gen = atomic_load(&generation);
    nomen_index *ix = atomic_load(&current);
    nomen_matcher *m;
    if (nomen_matcher_new(ix, &m) != NOMEN_OK) {
        atomic_fetch_add(&failures, 1);
        atomic_fetch_add(&ready, 1);
        return NULL;
    }
    atomic_fetch_add(&ready, 1);
    /* Screen until the new index has been in use for ROUNDS rounds (with a
     * cap, should the publisher never publish). */
    for (int r = 0; r < 1000000 && (w->switched_at < 0 || r < w->switched_at + ROUNDS); r++) {
        int g = atomic_load(&generation);
        if (g != gen) {
            /* A new index was published: switch between two screens. The
             * publisher keeps it alive until every worker holds it. */
            if (nomen_matcher_set_index(m, atomic_load(&current)) != NOMEN_OK)
                atomic_fetch_add(&failures, 1);
            gen = g;
            w->switched_at = r;
        }
        const char *id;
        size_t k = (size_t)(r + w->id) % 4;
        if (screen_top(m, old_names[k], &id) != NOMEN_OK ||
            (old_ids[k] && (!id || strcmp(id, old_ids[k]) != 0)))
            atomic_fetch_add(&failures, 1);
        if (screen_top(m, "Barnaby Quigley", &id) != NOMEN_OK || (gen == 0 && id != NULL) ||
            (gen == 1 && (!id || strcmp(id, "new1") != 0)))
            atomic_fetch_add(&failures, 1);
    }
    nomen_matcher_free(m);
    return NULL;
}

static nomen_index *build(bool with_new)
{
    char *path = nt_source_path("data/sample-list.csv");
    nomen_builder *b;
    assert_int_equal(nomen_builder_new(&b), NOMEN_OK);
    assert_int_equal(nomen_builder_add_path(b, path, "generic-csv", NULL), NOMEN_OK);
    if (with_new) {
        const char csv[] = "id,name,type\nnew1,\"QUIGLEY, Barnaby\",individual\n";
        assert_int_equal(
            nomen_builder_add_memory(b, "new.csv", csv, sizeof csv - 1, "generic-csv", "new"),
            NOMEN_OK);
    }
    nomen_index *ix;
    assert_int_equal(nomen_index_build(b, &ix), NOMEN_OK);
    nomen_builder_free(b);
    free(path);
    return ix;
}

static void test_replace_while_screening(void **state)
{
    (void)state;
    nomen_index *a = build(false);
    atomic_store(&current, a);
    atomic_store(&generation, 0);
    atomic_store(&failures, 0);
    atomic_store(&ready, 0);
    pthread_t th[WORKERS];
    worker w[WORKERS];
    for (int i = 0; i < WORKERS; i++) {
        w[i].id = i;
        w[i].switched_at = -1;
        assert_int_equal(pthread_create(&th[i], NULL, run, &w[i]), 0);
    }
    /* Build the updated index while the workers screen, then publish it and
     * drop the publisher's reference to the old one at once: workers still
     * on it keep it alive through their matchers. */
    nomen_index *bx = build(true);
    while (atomic_load(&ready) < WORKERS)
        ; /* every worker holds its own reference to a before a is released */
    atomic_store(&current, bx);
    atomic_store(&generation, 1);
    nomen_index_free(a);
    for (int i = 0; i < WORKERS; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    int switched = 0;
    for (int i = 0; i < WORKERS; i++)
        switched += w[i].switched_at >= 0;
    print_message("%d of %d workers switched; %d failures\n", switched, WORKERS,
                  atomic_load(&failures));
    assert_int_equal(atomic_load(&failures), 0);
    assert_int_equal(switched, WORKERS);
    nomen_index_free(bx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replace_while_screening),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
