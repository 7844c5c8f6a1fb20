/*
 * project_form.h - the form of one project, shared by the coordinator's
 * project pages (field names without prefix) and the review of an imported
 * notice (every project's fields under "projects[i]." beside the sentence of
 * the notice each came from).
 */
#ifndef SHISHI_PROJECT_FORM_H
#define SHISHI_PROJECT_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "io/notice.h"
#include "web/request.h"

/* The notes of an imported notice (NULL where there are none). */
typedef struct FormNotes {
    const NoticeNote *notes;
    size_t n;
} FormNotes;

/* The form row each kept unit, indicator and standard came from, so that a
 * message core gives by kept index lands on the row the user typed. */
typedef struct RowMap {
    size_t *unit, *indicator, *standard;
    size_t n_unit, n_indicator, n_standard;
} RowMap;

/* The fields of pr (typed: of the form as submitted) under prefix, with
 * extra_rows blank rows for new units, indicators and standards. The page
 * draws the <form> around it and a <datalist id="unit-names">. */
void project_form_fields(Request *r, const Project *pr, bool typed, const char *prefix, const FormNotes *notes,
                         size_t extra_rows);

/* Fills pr from the fields under prefix; rows left blank or marked for
 * removal are dropped, and map records which row each kept one came from.
 * Field errors are recorded on r. Ids are kept only when pr already had them. */
void project_form_read(Request *r, const char *prefix, Project *pr, RowMap *map);

/* Puts a message of programme_validate ("projects[k].indicators[m].target")
 * beside its field: under "projects[k]." when prefixed (maps[k] maps rows),
 * else without prefix (maps is the one project's). */
void project_form_take_err(Request *r, const Err *e, const RowMap *maps, size_t n_maps, bool prefixed);

/* Field names: prefix + printf(fmt, i, leaf), and prefix + name. */
const char *fld(Request *r, const char *prefix, const char *fmt, size_t i, const char *leaf);
const char *fld0(Request *r, const char *prefix, const char *name);

/* A <select> of values with labels, current selected. */
void select_opts(Request *r, const char *name, const char *const *values, const char *const *labels, size_t n,
                 const char *current);

/* The notice's sentence (and any doubt) for the field at path. */
void form_note(Request *r, const FormNotes *notes, const char *path);

#endif
