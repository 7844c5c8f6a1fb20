/* reports.c - report content rules and history. See reports.h. */
#include "core/reports.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#include "core/audit.h"
#include "core/programme.h"
#include "core/vocab.h"
#include "db/store.h"
#include "io/json_util.h"
#include "lib/timeutil.h"
#include "lib/utf8.h"

static int check_text(const char *s, const char *field, const char *label, Err *e)
{
    if (!s) return 0;
    if (!utf8_valid(s, strlen(s))) return err_set(e, ERR_INVALID, field, "%s含有无效字符", label);
    if (utf8_chars(s) > REPORT_TEXT_MAX_CHARS)
        return err_set(e, ERR_INVALID, field, "%s过长（最多%d个字）", label, REPORT_TEXT_MAX_CHARS);
    return 0;
}

int report_validate(const Project *pr, const Report *r, Err *e)
{
    if (!project_find_unit(pr, r->unit_id))
        return err_set(e, ERR_FORBIDDEN, "unit", "该单位不是本实事项目的责任单位");
    if (check_text(r->measures, "measures", "本季度具体措施及任务进度情况", e) < 0 ||
        check_text(r->problems, "problems", "存在问题", e) < 0 ||
        check_text(r->next_steps, "next_steps", "下步打算", e) < 0 ||
        check_text(r->return_reason, "return_reason", "退回理由", e) < 0)
        return -1;
    if (r->self_status != SELF_NONE && pr->n_indicators > 0)
        return err_set(e, ERR_INVALID, "self_status", "有量化指标的项目不填写自评状态");
    if ((unsigned)r->self_status >= SELF_STATUS__MAX)
        return err_set(e, ERR_INVALID, "self_status", "自评状态无效");
    for (size_t v = 0; v < r->n_values; v++) {
        const ReportValue *val = &r->values[v];
        const Indicator *ind = project_find_indicator(pr, val->indicator_id);
        char field[48];
        snprintf(field, sizeof field, "value_%lld", (long long)val->indicator_id);
        if (!ind) return err_set(e, ERR_INVALID, field, "指标不属于本实事项目");
        if (indicator_owner_id(pr, ind) != r->unit_id)
            return err_set(e, ERR_FORBIDDEN, field, "指标“%s”由其他单位填报", ind->name);
        if (!val->has_actual) continue;
        if (!isfinite(val->actual) || val->actual < 0 || val->actual > 1e12)
            return err_set(e, ERR_INVALID, field, "“%s”的累计完成值必须是不小于0的数", ind->name);
        if (strcmp(ind->measure, "%") == 0 && val->actual > 100)
            return err_set(e, ERR_INVALID, field, "“%s”是百分比，不能超过100", ind->name);
    }
    return 0;
}

char *report_snapshot(Arena *a, const Report *r)
{
    char ec[DATE_ISO_LEN] = "";
    if (r->expected_completion != DATE_NONE) date_format(r->expected_completion, ec);
    json_t *values = json_object();
    for (size_t v = 0; v < r->n_values; v++) {
        if (!r->values[v].has_actual) continue;
        char key[32];
        snprintf(key, sizeof key, "%lld", (long long)r->values[v].indicator_id);
        json_object_set_new(values, key, json_real(r->values[v].actual));
    }
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:o}", "status",
                          report_status_name(r->status), "measures", r->measures ? r->measures : "",
                          "problems", r->problems ? r->problems : "", "next_steps",
                          r->next_steps ? r->next_steps : "", "expected_completion",
                          ec[0] ? ec : NULL, "self_status",
                          r->self_status ? self_status_name(r->self_status) : NULL,
                          "return_reason", r->return_reason, "submitted_at", r->submitted_at,
                          "values", values);
    return json_take_text(a, j);
}

int report_import(Db *db, Arena *a, const Actor *who, const Project *pr, Report *r, Err *e)
{
    if (report_validate(pr, r, e) < 0) return -1;
    if (r->status == REPORT_RETURNED && (!r->return_reason || !*r->return_reason))
        return err_set(e, ERR_INVALID, "return_reason", "退回时必须填写退回理由");
    if (r->version < 1) r->version = 1;
    char *snap = report_snapshot(a, r);
    if (db_begin(db, e) < 0) return -1;
    if (store_report_save(db, r, snap, who ? who->user_id : 0, e) < 0 ||
        audit_record(db, who, "report.import", "report", r->id, NULL, snap, e) < 0) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db, e);
}

bool report_visible_to(const Report *r, const Actor *who)
{
    if (!who) return false;
    switch (who->role) {
    case ROLE_REPORTER:
        return who->unit_id == r->unit_id;
    case ROLE_ADMIN:
    case ROLE_VIEWER:
        return r->status != REPORT_DRAFT;
    default:
        return false;
    }
}
