/*
 * page_public.c - what anyone may read without logging in: /public/ (the
 * newest public programme) and /public/p/{id} (any public programme), as
 * the coordinator published them (core/publication.h, web/publish.h), and
 * the objection form of a 公示 window.
 *
 * The programme pages are the same bytes for every visitor, so they are
 * rendered once per change of the data (and once a day, since whether the
 * 公示 window is open depends on the date) and then served from memory
 * with an ETag. For that they carry no per-visitor token: the objection
 * form is a page of its own, uncached, which sets the pre-login CSRF
 * cookie as the login form does and posts back to itself.
 */
#include <string.h>

#include "core/publication.h"
#include "lib/timeutil.h"
#include "web/cache.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/publish.h"
#include "web/widgets.h"


/* The data version and the date: the page changes with either. */
static uint64_t public_version(Request *r)
{
    return db_generation(r->db) * 100000u + (uint64_t)date_today();
}

static void render_programme(Request *r, Id programme_id)
{
    PublicView *v;
    Err e = ERR_INIT;
    if (publication_view(r->db, r->a, programme_id, date_today(), &v, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    publish_render(r, v, PUBLISH_LIVE);
}

void page_public(Request *r)
{
    if (cache_lookup(r, CACHE_PUBLIC_INDEX, 0, public_version(r))) return;
    Id id;
    Err e = ERR_INIT;
    if (publication_latest(r->db, r->a, &id, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    if (id) {
        render_programme(r, id);
        return;
    }
    bool logged_in = r->logged_in;
    r->logged_in = false;
    page_begin(r, "公开进展");
    html_raw(r, "<h1>公开进展</h1><p>暂无公开的实事项目。</p>");
    page_end(r);
    r->logged_in = logged_in;
}

void page_public_programme(Request *r)
{
    Id id = req_path_id(r, 0);
    if (cache_lookup(r, CACHE_PUBLIC_PROGRAMME, id, public_version(r))) return;
    render_programme(r, id);
}

/* ---- objections ---------------------------------------------------------------- */

static void objection_form(Request *r, const PublicView *v)
{
    auth_ensure_visitor_csrf(r);
    const Programme *p = v->programme;
    page_begin(r, "提出意见");
    html_printf(r, "<section class=\"narrow objection\"><p class=\"crumbs\"><a href=\"/public/p/%lld\">%s</a></p>"
                   "<h1>提出意见</h1>",
                (long long)p->id, p->title);
    const char *form_msg = req_field_error(r, "_form");
    if (form_msg) html_printf(r, "<p class=\"notice error\" role=\"alert\">%s</p>", form_msg);
    html_printf(r, "<p>对公开的实事项目及其进展情况有意见的，可在%s前提出，协调办公室将认真研究。</p>",
                date_cn(r->a, v->objection_until));
    form_begin(r, arena_printf(r->a, "/public/p/%lld/objection", (long long)p->id));
    form_text(r, "name", "姓名（可不填）", params_get(&r->form, "name"), OBJECTION_NAME_MAX_CHARS, "text");
    form_text(r, "contact", "联系方式（可不填）", params_get(&r->form, "contact"),
              OBJECTION_CONTACT_MAX_CHARS, "text");
    form_textarea(r, "body", "意见内容", params_get(&r->form, "body"), 8);
    html_raw(r, "<p class=\"hint\">姓名和联系方式仅用于协调办公室回复您，不会公开。</p>"
                "<button type=\"submit\">提交意见</button>");
    form_end(r);
    html_raw(r, "</section>");
    page_end(r);
}

/* The view for the form pages; answers the request itself (and returns
 * NULL) when there is no open window to send to. */
static PublicView *open_window(Request *r)
{
    PublicView *v;
    Err e = ERR_INIT;
    if (publication_view(r->db, r->a, req_path_id(r, 0), date_today(), &v, &e) < 0) {
        widget_fail(r, &e);
        return NULL;
    }
    if (!v->window_open) {
        /* reading the page is fine (200); sending to a closed window is a conflict */
        if (r->method == METHOD_POST) r->status = 409;
        page_begin(r, "提出意见");
        html_printf(r, "<section class=\"narrow\"><h1>提出意见</h1><p>%s当前不在公示期内，无法在线提交意见。</p>",
                    v->programme->title);
        if (v->phone || v->email)
            html_printf(r, "<p>如有问题，请联系%s：%s%s%s</p>", v->office ? v->office : "协调办公室",
                        v->phone ? v->phone : "", v->phone && v->email ? " · " : "",
                        v->email ? v->email : "");
        html_raw(r, "</section>");
        page_end(r);
        return NULL;
    }
    return v;
}

void page_objection_form(Request *r)
{
    PublicView *v = open_window(r);
    if (!v) return;
    if (params_get(&r->query, "sent")) {
        page_begin(r, "提出意见");
        html_printf(r, "<section class=\"narrow\"><h1>提出意见</h1><p class=\"notice ok\" role=\"status\">"
                       "已收到您的意见，谢谢。</p><p><a href=\"/public/p/%lld\">返回公开进展</a></p></section>",
                    (long long)v->programme->id);
        page_end(r);
        return;
    }
    objection_form(r, v);
}

void page_objection_send(Request *r)
{
    PublicView *v = open_window(r);
    if (!v) return;
    const char *name = form_string(r, "name", "姓名", OBJECTION_NAME_MAX_CHARS, false, false);
    const char *contact = form_string(r, "contact", "联系方式", OBJECTION_CONTACT_MAX_CHARS, false, false);
    const char *body = form_string(r, "body", "意见内容", OBJECTION_BODY_MAX_CHARS, true, true);
    if (!name || !contact || !body) {
        r->status = 400;
        objection_form(r, v);
        return;
    }
    Err e = ERR_INIT;
    if (objection_submit(r->db, r->a, &r->actor, v->programme->id, name, contact, body, date_today(),
                         &e) < 0) {
        if (e.code == ERR_IO || e.code == ERR_INTERNAL) {
            widget_fail(r, &e);
            return;
        }
        r->status = e.code == ERR_TOO_LARGE ? 429 : e.code == ERR_CONFLICT ? 409 : 400;
        if (e.code == ERR_TOO_LARGE) resp_header(r, "Retry-After", "3600");
        req_take_err(r, &e);
        objection_form(r, v);
        return;
    }
    resp_redirect(r, arena_printf(r->a, "/public/p/%lld/objection?sent=1", (long long)v->programme->id));
}
