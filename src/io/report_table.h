/*
 * report_table.h - the quarterly progress table (进展情况报表) as the
 * exporters and readers of io/ see it: plain strings, already chosen and
 * ordered by core/. One row a project, in the table's short titles.
 *
 *   附件
 *   2022年为区妇女儿童办实事工作进展情况报表
 *   序号 | 实事名称 | 责任单位 | 本季度具体措施及任务进度情况 | 完成时限
 */
#ifndef SHISHI_REPORT_TABLE_H
#define SHISHI_REPORT_TABLE_H

#include <stddef.h>

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

#endif
