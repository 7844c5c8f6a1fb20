/*
 * notice_table.c - the attachment's table (序号 | 实事名称 | 责任单位 | … |
 * 完成时限). Its 实事名称 are the projects' short titles (report_title),
 * matched to the body's items by number, or by likeness when the numbers do
 * not line up; its 完成时限 are their deadlines; its unit columns fill the
 * units of an item whose text names none. The line above its header is the
 * report form's title.
 *
 * Tables arrive in two layouts: a row a line with cells split by tabs, or a
 * cell a line starting with a tab, further lines of the cell following
 * without one (how DOCX tables come out of docx2txt, and of notice_docx.c).
 */
#include "io/notice_internal.h"

#include <stdio.h>
#include <string.h>

#include "lib/timeutil.h"

typedef struct Cell {
    size_t s, e;  /* normalised range, may span lines */
    long row;     /* row number in the row layout, -1 in the cell layout */
} Cell;

enum { COL_NO, COL_TITLE, COL_LEAD, COL_RESP, COL_COOP, COL_DEADLINE, COL__MAX };

typedef struct Row {
    int no;
    const Cell *cell[COL__MAX]; /* NULL where the table has no such column */
} Row;

static const char *const HEADS[COL__MAX][8] = {
    {"序号", "编号", NULL},
    {"实事名称", "项目名称", "实事项目名称", "实事项目", "实事内容", "项目", "名称", NULL},
    {"牵头单位", "牵头部门", "主责单位", NULL},
    {"责任单位", "责任部门", "实施单位", "承办单位", NULL},
    {"配合单位", "配合部门", "协办单位", "参与单位", NULL},
    {"完成时限", "完成时间", "完成期限", "时限", NULL},
};

/* Which column a header cell names, or -1. */
static int header_col(const NText *t, const Cell *c)
{
    size_t s = nt_skip_space(t, c->s, c->e), e = nt_trim_end(t, s, c->e);
    char buf[64];
    size_t n = 0;
    for (size_t p = s; p < e && n < sizeof buf - 1; p++)
        if (t->s[p] != '\n' && t->s[p] != ' ') buf[n++] = t->s[p];
    buf[n] = '\0';
    for (int col = 0; col < COL__MAX; col++)
        for (size_t i = 0; HEADS[col][i]; i++)
            if (strcmp(buf, HEADS[col][i]) == 0) return col;
    return -1;
}

/* The cells of the lines from line `from` on. */
static size_t collect(const NCtx *c, size_t from, Cell **out)
{
    const NText *t = &c->t;
    size_t cap = 64, n = 0;
    Cell *cells = ARENA_ARRAY(c->a, Cell, cap);
    long row = 0;
    bool in_cell = false;
    for (size_t l = from; l < c->n_lines; l++) {
        const NLine *ln = &c->lines[l];
        size_t s = ln->s;
        while (s < ln->e && t->s[s] == '\t') s++;
        bool lead_tab = s > ln->s;
        bool inner_tab = nt_find(t, s, ln->e, "\t") != NPOS;
        if (n + 64 > cap) {
            cells = arena_grow(c->a, cells, n, cap * 2, sizeof *cells);
            cap *= 2;
        }
        if (inner_tab) { /* a row a line */
            size_t a = s;
            for (size_t p = a;; p++) {
                if (p == ln->e || t->s[p] == '\t') {
                    if (n < cap) cells[n++] = (Cell){a, p, row};
                    a = p + 1;
                    if (p == ln->e) break;
                }
            }
            row++;
            in_cell = false;
        } else if (lead_tab) { /* a cell a line */
            cells[n++] = (Cell){s, ln->e, -1};
            in_cell = true;
        } else if (in_cell && ln->e > ln->s) {
            cells[n - 1].e = ln->e; /* a further paragraph of the cell */
        } else if (ln->e > ln->s && n > 0) {
            in_cell = false;
        }
    }
    *out = cells;
    return n;
}

static int cell_number(const NText *t, const Cell *c)
{
    size_t s = nt_skip_space(t, c->s, c->e), e = nt_trim_end(t, s, c->e);
    if (e > s && t->s[e - 1] == '.') e--;
    if (s == e) return -1;
    if (t->s[s] >= '0' && t->s[s] <= '9') {
        int v = 0;
        for (size_t p = s; p < e; p++) {
            if (t->s[p] < '0' || t->s[p] > '9' || v > 1000) return -1;
            v = v * 10 + (t->s[p] - '0');
        }
        return v;
    }
    double v = nnum_chinese(t, s, e);
    return v >= 1 && v <= 1000 ? (int)v : -1;
}

/* Character-bigram Dice likeness of two normalised ranges, 0..1. */
static double likeness(const NText *t, size_t as, size_t ae, size_t bs, size_t be)
{
    int32_t a[64], b[64];
    size_t na = 0, nb = 0;
    for (size_t p = as; p < ae && na < 64;) {
        size_t next;
        int32_t cp = nt_cp(t, p, ae, &next);
        if (cp_is_han(cp)) a[na++] = cp;
        p = next;
    }
    for (size_t p = bs; p < be && nb < 64;) {
        size_t next;
        int32_t cp = nt_cp(t, p, be, &next);
        if (cp_is_han(cp)) b[nb++] = cp;
        p = next;
    }
    if (na < 2 || nb < 2) return 0;
    size_t common = 0;
    bool used[64] = {false};
    for (size_t i = 0; i + 1 < na; i++)
        for (size_t j = 0; j + 1 < nb; j++)
            if (!used[j] && a[i] == b[j] && a[i + 1] == b[j + 1]) {
                used[j] = true;
                common++;
                break;
            }
    return 2.0 * (double)common / (double)(na - 1 + nb - 1);
}

void ntable_apply(NCtx *c)
{
    const NText *t = &c->t;
    Programme *p = c->p;
    Cell *cells;
    size_t n = collect(c, c->tail_line, &cells);
    /* the header: a 实事名称 cell with 序号 before it */
    size_t h = NPOS;
    for (size_t i = 1; i < n && h == NPOS; i++)
        if (header_col(t, &cells[i]) == COL_TITLE)
            for (size_t j = i; j-- > 0 && i - j < 4;)
                if (header_col(t, &cells[j]) == COL_NO) h = j;
    if (h == NPOS) return;
    int col_of[16];
    size_t ncols = 0;
    for (size_t i = h; i < n && ncols < 16; i++) {
        if (cells[i].row >= 0 && cells[i].row != cells[h].row) break;
        if (cells[i].row < 0 && i > h && cell_number(t, &cells[i]) == 1) break;
        col_of[ncols++] = header_col(t, &cells[i]);
    }
    /* the line above the header names the form */
    size_t hline = 0;
    for (size_t l = c->tail_line; l < c->n_lines; l++)
        if (c->lines[l].s <= cells[h].s && cells[h].s <= c->lines[l].e) hline = l;
    for (size_t l = hline; l-- > c->tail_line;) {
        const NLine *ln = &c->lines[l];
        size_t s = nt_skip_space(t, ln->s, ln->e), e = nt_trim_end(t, s, ln->e);
        if (s == e || ln->cell) continue;
        if (nt_at(t, s, e, "附件") && nt_chars(t, s, e) <= 4) break;
        if (nt_chars(t, s, e) <= 60) {
            NPiece pc = {s, e, NULL};
            p->report_form_title = ntext_join(t, &pc, 1, c->a);
            nnote(c, "report_form_title", s, e, NULL);
        }
        break;
    }
    /* rows */
    size_t cap = p->n_projects + 8, nrows = 0;
    Row *rows = ARENA_ARRAY(c->a, Row, cap);
    size_t i = h + ncols;
    while (i + 1 < n && nrows < cap) {
        int no = cell_number(t, &cells[i]);
        if (no < 1) {
            i++; /* out of step: look for the next row number */
            continue;
        }
        Row *r = &rows[nrows];
        memset(r, 0, sizeof *r);
        r->no = no;
        size_t k = 0;
        for (; k < ncols && i + k < n; k++) {
            if (k > 0 && cells[i + k].row >= 0 && cells[i + k].row != cells[i].row) break;
            if (col_of[k] >= 0 && !r->cell[col_of[k]]) r->cell[col_of[k]] = &cells[i + k];
        }
        if (r->cell[COL_TITLE]) nrows++;
        i += k ? k : 1;
    }
    if (nrows == 0) return;
    /* match rows to projects: by number when they line up, else by likeness */
    bool by_number = nrows == p->n_projects;
    for (size_t r = 0; r < nrows && by_number; r++) by_number = rows[r].no == (int)r + 1;
    bool *used = ARENA_ARRAY(c->a, bool, nrows);
    for (size_t pi = 0; pi < p->n_projects; pi++) {
        const NItem *it = &c->items[pi];
        size_t best = NPOS;
        double best_like = 0.3;
        if (by_number) {
            best = pi;
        } else {
            for (size_t r = 0; r < nrows; r++) {
                if (used[r]) continue;
                const Cell *tc = rows[r].cell[COL_TITLE];
                double like = likeness(t, it->title_s, it->title_e, tc->s, tc->e);
                if (like > best_like) {
                    best_like = like;
                    best = r;
                }
            }
        }
        if (best == NPOS) continue;
        used[best] = true;
        const Row *row = &rows[best];
        Project *pr = &p->projects[pi];
        char path[64];
        NPiece pc = {row->cell[COL_TITLE]->s, row->cell[COL_TITLE]->e, NULL};
        pr->report_title = ntext_join(t, &pc, 1, c->a);
        snprintf(path, sizeof path, "projects[%zu].report_title", pi);
        double like = likeness(t, it->title_s, it->title_e, pc.s, pc.e);
        nnote(c, path, pc.s, pc.e,
              by_number && like < 0.2 && strcmp(pr->report_title, pr->title) != 0
                  ? "附件表中同一序号的实事名称与正文标题差别较大，请核对是否对应"
                  : NULL);
        if (row->cell[COL_DEADLINE]) {
            int d = nmeta_deadline(t, row->cell[COL_DEADLINE]->s, row->cell[COL_DEADLINE]->e, p->year);
            snprintf(path, sizeof path, "projects[%zu].deadline", pi);
            if (d != DATE_NONE && pr->deadline == DATE_NONE) {
                pr->deadline = d;
                nnote(c, path, row->cell[COL_DEADLINE]->s, row->cell[COL_DEADLINE]->e, NULL);
            } else if (d != DATE_NONE && d != pr->deadline) {
                /* the item's own 完成时限 stands; the table disagrees */
                nnote(c, path, row->cell[COL_DEADLINE]->s, row->cell[COL_DEADLINE]->e,
                      "附件表的完成时限与正文不同，已按正文填写，请核对");
            }
        }
        if (pr->n_units == 0) {
            static const int COLS[] = {COL_LEAD, COL_RESP, COL_COOP};
            static const enum UnitRole ROLES[] = {UNIT_LEAD, UNIT_RESPONSIBLE, UNIT_RESPONSIBLE};
            for (int k = 0; k < 3; k++)
                if (row->cell[COLS[k]])
                    nunits_add(c, pi, row->cell[COLS[k]]->s, row->cell[COLS[k]]->e, ROLES[k]);
            if (pr->n_units > 0) {
                snprintf(path, sizeof path, "projects[%zu].units", pi);
                nnote(c, path, pc.s, pc.e, "正文未写责任单位，取自附件表，请核对");
            }
        }
    }
}
