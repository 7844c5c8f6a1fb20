/* store_attachment.c - uploaded files' rows (the bytes live on disk under
 * their SHA-256, see core/files.c). See store.h. */
#include "core/vocab.h"
#include "db/db_internal.h"
#include "db/store.h"

#define ATT_COLS "id, sha256, size, mime, filename, kind, project_id, unit_id, report_id, ledger_id, uploaded_by, uploaded_at"

static void read_att(Arena *a, sqlite3_stmt *st, void *elem)
{
    Attachment *t = elem;
    t->id = db_col_id(st, 0);
    t->sha256 = db_col_text0(a, st, 1);
    t->size = sqlite3_column_int64(st, 2);
    t->mime = db_col_text0(a, st, 3);
    t->filename = db_col_text0(a, st, 4);
    attach_kind_parse((const char *)sqlite3_column_text(st, 5), &t->kind);
    t->project_id = db_col_id(st, 6);
    t->unit_id = db_col_id(st, 7);
    t->report_id = db_col_id(st, 8);
    t->ledger_id = db_col_id(st, 9);
    t->uploaded_by = db_col_id(st, 10);
    t->uploaded_at = db_col_text0(a, st, 11);
}

int store_attachment_insert(Db *db, Attachment *t, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "INSERT INTO attachment(sha256, size, mime, filename, kind, project_id, "
                               "unit_id, report_id, ledger_id, uploaded_by, uploaded_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                               e);
    if (!st) return -1;
    db_bind_text(st, 1, t->sha256);
    sqlite3_bind_int64(st, 2, t->size);
    db_bind_text(st, 3, t->mime);
    db_bind_text(st, 4, t->filename);
    db_bind_text(st, 5, attach_kind_name(t->kind));
    sqlite3_bind_int64(st, 6, t->project_id);
    sqlite3_bind_int64(st, 7, t->unit_id);
    db_bind_id(st, 8, t->report_id);
    db_bind_id(st, 9, t->ledger_id);
    db_bind_id(st, 10, t->uploaded_by);
    db_bind_text(st, 11, t->uploaded_at);
    if (db_step_done(db, st, e) < 0) return -1;
    t->id = db_last_id(db);
    return 0;
}

int store_attachment_get(Db *db, Arena *a, Id id, Attachment *out, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT " ATT_COLS " FROM attachment WHERE id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = db_step_row(db, st, e);
    if (rc <= 0) return rc < 0 ? -1 : err_set(e, ERR_NOT_FOUND, NULL, "文件不存在");
    read_att(a, st, out);
    db_done(st);
    return 0;
}

int store_attachment_delete(Db *db, Id id, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "DELETE FROM attachment WHERE id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    return db_step_done(db, st, e);
}

static int list_by(Db *db, Arena *a, const char *sql, Id x, Id y, Attachment **out, size_t *n, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, sql, e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, x);
    if (y) sqlite3_bind_int64(st, 2, y);
    return db_collect(db, a, st, sizeof **out, read_att, (void **)out, n, e);
}

int store_attachment_list_for_report(Db *db, Arena *a, Id report_id, Attachment **out, size_t *n,
                                     Err *e)
{
    return list_by(db, a, "SELECT " ATT_COLS " FROM attachment WHERE report_id = ?1 ORDER BY id",
                   report_id, 0, out, n, e);
}

int store_attachment_list_for_ledger(Db *db, Arena *a, Id ledger_id, Attachment **out, size_t *n,
                                     Err *e)
{
    return list_by(db, a, "SELECT " ATT_COLS " FROM attachment WHERE ledger_id = ?1 ORDER BY id",
                   ledger_id, 0, out, n, e);
}

int store_attachment_list_plans(Db *db, Arena *a, Id project_id, Id unit_id, Attachment **out,
                                size_t *n, Err *e)
{
    return list_by(db, a,
                   "SELECT " ATT_COLS " FROM attachment WHERE project_id = ?1 AND unit_id = ?2 "
                   "AND kind = 'plan' ORDER BY id DESC",
                   project_id, unit_id, out, n, e);
}

int store_attachment_count_sha(Db *db, const char *sha256, int *count, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM attachment WHERE sha256 = ?1", e);
    if (!st) return -1;
    db_bind_text(st, 1, sha256);
    int rc = db_step_row(db, st, e);
    if (rc < 0) return -1;
    *count = rc ? sqlite3_column_int(st, 0) : 0;
    db_done(st);
    return 0;
}
