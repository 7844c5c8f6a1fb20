/* bulletin_ops.c - facts, draft and edits of a round's bulletin. See bulletin_ops.h. */
#include "core/bulletin_ops.h"

#include <string.h>

#include "core/audit.h"
#include "core/standing.h"
#include "core/supervision.h"
#include "db/store.h"
#include "io/json_util.h"
#include "lib/timeutil.h"
#include "lib/utf8.h"

int bulletin_facts_load(Db *db, Arena *a, Id round_id, int today, BulletinFacts *out, Err *e)
{
    Supervision *sup;
    if (supervision_load(db, a, round_id, today, &sup, e) < 0) return -1;
    size_t at = (size_t)(sup->round - sup->rounds); /* supervision_load found it */
    memset(out, 0, sizeof *out);
    out->standing = standing_compute(sup->programme, sup->rounds, sup->n_rounds, at, sup->reports,
                                     sup->n_reports, a);
    const Round *rd = out->standing->round;
    const Programme *pg = sup->programme;
    out->expected_share = rd ? progress_expected(pg->start, pg->deadline, rd->period_end) : 0;
    for (int s = 0; s < STATUS__MAX; s++) out->status_label[s] = progress_status_label((enum Status)s);
    out->coordinator = sup->programme->coordinator;
    out->date = today;
    const SupMatrix *m = sup->matrix;
    out->expected = (size_t)m->all.expected;
    out->on_time = (size_t)m->all.on_time;
    out->late = ARENA_ARRAY(a, BulletinPair, (size_t)m->all.expected + 1);
    out->missing = ARENA_ARRAY(a, BulletinPair, (size_t)m->all.expected + 1);
    out->returned = ARENA_ARRAY(a, BulletinPair, (size_t)m->all.expected + 1);
    const Programme *p = sup->programme;
    for (size_t i = 0; i < p->n_projects; i++)
        for (size_t j = 0; j < m->n_units; j++) {
            const SupCell *c = supervision_at(m, i, j);
            if (!c->expected) continue;
            BulletinPair pair = {&p->projects[i], m->units[j]->unit_name};
            if (c->timely == TIMELY_LATE) out->late[out->n_late++] = pair;
            if (c->status == REPORT_RETURNED) out->returned[out->n_returned++] = pair;
            else if (c->timely != TIMELY_ON_TIME && c->timely != TIMELY_LATE) out->missing[out->n_missing++] = pair;
        }
    return 0;
}

int bulletin_current(Db *db, Arena *a, Id round_id, char **text, bool *saved, char **at, Err *e)
{
    if (store_bulletin_get(db, a, round_id, text, at, e) == 0) {
        *saved = true;
        return 0;
    }
    if (e && e->code != ERR_NOT_FOUND) return -1;
    err_clear(e);
    *saved = false;
    BulletinFacts f;
    if (bulletin_facts_load(db, a, round_id, date_today(), &f, e) < 0) return -1;
    *text = bulletin_text(a, &f);
    return 0;
}

int bulletin_save(Db *db, Arena *a, const Actor *who, Id round_id, const char *text, Err *e)
{
    if (who->role != ROLE_ADMIN) return err_set(e, ERR_FORBIDDEN, NULL, "只有协调办公室可以编辑通报");
    if (!text || !*text) return err_set(e, ERR_INVALID, "text", "通报内容不能为空");
    if (!utf8_valid(text, strlen(text)) || utf8_chars(text) > 50000)
        return err_set(e, ERR_INVALID, "text", "通报内容过长或含有无效字符");
    char now[TS_ISO_LEN];
    ts_now(now);
    char *before = NULL;
    if (db_begin(db, e) < 0) return -1;
    Err ignore = ERR_INIT;
    store_bulletin_get(db, a, round_id, &before, NULL, &ignore);
    if (store_bulletin_put(db, round_id, text, who->user_id, now, e) < 0 ||
        audit_record(db, who, "bulletin.save", "round", round_id,
                     before ? json_take_text(a, json_string(before)) : NULL,
                     json_take_text(a, json_string(text)), e) < 0) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db, e);
}
