/*
 * warning.h - the colour a programme gives a project or indicator at a
 * round. The default scheme is the 序时进度 status itself; the traffic
 * scheme, which some localities use, is:
 *   红 overdue (past its deadline and not done) or seriously behind;
 *   黄 behind 序时进度;
 *   蓝 not done and its deadline is within near_deadline_days;
 *   otherwise 正常, and 已完成 when done.
 * The colour is computed afresh at each round, so a project that catches
 * up changes colour at the next one.
 */
#ifndef SHISHI_WARNING_H
#define SHISHI_WARNING_H

#include "core/model.h"
#include "core/progress.h"

enum Warning { WARN_DONE = 0, WARN_NORMAL, WARN_BLUE, WARN_YELLOW, WARN_RED, WARN__MAX };

/* status at a round whose period ends at period_end; deadline of the
 * project. */
enum Warning warning_of(enum Status status, int period_end, int deadline, int near_days);

const char *warning_label(enum Warning w);   /* 红色预警 ... */
const char *warning_class(enum Warning w);   /* CSS class */

#endif
