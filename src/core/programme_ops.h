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

/* Renames a unit or sets its e-mail (for reminders); names stay unique
 * within the office. */
int unit_update(Db *db, Arena *a, const Actor *who, const Unit *u, Err *e);

#endif
