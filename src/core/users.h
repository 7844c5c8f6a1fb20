/*
 * users.h - accounts and passwords. Passwords are hashed with argon2id
 * (libsodium); only the hash is stored.
 */
#ifndef SHISHI_USERS_H
#define SHISHI_USERS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/err.h"

#define PASSWORD_MIN_CHARS 8
#define PASSWORD_MAX_BYTES 256
/* One-time and demo passwords: this many characters from an alphabet
 * without look-alikes (no 0/O, 1/l/I). */
#define PASSWORD_GENERATED_CHARS 12

/* Initialises libsodium; call once at start-up. */
int users_init(Err *e);

/* argon2id hash string (in the arena). */
int password_hash(Arena *a, const char *password, char **hash, Err *e);
/* True when password matches hash; constant-time. */
bool password_verify(const char *hash, const char *password);
/* A random password (in the arena). */
char *password_generate(Arena *a);
/* Refuses passwords too short, too long or the same as the login. */
int password_check_policy(const char *login, const char *password, Err *e);
/* A login is 1-64 characters of [A-Za-z0-9._-]. */
int login_check(const char *login, Err *e);

/* Creates an account in one transaction with its audit row. With password
 * NULL a one-time password is generated into *password_out (which must then
 * be changed at first login). unit_name is required for reporters and must
 * name an existing unit. */
int user_create(Db *db, Arena *a, const Actor *who, const char *login, enum Role role,
                const char *unit_name, const char *password, bool must_change, User *out,
                char **password_out, Err *e);

#endif
