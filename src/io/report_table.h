/*
 * report_table.h - the quarterly progress table (进展情况报表) as the
 * exporters and readers of io/ see it: plain strings, already chosen and
 * ordered by core/. One row a project, in the table's short titles.
 *
 *   附件
 *   2022年为区妇女儿童办实事工作进展情况报表
 *   序号 | 实事名称 | 责任单位 | 本季度具体措施及任务进度情况 | 完成时限
 *
 * Writers (table_docx.c, table_xlsx.c, table_csv.c) turn a ReportTable into
 * file bytes; the reader (table_read*.c) turns a table a unit filled by hand
 * in Word or Excel back into ReadRows. Neither touches the database or the
 * disk (but see table_xlsx), and matching read rows to projects is core's.
 */
#ifndef SHISHI_REPORT_TABLE_H
#define SHISHI_REPORT_TABLE_H

#include <stddef.h>

#include "io/sniff.h"
#include "lib/arena.h"
#include "lib/err.h"

/* One unit's part of a row. */
typedef struct TableUnit {
    const char *name;  /* 区卫健局: one line in 责任单位 */
    const char *text;  /* its report (本季度具体措施及任务进度情况); NULL or "" if none */
} TableUnit;

typedef struct TableRow {
    int no;                /* 序号 */
    const char *title;     /* 实事名称: the project's report_title */
    TableUnit *units;      /* lead first */
    size_t n_units;
    const char *deadline;  /* 完成时限 as printed: "2022年12月底" or "2022年12月31日" */
} TableRow;

typedef struct ReportTable {
    const char *label;     /* "附件"; NULL for none */
    const char *title;     /* 2022年为区妇女儿童办实事工作进展情况报表 */
    const char *subtitle;  /* e.g. "（2022年第三季度）"; NULL for none */
    TableRow *rows;
    size_t n_rows;
} ReportTable;

/* The five column headers, in order. */
extern const char *const REPORT_TABLE_HEADERS[5];

/* ---- writing ------------------------------------------------------------------
 *
 * Each writer returns 0 with the file's bytes (*out, *len) in the arena, or
 * -1 with e set. Text is UTF-8; characters XML cannot carry (control
 * characters) are dropped. In 本季度具体措施及任务进度情况 a row with several
 * units gets one paragraph per unit headed "单位名：", a row with one unit the
 * bare text; units without text are left out of that cell (they still appear
 * in 责任单位).
 */

#define TABLE_DOCX_MIME MIME_DOCX
#define TABLE_XLSX_MIME MIME_XLSX
#define TABLE_CSV_MIME "text/csv; charset=utf-8"

/* Word, GB/T 9704 layout: A4 landscape, 附件 label, title, table with a
 * header row repeated on every page, "— 1 —" page numbers. */
int table_docx(const ReportTable *t, Arena *a, void **out, size_t *len, Err *e);

/* Excel (libxlsxwriter): one sheet, title merged over the five columns,
 * frozen and print-repeated header row, row heights set from the text,
 * landscape A4 one page wide. libxlsxwriter can only write a file, so this
 * writes a private temporary directory under $TMPDIR (or /tmp) and removes
 * it before returning, whatever happens. */
int table_xlsx(const ReportTable *t, Arena *a, void **out, size_t *len, Err *e);

/* CSV: UTF-8 with a BOM (for Excel on Chinese Windows), RFC 4180 quoting,
 * CRLF line ends; a header line, then one line per project. Units are
 * joined by newlines inside their cell. A cell that would start with = + -
 * or @ gets a leading apostrophe so that a spreadsheet does not run it as a
 * formula. Label and title are not written (the file is data). */
int table_csv(const ReportTable *t, Arena *a, void **out, size_t *len, Err *e);

/* The paragraphs of row r's 本季度具体措施及任务进度情况 cell as all writers
 * lay them out (see above): *out gets an arena array of strings (each may
 * hold '\n' where the report itself had line breaks); returns the count. */
size_t table_progress_paras(const TableRow *r, Arena *a, const char ***out);
/* The same paragraphs joined by '\n' (the XLSX and CSV cell). */
char *table_progress_text(const TableRow *r, Arena *a);
/* The unit names joined by '\n' (the 责任单位 cell). */
char *table_units_text(const TableRow *r, Arena *a);

/* ---- reading ------------------------------------------------------------------ */

#define TABLE_READ_MAX_BYTES (20u * 1024 * 1024)  /* uploads above this are refused */

typedef enum TableFormat { TABLE_FMT_DOCX, TABLE_FMT_XLSX } TableFormat;

/* One unit's report as found in the progress cell. */
typedef struct ReadReport {
    const char *unit;  /* the unit named in its heading ("区卫健局：…") as written;
                          NULL for text without a heading (but see ReadRow) */
    const char *text;  /* the report without its heading, paragraphs joined by '\n' */
} ReadReport;

typedef struct ReadRow {
    int source_row;          /* for messages: the sheet's row number as Excel shows it
                                (XLSX), or the row's place in the Word table counting
                                the table's first row as 1 (DOCX) */
    int no;                  /* 序号 as a number (full-width digits and 一…九十九 read); 0 if none */
    const char *no_text;     /* 序号 as written, trimmed; "" if empty */
    const char *title;       /* 实事名称, line breaks and spaces between CJK removed */
    const char **units;      /* 责任单位, one per line (also split at 、，,；;) */
    size_t n_units;
    const char *progress;    /* the whole 本季度具体措施及任务进度情况 cell, one line per paragraph */
    ReadReport *reports;     /* progress split at paragraphs headed "单位名：" (a name
                                of this row's units, or one ending like a unit: 局 委
                                会 联 院 办 …); text before the first heading is one
                                report with unit NULL, or, when the row names exactly
                                one unit, that unit's (per source row, when a project
                                spreads over rows merged in 实事名称) */
    size_t n_reports;
    const char *deadline;    /* 完成时限, full-width digits made ASCII; a date typed
                                into Excel as a date reads "2022年12月31日" */
} ReadRow;

typedef struct ReadTable {
    TableFormat format;
    const char *title;   /* the table's title as found above it (the longest line
                            there mentioning 表); NULL if none */
    const char *sheet;   /* XLSX: name of the sheet holding the table; NULL for DOCX */
    int header_row;      /* source row number of the header row (as ReadRow) */
    ReadRow *rows;       /* data rows in order; empty rows are skipped, and rows
                            whose 实事名称 is vertically merged with the row above
                            are folded into it (units and reports appended) */
    size_t n_rows;
} ReadTable;

/* Reads a filled table from a DOCX or XLSX file in data[0..len) (the format
 * is found from the content, not the file name). THE table is the first
 * whose header row has cells holding 实事名称 and 责任单位; the other columns
 * are found by their headers (序号; a header with 进度/措施/进展; 时限/完成时间)
 * and may be missing. Everything lands in the arena. Refused with a Chinese
 * message fit to show the uploader (ERR_INVALID, ERR_TOO_LARGE): anything
 * over TABLE_READ_MAX_BYTES, not a zip, a .doc/.xls, encrypted files, zip
 * bombs, too many parts, malformed or DTD-bearing XML, missing parts, no
 * such table. */
int table_read(const void *data, size_t len, Arena *a, ReadTable **out, Err *e);

/* A key for comparing names read from a file with names in the database:
 * NFKC (full-width letters, digits, punctuation made ASCII), whitespace
 * removed. In the arena. */
char *table_match_key(Arena *a, const char *s);

#endif
