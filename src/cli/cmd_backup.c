/* cmd_backup.c - `shishi backup OUT.db`: an online, checked copy. */
#include <stdio.h>

#include "cli/commands.h"

int cmd_backup(const CliCommand *cmd, Arena *a, int argc, char **argv)
{
    (void)a;
    const char *db_flag = NULL, *pos[1];
    const CliOpt opts[] = {{"--db", true, &db_flag, NULL}, {0}};
    int n_pos, rc = cli_parse(cmd, argc, argv, opts, pos, 1, &n_pos);
    if (rc) return rc;
    if (n_pos != 1) return cli_usage(cmd);
    Db *db;
    if (cli_open_db(db_flag, &db) < 0) return EXIT_FAIL;
    Err e = ERR_INIT;
    rc = db_backup(db, pos[0], &e);
    db_close(db);
    if (rc < 0) return cli_fail(&e);
    printf("backed up %s to %s (integrity_check: ok)\n", cli_db_path(db_flag), pos[0]);
    return EXIT_OK;
}
