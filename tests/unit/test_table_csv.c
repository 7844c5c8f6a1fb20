/* test_table_csv.c - the quarterly table as CSV, parsed back by an RFC 4180 reader. */
#include "testutil.h"
#include "table_fixture.h"

#include "io/report_table.h"
#include "lib/buf.h"

typedef struct Csv {
    const char **cells;  /* row-major */
    size_t n_rows, cols;
} Csv;

/* A strict RFC 4180 reader: records end with CRLF (a lone LF or CR outside
 * quotes fails the test), quoted fields may hold anything with "" for a
 * quote, every record has the same number of fields. */
static Csv parse_csv(Arena *a, const char *s, size_t len)
{
    Csv csv = {0};
    size_t cap = 64, n = 0, fields = 0;
    csv.cells = ARENA_ARRAY(a, const char *, cap);
    const char *p = s, *end = s + len;
    while (p < end) {
        Buf f = BUF_INIT(a);
        if (*p == '"') {
            p++;
            for (;;) {
                if (p >= end) fail_msg("unterminated quoted field");
                if (*p == '"') {
                    if (p + 1 < end && p[1] == '"') {
                        buf_putc(&f, '"');
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                buf_putc(&f, *p++);
            }
        } else {
            while (p < end && *p != ',' && *p != '\r' && *p != '\n') {
                if (*p == '"') fail_msg("quote inside an unquoted field");
                buf_putc(&f, *p++);
            }
        }
        if (n == cap) {
            csv.cells = arena_grow(a, csv.cells, n, cap * 2, sizeof *csv.cells);
            cap *= 2;
        }
        csv.cells[n++] = f.data ? f.data : "";
        fields++;
        if (p < end && *p == ',') {
            p++;
            continue;
        }
        if (p + 1 < end && p[0] == '\r' && p[1] == '\n') {
            p += 2;
        } else if (p < end) {
            fail_msg("record does not end with CRLF");
        }
        if (csv.cols == 0) csv.cols = fields;
        else if (fields != csv.cols) fail_msg("record %zu has %zu fields, not %zu", csv.n_rows + 1, fields, csv.cols);
        csv.n_rows++;
        fields = 0;
    }
    assert_true(len >= 2 && s[len - 2] == '\r' && s[len - 1] == '\n');
    return csv;
}

static const char *cell(const Csv *c, size_t row, size_t col)
{
    return c->cells[row * c->cols + col];
}

static Csv export(Arena *a, const ReportTable *t)
{
    void *data;
    size_t len;
    Err e = ERR_INIT;
    assert_int_equal(table_csv(t, a, &data, &len, &e), 0);
    const char *s = data;
    assert_true(len > 3);
    assert_memory_equal(s, "\xEF\xBB\xBF", 3);
    return parse_csv(a, s + 3, len - 3);
}

static void test_round_trip(void **state)
{
    (void)state;
    Arena *a = arena_new();
    ReportTable t = linzi_table(a);
    Csv c = export(a, &t);
    assert_int_equal(c.cols, 5);
    assert_int_equal(c.n_rows, 11);
    for (size_t k = 0; k < 5; k++) assert_string_equal(cell(&c, 0, k), REPORT_TABLE_HEADERS[k]);
    for (size_t i = 0; i < 10; i++) {
        const TableRow *r = &t.rows[i];
        char no[8];
        snprintf(no, sizeof no, "%d", r->no);
        assert_string_equal(cell(&c, i + 1, 0), no);
        assert_string_equal(cell(&c, i + 1, 1), r->title);
        /* units one per line; reports headed when the row has several units */
        Buf units = BUF_INIT(a), prog = BUF_INIT(a);
        for (size_t u = 0; u < r->n_units; u++) {
            buf_printf(&units, "%s%s", u ? "\n" : "", r->units[u].name);
            buf_printf(&prog, "%s%s%s%s", u ? "\n" : "", r->n_units > 1 ? r->units[u].name : "",
                       r->n_units > 1 ? "：" : "", r->units[u].text);
        }
        assert_string_equal(cell(&c, i + 1, 2), buf_str(&units));
        assert_string_equal(cell(&c, i + 1, 3), buf_str(&prog));
        assert_string_equal(cell(&c, i + 1, 4), LINZI_DEADLINE);
    }
    assert_string_equal(cell(&c, 2, 2), "区卫健局\n区妇联\n区民政局\n区财政局");
    arena_free(a);
}

static void test_quoting_and_injection(void **state)
{
    (void)state;
    Arena *a = arena_new();
    TableUnit units[] = {{"区\"教体\"局", "=HYPERLINK(\"http://x\")"}, {"区妇联", "第一行\r\n第二行, 含逗号\x01"}};
    TableRow rows[] = {{1, "-1+2", units, 2, "@SUM(A1)"}, {2, "+cmd", NULL, 0, NULL}};
    ReportTable t = {.title = "表", .rows = rows, .n_rows = 2};
    Csv c = export(a, &t);
    assert_int_equal(c.n_rows, 3);
    assert_string_equal(cell(&c, 1, 1), "'-1+2");
    assert_string_equal(cell(&c, 1, 2), "区\"教体\"局\n区妇联");
    /* a heading precedes each report, so the cell does not start with = */
    assert_string_equal(cell(&c, 1, 3), "区\"教体\"局：=HYPERLINK(\"http://x\")\n区妇联：第一行\n第二行, 含逗号");
    assert_string_equal(cell(&c, 1, 4), "'@SUM(A1)");
    assert_string_equal(cell(&c, 2, 1), "'+cmd");
    assert_string_equal(cell(&c, 2, 2), "");
    assert_string_equal(cell(&c, 2, 4), "");

    TableUnit one = {"区教体局", "=1+1"};
    TableRow r1 = {3, "项目", &one, 1, "2022年"};
    ReportTable t1 = {.rows = &r1, .n_rows = 1};
    c = export(a, &t1);
    assert_string_equal(cell(&c, 1, 3), "'=1+1");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_quoting_and_injection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
