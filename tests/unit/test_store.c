/* test_store.c - db/: opening, migrations, and every store round trip. */
#include "testutil.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/programme.h"
#include "core/programme_ops.h"
#include "core/reports.h"
#include "core/users.h"
#include "db/store.h"
#include "io/programme_json.h"
#include "lib/timeutil.h"

static const Actor TESTER = {0, "test", ROLE_ADMIN, 0, "local"};

static Db *fresh_db(Arena *a, const char *name)
{
    char *path = test_tmp(a, name);
    unlink(path);
    Db *db;
    Err e = ERR_INIT;
    if (db_open(path, DB_CREATE_NEW, &db, &e) < 0) fail_msg("open: %s", e.msg);
    return db;
}

static Programme *seed_programme(Arena *a)
{
    size_t len;
    char *text = test_read_file(a, test_seed_path(a, "linzi-2022.json"), &len);
    Programme *p;
    Err e = ERR_INIT;
    if (programme_from_json_text(text, len, a, &p, &e) < 0) fail_msg("seed: %s", e.msg);
    return p;
}

static void sql(const char *path, const char *stmt)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(h, stmt, NULL, NULL, &msg) != SQLITE_OK) fail_msg("%s: %s", stmt, msg);
    sqlite3_close(h);
}

static void open_modes(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Err e = ERR_INIT;
    Db *db;
    char *path = test_tmp(a, "modes.db");
    unlink(path);
    /* a missing file is named in the message */
    assert_int_equal(db_open(path, DB_OPEN_EXISTING, &db, &e), -1);
    assert_non_null(strstr(e.msg, path));
    assert_int_equal(access(path, F_OK), -1); /* and not created */
    err_clear(&e);
    assert_int_equal(db_open(path, DB_CREATE_NEW, &db, &e), 0);
    assert_int_equal(db_schema_version(db), db_schema_version_known());
    db_close(db);
    /* creating over an existing file is refused */
    assert_int_equal(db_open(path, DB_CREATE_NEW, &db, &e), -1);
    assert_non_null(strstr(e.msg, "already exists"));
    err_clear(&e);
    assert_int_equal(db_open(path, DB_OPEN_EXISTING, &db, &e), 0);
    db_close(db);

    /* a newer schema is refused and left as it was */
    sql(path, "PRAGMA user_version = 999");
    struct stat before, after;
    stat(path, &before);
    assert_int_equal(db_open(path, DB_OPEN_EXISTING, &db, &e), -1);
    assert_non_null(strstr(e.msg, "newer shishi"));
    stat(path, &after);
    assert_int_equal(before.st_size, after.st_size);
    assert_int_equal(before.st_mtime, after.st_mtime);
    err_clear(&e);

    /* another application's SQLite file */
    char *other = test_tmp(a, "other.db");
    unlink(other);
    sql(other, "CREATE TABLE t(x)");
    assert_int_equal(db_open(other, DB_OPEN_EXISTING, &db, &e), -1);
    assert_non_null(strstr(e.msg, "not one of shishi's"));
    err_clear(&e);

    /* garbage */
    char *junk = test_tmp(a, "junk.db");
    FILE *f = fopen(junk, "wb");
    for (int i = 0; i < 4096; i++) fputc((i * 7919) & 0xff, f);
    fclose(f);
    assert_int_equal(db_open(junk, DB_OPEN_EXISTING, &db, &e), -1);
    assert_non_null(strstr(e.msg, "not a shishi database"));
    arena_free(a);
}

static void programme_round_trip(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Db *db = fresh_db(a, "prog.db");
    Err e = ERR_INIT;
    Programme *p = seed_programme(a);
    assert_int_equal(programme_create(db, a, &TESTER, p, &e), 0);
    assert_true(p->id > 0);

    Programme *q;
    assert_int_equal(store_programme_load(db, a, p->id, &q, &e), 0);
    char *before = programme_json_text(p, a), *loaded = programme_json_text(q, a);
    assert_string_equal(loaded, before);
    assert_int_equal(q->n_projects, 10);
    assert_string_equal(q->projects[2].report_title, "实施困境儿童救助项目");
    assert_int_equal(q->projects[2].standards[0].amount_fen, 1500000);
    assert_true(q->projects[1].units[0].unit_id > 0);

    ProgrammeSummary *list;
    size_t n;
    assert_int_equal(store_programme_list(db, a, &list, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].n_projects, 10);
    assert_int_equal(list[0].n_units, 15);
    assert_int_equal(list[0].n_indicators, 26);

    Round *r;
    assert_int_equal(store_round_list(db, a, p->id, &r, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_string_equal(r[0].name, "2022年第二季度");

    /* edit: retitle, change a target, drop an indicator, swap two numbers,
     * give a unit its department and an indicator another owner */
    q->projects[0].title = "实施教育资源品质提升工程（调整）";
    q->projects[0].indicators[0].target = 4;
    q->projects[0].n_indicators = 4;
    q->projects[0].indicators[3] = q->projects[0].indicators[4];
    q->projects[3].no = 5;
    q->projects[4].no = 4;
    q->projects[1].units[1].department = "权益部";
    q->projects[1].indicators[0].owner_name = "区妇联";
    assert_int_equal(programme_update(db, a, &TESTER, q, &e), 0);
    Programme *r2;
    assert_int_equal(store_programme_load(db, a, p->id, &r2, &e), 0);
    assert_string_equal(r2->projects[0].title, "实施教育资源品质提升工程（调整）");
    assert_true(r2->projects[0].indicators[0].target == 4);
    assert_int_equal(r2->projects[0].n_indicators, 4);
    assert_string_equal(r2->projects[0].indicators[3].name, "新建多功能运动场地");
    assert_string_equal(r2->projects[3].title, "扩大儿童健康保障范围"); /* now number 4 */
    assert_string_equal(r2->projects[1].units[1].department, "权益部");
    assert_string_equal(r2->projects[1].indicators[0].owner_name, "区妇联");

    /* invalid edits are refused with the field named, and nothing changes */
    r2->projects[2].indicators[0].target = -1;
    assert_int_equal(programme_update(db, a, &TESTER, r2, &e), -1);
    assert_string_equal(e.field, "projects[2].indicators[0].target");
    err_clear(&e);
    Programme *r3;
    assert_int_equal(store_programme_load(db, a, p->id, &r3, &e), 0);
    assert_true(r3->projects[2].indicators[0].target == 140);
    db_close(db);
    arena_free(a);
}

static void users_and_reports(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Db *db = fresh_db(a, "rep.db");
    Err e = ERR_INIT;
    Programme *p = seed_programme(a);
    assert_int_equal(programme_create(db, a, &TESTER, p, &e), 0);

    User u;
    char *pw;
    NewUser clerk = {"unit01", "王晓燕", ROLE_REPORTER, "区教体局", NULL, true};
    assert_int_equal(user_create(db, a, &TESTER, &clerk, &u, &pw, &e), 0);
    assert_int_equal(strlen(pw), PASSWORD_GENERATED_CHARS);
    char *hash;
    User got;
    assert_int_equal(store_user_by_login(db, a, "unit01", &got, &hash, &e), 0);
    assert_string_equal(got.unit_name, "区教体局");
    assert_string_equal(got.display_name, "王晓燕");
    assert_true(got.must_change_password);
    assert_true(password_verify(hash, pw));
    assert_false(password_verify(hash, "wrong password"));
    /* duplicates, unknown units and bad logins are refused */
    NewUser dup = {"unit01", NULL, ROLE_VIEWER, NULL, "longenough1", false};
    assert_int_equal(user_create(db, a, &TESTER, &dup, NULL, NULL, &e), -1);
    assert_string_equal(e.field, "login");
    err_clear(&e);
    NewUser nounit = {"x", NULL, ROLE_REPORTER, "不存在的单位", NULL, true};
    assert_int_equal(user_create(db, a, &TESTER, &nounit, NULL, NULL, &e), -1);
    assert_string_equal(e.field, "unit");
    err_clear(&e);
    NewUser badlogin = {"a b", NULL, ROLE_VIEWER, NULL, NULL, true};
    assert_int_equal(user_create(db, a, &TESTER, &badlogin, NULL, NULL, &e), -1);
    err_clear(&e);

    Round rd;
    assert_int_equal(store_round_find(db, a, p->id, "2022年第三季度", &rd, &e), 0);
    const Project *pr = &p->projects[0];
    Report r = {0};
    r.round_id = rd.id;
    r.project_id = pr->id;
    r.unit_id = pr->units[0].unit_id;
    r.status = REPORT_SUBMITTED;
    r.measures = "新建幼儿园2所。";
    r.expected_completion = date_from_ymd(2022, 12, 31);
    ReportValue vals[] = {{pr->indicators[0].id, 2, true}, {pr->indicators[1].id, 600, true}};
    r.values = vals;
    r.n_values = 2;
    r.first_submitted_at = r.submitted_at = "2022-10-03T02:00:00Z";
    assert_int_equal(report_import(db, a, &TESTER, pr, &r, &e), 0);
    Report back;
    assert_int_equal(store_report_find(db, a, rd.id, pr->id, r.unit_id, &back, &e), 0);
    assert_int_equal(back.status, REPORT_SUBMITTED);
    assert_string_equal(back.measures, "新建幼儿园2所。");
    assert_int_equal(back.n_values, 2);
    assert_int_equal(back.expected_completion, date_from_ymd(2022, 12, 31));
    /* a second version keeps the first */
    back.status = REPORT_ACCEPTED;
    back.version = 2;
    assert_int_equal(store_report_save(db, &back, report_snapshot(a, &back), 0, &e), 0);
    Report *list;
    size_t n;
    assert_int_equal(store_report_list_by_programme(db, a, p->id, &list, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].status, REPORT_ACCEPTED);
    assert_int_equal(list[0].n_values, 2);

    /* another unit's figure for the lead's indicator is refused */
    Report bad = r;
    bad.id = 0;
    bad.unit_id = p->projects[1].units[1].unit_id; /* 区妇联: not in project 1 */
    assert_int_equal(report_import(db, a, &TESTER, pr, &bad, &e), -1);
    assert_int_equal(e.code, ERR_FORBIDDEN);
    err_clear(&e);

    LedgerEntry l = {0};
    l.project_id = pr->id;
    l.unit_id = pr->units[0].unit_id;
    l.date = date_from_ymd(2022, 5, 18);
    l.content = "齐都镇幼儿园主体完工";
    l.has_quantity = true;
    l.quantity = 1;
    l.indicator_id = pr->indicators[0].id;
    l.funds_fen = 320000000;
    assert_int_equal(store_ledger_insert(db, &l, &e), 0);
    LedgerEntry *ls;
    assert_int_equal(store_ledger_list(db, a, pr->id, l.unit_id, &ls, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(ls[0].content, "齐都镇幼儿园主体完工");
    assert_true(ls[0].funds_fen == 320000000);
    db_close(db);
    arena_free(a);
}

static void audit_chain(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Db *db = fresh_db(a, "audit.db");
    char *path = test_tmp(a, "audit.db");
    Err e = ERR_INIT;
    Programme *p = seed_programme(a);
    assert_int_equal(programme_create(db, a, &TESTER, p, &e), 0);
    NewUser viewer = {"viewer", NULL, ROLE_VIEWER, NULL, NULL, true};
    assert_int_equal(user_create(db, a, &TESTER, &viewer, NULL, NULL, &e), 0);
    Id bad;
    const char *why;
    assert_int_equal(audit_verify(db, a, &bad, &why, &e), 0);
    assert_int_equal(bad, 0);
    AuditRow *rows;
    size_t n;
    assert_int_equal(store_audit_list(db, a, 0, 0, &rows, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].action, "programme.create");
    assert_string_equal(rows[1].prev_hash, rows[0].hash);
    db_close(db);

    /* the table refuses updates... */
    sqlite3 *h;
    sqlite3_open(path, &h);
    assert_int_not_equal(sqlite3_exec(h, "UPDATE audit SET login = 'x'", NULL, NULL, NULL), SQLITE_OK);
    /* ...and when someone drops the guard and edits a row, verify finds it */
    assert_int_equal(sqlite3_exec(h, "DROP TRIGGER audit_no_update; UPDATE audit SET login = 'mallory' WHERE id = 2",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(db_open(path, DB_OPEN_EXISTING, &db, &e), 0);
    assert_int_equal(audit_verify(db, a, &bad, &why, &e), 0);
    assert_int_equal(bad, 2);
    db_close(db);
    arena_free(a);
}

static void backup_copy(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Db *db = fresh_db(a, "src.db");
    Err e = ERR_INIT;
    Programme *p = seed_programme(a);
    assert_int_equal(programme_create(db, a, &TESTER, p, &e), 0);
    char *dest = test_tmp(a, "copy.db");
    unlink(dest);
    assert_int_equal(db_backup(db, dest, &e), 0);
    assert_int_equal(db_backup(db, dest, &e), -1); /* never overwrites */
    err_clear(&e);
    db_close(db);
    Db *copy;
    assert_int_equal(db_open(dest, DB_OPEN_EXISTING, &copy, &e), 0);
    char *res;
    assert_int_equal(db_integrity_check(copy, a, &res, &e), 0);
    assert_string_equal(res, "ok");
    Programme *q;
    assert_int_equal(store_programme_load(copy, a, p->id, &q, &e), 0);
    assert_string_equal(programme_json_text(q, a), programme_json_text(p, a));
    db_close(copy);
    arena_free(a);
}

int main(void)
{
    Err e = ERR_INIT;
    users_init(&e);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(open_modes),        cmocka_unit_test(programme_round_trip),
        cmocka_unit_test(users_and_reports), cmocka_unit_test(audit_chain),
        cmocka_unit_test(backup_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
