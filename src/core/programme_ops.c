/* programme_ops.c - creating and editing programmes. See programme_ops.h. */
#include "core/programme_ops.h"

#include "core/programme.h"

#include "core/audit.h"
#include "core/programme.h"
#include "core/rounds.h"
#include "core/vocab.h"
#include "lib/timeutil.h"
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

int unit_update_all(Db *db, Arena *a, const Actor *who, const Unit *units, size_t n, size_t *failed,
                    Err *e)
{
    *failed = n;
    if (db_begin(db, e) < 0) return -1;
    for (size_t i = 0; i < n; i++)
        if (unit_update(db, a, who, &units[i], e) < 0) {
            *failed = i;
            db_rollback(db);
            return -1;
        }
    return db_commit(db, e);
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

static char *round_json(Arena *a, const Round *r)
{
    return json_take_text(a, json_pack("{s:s, s:s, s:s, s:s, s:b}", "name", r->name, "kind",
                                       round_kind_name(r->kind), "period_end", date_iso(a, r->period_end),
                                       "due", date_iso(a, r->due), "closed", r->closed));
}

int round_add(Db *db, Arena *a, const Actor *who, const Programme *p, Round *r, Err *e)
{
    r->programme_id = p->id;
    r->kind = ROUND_EXTRA;
    if (r->due == DATE_NONE && r->period_end != DATE_NONE) r->due = r->period_end + ROUND_DUE_DAYS;
    if (r->period_start == DATE_NONE) r->period_start = p->start;
    if (round_validate(p, r, e) < 0) return -1;
    if (db_begin(db, e) < 0) return -1;
    if (store_round_insert(db, r, e) < 0) {
        if (e && e->code == ERR_CONFLICT) {
            err_clear(e);
            err_set(e, ERR_CONFLICT, "name", "已有同名轮次“%s”", r->name);
        }
        goto fail;
    }
    if (audit_record(db, who, "round.add", "round", r->id, NULL, round_json(a, r), e) < 0) goto fail;
    return db_commit(db, e);
fail:
    db_rollback(db);
    return -1;
}

int round_change(Db *db, Arena *a, const Actor *who, const Programme *p, const Round *r, Err *e)
{
    if (round_validate(p, r, e) < 0) return -1;
    if (db_begin(db, e) < 0) return -1;
    Round before;
    if (store_round_get(db, a, r->id, &before, e) < 0 || before.programme_id != p->id) {
        db_rollback(db);
        return err_set(e, ERR_NOT_FOUND, NULL, "轮次不存在");
    }
    const char *action = before.closed != r->closed ? (r->closed ? "round.close" : "round.reopen") : "round.update";
    if (store_round_update(db, r, e) < 0 ||
        audit_record(db, who, action, "round", r->id, round_json(a, &before), round_json(a, r), e) < 0) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db, e);
}

int project_unit_set_contact(Db *db, Arena *a, const Actor *who, const Project *pr, Id unit_id,
                             const char *department, const char *person, const char *phone, Err *e)
{
    if (!(who->role == ROLE_ADMIN || (who->role == ROLE_REPORTER && who->unit_id == unit_id)))
        return err_set(e, ERR_FORBIDDEN, NULL, "只能填写本单位的责任科室和责任人");
    const ProjectUnit *pu = project_find_unit(pr, unit_id);
    if (!pu) return err_set(e, ERR_NOT_FOUND, NULL, "该单位不承担此实事项目");
    if (phone && *phone && !phone_valid(phone))
        return err_set(e, ERR_INVALID, "phone", "联系电话格式不正确");
    if (db_begin(db, e) < 0) return -1;
    if (store_project_unit_contact(db, pr->id, unit_id, department, person, phone, e) < 0 ||
        audit_record(db, who, "project_unit.contact", "project", pr->id,
                     json_take_text(a, json_pack("{s:I, s:s?, s:s?, s:s?}", "unit_id", (json_int_t)unit_id,
                                                 "department", pu->department, "person", pu->person,
                                                 "phone", pu->phone)),
                     json_take_text(a, json_pack("{s:I, s:s?, s:s?, s:s?}", "unit_id", (json_int_t)unit_id,
                                                 "department", department, "person", person, "phone", phone)),
                     e) < 0) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db, e);
}
