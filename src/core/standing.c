/* standing.c - progress of a programme at a round. See standing.h. */
#include "core/standing.h"

#include <math.h>

#include "core/programme.h"
#include "core/rounds.h"
#include "db/store.h"
#include "lib/timeutil.h"

/* obs: scratch room for one observation per report. */
static void indicator_standing(const Project *pr, const Indicator *ind, const Round *rounds,
                               size_t n_rounds, int period_end, const Report *reports,
                               size_t n_reports, double e, double threshold, ActualObs *obs,
                               IndicatorStanding *out)
{
    out->indicator = ind;
    out->owner_unit_id = indicator_owner_id(pr, ind);
    size_t n_obs = 0;
    for (size_t r = 0; r < n_reports; r++) {
        const Report *rep = &reports[r];
        if (rep->project_id != pr->id || rep->unit_id != out->owner_unit_id) continue;
        const Round *rd = rounds_find(rounds, n_rounds, rep->round_id);
        if (!rd) continue;
        for (size_t v = 0; v < rep->n_values; v++) {
            if (rep->values[v].indicator_id != ind->id) continue;
            obs[n_obs++] = (ActualObs){rd->period_end, rep->status, rep->values[v].actual,
                                       rep->values[v].has_actual, rep->submitted_at};
        }
    }
    out->has_actual = progress_pick_actual(obs, n_obs, period_end, &out->actual);
    if (!out->has_actual) out->actual = 0;
    out->completion = progress_completion(out->actual, ind->target, ind->cmp);
    out->expected = e;
    out->expected_value = ind->target * e;
    out->status = progress_status(out->completion, e, threshold);
}

/* The latest counted self-assessment of each unit of a project. */
static enum Status self_assessed(const Project *pr, const Round *rounds, size_t n_rounds,
                                 int period_end, const Report *reports, size_t n_reports,
                                 Arena *a)
{
    enum SelfStatus *s = ARENA_ARRAY(a, enum SelfStatus, pr->n_units + 1);
    int *at = ARENA_ARRAY(a, int, pr->n_units + 1);
    for (size_t u = 0; u < pr->n_units; u++) at[u] = DATE_NONE;
    for (size_t r = 0; r < n_reports; r++) {
        const Report *rep = &reports[r];
        if (rep->project_id != pr->id || rep->self_status == SELF_NONE) continue;
        if (rep->status != REPORT_SUBMITTED && rep->status != REPORT_ACCEPTED) continue;
        const Round *rd = rounds_find(rounds, n_rounds, rep->round_id);
        if (!rd || rd->period_end > period_end) continue;
        for (size_t u = 0; u < pr->n_units; u++)
            if (pr->units[u].unit_id == rep->unit_id && rd->period_end >= at[u]) {
                at[u] = rd->period_end;
                s[u] = rep->self_status;
            }
    }
    return progress_self_status(s, pr->n_units);
}

Standing *standing_compute(const Programme *p, const Round *rounds, size_t n_rounds, size_t at,
                           const Report *reports, size_t n_reports, Arena *a)
{
    Standing *st = ARENA_NEW(a, Standing);
    st->programme = p;
    st->round = at < n_rounds ? &rounds[at] : NULL;
    int period_end = st->round ? st->round->period_end : p->start;
    double threshold = p->lag_threshold > 0 ? p->lag_threshold : PROGRESS_DEFAULT_THRESHOLD;
    st->n_projects = p->n_projects;
    st->projects = ARENA_ARRAY(a, ProjectStanding, p->n_projects + 1);
    ActualObs *obs = ARENA_ARRAY(a, ActualObs, n_reports + 1); /* reused by every indicator */
    for (size_t i = 0; i < p->n_projects; i++) {
        const Project *pr = &p->projects[i];
        ProjectStanding *ps = &st->projects[i];
        ps->project = pr;
        int deadline = project_deadline(p, pr);
        ps->expected = progress_expected(p->start, deadline, period_end);
        ps->n_indicators = pr->n_indicators;
        ps->indicators = ARENA_ARRAY(a, IndicatorStanding, pr->n_indicators + 1);
        if (pr->n_indicators == 0) {
            ps->status = self_assessed(pr, rounds, n_rounds, period_end, reports, n_reports, a);
        } else {
            ps->status = STATUS_DONE;
            for (size_t k = 0; k < pr->n_indicators; k++) {
                indicator_standing(pr, &pr->indicators[k], rounds, n_rounds, period_end, reports,
                                   n_reports, ps->expected, threshold, obs, &ps->indicators[k]);
                ps->status = progress_worse(ps->status, ps->indicators[k].status);
            }
        }
        st->count[ps->status]++;
    }
    return st;
}

double project_completion(const ProjectStanding *ps)
{
    if (ps->n_indicators == 0) return NAN;
    double c = 1;
    for (size_t k = 0; k < ps->n_indicators; k++)
        if (ps->indicators[k].completion < c) c = ps->indicators[k].completion;
    return c;
}

Standing **standing_series(const Programme *p, const Round *rounds, size_t n_rounds,
                           const Report *reports, size_t n_reports, Arena *a)
{
    Standing **out = ARENA_ARRAY(a, Standing *, n_rounds + 1);
    for (size_t i = 0; i < n_rounds; i++)
        out[i] = standing_compute(p, rounds, n_rounds, i, reports, n_reports, a);
    return out;
}

int standing_load(Db *db, Arena *a, Id programme_id, Id round_id, Standing **out, Round **rounds,
                  size_t *n_rounds, Err *e)
{
    return standing_load_all(db, a, programme_id, round_id, out, rounds, n_rounds, NULL, NULL, e);
}

int standing_load_all(Db *db, Arena *a, Id programme_id, Id round_id, Standing **out, Round **rounds,
                      size_t *n_rounds, Report **reports, size_t *n_reports, Err *e)
{
    Programme *p;
    Round *rs;
    size_t nr, nrep;
    Report *reps;
    if (store_programme_load(db, a, programme_id, &p, e) < 0 ||
        store_round_list(db, a, programme_id, &rs, &nr, e) < 0 ||
        store_report_list_by_programme(db, a, programme_id, &reps, &nrep, e) < 0)
        return -1;
    int at = -1;
    if (round_id) {
        const Round *rd = rounds_find(rs, nr, round_id);
        if (rd) at = (int)(rd - rs);
        if (at < 0) return err_set(e, ERR_NOT_FOUND, "round", "轮次不存在");
    } else {
        at = rounds_current(rs, nr, date_today());
        /* A programme whose rounds are all past (the demo, or last year's)
         * is shown at its latest round that anyone reported in, not at an
         * empty final round that would paint everything red. */
        if (at >= 0 && rs[at].due < date_today()) {
            int latest = -1;
            for (size_t k = 0; k < nrep; k++) {
                if (reps[k].status != REPORT_SUBMITTED && reps[k].status != REPORT_ACCEPTED) continue;
                const Round *rd = rounds_find(rs, nr, reps[k].round_id);
                if (rd && (int)(rd - rs) > latest) latest = (int)(rd - rs);
            }
            if (latest >= 0) at = latest;
        }
    }
    *out = standing_compute(p, rs, nr, at < 0 ? nr : (size_t)at, reps, nrep, a);
    if (rounds) *rounds = rs;
    if (n_rounds) *n_rounds = nr;
    if (reports) *reports = reps;
    if (n_reports) *n_reports = nrep;
    return 0;
}
