/* cmd_demo.c - `shishi demo`: a new database with the Linzi 2022 demo. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/text_table.h"
#include "core/demo.h"

int cmd_demo(const CliCommand *cmd, Arena *a, int argc, char **argv)
{
    const char *db_flag = NULL, *password = NULL;
    const CliOpt opts[] = {{"--db", true, &db_flag, NULL}, {"--password", true, &password, NULL}, {0}};
    int n_pos, rc = cli_parse(cmd, argc, argv, opts, NULL, 0, &n_pos);
    if (rc) return rc;
    if (password && !*password) {
        fprintf(stderr, "shishi demo: --password must not be empty\n");
        return cli_usage(cmd);
    }
    const char *path = cli_db_path(db_flag);
    Err e = ERR_INIT;
    Db *db;
    if (db_open(path, DB_CREATE_NEW, &db, &e) < 0) return cli_fail(&e);
    Actor who = cli_actor(a);
    DemoAccount *acc;
    size_t n;
    rc = demo_populate(db, a, &who, password, &acc, &n, &e);
    db_close(db);
    if (rc < 0) {
        cli_discard_db(a, path); /* a failed demo leaves no file behind */
        return cli_fail(&e);
    }
    printf("created %s with the Linzi 2022 demo programme\n\n", path);
    static const char *const headers[] = {"账号", "角色", "单位", "密码"};
    TextTable t;
    text_table_init(&t, a, 4, headers);
    for (size_t i = 0; i < n; i++) {
        const char *cells[] = {acc[i].login, acc[i].role, acc[i].unit, acc[i].password};
        text_table_add(&t, cells);
    }
    text_table_print(&t, stdout);
    if (!password) printf("\n（以上密码只显示这一次）\n");
    return EXIT_OK;
}
