/* test_publication.c - core/publication.c: which reports may feed public
 * figures, what a public view holds, publishing, and objections. */
#include "testutil.h"

#include <sqlite3.h>
#include <unistd.h>

#include "core/demo.h"
#include "core/programme.h"
#include "core/programme_ops.h"
#include "core/publication.h"
#include "core/users.h"
#include "db/store.h"
#include "io/programme_json.h"
#include "lib/timeutil.h"

/* ---- the filter, on records built by hand --------------------------------------- */

static Round ROUNDS[3];
static Indicator IND;
static ProjectUnit PU;
static Project PR;
static Programme PROG;

static void build_programme(void)
{
    ROUNDS[0] = (Round){10, 1, "2022年第二季度", ROUND_QUARTER, date_from_ymd(2022, 4, 1),
                        date_from_ymd(2022, 6, 30), date_from_ymd(2022, 7, 5), false};
    ROUNDS[1] = (Round){11, 1, "2022年第三季度", ROUND_QUARTER, date_from_ymd(2022, 7, 1),
                        date_from_ymd(2022, 9, 30), date_from_ymd(2022, 10, 5), false};
    ROUNDS[2] = (Round){12, 1, "2022年第四季度", ROUND_QUARTER, date_from_ymd(2022, 10, 1),
                        date_from_ymd(2022, 12, 31), date_from_ymd(2023, 1, 5), false};
    IND = (Indicator){100, "新建幼儿园", 100, "所", CMP_GE, 0, NULL};
    PU = (ProjectUnit){1, 7, "区教体局", UNIT_LEAD, "基教科", "张三", "13800000000"};
    PR = (Project){0};
    PR.id = 5;
    PR.no = 1;
    PR.title = PR.report_title = "实施教育资源品质提升工程";
    PR.text = "新建幼儿园";
    PR.deadline = date_from_ymd(2022, 12, 31);
    PR.units = &PU;
    PR.n_units = 1;
    PR.indicators = &IND;
    PR.n_indicators = 1;
    PROG = (Programme){0};
    PROG.id = 1;
    PROG.title = "2022年为全区妇女儿童办实事";
    PROG.year = 2022;
    PROG.start = date_from_ymd(2022, 1, 1);
    PROG.deadline = date_from_ymd(2022, 12, 31);
    PROG.lag_threshold = 0.2;
    PROG.projects = &PR;
    PROG.n_projects = 1;
}

static Report report(Arena *a, Id round_id, enum ReportStatus st, double value)
{
    Report r = {0};
    r.round_id = round_id;
    r.project_id = PR.id;
    r.unit_id = PU.unit_id;
    r.status = st;
    r.measures = "本季度措施";
    r.problems = "存在问题";
    r.next_steps = "下步打算";
    r.return_reason = st == REPORT_RETURNED ? "数字与台账不符" : NULL;
    r.submitted_at = st == REPORT_DRAFT ? NULL : "2022-10-01T00:00:00Z";
    r.values = ARENA_NEW(a, ReportValue);
    r.values[0] = (ReportValue){IND.id, value, true};
    r.n_values = 1;
    return r;
}

/* The public figure of the one indicator with round `at` published. */
static double public_figure(Arena *a, const Report *reps, size_t n, size_t at, bool *has)
{
    Report *pub;
    size_t k = publication_public_reports(reps, n, ROUNDS, 3, &ROUNDS[at], a, &pub);
    Standing *st = standing_compute(&PROG, ROUNDS, 3, at, pub, k, a);
    *has = st->projects[0].indicators[0].has_actual;
    return st->projects[0].indicators[0].actual;
}

static void only_accepted_reports_count(void **state)
{
    (void)state;
    Arena *a = arena_new();
    build_programme();
    Report reps[6];
    reps[0] = report(a, 10, REPORT_ACCEPTED, 10);
    reps[1] = report(a, 11, REPORT_SUBMITTED, 20);
    size_t n = 2;
    bool has;
    /* submitted and not accepted: the internal standing counts it, the public one does not */
    Standing *internal = standing_compute(&PROG, ROUNDS, 3, 1, reps, n, a);
    assert_true(internal->projects[0].indicators[0].actual == 20);
    assert_true(public_figure(a, reps, n, 1, &has) == 10);
    assert_true(has);

    /* returned, draft: never */
    reps[1] = report(a, 11, REPORT_RETURNED, 30);
    assert_true(public_figure(a, reps, n, 1, &has) == 10);
    reps[1] = report(a, 11, REPORT_DRAFT, 40);
    assert_true(public_figure(a, reps, n, 1, &has) == 10);

    /* accepted in the published round: counts; a later round's accepted value never does */
    reps[1] = report(a, 11, REPORT_ACCEPTED, 25);
    reps[2] = report(a, 12, REPORT_ACCEPTED, 50);
    n = 3;
    assert_true(public_figure(a, reps, n, 1, &has) == 25);
    assert_true(public_figure(a, reps, n, 0, &has) == 10);
    assert_true(public_figure(a, reps, n, 2, &has) == 50);

    /* nothing accepted yet: no figure at all */
    reps[0] = report(a, 10, REPORT_SUBMITTED, 10);
    reps[1] = report(a, 11, REPORT_DRAFT, 20);
    assert_true(public_figure(a, reps, 2, 1, &has) == 0);
    assert_false(has);
    arena_free(a);
}

static void filtered_copies_carry_no_text(void **state)
{
    (void)state;
    Arena *a = arena_new();
    build_programme();
    Report reps[4] = {report(a, 10, REPORT_ACCEPTED, 10), report(a, 11, REPORT_RETURNED, 20),
                      report(a, 11, REPORT_ACCEPTED, 30), report(a, 12, REPORT_ACCEPTED, 40)};
    reps[2].return_reason = "曾经退回过的理由";
    Report *pub;
    size_t k = publication_public_reports(reps, 4, ROUNDS, 3, &ROUNDS[1], a, &pub);
    assert_int_equal(k, 2);
    for (size_t i = 0; i < k; i++) {
        assert_int_equal(pub[i].status, REPORT_ACCEPTED);
        assert_null(pub[i].measures);
        assert_null(pub[i].problems);
        assert_null(pub[i].next_steps);
        assert_null(pub[i].return_reason);
        assert_true(pub[i].round_id == 10 || pub[i].round_id == 11);
    }
    /* the originals are untouched */
    assert_string_equal(reps[0].measures, "本季度措施");
    /* no published round: nothing */
    assert_int_equal(publication_public_reports(reps, 4, ROUNDS, 3, NULL, a, &pub), 0);
    /* a report of a round not of this programme: never */
    Report stray = report(a, 99, REPORT_ACCEPTED, 1);
    assert_int_equal(publication_public_reports(&stray, 1, ROUNDS, 3, &ROUNDS[2], a, &pub), 0);
    arena_free(a);
}

/* ---- on the demo database ---------------------------------------------------------- */

static Db *db;
static Arena *arena;
static Id programme_id;
static Round *rounds;
static size_t n_rounds;
static const Actor ADMIN = {1, "admin", ROLE_ADMIN, 0, "local"};

static int setup(void **state)
{
    (void)state;
    arena = arena_new();
    if (test_demo_db(arena, "publication.db", &ADMIN, &db, &programme_id) < 0) return -1;
    Err e = ERR_INIT;
    if (store_round_list(db, arena, programme_id, &rounds, &n_rounds, &e) < 0) {
        fprintf(stderr, "setup: %s\n", e.msg);
        return -1;
    }
    return n_rounds == 3 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    db_close(db);
    arena_free(arena);
    return 0;
}

static const IndicatorStanding *find_indicator(const PublicView *v, int project_no, size_t k)
{
    for (size_t i = 0; i < v->standing->n_projects; i++)
        if (v->standing->projects[i].project->no == project_no) return &v->standing->projects[i].indicators[k];
    fail_msg("no project %d", project_no);
    return NULL;
}

/* The demo publishes its third quarter; withdrawn, only the notice is public. */
static void nothing_published_at_first(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Err e = ERR_INIT;
    PublicView *v;
    assert_int_equal(publication_view(db, a, programme_id, date_today(), &v, &e), 0);
    assert_non_null(v->round);
    assert_string_equal(v->round->name, "2022年第三季度");
    Actor office = {1, "admin", ROLE_ADMIN, 0, "local"};
    assert_int_equal(publication_set(db, a, &office, programme_id, 0, DATE_NONE, date_today(), &e), 0);
    assert_int_equal(publication_view(db, a, programme_id, date_today(), &v, &e), 0);
    assert_null(v->round);
    assert_null(v->standing);
    assert_false(v->window_open);
    assert_string_equal(v->phone, "7220350");
    Id latest;
    assert_int_equal(publication_latest(db, a, &latest, &e), 0);
    assert_true(latest == programme_id);
    arena_free(a);
}

static void published_round_shows_accepted_figures_only(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Err e = ERR_INIT;
    /* a contact the unit named: internal, whatever is published */
    const Project *pr2 = NULL;
    Programme *p;
    assert_int_equal(store_programme_load(db, a, programme_id, &p, &e), 0);
    pr2 = &p->projects[1];
    assert_int_equal(store_project_unit_contact(db, pr2->id, pr2->units[0].unit_id, "疾控科",
                                                "PLANTED-PERSON", "PLANTED-PHONE", &e), 0);

    Id q3 = rounds[1].id;
    assert_int_equal(publication_set(db, a, &ADMIN, programme_id, q3, DATE_NONE, date_today(), &e), 0);
    PublicView *v;
    assert_int_equal(publication_view(db, a, programme_id, date_today(), &v, &e), 0);
    assert_non_null(v->round);
    assert_true(v->round->id == q3);
    /* project 2: the Q3 report was returned, so the accepted Q2 figure stands */
    assert_true(find_indicator(v, 2, 0)->actual == 12130);
    /* project 6: the Q3 report is submitted, not accepted: Q2's accepted figure, not Q3's */
    Report *reps;
    size_t n;
    assert_int_equal(store_report_list_by_programme(db, a, programme_id, &reps, &n, &e), 0);
    const IndicatorStanding *six = find_indicator(v, 6, 0);
    int six_q3 = 0;
    for (size_t i = 0; i < n; i++)
        if (reps[i].project_id == p->projects[5].id && reps[i].round_id == q3 && reps[i].n_values) {
            six_q3++;
            assert_int_equal(reps[i].status, REPORT_SUBMITTED);
            assert_true(six->actual < reps[i].values[0].actual);
        }
    assert_int_equal(six_q3, 1);
    /* project 1: accepted in Q3 */
    assert_true(find_indicator(v, 1, 0)->actual == 3);
    for (size_t i = 0; i < v->programme->n_projects; i++)
        for (size_t u = 0; u < v->programme->projects[i].n_units; u++) {
            assert_null(v->programme->projects[i].units[u].person);
            assert_null(v->programme->projects[i].units[u].phone);
            assert_null(v->programme->projects[i].units[u].department);
        }

    /* Q2 published: Q3's accepted figure no longer counts */
    assert_int_equal(publication_set(db, a, &ADMIN, programme_id, rounds[0].id, DATE_NONE,
                                     date_today(), &e), 0);
    assert_int_equal(publication_view(db, a, programme_id, date_today(), &v, &e), 0);
    assert_true(find_indicator(v, 1, 0)->actual < 3);
    arena_free(a);
}

static void publishing_is_checked_and_audited(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Err e = ERR_INIT;
    int today = date_today();
    Actor reporter = {2, "unit01", ROLE_REPORTER, 1, "local"};
    assert_int_equal(publication_set(db, a, &reporter, programme_id, 0, DATE_NONE, today, &e), -1);
    assert_int_equal(e.code, ERR_FORBIDDEN);
    err_clear(&e);
    assert_int_equal(publication_set(db, a, &ADMIN, programme_id, 999999, DATE_NONE, today, &e), -1);
    assert_string_equal(e.field, "round");
    err_clear(&e);
    assert_int_equal(publication_set(db, a, &ADMIN, programme_id, 0, today - 1, today, &e), -1);
    assert_string_equal(e.field, "objection_until");
    err_clear(&e);
    assert_int_equal(publication_set(db, a, &ADMIN, 999999, 0, DATE_NONE, today, &e), -1);
    assert_int_equal(e.code, ERR_NOT_FOUND);
    err_clear(&e);

    assert_int_equal(publication_set(db, a, &ADMIN, programme_id, rounds[1].id, today + 10, today, &e), 0);
    AuditRow *rows;
    size_t n;
    assert_int_equal(store_audit_list_desc(db, a, 0, 1, &rows, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].action, "programme.publish");
    assert_true(rows[0].entity_id == programme_id);
    assert_non_null(strstr(rows[0].after, rounds[1].name));
    PublicationRow pub;
    assert_int_equal(store_publication_get(db, a, programme_id, &pub, &e), 0);
    assert_true(pub.round_id == rounds[1].id);
    assert_int_equal(pub.objection_until, today + 10);
    arena_free(a);
}

static void other_public_programmes_are_listed(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Err e = ERR_INIT;
    size_t len;
    char *text = test_read_file(a, test_seed_path(a, "linzi-2022.json"), &len);
    Programme *next;
    assert_int_equal(programme_from_json_text(text, len, a, &next, &e), 0);
    next->title = "2023年为全区妇女儿童办实事";
    next->year = 2023;
    next->start = next->deadline = DATE_NONE;
    next->issued = date_from_ymd(2023, 3, 1);
    for (size_t i = 0; i < next->n_projects; i++) next->projects[i].deadline = DATE_NONE;
    programme_apply_defaults(next);
    assert_int_equal(programme_create(db, a, &ADMIN, next, &e), 0);
    Id latest;
    assert_int_equal(publication_latest(db, a, &latest, &e), 0);
    assert_true(latest == next->id);
    PublicView *v;
    assert_int_equal(publication_view(db, a, programme_id, date_today(), &v, &e), 0);
    assert_int_equal(v->n_others, 1);
    assert_true(v->others[0].id == next->id);
    assert_string_equal(v->others[0].title, "2023年为全区妇女儿童办实事");
    /* the new one has published nothing: its own publication is independent */
    assert_int_equal(publication_view(db, a, next->id, date_today(), &v, &e), 0);
    assert_null(v->round);
    arena_free(a);
}

static void objections_in_the_window_only(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Err e = ERR_INIT;
    int today = date_today();
    Actor visitor = {0, "anonymous", ROLE_PUBLIC, 0, "192.0.2.1"};
    Actor other = {0, "anonymous", ROLE_PUBLIC, 0, "192.0.2.2"};

    assert_int_equal(publication_set(db, a, &ADMIN, programme_id, rounds[1].id, DATE_NONE, today, &e), 0);
    assert_int_equal(objection_submit(db, a, &visitor, programme_id, NULL, NULL, "数字不对", today, &e), -1);
    assert_int_equal(e.code, ERR_CONFLICT);
    err_clear(&e);

    assert_int_equal(publication_set(db, a, &ADMIN, programme_id, rounds[1].id, today, today, &e), 0);
    assert_int_equal(objection_submit(db, a, &visitor, programme_id, "", "", "", today, &e), -1);
    assert_string_equal(e.field, "body");
    err_clear(&e);
    /* the last day of the window still takes objections, the day after not */
    assert_int_equal(objection_submit(db, a, &visitor, programme_id, "", "", "意见", today + 1, &e), -1);
    assert_int_equal(e.code, ERR_CONFLICT);
    err_clear(&e);
    for (int i = 0; i < OBJECTION_PER_HOUR; i++)
        assert_int_equal(objection_submit(db, a, &visitor, programme_id, i ? "李四" : NULL, "13900000000",
                                          "第六项数字与实际不符", today, &e), 0);
    assert_int_equal(objection_submit(db, a, &visitor, programme_id, NULL, NULL, "再一条", today, &e), -1);
    assert_int_equal(e.code, ERR_TOO_LARGE);
    err_clear(&e);
    assert_int_equal(objection_submit(db, a, &other, programme_id, NULL, NULL, "另一个地址", today, &e), 0);

    ObjectionRow *rows;
    size_t n;
    assert_int_equal(store_objection_list(db, a, programme_id, &rows, &n, &e), 0);
    assert_int_equal(n, OBJECTION_PER_HOUR + 1);
    assert_string_equal(rows[0].body, "另一个地址");
    assert_null(rows[0].name);
    assert_string_equal(rows[0].round_name, rounds[1].name);
    AuditRow *audit;
    assert_int_equal(store_audit_list_desc(db, a, 0, 1, &audit, &n, &e), 0);
    assert_string_equal(audit[0].action, "objection.add");
    assert_string_equal(audit[0].address, "192.0.2.2");

    /* a programme not public takes none, and shows nothing */
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db_path(db), &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "UPDATE programme SET is_public = 0", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(objection_submit(db, a, &other, programme_id, NULL, NULL, "意见", today, &e), -1);
    assert_int_equal(e.code, ERR_NOT_FOUND);
    err_clear(&e);
    PublicView *v;
    assert_int_equal(publication_view(db, a, programme_id, today, &v, &e), -1);
    assert_int_equal(e.code, ERR_NOT_FOUND);
    err_clear(&e);
    /* the coordinator's preview still works */
    assert_int_equal(publication_preview(db, a, programme_id, rounds[0].id, DATE_NONE, today, &v, &e), 0);
    assert_true(v->round->id == rounds[0].id);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(only_accepted_reports_count),
        cmocka_unit_test(filtered_copies_carry_no_text),
    };
    const struct CMUnitTest with_db[] = {
        cmocka_unit_test(nothing_published_at_first),
        cmocka_unit_test(published_round_shows_accepted_figures_only),
        cmocka_unit_test(publishing_is_checked_and_audited),
        cmocka_unit_test(other_public_programmes_are_listed),
        cmocka_unit_test(objections_in_the_window_only),
    };
    int failed = cmocka_run_group_tests_name("publication filter", pure, NULL, NULL);
    failed += cmocka_run_group_tests_name("publication on the demo", with_db, setup, teardown);
    return failed ? 1 : 0;
}
