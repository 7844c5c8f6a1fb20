/* report_flow.c - the report cycle. See report_flow.h. */
#include "core/report_flow.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#include "core/audit.h"
#include "core/programme.h"
#include "core/progress.h"
#include "core/reports.h"
#include "core/rounds.h"
#include "core/vocab.h"
#include "lib/timeutil.h"
#include "lib/utf8.h"

double report_value_of(const Report *r, Id indicator_id)
{
    for (size_t v = 0; v < r->n_values; v++)
        if (r->values[v].indicator_id == indicator_id && r->values[v].has_actual)
            return r->values[v].actual;
    return NAN;
}

/* The unit's latest report on the project in a round before `round`
 * (any state but a draft never sent), for "report once". */
static const Report *previous_report(const ReportContext *c, const Report *reps, size_t n,
                                     bool counted_only)
{
    const Report *best = NULL;
    int best_end = DATE_NONE;
    for (size_t i = 0; i < n; i++) {
        const Report *r = &reps[i];
        if (r->unit_id != c->unit.id || r->round_id == c->round->id) continue;
        if (counted_only && r->status != REPORT_SUBMITTED && r->status != REPORT_ACCEPTED) continue;
        const Round *rd = rounds_find(c->rounds, c->n_rounds, r->round_id);
        if (!rd || rd->period_end > c->round->period_end) continue;
        if (!best || rd->period_end > best_end) {
            best = r;
            best_end = rd->period_end;
        }
    }
    return best;
}

int report_context(Db *db, Arena *a, Id round_id, Id project_id, Id unit_id, ReportContext **out,
                   Err *e)
{
    ReportContext *c = ARENA_NEW(a, ReportContext);
    /* only the one project: a save must not read the whole programme */
    if (store_programme_load_project(db, a, project_id, &c->programme, e) < 0 ||
        store_round_list(db, a, c->programme->id, &c->rounds, &c->n_rounds, e) < 0 ||
        store_unit_get(db, a, unit_id, &c->unit, e) < 0)
        return -1;
    c->project = programme_find_project(c->programme, project_id);
    c->round = rounds_find(c->rounds, c->n_rounds, round_id);
    if (!c->round) return err_set(e, ERR_NOT_FOUND, NULL, "轮次不存在");
    if (!c->project || !project_find_unit(c->project, unit_id))
        return err_set(e, ERR_NOT_FOUND, NULL, "该单位不承担此实事项目");
    const Project *pr = c->project;
    Report *reps;
    size_t n;
    if (store_report_list_by_project_unit(db, a, project_id, unit_id, &reps, &n, e) < 0) return -1;

    size_t ni = pr->n_indicators;
    c->owned = ARENA_ARRAY(a, bool, ni + 1);
    c->previous = ARENA_ARRAY(a, double, ni + 1);
    c->ledger = ARENA_ARRAY(a, double, ni + 1);
    const Report *counted = previous_report(c, reps, n, true);
    Id *lids;
    double *lsums;
    size_t nl;
    if (store_ledger_totals(db, a, project_id, unit_id, c->round->period_end, &lids, &lsums, &nl, e) < 0)
        return -1;
    for (size_t k = 0; k < ni; k++) {
        const Indicator *ind = &pr->indicators[k];
        c->owned[k] = indicator_owner_id(pr, ind) == unit_id;
        c->previous[k] = counted ? report_value_of(counted, ind->id) : NAN;
        c->ledger[k] = NAN;
        for (size_t j = 0; j < nl; j++)
            if (lids[j] == ind->id) c->ledger[k] = lsums[j];
    }
    int deadline = project_deadline(c->programme, pr);
    c->expected = progress_expected(c->programme->start, deadline, c->round->period_end);

    if (store_report_find(db, a, round_id, project_id, unit_id, &c->report, e) == 0) {
        c->stored = true;
    } else if (e && e->code == ERR_NOT_FOUND) {
        err_clear(e);
        /* report once: start from the previous report and the ledger */
        Report *r = &c->report;
        r->round_id = round_id;
        r->project_id = project_id;
        r->unit_id = unit_id;
        r->status = REPORT_NONE;
        r->expected_completion = DATE_NONE;
        const Report *prev = previous_report(c, reps, n, false);
        r->measures = prev ? prev->measures : "";
        r->problems = prev ? prev->problems : "";
        r->next_steps = prev ? prev->next_steps : "";
        r->expected_completion = prev ? prev->expected_completion : DATE_NONE;
        r->self_status = prev ? prev->self_status : SELF_NONE;
        r->values = ARENA_ARRAY(a, ReportValue, ni + 1);
        for (size_t k = 0; k < ni; k++) {
            if (!c->owned[k]) continue;
            /* the larger of the ledger's total and the last report: a ledger
             * kept late must not pull a cumulative figure back */
            double from_report = prev ? report_value_of(prev, pr->indicators[k].id) : NAN;
            double v = isnan(c->ledger[k])    ? from_report
                       : isnan(from_report)   ? c->ledger[k]
                       : fmax(c->ledger[k], from_report);
            if (!isnan(v)) r->values[r->n_values++] = (ReportValue){pr->indicators[k].id, v, true};
        }
    } else {
        return -1;
    }
    if (c->stored &&
        store_attachment_list_for_report(db, a, c->report.id, &c->evidence, &c->n_evidence, e) < 0)
        return -1;
    *out = c;
    return 0;
}

/* Submission needs the whole report. */
static int check_complete(const ReportContext *c, const Report *r, Err *e)
{
    if (utf8_blank(r->measures))
        return err_set(e, ERR_INVALID, "measures", "报送前请填写本季度具体措施及任务进度情况");
    const Project *pr = c->project;
    if (pr->n_indicators == 0 && r->self_status == SELF_NONE)
        return err_set(e, ERR_INVALID, "self_status", "报送前请选择项目进展自评");
    for (size_t k = 0; k < pr->n_indicators; k++) {
        if (!c->owned[k]) continue;
        if (isnan(report_value_of(r, pr->indicators[k].id))) {
            char field[48];
            snprintf(field, sizeof field, "value_%lld", (long long)pr->indicators[k].id);
            return err_set(e, ERR_INVALID, field, "报送前请填写“%s”的累计完成数",
                           pr->indicators[k].name);
        }
    }
    return 0;
}

static const char CHANGED_MEANWHILE[] = "报告已被他人修改，请刷新页面后重新填写";

/* Whether the stored report may be changed from a form drawn from
 * based_on_version. */
static int check_editable(const Report *stored, int based_on_version, Err *e)
{
    if (stored->status == REPORT_SUBMITTED || stored->status == REPORT_ACCEPTED)
        return err_set(e, ERR_CONFLICT, NULL, "报告已报送，只有被退回后才能修改");
    if (based_on_version != stored->version) return err_set(e, ERR_CONFLICT, NULL, "%s", CHANGED_MEANWHILE);
    return 0;
}

int report_save(Db *db, Arena *a, const Actor *who, ReportContext *c, const Report *input,
                int based_on_version, enum ReportAction action, Err *e)
{
    if (who->role != ROLE_REPORTER || who->unit_id != c->unit.id)
        return err_set(e, ERR_FORBIDDEN, NULL, "只有本单位可以填报此报告");
    if (c->round->closed) return err_set(e, ERR_CONFLICT, NULL, "本轮次已关闭，不能再修改");
    const Report *cur = &c->report;
    if (c->stored && check_editable(cur, based_on_version, e) < 0) return -1;

    Report r = *cur;
    r.measures = input->measures;
    r.problems = input->problems;
    r.next_steps = input->next_steps;
    r.expected_completion = input->expected_completion;
    r.self_status = c->project->n_indicators ? SELF_NONE : input->self_status;
    r.values = input->values;
    r.n_values = input->n_values;
    if (report_validate(c->project, &r, e) < 0) return -1;
    if (action == REPORT_ACTION_SUBMIT && check_complete(c, &r, e) < 0) return -1;

    char now[TS_ISO_LEN];
    ts_now(now);
    r.updated_at = arena_strdup(a, now);
    r.version = c->stored ? cur->version + 1 : 1;
    if (action == REPORT_ACTION_SUBMIT) {
        r.status = REPORT_SUBMITTED;
        r.submitted_at = r.updated_at;
        if (!r.first_submitted_at) r.first_submitted_at = r.updated_at;
        r.return_reason = NULL;
    } else {
        /* a returned report stays returned (its reason shown) until resubmitted */
        r.status = cur->status == REPORT_RETURNED ? REPORT_RETURNED : REPORT_DRAFT;
    }
    /* everything but the writes is done before taking the write lock */
    char *snap = report_snapshot(a, &r), *before = c->stored ? report_snapshot(a, cur) : NULL;
    if (db_begin(db, e) < 0) return -1;
    /* another save may have landed since c was read: the same checks again,
     * now that the write lock holds the row still */
    Report now_row;
    Err fe = ERR_INIT;
    bool stored_now = store_report_find(db, a, r.round_id, r.project_id, r.unit_id, &now_row, &fe) == 0;
    if (!stored_now && fe.code != ERR_NOT_FOUND) {
        if (e) *e = fe;
        goto fail;
    }
    if (stored_now) {
        /* a report first saved meanwhile was drawn from no version at all */
        if (check_editable(&now_row, c->stored ? cur->version : 0, e) < 0) goto fail;
    } else if (c->stored) {
        err_set(e, ERR_CONFLICT, NULL, "%s", CHANGED_MEANWHILE);
        goto fail;
    }
    if (store_report_save(db, &r, snap, who->user_id, e) < 0 ||
        audit_record(db, who, action == REPORT_ACTION_SUBMIT ? "report.submit" : "report.save",
                     "report", r.id, before, snap, e) < 0)
        goto fail;
    if (db_commit(db, e) < 0) return -1;
    c->report = r;
    c->stored = true;
    return 0;
fail:
    db_rollback(db);
    return -1;
}

int report_review(Db *db, Arena *a, const Actor *who, Id report_id, bool accept,
                  const char *reason, Err *e)
{
    if (who->role != ROLE_ADMIN) return err_set(e, ERR_FORBIDDEN, NULL, "只有协调办公室可以审核报告");
    if (!accept && utf8_blank(reason))
        return err_set(e, ERR_INVALID, "reason", "退回时请填写退回理由");
    if (reason && utf8_chars(reason) > 1000)
        return err_set(e, ERR_INVALID, "reason", "退回理由过长（最多1000个字）");
    if (db_begin(db, e) < 0) return -1;
    Report r, before;
    Round rd;
    if (store_report_get(db, a, report_id, &r, e) < 0 || store_round_get(db, a, r.round_id, &rd, e) < 0)
        goto fail;
    before = r;
    if (rd.closed) {
        err_set(e, ERR_CONFLICT, NULL, "本轮次已关闭，不能再审核");
        goto fail;
    }
    if (r.status != REPORT_SUBMITTED) {
        err_set(e, ERR_CONFLICT, NULL, "只有已报送的报告可以审核（当前：%s）", report_status_label(r.status));
        goto fail;
    }
    char now[TS_ISO_LEN];
    ts_now(now);
    r.status = accept ? REPORT_ACCEPTED : REPORT_RETURNED;
    r.return_reason = accept ? NULL : (char *)reason;
    r.reviewed_at = arena_strdup(a, now);
    r.reviewed_by = who->user_id;
    r.updated_at = r.reviewed_at;
    r.version++;
    char *snap = report_snapshot(a, &r);
    if (store_report_save(db, &r, snap, who->user_id, e) < 0 ||
        audit_record(db, who, accept ? "report.accept" : "report.return", "report", r.id,
                     report_snapshot(a, &before), snap, e) < 0)
        goto fail;
    return db_commit(db, e);
fail:
    db_rollback(db);
    return -1;
}

/* ---- comparing versions ------------------------------------------------------- */

static const char *field_text(Arena *a, json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) return "";
    /* stored names read as the labels people know */
    enum ReportStatus rs;
    enum SelfStatus ss;
    if (strcmp(key, "status") == 0 && json_is_string(v) && report_status_parse(json_string_value(v), &rs))
        return report_status_label(rs);
    if (strcmp(key, "self_status") == 0 && json_is_string(v) && self_status_parse(json_string_value(v), &ss))
        return self_status_label(ss);
    if (json_is_string(v)) return arena_strdup(a, json_string_value(v));
    if (json_is_number(v)) return format_number(a, json_number_value(v));
    return "";
}

size_t report_diff(Arena *a, const Project *pr, const char *snap_a, const char *snap_b,
                   ReportFieldDiff **out)
{
    static const struct { const char *key, *label; } FIELDS[] = {
        {"status", "状态"},
        {"measures", "本季度具体措施及任务进度情况"},
        {"problems", "存在问题"},
        {"next_steps", "下步打算"},
        {"expected_completion", "预计完成时间"},
        {"self_status", "进展自评"},
        {"return_reason", "退回理由"},
    };
    json_t *ja = json_loads(snap_a ? snap_a : "{}", 0, NULL), *jb = json_loads(snap_b ? snap_b : "{}", 0, NULL);
    size_t cap = sizeof FIELDS / sizeof *FIELDS + pr->n_indicators, n = 0;
    ReportFieldDiff *d = ARENA_ARRAY(a, ReportFieldDiff, cap + 1);
    if (ja && jb) {
        for (size_t i = 0; i < sizeof FIELDS / sizeof *FIELDS; i++) {
            const char *x = field_text(a, ja, FIELDS[i].key), *y = field_text(a, jb, FIELDS[i].key);
            if (strcmp(x, y) != 0) d[n++] = (ReportFieldDiff){FIELDS[i].label, x, y};
        }
        json_t *va = json_object_get(ja, "values"), *vb = json_object_get(jb, "values");
        for (size_t k = 0; k < pr->n_indicators; k++) {
            char key[32];
            snprintf(key, sizeof key, "%lld", (long long)pr->indicators[k].id);
            const char *x = va ? field_text(a, va, key) : "", *y = vb ? field_text(a, vb, key) : "";
            if (strcmp(x, y) != 0) d[n++] = (ReportFieldDiff){pr->indicators[k].name, x, y};
        }
    }
    json_decref(ja);
    json_decref(jb);
    *out = d;
    return n;
}
