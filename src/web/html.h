/*
 * html.h - the one HTML writer. Every value a page prints goes through
 * html_printf, which escapes each %s (and %c); markup that is not a string
 * literal cannot be written (html_raw only takes literals, enforced at
 * compile time). Output goes to the request's response body.
 */
#ifndef SHISHI_HTML_H
#define SHISHI_HTML_H

#include <stddef.h>

#include "lib/buf.h"
#include "web/request.h"

/* printf into the page with every %s and %c HTML-escaped. Supports the
 * conversions d i u x X o c s f g e % with the usual flags, width,
 * precision and length modifiers (hh h l ll z j t). */
void html_printf(Request *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Literal markup. The "" lit "" makes anything but a string literal a
 * compile error. */
#define html_raw(r, lit) html_raw_((r), "" lit "")
void html_raw_(Request *r, const char *literal);

/* Escapes s[0..n) for text and attribute values (& < > " '). */
void html_escape(Buf *b, const char *s, size_t n);

/* The frame of every page: head, stylesheet, the navigation for the
 * viewer's role, and <main>. */
void page_begin(Request *r, const char *title);
void page_end(Request *r);

/* <form method="post" action="..."> with the hidden csrf field. */
void form_begin(Request *r, const char *action);
void form_begin_upload(Request *r, const char *action);
void form_end(Request *r);
/* The message for field (if any), as a span beside it. */
void form_error(Request *r, const char *field);

/* A labelled text input; value may be NULL. */
void form_text(Request *r, const char *name, const char *label, const char *value, size_t maxlen,
               const char *type);
void form_textarea(Request *r, const char *name, const char *label, const char *value, int rows);

#endif
