/*
 * json_util.h - small jansson conveniences shared by core and io.
 */
#ifndef SHISHI_JSON_UTIL_H
#define SHISHI_JSON_UTIL_H

#include <jansson.h>

#include "lib/arena.h"

/* Compact JSON text of j in the arena; takes (decrefs) the reference.
 * NULL j gives NULL. */
char *json_take_text(Arena *a, json_t *j);

#endif
