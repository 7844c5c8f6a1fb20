/*
 * buf.h - growable byte buffer (always NUL-terminated).
 *
 * A Buf either draws from an arena (arena != NULL: the memory belongs to the
 * arena, buf_free is a no-op) or from the heap (arena == NULL: the owner calls
 * buf_free, or takes the bytes with buf_detach). Appending never fails: memory
 * exhaustion aborts, like every allocation in shishi.
 */
#ifndef SHISHI_BUF_H
#define SHISHI_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "arena.h"

typedef struct Buf {
    char *data;    /* len bytes, then a NUL; NULL until the first append */
    size_t len;    /* bytes used, not counting the NUL */
    size_t cap;    /* bytes allocated */
    Arena *arena;  /* owner of data, or NULL for the heap */
} Buf;

#define BUF_INIT(arena_) ((Buf){NULL, 0, 0, (arena_)})

void buf_reserve(Buf *b, size_t extra);
void buf_append(Buf *b, const void *p, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap);
void buf_reset(Buf *b);                  /* len = 0, keeps the memory */
const char *buf_str(const Buf *b);       /* "" for an empty buffer */
/* Heap buffers: returns the malloc'd bytes (caller frees); b is emptied. */
char *buf_detach(Buf *b, size_t *len);
void buf_free(Buf *b);

#endif
