/*
 * files.h - uploaded files: checked by content, stored once by their
 * SHA-256 under the files directory (outside anything served), and
 * attached to a plan, report or ledger entry in the same transaction as
 * the row that records them. A refused upload leaves nothing behind.
 */
#ifndef SHISHI_FILES_H
#define SHISHI_FILES_H

#include <stdint.h>

#include "core/model.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/err.h"

/* An upload as the web layer hands it over. */
typedef struct IncomingFile {
    const char *tmp_path;   /* the server removes it when the request ends */
    const char *filename;   /* as the browser sent it */
    int64_t size;
    bool too_large;         /* over the size limit: refused */
} IncomingFile;

/* Where a stored file lives: files_dir/ab/abcdef... */
char *file_path(Arena *a, const char *files_dir, const char *sha256);

/* Deletes the stored file with this hash if no attachment row names it any
 * more. Called after the commit that removed (or failed to add) a row; a
 * file that cannot be checked is kept. */
void file_release(Db *db, Arena *a, const char *files_dir, const char *sha256);

/* An upload taken into the store, not yet named by any row. */
typedef struct StoredFile {
    const char *files_dir;
    char sha256[65];        /* hex: the file's name in the store */
    int64_t size;
    const char *mime;
    char *filename;         /* cleaned (file_clean_name) */
    bool existed;           /* the store held these bytes already */
} StoredFile;

/* Checks the upload (size, type by content) and copies it durably into the
 * store: the slow part of an upload, done before any transaction. Field
 * "file". On failure nothing is left in the store. */
int file_accept(Arena *a, const char *files_dir, const IncomingFile *in, int64_t max_bytes,
                StoredFile *out, Err *e);
/* Inserts the attachment row naming sf (kind, project, unit, report or
 * ledger entry set by the caller in att) with its audit row; a transaction
 * of its own, or part of the caller's. */
int attachment_record(Db *db, Arena *a, const Actor *who, const StoredFile *sf, Attachment *att,
                      Err *e);
/* After the action that was to name sf failed: removes sf's bytes unless
 * they were stored before or a row names them. */
void file_discard(Db *db, Arena *a, const StoredFile *sf);

/* An upload as one action: file_accept, then attachment_record in a
 * transaction of its own. On failure nothing is stored: no row, and no file
 * unless another row already names the same bytes. max_bytes is the limit
 * for the message.
 *
 * Evidence of a report (ATTACH_EVIDENCE) is added and removed only by a
 * clerk of the report's unit (else ERR_FORBIDDEN), while its round is open
 * and the report a draft or returned (else ERR_CONFLICT, as also for a
 * report not saved yet: report_id 0). */
int attachment_add(Db *db, Arena *a, const Actor *who, const char *files_dir,
                   const IncomingFile *in, int64_t max_bytes, Attachment *att, Err *e);

/* Removes an attachment row (and its file when no other row names it). */
int attachment_remove(Db *db, Arena *a, const Actor *who, const char *files_dir, Id id, Err *e);

/* Who may download an attachment: the unit that owns it; the coordinator
 * and leaders unless it belongs to a report still in draft. */
bool attachment_visible_to(const Attachment *att, enum ReportStatus report_status, const Actor *who);

/* A file name safe for storing and for Content-Disposition: no path,
 * no control characters, at most 120 characters. */
char *file_clean_name(Arena *a, const char *name);

#endif
