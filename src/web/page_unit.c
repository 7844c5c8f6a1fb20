/*
 * page_unit.c - a responsible unit's own space: its projects with the
 * department and person it names for each (责任科室、责任人), its
 * implementation plans (实施方案), its work ledger, and its reports by
 * round. The unit's reporters change these; the coordinator and leaders
 * read them (the coordinator may also correct a contact).
 */
#include <stdio.h>
#include <string.h>

#include "core/files.h"
#include "core/programme.h"
#include "core/programme_ops.h"
#include "core/reports.h"
#include "core/standing.h"
#include "core/vocab.h"
#include "db/store.h"
#include "lib/timeutil.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/server.h"
#include "web/widgets.h"

Id unit_of_unit_path(Request *r)
{
    return req_path_id(r, 0);
}

static void project_card(Request *r, const Project *pr, const ProjectUnit *pu, enum Status st,
                         bool own)
{
    Id unit_id = pu->unit_id;
    html_printf(r, "<section class=\"card\" id=\"project-%lld\"><h3>%d. <a href=\"/project/%lld\">%s</a> ",
                (long long)pr->id, pr->no, (long long)pr->id, pr->title);
    widget_status(r, st);
    html_printf(r, " <small class=\"muted\">（%s）</small></h3>", unit_role_label(pu->role));
    const char *action = arena_printf(r->a, "/unit/%lld/project/%lld/contact", (long long)unit_id, (long long)pr->id);
    if (own || r->user.role == ROLE_ADMIN) {
        form_begin(r, action);
        html_raw(r, "<div class=\"grid\">");
        form_text(r, arena_printf(r->a, "department_%lld", (long long)pr->id), "责任科室", pu->department, 100, "text");
        form_text(r, arena_printf(r->a, "person_%lld", (long long)pr->id), "责任人", pu->person, 50, "text");
        form_text(r, arena_printf(r->a, "phone_%lld", (long long)pr->id), "联系电话", pu->phone, 50, "tel");
        html_raw(r, "</div><button type=\"submit\" class=\"small\">保存责任科室和责任人</button>");
        form_end(r);
    } else {
        html_printf(r, "<p>责任科室：%s · 责任人：%s · 联系电话：%s</p>", pu->department ? pu->department : "未填写",
                    pu->person ? pu->person : "未填写", pu->phone ? pu->phone : "未填写");
    }
    Attachment *plans;
    size_t n;
    Err e = ERR_INIT;
    html_raw(r, "<p><b>实施方案：</b>");
    if (store_attachment_list_plans(r->db, r->a, pr->id, unit_id, &plans, &n, &e) == 0 && n) {
        html_printf(r, "<a href=\"/file/%lld\">%s</a> <small class=\"muted\">（%s上传", (long long)plans[0].id,
                    plans[0].filename, fmt_ts(r->a, plans[0].uploaded_at));
        if (n > 1) html_printf(r, "，另有%zu个较早版本", n - 1);
        html_raw(r, "）</small>");
    } else {
        html_raw(r, "<span class=\"muted\">尚未上传</span>");
    }
    html_raw(r, "</p>");
    if (own) {
        form_begin_upload(r, arena_printf(r->a, "/unit/%lld/project/%lld/plan", (long long)unit_id, (long long)pr->id));
        html_raw(r, "<input type=\"file\" name=\"file\" required aria-label=\"实施方案文件\"> "
                    "<button type=\"submit\" class=\"small\">上传实施方案</button>");
        form_error(r, arena_printf(r->a, "plan_%lld", (long long)pr->id));
        form_end(r);
    }
    html_printf(r, "<p><a href=\"/unit/%lld/project/%lld/ledger\">工作台账</a></p></section>", (long long)unit_id,
                (long long)pr->id);
}

static void unit_page(Request *r)
{
    Id unit_id = req_path_id(r, 0), programme_id = 0;
    Err e = ERR_INIT;
    Unit unit;
    if (store_unit_get(r->db, r->a, unit_id, &unit, &e) < 0 ||
        store_programme_latest_of_office(r->db, unit.office_id, &programme_id, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    bool own = r->user.role == ROLE_REPORTER && r->user.unit_id == unit_id;
    page_begin(r, unit.name);
    html_printf(r, "<h1>%s</h1>", unit.name);
    const char *msg = req_field_error(r, "_form");
    if (msg) html_printf(r, "<p class=\"notice error\" role=\"alert\">%s</p>", msg);
    if (!programme_id) {
        html_raw(r, "<p class=\"muted\">暂无实事计划。</p>");
        page_end(r);
        return;
    }
    Standing *st;
    Round *rounds;
    size_t n_rounds, n_reps;
    Report *reps;
    if (standing_load(r->db, r->a, programme_id, 0, &st, &rounds, &n_rounds, &e) < 0 ||
        store_report_list_by_programme(r->db, r->a, programme_id, &reps, &n_reps, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    html_printf(r, "<p class=\"meta\"><a href=\"/p/%lld\">%s</a></p>", (long long)programme_id, st->programme->title);

    html_raw(r, "<h2>各轮次报告</h2><div class=\"scroll\"><table><thead><tr><th>实事项目</th>");
    for (size_t i = 0; i < n_rounds; i++)
        html_printf(r, "<th>%s<br><small>期限%s</small></th>", rounds[i].name, date_iso(r->a, rounds[i].due));
    html_raw(r, "</tr></thead><tbody>");
    for (size_t k = 0; k < st->n_projects; k++) {
        const Project *pr = st->projects[k].project;
        if (!project_find_unit(pr, unit_id)) continue;
        html_printf(r, "<tr><td>%d. %s</td>", pr->no, pr->report_title);
        for (size_t i = 0; i < n_rounds; i++) {
            const Report *rep = NULL;
            for (size_t j = 0; j < n_reps; j++)
                if (reps[j].round_id == rounds[i].id && reps[j].project_id == pr->id && reps[j].unit_id == unit_id)
                    rep = &reps[j];
            /* the state of a report is not its content: the office sees that a draft exists */
            enum ReportStatus rs = rep ? rep->status : REPORT_NONE;
            html_printf(r, "<td><a href=\"/report/%lld/%lld/%lld\"><span class=\"badge rs-%s\">%s</span></a></td>",
                        (long long)rounds[i].id, (long long)pr->id, (long long)unit_id,
                        rs ? report_status_name(rs) : "none",
                        own && !rs && !rounds[i].closed ? "填报" : report_status_label(rs));
        }
        html_raw(r, "</tr>");
    }
    html_raw(r, "</tbody></table></div><h2>承担的实事项目</h2>");
    for (size_t k = 0; k < st->n_projects; k++) {
        const Project *pr = st->projects[k].project;
        const ProjectUnit *pu = project_find_unit(pr, unit_id);
        if (pu) project_card(r, pr, pu, st->projects[k].status, own);
    }
    page_end(r);
}

void page_unit(Request *r)
{
    unit_page(r);
}

static const Project *project_of_path(Request *r, Programme **p)
{
    Id programme_id;
    Err e = ERR_INIT;
    if (store_project_programme(r->db, req_path_id(r, 1), &programme_id, &e) < 0 ||
        store_programme_load(r->db, r->a, programme_id, p, &e) < 0) {
        widget_fail(r, &e);
        return NULL;
    }
    const Project *pr = programme_find_project(*p, req_path_id(r, 1));
    if (!pr || !project_find_unit(pr, req_path_id(r, 0))) {
        resp_error(r, 404, "该单位不承担此实事项目");
        return NULL;
    }
    return pr;
}

void page_unit_contact(Request *r)
{
    Programme *p;
    const Project *pr = project_of_path(r, &p);
    if (!pr) return;
    Id unit_id = req_path_id(r, 0);
    const char *dep = arena_printf(r->a, "department_%lld", (long long)pr->id);
    const char *per = arena_printf(r->a, "person_%lld", (long long)pr->id);
    const char *pho = arena_printf(r->a, "phone_%lld", (long long)pr->id);
    const char *department = form_optional(r, dep, "责任科室", 100);
    const char *person = form_optional(r, per, "责任人", 50);
    const char *phone = form_optional(r, pho, "联系电话", 50);
    Err e = ERR_INIT;
    if (!r->field_errors.n &&
        project_unit_set_contact(r->db, r->a, &r->actor, pr, unit_id, department, person, phone, &e) < 0) {
        if (strcmp(e.field, "phone") == 0) snprintf(e.field, sizeof e.field, "%s", pho);
        req_take_err(r, &e);
    }
    if (r->field_errors.n) {
        r->status = 400;
        unit_page(r);
        return;
    }
    resp_redirect(r, arena_printf(r->a, "/unit/%lld#project-%lld", (long long)unit_id, (long long)pr->id));
}

void page_unit_plan(Request *r)
{
    Programme *p;
    const Project *pr = project_of_path(r, &p);
    if (!pr) return;
    Id unit_id = req_path_id(r, 0);
    const Upload *up = r->n_uploads ? &r->uploads[0] : NULL;
    IncomingFile in = {up ? up->tmp_path : NULL, up ? up->filename : NULL, up ? up->size : 0,
                       up ? up->too_large : false};
    Attachment att = {0};
    att.kind = ATTACH_PLAN;
    att.project_id = pr->id;
    att.unit_id = unit_id;
    Err e = ERR_INIT;
    if (attachment_add(r->db, r->a, &r->actor, r->cfg->files_dir, &in, (int64_t)r->cfg->max_upload_bytes, &att, &e) < 0) {
        req_set_field_error(r, arena_printf(r->a, "plan_%lld", (long long)pr->id), e.msg);
        r->status = http_status(&e);
        unit_page(r);
        return;
    }
    resp_redirect(r, arena_printf(r->a, "/unit/%lld#project-%lld", (long long)unit_id, (long long)pr->id));
}
