/*
 * page_report.c - one unit's report on one project for one round: the
 * clerk fills, saves and submits it; the coordinator accepts it or returns
 * it with a reason; everyone allowed reads it, its evidence and its
 * versions. The router has already checked that a reporter is of the
 * report's unit (unit_of_report_path).
 */
#include <math.h>
#include <string.h>

#include "core/files.h"
#include "core/programme.h"
#include "core/report_flow.h"
#include "core/reports.h"
#include "core/vocab.h"
#include "lib/timeutil.h"
#include "web/html.h"
#include "web/server.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/widgets.h"

Id unit_of_report_path(Request *r)
{
    return req_path_id(r, 2);
}

static const char *report_url(Request *r, const ReportContext *c)
{
    return arena_printf(r->a, "/report/%lld/%lld/%lld", (long long)c->round->id,
                        (long long)c->project->id, (long long)c->unit.id);
}

static ReportContext *load(Request *r)
{
    ReportContext *c;
    Err e = ERR_INIT;
    if (report_context(r->db, r->a, req_path_id(r, 0), req_path_id(r, 1), req_path_id(r, 2), &c, &e) < 0) {
        widget_fail(r, &e);
        return NULL;
    }
    return c;
}

static bool editable(const Request *r, const ReportContext *c)
{
    enum ReportStatus s = c->stored ? c->report.status : REPORT_NONE;
    return r->user.role == ROLE_REPORTER && r->user.unit_id == c->unit.id && !c->round->closed &&
           (s == REPORT_NONE || s == REPORT_DRAFT || s == REPORT_RETURNED);
}

static const char *num_or_dash(Arena *a, double v)
{
    return isnan(v) ? "—" : format_number(a, v);
}

static void header(Request *r, const ReportContext *c)
{
    html_printf(r, "<p class=\"crumbs\"><a href=\"/p/%lld\">%s</a> › <a href=\"/project/%lld\">%s</a> › "
                   "<a href=\"/unit/%lld\">%s</a></p>",
                (long long)c->programme->id, c->programme->title, (long long)c->project->id,
                c->project->title, (long long)c->unit.id, c->unit.name);
    enum ReportStatus s = c->stored ? c->report.status : REPORT_NONE;
    html_printf(r, "<h1>%s · %s <span class=\"badge rs-%s\">%s</span></h1>", c->round->name, c->unit.name,
                s ? report_status_name(s) : "none", report_status_label(s));
    html_printf(r, "<p class=\"meta\">%d. %s · 统计截至%s · 报送期限%s%s · 序时进度 %s</p>", c->project->no,
                c->project->title, date_cn(r->a, c->round->period_end), date_cn(r->a, c->round->due),
                c->round->closed ? "（本轮已关闭）" : "", format_percent(r->a, c->expected));
    if (s == REPORT_RETURNED && c->report.return_reason)
        html_printf(r, "<div class=\"notice error\" role=\"alert\"><b>协调办公室退回了此报告：</b>%s"
                       "<br>请修改后重新报送。</div>",
                    c->report.return_reason);
    if (c->stored && c->report.submitted_at)
        html_printf(r, "<p class=\"meta\">最近报送：%s%s</p>", fmt_ts(r->a, c->report.submitted_at),
                    c->report.reviewed_at ? arena_printf(r->a, " · 审核：%s", fmt_ts(r->a, c->report.reviewed_at)) : "");
}

/* The figures: target, what 序时进度 expects by now, the previous counted
 * figure, the ledger's total, the cumulative figure, and this quarter's
 * increase derived from the two. */
static void figures(Request *r, const ReportContext *c, bool edit)
{
    const Project *pr = c->project;
    if (pr->n_indicators == 0) {
        html_raw(r, "<fieldset><legend>项目进展自评（本项目无量化指标）</legend>");
        for (int s = SELF_NOT_STARTED; s < SELF_STATUS__MAX; s++) {
            bool on = c->report.self_status == (enum SelfStatus)s;
            if (edit)
                html_printf(r, "<label class=\"check\"><input type=\"radio\" name=\"self_status\" value=\"%s\"%s> %s</label>",
                            self_status_name((enum SelfStatus)s), on ? " checked" : "", self_status_label((enum SelfStatus)s));
            else if (on)
                html_printf(r, "<p>%s</p>", self_status_label((enum SelfStatus)s));
        }
        form_error(r, "self_status");
        html_raw(r, "</fieldset>");
        return;
    }
    html_raw(r, "<div class=\"scroll\"><table class=\"figures\"><thead><tr><th>指标</th><th>目标</th>"
                "<th>序时应完成</th><th>上轮累计</th><th>台账合计</th><th>累计完成</th><th>本季度新增</th>"
                "</tr></thead><tbody>");
    for (size_t k = 0; k < pr->n_indicators; k++) {
        const Indicator *ind = &pr->indicators[k];
        double v = report_value_of(&c->report, ind->id);
        const char *field = arena_printf(r->a, "value_%lld", (long long)ind->id);
        html_printf(r, "<tr><td>%s</td><td class=\"num\">%s%s%s</td><td class=\"num\">%s</td>"
                       "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">",
                    ind->name, comparator_label(ind->cmp), format_number(r->a, ind->target), ind->measure,
                    format_expected(r->a, ind, c->expected), num_or_dash(r->a, c->previous[k]),
                    num_or_dash(r->a, c->ledger[k]));
        if (!c->owned[k]) {
            html_printf(r, "%s<br><small class=\"muted\">由%s填报</small>", num_or_dash(r->a, v),
                        indicator_owner_name(pr, ind));
        } else if (edit) {
            const char *typed = params_get(&r->form, field);
            html_printf(r, "<input name=\"%s\" value=\"%s\" inputmode=\"decimal\" maxlength=\"20\" size=\"8\" "
                           "aria-label=\"%s累计完成\">",
                        field, typed ? typed : isnan(v) ? "" : format_number(r->a, v), ind->name);
            form_error(r, field);
        } else {
            html_printf(r, "%s", num_or_dash(r->a, v));
        }
        double inc = !isnan(v) ? v - (isnan(c->previous[k]) ? 0 : c->previous[k]) : NAN;
        html_printf(r, "</td><td class=\"num\">%s", num_or_dash(r->a, inc));
        if (!isnan(inc) && inc < 0) html_raw(r, "<br><small class=\"st-serious\">低于上轮累计，请核实</small>");
        html_raw(r, "</td></tr>");
    }
    html_raw(r, "</tbody></table></div><p class=\"hint\">填写自年初以来的累计完成数；本季度新增 = 累计完成 − 上轮累计。"
                "新报告自动带入上轮报告和台账合计，只需修改变化的部分。</p>");
}

static void text_block(Request *r, const char *label, const char *text)
{
    html_printf(r, "<h3>%s</h3><p class=\"text\">%s</p>", label, text && *text ? text : "（未填写）");
}

static void evidence(Request *r, const ReportContext *c, bool edit)
{
    html_raw(r, "<h2>佐证材料</h2>");
    if (c->n_evidence == 0) html_raw(r, "<p class=\"muted\">暂无。</p>");
    else html_raw(r, "<ul class=\"files\">");
    for (size_t i = 0; i < c->n_evidence; i++) {
        const Attachment *f = &c->evidence[i];
        html_printf(r, "<li><a href=\"/file/%lld\">%s</a> <small class=\"muted\">%lldKB · %s</small>",
                    (long long)f->id, f->filename, (long long)((f->size + 1023) / 1024),
                    fmt_ts(r->a, f->uploaded_at));
        if (edit) {
            form_begin(r, arena_printf(r->a, "/file/%lld/delete", (long long)f->id));
            html_raw(r, "<button type=\"submit\" class=\"small\">删除</button>");
            form_end(r);
        }
        html_raw(r, "</li>");
    }
    if (c->n_evidence) html_raw(r, "</ul>");
    if (edit && c->stored) {
        form_begin_upload(r, arena_printf(r->a, "%s/evidence", report_url(r, c)));
        html_raw(r, "<label class=\"field\"><span>上传佐证材料（PDF、Word、WPS、Excel、JPEG、PNG，最大20MB）</span>"
                    "<input type=\"file\" name=\"file\" required>");
        form_error(r, "file");
        html_raw(r, "</label><button type=\"submit\">上传</button>");
        form_end(r);
    } else if (edit) {
        html_raw(r, "<p class=\"hint\">先保存草稿，再上传佐证材料。</p>");
    }
}

static void review(Request *r, const ReportContext *c)
{
    if (r->user.role != ROLE_ADMIN || !c->stored || c->report.status != REPORT_SUBMITTED || c->round->closed)
        return;
    html_raw(r, "<section class=\"review\"><h2>审核</h2>");
    form_begin(r, arena_printf(r->a, "%s/review", report_url(r, c)));
    html_raw(r, "<input type=\"hidden\" name=\"decision\" value=\"accept\"><button type=\"submit\">采纳</button>");
    form_end(r);
    form_begin(r, arena_printf(r->a, "%s/review", report_url(r, c)));
    html_raw(r, "<input type=\"hidden\" name=\"decision\" value=\"return\">");
    form_textarea(r, "reason", "退回理由（必填，单位会在报告顶部看到）", params_get(&r->form, "reason"), 3);
    html_raw(r, "<button type=\"submit\" class=\"danger\">退回修改</button>");
    form_end(r);
    html_raw(r, "</section>");
}

static void report_page(Request *r, ReportContext *c)
{
    bool edit = editable(r, c);
    if (c->stored && !report_visible_to(&c->report, &r->actor)) {
        resp_error(r, 403, "报告尚未报送，只有本单位可以查看草稿");
        return;
    }
    page_begin(r, arena_printf(r->a, "%s · %s", c->round->name, c->unit.name));
    header(r, c);
    const char *msg = req_field_error(r, "_form");
    if (msg) html_printf(r, "<p class=\"notice error\" role=\"alert\">%s</p>", msg);
    else if (r->field_errors.n) html_raw(r, "<p class=\"notice error\" role=\"alert\">报告有误，请按提示修改。</p>");
    const char *saved = params_get(&r->query, "saved");
    if (saved && !r->field_errors.n)
        html_printf(r, "<p class=\"notice ok\" role=\"status\">%s</p>",
                    strcmp(saved, "submit") == 0 ? "已报送，等待协调办公室审核。" : "草稿已保存。");
    if (edit) {
        form_begin(r, report_url(r, c));
        html_printf(r, "<input type=\"hidden\" name=\"version\" value=\"%d\">", c->stored ? c->report.version : 0);
    }
    html_raw(r, "<h2>完成情况</h2>");
    figures(r, c, edit);
    if (edit) {
        form_textarea(r, "measures", "本季度具体措施及任务进度情况", c->report.measures, 8);
        form_textarea(r, "problems", "存在问题", c->report.problems, 3);
        form_textarea(r, "next_steps", "下步打算", c->report.next_steps, 3);
        form_text(r, "expected_completion", "预计完成时间",
                  c->report.expected_completion == DATE_NONE ? "" : date_iso(r->a, c->report.expected_completion),
                  20, "date");
        html_raw(r, "<p class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"save\" class=\"secondary\">保存草稿</button> "
                    "<button type=\"submit\" name=\"action\" value=\"submit\">报送</button></p>");
        form_end(r);
    } else {
        text_block(r, "本季度具体措施及任务进度情况", c->report.measures);
        text_block(r, "存在问题", c->report.problems);
        text_block(r, "下步打算", c->report.next_steps);
        if (c->report.expected_completion != DATE_NONE)
            html_printf(r, "<p>预计完成时间：%s</p>", date_cn(r->a, c->report.expected_completion));
        if (!c->stored) html_raw(r, "<p class=\"muted\">本单位尚未填报。</p>");
    }
    evidence(r, c, edit);
    review(r, c);
    if (c->stored && c->report.version > 1)
        html_printf(r, "<p><a href=\"%s/versions\">历次版本（共%d版）</a></p>", report_url(r, c), c->report.version);
    page_end(r);
}

void page_report(Request *r)
{
    ReportContext *c = load(r);
    if (c) report_page(r, c);
}

/* Reads the form into a Report; field errors are recorded on r. */
static void read_form(Request *r, const ReportContext *c, Report *in)
{
    memset(in, 0, sizeof *in);
    in->measures = (char *)form_string(r, "measures", "本季度具体措施及任务进度情况", REPORT_TEXT_MAX_CHARS, false, true);
    in->problems = (char *)form_string(r, "problems", "存在问题", REPORT_TEXT_MAX_CHARS, false, true);
    in->next_steps = (char *)form_string(r, "next_steps", "下步打算", REPORT_TEXT_MAX_CHARS, false, true);
    form_date(r, "expected_completion", "预计完成时间", false, &in->expected_completion);
    const char *self = params_get(&r->form, "self_status");
    in->self_status = SELF_NONE;
    if (self && *self) form_chosen(r, "self_status", "进展自评", self_status_parse(self, &in->self_status));
    const Project *pr = c->project;
    in->values = ARENA_ARRAY(r->a, ReportValue, pr->n_indicators + 1);
    for (size_t k = 0; k < pr->n_indicators; k++) {
        if (!c->owned[k]) continue;
        const char *field = arena_printf(r->a, "value_%lld", (long long)pr->indicators[k].id);
        double v;
        bool present;
        if (form_number(r, field, pr->indicators[k].name, false, &v, &present) && present)
            in->values[in->n_values++] = (ReportValue){pr->indicators[k].id, v, true};
    }
}

void page_report_save(Request *r)
{
    ReportContext *c = load(r);
    if (!c) return;
    Report in;
    read_form(r, c, &in);
    Id version = 0;
    form_id(r, "version", &version);
    const char *action = params_get(&r->form, "action");
    enum ReportAction act = action && strcmp(action, "submit") == 0 ? REPORT_ACTION_SUBMIT : REPORT_ACTION_SAVE;
    Err e = ERR_INIT;
    if (!r->field_errors.n && report_save(r->db, r->a, &r->actor, c, &in, (int)version, act, &e) < 0)
        req_take_err(r, &e);
    if (r->field_errors.n) {
        /* show what was typed, with the messages */
        if (in.measures) c->report.measures = in.measures;
        if (in.problems) c->report.problems = in.problems;
        if (in.next_steps) c->report.next_steps = in.next_steps;
        c->report.self_status = in.self_status;
        r->status = http_status(&e);
        report_page(r, c);
        return;
    }
    resp_redirect(r, arena_printf(r->a, "%s?saved=%s", report_url(r, c), act == REPORT_ACTION_SUBMIT ? "submit" : "save"));
}

void page_report_review(Request *r)
{
    ReportContext *c = load(r);
    if (!c) return;
    const char *decision = params_get(&r->form, "decision");
    bool accept = decision && strcmp(decision, "accept") == 0;
    const char *reason = accept ? NULL : form_string(r, "reason", "退回理由", 1000, false, true);
    Err e = ERR_INIT;
    if (!c->stored) {
        err_set(&e, ERR_CONFLICT, NULL, "单位尚未填报，无法审核");
        req_take_err(r, &e);
    } else if (!r->field_errors.n &&
               report_review(r->db, r->a, &r->actor, c->report.id, accept, reason, &e) < 0) {
        req_take_err(r, &e);
    }
    if (r->field_errors.n) {
        r->status = http_status(&e);
        report_page(r, c);
        return;
    }
    resp_redirect(r, report_url(r, c));
}

void page_report_evidence(Request *r)
{
    ReportContext *c = load(r);
    if (!c) return;
    Err e = ERR_INIT;
    const Upload *up = r->n_uploads ? &r->uploads[0] : NULL;
    IncomingFile in = {up ? up->tmp_path : NULL, up ? up->filename : NULL, up ? up->size : 0,
                       up ? up->too_large : false};
    Attachment att = {0};
    att.kind = ATTACH_EVIDENCE;
    att.project_id = c->project->id;
    att.unit_id = c->unit.id;
    att.report_id = c->stored ? c->report.id : 0;
    /* core decides whether the report takes evidence now; a refusal has no
     * field (a read-only page has no upload field): it goes to the top */
    if (attachment_add(r->db, r->a, &r->actor, r->cfg->files_dir, &in, (int64_t)r->cfg->max_upload_bytes, &att, &e) < 0) {
        req_take_err(r, &e);
        r->status = http_status(&e);
        report_page(r, c);
        return;
    }
    resp_redirect(r, report_url(r, c));
}

void page_report_versions(Request *r)
{
    ReportContext *c = load(r);
    if (!c) return;
    if (!c->stored || !report_visible_to(&c->report, &r->actor)) {
        resp_error(r, c->stored ? 403 : 404, "没有可查看的版本");
        return;
    }
    ReportVersion *v;
    size_t n;
    Err e = ERR_INIT;
    if (store_report_versions(r->db, r->a, c->report.id, &v, &n, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    page_begin(r, "历次版本");
    header(r, c);
    html_raw(r, "<h2>历次版本</h2><table><thead><tr><th>版本</th><th>状态</th><th>保存人</th><th>时间</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        html_printf(r, "<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td></tr>", v[i].version,
                    report_status_label(v[i].status), v[i].login ? v[i].login : "—", fmt_ts(r->a, v[i].created_at));
    html_raw(r, "</tbody></table>");
    Id a = 0, b = 0;
    query_id(r, "a", &a);
    query_id(r, "b", &b);
    if (!a && n >= 2) a = (Id)v[n - 2].version;
    if (!b && n >= 1) b = (Id)v[n - 1].version;
    html_printf(r, "<form method=\"get\" action=\"%s/versions\" class=\"inline\"><label>比较 第<select name=\"a\">",
                report_url(r, c));
    for (size_t i = 0; i < n; i++)
        html_printf(r, "<option value=\"%d\"%s>%d</option>", v[i].version, (Id)v[i].version == a ? " selected" : "", v[i].version);
    html_raw(r, "</select>版</label> <label>与 第<select name=\"b\">");
    for (size_t i = 0; i < n; i++)
        html_printf(r, "<option value=\"%d\"%s>%d</option>", v[i].version, (Id)v[i].version == b ? " selected" : "", v[i].version);
    html_raw(r, "</select>版</label> <button type=\"submit\">比较</button></form>");
    const char *sa = NULL, *sb = NULL;
    for (size_t i = 0; i < n; i++) {
        if ((Id)v[i].version == a) sa = v[i].snapshot;
        if ((Id)v[i].version == b) sb = v[i].snapshot;
    }
    if (sa && sb) {
        ReportFieldDiff *d;
        size_t nd = report_diff(r->a, c->project, sa, sb, &d);
        html_printf(r, "<h3>第%lld版 → 第%lld版</h3>", (long long)a, (long long)b);
        if (!nd) html_raw(r, "<p class=\"muted\">两个版本内容相同。</p>");
        else html_raw(r, "<table class=\"diff\"><thead><tr><th>字段</th><th>之前</th><th>之后</th></tr></thead><tbody>");
        for (size_t i = 0; i < nd; i++)
            html_printf(r, "<tr><td>%s</td><td class=\"before\">%s</td><td class=\"after\">%s</td></tr>", d[i].label,
                        d[i].before, d[i].after);
        if (nd) html_raw(r, "</tbody></table>");
    }
    page_end(r);
}
