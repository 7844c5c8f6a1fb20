/*
 * supervision.h - 报送情况: who has reported for a round and how timely,
 * as pure functions over records already loaded (no SQL, no I/O), so that
 * the matrix page, the reminder list and the bulletin agree.
 *
 * Rules (DESIGN.md, "timeliness"; ARCHITECTURE.md for the choices):
 * - A pair (project, unit) is expected when the unit takes part in the project.
 * - Timeliness is decided by the local calendar date of the FIRST submission
 *   (first_submitted_at): on or before the round's due date is on time, after
 *   it late. A report returned and resubmitted keeps its first submission.
 * - A draft, or no report at all, is not submitted. It is overdue once today
 *   is after the due date, or once the round is closed (nothing more can come).
 * - "Has submitted" for reminders means submitted or accepted now: a returned
 *   report must be sent again, so its unit is still chased.
 */
#ifndef SHISHI_SUPERVISION_H
#define SHISHI_SUPERVISION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "core/progress.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/err.h"

/* One (project, unit) pair of a round. */
typedef struct SupCell {
    bool expected;             /* the unit takes part in the project; false: no cell */
    enum ReportStatus status;  /* REPORT_NONE when the unit has no report */
    enum Timeliness timely;    /* ON_TIME / LATE by first submission; PENDING / MISSING if never */
    int first_date;            /* local date of the first submission, DATE_NONE if never */
    const Report *report;      /* NULL when none */
} SupCell;

/* Counts over a set of expected pairs. on_time + late + unsent = expected;
 * returned is a part of on_time + late (sent once, now sent back). */
typedef struct SupTotals {
    int expected;
    int on_time;   /* first submitted on or before the due date */
    int late;      /* first submitted after it (逾期报送) */
    int unsent;    /* never submitted: no report or a draft (未报) */
    int returned;  /* currently returned, awaiting resubmission */
    int accepted;
} SupTotals;

/* The matrix of a round: rows are the programme's projects in order,
 * columns its units in the order they first appear (project order, then
 * the notice's order within a project). Units of the office that take part
 * in no project are not columns. */
typedef struct SupMatrix {
    const Programme *programme;
    const Round *round;
    int today;
    bool overdue;              /* today is after the due date, or the round is closed */
    const ProjectUnit **units; /* n_units: the first ProjectUnit naming each unit */
    size_t n_units;
    SupCell *cells;            /* n_projects * n_units, row-major */
    SupTotals *by_project;     /* parallel to programme->projects */
    SupTotals *by_unit;        /* parallel to units */
    SupTotals all;
} SupMatrix;

/* The cell of one pair from its report (NULL: none). Closed rounds treat
 * today as past the due date. */
SupCell supervision_cell(const Round *round, const Report *report, int today);

/* True when the pair is submitted or accepted now (reminders skip it). */
bool supervision_cell_done(const SupCell *c);

/* 未报, 草稿, 已报, 逾期报送, 退回, 退回（逾期）, 已采纳, 已采纳（逾期）. */
const char *supervision_cell_label(const SupCell *c);
/* A CSS class for the cell: sv-unsent / sv-overdue / sv-draft / sv-ok /
 * sv-late / sv-returned / sv-accepted. */
const char *supervision_cell_class(const SupCell *c);

/* Builds the matrix of round from reports (any reports: those of other
 * rounds are ignored). Everything is allocated in a. */
SupMatrix *supervision_matrix(const Programme *p, const Round *round, const Report *reports,
                              size_t n_reports, int today, Arena *a);

/* The cell of project index i and unit index j. */
const SupCell *supervision_at(const SupMatrix *m, size_t i, size_t j);
/* Index of unit_id among the columns, or -1 (a unit in no project). */
long supervision_unit_index(const SupMatrix *m, Id unit_id);

/* A unit's timeliness across the rounds whose due date has passed. */
typedef struct SupRate {
    Id unit_id;
    const char *unit_name;
    int rounds;      /* rounds counted (due date before today) */
    int expected;    /* pairs expected over those rounds */
    int on_time;     /* of them first submitted on or before the due date */
    int late;
    int unsent;
} SupRate;

/* One SupRate per column unit of the programme (same order as the matrix);
 * rounds may be in any order, reports of any round of the programme. */
size_t supervision_rates(const Programme *p, const Round *rounds, size_t n_rounds,
                         const Report *reports, size_t n_reports, int today, Arena *a,
                         SupRate **out);

/* on_time / expected; false when nothing was expected yet (no rate). */
bool supervision_rate_value(const SupRate *r, double *rate);

/* Everything the 报送情况 page shows, loaded from the database. */
typedef struct Supervision {
    Programme *programme;
    Round *rounds;         /* of the programme, by period end */
    size_t n_rounds;
    const Round *round;    /* the round asked for, one of rounds */
    Report *reports;       /* every report of the programme, all rounds */
    size_t n_reports;
    SupMatrix *matrix;     /* at round */
    SupRate *rates;        /* parallel to matrix->units */
    size_t n_rates;
} Supervision;

/* Loads the round's programme, its rounds and reports and computes the
 * matrix at round_id and the on-time rates at today. ERR_NOT_FOUND for no
 * such round. */
int supervision_load(Db *db, Arena *a, Id round_id, int today, Supervision **out, Err *e);

#endif
