/* test_supervision.c - 报送情况 and 催报: cell states and timeliness at
 * their boundaries, totals, on-time rates, the escalation, the notice's
 * text, the e-mail message builder, and the reminder actions on the demo
 * database (refusals, records, audit, a failed e-mail recorded as such).
 *
 * Dates are judged in local time, so the tests run in China time. */
#include "testutil.h"

#include <sodium.h>
#include <time.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/demo.h"
#include "core/reminders.h"
#include "core/supervision.h"
#include "core/users.h"
#include "db/store.h"
#include "io/smtp.h"
#include "lib/buf.h"
#include "lib/timeutil.h"

static const Actor ADMIN = {0, "test", ROLE_ADMIN, 0, "local"};

static int china_time(void **state)
{
    (void)state;
    setenv("TZ", "Asia/Shanghai", 1);
    tzset();
    return 0;
}

static int day(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

/* The third quarter of 2022: due 5 October. */
static Round q3(bool closed)
{
    Round r = {0};
    r.id = 2;
    r.programme_id = 1;
    r.name = "2022年第三季度";
    r.period_start = day(2022, 7, 1);
    r.period_end = day(2022, 9, 30);
    r.due = day(2022, 10, 5);
    r.closed = closed;
    return r;
}

static Report report(Id round, Id project, Id unit, enum ReportStatus st, char *first, char *last)
{
    Report r = {0};
    r.round_id = round;
    r.project_id = project;
    r.unit_id = unit;
    r.status = st;
    r.first_submitted_at = first;
    r.submitted_at = last ? last : first;
    return r;
}

/* ---- cells ------------------------------------------------------------------------- */

static const char *label_of(const Round *rd, const Report *r, int today)
{
    SupCell c = supervision_cell(rd, r, today);
    return supervision_cell_label(&c);
}

static void on_the_due_date_is_on_time(void **state)
{
    (void)state;
    Round rd = q3(false);
    int today = day(2022, 10, 20);
    /* 23:59:59 on 5 October in China is 15:59:59 UTC: still the due date */
    Report last_second = report(2, 1, 1, REPORT_SUBMITTED, "2022-10-05T15:59:59Z", NULL);
    SupCell c = supervision_cell(&rd, &last_second, today);
    assert_int_equal(c.timely, TIMELY_ON_TIME);
    assert_int_equal(c.first_date, rd.due);
    assert_string_equal(supervision_cell_label(&c), "已报");
    assert_true(supervision_cell_done(&c));
    /* one second later it is 6 October locally, although still the 5th in UTC */
    Report next_day = report(2, 1, 1, REPORT_SUBMITTED, "2022-10-05T16:00:00Z", NULL);
    c = supervision_cell(&rd, &next_day, today);
    assert_int_equal(c.timely, TIMELY_LATE);
    assert_int_equal(c.first_date, rd.due + 1);
    assert_string_equal(supervision_cell_label(&c), "逾期报送");
    assert_string_equal(supervision_cell_class(&c), "sv-late");
}

static void draft_is_not_submitted(void **state)
{
    (void)state;
    Round rd = q3(false);
    Report draft = report(2, 1, 1, REPORT_DRAFT, NULL, NULL);
    SupCell before = supervision_cell(&rd, &draft, rd.due);
    assert_int_equal(before.timely, TIMELY_PENDING);
    assert_false(supervision_cell_done(&before));
    assert_string_equal(supervision_cell_label(&before), "草稿");
    SupCell after = supervision_cell(&rd, &draft, rd.due + 1);
    assert_int_equal(after.timely, TIMELY_MISSING);
    assert_string_equal(supervision_cell_class(&after), "sv-draft sv-overdue");
    /* a draft is never on time, even if something once stamped it */
    draft.first_submitted_at = "2022-10-01T02:00:00Z";
    assert_int_equal(supervision_cell(&rd, &draft, rd.due + 1).timely, TIMELY_MISSING);
    /* and no report at all */
    SupCell none = supervision_cell(&rd, NULL, rd.due + 1);
    assert_int_equal(none.status, REPORT_NONE);
    assert_int_equal(none.timely, TIMELY_MISSING);
    assert_string_equal(supervision_cell_label(&none), "未报");
    assert_int_equal(supervision_cell(&rd, NULL, rd.due).timely, TIMELY_PENDING);
}

static void resubmission_keeps_first_time(void **state)
{
    (void)state;
    Round rd = q3(false);
    int today = day(2022, 11, 1);
    /* first on 4 October, returned, sent again on the 8th: on time */
    Report r = report(2, 1, 1, REPORT_SUBMITTED, "2022-10-04T02:00:00Z", "2022-10-08T02:00:00Z");
    SupCell c = supervision_cell(&rd, &r, today);
    assert_int_equal(c.timely, TIMELY_ON_TIME);
    assert_string_equal(supervision_cell_label(&c), "已报");
    r.status = REPORT_ACCEPTED;
    assert_string_equal(label_of(&rd, &r, today), "已采纳");
    /* while returned it was still sent on time, but it is not done */
    r.status = REPORT_RETURNED;
    c = supervision_cell(&rd, &r, today);
    assert_int_equal(c.timely, TIMELY_ON_TIME);
    assert_false(supervision_cell_done(&c));
    assert_string_equal(supervision_cell_label(&c), "退回");
    /* accepted after a late first submission still shows it was late */
    Report late = report(2, 1, 1, REPORT_ACCEPTED, "2022-10-08T02:20:00Z", "2022-10-08T02:20:00Z");
    c = supervision_cell(&rd, &late, today);
    assert_string_equal(supervision_cell_label(&c), "已采纳（逾期）");
    late.status = REPORT_RETURNED;
    assert_string_equal(label_of(&rd, &late, today), "退回（逾期）");
    /* an old import without first_submitted_at falls back on the last submission */
    late.status = REPORT_SUBMITTED;
    late.first_submitted_at = NULL;
    assert_int_equal(supervision_cell(&rd, &late, today).timely, TIMELY_LATE);
}

static void closed_round_is_overdue(void **state)
{
    (void)state;
    Round open = q3(false), closed = q3(true);
    int early = open.due - 2;
    assert_int_equal(supervision_cell(&open, NULL, early).timely, TIMELY_PENDING);
    /* closed before its due date: nothing more can come, what is missing is missing */
    assert_int_equal(supervision_cell(&closed, NULL, early).timely, TIMELY_MISSING);
    Report ok = report(2, 1, 1, REPORT_ACCEPTED, "2022-10-01T02:00:00Z", NULL);
    assert_int_equal(supervision_cell(&closed, &ok, early).timely, TIMELY_ON_TIME);
}

/* ---- a small programme: 2 projects, units A (both), B (project 1), C (project 2),
 * and D that is in the office but in no project ---- */

static ProjectUnit PU1[] = {{11, 1, "单位甲", UNIT_LEAD, "一科", "张三", "0533-1"},
                            {12, 2, "单位乙", UNIT_RESPONSIBLE, NULL, NULL, NULL}};
static ProjectUnit PU2[] = {{21, 3, "单位丙", UNIT_LEAD, NULL, NULL, NULL},
                            {22, 1, "单位甲", UNIT_RESPONSIBLE, "二科", "李四", "0533-2"}};

static Programme small_programme(Project *projects)
{
    projects[0] = (Project){0};
    projects[0].id = 101;
    projects[0].no = 1;
    projects[0].title = "项目一";
    projects[0].report_title = "项目一";
    projects[0].units = PU1;
    projects[0].n_units = 2;
    projects[1] = (Project){0};
    projects[1].id = 102;
    projects[1].no = 2;
    projects[1].title = "项目二";
    projects[1].report_title = "项目二";
    projects[1].units = PU2;
    projects[1].n_units = 2;
    Programme p = {0};
    p.id = 1;
    p.title = "测试计划";
    p.coordinator = "区妇儿办";
    p.phone = "0533-7000000";
    p.email = "fuer@example.gov.cn";
    p.projects = projects;
    p.n_projects = 2;
    return p;
}

static void matrix_totals(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Project projects[2];
    Programme p = small_programme(projects);
    Round rd = q3(false);
    Report reps[] = {
        report(2, 101, 1, REPORT_ACCEPTED, "2022-09-30T02:00:00Z", NULL),  /* A on 1: on time */
        report(2, 101, 2, REPORT_SUBMITTED, "2022-10-07T02:00:00Z", NULL), /* B on 1: late */
        report(2, 102, 3, REPORT_DRAFT, NULL, NULL),                       /* C on 2: draft */
        report(1, 102, 1, REPORT_ACCEPTED, "2022-07-01T02:00:00Z", NULL),  /* another round */
        report(2, 999, 1, REPORT_SUBMITTED, "2022-10-01T02:00:00Z", NULL), /* no such project */
    };
    SupMatrix *m = supervision_matrix(&p, &rd, reps, 5, day(2022, 10, 10), a);
    assert_true(m->overdue);
    assert_int_equal(m->n_units, 3); /* D is no column */
    assert_int_equal(m->units[0]->unit_id, 1);
    assert_int_equal(m->units[1]->unit_id, 2);
    assert_int_equal(m->units[2]->unit_id, 3);
    assert_int_equal(supervision_unit_index(m, 4), -1);
    /* B is not in project 2: no cell */
    assert_false(supervision_at(m, 1, 1)->expected);
    assert_string_equal(supervision_cell_label(supervision_at(m, 0, 0)), "已采纳");
    assert_string_equal(supervision_cell_label(supervision_at(m, 0, 1)), "逾期报送");
    assert_string_equal(supervision_cell_label(supervision_at(m, 1, 0)), "未报");
    assert_string_equal(supervision_cell_label(supervision_at(m, 1, 2)), "草稿");
    assert_int_equal(m->all.expected, 4);
    assert_int_equal(m->all.on_time, 1);
    assert_int_equal(m->all.late, 1);
    assert_int_equal(m->all.unsent, 2);
    assert_int_equal(m->all.accepted, 1);
    assert_int_equal(m->by_project[0].expected, 2);
    assert_int_equal(m->by_project[1].unsent, 2);
    assert_int_equal(m->by_unit[0].expected, 2); /* A: both projects */
    assert_int_equal(m->by_unit[0].on_time, 1);
    assert_int_equal(m->by_unit[0].unsent, 1);
    assert_int_equal(m->by_unit[1].late, 1);

    /* who is chased: A (project 2 missing) and C (draft), never B (submitted, if late) */
    Unit units[] = {{1, 1, "单位甲", "jia@example.gov.cn"}, {2, 1, "单位乙", "yi@example.gov.cn"},
                    {3, 1, "单位丙", NULL}, {4, 1, "单位丁", "ding@example.gov.cn"}};
    Reminder hist[] = {
        {1, 2, 3, REMINDER_URGE, REMINDER_PHONE, NULL, "", true, NULL, 0, NULL, "2022-10-07T02:00:00Z"},
        {2, 2, 3, REMINDER_REMIND, REMINDER_EMAIL, NULL, "", true, NULL, 0, NULL, "2022-10-06T02:00:00Z"},
        {3, 1, 1, REMINDER_SUPERVISE, REMINDER_PHONE, NULL, "", true, NULL, 0, NULL, "2022-07-09T02:00:00Z"},
    };
    ReminderTarget *t;
    size_t n = reminders_targets(m, units, 4, hist, 3, a, &t);
    assert_int_equal(n, 2);
    assert_int_equal(t[0].unit_id, 1);
    assert_int_equal(t[0].n_items, 1);
    assert_int_equal(t[0].items[0].project->id, 102);
    assert_string_equal(t[0].items[0].pu->person, "李四");
    assert_string_equal(t[0].email, "jia@example.gov.cn");
    assert_int_equal(t[0].n_projects, 2);
    /* A's reminder of another round does not count here */
    assert_false(t[0].reminded);
    assert_int_equal(t[0].next, REMINDER_REMIND);
    assert_int_equal(t[1].unit_id, 3);
    assert_null(t[1].email);
    assert_int_equal(t[1].n_history, 2);
    assert_string_equal(t[1].history[0]->sent_at, "2022-10-06T02:00:00Z"); /* oldest first */
    assert_int_equal(t[1].last, REMINDER_URGE);
    assert_int_equal(t[1].next, REMINDER_SUPERVISE);
    arena_free(a);
}

static void on_time_rates(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Project projects[2];
    Programme p = small_programme(projects);
    Round rounds[3] = {q3(false), q3(false), q3(false)};
    rounds[0].id = 1;
    rounds[0].due = day(2022, 7, 5);
    rounds[1].id = 2; /* due 5 October */
    rounds[2].id = 3;
    rounds[2].due = day(2023, 1, 5);
    Report reps[] = {
        /* round 1: A on time twice, B late, C never */
        report(1, 101, 1, REPORT_ACCEPTED, "2022-07-05T10:00:00Z", NULL),
        report(1, 102, 1, REPORT_ACCEPTED, "2022-07-01T10:00:00Z", NULL),
        report(1, 101, 2, REPORT_ACCEPTED, "2022-07-06T10:00:00Z", NULL),
        /* round 2: A on time (returned, still counts by first submission), C draft */
        report(2, 101, 1, REPORT_RETURNED, "2022-10-02T10:00:00Z", NULL),
        report(2, 102, 3, REPORT_DRAFT, NULL, NULL),
        /* round 3 is not due yet: nothing counts */
        report(3, 101, 2, REPORT_SUBMITTED, "2022-12-31T10:00:00Z", NULL),
    };
    SupRate *r;
    /* on the due date of round 2 itself it has not passed: only round 1 counts */
    size_t n = supervision_rates(&p, rounds, 3, reps, 6, day(2022, 10, 5), a, &r);
    assert_int_equal(n, 3);
    assert_int_equal(r[0].unit_id, 1);
    assert_int_equal(r[0].rounds, 1);
    assert_int_equal(r[0].expected, 2);
    assert_int_equal(r[0].on_time, 2);
    /* the day after, round 2 counts too */
    n = supervision_rates(&p, rounds, 3, reps, 6, day(2022, 10, 6), a, &r);
    double v;
    assert_int_equal(r[0].rounds, 2);
    assert_int_equal(r[0].expected, 4);
    assert_int_equal(r[0].on_time, 3);
    assert_int_equal(r[0].unsent, 1);
    assert_true(supervision_rate_value(&r[0], &v));
    assert_true(v == 0.75);
    assert_int_equal(r[1].expected, 2);
    assert_int_equal(r[1].late, 1);
    assert_int_equal(r[1].on_time, 0);
    assert_true(supervision_rate_value(&r[1], &v) && v == 0.0);
    assert_int_equal(r[2].expected, 2);
    assert_int_equal(r[2].unsent, 2);
    /* before any round is due there is no rate, rather than 0% */
    n = supervision_rates(&p, rounds, 3, reps, 6, day(2022, 7, 1), a, &r);
    assert_int_equal(r[0].expected, 0);
    assert_false(supervision_rate_value(&r[0], &v));
    arena_free(a);
}

static void escalation(void **state)
{
    (void)state;
    assert_int_equal(reminder_level_after(false, REMINDER_SUPERVISE), REMINDER_REMIND);
    assert_int_equal(reminder_level_after(true, REMINDER_REMIND), REMINDER_URGE);
    assert_int_equal(reminder_level_after(true, REMINDER_URGE), REMINDER_SUPERVISE);
    assert_int_equal(reminder_level_after(true, REMINDER_SUPERVISE), REMINDER_SUPERVISE);
    assert_string_equal(reminder_level_label(REMINDER_URGE), "催办");
    assert_string_equal(reminder_level_label(REMINDER_SUPERVISE), "督办");
    assert_string_equal(reminder_channel_label(REMINDER_PHONE), "电话");
}

static void notice_text(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Project projects[2];
    Programme p = small_programme(projects);
    Round rd = q3(false);
    Report ret = report(2, 102, 1, REPORT_RETURNED, "2022-10-02T02:00:00Z", NULL);
    ret.return_reason = "数据与台账不符";
    SupMatrix *m = supervision_matrix(&p, &rd, &ret, 1, day(2022, 10, 10), a);
    Unit units[] = {{1, 1, "单位甲", "jia@example.gov.cn"}};
    ReminderTarget *t;
    assert_int_equal(reminders_targets(m, units, 1, NULL, 0, a, &t), 3); /* 甲, 乙, 丙 */
    assert_int_equal(t[0].unit_id, 1);
    char *subject, *body;
    reminder_compose(a, &p, &rd, &t[0], REMINDER_URGE, day(2022, 10, 10), &subject, &body);
    assert_string_equal(subject, "【催办】关于尽快报送2022年第三季度办实事进展情况的通知");
    assert_true(strncmp(body, "单位甲：\n", strlen("单位甲：\n")) == 0);
    assert_non_null(strstr(body, "报送期限为2022年10月5日，截至2022年10月10日已逾期5天"));
    assert_non_null(strstr(body, "一、项目一（未报送；责任科室：一科，责任人：张三）"));
    assert_non_null(strstr(body, "二、项目二（已退回，请修改后重新提交；退回理由：数据与台账不符"));
    assert_non_null(strstr(body, "以下2个项目尚未报送"));
    assert_non_null(strstr(body, "联系人：区妇儿办，联系电话：0533-7000000，电子邮箱：fuer@example.gov.cn"));
    /* before the due date it counts the days left */
    reminder_compose(a, &p, &rd, &t[0], REMINDER_REMIND, day(2022, 10, 2), &subject, &body);
    assert_true(strncmp(subject, "【提醒】", strlen("【提醒】")) == 0);
    assert_non_null(strstr(body, "距报送期限还有3天"));
    assert_non_null(strstr(body, "请于报送期限前登录"));
    reminder_compose(a, &p, &rd, &t[0], REMINDER_SUPERVISE, day(2022, 10, 20), &subject, &body);
    assert_non_null(strstr(subject, "督办"));
    assert_non_null(strstr(body, "现予督办"));
    arena_free(a);
}

/* ---- the e-mail message ---------------------------------------------------------------- */

/* Decodes one RFC 2047 B encoded-word; NULL if malformed. */
static char *decode_word(Arena *a, const char *w, size_t n)
{
    const char *pre = "=?UTF-8?B?";
    if (n < 12 || strncmp(w, pre, 10) != 0 || strncmp(w + n - 2, "?=", 2) != 0) return NULL;
    unsigned char *out = arena_alloc(a, n);
    size_t len;
    if (sodium_base642bin(out, n, w + 10, n - 12, NULL, &len, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return NULL;
    out[len] = '\0';
    return (char *)out;
}

static void message_builder(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *subject = "【催办】关于尽快报送2022年第三季度办实事进展情况的通知";
    const char *body = "区财政局：\n\n经核对，你单位以下项目尚未报送：\n  二、“两癌”免费检查及救助（未报送）\n\n"
                       "区妇儿办\n2022年10月10日\n";
    /* 2022-10-06T08:40:00Z is 16:40 in China */
    char *m = smtp_message(a, "banshi@linzi.gov.cn", "czj@linzi.gov.cn", subject, body,
                           1665045600, "abc123@linzi.gov.cn");
    char *sep = strstr(m, "\r\n\r\n");
    assert_non_null(sep);
    *sep = '\0';
    const char *head = m, *b64 = sep + 4;
    assert_true(strncmp(head, "Date: Thu, 06 Oct 2022 16:40:00 +0800\r\n", 39) == 0);
    assert_non_null(strstr(head, "\r\nMessage-ID: <abc123@linzi.gov.cn>\r\n"));
    assert_non_null(strstr(head, "\r\nFrom: banshi@linzi.gov.cn\r\n"));
    assert_non_null(strstr(head, "\r\nTo: czj@linzi.gov.cn\r\n"));
    assert_non_null(strstr(head, "\r\nMIME-Version: 1.0\r\n"));
    assert_non_null(strstr(head, "\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
    assert_non_null(strstr(head, "\r\nContent-Transfer-Encoding: base64"));

    /* every line of the message ends in CRLF, none longer than 76 */
    for (const char *p = sep + 4; *p;) {
        const char *eol = strstr(p, "\r\n");
        assert_non_null(eol);
        assert_true(eol - p <= 76);
        assert_null(memchr(p, '\n', (size_t)(eol - p)));
        p = eol + 2;
    }
    for (const char *p = head; *p;) {
        const char *eol = strstr(p, "\r\n");
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        assert_true(n <= 76);
        p += n + (eol ? 2 : 0);
    }

    /* the body decodes back to the text, in canonical CRLF form */
    size_t cap = strlen(b64);
    unsigned char *dec = arena_alloc(a, cap + 1);
    size_t len;
    assert_int_equal(sodium_base642bin(dec, cap, b64, strlen(b64), "\r\n", &len, NULL,
                                       sodium_base64_VARIANT_ORIGINAL), 0);
    dec[len] = '\0';
    Buf want = BUF_INIT(a);
    for (const char *p = body; *p; p++) buf_puts(&want, *p == '\n' ? "\r\n" : (char[]){*p, 0});
    assert_string_equal((char *)dec, want.data);
    /* full lines are exactly 76 characters */
    assert_int_equal(strcspn(b64, "\r"), 76);

    /* the subject: encoded-words of at most 75 characters that join back to it */
    const char *s = strstr(head, "\r\nSubject: ");
    assert_non_null(s);
    s += strlen("\r\nSubject: ");
    Buf joined = BUF_INIT(a);
    int words = 0;
    while (*s && strncmp(s, "\r\nMIME", 6) != 0) {
        if (strncmp(s, "\r\n ", 3) == 0) s += 3; /* folded */
        size_t n = strcspn(s, "\r");
        assert_true(n <= 75);
        char *w = decode_word(a, s, n);
        assert_non_null(w);
        buf_puts(&joined, w);
        words++;
        s += n;
    }
    assert_true(words >= 2);
    assert_string_equal(joined.data, subject);

    /* plain ASCII stays readable; a random Message-ID sits at the sender's domain */
    assert_string_equal(smtp_encode_header(a, "Reminder"), "Reminder");
    m = smtp_message(a, "banshi@linzi.gov.cn", "x@y.cn", "Hi", "", 0, NULL);
    assert_non_null(strstr(m, ".shishi@linzi.gov.cn>\r\n"));
    assert_non_null(strstr(m, "\r\nSubject: Hi\r\n"));
    assert_string_equal(smtp_base64(a, "ab", 2, 0), "YWI=");
    assert_string_equal(smtp_base64(a, "", 0, 76), "");
    arena_free(a);
}

static void addresses(void **state)
{
    (void)state;
    assert_true(smtp_address_ok("czj@linzi.gov.cn"));
    assert_true(smtp_address_ok("unit-01.x+y@example.org"));
    assert_false(smtp_address_ok("czj@linzi.gov.cn\r\nBcc: all@example.org"));
    assert_false(smtp_address_ok("<czj@linzi.gov.cn>"));
    assert_false(smtp_address_ok("a b@c.cn"));
    assert_false(smtp_address_ok("a@b.cn,c@d.cn"));
    assert_false(smtp_address_ok("no-at-sign"));
    assert_false(smtp_address_ok("a@b@c"));
    assert_false(smtp_address_ok("财政局@linzi.gov.cn"));
    assert_false(smtp_address_ok(NULL));
    /* refused before any connection is tried */
    Err e = ERR_INIT;
    assert_int_equal(smtp_send("smtp://127.0.0.1:1", "a@b.cn", "x\r\n@y", "s", "b", &e), -1);
    assert_int_equal(e.code, ERR_INVALID);
    assert_string_equal(e.field, "email");
    err_clear(&e);
    assert_int_equal(smtp_send("http://127.0.0.1:1", "a@b.cn", "x@y.cn", "s", "b", &e), -1);
    assert_string_equal(e.field, "smtp");
}

/* ---- the actions on the demo database ---------------------------------------------------- */

static Id unit_id_of(Db *db, Arena *a, const char *name)
{
    Unit u;
    Err e = ERR_INIT;
    if (store_unit_find(db, a, 1, name, &u, &e) < 0) fail_msg("unit %s: %s", name, e.msg);
    return u.id;
}

static int count_audit(Db *db, Arena *a, const char *action)
{
    AuditRow *rows;
    size_t n;
    Err e = ERR_INIT;
    if (store_audit_list(db, a, 0, 0, &rows, &n, &e) < 0) fail_msg("audit: %s", e.msg);
    int k = 0;
    for (size_t i = 0; i < n; i++) k += strcmp(rows[i].action, action) == 0;
    return k;
}

static void demo_round_actions(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Db *db;
    Id programme_id;
    assert_int_equal(test_demo_db(a, "supervision.db", &ADMIN, &db, &programme_id), 0);
    Err e = ERR_INIT;
    Round rd;
    assert_int_equal(store_round_find(db, a, programme_id, "2022年第三季度", &rd, &e), 0);
    int today = day(2022, 10, 10);

    /* the matrix of the demo's third quarter (data/demo/README.md) */
    Supervision *s;
    assert_int_equal(supervision_load(db, a, rd.id, today, &s, &e), 0);
    const SupMatrix *m = s->matrix;
    Id czj = unit_id_of(db, a, "区财政局"), nyj = unit_id_of(db, a, "区农业农村局"),
       wjj = unit_id_of(db, a, "区卫健局"), sfj = unit_id_of(db, a, "区司法局"),
       jtj = unit_id_of(db, a, "区教体局");
    assert_string_equal(supervision_cell_label(supervision_at(m, 1, (size_t)supervision_unit_index(m, czj))), "未报");
    assert_string_equal(supervision_cell_label(supervision_at(m, 7, (size_t)supervision_unit_index(m, nyj))), "草稿");
    assert_string_equal(supervision_cell_label(supervision_at(m, 1, (size_t)supervision_unit_index(m, wjj))), "退回");
    assert_string_equal(supervision_cell_label(supervision_at(m, 8, (size_t)supervision_unit_index(m, sfj))), "逾期报送");
    assert_int_equal(m->all.expected, 19);
    assert_int_equal(m->all.unsent, 2);
    assert_int_equal(m->all.late, 1);
    assert_int_equal(m->all.returned, 1);
    assert_int_equal(m->all.accepted, 11);

    /* e-mail addresses for two of the three laggards and for one unit that reported */
    Unit u;
    assert_int_equal(store_unit_get(db, a, czj, &u, &e), 0);
    u.email = "czj@linzi.gov.cn";
    assert_int_equal(store_unit_update(db, &u, &e), 0);
    assert_int_equal(store_unit_get(db, a, jtj, &u, &e), 0);
    u.email = "jtj@linzi.gov.cn";
    assert_int_equal(store_unit_update(db, &u, &e), 0);

    ReminderBoard *b;
    assert_int_equal(reminders_load(db, a, rd.id, today, &b, &e), 0);
    assert_int_equal(b->n_targets, 3);
    assert_non_null(reminders_find(b, czj));
    assert_non_null(reminders_find(b, nyj));
    assert_non_null(reminders_find(b, wjj));
    assert_null(reminders_find(b, jtj));
    assert_string_equal(reminders_find(b, czj)->email, "czj@linzi.gov.cn");

    /* a unit that has submitted everything is refused, whatever is posted */
    int audits = count_audit(db, a, "reminder.record");
    assert_int_equal(reminder_record(db, a, &ADMIN, rd.id, jtj, REMINDER_REMIND, REMINDER_PHONE,
                                     NULL, NULL, today, NULL, &e), -1);
    assert_int_equal(e.code, ERR_CONFLICT);
    assert_string_equal(e.field, "unit");
    err_clear(&e);
    assert_int_equal(reminders_email(db, a, &ADMIN, "smtp://127.0.0.1:1", "banshi@linzi.gov.cn",
                                     rd.id, &jtj, 1, REMINDER_REMIND, false, today,
                                     &(MailOutcome *){NULL}, &(size_t){0}, &e), -1);
    assert_int_equal(e.code, ERR_CONFLICT);
    err_clear(&e);
    /* so is a unit in no project */
    Id idle;
    assert_int_equal(store_unit_ensure(db, 1, "区审计局", &idle, &e), 0);
    assert_int_equal(reminder_record(db, a, &ADMIN, rd.id, idle, REMINDER_REMIND, REMINDER_PHONE,
                                     NULL, NULL, today, NULL, &e), -1);
    assert_int_equal(e.code, ERR_CONFLICT);
    err_clear(&e);
    /* and anyone but the coordinator, and e-mail recorded by hand */
    Actor viewer = {0, "viewer", ROLE_VIEWER, 0, "local"};
    assert_int_equal(reminder_record(db, a, &viewer, rd.id, czj, REMINDER_REMIND, REMINDER_PHONE,
                                     NULL, NULL, today, NULL, &e), -1);
    assert_int_equal(e.code, ERR_FORBIDDEN);
    err_clear(&e);
    assert_int_equal(reminder_record(db, a, &ADMIN, rd.id, czj, REMINDER_REMIND, REMINDER_EMAIL,
                                     NULL, NULL, today, NULL, &e), -1);
    assert_string_equal(e.field, "channel");
    err_clear(&e);
    assert_int_equal(count_audit(db, a, "reminder.record"), audits);

    /* a phone call, recorded with the standard notice when no note is given */
    Reminder got;
    assert_int_equal(reminder_record(db, a, &ADMIN, rd.id, nyj, REMINDER_REMIND, REMINDER_PHONE,
                                     "王科长 0533-7123456", NULL, today, &got, &e), 0);
    assert_true(got.id > 0);
    assert_non_null(strstr(got.message, "区农业农村局：")); /* the standard notice */
    assert_int_equal(count_audit(db, a, "reminder.record"), audits + 1);
    assert_int_equal(reminders_load(db, a, rd.id, today, &b, &e), 0);
    assert_int_equal(reminders_find(b, nyj)->next, REMINDER_URGE);
    assert_int_equal(b->n_history, 1);
    assert_string_equal(b->history[0].recipient, "王科长 0533-7123456");

    /* e-mail without a server configured is refused before anything happens */
    assert_int_equal(reminders_email(db, a, &ADMIN, NULL, NULL, rd.id, NULL, 0, REMINDER_REMIND,
                                     true, today, &(MailOutcome *){NULL}, &(size_t){0}, &e), -1);
    assert_string_equal(e.field, "smtp");
    err_clear(&e);
    /* to a unit without an address too */
    assert_int_equal(reminders_email(db, a, &ADMIN, "smtp://127.0.0.1:1", "banshi@linzi.gov.cn",
                                     rd.id, &nyj, 1, REMINDER_URGE, false, today,
                                     &(MailOutcome *){NULL}, &(size_t){0}, &e), -1);
    assert_string_equal(e.field, "email");
    err_clear(&e);

    /* a server that does not answer: the outcome is recorded as not delivered */
    MailOutcome *out;
    size_t n_out;
    assert_int_equal(reminders_email(db, a, &ADMIN, "smtp://127.0.0.1:1", "banshi@linzi.gov.cn",
                                     rd.id, NULL, 0, REMINDER_REMIND, true, today, &out, &n_out, &e), 0);
    assert_int_equal(n_out, 1); /* only 区财政局 has an address among the laggards */
    assert_int_equal(out[0].unit_id, czj);
    assert_false(out[0].delivered);
    assert_non_null(strstr(out[0].error, "无法连接邮件服务器"));
    assert_int_equal(count_audit(db, a, "reminder.email"), 1);
    assert_int_equal(reminders_load(db, a, rd.id, today, &b, &e), 0);
    assert_int_equal(b->n_history, 2);
    const Reminder *last = &b->history[1];
    assert_int_equal(last->channel, REMINDER_EMAIL);
    assert_false(last->delivered);
    assert_string_equal(last->recipient, "czj@linzi.gov.cn");
    assert_non_null(strstr(last->message, "【提醒】"));

    /* a closed round is chased no more */
    rd.closed = true;
    assert_int_equal(store_round_update(db, &rd, &e), 0);
    assert_int_equal(reminder_record(db, a, &ADMIN, rd.id, czj, REMINDER_URGE, REMINDER_PHONE, NULL,
                                     NULL, today, NULL, &e), -1);
    assert_int_equal(e.code, ERR_CONFLICT);
    err_clear(&e);

    Id bad;
    const char *why;
    assert_int_equal(audit_verify(db, a, &bad, &why, &e), 0);
    assert_int_equal(bad, 0);
    db_close(db);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(on_the_due_date_is_on_time),
        cmocka_unit_test(draft_is_not_submitted),
        cmocka_unit_test(resubmission_keeps_first_time),
        cmocka_unit_test(closed_round_is_overdue),
        cmocka_unit_test(matrix_totals),
        cmocka_unit_test(on_time_rates),
        cmocka_unit_test(escalation),
        cmocka_unit_test(notice_text),
        cmocka_unit_test(message_builder),
        cmocka_unit_test(addresses),
        cmocka_unit_test(demo_round_actions),
    };
    return cmocka_run_group_tests(tests, china_time, NULL);
}
