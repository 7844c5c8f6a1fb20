/*
 * commands.h - the handlers of the command table in cli.c, one file each
 * (cmd_<name>.c).
 */
#ifndef SHISHI_COMMANDS_H
#define SHISHI_COMMANDS_H

#include "cli/cli.h"

int cmd_demo(const CliCommand *cmd, Arena *a, int argc, char **argv);
int cmd_init(const CliCommand *cmd, Arena *a, int argc, char **argv);
int cmd_generate(const CliCommand *cmd, Arena *a, int argc, char **argv);
int cmd_program_list(const CliCommand *cmd, Arena *a, int argc, char **argv);
int cmd_program_show(const CliCommand *cmd, Arena *a, int argc, char **argv);
int cmd_user_add(const CliCommand *cmd, Arena *a, int argc, char **argv);
int cmd_audit_verify(const CliCommand *cmd, Arena *a, int argc, char **argv);
int cmd_backup(const CliCommand *cmd, Arena *a, int argc, char **argv);
int cmd_export(const CliCommand *cmd, Arena *a, int argc, char **argv);
int cmd_import_notice(const CliCommand *cmd, Arena *a, int argc, char **argv);
int cmd_bulletin(const CliCommand *cmd, Arena *a, int argc, char **argv);
int cmd_publish(const CliCommand *cmd, Arena *a, int argc, char **argv);
int cmd_serve(const CliCommand *cmd, Arena *a, int argc, char **argv);
int cmd_routes(const CliCommand *cmd, Arena *a, int argc, char **argv);
int cmd_help(const CliCommand *cmd, Arena *a, int argc, char **argv);

#endif
