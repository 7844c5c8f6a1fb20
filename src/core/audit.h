/*
 * audit.h - the audit trail: every change, who made it, from where, what it
 * was before and after. Rows are chained: each row's hash covers the
 * previous row's hash and its own fields (SHA-256), so that editing or
 * deleting a row in the file breaks the chain at that row.
 */
#ifndef SHISHI_AUDIT_H
#define SHISHI_AUDIT_H

#include "core/model.h"
#include "db/db.h"
#include "db/store.h"
#include "lib/arena.h"
#include "lib/err.h"

/* Appends one row. before/after are JSON text or NULL. Must run inside the
 * caller's write transaction (db_begin), so the change and its record
 * commit together. */
int audit_record(Db *db, const Actor *who, const char *action, const char *entity, Id entity_id,
                 const char *before, const char *after, Err *e);

/* Walks the whole chain. *bad_id = 0 when intact, else the id of the first
 * row whose hash or link does not match (with *why saying which). */
int audit_verify(Db *db, Arena *a, Id *bad_id, const char **why, Err *e);

/* The hash a row should have, as hex, given its fields and prev_hash. */
char *audit_row_hash(Arena *a, const AuditRow *row);

#endif
