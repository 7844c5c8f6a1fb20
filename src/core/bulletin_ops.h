/*
 * bulletin_ops.h - the bulletin of a round: the facts it states (from the
 * standing and the supervision matrix, so the bulletin, the dashboard and
 * the 报送情况 page agree), the draft, and saving the coordinator's edit.
 */
#ifndef SHISHI_BULLETIN_OPS_H
#define SHISHI_BULLETIN_OPS_H

#include "db/db.h"
#include "io/bulletin.h"
#include "lib/arena.h"
#include "lib/err.h"

/* Loads everything the bulletin of round_id states, as of today. */
int bulletin_facts_load(Db *db, Arena *a, Id round_id, int today, BulletinFacts *out, Err *e);

/* The text to show: the saved edit if there is one (*saved true, *at its
 * time), else a fresh draft. */
int bulletin_current(Db *db, Arena *a, Id round_id, char **text, bool *saved, char **at, Err *e);

/* Saves the coordinator's edited text with an audit row. */
int bulletin_save(Db *db, Arena *a, const Actor *who, Id round_id, const char *text, Err *e);

#endif
