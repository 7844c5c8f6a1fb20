/*
 * reports.h - a unit's report on a project for a round: its content rules
 * and its history. (The draft → submitted → returned → accepted cycle is in
 * report_flow.h.)
 */
#ifndef SHISHI_REPORTS_H
#define SHISHI_REPORTS_H

#include <stdbool.h>

#include "core/model.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/err.h"

#define REPORT_TEXT_MAX_CHARS 5000

/* Checks a report's content against its project: the unit takes part, the
 * values are for indicators the unit owns and are finite and not negative,
 * texts are valid UTF-8 within REPORT_TEXT_MAX_CHARS, a self-assessment
 * only where the project has no indicators. Fields are named as the report
 * form names them ("measures", "value_<indicator id>"). */
int report_validate(const Project *pr, const Report *r, Err *e);

/* The report's whole state as JSON text (kept with every version). */
char *report_snapshot(Arena *a, const Report *r);

/* Stores a report exactly as given (status, timestamps) with its version
 * and audit rows, in one transaction: used for demo data and for tables
 * read back from Word/Excel. Refused if the report fails report_validate. */
int report_import(Db *db, Arena *a, const Actor *who, const Project *pr, Report *r, Err *e);

/* Who may read a report: its own unit always; the coordinator and leaders
 * once it has been submitted (a draft is the unit's own); no one else. */
bool report_visible_to(const Report *r, const Actor *who);

#endif
