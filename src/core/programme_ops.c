/* programme_ops.c - creating and editing programmes. See programme_ops.h. */
#include "core/programme_ops.h"

#include "core/audit.h"
#include "core/programme.h"
#include "core/rounds.h"
#include "db/store.h"
#include "io/programme_json.h"

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
