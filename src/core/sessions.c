/* sessions.c - sessions, login throttling, password changes. See sessions.h. */
#include "core/sessions.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/users.h"
#include "db/store.h"
#include "io/json_util.h"
#include "lib/timeutil.h"

#define THROTTLE_ACCOUNT_FREE 5     /* failures before an account must wait */
#define THROTTLE_ACCOUNT_MAX 60     /* seconds */
#define THROTTLE_ADDRESS_FREE 10
#define THROTTLE_ADDRESS_MAX 900
#define THROTTLE_FORGET 3600        /* failures older than this start afresh */

char *session_random_token(Arena *a)
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    char *out = arena_alloc(a, sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING));
    sodium_bin2base64(out, sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                      raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

static void token_hash(const char *token, unsigned char out[32])
{
    crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

int session_create(Db *db, Arena *a, Id user_id, const char *address, char **token, char **csrf,
                   Err *e)
{
    char now[TS_ISO_LEN], expires[TS_ISO_LEN], idle[TS_ISO_LEN];
    ts_now(now);
    ts_offset(now, SESSION_ABSOLUTE_SECONDS, expires);
    ts_offset(now, -SESSION_IDLE_SECONDS, idle);
    *token = session_random_token(a);
    *csrf = session_random_token(a);
    unsigned char h[32];
    token_hash(*token, h);
    if (db_begin(db, e) < 0) return -1;
    if (store_session_purge(db, now, idle, e) < 0 ||
        store_session_insert(db, h, user_id, *csrf, address, now, expires, e) < 0) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db, e);
}

int session_resolve(Db *db, Arena *a, const char *token, Session *out, Err *e)
{
    if (!token || strlen(token) != SESSION_TOKEN_CHARS)
        return err_set(e, ERR_NOT_FOUND, NULL, "no session");
    unsigned char h[32];
    token_hash(token, h);
    SessionRow s;
    if (store_session_find(db, a, h, &s, &out->user, e) < 0) return -1;
    char now[TS_ISO_LEN], idle[TS_ISO_LEN], touch[TS_ISO_LEN];
    ts_now(now);
    ts_offset(now, -SESSION_IDLE_SECONDS, idle);
    ts_offset(now, -60, touch);
    if (strcmp(s.expires_at, now) < 0 || strcmp(s.last_seen, idle) < 0 || out->user.disabled) {
        store_session_delete(db, s.id, NULL);
        return err_set(e, ERR_NOT_FOUND, NULL, "session expired");
    }
    if (strcmp(s.last_seen, touch) < 0) store_session_touch(db, s.id, now, NULL);
    out->id = s.id;
    out->csrf = s.csrf;
    return 0;
}

int session_end(Db *db, Id session_id, Err *e)
{
    return store_session_delete(db, session_id, e);
}

int throttle_delay(int failures, bool per_account)
{
    int free_n = per_account ? THROTTLE_ACCOUNT_FREE : THROTTLE_ADDRESS_FREE;
    int max = per_account ? THROTTLE_ACCOUNT_MAX : THROTTLE_ADDRESS_MAX;
    if (failures < free_n) return 0;
    int over = failures - free_n;
    if (over > 16) return max;
    int d = 2 << over; /* 2, 4, 8 ... seconds */
    return d > max ? max : d;
}

/* Seconds key must still wait; 0 if it may try now. */
static int blocked_for(Db *db, Arena *a, const char *key)
{
    ThrottleRow row;
    if (store_throttle_get(db, a, key, &row, NULL) < 0) return 0;
    int64_t until, now;
    char ts[TS_ISO_LEN];
    ts_now(ts);
    if (!ts_parse(row.blocked_until, &until) || !ts_parse(ts, &now) || until <= now) return 0;
    return (int)(until - now);
}

static void record_failure(Db *db, Arena *a, const char *key, bool per_account)
{
    ThrottleRow row = {0};
    char now[TS_ISO_LEN], forget[TS_ISO_LEN], until[TS_ISO_LEN];
    ts_now(now);
    ts_offset(now, -THROTTLE_FORGET, forget);
    if (store_throttle_get(db, a, key, &row, NULL) < 0 || strcmp(row.last_failure, forget) < 0)
        row.failures = 0;
    row.failures++;
    ts_offset(now, throttle_delay(row.failures, per_account), until);
    row.last_failure = now;
    row.blocked_until = until;
    store_throttle_put(db, key, &row, NULL);
}

/* A hash to verify against when the login does not exist, so that an
 * unknown login takes as long as a wrong password. Made once. */
static char dummy[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
    Arena *a = arena_new();
    char *h = NULL;
    if (password_hash(a, "shishi-no-such-user", &h, NULL) == 0) snprintf(dummy, sizeof dummy, "%s", h);
    arena_free(a);
}

static const char *dummy_hash(Arena *a)
{
    (void)a;
    pthread_once(&dummy_once, make_dummy);
    return dummy;
}

enum LoginResult login_attempt(Db *db, Arena *a, const char *login, const char *password,
                               const char *address, User *out, int *retry_after, Err *e)
{
    *retry_after = 0;
    const char *akey = arena_printf(a, "login:%s", login);
    const char *ikey = arena_printf(a, "addr:%s", address ? address : "unknown");
    int wait_a = blocked_for(db, a, akey), wait_i = blocked_for(db, a, ikey);
    if (wait_a || wait_i) {
        *retry_after = wait_a > wait_i ? wait_a : wait_i;
        return LOGIN_THROTTLED;
    }
    char *hash = NULL;
    User u;
    bool known = store_user_by_login(db, a, login, &u, &hash, NULL) == 0;
    bool ok = password_verify(known ? hash : dummy_hash(a), password);
    if (db_begin(db, e) < 0) return LOGIN_BAD;
    if (!known || !ok) {
        record_failure(db, a, akey, true);
        record_failure(db, a, ikey, false);
        db_commit(db, NULL);
        return LOGIN_BAD;
    }
    store_throttle_clear(db, akey, NULL);
    db_commit(db, NULL);
    if (u.disabled) return LOGIN_DISABLED;
    *out = u;
    return LOGIN_OK;
}

int password_change(Db *db, Arena *a, const Actor *who, const char *current, const char *new1,
                    const char *new2, Err *e)
{
    User u;
    char *hash;
    if (store_user_get(db, a, who->user_id, &u, e) < 0 ||
        store_user_by_login(db, a, u.login, &u, &hash, e) < 0)
        return -1;
    if (!current || !password_verify(hash, current))
        return err_set(e, ERR_INVALID, "current", "当前密码不正确");
    if (password_check_policy(u.login, new1, e) < 0) {
        snprintf(e->field, sizeof e->field, "new1");
        return -1;
    }
    if (!new2 || strcmp(new1, new2) != 0)
        return err_set(e, ERR_INVALID, "new2", "两次输入的新密码不一致");
    if (strcmp(new1, current) == 0)
        return err_set(e, ERR_INVALID, "new1", "新密码不能与当前密码相同");
    char *nh;
    if (password_hash(a, new1, &nh, e) < 0) return -1;
    if (db_begin(db, e) < 0) return -1;
    if (store_user_set_password(db, u.id, nh, false, e) < 0 ||
        audit_record(db, who, "user.password", "user", u.id, NULL, NULL, e) < 0) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db, e);
}

/* What an audit row records of an account around a change of its state:
 * the flags, never a password or its hash. */
static char *account_state(Arena *a, const User *u)
{
    return json_take_text(a, json_pack("{s:b, s:b}", "disabled", u->disabled,
                                       "must_change_password", u->must_change_password));
}

int password_reset(Db *db, Arena *a, const Actor *who, Id user_id, char **password, Err *e)
{
    char *pw = password_generate(a), *hash;
    if (password_hash(a, pw, &hash, e) < 0) return -1;
    if (db_begin(db, e) < 0) return -1;
    User u;
    if (store_user_get(db, a, user_id, &u, e) < 0) goto fail;
    char *before = account_state(a, &u);
    u.must_change_password = true;
    if (store_user_set_password(db, user_id, hash, true, e) < 0 ||
        store_session_delete_user(db, user_id, e) < 0 ||
        audit_record(db, who, "user.reset_password", "user", user_id, before,
                     account_state(a, &u), e) < 0)
        goto fail;
    if (db_commit(db, e) < 0) return -1;
    *password = pw;
    return 0;
fail:
    db_rollback(db);
    return -1;
}

int user_set_disabled(Db *db, Arena *a, const Actor *who, Id user_id, bool disabled, Err *e)
{
    if (disabled && who->user_id == user_id)
        return err_set(e, ERR_CONFLICT, NULL, "不能停用自己的账号");
    if (db_begin(db, e) < 0) return -1;
    User u;
    if (store_user_get(db, a, user_id, &u, e) < 0) goto fail;
    char *before = account_state(a, &u);
    u.disabled = disabled;
    if (store_user_set_disabled(db, user_id, disabled, e) < 0 ||
        (disabled && store_session_delete_user(db, user_id, e) < 0) ||
        audit_record(db, who, disabled ? "user.disable" : "user.enable", "user", user_id, before,
                     account_state(a, &u), e) < 0)
        goto fail;
    return db_commit(db, e);
fail:
    db_rollback(db);
    return -1;
}
