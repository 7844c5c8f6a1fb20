/* test_lib.c - lib/: arena, buf, numeral, strmap, utf8, timeutil. */
#include "testutil.h"

#include "lib/buf.h"
#include "lib/numeral.h"
#include "lib/strmap.h"
#include "lib/timeutil.h"
#include "lib/utf8.h"

static void arena_basics(void **state)
{
    (void)state;
    Arena *a = arena_new();
    char *s = arena_strdup(a, "实事");
    assert_string_equal(s, "实事");
    assert_null(arena_strdup(a, NULL));
    assert_string_equal(arena_printf(a, "%d年", 2022), "2022年");
    /* zeroed, aligned, and large blocks get their own chunk */
    long *l = arena_alloc(a, sizeof(long) * 4);
    assert_int_equal(((uintptr_t)l) % 16, 0);
    assert_int_equal(l[3], 0);
    char *big = arena_alloc(a, 1 << 20);
    big[(1 << 20) - 1] = 'x';
    int *v = ARENA_ARRAY(a, int, 4);
    v[3] = 7;
    int *w = arena_grow(a, v, 4, 8, sizeof(int));
    assert_int_equal(w[3], 7);
    assert_int_equal(w[7], 0);
    arena_free(a);
    arena_free(NULL);
}

static void buf_basics(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Buf b = BUF_INIT(a);
    assert_string_equal(buf_str(&b), "");
    for (int i = 0; i < 1000; i++) buf_printf(&b, "%d,", i);
    assert_true(b.len > 3000);
    assert_int_equal(strncmp(b.data, "0,1,2,", 6), 0);
    buf_reset(&b);
    buf_puts(&b, "区妇儿办");
    assert_string_equal(buf_str(&b), "区妇儿办");
    Buf h = BUF_INIT(NULL);
    buf_append(&h, "ab\0c", 4);
    size_t n;
    char *d = buf_detach(&h, &n);
    assert_int_equal(n, 4);
    assert_int_equal(d[3], 'c');
    free(d);
    arena_free(a);
}

static void utf8_checks(void **state)
{
    (void)state;
    assert_true(utf8_valid("临淄区", strlen("临淄区")));
    assert_false(utf8_valid("\xC0\xAF", 2));           /* overlong '/' */
    assert_false(utf8_valid("\xED\xA0\x80", 3));       /* surrogate */
    assert_false(utf8_valid("\xE4\xB8", 2));           /* truncated */
    assert_false(utf8_valid("a\0b", 3));               /* NUL */
    assert_false(utf8_valid("\xF4\x90\x80\x80", 4));   /* above U+10FFFF */
    assert_int_equal(utf8_chars("区教体局"), 4);
    assert_int_equal(utf8_width("区教体局"), 8);
    assert_int_equal(utf8_width("ab"), 2);
    assert_int_equal(utf8_width("１２"), 4);            /* full-width digits */
    assert_int_equal(utf8_width("“两癌”"), 6);          /* quotes narrow, as wcwidth */
    /* a prefix never cuts a character */
    assert_int_equal(utf8_prefix_len("区教体局", 4), 3);
    assert_int_equal(utf8_prefix_len("ab", 10), 2);
    size_t start;
    const char *s = "\xE3\x80\x80 区妇联 \t";
    size_t n = utf8_trim(s, strlen(s), &start);
    assert_int_equal(n, strlen("区妇联"));
    assert_memory_equal(s + start, "区妇联", n);
    assert_true(utf8_blank(NULL));
    assert_true(utf8_blank("\xE3\x80\x80 \n\xE3\x80\x80"));
    assert_false(utf8_blank("\xE3\x80\x80区"));
    char out[4];
    assert_int_equal(utf8_encode(0x4E2D, out), 3);
    const char *p = out;
    assert_int_equal(utf8_decode(&p, out + 3), 0x4E2D);
}

static void dates(void **state)
{
    (void)state;
    Arena *a = arena_new();
    int d;
    assert_true(date_parse("2022-06-16", &d));
    assert_string_equal(date_iso(a, d), "2022-06-16");
    assert_string_equal(date_cn(a, d), "2022年6月16日");
    assert_true(date_parse("2024-02-29", &d));
    assert_false(date_parse("2022-02-29", &d));
    assert_false(date_parse("2022-13-01", &d));
    assert_false(date_parse("2022-6-16", &d));
    assert_false(date_parse("2022-06-16x", &d));
    assert_false(date_parse(NULL, &d));
    assert_int_equal(date_from_ymd(1970, 1, 1), 0);
    assert_int_equal(date_from_ymd(2022, 12, 31) - date_from_ymd(2022, 1, 1), 364);
    int y, m, dd;
    date_to_ymd(date_from_ymd(2000, 2, 29), &y, &m, &dd);
    assert_int_equal(y * 10000 + m * 100 + dd, 20000229);
    int64_t t;
    assert_true(ts_parse("2022-10-05T16:00:00Z", &t));
    char buf[TS_ISO_LEN];
    ts_format(t, buf);
    assert_string_equal(buf, "2022-10-05T16:00:00Z");
    assert_false(ts_parse("2022-10-05 16:00:00", &t));
    ts_offset("2022-10-05T16:00:00Z", 8 * 3600, buf);
    assert_string_equal(buf, "2022-10-06T00:00:00Z");
    ts_offset("2022-10-05T16:00:00Z", -3600, buf);
    assert_string_equal(buf, "2022-10-05T15:00:00Z");
    arena_free(a);
}

static void strmap_basics(void **state)
{
    (void)state;
    Arena *a = arena_new();
    StrMap m = STRMAP_INIT(a);
    assert_null(strmap_get(&m, "区卫健局"));
    static int vals[1000];
    char key[32];
    for (int i = 0; i < 1000; i++) { /* through several rehashes */
        snprintf(key, sizeof key, "单位%d", i);
        assert_ptr_equal(strmap_put(&m, key, &vals[i]), &vals[i]);
    }
    assert_int_equal(m.n, 1000);
    snprintf(key, sizeof key, "单位%d", 7);
    assert_ptr_equal(strmap_put(&m, key, &vals[0]), &vals[7]); /* the first value stays */
    key[0] = 'x';                                                 /* keys were copied */
    assert_ptr_equal(strmap_get(&m, "单位7"), &vals[7]);
    assert_ptr_equal(strmap_get(&m, "单位999"), &vals[999]);
    assert_null(strmap_get(&m, "单位1000"));
    assert_int_equal(m.n, 1000);
    arena_free(a);
}

static void numerals(void **state)
{
    (void)state;
    Arena *a = arena_new();
    static const struct { int n; const char *cn; } cases[] = {
        {1, "一"}, {9, "九"}, {10, "十"}, {11, "十一"}, {19, "十九"}, {20, "二十"},
        {21, "二十一"}, {99, "九十九"}, {0, "0"}, {100, "100"}, {-3, "-3"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(cn_number(a, cases[i].n), cases[i].cn);
    char buf[CN_NUMBER_MAX];
    assert_string_equal(cn_number_to(-2147483647 - 1, buf), "-2147483648");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_basics), cmocka_unit_test(buf_basics),
        cmocka_unit_test(utf8_checks), cmocka_unit_test(dates), cmocka_unit_test(strmap_basics),
        cmocka_unit_test(numerals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
