/*
 * cli.c - the command table and what every command shares: option parsing,
 * the database path, the actor, error printing.
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/users.h"
#include "db/store.h"
#include "lib/fileio.h"
#include "cli/commands.h"

static const CliCommand COMMANDS[] = {
    {"demo", "[--db FILE] [--password PW]",
     "create FILE with the Linzi 2022 programme, demo accounts and sample reports", cmd_demo},
    {"init", "[--db FILE]", "create an empty database", cmd_init},
    {"generate",
     "--db FILE [--programmes 100] [--projects 10] [--units 20] [--rounds 4] [--seed N] "
     "[--password PW]",
     "create a NEW database of synthetic load-test data (province scale: every project names "
     "every unit; reports in every state, ledgers, accounts), written through the store in one "
     "transaction per programme with a single audit row for the run, not one per report",
     cmd_generate},
    {"program list", "[--db FILE]", "list the programmes", cmd_program_list},
    {"program show", "[ID] [--json] [--db FILE]",
     "show a programme (the newest without ID) as a table, or as shishi-program/1 JSON",
     cmd_program_show},
    {"import-notice", "FILE.txt|FILE.docx [--json] [--commit] [--db FILE]",
     "read a published notice (UTF-8 or GB18030 text, or DOCX) into a draft programme; "
     "--json prints it with its review notes, --commit stores it",
     cmd_import_notice},
    {"user add", "LOGIN --role admin|reporter|viewer [--unit NAME] [--db FILE]",
     "create an account; prints a one-time password", cmd_user_add},
    {"audit verify", "[--db FILE]", "check the audit trail's hash chain", cmd_audit_verify},
    {"backup", "OUT.db [--db FILE]", "copy the database (online backup, checked)", cmd_backup},
    {"export", "--round NAME --format docx|xlsx|csv|html -o OUT [--program ID] [--include-submitted] [--db FILE]",
     "write the official quarterly table of a round (accepted reports; --include-submitted adds submitted ones)",
     cmd_export},
    {"bulletin", "--round NAME [--program ID] [-o OUT.docx] [--db FILE]",
     "print the progress bulletin (进展情况通报) of a round, or write it as DOCX", cmd_bulletin},
    {"publish", "--out DIR [--program ID] [--db FILE]",
     "write the public page of a programme (the newest without --program) as static files",
     cmd_publish},
    {"serve",
     "[--db FILE] [--listen ADDR:PORT] [--threads N] [--max-connections N] [--timeout SECONDS] "
     "[--max-upload SIZE] [--files DIR] [--tls-cert PEM --tls-key PEM] [--trust-proxy] "
     "[--smtp smtp://HOST:PORT --smtp-from ADDR] [--quiet]",
     "serve the web application (default 127.0.0.1:8080)", cmd_serve},
    {"routes", "", "list the web routes and who may use each", cmd_routes},
    {"help", "[COMMAND]", "show the commands, or one command's usage", cmd_help},
    {0, 0, 0, 0},
};

int cli_usage(const CliCommand *cmd)
{
    fprintf(stderr, "usage: shishi %s %s\n", cmd->name, cmd->args);
    return EXIT_USAGE;
}

int cli_fail(const Err *e)
{
    fprintf(stderr, "shishi: %s\n", e && e->msg[0] ? e->msg : "failed");
    return EXIT_FAIL;
}

int cli_failf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("shishi: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return EXIT_FAIL;
}

int cli_parse(const CliCommand *cmd, int argc, char **argv, const CliOpt *opts, const char **pos,
              int max_pos, int *n_pos)
{
    *n_pos = 0;
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!options_done && strcmp(arg, "--") == 0) {
            options_done = true;
            continue;
        }
        if (options_done || arg[0] != '-' || arg[1] == '\0') {
            if (*n_pos >= max_pos) {
                fprintf(stderr, "shishi %s: unexpected argument '%s'\n", cmd->name, arg);
                return cli_usage(cmd);
            }
            pos[(*n_pos)++] = arg;
            continue;
        }
        const char *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
        const CliOpt *o = NULL;
        for (const CliOpt *k = opts; k && k->name; k++)
            if (strlen(k->name) == len && strncmp(k->name, arg, len) == 0) o = k;
        if (!o) {
            fprintf(stderr, "shishi %s: unknown option '%.*s'\n", cmd->name, (int)len, arg);
            return cli_usage(cmd);
        }
        if (!o->takes_value) {
            if (eq) {
                fprintf(stderr, "shishi %s: %s takes no value\n", cmd->name, o->name);
                return cli_usage(cmd);
            }
            *o->flag = true;
            continue;
        }
        if (eq) {
            *o->value = eq + 1;
        } else if (i + 1 < argc) {
            *o->value = argv[++i];
        } else {
            fprintf(stderr, "shishi %s: %s needs a value\n", cmd->name, o->name);
            return cli_usage(cmd);
        }
    }
    return 0;
}

const char *cli_db_path(const char *flag)
{
    if (flag && *flag) return flag;
    const char *env = getenv("SHISHI_DB");
    if (env && *env) return env;
    return "shishi.db";
}

int cli_open_db(const char *flag, Db **db)
{
    Err e = ERR_INIT;
    if (db_open(cli_db_path(flag), DB_OPEN_EXISTING, db, &e) < 0) {
        cli_fail(&e);
        return -1;
    }
    return 0;
}

int cli_open_programme(const char *db_flag, const char *prog_arg, Db **db, Id *pid)
{
    if (cli_open_db(db_flag, db) < 0) return -1;
    if (cli_programme_id(*db, prog_arg, pid) != 0) {
        db_close(*db);
        return -1;
    }
    return 0;
}

int cli_open_round(Arena *a, const char *db_flag, const char *prog_arg, const char *round_name, Db **db,
                   Id *pid, Round *rd)
{
    if (cli_open_programme(db_flag, prog_arg, db, pid) < 0) return -1;
    Err e = ERR_INIT;
    if (store_round_find(*db, a, *pid, round_name, rd, &e) < 0) {
        db_close(*db);
        cli_fail(&e);
        return -1;
    }
    return 0;
}

void cli_discard_db(Arena *a, const char *path)
{
    unlink(path);
    unlink(arena_printf(a, "%s-wal", path));
    unlink(arena_printf(a, "%s-shm", path));
}

Actor cli_actor(Arena *a)
{
    const char *user = getenv("USER");
    if (!user || !*user) user = getenv("LOGNAME");
    Actor who = {0};
    who.login = arena_printf(a, "cli:%s", user && *user ? user : "unknown");
    who.role = ROLE_ADMIN;
    who.address = "local";
    return who;
}

int cli_programme_id(Db *db, const char *arg, Id *id)
{
    Err e = ERR_INIT;
    if (arg) {
        char *end;
        long long v = strtoll(arg, &end, 10);
        if (*end || v <= 0) return cli_failf("not a programme id: %s", arg);
        /* checked here so that a wrong --program is named as such, rather
         * than surfacing later as a round or project that cannot be found */
        Arena *a = arena_new();
        ProgrammeSummary *list;
        size_t n;
        bool found = false;
        int rc = store_programme_list(db, a, &list, &n, &e);
        for (size_t i = 0; rc == 0 && i < n; i++)
            if (list[i].id == (Id)v) found = true;
        arena_free(a);
        if (rc < 0) return cli_fail(&e);
        if (!found) return cli_failf("%s holds no programme %lld", db_path(db), v);
        *id = (Id)v;
        return 0;
    }
    if (store_programme_latest(db, id, &e) < 0) return cli_fail(&e);
    if (!*id) return cli_failf("%s holds no programme", db_path(db));
    return 0;
}

int cli_write_file(Arena *a, const char *path, const void *data, size_t len)
{
    Err e = ERR_INIT;
    if (file_write_atomic(a, path, data, len, &e) < 0) return cli_fail(&e);
    printf("wrote %s (%zu bytes)\n", path, len);
    return EXIT_OK;
}

/* "usage: shishi NAME ARGS" and the summary, for --help and help NAME. */
static void print_command(const CliCommand *c)
{
    printf("usage: shishi %s %s\n  %s\n", c->name, c->args, c->summary);
}

static void print_help(FILE *out)
{
    fprintf(out, "shishi - 为民办实事 programme registry, reporting and publication\n\n"
                 "usage: shishi COMMAND [ARGS]\n\ncommands:\n");
    for (const CliCommand *c = COMMANDS; c->name; c++)
        fprintf(out, "  %-14s %s\n      %s\n", c->name, c->args, c->summary);
    fprintf(out, "\n--db defaults to $SHISHI_DB, then ./shishi.db.\n"
                 "Exit status: 0 success, 1 failure, 2 bad usage.\n");
}

/* The command whose (one- or two-word) name starts argv; *words gets 1 or 2. */
static const CliCommand *find_command(int argc, char **argv, int *words)
{
    for (const CliCommand *c = COMMANDS; c->name; c++) {
        const char *sp = strchr(c->name, ' ');
        if (!sp) {
            if (strcmp(c->name, argv[0]) == 0) {
                *words = 1;
                return c;
            }
        } else if (argc >= 2 && strlen(argv[0]) == (size_t)(sp - c->name) &&
                   strncmp(c->name, argv[0], (size_t)(sp - c->name)) == 0 &&
                   strcmp(sp + 1, argv[1]) == 0) {
            *words = 2;
            return c;
        }
    }
    return NULL;
}

int cmd_help(const CliCommand *cmd, Arena *a, int argc, char **argv)
{
    (void)a;
    if (argc > 1) {
        int words;
        const CliCommand *c = find_command(argc - 1, argv + 1, &words);
        if (!c) return cli_usage(cmd);
        print_command(c);
        return EXIT_OK;
    }
    print_help(stdout);
    return EXIT_OK;
}

int cli_main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_help(stdout);
        return EXIT_OK;
    }
    int words = 0;
    const CliCommand *c = find_command(argc - 1, argv + 1, &words);
    if (!c) {
        /* unknown, or a group without a known subcommand: the whole help */
        fprintf(stderr, "shishi: unknown command '%s%s%s'\n", argv[1], argc > 2 ? " " : "",
                argc > 2 ? argv[2] : "");
        print_help(stderr);
        return EXIT_USAGE;
    }
    for (int i = 1 + words; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            print_command(c);
            return EXIT_OK;
        }
    Err e = ERR_INIT;
    if (users_init(&e) < 0) return cli_fail(&e);
    Arena *a = arena_new();
    int rc = c->run(c, a, argc - words, argv + words);
    arena_free(a);
    return rc;
}
