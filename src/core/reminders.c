/* reminders.c - who is chased for a round, the notice's text, and the
 * recording and e-mailing of reminders. See reminders.h. */
#include "core/reminders.h"

#include <jansson.h>
#include <string.h>

#include "core/audit.h"
#include "core/programme.h"
#include "core/vocab.h"
#include "io/json_util.h"
#include "io/smtp.h"
#include "lib/buf.h"
#include "lib/numeral.h"
#include "lib/timeutil.h"
#include "lib/utf8.h"

enum ReminderLevel reminder_level_after(bool any, enum ReminderLevel last)
{
    if (!any) return REMINDER_REMIND;
    return last + 1 < REMINDER_LEVEL__MAX ? last + 1 : REMINDER_SUPERVISE;
}

int reminder_days_to_due(const Round *round, int today)
{
    return round->due - today;
}

/* ---- who is chased ------------------------------------------------------------ */

size_t reminders_targets(const SupMatrix *m, const Unit *units, size_t n_units,
                         const Reminder *history, size_t n_history, Arena *a,
                         ReminderTarget **out)
{
    const Programme *p = m->programme;
    ReminderTarget *t = ARENA_ARRAY(a, ReminderTarget, m->n_units + 1);
    size_t n = 0;
    for (size_t j = 0; j < m->n_units; j++) {
        ReminderTarget *x = &t[n];
        x->unit_id = m->units[j]->unit_id;
        x->unit_name = m->units[j]->unit_name;
        x->items = ARENA_ARRAY(a, PendingItem, p->n_projects + 1);
        for (size_t i = 0; i < p->n_projects; i++) {
            const SupCell *c = supervision_at(m, i, j);
            if (!c->expected) continue;
            x->n_projects++;
            if (supervision_cell_done(c)) continue;
            x->items[x->n_items++] = (PendingItem){&p->projects[i],
                                                   project_find_unit(&p->projects[i], x->unit_id), *c};
        }
        if (x->n_items == 0) continue; /* everything submitted: never chased */
        for (size_t k = 0; k < n_units; k++)
            if (units[k].id == x->unit_id && units[k].email && *units[k].email)
                x->email = units[k].email;
        x->history = ARENA_ARRAY(a, const Reminder *, n_history + 1);
        for (size_t k = 0; k < n_history; k++)
            if (history[k].unit_id == x->unit_id && history[k].round_id == m->round->id)
                x->history[x->n_history++] = &history[k];
        /* oldest first whatever order they came in: the newest decides the next level */
        for (size_t k = 1; k < x->n_history; k++)
            for (size_t q = k; q > 0 && strcmp(x->history[q - 1]->sent_at, x->history[q]->sent_at) > 0; q--) {
                const Reminder *tmp = x->history[q];
                x->history[q] = x->history[q - 1];
                x->history[q - 1] = tmp;
            }
        x->reminded = x->n_history > 0;
        x->last = x->reminded ? x->history[x->n_history - 1]->level : REMINDER_REMIND;
        x->next = reminder_level_after(x->reminded, x->last);
        n++;
    }
    *out = t;
    return n;
}

/* ---- the notice ------------------------------------------------------------------ */

static void item_line(Buf *b, Arena *a, const PendingItem *it)
{
    buf_printf(b, "  %s、%s（", cn_number(a, it->project->no), it->project->title);
    switch (it->cell.status) {
    case REPORT_DRAFT: buf_puts(b, "已填写草稿，尚未提交"); break;
    case REPORT_RETURNED:
        buf_puts(b, "已退回，请修改后重新提交");
        if (it->cell.report && it->cell.report->return_reason && *it->cell.report->return_reason)
            buf_printf(b, "；退回理由：%s", it->cell.report->return_reason);
        break;
    default: buf_puts(b, "未报送"); break;
    }
    if (it->pu && (it->pu->department || it->pu->person)) {
        buf_puts(b, "；责任");
        if (it->pu->department) buf_printf(b, "科室：%s", it->pu->department);
        if (it->pu->department && it->pu->person) buf_puts(b, "，");
        if (it->pu->person) buf_printf(b, "%s%s", it->pu->department ? "责任人：" : "人：", it->pu->person);
    }
    buf_puts(b, "）\n");
}

void reminder_compose(Arena *a, const Programme *p, const Round *round,
                      const ReminderTarget *t, enum ReminderLevel level, int today,
                      char **subject, char **body)
{
    const char *office = p->coordinator && *p->coordinator ? p->coordinator : "协调办公室";
    switch (level) {
    case REMINDER_URGE:
        *subject = arena_printf(a, "【催办】关于尽快报送%s办实事进展情况的通知", round->name);
        break;
    case REMINDER_SUPERVISE:
        *subject = arena_printf(a, "【督办】关于%s办实事进展情况报送工作的督办通知", round->name);
        break;
    default:
        *subject = arena_printf(a, "【提醒】关于报送%s办实事进展情况的提醒", round->name);
        break;
    }

    Buf b = BUF_INIT(a);
    int days = reminder_days_to_due(round, today);
    buf_printf(&b, "%s：\n\n", t->unit_name);
    buf_printf(&b, "按照《%s》工作安排，各责任单位应按季度报送办实事进展情况。", p->title);
    buf_printf(&b, "%s进展情况的报送期限为%s", round->name, date_cn(a, round->due));
    if (days > 0) buf_printf(&b, "，距报送期限还有%d天", days);
    else if (days == 0) buf_puts(&b, "，即今日");
    else buf_printf(&b, "，截至%s已逾期%d天", date_cn(a, today), -days);
    buf_printf(&b, "。经核对，你单位以下%zu个项目尚未报送：\n\n", t->n_items);
    for (size_t i = 0; i < t->n_items; i++) item_line(&b, a, &t->items[i]);
    buf_puts(&b, "\n");
    switch (level) {
    case REMINDER_URGE:
        buf_puts(&b, "此前已提醒你单位按时报送，目前仍未收到。请高度重视，立即安排专人登录"
                     "“实事”系统填写并提交进展情况；逾期报送的，请一并说明原因。\n");
        break;
    case REMINDER_SUPERVISE:
        buf_printf(&b, "经提醒、催办，你单位仍未按要求报送，现予督办。请单位主要负责同志亲自过问，"
                       "于收到本通知后1个工作日内完成报送，并书面说明未按时报送的原因。"
                       "逾期未报情况将在办实事工作进展情况通报中予以通报。\n");
        break;
    default:
        if (days >= 0)
            buf_puts(&b, "请于报送期限前登录“实事”系统填写并提交进展情况。\n");
        else
            buf_puts(&b, "请尽快登录“实事”系统填写并提交进展情况。\n");
        break;
    }
    buf_printf(&b, "\n联系人：%s", office);
    if (p->phone && *p->phone) buf_printf(&b, "，联系电话：%s", p->phone);
    if (p->email && *p->email) buf_printf(&b, "，电子邮箱：%s", p->email);
    buf_puts(&b, "。\n\n");
    buf_printf(&b, "%s\n%s\n", office, date_cn(a, today));
    *body = b.data;
}

/* ---- loading ---------------------------------------------------------------------- */

int reminders_load(Db *db, Arena *a, Id round_id, int today, ReminderBoard **out, Err *e)
{
    ReminderBoard *b = ARENA_NEW(a, ReminderBoard);
    b->today = today;
    if (supervision_load(db, a, round_id, today, &b->sup, e) < 0 ||
        store_unit_list(db, a, b->sup->programme->office_id, &b->units, &b->n_units, e) < 0 ||
        store_reminder_list_by_round(db, a, round_id, &b->history, &b->n_history, e) < 0)
        return -1;
    b->n_targets = reminders_targets(b->sup->matrix, b->units, b->n_units, b->history,
                                     b->n_history, a, &b->targets);
    *out = b;
    return 0;
}

const ReminderTarget *reminders_find(const ReminderBoard *b, Id unit_id)
{
    for (size_t i = 0; i < b->n_targets; i++)
        if (b->targets[i].unit_id == unit_id) return &b->targets[i];
    return NULL;
}

/* ---- actions -------------------------------------------------------------------------- */

static const char *unit_name_in(const ReminderBoard *b, Id unit_id)
{
    for (size_t i = 0; i < b->n_units; i++)
        if (b->units[i].id == unit_id) return b->units[i].name;
    return NULL;
}

/* Why unit_id may not be reminded in b, or 0 with *t set. */
static int check_target(const ReminderBoard *b, Id unit_id, const ReminderTarget **t, Err *e)
{
    if (b->sup->round->closed)
        return err_set(e, ERR_CONFLICT, NULL, "%s已关闭，不再催报", b->sup->round->name);
    *t = reminders_find(b, unit_id);
    if (*t) return 0;
    const char *name = unit_name_in(b, unit_id);
    if (!name) return err_set(e, ERR_NOT_FOUND, "unit", "单位不存在");
    if (supervision_unit_index(b->sup->matrix, unit_id) < 0)
        return err_set(e, ERR_CONFLICT, "unit", "%s不承担本计划的实事项目，无需催报", name);
    return err_set(e, ERR_CONFLICT, "unit", "%s已报送%s全部项目，不能再催报", name,
                   b->sup->round->name);
}

static int record_row(Db *db, Arena *a, const Actor *who, Reminder *r, const char *action, Err *e)
{
    if (store_reminder_insert(db, r, e) < 0) return -1;
    json_t *after = json_pack("{s:I, s:I, s:s, s:s, s:s?, s:b, s:s?}", "round_id",
                              (json_int_t)r->round_id, "unit_id", (json_int_t)r->unit_id, "level",
                              reminder_level_name(r->level), "channel",
                              reminder_channel_name(r->channel), "recipient", r->recipient,
                              "delivered", r->delivered, "error", r->error);
    return audit_record(db, who, action, "reminder", r->id, NULL, json_take_text(a, after), e);
}

static bool text_ok(const char *s, size_t max_chars)
{
    return !s || (utf8_valid(s, strlen(s)) && utf8_chars(s) <= max_chars);
}

int reminder_record(Db *db, Arena *a, const Actor *who, Id round_id, Id unit_id,
                    enum ReminderLevel level, enum ReminderChannel channel,
                    const char *recipient, const char *note, int today, Reminder *out, Err *e)
{
    if (who->role != ROLE_ADMIN) return err_set(e, ERR_FORBIDDEN, NULL, "只有协调办公室可以催报");
    if ((unsigned)level >= REMINDER_LEVEL__MAX)
        return err_set(e, ERR_INVALID, "level", "请选择催报级别");
    if ((unsigned)channel >= REMINDER_CHANNEL__MAX || channel == REMINDER_EMAIL)
        return err_set(e, ERR_INVALID, "channel", "请选择电话、书面名单或书面通知");
    if (!text_ok(recipient, REMINDER_RECIPIENT_MAX_CHARS))
        return err_set(e, ERR_INVALID, "recipient", "联系对象不超过%d个字", REMINDER_RECIPIENT_MAX_CHARS);
    if (!text_ok(note, REMINDER_NOTE_MAX_CHARS))
        return err_set(e, ERR_INVALID, "note", "催报内容不超过%d个字", REMINDER_NOTE_MAX_CHARS);
    if (db_begin(db, e) < 0) return -1;
    /* decided on what the transaction sees, so a report submitted a moment
     * ago is not chased */
    ReminderBoard *b;
    const ReminderTarget *t;
    if (reminders_load(db, a, round_id, today, &b, e) < 0 || check_target(b, unit_id, &t, e) < 0)
        goto fail;
    char now[TS_ISO_LEN];
    ts_now(now);
    Reminder r = {0};
    r.round_id = round_id;
    r.unit_id = unit_id;
    r.level = level;
    r.channel = channel;
    r.recipient = recipient && *recipient ? (char *)recipient : NULL;
    if (note && *note) {
        r.message = (char *)note;
    } else {
        /* with no note, what was said is the standard notice */
        char *subject, *body;
        reminder_compose(a, b->sup->programme, b->sup->round, t, level, today, &subject, &body);
        r.message = arena_printf(a, "%s\n\n%s", subject, body);
    }
    r.delivered = true;
    r.sent_by = who->user_id;
    r.sent_at = now;
    if (record_row(db, a, who, &r, "reminder.record", e) < 0) goto fail;
    if (db_commit(db, e) < 0) return -1;
    if (out) *out = r;
    return 0;
fail:
    db_rollback(db);
    return -1;
}

/* Every e-mail's outcome and its audit row, in one transaction. */
static int record_outcomes(Db *db, Arena *a, const Actor *who, Reminder *rows, MailOutcome *res,
                           size_t m, Err *e)
{
    if (db_begin(db, e) < 0) return -1;
    for (size_t i = 0; i < m; i++) {
        if (record_row(db, a, who, &rows[i], "reminder.email", e) < 0) {
            db_rollback(db);
            return -1;
        }
        res[i].reminder_id = rows[i].id;
    }
    return db_commit(db, e);
}

int reminders_email(Db *db, Arena *a, const Actor *who, const char *smtp_url,
                    const char *smtp_from, Id round_id, const Id *unit_ids, size_t n,
                    enum ReminderLevel level, bool use_next, int today, MailOutcome **out,
                    size_t *n_out, Err *e)
{
    *n_out = 0;
    if (who->role != ROLE_ADMIN) return err_set(e, ERR_FORBIDDEN, NULL, "只有协调办公室可以催报");
    if (!smtp_url || !*smtp_url || !smtp_from || !*smtp_from)
        return err_set(e, ERR_CONFLICT, "smtp",
                       "未配置邮件服务器，请打印催报名单或记录电话催报");
    if (!use_next && (unsigned)level >= REMINDER_LEVEL__MAX)
        return err_set(e, ERR_INVALID, "level", "请选择催报级别");
    ReminderBoard *b;
    if (reminders_load(db, a, round_id, today, &b, e) < 0) return -1;

    /* who gets a message: checked in full before the first one leaves */
    const ReminderTarget **to = ARENA_ARRAY(a, const ReminderTarget *, (n ? n : b->n_targets) + 1);
    size_t m = 0;
    if (n == 0) {
        if (b->sup->round->closed)
            return err_set(e, ERR_CONFLICT, NULL, "%s已关闭，不再催报", b->sup->round->name);
        for (size_t i = 0; i < b->n_targets; i++)
            if (b->targets[i].email) to[m++] = &b->targets[i];
        if (m == 0) return err_set(e, ERR_CONFLICT, "email", "名单中的单位都没有登记电子邮箱");
    } else {
        for (size_t i = 0; i < n; i++) {
            const ReminderTarget *t;
            if (check_target(b, unit_ids[i], &t, e) < 0) return -1;
            if (!t->email)
                return err_set(e, ERR_CONFLICT, "email", "%s没有登记电子邮箱，请电话催报",
                               t->unit_name);
            to[m++] = t;
        }
    }

    /* sending: outside any transaction, so the database is not held while
     * a slow mail server answers */
    MailOutcome *res = ARENA_ARRAY(a, MailOutcome, m + 1);
    Reminder *rows = ARENA_ARRAY(a, Reminder, m + 1);
    const char *server_down = NULL;
    for (size_t i = 0; i < m; i++) {
        const ReminderTarget *t = to[i];
        enum ReminderLevel lv = use_next ? t->next : level;
        char *subject, *body;
        reminder_compose(a, b->sup->programme, b->sup->round, t, lv, today, &subject, &body);
        Err se = ERR_INIT;
        bool ok = false;
        if (server_down) {
            err_set(&se, ERR_IO, "smtp", "未发送：%s", server_down);
        } else if (smtp_send(smtp_url, smtp_from, t->email, subject, body, &se) == 0) {
            ok = true;
        } else if (strcmp(se.field, "smtp") == 0) {
            server_down = arena_strdup(a, se.msg);
        }
        char now[TS_ISO_LEN];
        ts_now(now);
        rows[i] = (Reminder){0, round_id, t->unit_id, lv, REMINDER_EMAIL, (char *)t->email,
                             arena_printf(a, "%s\n\n%s", subject, body), ok,
                             ok ? NULL : arena_strdup(a, se.msg), who->user_id, NULL,
                             arena_strdup(a, now)};
        res[i] = (MailOutcome){t->unit_id, t->unit_name, t->email, lv, ok, rows[i].error, 0};
    }

    if (record_outcomes(db, a, who, rows, res, m, e) < 0) {
        /* the messages left but their record did not: say so rather than hide it */
        Err inner = *e;
        err_clear(e);
        return err_set(e, ERR_IO, NULL, "邮件已尝试发送，但催报记录未能保存：%s", inner.msg);
    }
    *out = res;
    *n_out = m;
    return 0;
}
