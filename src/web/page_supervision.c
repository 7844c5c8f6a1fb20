/*
 * page_supervision.c - 报送情况 and 催报: for a round, the matrix of
 * projects × units with each report's state and timeliness, totals and
 * each unit's on-time rate; and the printable list of units that have not
 * submitted, with the forms that record a reminder or e-mail it. The
 * coordinator acts; leaders read; reporters are kept out by the route table.
 */
#include <string.h>

#include "core/programme.h"
#include "core/reminders.h"
#include "core/supervision.h"
#include "db/db.h"
#include "lib/timeutil.h"
#include "web/fragment.h"
#include "web/chart.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/server.h"
#include "web/widgets.h"

/* ---- shared pieces ----------------------------------------------------------------- */

/* "距报送期限还有3天" / "今天是报送期限" / "已逾期5天" */
static char *due_phrase(Arena *a, const Round *rd, int today)
{
    int d = reminder_days_to_due(rd, today);
    if (d > 0) return arena_printf(a, "距报送期限还有%d天", d);
    if (d == 0) return arena_strdup(a, "今天是报送期限");
    return arena_printf(a, "已过报送期限%d天", -d);
}

static void round_meta(Request *r, const Supervision *s, int today)
{
    const Round *rd = s->round;
    html_printf(r, "<p class=\"meta\">统计截至%s · 报送期限%s · %s%s</p>", date_cn(r->a, rd->period_end),
                date_cn(r->a, rd->due), due_phrase(r->a, rd, today),
                rd->closed ? " · 本轮次已关闭" : "");
}

static const char *report_href(Request *r, const Round *rd, const Project *pr, Id unit_id)
{
    return arena_printf(r->a, "/report/%lld/%lld/%lld", (long long)rd->id, (long long)pr->id,
                        (long long)unit_id);
}

/* ---- GET /round/{id}/status ----------------------------------------------------------- */

static void totals_cells(Request *r, const SupTotals *t)
{
    html_printf(r, "<td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num%s\">%d</td>"
                   "<td class=\"num%s\">%d</td>",
                t->expected, t->on_time, t->late ? " sv-late" : "", t->late,
                t->unsent ? " sv-overdue" : "", t->unsent);
}

static void matrix_cell(Request *r, const SupMatrix *m, size_t i, size_t j)
{
    const SupCell *c = supervision_at(m, i, j);
    if (!c->expected) {
        html_raw(r, "<td class=\"sv-na\"></td>");
        return;
    }
    const Project *pr = &m->programme->projects[i];
    const char *when = c->report && c->report->first_submitted_at
                           ? arena_printf(r->a, "首次提交：%s", fmt_ts(r->a, c->report->first_submitted_at))
                           : "尚未提交";
    html_printf(r, "<td class=\"sv %s\"><a href=\"%s\" title=\"%s · %s\">%s</a></td>",
                supervision_cell_class(c), report_href(r, m->round, pr, m->units[j]->unit_id),
                m->units[j]->unit_name, when, supervision_cell_label(c));
}

static void matrix_table(Request *r, const SupMatrix *m)
{
    const Programme *p = m->programme;
    html_raw(r, "<div class=\"scroll sv-wide\"><table class=\"sv-matrix\"><thead><tr><th>序号</th><th>实事名称</th>");
    for (size_t j = 0; j < m->n_units; j++)
        html_printf(r, "<th class=\"sv-unit\" scope=\"col\"><a href=\"/unit/%lld\">%s</a></th>",
                    (long long)m->units[j]->unit_id, m->units[j]->unit_name);
    html_raw(r, "<th>应报</th><th>按时</th><th>逾期</th><th>未报</th></tr></thead><tbody>");
    for (size_t i = 0; i < p->n_projects; i++) {
        const Project *pr = &p->projects[i];
        html_printf(r, "<tr><td class=\"num\">%d</td><th scope=\"row\"><a href=\"/project/%lld\">%s</a></th>",
                    pr->no, (long long)pr->id, pr->report_title);
        for (size_t j = 0; j < m->n_units; j++) matrix_cell(r, m, i, j);
        totals_cells(r, &m->by_project[i]);
        html_raw(r, "</tr>");
    }
    html_raw(r, "</tbody><tfoot>");
    static const char *const rows[] = {"应报", "按时", "逾期", "未报"};
    for (int k = 0; k < 4; k++) {
        html_printf(r, "<tr><td></td><th scope=\"row\">%s</th>", rows[k]);
        for (size_t j = 0; j < m->n_units; j++) {
            const SupTotals *t = &m->by_unit[j];
            int v = k == 0 ? t->expected : k == 1 ? t->on_time : k == 2 ? t->late : t->unsent;
            html_printf(r, "<td class=\"num%s\">%d</td>",
                        v && k == 2 ? " sv-late" : v && k == 3 ? " sv-overdue" : "", v);
        }
        if (k == 0) totals_cells(r, &m->all);
        else html_raw(r, "<td colspan=\"4\"></td>");
        html_raw(r, "</tr>");
    }
    html_raw(r, "</tfoot></table></div>"
                "<p class=\"hint\">已报、逾期报送以首次提交时间对照报送期限判定；退回后重新提交的，仍按首次提交时间计。"
                "草稿不算报送。空白格表示该单位不承担此项目。</p>");
}

/* The same cells as pairs under each project: what a phone shows instead of
 * the wide matrix (the stylesheet picks one by screen width; print takes
 * the matrix). */
static void pair_list(Request *r, const SupMatrix *m)
{
    const Programme *p = m->programme;
    html_raw(r, "<div class=\"sv-pairs\">");
    for (size_t i = 0; i < p->n_projects; i++) {
        const Project *pr = &p->projects[i];
        const SupTotals *t = &m->by_project[i];
        html_printf(r, "<section><h3>%d. %s</h3><p class=\"meta\">应报%d · 按时%d · 逾期%d · 未报%d</p><ul class=\"sv-plain\">",
                    pr->no, pr->report_title, t->expected, t->on_time, t->late, t->unsent);
        for (size_t j = 0; j < m->n_units; j++) {
            const SupCell *c = supervision_at(m, i, j);
            if (!c->expected) continue;
            html_printf(r, "<li>%s <a class=\"sv %s\" href=\"%s\">%s</a></li>", m->units[j]->unit_name,
                        supervision_cell_class(c), report_href(r, m->round, pr, m->units[j]->unit_id),
                        supervision_cell_label(c));
        }
        html_raw(r, "</ul></section>");
    }
    html_raw(r, "</div>");
}

/* Each unit's on-time rate as bars; shades by how timely, for black and white too. */
static void rate_chart(Request *r, const Supervision *s)
{
    const SupMatrix *m = s->matrix;
    BarItem *bars = ARENA_ARRAY(r->a, BarItem, m->n_units + 1);
    size_t n = 0;
    for (size_t j = 0; j < m->n_units; j++) {
        double rate;
        if (!supervision_rate_value(&s->rates[j], &rate)) continue;
        enum Status shade = rate >= 0.9 ? STATUS_DONE : rate >= 0.7 ? STATUS_ON_SCHEDULE
                          : rate >= 0.5 ? STATUS_BEHIND : STATUS_SERIOUS;
        bars[n++] = (BarItem){m->units[j]->unit_name, rate, NULL, shade,
                              arena_printf(r->a, "/unit/%lld", (long long)m->units[j]->unit_id),
                              arena_printf(r->a, "%d/%d", s->rates[j].on_time, s->rates[j].expected)};
    }
    if (n) chart_bars(r, "各单位按时报送率", "报送期限已过的各轮次中按时报送的比例，深色为90%以上。", bars, n, -1, NULL);
}

static void unit_table(Request *r, const Supervision *s)
{
    const SupMatrix *m = s->matrix;
    int due_rounds = 0;
    for (size_t i = 0; i < s->n_rounds; i++)
        if (s->rounds[i].due < m->today) due_rounds++;
    html_printf(r, "<h2>各单位报送情况</h2><div class=\"scroll\"><table class=\"sv-units\"><thead><tr>"
                   "<th>责任单位</th><th>应报</th><th>按时</th><th>逾期报送</th><th>未报</th>"
                   "<th>退回待重报</th><th>按时报送率（已到期%d轮）</th></tr></thead><tbody>",
                due_rounds);
    for (size_t j = 0; j < m->n_units; j++) {
        const SupTotals *t = &m->by_unit[j];
        const SupRate *rt = &s->rates[j];
        double rate;
        html_printf(r, "<tr><th scope=\"row\"><a href=\"/unit/%lld\">%s</a></th>",
                    (long long)m->units[j]->unit_id, m->units[j]->unit_name);
        html_printf(r, "<td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num%s\">%d</td>"
                       "<td class=\"num%s\">%d</td><td class=\"num%s\">%d</td>",
                    t->expected, t->on_time, t->late ? " sv-late" : "", t->late,
                    t->unsent ? " sv-overdue" : "", t->unsent, t->returned ? " sv-returned" : "",
                    t->returned);
        if (supervision_rate_value(rt, &rate))
            html_printf(r, "<td class=\"num\">%s（%d/%d）</td></tr>", format_percent(r->a, rate),
                        rt->on_time, rt->expected);
        else
            html_raw(r, "<td class=\"num muted\">—</td></tr>");
    }
    html_raw(r, "</tbody></table></div>"
                "<p class=\"hint\">按时报送率：报送期限已过的各轮次中，首次提交不晚于报送期限的项目数 ÷ 应报项目数。</p>");
    rate_chart(r, s);
}

/* The body depends on the data, the round, the date and the role only:
 * rendered once per change of the data (fragment.h), framed per request. */
void page_round_status(Request *r)
{
    Supervision *s;
    Err e = ERR_INIT;
    int today = date_today();
    uint64_t gen = db_generation(r->db);
    const char *key = arena_printf(r->a, "status:%lld:%d:%d", (long long)req_path_id(r, 0), today,
                                   (int)r->user.role);
    if (fragment_page(r, key, gen)) return;
    if (supervision_load(r->db, r->a, req_path_id(r, 0), today, &s, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    const SupTotals *all = &s->matrix->all;
    const char *title = arena_printf(r->a, "%s报送情况", s->round->name);
    page_begin(r, title);
    size_t body_start = r->body.len;
    html_printf(r, "<p class=\"crumbs\"><a href=\"/p/%lld\">%s</a> · 报送情况</p>",
                (long long)s->programme->id, s->programme->title);
    html_printf(r, "<h1>%s报送情况</h1>", s->round->name);
    round_meta(r, s, today);
    widget_rounds(r, "/round/", "/status", s->rounds, s->n_rounds, s->round);
    html_printf(r, "<ul class=\"counts\"><li><b>%d</b> 应报</li><li class=\"st-ok\"><b>%d</b> 按时</li>"
                   "<li class=\"st-behind\"><b>%d</b> 逾期报送</li><li class=\"st-serious\"><b>%d</b> 未报</li>"
                   "<li><b>%d</b> 退回待重报</li><li class=\"st-done\"><b>%d</b> 已采纳</li></ul>",
                all->expected, all->on_time, all->late, all->unsent, all->returned, all->accepted);
    html_printf(r, "<p class=\"actions\"><a class=\"button\" href=\"/round/%lld/reminders\">催报名单</a></p>",
                (long long)s->round->id);
    html_raw(r, "<h2>报送情况表</h2>");
    matrix_table(r, s->matrix);
    pair_list(r, s->matrix);
    unit_table(r, s);
    fragment_keep_page(r, key, gen, title, body_start);
    page_end(r);
}

/* ---- GET /round/{id}/reminders --------------------------------------------------------- */

static bool smtp_ready(const Request *r)
{
    return r->cfg && r->cfg->smtp_url && *r->cfg->smtp_url && r->cfg->smtp_from &&
           *r->cfg->smtp_from;
}

static int lead_days(const Request *r)
{
    Id d = 0;
    if (!query_id(r, "days", &d)) return REMINDER_DEFAULT_LEAD_DAYS;
    return d > REMINDER_LEAD_DAYS_MAX ? REMINDER_LEAD_DAYS_MAX : (int)d;
}

static void pending_list(Request *r, const ReminderBoard *b, const ReminderTarget *t)
{
    html_raw(r, "<ul class=\"sv-plain\">");
    for (size_t i = 0; i < t->n_items; i++) {
        const PendingItem *it = &t->items[i];
        html_printf(r, "<li><a href=\"%s\">%d. %s</a> <span class=\"sv %s\">%s</span>",
                    report_href(r, b->sup->round, it->project, t->unit_id), it->project->no,
                    it->project->report_title, supervision_cell_class(&it->cell),
                    supervision_cell_label(&it->cell));
        const ProjectUnit *pu = it->pu;
        if (pu && (pu->department || pu->person || pu->phone))
            html_printf(r, "<br><small>%s %s %s</small>", pu->department ? pu->department : "",
                        pu->person ? pu->person : "", pu->phone ? pu->phone : "");
        else
            html_raw(r, "<br><small class=\"muted\">未明确责任科室和责任人</small>");
        html_raw(r, "</li>");
    }
    html_raw(r, "</ul>");
}

static void history_brief(Request *r, const ReminderTarget *t)
{
    if (!t->n_history) {
        html_raw(r, "<span class=\"muted\">尚未催报</span>");
        return;
    }
    html_raw(r, "<ol class=\"sv-plain\">");
    for (size_t k = 0; k < t->n_history; k++) {
        const Reminder *h = t->history[k];
        html_printf(r, "<li>%s · %s%s<br><small>%s</small></li>", reminder_level_label(h->level),
                    reminder_channel_label(h->channel), h->delivered ? "" : " · 未送达",
                    fmt_ts(r->a, h->sent_at));
    }
    html_raw(r, "</ol>");
}

static void level_select(Request *r, enum ReminderLevel proposed)
{
    html_raw(r, "<label class=\"field\"><span>级别</span><select name=\"level\">");
    for (int l = 0; l < REMINDER_LEVEL__MAX; l++)
        html_printf(r, "<option value=\"%s\"%s>%s%s</option>", reminder_level_name((enum ReminderLevel)l),
                    l == (int)proposed ? " selected" : "", reminder_level_label((enum ReminderLevel)l),
                    l == (int)proposed ? "（建议）" : "");
    html_raw(r, "</select></label>");
}

/* The phone number to call for a unit: the first responsible person named. */
static const char *contact_of(Request *r, const ReminderTarget *t)
{
    for (size_t i = 0; i < t->n_items; i++) {
        const ProjectUnit *pu = t->items[i].pu;
        if (pu && (pu->person || pu->phone))
            return arena_printf(r->a, "%s%s%s", pu->person ? pu->person : "",
                                pu->person && pu->phone ? " " : "", pu->phone ? pu->phone : "");
    }
    return "";
}

static void unit_actions(Request *r, const ReminderBoard *b, const ReminderTarget *t, Id posted_unit)
{
    const char *action = arena_printf(r->a, "/round/%lld/reminders", (long long)b->sup->round->id);
    bool mine = posted_unit == t->unit_id;
    html_raw(r, "<td class=\"actions\">");
    if (smtp_ready(r) && t->email) {
        form_begin(r, action);
        html_printf(r, "<input type=\"hidden\" name=\"action\" value=\"email\">"
                       "<input type=\"hidden\" name=\"unit\" value=\"%lld\">",
                    (long long)t->unit_id);
        level_select(r, t->next);
        html_raw(r, "<button type=\"submit\" class=\"small\">发送邮件</button>");
        form_end(r);
    }
    html_printf(r, "<details%s><summary>记录电话或书面催报</summary>", mine ? " open" : "");
    form_begin(r, action);
    html_printf(r, "<input type=\"hidden\" name=\"action\" value=\"record\">"
                   "<input type=\"hidden\" name=\"unit\" value=\"%lld\">",
                (long long)t->unit_id);
    level_select(r, t->next);
    html_printf(r, "<label class=\"field\"><span>方式</span><select name=\"channel\">"
                   "<option value=\"%s\">电话</option><option value=\"%s\">书面名单</option>"
                   "<option value=\"%s\">书面通知</option></select></label>",
                reminder_channel_name(REMINDER_PHONE), reminder_channel_name(REMINDER_LIST),
                reminder_channel_name(REMINDER_NOTICE));
    /* every row has these fields: only the row that was posted shows its errors */
    html_printf(r, "<label class=\"field\"><span>联系对象</span><input type=\"text\" name=\"recipient\" "
                   "value=\"%s\" maxlength=\"%d\">",
                mine ? params_get(&r->form, "recipient") : contact_of(r, t), REMINDER_RECIPIENT_MAX_CHARS);
    if (mine) form_error(r, "recipient");
    html_printf(r, "</label><label class=\"field\"><span>催报情况（可不填，默认记录标准通知内容）</span>"
                   "<textarea name=\"note\" rows=\"2\">%s</textarea>",
                mine ? params_get(&r->form, "note") : "");
    if (mine) form_error(r, "note");
    html_raw(r, "</label>");
    html_raw(r, "<button type=\"submit\" class=\"small\">记录</button>");
    form_end(r);
    html_raw(r, "</details></td>");
}

static void target_table(Request *r, const ReminderBoard *b, bool can_act, Id posted_unit)
{
    int today = b->today;
    int d = reminder_days_to_due(b->sup->round, today);
    html_raw(r, "<div class=\"scroll\"><table class=\"sv-remind\"><thead><tr><th>序号</th><th>责任单位</th>"
                "<th>尚未报送的项目（责任科室 责任人 电话）</th><th>电子邮箱</th><th>期限</th>"
                "<th>本轮已催报</th><th>建议级别</th>");
    if (can_act) html_raw(r, "<th class=\"actions\">操作</th>");
    html_raw(r, "</tr></thead><tbody>");
    for (size_t i = 0; i < b->n_targets; i++) {
        const ReminderTarget *t = &b->targets[i];
        html_printf(r, "<tr id=\"unit-%lld\"><td class=\"num\">%zu</td><th scope=\"row\"><a href=\"/unit/%lld\">%s</a>"
                       "<br><small>%zu/%d项未报</small></th><td>",
                    (long long)t->unit_id, i + 1, (long long)t->unit_id, t->unit_name, t->n_items,
                    t->n_projects);
        pending_list(r, b, t);
        html_printf(r, "</td><td>%s</td>", t->email ? t->email : "—");
        bool closed = b->sup->round->closed;
        if (d < 0) html_printf(r, "<td class=\"num sv-overdue\">逾期%d天</td><td>", -d);
        else if (closed) html_raw(r, "<td class=\"num sv-overdue\">已关闭</td><td>");
        else html_printf(r, "<td class=\"num\">剩%d天</td><td>", d);
        history_brief(r, t);
        /* a closed round is chased no more: nothing to propose */
        html_printf(r, "</td><td><b>%s</b></td>", closed ? "—" : reminder_level_label(t->next));
        if (can_act) unit_actions(r, b, t, posted_unit);
        html_raw(r, "</tr>");
    }
    html_raw(r, "</tbody></table></div>");
}

static void history_table(Request *r, const ReminderBoard *b)
{
    html_raw(r, "<h2>本轮催报记录</h2>");
    if (!b->n_history) {
        html_raw(r, "<p class=\"muted\">本轮尚无催报记录。</p>");
        return;
    }
    html_raw(r, "<div class=\"scroll\"><table class=\"sv-history\"><thead><tr><th>时间</th><th>单位</th>"
                "<th>级别</th><th>方式</th><th>对象</th><th>结果</th><th>经办人</th><th class=\"actions\">内容</th>"
                "</tr></thead><tbody>");
    for (size_t k = b->n_history; k-- > 0;) {
        const Reminder *h = &b->history[k];
        const char *unit = "";
        for (size_t i = 0; i < b->n_units; i++)
            if (b->units[i].id == h->unit_id) unit = b->units[i].name;
        html_printf(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>",
                    fmt_ts(r->a, h->sent_at), unit, reminder_level_label(h->level),
                    reminder_channel_label(h->channel), h->recipient ? h->recipient : "—");
        if (h->delivered)
            html_printf(r, "<td class=\"st-done\">%s</td>", h->channel == REMINDER_EMAIL ? "已发送" : "已记录");
        else
            html_printf(r, "<td class=\"st-serious\">未送达：%s</td>", h->error ? h->error : "");
        html_printf(r, "<td>%s</td><td class=\"actions\"><details><summary>查看</summary><p class=\"text\">%s</p></details></td></tr>",
                    h->sent_by_login ? h->sent_by_login : "系统", h->message);
    }
    html_raw(r, "</tbody></table></div>");
}

static void flash(Request *r)
{
    const char *done = params_get(&r->query, "done");
    if (!done) return;
    Id ok = 0, failed = 0;
    query_id(r, "ok", &ok);
    query_id(r, "failed", &failed);
    if (strcmp(done, "record") == 0)
        html_raw(r, "<p class=\"notice ok\" role=\"status\">已记录催报。</p>");
    else if (strcmp(done, "email") == 0 && !failed)
        html_printf(r, "<p class=\"notice ok\" role=\"status\">已发送催报邮件%lld封。</p>", (long long)ok);
    else if (strcmp(done, "email") == 0)
        html_printf(r, "<p class=\"notice error\" role=\"alert\">已发送%lld封，%lld封未送达，原因见下方催报记录。</p>",
                    (long long)ok, (long long)failed);
}

static void form_errors(Request *r)
{
    if (!r->field_errors.n) return;
    html_raw(r, "<div class=\"notice error\" role=\"alert\">");
    for (size_t i = 0; i < r->field_errors.n; i++)
        html_printf(r, "<p>%s</p>", r->field_errors.items[i].value);
    html_raw(r, "</div>");
}

/* The reminder page; after a failed POST, posted_unit is the unit the form
 * was for. False when the page could not be drawn (an error page instead). */
static bool reminders_page(Request *r, Id posted_unit)
{
    ReminderBoard *b;
    Err e = ERR_INIT;
    int today = date_today();
    if (reminders_load(r->db, r->a, req_path_id(r, 0), today, &b, &e) < 0) {
        widget_fail(r, &e);
        return false;
    }
    const Supervision *s = b->sup;
    const Round *rd = s->round;
    int days = lead_days(r), d = reminder_days_to_due(rd, today);
    bool can_act = r->user.role == ROLE_ADMIN && !rd->closed;
    const char *self = arena_printf(r->a, "/round/%lld/reminders", (long long)rd->id);

    page_begin(r, arena_printf(r->a, "%s催报名单", rd->name));
    html_printf(r, "<p class=\"crumbs\"><a href=\"/p/%lld\">%s</a> · <a href=\"/round/%lld/status\">报送情况</a> · 催报</p>",
                (long long)s->programme->id, s->programme->title, (long long)rd->id);
    html_printf(r, "<h1>%s催报名单</h1>", rd->name);
    round_meta(r, s, today);
    widget_rounds(r, "/round/", "/reminders", s->rounds, s->n_rounds, s->round);
    flash(r);
    form_errors(r);
    if (r->user.role == ROLE_ADMIN) {
        if (smtp_ready(r))
            html_printf(r, "<p class=\"meta actions\">催报邮件由 %s 发出。</p>", r->cfg->smtp_from);
        else
            html_raw(r, "<p class=\"notice actions\">未配置邮件服务器（启动时使用 --smtp 和 --smtp-from），"
                        "不能发送催报邮件；可打印本名单，电话催报后在下方记录。</p>");
    }
    html_printf(r, "<form method=\"get\" action=\"%s\" class=\"sv-days\"><label>报送期限前"
                   "<input type=\"number\" name=\"days\" min=\"1\" max=\"%d\" value=\"%d\">天起列出将缺报的单位</label>"
                   " <button type=\"submit\" class=\"small\">查看</button></form>",
                self, REMINDER_LEAD_DAYS_MAX, days);

    if (rd->closed) {
        html_printf(r, "<p class=\"notice\">本轮次已关闭，不再催报。以下为关闭时仍未报送的单位（%zu个）。</p>",
                    b->n_targets);
    } else if (d > days) {
        /* too early: the list would chase units that still have plenty of time */
        html_printf(r, "<p class=\"notice\">%s。报送期限前%d天（%s）起列出将缺报的单位；"
                       "目前尚有%zu个单位未报送全部项目，可在<a href=\"/round/%lld/status\">报送情况表</a>中查看，"
                       "或<a href=\"%s?days=%d\">现在列出</a>。</p>",
                    due_phrase(r->a, rd, today), days, date_cn(r->a, rd->due - days), b->n_targets,
                    (long long)rd->id, self, d);
        history_table(r, b);
        page_end(r);
        return true;
    } else if (d >= 0) {
        html_printf(r, "<p class=\"round\">%s。以下%zu个单位尚未报送，届时将缺报：</p>",
                    due_phrase(r->a, rd, today), b->n_targets);
    } else {
        html_printf(r, "<p class=\"round\">已过报送期限%d天。以下%zu个单位尚未报送（逾期未报）：</p>", -d,
                    b->n_targets);
    }
    if (!b->n_targets) {
        html_raw(r, "<p class=\"notice ok\">各责任单位均已报送，无需催报。</p>");
        history_table(r, b);
        page_end(r);
        return true;
    }
    size_t with_email = 0;
    for (size_t i = 0; i < b->n_targets; i++) with_email += b->targets[i].email != NULL;
    if (can_act && smtp_ready(r) && with_email) {
        form_begin(r, self);
        html_printf(r, "<input type=\"hidden\" name=\"action\" value=\"email_all\">"
                       "<p class=\"actions\"><button type=\"submit\">向名单中%zu个有电子邮箱的单位发送催报邮件</button>"
                       " <small class=\"muted\">各单位按建议级别发送</small></p>",
                    with_email);
        form_end(r);
    }
    target_table(r, b, can_act, posted_unit);
    html_printf(r, "<p class=\"sv-print-only\">%s　打印日期：%s</p>",
                s->programme->coordinator ? s->programme->coordinator : "", date_cn(r->a, today));
    history_table(r, b);
    page_end(r);
    return true;
}

void page_round_reminders(Request *r)
{
    reminders_page(r, 0);
}

/* ---- POST /round/{id}/reminders ----------------------------------------------------------- */

void page_round_remind(Request *r)
{
    const char *levels[REMINDER_LEVEL__MAX], *channels[REMINDER_CHANNEL__MAX];
    for (int i = 0; i < REMINDER_LEVEL__MAX; i++) levels[i] = reminder_level_name((enum ReminderLevel)i);
    /* e-mail is not a channel a person records: it is recorded when sent */
    for (int i = 0; i < REMINDER_CHANNEL__MAX; i++)
        channels[i] = i == REMINDER_EMAIL ? NULL : reminder_channel_name((enum ReminderChannel)i);
    Id round_id = req_path_id(r, 0), unit_id = 0;
    const char *action = params_get(&r->form, "action");
    const char *self = arena_printf(r->a, "/round/%lld/reminders", (long long)round_id);
    Err e = ERR_INIT;
    int today = date_today();
    if (!action) action = "";

    if (strcmp(action, "record") == 0) {
        int level = 0, channel = 0;
        if (!form_id(r, "unit", &unit_id)) req_set_field_error(r, "unit", "请选择单位");
        form_choice(r, "level", "催报级别", levels, REMINDER_LEVEL__MAX, &level);
        form_choice(r, "channel", "催报方式", channels, REMINDER_CHANNEL__MAX, &channel);
        const char *recipient = form_optional(r, "recipient", "联系对象", REMINDER_RECIPIENT_MAX_CHARS);
        const char *note = form_string(r, "note", "催报情况", REMINDER_NOTE_MAX_CHARS, false, true);
        if (!r->field_errors.n &&
            reminder_record(r->db, r->a, &r->actor, round_id, unit_id, (enum ReminderLevel)level,
                            (enum ReminderChannel)channel, recipient, note, today, NULL, &e) == 0) {
            resp_redirect(r, arena_printf(r->a, "%s?done=record#unit-%lld", self, (long long)unit_id));
            return;
        }
    } else if (strcmp(action, "email") == 0 || strcmp(action, "email_all") == 0) {
        bool all = strcmp(action, "email_all") == 0;
        int level = 0;
        if (!all) {
            if (!form_id(r, "unit", &unit_id)) req_set_field_error(r, "unit", "请选择单位");
            form_choice(r, "level", "催报级别", levels, REMINDER_LEVEL__MAX, &level);
        }
        MailOutcome *out;
        size_t n = 0;
        if (!r->field_errors.n &&
            reminders_email(r->db, r->a, &r->actor, r->cfg ? r->cfg->smtp_url : NULL,
                            r->cfg ? r->cfg->smtp_from : NULL, round_id, all ? NULL : &unit_id,
                            all ? 0 : 1, (enum ReminderLevel)level, all, today, &out, &n, &e) == 0) {
            size_t ok = 0;
            for (size_t i = 0; i < n; i++) ok += out[i].delivered;
            resp_redirect(r, arena_printf(r->a, "%s?done=email&ok=%zu&failed=%zu", self, ok, n - ok));
            return;
        }
    } else {
        req_set_field_error(r, "action", "未知的操作");
    }
    if (e.code != ERR_NONE) {
        if (e.code == ERR_NOT_FOUND && !e.field[0]) {
            widget_fail(r, &e);
            return;
        }
        req_take_err(r, &e);
    }
    /* an ERR_IO here is the mail server failing: a bad gateway */
    if (reminders_page(r, unit_id)) r->status = e.code == ERR_IO ? 502 : http_status(&e);
}
