/*
 * notice_target.c - the quantitative targets of one project. Its text is cut
 * into sentences (。；! ? line ends, ① ② …) and clauses (，：); every number
 * with a measure word is a candidate; what is not a target is left out and,
 * where a reviewer might expect it, flagged: ages, dates, per-unit counts
 * (每个社区…1处), ranges, counts in a multi-year aim (3年完成…全覆盖),
 * percentages that are not rates, and money (per-person money becomes a
 * Standard, notice_standard.c). A clause listing several targets
 * (新建设标兵户2983户、美家超市160家) is cut at the 、 between them.
 */
#include "io/notice_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/programme.h"

#define MAX_TOKS 24        /* numbers looked at in one clause */
#define MAX_CLAUSES 32     /* clauses in one sentence */
#define POOL_TOKS 160      /* numbers in one sentence */

typedef struct Clause {
    size_t s, e;
    NumTok *tok;           /* into the sentence's pool */
    size_t n_tok;
    bool has_target;
    NRange obj;            /* what its last target counted, s == NPOS if none */
} Clause;

static bool group_sep(int32_t cp)
{
    return cp == 0x3002 /* 。 */ || cp == ';' || cp == '!' || cp == '?' || cp == '\n' ||
           (cp >= 0x2460 && cp <= 0x2473) || (cp >= 0x2776 && cp <= 0x277F);
}

/* Inside a unit block of the item? Returns its end. */
static size_t in_block(const NItem *it, size_t pos)
{
    for (size_t b = 0; b < it->n_blocks; b++)
        if (pos >= it->blocks[b].s && pos < it->blocks[b].e) return it->blocks[b].e;
    return 0;
}

static void flag_note(NCtx *c, size_t pi, size_t pos, const char *flag)
{
    size_t ss, se;
    char path[48];
    snprintf(path, sizeof path, "projects[%zu].indicators", pi);
    size_t n = ++c->caps[pi].flags;
    if (n > NPROJ_MAX_FLAGS + 1) return;
    if (n == NPROJ_MAX_FLAGS + 1) {
        nnote(c, path, NPOS, 0, "未作为指标的数量过多，其余从略，请通读原文");
        return;
    }
    nsentence(c, pos, &ss, &se);
    nnote(c, path, ss, se, flag);
}

/* The unclosed "(" before pos in [s, pos), or NPOS. */
static size_t bracket_open(const NText *t, size_t s, size_t pos)
{
    size_t open = NPOS;
    int depth = 0;
    for (size_t p = s; p < pos; p++) {
        if (t->s[p] == '(') {
            if (depth++ == 0) open = p;
        } else if (t->s[p] == ')' && depth > 0) {
            depth--;
        }
    }
    return depth > 0 ? open : NPOS;
}

/* A clause about several years: 3年完成…, 3年内实现…, 到2025年… */
static bool multi_year(const NCtx *c, const Clause *k)
{
    for (size_t i = 0; i < k->n_tok; i++) {
        const NumTok *t = &k->tok[i];
        if (t->kind == NUM_DURATION && strcmp(t->measure, "年") == 0 && t->value >= 2 && t->value <= 10)
            return true;
        if (t->kind == NUM_YEAR && c->p->year && t->value > c->p->year) return true;
    }
    return false;
}

static bool rate_word_before(const NText *t, size_t s, size_t e)
{
    return nt_find(t, s, e, "率") != NPOS || nt_find(t, s, e, "比例") != NPOS ||
           nt_find(t, s, e, "占比") != NPOS;
}

static bool duplicate(const Project *pr, const char *name, double target, const char *measure)
{
    for (size_t i = 0; i < pr->n_indicators; i++)
        if (pr->indicators[i].target == target && strcmp(pr->indicators[i].measure, measure) == 0 &&
            strcmp(pr->indicators[i].name, name) == 0)
            return true;
    return false;
}

/* Where a list of targets is cut: the last 、/和/及 between two numbers. */
static const char *const LIST_SEPS[] = {"以及", "、", "和", "及", "并", "与", NULL};

static size_t list_cut(const NText *t, size_t s, size_t e)
{
    size_t best = NPOS;
    for (size_t p = s; p < e; p++) {
        const char *w = nt_match(t, p, e, LIST_SEPS);
        if (w) {
            best = p;
            p += strlen(w) - 1;
        }
    }
    return best;
}

static const char *join_flags(NCtx *c, const char *a, const char *b)
{
    if (!a) return b;
    if (!b) return a;
    return arena_printf(c->a, "%s；%s", a, b);
}

static void add_target(NCtx *c, size_t pi, Clause *k, size_t j, size_t sub_s, size_t sub_e,
                       size_t verb_s, size_t verb_e, const Clause *prev, size_t ss, size_t se)
{
    const NText *t = &c->t;
    const NumTok *tok = &k->tok[j];
    NClause nc = {sub_s, sub_e, verb_s, verb_e, NPOS, NPOS, false, {NPOS, NPOS}};
    if (prev) {
        nc.prev_s = prev->s;
        nc.prev_e = prev->e;
        nc.prev_has_target = prev->has_target;
        nc.prev_obj = prev->obj;
    }
    const char *flag = NULL;
    NRange obj;
    char *name = nname_indicator(c, &nc, tok, &flag, &obj);
    k->obj = obj;
    /* 其中高素质农民200人: a part of the target before, maybe not one of its own */
    if (nt_at(t, nt_skip_space(t, sub_s, sub_e), sub_e, "其中"))
        flag = flag ? flag : "“其中”所列为上一指标的一部分，请核对是否单列为指标";
    Project *pr = &c->p->projects[pi];
    if (duplicate(pr, name, tok->value, tok->measure)) return;
    if (pr->n_indicators >= NPROJ_MAX_INDICATORS) {
        if (!c->caps[pi].capped) flag_note(c, pi, tok->s, "数量过多，其余未作为指标，请核对");
        c->caps[pi].capped = true;
        return;
    }
    if (tok->approx)
        flag = join_flags(c, arena_printf(c->a, "约数：%s按%s计", ntext_orig(t, tok->s, tok->me, c->a),
                                          format_number(c->a, tok->value)),
                          flag);
    else if (tok->chinese)
        flag = join_flags(c, arena_printf(c->a, "中文数字：%s按%s计", ntext_orig(t, tok->ns, tok->me, c->a),
                                          format_number(c->a, tok->value)),
                          flag);
    if (tok->cmp == CMP_LE) flag = join_flags(c, "目标为上限（不超过），请核对", flag);
    Indicator *ind = nproj_add_indicator(c, pi);
    ind->name = name;
    ind->target = tok->value;
    ind->measure = arena_strdup(c->a, tok->measure);
    ind->cmp = tok->cmp;
    char path[64];
    snprintf(path, sizeof path, "projects[%zu].indicators[%zu]", pi, pr->n_indicators - 1);
    nnote(c, path, ss, se, flag);
}

/* The targets and flags of one clause. */
static void clause_targets(NCtx *c, size_t pi, Clause *k, const Clause *prev, size_t ss, size_t se)
{
    const NText *t = &c->t;
    size_t cand[MAX_TOKS], n = 0;
    bool multi = multi_year(c, k), money = false;
    size_t each = nt_find(t, k->s, k->e, "每");
    for (size_t i = 0; i < k->n_tok; i++) {
        NumTok *tok = &k->tok[i];
        if (tok->kind == NUM_MONEY) money = true;
        if (tok->kind != NUM_COUNT && tok->kind != NUM_PERCENT) {
            if (tok->kind == NUM_RANGE)
                flag_note(c, pi, tok->s, arena_printf(c->a, "数量范围“%s”未作为指标，请核对",
                                                      ntext_orig(t, tok->s, tok->e, c->a)));
            continue;
        }
        if (tok->ordinal || tok->value <= 0 || tok->value > 1e11) continue;
        size_t open = bracket_open(t, k->s, tok->ns);
        if (open != NPOS) {
            /* （其中口袋公园2处）: a part of a target named before it */
            size_t close = nt_find(t, tok->e, k->e, ")");
            flag_note(c, pi, tok->s, arena_printf(c->a, "括号中的数量“%s”未作为指标，请核对",
                                                  ntext_orig(t, open + 1, close == NPOS ? tok->e : close, c->a)));
            continue;
        }
        if (each != NPOS && each < tok->s) {
            flag_note(c, pi, tok->s, arena_printf(c->a, "按单位计的数量“%s”未作为指标，请核对",
                                                  ntext_orig(t, each, tok->e, c->a)));
            continue;
        }
        if (tok->kind == NUM_PERCENT && !rate_word_before(t, k->s, tok->s)) {
            flag_note(c, pi, tok->s, arena_printf(c->a, "百分比“%s”不是覆盖率等比率，未作为指标，请核对",
                                                  ntext_orig(t, k->s, tok->e, c->a)));
            continue;
        }
        if (tok->kind == NUM_PERCENT && tok->value > 100) continue;
        if (multi) continue;
        cand[n++] = i;
    }
    if (multi)
        flag_note(c, pi, k->s, arena_printf(c->a, "多年目标“%s”未作为本年度指标，请核对",
                                            ntext_orig(t, k->s, k->e, c->a)));
    if (money && !nstandard_clause(c, pi, k->s, k->e, prev ? prev->s : NPOS, prev ? prev->e : NPOS, ss, se))
        for (size_t i = 0; i < k->n_tok; i++)
            if (k->tok[i].kind == NUM_MONEY)
                flag_note(c, pi, k->tok[i].s, arena_printf(c->a, "金额“%s”未作为指标，如需要请手工添加",
                                                           ntext_orig(t, k->tok[i].ns, k->tok[i].e, c->a)));
    if (n == 0) return;
    k->has_target = true;
    size_t vs = NPOS, ve = NPOS, sub_s = k->s;
    for (size_t j = 0; j < n; j++) {
        const NumTok *tok = &k->tok[cand[j]];
        size_t sub_e = k->e;
        size_t next_s = k->e;
        if (j + 1 < n) {
            size_t cut = list_cut(t, tok->e, k->tok[cand[j + 1]].s);
            if (cut != NPOS) {
                sub_e = cut;
                next_s = cut + strlen(nt_match(t, cut, k->e, LIST_SEPS));
            } else {
                sub_e = next_s = tok->e;
            }
        }
        if (j == 0) {
            size_t s0 = nname_skip_adverbials(t, sub_s, tok->s);
            if (!nname_leading_verb(t, s0, tok->s, &vs, &ve)) vs = ve = NPOS;
        }
        add_target(c, pi, k, cand[j], sub_s, sub_e, j == 0 ? NPOS : vs, ve, prev, ss, se);
        sub_s = next_s;
    }
}

void ntarget_project(NCtx *c, size_t pi)
{
    const NText *t = &c->t;
    const NItem *it = &c->items[pi];
    size_t pos = it->s;
    NumTok *pool = ARENA_ARRAY(c->a, NumTok, POOL_TOKS);
    while (pos < it->e) {
        /* one sentence: clauses up to 。；！？ or a line end */
        Clause cl[MAX_CLAUSES];
        size_t n = 0, gs = pos;
        Clause *cur = &cl[0];
        cur->s = pos;
        int depth = 0;
        bool end_group = false;
        while (pos < it->e && !end_group) {
            size_t skip = in_block(it, pos);
            size_t next;
            int32_t cp = nt_cp(t, pos, it->e, &next);
            if (skip) {
                next = skip;
                end_group = true;
            } else if (cp == '(' || cp == 0x201C || cp == 0x300A /* 《 */) {
                depth++;
            } else if ((cp == ')' || cp == 0x201D || cp == 0x300B) && depth > 0) {
                depth--;
            } else if (group_sep(cp) && (depth == 0 || cp == '\n')) {
                end_group = true;
                depth = 0;
            }
            bool cut = end_group || (depth == 0 && (cp == ',' || cp == ':'));
            if (cut || next >= it->e) {
                size_t ce = cut ? pos : next;
                if (ce > cur->s && n < MAX_CLAUSES) {
                    cur->e = ce;
                    cur->n_tok = 0;
                    cur->has_target = false;
                    cur->obj = (NRange){NPOS, NPOS};
                    n++;
                }
                if (n < MAX_CLAUSES) {
                    cur = &cl[n];
                    cur->s = next;
                }
            }
            pos = next;
        }
        size_t ge = pos, used = 0;
        for (size_t i = 0; i < n; i++) {
            Clause *k = &cl[i];
            NumTok tok;
            k->tok = pool + used;
            for (size_t p = k->s; k->n_tok < MAX_TOKS && used < POOL_TOKS && nnum_next(t, p, k->e, &tok);) {
                k->tok[k->n_tok++] = tok;
                used++;
                p = tok.e > p ? tok.e : p + 1;
            }
            if (k->n_tok == 0) continue;
            size_t ss = gs, se = ge;
            nsentence(c, k->s, &ss, &se);
            clause_targets(c, pi, k, i > 0 ? &cl[i - 1] : NULL, ss, se);
        }
    }
}
