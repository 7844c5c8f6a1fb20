/* store_report.c - reports, their indicator values and versions. See store.h. */
#include <stdlib.h>

#include "core/vocab.h"
#include "db/db_internal.h"
#include "db/store.h"
#include "lib/timeutil.h"

#define REPORT_COLS                                                                          \
    "r.id, r.round_id, r.project_id, r.unit_id, r.status, r.measures, r.problems, "          \
    "r.next_steps, r.expected_completion, r.self_status, r.return_reason, "                  \
    "r.first_submitted_at, r.submitted_at, r.reviewed_at, r.reviewed_by, r.version, r.updated_at"

static void read_report(Arena *a, sqlite3_stmt *st, void *elem)
{
    Report *r = elem;
    r->id = db_col_id(st, 0);
    r->round_id = db_col_id(st, 1);
    r->project_id = db_col_id(st, 2);
    r->unit_id = db_col_id(st, 3);
    report_status_parse((const char *)sqlite3_column_text(st, 4), &r->status);
    r->measures = db_col_text0(a, st, 5);
    r->problems = db_col_text0(a, st, 6);
    r->next_steps = db_col_text0(a, st, 7);
    r->expected_completion = db_col_date(st, 8);
    r->self_status = SELF_NONE;
    self_status_parse((const char *)sqlite3_column_text(st, 9), &r->self_status);
    r->return_reason = db_col_text(a, st, 10);
    r->first_submitted_at = db_col_text(a, st, 11);
    r->submitted_at = db_col_text(a, st, 12);
    r->reviewed_at = db_col_text(a, st, 13);
    r->reviewed_by = db_col_id(st, 14);
    r->version = sqlite3_column_int(st, 15);
    r->updated_at = db_col_text(a, st, 16);
}

static int cmp_report_id(const void *key, const void *elem)
{
    Id k = *(const Id *)key, id = ((const Report *)elem)->id;
    return k < id ? -1 : k > id;
}

/* Attaches the values selected by st (report_id, indicator_id, actual) to
 * reports sorted by id. */
static int attach_values(Db *db, Arena *a, sqlite3_stmt *st, Report *reports, size_t n, Err *e)
{
    size_t *counts = ARENA_ARRAY(a, size_t, n + 1);
    int rc;
    while ((rc = db_step_row(db, st, e)) == 1) {
        Id rid = db_col_id(st, 0);
        Report *r = bsearch(&rid, reports, n, sizeof *reports, cmp_report_id);
        if (r) counts[r - reports]++;
    }
    if (rc < 0) return -1;
    for (size_t i = 0; i < n; i++) {
        reports[i].values = ARENA_ARRAY(a, ReportValue, counts[i]);
        reports[i].n_values = 0;
    }
    while ((rc = db_step_row(db, st, e)) == 1) {
        Id rid = db_col_id(st, 0);
        Report *r = bsearch(&rid, reports, n, sizeof *reports, cmp_report_id);
        if (!r || r->n_values >= counts[r - reports]) continue;
        ReportValue *v = &r->values[r->n_values++];
        v->indicator_id = db_col_id(st, 1);
        v->actual = sqlite3_column_double(st, 2);
        v->has_actual = true;
    }
    return rc < 0 ? -1 : 0;
}

static int load_one(Db *db, Arena *a, sqlite3_stmt *st, Report *out, Err *e)
{
    int rc = db_step_row(db, st, e);
    if (rc <= 0) return rc < 0 ? -1 : err_set(e, ERR_NOT_FOUND, NULL, "报告不存在");
    read_report(a, st, out);
    db_done(st);
    sqlite3_stmt *vs = db_stmt(
        db, "SELECT report_id, indicator_id, actual FROM report_value WHERE report_id = ?1", e);
    if (!vs) return -1;
    sqlite3_bind_int64(vs, 1, out->id);
    return attach_values(db, a, vs, out, 1, e);
}

int store_report_get(Db *db, Arena *a, Id id, Report *out, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT " REPORT_COLS " FROM report r WHERE r.id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    return load_one(db, a, st, out, e);
}

int store_report_find(Db *db, Arena *a, Id round_id, Id project_id, Id unit_id, Report *out,
                      Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT " REPORT_COLS " FROM report r WHERE r.round_id = ?1 "
                               "AND r.project_id = ?2 AND r.unit_id = ?3",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, round_id);
    sqlite3_bind_int64(st, 2, project_id);
    sqlite3_bind_int64(st, 3, unit_id);
    return load_one(db, a, st, out, e);
}

int store_report_list_by_round(Db *db, Arena *a, Id round_id, Report **out, size_t *n, Err *e)
{
    sqlite3_stmt *st =
        db_stmt(db, "SELECT " REPORT_COLS " FROM report r WHERE r.round_id = ?1 ORDER BY r.id", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, round_id);
    if (db_collect(db, a, st, sizeof **out, read_report, (void **)out, n, e) < 0) return -1;
    sqlite3_stmt *vs = db_stmt(db,
                               "SELECT v.report_id, v.indicator_id, v.actual FROM report_value v "
                               "JOIN report r ON r.id = v.report_id WHERE r.round_id = ?1",
                               e);
    if (!vs) return -1;
    sqlite3_bind_int64(vs, 1, round_id);
    return attach_values(db, a, vs, *out, *n, e);
}

int store_report_list_by_project_unit(Db *db, Arena *a, Id project_id, Id unit_id, Report **out, size_t *n,
                                      Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT " REPORT_COLS " FROM report r WHERE r.project_id = ?1 AND r.unit_id = ?2 "
                               "ORDER BY r.id",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, project_id);
    sqlite3_bind_int64(st, 2, unit_id);
    if (db_collect(db, a, st, sizeof **out, read_report, (void **)out, n, e) < 0) return -1;
    sqlite3_stmt *vs = db_stmt(db,
                               "SELECT v.report_id, v.indicator_id, v.actual FROM report_value v "
                               "JOIN report r ON r.id = v.report_id WHERE r.project_id = ?1 AND r.unit_id = ?2",
                               e);
    if (!vs) return -1;
    sqlite3_bind_int64(vs, 1, project_id);
    sqlite3_bind_int64(vs, 2, unit_id);
    return attach_values(db, a, vs, *out, *n, e);
}

int store_report_list_by_project(Db *db, Arena *a, Id project_id, Report **out, size_t *n, Err *e)
{
    sqlite3_stmt *st = db_stmt(
        db, "SELECT " REPORT_COLS " FROM report r WHERE r.project_id = ?1 ORDER BY r.id", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, project_id);
    if (db_collect(db, a, st, sizeof **out, read_report, (void **)out, n, e) < 0) return -1;
    sqlite3_stmt *vs = db_stmt(db,
                               "SELECT v.report_id, v.indicator_id, v.actual FROM report_value v "
                               "JOIN report r ON r.id = v.report_id WHERE r.project_id = ?1",
                               e);
    if (!vs) return -1;
    sqlite3_bind_int64(vs, 1, project_id);
    return attach_values(db, a, vs, *out, *n, e);
}

int store_report_list_by_programme(Db *db, Arena *a, Id programme_id, Report **out, size_t *n,
                                   Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT " REPORT_COLS " FROM report r JOIN round rd ON rd.id = r.round_id "
                               "WHERE rd.programme_id = ?1 ORDER BY r.id",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    if (db_collect(db, a, st, sizeof **out, read_report, (void **)out, n, e) < 0) return -1;
    sqlite3_stmt *vs = db_stmt(db,
                               "SELECT v.report_id, v.indicator_id, v.actual FROM report_value v "
                               "JOIN report r ON r.id = v.report_id "
                               "JOIN round rd ON rd.id = r.round_id WHERE rd.programme_id = ?1",
                               e);
    if (!vs) return -1;
    sqlite3_bind_int64(vs, 1, programme_id);
    return attach_values(db, a, vs, *out, *n, e);
}

int store_report_save(Db *db, Report *r, const char *snapshot, Id user_id, Err *e)
{
    if (db_begin(db, e) < 0) return -1;
    char now[TS_ISO_LEN];
    ts_now(now);
    sqlite3_stmt *st;
    if (r->id) {
        st = db_stmt(db,
                     "UPDATE report SET status = ?5, measures = ?6, problems = ?7, next_steps = ?8, "
                     "expected_completion = ?9, self_status = ?10, return_reason = ?11, "
                     "first_submitted_at = ?12, submitted_at = ?13, reviewed_at = ?14, "
                     "reviewed_by = ?15, version = ?16, updated_at = ?17 "
                     "WHERE id = ?1 AND round_id = ?2 AND project_id = ?3 AND unit_id = ?4",
                     e);
    } else {
        st = db_stmt(db,
                     "INSERT INTO report(round_id, project_id, unit_id, status, measures, problems, "
                     "next_steps, expected_completion, self_status, return_reason, "
                     "first_submitted_at, submitted_at, reviewed_at, reviewed_by, version, "
                     "updated_at) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                     "?14, ?15, ?16, ?17)",
                     e);
    }
    if (!st) goto fail;
    if (r->id) sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_int64(st, 2, r->round_id);
    sqlite3_bind_int64(st, 3, r->project_id);
    sqlite3_bind_int64(st, 4, r->unit_id);
    db_bind_text(st, 5, report_status_name(r->status));
    db_bind_text(st, 6, r->measures ? r->measures : "");
    db_bind_text(st, 7, r->problems ? r->problems : "");
    db_bind_text(st, 8, r->next_steps ? r->next_steps : "");
    db_bind_date(st, 9, r->expected_completion);
    db_bind_text(st, 10, r->self_status == SELF_NONE ? NULL : self_status_name(r->self_status));
    db_bind_text(st, 11, r->return_reason);
    db_bind_text(st, 12, r->first_submitted_at);
    db_bind_text(st, 13, r->submitted_at);
    db_bind_text(st, 14, r->reviewed_at);
    db_bind_id(st, 15, r->reviewed_by);
    sqlite3_bind_int(st, 16, r->version);
    db_bind_text(st, 17, r->updated_at ? r->updated_at : now);
    if (db_step_done(db, st, e) < 0) goto fail;
    if (!r->id) r->id = db_last_id(db);
    else if (db_changes(db) != 1) {
        err_set(e, ERR_NOT_FOUND, NULL, "报告不存在");
        goto fail;
    }

    st = db_stmt(db, "DELETE FROM report_value WHERE report_id = ?1", e);
    if (!st) goto fail;
    sqlite3_bind_int64(st, 1, r->id);
    if (db_step_done(db, st, e) < 0) goto fail;
    for (size_t i = 0; i < r->n_values; i++) {
        if (!r->values[i].has_actual) continue;
        st = db_stmt(db,
                     "INSERT INTO report_value(report_id, indicator_id, actual) VALUES (?1, ?2, ?3)",
                     e);
        if (!st) goto fail;
        sqlite3_bind_int64(st, 1, r->id);
        sqlite3_bind_int64(st, 2, r->values[i].indicator_id);
        sqlite3_bind_double(st, 3, r->values[i].actual);
        if (db_step_done(db, st, e) < 0) goto fail;
    }

    st = db_stmt(db,
                 "INSERT INTO report_version(report_id, version, status, snapshot, user_id, "
                 "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                 e);
    if (!st) goto fail;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_int(st, 2, r->version);
    db_bind_text(st, 3, report_status_name(r->status));
    db_bind_text(st, 4, snapshot ? snapshot : "{}");
    db_bind_id(st, 5, user_id);
    db_bind_text(st, 6, r->updated_at ? r->updated_at : now);
    if (db_step_done(db, st, e) < 0) goto fail;
    return db_commit(db, e);
fail:
    db_rollback(db);
    return -1;
}

static void read_version(Arena *a, sqlite3_stmt *st, void *elem)
{
    ReportVersion *v = elem;
    v->id = db_col_id(st, 0);
    v->version = sqlite3_column_int(st, 1);
    report_status_parse((const char *)sqlite3_column_text(st, 2), &v->status);
    v->snapshot = db_col_text0(a, st, 3);
    v->user_id = db_col_id(st, 4);
    v->login = db_col_text(a, st, 5);
    v->created_at = db_col_text0(a, st, 6);
}

int store_report_versions(Db *db, Arena *a, Id report_id, ReportVersion **out, size_t *n, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT v.id, v.version, v.status, v.snapshot, v.user_id, u.login, "
                               "v.created_at FROM report_version v LEFT JOIN user u ON u.id = v.user_id "
                               "WHERE v.report_id = ?1 ORDER BY v.version, v.id",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, report_id);
    return db_collect(db, a, st, sizeof **out, read_version, (void **)out, n, e);
}
