/*
 * notice_import.c - the importer's entry point: checks and decodes the
 * input, runs the parsers in order (see notice_internal.h), assembles the
 * draft programme and its review notes, and writes the draft as JSON.
 */
#include "io/notice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/programme.h"
#include "io/json_util.h"
#include "io/notice_internal.h"
#include "io/programme_json.h"
#include "io/sniff.h"
#include "lib/buf.h"
#include "lib/utf8.h"

/* ---- notes ---------------------------------------------------------------------- */

void nnote(NCtx *c, const char *path, size_t src_s, size_t src_e, const char *flag)
{
    if (c->n_notes == c->cap_notes) {
        size_t cap = c->cap_notes ? c->cap_notes * 2 : 64;
        c->notes = arena_grow(c->a, c->notes, c->n_notes, cap, sizeof *c->notes);
        c->cap_notes = cap;
    }
    NoticeNote *n = &c->notes[c->n_notes++];
    n->path = arena_strdup(c->a, path);
    n->source = src_s == NPOS ? NULL : ntext_orig(&c->t, src_s, src_e, c->a);
    if (n->source && !*n->source) n->source = NULL;
    n->flag = flag ? arena_strdup(c->a, flag) : NULL;
}

void nsentence(const NCtx *c, size_t pos, size_t *s, size_t *e)
{
    const NText *t = &c->t;
    size_t a = pos < t->len ? pos : t->len, b = a;
    /* a "sentence" of a text without full stops stops at 600 bytes each way */
    size_t amin = a > 600 ? a - 600 : 0, bmax = b + 600 < t->len ? b + 600 : t->len;
    while (a > amin) {
        size_t prev = nt_prev(t, 0, a);
        int32_t cp = nt_cp(t, prev, t->len, NULL);
        if (cp == 0x3002 || cp == '!' || cp == '?' || cp == '\n') break;
        a = prev;
    }
    while (b < bmax) {
        size_t next;
        int32_t cp = nt_cp(t, b, t->len, &next);
        if (cp == '\n') break;
        b = next;
        if (cp == 0x3002 || cp == '!' || cp == '?') break;
    }
    *s = a;
    *e = b;
}

/* The sort key of a note's path: programme fields in the JSON's order,
 * then each project's fields in theirs. */
static void note_key(const char *path, long key[3])
{
    static const char *const TOP[] = {"title", "year", "issuer", "issued", "coordinator",
                                      "contact.phone", "contact.email", "reporting",
                                      "report_form_title", "public", NULL};
    static const char *const PROJ[] = {"title", "report_title", "text", "deadline", "units",
                                       "indicators", "standards", NULL};
    key[0] = key[1] = key[2] = -1;
    for (long i = 0; TOP[i]; i++)
        if (strcmp(path, TOP[i]) == 0) {
            key[0] = i;
            return;
        }
    long pi = 0;
    int used = 0;
    if (sscanf(path, "projects[%ld]%n", &pi, &used) < 1 || used == 0) {
        key[0] = 1000000;
        return;
    }
    key[0] = 100 + pi;
    const char *rest = path + used;
    if (*rest != '.') return;
    rest++;
    for (long i = 0; PROJ[i]; i++) {
        size_t n = strlen(PROJ[i]);
        if (strncmp(rest, PROJ[i], n) == 0 && (rest[n] == '\0' || rest[n] == '[')) {
            key[1] = i;
            long j = -1;
            if (rest[n] == '[') sscanf(rest + n, "[%ld]", &j);
            key[2] = j;
            return;
        }
    }
    key[1] = 99;
}

typedef struct Keyed {
    long key[4]; /* note_key, then the original index: a stable order */
    NoticeNote note;
} Keyed;

static int keyed_cmp(const void *x, const void *y)
{
    const Keyed *a = x, *b = y;
    for (int i = 0; i < 4; i++)
        if (a->key[i] != b->key[i]) return a->key[i] < b->key[i] ? -1 : 1;
    return 0;
}

static void sort_notes(NCtx *c)
{
    Keyed *k = ARENA_ARRAY(c->a, Keyed, c->n_notes + 1);
    for (size_t i = 0; i < c->n_notes; i++) {
        note_key(c->notes[i].path, k[i].key);
        k[i].key[3] = (long)i;
        k[i].note = c->notes[i];
    }
    qsort(k, c->n_notes, sizeof *k, keyed_cmp);
    for (size_t i = 0; i < c->n_notes; i++) c->notes[i] = k[i].note;
}

/* ---- the project arrays -------------------------------------------------------- */

#define GROW(c, arr, n, cap, T)                                                   \
    do {                                                                          \
        if ((n) == (cap)) {                                                       \
            size_t nc_ = (cap) ? (cap) * 2 : 4;                                   \
            (arr) = arena_grow((c)->a, (arr), (n), nc_, sizeof(T));               \
            (cap) = nc_;                                                          \
        }                                                                         \
    } while (0)

ProjectUnit *nproj_add_unit(NCtx *c, size_t pi)
{
    Project *pr = &c->p->projects[pi];
    NProj *x = &c->caps[pi];
    size_t cap = x->units;
    GROW(c, pr->units, pr->n_units, x->units, ProjectUnit);
    if (x->units != cap) x->usrc = arena_grow(c->a, x->usrc, pr->n_units, x->units, sizeof(NRange));
    ProjectUnit *u = &pr->units[pr->n_units++];
    memset(u, 0, sizeof *u);
    return u;
}

Indicator *nproj_add_indicator(NCtx *c, size_t pi)
{
    Project *pr = &c->p->projects[pi];
    GROW(c, pr->indicators, pr->n_indicators, c->caps[pi].inds, Indicator);
    Indicator *ind = &pr->indicators[pr->n_indicators++];
    memset(ind, 0, sizeof *ind);
    return ind;
}

Standard *nproj_add_standard(NCtx *c, size_t pi)
{
    Project *pr = &c->p->projects[pi];
    GROW(c, pr->standards, pr->n_standards, c->caps[pi].stds, Standard);
    Standard *s = &pr->standards[pr->n_standards++];
    memset(s, 0, sizeof *s);
    return s;
}

/* ---- building ---------------------------------------------------------------------- */

static void split_lines(NCtx *c)
{
    const NText *t = &c->t;
    size_t n = 1;
    for (size_t i = 0; i < t->len; i++) n += t->s[i] == '\n';
    c->lines = ARENA_ARRAY(c->a, NLine, n);
    size_t s = 0, k = 0;
    for (size_t i = 0; i <= t->len; i++) {
        if (i == t->len || t->s[i] == '\n') {
            c->lines[k].s = s;
            c->lines[k].e = i;
            c->lines[k].cell = i > s && t->s[s] == '\t';
            k++;
            s = i + 1;
        }
    }
    c->n_lines = k;
}

/* The item's text after its title, without its unit blocks, as published:
 * paragraphs on lines of their own, indentation and blank lines gone. */
static char *item_text(NCtx *c, const NItem *it)
{
    Buf b = BUF_INIT(c->a);
    size_t pos = it->text_s;
    for (size_t k = 0; k <= it->n_blocks; k++) {
        size_t end = k < it->n_blocks ? it->blocks[k].s : it->e;
        if (end > pos) {
            size_t os, oe;
            ntext_orig_range(&c->t, pos, end, &os, &oe);
            buf_append(&b, c->t.orig + os, oe - os);
        }
        if (k < it->n_blocks && it->blocks[k].e > pos) pos = it->blocks[k].e;
    }
    /* each line trimmed, empty lines dropped (the text has no CR: ntext_decode) */
    return utf8_tidy_lines(c->a, buf_str(&b));
}

static void build_projects(NCtx *c)
{
    Programme *p = c->p;
    p->n_projects = c->n_items;
    p->projects = ARENA_ARRAY(c->a, Project, c->n_items + 1);
    c->caps = ARENA_ARRAY(c->a, NProj, c->n_items + 1);
    for (size_t i = 0; i < c->n_items; i++) {
        const NItem *it = &c->items[i];
        Project *pr = &p->projects[i];
        pr->no = it->no;
        pr->deadline = DATE_NONE;
        NPiece pc = {it->title_s, it->title_e, NULL};
        pr->title = ntext_join(&c->t, &pc, 1, c->a);
        pr->report_title = pr->title;
        pr->text = item_text(c, it);
        char path[48];
        snprintf(path, sizeof path, "projects[%zu].title", i);
        size_t ss, se;
        nsentence(c, it->title_s, &ss, &se);
        if (ss > it->s) ss = it->s;
        nnote(c, path, ss, se, *pr->title ? NULL : "未找到实事名称（该项的第一句），请填写");
        snprintf(path, sizeof path, "projects[%zu].text", i);
        nnote(c, path, it->s, it->e, NULL); /* the whole item, as published */
        for (size_t k = 0; k < it->n_blocks; k++) nunits_parse(c, i, it->blocks[k]);
    }
}

/* "完成时限：2024年10月底" written in an item: its deadline. */
static void inline_deadlines(NCtx *c)
{
    static const char *const WORDS[] = {"完成时限", "完成时间", "完成期限", NULL};
    const NText *t = &c->t;
    for (size_t i = 0; i < c->n_items; i++) {
        const NItem *it = &c->items[i];
        for (size_t k = 0; WORDS[k]; k++) {
            size_t at = nt_find(t, it->s, it->e, WORDS[k]);
            if (at == NPOS) continue;
            size_t p = nt_skip_space(t, at + strlen(WORDS[k]), it->e);
            if (nt_at(t, p, it->e, ":")) p++;
            if (nt_at(t, p, it->e, "为")) p += strlen("为");
            int d = nmeta_deadline(t, p, it->e, c->p->year);
            if (d == DATE_NONE) continue;
            c->p->projects[i].deadline = d;
            char path[48];
            size_t ss, se;
            snprintf(path, sizeof path, "projects[%zu].deadline", i);
            nsentence(c, at, &ss, &se);
            nnote(c, path, ss, se, NULL);
            break;
        }
    }
}

static void finish_units(NCtx *c)
{
    Programme *p = c->p;
    for (size_t i = 0; i < p->n_projects; i++) {
        Project *pr = &p->projects[i];
        char path[64];
        if (pr->n_units == 0) {
            snprintf(path, sizeof path, "projects[%zu].units", i);
            nnote(c, path, NPOS, 0, "未找到责任单位，请填写");
            continue;
        }
        nunits_finish(c, i);
        for (size_t u = 0; u < pr->n_units; u++) {
            snprintf(path, sizeof path, "projects[%zu].units[%zu]", i, u);
            NRange r = c->caps[i].usrc[u];
            nnote(c, path, r.s, r.e, NULL);
        }
    }
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n < k) return false;
    for (size_t i = 0; i < k; i++) {
        char a = s[n - k + i], b = suffix[i];
        if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
        if (a != b) return false;
    }
    return true;
}

int notice_import(const void *data, size_t len, const char *filename_hint, Arena *a,
                  NoticeDraft **out, Err *e)
{
    const unsigned char *d = data;
    if (len > NOTICE_MAX_FILE)
        return err_set(e, ERR_TOO_LARGE, "file", "文件过大（%.1f MB），通知文件不能超过%u MB",
                       (double)len / (1024.0 * 1024.0), NOTICE_MAX_FILE / (1024 * 1024));
    if (len == 0 || !d) return err_set(e, ERR_INVALID, "file", "文件是空的");
    char *text = NULL;
    size_t text_len = 0;
    Magic magic = sniff_bytes(d, len);
    if (magic == MAGIC_ZIP) {
        if (ndocx_text(d, len, a, &text, &text_len, e) < 0) return -1;
    } else if (magic == MAGIC_OLE2) {
        return err_set(e, ERR_INVALID, "file",
                       "不支持旧版Word（.doc）文件，请在Word中另存为.docx或.txt后上传");
    } else if (magic == MAGIC_PDF) {
        return err_set(e, ERR_INVALID, "file", "不支持PDF文件，请上传.docx或.txt格式的通知");
    } else if (filename_hint && ends_with(filename_hint, ".docx")) {
        return err_set(e, ERR_INVALID, "file", "文件扩展名是.docx，但内容不是有效的DOCX（zip）文件");
    } else {
        if (len > NOTICE_MAX_TEXT)
            return err_set(e, ERR_TOO_LARGE, "file", "文本文件过大（%.1f MB），最多%u MB",
                           (double)len / (1024.0 * 1024.0), NOTICE_MAX_TEXT / (1024 * 1024));
        if (ntext_decode(d, len, a, &text, &text_len, e) < 0) return -1;
    }
    NCtx c;
    memset(&c, 0, sizeof c);
    c.a = a;
    c.units = STRMAP_INIT(a);
    ntext_build(&c.t, text, text_len, false, a);
    split_lines(&c);
    Programme *p = ARENA_NEW(a, Programme);
    p->issued = p->start = p->deadline = DATE_NONE;
    p->reporting = CADENCE_QUARTERLY;
    c.p = p;
    nmeta_header(&c);
    if (nseg_items(&c, e) < 0) return -1;
    build_projects(&c);
    nmeta_tail(&c);
    inline_deadlines(&c);
    for (size_t i = 0; i < p->n_projects; i++) ntarget_project(&c, i);
    ntable_apply(&c);
    finish_units(&c);
    if (!p->title) p->title = arena_strdup(a, "");
    programme_apply_defaults(p);
    sort_notes(&c);
    NoticeDraft *dr = ARENA_NEW(a, NoticeDraft);
    dr->programme = p;
    dr->notes = c.notes;
    dr->n_notes = c.n_notes;
    *out = dr;
    return 0;
}

/* ---- JSON ------------------------------------------------------------------------ */

json_t *notice_draft_to_json(const NoticeDraft *d)
{
    json_t *j = programme_to_json(d->programme);
    json_t *review = json_array();
    for (size_t i = 0; i < d->n_notes; i++) {
        const NoticeNote *n = &d->notes[i];
        json_t *o = json_object();
        json_object_set_new(o, "path", json_string(n->path));
        json_object_set_new(o, "source", n->source ? json_string(n->source) : json_null());
        json_object_set_new(o, "flag", n->flag ? json_string(n->flag) : json_null());
        json_array_append_new(review, o);
    }
    json_object_set_new(j, "review", review);
    return j;
}

char *notice_draft_json_text(const NoticeDraft *d, Arena *a)
{
    char *s = json_take_dump(a, notice_draft_to_json(d), JSON_INDENT(2));
    return arena_printf(a, "%s\n", s ? s : "{}");
}

size_t notice_draft_flag_count(const NoticeDraft *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n_notes; i++) n += d->notes[i].flag != NULL;
    return n;
}
