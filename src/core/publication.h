/*
 * publication.h - what the public may see of a programme (此件公开发布),
 * as the coordinator decides it, and objections sent during a 公示 window.
 *
 * The notice itself (projects, their texts, units and targets) is public
 * once the programme is marked public. Figures are public only from the
 * round the coordinator publishes, and only from accepted reports of rounds
 * up to and including it: a draft, submitted, returned or later figure
 * never counts. Nothing internal reaches a PublicView: units' departments,
 * persons and phones are removed from its copy of the programme, and the
 * reports behind its standing carry no text.
 */
#ifndef SHISHI_PUBLICATION_H
#define SHISHI_PUBLICATION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "core/standing.h"
#include "db/db.h"
#include "db/store.h"
#include "lib/arena.h"
#include "lib/err.h"

#define OBJECTION_BODY_MAX_CHARS 2000
#define OBJECTION_NAME_MAX_CHARS 50
#define OBJECTION_CONTACT_MAX_CHARS 100
/* Per client address and rolling hour: enough for a person, too few to
 * fill the coordinator's list by a script from one address. */
#define OBJECTION_PER_HOUR 5

/* The reports whose figures the public may see when published is the
 * published round (NULL: none): accepted reports of rounds whose period
 * ends on or before published's. Copies in a, without their texts (and
 * without return reasons), so nothing but figures and the self-assessed
 * status can be read from them. Returns how many; *out gets them. */
size_t publication_public_reports(const Report *reports, size_t n, const Round *rounds,
                                  size_t n_rounds, const Round *published, Arena *a, Report **out);

/* Everything a public page of one programme shows. */
typedef struct PublicView {
    const Programme *programme;  /* without departments, persons and phones of units */
    const Round *round;          /* whose figures are shown; NULL: the notice only */
    const Standing *standing;    /* at round, from publication_public_reports; NULL without round */
    double expected;             /* the programme's 序时进度 share at round (0 without) */
    int objection_until;         /* last day of the 公示 window; DATE_NONE: none */
    bool window_open;            /* objection_until is today or later */
    const char *office;          /* the coordinating office's name */
    const char *phone;           /* its public phone and e-mail (the office's, else the notice's) */
    const char *email;
    const PublicProgramme *others;  /* the other public programmes, newest first */
    size_t n_others;
} PublicView;

/* What anyone sees of programme_id as published, on date today.
 * ERR_NOT_FOUND when the programme does not exist or is not public. */
int publication_view(Db *db, Arena *a, Id programme_id, int today, PublicView **out, Err *e);

/* The same with the figures of round_id (0: none) and the given window,
 * whether or not they are published, and for a programme not marked public
 * too: the coordinator's preview before publishing. */
int publication_preview(Db *db, Arena *a, Id programme_id, Id round_id, int objection_until,
                        int today, PublicView **out, Err *e);

/* The newest public programme's id; 0 when none is public. */
int publication_latest(Db *db, Arena *a, Id *programme_id, Err *e);

/* The coordinator publishes round_id's figures (0: none) and sets the last
 * day of the 公示 window (DATE_NONE: no window). The round must belong to
 * the programme; the window may not end before today. One transaction with
 * an audit row. Fields: "round", "objection_until". */
int publication_set(Db *db, Arena *a, const Actor *who, Id programme_id, Id round_id,
                    int objection_until, int today, Err *e);

/* Anyone sends an objection during the programme's open 公示 window.
 * name and contact may be NULL or empty; body is required. At most
 * OBJECTION_PER_HOUR from one address (ERR_TOO_LARGE beyond). One
 * transaction with an audit row. Fields: "name", "contact", "body". */
int objection_submit(Db *db, Arena *a, const Actor *who, Id programme_id, const char *name,
                     const char *contact, const char *body, int today, Err *e);

#endif
