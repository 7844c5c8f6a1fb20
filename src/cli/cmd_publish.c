/*
 * cmd_publish.c - `shishi publish`: the public page of a programme as
 * static files for upload to the government website. The server's own
 * renderer draws them (web/publish.h), so the files say exactly what
 * /public/ says: the published round's accepted figures and nothing else.
 */
#include <stdio.h>

#include "cli/commands.h"
#include "web/publish.h"

int cmd_publish(const CliCommand *cmd, Arena *a, int argc, char **argv)
{
    const char *db_flag = NULL, *program = NULL, *out = NULL;
    const CliOpt opts[] = {{"--db", true, &db_flag, NULL},
                           {"--program", true, &program, NULL},
                           {"--out", true, &out, NULL},
                           {0}};
    int n_pos, rc = cli_parse(cmd, argc, argv, opts, NULL, 0, &n_pos);
    if (rc) return rc;
    if (!out || !*out) {
        fprintf(stderr, "shishi %s: --out DIR is required\n", cmd->name);
        return cli_usage(cmd);
    }
    Db *db;
    Id id;
    if (cli_open_programme(db_flag, program, &db, &id) < 0) return EXIT_FAIL;
    Err e = ERR_INIT;
    const char *const *files;
    size_t n;
    rc = publish_static(db, a, id, out, &files, &n, &e);
    db_close(db);
    if (rc < 0) {
        if (e.code == ERR_NOT_FOUND)
            return cli_failf("programme %lld is not public (or does not exist)", (long long)id);
        return cli_fail(&e);
    }
    for (size_t i = 0; i < n; i++) printf("%s/%s\n", out, files[i]);
    return EXIT_OK;
}
