/* cmd_program.c - `shishi program list` and `shishi program show`. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/text_table.h"
#include "core/programme.h"
#include "core/vocab.h"
#include "db/store.h"
#include "io/programme_json.h"
#include "lib/timeutil.h"

int cmd_program_list(const CliCommand *cmd, Arena *a, int argc, char **argv)
{
    const char *db_flag = NULL;
    const CliOpt opts[] = {{"--db", true, &db_flag, NULL}, {0}};
    int n_pos, rc = cli_parse(cmd, argc, argv, opts, NULL, 0, &n_pos);
    if (rc) return rc;
    Db *db;
    if (cli_open_db(db_flag, &db) < 0) return EXIT_FAIL;
    Err e = ERR_INIT;
    ProgrammeSummary *list;
    size_t n;
    rc = store_programme_list(db, a, &list, &n, &e);
    db_close(db);
    if (rc < 0) return cli_fail(&e);
    if (n == 0) {
        printf("（暂无实事计划）\n");
        return EXIT_OK;
    }
    static const char *const headers[] = {"编号", "年度", "名称", "发文单位", "发文日期",
                                          "项目", "单位", "指标"};
    TextTable t;
    text_table_init(&t, a, 8, headers);
    for (size_t i = 0; i < n; i++) {
        const ProgrammeSummary *s = &list[i];
        const char *cells[] = {arena_printf(a, "%lld", (long long)s->id),
                               arena_printf(a, "%d", s->year),
                               s->title,
                               s->issuer,
                               s->issued == DATE_NONE ? "" : date_cn(a, s->issued),
                               arena_printf(a, "%d", s->n_projects),
                               arena_printf(a, "%d", s->n_units),
                               arena_printf(a, "%d", s->n_indicators)};
        text_table_add(&t, cells);
    }
    text_table_print(&t, stdout);
    return EXIT_OK;
}

static void print_header(const Programme *p, Arena *a)
{
    printf("%s\n", p->title);
    printf("  编号：%lld    年度：%d", (long long)p->id, p->year);
    if (p->issuer) printf("    发文单位：%s", p->issuer);
    if (p->issued != DATE_NONE) printf("    发文日期：%s", date_cn(a, p->issued));
    printf("%s\n", p->is_public ? "    （此件公开发布）" : "");
    printf("  协调办公室：%s", p->coordinator ? p->coordinator : "");
    if (p->phone) printf("    联系电话：%s", p->phone);
    if (p->email) printf("    电子邮箱：%s", p->email);
    printf("\n");
    if (p->report_form_title) printf("  报表：%s\n", p->report_form_title);
    printf("  实施期：%s至%s，%s报送\n\n", date_cn(a, p->start), date_cn(a, p->deadline),
           p->reporting == CADENCE_MONTHLY ? "按月" : "按季度");
}

/* One project takes as many lines as its longest list (units, indicators
 * and standards, titles). */
static void add_project(TextTable *t, const Project *pr, Arena *a)
{
    size_t n_lines = pr->n_units;
    size_t n_targets = pr->n_indicators + pr->n_standards;
    if (n_targets > n_lines) n_lines = n_targets;
    bool other_title = pr->report_title && strcmp(pr->report_title, pr->title) != 0;
    if (other_title && n_lines < 2) n_lines = 2;
    if (n_lines == 0) n_lines = 1;
    for (size_t l = 0; l < n_lines; l++) {
        const char *cells[6] = {0};
        if (l == 0) {
            cells[0] = arena_printf(a, "%d", pr->no);
            cells[1] = pr->title;
            cells[5] = date_cn(a, pr->deadline);
        } else if (l == 1 && other_title) {
            cells[1] = arena_printf(a, "（报表：%s）", pr->report_title);
        }
        if (l < pr->n_units)
            cells[2] = arena_printf(a, "%s（%s）", pr->units[l].unit_name,
                                    unit_role_label(pr->units[l].role));
        if (l < pr->n_indicators) {
            const Indicator *ind = &pr->indicators[l];
            cells[3] = ind->name;
            cells[4] = arena_printf(a, "%s%s%s", comparator_label(ind->cmp),
                                    format_number(a, ind->target), ind->measure);
        } else if (l < n_targets) {
            const Standard *s = &pr->standards[l - pr->n_indicators];
            cells[3] = arena_printf(a, "标准：%s", s->name);
            cells[4] = arena_printf(a, "%s%s", format_yuan(a, s->amount_fen), s->measure);
        } else if (l == 0 && pr->n_indicators == 0) {
            cells[3] = "（无量化指标，按进展自评）";
        }
        text_table_add(t, cells);
    }
}

static void print_rounds(Db *db, Arena *a, Id programme_id)
{
    Round *rounds;
    size_t n;
    Err e = ERR_INIT;
    if (store_round_list(db, a, programme_id, &rounds, &n, &e) < 0 || n == 0) return;
    static const char *const headers[] = {"报送轮次", "统计截止", "报送期限", "状态"};
    TextTable t;
    text_table_init(&t, a, 4, headers);
    for (size_t i = 0; i < n; i++) {
        const char *cells[] = {rounds[i].name, date_iso(a, rounds[i].period_end),
                               date_iso(a, rounds[i].due), rounds[i].closed ? "已关闭" : "开放"};
        text_table_add(&t, cells);
    }
    printf("\n");
    text_table_print(&t, stdout);
}

int cmd_program_show(const CliCommand *cmd, Arena *a, int argc, char **argv)
{
    const char *db_flag = NULL, *pos[1];
    bool json = false;
    const CliOpt opts[] = {{"--db", true, &db_flag, NULL}, {"--json", false, NULL, &json}, {0}};
    int n_pos, rc = cli_parse(cmd, argc, argv, opts, pos, 1, &n_pos);
    if (rc) return rc;
    Db *db;
    Id id;
    if (cli_open_programme(db_flag, n_pos ? pos[0] : NULL, &db, &id) < 0) return EXIT_FAIL;
    Err e = ERR_INIT;
    Programme *p;
    if (store_programme_load(db, a, id, &p, &e) < 0) {
        db_close(db);
        return cli_fail(&e);
    }
    if (json) {
        fputs(programme_json_text(p, a), stdout);
    } else {
        print_header(p, a);
        static const char *const headers[] = {"序号", "实事名称", "责任单位", "指标", "目标",
                                              "完成时限"};
        TextTable t;
        text_table_init(&t, a, 6, headers);
        for (size_t i = 0; i < p->n_projects; i++) add_project(&t, &p->projects[i], a);
        text_table_print(&t, stdout);
        print_rounds(db, a, id);
    }
    db_close(db);
    return EXIT_OK;
}
