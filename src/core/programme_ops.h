/*
 * programme_ops.h - changing programmes: each function is one user action,
 * one transaction, with its audit row.
 */
#ifndef SHISHI_PROGRAMME_OPS_H
#define SHISHI_PROGRAMME_OPS_H

#include "core/model.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/err.h"

/* Validates p, stores it whole, creates its rounds from its cadence and
 * records it in the audit trail. On failure nothing is stored and p's ids
 * must not be trusted. */
int programme_create(Db *db, Arena *a, const Actor *who, Programme *p, Err *e);

/* Validates p (loaded earlier and edited) and saves it whole; the audit row
 * holds the programme before and after as JSON. */
int programme_update(Db *db, Arena *a, const Actor *who, Programme *p, Err *e);

/* Adds an extra round (a monthly dispatch in the fourth quarter, say):
 * checked against the programme (round_validate); kind ROUND_EXTRA. A due
 * date left as DATE_NONE is the period end + 5 days. */
int round_add(Db *db, Arena *a, const Actor *who, const Programme *p, Round *r, Err *e);

/* Moves a round's due date, or closes / reopens it. A closed round is
 * read-only for everyone until reopened. */
int round_change(Db *db, Arena *a, const Actor *who, const Programme *p, const Round *r, Err *e);

/* A unit names its responsible department, person and phone on one of
 * its projects (责任科室、责任人). Only that unit's reporters, or the
 * coordinator. */
int project_unit_set_contact(Db *db, Arena *a, const Actor *who, const Project *pr, Id unit_id,
                             const char *department, const char *person, const char *phone, Err *e);

/* Renames a unit or sets its e-mail (for reminders); names stay unique
 * within the office. */
int unit_update(Db *db, Arena *a, const Actor *who, const Unit *u, Err *e);
/* unit_update for several units as one action: all saved, or none. On a
 * refusal *failed is the index of the unit refused (n when the transaction
 * itself failed) and e says why. */
int unit_update_all(Db *db, Arena *a, const Actor *who, const Unit *units, size_t n, size_t *failed,
                    Err *e);

#endif
