/*
 * programme.h - rules of a programme as a whole object: defaults,
 * validation, and the questions every page asks of it. No SQL, no HTTP.
 */
#ifndef SHISHI_PROGRAMME_H
#define SHISHI_PROGRAMME_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "lib/arena.h"
#include "lib/err.h"

/* Fills what a notice may leave unsaid: start = 1 January and deadline =
 * 31 December of the year, project deadlines = the programme's, the lag
 * threshold, and a lead unit where a project names none (the first listed).
 * Leaves given values alone. */
void programme_apply_defaults(Programme *p);

/* Checks every field; on the first problem returns -1 with e->field naming
 * it as a path ("projects[2].indicators[0].target") and e->msg saying in
 * Chinese what is wrong. */
int programme_validate(const Programme *p, Err *e);

/* The distinct units of the programme (by name: unique in an office, and a
 * draft's units have no ids yet) in the order they first appear (project
 * order, then unit order within a project); *units points at the first
 * ProjectUnit naming each. */
size_t programme_units(const Programme *p, Arena *a, const ProjectUnit ***units);
/* The same units' names; they point into p. */
size_t programme_unit_names(const Programme *p, Arena *a, const char ***names);

/* The lead unit of a project (the first with role lead), or NULL. */
const ProjectUnit *project_lead(const Project *pr);
/* The unit owning an indicator: its owner, or the project's lead. */
const char *indicator_owner_name(const Project *pr, const Indicator *ind);
Id indicator_owner_id(const Project *pr, const Indicator *ind);
/* True when unit_id takes part in the project. */
const ProjectUnit *project_find_unit(const Project *pr, Id unit_id);
/* The project's indicator with this id, or NULL. */
const Indicator *project_find_indicator(const Project *pr, Id indicator_id);

const Project *programme_find_project(const Programme *p, Id project_id);
/* A project's 完成时限: its own deadline, else the programme's. */
int project_deadline(const Programme *p, const Project *pr);

/* A telephone number as offices write them: digits with - + ( ) spaces,
 * "/" between numbers and 转 before an extension; at least 5 digits. */
bool phone_valid(const char *s);

/* A number as people write it: 735, 0.5, 33000 (no trailing zeros). */
char *format_number(Arena *a, double v);
/* A share as a percentage with one decimal: 0.7473 -> "74.7%". */
char *format_percent(Arena *a, double share);
/* What 序时进度 asks of an indicator by now (target × share), as people
 * would say it: whole for a whole-numbered target (2229户, not 2229.05),
 * one decimal otherwise. */
char *format_expected(Arena *a, const Indicator *ind, double share);

/* Fen as yuan: 1500000 -> "15000", 150 -> "1.5". */
char *format_yuan(Arena *a, int64_t fen);

#endif
