/* cmd_user.c - `shishi user add`: create an account with a one-time password. */
#include <stdio.h>

#include "cli/commands.h"
#include "core/users.h"
#include "core/vocab.h"

int cmd_user_add(const CliCommand *cmd, Arena *a, int argc, char **argv)
{
    const char *db_flag = NULL, *role_s = NULL, *unit = NULL, *pos[1];
    const CliOpt opts[] = {{"--db", true, &db_flag, NULL},
                           {"--role", true, &role_s, NULL},
                           {"--unit", true, &unit, NULL},
                           {0}};
    int n_pos, rc = cli_parse(cmd, argc, argv, opts, pos, 1, &n_pos);
    if (rc) return rc;
    enum Role role;
    if (n_pos != 1 || !role_s || !role_parse(role_s, &role) || role == ROLE_PUBLIC)
        return cli_usage(cmd);
    if (role == ROLE_REPORTER && !unit) {
        fprintf(stderr, "shishi user add: a reporter needs --unit NAME\n");
        return cli_usage(cmd);
    }
    if (role != ROLE_REPORTER && unit) {
        fprintf(stderr, "shishi user add: --unit is only for reporters\n");
        return cli_usage(cmd);
    }
    Db *db;
    if (cli_open_db(db_flag, &db) < 0) return EXIT_FAIL;
    Err e = ERR_INIT;
    Actor who = cli_actor(a);
    char *password = NULL;
    rc = user_create(db, a, &who, pos[0], role, unit, NULL, true, NULL, &password, &e);
    db_close(db);
    if (rc < 0) return cli_fail(&e);
    printf("created %s (%s%s%s)\none-time password: %s\n(it must be changed at first login)\n",
           pos[0], role_name(role), unit ? ", " : "", unit ? unit : "", password);
    return EXIT_OK;
}
