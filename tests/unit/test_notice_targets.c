/*
 * test_notice_targets.c - what is a target and what is not, on small
 * notices: bounds and approximations, Chinese numerals, lists of targets in
 * one clause, and the numbers that must not become targets (ages, ranges,
 * per-unit counts, multi-year aims, growth percentages, money, numbers in
 * brackets) but be flagged for the reviewer instead.
 */
#include "testutil.h"
#include "notice_testutil.h"

/* "name=target measure cmp; …" */
static void expect_targets(const Project *pr, const char *want)
{
    char got[1024] = "";
    for (size_t k = 0; k < pr->n_indicators; k++) {
        const Indicator *i = &pr->indicators[k];
        size_t n = strlen(got);
        snprintf(got + n, sizeof got - n, "%s%s=%g%s%s", k ? "; " : "", i->name, i->target, i->measure,
                 i->cmp == CMP_LE ? "<=" : "");
    }
    if (strcmp(got, want) != 0) fail_msg("project %d: got \"%s\", want \"%s\"", pr->no, got, want);
}

static void test_targets_and_bounds(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NoticeDraft *d = nt_mini(a,
        "一、促进就业。城镇新增就业2600人以上，城镇调查失业率控制在5%以内，居民收入增长6%。（责任单位：区人社局）\n"
        "二、建设幼儿园。新建两所幼儿园，打造一批示范点。（责任单位：区教体局）\n"
        "三、开展慰问。开展“送温暖”活动，慰问困难群众1000户次。（责任单位：区总工会）\n"
        "四、办好学校。3所幼儿园建成投用，新建5所幼儿园、3家托育机构。（责任单位：区教体局）\n"
        "五、服务老人。为300余名失能老人提供上门服务。（责任单位：区民政局）\n");
    const Programme *p = d->programme;
    expect_targets(&p->projects[0], "城镇新增就业=2600人; 城镇调查失业率=5%<=");
    nt_note(d, "projects[0].indicators[1]", "上限");
    nt_note(d, "projects[0].indicators", "增长6%");
    expect_targets(&p->projects[1], "新建幼儿园=2所");
    nt_note(d, "projects[1].indicators[0]", "中文数字");
    expect_targets(&p->projects[2], "慰问困难群众=1000户次");
    expect_targets(&p->projects[3], "建成投用的幼儿园=3所; 新建幼儿园=5所; 新建托育机构=3家");
    nt_note(d, "projects[3].indicators[2]", "沿用");
    expect_targets(&p->projects[4], "失能老人上门服务=300名");
    nt_note(d, "projects[4].indicators[0]", "约数：300余名按300计");
    arena_free(a);
}

static void test_not_targets(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NoticeDraft *d = nt_mini(a,
        "一、关爱儿童。为0－17周岁困境儿童建立档案，到2025年实现全覆盖。（责任单位：区民政局）\n"
        "二、建设养老设施。新建养老中心3-5处，每个街道建设助餐点不少于1个。（责任单位：区民政局）\n"
        "三、救助困难家庭。为困难家庭发放救助金500万元，每户每月补贴200元。（责任单位：区民政局）\n"
        "四、建设公园。新建公园3处（其中口袋公园2处）。（责任单位：区园林局）\n"
        "五、两癌筛查。3年完成适龄妇女“两癌”筛查全覆盖，依据临政办发〔2022〕12号文件实施。（责任单位：区卫健局）\n");
    const Programme *p = d->programme;
    expect_targets(&p->projects[0], "");
    nt_note(d, "projects[0].indicators", "多年目标");
    expect_targets(&p->projects[1], "");
    nt_note(d, "projects[1].indicators", "数量范围");
    nt_note(d, "projects[1].indicators", "按单位计");
    expect_targets(&p->projects[2], "");
    nt_note(d, "projects[2].indicators", "500万元");
    assert_int_equal(p->projects[2].n_standards, 1);
    assert_string_equal(p->projects[2].standards[0].name, "救助金");
    assert_string_equal(p->projects[2].standards[0].measure, "元/户·月");
    assert_int_equal(p->projects[2].standards[0].amount_fen, 20000);
    expect_targets(&p->projects[3], "新建公园=3处");
    nt_note(d, "projects[3].indicators", "括号");
    expect_targets(&p->projects[4], "");
    nt_note(d, "projects[4].indicators", "多年目标");
    arena_free(a);
}

static void test_standards(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NoticeDraft *d = nt_mini(a,
        "一、残疾儿童康复。为140名残疾儿童提供康复训练，进行机构集中训练的，每人补贴15000元康复训练补助和2500元交通生活补助。（责任单位：区残联）\n"
        "二、提高低保。将城乡低保标准提高到每人每月850元。（责任单位：区民政局）\n"
        "三、高龄津贴。为80岁以上老人发放高龄津贴，每人每月100元。（责任单位：区民政局）\n");
    const Programme *p = d->programme;
    expect_targets(&p->projects[0], "残疾儿童康复训练=140名");
    assert_int_equal(p->projects[0].n_standards, 2);
    assert_string_equal(p->projects[0].standards[0].name, "机构集中训练康复训练补助");
    assert_int_equal(p->projects[0].standards[0].amount_fen, 1500000);
    assert_string_equal(p->projects[0].standards[0].measure, "元/人");
    assert_string_equal(p->projects[0].standards[1].name, "机构集中训练交通生活补助");
    assert_int_equal(p->projects[0].standards[1].amount_fen, 250000);
    assert_string_equal(p->projects[1].standards[0].name, "城乡低保标准");
    assert_string_equal(p->projects[1].standards[0].measure, "元/人·月");
    assert_string_equal(p->projects[2].standards[0].name, "高龄津贴");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_targets_and_bounds),
        cmocka_unit_test(test_not_targets),
        cmocka_unit_test(test_standards),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
