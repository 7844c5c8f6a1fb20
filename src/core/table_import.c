/* table_import.c - matching and applying a filled table. See table_import.h. */
#include "core/table_import.h"

#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/programme.h"
#include "core/reports.h"
#include "db/store.h"
#include "lib/timeutil.h"

static void skip(Arena *a, ImportPlan *pl, size_t *cap, int row, const char *what, const char *why)
{
    if (pl->n_skipped == *cap) {
        pl->skipped = arena_grow(a, pl->skipped, pl->n_skipped, *cap * 2 + 8, sizeof *pl->skipped);
        *cap = *cap * 2 + 8;
    }
    pl->skipped[pl->n_skipped++] = (ImportSkip){row, what, why};
}

static const Project *match_project(Arena *a, const Programme *p, const ReadRow *row)
{
    if (!row->title || !*row->title) return NULL;
    const char *key = table_match_key(a, row->title);
    for (size_t i = 0; i < p->n_projects; i++) {
        const Project *pr = &p->projects[i];
        if (strcmp(key, table_match_key(a, pr->report_title)) == 0 || strcmp(key, table_match_key(a, pr->title)) == 0)
            return pr;
    }
    return NULL;
}

static const ProjectUnit *match_unit(Arena *a, const Project *pr, const char *name)
{
    if (!name) return NULL;
    const char *key = table_match_key(a, name);
    for (size_t u = 0; u < pr->n_units; u++)
        if (strcmp(key, table_match_key(a, pr->units[u].unit_name)) == 0) return &pr->units[u];
    return NULL;
}

ImportPlan *table_import_plan(Arena *a, const Programme *p, const ReadTable *t, const Actor *who)
{
    ImportPlan *pl = ARENA_NEW(a, ImportPlan);
    size_t cap_items = 16, cap_skip = 8;
    pl->items = ARENA_ARRAY(a, ImportItem, cap_items);
    pl->skipped = ARENA_ARRAY(a, ImportSkip, cap_skip);
    for (size_t i = 0; i < t->n_rows; i++) {
        const ReadRow *row = &t->rows[i];
        const Project *pr = match_project(a, p, row);
        if (!pr) {
            skip(a, pl, &cap_skip, row->source_row, row->title && *row->title ? row->title : "（无名称）",
                 "实事名称与本计划的项目都对不上");
            continue;
        }
        if (row->n_reports == 0) {
            skip(a, pl, &cap_skip, row->source_row, pr->report_title, "本季度具体措施及任务进度情况为空");
            continue;
        }
        for (size_t k = 0; k < row->n_reports; k++) {
            const ReadReport *rep = &row->reports[k];
            const char *name = rep->unit;
            /* a paragraph without a heading belongs to the row's only unit */
            if (!name && row->n_units == 1) name = row->units[0];
            if (!name && pr->n_units == 1) name = pr->units[0].unit_name;
            const ProjectUnit *pu = match_unit(a, pr, name);
            const char *what = arena_printf(a, "%s · %s", pr->report_title, name ? name : "（未标明单位）");
            if (!name) {
                skip(a, pl, &cap_skip, row->source_row, what, "这段内容没有标明是哪个单位的（请以“单位名：”开头）");
                continue;
            }
            if (!pu) {
                skip(a, pl, &cap_skip, row->source_row, what, "该单位不是此项目的责任单位");
                continue;
            }
            if (!rep->text || !*rep->text) {
                skip(a, pl, &cap_skip, row->source_row, what, "内容为空");
                continue;
            }
            if (who && who->role == ROLE_REPORTER && who->unit_id != pu->unit_id) {
                skip(a, pl, &cap_skip, row->source_row, what, "不是本单位的内容，不会导入");
                continue;
            }
            bool dup = false;
            for (size_t j = 0; j < pl->n_items; j++)
                if (pl->items[j].project == pr && pl->items[j].unit_id == pu->unit_id) dup = true;
            if (dup) {
                skip(a, pl, &cap_skip, row->source_row, what, "同一单位在此项目下出现了两次，只导入第一次");
                continue;
            }
            if (pl->n_items == cap_items) {
                pl->items = arena_grow(a, pl->items, pl->n_items, cap_items * 2, sizeof *pl->items);
                cap_items *= 2;
            }
            pl->items[pl->n_items++] = (ImportItem){pr, pu->unit_id, pu->unit_name, rep->text, row->source_row};
        }
    }
    return pl;
}

int table_import_apply(Db *db, Arena *a, const Actor *who, const Programme *p, const Round *round,
                       ImportPlan *plan, enum ReportStatus as, size_t *written, Err *e)
{
    *written = 0;
    if (as != REPORT_DRAFT && as != REPORT_SUBMITTED) return err_set(e, ERR_INVALID, "as", "导入状态无效");
    if (round->programme_id != p->id) return err_set(e, ERR_INVALID, "round", "轮次不属于该实事计划");
    if (round->closed) return err_set(e, ERR_CONFLICT, NULL, "本轮次已关闭，不能导入");
    if (who->role != ROLE_ADMIN && who->role != ROLE_REPORTER)
        return err_set(e, ERR_FORBIDDEN, NULL, "无权导入报表");
    for (size_t i = 0; i < plan->n_items; i++)
        if (who->role == ROLE_REPORTER && plan->items[i].unit_id != who->unit_id)
            return err_set(e, ERR_FORBIDDEN, NULL, "只能导入本单位的内容");
    char now[TS_ISO_LEN];
    ts_now(now);
    size_t cap_skip = plan->n_skipped;
    if (db_begin(db, e) < 0) return -1;
    for (size_t i = 0; i < plan->n_items; i++) {
        const ImportItem *it = &plan->items[i];
        Report r, before;
        bool stored = store_report_find(db, a, round->id, it->project->id, it->unit_id, &r, NULL) == 0;
        if (stored && (r.status == REPORT_SUBMITTED || r.status == REPORT_ACCEPTED)) {
            skip(a, plan, &cap_skip, it->source_row, arena_printf(a, "%s · %s", it->project->report_title, it->unit_name),
                 "该单位本轮报告已报送，未覆盖");
            continue;
        }
        if (!stored) {
            memset(&r, 0, sizeof r);
            r.round_id = round->id;
            r.project_id = it->project->id;
            r.unit_id = it->unit_id;
            r.expected_completion = DATE_NONE;
        }
        before = r;
        r.measures = (char *)it->text;
        r.status = as;
        r.version = stored ? r.version + 1 : 1;
        r.updated_at = arena_strdup(a, now);
        if (as == REPORT_SUBMITTED) {
            r.submitted_at = r.updated_at;
            if (!r.first_submitted_at) r.first_submitted_at = r.updated_at;
            r.return_reason = NULL;
        }
        if (report_validate(it->project, &r, e) < 0) {
            snprintf(e->field, sizeof e->field, "row_%d", it->source_row);
            goto fail;
        }
        char *snap = report_snapshot(a, &r);
        if (store_report_save(db, &r, snap, who->user_id, e) < 0 ||
            audit_record(db, who, "report.import_table", "report", r.id, stored ? report_snapshot(a, &before) : NULL,
                         snap, e) < 0)
            goto fail;
        (*written)++;
    }
    return db_commit(db, e);
fail:
    db_rollback(db);
    *written = 0;
    return -1;
}
