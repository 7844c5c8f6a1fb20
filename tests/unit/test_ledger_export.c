/* test_ledger_export.c - the work ledger as CSV and XLSX (io/ledger_export.c). */
#include "testutil.h"

#include <math.h>
#include <zip.h>

#include "io/ledger_export.h"
#include "lib/timeutil.h"

static LedgerSheet sample(Arena *a)
{
    static Indicator inds[1] = {{7, "新建美家超市", 160, "家", CMP_GE, 0, NULL}};
    static Project pr = {0};
    pr.indicators = inds;
    pr.n_indicators = 1;
    LedgerEntry *l = ARENA_ARRAY(a, LedgerEntry, 3);
    l[0] = (LedgerEntry){.date = date_from_ymd(2022, 5, 6), .content = "齐都镇新建美家超市4家", .place = "齐都镇",
                         .quantity = 4, .has_quantity = true, .indicator_id = 7, .funds_fen = 1200000};
    l[1] = (LedgerEntry){.date = date_from_ymd(2022, 6, 1), .content = "=HYPERLINK(\"x\")培训“美家超市”管理员",
                         .place = NULL, .funds_fen = 50};
    l[2] = (LedgerEntry){.date = date_from_ymd(2022, 7, 9), .content = "辛店街道新建美家超市6家", .quantity = 6,
                         .has_quantity = true, .indicator_id = 7};
    double *run = ARENA_ARRAY(a, double, 3);
    run[0] = 4;
    run[1] = NAN;
    run[2] = 10;
    return (LedgerSheet){"工作台账 · 区妇联 · 实施家庭品质提升工程", &pr, l, 3, run};
}

static void csv(void **state)
{
    (void)state;
    Arena *a = arena_new();
    LedgerSheet s = sample(a);
    void *out;
    size_t len;
    Err e = ERR_INIT;
    assert_int_equal(ledger_csv(&s, a, &out, &len, &e), 0);
    const char *t = out;
    assert_memory_equal(t, "\xEF\xBB\xBF\"日期\"", strlen("\xEF\xBB\xBF\"日期\""));
    assert_non_null(strstr(t, "\"2022-05-06\",\"齐都镇新建美家超市4家\",\"齐都镇\",\"4\",\"新建美家超市\",\"4\",\"12000\"\r\n"));
    /* a formula is defused, inner quotes doubled */
    assert_non_null(strstr(t, "\"'=HYPERLINK(\"\"x\"\")培训“美家超市”管理员\""));
    assert_non_null(strstr(t, "\"2022-07-09\",\"辛店街道新建美家超市6家\",\"\",\"6\",\"新建美家超市\",\"10\",\"0\"\r\n"));
    assert_non_null(strstr(t, "\"合计\",\"\",\"\",\"\",\"\",\"\",\"12000.5\"\r\n"));
    arena_free(a);
}

static void xlsx(void **state)
{
    (void)state;
    Arena *a = arena_new();
    LedgerSheet s = sample(a);
    void *out;
    size_t len;
    Err e = ERR_INIT;
    assert_int_equal(ledger_xlsx(&s, a, &out, &len, &e), 0);
    zip_error_t ze;
    zip_source_t *src = zip_source_buffer_create(out, len, 0, &ze);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, "xl/sharedStrings.xml", 0, &st), 0);
    char *xml = arena_alloc(a, st.size + 1);
    zip_file_t *f = zip_fopen(z, "xl/sharedStrings.xml", 0);
    assert_int_equal(zip_fread(f, xml, st.size), (zip_int64_t)st.size);
    zip_fclose(f);
    assert_non_null(strstr(xml, "齐都镇新建美家超市4家"));
    assert_non_null(strstr(xml, "工作台账 · 区妇联"));
    assert_true(zip_name_locate(z, "xl/worksheets/sheet1.xml", 0) >= 0);
    zip_close(z);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(csv), cmocka_unit_test(xlsx)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
