/*
 * page_notice.c - importing a published notice (issue 6's web part): the
 * coordinator uploads it (.txt in UTF-8 or GB18030, or .docx), sees the
 * draft as one editable form — programme fields, and for each project both
 * titles, text, deadline, units with roles, indicators and standards — with
 * the sentence of the notice beside each field and what is doubtful marked,
 * corrects it, and confirms. Nothing is stored before confirmation; the
 * draft travels in the form itself (with its notes, so a form that fails
 * validation comes back with them).
 */
#include <stdio.h>
#include <string.h>

#include "core/programme.h"
#include "core/programme_ops.h"
#include "core/vocab.h"
#include "io/notice.h"
#include "lib/timeutil.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/project_form.h"
#include "web/widgets.h"

#define MAX_NOTES 4000

static void upload_form(Request *r)
{
    page_begin(r, "导入通知");
    html_raw(r, "<h1>导入通知</h1><p class=\"hint\">上传当年的“为民办实事”通知（.txt 或 .docx）。系统读出实事项目、"
                "责任单位和量化指标，生成草稿供核对，确认后才保存为实事计划。</p>");
    form_begin_upload(r, "/admin/import");
    html_raw(r, "<label class=\"field\"><span>通知文件（最大20MB）</span><input type=\"file\" name=\"file\" required>");
    form_error(r, "file");
    html_raw(r, "</label><button type=\"submit\">读取并核对</button>");
    form_end(r);
    page_end(r);
}

void page_notice_form(Request *r)
{
    upload_form(r);
}

/* The notes ride along in hidden fields. */
static void notes_hidden(Request *r, const FormNotes *fn)
{
    html_printf(r, "<input type=\"hidden\" name=\"n_notes\" value=\"%zu\">", fn->n);
    for (size_t i = 0; i < fn->n; i++) {
        const NoticeNote *n = &fn->notes[i];
        html_printf(r, "<input type=\"hidden\" name=\"note%zu.path\" value=\"%s\">", i, n->path);
        if (n->source) html_printf(r, "<input type=\"hidden\" name=\"note%zu.source\" value=\"%s\">", i, n->source);
        if (n->flag) html_printf(r, "<input type=\"hidden\" name=\"note%zu.flag\" value=\"%s\">", i, n->flag);
    }
}

static FormNotes notes_from_form(Request *r)
{
    FormNotes fn = {0};
    Id n = 0;
    if (!form_id(r, "n_notes", &n) || n > MAX_NOTES) return fn;
    NoticeNote *v = ARENA_ARRAY(r->a, NoticeNote, (size_t)n + 1);
    for (size_t i = 0; i < (size_t)n; i++) {
        const char *path = params_get(&r->form, arena_printf(r->a, "note%zu.path", i));
        if (!path) continue;
        v[fn.n++] = (NoticeNote){path, params_get(&r->form, arena_printf(r->a, "note%zu.source", i)),
                                 params_get(&r->form, arena_printf(r->a, "note%zu.flag", i))};
    }
    fn.notes = v;
    return fn;
}

static const char *typed(Request *r, bool from_form, const char *name, const char *stored)
{
    if (from_form) {
        const char *v = params_get(&r->form, name);
        return v ? v : "";
    }
    return stored ? stored : "";
}

static void review_form(Request *r, const Programme *p, const FormNotes *fn, bool from_form)
{
    size_t flags = 0;
    for (size_t i = 0; i < fn->n; i++)
        if (fn->notes[i].flag) flags++;
    page_begin(r, "核对通知草稿");
    html_raw(r, "<h1>核对通知草稿</h1>");
    const char *msg = req_field_error(r, "_form");
    if (msg) html_printf(r, "<p class=\"notice error\" role=\"alert\">%s</p>", msg);
    else if (r->field_errors.n) html_raw(r, "<p class=\"notice error\" role=\"alert\">草稿有误，请按提示修改后再确认。</p>");
    html_printf(r, "<p class=\"hint\">共读出%zu个实事项目。每个字段旁边是通知原文，请逐项核对；%zu处标有“请核对”。"
                   "确认之前不会保存任何内容。</p>",
                p->n_projects, flags);
    form_begin(r, "/admin/import/confirm");
    notes_hidden(r, fn);
    html_printf(r, "<input type=\"hidden\" name=\"n_projects\" value=\"%zu\">", p->n_projects);
    html_raw(r, "<fieldset><legend>实事计划</legend><div class=\"grid\">");
    form_text(r, "title", "名称", typed(r, from_form, "title", p->title), 300, "text");
    form_text(r, "year", "年度", typed(r, from_form, "year", p->year ? arena_printf(r->a, "%d", p->year) : ""), 4, "text");
    form_text(r, "issuer", "发文单位", typed(r, from_form, "issuer", p->issuer), 100, "text");
    form_text(r, "issued", "发文日期",
              typed(r, from_form, "issued", p->issued == DATE_NONE ? "" : date_iso(r->a, p->issued)), 20, "date");
    form_text(r, "coordinator", "协调办公室", typed(r, from_form, "coordinator", p->coordinator), 100, "text");
    form_text(r, "phone", "联系电话", typed(r, from_form, "phone", p->phone), 50, "text");
    form_text(r, "email", "电子邮箱", typed(r, from_form, "email", p->email), 200, "text");
    form_text(r, "report_form_title", "进展报表标题", typed(r, from_form, "report_form_title", p->report_form_title), 300,
              "text");
    html_raw(r, "<label class=\"field\"><span>报送周期</span>");
    static const char *const cadence_labels[CADENCE__MAX] = {"按季度", "按月"};
    const char *cadences[CADENCE__MAX];
    for (int i = 0; i < CADENCE__MAX; i++) cadences[i] = cadence_name((enum Cadence)i);
    select_opts(r, "reporting", cadences, cadence_labels, CADENCE__MAX,
                typed(r, from_form, "reporting", cadence_name(p->reporting)));
    html_raw(r, "</label>");
    bool pub = from_form ? form_checked(r, "is_public") : p->is_public;
    html_printf(r, "<label class=\"check\"><input type=\"checkbox\" name=\"is_public\" value=\"1\"%s> 此件公开发布</label></div>",
                pub ? " checked" : "");
    static const struct { const char *path, *label; } TOP[] = {
        {"title", "名称"}, {"year", "年度"}, {"issuer", "发文单位"}, {"issued", "发文日期"},
        {"coordinator", "协调办公室"}, {"contact.phone", "联系电话"}, {"contact.email", "电子邮箱"},
        {"reporting", "报送周期"}, {"report_form_title", "进展报表标题"}, {"public", "公开发布"},
    };
    html_raw(r, "<dl class=\"notes\">");
    for (size_t i = 0; i < sizeof TOP / sizeof *TOP; i++) {
        html_printf(r, "<dt>%s</dt><dd>", TOP[i].label);
        form_note(r, fn, TOP[i].path);
        html_raw(r, "</dd>");
    }
    html_raw(r, "</dl></fieldset><datalist id=\"unit-names\">");
    const char **units;
    size_t nu = programme_unit_names(p, r->a, &units);
    for (size_t i = 0; i < nu; i++) html_printf(r, "<option value=\"%s\">", units[i]);
    html_raw(r, "</datalist>");
    for (size_t i = 0; i < p->n_projects; i++) {
        html_printf(r, "<fieldset class=\"project\"><legend>第%zu项</legend>", i + 1);
        project_form_fields(r, &p->projects[i], from_form, arena_printf(r->a, "projects[%zu].", i), fn, 1);
        html_raw(r, "</fieldset>");
    }
    html_raw(r, "<p><button type=\"submit\">确认并保存为实事计划</button> <a href=\"/admin/import\">重新上传</a></p>");
    form_end(r);
    page_end(r);
}

void page_notice_upload(Request *r)
{
    Err e = ERR_INIT;
    FileBytes file;
    int status;
    NoticeDraft *d;
    if (form_file_bytes(r, NOTICE_MAX_FILE, &file, &status)) {
        if (notice_import(file.data, file.len, file.filename, r->a, &d, &e) == 0) {
            FormNotes fn = {d->notes, d->n_notes};
            review_form(r, d->programme, &fn, false);
            return;
        }
        req_set_field_error(r, "file", e.msg);
    }
    r->status = status;
    upload_form(r);
}

void page_notice_confirm(Request *r)
{
    FormNotes fn = notes_from_form(r);
    Id n_projects = 0;
    if (!form_id(r, "n_projects", &n_projects) || n_projects > NOTICE_MAX_PROJECTS) {
        resp_error(r, 400, "草稿有误，请重新上传通知");
        return;
    }
    Programme *p = ARENA_NEW(r->a, Programme);
    p->issued = p->start = p->deadline = DATE_NONE;
    long year = 0;
    p->title = (char *)form_string(r, "title", "名称", 300, true, false);
    if (form_int(r, "year", "年度", 1900, 2999, &year)) p->year = (int)year;
    p->issuer = (char *)form_optional(r, "issuer", "发文单位", 100);
    form_date(r, "issued", "发文日期", false, &p->issued);
    p->coordinator = (char *)form_string(r, "coordinator", "协调办公室", 100, true, false);
    p->phone = (char *)form_optional(r, "phone", "联系电话", 50);
    p->email = (char *)form_optional(r, "email", "电子邮箱", 200);
    p->report_form_title = (char *)form_optional(r, "report_form_title", "进展报表标题", 300);
    form_chosen(r, "reporting", "报送周期", cadence_parse(params_get(&r->form, "reporting"), &p->reporting));
    p->is_public = form_checked(r, "is_public");
    p->n_projects = (size_t)n_projects;
    p->projects = ARENA_ARRAY(r->a, Project, p->n_projects + 1);
    RowMap *maps = ARENA_ARRAY(r->a, RowMap, p->n_projects + 1);
    for (size_t i = 0; i < p->n_projects; i++) {
        p->projects[i].deadline = DATE_NONE;
        project_form_read(r, arena_printf(r->a, "projects[%zu].", i), &p->projects[i], &maps[i]);
    }
    Err e = ERR_INIT;
    if (!r->field_errors.n) {
        programme_apply_defaults(p);
        if (programme_create(r->db, r->a, &r->actor, p, &e) < 0) project_form_take_err(r, &e, maps, p->n_projects, true);
    }
    if (r->field_errors.n) {
        r->status = 400;
        review_form(r, p, &fn, true);
        return;
    }
    resp_redirect(r, arena_printf(r->a, "/p/%lld", (long long)p->id));
}
