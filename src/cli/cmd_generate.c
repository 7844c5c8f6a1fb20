/*
 * cmd_generate.c - `shishi generate`: a new database of synthetic
 * province-scale data for load tests (see core/generate.h for what it holds
 * and what tests may rely on).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/text_table.h"
#include "core/generate.h"
#include "core/vocab.h"
#include "lib/timeutil.h"

static bool parse_count(const char *s, int *out)
{
    if (!s) return true;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < 0 || v > 1000000) return false;
    *out = (int)v;
    return true;
}

int cmd_generate(const CliCommand *cmd, Arena *a, int argc, char **argv)
{
    const char *db_flag = NULL, *programmes = NULL, *projects = NULL, *units = NULL, *rounds = NULL,
               *seed = NULL, *password = NULL;
    const CliOpt opts[] = {{"--db", true, &db_flag, NULL},
                           {"--programmes", true, &programmes, NULL},
                           {"--projects", true, &projects, NULL},
                           {"--units", true, &units, NULL},
                           {"--rounds", true, &rounds, NULL},
                           {"--seed", true, &seed, NULL},
                           {"--password", true, &password, NULL},
                           {0}};
    int n_pos, rc = cli_parse(cmd, argc, argv, opts, NULL, 0, &n_pos);
    if (rc) return rc;
    GenerateOptions o = {100, 10, 20, 4, 1, password};
    char *end = NULL;
    if (seed) {
        errno = 0;
        o.seed = strtoull(seed, &end, 10);
    }
    if (!parse_count(programmes, &o.programmes) || !parse_count(projects, &o.projects) ||
        !parse_count(units, &o.units) || !parse_count(rounds, &o.rounds) ||
        (seed && (!*seed || *end || errno || seed[0] == '-'))) {
        fprintf(stderr, "shishi generate: counts and --seed are whole numbers\n");
        return cli_usage(cmd);
    }
    if (password && !*password) {
        fprintf(stderr, "shishi generate: --password must not be empty\n");
        return cli_usage(cmd);
    }
    const char *path = cli_db_path(db_flag);
    Err e = ERR_INIT;
    Db *db;
    /* DB_CREATE_NEW refuses an existing file */
    if (db_open(path, DB_CREATE_NEW, &db, &e) < 0) return cli_fail(&e);
    Actor who = cli_actor(a);
    GenerateResult res;
    int64_t t0 = mono_usec();
    rc = generate_populate(db, a, &who, &o, &res, &e);
    db_close(db);
    double secs = (double)(mono_usec() - t0) / 1e6;
    if (rc < 0) {
        cli_discard_db(a, path); /* a failed run leaves no file behind */
        return cli_fail(&e);
    }
    size_t slots = res.reports + res.by_status[REPORT_NONE];
    printf("created %s in %.1f s (seed %llu): synthetic load-test data\n", path, secs,
           (unsigned long long)o.seed);
    printf("  %zu programmes (one office each), %zu projects, %zu project units, %zu indicators, "
           "%zu rounds\n",
           res.programmes, res.projects, res.project_units, res.indicators, res.rounds);
    printf("  %zu report slots: %s %zu, %s %zu, %s %zu, %s %zu, %s %zu; %zu submitted late (逾期)\n",
           slots, report_status_label(REPORT_ACCEPTED), res.by_status[REPORT_ACCEPTED],
           report_status_label(REPORT_SUBMITTED), res.by_status[REPORT_SUBMITTED],
           report_status_label(REPORT_RETURNED), res.by_status[REPORT_RETURNED],
           report_status_label(REPORT_DRAFT), res.by_status[REPORT_DRAFT],
           report_status_label(REPORT_NONE), res.by_status[REPORT_NONE], res.late);
    printf("  %zu indicator figures, %zu ledger entries\n\n", res.values, res.ledger);
    static const char *const headers[] = {"账号", "角色", "单位", "密码", "草稿（项目1，末轮）"};
    TextTable t;
    text_table_init(&t, a, 5, headers);
    for (size_t i = 0; i < res.n_accounts; i++) {
        const GenerateAccount *acc = &res.accounts[i];
        const char *cells[] = {acc->login, acc->role, acc->unit, res.password, acc->draft};
        text_table_add(&t, cells);
    }
    text_table_print(&t, stdout);
    if (!password) printf("\n（以上密码只显示这一次）\n");
    return EXIT_OK;
}
