/* supervise_notice.c - the 督办单. See supervise_notice.h. */
#include "core/supervise_notice.h"

#include "core/audit.h"
#include "core/programme.h"
#include "db/store.h"
#include "io/json_util.h"
#include "lib/buf.h"
#include "lib/timeutil.h"

int supervise_notice_compose(Arena *a, const Standing *st, const Project *pr, Id unit_id, int by,
                             int today, SuperviseNotice *out, Err *e)
{
    const ProjectUnit *pu = project_find_unit(pr, unit_id);
    if (!pu) return err_set(e, ERR_INVALID, "unit", "该单位不是此项目的责任单位");
    if (by == DATE_NONE || by < today) return err_set(e, ERR_INVALID, "by", "整改期限不能早于今天");
    const ProjectStanding *ps = NULL;
    for (size_t i = 0; i < st->n_projects; i++)
        if (st->projects[i].project == pr) ps = &st->projects[i];
    if (!ps) return err_set(e, ERR_INVALID, "project", "项目不属于该计划");
    const Programme *p = st->programme;
    const char **paras = ARENA_ARRAY(a, const char *, 8 + ps->n_indicators);
    size_t n = 0;
    const Round *rd = st->round;
    paras[n++] = arena_printf(a, "根据%s工作调度情况，截至%s，你单位牵头或参与的“%s”进展%s，现予督办。",
                              rd ? rd->name : "", rd ? date_cn(a, rd->period_end) : date_cn(a, today),
                              pr->title, progress_status_label(ps->status));
    Buf b = BUF_INIT(a);
    int k_count = 0;
    for (size_t k = 0; k < ps->n_indicators; k++) {
        const IndicatorStanding *is = &ps->indicators[k];
        if (is->owner_unit_id != unit_id) continue;
        if (is->status != STATUS_BEHIND && is->status != STATUS_SERIOUS) continue;
        const Indicator *ind = is->indicator;
        buf_printf(&b, "%s“%s”目标%s%s，累计完成%s%s，完成率%.1f%%，按序时进度应完成%s%s（%.1f%%），落后%.1f个百分点",
                   k_count ? "；" : "", ind->name, format_number(a, ind->target), ind->measure,
                   format_number(a, is->actual), ind->measure, is->completion * 100,
                   format_expected(a, ind, is->expected), ind->measure, is->expected * 100,
                   (is->expected - is->completion) * 100);
        k_count++;
    }
    if (k_count) paras[n++] = arena_printf(a, "一、滞后情况。%s。", buf_str(&b));
    else if (ps->n_indicators == 0)
        paras[n++] = arena_printf(a, "一、滞后情况。该项目无量化指标，目前自评为%s，进度滞后于全区整体安排。",
                                  progress_status_label(ps->status));
    else
        paras[n++] = "一、滞后情况。该项目整体进度滞后于序时进度，请你单位配合牵头单位加快推进。";
    paras[n++] = arena_printf(a, "二、整改要求。请你单位认真分析滞后原因，制定切实可行的整改措施，明确责任科室、"
                                 "责任人和完成时限，于%s前将整改措施和进展情况书面报%s。",
                              date_cn(a, by), p->coordinator ? p->coordinator : "协调办公室");
    paras[n++] = arena_printf(a, "三、有关要求。%s将对整改情况进行跟踪调度，整改不力的将在进展情况通报中予以通报。",
                              p->coordinator ? p->coordinator : "协调办公室");
    if (p->phone || p->email)
        paras[n++] = arena_printf(a, "联系电话：%s%s%s", p->phone ? p->phone : "", p->email ? "，电子邮箱：" : "",
                                  p->email ? p->email : "");
    out->title = "督办通知单";
    out->to = arena_printf(a, "%s：", pu->unit_name);
    out->paragraphs = paras;
    out->n_paragraphs = n;
    out->signature = p->coordinator ? p->coordinator : "";
    out->date = date_cn(a, today);
    return 0;
}

char *supervise_notice_text(Arena *a, const SuperviseNotice *n)
{
    Buf b = BUF_INIT(a);
    buf_printf(&b, "%s\n%s\n", n->title, n->to);
    for (size_t i = 0; i < n->n_paragraphs; i++) buf_printf(&b, "%s\n", n->paragraphs[i]);
    buf_printf(&b, "%s\n%s\n", n->signature, n->date);
    return arena_strdup(a, buf_str(&b));
}

int supervise_notice_docx(Arena *a, const SuperviseNotice *n, void **out, size_t *len, Err *e)
{
    DocBlock *blocks = ARENA_ARRAY(a, DocBlock, n->n_paragraphs + 4);
    size_t nb = 0;
    blocks[nb++] = (DocBlock){DOC_PLAIN, n->to};
    for (size_t i = 0; i < n->n_paragraphs; i++) blocks[nb++] = (DocBlock){DOC_BODY, n->paragraphs[i]};
    blocks[nb++] = (DocBlock){DOC_SIGNATURE, n->signature};
    blocks[nb++] = (DocBlock){DOC_SIGNATURE, n->date};
    DocDocument d = {"督办单", n->title, NULL, blocks, nb};
    return docx_document(&d, a, out, len, e);
}

int supervise_notice_record(Db *db, Arena *a, const Actor *who, Id round_id, Id unit_id,
                            const char *text, Err *e)
{
    if (who->role != ROLE_ADMIN) return err_set(e, ERR_FORBIDDEN, NULL, "只有协调办公室可以下发督办单");
    char now[TS_ISO_LEN];
    ts_now(now);
    Reminder rem = {0};
    rem.round_id = round_id;
    rem.unit_id = unit_id;
    rem.level = REMINDER_SUPERVISE;
    rem.channel = REMINDER_NOTICE;
    rem.message = (char *)text;
    rem.delivered = true;
    rem.sent_by = who->user_id;
    rem.sent_at = now;
    if (db_begin(db, e) < 0) return -1;
    if (store_reminder_insert(db, &rem, e) < 0 ||
        audit_record(db, who, "reminder.supervise_notice", "reminder", rem.id, NULL,
                     json_take_text(a, json_pack("{s:I, s:I, s:s}", "round_id", (json_int_t)round_id, "unit_id",
                                                 (json_int_t)unit_id, "text", text)),
                     e) < 0) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db, e);
}
