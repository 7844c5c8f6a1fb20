/* test_table_xlsx.c - the quarterly table as XLSX. */
#include "ooxml_check.h"
#include "table_fixture.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/report_table.h"

#define CT_XLSX_MAIN "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"

/* ---- shared strings and cells ------------------------------------------------------- */

typedef struct Sst {
    const char *s[2000];
    size_t n;
    Buf cur;
    bool in_t;
} Sst;

static void sst_start(Walk *w, const char *name, const char **attrs)
{
    (void)attrs;
    Sst *s = w->ud;
    if (strcmp(name, "si") == 0) buf_reset(&s->cur);
    else if (strcmp(name, "t") == 0) s->in_t = true;
}

static void sst_end(Walk *w, const char *name)
{
    Sst *s = w->ud;
    if (strcmp(name, "t") == 0) s->in_t = false;
    else if (strcmp(name, "si") == 0 && s->n < 2000) s->s[s->n++] = arena_strdup(w->a, buf_str(&s->cur));
}

static void sst_text(Walk *w, const char *t, int n)
{
    Sst *s = w->ud;
    if (s->in_t) buf_append(&s->cur, t, (size_t)n);
}

typedef struct Cells {
    const Sst *sst;
    Buf text;       /* every cell in row order, one per line */
    char type[8];
    Buf v;
    bool in_v;
    int rows, custom_heights;
    double height[64];  /* by row number */
} Cells;

static void cells_start(Walk *w, const char *name, const char **attrs)
{
    Cells *c = w->ud;
    if (strcmp(name, "c") == 0) {
        const char *t = attr_of(attrs, "t");
        snprintf(c->type, sizeof c->type, "%s", t ? t : "n");
        buf_reset(&c->v);
    } else if (strcmp(name, "v") == 0) {
        c->in_v = true;
    } else if (strcmp(name, "row") == 0) {
        c->rows++;
        const char *ch = attr_of(attrs, "customHeight"), *ht = attr_of(attrs, "ht");
        int r = atoi(attr_of(attrs, "r"));
        if (ch && strcmp(ch, "1") == 0 && ht) {
            c->custom_heights++;
            if (r > 0 && r < 64) c->height[r] = atof(ht);
        }
    }
}

static void cells_end(Walk *w, const char *name)
{
    Cells *c = w->ud;
    if (strcmp(name, "v") == 0) {
        c->in_v = false;
    } else if (strcmp(name, "c") == 0) {
        const char *v = buf_str(&c->v);
        if (strcmp(c->type, "s") == 0) {
            size_t i = (size_t)atoi(v);
            assert_true(i < c->sst->n);
            buf_puts(&c->text, c->sst->s[i]);
        } else {
            buf_puts(&c->text, v);
        }
        buf_putc(&c->text, '\n');
    }
}

static void cells_text(Walk *w, const char *t, int n)
{
    Cells *c = w->ud;
    if (c->in_v) buf_append(&c->v, t, (size_t)n);
}

typedef struct Book {
    Pkg pkg;
    Sst sst;
    Cells cells;
    const char *sheet, *styles, *workbook;
} Book;

static Book *export_book(Arena *a, const ReportTable *t)
{
    void *data;
    size_t len;
    Err e = ERR_INIT;
    if (table_xlsx(t, a, &data, &len, &e) < 0) fail_msg("table_xlsx: %s", e.msg);
    Book *b = ARENA_NEW(a, Book);
    pkg_open(a, data, len, &b->pkg);
    assert_string_equal(assert_package(a, &b->pkg, CT_XLSX_MAIN), "xl/workbook.xml");
    b->sst.cur = BUF_INIT(a);
    Walk sw = {.start = sst_start, .end = sst_end, .text = sst_text, .ud = &b->sst};
    walk(a, pkg_need(&b->pkg, "xl/sharedStrings.xml"), &sw);
    b->cells = (Cells){.sst = &b->sst, .text = BUF_INIT(a), .v = BUF_INIT(a)};
    const Part *sheet = pkg_need(&b->pkg, "xl/worksheets/sheet1.xml");
    Walk cw = {.start = cells_start, .end = cells_end, .text = cells_text, .ud = &b->cells};
    walk(a, sheet, &cw);
    b->sheet = sheet->data;
    b->styles = pkg_need(&b->pkg, "xl/styles.xml")->data;
    b->workbook = pkg_need(&b->pkg, "xl/workbook.xml")->data;
    return b;
}

/* ---- tests --------------------------------------------------------------------------- */

static void test_text_in_reading_order(void **state)
{
    (void)state;
    Arena *a = arena_new();
    ReportTable t = linzi_table(a);
    Book *b = export_book(a, &t);
    const char *text = buf_str(&b->cells.text);
    const char *head[] = {"附件\n", LINZI_TITLE "\n", "（2022年第三季度）\n", "序号\n", "实事名称\n", "责任单位\n",
                          "本季度具体措施及任务进度情况\n", "完成时限\n"};
    assert_in_order(text, head, sizeof head / sizeof head[0]);
    const char *pos = strstr(text, "完成时限\n");
    for (size_t i = 0; i < 10; i++) {
        const TableRow *r = &t.rows[i];
        const char *want = arena_printf(a, "\n%d\n%s\n%s\n%s\n%s\n", r->no, r->title, table_units_text(r, a),
                                        table_progress_text(r, a), LINZI_DEADLINE);
        const char *at = strstr(pos, want);
        if (!at) fail_msg("row %zu missing or out of order", i + 1);
        pos = at + 1;
    }
    /* project 2: four units, each report headed by its unit */
    assert_non_null(strstr(text, "区卫健局\n区妇联\n区民政局\n区财政局\n区卫健局：一是精心组织实施。"));
    assert_non_null(strstr(text, "\n区财政局：一是保障资金投入。"));
    arena_free(a);
}

static void test_layout_facts(void **state)
{
    (void)state;
    Arena *a = arena_new();
    ReportTable t = linzi_table(a);
    Book *b = export_book(a, &t);
    /* title merged over the five columns; label, title, subtitle, head, 10 rows */
    assert_non_null(strstr(b->sheet, "<mergeCell ref=\"A2:E2\"/>"));
    assert_non_null(strstr(b->sheet, "<mergeCell ref=\"A3:E3\"/>"));
    assert_int_equal(b->cells.rows, 14);
    /* every row has its height set: LibreOffice does not fit wrapped rows */
    assert_int_equal(b->cells.custom_heights, 14);
    /* each row tall enough for its units, one a line; project 2 (four
     * reports of ~300 characters) near Excel's limit but within it */
    for (int i = 0; i < 10; i++) assert_true(b->cells.height[5 + i] >= 17.5 * (double)t.rows[i].n_units);
    assert_true(b->cells.height[6] > 300 && b->cells.height[6] <= 409);
    assert_true(b->cells.height[5] < b->cells.height[6]);
    /* frozen below the head row, printed landscape A4 one page wide, head repeated */
    assert_non_null(strstr(b->sheet, "<pane ySplit=\"4\" topLeftCell=\"A5\" activePane=\"bottomLeft\" state=\"frozen\"/>"));
    assert_non_null(strstr(b->sheet, "paperSize=\"9\""));
    assert_non_null(strstr(b->sheet, "orientation=\"landscape\""));
    assert_non_null(strstr(b->sheet, "fitToHeight=\"0\""));
    assert_non_null(strstr(b->sheet, "<pageSetUpPr fitToPage=\"1\"/>"));
    assert_non_null(strstr(b->workbook, "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'报表'!$4:$4</definedName>"));
    assert_non_null(strstr(b->sheet, "&amp;P —</oddFooter>"));
    /* fonts named like the DOCX; wrapped, bordered cells */
    const char *fonts[] = {"<name val=\"黑体\"/>", "<name val=\"方正小标宋简体\"/>", "<name val=\"楷体_GB2312\"/>",
                           "<name val=\"仿宋_GB2312\"/>"};
    for (size_t i = 0; i < 4; i++) assert_non_null(strstr(b->styles, fonts[i]));
    assert_non_null(strstr(b->styles, "wrapText=\"1\""));
    assert_non_null(strstr(b->styles, "<left style=\"thin\">"));
    /* column widths: the progress column is the widest */
    assert_non_null(strstr(b->sheet, "<col min=\"4\" max=\"4\" width=\""));
    arena_free(a);
}

/* A table of short texts prints at 100 %: the progress column stays at its
 * minimum, and a long one is widened so no row passes Excel's 409 pt. */
static void test_progress_column_width(void **state)
{
    (void)state;
    Arena *a = arena_new();
    TableUnit u = {"区教体局", "短。"};
    TableRow row = {1, "项目", &u, 1, "2022年"};
    ReportTable t = {.title = "表", .rows = &row, .n_rows = 1};
    Book *b = export_book(a, &t);
    const char *col = strstr(b->sheet, "<col min=\"4\" max=\"4\" width=\"");
    double narrow = atof(col + strlen("<col min=\"4\" max=\"4\" width=\""));

    Buf long_text = BUF_INIT(a);
    for (int i = 0; i < 110; i++) buf_puts(&long_text, "截至九月底累计完成检查任务。");
    TableUnit lu = {"区卫健局", buf_str(&long_text)};
    row.units = &lu;
    b = export_book(a, &t);
    col = strstr(b->sheet, "<col min=\"4\" max=\"4\" width=\"");
    double wide = atof(col + strlen("<col min=\"4\" max=\"4\" width=\""));
    assert_true(wide > narrow * 1.5);
    const char *ht = strstr(b->sheet, "<row r=\"3\"");
    assert_non_null(ht);
    ht = strstr(ht, "ht=\"");
    assert_true(atof(ht + 4) <= 409.0);
    assert_true(atof(ht + 4) > 200.0);
    arena_free(a);
}

static size_t entries_in(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) n++;
    closedir(d);
    return n;
}

/* Nothing is left behind in the temporary directory, whatever happens. */
static void test_no_temporary_files_left(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *tmp = test_tmp(a, "xlsx-tmp");
    assert_int_equal(mkdir(tmp, 0700), 0);
    const char *old = getenv("TMPDIR");
    char *saved = old ? arena_strdup(a, old) : NULL;
    setenv("TMPDIR", tmp, 1);
    ReportTable t = linzi_table(a);
    export_book(a, &t);
    assert_int_equal(entries_in(tmp), 0);

    /* a string over Excel's limit fails the export, and still leaves nothing */
    Buf huge = BUF_INIT(a);
    for (int i = 0; i < 17000; i++) buf_puts(&huge, "进度"); /* 34000 characters */
    TableUnit u = {"区卫健局", buf_str(&huge)};
    TableRow row = {1, "项目", &u, 1, "2022年"};
    ReportTable big = {.title = "表", .rows = &row, .n_rows = 1};
    void *data;
    size_t len;
    Err e = ERR_INIT;
    assert_int_equal(table_xlsx(&big, a, &data, &len, &e), -1);
    assert_non_null(strstr(e.msg, "Excel"));
    assert_int_equal(entries_in(tmp), 0);

    /* an unusable temporary directory is an error, not a crash */
    setenv("TMPDIR", "/nonexistent/shishi", 1);
    err_clear(&e);
    assert_int_equal(table_xlsx(&t, a, &data, &len, &e), -1);
    assert_int_equal(e.code, ERR_IO);
    if (saved) setenv("TMPDIR", saved, 1);
    else unsetenv("TMPDIR");
    rmdir(tmp);
    arena_free(a);
}

static void test_control_characters_dropped(void **state)
{
    (void)state;
    Arena *a = arena_new();
    TableUnit u = {"区<局>", "进度\x01\x02 & <完成>"};
    TableRow row = {7, "标题\x1f", &u, 1, "2022年"};
    ReportTable t = {.title = "表", .rows = &row, .n_rows = 1};
    Book *b = export_book(a, &t);
    const char *text = buf_str(&b->cells.text);
    assert_non_null(strstr(text, "\n7\n标题\n区<局>\n进度 & <完成>\n2022年\n"));
    assert_null(strstr(b->sheet, "_x0001_"));
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_in_reading_order),
        cmocka_unit_test(test_layout_facts),
        cmocka_unit_test(test_progress_column_width),
        cmocka_unit_test(test_no_temporary_files_left),
        cmocka_unit_test(test_control_characters_dropped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
