/*
 * db_internal.h - SQLite helpers for the files of db/ only.
 */
#ifndef SHISHI_DB_INTERNAL_H
#define SHISHI_DB_INTERNAL_H

#include <sqlite3.h>

#include "core/model.h"
#include "db/db.h"

/* A prepared statement for sql, cached by the address of sql (a string
 * literal or a static const char[]): parsed once per connection, then reset
 * with bindings cleared on every call. NULL only for a bug in the SQL, with e
 * set. Call db_done() when finished stepping, so no read stays open. */
sqlite3_stmt *db_stmt(Db *db, const char *sql, Err *e);
void db_done(sqlite3_stmt *st);

/* Runs SQL text that returns no rows (migrations, pragmas). */
int db_exec(Db *db, const char *sql, Err *e);

/* Fills e from the connection's last error; returns -1. Constraint
 * failures become ERR_CONFLICT, busy/IO errors ERR_IO. */
int db_fail(Db *db, Err *e, const char *what);

/* Steps a statement that returns no rows and resets it; -1 with e set. */
int db_step_done(Db *db, sqlite3_stmt *st, Err *e);
/* Steps once: 1 for a row, 0 for done (statement reset), -1 with e set. */
int db_step_row(Db *db, sqlite3_stmt *st, Err *e);
Id db_last_id(Db *db);
int db_changes(Db *db);

/* Column helpers: text copied into the arena (NULL for SQL NULL). */
char *db_col_text(Arena *a, sqlite3_stmt *st, int col);
/* Text column, "" for NULL. */
char *db_col_text0(Arena *a, sqlite3_stmt *st, int col);
/* ISO date column to a day number; DATE_NONE for NULL or malformed. */
int db_col_date(sqlite3_stmt *st, int col);
Id db_col_id(sqlite3_stmt *st, int col);
/* Binds a day number as ISO text, or NULL for DATE_NONE. */
void db_bind_date(sqlite3_stmt *st, int idx, int date);
/* Binds text (copied), or NULL for a NULL pointer. */
void db_bind_text(sqlite3_stmt *st, int idx, const char *s);
/* Binds an id, or NULL for 0. */
void db_bind_id(sqlite3_stmt *st, int idx, Id id);

/* Reads one row into *elem (a struct of the caller's type). */
typedef void (*DbRowReader)(Arena *a, sqlite3_stmt *st, void *elem);
/* Steps st to the end, reading each row with read into a growing array of
 * elem_size-byte elements in the arena; *out and *n get the array. */
int db_collect(Db *db, Arena *a, sqlite3_stmt *st, size_t elem_size, DbRowReader read, void **out,
               size_t *n, Err *e);

#endif
