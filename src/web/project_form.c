/*
 * project_form.c - the form of one project (both titles, text, deadline,
 * units and roles, indicators, standards), shared by the coordinator's
 * project pages and the review of an imported notice, where each project's
 * fields carry a prefix ("projects[3].") and the sentence of the notice each
 * came from. See project_form.h.
 *
 * Field names are the JSON paths core uses in its messages
 * ("indicators[1].target"), so a message from programme_validate lands
 * beside the field that caused it. After a failed save the form is drawn
 * from exactly what was typed (RowSource.typed): a bad target comes back as
 * typed, not as 0, and every message stays on the row the user sees.
 */
#include "web/project_form.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/programme.h"
#include "core/vocab.h"
#include "db/store.h"
#include "lib/timeutil.h"
#include "web/html.h"
#include "web/params.h"

#define MAX_ROWS 60

/* Where a row's values come from, and what is said beside it. */
typedef struct RowSource {
    bool typed;               /* from r->form, by field name */
    const Project *pr;        /* otherwise from the project */
    const char *prefix;       /* "" or "projects[3]." */
    const FormNotes *notes;   /* NULL: none */
} RowSource;

const char *fld(Request *r, const char *prefix, const char *fmt, size_t i, const char *leaf)
{
    return arena_printf(r->a, "%s%s", prefix, arena_printf(r->a, fmt, i, leaf));
}

const char *fld0(Request *r, const char *prefix, const char *name)
{
    return *prefix ? arena_printf(r->a, "%s%s", prefix, name) : name;
}

void select_opts(Request *r, const char *name, const char *const *values, const char *const *labels, size_t n,
                 const char *current)
{
    html_printf(r, "<select name=\"%s\">", name);
    for (size_t i = 0; i < n; i++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", values[i],
                    current && strcmp(current, values[i]) == 0 ? " selected" : "", labels[i]);
    html_raw(r, "</select>");
}

void form_note(Request *r, const FormNotes *notes, const char *path)
{
    if (!notes) return;
    for (size_t i = 0; i < notes->n; i++) {
        const NoticeNote *n = &notes->notes[i];
        if (strcmp(n->path, path) != 0) continue;
        if (n->flag) html_printf(r, "<small class=\"note-flag\" role=\"note\">请核对：%s</small>", n->flag);
        if (n->source) html_printf(r, "<small class=\"note-source\">原文：%s</small>", n->source);
        /* one source is enough: several notes may quote the same sentence */
        if (n->source) break;
    }
}

/* The note of row k of a list ("projects[3].indicators[2]"), under the row. */
static void row_note(Request *r, const RowSource *src, const char *list, size_t k)
{
    if (!src->notes) return;
    const char *path = arena_printf(r->a, "%s%s[%zu]", src->prefix, list, k);
    bool any = false;
    for (size_t i = 0; i < src->notes->n && !any; i++) any = strcmp(src->notes->notes[i].path, path) == 0;
    if (!any) return;
    html_raw(r, "<tr class=\"note\"><td colspan=\"6\">");
    form_note(r, src->notes, path);
    html_raw(r, "</td></tr>");
}

/* Notes on a whole list ("projects[1].indicators": what was left out of it). */
static void list_note(Request *r, const RowSource *src, const char *list)
{
    if (!src->notes) return;
    const char *path = arena_printf(r->a, "%s%s", src->prefix, list);
    for (size_t i = 0; i < src->notes->n; i++)
        if (strcmp(src->notes->notes[i].path, path) == 0 && src->notes->notes[i].flag)
            html_printf(r, "<p class=\"note-flag\" role=\"note\">请核对：%s</p>", src->notes->notes[i].flag);
}

static const char *typed_or(Request *r, const RowSource *src, const char *field, const char *stored)
{
    if (src->typed) {
        const char *v = params_get(&r->form, field);
        return v ? v : "";
    }
    return stored ? stored : "";
}

/* What kind of text an input of a row holds. */
enum InputKind { IN_TEXT, IN_UNIT, IN_NUMBER, IN_PER_PERSON };

/* One text input of a row: its name, its value (as typed or stored), and
 * its message. */
static void row_input(Request *r, const RowSource *src, const char *name, const char *stored, int maxlen,
                      enum InputKind kind)
{
    const char *value = typed_or(r, src, name, stored);
    switch (kind) {
    case IN_UNIT:
        html_printf(r, "<input name=\"%s\" value=\"%s\" maxlength=\"%d\" list=\"unit-names\">", name, value, maxlen);
        break;
    case IN_NUMBER:
        html_printf(r, "<input name=\"%s\" value=\"%s\" maxlength=\"%d\" inputmode=\"decimal\">", name, value, maxlen);
        break;
    case IN_PER_PERSON:
        html_printf(r, "<input name=\"%s\" value=\"%s\" maxlength=\"%d\" placeholder=\"元/人\">", name, value, maxlen);
        break;
    default:
        html_printf(r, "<input name=\"%s\" value=\"%s\" maxlength=\"%d\">", name, value, maxlen);
        break;
    }
    form_error(r, name);
}

static void hidden_id(Request *r, const RowSource *src, const char *name, Id stored)
{
    html_printf(r, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", name,
                src->typed ? typed_or(r, src, name, NULL) : arena_printf(r->a, "%lld", (long long)stored));
}

static void remove_box(Request *r, const RowSource *src, const char *name)
{
    html_printf(r, "<td><input type=\"checkbox\" name=\"%s\" value=\"1\" aria-label=\"删除\"%s></td></tr>", name,
                src->typed && form_checked(r, name) ? " checked" : "");
}

static void unit_rows(Request *r, const RowSource *src, size_t rows)
{
    const Project *pr = src->pr;
    const char *P = src->prefix;
    html_raw(r, "<fieldset><legend>责任单位（第一个牵头单位之外为责任单位；可填写新单位名称）</legend>"
                "<table class=\"form-table\"><thead><tr><th>单位名称</th><th>角色</th><th>责任科室</th>"
                "<th>责任人</th><th>联系电话</th><th>删除</th></tr></thead><tbody>");
    static const char *const role_labels[UNIT_ROLE__MAX] = {"牵头", "责任"};
    const char *roles[UNIT_ROLE__MAX];
    for (int i = 0; i < UNIT_ROLE__MAX; i++) roles[i] = unit_role_name((enum UnitRole)i);
    for (size_t u = 0; u < rows; u++) {
        const ProjectUnit *pu = !src->typed && u < pr->n_units ? &pr->units[u] : NULL;
        html_raw(r, "<tr><td>");
        hidden_id(r, src, fld(r, P, "units[%zu].%s", u, "id"), pu ? pu->id : 0);
        row_input(r, src, fld(r, P, "units[%zu].%s", u, "name"), pu ? pu->unit_name : NULL,
                  100, IN_UNIT);
        html_raw(r, "</td><td>");
        const char *role = fld(r, P, "units[%zu].%s", u, "role");
        select_opts(r, role, roles, role_labels, UNIT_ROLE__MAX,
                    typed_or(r, src, role, unit_role_name(pu ? pu->role : UNIT_RESPONSIBLE)));
        html_raw(r, "</td><td>");
        row_input(r, src, fld(r, P, "units[%zu].%s", u, "department"), pu ? pu->department : NULL, 100, IN_TEXT);
        html_raw(r, "</td><td>");
        row_input(r, src, fld(r, P, "units[%zu].%s", u, "person"), pu ? pu->person : NULL, 50, IN_TEXT);
        html_raw(r, "</td><td>");
        row_input(r, src, fld(r, P, "units[%zu].%s", u, "phone"), pu ? pu->phone : NULL, 50, IN_TEXT);
        html_raw(r, "</td>");
        remove_box(r, src, fld(r, P, "units[%zu].%s", u, "remove"));
        row_note(r, src, "units", u);
    }
    html_raw(r, "</tbody></table>");
    form_error(r, fld0(r, P, "units"));
    list_note(r, src, "units");
    html_raw(r, "</fieldset>");
}

static void indicator_rows(Request *r, const RowSource *src, size_t rows)
{
    const Project *pr = src->pr;
    const char *P = src->prefix;
    html_raw(r, "<fieldset><legend>量化指标（没有量化指标的项目可留空，按进展自评）</legend>"
                "<table class=\"form-table\"><thead><tr><th>指标名称</th><th>比较</th><th>目标值</th>"
                "<th>计量单位</th><th>填报单位</th><th>删除</th></tr></thead><tbody>");
    static const char *const cmp_labels[CMP__MAX] = {"≥ 不少于", "≤ 不超过", "= 等于"};
    const char *cmps[CMP__MAX];
    for (int i = 0; i < CMP__MAX; i++) cmps[i] = comparator_name((enum Comparator)i);
    for (size_t k = 0; k < rows; k++) {
        const Indicator *ind = !src->typed && k < pr->n_indicators ? &pr->indicators[k] : NULL;
        html_raw(r, "<tr><td>");
        hidden_id(r, src, fld(r, P, "indicators[%zu].%s", k, "id"), ind ? ind->id : 0);
        row_input(r, src, fld(r, P, "indicators[%zu].%s", k, "name"), ind ? ind->name : NULL, 200, IN_TEXT);
        html_raw(r, "</td><td>");
        const char *cmp = fld(r, P, "indicators[%zu].%s", k, "comparator");
        select_opts(r, cmp, cmps, cmp_labels, CMP__MAX, typed_or(r, src, cmp, comparator_name(ind ? ind->cmp : CMP_GE)));
        html_raw(r, "</td><td>");
        row_input(r, src, fld(r, P, "indicators[%zu].%s", k, "target"), ind ? format_number(r->a, ind->target) : NULL,
                  20, IN_NUMBER);
        html_raw(r, "</td><td>");
        row_input(r, src, fld(r, P, "indicators[%zu].%s", k, "measure"), ind ? ind->measure : NULL, 20, IN_TEXT);
        const char *owner_field = fld(r, P, "indicators[%zu].%s", k, "owner");
        const char *owner = typed_or(r, src, owner_field, ind ? ind->owner_name : NULL);
        html_printf(r, "</td><td><select name=\"%s\"><option value=\"\">牵头单位</option>", owner_field);
        for (size_t u = 0; u < pr->n_units; u++)
            html_printf(r, "<option value=\"%s\"%s>%s</option>", pr->units[u].unit_name,
                        strcmp(owner, pr->units[u].unit_name) == 0 ? " selected" : "", pr->units[u].unit_name);
        html_raw(r, "</select>");
        form_error(r, owner_field);
        html_raw(r, "</td>");
        remove_box(r, src, fld(r, P, "indicators[%zu].%s", k, "remove"));
        row_note(r, src, "indicators", k);
    }
    html_raw(r, "</tbody></table>");
    form_error(r, fld0(r, P, "indicators"));
    list_note(r, src, "indicators");
    html_raw(r, "</fieldset>");
}

static void standard_rows(Request *r, const RowSource *src, size_t rows)
{
    const Project *pr = src->pr;
    const char *P = src->prefix;
    html_raw(r, "<fieldset><legend>补助标准（每人补贴金额等，不是考核指标）</legend><table class=\"form-table\">"
                "<thead><tr><th>名称</th><th>金额（元）</th><th>单位</th><th>删除</th></tr></thead><tbody>");
    for (size_t k = 0; k < rows; k++) {
        const Standard *st = !src->typed && k < pr->n_standards ? &pr->standards[k] : NULL;
        html_raw(r, "<tr><td>");
        hidden_id(r, src, fld(r, P, "standards[%zu].%s", k, "id"), st ? st->id : 0);
        row_input(r, src, fld(r, P, "standards[%zu].%s", k, "name"), st ? st->name : NULL, 200, IN_TEXT);
        html_raw(r, "</td><td>");
        row_input(r, src, fld(r, P, "standards[%zu].%s", k, "amount"), st ? format_yuan(r->a, st->amount_fen) : NULL,
                  20, IN_NUMBER);
        html_raw(r, "</td><td>");
        row_input(r, src, fld(r, P, "standards[%zu].%s", k, "measure"), st ? st->measure : NULL,
                  20, IN_PER_PERSON);
        html_raw(r, "</td>");
        remove_box(r, src, fld(r, P, "standards[%zu].%s", k, "remove"));
        row_note(r, src, "standards", k);
    }
    html_raw(r, "</tbody></table>");
    list_note(r, src, "standards");
    html_raw(r, "</fieldset>");
}

/* The number of rows the form was drawn with (a hidden field of ours). */
static size_t row_count(Request *r, const char *name)
{
    Id n = 0;
    if (!form_id(r, name, &n) || n > MAX_ROWS) return 0;
    return (size_t)n;
}

void project_form_fields(Request *r, const Project *pr, bool typed, const char *prefix, const FormNotes *notes,
                         size_t extra_rows)
{
    RowSource src = {typed, pr, prefix, notes};
    html_raw(r, "<div class=\"grid\">");
    form_text(r, fld0(r, prefix, "no"), "序号",
              typed_or(r, &src, fld0(r, prefix, "no"), pr->no ? arena_printf(r->a, "%d", pr->no) : ""), 4, "text");
    form_text(r, fld0(r, prefix, "title"), "实事名称（通知正文）", typed_or(r, &src, fld0(r, prefix, "title"), pr->title),
              300, "text");
    form_text(r, fld0(r, prefix, "report_title"), "实事名称（进展报表）",
              typed_or(r, &src, fld0(r, prefix, "report_title"), pr->report_title), 300, "text");
    form_text(r, fld0(r, prefix, "deadline"), "完成时限",
              typed_or(r, &src, fld0(r, prefix, "deadline"),
                       pr->deadline == DATE_NONE ? "" : date_iso(r->a, pr->deadline)),
              20, "date");
    html_raw(r, "</div>");
    form_note(r, notes, fld0(r, prefix, "title"));
    form_note(r, notes, fld0(r, prefix, "report_title"));
    form_textarea(r, fld0(r, prefix, "text"), "实事内容（通知原文）", typed_or(r, &src, fld0(r, prefix, "text"), pr->text), 6);
    size_t nu = typed ? row_count(r, fld0(r, prefix, "n_units")) : pr->n_units + extra_rows;
    size_t ni = typed ? row_count(r, fld0(r, prefix, "n_indicators")) : pr->n_indicators + extra_rows;
    size_t ns = typed ? row_count(r, fld0(r, prefix, "n_standards")) : pr->n_standards + extra_rows;
    html_printf(r, "<input type=\"hidden\" name=\"%s\" value=\"%zu\"><input type=\"hidden\" name=\"%s\" value=\"%zu\">"
                   "<input type=\"hidden\" name=\"%s\" value=\"%zu\">",
                fld0(r, prefix, "n_units"), nu, fld0(r, prefix, "n_indicators"), ni, fld0(r, prefix, "n_standards"), ns);
    unit_rows(r, &src, nu);
    indicator_rows(r, &src, ni);
    standard_rows(r, &src, ns);
}

void project_form_take_err(Request *r, const Err *e, const RowMap *maps, size_t n_maps, bool prefixed)
{
    const char *f = e->field;
    size_t k = 0;
    const char *dot = NULL;
    if (sscanf(f, "projects[%zu]", &k) == 1) dot = strchr(f, '.');
    if (!dot) {
        req_set_field_error(r, (!prefixed && strncmp(f, "projects", 8) == 0) || !*f ? "_form" : f, e->msg);
        return;
    }
    const char *leaf = dot + 1;
    const char *prefix = prefixed ? arena_printf(r->a, "projects[%zu].", k) : "";
    const RowMap *map = prefixed ? (k < n_maps ? &maps[k] : NULL) : maps;
    const struct { const char *name; const size_t *rows; size_t n; } kinds[] = {
        {"units", map ? map->unit : NULL, map ? map->n_unit : 0},
        {"indicators", map ? map->indicator : NULL, map ? map->n_indicator : 0},
        {"standards", map ? map->standard : NULL, map ? map->n_standard : 0},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        size_t len = strlen(kinds[i].name), m;
        char rest[48];
        if (strncmp(leaf, kinds[i].name, len) != 0 || sscanf(leaf + len, "[%zu]%47s", &m, rest) != 2) continue;
        if (m < kinds[i].n) {
            req_set_field_error(r, arena_printf(r->a, "%s%s[%zu]%s", prefix, kinds[i].name, kinds[i].rows[m], rest),
                                e->msg);
            return;
        }
    }
    req_set_field_error(r, arena_printf(r->a, "%s%s", prefix, leaf), e->msg);
}

/* Fills pr from the form; rows left blank or marked for removal are
 * dropped, and map records which form row each kept one came from. */
void project_form_read(Request *r, const char *prefix, Project *pr, RowMap *map)
{
    const char *s;
    long no;
    if (form_int(r, fld0(r, prefix, "no"), "序号", 1, 999, &no)) pr->no = (int)no;
    if ((s = form_string(r, fld0(r, prefix, "title"), "实事名称", 300, true, false))) pr->title = (char *)s;
    if ((s = form_string(r, fld0(r, prefix, "report_title"), "报表中的实事名称", 300, true, false))) pr->report_title = (char *)s;
    if ((s = form_string(r, fld0(r, prefix, "text"), "实事内容", 20000, false, true))) pr->text = (char *)s;
    form_date(r, fld0(r, prefix, "deadline"), "完成时限", true, &pr->deadline);

    size_t nu = row_count(r, fld0(r, prefix, "n_units")), ni = row_count(r, fld0(r, prefix, "n_indicators")), ns = row_count(r, fld0(r, prefix, "n_standards"));
    ProjectUnit *units = ARENA_ARRAY(r->a, ProjectUnit, nu + 1);
    map->unit = ARENA_ARRAY(r->a, size_t, nu + 1);
    size_t n = 0;
    for (size_t u = 0; u < nu; u++) {
        if (form_checked(r, fld(r, prefix, "units[%zu].%s", u, "remove"))) continue;
        const char *name = form_string(r, fld(r, prefix, "units[%zu].%s", u, "name"), "单位名称", 100, false, false);
        if (!name || !*name) continue;
        ProjectUnit *pu = &units[n];
        pu->unit_name = (char *)name;
        Id id = 0;
        form_id(r, fld(r, prefix, "units[%zu].%s", u, "id"), &id);
        /* an id is kept only when it belongs to this project */
        for (size_t k = 0; k < pr->n_units; k++)
            if (pr->units[k].id == id) pu->id = id;
        const char *role = fld(r, prefix, "units[%zu].%s", u, "role");
        pu->role = UNIT_RESPONSIBLE;
        form_chosen(r, role, "角色", unit_role_parse(params_get(&r->form, role), &pu->role));
        pu->department = (char *)form_optional(r, fld(r, prefix, "units[%zu].%s", u, "department"), "责任科室", 100);
        pu->person = (char *)form_optional(r, fld(r, prefix, "units[%zu].%s", u, "person"), "责任人", 50);
        pu->phone = (char *)form_optional(r, fld(r, prefix, "units[%zu].%s", u, "phone"), "联系电话", 50);
        map->unit[n++] = u;
    }

    Indicator *inds = ARENA_ARRAY(r->a, Indicator, ni + 1);
    map->indicator = ARENA_ARRAY(r->a, size_t, ni + 1);
    size_t m = 0;
    for (size_t k = 0; k < ni; k++) {
        if (form_checked(r, fld(r, prefix, "indicators[%zu].%s", k, "remove"))) continue;
        const char *name = form_string(r, fld(r, prefix, "indicators[%zu].%s", k, "name"), "指标名称", 200, false, false);
        const char *target_s = params_get(&r->form, fld(r, prefix, "indicators[%zu].%s", k, "target"));
        if ((!name || !*name) && (!target_s || !*target_s)) continue;
        Indicator *ind = &inds[m];
        ind->name = (char *)(name ? name : "");
        if (!*ind->name) req_set_field_error(r, fld(r, prefix, "indicators[%zu].%s", k, "name"), "请填写指标名称");
        form_number(r, fld(r, prefix, "indicators[%zu].%s", k, "target"), "目标值", true, &ind->target, NULL);
        ind->measure = (char *)form_string(r, fld(r, prefix, "indicators[%zu].%s", k, "measure"), "计量单位", 20, true, false);
        if (!ind->measure) ind->measure = "";
        const char *cmp = fld(r, prefix, "indicators[%zu].%s", k, "comparator");
        ind->cmp = CMP_GE;
        form_chosen(r, cmp, "比较方式", comparator_parse(params_get(&r->form, cmp), &ind->cmp));
        ind->owner_name = (char *)form_optional(r, fld(r, prefix, "indicators[%zu].%s", k, "owner"), "填报单位", 100);
        Id id = 0;
        form_id(r, fld(r, prefix, "indicators[%zu].%s", k, "id"), &id);
        for (size_t j = 0; j < pr->n_indicators; j++)
            if (pr->indicators[j].id == id) ind->id = id;
        map->indicator[m++] = k;
    }

    Standard *stds = ARENA_ARRAY(r->a, Standard, ns + 1);
    map->standard = ARENA_ARRAY(r->a, size_t, ns + 1);
    size_t q = 0;
    for (size_t k = 0; k < ns; k++) {
        if (form_checked(r, fld(r, prefix, "standards[%zu].%s", k, "remove"))) continue;
        const char *name = form_string(r, fld(r, prefix, "standards[%zu].%s", k, "name"), "标准名称", 200, false, false);
        if (!name || !*name) continue;
        Standard *s2 = &stds[q];
        s2->name = (char *)name;
        double yuan = 0;
        if (form_number(r, fld(r, prefix, "standards[%zu].%s", k, "amount"), "金额", true, &yuan, NULL))
            s2->amount_fen = llround(yuan * 100);
        s2->measure = (char *)form_string(r, fld(r, prefix, "standards[%zu].%s", k, "measure"), "单位", 20, true, false);
        if (!s2->measure) s2->measure = "";
        Id id = 0;
        form_id(r, fld(r, prefix, "standards[%zu].%s", k, "id"), &id);
        for (size_t j = 0; j < pr->n_standards; j++)
            if (pr->standards[j].id == id) s2->id = id;
        map->standard[q++] = k;
    }
    pr->units = units;
    pr->n_units = map->n_unit = n;
    pr->indicators = inds;
    pr->n_indicators = map->n_indicator = m;
    pr->standards = stds;
    pr->n_standards = map->n_standard = q;
}
