/* store_round.c - reporting rounds. See store.h. */
#include "core/vocab.h"
#include "db/db_internal.h"
#include "db/store.h"

#define ROUND_COLS "id, programme_id, name, kind, period_start, period_end, due_date, closed"

static void read_round(Arena *a, sqlite3_stmt *st, void *elem)
{
    Round *r = elem;
    r->id = db_col_id(st, 0);
    r->programme_id = db_col_id(st, 1);
    r->name = db_col_text0(a, st, 2);
    round_kind_parse((const char *)sqlite3_column_text(st, 3), &r->kind);
    r->period_start = db_col_date(st, 4);
    r->period_end = db_col_date(st, 5);
    r->due = db_col_date(st, 6);
    r->closed = sqlite3_column_int(st, 7) != 0;
}

static void bind_round(sqlite3_stmt *st, const Round *r)
{
    sqlite3_bind_int64(st, 1, r->programme_id);
    db_bind_text(st, 2, r->name);
    db_bind_text(st, 3, round_kind_name(r->kind));
    db_bind_date(st, 4, r->period_start == DATE_NONE ? r->period_end : r->period_start);
    db_bind_date(st, 5, r->period_end);
    db_bind_date(st, 6, r->due);
    sqlite3_bind_int(st, 7, r->closed);
}

int store_round_insert(Db *db, Round *r, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "INSERT INTO round(programme_id, name, kind, period_start, "
                               "period_end, due_date, closed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               e);
    if (!st) return -1;
    bind_round(st, r);
    if (db_step_done(db, st, e) < 0) return -1;
    r->id = db_last_id(db);
    return 0;
}

int store_round_update(Db *db, const Round *r, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "UPDATE round SET programme_id = ?1, name = ?2, kind = ?3, "
                               "period_start = ?4, period_end = ?5, due_date = ?6, closed = ?7 "
                               "WHERE id = ?8",
                               e);
    if (!st) return -1;
    bind_round(st, r);
    sqlite3_bind_int64(st, 8, r->id);
    if (db_step_done(db, st, e) < 0) return -1;
    return db_changes(db) == 1 ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "轮次不存在");
}

int store_round_get(Db *db, Arena *a, Id id, Round *out, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT " ROUND_COLS " FROM round WHERE id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = db_step_row(db, st, e);
    if (rc <= 0) return rc < 0 ? -1 : err_set(e, ERR_NOT_FOUND, NULL, "轮次不存在");
    read_round(a, st, out);
    db_done(st);
    return 0;
}

int store_round_find(Db *db, Arena *a, Id programme_id, const char *name, Round *out, Err *e)
{
    sqlite3_stmt *st =
        db_stmt(db, "SELECT " ROUND_COLS " FROM round WHERE programme_id = ?1 AND name = ?2", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    db_bind_text(st, 2, name);
    int rc = db_step_row(db, st, e);
    if (rc <= 0) return rc < 0 ? -1 : err_set(e, ERR_NOT_FOUND, "round", "没有名为“%s”的轮次", name);
    read_round(a, st, out);
    db_done(st);
    return 0;
}

int store_round_list(Db *db, Arena *a, Id programme_id, Round **out, size_t *n, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT " ROUND_COLS " FROM round WHERE programme_id = ?1 "
                               "ORDER BY period_end, id",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    return db_collect(db, a, st, sizeof **out, read_round, (void **)out, n, e);
}
