/*
 * arena.c - region allocator. See arena.h.
 *
 * Chunks are linked newest first. A request for more than a quarter of the
 * default chunk gets a chunk of its own, so large blobs (an upload read into
 * memory, a DOCX part) do not waste the remainder of a shared chunk.
 */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK_SIZE (64 * 1024)
#define ARENA_ALIGN 16

struct ArenaChunk {
    ArenaChunk *next;  /* older chunk */
    size_t size;       /* usable bytes in data[] */
    size_t used;       /* bytes handed out from data[] */
    _Alignas(ARENA_ALIGN) unsigned char data[];
};

static void oom(size_t n)
{
    fprintf(stderr, "shishi: out of memory (%zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom(n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom(n * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) oom(n);
    return q;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = xmalloc(n);
    memcpy(d, s, n);
    return d;
}

Arena *arena_new(void)
{
    return xcalloc(1, sizeof(Arena));
}

void arena_free(Arena *a)
{
    if (!a) return;
    ArenaChunk *c = a->head;
    while (c) {
        ArenaChunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

static ArenaChunk *chunk_new(size_t size)
{
    if (size > SIZE_MAX - sizeof(ArenaChunk)) oom(size);
    ArenaChunk *c = xmalloc(sizeof(ArenaChunk) + size);
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

void *arena_alloc(Arena *a, size_t n)
{
    if (n == 0) n = 1;
    if (n > SIZE_MAX - ARENA_ALIGN) oom(n);
    size_t rounded = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    ArenaChunk *c = a->head;
    if (!c || c->size - c->used < rounded) {
        if (rounded > ARENA_CHUNK_SIZE / 4) {
            /* A big block gets its own chunk, linked behind the current one
             * so the current chunk's free space stays usable. */
            ArenaChunk *big = chunk_new(rounded);
            big->used = rounded;
            if (c) {
                big->next = c->next;
                c->next = big;
            } else {
                a->head = big;
            }
            a->used_total += rounded;
            memset(big->data, 0, rounded);
            return big->data;
        }
        c = chunk_new(ARENA_CHUNK_SIZE);
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += rounded;
    a->used_total += rounded;
    memset(p, 0, rounded);
    return p;
}

void *arena_array(Arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) oom(SIZE_MAX);
    return arena_alloc(a, count * size);
}

void *arena_grow(Arena *a, void *old, size_t old_n, size_t new_n, size_t size)
{
    void *p = arena_array(a, new_n, size);
    if (old && old_n) memcpy(p, old, (old_n < new_n ? old_n : new_n) * size);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    if (!s) return NULL;
    char *d = arena_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *arena_strdup(Arena *a, const char *s)
{
    if (!s) return NULL;
    return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(Arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return arena_strdup(a, "");
    char *d = arena_alloc(a, (size_t)n + 1);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    return d;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return s;
}
