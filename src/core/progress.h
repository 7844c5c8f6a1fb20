/*
 * progress.h - 序时进度: progress against time, as DESIGN.md defines it.
 * Pure functions: no SQL, no I/O, no allocation.
 *
 *   expected   e = (period end - start) / (deadline - start), clamped to [0, 1]
 *   completion c = latest submitted or accepted cumulative actual / target, capped at 1
 *   status     已完成 c >= 1; 序时推进 c >= e; 滞后 e - c <= threshold; 严重滞后 otherwise
 */
#ifndef SHISHI_PROGRESS_H
#define SHISHI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"

/* Ordered from best to worst among the indicator statuses, so that a
 * project's status is the maximum of its indicators'. The self-assessed
 * statuses of projects without indicators come after. */
enum Status {
    STATUS_DONE = 0,       /* 已完成 */
    STATUS_ON_SCHEDULE,    /* 序时推进 */
    STATUS_BEHIND,         /* 滞后 */
    STATUS_SERIOUS,        /* 严重滞后 */
    STATUS_NOT_STARTED,    /* 未启动 (self-assessed) */
    STATUS_IN_PROGRESS,    /* 推进中 (self-assessed) */
    STATUS_NO_DATA,        /* 暂无数据: no indicator and no self-assessment */
    STATUS__MAX
};

enum Timeliness {
    TIMELY_PENDING = 0, /* nothing submitted, due date not passed */
    TIMELY_ON_TIME,     /* 按时 */
    TIMELY_LATE,        /* 逾期: first submitted after the due date */
    TIMELY_MISSING,     /* 未报: nothing submitted and the due date has passed */
    TIMELY__MAX
};

/* Default for Programme.lag_threshold. */
#define PROGRESS_DEFAULT_THRESHOLD 0.2

/* The share of the programme's time passed at period_end, in [0, 1]. A
 * programme whose deadline is not after its start is wholly expected from
 * its deadline on. */
double progress_expected(int start, int deadline, int period_end);

/* The share of target achieved by actual, in [0, 1]. For >= (and =) targets
 * actual / target; a target of 0 is met by anything. For <= targets (a rate
 * to keep under a ceiling) 1 while actual <= target, else target / actual.
 * Negative or non-finite actuals count as 0. */
double progress_completion(double actual, double target, enum Comparator cmp);

/* Status of one indicator from c and e. */
enum Status progress_status(double c, double e, double threshold);

/* The worse of two indicator statuses. */
enum Status progress_worse(enum Status a, enum Status b);

/* One report's figure for an indicator, as progress_pick_actual sees it. */
typedef struct ActualObs {
    int period_end;              /* of the report's round */
    enum ReportStatus status;
    double actual;
    bool has_actual;
    const char *submitted_at;    /* orders reports of rounds with the same period end */
} ActualObs;

/* The latest counted figure at period_end: from the report of the latest
 * round ending on or before period_end that is submitted or accepted and has
 * a figure. Drafts and returned reports do not count. Returns false when no
 * report counts. */
bool progress_pick_actual(const ActualObs *obs, size_t n, int period_end, double *actual);

/* A project's status from its units' latest self-assessments (for projects
 * without indicators): all 已完成 -> done; any started -> in progress; all
 * 未启动 -> not started; none given -> no data. */
enum Status progress_self_status(const enum SelfStatus *s, size_t n);

/* Timeliness of a unit's report: first_submitted_date is DATE_NONE when it
 * was never submitted; today decides whether a missing one is overdue. */
enum Timeliness progress_timeliness(int first_submitted_date, int due, int today);

/* Chinese labels for pages and exports. */
const char *progress_status_label(enum Status s);
/* A CSS class name for the status colour (done, ok, behind, serious, ...). */
const char *progress_status_class(enum Status s);
const char *progress_timeliness_label(enum Timeliness t);

#endif
