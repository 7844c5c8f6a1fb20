/* test_rounds.c - rounds generated from a programme (core/rounds.c). */
#include "testutil.h"

#include "core/rounds.h"
#include "lib/timeutil.h"

static Programme linzi(void)
{
    Programme p = {0};
    p.year = 2022;
    p.issued = date_from_ymd(2022, 6, 16);
    p.start = date_from_ymd(2022, 1, 1);
    p.deadline = date_from_ymd(2022, 12, 31);
    p.reporting = CADENCE_QUARTERLY;
    return p;
}

static void linzi_quarters(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Programme p = linzi();
    Round *r;
    size_t n = rounds_generate(&p, a, &r);
    /* issued 16 June: the first quarter ended before the notice */
    assert_int_equal(n, 3);
    assert_string_equal(r[0].name, "2022年第二季度");
    assert_string_equal(r[1].name, "2022年第三季度");
    assert_string_equal(r[2].name, "2022年第四季度");
    assert_string_equal(date_iso(a, r[0].period_start), "2022-04-01");
    assert_string_equal(date_iso(a, r[0].period_end), "2022-06-30");
    assert_string_equal(date_iso(a, r[0].due), "2022-07-05");
    assert_string_equal(date_iso(a, r[1].period_end), "2022-09-30");
    assert_string_equal(date_iso(a, r[2].due), "2023-01-05");
    for (size_t i = 0; i < n; i++) assert_int_equal(r[i].kind, ROUND_QUARTER);
    arena_free(a);
}

static void boundaries(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Round *r;
    Programme p = linzi();
    /* issued exactly at a quarter end: that quarter counts */
    p.issued = date_from_ymd(2022, 3, 31);
    assert_int_equal(rounds_generate(&p, a, &r), 4);
    assert_string_equal(r[0].name, "2022年第一季度");
    /* no issue date: from the start */
    p.issued = DATE_NONE;
    assert_int_equal(rounds_generate(&p, a, &r), 4);
    /* a deadline before the year's end drops the quarter that ends after it */
    p.deadline = date_from_ymd(2022, 11, 30);
    assert_int_equal(rounds_generate(&p, a, &r), 3);
    /* issued after the deadline: nothing to report */
    p = linzi();
    p.issued = date_from_ymd(2023, 1, 10);
    assert_int_equal(rounds_generate(&p, a, &r), 0);
    /* a programme spanning two years */
    p = linzi();
    p.deadline = date_from_ymd(2023, 6, 30);
    assert_int_equal(rounds_generate(&p, a, &r), 5);
    assert_string_equal(r[4].name, "2023年第二季度");
    /* monthly cadence */
    p = linzi();
    p.reporting = CADENCE_MONTHLY;
    size_t n = rounds_generate(&p, a, &r);
    assert_int_equal(n, 7); /* June to December */
    assert_string_equal(r[0].name, "2022年6月");
    assert_string_equal(date_iso(a, r[0].due), "2022-07-05");
    assert_string_equal(date_iso(a, r[6].period_end), "2022-12-31");
    arena_free(a);
}

static void current_and_validation(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Programme p = linzi();
    Round *r;
    size_t n = rounds_generate(&p, a, &r);
    assert_int_equal(rounds_current(r, n, date_from_ymd(2022, 7, 1)), 0);
    assert_int_equal(rounds_current(r, n, date_from_ymd(2022, 7, 6)), 1);
    assert_int_equal(rounds_current(r, n, date_from_ymd(2026, 1, 1)), 2);
    r[1].closed = true;
    assert_int_equal(rounds_current(r, n, date_from_ymd(2022, 7, 6)), 2);
    assert_int_equal(rounds_current(r, 0, 0), -1);

    Err e = ERR_INIT;
    Round extra = {0};
    extra.name = "2022年11月调度";
    extra.period_start = DATE_NONE;
    extra.period_end = date_from_ymd(2022, 11, 30);
    extra.due = date_from_ymd(2022, 12, 5);
    assert_int_equal(round_validate(&p, &extra, &e), 0);
    extra.due = date_from_ymd(2022, 11, 1);
    assert_int_equal(round_validate(&p, &extra, &e), -1);
    assert_string_equal(e.field, "due");
    err_clear(&e);
    extra.due = date_from_ymd(2023, 2, 1);
    extra.period_end = date_from_ymd(2023, 1, 31);
    assert_int_equal(round_validate(&p, &extra, &e), -1);
    assert_string_equal(e.field, "period_end");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(linzi_quarters),
        cmocka_unit_test(boundaries),
        cmocka_unit_test(current_and_validation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
