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
int store_office_update(Db *db, const Office *o, Err *e);
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
int store_user_update(Db *db, const User *u, Err *e);

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

#endif
