/* test_generate.c - the synthetic load-test data: sizes, every report state,
 * the drafts load tests post to, the audit trail, and the same data for the
 * same seed. */
#include "testutil.h"

#include <unistd.h>

#include "core/audit.h"
#include "core/generate.h"
#include "core/programme.h"
#include "core/users.h"
#include "db/store.h"

static const Actor WHO = {0, "test", ROLE_ADMIN, 0, "local"};

static Db *generate(Arena *a, const char *name, const GenerateOptions *o, GenerateResult *res)
{
    char *path = test_tmp(a, name);
    unlink(path);
    Err e = ERR_INIT;
    Db *db;
    assert_int_equal(users_init(&e), 0);
    assert_int_equal(db_open(path, DB_CREATE_NEW, &db, &e), 0);
    if (generate_populate(db, a, &WHO, o, res, &e) < 0) fail_msg("generate: %s", e.msg);
    return db;
}

static const GenerateOptions SMALL = {3, 4, 5, 4, 42, "load-test"};

static void sizes_and_states(void **state)
{
    (void)state;
    Arena *a = arena_new();
    GenerateResult res;
    Db *db = generate(a, "gen.db", &SMALL, &res);
    assert_int_equal(res.programmes, 3);
    assert_int_equal(res.projects, 12);
    assert_int_equal(res.project_units, 60);
    assert_int_equal(res.rounds, 12);
    assert_int_equal(res.reports + res.by_status[REPORT_NONE], 3 * 4 * 5 * 4);
    for (int s = 0; s < REPORT_STATUS__MAX; s++) assert_true(res.by_status[s] > 0);
    assert_true(res.late > 0);
    assert_true(res.ledger >= res.project_units);

    /* the store agrees with what was counted */
    size_t stored = 0, by_status[REPORT_STATUS__MAX] = {0};
    ProgrammeSummary *ps;
    size_t n_ps;
    Err e = ERR_INIT;
    assert_int_equal(store_programme_list(db, a, &ps, &n_ps, &e), 0);
    assert_int_equal(n_ps, 3);
    for (size_t i = 0; i < n_ps; i++) {
        Programme *p;
        Round *rounds;
        size_t n_rounds;
        assert_int_equal(store_programme_load(db, a, ps[i].id, &p, &e), 0);
        assert_int_equal(store_round_list(db, a, p->id, &rounds, &n_rounds, &e), 0);
        assert_int_equal(n_rounds, 4);
        for (size_t k = 0; k + 1 < n_rounds; k++) assert_true(rounds[k].closed);
        assert_false(rounds[n_rounds - 1].closed);
        for (size_t k = 0; k < p->n_projects; k++) {
            assert_int_equal(p->projects[k].n_units, 5);
            assert_true(p->projects[k].n_indicators >= 1 && p->projects[k].n_indicators <= 4);
        }
        Report *reps;
        size_t n;
        assert_int_equal(store_report_list_by_programme(db, a, p->id, &reps, &n, &e), 0);
        stored += n;
        for (size_t k = 0; k < n; k++) by_status[reps[k].status]++;
    }
    assert_int_equal(stored, res.reports);
    for (int s = REPORT_DRAFT; s < REPORT_STATUS__MAX; s++) assert_int_equal(by_status[s], res.by_status[s]);

    /* one audit row for the run, and the chain holds */
    Id bad;
    const char *why;
    AuditRow *rows;
    size_t n_rows;
    assert_int_equal(audit_verify(db, a, &bad, &why, &e), 0);
    assert_int_equal(bad, 0);
    assert_int_equal(store_audit_list(db, a, 0, 0, &rows, &n_rows, &e), 0);
    assert_int_equal(n_rows, 1);
    assert_string_equal(rows[0].action, "database.generate");
    db_close(db);
    arena_free(a);
}

/* Every reporter has a draft on project 1 of the first programme's last
 * round, and one with a figure it owns on the project it leads. */
static void drafts_for_load_tests(void **state)
{
    (void)state;
    Arena *a = arena_new();
    GenerateResult res;
    Db *db = generate(a, "drafts.db", &SMALL, &res);
    Err e = ERR_INIT;
    assert_int_equal(res.n_accounts, 2 + 5);
    assert_string_equal(res.accounts[0].login, "admin");
    assert_string_equal(res.accounts[1].login, "viewer");
    Programme *p;
    Round *rounds;
    size_t n_rounds;
    assert_int_equal(store_programme_load(db, a, 1, &p, &e), 0);
    assert_int_equal(store_round_list(db, a, p->id, &rounds, &n_rounds, &e), 0);
    const Round *last = &rounds[n_rounds - 1];
    for (size_t u = 0; u < 5; u++) {
        const GenerateAccount *acc = &res.accounts[2 + u];
        User usr;
        assert_int_equal(store_user_by_login(db, a, acc->login, &usr, NULL, &e), 0);
        assert_int_equal(usr.role, ROLE_REPORTER);
        assert_string_equal(usr.unit_name, acc->unit);
        char *want = arena_printf(a, "/report/%lld/%lld/%lld", (long long)last->id,
                                  (long long)p->projects[0].id, (long long)usr.unit_id);
        assert_string_equal(acc->draft, want);
        Report r;
        assert_int_equal(store_report_find(db, a, last->id, p->projects[0].id, usr.unit_id, &r, &e), 0);
        assert_int_equal(r.status, REPORT_DRAFT);
        /* project u+1 is led by unit u+1, which owns its first indicator
         * (here 4 projects: unit 5 leads none) */
        if (u >= p->n_projects) continue;
        const Project *led = &p->projects[u];
        assert_int_equal(project_lead(led)->unit_id, usr.unit_id);
        assert_int_equal(indicator_owner_id(led, &led->indicators[0]), usr.unit_id);
        assert_int_equal(store_report_find(db, a, last->id, led->id, usr.unit_id, &r, &e), 0);
        assert_int_equal(r.status, REPORT_DRAFT);
        assert_true(r.n_values >= 1);
    }
    db_close(db);
    arena_free(a);
}

static char *fingerprint(Db *db, Arena *a)
{
    char *s = "";
    Err e = ERR_INIT;
    for (Id pid = 1; pid <= 3; pid++) {
        Programme *p;
        Report *reps;
        size_t n;
        assert_int_equal(store_programme_load(db, a, pid, &p, &e), 0);
        assert_int_equal(store_report_list_by_programme(db, a, pid, &reps, &n, &e), 0);
        s = arena_printf(a, "%s|%s", s, p->title);
        for (size_t k = 0; k < p->n_projects; k++)
            s = arena_printf(a, "%s|%s|%s", s, p->projects[k].title, p->projects[k].units[0].unit_name);
        for (size_t i = 0; i < n; i++) {
            s = arena_printf(a, "%s|%d|%s|%s", s, (int)reps[i].status, reps[i].measures,
                             reps[i].first_submitted_at ? reps[i].first_submitted_at : "-");
            for (size_t v = 0; v < reps[i].n_values; v++) s = arena_printf(a, "%s,%g", s, reps[i].values[v].actual);
        }
    }
    return s;
}

static void same_seed_same_data(void **state)
{
    (void)state;
    Arena *a = arena_new();
    GenerateResult r1, r2, r3;
    GenerateOptions other = SMALL;
    other.seed = 43;
    Db *d1 = generate(a, "s1.db", &SMALL, &r1), *d2 = generate(a, "s2.db", &SMALL, &r2),
       *d3 = generate(a, "s3.db", &other, &r3);
    assert_string_equal(fingerprint(d1, a), fingerprint(d2, a));
    assert_string_not_equal(fingerprint(d1, a), fingerprint(d3, a));
    db_close(d1);
    db_close(d2);
    db_close(d3);
    arena_free(a);
}

static void refuses_bad_sizes(void **state)
{
    (void)state;
    Arena *a = arena_new();
    char *path = test_tmp(a, "bad.db");
    unlink(path);
    Err e = ERR_INIT;
    Db *db;
    assert_int_equal(db_open(path, DB_CREATE_NEW, &db, &e), 0);
    GenerateOptions o = SMALL;
    GenerateResult res;
    o.units = 0;
    assert_int_equal(generate_populate(db, a, &WHO, &o, &res, &e), -1);
    assert_int_equal(e.code, ERR_INVALID);
    o = SMALL;
    o.rounds = GENERATE_MAX_ROUNDS + 1;
    err_clear(&e);
    assert_int_equal(generate_populate(db, a, &WHO, &o, &res, &e), -1);
    db_close(db);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sizes_and_states),
        cmocka_unit_test(drafts_for_load_tests),
        cmocka_unit_test(same_seed_same_data),
        cmocka_unit_test(refuses_bad_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
