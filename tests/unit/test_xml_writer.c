/* test_xml_writer.c - the escaping XML writer. */
#include "testutil.h"

#include "io/xml_writer.h"

static const char *write_doc(Arena *a, const char *text, const char *attr, size_t *stripped)
{
    Buf b = BUF_INIT(a);
    XmlWriter w;
    xml_init(&w, &b);
    xml_decl(&w);
    xml_open(&w, "root");
    xml_attr(&w, "v", attr);
    xml_open(&w, "empty");
    xml_close(&w);
    xml_elem_text(&w, "t", text);
    xml_leaf_int(&w, "n", "val", -42);
    xml_close(&w);
    assert_true(xml_done(&w));
    if (stripped) *stripped = w.stripped;
    return buf_str(&b);
}

static void test_structure(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *doc = write_doc(a, "plain", "x", NULL);
    assert_string_equal(doc, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                             "<root v=\"x\"><empty/><t>plain</t><n val=\"-42\"/></root>");
    arena_free(a);
}

static void test_escaping(void **state)
{
    (void)state;
    Arena *a = arena_new();
    size_t stripped;
    const char *doc = write_doc(a, "a<b>&\"c\" 实事\r\n", "<\"&'>\t\n", &stripped);
    assert_non_null(strstr(doc, "<t>a&lt;b&gt;&amp;\"c\" 实事&#13;\n</t>"));
    assert_non_null(strstr(doc, "v=\"&lt;&quot;&amp;'&gt;&#9;&#10;\""));
    assert_int_equal(stripped, 0);
    arena_free(a);
}

static void test_illegal_characters(void **state)
{
    (void)state;
    Arena *a = arena_new();
    size_t stripped;
    /* NUL cannot be in a C string; the other C0 controls, DEL, C1, U+FFFE/F
     * and malformed UTF-8 (lone continuation, overlong, surrogate) can. */
    const char *doc = write_doc(a, "a\x01\x08\x0b\x1f\x7f\xc2\x85\xef\xbf\xbe\xef\xbf\xbf" "b\x80\xc0\xaf\xed\xa0\x80" "c",
                                "\x02x", &stripped);
    assert_non_null(strstr(doc, "<t>ab\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "c</t>"));
    assert_non_null(strstr(doc, "v=\"x\""));
    assert_int_equal(stripped, 8 + 6 + 1); /* 8 dropped, 6 bytes replaced, 1 in the attribute */
    /* the clean copy for libraries: controls gone, markup left alone */
    assert_string_equal(xml_clean(a, "<a>\x01&\x1b" "b\n\t"), "<a>&b\n\t");
    assert_null(xml_clean(a, NULL));
    arena_free(a);
}

static void test_escape_function(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Buf b = BUF_INIT(a);
    assert_int_equal(xml_escape(&b, "x>y", 3, false), 0);
    assert_int_equal(xml_escape(&b, "\x01", 1, true), 1);
    assert_string_equal(buf_str(&b), "x&gt;y");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_structure),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_illegal_characters),
        cmocka_unit_test(test_escape_function),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
