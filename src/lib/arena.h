/*
 * arena.h - region allocator: one arena per request or per command.
 *
 * Everything allocated from an arena lives until arena_free(), so callers
 * never free individual objects and a request cannot leak. Allocation failure
 * aborts the process (as zmalloc and fossil_malloc do): call sites never check
 * for NULL.
 */
#ifndef SHISHI_ARENA_H
#define SHISHI_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ArenaChunk ArenaChunk;

typedef struct Arena {
    ArenaChunk *head;   /* newest chunk; older chunks hang off its next */
    size_t used_total;  /* bytes handed out, for diagnostics and tests */
} Arena;

/* A fresh, empty arena on the heap. Free it with arena_free(). */
Arena *arena_new(void);
/* Frees every chunk and the arena itself. NULL is allowed. */
void arena_free(Arena *a);

/* n bytes aligned for any type, zero-filled. */
void *arena_alloc(Arena *a, size_t n);
/* count * size bytes, zero-filled; aborts on multiplication overflow. */
void *arena_array(Arena *a, size_t count, size_t size);
/* Grows an array allocated from the arena: copies old_n elements to a new block. */
void *arena_grow(Arena *a, void *old, size_t old_n, size_t new_n, size_t size);

char *arena_strdup(Arena *a, const char *s);          /* NULL stays NULL */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(Arena *a, const char *fmt, va_list ap);

/* Allocation that must not fail (outside arenas): aborts on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#define ARENA_NEW(a, T) ((T *)arena_alloc((a), sizeof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_array((a), (n), sizeof(T)))

#endif
