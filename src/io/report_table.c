/*
 * report_table.c - what the table writers share: the headers, the text of
 * the 责任单位 and 本季度具体措施及任务进度情况 cells, line estimates, and the
 * matching key. See report_table.h and table_layout.h.
 */
#include "io/report_table.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "io/table_layout.h"
#include "lib/buf.h"
#include "lib/utf8.h"

const char *const REPORT_TABLE_HEADERS[5] = {
    "序号", "实事名称", "责任单位", "本季度具体措施及任务进度情况", "完成时限",
};

/* True when text already begins with "name：" or "name:" (a unit that wrote
 * its own heading must not get a second one). */
static bool has_heading(const char *text, const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || strncmp(text, name, n) != 0) return false;
    return strncmp(text + n, "：", strlen("：")) == 0 || text[n] == ':';
}

size_t table_progress_paras(const TableRow *r, Arena *a, const char ***out)
{
    size_t cap = 8, n = 0;
    const char **paras = ARENA_ARRAY(a, const char *, cap);
    bool headed = r->n_units > 1;
    for (size_t u = 0; u < r->n_units; u++) {
        const char *text = utf8_tidy_lines(a, r->units[u].text);
        if (!*text) continue;
        const char *name = r->units[u].name ? r->units[u].name : "";
        if (headed && *name && !has_heading(text, name)) text = arena_printf(a, "%s：%s", name, text);
        if (n == cap) {
            paras = arena_grow(a, paras, n, cap * 2, sizeof *paras);
            cap *= 2;
        }
        paras[n++] = text;
    }
    *out = paras;
    return n;
}

char *table_progress_text(const TableRow *r, Arena *a)
{
    const char **paras;
    size_t n = table_progress_paras(r, a, &paras);
    Buf b = BUF_INIT(a);
    for (size_t i = 0; i < n; i++) {
        if (i) buf_putc(&b, '\n');
        buf_puts(&b, paras[i]);
    }
    return b.data ? b.data : "";
}

char *table_units_text(const TableRow *r, Arena *a)
{
    Buf b = BUF_INIT(a);
    for (size_t u = 0; u < r->n_units; u++) {
        const char *name = utf8_tidy_lines(a, r->units[u].name);
        if (!*name) continue;
        if (b.len) buf_putc(&b, '\n');
        buf_puts(&b, name);
    }
    return b.data ? b.data : "";
}

/* ---- layout estimates -------------------------------------------------------------- */

size_t layout_width(const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    size_t w = 0;
    while (p < end) {
        int32_t cp = utf8_decode(&p, end);
        w += cp < 0 ? 1 : (size_t)utf8_cp_width(cp);
    }
    return w;
}

int layout_lines(const char *s, int cap)
{
    int lines = 0;
    const char *p = s;
    for (;;) {
        size_t n = strcspn(p, "\n");
        size_t w = layout_width(p, n);
        lines += w == 0 ? 1 : (int)((w + (size_t)cap - 1) / (size_t)cap);
        if (!p[n]) break;
        p += n + 1;
    }
    return lines;
}

/* ---- matching key ------------------------------------------------------------------ */

char *table_match_key(Arena *a, const char *s)
{
    if (!s) return arena_strdup(a, "");
    utf8proc_uint8_t *nf = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &nf,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                          UTF8PROC_COMPAT);
    const char *src = n >= 0 ? (const char *)nf : s;
    size_t len = n >= 0 ? (size_t)n : strlen(s);
    char *d = arena_alloc(a, len + 1);
    size_t k = 0;
    const char *p = src, *end = src + len;
    while (p < end) {
        const char *at = p;
        int32_t cp = utf8_decode(&p, end);
        /* NFKC has already made U+3000 an ASCII space */
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0) continue;
        memcpy(d + k, at, (size_t)(p - at));
        k += (size_t)(p - at);
    }
    d[k] = '\0';
    free(nf);
    return d;
}
