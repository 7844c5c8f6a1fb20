/* test_report_flow.c - the report cycle, report-once prefill, the ledger
 * and the file store, on the demo database (core/report_flow.c, ledger.c,
 * files.c, warning.c). */
#include "testutil.h"

#include <dirent.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/demo.h"
#include "core/files.h"
#include "core/ledger.h"
#include "core/programme_ops.h"
#include "core/report_flow.h"
#include "core/users.h"
#include "core/warning.h"
#include "db/store.h"
#include "lib/timeutil.h"

static Db *db;
static Arena *arena;
static Programme *prog;
static Round *rounds;
static size_t n_rounds;
static char *files_dir;

static const Actor ADMIN = {1, "admin", ROLE_ADMIN, 0, "local"};

static int setup(void **state)
{
    (void)state;
    arena = arena_new();
    files_dir = test_tmp(arena, "files");
    mkdir(files_dir, 0700);
    Id pid;
    if (test_demo_db(arena, "flow.db", &ADMIN, &db, &pid) < 0) return -1;
    Err e = ERR_INIT;
    if (store_programme_load(db, arena, pid, &prog, &e) < 0 ||
        store_round_list(db, arena, pid, &rounds, &n_rounds, &e) < 0) {
        fprintf(stderr, "setup: %s\n", e.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    db_close(db);
    arena_free(arena);
    return 0;
}

/* The demo account of the unit (user ids are foreign keys of versions). */
static Actor reporter_of(const Project *pr, size_t u)
{
    User *users;
    size_t n;
    Err e = ERR_INIT;
    if (store_user_list(db, arena, &users, &n, &e) < 0) fail_msg("%s", e.msg);
    for (size_t i = 0; i < n; i++)
        if (users[i].role == ROLE_REPORTER && users[i].unit_id == pr->units[u].unit_id)
            return (Actor){users[i].id, users[i].login, ROLE_REPORTER, users[i].unit_id, "local"};
    fail_msg("no account for %s", pr->units[u].unit_name);
    return (Actor){0};
}

static void full_cycle(void **state)
{
    (void)state;
    const Project *pr = &prog->projects[0]; /* 区教体局, five indicators */
    const Round *q4 = &rounds[2];
    Actor clerk = reporter_of(pr, 0);
    ReportContext *c;
    Err e = ERR_INIT;
    assert_int_equal(report_context(db, arena, q4->id, pr->id, pr->units[0].unit_id, &c, &e), 0);
    assert_false(c->stored);
    /* report once: the previous report's text and figures come along */
    assert_true(strlen(c->report.measures) > 0);
    assert_true(c->previous[1] == 600);
    assert_true(report_value_of(&c->report, pr->indicators[1].id) >= 600);
    /* a ledger total above the last report wins; below it does not pull it back */
    assert_true(report_value_of(&c->report, pr->indicators[2].id) == 500);

    Report in = c->report;
    in.measures = "";
    assert_int_equal(report_save(db, arena, &clerk, c, &in, 0, REPORT_ACTION_SUBMIT, &e), -1);
    assert_string_equal(e.field, "measures");
    err_clear(&e);
    in.measures = "\xE3\x80\x80\xE3\x80\x80 \xE3\x80\x80"; /* ideographic spaces are blank too */
    assert_int_equal(report_save(db, arena, &clerk, c, &in, 0, REPORT_ACTION_SUBMIT, &e), -1);
    assert_string_equal(e.field, "measures");
    err_clear(&e);
    /* another unit's clerk, the coordinator: refused */
    Actor other = reporter_of(&prog->projects[1], 1);
    in.measures = "第四季度新建幼儿园全部投用。";
    assert_int_equal(report_save(db, arena, &other, c, &in, 0, REPORT_ACTION_SAVE, &e), -1);
    assert_int_equal(e.code, ERR_FORBIDDEN);
    err_clear(&e);
    assert_int_equal(report_save(db, arena, &ADMIN, c, &in, 0, REPORT_ACTION_SAVE, &e), -1);
    err_clear(&e);

    assert_int_equal(report_save(db, arena, &clerk, c, &in, 0, REPORT_ACTION_SAVE, &e), 0);
    assert_int_equal(c->report.status, REPORT_DRAFT);
    assert_int_equal(c->report.version, 1);
    /* a form drawn from an older version is refused */
    assert_int_equal(report_save(db, arena, &clerk, c, &in, 0, REPORT_ACTION_SAVE, &e), -1);
    assert_int_equal(e.code, ERR_CONFLICT);
    err_clear(&e);
    assert_int_equal(report_save(db, arena, &clerk, c, &in, 1, REPORT_ACTION_SUBMIT, &e), 0);
    assert_int_equal(c->report.status, REPORT_SUBMITTED);
    assert_non_null(c->report.first_submitted_at);
    /* submitted: read-only until returned */
    assert_int_equal(report_save(db, arena, &clerk, c, &in, 2, REPORT_ACTION_SAVE, &e), -1);
    assert_int_equal(e.code, ERR_CONFLICT);
    err_clear(&e);

    Id rid = c->report.id;
    assert_int_equal(report_review(db, arena, &clerk, rid, true, NULL, &e), -1); /* only the office */
    err_clear(&e);
    assert_int_equal(report_review(db, arena, &ADMIN, rid, false, "  ", &e), -1);
    assert_string_equal(e.field, "reason");
    err_clear(&e);
    assert_int_equal(report_review(db, arena, &ADMIN, rid, false, "\xE3\x80\x80\xE3\x80\x80", &e), -1);
    assert_string_equal(e.field, "reason");
    err_clear(&e);
    assert_int_equal(report_review(db, arena, &ADMIN, rid, false, "请补充佐证材料", &e), 0);
    assert_int_equal(report_context(db, arena, q4->id, pr->id, pr->units[0].unit_id, &c, &e), 0);
    assert_int_equal(c->report.status, REPORT_RETURNED);
    assert_string_equal(c->report.return_reason, "请补充佐证材料");
    char *first = c->report.first_submitted_at;
    /* saving a returned report keeps it returned; resubmitting keeps the first submission time */
    assert_int_equal(report_save(db, arena, &clerk, c, &in, 3, REPORT_ACTION_SAVE, &e), 0);
    assert_int_equal(c->report.status, REPORT_RETURNED);
    assert_int_equal(report_save(db, arena, &clerk, c, &in, 4, REPORT_ACTION_SUBMIT, &e), 0);
    assert_string_equal(c->report.first_submitted_at, first);
    assert_null(c->report.return_reason);
    assert_int_equal(report_review(db, arena, &ADMIN, rid, true, NULL, &e), 0);
    assert_int_equal(report_review(db, arena, &ADMIN, rid, true, NULL, &e), -1); /* already accepted */
    err_clear(&e);

    ReportVersion *v;
    size_t nv;
    assert_int_equal(store_report_versions(db, arena, rid, &v, &nv, &e), 0);
    assert_int_equal(nv, 6);
    ReportFieldDiff *d;
    size_t nd = report_diff(arena, pr, v[0].snapshot, v[nv - 1].snapshot, &d);
    assert_true(nd >= 1);
    assert_string_equal(d[0].label, "状态");
    assert_string_equal(d[0].before, "草稿");
    assert_string_equal(d[0].after, "已采纳");
}

static void closed_round(void **state)
{
    (void)state;
    const Project *pr = &prog->projects[6]; /* no indicators */
    Round q4 = rounds[2];
    Err e = ERR_INIT;
    q4.closed = true;
    assert_int_equal(round_change(db, arena, &ADMIN, prog, &q4, &e), 0);
    ReportContext *c;
    assert_int_equal(report_context(db, arena, q4.id, pr->id, pr->units[0].unit_id, &c, &e), 0);
    Actor clerk = reporter_of(pr, 0);
    Report in = c->report;
    in.measures = "持续开展护校安全行动。";
    assert_int_equal(report_save(db, arena, &clerk, c, &in, 0, REPORT_ACTION_SAVE, &e), -1);
    assert_int_equal(e.code, ERR_CONFLICT);
    err_clear(&e);
    q4.closed = false;
    assert_int_equal(round_change(db, arena, &ADMIN, prog, &q4, &e), 0);
    assert_int_equal(report_context(db, arena, q4.id, pr->id, pr->units[0].unit_id, &c, &e), 0);
    in = c->report;
    in.measures = "持续开展护校安全行动。";
    in.self_status = SELF_NONE;
    assert_int_equal(report_save(db, arena, &clerk, c, &in, 0, REPORT_ACTION_SUBMIT, &e), -1);
    assert_string_equal(e.field, "self_status");
    err_clear(&e);
    in.self_status = SELF_DONE;
    assert_int_equal(report_save(db, arena, &clerk, c, &in, 0, REPORT_ACTION_SUBMIT, &e), 0);
    /* an extra round, and one outside the programme */
    Round extra = {0};
    extra.name = "2022年11月调度";
    extra.period_start = DATE_NONE;
    extra.period_end = date_from_ymd(2022, 11, 30);
    extra.due = DATE_NONE;
    assert_int_equal(round_add(db, arena, &ADMIN, prog, &extra, &e), 0);
    assert_int_equal(extra.due, date_from_ymd(2022, 12, 5));
    Round bad = extra;
    bad.id = 0;
    bad.name = "2023年1月";
    bad.period_end = date_from_ymd(2023, 1, 31);
    bad.due = DATE_NONE;
    assert_int_equal(round_add(db, arena, &ADMIN, prog, &bad, &e), -1);
    assert_string_equal(e.field, "period_end");
}

/* Two forms drawn from the same version, saved one after the other (as
 * two requests racing for the write lock would be): the second is refused
 * with the page's message, not a database error. */
static void concurrent_save(void **state)
{
    (void)state;
    const Project *pr = &prog->projects[3];
    const Round *q4 = &rounds[2];
    Actor clerk = reporter_of(pr, 0);
    Id unit = pr->units[0].unit_id;
    ReportContext *c1, *c2;
    Err e = ERR_INIT;
    /* a report nobody has saved yet */
    assert_int_equal(report_context(db, arena, q4->id, pr->id, unit, &c1, &e), 0);
    assert_int_equal(report_context(db, arena, q4->id, pr->id, unit, &c2, &e), 0);
    assert_false(c1->stored);
    Report in = c1->report;
    in.measures = "第四季度继续推进。";
    assert_int_equal(report_save(db, arena, &clerk, c1, &in, 0, REPORT_ACTION_SAVE, &e), 0);
    assert_int_equal(report_save(db, arena, &clerk, c2, &in, 0, REPORT_ACTION_SAVE, &e), -1);
    assert_int_equal(e.code, ERR_CONFLICT);
    assert_string_equal(e.msg, "报告已被他人修改，请刷新页面后重新填写");
    err_clear(&e);
    /* a stored report, both forms at version 1 */
    assert_int_equal(report_context(db, arena, q4->id, pr->id, unit, &c2, &e), 0);
    assert_int_equal(c2->report.version, 1);
    assert_int_equal(report_save(db, arena, &clerk, c1, &in, 1, REPORT_ACTION_SAVE, &e), 0);
    assert_int_equal(report_save(db, arena, &clerk, c2, &in, 1, REPORT_ACTION_SAVE, &e), -1);
    assert_int_equal(e.code, ERR_CONFLICT);
    assert_string_equal(e.msg, "报告已被他人修改，请刷新页面后重新填写");
    err_clear(&e);
    /* submitted meanwhile: the form says so */
    assert_int_equal(report_context(db, arena, q4->id, pr->id, unit, &c2, &e), 0);
    Report full = c1->report;
    full.measures = in.measures;
    assert_int_equal(report_save(db, arena, &clerk, c1, &full, 2, REPORT_ACTION_SUBMIT, &e), 0);
    assert_int_equal(report_save(db, arena, &clerk, c2, &in, 2, REPORT_ACTION_SAVE, &e), -1);
    assert_int_equal(e.code, ERR_CONFLICT);
    assert_string_equal(e.msg, "报告已报送，只有被退回后才能修改");
    err_clear(&e);
}

static void ledger(void **state)
{
    (void)state;
    const Project *pr = &prog->projects[9]; /* 区妇联 */
    Actor clerk = reporter_of(pr, 0);
    Err e = ERR_INIT;
    LedgerEntry l = {0};
    l.project_id = pr->id;
    l.unit_id = pr->units[0].unit_id;
    l.date = date_from_ymd(2022, 10, 12);
    l.content = "新建美家超市12家";
    l.has_quantity = true;
    l.quantity = 12;
    l.indicator_id = pr->indicators[2].id;
    l.funds_fen = 3600000;
    assert_int_equal(ledger_add(db, arena, &clerk, prog, pr, &l, NULL, &e), 0);
    LedgerEntry bad = l;
    bad.id = 0;
    bad.quantity = -1;
    assert_int_equal(ledger_add(db, arena, &clerk, prog, pr, &bad, NULL, &e), -1);
    assert_string_equal(e.field, "quantity");
    err_clear(&e);
    bad.quantity = 1;
    bad.date = date_today() + 30;
    assert_int_equal(ledger_add(db, arena, &clerk, prog, pr, &bad, NULL, &e), -1);
    assert_string_equal(e.field, "date");
    err_clear(&e);
    /* an indicator of another project or unit */
    bad.date = l.date;
    bad.indicator_id = prog->projects[0].indicators[0].id;
    assert_int_equal(ledger_add(db, arena, &clerk, prog, pr, &bad, NULL, &e), -1);
    assert_string_equal(e.field, "indicator");
    err_clear(&e);
    LedgerEntry *list;
    size_t n;
    assert_int_equal(store_ledger_list(db, arena, pr->id, l.unit_id, &list, &n, &e), 0);
    double *run = ARENA_ARRAY(arena, double, n);
    ledger_running_totals(list, n, run);
    /* the demo's 14 美家超市 of 2022-05-27 plus these 12: the new entry is the
     * latest, so last, and its running total counts both */
    assert_int_equal(list[n - 1].id, l.id);
    assert_float_equal(run[n - 1], 26, 0);
    Actor stranger = reporter_of(&prog->projects[0], 0);
    assert_int_equal(ledger_remove(db, arena, &stranger, files_dir, l.id, &e), -1);
    err_clear(&e);
    assert_int_equal(ledger_remove(db, arena, &clerk, files_dir, l.id, &e), 0);
}

static char *write_file(const char *name, const void *data, size_t n)
{
    char *path = test_tmp(arena, name);
    FILE *f = fopen(path, "wb");
    fwrite(data, 1, n, f);
    fclose(f);
    return path;
}

static size_t stored_files(void)
{
    size_t n = 0;
    DIR *d = opendir(files_dir);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        DIR *sub = opendir(arena_printf(arena, "%s/%s", files_dir, de->d_name));
        struct dirent *f;
        while (sub && (f = readdir(sub)))
            if (f->d_name[0] != '.') n++;
        if (sub) closedir(sub);
    }
    if (d) closedir(d);
    return n;
}

static void file_store(void **state)
{
    (void)state;
    const Project *pr = &prog->projects[0];
    Actor clerk = reporter_of(pr, 0);
    Err e = ERR_INIT;
    static const char pdf[] = "%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n";
    static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
    Attachment att = {0};
    att.kind = ATTACH_PLAN;
    att.project_id = pr->id;
    att.unit_id = pr->units[0].unit_id;
    size_t before = stored_files();
    /* a renamed executable: refused, nothing stored */
    IncomingFile bad = {write_file("setup.pdf", elf, sizeof elf), "实施方案.pdf", sizeof elf, false};
    assert_int_equal(attachment_add(db, arena, &clerk, files_dir, &bad, 20 << 20, &att, &e), -1);
    assert_non_null(strstr(e.msg, "不支持的文件类型"));
    err_clear(&e);
    assert_int_equal(stored_files(), before);
    IncomingFile big = {NULL, "big.pdf", 0, true};
    assert_int_equal(attachment_add(db, arena, &clerk, files_dir, &big, 20 << 20, &att, &e), -1);
    assert_int_equal(e.code, ERR_TOO_LARGE);
    err_clear(&e);
    /* a PDF is kept once however often it is uploaded */
    IncomingFile ok = {write_file("plan.pdf", pdf, sizeof pdf - 1), "../../实施方案.pdf", sizeof pdf - 1, false};
    assert_int_equal(attachment_add(db, arena, &clerk, files_dir, &ok, 20 << 20, &att, &e), 0);
    assert_string_equal(att.mime, "application/pdf");
    assert_string_equal(att.filename, "实施方案.pdf");
    Attachment again = att;
    again.id = 0;
    assert_int_equal(attachment_add(db, arena, &clerk, files_dir, &ok, 20 << 20, &again, &e), 0);
    assert_int_equal(stored_files(), before + 1);
    assert_int_equal(attachment_remove(db, arena, &clerk, files_dir, again.id, &e), 0);
    assert_int_equal(stored_files(), before + 1); /* still named by the first row */
    assert_int_equal(attachment_remove(db, arena, &clerk, files_dir, att.id, &e), 0);
    assert_int_equal(stored_files(), before);
    /* who may read what */
    Attachment ev = {0};
    ev.kind = ATTACH_EVIDENCE;
    ev.unit_id = pr->units[0].unit_id;
    Actor viewer = {2, "viewer", ROLE_VIEWER, 0, "local"};
    Actor stranger = reporter_of(&prog->projects[1], 1);
    assert_true(attachment_visible_to(&ev, REPORT_DRAFT, &clerk));
    assert_false(attachment_visible_to(&ev, REPORT_DRAFT, &ADMIN));
    assert_true(attachment_visible_to(&ev, REPORT_SUBMITTED, &viewer));
    assert_false(attachment_visible_to(&ev, REPORT_ACCEPTED, &stranger));
}

/* An entry and its evidence are one action: a refused file refuses the entry. */
static void ledger_evidence(void **state)
{
    (void)state;
    const Project *pr = &prog->projects[9];
    Actor clerk = reporter_of(pr, 0);
    Err e = ERR_INIT;
    LedgerEntry l = {0};
    l.project_id = pr->id;
    l.unit_id = pr->units[0].unit_id;
    l.date = date_from_ymd(2022, 10, 20);
    l.content = "开展家庭教育讲座3场";
    LedgerEntry *list;
    size_t n_before, n;
    assert_int_equal(store_ledger_list(db, arena, pr->id, l.unit_id, &list, &n_before, &e), 0);
    size_t stored = stored_files();
    static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
    static const char pdf[] = "%PDF-1.4\n1 0 obj<<>>endobj\n% ledger\n%%EOF\n";
    IncomingFile exe = {write_file("ledger.pdf", elf, sizeof elf), "签到表.pdf", sizeof elf, false};
    LedgerEvidence ev = {files_dir, &exe, 20 << 20};
    assert_int_equal(ledger_add(db, arena, &clerk, prog, pr, &l, &ev, &e), -1);
    assert_string_equal(e.field, "file");
    err_clear(&e);
    assert_int_equal(store_ledger_list(db, arena, pr->id, l.unit_id, &list, &n, &e), 0);
    assert_int_equal(n, n_before);
    assert_int_equal(stored_files(), stored);

    IncomingFile ok = {write_file("sign.pdf", pdf, sizeof pdf - 1), "签到表.pdf", sizeof pdf - 1, false};
    ev.file = &ok;
    l.id = 0;
    assert_int_equal(ledger_add(db, arena, &clerk, prog, pr, &l, &ev, &e), 0);
    Attachment *files;
    size_t nf;
    assert_int_equal(store_attachment_list_for_ledger(db, arena, l.id, &files, &nf, &e), 0);
    assert_int_equal(nf, 1);
    assert_int_equal(files[0].kind, ATTACH_LEDGER);
    assert_string_equal(files[0].filename, "签到表.pdf");
    assert_int_equal(stored_files(), stored + 1);
    assert_int_equal(ledger_remove(db, arena, &clerk, files_dir, l.id, &e), 0);
    assert_int_equal(stored_files(), stored);
}

/* Evidence follows its report: not after the round closes, not once sent,
 * not by another unit. */
static void evidence_rules(void **state)
{
    (void)state;
    const Project *pr = &prog->projects[4];
    Round q4 = rounds[2];
    Actor clerk = reporter_of(pr, 0);
    Id unit = pr->units[0].unit_id;
    Err e = ERR_INIT;
    ReportContext *c;
    assert_int_equal(report_context(db, arena, q4.id, pr->id, unit, &c, &e), 0);
    static const char pdf[] = "%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n";
    IncomingFile in = {write_file("evidence.pdf", pdf, sizeof pdf - 1), "验收照片.pdf", sizeof pdf - 1, false};
    Attachment att = {0};
    att.kind = ATTACH_EVIDENCE;
    att.project_id = pr->id;
    att.unit_id = unit;
    /* not before the report is saved */
    assert_int_equal(attachment_add(db, arena, &clerk, files_dir, &in, 20 << 20, &att, &e), -1);
    assert_int_equal(e.code, ERR_CONFLICT);
    err_clear(&e);
    Report draft = c->report;
    draft.measures = "第四季度持续推进。";
    assert_int_equal(report_save(db, arena, &clerk, c, &draft, 0, REPORT_ACTION_SAVE, &e), 0);
    att.report_id = c->report.id;
    assert_int_equal(attachment_add(db, arena, &clerk, files_dir, &in, 20 << 20, &att, &e), 0);

    /* another unit's clerk may neither add nor remove */
    Actor stranger = reporter_of(&prog->projects[0], 0);
    Attachment other = att;
    other.id = 0;
    assert_int_equal(attachment_add(db, arena, &stranger, files_dir, &in, 20 << 20, &other, &e), -1);
    assert_int_equal(e.code, ERR_FORBIDDEN);
    err_clear(&e);
    assert_int_equal(attachment_remove(db, arena, &stranger, files_dir, att.id, &e), -1);
    assert_int_equal(e.code, ERR_FORBIDDEN);
    err_clear(&e);

    /* the round closed: the draft's evidence stays */
    q4.closed = true;
    assert_int_equal(round_change(db, arena, &ADMIN, prog, &q4, &e), 0);
    assert_int_equal(attachment_remove(db, arena, &clerk, files_dir, att.id, &e), -1);
    assert_int_equal(e.code, ERR_CONFLICT);
    assert_string_equal(e.msg, "本轮次已关闭，不能再修改");
    err_clear(&e);
    other.id = 0;
    assert_int_equal(attachment_add(db, arena, &clerk, files_dir, &in, 20 << 20, &other, &e), -1);
    assert_string_equal(e.msg, "本轮次已关闭，不能再修改");
    err_clear(&e);
    Attachment still;
    assert_int_equal(store_attachment_get(db, arena, att.id, &still, &e), 0);
    q4.closed = false;
    assert_int_equal(round_change(db, arena, &ADMIN, prog, &q4, &e), 0);

    /* submitted: read-only until returned */
    Report full = c->report;
    assert_int_equal(report_save(db, arena, &clerk, c, &full, 1, REPORT_ACTION_SUBMIT, &e), 0);
    assert_int_equal(attachment_remove(db, arena, &clerk, files_dir, att.id, &e), -1);
    assert_int_equal(e.code, ERR_CONFLICT);
    assert_string_equal(e.msg, "报告已报送，不能删除其佐证材料");
    err_clear(&e);
    assert_int_equal(attachment_add(db, arena, &clerk, files_dir, &in, 20 << 20, &other, &e), -1);
    assert_string_equal(e.msg, "报告已报送，不能再修改佐证材料");
    err_clear(&e);
    /* returned: it may change again */
    assert_int_equal(report_review(db, arena, &ADMIN, c->report.id, false, "请补充照片", &e), 0);
    assert_int_equal(attachment_remove(db, arena, &clerk, files_dir, att.id, &e), 0);
}

static void warning_colours(void **state)
{
    (void)state;
    int end = date_from_ymd(2022, 12, 31);
    assert_int_equal(warning_of(STATUS_DONE, end + 10, end, 30), WARN_DONE);
    assert_int_equal(warning_of(STATUS_ON_SCHEDULE, end + 1, end, 30), WARN_RED); /* overdue */
    assert_int_equal(warning_of(STATUS_SERIOUS, end - 200, end, 30), WARN_RED);
    assert_int_equal(warning_of(STATUS_BEHIND, end - 200, end, 30), WARN_YELLOW);
    assert_int_equal(warning_of(STATUS_ON_SCHEDULE, end - 30, end, 30), WARN_BLUE);
    assert_int_equal(warning_of(STATUS_ON_SCHEDULE, end - 31, end, 30), WARN_NORMAL);
    assert_int_equal(warning_of(STATUS_IN_PROGRESS, end - 10, end, 30), WARN_BLUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_cycle), cmocka_unit_test(closed_round),
        cmocka_unit_test(concurrent_save), cmocka_unit_test(ledger),
        cmocka_unit_test(file_store), cmocka_unit_test(ledger_evidence),
        cmocka_unit_test(evidence_rules),
        cmocka_unit_test(warning_colours),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
