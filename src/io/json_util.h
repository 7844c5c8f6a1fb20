/*
 * json_util.h - small jansson conveniences shared by core and io.
 */
#ifndef SHISHI_JSON_UTIL_H
#define SHISHI_JSON_UTIL_H

#include <jansson.h>

#include "lib/arena.h"

/* JSON text of j in the arena as json_dumps writes it with flags
 * (JSON_COMPACT, JSON_INDENT(2) …; JSON_PRESERVE_ORDER is always added);
 * takes (decrefs) the reference. NULL for a NULL j or when jansson fails. */
char *json_take_dump(Arena *a, json_t *j, size_t flags);

/* Compact JSON text of j in the arena ("null" if jansson fails); takes
 * (decrefs) the reference. NULL j gives NULL. */
char *json_take_text(Arena *a, json_t *j);

#endif
