/* test_progress.c - the 序时进度 rules at every boundary (core/progress.c). */
#include "testutil.h"

#include "core/progress.h"
#include "lib/timeutil.h"

static int D(int y, int m, int d) { return date_from_ymd(y, m, d); }

static void expected_share(void **state)
{
    (void)state;
    int start = D(2022, 1, 1), end = D(2022, 12, 31);
    /* before the start: nothing is expected yet */
    assert_true(progress_expected(start, end, D(2021, 12, 31)) == 0.0);
    assert_true(progress_expected(start, end, start) == 0.0);
    /* Linzi's rounds */
    assert_float_equal(progress_expected(start, end, D(2022, 6, 30)), 180.0 / 364.0, 1e-12);
    assert_float_equal(progress_expected(start, end, D(2022, 9, 30)), 272.0 / 364.0, 1e-12);
    /* at and after the deadline: everything is expected */
    assert_true(progress_expected(start, end, end) == 1.0);
    assert_true(progress_expected(start, end, D(2023, 3, 31)) == 1.0);
    /* a programme whose deadline is its start */
    assert_true(progress_expected(start, start, start) == 1.0);
    assert_true(progress_expected(start, start, start - 1) == 0.0);
}

static void completion(void **state)
{
    (void)state;
    assert_float_equal(progress_completion(245, 735, CMP_GE), 245.0 / 735.0, 1e-12);
    /* above target: capped at 1 */
    assert_true(progress_completion(900, 735, CMP_GE) == 1.0);
    /* a percent target is a plain ratio of percentages */
    assert_float_equal(progress_completion(60, 80, CMP_GE), 0.75, 1e-12);
    assert_true(progress_completion(85, 80, CMP_GE) == 1.0);
    /* a target of 0 is met by anything */
    assert_true(progress_completion(0, 0, CMP_GE) == 1.0);
    /* nonsense actuals count as nothing */
    assert_true(progress_completion(-5, 10, CMP_GE) == 0.0);
    assert_true(progress_completion(0.0 / 0.0, 10, CMP_GE) == 0.0);
    /* a ceiling: met while under it */
    assert_true(progress_completion(4, 5, CMP_LE) == 1.0);
    assert_float_equal(progress_completion(10, 5, CMP_LE), 0.5, 1e-12);
    assert_true(progress_completion(0, 0, CMP_LE) == 1.0);
    assert_true(progress_completion(1, 0, CMP_LE) == 0.0);
    /* exact targets */
    assert_true(progress_completion(5, 5, CMP_EQ) == 1.0);
    assert_float_equal(progress_completion(4, 5, CMP_EQ), 0.8, 1e-12);
}

static void status_boundaries(void **state)
{
    (void)state;
    double e = 272.0 / 364.0;
    assert_int_equal(progress_status(1.0, e, 0.2), STATUS_DONE);
    assert_int_equal(progress_status(e, e, 0.2), STATUS_ON_SCHEDULE);          /* c == e */
    assert_int_equal(progress_status(e - 0.001, e, 0.2), STATUS_BEHIND);
    assert_int_equal(progress_status(e - 0.2, e, 0.2), STATUS_BEHIND);         /* e - c == threshold */
    assert_int_equal(progress_status(e - 0.2001, e, 0.2), STATUS_SERIOUS);
    assert_int_equal(progress_status(0, 0, 0.2), STATUS_ON_SCHEDULE);          /* before the start */
    assert_int_equal(progress_status(0, 1, 0.2), STATUS_SERIOUS);              /* after the deadline, nothing done */
    assert_int_equal(progress_status(0.99, 1, 0.2), STATUS_BEHIND);
    /* 1/3 reported as a rounded figure must not flip */
    assert_int_equal(progress_status(1.0 / 3.0, 1.0 / 3.0, 0.2), STATUS_ON_SCHEDULE);
    /* a configurable threshold */
    assert_int_equal(progress_status(0.5, 0.7, 0.1), STATUS_SERIOUS);
    assert_int_equal(progress_status(0.5, 0.7, 0.3), STATUS_BEHIND);
    /* worst of two */
    assert_int_equal(progress_worse(STATUS_DONE, STATUS_BEHIND), STATUS_BEHIND);
    assert_int_equal(progress_worse(STATUS_SERIOUS, STATUS_ON_SCHEDULE), STATUS_SERIOUS);
}

static void counted_actual(void **state)
{
    (void)state;
    int q2 = D(2022, 6, 30), q3 = D(2022, 9, 30);
    double v = -1;
    ActualObs obs[] = {
        {q2, REPORT_ACCEPTED, 100, true, "2022-07-03T01:00:00Z"},
        {q3, REPORT_RETURNED, 300, true, "2022-10-03T01:00:00Z"},
    };
    /* a returned report does not count: the accepted Q2 figure stands */
    assert_true(progress_pick_actual(obs, 2, q3, &v));
    assert_true(v == 100);
    /* once resubmitted it counts */
    obs[1].status = REPORT_SUBMITTED;
    assert_true(progress_pick_actual(obs, 2, q3, &v));
    assert_true(v == 300);
    /* a later round does not count for an earlier one */
    assert_true(progress_pick_actual(obs, 2, q2, &v));
    assert_true(v == 100);
    /* drafts never count; nothing counted at all */
    ActualObs drafts[] = {{q2, REPORT_DRAFT, 50, true, NULL}};
    assert_false(progress_pick_actual(drafts, 1, q3, &v));
    assert_false(progress_pick_actual(NULL, 0, q3, &v));
    /* a report without a figure for the indicator does not count */
    ActualObs blank[] = {{q2, REPORT_ACCEPTED, 0, false, NULL}};
    assert_false(progress_pick_actual(blank, 1, q3, &v));
    /* two rounds ending the same day: the later submission wins */
    ActualObs same[] = {{q3, REPORT_ACCEPTED, 10, true, "2022-10-01T00:00:00Z"},
                        {q3, REPORT_SUBMITTED, 12, true, "2022-10-02T00:00:00Z"}};
    assert_true(progress_pick_actual(same, 2, q3, &v));
    assert_true(v == 12);
}

static void self_assessed(void **state)
{
    (void)state;
    enum SelfStatus none[] = {SELF_NONE, SELF_NONE};
    enum SelfStatus all_done[] = {SELF_DONE, SELF_DONE};
    enum SelfStatus some[] = {SELF_NOT_STARTED, SELF_IN_PROGRESS};
    enum SelfStatus half_done[] = {SELF_DONE, SELF_NONE};
    enum SelfStatus idle[] = {SELF_NOT_STARTED};
    assert_int_equal(progress_self_status(none, 2), STATUS_NO_DATA);
    assert_int_equal(progress_self_status(NULL, 0), STATUS_NO_DATA);
    assert_int_equal(progress_self_status(all_done, 2), STATUS_DONE);
    assert_int_equal(progress_self_status(some, 2), STATUS_IN_PROGRESS);
    /* one unit done and one silent is not done */
    assert_int_equal(progress_self_status(half_done, 2), STATUS_IN_PROGRESS);
    assert_int_equal(progress_self_status(idle, 1), STATUS_NOT_STARTED);
}

static void timeliness(void **state)
{
    (void)state;
    int due = D(2022, 10, 5);
    assert_int_equal(progress_timeliness(due, due, due + 30), TIMELY_ON_TIME);
    assert_int_equal(progress_timeliness(due + 1, due, due + 30), TIMELY_LATE);
    assert_int_equal(progress_timeliness(DATE_NONE, due, due), TIMELY_PENDING);
    assert_int_equal(progress_timeliness(DATE_NONE, due, due + 1), TIMELY_MISSING);
    assert_string_equal(progress_timeliness_label(TIMELY_LATE), "逾期");
    assert_string_equal(progress_status_label(STATUS_SERIOUS), "严重滞后");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(expected_share), cmocka_unit_test(completion),
        cmocka_unit_test(status_boundaries), cmocka_unit_test(counted_actual),
        cmocka_unit_test(self_assessed), cmocka_unit_test(timeliness),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
