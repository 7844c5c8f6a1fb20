/* programme_ops.c - creating and editing programmes. See programme_ops.h. */
#include "core/programme_ops.h"

#include "core/audit.h"
#include "core/programme.h"
#include "core/rounds.h"
#include "db/store.h"
#include "io/json_util.h"
#include "io/programme_json.h"
#include "lib/utf8.h"

#include <string.h>

int programme_create(Db *db, Arena *a, const Actor *who, Programme *p, Err *e)
{
    programme_apply_defaults(p);
    if (programme_validate(p, e) < 0) return -1;
    if (db_begin(db, e) < 0) return -1;
    if (store_programme_save(db, p, e) < 0) goto fail;
    Round *rounds;
    size_t n = rounds_generate(p, a, &rounds);
    for (size_t i = 0; i < n; i++) {
        rounds[i].programme_id = p->id;
        if (store_round_insert(db, &rounds[i], e) < 0) goto fail;
    }
    if (audit_record(db, who, "programme.create", "programme", p->id, NULL,
                     programme_json_text(p, a), e) < 0)
        goto fail;
    return db_commit(db, e);
fail:
    db_rollback(db);
    return -1;
}

int programme_update(Db *db, Arena *a, const Actor *who, Programme *p, Err *e)
{
    if (!p->id) return err_set(e, ERR_INTERNAL, NULL, "programme_update without an id");
    if (programme_validate(p, e) < 0) return -1;
    if (db_begin(db, e) < 0) return -1;
    Programme *before;
    if (store_programme_load(db, a, p->id, &before, e) < 0) goto fail;
    if (store_programme_save(db, p, e) < 0) goto fail;
    if (audit_record(db, who, "programme.update", "programme", p->id,
                     programme_json_text(before, a), programme_json_text(p, a), e) < 0)
        goto fail;
    return db_commit(db, e);
fail:
    db_rollback(db);
    return -1;
}

int unit_update(Db *db, Arena *a, const Actor *who, const Unit *u, Err *e)
{
    if (!u->name || !*u->name) return err_set(e, ERR_INVALID, "name", "请填写单位名称");
    if (utf8_chars(u->name) > 100) return err_set(e, ERR_INVALID, "name", "单位名称过长");
    if (u->email && *u->email && (!strchr(u->email, '@') || strchr(u->email, ' ')))
        return err_set(e, ERR_INVALID, "email", "电子邮箱格式不正确");
    if (db_begin(db, e) < 0) return -1;
    Unit before;
    if (store_unit_get(db, a, u->id, &before, e) < 0) goto fail;
    if (store_unit_update(db, u, e) < 0) {
        if (e && e->code == ERR_CONFLICT) {
            err_clear(e);
            err_set(e, ERR_CONFLICT, "name", "已有名为“%s”的单位", u->name);
        }
        goto fail;
    }
    if (audit_record(db, who, "unit.update", "unit", u->id,
                     json_take_text(a, json_pack("{s:s, s:s?}", "name", before.name, "email", before.email)),
                     json_take_text(a, json_pack("{s:s, s:s?}", "name", u->name, "email", u->email)),
                     e) < 0)
        goto fail;
    return db_commit(db, e);
fail:
    db_rollback(db);
    return -1;
}
