/* progress.c - 序时进度 rules. See progress.h. */
#include "core/progress.h"

#include <math.h>
#include <string.h>

/* Tolerance for comparing shares: 1/3 of a target reported as 0.3333 must
 * not flip a status. */
#define EPS 1e-9

double progress_expected(int start, int deadline, int period_end)
{
    if (deadline <= start) return period_end >= deadline ? 1.0 : 0.0;
    double e = (double)(period_end - start) / (double)(deadline - start);
    if (e < 0) return 0;
    if (e > 1) return 1;
    return e;
}

double progress_completion(double actual, double target, enum Comparator cmp)
{
    if (!isfinite(actual) || actual < 0) actual = 0;
    if (!isfinite(target) || target < 0) return 0;
    double c;
    switch (cmp) {
    case CMP_LE:
        if (actual <= target + EPS) return 1;
        c = target / actual;
        break;
    case CMP_EQ:
        if (target == 0) return actual == 0 ? 1 : 0;
        c = actual <= target ? actual / target : target / actual;
        break;
    case CMP_GE:
    default:
        if (target == 0) return 1;
        c = actual / target;
        break;
    }
    if (c > 1) c = 1;
    if (c < 0) c = 0;
    return c;
}

enum Status progress_status(double c, double e, double threshold)
{
    if (c >= 1 - EPS) return STATUS_DONE;
    if (c >= e - EPS) return STATUS_ON_SCHEDULE;
    if (e - c <= threshold + EPS) return STATUS_BEHIND;
    return STATUS_SERIOUS;
}

enum Status progress_worse(enum Status a, enum Status b)
{
    return a > b ? a : b;
}

bool progress_pick_actual(const ActualObs *obs, size_t n, int period_end, double *actual)
{
    const ActualObs *best = NULL;
    for (size_t i = 0; i < n; i++) {
        const ActualObs *o = &obs[i];
        if (o->status != REPORT_SUBMITTED && o->status != REPORT_ACCEPTED) continue;
        if (!o->has_actual || o->period_end > period_end) continue;
        if (!best || o->period_end > best->period_end ||
            (o->period_end == best->period_end && o->submitted_at && best->submitted_at &&
             strcmp(o->submitted_at, best->submitted_at) > 0))
            best = o;
    }
    if (!best) return false;
    *actual = best->actual;
    return true;
}

enum Status progress_self_status(const enum SelfStatus *s, size_t n)
{
    size_t given = 0, done = 0, started = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == SELF_NONE) continue;
        given++;
        if (s[i] == SELF_DONE) done++;
        if (s[i] == SELF_DONE || s[i] == SELF_IN_PROGRESS) started++;
    }
    if (given == 0) return STATUS_NO_DATA;
    if (done == n) return STATUS_DONE;
    if (started > 0) return STATUS_IN_PROGRESS;
    return STATUS_NOT_STARTED;
}

enum Timeliness progress_timeliness(int first_submitted_date, int due, int today)
{
    if (first_submitted_date != DATE_NONE)
        return first_submitted_date > due ? TIMELY_LATE : TIMELY_ON_TIME;
    return today > due ? TIMELY_MISSING : TIMELY_PENDING;
}

const char *progress_status_label(enum Status s)
{
    static const char *labels[STATUS__MAX] = {
        [STATUS_DONE] = "已完成",        [STATUS_ON_SCHEDULE] = "序时推进",
        [STATUS_BEHIND] = "滞后",        [STATUS_SERIOUS] = "严重滞后",
        [STATUS_NOT_STARTED] = "未启动", [STATUS_IN_PROGRESS] = "推进中",
        [STATUS_NO_DATA] = "暂无数据",
    };
    return (unsigned)s < STATUS__MAX ? labels[s] : "";
}

const char *progress_status_class(enum Status s)
{
    static const char *names[STATUS__MAX] = {
        [STATUS_DONE] = "st-done",          [STATUS_ON_SCHEDULE] = "st-ok",
        [STATUS_BEHIND] = "st-behind",      [STATUS_SERIOUS] = "st-serious",
        [STATUS_NOT_STARTED] = "st-idle",   [STATUS_IN_PROGRESS] = "st-ok",
        [STATUS_NO_DATA] = "st-none",
    };
    return (unsigned)s < STATUS__MAX ? names[s] : "";
}

const char *progress_timeliness_label(enum Timeliness t)
{
    static const char *labels[TIMELY__MAX] = {
        [TIMELY_PENDING] = "待报",
        [TIMELY_ON_TIME] = "按时",
        [TIMELY_LATE] = "逾期",
        [TIMELY_MISSING] = "未报",
    };
    return (unsigned)t < TIMELY__MAX ? labels[t] : "";
}
