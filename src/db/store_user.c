/* store_user.c - accounts. Passwords arrive already hashed (core/users.c). See store.h. */
#include "core/vocab.h"
#include "db/db_internal.h"
#include "db/store.h"
#include "lib/timeutil.h"

#define USER_COLS                                                                     \
    "u.id, u.login, u.display_name, u.role, u.unit_id, un.name, u.must_change_password, " \
    "u.disabled, u.created_at, u.password_hash"
#define USER_FROM " FROM user u LEFT JOIN unit un ON un.id = u.unit_id "

static void read_user(Arena *a, sqlite3_stmt *st, void *elem)
{
    User *u = elem;
    u->id = db_col_id(st, 0);
    u->login = db_col_text0(a, st, 1);
    u->display_name = db_col_text(a, st, 2);
    role_parse((const char *)sqlite3_column_text(st, 3), &u->role);
    u->unit_id = db_col_id(st, 4);
    u->unit_name = db_col_text(a, st, 5);
    u->must_change_password = sqlite3_column_int(st, 6) != 0;
    u->disabled = sqlite3_column_int(st, 7) != 0;
    u->created_at = db_col_text(a, st, 8);
}

int store_user_insert(Db *db, User *u, const char *password_hash, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "INSERT INTO user(login, display_name, password_hash, role, unit_id, "
                               "must_change_password, disabled, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                               e);
    if (!st) return -1;
    char now[TS_ISO_LEN];
    ts_now(now);
    db_bind_text(st, 1, u->login);
    db_bind_text(st, 2, u->display_name);
    db_bind_text(st, 3, password_hash);
    db_bind_text(st, 4, role_name(u->role));
    db_bind_id(st, 5, u->role == ROLE_REPORTER ? u->unit_id : 0);
    sqlite3_bind_int(st, 6, u->must_change_password);
    sqlite3_bind_int(st, 7, u->disabled);
    db_bind_text(st, 8, now);
    if (db_step_done(db, st, e) < 0) return -1;
    u->id = db_last_id(db);
    return 0;
}

int store_user_get(Db *db, Arena *a, Id id, User *out, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT " USER_COLS USER_FROM "WHERE u.id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = db_step_row(db, st, e);
    if (rc <= 0) return rc < 0 ? -1 : err_set(e, ERR_NOT_FOUND, NULL, "账号不存在");
    read_user(a, st, out);
    db_done(st);
    return 0;
}

int store_user_by_login(Db *db, Arena *a, const char *login, User *out, char **hash, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT " USER_COLS USER_FROM "WHERE u.login = ?1", e);
    if (!st) return -1;
    db_bind_text(st, 1, login);
    int rc = db_step_row(db, st, e);
    if (rc <= 0) return rc < 0 ? -1 : err_set(e, ERR_NOT_FOUND, "login", "账号不存在");
    read_user(a, st, out);
    if (hash) *hash = db_col_text(a, st, 9);
    db_done(st);
    return 0;
}

int store_user_list(Db *db, Arena *a, User **out, size_t *n, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT " USER_COLS USER_FROM "ORDER BY u.id", e);
    if (!st) return -1;
    return db_collect(db, a, st, sizeof **out, read_user, (void **)out, n, e);
}

int store_user_set_password(Db *db, Id id, const char *password_hash, bool must_change, Err *e)
{
    sqlite3_stmt *st = db_stmt(
        db, "UPDATE user SET password_hash = ?2, must_change_password = ?3 WHERE id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    db_bind_text(st, 2, password_hash);
    sqlite3_bind_int(st, 3, must_change);
    if (db_step_done(db, st, e) < 0) return -1;
    return db_changes(db) == 1 ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "账号不存在");
}

int store_user_set_disabled(Db *db, Id id, bool disabled, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "UPDATE user SET disabled = ?2 WHERE id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, disabled);
    if (db_step_done(db, st, e) < 0) return -1;
    return db_changes(db) == 1 ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "账号不存在");
}
