/* cmd_export.c - `shishi export`: the official quarterly table of a round
 * as DOCX, XLSX, CSV or a print-ready HTML file. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "core/quarterly.h"
#include "web/table_html.h"

int cmd_export(const CliCommand *cmd, Arena *a, int argc, char **argv)
{
    const char *db_flag = NULL, *prog = NULL, *round_name = NULL, *format = NULL, *out = NULL;
    bool submitted = false;
    const CliOpt opts[] = {{"--db", true, &db_flag, NULL},
                           {"--program", true, &prog, NULL},
                           {"--round", true, &round_name, NULL},
                           {"--format", true, &format, NULL},
                           {"-o", true, &out, NULL},
                           {"--include-submitted", false, NULL, &submitted},
                           {0}};
    int n_pos, rc = cli_parse(cmd, argc, argv, opts, NULL, 0, &n_pos);
    if (rc) return rc;
    if (!round_name || !format || !out) return cli_usage(cmd);
    if (strcmp(format, "docx") && strcmp(format, "xlsx") && strcmp(format, "csv") && strcmp(format, "html")) {
        fprintf(stderr, "shishi export: --format is docx, xlsx, csv or html\n");
        return cli_usage(cmd);
    }
    Db *db;
    Id pid;
    Round rd;
    if (cli_open_round(a, db_flag, prog, round_name, &db, &pid, &rd) < 0) return EXIT_FAIL;
    Err e = ERR_INIT;
    ReportTable *t;
    void *data = NULL;
    size_t len = 0;
    if (quarterly_table_load(db, a, pid, rd.id, submitted ? TABLE_SUBMITTED_TOO : TABLE_ACCEPTED, &t, NULL, &e) < 0) {
        db_close(db);
        return cli_fail(&e);
    }
    db_close(db);
    if (strcmp(format, "html") == 0) {
        data = table_html_document(a, t, &len);
    } else {
        int (*write)(const ReportTable *, Arena *, void **, size_t *, Err *) =
            strcmp(format, "docx") == 0 ? table_docx : strcmp(format, "xlsx") == 0 ? table_xlsx : table_csv;
        if (write(t, a, &data, &len, &e) < 0) return cli_fail(&e);
    }
    /* write beside, then rename: a failed export leaves no half file */
    return cli_write_file(a, out, data, len);
}
