/* store_audit.c - the append-only audit trail. The hash chain is computed
 * by core/audit.c; this file only reads and appends rows. See store.h. */
#include "db/db_internal.h"
#include "db/store.h"

int store_audit_last_hash(Db *db, Arena *a, char **hash, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", e);
    if (!st) return -1;
    int rc = db_step_row(db, st, e);
    if (rc < 0) return -1;
    *hash = rc ? db_col_text0(a, st, 0) : arena_strdup(a, "");
    db_done(st);
    return 0;
}

int store_audit_append(Db *db, AuditRow *row, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "INSERT INTO audit(at, user_id, login, address, action, entity, "
                               "entity_id, before, after, prev_hash, hash) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                               e);
    if (!st) return -1;
    db_bind_text(st, 1, row->at);
    db_bind_id(st, 2, row->user_id);
    db_bind_text(st, 3, row->login);
    db_bind_text(st, 4, row->address);
    db_bind_text(st, 5, row->action);
    db_bind_text(st, 6, row->entity);
    db_bind_id(st, 7, row->entity_id);
    db_bind_text(st, 8, row->before);
    db_bind_text(st, 9, row->after);
    db_bind_text(st, 10, row->prev_hash);
    db_bind_text(st, 11, row->hash);
    if (db_step_done(db, st, e) < 0) return -1;
    row->id = db_last_id(db);
    return 0;
}

static void read_audit(Arena *a, sqlite3_stmt *st, void *elem)
{
    AuditRow *r = elem;
    r->id = db_col_id(st, 0);
    r->at = db_col_text0(a, st, 1);
    r->user_id = db_col_id(st, 2);
    r->login = db_col_text(a, st, 3);
    r->address = db_col_text(a, st, 4);
    r->action = db_col_text0(a, st, 5);
    r->entity = db_col_text0(a, st, 6);
    r->entity_id = db_col_id(st, 7);
    r->before = db_col_text(a, st, 8);
    r->after = db_col_text(a, st, 9);
    r->prev_hash = db_col_text0(a, st, 10);
    r->hash = db_col_text0(a, st, 11);
}

int store_audit_list(Db *db, Arena *a, Id after_id, size_t limit, AuditRow **out, size_t *n,
                     Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT id, at, user_id, login, address, action, entity, entity_id, "
                               "before, after, prev_hash, hash FROM audit WHERE id > ?1 "
                               "ORDER BY id LIMIT ?2",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, after_id);
    sqlite3_bind_int64(st, 2, limit ? (sqlite3_int64)limit : -1);
    return db_collect(db, a, st, sizeof **out, read_audit, (void **)out, n, e);
}

int store_audit_list_desc(Db *db, Arena *a, Id before_id, size_t limit, AuditRow **out, size_t *n,
                          Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT id, at, user_id, login, address, action, entity, entity_id, "
                               "before, after, prev_hash, hash FROM audit "
                               "WHERE ?1 = 0 OR id < ?1 ORDER BY id DESC LIMIT ?2",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, before_id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
    return db_collect(db, a, st, sizeof **out, read_audit, (void **)out, n, e);
}
