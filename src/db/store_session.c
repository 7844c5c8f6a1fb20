/* store_session.c - login sessions (stored by token hash) and the
 * failed-login counters. See store.h. */
#include "db/db_internal.h"
#include "db/store.h"
#include "core/vocab.h"

int store_session_insert(Db *db, const unsigned char *token_hash, Id user_id, const char *csrf,
                         const char *address, const char *now, const char *expires_at, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "INSERT INTO session(token_hash, user_id, csrf, address, created_at, "
                               "last_seen, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
                               e);
    if (!st) return -1;
    sqlite3_bind_blob(st, 1, token_hash, 32, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, user_id);
    db_bind_text(st, 3, csrf);
    db_bind_text(st, 4, address);
    db_bind_text(st, 5, now);
    db_bind_text(st, 6, expires_at);
    return db_step_done(db, st, e);
}

int store_session_find(Db *db, Arena *a, const unsigned char *token_hash, SessionRow *s, User *u,
                       Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT s.id, s.user_id, s.csrf, s.created_at, s.last_seen, "
                               "s.expires_at, u.login, u.display_name, u.role, u.unit_id, un.name, "
                               "u.must_change_password, u.disabled "
                               "FROM session s JOIN user u ON u.id = s.user_id "
                               "LEFT JOIN unit un ON un.id = u.unit_id WHERE s.token_hash = ?1",
                               e);
    if (!st) return -1;
    sqlite3_bind_blob(st, 1, token_hash, 32, SQLITE_TRANSIENT);
    int rc = db_step_row(db, st, e);
    if (rc <= 0) return rc < 0 ? -1 : err_set(e, ERR_NOT_FOUND, NULL, "no session");
    s->id = db_col_id(st, 0);
    s->user_id = db_col_id(st, 1);
    s->csrf = db_col_text0(a, st, 2);
    s->created_at = db_col_text0(a, st, 3);
    s->last_seen = db_col_text0(a, st, 4);
    s->expires_at = db_col_text0(a, st, 5);
    u->id = s->user_id;
    u->login = db_col_text0(a, st, 6);
    u->display_name = db_col_text(a, st, 7);
    role_parse((const char *)sqlite3_column_text(st, 8), &u->role);
    u->unit_id = db_col_id(st, 9);
    u->unit_name = db_col_text(a, st, 10);
    u->must_change_password = sqlite3_column_int(st, 11) != 0;
    u->disabled = sqlite3_column_int(st, 12) != 0;
    db_done(st);
    return 0;
}

int store_session_touch(Db *db, Id id, const char *now, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "UPDATE session SET last_seen = ?2 WHERE id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    db_bind_text(st, 2, now);
    return db_step_done(db, st, e);
}

int store_session_delete(Db *db, Id id, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "DELETE FROM session WHERE id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    return db_step_done(db, st, e);
}

int store_session_delete_user(Db *db, Id user_id, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "DELETE FROM session WHERE user_id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, user_id);
    return db_step_done(db, st, e);
}

int store_session_purge(Db *db, const char *now, const char *idle_before, Err *e)
{
    sqlite3_stmt *st =
        db_stmt(db, "DELETE FROM session WHERE expires_at < ?1 OR last_seen < ?2", e);
    if (!st) return -1;
    db_bind_text(st, 1, now);
    db_bind_text(st, 2, idle_before);
    return db_step_done(db, st, e);
}

int store_throttle_get(Db *db, Arena *a, const char *key, ThrottleRow *out, Err *e)
{
    sqlite3_stmt *st = db_stmt(
        db, "SELECT failures, last_failure, blocked_until FROM login_throttle WHERE key = ?1", e);
    if (!st) return -1;
    db_bind_text(st, 1, key);
    int rc = db_step_row(db, st, e);
    if (rc <= 0) return rc < 0 ? -1 : err_set(e, ERR_NOT_FOUND, NULL, "no failures");
    out->failures = sqlite3_column_int(st, 0);
    out->last_failure = db_col_text0(a, st, 1);
    out->blocked_until = db_col_text0(a, st, 2);
    db_done(st);
    return 0;
}

int store_throttle_put(Db *db, const char *key, const ThrottleRow *row, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "INSERT INTO login_throttle(key, failures, last_failure, blocked_until) "
                               "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(key) DO UPDATE SET "
                               "failures = excluded.failures, last_failure = excluded.last_failure, "
                               "blocked_until = excluded.blocked_until",
                               e);
    if (!st) return -1;
    db_bind_text(st, 1, key);
    sqlite3_bind_int(st, 2, row->failures);
    db_bind_text(st, 3, row->last_failure);
    db_bind_text(st, 4, row->blocked_until);
    return db_step_done(db, st, e);
}

int store_throttle_clear(Db *db, const char *key, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "DELETE FROM login_throttle WHERE key = ?1", e);
    if (!st) return -1;
    db_bind_text(st, 1, key);
    return db_step_done(db, st, e);
}
