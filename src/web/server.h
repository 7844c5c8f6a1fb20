/*
 * server.h - `shishi serve`: the HTTP server. server.c is the only file
 * that includes microhttpd.h.
 */
#ifndef SHISHI_SERVER_H
#define SHISHI_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/err.h"

struct Config {
    const char *db_path;
    const char *listen;          /* "127.0.0.1:8080", "[::1]:8080", ":8080" */
    unsigned threads;            /* worker threads (0: one per core) */
    unsigned max_connections;    /* open connections at once */
    unsigned per_ip_connections; /* from one address at once (0: no limit) */
    unsigned timeout_seconds;    /* idle connection timeout */
    size_t max_form_bytes;       /* a form without files */
    size_t max_upload_bytes;     /* one uploaded file */
    const char *files_dir;       /* where uploaded files are kept (by hash) */
    const char *tls_cert;        /* PEM files: HTTPS when both are set */
    const char *tls_key;
    bool trust_proxy;            /* client address from X-Forwarded-For */
    bool access_log;             /* one line per request on stderr */
    const char *smtp_url;        /* smtp://host:port for reminders, NULL: none */
    const char *smtp_from;
};

#ifndef SHISHI_CONFIG_TYPEDEF
#define SHISHI_CONFIG_TYPEDEF
typedef struct Config Config;
#endif

/* Fills the defaults. */
void server_config_defaults(Config *cfg);

/* Runs until SIGINT or SIGTERM; then lets requests in flight finish and
 * closes the database. Returns 0, or -1 with e set if it cannot start. */
int server_run(const Config *cfg, Err *e);

#endif
