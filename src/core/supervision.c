/* supervision.c - the reporting matrix, its totals and the on-time rates.
 * See supervision.h for the rules. */
#include "core/supervision.h"

#include "core/programme.h"
#include "core/rounds.h"
#include "db/store.h"
#include "lib/timeutil.h"

/* The local date the report was first sent, DATE_NONE when it never was.
 * Older imports may lack first_submitted_at; the last submission is then
 * the best evidence there is. */
static int first_date_of(const Report *r)
{
    int d;
    if (r->first_submitted_at && ts_local_date(r->first_submitted_at, &d)) return d;
    if (r->submitted_at && ts_local_date(r->submitted_at, &d)) return d;
    return DATE_NONE;
}

SupCell supervision_cell(const Round *round, const Report *report, int today)
{
    SupCell c = {true, REPORT_NONE, TIMELY_PENDING, DATE_NONE, report};
    /* once closed nothing more can arrive: what is missing is missing */
    int effective_today = round->closed && today <= round->due ? round->due + 1 : today;
    if (report) c.status = report->status;
    bool sent = c.status == REPORT_SUBMITTED || c.status == REPORT_RETURNED ||
                c.status == REPORT_ACCEPTED;
    if (sent) {
        c.first_date = first_date_of(report);
        /* with no date at all a report cannot be shown to be late */
        c.timely = c.first_date == DATE_NONE
                       ? TIMELY_ON_TIME
                       : progress_timeliness(c.first_date, round->due, effective_today);
    } else {
        /* a draft is the unit's own: not submitted, whatever it holds */
        c.timely = progress_timeliness(DATE_NONE, round->due, effective_today);
    }
    return c;
}

bool supervision_cell_done(const SupCell *c)
{
    return c->status == REPORT_SUBMITTED || c->status == REPORT_ACCEPTED;
}

const char *supervision_cell_label(const SupCell *c)
{
    bool late = c->timely == TIMELY_LATE;
    switch (c->status) {
    case REPORT_NONE: return "未报";
    case REPORT_DRAFT: return "草稿";
    case REPORT_SUBMITTED: return late ? "逾期报送" : "已报";
    case REPORT_RETURNED: return late ? "退回（逾期）" : "退回";
    case REPORT_ACCEPTED: return late ? "已采纳（逾期）" : "已采纳";
    default: return "";
    }
}

const char *supervision_cell_class(const SupCell *c)
{
    bool overdue = c->timely == TIMELY_MISSING, late = c->timely == TIMELY_LATE;
    switch (c->status) {
    case REPORT_NONE: return overdue ? "sv-none sv-overdue" : "sv-none";
    case REPORT_DRAFT: return overdue ? "sv-draft sv-overdue" : "sv-draft";
    case REPORT_SUBMITTED: return late ? "sv-late" : "sv-ok";
    case REPORT_RETURNED: return "sv-returned";
    case REPORT_ACCEPTED: return late ? "sv-accepted sv-late" : "sv-accepted";
    default: return "";
    }
}

static void count(SupTotals *t, const SupCell *c)
{
    t->expected++;
    if (c->timely == TIMELY_ON_TIME) t->on_time++;
    else if (c->timely == TIMELY_LATE) t->late++;
    else t->unsent++;
    if (c->status == REPORT_RETURNED) t->returned++;
    if (c->status == REPORT_ACCEPTED) t->accepted++;
}

static long project_index(const Programme *p, Id project_id)
{
    for (size_t i = 0; i < p->n_projects; i++)
        if (p->projects[i].id == project_id) return (long)i;
    return -1;
}

static long unit_index(const ProjectUnit *const *units, size_t n, Id unit_id)
{
    for (size_t j = 0; j < n; j++)
        if (units[j]->unit_id == unit_id) return (long)j;
    return -1;
}

long supervision_unit_index(const SupMatrix *m, Id unit_id)
{
    return unit_index(m->units, m->n_units, unit_id);
}

const SupCell *supervision_at(const SupMatrix *m, size_t i, size_t j)
{
    return &m->cells[i * m->n_units + j];
}

/* reports of round_id placed at [project index * n_units + unit index];
 * reports of pairs no longer in the programme are left out. */
static const Report **place_reports(const Programme *p, const ProjectUnit *const *units,
                                    size_t n_units, Id round_id, const Report *reports,
                                    size_t n_reports, Arena *a)
{
    const Report **at = ARENA_ARRAY(a, const Report *, p->n_projects * n_units + 1);
    for (size_t k = 0; k < n_reports; k++) {
        if (reports[k].round_id != round_id) continue;
        long i = project_index(p, reports[k].project_id);
        long j = unit_index(units, n_units, reports[k].unit_id);
        if (i >= 0 && j >= 0) at[(size_t)i * n_units + (size_t)j] = &reports[k];
    }
    return at;
}

SupMatrix *supervision_matrix(const Programme *p, const Round *round, const Report *reports,
                              size_t n_reports, int today, Arena *a)
{
    SupMatrix *m = ARENA_NEW(a, SupMatrix);
    m->programme = p;
    m->round = round;
    m->today = today;
    m->overdue = round->closed || today > round->due;
    m->n_units = programme_units(p, a, &m->units);
    size_t nu = m->n_units;
    m->cells = ARENA_ARRAY(a, SupCell, p->n_projects * nu + 1);
    m->by_project = ARENA_ARRAY(a, SupTotals, p->n_projects + 1);
    m->by_unit = ARENA_ARRAY(a, SupTotals, nu + 1);
    const Report **at = place_reports(p, m->units, nu, round->id, reports, n_reports, a);
    for (size_t i = 0; i < p->n_projects; i++)
        for (size_t j = 0; j < nu; j++) {
            SupCell *c = &m->cells[i * nu + j];
            if (!project_find_unit(&p->projects[i], m->units[j]->unit_id)) continue; /* no cell */
            *c = supervision_cell(round, at[i * nu + j], today);
            count(&m->by_project[i], c);
            count(&m->by_unit[j], c);
            count(&m->all, c);
        }
    return m;
}

size_t supervision_rates(const Programme *p, const Round *rounds, size_t n_rounds,
                         const Report *reports, size_t n_reports, int today, Arena *a,
                         SupRate **out)
{
    const ProjectUnit **units;
    size_t nu = programme_units(p, a, &units);
    SupRate *rates = ARENA_ARRAY(a, SupRate, nu + 1);
    for (size_t j = 0; j < nu; j++) {
        rates[j].unit_id = units[j]->unit_id;
        rates[j].unit_name = units[j]->unit_name;
    }
    for (size_t k = 0; k < n_rounds; k++) {
        const Round *rd = &rounds[k];
        if (rd->programme_id && p->id && rd->programme_id != p->id) continue;
        if (!(rd->due < today)) continue; /* not yet due: nobody is late or on time yet */
        const Report **at = place_reports(p, units, nu, rd->id, reports, n_reports, a);
        for (size_t j = 0; j < nu; j++) {
            SupTotals t = {0};
            for (size_t i = 0; i < p->n_projects; i++) {
                if (!project_find_unit(&p->projects[i], units[j]->unit_id)) continue;
                SupCell c = supervision_cell(rd, at[i * nu + j], today);
                count(&t, &c);
            }
            if (!t.expected) continue;
            rates[j].rounds++;
            rates[j].expected += t.expected;
            rates[j].on_time += t.on_time;
            rates[j].late += t.late;
            rates[j].unsent += t.unsent;
        }
    }
    *out = rates;
    return nu;
}

bool supervision_rate_value(const SupRate *r, double *rate)
{
    if (r->expected <= 0) return false;
    *rate = (double)r->on_time / (double)r->expected;
    return true;
}

int supervision_load(Db *db, Arena *a, Id round_id, int today, Supervision **out, Err *e)
{
    Supervision *s = ARENA_NEW(a, Supervision);
    Round rd;
    if (store_round_get(db, a, round_id, &rd, e) < 0 ||
        store_programme_load(db, a, rd.programme_id, &s->programme, e) < 0 ||
        store_round_list(db, a, rd.programme_id, &s->rounds, &s->n_rounds, e) < 0 ||
        store_report_list_by_programme(db, a, rd.programme_id, &s->reports, &s->n_reports, e) < 0)
        return -1;
    s->round = rounds_find(s->rounds, s->n_rounds, round_id);
    if (!s->round) return err_set(e, ERR_NOT_FOUND, NULL, "轮次不存在");
    s->matrix = supervision_matrix(s->programme, s->round, s->reports, s->n_reports, today, a);
    s->n_rates = supervision_rates(s->programme, s->rounds, s->n_rounds, s->reports, s->n_reports,
                                   today, a, &s->rates);
    *out = s;
    return 0;
}
