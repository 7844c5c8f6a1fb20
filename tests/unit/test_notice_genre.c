/*
 * test_notice_genre.c - the importer on notices of other districts, years
 * and styles (tests/data/notices/), each against its hand-written expected
 * draft, names compared exactly:
 *   qinghe-2023        a county's 民生实事: （一） items under 二、, 牵头单位/
 *                      责任单位, "A牵头，B、C配合", half-width brackets,
 *                      3万名, 3.3万, 300余名, 不少于, money that is no target
 *   dongping-2021      GB18030, 1． items, units on their own lines,
 *                      full-width digits, "1 200 名", no 此件公开发布
 *   nanhu-2024         built here as a .docx with libzip: a table attachment
 *                      with short titles, deadlines and two unit columns
 *   chengxi-2023       1、 items with ① points, a tab-separated table whose
 *                      short titles differ, units only in the table, a date
 *                      in Chinese numerals
 *   beishan-2024       a town's notice issued jointly by two offices (one
 *                      above the other, and side by side in the signature),
 *                      a title over two lines, units in the item's title line,
 *                      an inline 完成时限, "改造提升8个" counting what the
 *                      clause before counted, 其中, and monthly reporting
 *   nanjiang-2023      a city's notice: 文件 header and document number, （一）
 *                      items under 二、 with units on a line of their own,
 *                      2万, 2.1万, 覆盖率100%, a six-column table laid out a
 *                      cell a line (as docx2txt writes it)
 *   and nanhu-2024 again with Word's automatic numbering (no 一、 in the text)
 */
#include "testutil.h"
#include "notice_testutil.h"

#include "lib/utf8.h"

#define DIR "tests/data/notices/"

/* Everything equal; names exactly, except inexact_ok names that must still
 * match loosely (see the test). */
static void check(Arena *a, NoticeDraft *d, const char *expected_json, int inexact_ok)
{
    Programme *want = nt_expected(a, expected_json);
    NtScore sc;
    const char *diff = nt_compare(a, d->programme, want, inexact_ok == 0, &sc);
    if (*diff) fail_msg("%s: draft differs:\n%s", expected_json, diff);
    assert_int_equal(sc.pairs_ok, sc.pairs);
    int inexact = (sc.pairs - sc.names_exact) + (sc.stds - sc.std_names_exact);
    if (inexact > inexact_ok)
        fail_msg("%s: %d names not exact, at most %d expected", expected_json, inexact, inexact_ok);
}

static void test_county_2023(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NoticeDraft *d = nt_import_file(a, DIR "qinghe-2023.txt");
    check(a, d, DIR "qinghe-2023.json", 0);
    arena_free(a);
}

static void test_gb18030_2021(void **state)
{
    (void)state;
    Arena *a = arena_new();
    size_t len;
    const char *raw = test_read_file(a, DIR "dongping-2021-gb18030.txt", &len);
    /* the file really is GB18030: not valid UTF-8 (and not for a NUL byte,
     * which utf8_valid refuses too) */
    assert_null(memchr(raw, '\0', len));
    assert_false(utf8_valid(raw, len));
    NoticeDraft *d = nt_import_file(a, DIR "dongping-2021-gb18030.txt");
    check(a, d, DIR "dongping-2021-gb18030.json", 0);
    /* the published text keeps its full-width digits and spaces */
    assert_non_null(strstr(d->programme->projects[1].text, "培训妇女 1 200 名"));
    arena_free(a);
}

static void test_docx_2024(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *src = test_read_file(a, DIR "nanhu-2024-docx.txt", NULL);
    size_t len;
    unsigned char *docx = nt_docx(a, nt_docx_xml(a, src), &len);
    NoticeDraft *d = NULL;
    Err e = ERR_INIT;
    if (notice_import(docx, len, "nanhu-2024.docx", a, &d, &e) < 0) fail_msg("%s", e.msg);
    /* 每户补助标准不超过5000元 names no subsidy: the importer takes the
     * clause before (特殊困难老年人家庭适老化改造…补助) where the expected
     * draft, written by hand, says 适老化改造补助; loosely equal, flagged */
    check(a, d, DIR "nanhu-2024.json", 1);
    arena_free(a);
}

static void test_table_short_titles_2023(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NoticeDraft *d = nt_import_file(a, DIR "chengxi-2023.txt");
    check(a, d, DIR "chengxi-2023.json", 0);
    /* units taken from the table are flagged for review */
    nt_note(d, "projects[1].units", "");
    arena_free(a);
}

static void test_town_2024(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NoticeDraft *d = nt_import_file(a, DIR "beishan-2024.txt");
    check(a, d, DIR "beishan-2024.json", 0);
    arena_free(a);
}

static void test_city_2023(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NoticeDraft *d = nt_import_file(a, DIR "nanjiang-2023.txt");
    check(a, d, DIR "nanjiang-2023.json", 0);
    arena_free(a);
}

/* The same notice typed with Word's automatic numbering: "一、" only in
 * numbering.xml, not in the paragraphs' text. */
static void test_docx_auto_numbering(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *src = test_read_file(a, DIR "nanhu-2024-docx.txt", NULL);
    const char *xml = nt_docx_xml_ex(a, src, true);
    assert_null(strstr(xml, "一、建设社区养老服务设施")); /* the marker is gone from the text */
    size_t len;
    unsigned char *docx = nt_docx_ex(a, xml, NT_NUMBERING_XML, &len);
    NoticeDraft *d = NULL;
    Err e = ERR_INIT;
    if (notice_import(docx, len, "numbered.docx", a, &d, &e) < 0) fail_msg("%s", e.msg);
    check(a, d, DIR "nanhu-2024.json", 1);
    /* without numbering.xml there are no items to find */
    docx = nt_docx(a, xml, &len);
    nt_expect_error(docx, len, "unnumbered.docx", "未找到编号的实事项目");
    arena_free(a);
}

/* The seed as a DOCX (its text in paragraphs, its table as a table) gives
 * the same draft as the seed as text. */
static void test_seed_as_docx(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NoticeDraft *txt = nt_import_file(a, "tests/data/linzi-2022-notice.txt");
    const char *seed = test_read_file(a, "tests/data/linzi-2022-notice.txt", NULL);
    /* paragraphs stay paragraphs; the table's cells (tab-led lines) become rows */
    Buf src = BUF_INIT(a);
    const char *p = seed;
    bool in_table = false;
    size_t cells = 0;
    while (*p) {
        const char *e = strchr(p, '\n');
        if (!e) e = p + strlen(p);
        if (*p == '\t') {
            if (cells % 5 == 0) buf_puts(&src, cells ? "\n|" : "|");
            else buf_putc(&src, '|');
            buf_append(&src, p + 1, (size_t)(e - p - 1));
            cells++;
            in_table = true;
        } else if (in_table && e > p) {
            if (strncmp(p, "PAGE", 4) == 0 || (e - p == 1 && *p == '2')) {
                /* the page footer of the original */
            } else {
                buf_putc(&src, '/');
                buf_append(&src, p, (size_t)(e - p));
            }
        } else if (!in_table) {
            buf_append(&src, p, (size_t)(e - p));
            buf_putc(&src, '\n');
        }
        p = *e ? e + 1 : e;
    }
    size_t len;
    unsigned char *docx = nt_docx(a, nt_docx_xml(a, buf_str(&src)), &len);
    NoticeDraft *d = NULL;
    Err e = ERR_INIT;
    if (notice_import(docx, len, "linzi.docx", a, &d, &e) < 0) fail_msg("%s", e.msg);
    NtScore sc;
    const char *diff = nt_compare(a, d->programme, txt->programme, true, &sc);
    if (*diff) fail_msg("seed as DOCX differs from seed as text:\n%s", diff);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_county_2023),
        cmocka_unit_test(test_gb18030_2021),
        cmocka_unit_test(test_docx_2024),
        cmocka_unit_test(test_table_short_titles_2023),
        cmocka_unit_test(test_town_2024),
        cmocka_unit_test(test_city_2023),
        cmocka_unit_test(test_docx_auto_numbering),
        cmocka_unit_test(test_seed_as_docx),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
