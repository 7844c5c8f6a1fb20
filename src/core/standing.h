/*
 * standing.h - where a programme stands at a round: each indicator's
 * counted figure, completion, expected share and status, and each
 * project's status (序时进度). A pure computation over records already
 * loaded, so pages, exports, the bulletin and the dashboard all agree.
 */
#ifndef SHISHI_STANDING_H
#define SHISHI_STANDING_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "core/progress.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/err.h"

typedef struct IndicatorStanding {
    const Indicator *indicator;
    Id owner_unit_id;
    bool has_actual;      /* a submitted or accepted figure exists */
    double actual;        /* 0 when none */
    double completion;    /* c in [0, 1] */
    double expected;      /* e in [0, 1] */
    double expected_value;/* target * e, what 序时进度 asks for by now */
    enum Status status;
} IndicatorStanding;

typedef struct ProjectStanding {
    const Project *project;
    enum Status status;   /* worst indicator's, or the self-assessed one */
    double expected;      /* e for this project's deadline */
    IndicatorStanding *indicators;  /* parallel to project->indicators */
    size_t n_indicators;
} ProjectStanding;

typedef struct Standing {
    const Programme *programme;
    const Round *round;   /* the round it is computed at */
    ProjectStanding *projects;  /* parallel to programme->projects */
    size_t n_projects;
    int count[STATUS__MAX];     /* projects per status */
} Standing;

/* Computes the standing at rounds[at]. rounds are the programme's rounds
 * (any order); reports are every report of the programme, any round. e is
 * measured against each project's own deadline (the programme's unless the
 * notice set another). */
Standing *standing_compute(const Programme *p, const Round *rounds, size_t n_rounds, size_t at,
                           const Report *reports, size_t n_reports, Arena *a);

/* A project's completion as one number: its worst indicator's (the one
 * that decides its status); NAN for a project without indicators. */
double project_completion(const ProjectStanding *ps);

/* The standing at every round (index i: rounds[i]), for movement across
 * rounds. */
Standing **standing_series(const Programme *p, const Round *rounds, size_t n_rounds,
                           const Report *reports, size_t n_reports, Arena *a);

/* Loads programme, rounds and reports and computes the standing at the
 * round round_id (0: the current round by today's date). *out_rounds gets
 * the rounds in period order. */
int standing_load(Db *db, Arena *a, Id programme_id, Id round_id, Standing **out, Round **rounds,
                  size_t *n_rounds, Err *e);
/* The same, also handing back the reports it loaded. */
int standing_load_all(Db *db, Arena *a, Id programme_id, Id round_id, Standing **out, Round **rounds,
                      size_t *n_rounds, Report **reports, size_t *n_reports, Err *e);

#endif
