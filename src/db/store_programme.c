/*
 * store_programme.c - a programme as a whole object: programme, projects,
 * project units, indicators, standards. See store.h.
 */
#include <math.h>
#include <string.h>

#include "core/vocab.h"
#include "db/db_internal.h"
#include "db/store.h"
#include "lib/timeutil.h"

/* ---- load ------------------------------------------------------------------ */

static int project_index(const Programme *p, Id project_id)
{
    for (size_t i = 0; i < p->n_projects; i++)
        if (p->projects[i].id == project_id) return (int)i;
    return -1;
}

/* A project's own row: SELECT id, no, title, report_title, body, deadline. */
static void read_project(Arena *a, sqlite3_stmt *st, void *elem)
{
    Project *pr = elem;
    pr->id = db_col_id(st, 0);
    pr->no = sqlite3_column_int(st, 1);
    pr->title = db_col_text0(a, st, 2);
    pr->report_title = db_col_text0(a, st, 3);
    pr->text = db_col_text0(a, st, 4);
    pr->deadline = db_col_date(st, 5);
}

static int load_projects(Db *db, Arena *a, Programme *p, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT id, no, title, report_title, body, deadline FROM project "
                               "WHERE programme_id = ?1 ORDER BY no",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, p->id);
    return db_collect(db, a, st, sizeof *p->projects, read_project, (void **)&p->projects,
                      &p->n_projects, e);
}

/* Reads row st (whose column 0 is the project id) as child k of pr. */
typedef void (*ChildReader)(Arena *a, sqlite3_stmt *st, Project *pr, size_t k);
/* Gives pr room for n children. */
typedef void (*ChildAlloc)(Arena *a, Project *pr, size_t n);

/* Loads one kind of child rows of every project of p with one statement:
 * a first pass counts them per project, so each array is allocated once. */
static int load_children(Db *db, Arena *a, Programme *p, const char *sql, Id bind, ChildAlloc alloc,
                         ChildReader read, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, sql, e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, bind);
    size_t *counts = ARENA_ARRAY(a, size_t, p->n_projects + 1);
    size_t *filled = ARENA_ARRAY(a, size_t, p->n_projects + 1);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int i = project_index(p, db_col_id(st, 0));
        if (i >= 0) counts[i]++;
    }
    sqlite3_reset(st);
    for (size_t i = 0; i < p->n_projects; i++) alloc(a, &p->projects[i], counts[i]);
    int rc;
    while ((rc = db_step_row(db, st, e)) == 1) {
        int i = project_index(p, db_col_id(st, 0));
        if (i < 0 || filled[i] >= counts[i]) continue; /* rows appeared between the passes */
        read(a, st, &p->projects[i], filled[i]++);
    }
    return rc;
}

static void alloc_units(Arena *a, Project *pr, size_t n)
{
    pr->units = ARENA_ARRAY(a, ProjectUnit, n + 1);
}

static void read_unit_row(Arena *a, sqlite3_stmt *st, Project *pr, size_t k)
{
    ProjectUnit *pu = &pr->units[k];
    pu->id = db_col_id(st, 1);
    pu->unit_id = db_col_id(st, 2);
    pu->unit_name = db_col_text0(a, st, 3);
    unit_role_parse((const char *)sqlite3_column_text(st, 4), &pu->role);
    pu->department = db_col_text(a, st, 5);
    pu->person = db_col_text(a, st, 6);
    pu->phone = db_col_text(a, st, 7);
    pr->n_units = k + 1;
}

static void alloc_indicators(Arena *a, Project *pr, size_t n)
{
    pr->indicators = ARENA_ARRAY(a, Indicator, n + 1);
}

static void read_indicator_row(Arena *a, sqlite3_stmt *st, Project *pr, size_t k)
{
    Indicator *ind = &pr->indicators[k];
    ind->id = db_col_id(st, 1);
    ind->name = db_col_text0(a, st, 2);
    ind->target = sqlite3_column_double(st, 3);
    ind->measure = db_col_text0(a, st, 4);
    comparator_parse((const char *)sqlite3_column_text(st, 5), &ind->cmp);
    ind->owner_unit_id = db_col_id(st, 6);
    ind->owner_name = db_col_text(a, st, 7);
    pr->n_indicators = k + 1;
}

static void alloc_standards(Arena *a, Project *pr, size_t n)
{
    pr->standards = ARENA_ARRAY(a, Standard, n + 1);
}

static void read_standard_row(Arena *a, sqlite3_stmt *st, Project *pr, size_t k)
{
    Standard *s = &pr->standards[k];
    s->id = db_col_id(st, 1);
    s->name = db_col_text0(a, st, 2);
    s->amount_fen = sqlite3_column_int64(st, 3);
    s->measure = db_col_text0(a, st, 4);
    pr->n_standards = k + 1;
}

static int load_units(Db *db, Arena *a, Programme *p, Err *e)
{
    return load_children(db, a, p,
                         "SELECT pu.project_id, pu.id, pu.unit_id, u.name, pu.role, "
                         "pu.department, pu.person, pu.phone "
                         "FROM project_unit pu JOIN project pr ON pr.id = pu.project_id "
                         "JOIN unit u ON u.id = pu.unit_id "
                         "WHERE pr.programme_id = ?1 ORDER BY pu.project_id, pu.position",
                         p->id, alloc_units, read_unit_row, e);
}

static int load_indicators(Db *db, Arena *a, Programme *p, Err *e)
{
    return load_children(db, a, p,
                         "SELECT i.project_id, i.id, i.name, i.target, i.measure, "
                         "i.comparator, i.owner_unit_id, u.name "
                         "FROM indicator i JOIN project pr ON pr.id = i.project_id "
                         "LEFT JOIN unit u ON u.id = i.owner_unit_id "
                         "WHERE pr.programme_id = ?1 ORDER BY i.project_id, i.position",
                         p->id, alloc_indicators, read_indicator_row, e);
}

static int load_standards(Db *db, Arena *a, Programme *p, Err *e)
{
    return load_children(db, a, p,
                         "SELECT s.project_id, s.id, s.name, s.amount_fen, s.measure "
                         "FROM standard s JOIN project pr ON pr.id = s.project_id "
                         "WHERE pr.programme_id = ?1 ORDER BY s.project_id, s.position",
                         p->id, alloc_standards, read_standard_row, e);
}

/* The same three for one project (p holds only it). */
static int load_one_project_children(Db *db, Arena *a, Programme *p, Id project_id, Err *e)
{
    if (load_children(db, a, p,
                      "SELECT pu.project_id, pu.id, pu.unit_id, u.name, pu.role, pu.department, pu.person, "
                      "pu.phone FROM project_unit pu JOIN unit u ON u.id = pu.unit_id "
                      "WHERE pu.project_id = ?1 ORDER BY pu.position",
                      project_id, alloc_units, read_unit_row, e) < 0)
        return -1;
    if (load_children(db, a, p,
                      "SELECT i.project_id, i.id, i.name, i.target, i.measure, i.comparator, i.owner_unit_id, "
                      "u.name FROM indicator i LEFT JOIN unit u ON u.id = i.owner_unit_id "
                      "WHERE i.project_id = ?1 ORDER BY i.position",
                      project_id, alloc_indicators, read_indicator_row, e) < 0)
        return -1;
    return load_children(db, a, p,
                         "SELECT s.project_id, s.id, s.name, s.amount_fen, s.measure FROM standard s "
                         "WHERE s.project_id = ?1 ORDER BY s.position",
                         project_id, alloc_standards, read_standard_row, e);
}

/* The programme's own row, without projects. */
static int load_header(Db *db, Arena *a, Id id, Programme **out, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT p.id, p.office_id, o.name, p.title, p.year, p.issuer, "
                               "p.issued, p.phone, p.email, p.reporting, p.report_form_title, "
                               "p.is_public, p.start_date, p.deadline, p.lag_threshold, "
                               "p.warning_scheme, p.near_deadline_days "
                               "FROM programme p JOIN office o ON o.id = p.office_id "
                               "WHERE p.id = ?1",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = db_step_row(db, st, e);
    if (rc <= 0)
        return rc < 0 ? -1 : err_set(e, ERR_NOT_FOUND, NULL, "programme %lld not found", (long long)id);
    Programme *p = ARENA_NEW(a, Programme);
    p->id = db_col_id(st, 0);
    p->office_id = db_col_id(st, 1);
    p->coordinator = db_col_text(a, st, 2);
    p->title = db_col_text0(a, st, 3);
    p->year = sqlite3_column_int(st, 4);
    p->issuer = db_col_text(a, st, 5);
    p->issued = db_col_date(st, 6);
    p->phone = db_col_text(a, st, 7);
    p->email = db_col_text(a, st, 8);
    cadence_parse((const char *)sqlite3_column_text(st, 9), &p->reporting);
    p->report_form_title = db_col_text(a, st, 10);
    p->is_public = sqlite3_column_int(st, 11) != 0;
    p->start = db_col_date(st, 12);
    p->deadline = db_col_date(st, 13);
    p->lag_threshold = sqlite3_column_double(st, 14);
    warning_scheme_parse((const char *)sqlite3_column_text(st, 15), &p->warning_scheme);
    p->near_deadline_days = sqlite3_column_int(st, 16);
    db_done(st);
    *out = p;
    return 0;
}

int store_programme_load(Db *db, Arena *a, Id id, Programme **out, Err *e)
{
    Programme *p;
    if (load_header(db, a, id, &p, e) < 0 || load_projects(db, a, p, e) < 0 || load_units(db, a, p, e) < 0 ||
        load_indicators(db, a, p, e) < 0 || load_standards(db, a, p, e) < 0)
        return -1;
    *out = p;
    return 0;
}

int store_programme_load_project(Db *db, Arena *a, Id project_id, Programme **out, Err *e)
{
    Id programme_id;
    Programme *p;
    if (store_project_programme(db, project_id, &programme_id, e) < 0 ||
        load_header(db, a, programme_id, &p, e) < 0)
        return -1;
    sqlite3_stmt *st = db_stmt(db, "SELECT id, no, title, report_title, body, deadline FROM project WHERE id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, project_id);
    if (db_collect(db, a, st, sizeof *p->projects, read_project, (void **)&p->projects,
                   &p->n_projects, e) < 0)
        return -1;
    if (p->n_projects == 0) return err_set(e, ERR_NOT_FOUND, NULL, "实事项目不存在");
    if (load_one_project_children(db, a, p, project_id, e) < 0) return -1;
    *out = p;
    return 0;
}

static void read_summary(Arena *a, sqlite3_stmt *st, void *elem)
{
    ProgrammeSummary *s = elem;
    s->id = db_col_id(st, 0);
    s->title = db_col_text0(a, st, 1);
    s->year = sqlite3_column_int(st, 2);
    s->issuer = db_col_text(a, st, 3);
    s->issued = db_col_date(st, 4);
    s->n_projects = sqlite3_column_int(st, 5);
    s->n_units = sqlite3_column_int(st, 6);
    s->n_indicators = sqlite3_column_int(st, 7);
}

int store_programme_list(Db *db, Arena *a, ProgrammeSummary **out, size_t *n, Err *e)
{
    sqlite3_stmt *st = db_stmt(
        db,
        "SELECT p.id, p.title, p.year, p.issuer, p.issued, "
        "(SELECT count(*) FROM project pr WHERE pr.programme_id = p.id), "
        "(SELECT count(DISTINCT pu.unit_id) FROM project_unit pu JOIN project pr "
        "   ON pr.id = pu.project_id WHERE pr.programme_id = p.id), "
        "(SELECT count(*) FROM indicator i JOIN project pr ON pr.id = i.project_id "
        "   WHERE pr.programme_id = p.id) "
        "FROM programme p ORDER BY p.year DESC, p.id DESC",
        e);
    if (!st) return -1;
    return db_collect(db, a, st, sizeof **out, read_summary, (void **)out, n, e);
}

int store_programme_latest(Db *db, Id *id, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT max(id) FROM programme", e);
    if (!st) return -1;
    int rc = db_step_row(db, st, e);
    if (rc < 0) return -1;
    *id = rc ? db_col_id(st, 0) : 0;
    db_done(st);
    return 0;
}

int store_programme_latest_of_office(Db *db, Id office_id, Id *id, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT max(id) FROM programme WHERE office_id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, office_id);
    int rc = db_step_row(db, st, e);
    if (rc < 0) return -1;
    *id = rc ? db_col_id(st, 0) : 0;
    db_done(st);
    return 0;
}

int store_project_unit_contact(Db *db, Id project_id, Id unit_id, const char *department,
                               const char *person, const char *phone, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "UPDATE project_unit SET department = ?3, person = ?4, phone = ?5 "
                               "WHERE project_id = ?1 AND unit_id = ?2",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, project_id);
    sqlite3_bind_int64(st, 2, unit_id);
    db_bind_text(st, 3, department);
    db_bind_text(st, 4, person);
    db_bind_text(st, 5, phone);
    if (db_step_done(db, st, e) < 0) return -1;
    return db_changes(db) == 1 ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "该单位不承担此实事项目");
}

int store_project_programme(Db *db, Id project_id, Id *programme_id, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT programme_id FROM project WHERE id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, project_id);
    int rc = db_step_row(db, st, e);
    if (rc <= 0) return rc < 0 ? -1 : err_set(e, ERR_NOT_FOUND, NULL, "实事项目不存在");
    *programme_id = db_col_id(st, 0);
    db_done(st);
    return 0;
}

/* ---- save ------------------------------------------------------------------ */

static void read_id(Arena *a, sqlite3_stmt *st, void *elem)
{
    (void)a;
    *(Id *)elem = db_col_id(st, 0);
}

static int exists(Db *db, const char *sql, Id id, bool *yes, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, sql, e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = db_step_row(db, st, e);
    if (rc < 0) return -1;
    *yes = rc == 1;
    db_done(st);
    return 0;
}

static int delete_by_id(Db *db, const char *sql, Id id, Err *e)
{
    sqlite3_stmt *st = db_stmt(db, sql, e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    return db_step_done(db, st, e);
}

static int save_units(Db *db, Id office_id, Project *pr, Err *e)
{
    for (size_t u = 0; u < pr->n_units; u++) {
        ProjectUnit *pu = &pr->units[u];
        if (store_unit_ensure(db, office_id, pu->unit_name, &pu->unit_id, e) < 0) return -1;
        sqlite3_stmt *st;
        if (pu->id) {
            st = db_stmt(db,
                         "UPDATE project_unit SET unit_id = ?2, role = ?3, position = ?4, "
                         "department = ?5, person = ?6, phone = ?7 WHERE id = ?1 AND project_id = ?8",
                         e);
        } else {
            st = db_stmt(db,
                         "INSERT INTO project_unit(project_id, unit_id, role, position, "
                         "department, person, phone) VALUES (?8, ?2, ?3, ?4, ?5, ?6, ?7)",
                         e);
        }
        if (!st) return -1;
        if (pu->id) sqlite3_bind_int64(st, 1, pu->id);
        sqlite3_bind_int64(st, 2, pu->unit_id);
        db_bind_text(st, 3, unit_role_name(pu->role));
        sqlite3_bind_int(st, 4, (int)u);
        db_bind_text(st, 5, pu->department);
        db_bind_text(st, 6, pu->person);
        db_bind_text(st, 7, pu->phone);
        sqlite3_bind_int64(st, 8, pr->id);
        if (db_step_done(db, st, e) < 0) return -1;
        if (!pu->id) pu->id = db_last_id(db);
    }
    return 0;
}

static Id owner_id(const Project *pr, const Indicator *ind)
{
    if (!ind->owner_name) return 0;
    for (size_t u = 0; u < pr->n_units; u++)
        if (strcmp(pr->units[u].unit_name, ind->owner_name) == 0) return pr->units[u].unit_id;
    return 0;
}

static int save_indicators(Db *db, Project *pr, Err *e)
{
    for (size_t k = 0; k < pr->n_indicators; k++) {
        Indicator *ind = &pr->indicators[k];
        ind->owner_unit_id = owner_id(pr, ind);
        sqlite3_stmt *st;
        if (ind->id) {
            st = db_stmt(db,
                         "UPDATE indicator SET position = ?2, name = ?3, target = ?4, "
                         "measure = ?5, comparator = ?6, owner_unit_id = ?7 "
                         "WHERE id = ?1 AND project_id = ?8",
                         e);
        } else {
            st = db_stmt(db,
                         "INSERT INTO indicator(project_id, position, name, target, measure, "
                         "comparator, owner_unit_id) VALUES (?8, ?2, ?3, ?4, ?5, ?6, ?7)",
                         e);
        }
        if (!st) return -1;
        if (ind->id) sqlite3_bind_int64(st, 1, ind->id);
        sqlite3_bind_int(st, 2, (int)k);
        db_bind_text(st, 3, ind->name);
        sqlite3_bind_double(st, 4, ind->target);
        db_bind_text(st, 5, ind->measure);
        db_bind_text(st, 6, comparator_name(ind->cmp));
        db_bind_id(st, 7, ind->owner_unit_id);
        sqlite3_bind_int64(st, 8, pr->id);
        if (db_step_done(db, st, e) < 0) return -1;
        if (!ind->id) ind->id = db_last_id(db);
    }
    return 0;
}

static int save_standards(Db *db, Project *pr, Err *e)
{
    for (size_t k = 0; k < pr->n_standards; k++) {
        Standard *s = &pr->standards[k];
        sqlite3_stmt *st;
        if (s->id) {
            st = db_stmt(db,
                         "UPDATE standard SET position = ?2, name = ?3, amount_fen = ?4, "
                         "measure = ?5 WHERE id = ?1 AND project_id = ?6",
                         e);
        } else {
            st = db_stmt(db,
                         "INSERT INTO standard(project_id, position, name, amount_fen, measure) "
                         "VALUES (?6, ?2, ?3, ?4, ?5)",
                         e);
        }
        if (!st) return -1;
        if (s->id) sqlite3_bind_int64(st, 1, s->id);
        sqlite3_bind_int(st, 2, (int)k);
        db_bind_text(st, 3, s->name);
        sqlite3_bind_int64(st, 4, s->amount_fen);
        db_bind_text(st, 5, s->measure);
        sqlite3_bind_int64(st, 6, pr->id);
        if (db_step_done(db, st, e) < 0) return -1;
        if (!s->id) s->id = db_last_id(db);
    }
    return 0;
}

static bool holds(const Id *ids, size_t n, Id id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id) return true;
    return false;
}

/* A table of rows that a save deletes when p no longer holds them. */
typedef struct Prunable {
    const char *ids;    /* the ids under a parent (?1) */
    const char *del;    /* deletes one (?1) */
    const char *used;   /* finds a row that refers to one (?1); NULL: deleted freely */
    const char *field;  /* where the refusal is shown, */
    const char *msg;    /* and what it says */
} Prunable;

static const Prunable PROJECTS = {"SELECT id FROM project WHERE programme_id = ?1",
                                  "DELETE FROM project WHERE id = ?1",
                                  "SELECT 1 FROM report WHERE project_id = ?1 LIMIT 1", "projects",
                                  "该实事项目已有报送记录，不能删除"};
static const Prunable PROJECT_UNITS = {"SELECT id FROM project_unit WHERE project_id = ?1",
                                       "DELETE FROM project_unit WHERE id = ?1", NULL, NULL, NULL};
static const Prunable INDICATORS = {"SELECT id FROM indicator WHERE project_id = ?1",
                                    "DELETE FROM indicator WHERE id = ?1",
                                    "SELECT 1 FROM report_value WHERE indicator_id = ?1 LIMIT 1",
                                    "indicators", "该指标已有填报数据，不能删除"};
static const Prunable STANDARDS = {"SELECT id FROM standard WHERE project_id = ?1",
                                   "DELETE FROM standard WHERE id = ?1", NULL, NULL, NULL};

/* Deletes the rows of t under parent whose ids keep[0..n_keep) does not
 * hold; one still in use refuses the whole save (ERR_CONFLICT). */
static int prune(Db *db, Arena *a, const Prunable *t, Id parent, const Id *keep, size_t n_keep,
                 Err *e)
{
    sqlite3_stmt *st = db_stmt(db, t->ids, e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, parent);
    Id *ids;
    size_t n;
    if (db_collect(db, a, st, sizeof *ids, read_id, (void **)&ids, &n, e) < 0) return -1;
    for (size_t i = 0; i < n; i++) {
        if (holds(keep, n_keep, ids[i])) continue;
        bool used = false;
        if (t->used && exists(db, t->used, ids[i], &used, e) < 0) return -1;
        if (used) return err_set(e, ERR_CONFLICT, t->field, "%s", t->msg);
        if (delete_by_id(db, t->del, ids[i], e) < 0) return -1;
    }
    return 0;
}

/* Deletes the children of a project that p no longer holds. */
static int prune_project(Db *db, Arena *a, const Project *pr, Err *e)
{
    Id *units = ARENA_ARRAY(a, Id, pr->n_units + 1);
    Id *indicators = ARENA_ARRAY(a, Id, pr->n_indicators + 1);
    Id *standards = ARENA_ARRAY(a, Id, pr->n_standards + 1);
    for (size_t k = 0; k < pr->n_units; k++) units[k] = pr->units[k].id;
    for (size_t k = 0; k < pr->n_indicators; k++) indicators[k] = pr->indicators[k].id;
    for (size_t k = 0; k < pr->n_standards; k++) standards[k] = pr->standards[k].id;
    if (prune(db, a, &PROJECT_UNITS, pr->id, units, pr->n_units, e) < 0 ||
        prune(db, a, &INDICATORS, pr->id, indicators, pr->n_indicators, e) < 0 ||
        prune(db, a, &STANDARDS, pr->id, standards, pr->n_standards, e) < 0)
        return -1;
    return 0;
}

static int save_projects(Db *db, Arena *a, Programme *p, Err *e)
{
    /* Project numbers are unique per programme: park the existing ones out of
     * the way first, so renumbering (swapping 3 and 4) cannot collide. */
    sqlite3_stmt *st = db_stmt(db, "UPDATE project SET no = no + 1000000 WHERE programme_id = ?1", e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, p->id);
    if (db_step_done(db, st, e) < 0) return -1;

    Id *keep = ARENA_ARRAY(a, Id, p->n_projects + 1);
    for (size_t i = 0; i < p->n_projects; i++) keep[i] = p->projects[i].id;
    if (prune(db, a, &PROJECTS, p->id, keep, p->n_projects, e) < 0) return -1;

    for (size_t i = 0; i < p->n_projects; i++) {
        Project *pr = &p->projects[i];
        if (pr->id) {
            st = db_stmt(db,
                         "UPDATE project SET no = ?2, title = ?3, report_title = ?4, body = ?5, "
                         "deadline = ?6 WHERE id = ?1 AND programme_id = ?7",
                         e);
        } else {
            st = db_stmt(db,
                         "INSERT INTO project(programme_id, no, title, report_title, body, deadline) "
                         "VALUES (?7, ?2, ?3, ?4, ?5, ?6)",
                         e);
        }
        if (!st) return -1;
        if (pr->id) sqlite3_bind_int64(st, 1, pr->id);
        sqlite3_bind_int(st, 2, pr->no);
        db_bind_text(st, 3, pr->title);
        db_bind_text(st, 4, pr->report_title);
        db_bind_text(st, 5, pr->text ? pr->text : "");
        db_bind_date(st, 6, pr->deadline);
        sqlite3_bind_int64(st, 7, p->id);
        if (db_step_done(db, st, e) < 0) return -1;
        if (!pr->id) pr->id = db_last_id(db);
        else if (db_changes(db) != 1)
            return err_set(e, ERR_NOT_FOUND, "projects", "实事项目不属于本计划");
        if (prune_project(db, a, pr, e) < 0 || save_units(db, p->office_id, pr, e) < 0 ||
            save_indicators(db, pr, e) < 0 || save_standards(db, pr, e) < 0)
            return -1;
    }
    return 0;
}

int store_programme_save(Db *db, Programme *p, Err *e)
{
    Arena *a = arena_new();
    int rc = -1;
    if (db_begin(db, e) < 0) goto out;
    if (store_office_ensure(db, p->coordinator, &p->office_id, e) < 0) goto fail;
    sqlite3_stmt *st;
    if (p->id) {
        st = db_stmt(db,
                     "UPDATE programme SET office_id = ?2, title = ?3, year = ?4, issuer = ?5, "
                     "issued = ?6, phone = ?7, email = ?8, reporting = ?9, report_form_title = ?10, "
                     "is_public = ?11, start_date = ?12, deadline = ?13, lag_threshold = ?14, "
                     "warning_scheme = ?16, near_deadline_days = ?17 WHERE id = ?1",
                     e);
    } else {
        st = db_stmt(db,
                     "INSERT INTO programme(office_id, title, year, issuer, issued, phone, email, "
                     "reporting, report_form_title, is_public, start_date, deadline, "
                     "lag_threshold, created_at, warning_scheme, near_deadline_days) "
                     "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                     e);
    }
    if (!st) goto fail;
    char now[TS_ISO_LEN];
    ts_now(now);
    if (p->id) sqlite3_bind_int64(st, 1, p->id);
    sqlite3_bind_int64(st, 2, p->office_id);
    db_bind_text(st, 3, p->title);
    sqlite3_bind_int(st, 4, p->year);
    db_bind_text(st, 5, p->issuer);
    db_bind_date(st, 6, p->issued);
    db_bind_text(st, 7, p->phone);
    db_bind_text(st, 8, p->email);
    db_bind_text(st, 9, cadence_name(p->reporting));
    db_bind_text(st, 10, p->report_form_title);
    sqlite3_bind_int(st, 11, p->is_public);
    db_bind_date(st, 12, p->start);
    db_bind_date(st, 13, p->deadline);
    sqlite3_bind_double(st, 14, p->lag_threshold);
    if (!p->id) db_bind_text(st, 15, now);
    db_bind_text(st, 16, warning_scheme_name(p->warning_scheme));
    sqlite3_bind_int(st, 17, p->near_deadline_days);
    if (db_step_done(db, st, e) < 0) goto fail;
    if (!p->id) p->id = db_last_id(db);
    else if (db_changes(db) != 1) {
        err_set(e, ERR_NOT_FOUND, NULL, "programme %lld not found", (long long)p->id);
        goto fail;
    }
    if (save_projects(db, a, p, e) < 0) goto fail;
    if (db_commit(db, e) < 0) goto out;
    rc = 0;
    goto out;
fail:
    db_rollback(db);
out:
    arena_free(a);
    return rc;
}
