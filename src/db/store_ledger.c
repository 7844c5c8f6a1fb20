/* store_ledger.c - work ledger entries (工作台账). See store.h. */
#include "db/db_internal.h"
#include "db/store.h"
#include "lib/timeutil.h"

static void read_ledger(Arena *a, sqlite3_stmt *st, void *elem)
{
    LedgerEntry *l = elem;
    l->id = db_col_id(st, 0);
    l->project_id = db_col_id(st, 1);
    l->unit_id = db_col_id(st, 2);
    l->date = db_col_date(st, 3);
    l->content = db_col_text0(a, st, 4);
    l->place = db_col_text(a, st, 5);
    l->has_quantity = sqlite3_column_type(st, 6) != SQLITE_NULL;
    l->quantity = sqlite3_column_double(st, 6);
    l->indicator_id = db_col_id(st, 7);
    l->funds_fen = sqlite3_column_int64(st, 8);
    l->created_by = db_col_id(st, 9);
    l->created_at = db_col_text(a, st, 10);
}

int store_ledger_insert(Db *db, LedgerEntry *l, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "INSERT INTO ledger_entry(project_id, unit_id, entry_date, content, "
                               "place, quantity, indicator_id, funds_fen, created_by, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                               e);
    if (!st) return -1;
    char now[TS_ISO_LEN];
    ts_now(now);
    sqlite3_bind_int64(st, 1, l->project_id);
    sqlite3_bind_int64(st, 2, l->unit_id);
    db_bind_date(st, 3, l->date);
    db_bind_text(st, 4, l->content);
    db_bind_text(st, 5, l->place);
    if (l->has_quantity) sqlite3_bind_double(st, 6, l->quantity);
    else sqlite3_bind_null(st, 6);
    db_bind_id(st, 7, l->indicator_id);
    sqlite3_bind_int64(st, 8, l->funds_fen);
    db_bind_id(st, 9, l->created_by);
    db_bind_text(st, 10, l->created_at ? l->created_at : now);
    if (db_step_done(db, st, e) < 0) return -1;
    l->id = db_last_id(db);
    return 0;
}

int store_ledger_list(Db *db, Arena *a, Id project_id, Id unit_id, LedgerEntry **out, size_t *n,
                      Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT id, project_id, unit_id, entry_date, content, place, "
                               "quantity, indicator_id, funds_fen, created_by, created_at "
                               "FROM ledger_entry WHERE project_id = ?1 AND unit_id = ?2 "
                               "ORDER BY entry_date, id",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, project_id);
    sqlite3_bind_int64(st, 2, unit_id);
    return db_collect(db, a, st, sizeof **out, read_ledger, (void **)out, n, e);
}

int store_ledger_get(Db *db, Arena *a, Id id, LedgerEntry *out, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT id, project_id, unit_id, entry_date, content, place, "
                               "quantity, indicator_id, funds_fen, created_by, created_at "
                               "FROM ledger_entry WHERE id = ?1",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = db_step_row(db, st, e);
    if (rc <= 0) return rc < 0 ? -1 : err_set(e, ERR_NOT_FOUND, NULL, "台账记录不存在");
    read_ledger(a, st, out);
    db_done(st);
    return 0;
}

int store_ledger_delete(Db *db, Id id, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "DELETE FROM ledger_entry WHERE id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    return db_step_done(db, st, e);
}

int store_ledger_totals(Db *db, Arena *a, Id project_id, Id unit_id, int up_to, Id **ids,
                        double **sums, size_t *n, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT indicator_id, sum(quantity) FROM ledger_entry "
                               "WHERE project_id = ?1 AND unit_id = ?2 AND entry_date <= ?3 "
                               "AND indicator_id IS NOT NULL AND quantity IS NOT NULL "
                               "GROUP BY indicator_id ORDER BY indicator_id",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, project_id);
    sqlite3_bind_int64(st, 2, unit_id);
    db_bind_date(st, 3, up_to);
    size_t cap = 8, cnt = 0;
    Id *iv = ARENA_ARRAY(a, Id, cap);
    double *sv = ARENA_ARRAY(a, double, cap);
    int rc;
    while ((rc = db_step_row(db, st, e)) == 1) {
        if (cnt == cap) {
            iv = arena_grow(a, iv, cnt, cap * 2, sizeof *iv);
            sv = arena_grow(a, sv, cnt, cap * 2, sizeof *sv);
            cap *= 2;
        }
        iv[cnt] = db_col_id(st, 0);
        sv[cnt++] = sqlite3_column_double(st, 1);
    }
    if (rc < 0) return -1;
    *ids = iv;
    *sums = sv;
    *n = cnt;
    return 0;
}
