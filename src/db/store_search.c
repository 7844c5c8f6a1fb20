/*
 * store_search.c - full-text search over projects, reports and ledger
 * entries. See store.h, and 006_search.sql for the index and why it is
 * brought up to date here rather than by triggers. The only file that
 * speaks FTS5: a PostgreSQL port replaces this file and that migration.
 *
 * Every query joins the source table, so what a row says about its unit
 * and state is today's, and skips rows whose index entry is pending, so
 * no snippet is cut from text the row no longer holds.
 */
#include "core/vocab.h"
#include "db/db_internal.h"
#include "db/store.h"

int store_search_pending(Db *db, bool *any, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT EXISTS (SELECT 1 FROM search_pending)", e);
    if (!st) return -1;
    int rc = db_step_row(db, st, e);
    if (rc < 0) return -1;
    *any = rc == 1 && sqlite3_column_int(st, 0) != 0;
    db_done(st);
    return 0;
}

/* In order: drop each pending row from its index, put back the rows that
 * still exist with their current text, empty the queue. */
static const char *const SYNC_SQL[] = {
    "DELETE FROM search_project WHERE rowid IN "
    "(SELECT id FROM search_pending WHERE kind = 'project')",
    "INSERT INTO search_project(rowid, title, report_title, body) "
    "SELECT p.id, p.title, p.report_title, p.body FROM project p "
    "JOIN search_pending q ON q.kind = 'project' AND q.id = p.id",
    "DELETE FROM search_report WHERE rowid IN "
    "(SELECT id FROM search_pending WHERE kind = 'report')",
    "INSERT INTO search_report(rowid, measures, problems, next_steps) "
    "SELECT r.id, r.measures, r.problems, r.next_steps FROM report r "
    "JOIN search_pending q ON q.kind = 'report' AND q.id = r.id",
    "DELETE FROM search_ledger WHERE rowid IN "
    "(SELECT id FROM search_pending WHERE kind = 'ledger')",
    "INSERT INTO search_ledger(rowid, content, place) "
    "SELECT l.id, l.content, coalesce(l.place, '') FROM ledger_entry l "
    "JOIN search_pending q ON q.kind = 'ledger' AND q.id = l.id",
    "DELETE FROM search_pending",
};

int store_search_sync(Db *db, Err *e)
{
    if (!db_in_transaction(db))
        return err_set(e, ERR_INTERNAL, NULL, "store_search_sync outside a transaction");
    for (size_t i = 0; i < sizeof SYNC_SQL / sizeof *SYNC_SQL; i++) {
        sqlite3_stmt *st = db_stmt(db, SYNC_SQL[i], e);
        if (!st || db_step_done(db, st, e) < 0) return -1;
    }
    return 0;
}

/* ---- the six queries: three kinds, FTS or LIKE ------------------------------ */

/* Parameters shared by all: ?1..?4 the FTS expression (?1) or the LIKE
 * patterns, ?5 the limit, ?6 the unit (NULL: any), ?7 drafts (0/1),
 * ?8 and ?9 the snippet marks. */

static const char PROJECT_FTS[] =
    "SELECT p.id, p.id, p.no, p.title, snippet(search_project, -1, ?8, ?9, '…', 40) "
    "FROM search_project JOIN project p ON p.id = search_project.rowid "
    "WHERE search_project MATCH ?1 "
    "AND NOT EXISTS (SELECT 1 FROM search_pending q WHERE q.kind = 'project' AND q.id = p.id) "
    "ORDER BY search_project.rank LIMIT ?5";

static const char PROJECT_LIKE[] =
    "SELECT id, id, no, title, txt FROM "
    "(SELECT p.id, p.no, p.title, p.title || ' ' || p.report_title || ' ' || p.body AS txt "
    " FROM project p) t "
    "WHERE txt LIKE ?1 ESCAPE '\\' AND (?2 IS NULL OR txt LIKE ?2 ESCAPE '\\') "
    "AND (?3 IS NULL OR txt LIKE ?3 ESCAPE '\\') AND (?4 IS NULL OR txt LIKE ?4 ESCAPE '\\') "
    "ORDER BY id DESC LIMIT ?5";

static const char REPORT_FTS[] =
    "SELECT r.id, r.project_id, p.no, p.title, r.unit_id, u.name, r.round_id, rd.name, r.status, "
    "snippet(search_report, -1, ?8, ?9, '…', 40) "
    "FROM search_report JOIN report r ON r.id = search_report.rowid "
    "JOIN project p ON p.id = r.project_id JOIN unit u ON u.id = r.unit_id "
    "JOIN round rd ON rd.id = r.round_id "
    "WHERE search_report MATCH ?1 AND (?6 IS NULL OR r.unit_id = ?6) "
    "AND (?7 = 1 OR r.status <> 'draft') "
    "AND NOT EXISTS (SELECT 1 FROM search_pending q WHERE q.kind = 'report' AND q.id = r.id) "
    "ORDER BY search_report.rank LIMIT ?5";

static const char REPORT_LIKE[] =
    "SELECT id, project_id, no, title, unit_id, uname, round_id, rname, status, txt FROM "
    "(SELECT r.id, r.project_id, p.no, p.title, r.unit_id, u.name AS uname, r.round_id, "
    " rd.name AS rname, r.status, r.measures || ' ' || r.problems || ' ' || r.next_steps AS txt "
    " FROM report r JOIN project p ON p.id = r.project_id JOIN unit u ON u.id = r.unit_id "
    " JOIN round rd ON rd.id = r.round_id "
    " WHERE (?6 IS NULL OR r.unit_id = ?6) AND (?7 = 1 OR r.status <> 'draft')) t "
    "WHERE txt LIKE ?1 ESCAPE '\\' AND (?2 IS NULL OR txt LIKE ?2 ESCAPE '\\') "
    "AND (?3 IS NULL OR txt LIKE ?3 ESCAPE '\\') AND (?4 IS NULL OR txt LIKE ?4 ESCAPE '\\') "
    "ORDER BY id DESC LIMIT ?5";

static const char LEDGER_FTS[] =
    "SELECT l.id, l.project_id, p.no, p.title, l.unit_id, u.name, l.entry_date, "
    "snippet(search_ledger, -1, ?8, ?9, '…', 40) "
    "FROM search_ledger JOIN ledger_entry l ON l.id = search_ledger.rowid "
    "JOIN project p ON p.id = l.project_id JOIN unit u ON u.id = l.unit_id "
    "WHERE search_ledger MATCH ?1 AND (?6 IS NULL OR l.unit_id = ?6) "
    "AND NOT EXISTS (SELECT 1 FROM search_pending q WHERE q.kind = 'ledger' AND q.id = l.id) "
    "ORDER BY search_ledger.rank LIMIT ?5";

static const char LEDGER_LIKE[] =
    "SELECT id, project_id, no, title, unit_id, uname, entry_date, txt FROM "
    "(SELECT l.id, l.project_id, p.no, p.title, l.unit_id, u.name AS uname, l.entry_date, "
    " l.content || ' ' || coalesce(l.place, '') AS txt "
    " FROM ledger_entry l JOIN project p ON p.id = l.project_id JOIN unit u ON u.id = l.unit_id "
    " WHERE (?6 IS NULL OR l.unit_id = ?6)) t "
    "WHERE txt LIKE ?1 ESCAPE '\\' AND (?2 IS NULL OR txt LIKE ?2 ESCAPE '\\') "
    "AND (?3 IS NULL OR txt LIKE ?3 ESCAPE '\\') AND (?4 IS NULL OR txt LIKE ?4 ESCAPE '\\') "
    "ORDER BY id DESC LIMIT ?5";

static void read_project(Arena *a, sqlite3_stmt *st, void *elem)
{
    SearchHit *h = elem;
    *h = (SearchHit){.kind = SEARCH_PROJECT, .date = DATE_NONE};
    h->id = db_col_id(st, 0);
    h->project_id = db_col_id(st, 1);
    h->project_no = sqlite3_column_int(st, 2);
    h->project_title = db_col_text0(a, st, 3);
    h->text = db_col_text0(a, st, 4);
}

static void read_report(Arena *a, sqlite3_stmt *st, void *elem)
{
    SearchHit *h = elem;
    *h = (SearchHit){.kind = SEARCH_REPORT, .date = DATE_NONE};
    h->id = db_col_id(st, 0);
    h->project_id = db_col_id(st, 1);
    h->project_no = sqlite3_column_int(st, 2);
    h->project_title = db_col_text0(a, st, 3);
    h->unit_id = db_col_id(st, 4);
    h->unit_name = db_col_text0(a, st, 5);
    h->round_id = db_col_id(st, 6);
    h->round_name = db_col_text0(a, st, 7);
    if (!report_status_parse((const char *)sqlite3_column_text(st, 8), &h->status))
        h->status = REPORT_NONE;
    h->text = db_col_text0(a, st, 9);
}

static void read_ledger(Arena *a, sqlite3_stmt *st, void *elem)
{
    SearchHit *h = elem;
    *h = (SearchHit){.kind = SEARCH_LEDGER};
    h->id = db_col_id(st, 0);
    h->project_id = db_col_id(st, 1);
    h->project_no = sqlite3_column_int(st, 2);
    h->project_title = db_col_text0(a, st, 3);
    h->unit_id = db_col_id(st, 4);
    h->unit_name = db_col_text0(a, st, 5);
    h->date = db_col_date(st, 6);
    h->text = db_col_text0(a, st, 7);
}

int store_search(Db *db, Arena *a, enum SearchKind kind, const SearchQuery *q, SearchHit **out,
                 size_t *n, Err *e)
{
    bool fts = q->match != NULL;
    if (!fts && !q->like[0]) return err_set(e, ERR_INTERNAL, NULL, "store_search: no terms");
    const char *sql;
    DbRowReader read;
    switch (kind) {
    case SEARCH_PROJECT: sql = fts ? PROJECT_FTS : PROJECT_LIKE; read = read_project; break;
    case SEARCH_REPORT: sql = fts ? REPORT_FTS : REPORT_LIKE; read = read_report; break;
    case SEARCH_LEDGER: sql = fts ? LEDGER_FTS : LEDGER_LIKE; read = read_ledger; break;
    default: return err_set(e, ERR_INTERNAL, NULL, "store_search: unknown kind");
    }
    sqlite3_stmt *st = db_stmt(db, sql, e);
    if (!st) return -1;
    /* a statement binds only the numbers it names: skip the others */
    int n_params = sqlite3_bind_parameter_count(st);
    if (fts) {
        db_bind_text(st, 1, q->match);
    } else {
        for (int i = 0; i < SEARCH_LIKE_TERMS; i++) db_bind_text(st, i + 1, q->like[i]);
    }
    sqlite3_bind_int64(st, 5, (sqlite3_int64)q->limit);
    if (n_params >= 6) db_bind_id(st, 6, q->unit_id);
    if (n_params >= 7) sqlite3_bind_int(st, 7, q->drafts ? 1 : 0);
    if (n_params >= 9) {
        db_bind_text(st, 8, SEARCH_MARK_OPEN);
        db_bind_text(st, 9, SEARCH_MARK_CLOSE);
    }
    return db_collect(db, a, st, sizeof **out, read, (void **)out, n, e);
}
