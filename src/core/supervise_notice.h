/*
 * supervise_notice.h - 督办单: the coordinator's written supervision notice
 * to a unit behind on a project — what is behind, by how much, what is
 * required by when — printable and as DOCX, and recorded in the round's
 * escalation log as 督办 by written notice.
 */
#ifndef SHISHI_SUPERVISE_NOTICE_H
#define SHISHI_SUPERVISE_NOTICE_H

#include "core/model.h"
#include "core/standing.h"
#include "db/db.h"
#include "io/docx_document.h"
#include "lib/arena.h"
#include "lib/err.h"

typedef struct SuperviseNotice {
    const char *title;        /* 督办通知单 */
    const char *to;           /* 区卫健局： */
    const char **paragraphs;  /* the body */
    size_t n_paragraphs;
    const char *signature;    /* the office */
    const char *date;         /* 2022年10月12日 */
} SuperviseNotice;

/* The notice for unit_id on project at the standing's round, requiring a
 * rectification by `by`. Fails (ERR_INVALID) if the unit is not on the
 * project. */
int supervise_notice_compose(Arena *a, const Standing *st, const Project *project, Id unit_id,
                             int by, int today, SuperviseNotice *out, Err *e);

/* The notice as one text (for the escalation log). */
char *supervise_notice_text(Arena *a, const SuperviseNotice *n);

/* The notice as a DOCX document (label 督办单). */
int supervise_notice_docx(Arena *a, const SuperviseNotice *n, void **out, size_t *len, Err *e);

/* Records the notice as 督办 by written notice for the round and unit, with
 * its audit row, in one transaction. Only the coordinator. */
int supervise_notice_record(Db *db, Arena *a, const Actor *who, Id round_id, Id unit_id,
                            const char *text, Err *e);

#endif
