/* test_table_docx.c - the quarterly table and prose documents as DOCX. */
#include "ooxml_check.h"
#include "table_fixture.h"

#include <jansson.h>

#include "io/docx_document.h"
#include "io/report_table.h"

#define CT_DOCX_MAIN "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

static const char *const RPR_ORDER[] = {"w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps",
    "w:smallCaps", "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
    "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
    "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
    "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath", NULL};
static const char *const PPR_ORDER[] = {"w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore",
    "w:framePr", "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange", NULL};
static const char *const TBLPR_ORDER[] = {"w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual",
    "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
    "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", NULL};
static const char *const BORDERS_ORDER[] = {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV", NULL};
static const char *const TCPR_ORDER[] = {"w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge",
    "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", NULL};
static const char *const SECTPR_ORDER[] = {"w:headerReference", "w:footerReference", "w:footnotePr",
    "w:endnotePr", "w:type", "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType",
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter",
    "w:docGrid", "w:printerSettings", NULL};
static const char *const SETTINGS_ORDER[] = {"w:writeProtection", "w:view", "w:zoom", "w:defaultTabStop",
    "w:evenAndOddHeaders", "w:characterSpacingControl", "w:compat", "w:themeFontLang", NULL};
static const char *const TBL_ORDER[] = {"w:tblPr", "w:tblGrid", "w:tr", NULL};

/* ---- text in reading order: one line per paragraph, w:br a line break ---------------- */

typedef struct Text {
    Buf b;
    bool in_t;
} Text;

static void text_start(Walk *w, const char *name, const char **attrs)
{
    (void)attrs;
    Text *t = w->ud;
    if (strcmp(name, "w:t") == 0) t->in_t = true;
    else if (strcmp(name, "w:br") == 0) buf_putc(&t->b, '\n');
}

static void text_end(Walk *w, const char *name)
{
    Text *t = w->ud;
    if (strcmp(name, "w:t") == 0) t->in_t = false;
    else if (strcmp(name, "w:p") == 0) buf_putc(&t->b, '\n');
}

static void text_chars(Walk *w, const char *s, int n)
{
    Text *t = w->ud;
    if (t->in_t) buf_append(&t->b, s, (size_t)n);
}

static const char *docx_text(Arena *a, const Part *doc)
{
    Text t = {.b = BUF_INIT(a)};
    Walk w = {.start = text_start, .end = text_end, .text = text_chars, .ud = &t};
    walk(a, doc, &w);
    return buf_str(&t.b);
}

/* ---- facts about elements ---------------------------------------------------------- */

typedef struct Facts {
    int tc, tc_with_p, in_tc_p;
    int tbl_header, tr, grid_cols, grid_width;
    int runs, runs_east_asia, runs_zh;
    int in_r;
    bool in_tc;
} Facts;

static void facts_start(Walk *w, const char *name, const char **attrs)
{
    Facts *f = w->ud;
    if (strcmp(name, "w:tc") == 0) {
        f->tc++;
        f->in_tc = true;
        f->in_tc_p = 0;
    } else if (strcmp(name, "w:p") == 0 && f->in_tc) {
        if (f->in_tc_p++ == 0) f->tc_with_p++;
    } else if (strcmp(name, "w:tr") == 0) {
        f->tr++;
    } else if (strcmp(name, "w:tblHeader") == 0) {
        f->tbl_header++;
    } else if (strcmp(name, "w:gridCol") == 0) {
        f->grid_cols++;
        f->grid_width += atoi(attr_of(attrs, "w:w"));
    } else if (strcmp(name, "w:r") == 0) {
        f->runs++;
        f->in_r = 1;
    } else if (strcmp(name, "w:rFonts") == 0 && f->in_r) {
        const char *ea = attr_of(attrs, "w:eastAsia");
        if (ea && *ea) f->runs_east_asia++;
    } else if (strcmp(name, "w:lang") == 0 && f->in_r) {
        const char *ea = attr_of(attrs, "w:eastAsia");
        if (ea && strcmp(ea, "zh-CN") == 0) f->runs_zh++;
    }
}

static void facts_end(Walk *w, const char *name)
{
    Facts *f = w->ud;
    if (strcmp(name, "w:tc") == 0) f->in_tc = false;
    else if (strcmp(name, "w:r") == 0) f->in_r = 0;
}

static Pkg *export_linzi(Arena *a, ReportTable *t)
{
    void *data;
    size_t len;
    Err e = ERR_INIT;
    if (table_docx(t, a, &data, &len, &e) < 0) fail_msg("table_docx: %s", e.msg);
    Pkg *p = ARENA_NEW(a, Pkg);
    pkg_open(a, data, len, p);
    return p;
}

/* ---- tests --------------------------------------------------------------------------- */

static void test_package_is_valid(void **state)
{
    (void)state;
    Arena *a = arena_new();
    ReportTable t = linzi_table(a);
    Pkg *p = export_linzi(a, &t);
    const char *main = assert_package(a, p, CT_DOCX_MAIN);
    assert_string_equal(main, "word/document.xml");
    /* the parts Word needs for our styles, settings and page numbers */
    pkg_need(p, "word/styles.xml");
    pkg_need(p, "word/settings.xml");
    pkg_need(p, "word/footer1.xml");
    pkg_need(p, "word/footer2.xml");
    pkg_need(p, "word/_rels/document.xml.rels");
    pkg_need(p, "docProps/core.xml");
    assert_non_null(strstr(pkg_need(p, "docProps/core.xml")->data, LINZI_TITLE));
    arena_free(a);
}

static void test_text_in_reading_order(void **state)
{
    (void)state;
    Arena *a = arena_new();
    ReportTable t = linzi_table(a);
    Pkg *p = export_linzi(a, &t);
    const char *text = docx_text(a, pkg_need(p, "word/document.xml"));
    const char *head[] = {"附件\n", LINZI_TITLE, "（2022年第三季度）", "序号", "实事名称", "责任单位",
                          "本季度具体措施及任务进度情况", "完成时限"};
    assert_in_order(text, head, sizeof head / sizeof head[0]);
    /* the label is the first line, flush and alone */
    assert_int_equal(strncmp(text, "附件\n\n", strlen("附件\n\n")), 0);
    const char *pos = strstr(text, "完成时限");
    for (size_t i = 0; i < 10; i++) {
        const TableRow *r = &t.rows[i];
        char no[8];
        snprintf(no, sizeof no, "\n%d\n", r->no);
        const char *at = strstr(pos, no);
        if (!at) fail_msg("row %zu number missing or out of order", i + 1);
        at = strstr(at, r->title);
        assert_non_null(at);
        /* units: one per line, consecutive */
        Buf units = BUF_INIT(a);
        for (size_t u = 0; u < r->n_units; u++) buf_printf(&units, "\n%s", r->units[u].name);
        buf_putc(&units, '\n');
        at = strstr(at, buf_str(&units));
        if (!at) fail_msg("units of row %zu not on consecutive lines", i + 1);
        /* each unit's report: headed by its name when the row has several */
        for (size_t u = 0; u < r->n_units; u++) {
            const char *want = r->n_units > 1 ? arena_printf(a, "\n%s：%s\n", r->units[u].name, r->units[u].text)
                                              : arena_printf(a, "\n%s\n", r->units[u].text);
            at = strstr(at, want);
            if (!at) fail_msg("report of %s in row %zu missing", r->units[u].name, i + 1);
        }
        at = strstr(at, "\n" LINZI_DEADLINE "\n");
        assert_non_null(at);
        pos = at;
    }
    arena_free(a);
}

static void test_layout_facts(void **state)
{
    (void)state;
    Arena *a = arena_new();
    ReportTable t = linzi_table(a);
    Pkg *p = export_linzi(a, &t);
    const Part *doc = pkg_need(p, "word/document.xml");
    /* landscape A4: orientation AND swapped sizes; GB/T margins turned */
    assert_non_null(strstr(doc->data, "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"));
    assert_non_null(strstr(doc->data, "<w:pgMar w:top=\"1587\" w:right=\"2098\" w:bottom=\"1474\" w:left=\"1984\""));
    /* both footers referenced, odd and even */
    assert_non_null(strstr(doc->data, "w:footerReference w:type=\"default\""));
    assert_non_null(strstr(doc->data, "w:footerReference w:type=\"even\""));
    /* 附件 黑体 三号, title 小标宋 二号 */
    assert_non_null(strstr(doc->data, "w:eastAsia=\"黑体\" w:cs=\"黑体\"/><w:sz w:val=\"32\"/>"));
    assert_non_null(strstr(doc->data, "w:eastAsia=\"方正小标宋简体\" w:cs=\"方正小标宋简体\"/><w:sz w:val=\"44\"/>"));
    assert_non_null(strstr(doc->data, "<w:autoSpaceDN w:val=\"0\"/>"));
    /* table borders on every edge and inside */
    assert_non_null(strstr(doc->data, "<w:tblBorders><w:top w:val=\"single\""));
    assert_non_null(strstr(doc->data, "<w:insideV w:val=\"single\""));
    assert_non_null(strstr(doc->data, "<w:tblLayout w:type=\"fixed\"/>"));

    Facts f = {0};
    Walk w = {.start = facts_start, .end = facts_end, .ud = &f};
    walk(a, doc, &w);
    assert_int_equal(f.tr, 11);
    assert_int_equal(f.tbl_header, 1); /* the head row only */
    assert_int_equal(f.grid_cols, 5);
    assert_int_equal(f.grid_width, 16838 - 1984 - 2098); /* exactly the text block */
    assert_int_equal(f.tc, 55);
    assert_int_equal(f.tc_with_p, 55);
    assert_true(f.runs > 50);
    assert_int_equal(f.runs_east_asia, f.runs);
    assert_int_equal(f.runs_zh, f.runs);
    /* the head row comes before any data and repeats */
    const char *hdr = strstr(doc->data, "<w:tblHeader/>");
    assert_true(hdr < strstr(doc->data, "实施教育资源品质提升工程"));

    const char *settings = pkg_need(p, "word/settings.xml")->data;
    assert_non_null(strstr(settings, "<w:evenAndOddHeaders/>"));
    for (int i = 1; i <= 2; i++) {
        const char *ftr = pkg_need(p, arena_printf(a, "word/footer%d.xml", i))->data;
        assert_non_null(strstr(ftr, "w:instr=\" PAGE \""));
        assert_non_null(strstr(ftr, ">— </w:t>"));
        assert_non_null(strstr(ftr, "> —</w:t>"));
        assert_non_null(strstr(ftr, "w:eastAsia=\"宋体\""));
        assert_non_null(strstr(ftr, "<w:sz w:val=\"28\"/>"));
        assert_non_null(strstr(ftr, i == 1 ? "<w:jc w:val=\"right\"/>" : "<w:jc w:val=\"left\"/>"));
    }
    arena_free(a);
}

static void test_schema_order(void **state)
{
    (void)state;
    Arena *a = arena_new();
    ReportTable t = linzi_table(a);
    Pkg *p = export_linzi(a, &t);
    const char *parts[] = {"word/document.xml", "word/styles.xml", "word/footer1.xml", "word/footer2.xml"};
    for (size_t i = 0; i < 4; i++) {
        const Part *part = pkg_need(p, parts[i]);
        assert_true(assert_order(a, part, "w:rPr", RPR_ORDER) > 0);
        assert_true(assert_order(a, part, "w:pPr", PPR_ORDER) > 0);
    }
    const Part *doc = pkg_need(p, "word/document.xml");
    assert_true(assert_order(a, doc, "w:tblPr", TBLPR_ORDER) >= 5);
    assert_int_equal(assert_order(a, doc, "w:tblBorders", BORDERS_ORDER), 6);
    assert_true(assert_order(a, doc, "w:tcPr", TCPR_ORDER) >= 110);
    assert_true(assert_order(a, doc, "w:sectPr", SECTPR_ORDER) >= 4);
    assert_true(assert_order(a, doc, "w:tbl", TBL_ORDER) >= 3);
    assert_true(assert_order(a, pkg_need(p, "word/settings.xml"), "w:settings", SETTINGS_ORDER) >= 5);
    arena_free(a);
}

/* Markup and control characters in the data cannot break the file. */
static void test_hostile_text_is_escaped(void **state)
{
    (void)state;
    Arena *a = arena_new();
    TableUnit units[] = {{"区<教体>局", "a < b && c > \"d\"\x01\x1f end\x7f\xff"}, {"区&局", "]]> <w:p/>"}};
    TableRow row = {1, "<script>&amp;</script>", units, 2, "2022年"};
    ReportTable t = {.label = "附件", .title = "T&C", .rows = &row, .n_rows = 1};
    Pkg *p = export_linzi(a, &t);
    assert_package(a, p, CT_DOCX_MAIN);
    const char *text = docx_text(a, pkg_need(p, "word/document.xml"));
    assert_non_null(strstr(text, "<script>&amp;</script>"));
    assert_non_null(strstr(text, "区<教体>局：a < b && c > \"d\" end\xEF\xBF\xBD"));
    assert_non_null(strstr(text, "区&局：]]> <w:p/>"));
    assert_null(strchr(text, '\x01'));
    arena_free(a);
}

static void test_edge_rows(void **state)
{
    (void)state;
    Arena *a = arena_new();
    TableUnit units[] = {{"区财政局", NULL}, {"区妇联", ""}};
    TableRow rows[] = {{1, "无单位", NULL, 0, NULL}, {2, NULL, units, 2, "2022年12月底"}};
    ReportTable t = {.title = "标题", .rows = rows, .n_rows = 2};
    Pkg *p = export_linzi(a, &t);
    assert_package(a, p, CT_DOCX_MAIN);
    Facts f = {0};
    Walk w = {.start = facts_start, .end = facts_end, .ud = &f};
    walk(a, pkg_need(p, "word/document.xml"), &w);
    assert_int_equal(f.tc, 15);
    assert_int_equal(f.tc_with_p, 15); /* empty cells still hold a paragraph */
    const char *text = docx_text(a, pkg_need(p, "word/document.xml"));
    assert_null(strstr(text, "附件"));      /* no label asked for */
    assert_null(strstr(text, "区财政局：")); /* no text, no heading */

    ReportTable empty = {.label = "附件", .title = "空表"};
    p = export_linzi(a, &empty);
    assert_package(a, p, CT_DOCX_MAIN);
    arena_free(a);
}

static void test_same_input_same_bytes(void **state)
{
    (void)state;
    Arena *a = arena_new();
    ReportTable t = linzi_table(a);
    void *d1, *d2;
    size_t n1, n2;
    Err e = ERR_INIT;
    assert_int_equal(table_docx(&t, a, &d1, &n1, &e), 0);
    assert_int_equal(table_docx(&t, a, &d2, &n2, &e), 0);
    assert_int_equal(n1, n2);
    assert_memory_equal(d1, d2, n1);
    arena_free(a);
}

static void test_document(void **state)
{
    (void)state;
    Arena *a = arena_new();
    DocBlock blocks[] = {
        {DOC_PLAIN, "各责任单位："},
        {DOC_BODY, "现将进展情况通报如下。"},
        {DOC_HEADING1, "一、总体情况"},
        {DOC_HEADING2, "（一）进度"},
        {DOC_BODY, "第一段。\n第二段。"},
        {DOC_SIGNATURE, "区妇儿工委办公室\n2022年10月10日"},
    };
    DocDocument d = {.label = "督办单", .title = "关于加快推进实事项目的督办通知", .blocks = blocks, .n_blocks = 6};
    void *data;
    size_t len;
    Err e = ERR_INIT;
    assert_int_equal(docx_document(&d, a, &data, &len, &e), 0);
    Pkg p;
    pkg_open(a, data, len, &p);
    assert_package(a, &p, CT_DOCX_MAIN);
    const Part *doc = pkg_need(&p, "word/document.xml");
    assert_non_null(strstr(doc->data, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert_non_null(strstr(doc->data, "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\""));
    /* body: first line indented two 三号 characters, 22 lines a page */
    assert_non_null(strstr(doc->data, "w:firstLineChars=\"200\" w:firstLine=\"640\""));
    assert_non_null(strstr(doc->data, "w:line=\"579\" w:lineRule=\"exact\""));
    assert_true(assert_order(a, doc, "w:pPr", PPR_ORDER) > 0);
    assert_true(assert_order(a, doc, "w:rPr", RPR_ORDER) > 0);
    const char *text = docx_text(a, doc);
    const char *order[] = {"督办单\n\n", "关于加快推进实事项目的督办通知\n\n", "各责任单位：\n", "一、总体情况\n",
                           "（一）进度\n", "第一段。\n第二段。\n", "区妇儿工委办公室\n2022年10月10日\n"};
    assert_in_order(text, order, sizeof order / sizeof order[0]);
    assert_non_null(strstr(pkg_need(&p, "word/footer1.xml")->data, " PAGE "));

    DocDocument untitled = {.title = ""};
    err_clear(&e);
    assert_int_equal(docx_document(&untitled, a, &data, &len, &e), -1);
    assert_int_equal(e.code, ERR_INVALID);
    arena_free(a);
}

/* The fixture is the demo programme's table: same short titles, same
 * units in the same order (data/demo/linzi-2022.json). */
static void test_fixture_is_the_demo_programme(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *path = test_seed_path(a, "linzi-2022.json");
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    if (!root) fail_msg("%s: %s", path, err.text);
    assert_string_equal(json_string_value(json_object_get(root, "report_form_title")), LINZI_TITLE);
    json_t *projects = json_object_get(root, "projects");
    assert_int_equal(json_array_size(projects), 10);
    for (size_t i = 0; i < 10; i++) {
        json_t *p = json_array_get(projects, i);
        assert_string_equal(json_string_value(json_object_get(p, "report_title")), LINZI_ROWS[i].title);
        json_t *units = json_object_get(p, "units");
        size_t n = 0;
        while (n < 4 && LINZI_ROWS[i].units[n].name) n++;
        assert_int_equal(json_array_size(units), n);
        for (size_t u = 0; u < n; u++)
            assert_string_equal(json_string_value(json_object_get(json_array_get(units, u), "name")),
                                LINZI_ROWS[i].units[u].name);
    }
    json_decref(root);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_is_the_demo_programme),
        cmocka_unit_test(test_package_is_valid),
        cmocka_unit_test(test_text_in_reading_order),
        cmocka_unit_test(test_layout_facts),
        cmocka_unit_test(test_schema_order),
        cmocka_unit_test(test_hostile_text_is_escaped),
        cmocka_unit_test(test_edge_rows),
        cmocka_unit_test(test_same_input_same_bytes),
        cmocka_unit_test(test_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
