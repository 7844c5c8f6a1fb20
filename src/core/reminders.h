/*
 * reminders.h - chasing the units that have not reported for a round (催报):
 * who is to be chased and for what, the escalation 提醒 → 催办 → 督办, the
 * text of the notice, and the two actions: recording a reminder made by
 * phone or on the printed list, and sending it by e-mail.
 *
 * A unit is chased while any of its projects in the round is not submitted
 * now: no report, a draft, or a report returned to it. A unit whose every
 * project is submitted or accepted is never reminded; the actions refuse it
 * whatever the form says.
 */
#ifndef SHISHI_REMINDERS_H
#define SHISHI_REMINDERS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "core/supervision.h"
#include "core/vocab.h" /* reminder_level_name, _label ... */
#include "db/db.h"
#include "db/store.h"
#include "lib/arena.h"
#include "lib/err.h"

/* The list of what will be missing is drawn up this many days before the
 * due date unless the page asks for another (?days=N). */
#define REMINDER_DEFAULT_LEAD_DAYS 3
#define REMINDER_LEAD_DAYS_MAX 90

#define REMINDER_RECIPIENT_MAX_CHARS 200
#define REMINDER_NOTE_MAX_CHARS 2000

/* One project a unit has not submitted. */
typedef struct PendingItem {
    const Project *project;
    const ProjectUnit *pu;    /* the unit's part: department, person, phone */
    SupCell cell;
} PendingItem;

/* One unit to be chased, with its history in the round. */
typedef struct ReminderTarget {
    Id unit_id;
    const char *unit_name;
    const char *email;          /* NULL when the unit has none */
    PendingItem *items;         /* its projects not submitted, in project order */
    size_t n_items;
    int n_projects;             /* projects it takes part in */
    const Reminder **history;   /* its reminders of this round, oldest first */
    size_t n_history;
    bool reminded;              /* n_history > 0 */
    enum ReminderLevel last;    /* level of the newest reminder, when reminded */
    enum ReminderLevel next;    /* the level the forms propose */
} ReminderTarget;

/* The level after last (督办 stays 督办); 提醒 when there was none. */
enum ReminderLevel reminder_level_after(bool any, enum ReminderLevel last);

/* The units of m that have something not submitted, in column order.
 * units gives the e-mail addresses (any units; those not in m are
 * ignored); history is the round's reminders in any order. */
size_t reminders_targets(const SupMatrix *m, const Unit *units, size_t n_units,
                         const Reminder *history, size_t n_history, Arena *a,
                         ReminderTarget **out);

/* Days from today to the round's due date: > 0 left, 0 the due date
 * itself, < 0 overdue by that many days. */
int reminder_days_to_due(const Round *round, int today);

/* The notice to a unit, in the register of an office's notice: which
 * round, which projects are missing and why (no report, draft, returned
 * with the reason), the due date and the days left or overdue, what the
 * level asks, and the office's contact. In a. */
void reminder_compose(Arena *a, const Programme *p, const Round *round,
                      const ReminderTarget *t, enum ReminderLevel level, int today,
                      char **subject, char **body);

/* The reminder page: the round's supervision, its targets and history. */
typedef struct ReminderBoard {
    Supervision *sup;
    Unit *units;                /* of the programme's office, for addresses */
    size_t n_units;
    Reminder *history;          /* the round's reminders, oldest first */
    size_t n_history;
    ReminderTarget *targets;
    size_t n_targets;
    int today;
} ReminderBoard;

int reminders_load(Db *db, Arena *a, Id round_id, int today, ReminderBoard **out, Err *e);
/* The target for unit_id, or NULL when the unit has nothing to be chased for. */
const ReminderTarget *reminders_find(const ReminderBoard *b, Id unit_id);

/* Records a reminder made by phone, on the printed list or by written
 * notice (not e-mail: e-mails are recorded by reminders_email as sent).
 * recipient and note are optional. Refused (ERR_CONFLICT) when the round
 * is closed or the unit has nothing pending; ERR_FORBIDDEN unless the
 * coordinator acts. One transaction with its audit row. */
int reminder_record(Db *db, Arena *a, const Actor *who, Id round_id, Id unit_id,
                    enum ReminderLevel level, enum ReminderChannel channel,
                    const char *recipient, const char *note, int today, Reminder *out, Err *e);

/* What happened to one e-mail. */
typedef struct MailOutcome {
    Id unit_id;
    const char *unit_name;
    const char *to;
    enum ReminderLevel level;
    bool delivered;
    const char *error;          /* NULL when delivered */
    Id reminder_id;
} MailOutcome;

/* Sends the notice by e-mail to each unit of unit_ids (n == 0: every
 * target that has an address), at level (or, when use_next, each unit's
 * proposed next level), then records every outcome in one transaction with
 * an audit row each. Everything is checked before anything is sent: an
 * SMTP server configured, the round open, each unit pending and with an
 * address (field "unit" / "email" / "smtp"). The sending happens outside
 * the transaction; a failed e-mail is recorded with delivered = 0 and its
 * error, and once the server itself is unusable the rest are recorded as
 * not attempted. Returns 0 when the outcomes are recorded (whether or not
 * every message went), -1 with e when nothing was sent or recorded. */
int reminders_email(Db *db, Arena *a, const Actor *who, const char *smtp_url,
                    const char *smtp_from, Id round_id, const Id *unit_ids, size_t n,
                    enum ReminderLevel level, bool use_next, int today, MailOutcome **out,
                    size_t *n_out, Err *e);

#endif
