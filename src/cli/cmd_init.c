/* cmd_init.c - `shishi init`: create an empty database. */
#include <stdio.h>

#include "cli/commands.h"

int cmd_init(const CliCommand *cmd, Arena *a, int argc, char **argv)
{
    (void)a;
    const char *db_flag = NULL;
    const CliOpt opts[] = {{"--db", true, &db_flag, NULL}, {0}};
    int n_pos, rc = cli_parse(cmd, argc, argv, opts, NULL, 0, &n_pos);
    if (rc) return rc;
    Err e = ERR_INIT;
    Db *db;
    const char *path = cli_db_path(db_flag);
    if (db_open(path, DB_CREATE_NEW, &db, &e) < 0) return cli_fail(&e);
    db_close(db);
    printf("created %s (schema %d)\n", path, db_schema_version_known());
    return EXIT_OK;
}
