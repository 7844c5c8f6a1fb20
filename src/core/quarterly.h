/*
 * quarterly.h - the official quarterly table (进展情况报表) of a round, as
 * the attachment of the notice lays it out: one row a project in the
 * table's short titles, its units one per line, each unit's report of the
 * round. Which reports go in is the exporter's choice: accepted only, or
 * submitted too. Drafts and returned reports never do.
 */
#ifndef SHISHI_QUARTERLY_H
#define SHISHI_QUARTERLY_H

#include "core/model.h"
#include "db/db.h"
#include "io/report_table.h"
#include "lib/arena.h"
#include "lib/err.h"

enum TableInclusion { TABLE_ACCEPTED = 0, TABLE_SUBMITTED_TOO };

/* The table from records already loaded; reports of other rounds are
 * ignored. */
ReportTable *quarterly_table(Arena *a, const Programme *p, const Round *round, const Report *reports,
                             size_t n_reports, enum TableInclusion which);

/* Loads and builds it for (programme, round). */
int quarterly_table_load(Db *db, Arena *a, Id programme_id, Id round_id, enum TableInclusion which,
                         ReportTable **out, Round *round_out, Err *e);

/* 完成时限 as offices print it: "2022年12月底" for a month's last day,
 * else "2022年6月16日". */
char *deadline_text(Arena *a, int date);

/* File name for an export: "2022年为区妇女儿童办实事工作进展情况报表（2022年第三季度）.docx". */
char *quarterly_file_name(Arena *a, const ReportTable *t, const char *ext);

#endif
