/*
 * server.c - the HTTP server on libmicrohttpd: the only file that includes
 * microhttpd.h. See server.h.
 *
 * A request is recorded on the first call of the access handler and
 * answered on a later one: queuing a response on the first call makes
 * libmicrohttpd close every connection (measured 4.5x fewer requests/s), so
 * keep-alive depends on this order. Form bodies go through libmicrohttpd's
 * post processor; uploaded files stream to temporary files under
 * files_dir/tmp and are removed once the handler is done, before the answer.
 *
 * Each worker thread owns one SQLite connection, opened on its first
 * request. Each request owns an arena, freed when its response is sent.
 */
#include "web/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lib/log.h"
#include "lib/timeutil.h"
#include "web/cache.h"
#include "web/html.h"
#include "web/request.h"
#include "web/routes.h"

/* ---- per-thread database connections ---------------------------------------- */

static const Config *g_cfg;
static pthread_mutex_t dbs_lock = PTHREAD_MUTEX_INITIALIZER;
static Db *dbs[256];          /* every worker's connection, closed at shutdown */
static size_t n_dbs;
static _Thread_local Db *tl_db;
static atomic_int in_flight;  /* requests recorded and not yet completed */

static Db *worker_db(void)
{
    if (tl_db) return tl_db;
    Err e = ERR_INIT;
    Db *db;
    if (db_open(g_cfg->db_path, DB_OPEN_EXISTING, &db, &e) < 0) {
        log_error("%s", e.msg);
        return NULL;
    }
    pthread_mutex_lock(&dbs_lock);
    if (n_dbs < sizeof dbs / sizeof *dbs) dbs[n_dbs++] = db;
    pthread_mutex_unlock(&dbs_lock);
    tl_db = db;
    return db;
}

/* ---- the response cache ------------------------------------------------------- */

typedef struct CacheEntry {
    enum CacheSlot slot;
    Id key;
    uint64_t version;
    struct MHD_Response *resp;  /* holds one reference; NULL when empty */
    size_t len;                 /* its body's bytes, for the access log */
} CacheEntry;

#define CACHE_ENTRIES 64
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static CacheEntry cache[CACHE_ENTRIES];

static CacheEntry *cache_find(enum CacheSlot slot, Id key)
{
    for (size_t i = 0; i < CACHE_ENTRIES; i++)
        if (cache[i].resp && cache[i].slot == slot && cache[i].key == key) return &cache[i];
    return NULL;
}

static void etag_of(char out[40], enum CacheSlot slot, Id key, uint64_t version)
{
    snprintf(out, 40, "\"%d-%lld-%llu\"", (int)slot, (long long)key, (unsigned long long)version);
}

bool cache_lookup(Request *r, enum CacheSlot slot, Id key, uint64_t version)
{
    r->cache_slot = (int)slot;
    r->cache_key = key;
    r->cache_version = version;
    if (r->cache_bypass) return false;
    char etag[40];
    etag_of(etag, slot, key, version);
    if (r->if_none_match && strstr(r->if_none_match, etag)) {
        r->status = 304;
        r->from_cache = true;
        return true;
    }
    pthread_mutex_lock(&cache_lock);
    CacheEntry *ce = cache_find(slot, key);
    bool hit = ce && ce->version == version;
    pthread_mutex_unlock(&cache_lock);
    if (hit) {
        r->status = 200;
        r->from_cache = true;
    }
    return hit;
}

/* ---- headers every response carries ------------------------------------------- */

static void security_headers(struct MHD_Response *resp, bool https)
{
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; script-src 'self'; style-src 'self'; "
                            "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                            "form-action 'self'; frame-ancestors 'none'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    if (https) MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
}

/* ---- one connection's request --------------------------------------------------- */

typedef struct Conn {
    Request r;
    int64_t started_us;
    struct MHD_PostProcessor *pp;
    Buf raw;                 /* a body that is not a form */
    size_t body_bytes;
    /* the form field or file being received */
    char *cur_key;
    Buf cur_value;
    FILE *cur_file;
    Upload *cur_upload;
    bool cur_is_file;
    int status_sent;
    size_t bytes_sent;
    int refusal;             /* 413 or 400 decided while the body came in: sent at its end */
    size_t discarded;        /* body bytes read after that decision */
} Conn;

/* How much of a refused body is read (to be able to answer at its end)
 * before the connection is simply closed. */
#define DISCARD_ALLOWANCE ((size_t)4 << 20)

static void flush_field(Conn *cn)
{
    if (!cn->cur_key) return;
    if (cn->cur_is_file) {
        if (cn->cur_file) fclose(cn->cur_file);
        cn->cur_file = NULL;
    } else {
        params_add(cn->r.a, &cn->r.form, cn->cur_key, strlen(cn->cur_key), buf_str(&cn->cur_value),
                   cn->cur_value.len);
    }
    cn->cur_key = NULL;
    buf_reset(&cn->cur_value);
}

static Upload *new_upload(Conn *cn, const char *key, const char *filename)
{
    Request *r = &cn->r;
    r->uploads = arena_grow(r->a, r->uploads, r->n_uploads, r->n_uploads + 1, sizeof *r->uploads);
    Upload *u = &r->uploads[r->n_uploads++];
    u->field = arena_strdup(r->a, key);
    u->filename = arena_strdup(r->a, filename);
    char *path = arena_printf(r->a, "%s/tmp/upload-XXXXXX", g_cfg->files_dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        log_error("upload: cannot create a file under %s/tmp: %s", g_cfg->files_dir, strerror(errno));
        u->too_large = true; /* refused below with a message */
        return u;
    }
    u->tmp_path = path;
    cn->cur_file = fdopen(fd, "wb");
    return u;
}

static enum MHD_Result post_iter(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *filename, const char *content_type,
                                 const char *transfer_encoding, const char *data, uint64_t off,
                                 size_t size)
{
    (void)kind;
    (void)content_type;
    (void)transfer_encoding;
    Conn *cn = cls;
    if (off == 0 || !cn->cur_key || strcmp(cn->cur_key, key) != 0) {
        flush_field(cn);
        cn->cur_key = arena_strdup(cn->r.a, key);
        cn->cur_is_file = filename != NULL;
        cn->cur_upload = filename ? new_upload(cn, key, filename) : NULL;
    }
    if (cn->cur_is_file) {
        Upload *u = cn->cur_upload;
        if (u->too_large) return MHD_YES;
        if ((size_t)u->size + size > g_cfg->max_upload_bytes) {
            /* over the limit: keep nothing of it */
            u->too_large = true;
            if (cn->cur_file) fclose(cn->cur_file);
            cn->cur_file = NULL;
            if (u->tmp_path) unlink(u->tmp_path);
            u->tmp_path = NULL;
            return MHD_YES;
        }
        if (size && cn->cur_file && fwrite(data, 1, size, cn->cur_file) != size) {
            u->too_large = true;
            log_error("upload: write failed: %s", strerror(errno));
        }
        u->size += (int64_t)size;
    } else {
        buf_append(&cn->cur_value, data, size);
    }
    return MHD_YES;
}

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
    (void)kind;
    Request *r = cls;
    if (strcasecmp(key, "Cookie") == 0) params_parse_cookies(r->a, &r->cookies, value);
    else if (strcasecmp(key, "Host") == 0) r->host = arena_strdup(r->a, value);
    else if (strcasecmp(key, "If-None-Match") == 0) r->if_none_match = arena_strdup(r->a, value);
    else if (strcasecmp(key, "Content-Type") == 0) r->content_type = arena_strdup(r->a, value);
    else if (strcasecmp(key, "X-Forwarded-For") == 0 && g_cfg->trust_proxy) {
        /* the address the trusted proxy saw is the last one it appended */
        const char *last = strrchr(value, ',');
        last = last ? last + 1 : value;
        while (*last == ' ') last++;
        size_t n = strcspn(last, " ,");
        if (n > 0 && n < 64) r->address = arena_strndup(r->a, last, n);
    }
    return MHD_YES;
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    Request *r = cls;
    if (!value) value = "";
    params_add(r->a, &r->query, key, strlen(key), value, strlen(value));
    return MHD_YES;
}

static const char *client_address(struct MHD_Connection *c, Arena *a)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr) return "unknown";
    char buf[INET6_ADDRSTRLEN] = "unknown";
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf, sizeof buf);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf, sizeof buf);
    return arena_strdup(a, buf);
}

static Conn *conn_new(struct MHD_Connection *c, const char *url, const char *method)
{
    Arena *a = arena_new();
    Conn *cn = ARENA_NEW(a, Conn);
    cn->started_us = mono_usec();
    Request *r = &cn->r;
    r->a = a;
    r->cfg = g_cfg;
    r->cache_slot = -1;
    r->body = BUF_INIT(a);
    cn->raw = BUF_INIT(a);
    cn->cur_value = BUF_INIT(a);
    r->method_name = arena_strdup(a, method);
    r->method = strcmp(method, "GET") == 0    ? METHOD_GET
                : strcmp(method, "HEAD") == 0 ? METHOD_HEAD
                : strcmp(method, "POST") == 0 ? METHOD_POST
                                              : METHOD_OTHER;
    r->path = arena_strdup(a, url);
    r->https = g_cfg->tls_cert != NULL;
    r->address = client_address(c, a);
    MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, r);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, r);
    return cn;
}

static bool is_form(const char *ct)
{
    return ct && (strncasecmp(ct, MHD_HTTP_POST_ENCODING_FORM_URLENCODED,
                              strlen(MHD_HTTP_POST_ENCODING_FORM_URLENCODED)) == 0 ||
                  strncasecmp(ct, MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA,
                              strlen(MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA)) == 0);
}

static bool is_multipart(const char *ct)
{
    return ct && strncasecmp(ct, MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA,
                             strlen(MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA)) == 0;
}

/* The most a body may be: files plus their form. */
static size_t body_limit(const Request *r)
{
    return is_multipart(r->content_type) ? g_cfg->max_upload_bytes + g_cfg->max_form_bytes
                                         : g_cfg->max_form_bytes;
}

static enum MHD_Result queue(struct MHD_Connection *c, Conn *cn, struct MHD_Response *resp,
                             int status, size_t bytes)
{
    cn->status_sent = status;
    cn->bytes_sent = bytes;
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* A stored file as the body, read by libmicrohttpd straight from disk. */
static struct MHD_Response *file_response(Request *r)
{
    int fd = open(r->send_file, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        if (fd >= 0) close(fd);
        log_error("file %s: %s", r->send_file, strerror(errno));
        r->send_file = NULL;
        r->download_name = NULL;
        resp_error(r, 404, "文件已不存在");
        return NULL;
    }
    return MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
}

/* ".docx" for "表.docx": the name's extension when it is 1-5 ASCII letters
 * or digits (safe inside a quoted header value), else "". */
static const char *ascii_extension(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot) return "";
    size_t n = strlen(dot + 1);
    if (n < 1 || n > 5) return "";
    for (size_t i = 1; i <= n; i++)
    {
        char c = dot[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return "";
    }
    return dot;
}

static struct MHD_Response *make_response(Request *r, bool keep)
{
    struct MHD_Response *resp = r->send_file ? file_response(r) : NULL;
    if (!resp)
        resp = MHD_create_response_from_buffer(r->body.len, r->body.data ? r->body.data : (char *)"",
                                               keep ? MHD_RESPMEM_MUST_COPY : MHD_RESPMEM_PERSISTENT);
    if (!resp) return NULL;
    security_headers(resp, r->https);
    if (r->content_type_out) MHD_add_response_header(resp, "Content-Type", r->content_type_out);
    for (size_t i = 0; i < r->n_headers; i++)
        MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
    if (r->download_name) {
        /* RFC 6266 with RFC 5987 for the Chinese name; the ASCII fallback keeps
         * the extension so that a client ignoring filename* still opens it */
        MHD_add_response_header(
            resp, "Content-Disposition",
            arena_printf(r->a, "attachment; filename=\"download%s\"; filename*=UTF-8''%s",
                         ascii_extension(r->download_name), url_encode(r->a, r->download_name)));
    }
    bool own = false;
    for (size_t i = 0; i < r->n_headers; i++)
        if (strcasecmp(r->headers[i].name, "Cache-Control") == 0) own = true;
    if (!own && keep)
        MHD_add_response_header(resp, "Cache-Control", "no-cache"); /* revalidate by ETag */
    else if (!own && (!r->content_type_out || strncmp(r->content_type_out, "text/html", 9) == 0))
        MHD_add_response_header(resp, "Cache-Control", "no-store");
    return resp;
}

static enum MHD_Result answer(struct MHD_Connection *c, Conn *cn)
{
    Request *r = &cn->r;
    if (r->from_cache) {
        char etag[40];
        etag_of(etag, (enum CacheSlot)r->cache_slot, r->cache_key, r->cache_version);
        if (r->status == 304) {
            struct MHD_Response *resp = MHD_create_response_from_buffer(0, (char *)"", MHD_RESPMEM_PERSISTENT);
            MHD_add_response_header(resp, "ETag", etag);
            security_headers(resp, r->https);
            return queue(c, cn, resp, 304, 0);
        }
        pthread_mutex_lock(&cache_lock);
        CacheEntry *ce = cache_find((enum CacheSlot)r->cache_slot, r->cache_key);
        struct MHD_Response *resp = NULL;
        if (ce && ce->version == r->cache_version) {
            resp = ce->resp;
            /* queue() drops one reference: take one for it (MHD counts them) */
            MHD_queue_response(c, MHD_HTTP_OK, resp);
            cn->status_sent = 200;
            cn->bytes_sent = ce->len;
        }
        pthread_mutex_unlock(&cache_lock);
        if (resp) return MHD_YES;
        /* replaced or evicted since cache_lookup: the page renders afresh
         * (the router's checks have passed already) */
        r->from_cache = false;
        r->cache_bypass = true;
        r->status = 200;
        r->route->handler(r);
    }
    bool keep = r->cache_slot >= 0 && r->status == 200;
    struct MHD_Response *resp = make_response(r, keep);
    if (!resp) return MHD_NO;
    if (keep) {
        char etag[40];
        etag_of(etag, (enum CacheSlot)r->cache_slot, r->cache_key, r->cache_version);
        MHD_add_response_header(resp, "ETag", etag);
        pthread_mutex_lock(&cache_lock);
        CacheEntry *ce = cache_find((enum CacheSlot)r->cache_slot, r->cache_key);
        if (!ce) {
            for (size_t i = 0; i < CACHE_ENTRIES && !ce; i++)
                if (!cache[i].resp) ce = &cache[i];
            if (!ce) ce = &cache[(size_t)r->cache_version % CACHE_ENTRIES];
        }
        if (ce->resp) MHD_destroy_response(ce->resp);
        /* MHD_queue_response below adds its own reference; keep ours */
        ce->slot = (enum CacheSlot)r->cache_slot;
        ce->key = r->cache_key;
        ce->version = r->cache_version;
        ce->len = r->body.len;
        ce->resp = resp;
        enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
        cn->status_sent = r->status;
        cn->bytes_sent = r->body.len;
        pthread_mutex_unlock(&cache_lock);
        return ret;
    }
    return queue(c, cn, resp, r->status ? r->status : 200, r->body.len);
}

/* Removes the request's uploaded temporary files. Called before the answer
 * is queued, so that a client that reads the answer finds nothing left
 * behind; on_completed calls it again for a request that never got one. */
static void drop_uploads(Conn *cn)
{
    for (size_t i = 0; i < cn->r.n_uploads; i++)
        if (cn->r.uploads[i].tmp_path) {
            unlink(cn->r.uploads[i].tmp_path);
            cn->r.uploads[i].tmp_path = NULL;
        }
}

static enum MHD_Result refuse(struct MHD_Connection *c, Conn *cn, int status, const char *msg)
{
    drop_uploads(cn);
    resp_error(&cn->r, status, msg);
    struct MHD_Response *resp = make_response(&cn->r, false);
    if (!resp) return MHD_NO;
    MHD_add_response_header(resp, "Connection", "close");
    return queue(c, cn, resp, status, cn->r.body.len);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)cls;
    (void)version;
    Conn *cn = *con_cls;
    if (!cn) {
        /* first call: record the request; answer on a later call */
        cn = conn_new(c, url, method);
        *con_cls = cn;
        atomic_fetch_add(&in_flight, 1);
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > body_limit(&cn->r)) {
            cn->r.body_too_large = true;
            return refuse(c, cn, 413, "提交的内容超过了大小限制");
        }
        if (cn->r.method == METHOD_POST && is_form(cn->r.content_type)) {
            cn->pp = MHD_create_post_processor(c, 16 * 1024, post_iter, cn);
            if (!cn->pp) return refuse(c, cn, 400, "无法解析提交的表单");
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (cn->refusal) {
            /* libmicrohttpd cannot answer in the middle of a body: read the
             * rest and answer at its end, but only so much of it, so that
             * an endless body cannot hold the server */
            cn->discarded += n;
            return cn->discarded > DISCARD_ALLOWANCE ? MHD_NO : MHD_YES;
        }
        cn->body_bytes += n;
        if (cn->body_bytes > body_limit(&cn->r)) {
            cn->r.body_too_large = true;
            cn->refusal = 413;
            return MHD_YES;
        }
        if (cn->pp) {
            if (MHD_post_process(cn->pp, upload_data, n) != MHD_YES) cn->refusal = 400;
        } else {
            buf_append(&cn->raw, upload_data, n);
        }
        return MHD_YES;
    }
    if (cn->r.body_too_large && !cn->refusal) return MHD_YES; /* answered on the first call */
    if (cn->refusal)
        return refuse(c, cn, cn->refusal,
                      cn->refusal == 413 ? "提交的内容超过了大小限制" : "无法解析提交的表单");
    if (cn->pp) {
        MHD_destroy_post_processor(cn->pp);
        cn->pp = NULL;
        flush_field(cn);
    }
    Request *r = &cn->r;
    r->db = worker_db();
    if (!r->db) return refuse(c, cn, 503, "数据库暂时无法打开，请稍后再试");
    router_dispatch(r);
    drop_uploads(cn);
    return answer(c, cn);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    Conn *cn = *con_cls;
    if (!cn) return;
    *con_cls = NULL;
    if (cn->pp) MHD_destroy_post_processor(cn->pp);
    if (cn->cur_file) fclose(cn->cur_file);
    drop_uploads(cn);
    if (g_cfg->access_log) {
        char ts[TS_ISO_LEN];
        ts_now(ts);
        fprintf(stderr, "%s %s %s %s %d %zu %lldus%s\n", ts, cn->r.address, cn->r.method_name,
                cn->r.path, cn->status_sent, cn->bytes_sent,
                (long long)(mono_usec() - cn->started_us),
                toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
    }
    atomic_fetch_sub(&in_flight, 1);
    arena_free(cn->r.a);
}

/* ---- start and stop ------------------------------------------------------------ */

void server_config_defaults(Config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->listen = "127.0.0.1:8080";
    cfg->max_connections = 1024;
    cfg->timeout_seconds = 30;
    cfg->max_form_bytes = 1u << 20;
    cfg->max_upload_bytes = 20u << 20;
    cfg->access_log = true;
}

/* "127.0.0.1:8080", "[::1]:8080", ":8080", "8080" */
static int parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len, bool *v6, Err *e)
{
    char host[128] = "";
    const char *port;
    memset(ss, 0, sizeof *ss);
    if (s[0] == '[') {
        const char *end = strchr(s, ']');
        if (!end || end[1] != ':' || (size_t)(end - s - 1) >= sizeof host)
            return err_set(e, ERR_INVALID, "listen", "--listen: bad IPv6 address '%s'", s);
        memcpy(host, s + 1, (size_t)(end - s - 1));
        port = end + 2;
    } else {
        const char *colon = strrchr(s, ':');
        if (colon) {
            if ((size_t)(colon - s) >= sizeof host)
                return err_set(e, ERR_INVALID, "listen", "--listen: bad address '%s'", s);
            memcpy(host, s, (size_t)(colon - s));
            port = colon + 1;
        } else {
            port = s;
        }
    }
    char *end;
    long p = strtol(port, &end, 10);
    if (!*port || *end || p < 0 || p > 65535)
        return err_set(e, ERR_INVALID, "listen", "--listen: bad port in '%s'", s);
    struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
    if (!host[0]) {
        in4->sin_family = AF_INET;
        in4->sin_addr.s_addr = htonl(INADDR_ANY);
        in4->sin_port = htons((uint16_t)p);
        *len = sizeof *in4;
        *v6 = false;
    } else if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)p);
        *len = sizeof *in4;
        *v6 = false;
    } else if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)p);
        *len = sizeof *in6;
        *v6 = true;
    } else {
        return err_set(e, ERR_INVALID, "listen", "--listen: '%s' is not an IPv4 or IPv6 address", host);
    }
    return 0;
}

static char *read_pem(const char *path, Err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        err_set(e, ERR_IO, NULL, "%s: %s", path, strerror(errno));
        return NULL;
    }
    Buf b = BUF_INIT(NULL);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < (1u << 20)) buf_append(&b, chunk, n);
    fclose(f);
    return buf_detach(&b, NULL);
}

static void log_mhd(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    line[strcspn(line, "\n")] = '\0';
    log_warn("http: %s", line);
}

static int make_dirs(const char *dir, Err *e)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s/tmp", dir);
    if ((mkdir(dir, 0700) != 0 && errno != EEXIST) || (mkdir(tmp, 0700) != 0 && errno != EEXIST))
        return err_set(e, ERR_IO, NULL, "cannot create %s: %s", tmp, strerror(errno));
    return 0;
}

int server_run(const Config *cfg, Err *e)
{
    g_cfg = cfg;
    struct sockaddr_storage ss;
    socklen_t sslen;
    bool v6 = false;
    if (parse_listen(cfg->listen, &ss, &sslen, &v6, e) < 0) return -1;
    if (make_dirs(cfg->files_dir, e) < 0) return -1;
    /* the database must open before we say we are listening */
    Db *probe;
    if (db_open(cfg->db_path, DB_OPEN_EXISTING, &probe, e) < 0) return -1;
    db_close(probe);

    unsigned threads = cfg->threads;
    if (!threads) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        threads = n > 0 ? (unsigned)n : 2;
    }
    if (threads > 64) threads = 64;

    /* workers inherit this mask: only the main thread takes the signals */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
                     MHD_USE_ITC;
    if (v6) flags |= MHD_USE_IPv6;
    char *key = NULL, *cert = NULL;
    if (cfg->tls_cert || cfg->tls_key) {
        if (!cfg->tls_cert || !cfg->tls_key)
            return err_set(e, ERR_INVALID, NULL, "--tls-cert and --tls-key go together");
        if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
            return err_set(e, ERR_INVALID, NULL, "this libmicrohttpd was built without TLS");
        if (!(cert = read_pem(cfg->tls_cert, e)) || !(key = read_pem(cfg->tls_key, e))) {
            free(cert);
            return -1;
        }
        flags |= MHD_USE_TLS;
    }
    struct MHD_OptionItem tls_opts[] = {
        {MHD_OPTION_HTTPS_MEM_KEY, 0, key},
        {MHD_OPTION_HTTPS_MEM_CERT, 0, cert},
        {MHD_OPTION_END, 0, NULL},
    };
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_connections, MHD_OPTION_CONNECTION_TIMEOUT,
        cfg->timeout_seconds, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024, MHD_OPTION_ARRAY, key ? tls_opts : tls_opts + 2,
        MHD_OPTION_END);
    if (!d) {
        free(key);
        free(cert);
        return err_set(e, ERR_IO, NULL, "cannot listen on %s (address in use?)", cfg->listen);
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    log_info("shishi serving %s on %s://%s (port %u), %u threads", cfg->db_path,
             key ? "https" : "http", cfg->listen, di ? di->port : 0, threads);

    int sig = 0;
    sigwait(&sigs, &sig);
    log_info("signal %d: finishing requests in flight", sig);
    MHD_socket lsock = MHD_quiesce_daemon(d);
    if (lsock != MHD_INVALID_SOCKET) close(lsock);
    for (int i = 0; i < 100 && atomic_load(&in_flight) > 0; i++) {
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(d);
    pthread_mutex_lock(&dbs_lock);
    for (size_t i = 0; i < n_dbs; i++) db_close(dbs[i]);
    n_dbs = 0;
    pthread_mutex_unlock(&dbs_lock);
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < CACHE_ENTRIES; i++)
        if (cache[i].resp) {
            MHD_destroy_response(cache[i].resp);
            cache[i].resp = NULL;
        }
    pthread_mutex_unlock(&cache_lock);
    free(key);
    free(cert);
    log_info("stopped; database closed");
    return 0;
}
