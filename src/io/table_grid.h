/*
 * table_grid.h - what the DOCX and XLSX table readers hand to the common
 * part of table_read: every table of the file as a grid of cell texts, with
 * the facts about merged cells that matter. Internal to io/.
 *
 *   table_read.c        detect the format, package relationships, entry point
 *   table_read_docx.c   word/document.xml -> grids (one per w:tbl)
 *   table_read_xlsx.c   workbook, shared strings, styles, sheets -> grids
 *   table_read_rows.c   grids -> ReadTable: find the header, read the rows
 */
#ifndef SHISHI_TABLE_GRID_H
#define SHISHI_TABLE_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "io/report_table.h"
#include "io/zipio.h"
#include "lib/arena.h"
#include "lib/err.h"

#define GRID_MAX_COLS 64       /* cells beyond this column are ignored */
#define GRID_MAX_ROWS 50000    /* rows in all tables of a file; more is refused */
#define GRID_MAX_TABLES 1000   /* tables in a file; more is refused */
#define GRID_PRE_LINES 8       /* lines kept from above a Word table */

typedef struct GridCell {
    const char *text;  /* lines joined by '\n' as found ("" for none) */
    bool vcont;        /* covered by a vertical merge from the row above */
} GridCell;

typedef struct GridRow {
    int source_row;    /* for messages (see ReadRow.source_row) */
    GridCell *cells;   /* n cells by grid column */
    int n;
} GridRow;

typedef struct Grid {
    GridRow *rows;
    size_t n_rows, cap;
    const char *pre[GRID_PRE_LINES];  /* DOCX: the last paragraphs before the table */
    size_t n_pre;
    const char *sheet;                /* XLSX: the sheet's name */
} Grid;

typedef struct GridSet {
    Grid *grids;
    size_t n, cap;
    size_t total_rows;  /* across all grids, against GRID_MAX_ROWS */
} GridSet;

/* A new empty grid at the end of the set (NULL with e set past GRID_MAX_TABLES). */
Grid *grid_new(GridSet *gs, Arena *a, Err *e);
/* Appends a row (its cells already in the arena); -1 with e set past GRID_MAX_ROWS. */
int grid_add_row(GridSet *gs, Grid *g, Arena *a, GridRow row, Err *e);

/* One package relationship. */
typedef struct OpcLink {
    const char *id, *type, *target;  /* target resolved to a part name ("xl/worksheets/sheet1.xml") */
} OpcLink;

/* The relationships of source part src ("" for the package): reads
 * <dir>/_rels/<name>.rels, resolving targets against src's folder. A missing
 * .rels file gives none (not an error). */
int opc_read_links(ZipIn *z, const char *src, Arena *a, OpcLink **out, size_t *n, Err *e);
/* The first link whose type ends with "/suffix"; NULL if none. */
const OpcLink *opc_find_link(const OpcLink *links, size_t n, const char *suffix);

int table_read_docx(ZipIn *z, const char *main_part, Arena *a, GridSet *gs, Err *e);
int table_read_xlsx(ZipIn *z, const char *main_part, Arena *a, GridSet *gs, Err *e);

/* Finds THE table among the grids and reads its rows (see table_read). */
int table_from_grids(const GridSet *gs, TableFormat fmt, Arena *a, ReadTable **out, Err *e);

#endif
