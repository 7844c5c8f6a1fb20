/* cmd_bulletin.c - `shishi bulletin`: the progress bulletin of a round as
 * text (the coordinator's edit if saved, else a draft), or as DOCX. */
#include <stdio.h>

#include "cli/commands.h"
#include "core/bulletin_ops.h"

int cmd_bulletin(const CliCommand *cmd, Arena *a, int argc, char **argv)
{
    const char *db_flag = NULL, *prog = NULL, *round_name = NULL, *out = NULL;
    const CliOpt opts[] = {{"--db", true, &db_flag, NULL},
                           {"--program", true, &prog, NULL},
                           {"--round", true, &round_name, NULL},
                           {"-o", true, &out, NULL},
                           {0}};
    int n_pos, rc = cli_parse(cmd, argc, argv, opts, NULL, 0, &n_pos);
    if (rc) return rc;
    if (!round_name) return cli_usage(cmd);
    Db *db;
    Id pid;
    Round rd;
    if (cli_open_round(a, db_flag, prog, round_name, &db, &pid, &rd) < 0) return EXIT_FAIL;
    Err e = ERR_INIT;
    char *text, *at;
    bool saved;
    rc = bulletin_current(db, a, rd.id, &text, &saved, &at, &e) < 0;
    db_close(db);
    if (rc) return cli_fail(&e);
    if (!out) {
        fputs(text, stdout);
        return EXIT_OK;
    }
    void *data;
    size_t len;
    if (bulletin_docx(a, text, &data, &len, &e) < 0) return cli_fail(&e);
    return cli_write_file(a, out, data, len);
}
