/* html.c - the escaping HTML writer and the page frame. See html.h. */
#include "web/html.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/vocab.h"
#include "web/assets.h"

void html_escape(Buf *b, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_append(b, s + start, i - start);
        buf_puts(b, rep);
        start = i + 1;
    }
    buf_append(b, s + start, n - start);
}

void html_raw_(Request *r, const char *literal)
{
    buf_puts(&r->body, literal);
}

/* One conversion spec copied from fmt, for snprintf of a single value. */
typedef struct Spec {
    char text[32];
    size_t len;
    int longness;   /* 0, 1 = l, 2 = ll, 3 = z, 4 = j, 5 = t, -1 = h, -2 = hh */
    char conv;
} Spec;

static const char *parse_spec(const char *p, Spec *sp)
{
    /* p points after '%' */
    sp->len = 0;
    sp->text[sp->len++] = '%';
    sp->longness = 0;
    while (*p && strchr("-+ 0#", *p) && sp->len < 20) sp->text[sp->len++] = *p++;
    while (*p >= '0' && *p <= '9' && sp->len < 24) sp->text[sp->len++] = *p++;
    if (*p == '.') {
        sp->text[sp->len++] = *p++;
        while (*p >= '0' && *p <= '9' && sp->len < 28) sp->text[sp->len++] = *p++;
    }
    if (p[0] == 'h' && p[1] == 'h') { sp->longness = -2; p += 2; }
    else if (p[0] == 'h') { sp->longness = -1; p++; }
    else if (p[0] == 'l' && p[1] == 'l') { sp->longness = 2; p += 2; }
    else if (p[0] == 'l') { sp->longness = 1; p++; }
    else if (p[0] == 'z') { sp->longness = 3; p++; }
    else if (p[0] == 'j') { sp->longness = 4; p++; }
    else if (p[0] == 't') { sp->longness = 5; p++; }
    sp->conv = *p ? *p++ : '\0';
    /* rebuild with the length modifier the value is passed with */
    static const char *const mods[] = {"hh", "h", "", "l", "ll", "z", "j", "t"};
    const char *mod = mods[sp->longness + 2];
    size_t ml = strlen(mod);
    memcpy(sp->text + sp->len, mod, ml);
    sp->len += ml;
    sp->text[sp->len++] = sp->conv;
    sp->text[sp->len] = '\0';
    return p;
}

static void vhtml(Request *r, const char *fmt, va_list ap)
{
    Buf *b = &r->body;
    const char *p = fmt;
    char tmp[128];
    while (*p) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            buf_puts(b, p);
            return;
        }
        buf_append(b, p, (size_t)(pct - p));
        if (pct[1] == '%') {
            buf_putc(b, '%');
            p = pct + 2;
            continue;
        }
        Spec sp;
        p = parse_spec(pct + 1, &sp);
        switch (sp.conv) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (s) html_escape(b, s, strlen(s));
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            html_escape(b, &c, 1);
            break;
        }
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
            switch (sp.longness) {
            case 1: snprintf(tmp, sizeof tmp, sp.text, va_arg(ap, long)); break;
            case 2: snprintf(tmp, sizeof tmp, sp.text, va_arg(ap, long long)); break;
            case 3: snprintf(tmp, sizeof tmp, sp.text, va_arg(ap, size_t)); break;
            case 4: snprintf(tmp, sizeof tmp, sp.text, va_arg(ap, intmax_t)); break;
            case 5: snprintf(tmp, sizeof tmp, sp.text, va_arg(ap, ptrdiff_t)); break;
            default: snprintf(tmp, sizeof tmp, sp.text, va_arg(ap, int)); break;
            }
            buf_puts(b, tmp);
            break;
        case 'f': case 'g': case 'e': case 'F': case 'G': case 'E':
            snprintf(tmp, sizeof tmp, sp.text, va_arg(ap, double));
            buf_puts(b, tmp);
            break;
        default:
            /* an unknown conversion is a bug in a page: show it, print nothing unsafe */
            buf_puts(b, "?");
            break;
        }
    }
}

void html_printf(Request *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vhtml(r, fmt, ap);
    va_end(ap);
}

static void nav_link(Request *r, const char *href, const char *label)
{
    bool here = strcmp(r->path, href) == 0 ||
                (strcmp(href, "/") != 0 && strncmp(r->path, href, strlen(href)) == 0);
    html_printf(r, "<a href=\"%s\" aria-current=\"%s\">%s</a>", href, here ? "page" : "false", label);
}

void page_begin(Request *r, const char *title)
{
    r->content_type_out = "text/html; charset=utf-8";
    html_printf(r,
                "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>%s · 实事</title><link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">"
                "<link rel=\"stylesheet\" href=\"%s\"></head><body>"
                "<header class=\"top\"><a class=\"brand\" href=\"/\">实事</a><nav>",
                title, assets_stylesheet_url());
    switch (r->logged_in ? r->user.role : ROLE_PUBLIC) {
    case ROLE_ADMIN:
        nav_link(r, "/", "总览");
        nav_link(r, "/admin/import", "导入通知");
        nav_link(r, "/admin/users", "账号");
        nav_link(r, "/admin/audit", "审计");
        nav_link(r, "/admin/publish", "公开发布");
        break;
    case ROLE_REPORTER:
        nav_link(r, "/", "总览");
        if (r->user.unit_id) nav_link(r, arena_printf(r->a, "/unit/%lld", (long long)r->user.unit_id), "本单位");
        break;
    case ROLE_VIEWER:
        nav_link(r, "/", "总览");
        break;
    default:
        nav_link(r, "/public/", "公开进展");
        break;
    }
    html_raw(r, "</nav>");
    if (r->logged_in) {
        /* every signed-in page can search; the box keeps the query on the results page */
        const char *q = strcmp(r->path, "/search") == 0 ? params_get(&r->query, "q") : NULL;
        html_printf(r, "<form class=\"search\" method=\"get\" action=\"/search\" role=\"search\">"
                       "<input type=\"search\" name=\"q\" value=\"%s\" placeholder=\"搜索项目、报告、台账\" "
                       "aria-label=\"搜索\" maxlength=\"100\"></form>",
                    q ? q : "");
        html_printf(r, "<div class=\"who\"><span>%s（%s%s%s）</span>", r->user.login,
                    role_label(r->user.role), r->user.unit_name ? "·" : "",
                    r->user.unit_name ? r->user.unit_name : "");
        html_raw(r, "<a href=\"/password\">修改密码</a>");
        form_begin(r, "/logout");
        html_raw(r, "<button type=\"submit\" class=\"link\">退出</button>");
        form_end(r);
        html_raw(r, "</div>");
    } else if (strcmp(r->path, "/login") != 0) {
        html_raw(r, "<div class=\"who\"><a href=\"/login\">登录</a></div>");
    }
    html_raw(r, "</header><main>");
}

void page_end(Request *r)
{
    html_raw(r, "</main><footer>实事 · 为民办实事项目管理</footer></body></html>\n");
}

void form_begin(Request *r, const char *action)
{
    html_printf(r, "<form method=\"post\" action=\"%s\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                action, r->csrf ? r->csrf : "");
}

void form_begin_upload(Request *r, const char *action)
{
    html_printf(r,
                "<form method=\"post\" action=\"%s\" enctype=\"multipart/form-data\">"
                "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                action, r->csrf ? r->csrf : "");
}

void form_end(Request *r)
{
    html_raw(r, "</form>");
}

void form_error(Request *r, const char *field)
{
    const char *msg = req_field_error(r, field);
    if (msg) html_printf(r, "<span class=\"field-error\" role=\"alert\">%s</span>", msg);
}

void form_text(Request *r, const char *name, const char *label, const char *value, size_t maxlen,
               const char *type)
{
    const char *err = req_field_error(r, name);
    html_printf(r,
                "<label class=\"field%s\"><span>%s</span><input type=\"%s\" name=\"%s\" "
                "value=\"%s\" maxlength=\"%zu\" aria-invalid=\"%s\">",
                err ? " invalid" : "", label, type ? type : "text", name, value ? value : "",
                maxlen, err ? "true" : "false");
    form_error(r, name);
    html_raw(r, "</label>");
}

void form_textarea(Request *r, const char *name, const char *label, const char *value, int rows)
{
    const char *err = req_field_error(r, name);
    html_printf(r, "<label class=\"field wide%s\"><span>%s</span><textarea name=\"%s\" rows=\"%d\" aria-invalid=\"%s\">%s</textarea>",
                err ? " invalid" : "", label, name, rows, err ? "true" : "false", value ? value : "");
    form_error(r, name);
    html_raw(r, "</label>");
}
