/*
 * page_auth.c - the login and password pages, and loading the session of
 * each request. The session cookie ("sid") holds a random token whose hash
 * the database keeps; before login a "pre" cookie carries the CSRF token of
 * the login form (double submit), so that even the login form is protected.
 */
#include <sodium.h>
#include <string.h>

#include "core/sessions.h"
#include "web/html.h"
#include "web/pages.h"

#define COOKIE_SESSION "sid"
#define COOKIE_PRELOGIN "pre"
/* Long enough to fill a form at leisure (an objection, a login). */
#define PRELOGIN_SECONDS (4 * 3600)

void auth_load_session(Request *r)
{
    const char *token = params_get(&r->cookies, COOKIE_SESSION);
    Session s;
    Err e = ERR_INIT;
    if (token && session_resolve(r->db, r->a, token, &s, &e) == 0) {
        r->logged_in = true;
        r->session_id = s.id;
        r->user = s.user;
        r->csrf = s.csrf;
        r->actor = (Actor){s.user.id, s.user.login, s.user.role, s.user.unit_id, r->address};
        return;
    }
    r->actor = (Actor){0, "anonymous", ROLE_PUBLIC, 0, r->address};
    const char *pre = params_get(&r->cookies, COOKIE_PRELOGIN);
    if (pre && strlen(pre) == SESSION_TOKEN_CHARS) r->csrf = pre;
}

bool auth_csrf_ok(const Request *r)
{
    const char *sent = params_get(&r->form, "csrf");
    if (!sent || !r->csrf) return false;
    size_t n = strlen(r->csrf);
    return strlen(sent) == n && sodium_memcmp(sent, r->csrf, n) == 0;
}

/* Only a local path may follow the login: never another site. */
static const char *safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\') return "/";
    /* no control character at all: browsers drop tabs and newlines from a
     * URL, so "/<TAB>/evil.example" would lead to //evil.example */
    for (const char *p = next; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) return "/";
    return next;
}

void auth_ensure_visitor_csrf(Request *r)
{
    if (r->csrf) return;
    r->csrf = session_random_token(r->a);
    resp_cookie(r, COOKIE_PRELOGIN, r->csrf, PRELOGIN_SECONDS, true);
}

static void login_form(Request *r, const char *login, const char *message)
{
    auth_ensure_visitor_csrf(r);
    page_begin(r, "登录");
    html_raw(r, "<section class=\"login\"><h1>登录</h1>");
    if (message) html_printf(r, "<p class=\"notice error\" role=\"alert\">%s</p>", message);
    form_begin(r, "/login");
    const char *next = params_get(&r->query, "next");
    if (!next) next = params_get(&r->form, "next");
    html_printf(r, "<input type=\"hidden\" name=\"next\" value=\"%s\">", safe_next(next));
    form_text(r, "login", "账号", login, 64, "text");
    form_text(r, "password", "密码", NULL, 256, "password");
    html_raw(r, "<button type=\"submit\">登录</button>");
    form_end(r);
    html_raw(r, "<p class=\"hint\">没有账号？请联系协调办公室。公众可查看<a href=\"/public/\">公开进展</a>。</p></section>");
    page_end(r);
}

void page_login_form(Request *r)
{
    login_form(r, NULL, NULL);
}

void page_login(Request *r)
{
    const char *login = params_get(&r->form, "login");
    const char *password = params_get(&r->form, "password");
    if (!login || !*login || strlen(login) > 64) {
        req_set_field_error(r, "login", "请填写账号");
        r->status = 400;
        login_form(r, login && strlen(login) <= 64 ? login : NULL, NULL);
        return;
    }
    if (!password || !*password || strlen(password) > 256) {
        req_set_field_error(r, "password", "请填写密码");
        r->status = 400;
        login_form(r, login, NULL);
        return;
    }
    User u;
    int wait = 0;
    Err e = ERR_INIT;
    switch (login_attempt(r->db, r->a, login, password, r->address, &u, &wait, &e)) {
    case LOGIN_THROTTLED:
        r->status = 429;
        resp_header(r, "Retry-After", arena_printf(r->a, "%d", wait));
        login_form(r, login, arena_printf(r->a, "登录失败次数过多，请%d秒后再试。", wait));
        return;
    case LOGIN_BAD:
        r->status = 401;
        login_form(r, login, "账号或密码错误。");
        return;
    case LOGIN_DISABLED:
        r->status = 403;
        login_form(r, login, "该账号已停用，请联系协调办公室。");
        return;
    case LOGIN_OK:
        break;
    }
    char *token, *csrf;
    if (session_create(r->db, r->a, u.id, r->address, &token, &csrf, &e) < 0) {
        resp_error(r, 500, "无法创建会话，请稍后再试");
        return;
    }
    resp_cookie(r, COOKIE_SESSION, token, SESSION_ABSOLUTE_SECONDS, false);
    resp_cookie(r, COOKIE_PRELOGIN, "", 0, true);
    resp_redirect(r, u.must_change_password ? "/password" : safe_next(params_get(&r->form, "next")));
}

void page_logout(Request *r)
{
    Err e = ERR_INIT;
    /* the router resolved the cookie already (auth_load_session) */
    if (r->session_id) session_end(r->db, r->session_id, &e);
    resp_cookie(r, COOKIE_SESSION, "", 0, false);
    resp_redirect(r, "/login");
}

static void password_form(Request *r)
{
    page_begin(r, "修改密码");
    html_raw(r, "<section class=\"narrow\"><h1>修改密码</h1>");
    if (r->user.must_change_password)
        html_raw(r, "<p class=\"notice\">这是一次性密码，请先设置您自己的密码。</p>");
    form_begin(r, "/password");
    form_text(r, "current", "当前密码", NULL, 256, "password");
    form_text(r, "new1", "新密码（至少8个字符）", NULL, 256, "password");
    form_text(r, "new2", "再次输入新密码", NULL, 256, "password");
    html_raw(r, "<button type=\"submit\">保存</button>");
    form_end(r);
    html_raw(r, "</section>");
    page_end(r);
}

void page_password_form(Request *r)
{
    password_form(r);
}

void page_password(Request *r)
{
    Err e = ERR_INIT;
    if (password_change(r->db, r->a, &r->actor, params_get(&r->form, "current"),
                        params_get(&r->form, "new1"), params_get(&r->form, "new2"), &e) < 0) {
        req_take_err(r, &e);
        r->status = 400;
        password_form(r);
        return;
    }
    r->user.must_change_password = false;
    resp_redirect(r, "/");
}
