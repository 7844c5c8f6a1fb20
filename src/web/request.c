/* request.c - parameters, cookies and response helpers. See request.h. */
#include "web/request.h"

#include <stdio.h>
#include <string.h>

#include "web/html.h"

void params_add(Arena *a, ParamList *l, const char *name, size_t name_len, const char *value,
                size_t value_len)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        l->items = arena_grow(a, l->items, l->n, cap, sizeof *l->items);
        l->cap = cap;
    }
    Param *p = &l->items[l->n++];
    p->name = arena_strndup(a, name, name_len);
    p->value = arena_strndup(a, value, value_len);
    p->len = value_len;
}

const char *params_get(const ParamList *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].name, name) == 0) return l->items[i].value;
    return NULL;
}

char *url_encode(Arena *a, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t len = strlen(s);
    char *d = arena_alloc(a, len * 3 + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            d[n++] = (char)c;
        } else {
            d[n++] = '%';
            d[n++] = hex[c >> 4];
            d[n++] = hex[c & 15];
        }
    }
    d[n] = '\0';
    return d;
}

void params_parse_cookies(Arena *a, ParamList *l, const char *s)
{
    if (!s) return;
    while (*s) {
        while (*s == ' ' || *s == ';') s++;
        const char *end = strchr(s, ';');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        const char *eq = memchr(s, '=', len);
        if (eq && eq > s) params_add(a, l, s, (size_t)(eq - s), eq + 1, (size_t)(s + len - eq - 1));
        s += len;
    }
}

void resp_header(Request *r, const char *name, const char *value)
{
    if (r->n_headers == r->cap_headers) {
        size_t cap = r->cap_headers ? r->cap_headers * 2 : 8;
        r->headers = arena_grow(r->a, r->headers, r->n_headers, cap, sizeof *r->headers);
        r->cap_headers = cap;
    }
    r->headers[r->n_headers++] = (Header){name, value};
}

void resp_redirect(Request *r, const char *location)
{
    r->status = 303;
    buf_reset(&r->body);
    resp_header(r, "Location", location);
    r->content_type_out = "text/plain; charset=utf-8";
}

int http_status(const Err *e)
{
    switch (e->code) {
    case ERR_NOT_FOUND: return 404;
    case ERR_FORBIDDEN: return 403;
    case ERR_CONFLICT: return 409;
    case ERR_TOO_LARGE: return 413;
    case ERR_IO:
    case ERR_INTERNAL: return 500;
    case ERR_NONE:
    case ERR_INVALID: break;
    }
    return 400;
}

void resp_error(Request *r, int status, const char *message)
{
    static const char *const titles[] = {
        [400] = "请求有误", [403] = "无权访问", [404] = "页面不存在", [405] = "不支持的请求方法",
        [409] = "操作冲突", [413] = "提交内容过大", [429] = "请求过于频繁", [500] = "服务器内部错误",
        [503] = "服务暂不可用",
    };
    const char *title = status < 600 && titles[status] ? titles[status] : "出错了";
    r->status = status;
    buf_reset(&r->body);
    r->n_headers = 0;
    page_begin(r, title);
    html_printf(r, "<section class=\"error\"><h1>%s</h1><p>%s</p>", title,
                message ? message : title);
    html_raw(r, "<p><a href=\"/\">返回首页</a></p></section>");
    page_end(r);
}

void resp_cookie(Request *r, const char *name, const char *value, int max_age_seconds, bool strict)
{
    resp_header(r, "Set-Cookie",
                arena_printf(r->a, "%s=%s; Path=/; HttpOnly; SameSite=%s%s%s", name, value,
                             strict ? "Strict" : "Lax", r->https ? "; Secure" : "",
                             max_age_seconds >= 0
                                 ? arena_printf(r->a, "; Max-Age=%d", max_age_seconds)
                                 : ""));
}

void resp_download(Request *r, const char *content_type, const char *filename, const void *data,
                   size_t len)
{
    r->status = 200;
    r->content_type_out = content_type;
    r->download_name = filename;
    buf_reset(&r->body);
    buf_append(&r->body, data, len);
}

const char *req_field_error(const Request *r, const char *field)
{
    return params_get(&r->field_errors, field);
}

void req_set_field_error(Request *r, const char *field, const char *message)
{
    if (req_field_error(r, field)) return; /* the first message stays */
    params_add(r->a, &r->field_errors, field, strlen(field), message, strlen(message));
}

void req_take_err(Request *r, const Err *e)
{
    req_set_field_error(r, e->field[0] ? e->field : "_form", e->msg);
}

const char *req_path_with_query(Request *r)
{
    if (!r->query.n) return r->path;
    Buf b = BUF_INIT(r->a);
    buf_puts(&b, r->path);
    for (size_t i = 0; i < r->query.n; i++)
        buf_printf(&b, "%c%s=%s", i ? '&' : '?', url_encode(r->a, r->query.items[i].name),
                   url_encode(r->a, r->query.items[i].value));
    return buf_str(&b);
}
