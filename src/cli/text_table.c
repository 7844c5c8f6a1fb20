/* text_table.c - CJK-aligned terminal tables. See text_table.h. */
#include "cli/text_table.h"

#include <string.h>

#include "lib/utf8.h"

void text_table_init(TextTable *t, Arena *a, size_t ncols, const char *const *headers)
{
    memset(t, 0, sizeof *t);
    t->a = a;
    t->ncols = ncols;
    t->headers = ARENA_ARRAY(a, const char *, ncols);
    for (size_t i = 0; i < ncols; i++) t->headers[i] = headers[i];
}

void text_table_add(TextTable *t, const char *const *cells)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        t->rows = arena_grow(t->a, t->rows, t->nrows, cap, sizeof *t->rows);
        t->cap = cap;
    }
    const char **row = ARENA_ARRAY(t->a, const char *, t->ncols);
    for (size_t i = 0; i < t->ncols; i++) row[i] = cells[i] ? cells[i] : "";
    t->rows[t->nrows++] = row;
}

static void print_row(const TextTable *t, const char *const *cells, const size_t *width, FILE *out)
{
    size_t last = t->ncols;
    while (last > 0 && !*cells[last - 1]) last--;  /* no trailing blanks */
    for (size_t i = 0; i < last; i++) {
        fputs(cells[i], out);
        if (i + 1 < last) {
            size_t pad = width[i] - utf8_width(cells[i]) + 2;
            for (size_t k = 0; k < pad; k++) fputc(' ', out);
        }
    }
    fputc('\n', out);
}

void text_table_print(const TextTable *t, FILE *out)
{
    size_t *width = ARENA_ARRAY(t->a, size_t, t->ncols);
    for (size_t i = 0; i < t->ncols; i++) width[i] = utf8_width(t->headers[i]);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t i = 0; i < t->ncols; i++) {
            size_t w = utf8_width(t->rows[r][i]);
            if (w > width[i]) width[i] = w;
        }
    print_row(t, t->headers, width, out);
    for (size_t i = 0; i < t->ncols; i++) {
        for (size_t k = 0; k < width[i]; k++) fputc('-', out);
        if (i + 1 < t->ncols) fputs("  ", out);
    }
    fputc('\n', out);
    for (size_t r = 0; r < t->nrows; r++) print_row(t, t->rows[r], width, out);
}
