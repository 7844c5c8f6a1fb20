/*
 * test_notice_bad.c - input the importer must refuse: too large, binary,
 * neither UTF-8 nor GB18030, no numbered items, DOCX zip bombs (honest and
 * lying about their size), malformed or DTD-bearing XML, broken zips, .doc
 * and PDF. Each gets -1, a Chinese message and no draft; the sanitizer build
 * (make VARIANT=san test-unit) checks that nothing leaks on these paths.
 */
#include "testutil.h"
#include "notice_testutil.h"

#include "io/zipio.h"

static void test_fifty_megabytes(void **state)
{
    (void)state;
    size_t n = 50u * 1024 * 1024;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, 'a', n);
    nt_expect_error(big, n, "big.txt", "文件过大");
    /* as a "docx" too: the size is checked before anything is opened */
    memcpy(big, "PK\x03\x04", 4);
    nt_expect_error(big, n, "big.docx", "文件过大");
    free(big);
}

static void test_text_over_text_limit(void **state)
{
    (void)state;
    size_t n = NOTICE_MAX_TEXT + 10;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, 'a', n);
    nt_expect_error(big, n, "big.txt", "过大");
    free(big);
}

static void test_empty(void **state)
{
    (void)state;
    nt_expect_error("", 0, "empty.txt", "空");
}

static void test_binary(void **state)
{
    (void)state;
    unsigned char bin[4096];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof bin; i++) {
        x = x * 1103515245u + 12345u;
        bin[i] = (unsigned char)(x >> 16);
    }
    bin[100] = 0;
    nt_expect_error(bin, sizeof bin, "x.txt", "不是文本文件");
    /* control characters without NUL bytes: still not a notice */
    char ctl[2048];
    for (size_t i = 0; i < sizeof ctl; i++) ctl[i] = (char)(1 + i % 8);
    nt_expect_error(ctl, sizeof ctl, "x.txt", "控制字符");
}

static void test_invalid_encoding(void **state)
{
    (void)state;
    /* UTF-8 Chinese with bytes no encoding allows (0xFF is neither UTF-8
     * nor a GB18030 lead byte) */
    const char bad[] = "关于2022年为妇女儿童办实事的通知\n一、\xFF\xFE\xFF实施工程。";
    nt_expect_error(bad, sizeof bad - 1, "bad.txt", "编码无法识别");
    /* a long UTF-8 notice with one broken byte is said to be damaged, not
     * read as GB18030 nonsense */
    Arena *a = arena_new();
    size_t len;
    char *seed = test_read_file(a, "tests/data/linzi-2022-notice.txt", &len);
    seed[600] = (char)0xC0;
    nt_expect_error(seed, len, "damaged.txt", "UTF-8编码，但第601字节处已损坏");
    arena_free(a);
}

static void test_no_numbered_items(void **state)
{
    (void)state;
    const char txt[] = "临淄区人民政府办公室\n关于做好防汛工作的通知\n"
                       "各镇人民政府、街道办事处：\n请各单位做好防汛准备，落实值班制度。\n"
                       "临淄区人民政府办公室\n2022年6月16日\n";
    nt_expect_error(txt, sizeof txt - 1, "flood.txt", "未找到编号的实事项目（如“一、”");
}

static void test_doc_and_pdf(void **state)
{
    (void)state;
    const unsigned char ole[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0};
    nt_expect_error(ole, sizeof ole, "old.doc", ".doc");
    const char pdf[] = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n";
    nt_expect_error(pdf, sizeof pdf - 1, "n.pdf", "PDF");
    const char txt[] = "一、实施工程。（责任单位：区教体局）";
    nt_expect_error(txt, sizeof txt - 1, "n.docx", "不是有效的DOCX");
}

static void test_broken_zip(void **state)
{
    (void)state;
    unsigned char z[512];
    memset(z, 0x5A, sizeof z);
    memcpy(z, "PK\x03\x04", 4);
    nt_expect_error(z, sizeof z, "broken.docx", "无法读取DOCX通知");
    /* a real zip, but a truncated one */
    Arena *a = arena_new();
    size_t len;
    unsigned char *docx = nt_docx(a, nt_docx_xml(a, "一、实施工程。（责任单位：区教体局）\n"), &len);
    nt_expect_error(docx, len / 2, "half.docx", "无法读取DOCX通知");
    arena_free(a);
}

static void test_zip_without_document(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *names[] = {"xl/workbook.xml"};
    const char *data[] = {"<workbook/>"};
    size_t lens[] = {11}, len;
    unsigned char *zip = nt_zip(a, names, data, lens, 1, &len);
    nt_expect_error(zip, len, "book.docx", "没有正文");
    arena_free(a);
}

static void test_malformed_xml(void **state)
{
    (void)state;
    Arena *a = arena_new();
    size_t len;
    const char *xml = "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body><w:p><w:t>一、实施工程"
                      "</w:p></w:body></w:document>";
    unsigned char *docx = nt_docx(a, xml, &len);
    nt_expect_error(docx, len, "bad.docx", "已损坏（word/document.xml 第1行");
    docx = nt_docx(a, "not xml at all \x01", &len);
    nt_expect_error(docx, len, "bad.docx", "word/document.xml");
    arena_free(a);
}

static void test_dtd_refused(void **state)
{
    (void)state;
    Arena *a = arena_new();
    size_t len;
    const char *xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
                      "<w:document xmlns:w=\"w\"><w:body><w:p><w:t>&b;</w:t></w:p></w:body></w:document>";
    unsigned char *docx = nt_docx(a, xml, &len);
    nt_expect_error(docx, len, "dtd.docx", "DTD");
    arena_free(a);
}

/* A document.xml inflating beyond the cap: refused by its stated size, by
 * its compression ratio, and, when the zip lies about the size, while it
 * streams. */
static void test_zip_bomb(void **state)
{
    (void)state;
    Arena *a = arena_new();
    size_t n = ZIPIN_MAX_PART + 4096;
    char *xml = malloc(n + 1);
    assert_non_null(xml);
    /* spaces between elements: no text, so only the inflation cap stops it */
    static const char head[] = "<w:document xmlns:w=\"w\"><w:body>";
    memcpy(xml, head, sizeof head - 1);
    memset(xml + sizeof head - 1, ' ', n - (sizeof head - 1));
    xml[n] = '\0';
    size_t len;
    unsigned char *docx = nt_docx(a, xml, &len);
    xml[16u * 1024 * 1024] = '\0'; /* under the size cap, a thousand to one */
    size_t len16;
    unsigned char *docx16 = nt_docx(a, xml, &len16);
    free(xml);
    assert_true(len < 1024 * 1024); /* it compresses to a small file */
    nt_expect_error(docx, len, "bomb.docx", "过大");
    nt_expect_error(docx16, len16, "ratio.docx", "压缩炸弹");
    /* the local and central headers claim 1000 bytes for word/document.xml */
    test_zip_fake_size(docx, len, "word/document.xml", 1000);
    nt_expect_error(docx, len, "liar.docx", "压缩炸弹");
    arena_free(a);
}

/* A notice that names items but nothing else still gives a draft, with
 * everything missing flagged rather than invented. */
static void test_bare_items_are_flagged(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char txt[] = "一、建设社区食堂。\n二、改造老旧小区。\n";
    NoticeDraft *d = NULL;
    Err e = ERR_INIT;
    assert_int_equal(notice_import(txt, sizeof txt - 1, "bare.txt", a, &d, &e), 0);
    assert_int_equal(d->programme->n_projects, 2);
    assert_int_equal(d->programme->projects[0].n_indicators, 0);
    assert_string_equal(d->programme->projects[1].title, "改造老旧小区");
    size_t flags = notice_draft_flag_count(d);
    assert_true(flags >= 6); /* title, year, issuer, issued, units ×2, coordinator … */
    Err v = ERR_INIT;
    assert_int_equal(programme_validate(d->programme, &v), -1);
    arena_free(a);
}

/* Hostile text near the size limit: brackets that never close, a clause of
 * a million numbers, a sentence of separators, a thousand standards. Each
 * must still give a draft that serialises. They are meant to take linear
 * time; the time is printed for a reader, never asserted (it depends on the
 * machine and on ASan). */
static void test_hostile_text_gives_a_draft(void **state)
{
    (void)state;
    static const struct {
        const char *head, *unit, *tail;
        size_t repeat;
    } cases[] = {
        {"关于2023年民生实事的通知\n一、实施工程。", "(", "\n", 300000},
        {"关于2023年民生实事的通知\n一、实施工程。", "新建3所", "（责任单位：区局）\n", 100000},
        {"关于2023年民生实事的通知\n一、实施工程。", "、", "（责任单位：区局）\n", 300000},
        {"关于2023年民生实事的通知\n一、实施工程。", "每人补贴15000元康复训练补助和2500元交通生活补助；", "（责任单位：区局）\n", 12000},
        {"关于2023年民生实事的通知\n一、实施工程。（责任单位：区局）\n", "报", "\n", 300000},
        {"关于2023年民生实事的通知\n", "1.新建幼儿园3所。\n", "", 60000},
        {"关于2023年民生实事的通知\n一、实施工程。（责任单位：区局）\n", "\t1\n\t实事名称\n\t序号\n", "", 60000},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Arena *a = arena_new();
        Buf b = BUF_INIT(a);
        buf_puts(&b, cases[i].head);
        for (size_t k = 0; k < cases[i].repeat; k++) buf_puts(&b, cases[i].unit);
        buf_puts(&b, cases[i].tail);
        NoticeDraft *d = NULL;
        Err e = ERR_INIT;
        int64_t t0 = mono_usec();
        int rc = notice_import(b.data, b.len, "hostile.txt", a, &d, &e);
        double secs = (double)(mono_usec() - t0) / 1e6;
        print_message("hostile %zu (%zu bytes): rc %d in %.2f s\n", i, b.len, rc, secs);
        if (rc != 0) fail_msg("hostile input %zu refused: %s", i, e.msg);
        json_t *j = notice_draft_to_json(d);
        assert_non_null(j);
        json_decref(j);
        arena_free(a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fifty_megabytes),
        cmocka_unit_test(test_text_over_text_limit),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_invalid_encoding),
        cmocka_unit_test(test_no_numbered_items),
        cmocka_unit_test(test_doc_and_pdf),
        cmocka_unit_test(test_broken_zip),
        cmocka_unit_test(test_zip_without_document),
        cmocka_unit_test(test_malformed_xml),
        cmocka_unit_test(test_dtd_refused),
        cmocka_unit_test(test_zip_bomb),
        cmocka_unit_test(test_bare_items_are_flagged),
        cmocka_unit_test(test_hostile_text_gives_a_draft),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
