/*
 * table_docx.c - the quarterly table as a Word document (GB/T 9704-2012).
 * See report_table.h.
 *
 * Layout choices, on landscape A4 with the 225 x 156 mm text block:
 *  - text in the table is 小四 (12 pt) 仿宋_GB2312, heads 小四 黑体. GB/T 9704
 *    allows a smaller size in tables (5.2.2); at 三号 a row with four units
 *    reporting 300 characters each would fill three pages, at 小四 it takes
 *    about one and a half, and 12 pt is still read comfortably on paper.
 *    Lines are exactly 20 pt apart, so a row's height is predictable.
 *  - columns (mm): 序号 12, 实事名称 38, 责任单位 30, progress 110, 完成时限 35.
 *    责任单位 fits six characters a line (区农业农村局), 完成时限 fits
 *    "2022年12月31日" on one line, the rest goes to the progress text.
 *  - a row short enough (≤ 8 lines) may not break across pages; a longer
 *    row breaks (a whole-row rule would leave most of a page empty).
 *  - cells are top-aligned. A row that breaks must be (its title belongs
 *    beside the start of its text), and LibreOffice 7.4 fails to centre
 *    cells in some rows that follow a broken one on the same page, so
 *    centring the short rows would look right in Word and wrong there.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "io/docx_pkg.h"
#include "io/gov_style.h"
#include "io/report_table.h"
#include "io/table_layout.h"

enum { COLS = 5 };

/* Column widths in twips; they add up to the text block's 12756. */
static const int COL_W[COLS] = {680, 2154, 1701, 6237, 1984};
#define CELL_MAR 85                  /* left and right cell margin, 1.5 mm */
#define CELL_MAR_V 40                /* top and bottom */
#define TEXT_PT GOV_PT_S4
#define LINE_TWIPS 400               /* exact 20 pt lines in cells */
#define KEEP_WHOLE_LINES 8           /* rows up to this many lines do not split */
#define BORDER_SZ 6                  /* eighths of a point: 0.75 pt */

static const DocxPara CELL_CENTER = {.jc = "center", .line = LINE_TWIPS, .line_exact = true};
static const DocxPara CELL_TEXT = {.jc = "both", .line = LINE_TWIPS, .line_exact = true};

/* Characters (half-ems) that fit on one line of column c. */
static int col_cap(int c)
{
    return (COL_W[c] - 2 * CELL_MAR) * 2 / (TEXT_PT * 20);
}

static void table_props(XmlWriter *w)
{
    int total = 0;
    for (int c = 0; c < COLS; c++) total += COL_W[c];
    xml_open(w, "w:tblPr");
    xml_open(w, "w:tblW");
    xml_attr_int(w, "w:w", total);
    xml_attr(w, "w:type", "dxa");
    xml_close(w);
    xml_leaf(w, "w:jc", "w:val", "center");
    xml_open(w, "w:tblBorders");
    static const char *const edges[] = {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"};
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        xml_open(w, edges[i]);
        xml_attr(w, "w:val", "single");
        xml_attr_int(w, "w:sz", BORDER_SZ);
        xml_attr(w, "w:space", "0");
        xml_attr(w, "w:color", "000000");
        xml_close(w);
    }
    xml_close(w);
    /* Fixed layout: Word and WPS keep our widths instead of fitting the text. */
    xml_leaf(w, "w:tblLayout", "w:type", "fixed");
    xml_open(w, "w:tblCellMar");
    static const char *const sides[] = {"w:top", "w:left", "w:bottom", "w:right"};
    static const int widths[] = {CELL_MAR_V, CELL_MAR, CELL_MAR_V, CELL_MAR};
    for (int i = 0; i < 4; i++) {
        xml_open(w, sides[i]);
        xml_attr_int(w, "w:w", widths[i]);
        xml_attr(w, "w:type", "dxa");
        xml_close(w);
    }
    xml_close(w);
    xml_close(w); /* w:tblPr */
    xml_open(w, "w:tblGrid");
    for (int c = 0; c < COLS; c++) xml_leaf_int(w, "w:gridCol", "w:w", COL_W[c]);
    xml_close(w);
}

static void row_open(XmlWriter *w, bool header, bool keep_whole)
{
    xml_open(w, "w:tr");
    if (header || keep_whole) {
        xml_open(w, "w:trPr");
        if (keep_whole) xml_leaf(w, "w:cantSplit", NULL, NULL);
        /* The head row repeats at the top of every page. */
        if (header) xml_leaf(w, "w:tblHeader", NULL, NULL);
        xml_close(w);
    }
}

static void cell_open(XmlWriter *w, int c, const char *valign)
{
    xml_open(w, "w:tc");
    xml_open(w, "w:tcPr");
    xml_open(w, "w:tcW");
    xml_attr_int(w, "w:w", COL_W[c]);
    xml_attr(w, "w:type", "dxa");
    xml_close(w);
    xml_leaf(w, "w:vAlign", "w:val", valign);
    xml_close(w);
}

static void header_row(XmlWriter *w)
{
    row_open(w, true, true);
    for (int c = 0; c < COLS; c++) {
        cell_open(w, c, "center");
        docx_para(w, &CELL_CENTER, GOV_FONT_HEI, TEXT_PT, REPORT_TABLE_HEADERS[c]);
        xml_close(w);
    }
    xml_close(w);
}

/* A cell of short centred lines (序号, 实事名称, 责任单位, 完成时限). */
static void short_cell(XmlWriter *w, Arena *a, int c, const char *valign, const char *text)
{
    cell_open(w, c, valign);
    docx_paras(w, a, &CELL_CENTER, GOV_FONT_BODY, TEXT_PT, text);
    xml_close(w);
}

static void data_row(DocxDoc *d, const TableRow *r)
{
    XmlWriter *w = &d->w;
    Arena *a = d->a;
    char no[24];
    snprintf(no, sizeof no, "%d", r->no);
    const char *units = table_units_text(r, a);
    const char **paras;
    size_t n_paras = table_progress_paras(r, a, &paras);

    /* Estimated height in lines: the tallest cell. */
    int lines = layout_lines(r->title ? r->title : "", col_cap(1));
    int l = layout_lines(units, col_cap(2));
    if (l > lines) lines = l;
    int prog = 0;
    for (size_t i = 0; i < n_paras; i++) prog += layout_lines(paras[i], col_cap(3));
    if (prog > lines) lines = prog;
    bool whole = lines <= KEEP_WHOLE_LINES;
    const char *valign = "top";

    row_open(w, false, whole);
    short_cell(w, a, 0, valign, no);
    short_cell(w, a, 1, valign, r->title);
    short_cell(w, a, 2, valign, units);
    cell_open(w, 3, valign);
    if (n_paras == 0) docx_para(w, &CELL_TEXT, GOV_FONT_BODY, TEXT_PT, NULL);
    /* A report's own line breaks become paragraphs (readers split there);
     * the paragraphs are tidy: none is empty, none has an empty line. */
    for (size_t i = 0; i < n_paras; i++) docx_paras(w, a, &CELL_TEXT, GOV_FONT_BODY, TEXT_PT, paras[i]);
    xml_close(w);
    short_cell(w, a, 4, valign, r->deadline);
    xml_close(w); /* w:tr */
}

int table_docx(const ReportTable *t, Arena *a, void **out, size_t *len, Err *e)
{
    DocxDoc d;
    docx_begin(&d, a, DOCX_LANDSCAPE);
    docx_heading(&d, t->label, t->title, t->subtitle);
    XmlWriter *w = &d.w;
    xml_open(w, "w:tbl");
    table_props(w);
    header_row(w);
    for (size_t i = 0; i < t->n_rows; i++) data_row(&d, &t->rows[i]);
    xml_close(w); /* w:tbl */
    /* The body must not end with a table: Word wants a paragraph after it,
     * kept 1 pt high so that it cannot push a blank page. */
    DocxPara tail = {.line = 20, .line_exact = true};
    docx_para(w, &tail, GOV_FONT_BODY, 1, NULL);
    return docx_finish(&d, t->title, out, len, e);
}
