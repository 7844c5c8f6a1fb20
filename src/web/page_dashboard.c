/*
 * page_dashboard.c - 工作调度: the coordinator's one screen for a round.
 * Projects by status (or by the red/yellow/blue scheme where the programme
 * uses it), each indicator's target, figure, completion, expected share
 * and gap; for each laggard the units behind it with their responsible
 * department, person and phone; how each project moved across rounds; the
 * reporting completeness of the round. Leaders read it too.
 */
#include <math.h>
#include <string.h>

#include "core/programme.h"
#include "core/standing.h"
#include "core/supervision.h"
#include "core/vocab.h"
#include "core/warning.h"
#include "db/db.h"
#include "lib/timeutil.h"
#include "web/chart.h"
#include "web/fragment.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/widgets.h"

typedef struct Dash {
    Standing *st;
    Standing **series;     /* standing at every round */
    Round *rounds;
    size_t n_rounds;
    size_t at;             /* index of the round shown */
    Report *reports;
    size_t n_reports;
} Dash;

static enum Warning project_warning(const Programme *p, const ProjectStanding *ps, const Round *rd)
{
    int deadline = project_deadline(p, ps->project);
    return warning_of(ps->status, rd ? rd->period_end : p->start, deadline, p->near_deadline_days);
}

/* The colour badge of a project: its status, or its warning colour. */
static void badge(Request *r, const Programme *p, const ProjectStanding *ps, const Round *rd)
{
    if (p->warning_scheme == WARNING_TRAFFIC) {
        enum Warning w = project_warning(p, ps, rd);
        html_printf(r, "<span class=\"badge %s\">%s</span>", warning_class(w), warning_label(w));
    } else {
        widget_status(r, ps->status);
    }
}

static bool lagging(const Programme *p, const ProjectStanding *ps, const Round *rd)
{
    if (p->warning_scheme == WARNING_TRAFFIC) return project_warning(p, ps, rd) >= WARN_BLUE;
    return ps->status == STATUS_BEHIND || ps->status == STATUS_SERIOUS;
}

static void counts(Request *r, const Programme *p, const Dash *d)
{
    if (p->warning_scheme != WARNING_TRAFFIC) {
        widget_status_counts(r, d->st);
        return;
    }
    int n[WARN__MAX] = {0};
    for (size_t i = 0; i < d->st->n_projects; i++) n[project_warning(p, &d->st->projects[i], d->st->round)]++;
    static const enum Warning order[] = {WARN_RED, WARN_YELLOW, WARN_BLUE, WARN_NORMAL, WARN_DONE};
    html_raw(r, "<ul class=\"counts\">");
    for (size_t i = 0; i < sizeof order / sizeof *order; i++)
        html_printf(r, "<li class=\"%s\"><b>%d</b> %s</li>", warning_class(order[i]), n[order[i]], warning_label(order[i]));
    html_raw(r, "</ul>");
}

static void laggards(Request *r, const Programme *p, const Dash *d)
{
    html_raw(r, "<h2>需要督办的项目</h2>");
    bool any = false;
    for (size_t i = 0; i < d->st->n_projects; i++) {
        const ProjectStanding *ps = &d->st->projects[i];
        if (!lagging(p, ps, d->st->round)) continue;
        const Project *pr = ps->project;
        any = true;
        html_printf(r, "<section class=\"laggard\"><h3>%d. <a href=\"/project/%lld\">%s</a> ", pr->no, (long long)pr->id, pr->title);
        badge(r, p, ps, d->st->round);
        html_raw(r, "</h3><ul>");
        for (size_t k = 0; k < ps->n_indicators; k++) {
            const IndicatorStanding *is = &ps->indicators[k];
            if (is->status != STATUS_BEHIND && is->status != STATUS_SERIOUS) continue;
            const Indicator *ind = &pr->indicators[k];
            html_printf(r, "<li>%s：完成%s%s / 目标%s%s，完成率%s，序时应完成%s，落后%.1f个百分点</li>", ind->name,
                        format_number(r->a, is->actual), ind->measure, format_number(r->a, ind->target), ind->measure,
                        format_percent(r->a, is->completion), format_percent(r->a, is->expected),
                        (is->expected - is->completion) * 100);
        }
        html_raw(r, "</ul><table><thead><tr><th>责任单位</th><th>责任科室</th><th>责任人</th><th>联系电话</th><th></th></tr></thead><tbody>");
        for (size_t u = 0; u < pr->n_units; u++) {
            const ProjectUnit *pu = &pr->units[u];
            /* the units behind: those owning a lagging indicator, or all units where there are none */
            bool behind = ps->n_indicators == 0;
            for (size_t k = 0; k < ps->n_indicators; k++)
                if ((ps->indicators[k].status == STATUS_BEHIND || ps->indicators[k].status == STATUS_SERIOUS) &&
                    ps->indicators[k].owner_unit_id == pu->unit_id)
                    behind = true;
            if (!behind) continue;
            html_printf(r, "<tr><td><a href=\"/unit/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>",
                        (long long)pu->unit_id, pu->unit_name, pu->department ? pu->department : "未填写",
                        pu->person ? pu->person : "未填写", pu->phone ? pu->phone : "未填写");
            if (d->st->round)
                html_printf(r, "<a href=\"/p/%lld/supervise?round=%lld&amp;project=%lld&amp;unit=%lld\">督办单</a>",
                            (long long)p->id, (long long)d->st->round->id, (long long)pr->id, (long long)pu->unit_id);
            html_raw(r, "</td></tr>");
        }
        html_raw(r, "</tbody></table></section>");
    }
    if (!any) html_raw(r, "<p class=\"notice ok\">本轮没有滞后的项目。</p>");
}

static void indicators(Request *r, const Dash *d)
{
    html_raw(r, "<h2>各项指标</h2><div class=\"scroll\"><table><thead><tr><th>项目</th><th>指标</th><th>目标</th>"
                "<th>累计完成</th><th>完成率</th><th>序时进度</th><th>差距</th><th>状态</th></tr></thead><tbody>");
    for (size_t i = 0; i < d->st->n_projects; i++) {
        const ProjectStanding *ps = &d->st->projects[i];
        for (size_t k = 0; k < ps->n_indicators; k++) {
            const IndicatorStanding *is = &ps->indicators[k];
            const Indicator *ind = is->indicator;
            double gap = (is->completion - is->expected) * 100;
            html_printf(r, "<tr><td>%d</td><td>%s</td><td class=\"num\">%s%s</td><td class=\"num\">%s</td>"
                           "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num %s\">%+.1f</td><td>",
                        ps->project->no, ind->name, format_number(r->a, ind->target), ind->measure,
                        is->has_actual ? format_number(r->a, is->actual) : "未报", format_percent(r->a, is->completion),
                        format_percent(r->a, is->expected), gap < 0 ? "st-serious" : "", gap);
            widget_status(r, is->status);
            html_raw(r, "</td></tr>");
        }
    }
    html_raw(r, "</tbody></table></div>");
}

static void movement(Request *r, const Programme *p, const Dash *d)
{
    if (d->n_rounds == 0) return;
    size_t upto = d->at + 1;
    html_raw(r, "<h2>各轮次变化</h2><div class=\"scroll\"><table><thead><tr><th>项目</th>");
    for (size_t i = 0; i < upto; i++) html_printf(r, "<th>%s</th>", d->rounds[i].name);
    html_raw(r, "</tr></thead><tbody>");
    for (size_t k = 0; k < d->st->n_projects; k++) {
        html_printf(r, "<tr><td>%d. %s</td>", d->st->projects[k].project->no, d->st->projects[k].project->report_title);
        for (size_t i = 0; i < upto; i++) {
            html_raw(r, "<td>");
            badge(r, p, &d->series[i]->projects[k], &d->rounds[i]);
            html_raw(r, "</td>");
        }
        html_raw(r, "</tr>");
    }
    html_raw(r, "</tbody></table></div>");
    /* completion across rounds, one line a project, against 序时进度 */
    const char **x = ARENA_ARRAY(r->a, const char *, upto + 1);
    double *ref = ARENA_ARRAY(r->a, double, upto + 1);
    for (size_t i = 0; i < upto; i++) {
        x[i] = d->rounds[i].name;
        ref[i] = progress_expected(p->start, p->deadline, d->rounds[i].period_end);
    }
    Series *series = ARENA_ARRAY(r->a, Series, d->st->n_projects + 1);
    size_t ns = 0;
    for (size_t k = 0; k < d->st->n_projects; k++) {
        if (d->st->projects[k].project->n_indicators == 0) continue;
        double *v = ARENA_ARRAY(r->a, double, upto + 1);
        for (size_t i = 0; i < upto; i++) v[i] = project_completion(&d->series[i]->projects[k]);
        series[ns++] = (Series){arena_printf(r->a, "%d. %s", d->st->projects[k].project->no,
                                             d->st->projects[k].project->report_title), v};
    }
    chart_lines(r, "各项目完成率变化（取各项目完成率最低的指标）",
                "每条线是一个项目各轮次的完成率，虚线是序时进度。", x, upto, series, ns, ref);
}

/* The round's reporting, counted as the 报送情况 page counts it. */
static void completeness(Request *r, const Dash *d)
{
    if (!d->st->round) return;
    const SupMatrix *m = supervision_matrix(d->st->programme, d->st->round, d->reports, d->n_reports,
                                            date_today(), r->a);
    html_printf(r, "<h2>报送情况</h2><p>应报 <b>%d</b> 份：按时报送 <b>%d</b>，逾期报送 <b>%d</b>，未报 <b>%d</b>"
                   "（其中退回待重报 <b>%d</b>）。 <a href=\"/round/%lld/status\">查看报送情况表</a> · "
                   "<a href=\"/round/%lld/bulletin\">进展情况通报</a></p>",
                m->all.expected, m->all.on_time, m->all.late, m->all.unsent, m->all.returned,
                (long long)d->st->round->id, (long long)d->st->round->id);
}

/* The body depends on the data, the round, the date and the role only:
 * rendered once per change of the data (fragment.h), framed per request. */
void page_dashboard(Request *r)
{
    Dash d = {0};
    Err e = ERR_INIT;
    Id round = 0;
    query_id(r, "round", &round);
    uint64_t gen = db_generation(r->db);
    const char *key = arena_printf(r->a, "dashboard:%lld:%lld:%d:%d", (long long)req_path_id(r, 0),
                                   (long long)round, date_today(), (int)r->user.role);
    if (fragment_page(r, key, gen)) return;
    if (standing_load_all(r->db, r->a, req_path_id(r, 0), round, &d.st, &d.rounds, &d.n_rounds, &d.reports,
                          &d.n_reports, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    const Programme *p = d.st->programme;
    for (size_t i = 0; i < d.n_rounds; i++)
        if (d.st->round && d.rounds[i].id == d.st->round->id) d.at = i;
    d.series = standing_series(p, d.rounds, d.n_rounds, d.reports, d.n_reports, r->a);
    page_begin(r, "工作调度");
    size_t body_start = r->body.len;
    html_printf(r, "<p class=\"crumbs\"><a href=\"/p/%lld\">%s</a></p><h1>工作调度</h1>", (long long)p->id, p->title);
    widget_rounds(r, arena_printf(r->a, "/p/%lld/dashboard?round=", (long long)p->id), "", d.rounds, d.n_rounds,
                  d.st->round);
    double e_share = d.st->round ? progress_expected(p->start, p->deadline, d.st->round->period_end) : 0;
    if (d.st->round)
        html_printf(r, "<p class=\"round\">%s · 统计截至%s · 序时进度 %s</p>", d.st->round->name,
                    date_cn(r->a, d.st->round->period_end), format_percent(r->a, e_share));
    counts(r, p, &d);
    BarItem *bars = ARENA_ARRAY(r->a, BarItem, d.st->n_projects + 1);
    size_t nb = 0;
    for (size_t i = 0; i < d.st->n_projects; i++) {
        const ProjectStanding *ps = &d.st->projects[i];
        double c = project_completion(ps);
        bars[nb++] = (BarItem){arena_printf(r->a, "%d. %s", ps->project->no, ps->project->report_title),
                               isnan(c) ? (ps->status == STATUS_DONE ? 1 : 0) : c,
                               isnan(c) ? progress_status_label(ps->status) : NULL, ps->status,
                               arena_printf(r->a, "/project/%lld", (long long)ps->project->id), NULL};
    }
    chart_bars(r, "各项目完成率与序时进度", "每个项目取完成率最低的指标；竖虚线是本轮序时进度。", bars, nb, e_share, "序时进度");
    completeness(r, &d);
    laggards(r, p, &d);
    indicators(r, &d);
    movement(r, p, &d);
    fragment_keep_page(r, key, gen, "工作调度", body_start);
    page_end(r);
}
