/*
 * programme_json.h - a programme in the shishi-program/1 JSON shape of
 * ../shared/seed/linzi-2022-expected.json, both ways (jansson).
 *
 * Keys beyond the seed's appear only when they carry information: "start"
 * and "deadline" of the programme when not 1 January / 31 December of its
 * year, "lag_threshold" when not 0.2, the warning settings when not the
 * default, an indicator's "owner" when it is not the lead unit. A unit's
 * responsible department, person and phone are left out: units name them
 * after the notice; they are not the programme's definition.
 */
#ifndef SHISHI_PROGRAMME_JSON_H
#define SHISHI_PROGRAMME_JSON_H

#include <jansson.h>

#include "core/model.h"
#include "lib/arena.h"
#include "lib/err.h"

#define PROGRAMME_JSON_FORMAT "shishi-program/1"

/* A new reference the caller must json_decref. */
json_t *programme_to_json(const Programme *p);

/* Builds a programme (ids 0) in the arena from JSON. Unknown keys are
 * ignored; a known key with the wrong type, or a missing required key, is
 * an error whose field is the JSON path ("projects[3].indicators[1].target").
 * Defaults (programme_apply_defaults) are applied; validation is the
 * caller's (programme_validate). */
int programme_from_json(const json_t *j, Arena *a, Programme **out, Err *e);

/* Parses text (of len bytes) and calls programme_from_json. */
int programme_from_json_text(const char *text, size_t len, Arena *a, Programme **out, Err *e);

/* JSON text, indented by 2, UTF-8 unescaped, with a final newline; in the arena. */
char *programme_json_text(const Programme *p, Arena *a);

#endif
