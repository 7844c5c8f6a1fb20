/*
 * widgets.h - small pieces of markup several pages share (status badges,
 * figures, the round selector), all through the HTML writer.
 */
#ifndef SHISHI_WIDGETS_H
#define SHISHI_WIDGETS_H

#include <stdbool.h>

#include "core/progress.h"
#include "core/standing.h"
#include "web/request.h"

/* <span class="badge st-…">序时推进</span> */
void widget_status(Request *r, enum Status s);
/* The round links of a page, the current one marked: each links to
 * before + the round's id + after ("/p/1?round=" + id + "", or
 * "/round/" + id + "/status"). */
void widget_rounds(Request *r, const char *before, const char *after, const Round *rounds, size_t n,
                   const Round *at);
/* Counts of projects per status: 已完成 2 · 序时推进 4 … */
void widget_status_counts(Request *r, const Standing *st);
/* A stored UTC timestamp as local time: "2022年10月3日 10:20"; "—" for NULL. */
char *fmt_ts(Arena *a, const char *ts);
/* The newest programme's id for pages that show "the" programme. When there
 * is none, renders a page titled title saying empty (or an error page) and
 * returns false: the handler is done. */
bool widget_latest_programme(Request *r, const char *title, const char *empty, Id *id);

/* An error page for a failed call, with http_status's status: 404 and 500
 * (logged) say so in general words, a 4xx otherwise shows core's message. */
void widget_fail(Request *r, const Err *e);

#endif
