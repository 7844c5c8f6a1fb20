/*
 * table_xlsx.c - the quarterly table as an Excel workbook (libxlsxwriter).
 * See report_table.h.
 *
 * The file itself is made by xlsx_bytes (io/xlsx_file.h).
 *
 * Sizes: fonts as in the DOCX (小四 仿宋_GB2312 in cells, 黑体 heads, 小标宋
 * title). LibreOffice does not fit a row's height to wrapped text when it
 * opens a file, so every row gets an explicit height from an estimate of its
 * lines. Excel caps a row at 409 pt, so when a cell would need more lines
 * than that the progress column is widened instead (printing is fitted to
 * one page wide, so a wider sheet prints a little smaller).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "io/gov_style.h"
#include "io/report_table.h"
#include "io/table_layout.h"
#include "io/xlsx_file.h"
#include "io/xml_writer.h"

/* What fill() is given. */
typedef struct XlsxJob {
    const ReportTable *table;
    Arena *a;
} XlsxJob;

enum { COLS = 5 };

#define PX_PER_HALF_EM 8     /* 12 pt at 96 dpi is 16 px a CJK character */
#define CELL_PAD_PX 10       /* cell padding and a margin for the estimate */
#define LINE_PT 17.5         /* one line of 12 pt CJK text (Noto CJK needs 1.45 em) */
#define ROW_PAD_PT 5.0
#define ROW_MAX_PT 409.0     /* Excel's limit */
#define PROGRESS_MIN 32      /* characters: prints at 100 % on landscape A4 */
#define PROGRESS_MAX 90

/* Column widths in CJK characters of the cell font; the progress column's
 * is computed. */
static const int COL_CHARS[COLS] = {3, 10, 7, 0, 8};

/* Excel's width unit is the width of '0' in the default font (7 px for
 * Calibri 11) plus 5 px of padding. */
static double excel_width(int chars)
{
    return (double)(chars * 2 * PX_PER_HALF_EM + CELL_PAD_PX - 5) / 7.0;
}

static int lines_in(const char *text, int chars)
{
    return layout_lines(text ? text : "", chars * 2 - 1); /* one half-em of slack */
}

typedef struct Sheet {
    Arena *a;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_error err;  /* first libxlsxwriter error */
    lxw_format *label, *title, *subtitle, *head, *center, *text;
    int chars[COLS];
} Sheet;

static lxw_format *font_format(Sheet *s, const char *face, double pt, uint8_t align, bool border)
{
    lxw_format *f = workbook_add_format(s->wb);
    format_set_font_name(f, face);
    format_set_font_size(f, pt);
    format_set_align(f, align);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    return f;
}

static void string(Sheet *s, lxw_row_t r, lxw_col_t c, const char *text, lxw_format *f)
{
    xlsx_check(&s->err, worksheet_write_string(s->ws, r, c, xml_clean(s->a, text ? text : ""), f));
}

/* The narrowest progress column (in characters) in which every row fits
 * Excel's row-height limit. */
static int progress_chars(const ReportTable *t, Arena *a)
{
    int max_lines = (int)((ROW_MAX_PT - ROW_PAD_PT) / LINE_PT);
    int chars = PROGRESS_MIN;
    for (size_t i = 0; i < t->n_rows; i++) {
        const char *text = table_progress_text(&t->rows[i], a);
        while (chars < PROGRESS_MAX && lines_in(text, chars) > max_lines) chars += 2;
    }
    return chars;
}

static double row_height(int lines)
{
    double h = lines * LINE_PT + ROW_PAD_PT;
    return h > ROW_MAX_PT ? ROW_MAX_PT : h;
}

static lxw_row_t write_head(Sheet *s, const ReportTable *t)
{
    lxw_row_t r = 0;
    if (t->label && *t->label) {
        string(s, r, 0, t->label, s->label);
        xlsx_check(&s->err, worksheet_set_row(s->ws, r++, 24, NULL));
    }
    int total = 0;
    for (int c = 0; c < COLS; c++) total += s->chars[c];
    if (t->title && *t->title) {
        xlsx_check(&s->err, worksheet_merge_range(s->ws, r, 0, r, COLS - 1, xml_clean(s->a, t->title), s->title));
        /* 22 pt characters are 11/6 of the 12 pt ones the widths count. */
        int lines = lines_in(t->title, total * 6 / 11);
        xlsx_check(&s->err, worksheet_set_row(s->ws, r++, lines * 32.0 + 6, NULL));
    }
    if (t->subtitle && *t->subtitle) {
        xlsx_check(&s->err, worksheet_merge_range(s->ws, r, 0, r, COLS - 1, xml_clean(s->a, t->subtitle), s->subtitle));
        xlsx_check(&s->err, worksheet_set_row(s->ws, r++, 24, NULL));
    }
    for (int c = 0; c < COLS; c++) string(s, r, (lxw_col_t)c, REPORT_TABLE_HEADERS[c], s->head);
    xlsx_check(&s->err, worksheet_set_row(s->ws, r, row_height(1), NULL));
    return r;
}

static void write_row(Sheet *s, lxw_row_t r, const TableRow *row)
{
    const char *units = table_units_text(row, s->a);
    const char *prog = table_progress_text(row, s->a);
    xlsx_check(&s->err, worksheet_write_number(s->ws, r, 0, row->no, s->center));
    string(s, r, 1, row->title, s->center);
    string(s, r, 2, units, s->center);
    string(s, r, 3, prog, s->text);
    string(s, r, 4, row->deadline, s->center);
    int lines = lines_in(row->title, s->chars[1]);
    const char *texts[] = {units, prog, row->deadline};
    const int cols[] = {2, 3, 4};
    for (int i = 0; i < 3; i++) {
        int l = lines_in(texts[i], s->chars[cols[i]]);
        if (l > lines) lines = l;
    }
    xlsx_check(&s->err, worksheet_set_row(s->ws, r, row_height(lines), NULL));
}

static void page_setup(Sheet *s, lxw_row_t header)
{
    worksheet_freeze_panes(s->ws, header + 1, 0);
    worksheet_set_landscape(s->ws);
    worksheet_set_paper(s->ws, 9); /* A4 */
    worksheet_set_margins(s->ws, 0.5, 0.5, 0.6, 0.7);
    worksheet_center_horizontally(s->ws);
    worksheet_fit_to_pages(s->ws, 1, 0);
    xlsx_check(&s->err, worksheet_repeat_rows(s->ws, header, header));
    xlsx_check(&s->err, worksheet_set_footer(s->ws, "&C&\"" GOV_FONT_SONG ",Regular\"&14— &P —"));
}

/* Fills a new workbook with the table (xlsx_bytes runs it). */
static lxw_error fill(lxw_workbook *wb, void *ctx)
{
    const XlsxJob *job = ctx;
    const ReportTable *t = job->table;
    Sheet s = {.a = job->a, .wb = wb};
    s.ws = xlsx_add_sheet(s.wb, "报表", &s.err);
    if (!s.ws) return s.err;
    s.label = font_format(&s, GOV_FONT_HEI, GOV_PT_3, LXW_ALIGN_LEFT, false);
    s.title = font_format(&s, GOV_FONT_TITLE, GOV_PT_2, LXW_ALIGN_CENTER, false);
    s.subtitle = font_format(&s, GOV_FONT_KAI, GOV_PT_3, LXW_ALIGN_CENTER, false);
    s.head = font_format(&s, GOV_FONT_HEI, GOV_PT_S4, LXW_ALIGN_CENTER, true);
    s.center = font_format(&s, GOV_FONT_BODY, GOV_PT_S4, LXW_ALIGN_CENTER, true);
    s.text = font_format(&s, GOV_FONT_BODY, GOV_PT_S4, LXW_ALIGN_LEFT, true);

    memcpy(s.chars, COL_CHARS, sizeof s.chars);
    s.chars[3] = progress_chars(t, s.a);
    for (int c = 0; c < COLS; c++)
        xlsx_check(&s.err, worksheet_set_column(s.ws, (lxw_col_t)c, (lxw_col_t)c, excel_width(s.chars[c]), NULL));

    lxw_row_t header = write_head(&s, t);
    for (size_t i = 0; i < t->n_rows; i++) write_row(&s, header + 1 + (lxw_row_t)i, &t->rows[i]);
    page_setup(&s, header);

    lxw_doc_properties props = {.title = (char *)(t->title ? t->title : ""), .author = "shishi"};
    xlsx_check(&s.err, workbook_set_properties(s.wb, &props));
    return s.err;
}

int table_xlsx(const ReportTable *t, Arena *a, void **out, size_t *len, Err *e)
{
    XlsxJob job = {t, a};
    return xlsx_bytes(fill, &job, a, out, len, e);
}
