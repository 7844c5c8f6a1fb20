/*
 * test_notice_seed.c - the importer on the seed notice (Linzi 2022) against
 * the reference answer, field by field; every difference is named in the
 * failure message.
 *
 * Indicator names are compared loosely (one holds the other, or they share
 * four characters in a row) and the exact ones counted: three of the
 * reference's names cannot be derived from the text without rules made for
 * them alone — 新建设美家超市 vs 新建美家超市 (the reference shortens the
 * shared verb 新建设 for the second list item only), 新改扩建公共场所标准化
 * 母婴室 vs 新改扩建标准化母婴室 (drops a locative modifier), and
 * “因案致贫”妇女当事人… vs “因案致贫”妇女… (drops 当事人). The importer
 * flags the first as a guessed name.
 */
#include "testutil.h"
#include "notice_testutil.h"

#define SEED_NOTICE "tests/data/linzi-2022-notice.txt"

static void test_seed_equals_reference(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NoticeDraft *d = nt_import_file(a, SEED_NOTICE);
    Programme *want = nt_expected(a, test_seed_path(a, "linzi-2022.json"));
    NtScore sc;
    const char *diff = nt_compare(a, d->programme, want, false, &sc);
    if (*diff) fail_msg("seed draft differs from the reference:\n%s", diff);
    assert_int_equal(sc.pairs, 26);
    assert_int_equal(sc.pairs_ok, 26);
    assert_int_equal(sc.names_loose, 26);
    print_message("seed: %d/%d (target, measure) pairs, %d/%d names exact, %d loose\n", sc.pairs_ok,
                  sc.pairs, sc.names_exact, sc.pairs, sc.names_loose);
    /* the three names explained above; more would be a regression */
    assert_true(sc.names_exact >= 23);
    arena_free(a);
}

/* Every extracted field carries the sentence it came from. */
static void test_seed_notes_have_sources(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NoticeDraft *d = nt_import_file(a, SEED_NOTICE);
    const Programme *p = d->programme;
    const char *top[] = {"title", "year", "issuer", "issued", "coordinator", "contact.phone",
                         "contact.email", "report_form_title", "public"};
    for (size_t i = 0; i < sizeof top / sizeof *top; i++) {
        const NoticeNote *n = nt_note(d, top[i], NULL);
        if (!n || !n->source) fail_msg("no source for %s", top[i]);
    }
    assert_non_null(strstr(nt_note(d, "issued", NULL)->source, "2022年6月16日"));
    assert_non_null(strstr(nt_note(d, "coordinator", NULL)->source, "区妇儿办"));
    assert_non_null(strstr(nt_note(d, "public", NULL)->source, "此件公开发布"));
    for (size_t i = 0; i < p->n_projects; i++) {
        const Project *pr = &p->projects[i];
        char path[64];
        snprintf(path, sizeof path, "projects[%zu].title", i);
        const NoticeNote *n = nt_note(d, path, NULL);
        if (!n || !n->source || !strstr(n->source, pr->title)) fail_msg("%s: no source", path);
        snprintf(path, sizeof path, "projects[%zu].report_title", i);
        n = nt_note(d, path, NULL);
        if (!n || !n->source || !strstr(n->source, pr->report_title)) fail_msg("%s: no source", path);
        for (size_t u = 0; u < pr->n_units; u++) {
            snprintf(path, sizeof path, "projects[%zu].units[%zu]", i, u);
            n = nt_note(d, path, NULL);
            if (!n || !n->source || !strstr(n->source, pr->units[u].unit_name))
                fail_msg("%s: no source naming %s", path, pr->units[u].unit_name);
        }
        for (size_t k = 0; k < pr->n_indicators; k++) {
            snprintf(path, sizeof path, "projects[%zu].indicators[%zu]", i, k);
            n = nt_note(d, path, NULL);
            if (!n || !n->source) fail_msg("%s: no source", path);
        }
        for (size_t k = 0; k < pr->n_standards; k++) {
            snprintf(path, sizeof path, "projects[%zu].standards[%zu]", i, k);
            n = nt_note(d, path, NULL);
            if (!n || !n->source || !strstr(n->source, "每人补贴")) fail_msg("%s: no source", path);
        }
    }
    /* the source is the published sentence, not the normalised one */
    const NoticeNote *n = nt_note(d, "projects[0].indicators[2]", NULL);
    assert_non_null(strstr(n->source, "年内更换中小学 500间教室灯具"));
    n = nt_note(d, "projects[1].indicators[0]", NULL);
    assert_non_null(strstr(n->source, "35－64岁"));
    arena_free(a);
}

/* What is not a target is flagged where a reviewer would look for it. */
static void test_seed_flags(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NoticeDraft *d = nt_import_file(a, SEED_NOTICE);
    const NoticeNote *n = nt_note(d, "projects[1].indicators", NULL);
    assert_non_null(n);
    assert_non_null(n->flag);
    assert_non_null(strstr(n->flag, "3年完成"));
    n = nt_note(d, "projects[5].indicators[0]", NULL);
    assert_non_null(n->flag);
    assert_non_null(strstr(n->flag, "“十”处按10计"));
    n = nt_note(d, "projects[9].indicators[2]", NULL);
    assert_non_null(n->flag); /* 美家超市: the verb was carried over */
    /* nothing unsure about the plain targets */
    assert_null(nt_note(d, "projects[0].indicators[0]", NULL)->flag);
    arena_free(a);
}

/* The JSON is the programme's shape plus the review notes, and reads back. */
static void test_seed_json_round_trip(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NoticeDraft *d = nt_import_file(a, SEED_NOTICE);
    json_t *j = notice_draft_to_json(d);
    json_t *review = json_object_get(j, "review");
    assert_true(json_is_array(review));
    assert_int_equal(json_array_size(review), d->n_notes);
    json_t *first = json_array_get(review, 0);
    assert_string_equal(json_string_value(json_object_get(first, "path")), "title");
    Programme *back = NULL;
    Err e = ERR_INIT;
    assert_int_equal(programme_from_json(j, a, &back, &e), 0);
    NtScore sc;
    const char *diff = nt_compare(a, back, d->programme, true, &sc);
    if (*diff) fail_msg("JSON round trip differs:\n%s", diff);
    json_decref(j);
    char *text = notice_draft_json_text(d, a);
    assert_non_null(strstr(text, "\"format\": \"shishi-program/1\""));
    assert_non_null(strstr(text, "\"review\""));
    arena_free(a);
}

/* The draft validates once a reviewer has nothing to add (the seed says it all). */
static void test_seed_draft_validates(void **state)
{
    (void)state;
    Arena *a = arena_new();
    NoticeDraft *d = nt_import_file(a, SEED_NOTICE);
    Err e = ERR_INIT;
    if (programme_validate(d->programme, &e) < 0) fail_msg("%s: %s", e.field, e.msg);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_equals_reference),
        cmocka_unit_test(test_seed_notes_have_sources),
        cmocka_unit_test(test_seed_flags),
        cmocka_unit_test(test_seed_json_round_trip),
        cmocka_unit_test(test_seed_draft_validates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
