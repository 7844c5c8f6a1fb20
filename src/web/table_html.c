/* table_html.c - the quarterly table as HTML. See table_html.h. */
#include "web/table_html.h"

#include <string.h>

#include "web/html.h"

void table_html(Request *r, const ReportTable *t)
{
    html_raw(r, "<article class=\"official-table\">");
    if (t->label) html_printf(r, "<p class=\"label\">%s</p>", t->label);
    html_printf(r, "<h1 class=\"official-title\">%s</h1>", t->title);
    if (t->subtitle) html_printf(r, "<p class=\"official-subtitle\">%s</p>", t->subtitle);
    html_raw(r, "<table class=\"official\"><colgroup><col class=\"c-no\"><col class=\"c-title\"><col class=\"c-units\">"
                "<col class=\"c-progress\"><col class=\"c-deadline\"></colgroup><thead><tr>");
    for (int i = 0; i < 5; i++) html_printf(r, "<th>%s</th>", REPORT_TABLE_HEADERS[i]);
    html_raw(r, "</tr></thead><tbody>");
    for (size_t i = 0; i < t->n_rows; i++) {
        const TableRow *row = &t->rows[i];
        html_printf(r, "<tr><td class=\"c\">%d</td><td>%s</td><td>", row->no, row->title);
        for (size_t u = 0; u < row->n_units; u++) html_printf(r, "%s%s", u ? "\n" : "", row->units[u].name);
        html_raw(r, "</td><td>");
        const char **paras;
        size_t n = table_progress_paras(row, r->a, &paras);
        for (size_t k = 0; k < n; k++) html_printf(r, "<p>%s</p>", paras[k]);
        html_printf(r, "</td><td class=\"c\">%s</td></tr>", row->deadline ? row->deadline : "");
    }
    html_raw(r, "</tbody></table></article>");
}

/* The print rules of the standalone file (the served page links style.css,
 * which holds the same rules). */
static const char STANDALONE_CSS[] =
    "@page{size:A4 landscape;margin:25mm 20mm 20mm 25mm}"
    "body{font-family:\"FangSong_GB2312\",\"仿宋_GB2312\",\"FangSong\",\"仿宋\",\"Noto Serif CJK SC\",serif;"
    "font-size:12pt;margin:0 auto;max-width:257mm;color:#000}"
    ".label{font-family:\"SimHei\",\"黑体\",\"Noto Sans CJK SC\",sans-serif;font-size:16pt;margin:0 0 1em}"
    ".official-title{font-family:\"方正小标宋简体\",\"FZXiaoBiaoSong-B05S\",\"SimSun\",\"宋体\",serif;"
    "font-size:22pt;font-weight:normal;text-align:center;margin:.5em 0}"
    ".official-subtitle{text-align:center;font-family:\"KaiTi_GB2312\",\"楷体\",serif;font-size:14pt}"
    "table.official{border-collapse:collapse;width:100%}"
    "table.official th,table.official td{border:1px solid #000;padding:4pt 6pt;vertical-align:top;white-space:pre-line}"
    "table.official th{font-family:\"SimHei\",\"黑体\",\"Noto Sans CJK SC\",sans-serif;font-weight:normal}"
    "table.official thead{display:table-header-group}table.official tr{break-inside:avoid}"
    "table.official p{margin:0 0 .3em;text-indent:2em;white-space:pre-line}"
    "td.c{text-align:center}col.c-no{width:6%}col.c-title{width:17%}col.c-units{width:13%}"
    "col.c-progress{width:50%}col.c-deadline{width:14%}";

char *table_html_document(Arena *a, const ReportTable *t, size_t *len)
{
    Request r;
    memset(&r, 0, sizeof r);
    r.a = a;
    r.body = BUF_INIT(a);
    html_printf(&r, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>%s%s</title><style>",
                t->title, t->subtitle ? t->subtitle : "");
    buf_append(&r.body, STANDALONE_CSS, sizeof STANDALONE_CSS - 1);
    html_raw(&r, "</style></head><body>");
    table_html(&r, t);
    html_raw(&r, "</body></html>\n");
    *len = r.body.len;
    return r.body.data;
}
