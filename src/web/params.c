/* params.c - typed readers of request fields. See params.h. */
#include "web/params.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/timeutil.h"
#include "lib/utf8.h"

bool id_parse(const char *s, size_t len, Id *out)
{
    if (len == 0 || len > 18) return false;
    Id v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    if (v <= 0) return false;
    *out = v;
    return true;
}

bool param_id(const ParamList *l, const char *name, Id *out)
{
    const char *s = params_get(l, name);
    return s && id_parse(s, strlen(s), out);
}

bool query_id(const Request *r, const char *name, Id *out)
{
    return param_id(&r->query, name, out);
}

bool form_id(const Request *r, const char *name, Id *out)
{
    return param_id(&r->form, name, out);
}

const char *form_string(Request *r, const char *name, const char *label, size_t max_chars,
                        bool required, bool multiline)
{
    const char *raw = params_get(&r->form, name);
    size_t len = raw ? strlen(raw) : 0;
    if (raw && !utf8_valid(raw, len)) {
        req_set_field_error(r, name, arena_printf(r->a, "%s含有无效字符", label));
        return NULL;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)raw[i];
        if ((c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f) {
            req_set_field_error(r, name, arena_printf(r->a, "%s含有控制字符", label));
            return NULL;
        }
    }
    size_t start = 0;
    size_t n = raw ? utf8_trim(raw, len, &start) : 0;
    if (n == 0) {
        if (required) {
            req_set_field_error(r, name, arena_printf(r->a, "请填写%s", label));
            return NULL;
        }
        return "";
    }
    char *v = arena_strndup(r->a, raw + start, n);
    if (multiline) {
        /* CRLF from browsers: store plain newlines */
        char *w = v;
        for (char *p = v; *p; p++)
            if (*p != '\r') *w++ = *p;
        *w = '\0';
    }
    if (utf8_chars(v) > max_chars) {
        req_set_field_error(r, name, arena_printf(r->a, "%s过长（最多%zu个字）", label, max_chars));
        return NULL;
    }
    return v;
}

const char *form_optional(Request *r, const char *name, const char *label, size_t max_chars)
{
    const char *v = form_string(r, name, label, max_chars, false, false);
    return v && *v ? v : NULL;
}

char *normalise_number_text(Arena *a, const char *s)
{
    size_t len = strlen(s);
    char *out = arena_alloc(a, len + 1);
    size_t n = 0;
    const char *p = s, *end = s + len;
    while (p < end) {
        int32_t cp = utf8_decode(&p, end);
        if (cp >= 0xFF10 && cp <= 0xFF19) cp = '0' + (cp - 0xFF10);
        else if (cp == 0xFF0E || cp == 0x3002) cp = '.';
        else if (cp == 0xFF0D) cp = '-';
        if (cp == ',' || cp == 0xFF0C || cp == ' ' || cp == 0x3000) continue;
        if (cp < 0 || cp > 0x7e) {
            out[n++] = '?'; /* keeps the text unparseable */
            continue;
        }
        out[n++] = (char)cp;
    }
    out[n] = '\0';
    return out;
}

bool form_number(Request *r, const char *name, const char *label, bool required, double *out,
                 bool *present)
{
    if (present) *present = false;
    const char *raw = form_string(r, name, label, 40, required, false);
    if (!raw) return false;
    if (!*raw) return !required;
    char *s = normalise_number_text(r->a, raw);
    if (s[strlen(s) - 1] == '%') s[strlen(s) - 1] = '\0';
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (!*s || *end || errno || !isfinite(v) || strspn(s, "0123456789.") != strlen(s)) {
        req_set_field_error(r, name, arena_printf(r->a, "%s必须是数字", label));
        return false;
    }
    if (v > 1e12) {
        req_set_field_error(r, name, arena_printf(r->a, "%s过大", label));
        return false;
    }
    *out = v;
    if (present) *present = true;
    return true;
}

bool form_int(Request *r, const char *name, const char *label, long min, long max, long *out)
{
    double v;
    bool present;
    if (!form_number(r, name, label, true, &v, &present)) return false;
    if (v != floor(v) || v < (double)min || v > (double)max) {
        req_set_field_error(r, name, arena_printf(r->a, "%s必须是%ld到%ld之间的整数", label, min, max));
        return false;
    }
    *out = (long)v;
    return true;
}

bool form_date(Request *r, const char *name, const char *label, bool required, int *out)
{
    *out = DATE_NONE;
    const char *raw = form_string(r, name, label, 20, required, false);
    if (!raw) return false;
    if (!*raw) return !required;
    char *s = normalise_number_text(r->a, raw);
    int y, m, d;
    char tail;
    /* 2022-06-30 (the date input), 2022/6/30, 2022.6.30 */
    if ((sscanf(s, "%d-%d-%d%c", &y, &m, &d, &tail) == 3 || sscanf(s, "%d/%d/%d%c", &y, &m, &d, &tail) == 3 ||
         sscanf(s, "%d.%d.%d%c", &y, &m, &d, &tail) == 3) &&
        date_valid_ymd(y, m, d)) {
        *out = date_from_ymd(y, m, d);
        return true;
    }
    /* 2022年6月30日 */
    if (sscanf(raw, "%d年%d月%d日", &y, &m, &d) == 3 && date_valid_ymd(y, m, d)) {
        *out = date_from_ymd(y, m, d);
        return true;
    }
    req_set_field_error(r, name, arena_printf(r->a, "%s不是有效日期（例如2022-12-31）", label));
    return false;
}

bool form_choice(Request *r, const char *name, const char *label, const char *const *names,
                 size_t n, int *out)
{
    const char *v = params_get(&r->form, name);
    for (size_t i = 0; v && i < n; i++)
        if (names[i] && strcmp(names[i], v) == 0) {
            *out = (int)i;
            return true;
        }
    return form_chosen(r, name, label, false);
}

bool form_chosen(Request *r, const char *name, const char *label, bool ok)
{
    if (!ok) req_set_field_error(r, name, arena_printf(r->a, "请选择%s", label));
    return ok;
}

bool form_checked(const Request *r, const char *name)
{
    const char *v = params_get(&r->form, name);
    return v && (strcmp(v, "1") == 0 || strcmp(v, "on") == 0);
}

bool form_file_bytes(Request *r, size_t max, FileBytes *out, int *status)
{
    const Upload *up = r->n_uploads ? &r->uploads[0] : NULL;
    *status = 400;
    if (!up || (!up->tmp_path && !up->too_large) || (up->size == 0 && !up->too_large)) {
        req_set_field_error(r, "file", "请选择要上传的文件");
        return false;
    }
    if (up->too_large || up->size < 0 || (uint64_t)up->size > max) {
        *status = 413;
        req_set_field_error(r, "file", arena_printf(r->a, "文件超过大小限制（最大%zuMB）", max >> 20));
        return false;
    }
    FILE *f = fopen(up->tmp_path, "rb");
    char *data = f ? arena_alloc(r->a, (size_t)up->size + 1) : NULL;
    size_t got = f ? fread(data, 1, (size_t)up->size, f) : 0;
    if (f) fclose(f);
    if (!f || got != (size_t)up->size) {
        req_set_field_error(r, "file", "无法读取上传的文件");
        return false;
    }
    *out = (FileBytes){data, got, up->filename};
    return true;
}
