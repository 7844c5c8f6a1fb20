/*
 * test_table_read.c - reading filled tables back: round trips through our
 * own DOCX and XLSX, tables as units fill them by hand (merged cells, blank
 * rows, full-width digits, a changed title, dates, tracked changes), and
 * hostile uploads, which must be refused with a message and never crash.
 */
#include "testutil.h"
#include "table_fixture.h"

#include "io/report_table.h"
#include "io/sniff.h"
#include "io/zipio.h"
#include "lib/buf.h"

typedef struct File {
    const char *name, *text;
} File;

/* A zip of the files (text parts), in the arena. */
static void *make_zip(Arena *a, const File *files, size_t n, size_t *len)
{
    ZipEntry *e = ARENA_ARRAY(a, ZipEntry, n);
    for (size_t i = 0; i < n; i++) e[i] = (ZipEntry){files[i].name, files[i].text, strlen(files[i].text)};
    void *out;
    Err err = ERR_INIT;
    if (zip_pack(e, n, a, &out, len, &err) < 0) fail_msg("zip_pack: %s", err.msg);
    return out;
}

static ReadTable *read_ok(Arena *a, const void *data, size_t len)
{
    ReadTable *t = NULL;
    Err e = ERR_INIT;
    if (table_read(data, len, a, &t, &e) < 0) fail_msg("table_read: %s", e.msg);
    assert_non_null(t);
    return t;
}

/* Refused, with a message, and *out left NULL. */
static Err read_fails(Arena *a, const void *data, size_t len)
{
    ReadTable *t = (ReadTable *)1;
    Err e = ERR_INIT;
    assert_int_equal(table_read(data, len, a, &t, &e), -1);
    assert_null(t);
    assert_true(e.code != ERR_NONE);
    assert_true(strlen(e.msg) > 0);
    return e;
}

static void assert_same_as_fixture(const ReadTable *rt, const ReportTable *t)
{
    assert_string_equal(rt->title, LINZI_TITLE);
    assert_int_equal(rt->n_rows, t->n_rows);
    for (size_t i = 0; i < t->n_rows; i++) {
        const ReadRow *r = &rt->rows[i];
        const TableRow *w = &t->rows[i];
        assert_int_equal(r->no, w->no);
        assert_string_equal(r->title, w->title);
        assert_string_equal(r->deadline, w->deadline);
        assert_int_equal(r->n_units, w->n_units);
        assert_int_equal(r->n_reports, w->n_units);
        for (size_t u = 0; u < w->n_units; u++) {
            assert_string_equal(r->units[u], w->units[u].name);
            assert_non_null(r->reports[u].unit);
            assert_string_equal(r->reports[u].unit, w->units[u].name);
            assert_string_equal(r->reports[u].text, w->units[u].text);
        }
    }
}

/* ---- round trips ---------------------------------------------------------------------- */

static void test_docx_round_trip(void **state)
{
    (void)state;
    Arena *a = arena_new();
    ReportTable t = linzi_table(a);
    /* a report of two paragraphs stays two paragraphs of the same unit */
    t.rows[2].units[1].text = "已完成10间“希望小屋”的入户调查。\n组织志愿者开展结对帮扶。";
    void *data;
    size_t len;
    Err e = ERR_INIT;
    assert_int_equal(table_docx(&t, a, &data, &len, &e), 0);
    ReadTable *rt = read_ok(a, data, len);
    assert_int_equal(rt->format, TABLE_FMT_DOCX);
    assert_null(rt->sheet);
    assert_int_equal(rt->header_row, 1);
    assert_int_equal(rt->rows[0].source_row, 2);
    assert_same_as_fixture(rt, &t);
    assert_string_equal(rt->rows[1].progress, table_progress_text(&t.rows[1], a));
    arena_free(a);
}

static void test_xlsx_round_trip(void **state)
{
    (void)state;
    Arena *a = arena_new();
    ReportTable t = linzi_table(a);
    void *data;
    size_t len;
    Err e = ERR_INIT;
    assert_int_equal(table_xlsx(&t, a, &data, &len, &e), 0);
    ReadTable *rt = read_ok(a, data, len);
    assert_int_equal(rt->format, TABLE_FMT_XLSX);
    assert_string_equal(rt->sheet, "报表");
    assert_int_equal(rt->header_row, 4); /* label, title, subtitle, head */
    assert_int_equal(rt->rows[9].source_row, 14);
    assert_same_as_fixture(rt, &t);
    arena_free(a);
}

/* ---- tables filled by hand ------------------------------------------------------------ */

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define TC(content) "<w:tc>" content "</w:tc>"
#define TCPR(pr, content) "<w:tc><w:tcPr>" pr "</w:tcPr>" content "</w:tc>"


/* A Word table as a unit might return it: another title, a caption row
 * merged over the table, spaced-out headers, a blank row, full-width
 * digits, a project over two rows merged vertically, tracked changes, a
 * footer row. The prefix is x: to show that prefixes do not matter. */
static const char FILLED_DOCX[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<x:document xmlns:x=\"" W_NS "\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
    "<x:body>"
    "<x:p><x:r><x:t>附件2</x:t></x:r></x:p><x:p/>"
    "<x:p><x:r><x:t>临淄区2022年为妇女儿童办实事</x:t></x:r><x:r><x:t>第三季度进展情况表</x:t></x:r></x:p>"
    "<x:p><x:r><x:t>填报单位：区卫健局</x:t></x:r></x:p>"
    "<x:tbl><x:tblPr/><x:tblGrid><x:gridCol/><x:gridCol/><x:gridCol/><x:gridCol/><x:gridCol/></x:tblGrid>"
    "<x:tr><x:tc><x:tcPr><x:gridSpan x:val=\"5\"/></x:tcPr><x:p><x:r><x:t>（第三季度）</x:t></x:r></x:p></x:tc></x:tr>"
    "<x:tr>"
    "<x:tc><x:p><x:r><x:t>序 号</x:t></x:r></x:p></x:tc>"
    "<x:tc><x:p><x:r><x:t>实事</x:t></x:r><x:r><x:t>名称</x:t></x:r></x:p></x:tc>"
    "<x:tc><x:p><x:r><x:t xml:space=\"preserve\">责任　单位 </x:t></x:r></x:p></x:tc>"
    "<x:tc><x:p><x:r><x:t>本季度具体措施及</x:t><x:br/><x:t>任务进度情况</x:t></x:r></x:p></x:tc>"
    "<x:tc><x:p><x:r><x:t>完成时限</x:t></x:r></x:p></x:tc></x:tr>"
    "<x:tr><x:tc><x:p/></x:tc><x:tc><x:p/></x:tc><x:tc><x:p/></x:tc><x:tc><x:p/></x:tc><x:tc><x:p/></x:tc></x:tr>"
    "<x:tr>"
    "<x:tc><x:p><x:r><x:t>２</x:t></x:r></x:p></x:tc>"
    "<x:tc><x:p><x:r><x:t>实施城乡妇女“两癌”免费检查</x:t><x:br/><x:t>及救助项目</x:t></x:r></x:p></x:tc>"
    "<x:tc><x:p><x:r><x:t> 区卫健局 </x:t></x:r></x:p><x:p><x:r><x:t>区妇联</x:t></x:r></x:p></x:tc>"
    "<x:tc><x:p><x:r><x:t>区卫健局：完成检查15326人。</x:t></x:r></x:p><x:p/>"
    "<x:p><x:r><x:t>  下一步继续推进。</x:t></x:r></x:p>"
    "<x:p><x:r><x:t>区妇联</x:t></x:r><x:r><x:t>：宣传发动</x:t><x:tab/><x:t>3万人次。</x:t></x:r></x:p></x:tc>"
    "<x:tc><x:p><x:r><x:t>２０２２年１２月底</x:t></x:r></x:p></x:tc></x:tr>"
    "<x:tr>"
    "<x:tc><x:tcPr><x:vMerge x:val=\"restart\"/></x:tcPr><x:p><x:r><x:t>三</x:t></x:r></x:p></x:tc>"
    "<x:tc><x:tcPr><x:vMerge x:val=\"restart\"/></x:tcPr><x:p><x:r><x:t>实施困境儿童救助项目</x:t></x:r></x:p></x:tc>"
    "<x:tc><x:p><x:r><x:t>区残联</x:t></x:r></x:p></x:tc>"
    "<x:tc><x:p><x:r><x:t>已救助118名。</x:t></x:r></x:p></x:tc>"
    "<x:tc><x:tcPr><x:vMerge x:val=\"restart\"/></x:tcPr><x:p><x:r><x:t>2022年12月底</x:t></x:r></x:p></x:tc></x:tr>"
    "<x:tr>"
    "<x:tc><x:tcPr><x:vMerge/></x:tcPr><x:p/></x:tc>"
    "<x:tc><x:tcPr><x:vMerge/></x:tcPr><x:p/></x:tc>"
    "<x:tc><x:p><x:r><x:t>团区委</x:t></x:r></x:p></x:tc>"
    "<x:tc><x:p><x:r><x:t>建成希望小屋7间。</x:t></x:r></x:p></x:tc>"
    "<x:tc><x:tcPr><x:vMerge/></x:tcPr><x:p/></x:tc></x:tr>"
    "<x:tr>"
    "<x:tc><x:p><x:r><x:t>4</x:t></x:r></x:p></x:tc>"
    "<x:tc><x:p><x:r><x:t>实施婴幼儿关爱项目</x:t></x:r></x:p></x:tc>"
    "<x:tc><x:p><x:r><x:t>区卫健局</x:t></x:r></x:p></x:tc>"
    "<x:tc><x:p><x:ins><x:r><x:t>新增备案5家。</x:t></x:r></x:ins>"
    "<x:del><x:r><x:delText>删除的文字。</x:delText></x:r></x:del>"
    "<x:moveFrom><x:r><x:t>移走的文字。</x:t></x:r></x:moveFrom>"
    "<x:r><x:instrText> PAGE </x:instrText></x:r>"
    "<mc:AlternateContent><mc:Choice Requires=\"wps\"><x:r><x:t>母婴室2处。</x:t></x:r></mc:Choice>"
    "<mc:Fallback><x:r><x:t>母婴室2处。</x:t></x:r></mc:Fallback></mc:AlternateContent></x:p></x:tc>"
    "<x:tc><x:p><x:r><x:t>2022年12月底</x:t></x:r></x:p></x:tc></x:tr>"
    "<x:tr><x:tc><x:tcPr><x:gridSpan x:val=\"5\"/></x:tcPr><x:p><x:r><x:t>填报人：张三　电话：7220350</x:t></x:r></x:p></x:tc></x:tr>"
    "</x:tbl>"
    "<x:p/><x:sectPr/></x:body></x:document>";

static void test_docx_filled_by_hand(void **state)
{
    (void)state;
    Arena *a = arena_new();
    File files[] = {{"[Content_Types].xml", TEST_DOCX_TYPES}, {"_rels/.rels", TEST_DOCX_RELS}, {"word/document.xml", FILLED_DOCX}};
    size_t len;
    void *zip = make_zip(a, files, 3, &len);
    ReadTable *t = read_ok(a, zip, len);
    assert_string_equal(t->title, "临淄区2022年为妇女儿童办实事第三季度进展情况表");
    assert_int_equal(t->header_row, 2);
    assert_int_equal(t->n_rows, 3);

    const ReadRow *r = &t->rows[0];
    assert_int_equal(r->source_row, 4);
    assert_int_equal(r->no, 2);
    assert_string_equal(r->no_text, "２");
    assert_string_equal(r->title, "实施城乡妇女“两癌”免费检查及救助项目");
    assert_int_equal(r->n_units, 2);
    assert_string_equal(r->units[0], "区卫健局");
    assert_string_equal(r->units[1], "区妇联");
    assert_int_equal(r->n_reports, 2);
    assert_string_equal(r->reports[0].unit, "区卫健局");
    assert_string_equal(r->reports[0].text, "完成检查15326人。\n下一步继续推进。");
    assert_string_equal(r->reports[1].unit, "区妇联");
    assert_string_equal(r->reports[1].text, "宣传发动 3万人次。");
    assert_string_equal(r->progress, "区卫健局：完成检查15326人。\n下一步继续推进。\n区妇联：宣传发动 3万人次。");
    assert_string_equal(r->deadline, "2022年12月底");

    /* two rows merged in 序号, 实事名称 and 完成时限: one project, two units */
    r = &t->rows[1];
    assert_int_equal(r->source_row, 5);
    assert_int_equal(r->no, 3);
    assert_string_equal(r->title, "实施困境儿童救助项目");
    assert_int_equal(r->n_units, 2);
    assert_string_equal(r->units[1], "团区委");
    assert_int_equal(r->n_reports, 2);
    assert_string_equal(r->reports[0].unit, "区残联");
    assert_string_equal(r->reports[0].text, "已救助118名。");
    assert_string_equal(r->reports[1].unit, "团区委");
    assert_string_equal(r->reports[1].text, "建成希望小屋7间。");

    /* inserted text counts; deleted and moved-away text, field codes and fallbacks do not */
    r = &t->rows[2];
    assert_int_equal(r->no, 4);
    assert_int_equal(r->n_reports, 1);
    assert_string_equal(r->reports[0].unit, "区卫健局");
    assert_string_equal(r->reports[0].text, "新增备案5家。母婴室2处。");
    arena_free(a);
}

static const char XLSX_TYPES[] =
    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
static const char XLSX_RELS[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"/xl/workbook.xml\"/></Relationships>";
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define S_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
static const char XLSX_BOOK[] =
    "<?xml version=\"1.0\"?><workbook xmlns=\"" S_NS "\" xmlns:r=\"" R_NS "\"><workbookPr/>"
    "<sheets><sheet name=\"说明\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"三季度\" sheetId=\"2\" r:id=\"rId2\"/>"
    "</sheets></workbook>";
static const char XLSX_BOOK_RELS[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" R_NS "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" R_NS "/worksheet\" Target=\"./worksheets/../worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" R_NS "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" R_NS "/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId5\" Type=\"" R_NS "/hyperlink\" Target=\"http://example.com/\" TargetMode=\"External\"/>"
    "</Relationships>";
static const char XLSX_SST[] =
    "<?xml version=\"1.0\"?><sst xmlns=\"" S_NS "\">"
    "<si><t>填表说明：请按季度填写。</t></si>"                                            /* 0 */
    "<si><r><t>2022年为区妇女儿童办实事</t></r><r><t>工作进展情况报表</t></r></si>"          /* 1 */
    "<si><t>序号</t></si><si><t>实事名称 </t></si><si><t>责任单位</t></si>"                  /* 2 3 4 */
    "<si><t>本季度具体措施及任务进度情况</t></si><si><t>完成时限</t></si>"                    /* 5 6 */
    "<si><t>实施教育资源品质提升工程</t><rPh sb=\"0\" eb=\"2\"><t>ジッシ</t></rPh></si>"     /* 7 */
    "<si><t>区教体局</t></si>"                                                              /* 8 */
    "<si><t>实施城乡妇女“两癌”免费检查及救助项目</t></si><si><t>区卫健局</t></si>"          /* 9 10 */
    "<si><t>区卫健局：检查15326人。</t></si><si><t>区妇联</t></si><si><t>宣传发动。</t></si>" /* 11 12 13 */
    "<si><t>２０２２年１２月底</t></si>"                                                     /* 14 */
    "</sst>";
static const char XLSX_STYLES[] =
    "<?xml version=\"1.0\"?><styleSheet xmlns=\"" S_NS "\">"
    "<numFmts count=\"1\"><numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
    "</numFmts><cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"176\"/><xf numFmtId=\"2\"/></cellXfs>"
    "</styleSheet>";
static const char XLSX_SHEET1[] =
    "<?xml version=\"1.0\"?><worksheet xmlns=\"" S_NS "\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>";
static const char XLSX_SHEET2[] =
    "<?xml version=\"1.0\"?><worksheet xmlns=\"" S_NS "\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>附件</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\"/><c r=\"E2\"/></row>"
    "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>2</v></c><c r=\"B4\" t=\"s\"><v>3</v></c><c r=\"C4\" t=\"s\"><v>4</v></c>"
    "<c r=\"D4\" t=\"s\"><v>5</v></c><c r=\"E4\" t=\"s\"><v>6</v></c></row>"
    "<row r=\"5\"/>"
    "<row r=\"6\"><c r=\"A6\"><v>1</v></c><c r=\"B6\" t=\"s\"><v>7</v></c><c r=\"C6\" t=\"s\"><v>8</v></c>"
    "<c r=\"D6\" t=\"inlineStr\"><is><t>新建幼儿园3所。</t></is></c><c r=\"E6\" s=\"1\"><v>44926</v></c></row>"
    "<row r=\"7\"><c r=\"A7\" s=\"3\"><v>2</v></c><c r=\"B7\" t=\"s\"><v>9</v></c><c r=\"C7\" t=\"s\"><v>10</v></c>"
    "<c r=\"D7\" t=\"s\"><v>11</v></c><c r=\"E7\" t=\"s\"><v>14</v></c></row>"
    "<row r=\"8\"><c r=\"A8\"/><c r=\"B8\"/><c r=\"C8\" t=\"s\"><v>12</v></c><c r=\"D8\" t=\"s\"><v>13</v></c></row>"
    "<row r=\"9\"><c r=\"A9\" t=\"str\"><v>３</v></c><c r=\"B9\" t=\"inlineStr\"><is><t>实施困境儿童\n救助项目</t></is></c>"
    "<c r=\"C9\" t=\"inlineStr\"><is><t>区残联、团区委</t></is></c>"
    "<c r=\"D9\" t=\"inlineStr\"><is><r><t>区残联：已救助118名。\n</t></r><r><t>团区委：建成7间。</t></r></is></c>"
    "<c r=\"E9\" s=\"2\"><v>44926.5</v></c></row>"
    "<row r=\"10\"><c r=\"B10\" t=\"s\"><v>3</v></c><c r=\"C10\" t=\"s\"><v>4</v></c></row>"
    "<row r=\"12\"><c r=\"A12\" t=\"inlineStr\"><is><t>填报人：张三</t></is></c></row>"
    "<row r=\"13\"><c r=\"Z13\" t=\"s\"><v>999</v></c><c r=\"ZZZZ13\" t=\"s\"><v>0</v></c></row>"
    "</sheetData><mergeCells count=\"4\"><mergeCell ref=\"A2:E2\"/><mergeCell ref=\"A7:A8\"/>"
    "<mergeCell ref=\"B7:B8\"/><mergeCell ref=\"E7:E8\"/></mergeCells></worksheet>";

static void test_xlsx_filled_by_hand(void **state)
{
    (void)state;
    Arena *a = arena_new();
    File files[] = {{"[Content_Types].xml", XLSX_TYPES}, {"_rels/.rels", XLSX_RELS}, {"xl/workbook.xml", XLSX_BOOK},
                    {"xl/_rels/workbook.xml.rels", XLSX_BOOK_RELS}, {"xl/sharedStrings.xml", XLSX_SST},
                    {"xl/styles.xml", XLSX_STYLES}, {"xl/worksheets/sheet1.xml", XLSX_SHEET1},
                    {"xl/worksheets/sheet2.xml", XLSX_SHEET2}};
    size_t len;
    void *zip = make_zip(a, files, sizeof files / sizeof files[0], &len);
    ReadTable *t = read_ok(a, zip, len);
    assert_string_equal(t->sheet, "三季度"); /* the first sheet has no table */
    assert_string_equal(t->title, "2022年为区妇女儿童办实事工作进展情况报表");
    assert_int_equal(t->header_row, 4);
    assert_int_equal(t->n_rows, 3);

    const ReadRow *r = &t->rows[0];
    assert_int_equal(r->source_row, 6);
    assert_int_equal(r->no, 1);
    assert_string_equal(r->title, "实施教育资源品质提升工程"); /* no phonetic run */
    assert_string_equal(r->deadline, "2022年12月31日");          /* a date cell */
    assert_string_equal(r->reports[0].unit, "区教体局");
    assert_string_equal(r->reports[0].text, "新建幼儿园3所。");

    r = &t->rows[1]; /* rows 7 and 8 merged */
    assert_int_equal(r->source_row, 7);
    assert_string_equal(r->no_text, "2"); /* number formats other than dates are not applied */
    assert_int_equal(r->no, 2);
    assert_int_equal(r->n_units, 2);
    assert_int_equal(r->n_reports, 2);
    assert_string_equal(r->reports[0].unit, "区卫健局");
    assert_string_equal(r->reports[0].text, "检查15326人。");
    assert_string_equal(r->reports[1].unit, "区妇联");
    assert_string_equal(r->reports[1].text, "宣传发动。");
    assert_string_equal(r->deadline, "2022年12月底");

    r = &t->rows[2];
    assert_int_equal(r->no, 3);
    assert_string_equal(r->title, "实施困境儿童救助项目");
    assert_int_equal(r->n_units, 2);
    assert_string_equal(r->units[0], "区残联");
    assert_string_equal(r->units[1], "团区委");
    assert_int_equal(r->n_reports, 2);
    assert_string_equal(r->reports[1].unit, "团区委");
    assert_string_equal(r->reports[1].text, "建成7间。");
    assert_string_equal(r->deadline, "2022年12月31日"); /* custom date format */
    arena_free(a);
}

/* The zip helpers on their own: pack, then read parts back by name. */
static void test_zip_helpers(void **state)
{
    (void)state;
    Arena *a = arena_new();
    File files[] = {{"[Content_Types].xml", TEST_DOCX_TYPES}, {"word/document.xml", "<w:document/>"}, {"empty.xml", ""}};
    size_t len;
    void *zip = make_zip(a, files, 3, &len);
    ZipIn *z;
    Err e = ERR_INIT;
    assert_int_equal(zipin_open(zip, len, &z, &e), 0);
    assert_true(zipin_has(z, "WORD/Document.XML")); /* part names ignore case */
    assert_true(zipin_has(z, "/word/document.xml"));
    assert_false(zipin_has(z, "word/styles.xml"));
    char *data;
    size_t n;
    assert_int_equal(zipin_read(z, "word/document.xml", a, &data, &n, &e), 0);
    assert_int_equal(n, strlen("<w:document/>"));
    assert_string_equal(data, "<w:document/>");
    assert_int_equal(zipin_read(z, "empty.xml", a, &data, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_string_equal(data, "");
    assert_int_equal(zipin_read(z, "word/styles.xml", a, &data, &n, &e), -1);
    assert_int_equal(e.code, ERR_NOT_FOUND);
    zipin_close(z);
    arena_free(a);
}

static void test_match_key(void **state)
{
    (void)state;
    Arena *a = arena_new();
    assert_string_equal(table_match_key(a, " 区 卫健局　"), "区卫健局");
    assert_string_equal(table_match_key(a, "２０２２年（三季度）"), "2022年(三季度)");
    assert_string_equal(table_match_key(a, NULL), "");
    arena_free(a);
}

/* ---- hostile and broken uploads --------------------------------------------------------- */

static void *linzi_docx(Arena *a, size_t *len)
{
    ReportTable t = linzi_table(a);
    void *data;
    Err e = ERR_INIT;
    assert_int_equal(table_docx(&t, a, &data, len, &e), 0);
    return data;
}

static void test_not_office_files(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Err e = read_fails(a, "hello, world", 12);
    assert_non_null(strstr(e.msg, "不是有效的Word或Excel文件"));
    e = read_fails(a, "", 0);
    assert_int_equal(e.code, ERR_INVALID);
    static const unsigned char ole[16] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    e = read_fails(a, ole, sizeof ole);
    assert_non_null(strstr(e.msg, ".doc"));
    /* the one sniffer every reader asks */
    assert_int_equal(sniff_bytes(ole, sizeof ole), MAGIC_OLE2);
    assert_int_equal(sniff_bytes(ole, 7), MAGIC_NONE);
    assert_int_equal(sniff_bytes("PK\x03\x04", 4), MAGIC_ZIP);
    assert_int_equal(sniff_bytes("%PDF-1.7", 8), MAGIC_PDF);
    assert_int_equal(sniff_bytes("\x89PNG\r\n\x1a\n", 8), MAGIC_PNG);
    assert_int_equal(sniff_bytes("\xFF\xD8\xFF\xE0", 4), MAGIC_JPEG);
    assert_int_equal(sniff_bytes("", 0), MAGIC_NONE);
    /* a zip, but of something else */
    File other[] = {{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", "<x/>"}};
    size_t len;
    void *zip = make_zip(a, other, 2, &len);
    e = read_fails(a, zip, len);
    assert_non_null(strstr(e.msg, "不是有效的Word或Excel文件"));
    arena_free(a);
}

static void test_truncated_and_corrupted(void **state)
{
    (void)state;
    Arena *a = arena_new();
    size_t len;
    unsigned char *docx = linzi_docx(a, &len);
    /* every truncation point in steps, and a few flipped bytes */
    for (size_t cut = 4; cut < len; cut += len / 37 + 1) read_fails(a, docx, cut);
    unsigned char *bad = arena_alloc(a, len);
    for (size_t at = 40; at < len; at += len / 23 + 1) {
        memcpy(bad, docx, len);
        bad[at] ^= 0x5A;
        ReadTable *t;
        Err e = ERR_INIT;
        /* a flipped byte may land in slack space; it must never crash */
        if (table_read(bad, len, a, &t, &e) < 0) assert_true(strlen(e.msg) > 0);
    }
    arena_free(a);
}

static void test_oversized(void **state)
{
    (void)state;
    Arena *a = arena_new();
    size_t big = TABLE_READ_MAX_BYTES + 1;
    char *data = arena_alloc(a, big);
    memcpy(data, "PK\x03\x04", 4);
    Err e = read_fails(a, data, big);
    assert_int_equal(e.code, ERR_TOO_LARGE);
    assert_non_null(strstr(e.msg, "文件过大"));
    arena_free(a);
}

/* A document.xml of n spaces inside the body: compresses a thousandfold. */
static char *spaces_document(Arena *a, size_t n)
{
    static const char head[] = "<?xml version=\"1.0\"?><w:document xmlns:w=\"" W_NS "\"><w:body>";
    static const char tail[] = "</w:body></w:document>";
    char *s = arena_alloc(a, sizeof head + n + sizeof tail);
    memcpy(s, head, sizeof head - 1);
    memset(s + sizeof head - 1, ' ', n);
    memcpy(s + sizeof head - 1 + n, tail, sizeof tail);
    return s;
}

static void test_zip_bombs(void **state)
{
    (void)state;
    Arena *a = arena_new();
    size_t len;
    /* declared size over the per-part cap */
    File huge[] = {{"[Content_Types].xml", TEST_DOCX_TYPES}, {"_rels/.rels", TEST_DOCX_RELS},
                   {"word/document.xml", spaces_document(a, ZIPIN_MAX_PART + 1024)}};
    void *zip = make_zip(a, huge, 3, &len);
    assert_true(len < 1024 * 1024);
    Err e = read_fails(a, zip, len);
    assert_int_equal(e.code, ERR_TOO_LARGE);

    /* under the cap, but a ratio no document has */
    huge[2].text = spaces_document(a, 8u * 1024 * 1024);
    zip = make_zip(a, huge, 3, &len);
    e = read_fails(a, zip, len);
    assert_int_equal(e.code, ERR_TOO_LARGE);
    assert_non_null(strstr(e.msg, "压缩"));

    /* headers that lie: the central directory and the local header claim
     * 100 bytes for a part that inflates past the cap; libzip inflates what
     * is there, so only counting the bytes while reading stops it */
    huge[2].text = spaces_document(a, ZIPIN_MAX_PART + 1024);
    unsigned char *z = make_zip(a, huge, 3, &len);
    test_zip_fake_size(z, len, "word/document.xml", 100);
    e = read_fails(a, z, len);
    assert_int_equal(e.code, ERR_TOO_LARGE);
    assert_non_null(strstr(e.msg, "解压后过大"));
    arena_free(a);
}

/* Parts each under the cap (and lying about their size) but together over
 * the archive's cap. */
static void test_zip_total_cap(void **state)
{
    (void)state;
    Arena *a = arena_new();
    size_t n = ZIPIN_MAX_TOTAL / 3 + 1024, len;
    char *sst = arena_alloc(a, n + 200);
    int k = snprintf(sst, 200, "<sst xmlns=\"" S_NS "\">");
    memset(sst + k, ' ', n);
    strcpy(sst + k + n, "</sst>");
    char *styles = arena_alloc(a, n + 200);
    k = snprintf(styles, 200, "<styleSheet xmlns=\"" S_NS "\">");
    memset(styles + k, ' ', n);
    strcpy(styles + k + n, "</styleSheet>");
    File files[] = {{"_rels/.rels", XLSX_RELS}, {"xl/workbook.xml", XLSX_BOOK}, {"xl/_rels/workbook.xml.rels", XLSX_BOOK_RELS},
                    {"xl/sharedStrings.xml", sst}, {"xl/styles.xml", styles}, {"xl/worksheets/sheet1.xml", sst},
                    {"xl/worksheets/sheet2.xml", XLSX_SHEET2}};
    unsigned char *z = make_zip(a, files, sizeof files / sizeof files[0], &len);
    for (size_t i = 0; i + 46 < len; i++) /* every header claims 100 bytes */
        if (memcmp(z + i, "PK\x01\x02", 4) == 0) memcpy(z + i + 24, "\x64\0\0\0", 4);
        else if (memcmp(z + i, "PK\x03\x04", 4) == 0) memcpy(z + i + 22, "\x64\0\0\0", 4);
    Err e = read_fails(a, z, len);
    assert_int_equal(e.code, ERR_TOO_LARGE);
    arena_free(a);
}

static void test_too_many_entries(void **state)
{
    (void)state;
    Arena *a = arena_new();
    size_t n = ZIPIN_MAX_ENTRIES + 10;
    File *files = ARENA_ARRAY(a, File, n);
    files[0] = (File){"_rels/.rels", TEST_DOCX_RELS};
    files[1] = (File){"word/document.xml", FILLED_DOCX};
    for (size_t i = 2; i < n; i++) files[i] = (File){arena_printf(a, "junk/%zu.xml", i), "<x/>"};
    size_t len;
    void *zip = make_zip(a, files, n, &len);
    Err e = read_fails(a, zip, len);
    assert_int_equal(e.code, ERR_TOO_LARGE);
    assert_non_null(strstr(e.msg, "部件过多"));
    arena_free(a);
}

static void test_missing_parts(void **state)
{
    (void)state;
    Arena *a = arena_new();
    size_t len;
    File only_rels[] = {{"_rels/.rels", TEST_DOCX_RELS}};
    void *zip = make_zip(a, only_rels, 1, &len);
    Err e = read_fails(a, zip, len);
    assert_non_null(strstr(e.msg, "word/document.xml"));
    /* a workbook whose sheets are missing has nothing to read */
    File no_sheets[] = {{"_rels/.rels", XLSX_RELS}, {"xl/workbook.xml", XLSX_BOOK}};
    zip = make_zip(a, no_sheets, 2, &len);
    read_fails(a, zip, len);
    /* a document without the table */
    File no_table[] = {{"_rels/.rels", TEST_DOCX_RELS},
                       {"word/document.xml", "<w:document xmlns:w=\"" W_NS "\"><w:body>" P("附件") "</w:body></w:document>"}};
    zip = make_zip(a, no_table, 2, &len);
    e = read_fails(a, zip, len);
    assert_non_null(strstr(e.msg, "实事名称"));
    arena_free(a);
}

static void test_hostile_xml(void **state)
{
    (void)state;
    Arena *a = arena_new();
    size_t len;
    static const char *const docs[] = {
        /* billion laughs */
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]><w:document xmlns:w=\"" W_NS "\">&c;</w:document>",
        /* an external entity */
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        "<w:document xmlns:w=\"" W_NS "\">&x;</w:document>",
        /* an undeclared entity */
        "<w:document xmlns:w=\"" W_NS "\">&nbsp;</w:document>",
        /* malformed */
        "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p></w:body>",
        "\xff\xfe<\0w\0",
    };
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        File f[] = {{"_rels/.rels", TEST_DOCX_RELS}, {"word/document.xml", docs[i]}};
        void *zip = make_zip(a, f, 2, &len);
        Err e = read_fails(a, zip, len);
        assert_int_equal(e.code, ERR_INVALID);
        if (i < 2) assert_non_null(strstr(e.msg, "DTD"));
    }
    /* nesting deeper than any document */
    Buf deep = BUF_INIT(a);
    buf_puts(&deep, "<w:document xmlns:w=\"" W_NS "\">");
    for (int i = 0; i < 5000; i++) buf_puts(&deep, "<w:sdt>");
    for (int i = 0; i < 5000; i++) buf_puts(&deep, "</w:sdt>");
    buf_puts(&deep, "</w:document>");
    File f[] = {{"_rels/.rels", TEST_DOCX_RELS}, {"word/document.xml", buf_str(&deep)}};
    void *zip = make_zip(a, f, 2, &len);
    Err e = read_fails(a, zip, len);
    assert_non_null(strstr(e.msg, "嵌套"));
    /* bad relationships: pointing outside, or at nothing */
    File rels[] = {{"_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                   "<Relationship Id=\"a\" Type=\"x/officeDocument\" Target=\"../../../etc/passwd\"/>"
                                   "</Relationships>"}};
    zip = make_zip(a, rels, 1, &len);
    read_fails(a, zip, len);
    arena_free(a);
}


/* ---- hostile shapes: small files that cost much to read --------------------------------
 *
 * Each shape is a few hundred kilobytes of XML (far less zipped) that once
 * took gigabytes or minutes because some step redid the work done before it
 * for every cell, line or merge. Reading must now either succeed or be
 * refused with a message, using memory in proportion to the file.
 */

#define HOSTILE_ARENA_MAX (64u * 1024 * 1024)

/* Paragraphs and cells without the xml:space of P, to fit more in less. */
#define PC(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
#define HEAD_ROW                                                                                   \
    "<w:tr>" TC(PC("序号")) TC(PC("实事名称")) TC(PC("责任单位")) TC(PC("本季度具体措施及任务进度情况")) \
    TC(PC("完成时限")) "</w:tr>"

/* A DOCX whose one table holds the rows (XML), in the arena. */
static void *hostile_docx(Arena *a, const char *rows, size_t *len)
{
    Buf doc = BUF_INIT(a);
    buf_puts(&doc, "<?xml version=\"1.0\"?><w:document xmlns:w=\"" W_NS "\"><w:body><w:tbl>");
    buf_puts(&doc, rows);
    buf_puts(&doc, "</w:tbl></w:body></w:document>");
    File f[] = {{"[Content_Types].xml", TEST_DOCX_TYPES}, {"_rels/.rels", TEST_DOCX_RELS}, {"word/document.xml", buf_str(&doc)}};
    return make_zip(a, f, 3, len);
}

/* n cells mentioning 表 in rows of 64 above the header row (find_title). */
static void *hostile_cells_above_header(Arena *a, int n, size_t *len)
{
    Buf rows = BUF_INIT(a);
    for (int i = 0; i < n; i++) {
        if (i % 64 == 0) buf_puts(&rows, i ? "</w:tr><w:tr>" : "<w:tr>");
        buf_puts(&rows, TC(PC("表")));
    }
    buf_puts(&rows, "</w:tr>" HEAD_ROW "<w:tr>" TC(PC("1")) TC(PC("实事")) TC(PC("区卫健局")) TC(PC("进展。")) "</w:tr>");
    return hostile_docx(a, buf_str(&rows), len);
}

/* One progress cell of n lines broken by w:br (reports grown line by line). */
static void *hostile_breaks(Arena *a, int n, size_t *len)
{
    Buf rows = BUF_INIT(a);
    buf_puts(&rows, HEAD_ROW "<w:tr>" TC(PC("1")) TC(PC("实事")) TC(PC("区卫健局")) "<w:tc><w:p><w:r>");
    for (int i = 0; i < n; i++) buf_puts(&rows, "<w:t>进展</w:t><w:br/>");
    buf_puts(&rows, "</w:r></w:p></w:tc>" TC(PC("2022年12月底")) "</w:tr>");
    return hostile_docx(a, buf_str(&rows), len);
}

/* A project over 1 + n rows merged in 实事名称, each row a unit and its
 * headed report (rows folded into the first). */
static void *hostile_vmerge(Arena *a, int n, size_t *len)
{
    Buf rows = BUF_INIT(a);
    buf_puts(&rows, HEAD_ROW);
    for (int i = 0; i <= n; i++)
        buf_printf(&rows,
                   "<w:tr>" TC(PC("1")) "<w:tc><w:tcPr><w:vMerge%s/></w:tcPr>%s</w:tc>" TC(PC("区第%d局"))
                       TC(PC("区第%d局：完成。")) TC(PC("")) "</w:tr>",
                   i ? "" : " w:val=\"restart\"", i ? "<w:p/>" : PC("实事"), i, i);
    return hostile_docx(a, buf_str(&rows), len);
}

/* One row naming n units separated by 、 and n lines headed by a unit
 * that is none of them (every heading compared with every unit). */
static void *hostile_units(Arena *a, int n, size_t *len)
{
    Buf rows = BUF_INIT(a);
    buf_puts(&rows, HEAD_ROW "<w:tr>" TC(PC("1")) TC(PC("实事")) "<w:tc><w:p><w:r><w:t>");
    for (int i = 0; i < n; i++) buf_puts(&rows, "甲、");
    buf_puts(&rows, "</w:t></w:r></w:p></w:tc><w:tc>");
    for (int i = 0; i < n; i++) buf_puts(&rows, PC("乙局：x"));
    buf_puts(&rows, "</w:tc>" TC(PC("")) "</w:tr>");
    return hostile_docx(a, buf_str(&rows), len);
}

/* A sheet of n_rows rows (a header, then projects numbered in column A)
 * and n_merges merged ranges, each over every row of 20 columns. */
static void *hostile_merges(Arena *a, int n_rows, int n_merges, size_t *len)
{
    Buf sheet = BUF_INIT(a);
    buf_puts(&sheet, "<?xml version=\"1.0\"?><worksheet xmlns=\"" S_NS "\"><sheetData>"
                     "<row><c t=\"inlineStr\"><is><t>实事名称</t></is></c><c t=\"inlineStr\"><is><t>责任单位</t></is></c></row>");
    for (int i = 1; i < n_rows; i++) buf_printf(&sheet, "<row><c><v>%d</v></c></row>", i);
    buf_puts(&sheet, "</sheetData><mergeCells>");
    for (int i = 0; i < n_merges; i++) buf_printf(&sheet, "<mergeCell ref=\"C%d:V%d\"/>", 2 + i % 9, n_rows);
    buf_puts(&sheet, "</mergeCells></worksheet>");
    static const char book[] = "<?xml version=\"1.0\"?><workbook xmlns=\"" S_NS "\" xmlns:r=\"" R_NS "\">"
                               "<sheets><sheet name=\"表\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    static const char book_rels[] =
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"" R_NS "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
    File f[] = {{"[Content_Types].xml", XLSX_TYPES}, {"_rels/.rels", XLSX_RELS}, {"xl/workbook.xml", book},
                {"xl/_rels/workbook.xml.rels", book_rels}, {"xl/worksheets/sheet1.xml", buf_str(&sheet)}};
    return make_zip(a, f, sizeof f / sizeof f[0], len);
}

/* Reads data in an arena of its own and checks what that arena took. */
static ReadTable *read_bounded(Arena *a, const void *data, size_t len)
{
    ReadTable *t = read_ok(a, data, len);
    assert_true(a->used_total < HOSTILE_ARENA_MAX);
    return t;
}

static void test_hostile_shapes(void **state)
{
    (void)state;
    Arena *in = arena_new();
    size_t len;

    void *zip = hostile_cells_above_header(in, 20000, &len);
    Arena *a = arena_new();
    ReadTable *t = read_bounded(a, zip, len);
    assert_string_equal(t->title, "表");
    assert_int_equal(t->n_rows, 1);
    arena_free(a);

    zip = hostile_breaks(in, 25000, &len);
    a = arena_new();
    t = read_bounded(a, zip, len);
    assert_int_equal(t->n_rows, 1);
    assert_int_equal(t->rows[0].n_reports, 1);
    assert_string_equal(t->rows[0].reports[0].unit, "区卫健局");
    assert_int_equal(strlen(t->rows[0].reports[0].text), 25000 * strlen("进展\n") - 1);
    assert_string_equal(t->rows[0].reports[0].text, t->rows[0].progress);
    arena_free(a);

    zip = hostile_vmerge(in, 3500, &len);
    a = arena_new();
    t = read_bounded(a, zip, len);
    assert_int_equal(t->n_rows, 1);
    const ReadRow *r = &t->rows[0];
    assert_int_equal(r->n_units, 3501);
    assert_int_equal(r->n_reports, 3501);
    assert_string_equal(r->units[3500], "区第3500局");
    assert_string_equal(r->reports[3500].unit, "区第3500局");
    assert_string_equal(r->reports[3500].text, "完成。");
    assert_int_equal(strncmp(r->progress, "区第0局：完成。\n区第1局：完成。\n", strlen("区第0局：完成。\n区第1局：完成。\n")), 0);
    arena_free(a);

    zip = hostile_units(in, 8000, &len);
    a = arena_new();
    t = read_bounded(a, zip, len);
    r = &t->rows[0];
    assert_int_equal(r->n_units, 8000);
    assert_int_equal(r->n_reports, 8000);
    assert_string_equal(r->reports[7999].unit, "乙局");
    assert_string_equal(r->reports[7999].text, "x");
    arena_free(a);

    zip = hostile_merges(in, 25000, 10000, &len);
    a = arena_new();
    t = read_bounded(a, zip, len);
    assert_int_equal(t->n_rows, 24999);
    assert_string_equal(t->rows[24998].title, "24999");
    arena_free(a);
    arena_free(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_docx_round_trip),
        cmocka_unit_test(test_xlsx_round_trip),
        cmocka_unit_test(test_docx_filled_by_hand),
        cmocka_unit_test(test_xlsx_filled_by_hand),
        cmocka_unit_test(test_zip_helpers),
        cmocka_unit_test(test_match_key),
        cmocka_unit_test(test_not_office_files),
        cmocka_unit_test(test_truncated_and_corrupted),
        cmocka_unit_test(test_oversized),
        cmocka_unit_test(test_zip_bombs),
        cmocka_unit_test(test_zip_total_cap),
        cmocka_unit_test(test_too_many_entries),
        cmocka_unit_test(test_missing_parts),
        cmocka_unit_test(test_hostile_xml),
        cmocka_unit_test(test_hostile_shapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
