/*
 * table_read_rows.c - from grids to the rows of THE table. See
 * report_table.h (table_read) and table_grid.h.
 *
 * Users edit the form by hand, so everything is found by content: the
 * header row by its 实事名称 and 责任单位 cells (compared after NFKC with
 * spaces removed), the other columns by what their headers say, the title
 * above the table by mentioning 表. Rows that carry nothing, and copies of
 * the header row, are skipped; a row whose 实事名称 is merged with the row
 * above continues that project.
 *
 * Uploads are hostile: every step costs in proportion to the file. Arrays
 * double, texts that grow line by line or row by row grow in a Buf, and a
 * heading is looked up among the row's units by hash, never by comparing
 * with each of them.
 */
#include <stdlib.h>
#include <string.h>

#include "io/report_table.h"
#include "io/table_grid.h"
#include "lib/buf.h"
#include "lib/strmap.h"
#include "lib/utf8.h"

enum Col { C_NO, C_TITLE, C_UNITS, C_PROGRESS, C_DEADLINE, C__MAX };

#define HEADING_MAX_CHARS 20  /* "单位名：" headings are short */

/* The row being read (a project, with the rows folded into it so far). */
typedef struct RowBuild {
    Arena *a;
    ReadRow *r;
    size_t cap_units, cap_reports;
    Buf progress;  /* r->progress, once a folded row adds to it */
    Buf report;    /* the last report's text, once a line adds to it */
    StrMap keys;   /* table_match_key of each of r->units */
} RowBuild;

static bool has(const char *key, const char *needle)
{
    return strstr(key, needle) != NULL;
}

/* Maps the columns when row is a header row. */
static bool header_cols(const GridRow *row, Arena *a, int col[C__MAX])
{
    for (int k = 0; k < C__MAX; k++) col[k] = -1;
    for (int c = 0; c < row->n; c++) {
        if (!*row->cells[c].text) continue; /* spans and blanks: most cells above a header */
        const char *key = table_match_key(a, row->cells[c].text);
        if (!*key) continue;
        int k = has(key, "实事名称")                                            ? C_TITLE
                : has(key, "责任单位")                                          ? C_UNITS
                : has(key, "序号") || strcmp(key, "编号") == 0                   ? C_NO
                : has(key, "进度") || has(key, "措施") || has(key, "进展")       ? C_PROGRESS
                : has(key, "时限") || has(key, "完成时间") || has(key, "完成期限") ? C_DEADLINE
                                                                                : -1;
        if (k >= 0 && col[k] < 0) col[k] = c;
    }
    return col[C_TITLE] >= 0 && col[C_UNITS] >= 0;
}

static const GridCell *cell_at(const GridRow *row, int c)
{
    static const GridCell empty = {"", false};
    return c >= 0 && c < row->n ? &row->cells[c] : &empty;
}

/* The header row once more (pasted at the top of a new page). */
static bool is_header_again(Arena *a, const GridRow *row, const int col[C__MAX])
{
    return strcmp(table_match_key(a, cell_at(row, col[C_TITLE])->text), "实事名称") == 0 &&
           strcmp(table_match_key(a, cell_at(row, col[C_UNITS])->text), "责任单位") == 0;
}

/* ---- text clean-up ------------------------------------------------------------------ */

/* The non-blank lines of s, trimmed (utf8_tidy_lines), into out; returns how many. */
static size_t split_lines(Arena *a, const char *s, const char ***out)
{
    char *t = arena_strdup(a, utf8_tidy_lines(a, s));
    size_t n = *t ? 1 : 0;
    for (const char *p = t; *p; p++) n += *p == '\n';
    const char **v = ARENA_ARRAY(a, const char *, n + 1);
    for (size_t i = 0; i < n; i++) {
        v[i] = t;
        t += strcspn(t, "\n");
        if (*t) *t++ = '\0';
    }
    *out = v;
    return n;
}

static char *join(Arena *a, const char **v, size_t n, const char *sep)
{
    Buf b = BUF_INIT(a);
    for (size_t i = 0; i < n; i++) {
        if (i) buf_puts(&b, sep);
        buf_puts(&b, v[i]);
    }
    return b.data ? b.data : "";
}

static bool ascii_word(int32_t cp)
{
    return cp < 0x80 && cp > ' ';
}

/* 实事名称 on one line: line breaks and spaces removed, except one space
 * between two Latin words. */
static char *inline_text(Arena *a, const char *s)
{
    Buf b = BUF_INIT(a);
    const char *p = s, *end = s + strlen(s);
    int32_t prev = 0;
    bool gap = false;
    while (p < end) {
        const char *at = p;
        int32_t cp = utf8_decode(&p, end);
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0xA0) {
            gap = b.len > 0;
            continue;
        }
        if (gap && ascii_word(prev) && ascii_word(cp)) buf_putc(&b, ' ');
        gap = false;
        buf_append(&b, at, (size_t)(p - at));
        prev = cp;
    }
    return b.data ? b.data : "";
}

/* 责任单位 as names: one per line, also split at list punctuation. Returns
 * the name when text names exactly one unit, else NULL. */
static const char *add_units(RowBuild *rb, const char *text)
{
    static const char *const seps[] = {"、", "，", ",", "；", ";"};
    Arena *a = rb->a;
    ReadRow *r = rb->r;
    Buf b = BUF_INIT(a);
    for (const char *p = text; *p;) {
        size_t sl = 0;
        for (size_t i = 0; i < sizeof seps / sizeof seps[0] && !sl; i++)
            if (strncmp(p, seps[i], strlen(seps[i])) == 0) sl = strlen(seps[i]);
        if (sl) {
            buf_putc(&b, '\n');
            p += sl;
        } else {
            buf_putc(&b, *p++);
        }
    }
    const char **lines;
    size_t n = split_lines(a, buf_str(&b), &lines);
    if (r->n_units + n > rb->cap_units) {
        size_t cap = rb->cap_units ? rb->cap_units * 2 : 4;
        while (cap < r->n_units + n) cap *= 2;
        r->units = arena_grow(a, r->units, r->n_units, cap, sizeof *r->units);
        rb->cap_units = cap;
    }
    for (size_t i = 0; i < n; i++) {
        r->units[r->n_units++] = lines[i];
        strmap_put(&rb->keys, table_match_key(a, lines[i]), (void *)lines[i]);
    }
    return n == 1 ? lines[0] : NULL;
}

/* 序号: digits (after NFKC), or a Chinese numeral up to 九十九. */
static int parse_no(Arena *a, const char *text)
{
    const char *k = table_match_key(a, text);
    while (*k == '(' || *k == '[') k++;
    if (*k >= '0' && *k <= '9') return (int)strtol(k, NULL, 10);
    static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
    int value = 0, cur = 0;
    const char *p = k;
    for (;;) {
        int d = 0;
        for (int i = 0; i < 9; i++)
            if (strncmp(p, digits[i], 3) == 0) d = i + 1;
        if (d) {
            cur = d;
            p += 3;
        } else if (strncmp(p, "十", 3) == 0) {
            value += (cur ? cur : 1) * 10;
            cur = 0;
            p += 3;
        } else {
            break;
        }
    }
    return value + cur;
}

/* ---- reports: the progress cell split at "单位名：" ------------------------------------ */

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* True when name looks like a unit: one of this row's, or shaped like one. */
static bool unit_like(RowBuild *rb, const char *name)
{
    Arena *a = rb->a;
    const char *key = table_match_key(a, name);
    if (strmap_get(&rb->keys, key)) return true;
    /* "区卫健局(牵头)": judge the name before the parenthesis */
    char *bare = arena_strdup(a, key);
    char *paren = strchr(bare, '(');
    if (paren && paren != bare) *paren = '\0';
    static const char *const suffixes[] = {"局", "委", "会", "联", "院", "办", "部", "队", "所", "站", "中心",
                                           "公司", "政府", "街道", "镇", "厅", "处", "室", "团", "馆", "署"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
        if (ends_with(bare, suffixes[i])) return true;
    return false;
}

/* If line starts with a unit heading, *unit gets the name and *rest what follows. */
static bool heading(RowBuild *rb, const char *line, const char **unit, const char **rest)
{
    Arena *a = rb->a;
    const char *p = line, *end = line + strlen(line);
    for (int chars = 0; p < end && chars <= HEADING_MAX_CHARS; chars++) {
        const char *at = p;
        int32_t cp = utf8_decode(&p, end);
        if (cp == 0xFF1A || cp == ':') {
            size_t start, n = utf8_trim(line, (size_t)(at - line), &start);
            if (!n) return false;
            const char *name = arena_strndup(a, line + start, n);
            if (!unit_like(rb, name)) return false;
            size_t rs, rn = utf8_trim(p, (size_t)(end - p), &rs);
            *unit = name;
            *rest = arena_strndup(a, p + rs, rn);
            return true;
        }
        /* a sentence, not a heading */
        if (cp == 0xFF0C || cp == 0x3002 || cp == 0xFF1B || cp == ',' || cp == ';') return false;
    }
    return false;
}

/* Appends one grid row's progress lines to r's reports: a headed line
 * starts a new report; otherwise the row's first line starts one for
 * row_unit (the one unit this grid row names, else NULL) when there is one
 * or no report yet, and other lines continue the last report. */
static void add_reports(RowBuild *rb, const char **lines, size_t n, const char *row_unit)
{
    ReadRow *r = rb->r;
    bool fresh = row_unit != NULL;
    for (size_t i = 0; i < n; i++) {
        const char *unit, *rest;
        bool headed = heading(rb, lines[i], &unit, &rest);
        if (headed || fresh || r->n_reports == 0) {
            if (r->n_reports == rb->cap_reports) {
                size_t cap = rb->cap_reports ? rb->cap_reports * 2 : 4;
                r->reports = arena_grow(rb->a, r->reports, r->n_reports, cap, sizeof *r->reports);
                rb->cap_reports = cap;
            }
            r->reports[r->n_reports++] = headed ? (ReadReport){unit, rest} : (ReadReport){row_unit, lines[i]};
            rb->report = BUF_INIT(rb->a);
            fresh = false;
            continue;
        }
        ReadReport *last = &r->reports[r->n_reports - 1];
        if (!*last->text) {
            last->text = lines[i];
            continue;
        }
        if (!rb->report.len) buf_puts(&rb->report, last->text);
        buf_putc(&rb->report, '\n');
        buf_puts(&rb->report, lines[i]);
        last->text = rb->report.data;
    }
}

/* ---- rows ---------------------------------------------------------------------------- */

/* Starts project r from its first grid row. */
static void fill_row(RowBuild *rb, ReadRow *r, const GridRow *row, const int col[C__MAX])
{
    Arena *a = rb->a;
    *rb = (RowBuild){.a = a, .r = r, .progress = BUF_INIT(a), .report = BUF_INIT(a), .keys = STRMAP_INIT(a)};
    r->units = NULL;
    r->n_units = 0;
    const char *sole = add_units(rb, cell_at(row, col[C_UNITS])->text);
    const char **lines;
    size_t n = split_lines(a, cell_at(row, col[C_PROGRESS])->text, &lines);
    r->progress = join(a, lines, n, "\n");
    add_reports(rb, lines, n, sole);
    const char *dl = table_match_key(a, cell_at(row, col[C_DEADLINE])->text);
    r->deadline = dl;
}

/* A continuation row (实事名称 merged with the row above) adds its units
 * and reports to the project above. */
static void fold_row(RowBuild *rb, const GridRow *row, const int col[C__MAX])
{
    Arena *a = rb->a;
    ReadRow *r = rb->r;
    const char *sole = add_units(rb, cell_at(row, col[C_UNITS])->text);
    const char **lines;
    size_t n = split_lines(a, cell_at(row, col[C_PROGRESS])->text, &lines);
    if (n && !*r->progress) {
        r->progress = join(a, lines, n, "\n");
    } else if (n) {
        if (!rb->progress.len) buf_puts(&rb->progress, r->progress);
        for (size_t i = 0; i < n; i++) {
            buf_putc(&rb->progress, '\n');
            buf_puts(&rb->progress, lines[i]);
        }
        r->progress = rb->progress.data;
    }
    add_reports(rb, lines, n, sole);
    if (!*r->deadline) r->deadline = table_match_key(a, cell_at(row, col[C_DEADLINE])->text);
}

/* Keeps text as *best when, on one line, it mentions 表 and is longer. */
static void title_candidate(Arena *a, const char *text, const char **best, size_t *best_len)
{
    const char *t = inline_text(a, text);
    size_t len = strlen(t);
    if (strstr(t, "表") && len > *best_len) {
        *best = t;
        *best_len = len;
    }
}

/* The longest line above the header mentioning 表 (the first of the
 * longest), if any: the paragraphs before the table, then the cells of the
 * rows above the header row. */
static const char *find_title(Arena *a, const Grid *g, size_t header)
{
    const char *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < g->n_pre; i++) title_candidate(a, g->pre[i], &best, &best_len);
    for (size_t i = 0; i < header; i++)
        for (int c = 0; c < g->rows[i].n; c++) title_candidate(a, g->rows[i].cells[c].text, &best, &best_len);
    return best;
}

static int read_grid(const Grid *g, size_t header, const int col[C__MAX], TableFormat fmt, Arena *a,
                     ReadTable **out)
{
    ReadTable *t = ARENA_NEW(a, ReadTable);
    t->format = fmt;
    t->sheet = g->sheet;
    t->header_row = g->rows[header].source_row;
    t->title = find_title(a, g, header);
    t->rows = ARENA_ARRAY(a, ReadRow, g->n_rows - header);
    RowBuild rb = {.a = a};
    for (size_t i = header + 1; i < g->n_rows; i++) {
        const GridRow *row = &g->rows[i];
        const GridCell *title = cell_at(row, col[C_TITLE]);
        const char *units = cell_at(row, col[C_UNITS])->text, *prog = cell_at(row, col[C_PROGRESS])->text;
        if (is_header_again(a, row, col)) continue;
        bool blank = !*inline_text(a, title->text) && !*inline_text(a, units) && !*inline_text(a, prog);
        if (blank) continue;
        if (title->vcont && t->n_rows > 0) {
            fold_row(&rb, row, col);
            continue;
        }
        ReadRow *r = &t->rows[t->n_rows++];
        r->source_row = row->source_row;
        r->no_text = inline_text(a, cell_at(row, col[C_NO])->text);
        r->no = parse_no(a, r->no_text);
        r->title = inline_text(a, title->text);
        fill_row(&rb, r, row, col);
    }
    *out = t;
    return 0;
}

int table_from_grids(const GridSet *gs, TableFormat fmt, Arena *a, ReadTable **out, Err *e)
{
    for (size_t gi = 0; gi < gs->n; gi++) {
        const Grid *g = &gs->grids[gi];
        for (size_t i = 0; i < g->n_rows; i++) {
            int col[C__MAX];
            if (header_cols(&g->rows[i], a, col)) return read_grid(g, i, col, fmt, a, out);
        }
    }
    return err_set(e, ERR_INVALID, NULL,
                   "文件中没有找到进展情况报表：表格的表头应包含“实事名称”和“责任单位”两列");
}
