/* cmd_export.c - `shishi export`: the official quarterly table of a round
 * as DOCX, XLSX, CSV or a print-ready HTML file. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "core/quarterly.h"
#include "db/store.h"
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
    if (cli_open_db(db_flag, &db) < 0) return EXIT_FAIL;
    Id pid;
    Err e = ERR_INIT;
    Round rd;
    ReportTable *t;
    void *data = NULL;
    size_t len = 0;
    if (cli_programme_id(db, prog, &pid) != 0) {
        db_close(db);
        return EXIT_FAIL;
    }
    if (store_round_find(db, a, pid, round_name, &rd, &e) < 0 ||
        quarterly_table_load(db, a, pid, rd.id, submitted ? TABLE_SUBMITTED_TOO : TABLE_ACCEPTED, &t, NULL, &e) < 0) {
        db_close(db);
        return cli_fail(&e);
    }
    db_close(db);
    if (strcmp(format, "docx") == 0) rc = table_docx(t, a, &data, &len, &e);
    else if (strcmp(format, "xlsx") == 0) rc = table_xlsx(t, a, &data, &len, &e);
    else if (strcmp(format, "csv") == 0) rc = table_csv(t, a, &data, &len, &e);
    else data = table_html_document(a, t, &len), rc = 0;
    if (rc < 0) return cli_fail(&e);
    /* write beside, then rename: a failed export leaves no half file */
    char *tmp = arena_printf(a, "%s.part", out);
    FILE *f = fopen(tmp, "wb");
    if (!f) return cli_failf("%s: cannot write: %s", out, strerror(errno));
    bool ok = fwrite(data, 1, len, f) == len;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, out) != 0) {
        remove(tmp);
        return cli_failf("%s: cannot write", out);
    }
    printf("wrote %s (%zu bytes)\n", out, len);
    return EXIT_OK;
}
