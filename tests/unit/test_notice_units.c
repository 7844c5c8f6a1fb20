/*
 * test_notice_units.c - responsible units as notices write them: labelled
 * blocks, role words after names, own lines, half- and full-width
 * punctuation, nested brackets, and one unit across items.
 */
#include "testutil.h"
#include "notice_testutil.h"

/* "区教体局:lead 区财政局:responsible" */
static void expect_units(const Project *pr, const char *want)
{
    char got[512] = "";
    for (size_t u = 0; u < pr->n_units; u++) {
        size_t n = strlen(got);
        snprintf(got + n, sizeof got - n, "%s%s:%s", u ? " " : "", pr->units[u].unit_name,
                 unit_role_name(pr->units[u].role));
    }
    if (strcmp(got, want) != 0) fail_msg("project %d units: got \"%s\", want \"%s\"", pr->no, got, want);
}

static void test_unit_styles(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NoticeDraft *d = nt_mini(a,
        "一、新建幼儿园3所。（责任单位：区教体局、区财政局）\n"
        "二、新建养老服务中心2处。（牵头单位：区民政局，责任单位：区财政局、区住建局）\n"
        "三、改造老旧小区10个。（区住建局牵头，区财政局、各街道配合）\n"
        "四、开展义诊20场。（区卫健局牵头，区红十字会参与）\n"
        "五、新增停车位300个。(牵头单位:区城管局;配合单位:区公安分局,区交通局)\n"
        "六、新建口袋公园5处。\n责任单位：区园林局、区城管局\n"
        "七、新建书房2处。（牵头单位：区文旅局 配合单位：区教体局）\n"
        "八、开展宣传活动10场。（责任单位：区委宣传部（区文明办）、区文旅局）\n"
        "九、建设智慧食堂1个。（由区教体局负责）\n"
        "十、新增学位500个。（责任单位：区教体局）\n");
    const Programme *p = d->programme;
    assert_int_equal(p->n_projects, 10);
    expect_units(&p->projects[0], "区教体局:lead 区财政局:responsible");
    expect_units(&p->projects[1], "区民政局:lead 区财政局:responsible 区住建局:responsible");
    expect_units(&p->projects[2], "区住建局:lead 区财政局:responsible 各街道:responsible");
    expect_units(&p->projects[3], "区卫健局:lead 区红十字会:responsible");
    expect_units(&p->projects[4], "区城管局:lead 区公安分局:responsible 区交通局:responsible");
    expect_units(&p->projects[5], "区园林局:lead 区城管局:responsible");
    expect_units(&p->projects[6], "区文旅局:lead 区教体局:responsible");
    expect_units(&p->projects[7], "区委宣传部（区文明办）:lead 区文旅局:responsible");
    expect_units(&p->projects[8], "区教体局:lead");
    /* the unit block is not part of the text, nor of the title */
    assert_string_equal(p->projects[0].title, "新建幼儿园3所");
    assert_string_equal(p->projects[5].text, "");
    assert_null(strstr(p->projects[1].text, "牵头"));
    /* one unit across items: the same display name */
    assert_ptr_equal(p->projects[0].units[0].unit_name, p->projects[9].units[0].unit_name);
    const char **names;
    assert_int_equal(programme_unit_names(p, a, &names), 13);
    arena_free(a);
}

/* Lead named last still comes first in the project's list. */
static void test_lead_first(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NoticeDraft *d = nt_mini(a, "一、新建幼儿园3所。（配合单位：区财政局；牵头单位：区教体局）\n"
                             "二、新建书房2处。（区文旅局、区教体局配合，区委宣传部牵头）\n");
    expect_units(&d->programme->projects[0], "区教体局:lead 区财政局:responsible");
    expect_units(&d->programme->projects[1], "区委宣传部:lead 区文旅局:responsible 区教体局:responsible");
    arena_free(a);
}

/* Items numbered （一） under section headings; sections without units are
 * not projects. */
static void test_sections_and_subitems(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NoticeDraft *d = nt_mini(a, "一、总体要求\n坚持以人民为中心。\n二、实事项目\n"
                             "（一）教育类。新建幼儿园3所。（责任单位：区教体局）\n"
                             "（二）养老类。\n1.新建养老中心2处；\n2.改造幸福院5个。\n（责任单位：区民政局）\n"
                             "三、保障措施\n（一）加强领导。各单位要高度重视。\n（二）强化督导。\n");
    const Programme *p = d->programme;
    assert_int_equal(p->n_projects, 2);
    assert_string_equal(p->projects[0].title, "教育类");
    assert_string_equal(p->projects[1].title, "养老类");
    assert_int_equal(p->projects[1].n_indicators, 2);
    expect_units(&p->projects[1], "区民政局:lead");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unit_styles),
        cmocka_unit_test(test_lead_first),
        cmocka_unit_test(test_sections_and_subitems),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
