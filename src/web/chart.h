/*
 * chart.h - charts drawn by the server as inline SVG, through the HTML
 * writer (every label escaped). No script, no style attributes (the
 * Content-Security-Policy forbids inline styles): colours are presentation
 * attributes, and every series also differs by pattern or dash, so charts
 * read in black and white and print cleanly. Each chart is followed by its
 * data as a table, the text equivalent.
 */
#ifndef SHISHI_CHART_H
#define SHISHI_CHART_H

#include <stddef.h>

#include "core/progress.h"
#include "web/request.h"

typedef struct BarItem {
    const char *label;       /* 1. 实施教育资源品质提升工程 */
    double value;            /* share in [0, 1] (values above 1 are drawn at 1) */
    const char *value_text;  /* "81.6%"; NULL: the percentage */
    enum Status status;      /* picks colour and pattern */
    const char *href;        /* link for the label, or NULL */
    const char *note;        /* the data table's last column; NULL: the status's label */
} BarItem;

/* Horizontal bars, one per item, with an optional vertical reference line
 * (the expected share of 序时进度) when reference >= 0. */
void chart_bars(Request *r, const char *title, const char *desc, const BarItem *items, size_t n,
                double reference, const char *reference_label);

typedef struct Series {
    const char *label;
    const double *values;    /* nx values in [0, 1]; NAN where there is none */
} Series;

/* Lines across rounds: one per series, x labels below; the reference
 * (expected share per round, may be NULL) drawn dashed. */
void chart_lines(Request *r, const char *title, const char *desc, const char *const *x_labels,
                 size_t nx, const Series *series, size_t ns, const double *reference);

#endif
