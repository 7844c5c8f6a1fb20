/*
 * generate.h - a province-scale database of synthetic data, for load tests
 * (`shishi generate`, tools/bench.sh, tests/durability): many offices, each
 * with a year's programme, its projects and units, quarterly rounds, reports
 * in every state, ledgers, and a few accounts.
 *
 * The data is written straight through the store functions in one large
 * transaction per programme. It is not a record of anyone's actions, so it
 * gets no per-report audit rows: one audit row names the whole run. The
 * same seed gives the same names, figures and states; only the creation
 * timestamps that the store takes from the clock differ.
 *
 * What load tests may rely on:
 * - every project names every unit of its programme (the heaviest 报送情况
 *   matrix: projects × units cells per round); project k (1-based) is led by
 *   unit ((k-1) mod units) + 1 and the lead owns its first indicator;
 * - all rounds but the last are closed; the year is GENERATE_YEAR, so every
 *   due date has passed and the last round is the current one;
 * - in the first programme's last round every unit's report on project 1
 *   and on the projects it leads is a draft, so each reporter has drafts to
 *   post to (on the project it leads, with a figure it owns);
 * - accounts: admin, viewer, and unit01 … unitNN, the reporters of the first
 *   programme's units in order, all with one password.
 */
#ifndef SHISHI_GENERATE_H
#define SHISHI_GENERATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/err.h"

#define GENERATE_YEAR 2025
#define GENERATE_MAX_PROGRAMMES 300  /* distinct district names (398 are made) */
#define GENERATE_MAX_PROJECTS 50
#define GENERATE_MAX_UNITS 100
#define GENERATE_MAX_ROUNDS 12       /* up to 4 quarterly, then monthly */

typedef struct GenerateOptions {
    int programmes;        /* offices, one programme each */
    int projects;          /* per programme */
    int units;             /* per programme; every project names them all */
    int rounds;            /* per programme */
    uint64_t seed;
    const char *password;  /* of every account; NULL: one is generated */
} GenerateOptions;

/* An account created, and a draft its reporter may post to. */
typedef struct GenerateAccount {
    const char *login;
    const char *role;      /* Chinese label */
    const char *unit;      /* NULL unless a reporter */
    const char *draft;     /* "/report/R/P/U" of its draft on project 1, or NULL */
} GenerateAccount;

typedef struct GenerateResult {
    size_t programmes, projects, project_units, indicators, rounds, reports, values, ledger;
    size_t by_status[REPORT_STATUS__MAX]; /* [REPORT_NONE]: 未报 (no report stored) */
    size_t late;                          /* first submitted after the due date */
    const char *password;
    GenerateAccount *accounts;
    size_t n_accounts;
} GenerateResult;

/* Fills an empty database (just created) as the options say; *out in a.
 * Options out of range: ERR_INVALID. On failure the transaction in progress
 * is rolled back, but programmes committed before it stay: the caller
 * removes the file. */
int generate_populate(Db *db, Arena *a, const Actor *who, const GenerateOptions *o,
                      GenerateResult *out, Err *e);

#endif
