/*
 * cli.h - the command line: one table of commands (cli.c), one handler
 * per command (cmd_<name>.c). Exit status: 0 success, 1 failure with one
 * line on stderr, 2 bad usage.
 */
#ifndef SHISHI_CLI_H
#define SHISHI_CLI_H

#include <stdbool.h>

#include "lib/arena.h"
#include "lib/err.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

int cli_main(int argc, char **argv);
#endif
