/* cmd_bulletin.c - `shishi bulletin`: the progress bulletin of a round as
 * text (the coordinator's edit if saved, else a draft), or as DOCX. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "core/bulletin_ops.h"
#include "db/store.h"

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
    if (cli_open_db(db_flag, &db) < 0) return EXIT_FAIL;
    Id pid;
    if (cli_programme_id(db, prog, &pid) != 0) {
        db_close(db);
        return EXIT_FAIL;
    }
    Err e = ERR_INIT;
    Round rd;
    char *text, *at;
    bool saved;
    rc = store_round_find(db, a, pid, round_name, &rd, &e) < 0 ||
         bulletin_current(db, a, rd.id, &text, &saved, &at, &e) < 0;
    db_close(db);
    if (rc) return cli_fail(&e);
    if (!out) {
        fputs(text, stdout);
        return EXIT_OK;
    }
    void *data;
    size_t len;
    if (bulletin_docx(a, text, &data, &len, &e) < 0) return cli_fail(&e);
    char *tmp = arena_printf(a, "%s.part", out);
    FILE *f = fopen(tmp, "wb");
    if (!f) return cli_failf("%s: cannot write: %s", out, strerror(errno));
    bool ok = fwrite(data, 1, len, f) == len;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, out) != 0) {
        remove(tmp);
        return cli_failf("%s: cannot write", out);
    }
    printf("wrote %s (%zu bytes)\n", out, len);
    return EXIT_OK;
}
