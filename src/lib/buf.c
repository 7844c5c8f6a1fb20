/* buf.c - growable byte buffer. See buf.h. */
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_reserve(Buf *b, size_t extra)
{
    if (extra > SIZE_MAX / 2 - b->len) {
        fprintf(stderr, "shishi: buffer too large\n");
        abort();
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) cap *= 2;
    if (b->arena) {
        char *d = arena_alloc(b->arena, cap);
        if (b->data) memcpy(d, b->data, b->len + 1);
        b->data = d;
    } else {
        b->data = xrealloc(b->data, cap);
    }
    b->cap = cap;
}

void buf_append(Buf *b, const void *p, size_t n)
{
    buf_reserve(b, n);
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_puts(Buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void buf_putc(Buf *b, char c)
{
    buf_append(b, &c, 1);
}

void buf_vprintf(Buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (n < 0) return;
    if ((size_t)n < sizeof small) {
        buf_append(b, small, (size_t)n);
        return;
    }
    buf_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void buf_printf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void buf_reset(Buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

const char *buf_str(const Buf *b)
{
    return b->data ? b->data : "";
}

char *buf_detach(Buf *b, size_t *len)
{
    char *d = b->data;
    if (len) *len = b->len;
    if (!d) d = b->arena ? arena_strdup(b->arena, "") : xstrdup("");
    *b = BUF_INIT(b->arena);
    return d;
}

void buf_free(Buf *b)
{
    if (!b->arena) free(b->data);
    *b = BUF_INIT(b->arena);
}
