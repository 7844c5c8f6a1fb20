/* store_publication.c - what of a programme is public, and objections. See store.h. */
#include "db/db_internal.h"
#include "db/store.h"
#include "lib/timeutil.h"

int store_publication_get(Db *db, Arena *a, Id programme_id, PublicationRow *out, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT round_id, objection_until, updated_at, updated_by "
                               "FROM publication WHERE programme_id = ?1",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    *out = (PublicationRow){programme_id, 0, DATE_NONE, NULL, 0};
    int rc = db_step_row(db, st, e);
    if (rc < 0) return -1;
    if (rc == 1) {
        out->round_id = db_col_id(st, 0);
        out->objection_until = db_col_date(st, 1);
        out->updated_at = db_col_text(a, st, 2);
        out->updated_by = db_col_id(st, 3);
        db_done(st);
    }
    return 0;
}

int store_publication_put(Db *db, const PublicationRow *p, Err *e)
{
    /* standard SQL's upsert spelling, which PostgreSQL shares */
    sqlite3_stmt *st = db_stmt(db,
                               "INSERT INTO publication(programme_id, round_id, objection_until, "
                               "updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5) "
                               "ON CONFLICT (programme_id) DO UPDATE SET round_id = excluded.round_id, "
                               "objection_until = excluded.objection_until, "
                               "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                               e);
    if (!st) return -1;
    char now[TS_ISO_LEN];
    ts_now(now);
    sqlite3_bind_int64(st, 1, p->programme_id);
    db_bind_id(st, 2, p->round_id);
    db_bind_date(st, 3, p->objection_until);
    db_bind_text(st, 4, now);
    db_bind_id(st, 5, p->updated_by);
    return db_step_done(db, st, e);
}

static void read_public_programme(Arena *a, sqlite3_stmt *st, void *elem)
{
    PublicProgramme *p = elem;
    p->id = db_col_id(st, 0);
    p->title = db_col_text0(a, st, 1);
    p->year = sqlite3_column_int(st, 2);
}

int store_publication_programmes(Db *db, Arena *a, PublicProgramme **out, size_t *n, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT id, title, year FROM programme WHERE is_public = 1 "
                               "ORDER BY year DESC, id DESC",
                               e);
    if (!st) return -1;
    return db_collect(db, a, st, sizeof **out, read_public_programme, (void **)out, n, e);
}

int store_publication_programme_state(Db *db, Id programme_id, bool *exists, bool *is_public,
                                      Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT is_public FROM programme WHERE id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    int rc = db_step_row(db, st, e);
    if (rc < 0) return -1;
    *exists = rc == 1;
    *is_public = rc == 1 && sqlite3_column_int(st, 0) == 1;
    db_done(st);
    return 0;
}

int store_objection_insert(Db *db, Arena *a, ObjectionRow *o, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "INSERT INTO objection(programme_id, round_id, name, contact, body, "
                               "address, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               e);
    if (!st) return -1;
    if (!o->created_at) {
        char now[TS_ISO_LEN];
        ts_now(now);
        o->created_at = arena_strdup(a, now);
    }
    sqlite3_bind_int64(st, 1, o->programme_id);
    db_bind_id(st, 2, o->round_id);
    db_bind_text(st, 3, o->name);
    db_bind_text(st, 4, o->contact);
    db_bind_text(st, 5, o->body);
    db_bind_text(st, 6, o->address);
    db_bind_text(st, 7, o->created_at);
    if (db_step_done(db, st, e) < 0) return -1;
    o->id = db_last_id(db);
    return 0;
}

int store_objection_count_since(Db *db, const char *address, const char *since, int *n, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT count(*) FROM objection WHERE address = ?1 AND created_at >= ?2",
                               e);
    if (!st) return -1;
    db_bind_text(st, 1, address);
    db_bind_text(st, 2, since);
    int rc = db_step_row(db, st, e);
    if (rc < 0) return -1;
    *n = rc ? sqlite3_column_int(st, 0) : 0;
    db_done(st);
    return 0;
}

static void read_objection(Arena *a, sqlite3_stmt *st, void *elem)
{
    ObjectionRow *o = elem;
    o->id = db_col_id(st, 0);
    o->programme_id = db_col_id(st, 1);
    o->round_id = db_col_id(st, 2);
    o->round_name = db_col_text(a, st, 3);
    o->name = db_col_text(a, st, 4);
    o->contact = db_col_text(a, st, 5);
    o->body = db_col_text0(a, st, 6);
    o->address = db_col_text(a, st, 7);
    o->created_at = db_col_text(a, st, 8);
}

int store_objection_list(Db *db, Arena *a, Id programme_id, ObjectionRow **out, size_t *n, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT o.id, o.programme_id, o.round_id, r.name, o.name, o.contact, "
                               "o.body, o.address, o.created_at FROM objection o "
                               "LEFT JOIN round r ON r.id = o.round_id "
                               "WHERE o.programme_id = ?1 ORDER BY o.created_at DESC, o.id DESC",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    return db_collect(db, a, st, sizeof **out, read_objection, (void **)out, n, e);
}
