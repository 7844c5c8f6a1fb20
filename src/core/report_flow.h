/*
 * report_flow.h - the cycle of a unit's report on a project for a round:
 * draft → submitted → returned (with a reason) → submitted → accepted.
 * Each function is one user action: it checks who acts and in what state,
 * then saves the report, a new version and an audit row in one transaction.
 *
 * "Report once": a report not yet stored starts from the unit's previous
 * report on the project and from its ledger's totals up to the round's end,
 * so the clerk changes only what moved.
 */
#ifndef SHISHI_REPORT_FLOW_H
#define SHISHI_REPORT_FLOW_H

#include <stdbool.h>

#include "core/model.h"
#include "db/db.h"
#include "db/store.h"
#include "lib/arena.h"
#include "lib/err.h"

/* Everything the report page shows, loaded in one go. Arrays named per
 * indicator are parallel to project->indicators. */
typedef struct ReportContext {
    Programme *programme;     /* holding only the report's project */
    const Project *project;
    Round *rounds;            /* of the programme, by period end */
    size_t n_rounds;
    const Round *round;
    Unit unit;
    Report report;            /* stored (report.id != 0) or prefilled */
    bool stored;
    bool *owned;              /* the unit fills this indicator */
    double *previous;         /* the unit's counted figure before this round; NAN: none */
    double *ledger;           /* ledger total up to the round's end; NAN: no entries */
    double expected;          /* e at the round's end (序时进度) */
    Attachment *evidence;     /* files attached to the report */
    size_t n_evidence;
} ReportContext;

int report_context(Db *db, Arena *a, Id round_id, Id project_id, Id unit_id, ReportContext **out,
                   Err *e);

/* The figure of indicator k in r, or NAN. */
double report_value_of(const Report *r, Id indicator_id);

enum ReportAction { REPORT_ACTION_SAVE, REPORT_ACTION_SUBMIT };

/* The unit's clerk saves (or submits) the fields of input (texts,
 * expected completion, self-assessment, values). based_on_version is the
 * version the form was drawn from: if someone saved since, ERR_CONFLICT.
 * Refused when the round is closed or the report is submitted or accepted.
 * Submitting needs 本季度具体措施 and a figure for each indicator the unit
 * owns (or the self-assessment where the project has none); field errors
 * name the form fields ("measures", "value_<id>", "self_status"). */
int report_save(Db *db, Arena *a, const Actor *who, ReportContext *ctx, const Report *input,
                int based_on_version, enum ReportAction action, Err *e);

/* The coordinator accepts a submitted report, or returns it with a
 * reason (required). */
int report_review(Db *db, Arena *a, const Actor *who, Id report_id, bool accept,
                  const char *reason, Err *e);

/* One field that differs between two versions of a report. */
typedef struct ReportFieldDiff {
    const char *label;   /* 本季度具体措施及任务进度情况, or an indicator's name */
    const char *before;
    const char *after;
} ReportFieldDiff;

/* Compares two snapshots (report_snapshot JSON) field by field; indicator
 * ids are named from the project. */
size_t report_diff(Arena *a, const Project *pr, const char *snap_a, const char *snap_b,
                   ReportFieldDiff **out);

#endif
