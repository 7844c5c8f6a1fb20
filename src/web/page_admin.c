/*
 * page_admin.c - the coordinator edits the programme: its own fields, each
 * project (both titles, text, deadline, units and roles, indicators,
 * standards), new projects, and the units' names and e-mail addresses.
 *
 * Form fields are named after the JSON paths core uses in its messages
 * ("indicators[1].target"), so a message from programme_validate lands
 * beside the field that caused it. A form that fails is shown again with
 * what the user typed; nothing is saved until every field is valid.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/programme.h"
#include "core/programme_ops.h"
#include "core/vocab.h"
#include "db/store.h"
#include "lib/timeutil.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/project_form.h"
#include "web/widgets.h"

#define EXTRA_ROWS 2    /* blank rows offered for new units, indicators, standards */

static void form_message(Request *r)
{
    const char *msg = req_field_error(r, "_form");
    if (msg) html_printf(r, "<p class=\"notice error\" role=\"alert\">%s</p>", msg);
    else if (r->field_errors.n)
        html_raw(r, "<p class=\"notice error\" role=\"alert\">表单有误，请按提示修改后再保存。</p>");
}

static Id programme_of_project(Request *r, Id project_id, Programme **p, Project **pr)
{
    Id programme_id;
    Err e = ERR_INIT;
    if (store_project_programme(r->db, project_id, &programme_id, &e) < 0 ||
        store_programme_load(r->db, r->a, programme_id, p, &e) < 0) {
        widget_fail(r, &e);
        return 0;
    }
    /* *p is this request's own copy, free to change */
    *pr = (Project *)programme_find_project(*p, project_id);
    return programme_id;
}

/* ---- the programme's own fields ------------------------------------------------ */

static void programme_form(Request *r, const Programme *p)
{
    page_begin(r, "编辑实事计划");
    html_printf(r, "<p class=\"crumbs\"><a href=\"/p/%lld\">%s</a></p><h1>编辑实事计划</h1>",
                (long long)p->id, p->title);
    form_message(r);
    form_begin(r, arena_printf(r->a, "/admin/programme/%lld", (long long)p->id));
    html_raw(r, "<div class=\"grid\">");
    form_text(r, "title", "名称", p->title, 300, "text");
    form_text(r, "year", "年度", arena_printf(r->a, "%d", p->year), 4, "text");
    form_text(r, "issuer", "发文单位", p->issuer, 100, "text");
    form_text(r, "issued", "发文日期", p->issued == DATE_NONE ? "" : date_iso(r->a, p->issued), 20, "date");
    html_printf(r, "<label class=\"field\"><span>协调办公室</span><input value=\"%s\" disabled></label>",
                p->coordinator ? p->coordinator : "");
    form_text(r, "phone", "联系电话", p->phone, 50, "text");
    form_text(r, "email", "电子邮箱", p->email, 200, "email");
    form_text(r, "report_form_title", "进展报表标题", p->report_form_title, 300, "text");
    form_text(r, "start", "实施开始日期", date_iso(r->a, p->start), 20, "date");
    form_text(r, "deadline", "完成时限", date_iso(r->a, p->deadline), 20, "date");
    html_raw(r, "<label class=\"field\"><span>报送周期</span>");
    static const char *const cadence_labels[CADENCE__MAX] = {"按季度", "按月"};
    const char *cadences[CADENCE__MAX];
    for (int i = 0; i < CADENCE__MAX; i++) cadences[i] = cadence_name((enum Cadence)i);
    select_opts(r, "reporting", cadences, cadence_labels, CADENCE__MAX, cadence_name(p->reporting));
    html_raw(r, "</label>");
    form_text(r, "lag_threshold", "严重滞后界限（落后序时进度的百分点）",
              format_number(r->a, p->lag_threshold * 100), 5, "text");
    html_raw(r, "<label class=\"field\"><span>预警方式</span>");
    static const char *const scheme_labels[WARNING_SCHEME__MAX] = {"按序时进度（已完成/序时推进/滞后/严重滞后）",
                                                                   "红黄蓝三色预警"};
    const char *schemes[WARNING_SCHEME__MAX];
    for (int i = 0; i < WARNING_SCHEME__MAX; i++) schemes[i] = warning_scheme_name((enum WarningScheme)i);
    select_opts(r, "warning_scheme", schemes, scheme_labels, WARNING_SCHEME__MAX, warning_scheme_name(p->warning_scheme));
    html_raw(r, "</label>");
    form_text(r, "near_deadline_days", "临近完成时限（天，蓝色预警）", arena_printf(r->a, "%d", p->near_deadline_days), 3, "text");
    html_printf(r, "<label class=\"check\"><input type=\"checkbox\" name=\"is_public\" value=\"1\"%s> 此件公开发布</label>",
                p->is_public ? " checked" : "");
    html_raw(r, "</div><button type=\"submit\">保存</button>");
    form_end(r);
    html_raw(r, "<h2>实事项目</h2><ul>");
    for (size_t i = 0; i < p->n_projects; i++)
        html_printf(r, "<li><a href=\"/admin/project/%lld\">%d. %s</a></li>", (long long)p->projects[i].id,
                    p->projects[i].no, p->projects[i].title);
    html_printf(r, "</ul><p><a class=\"button\" href=\"/admin/programme/%lld/new-project\">新增实事项目</a> "
                   "<a class=\"button\" href=\"/admin/units\">责任单位管理</a></p>",
                (long long)p->id);
    page_end(r);
}

void page_programme_edit_form(Request *r)
{
    Programme *p;
    Err e = ERR_INIT;
    if (store_programme_load(r->db, r->a, req_path_id(r, 0), &p, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    programme_form(r, p);
}

void page_programme_edit(Request *r)
{
    Programme *p;
    Err e = ERR_INIT;
    if (store_programme_load(r->db, r->a, req_path_id(r, 0), &p, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    const char *s;
    long year;
    double threshold;
    if ((s = form_string(r, "title", "名称", 300, true, false))) p->title = (char *)s;
    if (form_int(r, "year", "年度", 1900, 2999, &year)) p->year = (int)year;
    p->issuer = (char *)form_optional(r, "issuer", "发文单位", 100);
    form_date(r, "issued", "发文日期", false, &p->issued);
    p->phone = (char *)form_optional(r, "phone", "联系电话", 50);
    p->email = (char *)form_optional(r, "email", "电子邮箱", 200);
    p->report_form_title = (char *)form_optional(r, "report_form_title", "进展报表标题", 300);
    form_date(r, "start", "实施开始日期", true, &p->start);
    form_date(r, "deadline", "完成时限", true, &p->deadline);
    form_chosen(r, "reporting", "报送周期", cadence_parse(params_get(&r->form, "reporting"), &p->reporting));
    if (form_number(r, "lag_threshold", "严重滞后界限", true, &threshold, NULL)) {
        if (threshold <= 0 || threshold > 100)
            req_set_field_error(r, "lag_threshold", "严重滞后界限必须在0到100之间");
        else
            p->lag_threshold = threshold / 100.0;
    }
    long near;
    form_chosen(r, "warning_scheme", "预警方式",
                warning_scheme_parse(params_get(&r->form, "warning_scheme"), &p->warning_scheme));
    if (form_int(r, "near_deadline_days", "临近完成时限天数", 0, 365, &near)) p->near_deadline_days = (int)near;
    p->is_public = form_checked(r, "is_public");
    if (!r->field_errors.n && programme_update(r->db, r->a, &r->actor, p, &e) < 0) req_take_err(r, &e);
    if (r->field_errors.n) {
        r->status = 400;
        programme_form(r, p);
        return;
    }
    resp_redirect(r, arena_printf(r->a, "/p/%lld", (long long)p->id));
}

/* ---- one project ----------------------------------------------------------------- */

static void unit_datalist(Request *r, Id office_id)
{
    Unit *units;
    size_t n;
    Err e = ERR_INIT;
    if (store_unit_list(r->db, r->a, office_id, &units, &n, &e) < 0) return;
    html_raw(r, "<datalist id=\"unit-names\">");
    for (size_t i = 0; i < n; i++) html_printf(r, "<option value=\"%s\">", units[i].name);
    html_raw(r, "</datalist>");
}

static void project_form(Request *r, const Programme *p, const Project *pr, bool typed, const char *action,
                         const char *heading)
{
    page_begin(r, heading);
    html_printf(r, "<p class=\"crumbs\"><a href=\"/admin/programme/%lld\">%s</a></p><h1>%s</h1>",
                (long long)p->id, p->title, heading);
    form_message(r);
    form_begin(r, action);
    unit_datalist(r, p->office_id);
    project_form_fields(r, pr, typed, "", NULL, EXTRA_ROWS);
    html_raw(r, "<button type=\"submit\">保存</button>");
    form_end(r);
    page_end(r);
}

void page_project_edit_form(Request *r)
{
    Programme *p;
    Project *pr = NULL;
    if (!programme_of_project(r, req_path_id(r, 0), &p, &pr)) return;
    project_form(r, p, pr, false, arena_printf(r->a, "/admin/project/%lld", (long long)pr->id),
                 arena_printf(r->a, "编辑：%s", pr->title));
}

void page_project_edit(Request *r)
{
    Programme *p;
    Project *pr = NULL;
    if (!programme_of_project(r, req_path_id(r, 0), &p, &pr)) return;
    Project before = *pr, edited = *pr;
    RowMap map;
    project_form_read(r, "", &edited, &map);
    Err e = ERR_INIT;
    if (!r->field_errors.n) {
        *pr = edited;
        if (programme_update(r->db, r->a, &r->actor, p, &e) < 0) project_form_take_err(r, &e, &map, 1, false);
    }
    if (r->field_errors.n) {
        r->status = 400;
        project_form(r, p, &before, true, arena_printf(r->a, "/admin/project/%lld", (long long)before.id),
                     arena_printf(r->a, "编辑：%s", before.title));
        return;
    }
    resp_redirect(r, arena_printf(r->a, "/project/%lld", (long long)pr->id));
}

void page_project_new_form(Request *r)
{
    Programme *p;
    Err e = ERR_INIT;
    if (store_programme_load(r->db, r->a, req_path_id(r, 0), &p, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    Project blank = {0};
    int max_no = 0;
    for (size_t i = 0; i < p->n_projects; i++)
        if (p->projects[i].no > max_no) max_no = p->projects[i].no;
    blank.no = max_no + 1;
    blank.deadline = p->deadline;
    project_form(r, p, &blank, false, arena_printf(r->a, "/admin/programme/%lld/new-project", (long long)p->id),
                 "新增实事项目");
}

void page_project_new(Request *r)
{
    Programme *p;
    Err e = ERR_INIT;
    if (store_programme_load(r->db, r->a, req_path_id(r, 0), &p, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    Project fresh = {0};
    fresh.deadline = DATE_NONE;
    RowMap map;
    project_form_read(r, "", &fresh, &map);
    if (!r->field_errors.n) {
        Project *all = ARENA_ARRAY(r->a, Project, p->n_projects + 1);
        memcpy(all, p->projects, p->n_projects * sizeof *all);
        all[p->n_projects] = fresh;
        p->projects = all;
        p->n_projects++;
        if (programme_update(r->db, r->a, &r->actor, p, &e) < 0) project_form_take_err(r, &e, &map, 1, false);
    }
    if (r->field_errors.n) {
        r->status = 400;
        project_form(r, p, &fresh, true, arena_printf(r->a, "/admin/programme/%lld/new-project", (long long)p->id),
                     "新增实事项目");
        return;
    }
    resp_redirect(r, arena_printf(r->a, "/project/%lld", (long long)p->projects[p->n_projects - 1].id));
}

/* ---- units ------------------------------------------------------------------------ */

static void units_form(Request *r, Unit *units, size_t n)
{
    page_begin(r, "责任单位管理");
    html_raw(r, "<h1>责任单位</h1><p class=\"hint\">电子邮箱用于发送报送提醒。</p>");
    form_message(r);
    form_begin(r, "/admin/units");
    html_raw(r, "<table class=\"form-table\"><thead><tr><th>单位名称</th><th>电子邮箱</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_printf(r, "<tr><td><input name=\"u%lld.name\" value=\"%s\" maxlength=\"100\">",
                    (long long)units[i].id, units[i].name);
        form_error(r, arena_printf(r->a, "u%lld.name", (long long)units[i].id));
        html_printf(r, "</td><td><input type=\"email\" name=\"u%lld.email\" value=\"%s\" maxlength=\"200\">",
                    (long long)units[i].id, units[i].email ? units[i].email : "");
        form_error(r, arena_printf(r->a, "u%lld.email", (long long)units[i].id));
        html_raw(r, "</td></tr>");
    }
    html_raw(r, "</tbody></table><button type=\"submit\">保存</button>");
    form_end(r);
    page_end(r);
}

void page_units_form(Request *r)
{
    Unit *units;
    size_t n;
    Err e = ERR_INIT;
    if (store_unit_list_all(r->db, r->a, &units, &n, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    units_form(r, units, n);
}

void page_units(Request *r)
{
    Unit *units;
    size_t n;
    Err e = ERR_INIT;
    if (store_unit_list_all(r->db, r->a, &units, &n, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    /* read every row first, then save the changed ones as one action */
    Unit *edits = ARENA_ARRAY(r->a, Unit, n + 1);
    size_t n_edits = 0;
    for (size_t i = 0; i < n; i++) {
        const char *nf = arena_printf(r->a, "u%lld.name", (long long)units[i].id);
        const char *ef = arena_printf(r->a, "u%lld.email", (long long)units[i].id);
        if (!params_get(&r->form, nf)) continue;
        const char *name = form_string(r, nf, "单位名称", 100, true, false);
        const char *email = form_optional(r, ef, "电子邮箱", 200);
        if (!name) continue;
        if (strcmp(name, units[i].name) != 0 || (email ? 1 : 0) != (units[i].email ? 1 : 0) ||
            (email && strcmp(email, units[i].email) != 0)) {
            units[i].name = (char *)name;
            units[i].email = (char *)email;
            edits[n_edits++] = units[i];
        }
    }
    size_t failed;
    if (!r->field_errors.n && n_edits &&
        unit_update_all(r->db, r->a, &r->actor, edits, n_edits, &failed, &e) < 0) {
        if (failed < n_edits)
            req_set_field_error(r, arena_printf(r->a, "u%lld.%s", (long long)edits[failed].id,
                                                e.field[0] ? e.field : "name"),
                                e.msg);
        else
            req_take_err(r, &e);
    }
    if (r->field_errors.n) {
        r->status = 400;
        units_form(r, units, n);
        return;
    }
    resp_redirect(r, "/admin/units");
}
