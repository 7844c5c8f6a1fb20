/*
 * sessions.h - logging in and out: sessions (the cookie holds a random
 * token, the database only its SHA-256), expiry, the growing delay after
 * failed logins, and changing a password.
 */
#ifndef SHISHI_SESSIONS_H
#define SHISHI_SESSIONS_H

#include "core/model.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/err.h"

#define SESSION_IDLE_SECONDS (2 * 3600)       /* logged out after two idle hours */
#define SESSION_ABSOLUTE_SECONDS (12 * 3600)  /* and after a working day in any case */
#define SESSION_TOKEN_CHARS 43                /* 32 random bytes, base64url */

typedef struct Session {
    Id id;
    User user;
    char *csrf;  /* the token every form of this session carries */
} Session;

/* A new session for the user; *token is for the cookie, *csrf for forms. */
int session_create(Db *db, Arena *a, Id user_id, const char *address, char **token, char **csrf,
                   Err *e);
/* The live session of a cookie token; ERR_NOT_FOUND when unknown, expired
 * (idle or absolute) or its user is disabled. Refreshes the idle clock at
 * most once a minute, so most requests write nothing. */
int session_resolve(Db *db, Arena *a, const char *token, Session *out, Err *e);
int session_end(Db *db, Id session_id, Err *e);

/* A random token of SESSION_TOKEN_CHARS characters (also for the
 * pre-login CSRF cookie). */
char *session_random_token(Arena *a);

enum LoginResult { LOGIN_OK = 0, LOGIN_BAD, LOGIN_THROTTLED, LOGIN_DISABLED };

/* Checks a login. Failures count per account and per address; after a few
 * the next attempt must wait (*retry_after seconds), growing with each
 * failure: up to a minute per account (so an attacker cannot keep a real
 * user out for long) and up to 15 minutes per address. Success clears both. */
enum LoginResult login_attempt(Db *db, Arena *a, const char *login, const char *password,
                               const char *address, User *out, int *retry_after, Err *e);

/* Seconds an account (per_account) or address must wait after `failures`
 * consecutive failures; 0 while under the allowance. */
int throttle_delay(int failures, bool per_account);

/* Changes the actor's own password: current must match, new twice, policy. */
int password_change(Db *db, Arena *a, const Actor *who, const char *current, const char *new1,
                    const char *new2, Err *e);

/* A one-time password for another account; its sessions end. */
int password_reset(Db *db, Arena *a, const Actor *who, Id user_id, char **password, Err *e);
/* Disables or enables an account; disabling ends its sessions. */
int user_set_disabled(Db *db, Arena *a, const Actor *who, Id user_id, bool disabled, Err *e);

#endif
