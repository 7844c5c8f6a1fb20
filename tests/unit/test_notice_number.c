/*
 * test_notice_number.c - numbers as notices write them, and what they are:
 * multipliers (3万名, 3.3万), Chinese numerals (两千, "十"处), bounds
 * (不少于, 以上, 以内), approximations (300余名), and the numbers that are
 * no counts (ages, years, dates, money, ranges, ordinals).
 */
#include "testutil.h"

#include "io/notice_internal.h"

typedef struct Case {
    const char *text;
    double value;
    const char *measure;
    enum NumKind kind;
    enum Comparator cmp;
    bool approx, chinese;
} Case;

/* The first number of text. */
static bool first(Arena *a, const char *text, NText *t, NumTok *k)
{
    ntext_build(t, text, strlen(text), false, a);
    return nnum_next(t, 0, t->len, k);
}

static void test_counts(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const Case cases[] = {
        {"新建幼儿园3所", 3, "所", NUM_COUNT, CMP_GE, false, false},
        {"为全县3万名老年人", 30000, "名", NUM_COUNT, CMP_GE, false, false},
        {"窝沟封闭3.3万颗", 33000, "颗", NUM_COUNT, CMP_GE, false, false},
        {"新建“十”处公共阅读空间", 10, "处", NUM_COUNT, CMP_GE, false, true},
        {"培训“万”人（次）文化能人", 10000, "人次", NUM_COUNT, CMP_GE, false, true},
        {"培训两千人", 2000, "人", NUM_COUNT, CMP_GE, false, true},
        {"建设一百零五个站点", 105, "个", NUM_COUNT, CMP_GE, false, true},
        {"为300余名失能老人", 300, "名", NUM_COUNT, CMP_GE, true, false},
        {"帮助800多名妇女", 800, "名", NUM_COUNT, CMP_GE, true, false},
        {"约2000名慢性病患者", 2000, "名", NUM_COUNT, CMP_GE, true, false},
        {"开展培训不少于5000人次", 5000, "人次", NUM_COUNT, CMP_GE, false, false},
        {"举办讲座12场次以上", 12, "场次", NUM_COUNT, CMP_GE, false, false},
        {"培训１，２００名", 1200, "名", NUM_COUNT, CMP_GE, false, false},
        {"覆盖率80%以上", 80, "%", NUM_PERCENT, CMP_GE, false, false},
        {"覆盖率达到百分之九十五", 95, "%", NUM_PERCENT, CMP_GE, false, true},
        {"控制在5%以内", 5, "%", NUM_PERCENT, CMP_LE, false, false},
        {"不超过20户", 20, "户", NUM_COUNT, CMP_LE, false, false},
        {"新改建农村公路120公里", 120, "公里", NUM_COUNT, CMP_GE, false, false},
        {"绿化1000㎡", 1000, "平方米", NUM_COUNT, CMP_GE, false, false},
        {"新建3千米步道", 3, "千米", NUM_COUNT, CMP_GE, false, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const Case *c = &cases[i];
        NText t;
        NumTok k;
        if (!first(a, c->text, &t, &k)) fail_msg("%s: no number", c->text);
        if (k.kind != c->kind || k.value != c->value || strcmp(k.measure, c->measure) != 0 ||
            k.cmp != c->cmp || k.approx != c->approx || k.chinese != c->chinese)
            fail_msg("%s: got kind %d %g %s cmp %d approx %d cn %d", c->text, k.kind, k.value,
                     k.measure, k.cmp, k.approx, k.chinese);
    }
    arena_free(a);
}

static void test_not_counts(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const struct {
        const char *text;
        enum NumKind kind;
    } cases[] = {
        {"35－64岁城乡妇女", NUM_AGE},   {"0-17周岁儿童", NUM_AGE},    {"3岁以下婴幼儿", NUM_AGE},
        {"2022年继续实施", NUM_YEAR},    {"12月底前完成", NUM_DATE},  {"3年完成全覆盖", NUM_DURATION},
        {"6个月内", NUM_DURATION},       {"每人补贴15000元", NUM_MONEY}, {"贷款1.5亿元", NUM_MONEY},
        {"新建3-5所", NUM_RANGE},        {"提高5个百分点", NUM_OTHER}, {"电话7220350", NUM_OTHER},
        {"〔2022〕12号", NUM_OTHER},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        NText t;
        NumTok k;
        if (!first(a, cases[i].text, &t, &k)) fail_msg("%s: no number", cases[i].text);
        if (k.kind != cases[i].kind) fail_msg("%s: kind %d, want %d", cases[i].text, k.kind, cases[i].kind);
    }
    NText t;
    NumTok k;
    /* a thousands comma inside the number: one number, 1500 万元 */
    assert_true(first(a, "1,500万元", &t, &k));
    assert_int_equal(k.kind, NUM_MONEY);
    assert_true(k.value == 15000000);
    assert_string_equal(k.measure, "元");
    assert_true(first(a, "1.5万元", &t, &k));
    assert_int_equal(k.kind, NUM_MONEY);
    assert_true(k.value == 15000);
    assert_true(first(a, "排名第3名", &t, &k));
    assert_true(k.ordinal);
    arena_free(a);
}

/* Words, not numbers: 一批, 十四五, 千家万户, 进万家, 两癌, G20, HPV9 */
static void test_words_are_not_numbers(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *words[] = {"打造一批示范点", "“十四五”规划", "走进千家万户", "“法律进万家”活动",
                           "“两癌”检查", "服务G20峰会", "接种HPV9价", "一是加强领导",
                           "“十百千万”工程", "“一老一小”服务"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        NText t;
        NumTok k;
        bool found = first(a, words[i], &t, &k);
        if (found && (k.kind == NUM_COUNT || k.kind == NUM_PERCENT))
            fail_msg("%s: taken as %g %s", words[i], k.value, k.measure);
    }
    arena_free(a);
}

static void test_chinese_numerals(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const struct {
        const char *s;
        double v;
    } cases[] = {{"十", 10},        {"十二", 12},         {"二十", 20},        {"一百零五", 105},
                 {"两千", 2000},     {"三万五千", 35000},  {"一千二百三十四", 1234}, {"万", 10000},
                 {"十四五", -1},     {"百千", -1},         {"二二", -1}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        NText t;
        ntext_build(&t, cases[i].s, strlen(cases[i].s), false, a);
        double v = nnum_chinese(&t, 0, t.len);
        if (v != cases[i].v) fail_msg("%s: %g, want %g", cases[i].s, v, cases[i].v);
    }
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_not_counts),
        cmocka_unit_test(test_words_are_not_numbers),
        cmocka_unit_test(test_chinese_numerals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
