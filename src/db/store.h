/*
 * store.h - every typed access to the database. All SQL lives in the
 * db/store_*.c files behind these functions; results are built in the
 * caller's arena. Functions return 0 on success, -1 with e set on failure;
 * "not found" is ERR_NOT_FOUND. Writes that belong together are wrapped in
 * db_begin/db_commit by the caller (core/), one transaction per user action.
 */
#ifndef SHISHI_STORE_H
#define SHISHI_STORE_H

#include <stddef.h>

#include "core/model.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/err.h"

/* ---- offices and units (store_unit.c) ---- */

/* Id of the office named name, created if absent. */
int store_office_ensure(Db *db, const char *name, Id *id, Err *e);
int store_office_get(Db *db, Arena *a, Id id, Office *out, Err *e);
/* Id of the unit named name in the office, created if absent. */
int store_unit_ensure(Db *db, Id office_id, const char *name, Id *id, Err *e);
int store_unit_get(Db *db, Arena *a, Id id, Unit *out, Err *e);
int store_unit_find(Db *db, Arena *a, Id office_id, const char *name, Unit *out, Err *e);
/* Units of an office in id order (the order they were first named). */
int store_unit_list(Db *db, Arena *a, Id office_id, Unit **out, size_t *n, Err *e);
/* Every unit of every office, in id order. */
int store_unit_list_all(Db *db, Arena *a, Unit **out, size_t *n, Err *e);
int store_unit_update(Db *db, const Unit *u, Err *e);

/* ---- programmes (store_programme.c) ---- */

/* Saves a whole programme. With p->id == 0 inserts it (its office and units
 * are created by name as needed) and fills in every id; otherwise updates it
 * to match p: rows whose ids p no longer holds are deleted, except that an
 * indicator or project that already has reports is refused (ERR_CONFLICT). */
int store_programme_save(Db *db, Programme *p, Err *e);
/* The whole programme with its projects, units, indicators and standards. */
int store_programme_load(Db *db, Arena *a, Id id, Programme **out, Err *e);
/* The programme with only one of its projects loaded (n_projects = 1):
 * what a page about that project needs, at a fraction of the reads. */
int store_programme_load_project(Db *db, Arena *a, Id project_id, Programme **out, Err *e);
int store_programme_list(Db *db, Arena *a, ProgrammeSummary **out, size_t *n, Err *e);
/* The most recently created programme's id, 0 if there is none. */
int store_programme_latest(Db *db, Id *id, Err *e);
/* The newest programme of an office, 0 if none. */
int store_programme_latest_of_office(Db *db, Id office_id, Id *id, Err *e);
/* Sets a unit's responsible department, person and phone on a project. */
int store_project_unit_contact(Db *db, Id project_id, Id unit_id, const char *department,
                               const char *person, const char *phone, Err *e);
/* The programme a project belongs to; ERR_NOT_FOUND for no such project. */
int store_project_programme(Db *db, Id project_id, Id *programme_id, Err *e);

/* ---- rounds (store_round.c) ---- */

int store_round_insert(Db *db, Round *r, Err *e);
int store_round_update(Db *db, const Round *r, Err *e);
int store_round_get(Db *db, Arena *a, Id id, Round *out, Err *e);
int store_round_find(Db *db, Arena *a, Id programme_id, const char *name, Round *out, Err *e);
/* Rounds of a programme by period end, then id. */
int store_round_list(Db *db, Arena *a, Id programme_id, Round **out, size_t *n, Err *e);

/* ---- users (store_user.c) ---- */

int store_user_insert(Db *db, User *u, const char *password_hash, Err *e);
int store_user_get(Db *db, Arena *a, Id id, User *out, Err *e);
/* The user and the stored password hash (into *hash if not NULL). */
int store_user_by_login(Db *db, Arena *a, const char *login, User *out, char **hash, Err *e);
int store_user_list(Db *db, Arena *a, User **out, size_t *n, Err *e);
int store_user_set_password(Db *db, Id id, const char *password_hash, bool must_change, Err *e);
int store_user_set_disabled(Db *db, Id id, bool disabled, Err *e);

/* ---- reports (store_report.c) ---- */

/* Inserts (r->id == 0) or updates the report's current state and values and
 * appends the version row (snapshot JSON, user). Sets r->id. */
int store_report_save(Db *db, Report *r, const char *snapshot, Id user_id, Err *e);
int store_report_get(Db *db, Arena *a, Id id, Report *out, Err *e);
/* The report of (round, project, unit); ERR_NOT_FOUND if none yet. */
int store_report_find(Db *db, Arena *a, Id round_id, Id project_id, Id unit_id, Report *out,
                      Err *e);
/* Every report of a round, with values. */
int store_report_list_by_round(Db *db, Arena *a, Id round_id, Report **out, size_t *n, Err *e);
/* One unit's reports on a project (all rounds), with values. */
int store_report_list_by_project_unit(Db *db, Arena *a, Id project_id, Id unit_id, Report **out, size_t *n,
                                      Err *e);
/* Every report on a project (all rounds, all units), with values. */
int store_report_list_by_project(Db *db, Arena *a, Id project_id, Report **out, size_t *n, Err *e);
/* Every report of a programme (all rounds), with values: what progress needs. */
int store_report_list_by_programme(Db *db, Arena *a, Id programme_id, Report **out, size_t *n,
                                   Err *e);

typedef struct ReportVersion {
    Id id;
    int version;
    enum ReportStatus status;
    char *snapshot;   /* JSON of report_snapshot() */
    Id user_id;
    char *login;      /* who saved it (NULL for imports without a user) */
    char *created_at;
} ReportVersion;

/* Every version of a report, oldest first. */
int store_report_versions(Db *db, Arena *a, Id report_id, ReportVersion **out, size_t *n, Err *e);

/* ---- ledger (store_ledger.c) ---- */

int store_ledger_insert(Db *db, LedgerEntry *l, Err *e);
int store_ledger_get(Db *db, Arena *a, Id id, LedgerEntry *out, Err *e);
int store_ledger_delete(Db *db, Id id, Err *e);
/* Sum of quantities per indicator of a unit's ledger on a project, for
 * entries dated on or before up_to. ids/sums parallel arrays. */
int store_ledger_totals(Db *db, Arena *a, Id project_id, Id unit_id, int up_to, Id **ids,
                        double **sums, size_t *n, Err *e);
int store_ledger_list(Db *db, Arena *a, Id project_id, Id unit_id, LedgerEntry **out, size_t *n,
                      Err *e);

/* ---- attachments (store_attachment.c) ---- */

int store_attachment_insert(Db *db, Attachment *att, Err *e);
int store_attachment_get(Db *db, Arena *a, Id id, Attachment *out, Err *e);
int store_attachment_delete(Db *db, Id id, Err *e);
int store_attachment_list_for_report(Db *db, Arena *a, Id report_id, Attachment **out, size_t *n,
                                     Err *e);
int store_attachment_list_for_ledger(Db *db, Arena *a, Id ledger_id, Attachment **out, size_t *n,
                                     Err *e);
/* A unit's implementation plans (实施方案) for a project, newest first. */
int store_attachment_list_plans(Db *db, Arena *a, Id project_id, Id unit_id, Attachment **out,
                                size_t *n, Err *e);
/* How many attachment rows name the file with this hash. */
int store_attachment_count_sha(Db *db, const char *sha256, int *count, Err *e);

/* ---- reminders to units that have not reported (store_reminder.c) ---- */

/* One reminder made to a unit for a round, as recorded (never changed). */
typedef struct Reminder {
    Id id;
    Id round_id;
    Id unit_id;
    enum ReminderLevel level;
    enum ReminderChannel channel;
    char *recipient;      /* e-mail address, or the person and phone called; NULL if none */
    char *message;        /* what was sent or said */
    bool delivered;       /* false: the e-mail failed, error says why */
    char *error;
    Id sent_by;           /* 0 for the system */
    char *sent_by_login;  /* filled by the list, NULL on insert */
    char *sent_at;        /* UTC ISO */
} Reminder;

/* Inserts r (sent_at must be set); sets r->id. */
int store_reminder_insert(Db *db, Reminder *r, Err *e);
/* The reminders of a round, oldest first, with the sender's login. */
int store_reminder_list_by_round(Db *db, Arena *a, Id round_id, Reminder **out, size_t *n, Err *e);

/* ---- bulletins (store_bulletin.c) ---- */

/* The edited bulletin of a round; ERR_NOT_FOUND when none was saved. */
int store_bulletin_get(Db *db, Arena *a, Id round_id, char **text, char **edited_at, Err *e);
int store_bulletin_put(Db *db, Id round_id, const char *text, Id user_id, const char *at, Err *e);

/* ---- sessions and login throttling (store_session.c) ---- */

typedef struct SessionRow {
    Id id;
    Id user_id;
    char *csrf;
    char *created_at;
    char *last_seen;
    char *expires_at;   /* absolute expiry */
} SessionRow;

/* token_hash is 32 bytes (SHA-256 of the cookie's token). */
int store_session_insert(Db *db, const unsigned char *token_hash, Id user_id, const char *csrf,
                         const char *address, const char *now, const char *expires_at, Err *e);
/* The session and its user; ERR_NOT_FOUND if none. */
int store_session_find(Db *db, Arena *a, const unsigned char *token_hash, SessionRow *s, User *u,
                       Err *e);
int store_session_touch(Db *db, Id id, const char *now, Err *e);
int store_session_delete(Db *db, Id id, Err *e);
int store_session_delete_user(Db *db, Id user_id, Err *e);
/* Removes sessions whose expiry is before now or last seen before idle_before. */
int store_session_purge(Db *db, const char *now, const char *idle_before, Err *e);

typedef struct ThrottleRow {
    int failures;
    char *last_failure;
    char *blocked_until;
} ThrottleRow;

/* ERR_NOT_FOUND when the key has no failures recorded. */
int store_throttle_get(Db *db, Arena *a, const char *key, ThrottleRow *out, Err *e);
int store_throttle_put(Db *db, const char *key, const ThrottleRow *row, Err *e);
int store_throttle_clear(Db *db, const char *key, Err *e);

/* ---- audit (store_audit.c) ---- */

typedef struct AuditRow {
    Id id;
    char *at;
    Id user_id;
    char *login;
    char *address;
    char *action;
    char *entity;
    Id entity_id;
    char *before;     /* JSON or NULL */
    char *after;      /* JSON or NULL */
    char *prev_hash;  /* hex */
    char *hash;       /* hex */
} AuditRow;

/* The hash of the newest row ("" for an empty trail). Call inside the write
 * transaction that appends, so that no other writer slips in between. */
int store_audit_last_hash(Db *db, Arena *a, char **hash, Err *e);
int store_audit_append(Db *db, AuditRow *row, Err *e);
/* Rows with id > after_id in id order, at most limit (0: all). */
int store_audit_list(Db *db, Arena *a, Id after_id, size_t limit, AuditRow **out, size_t *n,
                     Err *e);
/* Newest first: rows with id < before_id (0: from the newest), at most limit. */
int store_audit_list_desc(Db *db, Arena *a, Id before_id, size_t limit, AuditRow **out, size_t *n,
                          Err *e);

/* ---- publication and objections (store_publication.c) ---- */

/* What of a programme is public (see 005_publication.sql). */
typedef struct PublicationRow {
    Id programme_id;
    Id round_id;          /* the round whose accepted figures are public; 0: none */
    int objection_until;  /* last day of the 公示 window; DATE_NONE: no window */
    char *updated_at;     /* NULL while never set */
    Id updated_by;
} PublicationRow;

/* The programme's publication. A programme never published is not an
 * error: *out gets round 0 and no window. */
int store_publication_get(Db *db, Arena *a, Id programme_id, PublicationRow *out, Err *e);
/* Inserts or replaces the programme's publication (updated_at set here). */
int store_publication_put(Db *db, const PublicationRow *p, Err *e);

/* One programme marked 此件公开发布, for the public list. */
typedef struct PublicProgramme {
    Id id;
    char *title;
    int year;
} PublicProgramme;

/* Programmes marked public, newest year first (then newest id). */
int store_publication_programmes(Db *db, Arena *a, PublicProgramme **out, size_t *n, Err *e);
/* Whether the programme exists, and whether it is marked public. */
int store_publication_programme_state(Db *db, Id programme_id, bool *exists, bool *is_public,
                                      Err *e);

typedef struct ObjectionRow {
    Id id;
    Id programme_id;
    Id round_id;          /* the round public when it was sent; 0: none */
    char *round_name;     /* read back only; NULL for none */
    char *name;           /* NULL when not given */
    char *contact;        /* NULL when not given */
    char *body;
    char *address;        /* for the rate limit */
    char *created_at;     /* set by the insert when NULL */
} ObjectionRow;

/* Sets o->id (and o->created_at when it was NULL). */
int store_objection_insert(Db *db, Arena *a, ObjectionRow *o, Err *e);
/* Objections sent from address at or after the UTC timestamp since. */
int store_objection_count_since(Db *db, const char *address, const char *since, int *n, Err *e);
/* A programme's objections, newest first. */
int store_objection_list(Db *db, Arena *a, Id programme_id, ObjectionRow **out, size_t *n, Err *e);

/* ---- full-text search (store_search.c; the index is 006_search.sql) ---- */

enum SearchKind { SEARCH_PROJECT = 0, SEARCH_REPORT, SEARCH_LEDGER, SEARCH_KIND__MAX };

/* Around each match in an FTS snippet: control characters no stored text
 * carries, turned into <mark> by the page after escaping the pieces. */
#define SEARCH_MARK_OPEN "\x01"
#define SEARCH_MARK_CLOSE "\x02"
/* At most this many LIKE patterns (the fallback for short terms). */
#define SEARCH_LIKE_TERMS 4

/* What to look for and in whose rows. Exactly one of match and like[0]
 * is set. Visibility is part of the query, so a limit never hides a row
 * the searcher may see behind rows they may not. */
typedef struct SearchQuery {
    const char *match;    /* an FTS5 expression of quoted terms, or NULL */
    const char *like[SEARCH_LIKE_TERMS]; /* "%term%" patterns (escaped with \\), NULL-padded */
    Id unit_id;           /* reports and ledger of this unit only; 0: every unit */
    bool drafts;          /* include draft reports */
    size_t limit;         /* rows per kind */
} SearchQuery;

typedef struct SearchHit {
    enum SearchKind kind;
    Id id;                /* the project, report or ledger entry */
    Id project_id;
    int project_no;
    char *project_title;
    Id unit_id;           /* reports and ledger entries; 0 for projects */
    char *unit_name;
    Id round_id;          /* reports */
    char *round_name;
    enum ReportStatus status;  /* reports */
    int date;             /* ledger entries; DATE_NONE otherwise */
    char *text;           /* FTS: a snippet with SEARCH_MARK_* around matches;
                             LIKE: the whole searched text, unmarked */
} SearchHit;

/* True when rows changed since the index was last brought up to date. */
int store_search_pending(Db *db, bool *any, Err *e);
/* Re-indexes the rows that changed. Call inside a write transaction. */
int store_search_sync(Db *db, Err *e);
/* The rows of one kind matching q, best first (FTS rank; LIKE: newest). */
int store_search(Db *db, Arena *a, enum SearchKind kind, const SearchQuery *q, SearchHit **out,
                 size_t *n, Err *e);

#endif
