/*
 * cli.h - the command line. Commands are rows of one table (cli.c) with
 * their usage and help; each handler lives in cmd_<name>.c, parses its own
 * options with cli_parse, calls core and prints.
 *
 * Exit status (DESIGN.md): 0 success, 1 failure with one line on stderr,
 * 2 bad usage (usage on stderr).
 */
#ifndef SHISHI_CLI_H
#define SHISHI_CLI_H

#include <stdbool.h>

#include "core/model.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/err.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

typedef struct CliCommand CliCommand;
/* argv[0] is the command's last word ("show" for `program show`). The
 * arena lives for the whole command. */
typedef int (*CliHandler)(const CliCommand *cmd, Arena *a, int argc, char **argv);

struct CliCommand {
    const char *name;     /* "demo", "program show" */
    const char *args;     /* "[--db FILE] [--password PW]" */
    const char *summary;  /* one line for `shishi help` */
    CliHandler run;
};

/* One option a command accepts. */
typedef struct CliOpt {
    const char *name;     /* "--db" */
    bool takes_value;     /* --db FILE vs --json */
    const char **value;   /* where the value goes (takes_value) */
    bool *flag;           /* set true when present (!takes_value) */
} CliOpt;

/* Parses argv[1..] against opts (terminated by a zeroed entry); leftover
 * arguments go to pos (at most max_pos of them). Accepts "--opt value" and
 * "--opt=value". Unknown options, a missing value or too many arguments:
 * prints the command's usage on stderr and returns EXIT_USAGE; else 0. */
int cli_parse(const CliCommand *cmd, int argc, char **argv, const CliOpt *opts, const char **pos,
              int max_pos, int *n_pos);

/* Prints "usage: shishi <name> <args>" on stderr; returns EXIT_USAGE. */
int cli_usage(const CliCommand *cmd);
/* Prints "shishi: <message>" on stderr; returns EXIT_FAIL. */
int cli_fail(const Err *e);
int cli_failf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The database path: --db, else $SHISHI_DB, else ./shishi.db. */
const char *cli_db_path(const char *flag);
/* Opens the database (which must exist); on failure prints and returns -1. */
int cli_open_db(const char *flag, Db **db);
/* Opens the database and resolves the programme argument (as
 * cli_programme_id); on failure prints, closes the database and returns -1. */
int cli_open_programme(const char *db_flag, const char *prog_arg, Db **db, Id *pid);
/* The same, then finds that programme's round named round_name. */
int cli_open_round(Arena *a, const char *db_flag, const char *prog_arg, const char *round_name, Db **db,
                   Id *pid, Round *rd);
/* Removes the database file at path with its -wal and -shm companions: a
 * command that failed to create it leaves nothing behind. */
void cli_discard_db(Arena *a, const char *path);
/* Who the command runs as, for the audit trail ("cli:<user>"). */
Actor cli_actor(Arena *a);
/* Resolves a programme id argument: the given id, else the newest one. */
int cli_programme_id(Db *db, const char *arg, Id *id);

/* Writes len bytes to path whole or not at all (file_write_atomic),
 * prints "wrote PATH (N bytes)"; on failure prints and returns EXIT_FAIL. */
int cli_write_file(Arena *a, const char *path, const void *data, size_t len);

int cli_main(int argc, char **argv);

#endif
