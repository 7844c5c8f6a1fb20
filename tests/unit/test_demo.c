/* test_demo.c - the demo database: the seed programme, the accounts, and
 * sample reports that show every status at the third quarter. */
#include "testutil.h"

#include <unistd.h>

#include "core/demo.h"
#include "core/standing.h"
#include "core/users.h"
#include "db/store.h"
#include "io/programme_json.h"
#include "jsondiff.h"
#include "lib/timeutil.h"

static Db *db;
static Arena *arena;
static Id programme_id;

static int setup(void **state)
{
    (void)state;
    arena = arena_new();
    Actor who = {0, "test", ROLE_ADMIN, 0, "local"};
    return test_demo_db(arena, "demo.db", &who, &db, &programme_id);
}

static int teardown(void **state)
{
    (void)state;
    db_close(db);
    arena_free(arena);
    return 0;
}

static void programme_equals_seed(void **state)
{
    (void)state;
    Programme *p;
    Err e = ERR_INIT;
    assert_int_equal(store_programme_load(db, arena, programme_id, &p, &e), 0);
    char *want_path = test_seed_path(arena, "linzi-2022.json");
    json_error_t je;
    json_t *want = json_load_file(want_path, 0, &je);
    assert_non_null(want);
    json_t *got = programme_to_json(p);
    char *diff = jsondiff(got, want);
    if (*diff) fail_msg("demo programme differs from the seed:\n%s", diff);
    free(diff);
    json_decref(got);
    json_decref(want);
}

static void accounts(void **state)
{
    (void)state;
    User *users;
    size_t n;
    Err e = ERR_INIT;
    assert_int_equal(store_user_list(db, arena, &users, &n, &e), 0);
    assert_int_equal(n, 17);
    assert_string_equal(users[0].login, "admin");
    assert_int_equal(users[0].role, ROLE_ADMIN);
    assert_string_equal(users[1].login, "viewer");
    assert_int_equal(users[1].role, ROLE_VIEWER);
    assert_string_equal(users[2].login, "unit01");
    assert_string_equal(users[2].unit_name, "区教体局");
    assert_string_equal(users[16].login, "unit15");
    assert_string_equal(users[16].unit_name, "区司法局");
    for (size_t i = 0; i < n; i++) assert_false(users[i].must_change_password);
    char *hash;
    User u;
    assert_int_equal(store_user_by_login(db, arena, "unit05", &u, &hash, &e), 0);
    assert_true(password_verify(hash, "demo-pass"));
}

static const ProjectStanding *project_no(const Standing *st, int no)
{
    for (size_t i = 0; i < st->n_projects; i++)
        if (st->projects[i].project->no == no) return &st->projects[i];
    fail_msg("no project %d", no);
    return NULL;
}

static void every_status_at_q3(void **state)
{
    (void)state;
    Err e = ERR_INIT;
    Round q3;
    assert_int_equal(store_round_find(db, arena, programme_id, "2022年第三季度", &q3, &e), 0);
    Standing *st;
    assert_int_equal(standing_load(db, arena, programme_id, q3.id, &st, NULL, NULL, &e), 0);
    assert_int_equal(project_no(st, 4)->status, STATUS_DONE);
    assert_int_equal(project_no(st, 5)->status, STATUS_DONE);
    assert_int_equal(project_no(st, 1)->status, STATUS_ON_SCHEDULE);
    assert_int_equal(project_no(st, 6)->status, STATUS_BEHIND);
    assert_int_equal(project_no(st, 10)->status, STATUS_SERIOUS);
    assert_int_equal(project_no(st, 7)->status, STATUS_IN_PROGRESS);
    /* project 2's Q3 report was returned: the accepted Q2 figure stands */
    const ProjectStanding *p2 = project_no(st, 2);
    assert_int_equal(p2->status, STATUS_BEHIND);
    assert_true(p2->indicators[0].has_actual);
    assert_true(p2->indicators[0].actual == 12130);
    assert_int_equal(st->count[STATUS_DONE], 2);
    assert_true(st->count[STATUS_ON_SCHEDULE] >= 3);

    Report *reps;
    size_t n;
    assert_int_equal(store_report_list_by_round(db, arena, q3.id, &reps, &n, &e), 0);
    int by_status[REPORT_STATUS__MAX] = {0}, late = 0;
    for (size_t i = 0; i < n; i++) {
        by_status[reps[i].status]++;
        int d;
        if (reps[i].first_submitted_at && ts_local_date(reps[i].first_submitted_at, &d) && d > q3.due)
            late++;
    }
    assert_int_equal(by_status[REPORT_RETURNED], 1);
    assert_int_equal(by_status[REPORT_DRAFT], 1);
    assert_true(by_status[REPORT_ACCEPTED] > 0);
    assert_true(by_status[REPORT_SUBMITTED] > 0);
    assert_int_equal(late, 1);
    /* one (project, unit) pair has no Q3 report at all */
    size_t pairs = 0;
    Programme *p = (Programme *)st->programme;
    for (size_t i = 0; i < p->n_projects; i++) pairs += p->projects[i].n_units;
    assert_int_equal(n, pairs - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(programme_equals_seed),
        cmocka_unit_test(accounts),
        cmocka_unit_test(every_status_at_q3),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
