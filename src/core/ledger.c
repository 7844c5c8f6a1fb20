/* ledger.c - the work ledger. See ledger.h. */
#include "core/ledger.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#include "core/audit.h"
#include "core/files.h"
#include "core/programme.h"
#include "db/store.h"
#include "io/json_util.h"
#include "lib/timeutil.h"
#include "lib/utf8.h"

static char *entry_json(Arena *a, const LedgerEntry *l)
{
    return json_take_text(a, json_pack("{s:I, s:I, s:s, s:s, s:s?, s:o, s:I, s:I}", "project_id",
                                       (json_int_t)l->project_id, "unit_id", (json_int_t)l->unit_id,
                                       "date", date_iso(a, l->date), "content", l->content, "place",
                                       l->place, "quantity",
                                       l->has_quantity ? json_real(l->quantity) : json_null(),
                                       "indicator_id", (json_int_t)l->indicator_id, "funds_fen",
                                       (json_int_t)l->funds_fen));
}

int ledger_add(Db *db, Arena *a, const Actor *who, const Programme *p, const Project *pr,
               LedgerEntry *l, const LedgerEvidence *evidence, Err *e)
{
    if (who->role != ROLE_REPORTER || who->unit_id != l->unit_id)
        return err_set(e, ERR_FORBIDDEN, NULL, "只能在本单位的台账中记录");
    if (!project_find_unit(pr, l->unit_id))
        return err_set(e, ERR_FORBIDDEN, NULL, "该单位不承担此实事项目");
    if (l->date == DATE_NONE) return err_set(e, ERR_INVALID, "date", "请填写日期");
    if (l->date > date_today() + 1) return err_set(e, ERR_INVALID, "date", "日期不能晚于今天");
    if (l->date < p->start - 366 || l->date > p->deadline + 366)
        return err_set(e, ERR_INVALID, "date", "日期不在本计划的实施期内");
    if (!l->content || !*l->content) return err_set(e, ERR_INVALID, "content", "请填写工作内容");
    if (!utf8_valid(l->content, strlen(l->content)) || utf8_chars(l->content) > LEDGER_CONTENT_MAX_CHARS)
        return err_set(e, ERR_INVALID, "content", "工作内容过长（最多%d个字）", LEDGER_CONTENT_MAX_CHARS);
    if (l->place && utf8_chars(l->place) > 200) return err_set(e, ERR_INVALID, "place", "地点过长");
    if (l->has_quantity && (!isfinite(l->quantity) || l->quantity < 0 || l->quantity > 1e12))
        return err_set(e, ERR_INVALID, "quantity", "数量必须是不小于0的数");
    if (l->indicator_id) {
        const Indicator *ind = project_find_indicator(pr, l->indicator_id);
        if (!ind || indicator_owner_id(pr, ind) != l->unit_id)
            return err_set(e, ERR_INVALID, "indicator", "只能计入本单位负责填报的指标");
        if (!l->has_quantity) return err_set(e, ERR_INVALID, "quantity", "计入指标时请填写数量");
    }
    if (l->funds_fen < 0 || l->funds_fen > 100000000000000LL)
        return err_set(e, ERR_INVALID, "funds", "资金金额无效");
    l->created_by = who->user_id;
    /* the file's checks and copy (up to the upload limit, fsynced) happen
     * before the write lock is taken */
    StoredFile sf = {0};
    if (evidence && file_accept(a, evidence->files_dir, evidence->file, evidence->max_bytes, &sf, e) < 0)
        return -1;
    if (db_begin(db, e) < 0) goto undo;
    if (store_ledger_insert(db, l, e) < 0 ||
        audit_record(db, who, "ledger.add", "ledger_entry", l->id, NULL, entry_json(a, l), e) < 0)
        goto fail;
    if (evidence) {
        Attachment att = {0};
        att.kind = ATTACH_LEDGER;
        att.project_id = l->project_id;
        att.unit_id = l->unit_id;
        att.ledger_id = l->id;
        if (attachment_record(db, a, who, &sf, &att, e) < 0) goto fail;
    }
    if (db_commit(db, e) < 0) goto undo;
    return 0;
fail:
    db_rollback(db);
undo:
    if (evidence) file_discard(db, a, &sf);
    return -1;
}

int ledger_remove(Db *db, Arena *a, const Actor *who, const char *files_dir, Id id, Err *e)
{
    LedgerEntry l;
    Attachment *files;
    size_t n;
    if (db_begin(db, e) < 0) return -1;
    if (store_ledger_get(db, a, id, &l, e) < 0) goto fail;
    if (who->role != ROLE_REPORTER || who->unit_id != l.unit_id) {
        err_set(e, ERR_FORBIDDEN, NULL, "只能删除本单位的台账记录");
        goto fail;
    }
    if (store_attachment_list_for_ledger(db, a, id, &files, &n, e) < 0 ||
        store_ledger_delete(db, id, e) < 0 ||
        audit_record(db, who, "ledger.remove", "ledger_entry", id, entry_json(a, &l), NULL, e) < 0)
        goto fail;
    if (db_commit(db, e) < 0) return -1;
    for (size_t i = 0; i < n; i++) file_release(db, a, files_dir, files[i].sha256);
    return 0;
fail:
    db_rollback(db);
    return -1;
}

void ledger_running_totals(const LedgerEntry *l, size_t n, double *out)
{
    for (size_t i = 0; i < n; i++) {
        if (!l[i].indicator_id || !l[i].has_quantity) {
            out[i] = NAN;
            continue;
        }
        double sum = 0;
        for (size_t j = 0; j <= i; j++)
            if (l[j].indicator_id == l[i].indicator_id && l[j].has_quantity) sum += l[j].quantity;
        out[i] = sum;
    }
}
