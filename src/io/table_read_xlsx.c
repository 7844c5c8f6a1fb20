/*
 * table_read_xlsx.c - every sheet of an Excel workbook as a grid. See
 * table_grid.h.
 *
 * Cells are read as Excel shows them where it matters for the table: shared
 * and inline strings (without their phonetic runs), whole numbers without a
 * decimal point (序号), and numbers in a date format as "2022年12月31日"
 * (a unit that types 2022/12/31 into 完成时限 gets a date cell). mergeCells
 * ranges mark the cells below their first row as continuations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/table_grid.h"
#include "io/xml_reader.h"
#include "lib/buf.h"
#include "lib/timeutil.h"

#define MAX_SHEETS 100
#define MAX_XFS 65536
#define MAX_MERGES 20000
#define MAX_NUMFMTS 1000

/* ---- workbook: sheets in order, and the date system ------------------------------- */

typedef struct Sheet {
    const char *name, *rid;
} Sheet;

typedef struct Book {
    Arena *a;
    Sheet sheets[MAX_SHEETS];
    size_t n;
    bool date1904;
} Book;

static void book_start(XmlReader *r, const char *name, const char **attrs)
{
    Book *b = xmlr_ud(r);
    if (xmlr_is(name, XMLNS_S, "sheet") && b->n < MAX_SHEETS) {
        const char *nm = xmlr_attr(attrs, "name"), *rid = xmlr_attr(attrs, "id");
        if (nm && rid) b->sheets[b->n++] = (Sheet){arena_strdup(b->a, nm), arena_strdup(b->a, rid)};
    } else if (xmlr_is(name, XMLNS_S, "workbookPr")) {
        const char *v = xmlr_attr(attrs, "date1904");
        b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    }
}

/* ---- shared strings ------------------------------------------------------------------ */

typedef struct Strings {
    Arena *a;
    const char **s;
    size_t n, cap;
    Buf cur;
    bool in_si, in_t;
    int rph;  /* inside phonetic runs, whose text is not shown */
} Strings;

static void sst_start(XmlReader *r, const char *name, const char **attrs)
{
    (void)attrs;
    Strings *st = xmlr_ud(r);
    if (xmlr_is(name, XMLNS_S, "si")) {
        st->in_si = true;
        buf_reset(&st->cur);
    } else if (xmlr_is(name, XMLNS_S, "rPh")) {
        st->rph++;
    } else if (xmlr_is(name, XMLNS_S, "t")) {
        st->in_t = true;
    }
}

static void sst_end(XmlReader *r, const char *name)
{
    Strings *st = xmlr_ud(r);
    if (xmlr_is(name, XMLNS_S, "si")) {
        if (st->n == st->cap) {
            size_t cap = st->cap ? st->cap * 2 : 256;
            st->s = arena_grow(st->a, st->s, st->n, cap, sizeof *st->s);
            st->cap = cap;
        }
        st->s[st->n++] = arena_strndup(st->a, buf_str(&st->cur), st->cur.len);
        st->in_si = false;
    } else if (xmlr_is(name, XMLNS_S, "rPh")) {
        st->rph--;
    } else if (xmlr_is(name, XMLNS_S, "t")) {
        st->in_t = false;
    }
}

static void sst_text(XmlReader *r, const char *s, size_t n)
{
    Strings *st = xmlr_ud(r);
    if (st->in_si && st->in_t && !st->rph) buf_append(&st->cur, s, n);
}

/* ---- styles: which cell formats show dates ------------------------------------------ */

typedef struct Styles {
    Arena *a;
    bool *xf_date;  /* by cell style index */
    size_t n_xf;
    int custom_id[MAX_NUMFMTS];
    bool custom_date[MAX_NUMFMTS];
    size_t n_custom;
    int in_cellxfs;
    int *xf_fmt;    /* numFmtId by style index, resolved at the end */
    size_t cap_xf;
} Styles;

/* Built-in date and time formats, including those of Chinese Excel (27-36, 50-58). */
static bool builtin_date(int id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/* A custom format shows a date when it has a date letter outside quotes,
 * brackets ([Red], [$-804]) and escapes. */
static bool code_is_date(const char *code)
{
    bool quoted = false;
    for (const char *p = code; *p; p++) {
        if (*p == '"') quoted = !quoted;
        else if (quoted) continue;
        else if (*p == '\\' && p[1]) p++;
        else if (*p == '[') {
            const char *q = strchr(p, ']');
            if (!q) break;
            p = q;
        } else if (strchr("yYdD", *p) || strncmp(p, "年", 3) == 0 || strncmp(p, "日", 3) == 0) {
            return true;
        }
    }
    return false;
}

static void styles_start(XmlReader *r, const char *name, const char **attrs)
{
    Styles *st = xmlr_ud(r);
    if (xmlr_is(name, XMLNS_S, "numFmt") && st->n_custom < MAX_NUMFMTS) {
        const char *id = xmlr_attr(attrs, "numFmtId"), *code = xmlr_attr(attrs, "formatCode");
        if (id && code) {
            st->custom_id[st->n_custom] = atoi(id);
            st->custom_date[st->n_custom++] = code_is_date(code);
        }
    } else if (xmlr_is(name, XMLNS_S, "cellXfs")) {
        st->in_cellxfs++;
    } else if (xmlr_is(name, XMLNS_S, "xf") && st->in_cellxfs && st->n_xf < MAX_XFS) {
        const char *id = xmlr_attr(attrs, "numFmtId");
        if (st->n_xf == st->cap_xf) {
            size_t cap = st->cap_xf ? st->cap_xf * 2 : 256;
            st->xf_fmt = arena_grow(st->a, st->xf_fmt, st->n_xf, cap, sizeof(int));
            st->cap_xf = cap;
        }
        st->xf_fmt[st->n_xf++] = id ? atoi(id) : 0;
    }
}

static void styles_end(XmlReader *r, const char *name)
{
    Styles *st = xmlr_ud(r);
    if (xmlr_is(name, XMLNS_S, "cellXfs")) st->in_cellxfs--;
}

static void styles_resolve(Styles *st)
{
    st->xf_date = ARENA_ARRAY(st->a, bool, st->n_xf ? st->n_xf : 1);
    for (size_t i = 0; i < st->n_xf; i++) {
        int id = st->xf_fmt[i];
        bool date = builtin_date(id);
        for (size_t k = 0; k < st->n_custom; k++)
            if (st->custom_id[k] == id) date = st->custom_date[k];
        st->xf_date[i] = date;
    }
}

/* ---- a sheet ------------------------------------------------------------------------- */

typedef struct Merge {
    int r1, c1, r2, c2;
} Merge;

typedef struct SheetRead {
    Arena *a;
    GridSet *gs;
    Grid *grid;
    Err *e;
    const Strings *sst;
    const Styles *styles;
    bool date1904;
    /* the row being read */
    int row_no;
    GridCell cells[GRID_MAX_COLS];
    int n;
    /* the cell being read */
    int col, style;
    char type[12];
    Buf val;
    bool in_v, in_is_t;
    int rph;
    Merge *merges;
    size_t n_merges, cap_merges;
} SheetRead;

/* "AB12" -> column 27 (0-based) and row 12; -1 for what is missing. */
static void cell_ref(const char *ref, int *col, int *row)
{
    int c = 0, r = 0;
    const char *p = ref;
    while (*p >= 'A' && *p <= 'Z' && c < 100000) c = c * 26 + (*p++ - 'A' + 1);
    while (*p >= '0' && *p <= '9' && r < 10000000) r = r * 10 + (*p++ - '0');
    *col = c ? c - 1 : -1;
    *row = r ? r : -1;
}

static const char *number_text(SheetRead *s, const char *v)
{
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end) return arena_strdup(s->a, v);
    bool date = s->style >= 0 && (size_t)s->style < s->styles->n_xf && s->styles->xf_date[s->style];
    if (date && x >= 1 && x < 2958466) {
        /* Serial days from 1899-12-30 (1900 system, right after its
         * phantom 29 February 1900) or from 1904-01-01; 25569 and 24107
         * are the serials of 1970-01-01 in the two systems. */
        return date_cn(s->a, (int)x - (s->date1904 ? 24107 : 25569));
    }
    if (x == (double)(long long)x && x > -1e15 && x < 1e15) return arena_printf(s->a, "%lld", (long long)x);
    return arena_strdup(s->a, v);
}

static void sheet_start(XmlReader *r, const char *name, const char **attrs)
{
    SheetRead *s = xmlr_ud(r);
    if (xmlr_is(name, XMLNS_S, "row")) {
        const char *ref = xmlr_attr(attrs, "r");
        int row = ref ? atoi(ref) : 0;
        s->row_no = row > 0 ? row : s->row_no + 1;
        s->n = 0;
        s->col = -1;
        memset(s->cells, 0, sizeof s->cells);
    } else if (xmlr_is(name, XMLNS_S, "c")) {
        const char *ref = xmlr_attr(attrs, "r"), *t = xmlr_attr(attrs, "t"), *st = xmlr_attr(attrs, "s");
        int col = -1, row;
        if (ref) cell_ref(ref, &col, &row);
        s->col = col >= 0 ? col : s->col + 1;
        snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
        s->style = st ? atoi(st) : -1;
        buf_reset(&s->val);
    } else if (xmlr_is(name, XMLNS_S, "v")) {
        s->in_v = true;
    } else if (xmlr_is(name, XMLNS_S, "rPh")) {
        s->rph++;
    } else if (xmlr_is(name, XMLNS_S, "t")) {
        s->in_is_t = true;
    } else if (xmlr_is(name, XMLNS_S, "mergeCell") && s->n_merges < MAX_MERGES) {
        const char *ref = xmlr_attr(attrs, "ref");
        const char *colon = ref ? strchr(ref, ':') : NULL;
        if (colon) {
            Merge m;
            cell_ref(ref, &m.c1, &m.r1);
            cell_ref(colon + 1, &m.c2, &m.r2);
            if (m.c1 >= 0 && m.r1 > 0 && m.c2 >= m.c1 && m.r2 >= m.r1) {
                if (s->n_merges == s->cap_merges) {
                    size_t cap = s->cap_merges ? s->cap_merges * 2 : 32;
                    s->merges = arena_grow(s->a, s->merges, s->n_merges, cap, sizeof *s->merges);
                    s->cap_merges = cap;
                }
                s->merges[s->n_merges++] = m;
            }
        }
    }
}

static void sheet_cell_end(SheetRead *s)
{
    if (s->col < 0 || s->col >= GRID_MAX_COLS) return;
    const char *v = buf_str(&s->val), *text;
    if (strcmp(s->type, "s") == 0) {
        long i = strtol(v, NULL, 10);
        text = i >= 0 && (size_t)i < s->sst->n ? s->sst->s[i] : "";
    } else if (strcmp(s->type, "n") == 0 && *v) {
        text = number_text(s, v);
    } else {
        text = arena_strndup(s->a, v, s->val.len); /* str, inlineStr, b, e */
    }
    s->cells[s->col].text = text;
    if (s->col + 1 > s->n) s->n = s->col + 1;
}

static void sheet_end(XmlReader *r, const char *name)
{
    SheetRead *s = xmlr_ud(r);
    if (xmlr_is(name, XMLNS_S, "v")) {
        s->in_v = false;
    } else if (xmlr_is(name, XMLNS_S, "rPh")) {
        s->rph--;
    } else if (xmlr_is(name, XMLNS_S, "t")) {
        s->in_is_t = false;
    } else if (xmlr_is(name, XMLNS_S, "c")) {
        sheet_cell_end(s);
    } else if (xmlr_is(name, XMLNS_S, "row") && s->n > 0) {
        GridRow row = {.source_row = s->row_no, .n = s->n, .cells = ARENA_ARRAY(s->a, GridCell, (size_t)s->n)};
        for (int c = 0; c < s->n; c++) row.cells[c] = (GridCell){s->cells[c].text ? s->cells[c].text : "", false};
        if (grid_add_row(s->gs, s->grid, s->a, row, s->e) < 0) xmlr_fail(r, s->e->code, "%s", s->e->msg);
    }
}

static void sheet_text(XmlReader *r, const char *t, size_t n)
{
    SheetRead *s = xmlr_ud(r);
    if (s->in_v || (s->in_is_t && !s->rph)) buf_append(&s->val, t, n);
}

/* Where the rows a merge covers below its first row start (+1) or stop (-1). */
typedef struct MergeEdge {
    size_t row;  /* index into the grid's rows */
    int delta;   /* +1 from this row on, -1 from this row on no longer */
    int c1, last;
} MergeEdge;

static int edge_cmp(const void *x, const void *y)
{
    const MergeEdge *a = x, *b = y;
    return a->row < b->row ? -1 : a->row > b->row;
}

/* The first row at or after lo whose source_row exceeds r (rows are in
 * sheet order, so by bisection). */
static size_t first_row_after(const Grid *g, int r)
{
    size_t lo = 0, hi = g->n_rows;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (g->rows[mid].source_row <= r) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Marks the cells a merge covers below its first row, extending a row
 * that ends before the merge's last column. One sweep over the rows,
 * counting per column how many merges cover it, so that overlapping
 * merges cost no more than one. */
static void apply_merges(SheetRead *s)
{
    Grid *g = s->grid;
    MergeEdge *edges = ARENA_ARRAY(s->a, MergeEdge, s->n_merges * 2 + 1);
    size_t n = 0;
    for (size_t i = 0; i < s->n_merges; i++) {
        const Merge *m = &s->merges[i];
        size_t lo = first_row_after(g, m->r1), hi = first_row_after(g, m->r2);
        if (lo >= hi) continue;
        int last = m->c2 < GRID_MAX_COLS ? m->c2 : GRID_MAX_COLS - 1;
        edges[n++] = (MergeEdge){lo, +1, m->c1, last};
        edges[n++] = (MergeEdge){hi, -1, m->c1, last};
    }
    qsort(edges, n, sizeof *edges, edge_cmp);
    int cover[GRID_MAX_COLS] = {0}; /* merges covering each column */
    int ends[GRID_MAX_COLS] = {0};  /* merges whose last column is each */
    size_t k = 0;
    for (size_t i = 0; i < g->n_rows && k < n; i++) {
        for (; k < n && edges[k].row == i; k++) {
            for (int c = edges[k].c1; c <= edges[k].last; c++) cover[c] += edges[k].delta;
            ends[edges[k].last] += edges[k].delta;
        }
        int width = 0;
        for (int c = GRID_MAX_COLS - 1; c >= 0 && !width; c--)
            if (ends[c]) width = c + 1;
        if (!width) continue;
        GridRow *row = &g->rows[i];
        if (width > row->n) {
            GridCell *cells = ARENA_ARRAY(s->a, GridCell, (size_t)width);
            memcpy(cells, row->cells, sizeof *cells * (size_t)row->n);
            for (int c = row->n; c < width; c++) cells[c] = (GridCell){"", false};
            row->cells = cells;
            row->n = width;
        }
        for (int c = 0; c < width; c++)
            if (cover[c]) row->cells[c].vcont = true;
    }
}

/* ---- the workbook -------------------------------------------------------------------- */

int table_read_xlsx(ZipIn *z, const char *main_part, Arena *a, GridSet *gs, Err *e)
{
    Book *book = ARENA_NEW(a, Book);
    book->a = a;
    static const XmlHandlers bh = {.start = book_start};
    if (xmlr_parse_part(z, main_part, &bh, book, e) < 0) return -1;
    OpcLink *links;
    size_t n_links;
    if (opc_read_links(z, main_part, a, &links, &n_links, e) < 0) return -1;

    Strings sst = {.a = a, .cur = BUF_INIT(a)};
    const OpcLink *l = opc_find_link(links, n_links, "sharedStrings");
    static const XmlHandlers sh = {.start = sst_start, .end = sst_end, .text = sst_text};
    if (l && zipin_has(z, l->target) && xmlr_parse_part(z, l->target, &sh, &sst, e) < 0) return -1;

    Styles *styles = ARENA_NEW(a, Styles);
    styles->a = a;
    l = opc_find_link(links, n_links, "styles");
    static const XmlHandlers yh = {.start = styles_start, .end = styles_end};
    if (l && zipin_has(z, l->target) && xmlr_parse_part(z, l->target, &yh, styles, e) < 0) return -1;
    styles_resolve(styles);

    Err inner = ERR_INIT; /* grid errors travel through the parser */
    for (size_t i = 0; i < book->n; i++) {
        const OpcLink *sl = NULL;
        for (size_t k = 0; k < n_links && !sl; k++)
            if (strcmp(links[k].id, book->sheets[i].rid) == 0) sl = &links[k];
        if (!sl || !zipin_has(z, sl->target)) continue; /* a chart sheet or a dangling entry */
        SheetRead *s = ARENA_NEW(a, SheetRead);
        *s = (SheetRead){.a = a, .gs = gs, .e = &inner, .sst = &sst, .styles = styles,
                         .date1904 = book->date1904, .val = BUF_INIT(a)};
        s->grid = grid_new(gs, a, e);
        if (!s->grid) return -1;
        s->grid->sheet = book->sheets[i].name;
        static const XmlHandlers wh = {.start = sheet_start, .end = sheet_end, .text = sheet_text};
        if (xmlr_parse_part(z, sl->target, &wh, s, e) < 0) return -1;
        apply_merges(s);
    }
    if (gs->n == 0) return err_set(e, ERR_INVALID, NULL, "Excel文件中没有可读取的工作表");
    return 0;
}
