/*
 * notice_segment.c - finds the numbered items of a notice that are its
 * projects. Notices number at several levels (一、 （一） 1. (1) ①) and
 * not every numbered line is a project: "一、总体要求 二、实事项目 三、工作要求"
 * frame projects numbered （一）…（八）. The level whose items each carry
 * one block of responsible units is the projects' level; without any units,
 * the longest run of numbers. Each item's title is its first sentence.
 */
#include "io/notice_internal.h"

#include <string.h>

typedef struct Marker {
    size_t line;
    size_t after;   /* normalised offset after the marker */
    int level, no;
} Marker;

#define NLEVELS 5

/* The numbering marker at the start of line l, if any. */
static bool marker_at(const NText *t, const NLine *ln, int *level, int *no, size_t *after)
{
    size_t pos = nt_skip_space(t, ln->s, ln->e), end = ln->e, next;
    int32_t cp = nt_cp(t, pos, end, &next);
    if (cp < 0) return false;
    if (cp >= 0x2460 && cp <= 0x2473) { /* ① .. ⑳ */
        *level = 5;
        *no = (int)(cp - 0x2460) + 1;
        *after = next;
        return true;
    }
    if (cp >= 0x2776 && cp <= 0x277F) { /* ❶ .. ❿ */
        *level = 5;
        *no = (int)(cp - 0x2776) + 1;
        *after = next;
        return true;
    }
    bool paren = cp == '(';
    size_t s = paren ? next : pos, e = s;
    int32_t c = nt_cp(t, s, end, &next);
    int value = -1;
    bool digits = false;
    if (c >= '0' && c <= '9') {
        digits = true;
        value = 0;
        int n = 0;
        while (e < end && t->s[e] >= '0' && t->s[e] <= '9' && n < 3) {
            value = value * 10 + (t->s[e] - '0');
            e++;
            n++;
        }
        if (e < end && t->s[e] >= '0' && t->s[e] <= '9') return false;
    } else if (cp_is_cn_digit(c) && c != 0x3007 && c != 0x96F6) {
        for (int n = 0; n < 4; n++) {
            int32_t d = nt_cp(t, e, end, &next);
            if (!cp_is_cn_digit(d)) break;
            e = next;
        }
        double v = nnum_chinese(t, s, e);
        if (v < 1 || v > 99) return false;
        value = (int)v;
    } else {
        return false;
    }
    if (value < 1 || value > 99) return false;
    size_t a;
    if (paren) {
        if (!nt_at(t, e, end, ")")) return false;
        a = e + 1;
        *level = digits ? 4 : 2;
    } else if (nt_at(t, e, end, "、")) {
        a = e + strlen("、");
        *level = digits ? 3 : 1;
    } else if (nt_at(t, e, end, ".")) {
        /* "1.5万" is a number, "1.新建" an item */
        if (e + 1 < end && t->s[e + 1] >= '0' && t->s[e + 1] <= '9') return false;
        a = e + 1;
        *level = digits ? 3 : 1;
    } else if (digits && nt_at(t, e, end, ")")) {
        a = e + 1;
        *level = 4;
    } else {
        return false;
    }
    if (nt_at(t, a, end, "、") && paren) a += strlen("、");
    *no = value;
    *after = nt_skip_space(t, a, end);
    return true;
}

/* Lines that begin the notice's ending: contact, attachments, date, signature. */
static bool tail_line(const NCtx *c, size_t l)
{
    static const char *const HEADS[] = {"联系人", "联系电话", "联系方式", "电话", "附件",
                                        "此件", "(此件", "抄送", "电子邮箱", NULL};
    const NLine *ln = &c->lines[l];
    if (ln->cell) return true;
    size_t pos = nt_skip_space(&c->t, ln->s, ln->e);
    if (nt_match(&c->t, pos, ln->e, HEADS)) return true;
    int days;
    size_t after;
    if (nmeta_date_at(&c->t, pos, ln->e, &days, &after) && nt_skip_space(&c->t, after, ln->e) == ln->e)
        return true;
    return false;
}

/* Unit blocks in [s, e) that are separated by text count once each; blocks
 * next to each other (牵头单位 line, then 配合单位 line) are one group. */
static size_t unit_groups(const NText *t, size_t s, size_t e)
{
    NRange b[16];
    size_t n = nunits_find(t, s, e, b, 16), groups = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0) {
            groups++;
            continue;
        }
        bool text_between = false;
        size_t p = b[i - 1].e;
        while (p < b[i].s && !text_between) {
            size_t next;
            int32_t cp = nt_cp(t, p, b[i].s, &next);
            if (cp_is_han(cp) || (cp >= '0' && cp <= '9')) text_between = true;
            p = next;
        }
        if (text_between) groups++;
    }
    return groups;
}


/* The end line (exclusive) of the last item of a run: the notice's closing
 * paragraphs are not part of it. It ends with its unit block, or else after
 * its first paragraph (two if the first holds only the title). */
static size_t last_item_end(const NCtx *c, size_t first, size_t limit, size_t after)
{
    const NText *t = &c->t;
    for (size_t l = first; l < limit && l < first + 6; l++) {
        if (l > first && tail_line(c, l)) break;
        size_t s = l == first ? after : c->lines[l].s;
        NRange b;
        if (nunits_find(t, s, c->lines[l].e, &b, 1) > 0) {
            /* a following line that is itself a unit block belongs here too */
            size_t end = l + 1;
            while (end < limit && end < l + 3) {
                const NLine *n = &c->lines[end];
                if (n->s == n->e) {
                    end++;
                    continue;
                }
                if (nunits_find(t, n->s, n->e, &b, 1) > 0 && b.s == nt_skip_space(t, n->s, n->e)) {
                    l = end;
                    end++;
                    continue;
                }
                break;
            }
            return l + 1;
        }
    }
    size_t end = first + 1;
    const NLine *ln = &c->lines[first];
    size_t stop = nt_find(t, after, ln->e, "。");
    bool title_only = stop == NPOS || nt_skip_space(t, stop + strlen("。"), ln->e) == ln->e;
    if (title_only) {
        while (end < limit && c->lines[end].s == c->lines[end].e) end++;
        if (end < limit && !tail_line(c, end)) end++;
    }
    return end < limit ? end : limit;
}

static size_t line_end_pos(const NCtx *c, size_t l)
{
    return l < c->n_lines ? c->lines[l].s : c->t.len;
}

/* Title: up to the first 。, line end or unit block. */
static void split_title(const NCtx *c, NItem *it)
{
    const NText *t = &c->t;
    size_t e = it->s;
    while (e < it->e && t->s[e] != '\n' && !nt_at(t, e, it->e, "。")) {
        size_t next;
        nt_cp(t, e, it->e, &next);
        e = next;
    }
    size_t text = e;
    if (nt_at(t, e, it->e, "。")) text = e + strlen("。");
    else if (e < it->e && t->s[e] == '\n') text = e + 1;
    if (it->n_blocks > 0 && it->blocks[0].s < e && it->blocks[0].s >= it->s) {
        e = it->blocks[0].s;
        if (text < it->blocks[0].e) text = it->blocks[0].e;
    }
    /* a trailing colon or comma is punctuation, not title */
    for (;;) {
        e = nt_trim_end(t, it->s, e);
        if (e > it->s && (t->s[e - 1] == ':' || t->s[e - 1] == ',' || t->s[e - 1] == ';')) e--;
        else break;
    }
    it->title_s = it->s;
    it->title_e = e;
    it->text_s = text;
}

int nseg_items(NCtx *c, Err *e)
{
    Arena *a = c->a;
    size_t cap = 16, n = 0;
    Marker *m = ARENA_ARRAY(a, Marker, cap);
    size_t from = c->title_end_line == NPOS ? 0 : c->title_end_line;
    for (size_t l = from; l < c->n_lines; l++) {
        if (c->lines[l].cell) continue;
        Marker k = {l, 0, 0, 0};
        if (!marker_at(&c->t, &c->lines[l], &k.level, &k.no, &k.after)) continue;
        if (n == cap) {
            m = arena_grow(a, m, n, cap * 2, sizeof *m);
            cap *= 2;
        }
        m[n++] = k;
    }
    if (n == 0)
        return err_set(e, ERR_INVALID, "file",
                       "未找到编号的实事项目（如“一、”“（一）”“1.”开头的段落），请确认上传的是实事项目通知");
    /* runs: numbers 1, 2, 3 … at one level, broken by a shallower marker */
    size_t *run_of = ARENA_ARRAY(a, size_t, n); /* run id + 1 of each marker, 0 if none */
    size_t *run_score = ARENA_ARRAY(a, size_t, n + 1), *run_len = ARENA_ARRAY(a, size_t, n + 1);
    int *run_level = ARENA_ARRAY(a, int, n + 1);
    size_t n_runs = 0;
    for (int L = 1; L <= NLEVELS; L++) {
        size_t cur = 0; /* run id + 1 */
        int last = 0;
        for (size_t i = 0; i < n; i++) {
            if (m[i].level < L) {
                cur = 0;
            } else if (m[i].level == L) {
                if (cur && m[i].no == last + 1) {
                    run_of[i] = cur;
                    run_len[cur - 1]++;
                    last = m[i].no;
                } else if (m[i].no == 1) {
                    cur = ++n_runs;
                    run_level[cur - 1] = L;
                    run_len[cur - 1] = 1;
                    run_of[i] = cur;
                    last = 1;
                } else {
                    cur = 0;
                }
            }
        }
    }
    /* item extents, and whether each carries one group of units */
    size_t *end_line = ARENA_ARRAY(a, size_t, n);
    /* where each item's extent ends: the next marker at its level or above;
     * one backward pass, remembering the nearest marker of each level */
    size_t *next_le = ARENA_ARRAY(a, size_t, n), nearest[NLEVELS + 1];
    for (int L = 0; L <= NLEVELS; L++) nearest[L] = c->n_lines;
    for (size_t i = n; i-- > 0;) {
        size_t lim = c->n_lines;
        for (int L = 1; L <= m[i].level; L++)
            if (nearest[L] < lim) lim = nearest[L];
        next_le[i] = lim;
        nearest[m[i].level] = m[i].line;
    }
    /* the last item of each run, found walking back once */
    bool *last = ARENA_ARRAY(a, bool, n), *run_seen = ARENA_ARRAY(a, bool, n_runs + 1);
    for (size_t i = n; i-- > 0;)
        if (run_of[i] && !run_seen[run_of[i]]) {
            run_seen[run_of[i]] = true;
            last[i] = true;
        }
    for (size_t i = 0; i < n; i++) {
        if (!run_of[i]) continue;
        size_t limit = next_le[i];
        end_line[i] = last[i] ? last_item_end(c, m[i].line, limit, m[i].after) : limit;
        if (unit_groups(&c->t, m[i].after, line_end_pos(c, end_line[i])) == 1) run_score[run_of[i] - 1]++;
    }
    /* the level whose items carry units; on a tie the shallower */
    size_t level_score[NLEVELS + 1] = {0};
    for (size_t r = 0; r < n_runs; r++) level_score[run_level[r]] += run_score[r];
    int level = 0;
    size_t best = 0;
    for (int L = 1; L <= NLEVELS; L++)
        if (level_score[L] > best) {
            best = level_score[L];
            level = L;
        }
    size_t only_run = 0; /* without units anywhere: the longest run alone */
    if (!level) {
        size_t longest = 0;
        for (size_t r = 0; r < n_runs; r++)
            if (run_len[r] > longest) {
                longest = run_len[r];
                only_run = r + 1;
                level = run_level[r];
            }
    }
    if (!level)
        return err_set(e, ERR_INVALID, "file",
                       "未找到编号的实事项目（如“一、”“（一）”“1.”开头的段落），请确认上传的是实事项目通知");
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        size_t r = run_of[i];
        if (r && run_level[r - 1] == level && (only_run ? r == only_run : run_score[r - 1] > 0)) count++;
    }
    if (count > NOTICE_MAX_PROJECTS)
        return err_set(e, ERR_TOO_LARGE, "file",
                       "编号的实事项目有%zu项，超过%d项，不像一份实事项目通知，请检查文件", count,
                       NOTICE_MAX_PROJECTS);
    c->items = ARENA_ARRAY(a, NItem, n);
    c->n_items = 0;
    size_t last_end = 0;
    for (size_t i = 0; i < n; i++) {
        size_t r = run_of[i];
        if (!r || run_level[r - 1] != level) continue;
        if (only_run ? r != only_run : run_score[r - 1] == 0) continue;
        NItem *it = &c->items[c->n_items++];
        memset(it, 0, sizeof *it);
        it->no = (int)c->n_items;
        it->level = level;
        it->line = m[i].line;
        it->s = m[i].after;
        it->e = nt_trim_end(&c->t, it->s, line_end_pos(c, end_line[i]));
        it->n_blocks = nunits_find(&c->t, it->s, it->e, it->blocks, NITEM_MAX_BLOCKS);
        split_title(c, it);
        if (end_line[i] > last_end) last_end = end_line[i];
    }
    c->tail_line = last_end;
    c->tail_pos = line_end_pos(c, last_end);
    return 0;
}
