/*
 * test_bulletin.c - the bulletin's wording (io/bulletin.c) from facts
 * built by hand: numbering past 十, and that the text says what the facts
 * say (shares and status names come from core, not from io).
 */
#include "testutil.h"

#include "io/bulletin.h"
#include "lib/timeutil.h"

/* n projects without indicators, all self-assessed 推进中. */
static BulletinFacts facts(Arena *a, size_t n)
{
    Programme *p = ARENA_NEW(a, Programme);
    p->title = "2022年为全区妇女儿童办实事";
    p->year = 2022;
    p->start = date_from_ymd(2022, 1, 1);
    p->deadline = date_from_ymd(2022, 12, 31);
    p->projects = ARENA_ARRAY(a, Project, n);
    p->n_projects = n;
    Round *rd = ARENA_NEW(a, Round);
    rd->name = "2022年第三季度";
    rd->period_end = date_from_ymd(2022, 9, 30);
    Standing *st = ARENA_NEW(a, Standing);
    st->programme = p;
    st->round = rd;
    st->projects = ARENA_ARRAY(a, ProjectStanding, n);
    st->n_projects = n;
    for (size_t i = 0; i < n; i++) {
        p->projects[i].no = (int)i + 1;
        p->projects[i].report_title = arena_printf(a, "实事%zu", i + 1);
        st->projects[i] = (ProjectStanding){.project = &p->projects[i], .status = STATUS_IN_PROGRESS};
    }
    st->count[STATUS_IN_PROGRESS] = (int)n;
    BulletinFacts f = {.standing = st, .expected_share = 0.75, .coordinator = "区妇儿办",
                       .date = date_from_ymd(2022, 10, 10)};
    f.status_label[STATUS_IN_PROGRESS] = "推进中";
    return f;
}

static void test_more_than_ten_projects(void **state)
{
    (void)state;
    Arena *a = arena_new();
    BulletinFacts f = facts(a, 12);
    char *text = bulletin_text(a, &f);
    assert_non_null(strstr(text, "\n（十）实事10：无量化指标，责任单位自评为推进中。\n"));
    assert_non_null(strstr(text, "\n（十一）实事11：无量化指标，责任单位自评为推进中。\n"));
    assert_non_null(strstr(text, "\n（十二）实事12："));
    assert_null(strstr(text, "（…）"));
    assert_non_null(strstr(text, "\n一、总体进展情况\n"));
    assert_non_null(strstr(text, "\n三、各项指标完成情况\n"));
    assert_non_null(strstr(text, "\n四、下步工作要求\n"));
    assert_non_null(strstr(text, "（应完成75.0%）")); /* the facts' share, as given */
    void *docx;
    size_t len;
    Err e = ERR_INIT;
    assert_int_equal(bulletin_docx(a, text, &docx, &len, &e), 0);
    assert_true(len > 0);
    arena_free(a);
}

static void test_status_names_from_facts(void **state)
{
    (void)state;
    Arena *a = arena_new();
    BulletinFacts f = facts(a, 1);
    f.status_label[STATUS_IN_PROGRESS] = "正在推进";
    assert_non_null(strstr(bulletin_text(a, &f), "（一）实事1：无量化指标，责任单位自评为正在推进。"));
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_more_than_ten_projects),
        cmocka_unit_test(test_status_names_from_facts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
