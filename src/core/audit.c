/* audit.c - the hash-chained audit trail. See audit.h. */
#include "core/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "lib/timeutil.h"

/* Fields are separated by a unit separator and NULLs marked apart from
 * empty strings, so that no two different rows hash the same input. */
static void feed(crypto_hash_sha256_state *st, const char *s)
{
    static const unsigned char sep = 0x1f, null_mark = 0x00;
    if (s) crypto_hash_sha256_update(st, (const unsigned char *)s, strlen(s));
    else crypto_hash_sha256_update(st, &null_mark, 1);
    crypto_hash_sha256_update(st, &sep, 1);
}

char *audit_row_hash(Arena *a, const AuditRow *row)
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    char num[32];
    feed(&st, row->prev_hash);
    feed(&st, row->at);
    snprintf(num, sizeof num, "%lld", (long long)row->user_id);
    feed(&st, num);
    feed(&st, row->login);
    feed(&st, row->address);
    feed(&st, row->action);
    feed(&st, row->entity);
    snprintf(num, sizeof num, "%lld", (long long)row->entity_id);
    feed(&st, num);
    feed(&st, row->before);
    feed(&st, row->after);
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, out);
    char *hex = arena_alloc(a, sizeof out * 2 + 1);
    sodium_bin2hex(hex, sizeof out * 2 + 1, out, sizeof out);
    return hex;
}

int audit_record(Db *db, const Actor *who, const char *action, const char *entity, Id entity_id,
                 const char *before, const char *after, Err *e)
{
    if (!db_in_transaction(db))
        return err_set(e, ERR_INTERNAL, NULL, "audit_record outside a transaction");
    Arena *a = arena_new();
    char now[TS_ISO_LEN];
    ts_now(now);
    AuditRow row = {0};
    row.at = now;
    row.user_id = who ? who->user_id : 0;
    row.login = (char *)(who && who->login ? who->login : "system");
    row.address = (char *)(who && who->address ? who->address : "local");
    row.action = (char *)action;
    row.entity = (char *)entity;
    row.entity_id = entity_id;
    row.before = (char *)before;
    row.after = (char *)after;
    int rc = store_audit_last_hash(db, a, &row.prev_hash, e);
    if (rc == 0) {
        row.hash = audit_row_hash(a, &row);
        rc = store_audit_append(db, &row, e);
    }
    arena_free(a);
    return rc;
}

int audit_verify(Db *db, Arena *a, Id *bad_id, const char **why, Err *e)
{
    (void)a; /* each page of rows has its own arena; nothing outlives the walk */
    *bad_id = 0;
    *why = NULL;
    Id after = 0;
    char prev[65] = ""; /* hex SHA-256 of the row before */
    for (;;) {
        /* page through the trail so a long one needs bounded memory */
        Arena *page = arena_new();
        AuditRow *rows;
        size_t n;
        if (store_audit_list(db, page, after, 1000, &rows, &n, e) < 0) {
            arena_free(page);
            return -1;
        }
        for (size_t i = 0; i < n; i++) {
            if (strcmp(rows[i].prev_hash, prev) != 0) {
                *bad_id = rows[i].id;
                *why = "its link to the previous row is broken (a row was removed or changed)";
                arena_free(page);
                return 0;
            }
            if (strcmp(audit_row_hash(page, &rows[i]), rows[i].hash) != 0) {
                *bad_id = rows[i].id;
                *why = "its content does not match its hash (the row was changed)";
                arena_free(page);
                return 0;
            }
            snprintf(prev, sizeof prev, "%s", rows[i].hash); /* 64 hex: it matched */
            after = rows[i].id;
        }
        arena_free(page);
        if (n < 1000) return 0;
    }
}
