/*
 * page_users.c - accounts (coordinator only): the list, creating an
 * account with a one-time password, disabling, enabling, resetting.
 */
#include <string.h>

#include "core/sessions.h"
#include "core/users.h"
#include "core/vocab.h"
#include "db/store.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/widgets.h"

static void users_page(Request *r, const char *notice_login, const char *one_time_password)
{
    User *users;
    Unit *units;
    size_t n, n_units;
    Err e = ERR_INIT;
    if (store_user_list(r->db, r->a, &users, &n, &e) < 0 ||
        store_unit_list_all(r->db, r->a, &units, &n_units, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    page_begin(r, "账号管理");
    html_raw(r, "<h1>账号管理</h1>");
    if (one_time_password)
        html_printf(r, "<p class=\"notice ok\" role=\"status\">账号 <b>%s</b> 的一次性密码：<code class=\"secret\">%s</code>"
                       "（只显示这一次，请转告本人；首次登录后须修改）</p>",
                    notice_login, one_time_password);
    const char *msg = req_field_error(r, "_form");
    if (msg) html_printf(r, "<p class=\"notice error\" role=\"alert\">%s</p>", msg);
    html_raw(r, "<table><thead><tr><th>账号</th><th>姓名</th><th>角色</th><th>单位</th><th>状态</th>"
                "<th>操作</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        const User *u = &users[i];
        html_printf(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s%s</td><td class=\"actions\">",
                    u->login, u->display_name ? u->display_name : "", role_label(u->role),
                    u->unit_name ? u->unit_name : "", u->disabled ? "已停用" : "正常",
                    u->must_change_password && !u->disabled ? "（待改密码）" : "");
        const char *base = arena_printf(r->a, "/admin/users/%lld", (long long)u->id);
        if (u->id != r->user.id) {
            form_begin(r, arena_printf(r->a, "%s/%s", base, u->disabled ? "enable" : "disable"));
            html_printf(r, "<button type=\"submit\" class=\"small\">%s</button>", u->disabled ? "启用" : "停用");
            form_end(r);
        }
        form_begin(r, arena_printf(r->a, "%s/reset", base));
        html_raw(r, "<button type=\"submit\" class=\"small\">重置密码</button>");
        form_end(r);
        html_raw(r, "</td></tr>");
    }
    html_raw(r, "</tbody></table><h2>新建账号</h2>");
    form_begin(r, "/admin/users");
    html_raw(r, "<div class=\"grid\">");
    form_text(r, "login", "账号（字母、数字、. _ -）", params_get(&r->form, "login"), 64, "text");
    form_text(r, "display_name", "姓名（可选）", params_get(&r->form, "display_name"), 50, "text");
    html_printf(r, "<label class=\"field\"><span>角色</span><select name=\"role\">"
                   "<option value=\"%s\">责任单位</option><option value=\"%s\">领导（只读）</option>"
                   "<option value=\"%s\">协调办公室</option></select>",
                role_name(ROLE_REPORTER), role_name(ROLE_VIEWER), role_name(ROLE_ADMIN));
    form_error(r, "role");
    html_raw(r, "</label><label class=\"field\"><span>所属单位（责任单位账号）</span><select name=\"unit\"><option value=\"\">—</option>");
    for (size_t i = 0; i < n_units; i++)
        html_printf(r, "<option value=\"%s\">%s</option>", units[i].name, units[i].name);
    html_raw(r, "</select>");
    form_error(r, "unit");
    html_raw(r, "</label></div><button type=\"submit\">创建并生成一次性密码</button>");
    form_end(r);
    page_end(r);
}

void page_users(Request *r)
{
    users_page(r, NULL, NULL);
}

void page_user_create(Request *r)
{
    const char *login = form_string(r, "login", "账号", 64, true, false);
    enum Role role = ROLE_PUBLIC;
    /* an account is never "public": that is the role of no account */
    form_chosen(r, "role", "角色", role_parse(params_get(&r->form, "role"), &role) && role != ROLE_PUBLIC);
    const char *unit = form_optional(r, "unit", "所属单位", 100);
    const char *display = form_optional(r, "display_name", "姓名", 50);
    Err e = ERR_INIT;
    User u;
    char *password = NULL;
    NewUser nu = {login, display, role, unit, NULL, true};
    if (!r->field_errors.n && user_create(r->db, r->a, &r->actor, &nu, &u, &password, &e) < 0)
        req_take_err(r, &e);
    if (r->field_errors.n) {
        r->status = 400;
        users_page(r, NULL, NULL);
        return;
    }
    r->form.n = 0; /* the form is done: do not refill it */
    users_page(r, login, password);
}

static void set_disabled(Request *r, bool disabled)
{
    Err e = ERR_INIT;
    User u;
    if (store_user_get(r->db, r->a, req_path_id(r, 0), &u, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    if (user_set_disabled(r->db, r->a, &r->actor, u.id, disabled, &e) < 0) {
        req_take_err(r, &e);
        r->status = http_status(&e);
        users_page(r, NULL, NULL);
        return;
    }
    resp_redirect(r, "/admin/users");
}

void page_user_disable(Request *r)
{
    set_disabled(r, true);
}

void page_user_enable(Request *r)
{
    set_disabled(r, false);
}

void page_user_reset(Request *r)
{
    Err e = ERR_INIT;
    User u;
    char *password;
    if (store_user_get(r->db, r->a, req_path_id(r, 0), &u, &e) < 0 ||
        password_reset(r->db, r->a, &r->actor, u.id, &password, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    users_page(r, u.login, password);
}
