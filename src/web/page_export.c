/*
 * page_export.c - the official quarterly table of a round: the print page
 * (A4 landscape) with buttons for Word, Excel and CSV, and the downloads.
 * ?include=submitted puts submitted reports in beside accepted ones.
 */
#include <string.h>

#include "core/quarterly.h"
#include "db/store.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/table_html.h"
#include "web/widgets.h"

static enum TableInclusion inclusion(const Request *r)
{
    const char *inc = params_get(&r->query, "include");
    return inc && strcmp(inc, "submitted") == 0 ? TABLE_SUBMITTED_TOO : TABLE_ACCEPTED;
}

static ReportTable *load(Request *r, Round *rd)
{
    Err e = ERR_INIT;
    Round round;
    ReportTable *t;
    if (store_round_get(r->db, r->a, req_path_id(r, 0), &round, &e) < 0 ||
        quarterly_table_load(r->db, r->a, round.programme_id, round.id, inclusion(r), &t, rd, &e) < 0) {
        widget_fail(r, &e);
        return NULL;
    }
    return t;
}

void page_round_table(Request *r)
{
    Round rd;
    ReportTable *t = load(r, &rd);
    if (!t) return;
    bool submitted = inclusion(r) == TABLE_SUBMITTED_TOO;
    const char *q = submitted ? "?include=submitted" : "";
    page_begin(r, arena_printf(r->a, "%s%s", t->title, t->subtitle ? t->subtitle : ""));
    html_printf(r, "<div class=\"no-print\"><p class=\"crumbs\"><a href=\"/p/%lld/rounds\">报送轮次</a></p>"
                   "<p class=\"buttons\"><a class=\"button\" href=\"/round/%lld/table.docx%s\">下载Word</a> "
                   "<a class=\"button\" href=\"/round/%lld/table.xlsx%s\">下载Excel</a> "
                   "<a class=\"button\" href=\"/round/%lld/table.csv%s\">下载CSV</a> "
                   "<a class=\"button\" href=\"/round/%lld/bulletin\">进展情况通报</a></p><p>",
                (long long)rd.programme_id, (long long)rd.id, q, (long long)rd.id, q, (long long)rd.id, q,
                (long long)rd.id);
    if (submitted)
        html_printf(r, "当前：已采纳和已报送（未审核）的报告。<a href=\"/round/%lld/table\">只看已采纳的</a>", (long long)rd.id);
    else
        html_printf(r, "当前：只含已采纳的报告。<a href=\"/round/%lld/table?include=submitted\">包括已报送未审核的</a>",
                    (long long)rd.id);
    html_raw(r, "（打印时请选择A4横向）</p></div>");
    table_html(r, t);
    page_end(r);
}

static void download(Request *r, const char *ext)
{
    Round rd;
    ReportTable *t = load(r, &rd);
    if (!t) return;
    void *data;
    size_t len;
    Err e = ERR_INIT;
    int rc;
    const char *mime;
    if (strcmp(ext, "docx") == 0) rc = table_docx(t, r->a, &data, &len, &e), mime = TABLE_DOCX_MIME;
    else if (strcmp(ext, "xlsx") == 0) rc = table_xlsx(t, r->a, &data, &len, &e), mime = TABLE_XLSX_MIME;
    else rc = table_csv(t, r->a, &data, &len, &e), mime = TABLE_CSV_MIME;
    if (rc < 0) {
        widget_fail(r, &e);
        return;
    }
    resp_download(r, mime, quarterly_file_name(r->a, t, ext), data, len);
}

void page_round_table_docx(Request *r) { download(r, "docx"); }
void page_round_table_xlsx(Request *r) { download(r, "xlsx"); }
void page_round_table_csv(Request *r) { download(r, "csv"); }
