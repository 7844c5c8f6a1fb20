/*
 * request.h - one HTTP request and its response, as pages see them. Only
 * server.c knows libmicrohttpd; it fills a Request with what the pages
 * need (method, path, headers of interest, parameters, client address),
 * runs the router, and sends what the handler left in the response fields.
 *
 * Everything hangs off r->a, the request's arena, freed when the response
 * has been sent.
 */
#ifndef SHISHI_REQUEST_H
#define SHISHI_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/buf.h"
#include "lib/err.h"

enum Method { METHOD_GET = 0, METHOD_HEAD, METHOD_POST, METHOD_OTHER };

/* A name=value pair from the query string, the form body or a cookie. */
typedef struct Param {
    const char *name;
    const char *value;  /* NUL-terminated; may hold NUL-free UTF-8 only after validation */
    size_t len;
} Param;

typedef struct ParamList {
    Param *items;
    size_t n, cap;
} ParamList;

/* A file part of a multipart form, streamed to a temporary file by server.c. */
typedef struct Upload {
    const char *field;     /* form field name */
    const char *filename;  /* as sent by the browser (untrusted) */
    const char *tmp_path;  /* where the bytes are; removed when the request ends */
    int64_t size;
    bool too_large;        /* over the limit: the bytes were dropped */
} Upload;

typedef struct Header {
    const char *name;
    const char *value;
} Header;

typedef struct Config Config;
typedef struct Route Route;

typedef struct Request {
    Arena *a;
    Db *db;                   /* the worker thread's connection */
    const Config *cfg;        /* server settings, read-only */

    enum Method method;
    const char *method_name;
    const char *path;         /* decoded path, without the query */
    const char *address;      /* client address (X-Forwarded-For with --trust-proxy) */
    bool https;
    const char *host;         /* Host header */
    const char *if_none_match;
    const char *content_type;
    ParamList query;
    ParamList form;           /* urlencoded or multipart fields (not files) */
    ParamList cookies;
    Upload *uploads;
    size_t n_uploads;
    bool body_too_large;      /* the body passed the limit: 413 */

    /* set by the router */
    const Route *route;
    Id path_ids[3];           /* {id} segments of the route's pattern, in order */
    size_t n_path_ids;

    /* set by auth */
    bool logged_in;
    Id session_id;            /* the session the cookie names, 0 when not logged in */
    User user;
    Actor actor;
    const char *csrf;         /* the session's CSRF token (or the pre-login one) */

    /* the response */
    int status;
    const char *content_type_out;
    Buf body;
    Header *headers;
    size_t n_headers, cap_headers;
    const char *download_name;   /* Content-Disposition: attachment; filename=... */
    const char *send_file;       /* the body is this file (an attachment), sent by the server */
    int cache_slot;              /* >= 0: the response may be kept by the server (see cache.h) */
    Id cache_key;
    uint64_t cache_version;
    bool from_cache;             /* the server answers from its cache; body is empty */
    bool cache_bypass;           /* cache_lookup misses: the page is rendered afresh */

    /* per-field messages of a form that failed validation (name -> message) */
    ParamList field_errors;
} Request;

/* ---- parameters ---- */

void params_add(Arena *a, ParamList *l, const char *name, size_t name_len, const char *value,
                size_t value_len);
/* The first value named name, or NULL. */
const char *params_get(const ParamList *l, const char *name);
/* Parses a Cookie header. */
void params_parse_cookies(Arena *a, ParamList *l, const char *s);
/* Percent-encodes everything but unreserved characters. */
char *url_encode(Arena *a, const char *s);

/* ---- the response ---- */

void resp_header(Request *r, const char *name, const char *value);
/* 303 See Other to a local path. */
void resp_redirect(Request *r, const char *location);
/* A plain error page in Chinese with the status. */
void resp_error(Request *r, int status, const char *message);
/* The status that answers an Err from core or db: 400 for input the user
 * can correct (also ERR_NONE: a form that failed the page's own checks),
 * 404 not found, 403 forbidden, 409 conflict, 413 too large, 500 for a
 * failure of the server itself (ERR_IO, ERR_INTERNAL). */
int http_status(const Err *e);
/* Set-Cookie for the session cookie (secure under HTTPS), or to clear it. */
void resp_cookie(Request *r, const char *name, const char *value, int max_age_seconds,
                 bool strict);
/* The body is a file download. */
void resp_download(Request *r, const char *content_type, const char *filename, const void *data,
                   size_t len);

/* The path with its query string, rebuilt from the parsed parameters
 * (for "log in, then come back here"). */
const char *req_path_with_query(Request *r);

/* The n-th {id} segment of the path, as the router matched it (0 if none). */
Id req_path_id(const Request *r, size_t n);

/* A field's message after validation failed, or NULL. */
const char *req_field_error(const Request *r, const char *field);
void req_set_field_error(Request *r, const char *field, const char *message);
/* Takes an Err from core: its field (or "_form") gets its message. */
void req_take_err(Request *r, const Err *e);

#endif
