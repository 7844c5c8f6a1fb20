/*
 * ledger.h - a unit's work ledger (工作台账) on a project: dated records of
 * work done, with a quantity that may count toward one indicator the unit
 * owns, funds and evidence. The report form starts from its totals.
 */
#ifndef SHISHI_LEDGER_H
#define SHISHI_LEDGER_H

#include "core/files.h"
#include "core/model.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/err.h"

#define LEDGER_CONTENT_MAX_CHARS 2000

/* A file of evidence uploaded with an entry. */
typedef struct LedgerEvidence {
    const char *files_dir;
    const IncomingFile *file;
    int64_t max_bytes;        /* the upload limit, for the message */
} LedgerEvidence;

/* Checks and adds an entry of the actor's unit with, when evidence is not
 * NULL, its file: the file is checked and stored first, then the entry,
 * the attachment and their audit rows are one transaction; a refused file
 * refuses the entry. l->id is set. Fields named: date, content, place,
 * indicator, quantity, funds, file. */
int ledger_add(Db *db, Arena *a, const Actor *who, const Programme *p, const Project *pr,
               LedgerEntry *l, const LedgerEvidence *evidence, Err *e);

/* Removes an entry of the actor's unit with its evidence rows; files no
 * longer named by any row are deleted from files_dir. */
int ledger_remove(Db *db, Arena *a, const Actor *who, const char *files_dir, Id id, Err *e);

/* Running totals: for entry i, the sum of quantities of entries 0..i that
 * count toward the same indicator (NAN for entries without one). Entries
 * must be in date order. */
void ledger_running_totals(const LedgerEntry *l, size_t n, double *out);

#endif
