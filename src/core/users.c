/* users.c - accounts and passwords. See users.h. */
#include "core/users.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "core/audit.h"
#include "core/vocab.h"
#include "db/store.h"
#include "io/json_util.h"
#include "lib/utf8.h"

/* argon2id with OWASP's minimum (19 MiB, 2 passes): strong enough for an
 * intranet system, and light enough that a login does not lift the
 * server's memory above its budget. */
#define PW_OPSLIMIT 2
#define PW_MEMLIMIT (19u * 1024u * 1024u)

int users_init(Err *e)
{
    if (sodium_init() < 0) return err_set(e, ERR_INTERNAL, NULL, "libsodium failed to initialise");
    return 0;
}

/* One argon2id computation at a time: each takes 19 MiB, and a burst of
 * logins on every worker thread at once would lift the server's memory
 * above its budget (measured 51 MB with 16 reporters logging in). A login
 * in a burst waits some 30 ms more instead. */
static pthread_mutex_t hash_lock = PTHREAD_MUTEX_INITIALIZER;

int password_hash(Arena *a, const char *password, char **hash, Err *e)
{
    char *out = arena_alloc(a, crypto_pwhash_STRBYTES);
    pthread_mutex_lock(&hash_lock);
    int rc = crypto_pwhash_str_alg(out, password, strlen(password), PW_OPSLIMIT, PW_MEMLIMIT,
                                   crypto_pwhash_ALG_ARGON2ID13);
    pthread_mutex_unlock(&hash_lock);
    if (rc != 0) return err_set(e, ERR_INTERNAL, NULL, "密码处理失败（内存不足）");
    *hash = out;
    return 0;
}

bool password_verify(const char *hash, const char *password)
{
    if (!hash || !password) return false;
    pthread_mutex_lock(&hash_lock);
    bool ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
    pthread_mutex_unlock(&hash_lock);
    return ok;
}

char *password_generate(Arena *a)
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    char *p = arena_alloc(a, PASSWORD_GENERATED_CHARS + 1);
    for (int i = 0; i < PASSWORD_GENERATED_CHARS; i++)
        p[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    return p;
}

int password_check_policy(const char *login, const char *password, Err *e)
{
    if (!password || !*password) return err_set(e, ERR_INVALID, "password", "请填写密码");
    if (strlen(password) > PASSWORD_MAX_BYTES)
        return err_set(e, ERR_INVALID, "password", "密码过长");
    if (!utf8_valid(password, strlen(password)))
        return err_set(e, ERR_INVALID, "password", "密码含有无效字符");
    if (utf8_chars(password) < PASSWORD_MIN_CHARS)
        return err_set(e, ERR_INVALID, "password", "密码至少需要%d个字符", PASSWORD_MIN_CHARS);
    if (login && strcmp(login, password) == 0)
        return err_set(e, ERR_INVALID, "password", "密码不能与账号相同");
    return 0;
}

int login_check(const char *login, Err *e)
{
    if (!login || !*login) return err_set(e, ERR_INVALID, "login", "请填写账号");
    size_t n = strlen(login);
    if (n > 64) return err_set(e, ERR_INVALID, "login", "账号过长（最多64个字符）");
    for (size_t i = 0; i < n; i++) {
        char c = login[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return err_set(e, ERR_INVALID, "login", "账号只能使用字母、数字和 . _ -");
    }
    return 0;
}

int user_create(Db *db, Arena *a, const Actor *who, const NewUser *nu, User *out, char **password_out,
                Err *e)
{
    const char *login = nu->login, *unit_name = nu->unit_name, *password = nu->password;
    enum Role role = nu->role;
    bool must_change = nu->must_change;
    if (nu->display_name && utf8_chars(nu->display_name) > 50)
        return err_set(e, ERR_INVALID, "display_name", "姓名过长（最多50个字）");
    if (login_check(login, e) < 0) return -1;
    if (role != ROLE_ADMIN && role != ROLE_REPORTER && role != ROLE_VIEWER)
        return err_set(e, ERR_INVALID, "role", "角色无效");
    if (role == ROLE_REPORTER && (!unit_name || !*unit_name))
        return err_set(e, ERR_INVALID, "unit", "责任单位账号需要指定所属单位");
    if (role != ROLE_REPORTER && unit_name && *unit_name)
        return err_set(e, ERR_INVALID, "unit", "只有责任单位账号可以指定单位");
    if (!password) {
        password = password_generate(a);
        must_change = true;
    } else if (password_check_policy(login, password, e) < 0) {
        return -1;
    }
    char *hash;
    if (password_hash(a, password, &hash, e) < 0) return -1;

    User u = {0};
    u.login = (char *)login;
    u.display_name = (char *)nu->display_name;
    u.role = role;
    u.must_change_password = must_change;
    if (db_begin(db, e) < 0) return -1;
    if (role == ROLE_REPORTER) {
        /* units of every office; a deployment with several offices names
         * units uniquely across them in practice */
        Unit *units;
        size_t n;
        if (store_unit_list_all(db, a, &units, &n, e) < 0) goto fail;
        for (size_t i = 0; i < n && !u.unit_id; i++)
            if (strcmp(units[i].name, unit_name) == 0) u.unit_id = units[i].id;
        if (!u.unit_id) {
            err_set(e, ERR_NOT_FOUND, "unit", "单位“%s”不存在", unit_name);
            goto fail;
        }
        u.unit_name = (char *)unit_name;
    }
    if (store_user_insert(db, &u, hash, e) < 0) {
        if (e && e->code == ERR_CONFLICT) {
            err_clear(e);
            err_set(e, ERR_CONFLICT, "login", "账号“%s”已存在", login);
        }
        goto fail;
    }
    char *after = json_take_text(a, json_pack("{s:s, s:s?, s:s, s:I}", "login", login, "display_name",
                                              nu->display_name, "role", role_name(role), "unit_id",
                                              (json_int_t)u.unit_id));
    if (audit_record(db, who, "user.create", "user", u.id, NULL, after, e) < 0) goto fail;
    if (db_commit(db, e) < 0) return -1;
    if (out) *out = u;
    if (password_out) *password_out = (char *)password;
    return 0;
fail:
    db_rollback(db);
    return -1;
}
