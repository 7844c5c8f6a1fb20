/*
 * db.h - the database connection as other layers see it: open, close,
 * transactions, backup. The SQL itself lives in db/store_*.c behind typed
 * functions (store.h); sqlite3.h is included only inside db/ (db_internal.h).
 *
 * A Db is used by one thread at a time (each server worker owns one).
 */
#ifndef SHISHI_DB_H
#define SHISHI_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/arena.h"
#include "lib/err.h"

typedef struct Db Db;

enum DbOpenMode {
    DB_OPEN_EXISTING, /* the file must exist and be a shishi database; older schemas are migrated */
    DB_CREATE_NEW,    /* the file must not exist; creates it with the current schema */
};

/* application_id stamped into every shishi database ("SHSH"), so that an
 * unrelated SQLite file is refused instead of migrated. */
#define DB_APPLICATION_ID 0x53485348

/* Opens path. On failure returns -1 with e set to one line naming the file
 * and what is wrong; the file is left as it was (a newer schema, a foreign or
 * corrupt file is never written to). */
int db_open(const char *path, enum DbOpenMode mode, Db **out, Err *e);
/* Finalises cached statements and closes; NULL is allowed. */
void db_close(Db *db);

/* The schema version this build writes, and the one the open file holds. */
int db_schema_version_known(void);
int db_schema_version(Db *db);
const char *db_path(const Db *db);

/* Transactions. db_begin takes the write lock at once (BEGIN IMMEDIATE) so a
 * user action never fails half-way on a lock upgrade. Nested calls are
 * counted: only the outermost commit or rollback acts, and a rollback at any
 * depth dooms the whole transaction. */
int db_begin(Db *db, Err *e);
int db_commit(Db *db, Err *e);
void db_rollback(Db *db);
bool db_in_transaction(const Db *db);

/* The version of the data: it changes with every change of content (each
 * is audited in its transaction, so this is the newest audit row), the same
 * for every connection and process. Pages cache on it. */
uint64_t db_generation(Db *db);

/* Online backup of the whole database into dest_path (which must not exist);
 * the copy is checked with PRAGMA integrity_check before returning 0. On
 * failure the partial copy is removed. */
int db_backup(Db *db, const char *dest_path, Err *e);
/* Sets *result to "ok", or to the problems PRAGMA integrity_check reports. */
int db_integrity_check(Db *db, Arena *a, char **result, Err *e);

#endif
