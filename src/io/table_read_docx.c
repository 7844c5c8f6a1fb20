/*
 * table_read_docx.c - every table of a Word document as a grid. See
 * table_grid.h.
 *
 * Only the text a reader sees is taken: w:t (not deleted or moved-away
 * text, field codes or the fallback copy of alternate content), with paragraphs and w:br as line
 * breaks. Cells are placed by grid column, so w:gridSpan and w:gridBefore
 * keep the columns aligned with the header; w:vMerge continuation cells are
 * marked so that a project spread over several rows can be folded back.
 * Tables nested in cells are grids of their own.
 */
#include <stdlib.h>
#include <string.h>

#include "io/table_grid.h"
#include "io/xml_reader.h"
#include "lib/buf.h"
#include "lib/utf8.h"

#define MAX_NEST 8

typedef struct Tbl {
    Grid *grid;         /* NULL when nested too deep: ignored */
    int rows;           /* rows read so far */
    bool in_row, in_cell;
    GridCell cells[GRID_MAX_COLS];
    int n;              /* cells used in the row being read */
    int col;            /* next grid column */
    Buf cell;           /* text of the cell being read */
    int span;           /* its w:gridSpan */
    bool vcont, hcont;  /* its w:vMerge / w:hMerge continue */
} Tbl;

typedef struct DocxRead {
    Arena *a;
    GridSet *gs;
    Err *e;
    Tbl tbl[MAX_NEST];
    int nest;           /* open w:tbl elements (may exceed MAX_NEST) */
    int skip;           /* depth inside content that is not text on the page */
    bool in_t;
    int in_r;           /* open w:r: w:br and w:tab count only inside runs */
    Buf para;           /* body paragraph outside tables */
    const char *pre[GRID_PRE_LINES];
    size_t n_pre;
} DocxRead;

static Tbl *cur(DocxRead *d)
{
    return d->nest > 0 && d->nest <= MAX_NEST ? &d->tbl[d->nest - 1] : NULL;
}

/* Where text goes now: the open cell of the innermost table, or the body
 * paragraph; NULL inside a table but outside a cell. */
static Buf *target(DocxRead *d)
{
    if (d->nest == 0) return &d->para;
    Tbl *t = cur(d);
    return t && t->grid && t->in_cell ? &t->cell : NULL;
}

static int int_attr(const char **attrs, const char *local, int dflt, int lo, int hi)
{
    const char *v = xmlr_attr(attrs, local);
    if (!v) return dflt;
    long n = strtol(v, NULL, 10);
    return n < lo ? lo : n > hi ? hi : (int)n;
}

static bool is_skipped(const char *name)
{
    /* not on the page (xmlr_docx_hidden), or in a text box, which floats
     * outside the cell flow */
    return xmlr_docx_hidden(name) || xmlr_is(name, XMLNS_W, "txbxContent");
}

static void on_tbl_start(XmlReader *r, DocxRead *d)
{
    d->nest++;
    Tbl *t = cur(d);
    if (!t) return;
    memset(t, 0, sizeof *t);
    t->cell = BUF_INIT(d->a);
    t->grid = grid_new(d->gs, d->a, d->e);
    if (!t->grid) {
        xmlr_fail(r, d->e->code, "%s", d->e->msg);
        return;
    }
    if (d->nest == 1) {
        memcpy(t->grid->pre, d->pre, sizeof d->pre);
        t->grid->n_pre = d->n_pre;
        d->n_pre = 0;
    }
}

static void on_tc_end(DocxRead *d, Tbl *t)
{
    t->in_cell = false;
    if (t->hcont) { /* a legacy horizontal merge: part of the cell before it */
        t->col++;
        return;
    }
    for (int i = 0; i < t->span && t->col < GRID_MAX_COLS; i++, t->col++) {
        t->cells[t->col] = (GridCell){i == 0 ? arena_strndup(d->a, buf_str(&t->cell), t->cell.len) : "", t->vcont};
        if (t->col + 1 > t->n) t->n = t->col + 1;
    }
}

static void on_tr_end(XmlReader *r, DocxRead *d, Tbl *t)
{
    t->in_row = false;
    GridRow row = {.source_row = ++t->rows, .n = t->n};
    row.cells = ARENA_ARRAY(d->a, GridCell, (size_t)(t->n ? t->n : 1));
    for (int c = 0; c < t->n; c++) row.cells[c] = t->cells[c].text ? t->cells[c] : (GridCell){"", false};
    if (grid_add_row(d->gs, t->grid, d->a, row, d->e) < 0) xmlr_fail(r, d->e->code, "%s", d->e->msg);
}

static void on_start(XmlReader *r, const char *name, const char **attrs)
{
    DocxRead *d = xmlr_ud(r);
    if (d->skip || is_skipped(name)) {
        d->skip++;
        return;
    }
    const char *local = xmlr_local(name);
    if (!xmlr_is(name, XMLNS_W, local)) return; /* other vocabularies carry no cell text */
    Tbl *t = cur(d);
    if (strcmp(local, "tbl") == 0) {
        on_tbl_start(r, d);
    } else if (!t || !t->grid) {
        if (d->nest == 0 && strcmp(local, "p") == 0) buf_reset(&d->para);
    } else if (strcmp(local, "tr") == 0) {
        t->in_row = true;
        memset(t->cells, 0, sizeof t->cells);
        t->n = 0;
        t->col = 0;
    } else if (strcmp(local, "gridBefore") == 0 && t->in_row && !t->in_cell) {
        t->col += int_attr(attrs, "val", 0, 0, GRID_MAX_COLS);
    } else if (strcmp(local, "tc") == 0 && t->in_row) {
        t->in_cell = true;
        buf_reset(&t->cell);
        t->span = 1;
        t->vcont = t->hcont = false;
    } else if (strcmp(local, "gridSpan") == 0 && t->in_cell) {
        t->span = int_attr(attrs, "val", 1, 1, GRID_MAX_COLS);
    } else if (strcmp(local, "vMerge") == 0 && t->in_cell) {
        const char *v = xmlr_attr(attrs, "val");
        t->vcont = !v || strcmp(v, "continue") == 0;
    } else if (strcmp(local, "hMerge") == 0 && t->in_cell) {
        const char *v = xmlr_attr(attrs, "val");
        t->hcont = !v || strcmp(v, "continue") == 0;
    } else if (strcmp(local, "p") == 0 && t->in_cell && t->cell.len) {
        buf_putc(&t->cell, '\n');
    }
    const char *run_text;
    if (strcmp(local, "r") == 0) {
        d->in_r++;
    } else if (strcmp(local, "t") == 0) {
        d->in_t = true;
    } else if (d->in_r && (run_text = xmlr_docx_run_text(name)) != NULL) {
        Buf *b = target(d);
        if (b) buf_puts(b, run_text);
    }
}

/* A body paragraph ends: remember it as a candidate for the title. */
static void keep_para(DocxRead *d)
{
    size_t start, n = utf8_trim(buf_str(&d->para), d->para.len, &start);
    if (!n) return;
    if (d->n_pre == GRID_PRE_LINES) {
        memmove(d->pre, d->pre + 1, sizeof d->pre[0] * (GRID_PRE_LINES - 1));
        d->n_pre--;
    }
    d->pre[d->n_pre++] = arena_strndup(d->a, buf_str(&d->para) + start, n);
}

static void on_end(XmlReader *r, const char *name)
{
    DocxRead *d = xmlr_ud(r);
    if (d->skip) {
        d->skip--;
        return;
    }
    const char *local = xmlr_local(name);
    if (!xmlr_is(name, XMLNS_W, local)) return;
    Tbl *t = cur(d);
    if (strcmp(local, "r") == 0) {
        if (d->in_r) d->in_r--;
    } else if (strcmp(local, "t") == 0) {
        d->in_t = false;
    } else if (strcmp(local, "tbl") == 0) {
        d->nest--;
    } else if (d->nest == 0 && strcmp(local, "p") == 0) {
        keep_para(d);
    } else if (t && t->grid && strcmp(local, "tc") == 0 && t->in_cell) {
        on_tc_end(d, t);
    } else if (t && t->grid && strcmp(local, "tr") == 0 && t->in_row) {
        on_tr_end(r, d, t);
    }
}

static void on_text(XmlReader *r, const char *s, size_t n)
{
    DocxRead *d = xmlr_ud(r);
    if (!d->in_t || d->skip) return;
    Buf *b = target(d);
    if (b) buf_append(b, s, n);
}

int table_read_docx(ZipIn *z, const char *main_part, Arena *a, GridSet *gs, Err *e)
{
    DocxRead d = {.a = a, .gs = gs, .e = e, .para = BUF_INIT(a)};
    Err inner = ERR_INIT; /* grid errors travel through the parser */
    d.e = &inner;
    static const XmlHandlers h = {.start = on_start, .end = on_end, .text = on_text};
    return xmlr_parse_part(z, main_part, &h, &d, e);
}
