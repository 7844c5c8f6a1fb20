/*
 * cmd_import.c - `shishi import-notice FILE.txt|FILE.docx [--json] [--commit]`:
 * the draft programme the importer reads from a notice, shown for review
 * (or as shishi-program/1 JSON with its "review" notes), and with --commit
 * stored as a programme through core (validated, one transaction, audited).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/commands.h"
#include "core/programme.h"
#include "core/programme_ops.h"
#include "core/vocab.h"
#include "io/notice.h"
#include "lib/timeutil.h"

/* The whole file in the arena; a message and -1 when it cannot be read or
 * is beyond what the importer takes (checked before reading it). */
static int read_file(const char *path, Arena *a, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cli_failf("%s: 无法打开文件", path);
        return -1;
    }
    struct stat st;
    int rc = -1;
    if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode)) {
        cli_failf("%s: 不是普通文件", path);
    } else if ((unsigned long long)st.st_size > NOTICE_MAX_FILE) {
        cli_failf("%s: 文件过大（%.1f MB），通知文件不能超过%u MB", path,
                  (double)st.st_size / (1024.0 * 1024.0), NOTICE_MAX_FILE / (1024 * 1024));
    } else {
        size_t n = (size_t)st.st_size;
        char *buf = arena_alloc(a, n + 1);
        if (fread(buf, 1, n, f) != n) {
            cli_failf("%s: 读取失败", path);
        } else {
            *data = buf;
            *len = n;
            rc = 0;
        }
    }
    fclose(f);
    return rc;
}

static void print_draft(const NoticeDraft *d, const char *path, Arena *a)
{
    const Programme *p = d->programme;
    size_t n_ind = 0, n_std = 0;
    for (size_t i = 0; i < p->n_projects; i++) {
        n_ind += p->projects[i].n_indicators;
        n_std += p->projects[i].n_standards;
    }
    const char **units;
    size_t n_units = programme_unit_names(p, a, &units);
    printf("%s（草稿，读自 %s）\n", p->title && *p->title ? p->title : "（无标题）", path);
    printf("  年度：%d    发文单位：%s    发文日期：%s%s\n", p->year, p->issuer ? p->issuer : "—",
           p->issued == DATE_NONE ? "—" : date_cn(a, p->issued),
           p->is_public ? "    （此件公开发布）" : "");
    printf("  协调办公室：%s    联系电话：%s    电子邮箱：%s\n", p->coordinator ? p->coordinator : "—",
           p->phone ? p->phone : "—", p->email ? p->email : "—");
    if (p->report_form_title) printf("  报表：%s\n", p->report_form_title);
    printf("  %zu个项目，%zu个责任单位，%zu项指标，%zu项标准\n", p->n_projects, n_units, n_ind, n_std);
    for (size_t i = 0; i < p->n_projects; i++) {
        const Project *pr = &p->projects[i];
        printf("\n%2d. %s", pr->no, pr->title);
        if (pr->report_title && strcmp(pr->report_title, pr->title) != 0)
            printf("（报表：%s）", pr->report_title);
        printf("    完成时限：%s\n    单位：", date_cn(a, pr->deadline));
        for (size_t u = 0; u < pr->n_units; u++)
            printf("%s%s（%s）", u ? "、" : "", pr->units[u].unit_name, unit_role_label(pr->units[u].role));
        printf("%s\n", pr->n_units ? "" : "—");
        for (size_t k = 0; k < pr->n_indicators; k++) {
            const Indicator *ind = &pr->indicators[k];
            printf("    指标：%s %s%s%s\n", ind->name, comparator_label(ind->cmp),
                   format_number(a, ind->target), ind->measure);
        }
        if (pr->n_indicators == 0) printf("    指标：无（按进展自评）\n");
        for (size_t k = 0; k < pr->n_standards; k++)
            printf("    标准：%s %s%s\n", pr->standards[k].name, format_yuan(a, pr->standards[k].amount_fen),
                   pr->standards[k].measure);
    }
    size_t flags = notice_draft_flag_count(d);
    printf("\n需核对：%zu处\n", flags);
    for (size_t i = 0; i < d->n_notes; i++) {
        const NoticeNote *n = &d->notes[i];
        if (!n->flag) continue;
        printf("  %s：%s\n", n->path, n->flag);
        if (n->source) printf("      原文：%s\n", n->source);
    }
}

int cmd_import_notice(const CliCommand *cmd, Arena *a, int argc, char **argv)
{
    const char *db_flag = NULL, *pos[1];
    bool json = false, commit = false;
    const CliOpt opts[] = {{"--json", false, NULL, &json},
                           {"--commit", false, NULL, &commit},
                           {"--db", true, &db_flag, NULL},
                           {0}};
    int n_pos, rc = cli_parse(cmd, argc, argv, opts, pos, 1, &n_pos);
    if (rc) return rc;
    if (n_pos != 1) return cli_usage(cmd);
    char *data;
    size_t len;
    if (read_file(pos[0], a, &data, &len) < 0) return EXIT_FAIL;
    NoticeDraft *d = NULL;
    Err e = ERR_INIT;
    if (notice_import(data, len, pos[0], a, &d, &e) < 0) return cli_failf("%s: %s", pos[0], e.msg);
    if (commit) {
        Db *db;
        if (cli_open_db(db_flag, &db) < 0) return EXIT_FAIL;
        Actor who = cli_actor(a);
        rc = programme_create(db, a, &who, d->programme, &e);
        db_close(db);
        if (rc < 0) {
            /* nothing is stored: the draft needs the reviewer first */
            if (e.field[0]) return cli_failf("%s: 草稿未保存（%s：%s），请先核对", pos[0], e.field, e.msg);
            return cli_failf("%s: 草稿未保存（%s）", pos[0], e.msg);
        }
    }
    if (json) {
        fputs(notice_draft_json_text(d, a), stdout);
    } else {
        print_draft(d, pos[0], a);
    }
    if (commit)
        fprintf(json ? stderr : stdout, "已保存为实事计划，编号 %lld（%s）\n",
                (long long)d->programme->id, cli_db_path(db_flag));
    return EXIT_OK;
}
