/*
 * page_programme.c - reading a programme: the overview (projects, units,
 * targets, latest figures and 序时进度 status at a round), a project, a
 * unit. Every logged-in role reads these; what reports they show follows
 * report_visible_to().
 */
#include <stdio.h>
#include <string.h>

#include "core/programme.h"
#include "core/reports.h"
#include "core/standing.h"
#include "core/vocab.h"
#include "db/store.h"
#include "lib/timeutil.h"
#include "web/fragment.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/widgets.h"

/* The round the page asks for (?round=ID), or 0 for the current one. */
static Id asked_round(const Request *r)
{
    Id id = 0;
    query_id(r, "round", &id);
    return id;
}

static void indicator_cells(Request *r, const Indicator *ind, const IndicatorStanding *is)
{
    html_printf(r, "<td>%s</td><td class=\"num\">%s%s%s</td>", ind->name,
                comparator_label(ind->cmp), format_number(r->a, ind->target), ind->measure);
    if (is->has_actual)
        html_printf(r, "<td class=\"num\">%s%s</td><td class=\"num\">%s</td>",
                    format_number(r->a, is->actual), ind->measure, format_percent(r->a, is->completion));
    else
        html_raw(r, "<td class=\"num muted\">未报</td><td class=\"num\">0.0%</td>");
    html_raw(r, "<td>");
    widget_status(r, is->status);
    html_raw(r, "</td>");
}

static void units_cell(Request *r, const Project *pr, int rowspan)
{
    html_printf(r, "<td rowspan=\"%d\" class=\"units\">", rowspan);
    for (size_t u = 0; u < pr->n_units; u++)
        html_printf(r, "<a href=\"/unit/%lld\">%s</a>%s<br>", (long long)pr->units[u].unit_id,
                    pr->units[u].unit_name, pr->units[u].role == UNIT_LEAD ? "（牵头）" : "");
    html_raw(r, "</td>");
}

static void overview_table(Request *r, const Standing *st)
{
    html_raw(r, "<div class=\"scroll\"><table class=\"overview\"><thead><tr><th>序号</th><th>实事名称</th>"
                "<th>责任单位</th><th>指标</th><th>目标</th><th>累计完成</th><th>完成率</th>"
                "<th>指标状态</th><th>项目状态</th></tr></thead>");
    for (size_t i = 0; i < st->n_projects; i++) {
        const ProjectStanding *ps = &st->projects[i];
        const Project *pr = ps->project;
        int rows = pr->n_indicators ? (int)pr->n_indicators : 1;
        html_printf(r, "<tbody class=\"row-%s\"><tr><td rowspan=\"%d\">%d</td>"
                       "<td rowspan=\"%d\"><a href=\"/project/%lld\">%s</a></td>",
                    progress_status_class(ps->status), rows, pr->no, rows, (long long)pr->id,
                    pr->title);
        units_cell(r, pr, rows);
        if (pr->n_indicators == 0)
            html_raw(r, "<td colspan=\"5\" class=\"muted\">无量化指标，按责任单位自评</td>");
        else
            indicator_cells(r, &pr->indicators[0], &ps->indicators[0]);
        html_printf(r, "<td rowspan=\"%d\">", rows);
        widget_status(r, ps->status);
        html_raw(r, "</td></tr>");
        for (size_t k = 1; k < pr->n_indicators; k++) {
            html_raw(r, "<tr>");
            indicator_cells(r, &pr->indicators[k], &ps->indicators[k]);
            html_raw(r, "</tr>");
        }
        html_raw(r, "</tbody>");
    }
    html_raw(r, "</table></div>");
}

/* The overview's body depends only on the data, the round asked for and
 * the viewer's role (and a reporter's unit), so it is rendered once per
 * change of the data and kept (fragment.h); each request adds its own
 * frame around it. */
static void programme_page(Request *r, Id programme_id)
{
    uint64_t gen = db_generation(r->db);
    const char *key = arena_printf(r->a, "overview:%lld:%lld:%d:%lld", (long long)programme_id,
                                   (long long)asked_round(r), (int)r->user.role,
                                   (long long)(r->user.role == ROLE_REPORTER ? r->user.unit_id : 0));
    if (fragment_page(r, key, gen)) return;
    Standing *st;
    Round *rounds;
    size_t n_rounds;
    Err e = ERR_INIT;
    if (standing_load(r->db, r->a, programme_id, asked_round(r), &st, &rounds, &n_rounds, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    const Programme *p = st->programme;
    page_begin(r, p->title);
    size_t body_start = r->body.len;
    html_printf(r, "<h1>%s</h1><p class=\"meta\">", p->title);
    if (p->issuer) html_printf(r, "%s", p->issuer);
    if (p->issued != DATE_NONE) html_printf(r, " %s印发", date_cn(r->a, p->issued));
    html_printf(r, " · 协调办公室：%s", p->coordinator ? p->coordinator : "");
    if (r->user.role == ROLE_ADMIN)
        html_printf(r, " · <a href=\"/admin/programme/%lld\">编辑计划</a>", (long long)p->id);
    html_raw(r, "</p>");
    html_printf(r, "<nav class=\"sub\"><a href=\"/p/%lld/rounds\">报送轮次</a>", (long long)p->id);
    if (r->user.role == ROLE_ADMIN || r->user.role == ROLE_VIEWER) {
        html_printf(r, "<a href=\"/p/%lld/dashboard\">工作调度</a>", (long long)p->id);
        if (st->round) html_printf(r, "<a href=\"/round/%lld/status\">报送情况</a>", (long long)st->round->id);
    }
    if (r->user.role == ROLE_REPORTER && r->user.unit_id)
        html_printf(r, "<a href=\"/unit/%lld\">本单位填报</a>", (long long)r->user.unit_id);
    html_raw(r, "</nav>");
    widget_rounds(r, arena_printf(r->a, "/p/%lld?round=", (long long)p->id), "", rounds, n_rounds, st->round);
    if (st->round) {
        double e_share = progress_expected(p->start, p->deadline, st->round->period_end);
        html_printf(r, "<p class=\"round\">%s：统计截至%s，报送期限%s%s · 序时进度 %s</p>",
                    st->round->name, date_cn(r->a, st->round->period_end),
                    date_cn(r->a, st->round->due), st->round->closed ? "（已关闭）" : "",
                    format_percent(r->a, e_share));
    }
    widget_status_counts(r, st);
    overview_table(r, st);
    fragment_keep_page(r, key, gen, p->title, body_start);
    page_end(r);
}

void page_home(Request *r)
{
    Id id;
    if (widget_latest_programme(r, "暂无实事计划", "协调办公室导入通知后，这里会显示各项目的进展。", &id))
        programme_page(r, id);
}

void page_programme(Request *r)
{
    programme_page(r, req_path_id(r, 0));
}

static void unit_table(Request *r, const Project *pr)
{
    html_raw(r, "<table><thead><tr><th>责任单位</th><th>角色</th><th>责任科室</th><th>责任人</th>"
                "<th>联系电话</th></tr></thead><tbody>");
    for (size_t u = 0; u < pr->n_units; u++) {
        const ProjectUnit *pu = &pr->units[u];
        html_printf(r, "<tr><td><a href=\"/unit/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                    (long long)pu->unit_id, pu->unit_name, unit_role_label(pu->role),
                    pu->department ? pu->department : "—", pu->person ? pu->person : "—",
                    pu->phone ? pu->phone : "—");
    }
    html_raw(r, "</tbody></table>");
}

static void indicator_table(Request *r, const Project *pr, const ProjectStanding *ps)
{
    if (pr->n_indicators == 0) {
        html_raw(r, "<p class=\"muted\">本项目没有量化指标，按责任单位自评进展（未启动 / 推进中 / 已完成）。</p>");
        return;
    }
    html_raw(r, "<table><thead><tr><th>指标</th><th>目标</th><th>累计完成</th><th>完成率</th>"
                "<th>序时应完成</th><th>状态</th><th>填报单位</th></tr></thead><tbody>");
    for (size_t k = 0; k < pr->n_indicators; k++) {
        const Indicator *ind = &pr->indicators[k];
        const IndicatorStanding *is = &ps->indicators[k];
        html_raw(r, "<tr>");
        indicator_cells(r, ind, is);
        /* indicator_cells ends with the status; the expected value goes before the owner */
        html_printf(r, "<td class=\"num\">%s%s</td><td>%s</td></tr>",
                    format_expected(r->a, ind, is->expected), ind->measure,
                    indicator_owner_name(pr, ind) ? indicator_owner_name(pr, ind) : "");
    }
    html_raw(r, "</tbody></table>");
}

static const char *unit_name_of(const Project *pr, Id unit_id)
{
    const ProjectUnit *pu = project_find_unit(pr, unit_id);
    return pu ? pu->unit_name : "";
}

static void report_list(Request *r, const Project *pr, const Round *rounds, size_t n_rounds)
{
    Report *reps;
    size_t n;
    Err e = ERR_INIT;
    if (store_report_list_by_project(r->db, r->a, pr->id, &reps, &n, &e) < 0) return;
    html_raw(r, "<h2>各轮次报送情况</h2>");
    bool any = false;
    for (size_t i = n_rounds; i-- > 0;) {
        bool header = false;
        for (size_t u = 0; u < pr->n_units; u++) {
            const Report *rep = NULL;
            for (size_t k = 0; k < n; k++)
                if (reps[k].round_id == rounds[i].id && reps[k].unit_id == pr->units[u].unit_id)
                    rep = &reps[k];
            if (!rep || !report_visible_to(rep, &r->actor)) continue;
            if (!header) {
                html_printf(r, "<section class=\"round-reports\"><h3>%s</h3>", rounds[i].name);
                header = true;
            }
            any = true;
            html_printf(r, "<article class=\"report\"><h4>%s <span class=\"badge rs-%s\">%s</span></h4>",
                        unit_name_of(pr, rep->unit_id), report_status_name(rep->status),
                        report_status_label(rep->status));
            if (rep->status == REPORT_RETURNED && rep->return_reason)
                html_printf(r, "<p class=\"notice error\">退回理由：%s</p>", rep->return_reason);
            html_printf(r, "<p class=\"text\">%s</p>", rep->measures);
            if (rep->problems && *rep->problems)
                html_printf(r, "<p><b>存在问题：</b>%s</p>", rep->problems);
            if (rep->next_steps && *rep->next_steps)
                html_printf(r, "<p><b>下步打算：</b>%s</p>", rep->next_steps);
            html_raw(r, "</article>");
        }
        if (header) html_raw(r, "</section>");
    }
    if (!any) html_raw(r, "<p class=\"muted\">暂无可查看的报告。</p>");
}

void page_project(Request *r)
{
    Id project_id = req_path_id(r, 0), programme_id;
    Err e = ERR_INIT;
    Standing *st;
    Round *rounds;
    size_t n_rounds;
    if (store_project_programme(r->db, project_id, &programme_id, &e) < 0 ||
        standing_load(r->db, r->a, programme_id, asked_round(r), &st, &rounds, &n_rounds, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    const ProjectStanding *ps = NULL;
    for (size_t i = 0; i < st->n_projects; i++)
        if (st->projects[i].project->id == project_id) ps = &st->projects[i];
    if (!ps) {
        resp_error(r, 404, "实事项目不存在");
        return;
    }
    const Project *pr = ps->project;
    page_begin(r, pr->title);
    html_printf(r, "<p class=\"crumbs\"><a href=\"/p/%lld\">%s</a></p>", (long long)programme_id,
                st->programme->title);
    html_printf(r, "<h1>%d. %s ", pr->no, pr->title);
    widget_status(r, ps->status);
    html_raw(r, "</h1>");
    if (strcmp(pr->report_title, pr->title) != 0)
        html_printf(r, "<p class=\"meta\">报表名称：%s</p>", pr->report_title);
    html_printf(r, "<p class=\"meta\">完成时限：%s", date_cn(r->a, pr->deadline));
    if (r->user.role == ROLE_ADMIN)
        html_printf(r, " · <a href=\"/admin/project/%lld\">编辑项目</a>", (long long)pr->id);
    html_raw(r, "</p>");
    html_printf(r, "<blockquote class=\"notice-text\">%s</blockquote>", pr->text);
    widget_rounds(r, arena_printf(r->a, "/project/%lld?round=", (long long)pr->id), "", rounds, n_rounds, st->round);
    html_raw(r, "<h2>量化指标</h2>");
    indicator_table(r, pr, ps);
    if (pr->n_standards) {
        html_raw(r, "<h2>补助标准</h2><ul>");
        for (size_t k = 0; k < pr->n_standards; k++)
            html_printf(r, "<li>%s：%s%s</li>", pr->standards[k].name,
                        format_yuan(r->a, pr->standards[k].amount_fen), pr->standards[k].measure);
        html_raw(r, "</ul>");
    }
    html_raw(r, "<h2>责任单位</h2>");
    unit_table(r, pr);
    report_list(r, pr, rounds, n_rounds);
    page_end(r);
}
