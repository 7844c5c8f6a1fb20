/*
 * strmap.h - a hash map from strings to pointers, in an arena. Depends on
 * libc only.
 *
 * For lookups repeated per line or per name of an upload, where comparing
 * with every earlier name would make the cost grow with the square of the
 * input. Keys are copied into the arena; nothing is ever removed.
 */
#ifndef SHISHI_STRMAP_H
#define SHISHI_STRMAP_H

#include <stddef.h>

#include "arena.h"

typedef struct StrMapSlot {
    const char *key;  /* NULL: empty */
    void *val;
} StrMapSlot;

typedef struct StrMap {
    Arena *a;
    StrMapSlot *slots;  /* open addressing; cap is a power of two */
    size_t n, cap;      /* cap at least twice n */
} StrMap;

#define STRMAP_INIT(arena_) ((StrMap){(arena_), NULL, 0, 0})

/* The value stored for key, or NULL. */
void *strmap_get(const StrMap *m, const char *key);
/* Stores val (not NULL) for key unless key is there already; returns the
 * value now stored for key (the earlier one if it was). */
void *strmap_put(StrMap *m, const char *key, void *val);

#endif
