/*
 * bulletin.h - the progress bulletin (进展情况通报) of a round, in the
 * register of a Chinese government bulletin: how many projects are done, on
 * schedule and behind (named, with their units and figures), which units
 * reported on time, late or not at all, every indicator's figure, and what
 * is required next. Built from facts core/ gathers and judges (shares,
 * statuses, their names): this file only words them. The coordinator edits
 * the text before it goes out.
 */
#ifndef SHISHI_BULLETIN_H
#define SHISHI_BULLETIN_H

#include <stddef.h>

#include "core/model.h"
#include "core/standing.h"
#include "io/docx_document.h"
#include "lib/arena.h"
#include "lib/err.h"

/* A (project, unit) pair of the round's reporting. */
typedef struct BulletinPair {
    const Project *project;
    const char *unit;
} BulletinPair;

typedef struct BulletinFacts {
    const Standing *standing;   /* at the round */
    double expected_share;      /* e of the programme at the round's end (0 without a round) */
    const char *status_label[STATUS__MAX];  /* 已完成, 序时推进 …: how the bulletin names each status */
    const char *coordinator;    /* 区妇儿办 */
    int date;                   /* the bulletin's date */
    size_t expected;            /* reports due this round */
    size_t on_time;
    BulletinPair *late;         /* first submitted after the due date */
    size_t n_late;
    BulletinPair *missing;      /* never submitted (no report, or a draft) */
    size_t n_missing;
    BulletinPair *returned;     /* sent back and not yet submitted again */
    size_t n_returned;
} BulletinFacts;

/* The title: 关于2022年为全区妇女儿童办实事第三季度进展情况的通报 */
char *bulletin_title(Arena *a, const BulletinFacts *f);

/* The draft text (title on the first line, then the body, paragraphs one
 * a line, the signature and date last). */
char *bulletin_text(Arena *a, const BulletinFacts *f);

/* A DOCX of a bulletin text (edited or not): the first line is the title;
 * "一、" lines are level-1 headings, "（一）" level-2, a line ending in
 * "：" before the body is the addressee, the last two lines the signature. */
int bulletin_docx(Arena *a, const char *text, void **out, size_t *len, Err *e);

#endif
