/* cmd_serve.c - `shishi serve`: the web application. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "web/server.h"

static bool parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s) return false;
    if (*end == 'k' || *end == 'K') v <<= 10, end++;
    else if (*end == 'm' || *end == 'M') v <<= 20, end++;
    if (*end || v == 0 || v > (1ull << 32)) return false;
    *out = (size_t)v;
    return true;
}

static bool parse_uint(const char *s, unsigned max, unsigned *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || v > max) return false;
    *out = (unsigned)v;
    return true;
}

int cmd_serve(const CliCommand *cmd, Arena *a, int argc, char **argv)
{
    Config cfg;
    server_config_defaults(&cfg);
    const char *db_flag = NULL, *threads = NULL, *max_upload = NULL, *max_conn = NULL,
               *timeout = NULL, *files = NULL, *smtp = NULL, *smtp_from = NULL;
    bool quiet = false;
    const CliOpt opts[] = {{"--db", true, &db_flag, NULL},
                           {"--listen", true, &cfg.listen, NULL},
                           {"--threads", true, &threads, NULL},
                           {"--max-connections", true, &max_conn, NULL},
                           {"--timeout", true, &timeout, NULL},
                           {"--max-upload", true, &max_upload, NULL},
                           {"--files", true, &files, NULL},
                           {"--tls-cert", true, &cfg.tls_cert, NULL},
                           {"--tls-key", true, &cfg.tls_key, NULL},
                           {"--trust-proxy", false, NULL, &cfg.trust_proxy},
                           {"--smtp", true, &smtp, NULL},
                           {"--smtp-from", true, &smtp_from, NULL},
                           {"--quiet", false, NULL, &quiet},
                           {0}};
    int n_pos, rc = cli_parse(cmd, argc, argv, opts, NULL, 0, &n_pos);
    if (rc) return rc;
    if ((threads && !parse_uint(threads, 64, &cfg.threads)) ||
        (max_conn && !parse_uint(max_conn, 100000, &cfg.max_connections)) ||
        (timeout && !parse_uint(timeout, 3600, &cfg.timeout_seconds)) ||
        (max_upload && !parse_size(max_upload, &cfg.max_upload_bytes))) {
        fprintf(stderr, "shishi serve: bad number\n");
        return cli_usage(cmd);
    }
    cfg.db_path = cli_db_path(db_flag);
    cfg.files_dir = files ? files : arena_printf(a, "%s.files", cfg.db_path);
    cfg.access_log = !quiet;
    cfg.smtp_url = smtp;
    cfg.smtp_from = smtp_from;
    Err e = ERR_INIT;
    if (server_run(&cfg, &e) < 0) return cli_fail(&e);
    return EXIT_OK;
}
