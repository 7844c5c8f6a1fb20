/*
 * db.c - opening, migrating and closing the database; the statement cache;
 * transactions; backup. See db.h and db_internal.h.
 *
 * Migrations are the files of db/schema/, compiled in by tools/embed.c and
 * applied in name order: file N (1-based) brings the schema to version N,
 * recorded in PRAGMA user_version, each in one transaction.
 */
#include "db/db_internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/embed.h"
#include "lib/timeutil.h"

extern const EmbeddedFile schema_files[]; /* generated from the files of db/schema/ */

typedef struct StmtSlot {
    const char *sql;   /* cache key: the address of the SQL text */
    sqlite3_stmt *st;
} StmtSlot;

/* How long db_generation trusts the version it read when this process has
 * committed nothing since (commits of other processes wait this long). */
#define DB_VERSION_RECHECK_US 100000

/* Process-wide: bumped by every commit of every connection. */
static _Atomic uint64_t commits;

struct Db {
    sqlite3 *h;
    uint64_t version;          /* what db_generation read last, 0 before */
    int64_t version_read_us;   /* when (mono_usec) */
    uint64_t version_commits;  /* commits as it was just before that read */
    char *path;
    StmtSlot *slots;   /* open addressing, size a power of two */
    size_t n_slots;
    size_t n_used;
    int tx_depth;      /* nesting of db_begin */
    bool tx_doomed;    /* an inner rollback happened: the outer commit rolls back */
};

int db_schema_version_known(void)
{
    int n = 0;
    for (const EmbeddedFile *f = schema_files; f->name; f++) n++;
    return n;
}

const char *db_path(const Db *db)
{
    return db->path;
}

int db_fail(Db *db, Err *e, const char *what)
{
    int rc = sqlite3_extended_errcode(db->h);
    enum ErrCode code = ERR_IO;
    if ((rc & 0xff) == SQLITE_CONSTRAINT) code = ERR_CONFLICT;
    else if ((rc & 0xff) == SQLITE_ERROR) code = ERR_INTERNAL;
    return err_set(e, code, NULL, "%s: %s: %s", db->path, what, sqlite3_errmsg(db->h));
}

int db_exec(Db *db, const char *sql, Err *e)
{
    char *msg = NULL;
    if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
        err_set(e, ERR_IO, NULL, "%s: %s", db->path, msg ? msg : sqlite3_errmsg(db->h));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

/* ---- statement cache ---------------------------------------------------- */

static size_t slot_of(const char *sql, size_t n_slots)
{
    uintptr_t x = (uintptr_t)sql;
    x ^= x >> 17;
    x *= (uintptr_t)0x9E3779B97F4A7C15ull;
    return (size_t)(x >> 7) & (n_slots - 1);
}

static void cache_insert(StmtSlot *slots, size_t n_slots, const char *sql, sqlite3_stmt *st)
{
    size_t i = slot_of(sql, n_slots);
    while (slots[i].sql) i = (i + 1) & (n_slots - 1);
    slots[i].sql = sql;
    slots[i].st = st;
}

static void cache_grow(Db *db)
{
    size_t n = db->n_slots ? db->n_slots * 2 : 256;
    StmtSlot *s = xcalloc(n, sizeof *s);
    for (size_t i = 0; i < db->n_slots; i++)
        if (db->slots[i].sql) cache_insert(s, n, db->slots[i].sql, db->slots[i].st);
    free(db->slots);
    db->slots = s;
    db->n_slots = n;
}

sqlite3_stmt *db_stmt(Db *db, const char *sql, Err *e)
{
    if (db->n_slots) {
        size_t i = slot_of(sql, db->n_slots);
        while (db->slots[i].sql) {
            if (db->slots[i].sql == sql) {
                sqlite3_stmt *st = db->slots[i].st;
                sqlite3_reset(st);
                sqlite3_clear_bindings(st);
                return st;
            }
            i = (i + 1) & (db->n_slots - 1);
        }
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        db_fail(db, e, "prepare");
        return NULL;
    }
    if ((db->n_used + 1) * 2 > db->n_slots) cache_grow(db);
    cache_insert(db->slots, db->n_slots, sql, st);
    db->n_used++;
    return st;
}

void db_done(sqlite3_stmt *st)
{
    if (st) sqlite3_reset(st);
}

int db_step_done(Db *db, sqlite3_stmt *st, Err *e)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        db_fail(db, e, "write");
        sqlite3_reset(st);
        return -1;
    }
    sqlite3_reset(st);
    return 0;
}

int db_step_row(Db *db, sqlite3_stmt *st, Err *e)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        return 0;
    }
    db_fail(db, e, "read");
    sqlite3_reset(st);
    return -1;
}

int db_collect(Db *db, Arena *a, sqlite3_stmt *st, size_t elem_size, DbRowReader read, void **out,
               size_t *n, Err *e)
{
    size_t cap = 16, cnt = 0;
    char *v = arena_array(a, cap, elem_size);
    int rc;
    while ((rc = db_step_row(db, st, e)) == 1) {
        if (cnt == cap) {
            v = arena_grow(a, v, cnt, cap * 2, elem_size);
            cap *= 2;
        }
        read(a, st, v + cnt * elem_size);
        cnt++;
    }
    if (rc < 0) return -1;
    *out = v;
    *n = cnt;
    return 0;
}

Id db_last_id(Db *db)
{
    return (Id)sqlite3_last_insert_rowid(db->h);
}

int db_changes(Db *db)
{
    return sqlite3_changes(db->h);
}

char *db_col_text(Arena *a, sqlite3_stmt *st, int col)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL) return NULL;
    const unsigned char *t = sqlite3_column_text(st, col);
    int n = sqlite3_column_bytes(st, col);
    return arena_strndup(a, (const char *)t, (size_t)n);
}

char *db_col_text0(Arena *a, sqlite3_stmt *st, int col)
{
    char *s = db_col_text(a, st, col);
    return s ? s : arena_strdup(a, "");
}

int db_col_date(sqlite3_stmt *st, int col)
{
    int d;
    const char *t = (const char *)sqlite3_column_text(st, col);
    if (!t || !date_parse(t, &d)) return DATE_NONE;
    return d;
}

Id db_col_id(sqlite3_stmt *st, int col)
{
    return (Id)sqlite3_column_int64(st, col);
}

void db_bind_date(sqlite3_stmt *st, int idx, int date)
{
    if (date == DATE_NONE) {
        sqlite3_bind_null(st, idx);
        return;
    }
    char buf[DATE_ISO_LEN];
    date_format(date, buf);
    sqlite3_bind_text(st, idx, buf, -1, SQLITE_TRANSIENT);
}

void db_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
    if (!s) sqlite3_bind_null(st, idx);
    else sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

void db_bind_id(sqlite3_stmt *st, int idx, Id id)
{
    if (!id) sqlite3_bind_null(st, idx);
    else sqlite3_bind_int64(st, idx, id);
}

/* ---- transactions ------------------------------------------------------- */

int db_begin(Db *db, Err *e)
{
    if (db->tx_depth++ > 0) return 0;
    db->tx_doomed = false;
    if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        db->tx_depth = 0;
        return db_fail(db, e, "begin");
    }
    return 0;
}

int db_commit(Db *db, Err *e)
{
    if (db->tx_depth <= 0) return err_set(e, ERR_INTERNAL, NULL, "commit without begin");
    if (--db->tx_depth > 0) return 0;
    if (db->tx_doomed) {
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        return err_set(e, ERR_INTERNAL, NULL, "%s: transaction rolled back", db->path);
    }
    if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        db_fail(db, e, "commit");
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    commits++;
    return 0;
}

void db_rollback(Db *db)
{
    if (db->tx_depth <= 0) return;
    if (--db->tx_depth > 0) {
        db->tx_doomed = true;
        return;
    }
    sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

bool db_in_transaction(const Db *db)
{
    return db->tx_depth > 0;
}

uint64_t db_generation(Db *db)
{
    /* Reading the row takes a read transaction (shm locks through fcntl,
     * under SQLite's process-wide mutex, which the worker threads contend
     * for): skip it while nothing was committed here since the last read
     * and that read is recent. */
    uint64_t c = commits;
    int64_t now = mono_usec();
    if (db->version && c == db->version_commits && now - db->version_read_us < DB_VERSION_RECHECK_US)
        return db->version;
    db->version_commits = c;
    db->version_read_us = now;
    /* Every change of content is recorded in the audit trail, in the same
     * transaction, so the newest audit row names the data's version: the
     * same for every connection and process, unlike a per-process counter
     * or PRAGMA data_version (which also moves for writes that change no
     * page, and differently on each connection). */
    sqlite3_stmt *st = db_stmt(db, "SELECT coalesce(max(id), 0) FROM audit", NULL);
    uint64_t v = 0;
    if (st && sqlite3_step(st) == SQLITE_ROW) v = (uint64_t)sqlite3_column_int64(st, 0);
    db_done(st);
    db->version = v + 1;
    return db->version;
}

/* Waits for another connection's write lock. SQLite's own busy timeout
 * sleeps in steps up to 100 ms, so a writer often sleeps long after the
 * lock is free (save p99 66-500 ms under 16 clients, measured); short steps
 * growing to 2 ms keep it near the lock's real hold time. Gives up after
 * about 5 s. */
static int busy_wait(void *arg, int count)
{
    (void)arg;
    static const int STEP_US[] = {50, 100, 200, 400, 800, 1000, 2000};
    int64_t waited = 0;
    for (int i = 0; i < count && waited <= 5000000; i++)
        waited += STEP_US[i < 6 ? i : 6];
    if (waited > 5000000) return 0;
    struct timespec ts = {0, (long)STEP_US[count < 6 ? count : 6] * 1000};
    nanosleep(&ts, NULL);
    return 1;
}

/* ---- open and migrate --------------------------------------------------- */

static int pragma_int(Db *db, const char *sql, int *out, Err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        return 0;
    }
    sqlite3_finalize(st);
    if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        return err_set(e, ERR_IO, NULL, "%s is not a shishi database (not SQLite, or corrupt)",
                       db->path);
    return db_fail(db, e, "read");
}

int db_schema_version(Db *db)
{
    int v = -1;
    pragma_int(db, "PRAGMA user_version", &v, NULL);
    return v;
}

static int migrate(Db *db, int from, Err *e)
{
    int v = 0;
    for (const EmbeddedFile *f = schema_files; f->name; f++) {
        v++;
        if (v <= from) continue;
        if (db_begin(db, e) < 0) return -1;
        char pragma[96];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d; PRAGMA application_id = %d;", v,
                 DB_APPLICATION_ID);
        if (db_exec(db, (const char *)f->data, e) < 0 || db_exec(db, pragma, e) < 0) {
            db_rollback(db);
            return -1;
        }
        if (db_commit(db, e) < 0) return -1;
    }
    return 0;
}

static int check_file(const char *path, enum DbOpenMode mode, Err *e)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (errno != ENOENT) return err_set(e, ERR_IO, NULL, "%s: %s", path, strerror(errno));
        if (mode == DB_OPEN_EXISTING)
            return err_set(e, ERR_NOT_FOUND, NULL,
                           "%s: no such database (create one with `shishi init` or `shishi demo`)",
                           path);
        return 0;
    }
    if (mode == DB_CREATE_NEW) return err_set(e, ERR_CONFLICT, NULL, "%s already exists", path);
    if (!S_ISREG(sb.st_mode)) return err_set(e, ERR_IO, NULL, "%s is not a regular file", path);
    if (access(path, R_OK | W_OK) != 0)
        return err_set(e, ERR_IO, NULL, "%s: cannot read and write: %s", path, strerror(errno));
    if (sb.st_size == 0)
        return err_set(e, ERR_IO, NULL, "%s is empty, not a shishi database", path);
    return 0;
}

int db_open(const char *path, enum DbOpenMode mode, Db **out, Err *e)
{
    *out = NULL;
    if (!path || !*path) return err_set(e, ERR_INVALID, NULL, "no database file given");
    if (check_file(path, mode, e) < 0) return -1;

    Db *db = xcalloc(1, sizeof *db);
    db->path = xstrdup(path);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    if (mode == DB_CREATE_NEW) flags |= SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
        err_set(e, ERR_IO, NULL, "%s: %s", path, db->h ? sqlite3_errmsg(db->h) : "cannot open");
        db_close(db);
        return -1;
    }
    sqlite3_extended_result_codes(db->h, 1);
    sqlite3_busy_handler(db->h, busy_wait, NULL);

    int app_id = 0, version = 0;
    if (pragma_int(db, "PRAGMA application_id", &app_id, e) < 0 ||
        pragma_int(db, "PRAGMA user_version", &version, e) < 0)
        goto fail;
    if (mode == DB_OPEN_EXISTING && app_id != DB_APPLICATION_ID) {
        err_set(e, ERR_IO, NULL, "%s is a SQLite database, but not one of shishi's", path);
        goto fail;
    }
    int known = db_schema_version_known();
    if (version > known) {
        err_set(e, ERR_IO, NULL,
                "%s was written by a newer shishi (schema %d; this build knows up to %d): "
                "upgrade shishi",
                path, version, known);
        goto fail;
    }
    /* Durability as the reporting issue asks: WAL with synchronous=FULL, so an
     * acknowledged commit survives a power cut. */
    if (db_exec(db,
                "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; "
                "PRAGMA synchronous = FULL; PRAGMA trusted_schema = OFF;",
                e) < 0)
        goto fail;
    if (version < known && migrate(db, version, e) < 0) goto fail;
    *out = db;
    return 0;
fail:
    db_close(db);
    if (mode == DB_CREATE_NEW) {
        /* nothing of a failed creation stays behind */
        unlink(path);
    }
    return -1;
}

void db_close(Db *db)
{
    if (!db) return;
    for (size_t i = 0; i < db->n_slots; i++)
        if (db->slots[i].sql) sqlite3_finalize(db->slots[i].st);
    free(db->slots);
    if (db->h) sqlite3_close(db->h);
    free(db->path);
    free(db);
}

/* ---- backup and checks -------------------------------------------------- */

static int integrity_of(sqlite3 *h, Arena *a, char **result)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK) return -1;
    Buf b = BUF_INIT(a);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (b.len) buf_puts(&b, "; ");
        buf_puts(&b, (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return -1;
    *result = arena_strdup(a, buf_str(&b));
    return 0;
}

int db_integrity_check(Db *db, Arena *a, char **result, Err *e)
{
    if (integrity_of(db->h, a, result) < 0) return db_fail(db, e, "integrity_check");
    return 0;
}

int db_backup(Db *db, const char *dest_path, Err *e)
{
    struct stat sb;
    if (stat(dest_path, &sb) == 0) return err_set(e, ERR_CONFLICT, NULL, "%s already exists", dest_path);
    sqlite3 *dest = NULL;
    int rc = sqlite3_open_v2(dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        err_set(e, ERR_IO, NULL, "%s: %s", dest_path, dest ? sqlite3_errmsg(dest) : "cannot create");
        sqlite3_close(dest);
        unlink(dest_path);
        return -1;
    }
    sqlite3_backup *bk = sqlite3_backup_init(dest, "main", db->h, "main");
    if (!bk) {
        err_set(e, ERR_IO, NULL, "%s: %s", dest_path, sqlite3_errmsg(dest));
        goto fail;
    }
    /* -1: copy every page in one step; the source stays readable meanwhile */
    rc = sqlite3_backup_step(bk, -1);
    sqlite3_backup_finish(bk);
    if (rc != SQLITE_DONE) {
        err_set(e, ERR_IO, NULL, "%s: backup failed: %s", dest_path, sqlite3_errstr(rc));
        goto fail;
    }
    Arena *a = arena_new();
    char *res = NULL;
    if (integrity_of(dest, a, &res) < 0 || strcmp(res, "ok") != 0) {
        err_set(e, ERR_IO, NULL, "%s: the copy fails integrity_check: %s", dest_path,
                res ? res : sqlite3_errmsg(dest));
        arena_free(a);
        goto fail;
    }
    arena_free(a);
    if (sqlite3_close(dest) != SQLITE_OK) {
        err_set(e, ERR_IO, NULL, "%s: cannot close the copy", dest_path);
        dest = NULL;
        goto fail;
    }
    return 0;
fail:
    if (dest) sqlite3_close(dest);
    unlink(dest_path);
    return -1;
}
