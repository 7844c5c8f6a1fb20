/*
 * table_layout.h - estimating how many lines a text takes in a table
 * column, for the writers that must decide row heights themselves (XLSX:
 * LibreOffice does not fit rows with wrapped text) or whether a Word row may
 * stay whole on a page. Internal to io/.
 *
 * Widths are in half-ems of the cell's font: a CJK or full-width character
 * is 2, a Latin letter or digit 1. The estimate breaks CJK text anywhere
 * and Latin text anywhere too (slightly optimistic for long Latin words),
 * so callers keep a margin.
 */
#ifndef SHISHI_TABLE_LAYOUT_H
#define SHISHI_TABLE_LAYOUT_H

#include <stddef.h>

/* Half-em width of s[0..n). */
size_t layout_width(const char *s, size_t n);
/* Lines the NUL-terminated s takes in a column cap half-ems wide; each
 * '\n' starts a new line; "" takes one line. cap must be > 0. */
int layout_lines(const char *s, int cap);

#endif
