/*
 * table_import.h - reading back a quarterly table filled by hand in Word
 * or Excel: matching its rows to projects (by either title) and its
 * paragraphs to units, a plan the user previews, and applying it as drafts
 * or submitted reports in one transaction. Unmatched rows and paragraphs
 * are listed with the reason, never dropped silently. A unit's upload
 * touches only its own reports.
 */
#ifndef SHISHI_TABLE_IMPORT_H
#define SHISHI_TABLE_IMPORT_H

#include "core/model.h"
#include "db/db.h"
#include "io/report_table.h"
#include "lib/arena.h"
#include "lib/err.h"

/* One report the table gives. */
typedef struct ImportItem {
    const Project *project;
    Id unit_id;
    const char *unit_name;
    const char *text;        /* 本季度具体措施及任务进度情况 */
    int source_row;
} ImportItem;

/* What could not be used, and why (in Chinese). */
typedef struct ImportSkip {
    int source_row;
    const char *what;        /* the row's title, or "标题 · 单位" */
    const char *why;
} ImportSkip;

typedef struct ImportPlan {
    ImportItem *items;
    size_t n_items;
    ImportSkip *skipped;
    size_t n_skipped;
} ImportPlan;

/* Matches a read table to the programme. With who a reporter, items of
 * other units are listed as skipped. */
ImportPlan *table_import_plan(Arena *a, const Programme *p, const ReadTable *t, const Actor *who);

/* Writes the items as reports of the round, with status REPORT_DRAFT or
 * REPORT_SUBMITTED, all in one transaction with their versions and audit
 * rows. A report already submitted or accepted is not overwritten: it is
 * added to plan->skipped. Refused for a closed round, or for a reporter
 * with an item of another unit. *written gets the count. */
int table_import_apply(Db *db, Arena *a, const Actor *who, const Programme *p, const Round *round,
                       ImportPlan *plan, enum ReportStatus as, size_t *written, Err *e);

#endif
