/*
 * rounds.h - reporting rounds (调度轮次) of a programme.
 */
#ifndef SHISHI_ROUNDS_H
#define SHISHI_ROUNDS_H

#include <stddef.h>

#include "core/model.h"
#include "lib/arena.h"
#include "lib/err.h"

/* Days between a round's period end and its default due date. */
#define ROUND_DUE_DAYS 5

/* The rounds a programme's cadence gives: one per quarter (or month) whose
 * period ends on or after the issue date (the start, when no issue date is
 * known) and not after the deadline. Linzi 2022, issued 16 June: 第二季度,
 * 第三季度, 第四季度. Names are "2022年第三季度" / "2022年7月"; due dates
 * are the period end + ROUND_DUE_DAYS. Returns the count; *out in a. */
size_t rounds_generate(const Programme *p, Arena *a, Round **out);

/* Checks an extra or edited round against its programme: a name, a period
 * inside the programme, a due date not before the period end. */
int round_validate(const Programme *p, const Round *r, Err *e);

/* Index of the current round at date today: the first open round whose due
 * date is today or later; else the last round. -1 for no rounds. Rounds
 * must be sorted by period end. */
int rounds_current(const Round *rounds, size_t n, int today);

/* The round with this id among rounds[0..n), or NULL. */
const Round *rounds_find(const Round *rounds, size_t n, Id id);

#endif
