/*
 * page_supervise.c - the 督办单 for a unit behind on a project: a printable
 * page, its Word file, and (coordinator) recording it in the round's
 * escalation log as 督办 by written notice.
 */
#include <string.h>

#include "core/programme.h"
#include "core/standing.h"
#include "core/supervise_notice.h"
#include "io/report_table.h"
#include "lib/timeutil.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/widgets.h"

typedef struct Notice {
    Standing *st;
    const Project *pr;
    Id unit_id;
    int by;
    SuperviseNotice n;
} Notice;

/* Reads round, project, unit and the rectification date from the query
 * (GET) or the form (POST). */
static bool load(Request *r, Notice *no)
{
    const ParamList *src = r->method == METHOD_POST ? &r->form : &r->query;
    Id round = 0, project = 0;
    param_id(src, "round", &round);
    param_id(src, "project", &project);
    param_id(src, "unit", &no->unit_id);
    Err e = ERR_INIT;
    if (!round || !project || !no->unit_id) {
        resp_error(r, 400, "请从工作调度页面选择项目和单位");
        return false;
    }
    Round *rounds;
    size_t nr;
    if (standing_load(r->db, r->a, req_path_id(r, 0), round, &no->st, &rounds, &nr, &e) < 0) {
        widget_fail(r, &e);
        return false;
    }
    no->pr = programme_find_project(no->st->programme, project);
    if (!no->pr) {
        resp_error(r, 404, "项目不属于该计划");
        return false;
    }
    no->by = date_today() + 10;
    const char *by = params_get(src, "by");
    if (by && *by && !date_parse(by, &no->by)) {
        resp_error(r, 400, "整改期限不是有效日期");
        return false;
    }
    if (supervise_notice_compose(r->a, no->st, no->pr, no->unit_id, no->by, date_today(), &no->n, &e) < 0) {
        resp_error(r, 400, e.msg);
        return false;
    }
    return true;
}

static void notice_page(Request *r, const Notice *no, bool recorded)
{
    const Programme *p = no->st->programme;
    page_begin(r, "督办单");
    const char *q = arena_printf(r->a, "round=%lld&project=%lld&unit=%lld&by=%s", (long long)no->st->round->id,
                                 (long long)no->pr->id, (long long)no->unit_id, date_iso(r->a, no->by));
    html_printf(r, "<div class=\"no-print\"><p class=\"crumbs\"><a href=\"/p/%lld/dashboard?round=%lld\">工作调度</a></p>",
                (long long)p->id, (long long)no->st->round->id);
    if (recorded) html_raw(r, "<p class=\"notice ok\" role=\"status\">已记入本轮督办记录。</p>");
    html_printf(r, "<p><a class=\"button\" href=\"/p/%lld/supervise.docx?%s\">下载Word</a></p>", (long long)p->id, q);
    if (r->user.role == ROLE_ADMIN && !recorded) {
        form_begin(r, arena_printf(r->a, "/p/%lld/supervise", (long long)p->id));
        html_printf(r, "<input type=\"hidden\" name=\"round\" value=\"%lld\"><input type=\"hidden\" name=\"project\" value=\"%lld\">"
                       "<input type=\"hidden\" name=\"unit\" value=\"%lld\">",
                    (long long)no->st->round->id, (long long)no->pr->id, (long long)no->unit_id);
        form_text(r, "by", "整改期限", date_iso(r->a, no->by), 20, "date");
        html_raw(r, "<button type=\"submit\">下发并记入督办记录</button>");
        form_end(r);
    }
    html_raw(r, "</div><article class=\"notice-doc\"><p class=\"label\">督办单</p>");
    html_printf(r, "<h1 class=\"official-title\">%s</h1><p>%s</p>", no->n.title, no->n.to);
    for (size_t i = 0; i < no->n.n_paragraphs; i++) html_printf(r, "<p class=\"indent\">%s</p>", no->n.paragraphs[i]);
    html_printf(r, "<p class=\"signature\">%s<br>%s</p></article>", no->n.signature, no->n.date);
    page_end(r);
}

void page_supervise(Request *r)
{
    Notice no = {0};
    if (load(r, &no)) notice_page(r, &no, false);
}

void page_supervise_record(Request *r)
{
    Notice no = {0};
    if (!load(r, &no)) return;
    Err e = ERR_INIT;
    if (supervise_notice_record(r->db, r->a, &r->actor, no.st->round->id, no.unit_id,
                                supervise_notice_text(r->a, &no.n), &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    notice_page(r, &no, true);
}

void page_supervise_docx(Request *r)
{
    Notice no = {0};
    if (!load(r, &no)) return;
    void *data;
    size_t len;
    Err e = ERR_INIT;
    if (supervise_notice_docx(r->a, &no.n, &data, &len, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    resp_download(r, TABLE_DOCX_MIME,
                  arena_printf(r->a, "督办单-%s.docx", no.n.to), data, len);
}
