/* store_unit.c - offices and their units. See store.h. */
#include "db/db_internal.h"
#include "db/store.h"

int store_office_ensure(Db *db, const char *name, Id *id, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id FROM office WHERE name = ?1", e);
    if (!st) return -1;
    db_bind_text(st, 1, name);
    int rc = db_step_row(db, st, e);
    if (rc < 0) return -1;
    if (rc == 1) {
        *id = db_col_id(st, 0);
        db_done(st);
        return 0;
    }
    st = db_stmt(db, "INSERT INTO office(name) VALUES (?1)", e);
    if (!st) return -1;
    db_bind_text(st, 1, name);
    if (db_step_done(db, st, e) < 0) return -1;
    *id = db_last_id(db);
    return 0;
}

int store_office_get(Db *db, Arena *a, Id id, Office *out, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id, name, phone, email FROM office WHERE id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = db_step_row(db, st, e);
    if (rc <= 0) return rc < 0 ? -1 : err_set(e, ERR_NOT_FOUND, NULL, "办公室不存在");
    out->id = db_col_id(st, 0);
    out->name = db_col_text(a, st, 1);
    out->phone = db_col_text(a, st, 2);
    out->email = db_col_text(a, st, 3);
    db_done(st);
    return 0;
}

int store_unit_ensure(Db *db, Id office_id, const char *name, Id *id, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id FROM unit WHERE office_id = ?1 AND name = ?2", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, office_id);
    db_bind_text(st, 2, name);
    int rc = db_step_row(db, st, e);
    if (rc < 0) return -1;
    if (rc == 1) {
        *id = db_col_id(st, 0);
        db_done(st);
        return 0;
    }
    st = db_stmt(db, "INSERT INTO unit(office_id, name) VALUES (?1, ?2)", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, office_id);
    db_bind_text(st, 2, name);
    if (db_step_done(db, st, e) < 0) return -1;
    *id = db_last_id(db);
    return 0;
}

static void read_unit(Arena *a, sqlite3_stmt *st, void *elem)
{
    Unit *u = elem;
    u->id = db_col_id(st, 0);
    u->office_id = db_col_id(st, 1);
    u->name = db_col_text(a, st, 2);
    u->email = db_col_text(a, st, 3);
}

int store_unit_get(Db *db, Arena *a, Id id, Unit *out, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id, office_id, name, email FROM unit WHERE id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = db_step_row(db, st, e);
    if (rc <= 0) return rc < 0 ? -1 : err_set(e, ERR_NOT_FOUND, NULL, "单位不存在");
    read_unit(a, st, out);
    db_done(st);
    return 0;
}

int store_unit_find(Db *db, Arena *a, Id office_id, const char *name, Unit *out, Err *e)
{
    sqlite3_stmt *st = db_stmt(
        db, "SELECT id, office_id, name, email FROM unit WHERE office_id = ?1 AND name = ?2", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, office_id);
    db_bind_text(st, 2, name);
    int rc = db_step_row(db, st, e);
    if (rc <= 0) return rc < 0 ? -1 : err_set(e, ERR_NOT_FOUND, "unit", "单位“%s”不存在", name);
    read_unit(a, st, out);
    db_done(st);
    return 0;
}

int store_unit_list(Db *db, Arena *a, Id office_id, Unit **out, size_t *n, Err *e)
{
    sqlite3_stmt *st = db_stmt(
        db, "SELECT id, office_id, name, email FROM unit WHERE office_id = ?1 ORDER BY id", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, office_id);
    return db_collect(db, a, st, sizeof **out, read_unit, (void **)out, n, e);
}

int store_unit_list_all(Db *db, Arena *a, Unit **out, size_t *n, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id, office_id, name, email FROM unit ORDER BY id", e);
    if (!st) return -1;
    return db_collect(db, a, st, sizeof **out, read_unit, (void **)out, n, e);
}

int store_unit_update(Db *db, const Unit *u, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "UPDATE unit SET name = ?2, email = ?3 WHERE id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, u->id);
    db_bind_text(st, 2, u->name);
    db_bind_text(st, 3, u->email);
    return db_step_done(db, st, e);
}
