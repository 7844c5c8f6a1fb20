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
#include "web/widgets.h"

#define EXTRA_ROWS 2    /* blank rows offered for new units, indicators, standards */
#define MAX_ROWS 60

static const char *const ROLE_NAMES[] = {"lead", "responsible"};
static const char *const CMP_NAMES[] = {">=", "<=", "="};
static const char *const CADENCE_NAMES[] = {"quarterly", "monthly"};
static const char *const SCHEME_NAMES[] = {"status", "traffic"};

static const char *fld(Request *r, const char *fmt, size_t i, const char *leaf)
{
    return arena_printf(r->a, fmt, i, leaf);
}

/* A message from core names "projects[k].x"; the project form names it "x". */
static void take_project_err(Request *r, const Err *e)
{
    Err local = *e;
    const char *dot = strncmp(e->field, "projects[", 9) == 0 ? strchr(e->field, '.') : NULL;
    if (dot) snprintf(local.field, sizeof local.field, "%s", dot + 1);
    else if (strncmp(e->field, "projects", 8) == 0) snprintf(local.field, sizeof local.field, "_form");
    req_take_err(r, &local);
}

static void form_message(Request *r)
{
    const char *msg = req_field_error(r, "_form");
    if (msg) html_printf(r, "<p class=\"notice error\" role=\"alert\">%s</p>", msg);
    else if (r->field_errors.n)
        html_raw(r, "<p class=\"notice error\" role=\"alert\">表单有误，请按提示修改后再保存。</p>");
}

static void select_opts(Request *r, const char *name, const char *const *values,
                        const char *const *labels, size_t n, const char *current)
{
    html_printf(r, "<select name=\"%s\">", name);
    for (size_t i = 0; i < n; i++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", values[i],
                    current && strcmp(current, values[i]) == 0 ? " selected" : "", labels[i]);
    html_raw(r, "</select>");
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
    for (size_t i = 0; i < (*p)->n_projects; i++)
        if ((*p)->projects[i].id == project_id) *pr = &(*p)->projects[i];
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
    static const char *const cadence_labels[] = {"按季度", "按月"};
    select_opts(r, "reporting", CADENCE_NAMES, cadence_labels, 2, cadence_name(p->reporting));
    html_raw(r, "</label>");
    form_text(r, "lag_threshold", "严重滞后界限（落后序时进度的百分点）",
              format_number(r->a, p->lag_threshold * 100), 5, "text");
    html_raw(r, "<label class=\"field\"><span>预警方式</span>");
    static const char *const scheme_labels[] = {"按序时进度（已完成/序时推进/滞后/严重滞后）", "红黄蓝三色预警"};
    select_opts(r, "warning_scheme", SCHEME_NAMES, scheme_labels, 2, warning_scheme_name(p->warning_scheme));
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
    int cadence;
    if ((s = form_string(r, "title", "名称", 300, true, false))) p->title = (char *)s;
    if (form_int(r, "year", "年度", 1900, 2999, &year)) p->year = (int)year;
    p->issuer = (char *)form_optional(r, "issuer", "发文单位", 100);
    form_date(r, "issued", "发文日期", false, &p->issued);
    p->phone = (char *)form_optional(r, "phone", "联系电话", 50);
    p->email = (char *)form_optional(r, "email", "电子邮箱", 200);
    p->report_form_title = (char *)form_optional(r, "report_form_title", "进展报表标题", 300);
    form_date(r, "start", "实施开始日期", true, &p->start);
    form_date(r, "deadline", "完成时限", true, &p->deadline);
    if (form_choice(r, "reporting", "报送周期", CADENCE_NAMES, 2, &cadence)) p->reporting = (enum Cadence)cadence;
    if (form_number(r, "lag_threshold", "严重滞后界限", true, &threshold, NULL)) {
        if (threshold <= 0 || threshold > 100)
            req_set_field_error(r, "lag_threshold", "严重滞后界限必须在0到100之间");
        else
            p->lag_threshold = threshold / 100.0;
    }
    int scheme;
    long near;
    if (form_choice(r, "warning_scheme", "预警方式", SCHEME_NAMES, 2, &scheme)) p->warning_scheme = (enum WarningScheme)scheme;
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

static void unit_rows(Request *r, const Project *pr, size_t rows)
{
    html_raw(r, "<fieldset><legend>责任单位（第一个牵头单位之外为责任单位；可填写新单位名称）</legend>"
                "<table class=\"form-table\"><thead><tr><th>单位名称</th><th>角色</th><th>责任科室</th>"
                "<th>责任人</th><th>联系电话</th><th>删除</th></tr></thead><tbody>");
    static const char *const role_labels[] = {"牵头", "责任"};
    for (size_t u = 0; u < rows; u++) {
        const ProjectUnit *pu = u < pr->n_units ? &pr->units[u] : NULL;
        html_printf(r, "<tr><td><input type=\"hidden\" name=\"units[%zu].id\" value=\"%lld\">"
                       "<input name=\"units[%zu].name\" value=\"%s\" list=\"unit-names\" maxlength=\"100\">",
                    u, (long long)(pu ? pu->id : 0), u, pu && pu->unit_name ? pu->unit_name : "");
        form_error(r, fld(r, "units[%zu].%s", u, "name"));
        html_raw(r, "</td><td>");
        select_opts(r, fld(r, "units[%zu].%s", u, "role"), ROLE_NAMES, role_labels, 2,
                    pu ? unit_role_name(pu->role) : "responsible");
        html_printf(r, "</td><td><input name=\"units[%zu].department\" value=\"%s\" maxlength=\"100\"></td>"
                       "<td><input name=\"units[%zu].person\" value=\"%s\" maxlength=\"50\"></td>"
                       "<td><input name=\"units[%zu].phone\" value=\"%s\" maxlength=\"50\">",
                    u, pu && pu->department ? pu->department : "", u,
                    pu && pu->person ? pu->person : "", u, pu && pu->phone ? pu->phone : "");
        form_error(r, fld(r, "units[%zu].%s", u, "phone"));
        html_printf(r, "</td><td><input type=\"checkbox\" name=\"units[%zu].remove\" value=\"1\" aria-label=\"删除\"></td></tr>", u);
    }
    html_raw(r, "</tbody></table>");
    form_error(r, "units");
    html_raw(r, "</fieldset>");
}

static void indicator_rows(Request *r, const Project *pr, size_t rows)
{
    html_raw(r, "<fieldset><legend>量化指标（没有量化指标的项目可留空，按进展自评）</legend>"
                "<table class=\"form-table\"><thead><tr><th>指标名称</th><th>比较</th><th>目标值</th>"
                "<th>计量单位</th><th>填报单位</th><th>删除</th></tr></thead><tbody>");
    static const char *const cmp_labels[] = {"≥ 不少于", "≤ 不超过", "= 等于"};
    for (size_t k = 0; k < rows; k++) {
        const Indicator *ind = k < pr->n_indicators ? &pr->indicators[k] : NULL;
        html_printf(r, "<tr><td><input type=\"hidden\" name=\"indicators[%zu].id\" value=\"%lld\">"
                       "<input name=\"indicators[%zu].name\" value=\"%s\" maxlength=\"200\">",
                    k, (long long)(ind ? ind->id : 0), k, ind ? ind->name : "");
        form_error(r, fld(r, "indicators[%zu].%s", k, "name"));
        html_raw(r, "</td><td>");
        select_opts(r, fld(r, "indicators[%zu].%s", k, "comparator"), CMP_NAMES, cmp_labels, 3,
                    ind ? comparator_name(ind->cmp) : ">=");
        html_printf(r, "</td><td><input name=\"indicators[%zu].target\" value=\"%s\" maxlength=\"20\" inputmode=\"decimal\">",
                    k, ind ? format_number(r->a, ind->target) : "");
        form_error(r, fld(r, "indicators[%zu].%s", k, "target"));
        html_printf(r, "</td><td><input name=\"indicators[%zu].measure\" value=\"%s\" maxlength=\"20\">",
                    k, ind ? ind->measure : "");
        form_error(r, fld(r, "indicators[%zu].%s", k, "measure"));
        html_printf(r, "</td><td><select name=\"indicators[%zu].owner\"><option value=\"\">牵头单位</option>", k);
        for (size_t u = 0; u < pr->n_units; u++)
            html_printf(r, "<option value=\"%s\"%s>%s</option>", pr->units[u].unit_name,
                        ind && ind->owner_name && strcmp(ind->owner_name, pr->units[u].unit_name) == 0 ? " selected" : "",
                        pr->units[u].unit_name);
        html_raw(r, "</select>");
        form_error(r, fld(r, "indicators[%zu].%s", k, "owner"));
        html_printf(r, "</td><td><input type=\"checkbox\" name=\"indicators[%zu].remove\" value=\"1\" aria-label=\"删除\"></td></tr>", k);
    }
    html_raw(r, "</tbody></table>");
    form_error(r, "indicators");
    html_raw(r, "</fieldset>");
}

static void standard_rows(Request *r, const Project *pr, size_t rows)
{
    html_raw(r, "<fieldset><legend>补助标准（每人补贴金额等，不是考核指标）</legend><table class=\"form-table\">"
                "<thead><tr><th>名称</th><th>金额（元）</th><th>单位</th><th>删除</th></tr></thead><tbody>");
    for (size_t k = 0; k < rows; k++) {
        const Standard *s = k < pr->n_standards ? &pr->standards[k] : NULL;
        html_printf(r, "<tr><td><input type=\"hidden\" name=\"standards[%zu].id\" value=\"%lld\">"
                       "<input name=\"standards[%zu].name\" value=\"%s\" maxlength=\"200\">",
                    k, (long long)(s ? s->id : 0), k, s ? s->name : "");
        form_error(r, fld(r, "standards[%zu].%s", k, "name"));
        html_printf(r, "</td><td><input name=\"standards[%zu].amount\" value=\"%s\" maxlength=\"20\" inputmode=\"decimal\">",
                    k, s ? format_yuan(r->a, s->amount_fen) : "");
        form_error(r, fld(r, "standards[%zu].%s", k, "amount"));
        html_printf(r, "</td><td><input name=\"standards[%zu].measure\" value=\"%s\" maxlength=\"20\" placeholder=\"元/人\">",
                    k, s ? s->measure : "");
        form_error(r, fld(r, "standards[%zu].%s", k, "measure"));
        html_printf(r, "</td><td><input type=\"checkbox\" name=\"standards[%zu].remove\" value=\"1\" aria-label=\"删除\"></td></tr>", k);
    }
    html_raw(r, "</tbody></table></fieldset>");
}

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

static void project_form(Request *r, const Programme *p, const Project *pr, const char *action,
                         const char *heading)
{
    page_begin(r, heading);
    html_printf(r, "<p class=\"crumbs\"><a href=\"/admin/programme/%lld\">%s</a></p><h1>%s</h1>",
                (long long)p->id, p->title, heading);
    form_message(r);
    form_begin(r, action);
    html_raw(r, "<div class=\"grid\">");
    form_text(r, "no", "序号", pr->no ? arena_printf(r->a, "%d", pr->no) : "", 4, "text");
    form_text(r, "title", "实事名称（通知正文）", pr->title, 300, "text");
    form_text(r, "report_title", "实事名称（进展报表）", pr->report_title, 300, "text");
    form_text(r, "deadline", "完成时限", pr->deadline == DATE_NONE ? "" : date_iso(r->a, pr->deadline), 20, "date");
    html_raw(r, "</div>");
    form_textarea(r, "text", "实事内容（通知原文）", pr->text, 6);
    size_t nu = pr->n_units + EXTRA_ROWS, ni = pr->n_indicators + EXTRA_ROWS, ns = pr->n_standards + EXTRA_ROWS;
    html_printf(r, "<input type=\"hidden\" name=\"n_units\" value=\"%zu\"><input type=\"hidden\" name=\"n_indicators\" value=\"%zu\">"
                   "<input type=\"hidden\" name=\"n_standards\" value=\"%zu\">", nu, ni, ns);
    unit_datalist(r, p->office_id);
    unit_rows(r, pr, nu);
    indicator_rows(r, pr, ni);
    standard_rows(r, pr, ns);
    html_raw(r, "<button type=\"submit\">保存</button>");
    form_end(r);
    page_end(r);
}

/* The number of rows the form was drawn with (a hidden field of ours). */
static size_t row_count(Request *r, const char *name)
{
    Id n = 0;
    if (!form_id(r, name, &n) || n > MAX_ROWS) return 0;
    return (size_t)n;
}

/* Fills pr from the form; rows left blank or marked for removal are dropped. */
static void read_project_form(Request *r, Project *pr)
{
    const char *s;
    long no;
    if (form_int(r, "no", "序号", 1, 999, &no)) pr->no = (int)no;
    if ((s = form_string(r, "title", "实事名称", 300, true, false))) pr->title = (char *)s;
    if ((s = form_string(r, "report_title", "报表中的实事名称", 300, true, false))) pr->report_title = (char *)s;
    if ((s = form_string(r, "text", "实事内容", 20000, false, true))) pr->text = (char *)s;
    form_date(r, "deadline", "完成时限", true, &pr->deadline);

    size_t nu = row_count(r, "n_units"), ni = row_count(r, "n_indicators"), ns = row_count(r, "n_standards");
    ProjectUnit *units = ARENA_ARRAY(r->a, ProjectUnit, nu + 1);
    size_t n = 0;
    for (size_t u = 0; u < nu; u++) {
        if (form_checked(r, fld(r, "units[%zu].%s", u, "remove"))) continue;
        const char *name = form_string(r, fld(r, "units[%zu].%s", u, "name"), "单位名称", 100, false, false);
        if (!name || !*name) continue;
        ProjectUnit *pu = &units[n];
        pu->unit_name = (char *)name;
        Id id = 0;
        form_id(r, fld(r, "units[%zu].%s", u, "id"), &id);
        /* an id is kept only when it belongs to this project */
        for (size_t k = 0; k < pr->n_units; k++)
            if (pr->units[k].id == id) pu->id = id;
        int role = 1;
        form_choice(r, fld(r, "units[%zu].%s", u, "role"), "角色", ROLE_NAMES, 2, &role);
        pu->role = (enum UnitRole)role;
        pu->department = (char *)form_optional(r, fld(r, "units[%zu].%s", u, "department"), "责任科室", 100);
        pu->person = (char *)form_optional(r, fld(r, "units[%zu].%s", u, "person"), "责任人", 50);
        pu->phone = (char *)form_optional(r, fld(r, "units[%zu].%s", u, "phone"), "联系电话", 50);
        n++;
    }

    Indicator *inds = ARENA_ARRAY(r->a, Indicator, ni + 1);
    size_t m = 0;
    for (size_t k = 0; k < ni; k++) {
        if (form_checked(r, fld(r, "indicators[%zu].%s", k, "remove"))) continue;
        const char *name = form_string(r, fld(r, "indicators[%zu].%s", k, "name"), "指标名称", 200, false, false);
        const char *target_s = params_get(&r->form, fld(r, "indicators[%zu].%s", k, "target"));
        if ((!name || !*name) && (!target_s || !*target_s)) continue;
        Indicator *ind = &inds[m];
        ind->name = (char *)(name ? name : "");
        if (!*ind->name) req_set_field_error(r, fld(r, "indicators[%zu].%s", m, "name"), "请填写指标名称");
        form_number(r, fld(r, "indicators[%zu].%s", k, "target"), "目标值", true, &ind->target, NULL);
        ind->measure = (char *)form_string(r, fld(r, "indicators[%zu].%s", k, "measure"), "计量单位", 20, true, false);
        if (!ind->measure) ind->measure = "";
        int cmp = 0;
        form_choice(r, fld(r, "indicators[%zu].%s", k, "comparator"), "比较方式", CMP_NAMES, 3, &cmp);
        ind->cmp = (enum Comparator)cmp;
        ind->owner_name = (char *)form_optional(r, fld(r, "indicators[%zu].%s", k, "owner"), "填报单位", 100);
        Id id = 0;
        form_id(r, fld(r, "indicators[%zu].%s", k, "id"), &id);
        for (size_t j = 0; j < pr->n_indicators; j++)
            if (pr->indicators[j].id == id) ind->id = id;
        m++;
    }

    Standard *stds = ARENA_ARRAY(r->a, Standard, ns + 1);
    size_t q = 0;
    for (size_t k = 0; k < ns; k++) {
        if (form_checked(r, fld(r, "standards[%zu].%s", k, "remove"))) continue;
        const char *name = form_string(r, fld(r, "standards[%zu].%s", k, "name"), "标准名称", 200, false, false);
        if (!name || !*name) continue;
        Standard *s2 = &stds[q];
        s2->name = (char *)name;
        double yuan = 0;
        if (form_number(r, fld(r, "standards[%zu].%s", k, "amount"), "金额", true, &yuan, NULL))
            s2->amount_fen = llround(yuan * 100);
        s2->measure = (char *)form_string(r, fld(r, "standards[%zu].%s", k, "measure"), "单位", 20, true, false);
        if (!s2->measure) s2->measure = "";
        Id id = 0;
        form_id(r, fld(r, "standards[%zu].%s", k, "id"), &id);
        for (size_t j = 0; j < pr->n_standards; j++)
            if (pr->standards[j].id == id) s2->id = id;
        q++;
    }
    pr->units = units;
    pr->n_units = n;
    pr->indicators = inds;
    pr->n_indicators = m;
    pr->standards = stds;
    pr->n_standards = q;
}

void page_project_edit_form(Request *r)
{
    Programme *p;
    Project *pr = NULL;
    if (!programme_of_project(r, req_path_id(r, 0), &p, &pr)) return;
    project_form(r, p, pr, arena_printf(r->a, "/admin/project/%lld", (long long)pr->id),
                 arena_printf(r->a, "编辑：%s", pr->title));
}

void page_project_edit(Request *r)
{
    Programme *p;
    Project *pr = NULL;
    if (!programme_of_project(r, req_path_id(r, 0), &p, &pr)) return;
    Project edited = *pr;
    read_project_form(r, &edited);
    Err e = ERR_INIT;
    if (!r->field_errors.n) {
        *pr = edited;
        if (programme_update(r->db, r->a, &r->actor, p, &e) < 0) take_project_err(r, &e);
    }
    if (r->field_errors.n) {
        r->status = 400;
        project_form(r, p, &edited, arena_printf(r->a, "/admin/project/%lld", (long long)pr->id),
                     arena_printf(r->a, "编辑：%s", pr->title));
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
    project_form(r, p, &blank, arena_printf(r->a, "/admin/programme/%lld/new-project", (long long)p->id),
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
    read_project_form(r, &fresh);
    if (!r->field_errors.n) {
        Project *all = ARENA_ARRAY(r->a, Project, p->n_projects + 1);
        memcpy(all, p->projects, p->n_projects * sizeof *all);
        all[p->n_projects] = fresh;
        p->projects = all;
        p->n_projects++;
        if (programme_update(r->db, r->a, &r->actor, p, &e) < 0) take_project_err(r, &e);
    }
    if (r->field_errors.n) {
        r->status = 400;
        project_form(r, p, &fresh, arena_printf(r->a, "/admin/programme/%lld/new-project", (long long)p->id),
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
    /* read every row first, then save the changed ones in one transaction */
    bool *changed = ARENA_ARRAY(r->a, bool, n + 1);
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
            changed[i] = true;
        }
    }
    if (!r->field_errors.n && db_begin(r->db, &e) == 0) {
        for (size_t i = 0; i < n && !r->field_errors.n; i++) {
            if (!changed[i]) continue;
            if (unit_update(r->db, r->a, &r->actor, &units[i], &e) < 0) {
                req_set_field_error(r, arena_printf(r->a, "u%lld.%s", (long long)units[i].id,
                                                    e.field[0] ? e.field : "name"),
                                    e.msg);
                err_clear(&e);
            }
        }
        if (r->field_errors.n) db_rollback(r->db);
        else if (db_commit(r->db, &e) < 0) req_take_err(r, &e);
    }
    if (r->field_errors.n) {
        r->status = 400;
        units_form(r, units, n);
        return;
    }
    resp_redirect(r, "/admin/units");
}
