/* cmd_audit.c - `shishi audit verify`: check the audit trail's hash chain. */
#include <stdio.h>

#include "cli/commands.h"
#include "core/audit.h"

int cmd_audit_verify(const CliCommand *cmd, Arena *a, int argc, char **argv)
{
    const char *db_flag = NULL;
    const CliOpt opts[] = {{"--db", true, &db_flag, NULL}, {0}};
    int n_pos, rc = cli_parse(cmd, argc, argv, opts, NULL, 0, &n_pos);
    if (rc) return rc;
    Db *db;
    if (cli_open_db(db_flag, &db) < 0) return EXIT_FAIL;
    Err e = ERR_INIT;
    Id bad;
    const char *why;
    rc = audit_verify(db, a, &bad, &why, &e);
    db_close(db);
    if (rc < 0) return cli_fail(&e);
    if (bad) return cli_failf("audit trail broken at row %lld: %s", (long long)bad, why);
    printf("audit trail intact\n");
    return EXIT_OK;
}
