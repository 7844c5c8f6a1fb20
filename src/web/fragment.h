/*
 * fragment.h - pieces of pages kept in memory between requests. A page
 * whose body depends only on the data and the viewer's role (the programme
 * overview) renders that body once per change of the data (db_generation)
 * and then each request adds only its personal frame (the navigation with
 * the user's name). Shared by all worker threads.
 */
#ifndef SHISHI_FRAGMENT_H
#define SHISHI_FRAGMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/arena.h"

/* A copy (in the arena) of what is stored under key for this generation;
 * false when there is none. */
bool fragment_lookup(Arena *a, const char *key, uint64_t generation, char **data, size_t *len);
/* Stores a copy of data under key for this generation. */
void fragment_store(const char *key, uint64_t generation, const char *data, size_t len);

#endif
