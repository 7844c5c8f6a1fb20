/*
 * publish.c - the public page of a programme, and its static export. See
 * publish.h. Everything printed comes from the PublicView; links are
 * relative ("#project-3") except, on the live site, those to the other
 * public programmes and to the objection form.
 */
#include "web/publish.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/programme.h"
#include "core/vocab.h"
#include "lib/embed.h"
#include "lib/fileio.h"
#include "lib/timeutil.h"
#include "web/chart.h"
#include "web/html.h"
#include "web/widgets.h"

extern const EmbeddedFile asset_files[]; /* generated from src/web/assets/ */

/* ---- the frame of a static file ----------------------------------------------- */

static void static_begin(Request *r, const char *title)
{
    html_printf(r,
                "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>%s · 公开进展</title><link rel=\"stylesheet\" href=\"style.css\"></head><body>"
                "<header class=\"top\"><span class=\"brand\">实事</span><nav>"
                "<a href=\"index.html\" aria-current=\"page\">公开进展</a></nav></header><main>",
                title);
}

static void static_end(Request *r)
{
    html_printf(r, "</main><footer>实事 · 为民办实事项目管理 · 本页生成于%s</footer></body></html>\n",
                date_cn(r->a, date_today()));
}

/* ---- pieces ---------------------------------------------------------------------- */

static void units_line(Request *r, const Project *pr)
{
    html_raw(r, "<p class=\"meta\">责任单位：");
    for (size_t u = 0; u < pr->n_units; u++)
        html_printf(r, "%s%s%s", u ? "、" : "", pr->units[u].unit_name,
                    pr->units[u].role == UNIT_LEAD ? "（牵头）" : "");
    if (pr->deadline != DATE_NONE) html_printf(r, " · 完成时限：%s", date_cn(r->a, pr->deadline));
    html_raw(r, "</p>");
}

static void targets_only(Request *r, const Project *pr)
{
    html_raw(r, "<ul class=\"targets\">");
    for (size_t k = 0; k < pr->n_indicators; k++) {
        const Indicator *ind = &pr->indicators[k];
        html_printf(r, "<li>%s：%s%s%s</li>", ind->name, comparator_label(ind->cmp),
                    format_number(r->a, ind->target), ind->measure);
    }
    html_raw(r, "</ul>");
}

static void figures_table(Request *r, const Project *pr, const ProjectStanding *ps)
{
    html_raw(r, "<div class=\"scroll\"><table class=\"public-figures\"><thead><tr><th>指标</th>"
                "<th>目标</th><th>累计完成</th><th>完成率</th><th>状态</th></tr></thead><tbody>");
    for (size_t k = 0; k < pr->n_indicators; k++) {
        const Indicator *ind = &pr->indicators[k];
        const IndicatorStanding *is = &ps->indicators[k];
        html_printf(r, "<tr><td>%s</td><td class=\"num\">%s%s%s</td>", ind->name,
                    comparator_label(ind->cmp), format_number(r->a, ind->target), ind->measure);
        if (is->has_actual)
            html_printf(r, "<td class=\"num\">%s%s</td><td class=\"num\">%s</td><td>",
                        format_number(r->a, is->actual), ind->measure,
                        format_percent(r->a, is->completion));
        else
            html_raw(r, "<td class=\"num muted\">暂无已审核数据</td><td class=\"num\">—</td><td>");
        widget_status(r, is->status);
        html_raw(r, "</td></tr>");
    }
    html_raw(r, "</tbody></table></div>");
}

static void progress_chart(Request *r, const PublicView *v)
{
    const Standing *st = v->standing;
    BarItem *items = ARENA_ARRAY(r->a, BarItem, st->n_projects + 1);
    for (size_t i = 0; i < st->n_projects; i++) {
        const ProjectStanding *ps = &st->projects[i];
        const Project *pr = ps->project;
        BarItem *it = &items[i];
        it->label = arena_printf(r->a, "%d. %s", pr->no, pr->report_title ? pr->report_title : pr->title);
        it->status = ps->status;
        it->href = arena_printf(r->a, "#project-%d", pr->no);
        if (pr->n_indicators) {
            /* the least complete indicator, the one that decides the status */
            it->value = project_completion(ps);
        } else {
            /* tracked by status alone: a full bar when done, the status as its text */
            it->value = ps->status == STATUS_DONE ? 1 : 0;
            it->value_text = progress_status_label(ps->status);
        }
    }
    const char *ref = arena_printf(r->a, "序时进度 %s", format_percent(r->a, v->expected));
    chart_bars(r, arena_printf(r->a, "各项目完成率（数据截至%s）", date_cn(r->a, v->round->period_end)),
               "每个项目完成率最低的指标的完成率，与按时间应完成的比例（序时进度，虚线）相比较", items,
               st->n_projects, v->expected, ref);
}

static void objection_line(Request *r, const PublicView *v, enum PublishMode mode)
{
    if (!v->window_open) return;
    html_printf(r, "<p class=\"notice objection\">公示期间，如有意见，可在%s前提出。",
                date_cn(r->a, v->objection_until));
    if (mode == PUBLISH_STATIC) {
        /* a static file cannot take a form: the office's own channels */
        if (v->phone) html_printf(r, "请致电%s", v->phone);
        if (v->email) html_printf(r, "%s发送电子邮件至%s", v->phone ? "，或" : "请", v->email);
        if (v->phone || v->email) html_raw(r, "。");
    } else {
        html_printf(r, "<a href=\"/public/p/%lld/objection\">在线提出意见</a>",
                    (long long)v->programme->id);
    }
    html_raw(r, "</p>");
}

static void contact_footer(Request *r, const PublicView *v)
{
    html_raw(r, "<footer class=\"contact\">");
    if (v->office) html_printf(r, "%s", v->office);
    if (v->phone) html_printf(r, " · 联系电话：%s", v->phone);
    if (v->email) html_printf(r, " · 电子邮箱：%s", v->email);
    html_raw(r, "</footer>");
}

static void project_section(Request *r, const Project *pr, const ProjectStanding *ps)
{
    html_printf(r, "<section class=\"public-project\" id=\"project-%d\"><h2>%d. %s", pr->no, pr->no,
                pr->title);
    if (ps) {
        html_raw(r, " ");
        widget_status(r, ps->status);
    }
    html_printf(r, "</h2><p>%s</p>", pr->text);
    units_line(r, pr);
    if (pr->n_standards) {
        html_raw(r, "<ul class=\"standards\">");
        for (size_t k = 0; k < pr->n_standards; k++)
            html_printf(r, "<li>补助标准：%s %s%s</li>", pr->standards[k].name,
                        format_yuan(r->a, pr->standards[k].amount_fen), pr->standards[k].measure);
        html_raw(r, "</ul>");
    }
    if (pr->n_indicators == 0)
        html_raw(r, "<p class=\"muted\">本项目无量化指标，按工作进展评价。</p>");
    else if (ps)
        figures_table(r, pr, ps);
    else
        targets_only(r, pr);
    html_raw(r, "</section>");
}

static void article(Request *r, const PublicView *v, enum PublishMode mode)
{
    const Programme *p = v->programme;
    html_printf(r, "<article class=\"public-programme\"><h1>%s</h1><p class=\"meta\">", p->title);
    if (p->issuer) html_printf(r, "%s", p->issuer);
    if (p->issued != DATE_NONE) html_printf(r, " %s印发", date_cn(r->a, p->issued));
    html_raw(r, "</p>");
    if (v->round) {
        html_printf(r, "<p class=\"round\">数据截至%s（%s，经协调办公室审核）· 序时进度 %s</p>",
                    date_cn(r->a, v->round->period_end), v->round->name,
                    format_percent(r->a, v->expected));
        widget_status_counts(r, v->standing);
        progress_chart(r, v);
    } else {
        html_raw(r, "<p class=\"notice\">进展数据尚未公开，以下为通知确定的项目和目标。</p>");
    }
    objection_line(r, v, mode);
    for (size_t i = 0; i < p->n_projects; i++)
        project_section(r, &p->projects[i], v->standing ? &v->standing->projects[i] : NULL);
    contact_footer(r, v);
    if (mode == PUBLISH_LIVE && v->n_others) {
        html_raw(r, "<nav class=\"other-programmes\" aria-label=\"其他年度\"><h2>其他年度的实事项目</h2><ul>");
        for (size_t i = 0; i < v->n_others; i++)
            html_printf(r, "<li><a href=\"/public/p/%lld\">%s</a></li>", (long long)v->others[i].id,
                        v->others[i].title);
        html_raw(r, "</ul></nav>");
    }
    html_raw(r, "</article>");
}

void publish_render(Request *r, const PublicView *v, enum PublishMode mode)
{
    switch (mode) {
    case PUBLISH_LIVE: {
        /* the same page for everyone: drawn as for a visitor, whoever asked */
        bool logged_in = r->logged_in;
        r->logged_in = false;
        page_begin(r, v->programme->title);
        article(r, v, mode);
        page_end(r);
        r->logged_in = logged_in;
        break;
    }
    case PUBLISH_STATIC:
        r->content_type_out = "text/html; charset=utf-8";
        static_begin(r, v->programme->title);
        article(r, v, mode);
        static_end(r);
        break;
    case PUBLISH_PREVIEW:
        article(r, v, mode);
        break;
    }
}

/* ---- the static export ------------------------------------------------------------ */

int publish_static(Db *db, Arena *a, Id programme_id, const char *out_dir, const char *const **files,
                   size_t *n_files, Err *e)
{
    PublicView *v;
    if (publication_view(db, a, programme_id, date_today(), &v, e) < 0) return -1;
    if (mkdir(out_dir, 0755) != 0 && errno != EEXIST)
        return err_set(e, ERR_IO, NULL, "%s: %s", out_dir, strerror(errno));
    struct stat sb;
    if (stat(out_dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return err_set(e, ERR_IO, NULL, "%s is not a directory", out_dir);

    /* the page as the server would draw it, into a request that never saw HTTP */
    Request r = {0};
    r.a = a;
    r.db = db;
    r.method = METHOD_GET;
    r.method_name = "GET";
    r.path = "/public/";
    r.address = "local";
    r.status = 200;
    r.cache_slot = -1;
    r.body = BUF_INIT(a);
    r.actor = (Actor){0, "publish", ROLE_PUBLIC, 0, "local"};
    publish_render(&r, v, PUBLISH_STATIC);

    const EmbeddedFile *css = embed_find(asset_files, "style.css");
    if (!css) return err_set(e, ERR_INTERNAL, NULL, "the stylesheet is not compiled in");
    static const char *const names[] = {"index.html", "style.css"};
    if (file_write_atomic(a, arena_printf(a, "%s/%s", out_dir, names[0]), r.body.data, r.body.len, e) < 0 ||
        file_write_atomic(a, arena_printf(a, "%s/%s", out_dir, names[1]), css->data, css->len, e) < 0)
        return -1;
    *files = names;
    *n_files = 2;
    return 0;
}
