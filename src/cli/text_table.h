/*
 * text_table.h - tables for the terminal, aligned for CJK text (a Chinese
 * character takes two columns).
 */
#ifndef SHISHI_TEXT_TABLE_H
#define SHISHI_TEXT_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "lib/arena.h"

typedef struct TextTable {
    Arena *a;
    size_t ncols;
    const char **headers;  /* ncols */
    const char ***rows;    /* nrows arrays of ncols cells (NULL cell = empty) */
    size_t nrows, cap;
} TextTable;

void text_table_init(TextTable *t, Arena *a, size_t ncols, const char *const *headers);
/* Adds a row of ncols cells (copied by pointer: they must outlive the table). */
void text_table_add(TextTable *t, const char *const *cells);
/* Prints with two spaces between columns; the last column is not padded. */
void text_table_print(const TextTable *t, FILE *out);

#endif
