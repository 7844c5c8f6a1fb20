/*
 * demo.h - the demo database: the Linzi 2022 programme (data/demo/, compiled
 * in), an account for every role, and sample reports and ledger entries.
 */
#ifndef SHISHI_DEMO_H
#define SHISHI_DEMO_H

#include <stddef.h>

#include "core/model.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/err.h"

typedef struct DemoAccount {
    const char *login;
    const char *role;      /* Chinese label */
    const char *unit;      /* NULL for admin and viewer */
    const char *password;
} DemoAccount;

/* Fills an empty database. password NULL gives every account its own
 * random password. The accounts (admin, viewer, unit01.. in the order units
 * first appear in the programme) are returned for printing once. Each step
 * commits on its own; on failure the caller discards the file. */
int demo_populate(Db *db, Arena *a, const Actor *who, const char *password, DemoAccount **accounts,
                  size_t *n_accounts, Err *e);

#endif
