/*
 * page_rounds.c - a programme's reporting rounds (调度轮次): the list with
 * due dates for everyone; for the coordinator, adding an extra round,
 * moving a due date, closing and reopening a round.
 */
#include <string.h>

#include "core/programme_ops.h"
#include "core/rounds.h"
#include "core/vocab.h"
#include "db/store.h"
#include "lib/timeutil.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/widgets.h"

static void rounds_page(Request *r, const Programme *p)
{
    Round *rounds;
    size_t n;
    Err e = ERR_INIT;
    if (store_round_list(r->db, r->a, p->id, &rounds, &n, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    bool admin = r->user.role == ROLE_ADMIN;
    page_begin(r, "报送轮次");
    html_printf(r, "<p class=\"crumbs\"><a href=\"/p/%lld\">%s</a></p><h1>报送轮次</h1>", (long long)p->id, p->title);
    const char *msg = req_field_error(r, "_form");
    if (msg) html_printf(r, "<p class=\"notice error\" role=\"alert\">%s</p>", msg);
    html_raw(r, "<div class=\"scroll\"><table><thead><tr><th>轮次</th><th>类型</th><th>统计截止</th><th>报送期限</th>"
                "<th>状态</th><th></th></tr></thead><tbody>");
    int today = date_today();
    for (size_t i = 0; i < n; i++) {
        const Round *rd = &rounds[i];
        html_printf(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td>", rd->name,
                    rd->kind == ROUND_EXTRA ? "临时调度" : "季度", date_cn(r->a, rd->period_end));
        if (admin && !rd->closed) {
            form_begin(r, arena_printf(r->a, "/round/%lld", (long long)rd->id));
            html_printf(r, "<input type=\"date\" name=\"due\" value=\"%s\" aria-label=\"报送期限\">"
                           "<input type=\"hidden\" name=\"action\" value=\"move\"><button type=\"submit\" class=\"small\">调整</button>",
                        date_iso(r->a, rd->due));
            form_error(r, arena_printf(r->a, "due_%lld", (long long)rd->id));
            form_end(r);
        } else {
            html_printf(r, "%s", date_cn(r->a, rd->due));
        }
        html_printf(r, "</td><td>%s</td><td class=\"actions\">",
                    rd->closed ? "已关闭" : today > rd->due ? "已过期限" : "开放");
        html_printf(r, "<a href=\"/p/%lld?round=%lld\">进展</a> ", (long long)p->id, (long long)rd->id);
        if (admin || r->user.role == ROLE_VIEWER)
            html_printf(r, "<a href=\"/round/%lld/status\">报送情况</a> <a href=\"/round/%lld/table\">进展报表</a> ",
                        (long long)rd->id, (long long)rd->id);
        if ((admin || r->user.role == ROLE_REPORTER) && !rd->closed)
            html_printf(r, "<a href=\"/round/%lld/import\">导入报表</a> ", (long long)rd->id);
        if (admin) {
            html_printf(r, "<a href=\"/round/%lld/reminders\">催报</a> ", (long long)rd->id);
            form_begin(r, arena_printf(r->a, "/round/%lld", (long long)rd->id));
            html_printf(r, "<input type=\"hidden\" name=\"action\" value=\"%s\"><button type=\"submit\" class=\"small\">%s</button>",
                        rd->closed ? "reopen" : "close", rd->closed ? "重新开放" : "关闭轮次");
            form_end(r);
        }
        html_raw(r, "</td></tr>");
    }
    html_raw(r, "</tbody></table></div>");
    if (admin) {
        html_raw(r, "<h2>增加临时调度轮次</h2><p class=\"hint\">例如第四季度按月调度：填写名称和统计截止日期，报送期限默认为截止后5天。</p>");
        form_begin(r, arena_printf(r->a, "/p/%lld/rounds", (long long)p->id));
        html_raw(r, "<div class=\"grid\">");
        form_text(r, "name", "轮次名称", params_get(&r->form, "name"), 50, "text");
        form_text(r, "period_end", "统计截止日期", params_get(&r->form, "period_end"), 20, "date");
        form_text(r, "due", "报送期限（可空）", params_get(&r->form, "due"), 20, "date");
        html_raw(r, "</div><button type=\"submit\">增加轮次</button>");
        form_end(r);
    }
    page_end(r);
}

static Programme *load_programme(Request *r, Id id)
{
    Programme *p;
    Err e = ERR_INIT;
    if (store_programme_load(r->db, r->a, id, &p, &e) < 0) {
        widget_fail(r, &e);
        return NULL;
    }
    return p;
}

void page_rounds(Request *r)
{
    Programme *p = load_programme(r, req_path_id(r, 0));
    if (p) rounds_page(r, p);
}

void page_round_add(Request *r)
{
    Programme *p = load_programme(r, req_path_id(r, 0));
    if (!p) return;
    Round rd = {0};
    rd.period_start = DATE_NONE;
    rd.name = (char *)form_string(r, "name", "轮次名称", 50, true, false);
    form_date(r, "period_end", "统计截止日期", true, &rd.period_end);
    form_date(r, "due", "报送期限", false, &rd.due);
    Err e = ERR_INIT;
    if (!r->field_errors.n && round_add(r->db, r->a, &r->actor, p, &rd, &e) < 0) req_take_err(r, &e);
    if (r->field_errors.n) {
        r->status = 400;
        rounds_page(r, p);
        return;
    }
    resp_redirect(r, arena_printf(r->a, "/p/%lld/rounds", (long long)p->id));
}

void page_round_change(Request *r)
{
    Round rd;
    Programme *p;
    Err e = ERR_INIT;
    if (store_round_get(r->db, r->a, req_path_id(r, 0), &rd, &e) < 0 ||
        store_programme_load(r->db, r->a, rd.programme_id, &p, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    const char *action = params_get(&r->form, "action");
    if (action && strcmp(action, "close") == 0) {
        rd.closed = true;
    } else if (action && strcmp(action, "reopen") == 0) {
        rd.closed = false;
    } else if (action && strcmp(action, "move") == 0) {
        if (rd.closed) {
            err_set(&e, ERR_CONFLICT, NULL, "已关闭的轮次不能调整报送期限");
            req_take_err(r, &e);
        } else {
            int due;
            if (form_date(r, "due", "报送期限", true, &due)) rd.due = due;
        }
    } else {
        req_set_field_error(r, "_form", "未知的操作");
    }
    if (!r->field_errors.n && round_change(r->db, r->a, &r->actor, p, &rd, &e) < 0) req_take_err(r, &e);
    if (r->field_errors.n) {
        /* a message about "due" belongs to this round's row */
        const char *due_msg = req_field_error(r, "due");
        if (due_msg) req_set_field_error(r, arena_printf(r->a, "due_%lld", (long long)rd.id), due_msg);
        r->status = http_status(&e);
        rounds_page(r, p);
        return;
    }
    resp_redirect(r, arena_printf(r->a, "/p/%lld/rounds", (long long)p->id));
}
