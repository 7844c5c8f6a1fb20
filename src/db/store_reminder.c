/* store_reminder.c - the reminders made to units that have not reported
 * (table reminder of 002_reporting.sql). Rows are only ever added: the
 * escalation of a round is read back from them. See store.h. */
#include "core/vocab.h"
#include "db/db_internal.h"
#include "db/store.h"

static void read_reminder(Arena *a, sqlite3_stmt *st, void *elem)
{
    Reminder *r = elem;
    r->id = db_col_id(st, 0);
    r->round_id = db_col_id(st, 1);
    r->unit_id = db_col_id(st, 2);
    r->level = REMINDER_REMIND;
    r->channel = REMINDER_LIST;
    reminder_level_parse((const char *)sqlite3_column_text(st, 3), &r->level);
    reminder_channel_parse((const char *)sqlite3_column_text(st, 4), &r->channel);
    r->recipient = db_col_text(a, st, 5);
    r->message = db_col_text0(a, st, 6);
    r->delivered = sqlite3_column_int(st, 7) != 0;
    r->error = db_col_text(a, st, 8);
    r->sent_by = db_col_id(st, 9);
    r->sent_at = db_col_text0(a, st, 10);
    r->sent_by_login = db_col_text(a, st, 11);
}

int store_reminder_insert(Db *db, Reminder *r, Err *e)
{
    if ((unsigned)r->level >= REMINDER_LEVEL__MAX || (unsigned)r->channel >= REMINDER_CHANNEL__MAX)
        return err_set(e, ERR_INTERNAL, NULL, "reminder level or channel out of range");
    sqlite3_stmt *st = db_stmt(db,
                               "INSERT INTO reminder(round_id, unit_id, level, channel, recipient, "
                               "message, delivered, error, sent_by, sent_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, r->round_id);
    sqlite3_bind_int64(st, 2, r->unit_id);
    db_bind_text(st, 3, reminder_level_name(r->level));
    db_bind_text(st, 4, reminder_channel_name(r->channel));
    db_bind_text(st, 5, r->recipient);
    db_bind_text(st, 6, r->message ? r->message : "");
    sqlite3_bind_int(st, 7, r->delivered ? 1 : 0);
    db_bind_text(st, 8, r->error);
    db_bind_id(st, 9, r->sent_by);
    db_bind_text(st, 10, r->sent_at);
    if (db_step_done(db, st, e) < 0) return -1;
    r->id = db_last_id(db);
    return 0;
}

int store_reminder_list_by_round(Db *db, Arena *a, Id round_id, Reminder **out, size_t *n, Err *e)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT m.id, m.round_id, m.unit_id, m.level, m.channel, m.recipient, "
                               "m.message, m.delivered, m.error, m.sent_by, m.sent_at, u.login "
                               "FROM reminder m LEFT JOIN user u ON u.id = m.sent_by "
                               "WHERE m.round_id = ?1 ORDER BY m.sent_at, m.id",
                               e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, round_id);
    return db_collect(db, a, st, sizeof **out, read_reminder, (void **)out, n, e);
}
