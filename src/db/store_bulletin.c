/* store_bulletin.c - the edited progress bulletin of a round. See store.h. */
#include "db/db_internal.h"
#include "db/store.h"

int store_bulletin_get(Db *db, Arena *a, Id round_id, char **text, char **edited_at, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT text, edited_at FROM bulletin WHERE round_id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, round_id);
    int rc = db_step_row(db, st, e);
    if (rc <= 0) return rc < 0 ? -1 : err_set(e, ERR_NOT_FOUND, NULL, "尚未保存通报");
    *text = db_col_text0(a, st, 0);
    if (edited_at) *edited_at = db_col_text0(a, st, 1);
    db_done(st);
    return 0;
}

int store_bulletin_put(Db *db, Id round_id, const char *text, Id user_id, const char *at, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "INSERT INTO bulletin(round_id, text, edited_by, edited_at) VALUES (?1, ?2, ?3, ?4) "
                               "ON CONFLICT(round_id) DO UPDATE SET text = excluded.text, "
                               "edited_by = excluded.edited_by, edited_at = excluded.edited_at",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, round_id);
    db_bind_text(st, 2, text);
    db_bind_id(st, 3, user_id);
    db_bind_text(st, 4, at);
    return db_step_done(db, st, e);
}
