/* ledger_export.c - the work ledger as CSV and XLSX. See ledger_export.h. */
#include "io/ledger_export.h"

#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/programme.h"
#include "io/csv.h"
#include "io/gov_style.h"
#include "io/table_layout.h"
#include "io/xlsx_file.h"
#include "io/xml_writer.h"
#include "lib/timeutil.h"

enum { COLS = 7 };
static const char *const HEADERS[COLS] = {"日期", "工作内容", "地点", "数量", "计入指标", "指标累计", "资金（元）"};
static const double WIDTHS[COLS] = {12, 48, 16, 10, 24, 10, 14};

static const char *indicator_name(const Project *pr, Id id)
{
    const Indicator *ind = pr ? project_find_indicator(pr, id) : NULL;
    return ind ? ind->name : "";
}

/* The cells of entry i, as text. */
static void cells(const LedgerSheet *s, size_t i, Arena *a, const char *out[COLS])
{
    const LedgerEntry *l = &s->entries[i];
    out[0] = date_iso(a, l->date);
    out[1] = l->content;
    out[2] = l->place ? l->place : "";
    out[3] = l->has_quantity ? format_number(a, l->quantity) : "";
    out[4] = indicator_name(s->project, l->indicator_id);
    out[5] = isnan(s->running[i]) ? "" : format_number(a, s->running[i]);
    out[6] = format_yuan(a, l->funds_fen);
}

static int64_t total_funds(const LedgerSheet *s)
{
    int64_t sum = 0;
    for (size_t i = 0; i < s->n; i++) sum += s->entries[i].funds_fen;
    return sum;
}

int ledger_csv(const LedgerSheet *s, Arena *a, void **out, size_t *len, Err *e)
{
    (void)e;
    Buf b = BUF_INIT(a);
    csv_begin(&b);
    for (int c = 0; c < COLS; c++) csv_field(&b, a, HEADERS[c], c == 0);
    csv_end_row(&b);
    for (size_t i = 0; i < s->n; i++) {
        const char *row[COLS];
        cells(s, i, a, row);
        for (int c = 0; c < COLS; c++) csv_field(&b, a, row[c], c == 0);
        csv_end_row(&b);
    }
    const char *total[COLS] = {"合计", "", "", "", "", "", format_yuan(a, total_funds(s))};
    for (int c = 0; c < COLS; c++) csv_field(&b, a, total[c], c == 0);
    csv_end_row(&b);
    *out = b.data;
    *len = b.len;
    return 0;
}

/* Entry i's figure in numeric column c (数量, 指标累计, 资金): false where
 * the cell is empty or not a number. */
static bool number_at(const LedgerSheet *s, size_t i, int c, double *v)
{
    const LedgerEntry *l = &s->entries[i];
    switch (c) {
    case 3: *v = l->quantity; return l->has_quantity && isfinite(*v);
    case 5: *v = s->running[i]; return isfinite(*v);
    case 6: *v = (double)l->funds_fen / 100.0; return true;
    default: return false;
    }
}

/* LibreOffice does not fit wrapped rows on opening, so each row is as high
 * as the lines 工作内容 takes: 22 characters of 11 pt 仿宋 fill its column
 * (48 units of 7 px), in half-ems for layout_lines. */
#define CONTENT_HALF_EMS (22 * 2)

typedef struct Job {
    const LedgerSheet *s;
    Arena *a;
} Job;

static lxw_error fill(lxw_workbook *wb, void *ctx)
{
    const Job *job = ctx;
    const LedgerSheet *s = job->s;
    lxw_error err = LXW_NO_ERROR;
    lxw_worksheet *ws = xlsx_add_sheet(wb, "工作台账", &err);
    if (!ws) return err;
    lxw_format *title = workbook_add_format(wb), *head = workbook_add_format(wb), *cell = workbook_add_format(wb);
    format_set_font_name(title, GOV_FONT_HEI);
    format_set_font_size(title, 16);
    format_set_font_name(head, GOV_FONT_HEI);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_align(head, LXW_ALIGN_CENTER);
    format_set_font_name(cell, GOV_FONT_BODY);
    format_set_border(cell, LXW_BORDER_THIN);
    format_set_text_wrap(cell);
    format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
    for (int c = 0; c < COLS; c++) xlsx_check(&err, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, WIDTHS[c], NULL));
    xlsx_check(&err, worksheet_merge_range(ws, 0, 0, 0, COLS - 1, xml_clean(job->a, s->title), title));
    for (int c = 0; c < COLS; c++) xlsx_check(&err, worksheet_write_string(ws, 1, (lxw_col_t)c, HEADERS[c], head));
    for (size_t i = 0; i < s->n; i++) {
        const char *row[COLS];
        cells(s, i, job->a, row);
        lxw_row_t r = (lxw_row_t)(i + 2);
        for (int c = 0; c < COLS; c++) {
            double v;
            if (number_at(s, i, c, &v)) xlsx_check(&err, worksheet_write_number(ws, r, (lxw_col_t)c, v, cell));
            else xlsx_check(&err, worksheet_write_string(ws, r, (lxw_col_t)c, xml_clean(job->a, row[c]), cell));
        }
        int lines = layout_lines(row[1], CONTENT_HALF_EMS);
        xlsx_check(&err, worksheet_set_row(ws, r, 15.0 * lines + 4, NULL));
    }
    lxw_row_t last = (lxw_row_t)(s->n + 2);
    xlsx_check(&err, worksheet_write_string(ws, last, 0, "合计", head));
    xlsx_check(&err, worksheet_write_number(ws, last, 6, (double)total_funds(s) / 100.0, cell));
    worksheet_freeze_panes(ws, 2, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    xlsx_check(&err, worksheet_repeat_rows(ws, 1, 1));
    return err;
}

int ledger_xlsx(const LedgerSheet *s, Arena *a, void **out, size_t *len, Err *e)
{
    Job job = {s, a};
    return xlsx_bytes(fill, &job, a, out, len, e);
}
