/* quarterly.c - building the official quarterly table. See quarterly.h. */
#include "core/quarterly.h"

#include "db/store.h"
#include "lib/timeutil.h"

char *deadline_text(Arena *a, int date)
{
    if (date == DATE_NONE) return arena_strdup(a, "");
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    if (d == date_days_in_month(y, m)) return arena_printf(a, "%d年%d月底", y, m);
    return date_cn(a, date);
}

ReportTable *quarterly_table(Arena *a, const Programme *p, const Round *round, const Report *reports,
                             size_t n_reports, enum TableInclusion which)
{
    ReportTable *t = ARENA_NEW(a, ReportTable);
    t->label = "附件";
    t->title = p->report_form_title && *p->report_form_title
                   ? p->report_form_title
                   : arena_printf(a, "%s工作进展情况报表", p->title);
    t->subtitle = round ? arena_printf(a, "（%s）", round->name) : NULL;
    t->n_rows = p->n_projects;
    t->rows = ARENA_ARRAY(a, TableRow, p->n_projects + 1);
    for (size_t i = 0; i < p->n_projects; i++) {
        const Project *pr = &p->projects[i];
        TableRow *row = &t->rows[i];
        row->no = pr->no;
        row->title = pr->report_title && *pr->report_title ? pr->report_title : pr->title;
        row->deadline = deadline_text(a, pr->deadline);
        row->n_units = pr->n_units;
        row->units = ARENA_ARRAY(a, TableUnit, pr->n_units + 1);
        for (size_t u = 0; u < pr->n_units; u++) {
            row->units[u].name = pr->units[u].unit_name;
            for (size_t k = 0; round && k < n_reports; k++) {
                const Report *rep = &reports[k];
                if (rep->round_id != round->id || rep->project_id != pr->id ||
                    rep->unit_id != pr->units[u].unit_id)
                    continue;
                bool in = rep->status == REPORT_ACCEPTED ||
                          (which == TABLE_SUBMITTED_TOO && rep->status == REPORT_SUBMITTED);
                if (in) row->units[u].text = rep->measures;
            }
        }
    }
    return t;
}

int quarterly_table_load(Db *db, Arena *a, Id programme_id, Id round_id, enum TableInclusion which,
                         ReportTable **out, Round *round_out, Err *e)
{
    Programme *p;
    Round rd;
    Report *reports;
    size_t n;
    if (store_programme_load(db, a, programme_id, &p, e) < 0 || store_round_get(db, a, round_id, &rd, e) < 0)
        return -1;
    if (rd.programme_id != programme_id) return err_set(e, ERR_NOT_FOUND, "round", "轮次不属于该实事计划");
    if (store_report_list_by_round(db, a, round_id, &reports, &n, e) < 0) return -1;
    *out = quarterly_table(a, p, &rd, reports, n, which);
    if (round_out) *round_out = rd;
    return 0;
}

char *quarterly_file_name(Arena *a, const ReportTable *t, const char *ext)
{
    return arena_printf(a, "%s%s.%s", t->title, t->subtitle ? t->subtitle : "", ext);
}
