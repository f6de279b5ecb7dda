/*
 * nomen_node.c: the Node.js addon, a flat N-API layer over include/nomen.h.
 *
 * It exports plain functions on boxed handles (builderNew, matcherScreen,
 * ...); index.js turns them into the Builder / Index / Matcher classes with
 * close() and a FinalizationRegistry. Built against node_api.h only (the
 * stable N-API ABI, version 8), so one nomen.node works with every Node from
 * 16 on and needs no node-gyp or downloaded headers.
 *
 * Handles: each C handle lives in a box (kind tag + pointer) inside a
 * napi_external. The tag makes a matcher passed where an index is expected a
 * TypeError, not a crash; closing sets the pointer to NULL so a second close
 * or a use after close is caught. The external's own finalizer frees the box
 * (and the handle, should it still be open).
 *
 * Errors: a failing C call throws an Error whose message is the C message,
 * with `status` (the NOMEN_ERR_* number) and `code` ("NOMEN_ERR_UTF8", ...).
 * Bad JavaScript values (undefined, numbers for names, ...) throw TypeError
 * before any C call. No state is global: the addon may be loaded by several
 * worker threads at once.
 */
#define NAPI_VERSION 8
#include <node_api.h>

#include <nomen.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { KIND_BUILDER = 0x6e6f6d31, KIND_INDEX, KIND_MATCHER };

typedef struct box {
    int kind;
    void *ptr;
} box;

static const char *const status_codes[] = {
    "NOMEN_OK",           "NOMEN_ERR_NOMEM",   "NOMEN_ERR_INVALID_ARG", "NOMEN_ERR_UTF8",
    "NOMEN_ERR_IO",       "NOMEN_ERR_PARSE",   "NOMEN_ERR_FORMAT",      "NOMEN_ERR_ICU",
    "NOMEN_ERR_LIMIT",    "NOMEN_ERR_VERSION", "NOMEN_ERR_STATE",       "NOMEN_ERR_NOT_FOUND",
    "NOMEN_ERR_ENCODING", "NOMEN_ERR_INTERNAL"};

/* Throw an Error carrying the C status and message; returns NULL for the
 * caller to return. */
static napi_value throw_status(napi_env env, int status, const char *msg)
{
    const char *code = status >= 0 && (size_t)status < sizeof status_codes / sizeof *status_codes
                           ? status_codes[status]
                           : "NOMEN_ERR_UNKNOWN";
    napi_value jcode, jmsg, err, jstatus;
    if (!msg || !*msg)
        msg = nomen_status_str(status);
    if (napi_create_string_utf8(env, code, NAPI_AUTO_LENGTH, &jcode) != napi_ok ||
        napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &jmsg) != napi_ok ||
        napi_create_error(env, jcode, jmsg, &err) != napi_ok ||
        napi_create_int32(env, status, &jstatus) != napi_ok)
        return NULL;
    napi_set_named_property(env, err, "status", jstatus);
    napi_throw(env, err);
    return NULL;
}

static napi_value throw_type(napi_env env, const char *msg)
{
    napi_throw_type_error(env, NULL, msg);
    return NULL;
}

static int pending(napi_env env)
{
    bool p = false;
    napi_is_exception_pending(env, &p);
    return p;
}

/* ---- argument helpers ------------------------------------------------------ */

#define MAX_ARGS 6

typedef struct args {
    napi_value v[MAX_ARGS];
    size_t n;
} args;

static int get_args(napi_env env, napi_callback_info info, args *a)
{
    a->n = MAX_ARGS;
    if (napi_get_cb_info(env, info, &a->n, a->v, NULL, NULL) != napi_ok)
        return -1;
    napi_value undef;
    napi_get_undefined(env, &undef);
    for (size_t i = a->n; i < MAX_ARGS; i++)
        a->v[i] = undef;
    return 0;
}

/* The box of an external of the given kind, open; else throws and NULL. */
static box *get_box(napi_env env, napi_value v, int kind, const char *what)
{
    napi_valuetype t;
    void *p = NULL;
    if (napi_typeof(env, v, &t) != napi_ok || t != napi_external ||
        napi_get_value_external(env, v, &p) != napi_ok || !p || ((box *)p)->kind != kind) {
        char msg[96];
        snprintf(msg, sizeof msg, "expected a nomen %s handle", what);
        throw_type(env, msg);
        return NULL;
    }
    box *b = p;
    if (!b->ptr) {
        char msg[96];
        snprintf(msg, sizeof msg, "the %s is closed", what);
        napi_throw_error(env, "NOMEN_ERR_CLOSED", msg);
        return NULL;
    }
    return b;
}

static void free_handle(box *b)
{
    if (!b->ptr)
        return;
    if (b->kind == KIND_BUILDER)
        nomen_builder_free(b->ptr);
    else if (b->kind == KIND_INDEX)
        nomen_index_free(b->ptr);
    else if (b->kind == KIND_MATCHER)
        nomen_matcher_free(b->ptr);
    b->ptr = NULL;
}

static void box_finalize(napi_env env, void *data, void *hint)
{
    (void)env;
    (void)hint;
    free_handle(data);
    free(data);
}

static napi_value make_box(napi_env env, int kind, void *ptr)
{
    box *b = malloc(sizeof *b);
    napi_value out;
    if (!b) {
        box tmp = {kind, ptr};
        free_handle(&tmp);
        return throw_status(env, NOMEN_ERR_NOMEM, NULL);
    }
    b->kind = kind;
    b->ptr = ptr;
    if (napi_create_external(env, b, box_finalize, NULL, &out) != napi_ok) {
        free_handle(b);
        free(b);
        return throw_status(env, NOMEN_ERR_NOMEM, NULL);
    }
    return out;
}

/* A string or a Buffer / Uint8Array, as bytes. Strings are copied into
 * *owned (free it); buffers are borrowed. optional: undefined and null give
 * NULL without error. Returns 0, or -1 with a TypeError thrown. */
static int get_bytes_into(napi_env env, napi_value v, const char *what, int optional, char *stack,
                          size_t stack_cap, const char **out, size_t *len, char **owned)
{
    napi_valuetype t;
    *out = NULL;
    *len = 0;
    *owned = NULL;
    if (napi_typeof(env, v, &t) != napi_ok)
        return -1;
    if (optional && (t == napi_undefined || t == napi_null))
        return 0;
    if (t == napi_string) {
        size_t n;
        /* A short string in one call, into the caller's buffer: it fits when
         * it leaves room to spare (a full buffer may hold a cut string). */
        if (stack_cap > 1 && napi_get_value_string_utf8(env, v, stack, stack_cap, &n) == napi_ok &&
            n + 1 < stack_cap) {
            *out = stack;
            *len = n;
            return 0;
        }
        if (napi_get_value_string_utf8(env, v, NULL, 0, &n) != napi_ok)
            return -1;
        char *s = malloc(n + 1);
        if (!s) {
            throw_status(env, NOMEN_ERR_NOMEM, NULL);
            return -1;
        }
        napi_get_value_string_utf8(env, v, s, n + 1, &n);
        *out = s;
        *len = n;
        *owned = s;
        return 0;
    }
    bool is_typed = false;
    if (t == napi_object && napi_is_typedarray(env, v, &is_typed) == napi_ok && is_typed) {
        napi_typedarray_type tt;
        size_t n;
        void *data;
        napi_value ab;
        size_t off;
        if (napi_get_typedarray_info(env, v, &tt, &n, &data, &ab, &off) == napi_ok &&
            tt == napi_uint8_array) {
            *out = data ? data : "";
            *len = n;
            return 0;
        }
    }
    char msg[128];
    snprintf(msg, sizeof msg, "%s must be a string or a Buffer/Uint8Array%s", what,
             optional ? " (or null)" : "");
    throw_type(env, msg);
    return -1;
}

static int get_bytes(napi_env env, napi_value v, const char *what, int optional, const char **out,
                     size_t *len, char **owned)
{
    return get_bytes_into(env, v, what, optional, NULL, 0, out, len, owned);
}

/* As get_bytes, NUL-terminated for the C parameters that take C strings (a
 * NUL inside would cut them short, so it is refused). */
static int get_cstr(napi_env env, napi_value v, const char *what, int optional, char **out)
{
    const char *p;
    size_t n;
    char *owned;
    *out = NULL;
    if (get_bytes(env, v, what, optional, &p, &n, &owned) != 0)
        return -1;
    if (!p)
        return 0;
    if (memchr(p, '\0', n)) {
        free(owned);
        char msg[96];
        snprintf(msg, sizeof msg, "%s contains a NUL character", what);
        throw_type(env, msg);
        return -1;
    }
    if (!owned) {
        owned = malloc(n + 1);
        if (!owned) {
            throw_status(env, NOMEN_ERR_NOMEM, NULL);
            return -1;
        }
        memcpy(owned, p, n);
        owned[n] = '\0';
    }
    *out = owned;
    return 0;
}

static napi_value str_or_null(napi_env env, const char *s)
{
    napi_value v;
    if (s)
        napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &v);
    else
        napi_get_null(env, &v);
    return v;
}

static napi_value num(napi_env env, double d)
{
    napi_value v;
    napi_create_double(env, d, &v);
    return v;
}

static void set(napi_env env, napi_value obj, const char *key, napi_value v)
{
    napi_set_named_property(env, obj, key, v);
}

/* ---- functions ---------------------------------------------------------------- */

static napi_value js_version(napi_env env, napi_callback_info info)
{
    (void)info;
    return str_or_null(env, nomen_version_string());
}

static napi_value js_builder_new(napi_env env, napi_callback_info info)
{
    (void)info;
    nomen_builder *b;
    int rc = nomen_builder_new(&b);
    if (rc)
        return throw_status(env, rc, NULL);
    return make_box(env, KIND_BUILDER, b);
}

/* close(handle): frees any kind of handle now; a second close is harmless. */
static napi_value js_close(napi_env env, napi_callback_info info)
{
    args a;
    void *p = NULL;
    napi_valuetype t;
    if (get_args(env, info, &a) || napi_typeof(env, a.v[0], &t) != napi_ok || t != napi_external ||
        napi_get_value_external(env, a.v[0], &p) != napi_ok || !p)
        return throw_type(env, "expected a nomen handle");
    box *b = p;
    if (b->kind != KIND_BUILDER && b->kind != KIND_INDEX && b->kind != KIND_MATCHER)
        return throw_type(env, "expected a nomen handle");
    free_handle(b);
    return NULL;
}

static napi_value js_builder_set_strict(napi_env env, napi_callback_info info)
{
    args a;
    bool strict = false;
    if (get_args(env, info, &a))
        return NULL;
    box *b = get_box(env, a.v[0], KIND_BUILDER, "builder");
    if (!b)
        return NULL;
    if (napi_get_value_bool(env, a.v[1], &strict) != napi_ok)
        return throw_type(env, "strict must be a boolean");
    nomen_builder_set_strict(b->ptr, strict);
    return NULL;
}

/* builderAddPath(b, path, format|null, listName|null) */
static napi_value js_builder_add_path(napi_env env, napi_callback_info info)
{
    args a;
    char *path = NULL, *format = NULL, *list = NULL;
    if (get_args(env, info, &a))
        return NULL;
    box *b = get_box(env, a.v[0], KIND_BUILDER, "builder");
    if (!b || get_cstr(env, a.v[1], "path", 0, &path) ||
        get_cstr(env, a.v[2], "format", 1, &format) || get_cstr(env, a.v[3], "listName", 1, &list))
        goto out;
    int rc = nomen_builder_add_path(b->ptr, path, format, list);
    if (rc)
        throw_status(env, rc, nomen_builder_errmsg(b->ptr));
out:
    free(path);
    free(format);
    free(list);
    return NULL;
}

/* builderAddMemory(b, data, name, format|null, listName|null) */
static napi_value js_builder_add_memory(napi_env env, napi_callback_info info)
{
    args a;
    const char *data;
    size_t len;
    char *owned = NULL, *name = NULL, *format = NULL, *list = NULL;
    if (get_args(env, info, &a))
        return NULL;
    box *b = get_box(env, a.v[0], KIND_BUILDER, "builder");
    if (!b || get_bytes(env, a.v[1], "data", 0, &data, &len, &owned) ||
        get_cstr(env, a.v[2], "name", 0, &name) || get_cstr(env, a.v[3], "format", 1, &format) ||
        get_cstr(env, a.v[4], "listName", 1, &list))
        goto out;
    int rc = nomen_builder_add_memory(b->ptr, name, data, len, format, list);
    if (rc)
        throw_status(env, rc, nomen_builder_errmsg(b->ptr));
out:
    free(owned);
    free(name);
    free(format);
    free(list);
    return NULL;
}

static napi_value js_builder_info(napi_env env, napi_callback_info info)
{
    args a;
    napi_value o;
    if (get_args(env, info, &a))
        return NULL;
    box *b = get_box(env, a.v[0], KIND_BUILDER, "builder");
    if (!b || napi_create_object(env, &o) != napi_ok)
        return NULL;
    set(env, o, "records", num(env, (double)nomen_builder_record_count(b->ptr)));
    set(env, o, "skipped", num(env, (double)nomen_builder_skipped_count(b->ptr)));
    set(env, o, "skipReport", str_or_null(env, nomen_builder_skip_report(b->ptr)));
    return o;
}

static napi_value js_index_build(napi_env env, napi_callback_info info)
{
    args a;
    nomen_index *ix;
    if (get_args(env, info, &a))
        return NULL;
    box *b = get_box(env, a.v[0], KIND_BUILDER, "builder");
    if (!b)
        return NULL;
    int rc = nomen_index_build(b->ptr, &ix);
    if (rc)
        return throw_status(env, rc, nomen_builder_errmsg(b->ptr));
    return make_box(env, KIND_INDEX, ix);
}

static napi_value js_index_load(napi_env env, napi_callback_info info)
{
    args a;
    char *path = NULL;
    char err[512] = "";
    nomen_index *ix;
    napi_value out = NULL;
    if (get_args(env, info, &a) || get_cstr(env, a.v[0], "path", 0, &path))
        return NULL;
    int rc = nomen_index_load(path, &ix, err, sizeof err);
    if (rc)
        throw_status(env, rc, err);
    else
        out = make_box(env, KIND_INDEX, ix);
    free(path);
    return out;
}

static napi_value js_index_save(napi_env env, napi_callback_info info)
{
    args a;
    char *path = NULL;
    char err[512] = "";
    if (get_args(env, info, &a))
        return NULL;
    box *b = get_box(env, a.v[0], KIND_INDEX, "index");
    if (!b || get_cstr(env, a.v[1], "path", 0, &path))
        return NULL;
    int rc = nomen_index_save(b->ptr, path, err, sizeof err);
    if (rc)
        throw_status(env, rc, err);
    free(path);
    return NULL;
}

/* indexInfo(ix) -> { records, names, lists: [{name, format, path, date,
 * checksum, records, skipped}] } */
static napi_value js_index_info(napi_env env, napi_callback_info info)
{
    args a;
    napi_value o, lists;
    if (get_args(env, info, &a))
        return NULL;
    box *b = get_box(env, a.v[0], KIND_INDEX, "index");
    if (!b || napi_create_object(env, &o) != napi_ok)
        return NULL;
    const nomen_index *ix = b->ptr;
    size_t n = nomen_index_list_count(ix);
    set(env, o, "records", num(env, (double)nomen_index_record_count(ix)));
    set(env, o, "names", num(env, (double)nomen_index_name_count(ix)));
    napi_create_array_with_length(env, n, &lists);
    for (size_t i = 0; i < n; i++) {
        napi_value l;
        napi_create_object(env, &l);
        set(env, l, "name", str_or_null(env, nomen_index_list_name(ix, i)));
        set(env, l, "format", str_or_null(env, nomen_index_list_format(ix, i)));
        set(env, l, "path", str_or_null(env, nomen_index_list_path(ix, i)));
        set(env, l, "date", str_or_null(env, nomen_index_list_date(ix, i)));
        set(env, l, "checksum", str_or_null(env, nomen_index_list_checksum(ix, i)));
        set(env, l, "records", num(env, (double)nomen_index_list_records(ix, i)));
        set(env, l, "skipped", num(env, (double)nomen_index_list_skipped(ix, i)));
        napi_set_element(env, lists, (uint32_t)i, l);
    }
    set(env, o, "lists", lists);
    return o;
}

static napi_value js_matcher_new(napi_env env, napi_callback_info info)
{
    args a;
    nomen_matcher *m;
    if (get_args(env, info, &a))
        return NULL;
    box *b = get_box(env, a.v[0], KIND_INDEX, "index");
    if (!b)
        return NULL;
    int rc = nomen_matcher_new(b->ptr, &m);
    if (rc)
        return throw_status(env, rc, NULL);
    return make_box(env, KIND_MATCHER, m);
}

/* matcherSetOptions(m, threshold, limit, explain) */
static napi_value js_matcher_set_options(napi_env env, napi_callback_info info)
{
    args a;
    double threshold, limit;
    bool explain;
    if (get_args(env, info, &a))
        return NULL;
    box *b = get_box(env, a.v[0], KIND_MATCHER, "matcher");
    if (!b)
        return NULL;
    if (napi_get_value_double(env, a.v[1], &threshold) != napi_ok)
        return throw_type(env, "threshold must be a number");
    if (napi_get_value_double(env, a.v[2], &limit) != napi_ok)
        return throw_type(env, "limit must be a number");
    if (napi_get_value_bool(env, a.v[3], &explain) != napi_ok)
        return throw_type(env, "explain must be a boolean");
    if (!(limit >= 0 && limit <= 1e9) || limit != (double)(size_t)limit)
        return throw_status(env, NOMEN_ERR_INVALID_ARG, "limit must be an integer >= 0");
    nomen_options o;
    nomen_options_init(&o);
    o.threshold = threshold;
    o.limit = (size_t)limit;
    o.explain = explain;
    int rc = nomen_matcher_set_options(b->ptr, &o);
    if (rc)
        return throw_status(env, rc, nomen_matcher_errmsg(b->ptr));
    return NULL;
}

static napi_value js_matcher_set_index(napi_env env, napi_callback_info info)
{
    args a;
    if (get_args(env, info, &a))
        return NULL;
    box *m = get_box(env, a.v[0], KIND_MATCHER, "matcher");
    box *ix = m ? get_box(env, a.v[1], KIND_INDEX, "index") : NULL;
    if (!m || !ix)
        return NULL;
    int rc = nomen_matcher_set_index(m->ptr, ix->ptr);
    if (rc)
        return throw_status(env, rc, nomen_matcher_errmsg(m->ptr));
    return NULL;
}

/* The hits of the last screen as an array of plain objects. */
static napi_value hits_array(napi_env env, const nomen_matcher *m)
{
    size_t n = nomen_matcher_hit_count(m);
    napi_value arr;
    napi_create_array_with_length(env, n, &arr);
    for (size_t i = 0; i < n; i++) {
        napi_value h, progs, t;
        napi_create_object(env, &h);
        set(env, h, "entityId", str_or_null(env, nomen_hit_entity_id(m, i)));
        set(env, h, "list", str_or_null(env, nomen_hit_list(m, i)));
        set(env, h, "name", str_or_null(env, nomen_hit_name(m, i)));
        set(env, h, "matchedName", str_or_null(env, nomen_hit_matched_name(m, i)));
        set(env, h, "score", num(env, nomen_hit_score(m, i)));
        int type = nomen_hit_type(m, i);
        set(env, h, "type", str_or_null(env, nomen_subject_name(type < 0 ? 0 : type)));
        size_t k = nomen_hit_program_count(m, i);
        napi_create_array_with_length(env, k, &progs);
        for (size_t j = 0; j < k; j++) {
            napi_create_string_utf8(env, nomen_hit_program(m, i, j), NAPI_AUTO_LENGTH, &t);
            napi_set_element(env, progs, (uint32_t)j, t);
        }
        set(env, h, "programs", progs);
        /* The explanation stays a JSON string here (null without the
         * explain option); index.js parses it into an object. */
        set(env, h, "explanation", str_or_null(env, nomen_hit_explain_json(m, i)));
        napi_set_element(env, arr, (uint32_t)i, h);
    }
    return arr;
}

/* The hits of the last screen as one string (nomen_matcher_hits_pack), which
 * index.js splits into objects: one N-API string instead of a property set
 * per field (about 1.7 us a hit). A listed name holding a separator byte
 * cannot be packed: then the array of objects, field by field. */
static napi_value hits_packed(napi_env env, const nomen_matcher *m)
{
    char stack[4096], *buf = stack;
    size_t len;
    int rc = nomen_matcher_hits_pack(m, buf, sizeof stack, &len);
    if (rc == NOMEN_ERR_LIMIT) {
        buf = malloc(len + 1);
        if (!buf)
            return throw_status(env, NOMEN_ERR_NOMEM, "out of memory");
        rc = nomen_matcher_hits_pack(m, buf, len + 1, &len);
    }
    napi_value out = NULL;
    if (rc == NOMEN_OK)
        napi_create_string_utf8(env, buf, len, &out);
    else if (rc == NOMEN_ERR_ENCODING)
        out = hits_array(env, m);
    else
        throw_status(env, rc, "packing the hits failed");
    if (buf != stack)
        free(buf);
    return out;
}

/* matcherScreenBatch(m, packed) -> [bytes, spans]: the packed hits of every
 * query as a Buffer (UTF-8, copied as is) and a Float64Array of three numbers
 * a query (start and end byte of its hits in the Buffer, hit count), as
 * nomen_matcher_batch_spans gives them; or null when a hit's text holds a
 * separator byte (index.js then screens one by one). The input format is
 * nomen_matcher_screen_batch's. index.js decodes a query's hits when they are
 * read. */
static napi_value js_matcher_screen_batch(napi_env env, napi_callback_info info)
{
    args a;
    char *own = NULL;
    const char *in;
    size_t in_len;
    napi_value out = NULL;
    if (get_args(env, info, &a))
        return NULL;
    box *b = get_box(env, a.v[0], KIND_MATCHER, "matcher");
    if (!b || get_bytes(env, a.v[1], "queries", 0, &in, &in_len, &own))
        goto done;
    const char *text;
    size_t len, done, n = 0;
    int rc = nomen_matcher_screen_batch(b->ptr, in, in_len, &text, &len, &done);
    if (rc == NOMEN_ERR_ENCODING) {
        napi_get_null(env, &out);
        goto done;
    }
    if (rc) {
        throw_status(env, rc, nomen_matcher_errmsg(b->ptr));
        goto done;
    }
    const size_t *spans = nomen_matcher_batch_spans(b->ptr, &n);
    napi_value bytes, ab, arr, res;
    void *bdata, *adata;
    if (napi_create_buffer_copy(env, len, text, &bdata, &bytes) != napi_ok ||
        napi_create_arraybuffer(env, 3 * n * sizeof(double), &adata, &ab) != napi_ok ||
        napi_create_typedarray(env, napi_float64_array, 3 * n, ab, 0, &arr) != napi_ok ||
        napi_create_array_with_length(env, 2, &res) != napi_ok) {
        throw_status(env, NOMEN_ERR_NOMEM, NULL);
        goto done;
    }
    double *d = adata;
    for (size_t i = 0; i < 3 * n; i++)
        d[i] = (double)spans[i];
    napi_set_element(env, res, 0, bytes);
    napi_set_element(env, res, 1, arr);
    out = res;
done:
    free(own);
    return pending(env) ? NULL : out;
}

/* matcherScreen(m, name, dob|null, country|null, type|null) -> hits */
static napi_value js_matcher_screen(napi_env env, napi_callback_info info)
{
    args a;
    nomen_query q;
    char *own[3] = {NULL, NULL, NULL};
    char *type = NULL;
    napi_value out = NULL;
    if (get_args(env, info, &a))
        return NULL;
    box *b = get_box(env, a.v[0], KIND_MATCHER, "matcher");
    if (!b)
        return NULL;
    nomen_query_init(&q);
    char name[512], dob[64], country[128];
    if (get_bytes_into(env, a.v[1], "name", 0, name, sizeof name, &q.name, &q.name_len, &own[0]) ||
        get_bytes_into(env, a.v[2], "dob", 1, dob, sizeof dob, &q.dob, &q.dob_len, &own[1]) ||
        get_bytes_into(env, a.v[3], "country", 1, country, sizeof country, &q.country,
                       &q.country_len, &own[2]) ||
        get_cstr(env, a.v[4], "type", 1, &type))
        goto out;
    if (type) {
        q.type = nomen_subject_from_name(type);
        if (q.type < 0) {
            throw_status(env, NOMEN_ERR_INVALID_ARG,
                         "unknown subject type (individual, entity, vessel, aircraft)");
            goto out;
        }
    }
    int rc = nomen_matcher_screen(b->ptr, &q);
    if (rc)
        throw_status(env, rc, nomen_matcher_errmsg(b->ptr));
    else
        out = hits_packed(env, b->ptr);
out:
    for (size_t i = 0; i < 3; i++)
        free(own[i]);
    free(type);
    return pending(env) ? NULL : out;
}

/* NAPI_MODULE_INIT defines this exported function without a prototype;
 * declare it so -Wmissing-prototypes (clang) stays quiet. */
#ifdef NODE_API_MODULE_GET_API_VERSION
NAPI_MODULE_EXPORT int32_t NODE_API_MODULE_GET_API_VERSION(void);
#endif

#define FN(name, fn)                                                                               \
    {                                                                                              \
        name, NULL, fn, NULL, NULL, NULL, napi_default, NULL                                       \
    }

NAPI_MODULE_INIT()
{
    napi_property_descriptor props[] = {
        FN("version", js_version),
        FN("close", js_close),
        FN("builderNew", js_builder_new),
        FN("builderSetStrict", js_builder_set_strict),
        FN("builderAddPath", js_builder_add_path),
        FN("builderAddMemory", js_builder_add_memory),
        FN("builderInfo", js_builder_info),
        FN("indexBuild", js_index_build),
        FN("indexLoad", js_index_load),
        FN("indexSave", js_index_save),
        FN("indexInfo", js_index_info),
        FN("matcherNew", js_matcher_new),
        FN("matcherSetOptions", js_matcher_set_options),
        FN("matcherSetIndex", js_matcher_set_index),
        FN("matcherScreen", js_matcher_screen),
        FN("matcherScreenBatch", js_matcher_screen_batch),
    };
    if (napi_define_properties(env, exports, sizeof props / sizeof *props, props) != napi_ok)
        return NULL;
    return exports;
}
