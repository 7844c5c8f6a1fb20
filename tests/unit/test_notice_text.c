/*
 * test_notice_text.c - decoding a notice's bytes (UTF-8 with or without
 * BOM, GB18030 detected, UTF-16 with BOM, CRLF) and the normalised text
 * with its map back to the published characters, and the text of a DOCX
 * with tracked changes.
 */
#include "testutil.h"
#include "notice_testutil.h"

#include <iconv.h>

#include "io/notice_internal.h"
#include "lib/timeutil.h"

static char *decode(Arena *a, const char *bytes, size_t n)
{
    char *out = NULL;
    size_t len = 0;
    Err e = ERR_INIT;
    if (ntext_decode((const unsigned char *)bytes, n, a, &out, &len, &e) < 0) fail_msg("%s", e.msg);
    assert_int_equal(strlen(out), len);
    return out;
}

static char *to_encoding(Arena *a, const char *code, const char *utf8, size_t *len)
{
    iconv_t cd = iconv_open(code, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t in_left = strlen(utf8), cap = in_left * 4 + 8, out_left = cap;
    char *buf = arena_alloc(a, cap), *in = (char *)utf8, *out = buf;
    assert_true(iconv(cd, &in, &in_left, &out, &out_left) != (size_t)-1);
    iconv_close(cd);
    *len = cap - out_left;
    return buf;
}

static void test_decode_utf8(void **state)
{
    (void)state;
    Arena *a = arena_new();
    static const char crlf[] = "\xEF\xBB\xBF一、实施\r\n二、建设\r第三";
    assert_string_equal(decode(a, crlf, sizeof crlf - 1), "一、实施\n二、建设\n第三");
    assert_string_equal(decode(a, "a\fb", 3), "a\nb");
    arena_free(a);
}

static void test_decode_gb18030_detected(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *text = "关于2022年为全区妇女儿童办实事的通知\n一、新建幼儿园３所（责任单位：区教体局）";
    size_t len;
    char *gb = to_encoding(a, "GB18030", text, &len);
    assert_string_equal(decode(a, gb, len), text);
    /* GBK is a subset: the same bytes */
    char *gbk = to_encoding(a, "GBK", text, &len);
    assert_string_equal(decode(a, gbk, len), text);
    arena_free(a);
}

static void test_decode_utf16(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *text = "一、新建幼儿园3所。";
    size_t len;
    char *u16 = to_encoding(a, "UTF-16LE", text, &len);
    char *with_bom = arena_alloc(a, len + 2);
    with_bom[0] = (char)0xFF;
    with_bom[1] = (char)0xFE;
    memcpy(with_bom + 2, u16, len);
    assert_string_equal(decode(a, with_bom, len + 2), text);
    arena_free(a);
}

static NText norm(Arena *a, const char *s)
{
    NText t;
    ntext_build(&t, s, strlen(s), false, a);
    return t;
}

static void test_normalise_width_and_spaces(void **state)
{
    (void)state;
    Arena *a = arena_new();
    assert_string_equal(norm(a, "（责任单位：区教体局、区卫健局）").s, "(责任单位:区教体局、区卫健局)");
    assert_string_equal(norm(a, "新建幼儿园１２所，覆盖率８０％").s, "新建幼儿园12所,覆盖率80%");
    assert_string_equal(norm(a, "更换中小学 500间，培训 1 200 名").s, "更换中小学500间,培训1200名");
    assert_string_equal(norm(a, "　　一、新建").s, "一、新建");
    assert_string_equal(norm(a, "EB 病毒 New York").s, "EB病毒New York");
    assert_string_equal(norm(a, "35－64岁，3—5所，6～14岁").s, "35-64岁,3-5所,6~14岁");
    /* circled numbers number items: they stay; parenthesised ones fold */
    assert_string_equal(norm(a, "①新建 ㈠改造 ⑴提升 ⒈建设").s, "①新建(一)改造(1)提升1.建设");
    /* zero-width characters go */
    assert_string_equal(norm(a, "新\xE2\x80\x8B建").s, "新建");
    arena_free(a);
}

static void test_map_back_to_published(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *orig = "年内更换中小学 500间教室灯具，新建幼儿园１２所（责任单位：区教体局）";
    NText t = norm(a, orig);
    size_t p = nt_find(&t, 0, t.len, "500间");
    assert_true(p != NPOS);
    assert_string_equal(ntext_orig(&t, nt_find(&t, 0, t.len, "中小学"), p + strlen("500间"), a),
                        "中小学 500间");
    p = nt_find(&t, 0, t.len, "12所");
    assert_string_equal(ntext_orig(&t, p, p + strlen("12所"), a), "１２所");
    size_t b = nt_find(&t, 0, t.len, "(");
    assert_string_equal(ntext_orig(&t, b, t.len, a), "（责任单位：区教体局）");
    /* names drop the spaces but keep the published characters */
    NPiece pc = {0, t.len, NULL};
    assert_string_equal(ntext_join(&t, &pc, 1, a),
                        "年内更换中小学500间教室灯具，新建幼儿园１２所（责任单位：区教体局）");
    arena_free(a);
}

static void test_keep_spaces(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NText t;
    const char *s = "牵头单位：社区卫生服务中心　配合单位：街道办";
    ntext_build(&t, s, strlen(s), true, a);
    assert_string_equal(t.s, "牵头单位:社区卫生服务中心 配合单位:街道办");
    arena_free(a);
}

static void test_dates(void **state)
{
    (void)state;
    Arena *a = arena_new();
    struct {
        const char *s;
        int y, m, d;
    } ok[] = {{"2022年6月16日", 2022, 6, 16},
              {"二〇二二年六月十六日", 2022, 6, 16},
              {"二〇二三年十二月三十一日", 2023, 12, 31},
              {"2024年2月29日", 2024, 2, 29}};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        NText t = norm(a, ok[i].s);
        int days;
        size_t after;
        if (!nmeta_date_at(&t, 0, t.len, &days, &after)) fail_msg("%s: not a date", ok[i].s);
        assert_int_equal(days, date_from_ymd(ok[i].y, ok[i].m, ok[i].d));
        assert_int_equal(after, t.len);
    }
    const char *bad[] = {"2022年2月30日", "2022年13月1日", "二二年六月十六日", "2022年6月"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        NText t = norm(a, bad[i]);
        int days;
        size_t after;
        if (nmeta_date_at(&t, 0, t.len, &days, &after)) fail_msg("%s: taken as a date", bad[i]);
    }
    arena_free(a);
}

#define WP(body) "<w:p>" body "</w:p>"
#define WR(text) "<w:r><w:t>" text "</w:t></w:r>"

/* Text as Word shows it: a tracked move counts once (where it went), a
 * tracked deletion and mc:Fallback not at all, and the tab stops of a
 * paragraph's properties are no tab characters. */
static void test_docx_tracked_changes(void **state)
{
    (void)state;
    Arena *a = arena_new();
    static const char xml[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>"
        WP(WR("东城区人民政府办公室")) WP(WR("关于2023年民生实事项目的通知")) WP(WR("各街道："))
        WP(WR("一、") "<w:moveTo>" WR("实施老旧小区改造工程。") "</w:moveTo>" WR("（责任单位：区住建局）"))
        WP("<w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr>"
           WR("二、新建口袋公园5个。") "<w:del>" WR("删去的话。") "</w:del>" WR("（责任单位：区城管局）"))
        WP("<w:moveFrom>" WR("实施老旧小区改造工程。") "</w:moveFrom>")
        WP("<mc:AlternateContent><mc:Choice Requires=\"wps\">" WR("东城区人民政府办公室") "</mc:Choice>"
           "<mc:Fallback>" WR("东城区人民政府办公室") "</mc:Fallback></mc:AlternateContent>")
        WP("<w:r><w:t>2023年1月5日</w:t><w:tab/><w:t>（此件公开发布）</w:t></w:r>")
        "</w:body></w:document>";
    size_t len, text_len;
    unsigned char *docx = nt_docx(a, xml, &len);
    char *text;
    Err e = ERR_INIT;
    assert_int_equal(ndocx_text(docx, len, a, &text, &text_len, &e), 0);
    assert_string_equal(text, "东城区人民政府办公室\n关于2023年民生实事项目的通知\n各街道：\n"
                              "一、实施老旧小区改造工程。（责任单位：区住建局）\n"
                              "二、新建口袋公园5个。（责任单位：区城管局）\n\n"
                              "东城区人民政府办公室\n2023年1月5日 （此件公开发布）\n");
    NoticeDraft *d = NULL;
    assert_int_equal(notice_import(docx, len, "moved.docx", a, &d, &e), 0);
    assert_int_equal(d->programme->n_projects, 2);
    assert_string_equal(d->programme->projects[0].title, "实施老旧小区改造工程");
    assert_null(strstr(d->programme->projects[0].text, "老旧小区"));
    assert_string_equal(d->programme->projects[1].units[0].unit_name, "区城管局");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_utf8),
        cmocka_unit_test(test_decode_gb18030_detected),
        cmocka_unit_test(test_decode_utf16),
        cmocka_unit_test(test_normalise_width_and_spaces),
        cmocka_unit_test(test_map_back_to_published),
        cmocka_unit_test(test_keep_spaces),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_docx_tracked_changes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
