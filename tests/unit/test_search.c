/* test_search.c - core/search.c: parsing queries, snippets, and above all
 * who finds what: a reporter never gets another unit's report or ledger,
 * a draft never appears for the coordinator or a leader, in the FTS path
 * and in the LIKE fallback, and the index follows edits and deletions. */
#include "testutil.h"

#include <unistd.h>

#include "core/demo.h"
#include "core/programme.h"
#include "core/reports.h"
#include "core/search.h"
#include "core/users.h"
#include "db/store.h"
#include "lib/timeutil.h"

/* ---- pure parts -------------------------------------------------------------------- */

static void parsing(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Err e = ERR_INIT;
    SearchTerms t;
    assert_int_equal(search_parse(a, "  幼儿园\u3000课桌椅 ", &t, &e), 0);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.terms[0], "幼儿园");
    assert_string_equal(t.terms[1], "课桌椅");
    assert_true(t.fts);
    assert_int_equal(search_parse(a, "幼儿园 学位", &t, &e), 0);
    assert_false(t.fts); /* 学位 is two characters: the trigram index cannot find it */
    assert_int_equal(search_parse(a, "灯", &t, &e), 0);
    assert_false(t.fts);

    static const char *const bad[] = {"", "   ", "a b c d e", "tab\x01here", "\xff\xfe"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err_clear(&e);
        assert_int_equal(search_parse(a, bad[i], &t, &e), -1);
        assert_string_equal(e.field, "q");
    }
    err_clear(&e);
    char *longq = arena_alloc(a, 3 * 101 + 1);
    for (int i = 0; i < 101; i++) memcpy(longq + 3 * i, "园", 3);
    assert_int_equal(search_parse(a, longq, &t, &e), -1);
    arena_free(a);
}

static void quoting_and_escaping(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Err e = ERR_INIT;
    SearchTerms t;
    /* FTS5 syntax in a query is text, not operators */
    assert_int_equal(search_parse(a, "a\"b OR NEAR(x", &t, &e), 0);
    assert_string_equal(search_fts_expr(a, &t), "\"a\"\"b\" \"OR\" \"NEAR(x\"");
    assert_string_equal(search_like_pattern(a, "5%_\\"), "%5\\%\\_\\\\%");
    arena_free(a);
}

static void snippets(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Err e = ERR_INIT;
    SearchTerms t;
    assert_int_equal(search_parse(a, "学位 LED", &t, &e), 0);
    char *s = search_snippet(a, "新建幼儿园3所，提供公办学位735个，更换led灯具。", &t, 5);
    /* five characters before, fifteen in all; a match crossing the end is kept whole */
    assert_string_equal(s, "…，提供公办\x01学位\x02" "735个，更换\x01led\x02…");
    /* no match: the start of the text */
    s = search_snippet(a, "无关内容", &t, 4);
    assert_string_equal(s, "无关内容");
    arena_free(a);
}

static void scopes(void **state)
{
    (void)state;
    Id unit;
    bool drafts;
    Actor rep = {5, "unit02", ROLE_REPORTER, 2, "local"};
    assert_true(search_scope(&rep, &unit, &drafts));
    assert_true(unit == 2 && drafts);
    Actor admin = {1, "admin", ROLE_ADMIN, 0, "local"};
    assert_true(search_scope(&admin, &unit, &drafts));
    assert_true(unit == 0 && !drafts);
    Actor nobody = {0, "anonymous", ROLE_PUBLIC, 0, "local"};
    assert_false(search_scope(&nobody, &unit, &drafts));
    Actor unitless = {7, "x", ROLE_REPORTER, 0, "local"};
    assert_false(search_scope(&unitless, &unit, &drafts));

    SearchHit draft = {.kind = SEARCH_REPORT, .unit_id = 2, .status = REPORT_DRAFT};
    assert_true(search_visible(&draft, &rep));
    assert_false(search_visible(&draft, &admin));
    draft.unit_id = 3;
    assert_false(search_visible(&draft, &rep));
    SearchHit ledger = {.kind = SEARCH_LEDGER, .unit_id = 3};
    assert_false(search_visible(&ledger, &rep));
    assert_true(search_visible(&ledger, &admin));
}

/* ---- on the demo database ---------------------------------------------------------- */

static Db *db;
static Arena *arena;
static Programme *prog;
static Round *rounds;
static size_t n_rounds;
static const Actor ADMIN = {1, "admin", ROLE_ADMIN, 0, "local"};
static const Actor VIEWER = {2, "viewer", ROLE_VIEWER, 0, "local"};
static Actor unit_a, unit_b;   /* reporters of project 1's lead and of project 2's lead */
static Id draft_id, ledger_b_id;

static int setup(void **state)
{
    (void)state;
    arena = arena_new();
    Id id;
    if (test_demo_db(arena, "search.db", &ADMIN, &db, &id) < 0) return -1;
    Err e = ERR_INIT;
    if (store_programme_load(db, arena, id, &prog, &e) < 0 ||
        store_round_list(db, arena, id, &rounds, &n_rounds, &e) < 0) {
        fprintf(stderr, "setup: %s\n", e.msg);
        return -1;
    }
    unit_a = (Actor){10, "unit01", ROLE_REPORTER, prog->projects[0].units[0].unit_id, "local"};
    unit_b = (Actor){11, "unit02", ROLE_REPORTER, prog->projects[1].units[0].unit_id, "local"};
    if (unit_a.unit_id == unit_b.unit_id) return -1;

    /* unit A's draft for the fourth quarter, with a marker FTS can find
     * (PLANTEDDRAFT) and one only LIKE can (Qz) */
    Report r = {0};
    r.round_id = rounds[2].id;
    r.project_id = prog->projects[0].id;
    r.unit_id = unit_a.unit_id;
    r.status = REPORT_DRAFT;
    r.measures = "草稿内容 PLANTEDDRAFT 尚未报送 Qz";
    r.problems = "";
    r.next_steps = "";
    r.expected_completion = DATE_NONE;
    r.updated_at = "2022-10-10T00:00:00Z";
    if (report_import(db, arena, &unit_a, &prog->projects[0], &r, &e) < 0) {
        fprintf(stderr, "draft: %s\n", e.msg);
        return -1;
    }
    draft_id = r.id;
    /* unit B's submitted report and ledger entry with their own markers */
    Report s = r;
    s.id = 0;
    s.project_id = prog->projects[1].id;
    s.unit_id = unit_b.unit_id;
    s.status = REPORT_SUBMITTED;
    s.submitted_at = s.first_submitted_at = "2022-12-31T00:00:00Z";
    s.measures = "已报送 PLANTEDSUBMIT 内容";
    if (report_import(db, arena, &unit_b, &prog->projects[1], &s, &e) < 0) {
        fprintf(stderr, "submitted: %s\n", e.msg);
        return -1;
    }
    LedgerEntry l = {0};
    l.project_id = prog->projects[1].id;
    l.unit_id = unit_b.unit_id;
    l.date = date_from_ymd(2022, 11, 1);
    l.content = "台账 PLANTEDLEDGER 记录";
    l.place = "稷下街道";
    if (store_ledger_insert(db, &l, &e) < 0) return -1;
    ledger_b_id = l.id;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    db_close(db);
    arena_free(arena);
    return 0;
}

/* How many hits of kind who gets for q. */
static size_t hits(const Actor *who, const char *q, enum SearchKind kind)
{
    Arena *a = arena_new();
    SearchResult res;
    Err e = ERR_INIT;
    if (search_run(db, a, who, q, &res, &e) < 0) fail_msg("search %s: %s", q, e.msg);
    size_t n = res.n[kind];
    for (size_t i = 0; i < n; i++)
        if (!search_visible(&res.hits[kind][i], who)) fail_msg("invisible hit for %s", who->login);
    arena_free(a);
    return n;
}

static void drafts_stay_with_their_unit(void **state)
{
    (void)state;
    assert_int_equal(hits(&unit_a, "PLANTEDDRAFT", SEARCH_REPORT), 1);
    assert_int_equal(hits(&unit_b, "PLANTEDDRAFT", SEARCH_REPORT), 0);
    assert_int_equal(hits(&ADMIN, "PLANTEDDRAFT", SEARCH_REPORT), 0);
    assert_int_equal(hits(&VIEWER, "PLANTEDDRAFT", SEARCH_REPORT), 0);
    /* the same through the LIKE fallback (two characters) */
    assert_int_equal(hits(&unit_a, "Qz", SEARCH_REPORT), 1);
    assert_int_equal(hits(&unit_a, "qz", SEARCH_REPORT), 1);
    assert_int_equal(hits(&unit_b, "Qz", SEARCH_REPORT), 0);
    assert_int_equal(hits(&ADMIN, "Qz", SEARCH_REPORT), 0);
    assert_int_equal(hits(&VIEWER, "Qz", SEARCH_REPORT), 0);
}

static void other_units_reports_and_ledgers_stay_hidden(void **state)
{
    (void)state;
    /* submitted: the coordinator and leaders read it, another unit does not */
    assert_int_equal(hits(&unit_b, "PLANTEDSUBMIT", SEARCH_REPORT), 1);
    assert_int_equal(hits(&ADMIN, "PLANTEDSUBMIT", SEARCH_REPORT), 1);
    assert_int_equal(hits(&VIEWER, "PLANTEDSUBMIT", SEARCH_REPORT), 1);
    assert_int_equal(hits(&unit_a, "PLANTEDSUBMIT", SEARCH_REPORT), 0);
    assert_int_equal(hits(&unit_b, "PLANTEDLEDGER", SEARCH_LEDGER), 1);
    assert_int_equal(hits(&ADMIN, "PLANTEDLEDGER", SEARCH_LEDGER), 1);
    assert_int_equal(hits(&unit_a, "PLANTEDLEDGER", SEARCH_LEDGER), 0);
    assert_int_equal(hits(&unit_a, "稷下街道", SEARCH_LEDGER) <
                         hits(&ADMIN, "稷下街道", SEARCH_LEDGER), 1);
    /* projects are everyone's */
    assert_int_equal(hits(&unit_a, "困境儿童", SEARCH_PROJECT), 1);
    assert_int_equal(hits(&unit_b, "困境儿童", SEARCH_PROJECT), 1);
    /* demo text: other units' accepted reports are not unit A's to read */
    Arena *a = arena_new();
    SearchResult res;
    Err e = ERR_INIT;
    assert_int_equal(search_run(db, a, &unit_a, "开展", &res, &e), 0);
    for (size_t i = 0; i < res.n[SEARCH_REPORT]; i++)
        assert_true(res.hits[SEARCH_REPORT][i].unit_id == unit_a.unit_id);
    for (size_t i = 0; i < res.n[SEARCH_LEDGER]; i++)
        assert_true(res.hits[SEARCH_LEDGER][i].unit_id == unit_a.unit_id);
    assert_int_equal(search_run(db, a, &ADMIN, "开展", &res, &e), 0);
    for (size_t i = 0; i < res.n[SEARCH_REPORT]; i++)
        assert_int_not_equal(res.hits[SEARCH_REPORT][i].status, REPORT_DRAFT);
    arena_free(a);
}

static void snippets_are_marked(void **state)
{
    (void)state;
    Arena *a = arena_new();
    SearchResult res;
    Err e = ERR_INIT;
    assert_int_equal(search_run(db, a, &ADMIN, "幼儿园", &res, &e), 0);
    assert_false(res.fallback);
    assert_true(res.n[SEARCH_PROJECT] >= 1);
    assert_non_null(strstr(res.hits[SEARCH_PROJECT][0].text, SEARCH_MARK_OPEN "幼儿园" SEARCH_MARK_CLOSE));
    assert_int_equal(search_run(db, a, &ADMIN, "学位", &res, &e), 0);
    assert_true(res.fallback);
    assert_true(res.n[SEARCH_PROJECT] >= 1);
    assert_non_null(strstr(res.hits[SEARCH_PROJECT][0].text, SEARCH_MARK_OPEN "学位" SEARCH_MARK_CLOSE));
    /* the public may not search */
    Actor nobody = {0, "anonymous", ROLE_PUBLIC, 0, "local"};
    assert_int_equal(search_run(db, a, &nobody, "幼儿园", &res, &e), -1);
    assert_int_equal(e.code, ERR_FORBIDDEN);
    arena_free(a);
}

static void the_index_follows_changes(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Err e = ERR_INIT;
    Report r;
    assert_int_equal(store_report_get(db, a, draft_id, &r, &e), 0);
    r.measures = "改写后的内容 REWRITTEN";
    r.version++;
    assert_int_equal(report_import(db, a, &unit_a, &prog->projects[0], &r, &e), 0);
    assert_int_equal(hits(&unit_a, "PLANTEDDRAFT", SEARCH_REPORT), 0);
    assert_int_equal(hits(&unit_a, "REWRITTEN", SEARCH_REPORT), 1);
    /* once submitted, the coordinator finds it */
    r.status = REPORT_SUBMITTED;
    r.submitted_at = r.first_submitted_at = "2023-01-02T00:00:00Z";
    r.version++;
    assert_int_equal(report_import(db, a, &unit_a, &prog->projects[0], &r, &e), 0);
    assert_int_equal(hits(&ADMIN, "REWRITTEN", SEARCH_REPORT), 1);
    /* a deleted ledger entry is gone from the index */
    assert_int_equal(store_ledger_delete(db, ledger_b_id, &e), 0);
    assert_int_equal(hits(&ADMIN, "PLANTEDLEDGER", SEARCH_LEDGER), 0);
    /* a changed project title */
    Programme *p;
    assert_int_equal(store_programme_load(db, a, prog->id, &p, &e), 0);
    p->projects[2].title = "加强困境儿童权利保障 RETITLED";
    assert_int_equal(db_begin(db, &e), 0);
    assert_int_equal(store_programme_save(db, p, &e), 0);
    assert_int_equal(db_commit(db, &e), 0);
    assert_int_equal(hits(&unit_b, "RETITLED", SEARCH_PROJECT), 1);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(parsing),
        cmocka_unit_test(quoting_and_escaping),
        cmocka_unit_test(snippets),
        cmocka_unit_test(scopes),
    };
    const struct CMUnitTest with_db[] = {
        cmocka_unit_test(drafts_stay_with_their_unit),
        cmocka_unit_test(other_units_reports_and_ledgers_stay_hidden),
        cmocka_unit_test(snippets_are_marked),
        cmocka_unit_test(the_index_follows_changes),
    };
    int failed = cmocka_run_group_tests_name("search, pure", pure, NULL, NULL);
    failed += cmocka_run_group_tests_name("search on the demo", with_db, setup, teardown);
    return failed ? 1 : 0;
}
