/*
 * cli_screen.c: `nomen screen`, on the public API.
 *
 * The index is built (or loaded) once and shared; each worker thread has its
 * own nomen_matcher on it, as nomen.h requires. Queries are taken in chunks:
 * the main thread reads a chunk, every thread (the main one included) screens
 * queries of it, taking the next unscreened one from a shared counter, and the
 * main thread then writes the chunk's results in input order. Each query is
 * screened by exactly one matcher with the same options, so the output does
 * not depend on the number of threads; the chunk bounds the memory and the
 * reordering. A query the library refuses stops the run at that query, after
 * the results before it are written, whatever the thread count.
 *
 * A progress bar goes to stderr when it is a terminal and a batch is read;
 * the throughput figures go to stderr at the end of every batch.
 */
#define _POSIX_C_SOURCE 200809L

#include "cli_lib.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Queries per thread in one chunk: enough to keep every thread busy between
 * the main thread's reads and writes (a chunk is ~10 ms of work), small
 * enough that results held for reordering stay a few megabytes. */
#define CHUNK_PER_THREAD 256

typedef struct job {
    cli_query q;
    cli_result r;
    int status; /* NOMEN_OK or the library's status */
    char *err;  /* the library's message when status != NOMEN_OK */
} job;

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work, done_cv;
    job *jobs;
    size_t njobs, next, done;
    bool quit;
    const cli_opts *o;
} pool;

typedef struct worker {
    pool *p;
    nomen_matcher *m;
    pthread_t thread;
    bool started;
} worker;

static char *dup_or_null(const char *s)
{
    return s ? cli_strndup(s, strlen(s)) : NULL;
}

bool cli_copy_hit(const nomen_matcher *m, size_t i, bool explain, cli_hit *h)
{
    h->score = nomen_hit_score(m, i);
    h->type = nomen_hit_type(m, i);
    h->entity_id = dup_or_null(nomen_hit_entity_id(m, i));
    h->list = dup_or_null(nomen_hit_list(m, i));
    h->name = dup_or_null(nomen_hit_name(m, i));
    h->matched_name = dup_or_null(nomen_hit_matched_name(m, i));
    if (explain)
        h->explain = dup_or_null(nomen_hit_explain_json(m, i));
    size_t np = nomen_hit_program_count(m, i);
    if (np) {
        h->programs = calloc(np, sizeof *h->programs);
        if (!h->programs)
            return false;
        h->nprograms = np;
        for (size_t k = 0; k < np; k++)
            h->programs[k] = dup_or_null(nomen_hit_program(m, i, k));
    }
    return true;
}

/* Copy the hits out of the matcher, whose strings live only until its next
 * screen. Returns false when out of memory. */
static bool copy_hits(nomen_matcher *m, cli_result *r, bool explain)
{
    size_t n = nomen_matcher_hit_count(m);
    if (n == 0)
        return true;
    r->hits = calloc(n, sizeof *r->hits);
    if (!r->hits)
        return false;
    r->nhits = n;
    for (size_t i = 0; i < n; i++)
        if (!cli_copy_hit(m, i, explain, &r->hits[i]))
            return false;
    return true;
}

static void screen_one(nomen_matcher *m, const cli_opts *o, job *j)
{
    nomen_query q;
    nomen_query_init(&q);
    q.name = j->q.name;
    q.name_len = strlen(j->q.name);
    /* What the record says wins over the command line's defaults. */
    const char *dob = j->q.dob ? j->q.dob : o->dob;
    const char *country = j->q.country ? j->q.country : o->country;
    int type = j->q.type >= 0 ? j->q.type : o->type;
    if (dob) {
        q.dob = dob;
        q.dob_len = strlen(dob);
    }
    if (country) {
        q.country = country;
        q.country_len = strlen(country);
    }
    q.type = type >= 0 ? type : NOMEN_SUBJECT_ANY;
    j->status = nomen_matcher_screen(m, &q);
    if (j->status != NOMEN_OK) {
        j->err = dup_or_null(nomen_matcher_errmsg(m));
        return;
    }
    if (!copy_hits(m, &j->r, o->explain)) {
        cli_result_clear(&j->r);
        j->status = NOMEN_ERR_NOMEM;
    }
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    pool *p = w->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->quit && p->next >= p->njobs)
            pthread_cond_wait(&p->work, &p->mu);
        if (p->quit)
            break;
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);
        screen_one(w->m, p->o, &p->jobs[i]);
        pthread_mutex_lock(&p->mu);
        if (++p->done == p->njobs)
            pthread_cond_signal(&p->done_cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Hand jobs[0..n) to the workers and return at once; finish_chunk() then
 * lends the main thread's matcher and waits. With one thread, start does
 * nothing and finish screens everything. */
static void start_chunk(pool *p, unsigned nthreads, job *jobs, size_t n)
{
    if (nthreads == 1) {
        p->jobs = jobs;
        p->njobs = n;
        return;
    }
    pthread_mutex_lock(&p->mu);
    p->jobs = jobs;
    p->njobs = n;
    p->next = 0;
    p->done = 0;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
}

static void finish_chunk(pool *p, worker *ws, unsigned nthreads)
{
    if (nthreads == 1) {
        for (size_t i = 0; i < p->njobs; i++)
            screen_one(ws[0].m, p->o, &p->jobs[i]);
        return;
    }
    pthread_mutex_lock(&p->mu);
    while (p->next < p->njobs) {
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);
        screen_one(ws[0].m, p->o, &p->jobs[i]);
        pthread_mutex_lock(&p->mu);
        p->done++;
    }
    while (p->done < p->njobs)
        pthread_cond_wait(&p->done_cv, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

static void clear_jobs(job *jobs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cli_query_clear(&jobs[i].q);
        cli_result_clear(&jobs[i].r);
        free(jobs[i].err);
        jobs[i].err = NULL;
        jobs[i].status = NOMEN_OK;
    }
}

typedef struct tally {
    unsigned long queries, hit_queries, hits;
} tally;

/* Write a screened chunk in order and clear it. Returns 0, or -1 after
 * printing the error (a query the library refused, or a write error); the
 * results before that query are written. */
static int write_chunk(cli_writer *w, job *jobs, size_t n, const char *in_name, tally *t)
{
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        job *j = &jobs[i];
        if (j->status != NOMEN_OK) {
            if (j->q.line)
                fprintf(stderr, "nomen: %s:%lu: cannot screen '%s': %s\n", in_name, j->q.line,
                        j->q.name, j->err ? j->err : nomen_status_str(j->status));
            else
                fprintf(stderr, "nomen: cannot screen name %s '%s': %s\n", j->q.id, j->q.name,
                        j->err ? j->err : nomen_status_str(j->status));
            rc = -1;
        } else if (cli_writer_put(w, &j->q, &j->r) < 0) {
            fprintf(stderr, "nomen: %s\n", w->err);
            rc = -1;
        } else {
            t->queries++;
            if (j->r.nhits) {
                t->hit_queries++;
                t->hits += j->r.nhits;
            }
        }
    }
    clear_jobs(jobs, n);
    return rc;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(uint64_t done_bytes, uint64_t total, unsigned long queries, double secs)
{
    double rate = secs > 0 ? (double)queries / secs : 0.0;
    if (total > 0) {
        double frac = (double)done_bytes / (double)total;
        if (frac > 1.0)
            frac = 1.0;
        int fill = (int)(frac * 30.0);
        fprintf(stderr, "\r[%.*s%.*s] %3d%%  %lu queries  %.0f queries/s ", fill,
                "##############################", 30 - fill, "                              ",
                (int)(frac * 100.0), queries, rate);
    } else {
        fprintf(stderr, "\r%lu queries  %.0f queries/s ", queries, rate);
    }
    fflush(stderr);
}

/* Where the queries come from: the names on the command line, then the batch. */
typedef struct source {
    const cli_opts *o;
    size_t next_name;
    cli_reader *reader;
    bool failed;
    char err[512];
} source;

static int source_next(source *s, cli_query *q)
{
    if (s->next_name < s->o->nnames) {
        cli_query_clear(q);
        const char *name = s->o->names[s->next_name++];
        char id[32];
        snprintf(id, sizeof id, "%zu", s->next_name);
        q->id = cli_strndup(id, strlen(id));
        q->name = cli_strndup(name, strlen(name));
        if (!q->id || !q->name) {
            snprintf(s->err, sizeof s->err, "out of memory");
            s->failed = true;
            return -1;
        }
        return 1;
    }
    if (!s->reader)
        return 0;
    int rc = cli_reader_next(s->reader, q, s->err, sizeof s->err);
    if (rc < 0)
        s->failed = true;
    return rc;
}

int cli_screen_run(const cli_opts *o, nomen_index *ix, int out_format)
{
    int status = CLI_EXIT_NO_HIT;
    FILE *in = NULL, *out = stdout;
    const char *in_name = NULL;
    uint64_t in_size = 0;
    source src = {.o = o};
    unsigned nthreads = o->threads ? o->threads : 1;
    worker *ws = calloc(nthreads, sizeof *ws);
    size_t chunk_cap = (size_t)CHUNK_PER_THREAD * nthreads;
    job *jobs = calloc(2 * chunk_cap, sizeof *jobs); /* two chunks: see the loop */
    pool p = {.o = o};
    bool pool_ready = false, writer_open = false;
    cli_writer w;
    tally tl = {0, 0, 0};

    if (!ws || !jobs) {
        fprintf(stderr, "nomen: out of memory\n");
        status = CLI_EXIT_ERROR;
        goto done;
    }
    for (size_t i = 0; i < 2 * chunk_cap; i++)
        jobs[i].q.type = -1;

    /* Open the batch and the output before the matchers, so that a typo in
     * a path is reported at once. */
    if (o->input) {
        if (strcmp(o->input, "-") == 0) {
            in = stdin;
            in_name = "<stdin>";
        } else {
            in = fopen(o->input, "rb");
            in_name = o->input;
            if (!in) {
                fprintf(stderr, "nomen: cannot open input %s: %s\n", o->input, strerror(errno));
                status = CLI_EXIT_ERROR;
                goto done;
            }
            struct stat st;
            if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
                in_size = (uint64_t)st.st_size;
        }
        if (cli_reader_open(&src.reader, in, in_name, CLI_IN_AUTO, src.err, sizeof src.err) < 0) {
            fprintf(stderr, "nomen: %s\n", src.err);
            status = CLI_EXIT_ERROR;
            goto done;
        }
    }
    if (o->output) {
        /* Opening the output truncates it: refuse when it is the input. */
        struct stat si, so;
        if (in && in != stdin && stat(o->output, &so) == 0 && fstat(fileno(in), &si) == 0 &&
            si.st_dev == so.st_dev && si.st_ino == so.st_ino) {
            fprintf(stderr, "nomen: --output %s is the input file\n", o->output);
            status = CLI_EXIT_ERROR;
            goto done;
        }
        out = fopen(o->output, "wb");
        if (!out) {
            fprintf(stderr, "nomen: cannot write %s: %s\n", o->output, strerror(errno));
            out = NULL;
            status = CLI_EXIT_ERROR;
            goto done;
        }
    }

    nomen_options opt;
    nomen_options_init(&opt);
    if (o->threshold_set)
        opt.threshold = o->threshold;
    if (o->limit_set)
        opt.limit = o->limit;
    opt.explain = o->explain;
    for (unsigned t = 0; t < nthreads; t++) {
        int rc = nomen_matcher_new(ix, &ws[t].m);
        if (rc == NOMEN_OK) {
            rc = nomen_matcher_set_options(ws[t].m, &opt);
            if (rc != NOMEN_OK)
                fprintf(stderr, "nomen: bad matcher options: %s\n", nomen_matcher_errmsg(ws[t].m));
        } else {
            fprintf(stderr, "nomen: cannot create a matcher: %s\n", nomen_status_str(rc));
        }
        if (rc != NOMEN_OK) {
            status = CLI_EXIT_ERROR;
            goto done;
        }
        ws[t].p = &p;
    }
    if (nthreads > 1) {
        if (pthread_mutex_init(&p.mu, NULL) != 0 || pthread_cond_init(&p.work, NULL) != 0 ||
            pthread_cond_init(&p.done_cv, NULL) != 0) {
            fprintf(stderr, "nomen: cannot set up threads\n");
            status = CLI_EXIT_ERROR;
            goto done;
        }
        pool_ready = true;
        for (unsigned t = 1; t < nthreads; t++) {
            if (pthread_create(&ws[t].thread, NULL, worker_main, &ws[t]) != 0) {
                fprintf(stderr, "nomen: cannot start thread %u\n", t + 1);
                status = CLI_EXIT_ERROR;
                goto done;
            }
            ws[t].started = true;
        }
    }

    if (cli_writer_begin(&w, out, out_format, o->explain) < 0) {
        fprintf(stderr, "nomen: %s\n", w.err);
        status = CLI_EXIT_ERROR;
        goto done;
    }
    writer_open = true;

    /* Two chunks in flight: while the workers screen one, the main thread
     * writes the one before and reads the one after, then helps finish. */
    /* The bar rewrites its line: not when the results go to the same terminal. */
    bool show_progress = src.reader && !o->quiet && isatty(STDERR_FILENO) &&
                         (out != stdout || !isatty(STDOUT_FILENO));
    double t0 = now(), last_progress = t0;
    job *buf[2] = {jobs, jobs + chunk_cap};
    size_t nbuf[2] = {0, 0};
    int read_rc = 1;
    bool failed = false;
    while (nbuf[0] < chunk_cap && (read_rc = source_next(&src, &buf[0][nbuf[0]].q)) == 1)
        nbuf[0]++;
    for (int cur = 0;; cur = 1 - cur) {
        int other = 1 - cur;
        start_chunk(&p, nthreads, buf[cur], nbuf[cur]);
        if (nbuf[other] && !failed)
            failed = write_chunk(&w, buf[other], nbuf[other], in_name, &tl) < 0;
        clear_jobs(buf[other], nbuf[other]);
        nbuf[other] = 0;
        while (!failed && read_rc == 1 && nbuf[other] < chunk_cap &&
               (read_rc = source_next(&src, &buf[other][nbuf[other]].q)) == 1)
            nbuf[other]++;
        finish_chunk(&p, ws, nthreads);
        if (show_progress && now() - last_progress > 0.1) {
            last_progress = now();
            progress(cli_reader_bytes(src.reader), in_size, tl.queries, last_progress - t0);
        }
        if (failed || nbuf[cur] == 0)
            break;
    }
    clear_jobs(buf[0], nbuf[0]);
    clear_jobs(buf[1], nbuf[1]);
    if (failed) {
        status = CLI_EXIT_ERROR;
    } else if (read_rc < 0) {
        /* Everything before the bad record is written; now say what it was. */
        fprintf(stderr, "nomen: %s\n", src.err);
        status = CLI_EXIT_ERROR;
    }
    double secs = now() - t0;
    if (show_progress)
        fputs("\r\033[K", stderr);
    if (cli_writer_end(&w) < 0 && status != CLI_EXIT_ERROR) {
        /* (After a failed write the error is already out.) */
        fprintf(stderr, "nomen: %s: %s\n", o->output ? o->output : "output", w.err);
        status = CLI_EXIT_ERROR;
    }
    writer_open = false;
    if (status != CLI_EXIT_ERROR && tl.hit_queries > 0)
        status = CLI_EXIT_HIT;
    if (src.reader && !o->quiet)
        fprintf(stderr,
                "nomen: %lu queries, %lu with hits (%lu hits), %.3f s, %.0f queries/s, "
                "%u thread%s\n",
                tl.queries, tl.hit_queries, tl.hits, secs,
                secs > 0 ? (double)tl.queries / secs : 0.0, nthreads, nthreads == 1 ? "" : "s");

done:
    if (writer_open)
        cli_writer_end(&w);
    if (pool_ready) {
        pthread_mutex_lock(&p.mu);
        p.quit = true;
        pthread_cond_broadcast(&p.work);
        pthread_mutex_unlock(&p.mu);
        for (unsigned t = 1; t < nthreads; t++)
            if (ws[t].started)
                pthread_join(ws[t].thread, NULL);
        pthread_mutex_destroy(&p.mu);
        pthread_cond_destroy(&p.work);
        pthread_cond_destroy(&p.done_cv);
    }
    if (ws)
        for (unsigned t = 0; t < nthreads; t++)
            nomen_matcher_free(ws[t].m);
    if (jobs)
        clear_jobs(jobs, 2 * chunk_cap);
    free(jobs);
    free(ws);
    cli_reader_close(src.reader);
    if (in && in != stdin)
        fclose(in);
    if (out && out != stdout && fclose(out) != 0 && status != CLI_EXIT_ERROR) {
        fprintf(stderr, "nomen: cannot write %s: %s\n", o->output, strerror(errno));
        status = CLI_EXIT_ERROR;
    }
    return status;
}

int cli_open_index(const cli_opts *o, nomen_index **out, bool quiet)
{
    *out = NULL;
    if (o->index_path) {
        char msg[512] = "";
        int rc = nomen_index_load(o->index_path, out, msg, sizeof msg);
        if (rc != NOMEN_OK) {
            cli_report("cannot load index", o->index_path, msg[0] ? msg : nomen_status_str(rc));
            *out = NULL;
            return -1;
        }
        return 0;
    }
    nomen_builder *b = NULL;
    int rc = nomen_builder_new(&b);
    if (rc != NOMEN_OK) {
        fprintf(stderr, "nomen: %s\n", nomen_status_str(rc));
        return -1;
    }
    nomen_builder_set_strict(b, o->strict);
    for (size_t i = 0; i < o->nlists; i++) {
        rc = nomen_builder_add_path(b, o->lists[i].path, o->lists[i].format, NULL);
        if (rc != NOMEN_OK) {
            const char *msg = nomen_builder_errmsg(b);
            cli_report("cannot load list", o->lists[i].path,
                       msg && *msg ? msg : nomen_status_str(rc));
            nomen_builder_free(b);
            return -1;
        }
    }
    if (o->nlists == 0) {
        if (nomen_cli_sample_list_len == 0) {
            fprintf(stderr, "nomen: this build has no built-in sample list "
                            "(data/sample-list.csv was missing); give --list PATH\n");
            nomen_builder_free(b);
            return -1;
        }
        rc = nomen_builder_add_memory(b, "sample-list.csv", nomen_cli_sample_list,
                                      nomen_cli_sample_list_len, "generic-csv",
                                      CLI_SAMPLE_LIST_NAME);
        if (rc != NOMEN_OK) {
            const char *msg = nomen_builder_errmsg(b);
            fprintf(stderr, "nomen: cannot load the built-in sample list: %s\n",
                    msg && *msg ? msg : nomen_status_str(rc));
            nomen_builder_free(b);
            return -1;
        }
    }
    size_t skipped = nomen_builder_skipped_count(b);
    if (skipped && !quiet) {
        const char *report = nomen_builder_skip_report(b);
        fprintf(stderr, "nomen: warning: %zu list record%s skipped (use --strict to refuse):\n%s",
                skipped, skipped == 1 ? "" : "s", report ? report : "");
        if (report && *report && report[strlen(report) - 1] != '\n')
            fputc('\n', stderr);
    }
    rc = nomen_index_build(b, out);
    if (rc != NOMEN_OK) {
        const char *msg = nomen_builder_errmsg(b);
        fprintf(stderr, "nomen: cannot build the index: %s\n",
                msg && *msg ? msg : nomen_status_str(rc));
        nomen_builder_free(b);
        *out = NULL;
        return -1;
    }
    nomen_builder_free(b);
    return 0;
}
