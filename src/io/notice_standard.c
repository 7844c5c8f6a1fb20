/*
 * notice_standard.c - per-person amounts a project pays (每人补贴15000元康复
 * 训练补助): parameters of the project, kept as Standards, never targets.
 * The name comes from what follows the amount, else what precedes it
 * (城乡低保标准提高到每人每月850元), else the clause before
 * (发放高龄津贴，每人每月100元); a condition clause ending in 的
 * (进行机构集中训练的，每人…) qualifies it.
 */
#include "io/notice_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const SEPS[] = {"以及", "和", "、", "及", "或", "并", ",", NULL};
static const char *const GENERIC[] = {"补贴", "补助", "津贴", "资助", "奖励", "补助标准",
                                      "补贴标准", "标准", NULL};
static const char *const GIVE[] = {"发放", "给予", "提供", "补贴", "补助", NULL};
static const char *const BOUNDS[] = {"不超过", "不低于", "不少于", "最高", "提高到", "提高至",
                                     "调整为", "调整到", "提高", "达到", "为", "按", NULL};

static bool generic(const char *s)
{
    for (size_t i = 0; GENERIC[i]; i++)
        if (strcmp(s, GENERIC[i]) == 0) return true;
    return false;
}

/* Strips words at the start of [*s, *e) from list, repeatedly. */
static void strip_front(const NText *t, size_t *s, size_t e, const char *const *list)
{
    for (const char *w; *s < e && (w = nt_match(t, *s, e, list)) != NULL;) *s += strlen(w);
}

static void strip_back(const NText *t, size_t s, size_t *e, const char *const *list)
{
    for (bool cut = true; cut && *e > s;) {
        cut = false;
        for (size_t i = 0; list[i] && !cut; i++)
            if (nt_ends(t, s, *e, list[i])) {
                *e -= strlen(list[i]);
                cut = true;
            }
    }
}

static char *join1(NCtx *c, size_t s, size_t e)
{
    NPiece p[8];
    size_t n = nname_compress(&c->t, s, e, p, 8);
    return n ? ntext_join(&c->t, p, n, c->a) : arena_strdup(c->a, "");
}

/* cond + name, dropping what they share ("…康复训练" + "康复训练补助"). */
static char *merge(Arena *a, const char *cond, const char *name)
{
    size_t cl = strlen(cond), nl = strlen(name), best = 0;
    for (size_t k = 6; k <= cl && k <= nl; k++) /* at least two characters */
        if (memcmp(cond + cl - k, name, k) == 0 && (((unsigned char)name[k]) & 0xC0) != 0x80)
            best = k;
    return arena_printf(a, "%.*s%s", (int)(cl - best), cond, name);
}

bool nstandard_clause(NCtx *c, size_t pi, size_t s, size_t e, size_t prev_s, size_t prev_e,
                      size_t sent_s, size_t sent_e)
{
    const NText *t = &c->t;
    size_t each = nt_find(t, s, e, "每");
    if (each == NPOS) return false;
    /* 每人, 每户, 每人每月 -> 元/人, 元/户, 元/人·月 */
    size_t p = each + strlen("每"), next;
    int32_t who = nt_cp(t, p, e, &next);
    if (!cp_is_han(who)) return false;
    char per[32];
    if (who == 0x540D /* 名 */ || who == 0x4F4D /* 位 */ || who == 0x4EBA /* 人 */)
        snprintf(per, sizeof per, "元/人");
    else
        snprintf(per, sizeof per, "元/%.*s", (int)(next - p), t->s + p);
    p = next;
    if (nt_at(t, p, e, "每")) {
        size_t q = p + strlen("每");
        static const char *const PERIOD[] = {"季度", "学期", "月", "年", "天", "日", "次", "餐", "周", NULL};
        const char *w = nt_match(t, q, e, PERIOD);
        if (w) {
            snprintf(per + strlen(per), sizeof per - strlen(per), "·%s", w);
            p = q + strlen(w);
        }
    }
    size_t per_end = p;
    /* condition: "进行机构集中训练的，" */
    char *cond = NULL;
    if (prev_s != NPOS && nt_ends(t, prev_s, prev_e, "的")) {
        static const char *const INTRO[] = {"进行", "采用", "参加", "接受", "通过", "选择", "对",
                                            "在", "凡", "属于", NULL};
        size_t cs = nname_skip_adverbials(t, prev_s, prev_e), ce = prev_e - strlen("的");
        strip_front(t, &cs, ce, INTRO);
        if (ce > cs) {
            NPiece pc = {cs, ce, NULL};
            cond = ntext_join(t, &pc, 1, c->a);
        }
    }
    bool any = false;
    NumTok tok;
    for (size_t pos = per_end; pos < e && nnum_next(t, pos, e, &tok); pos = tok.e > pos ? tok.e : pos + 1) {
        if (tok.kind != NUM_MONEY || tok.value <= 0 || tok.value > 1e10) continue;
        if (c->p->projects[pi].n_standards >= NPROJ_MAX_STANDARDS) {
            if (!c->caps[pi].capped) {
                char path[48];
                snprintf(path, sizeof path, "projects[%zu].standards", pi);
                nnote(c, path, sent_s, sent_e, "标准过多，其余未列入，请核对");
            }
            c->caps[pi].capped = true;
            return true; /* taken as standards, only not listed */
        }
        /* name: after the amount, up to the next separator */
        size_t as = tok.e, ae = as, amax = as + NNAME_REACH < e ? as + NNAME_REACH : e;
        while (ae < amax && !nt_match(t, ae, e, SEPS)) {
            nt_cp(t, ae, e, &next);
            ae = next;
        }
        if (nt_at(t, as, ae, "的")) as += strlen("的");
        char *name = join1(c, as, ae);
        const char *flag = NULL;
        if (!*name || generic(name)) {
            /* between 每人 and the amount: 每人每月发放生活补贴100元 */
            size_t bs = per_end, be = tok.s;
            strip_back(t, bs, &be, BOUNDS);
            static const char *const LEAD[] = {"发放", "给予", "提供", NULL};
            strip_front(t, &bs, be, LEAD);
            strip_back(t, bs, &be, (const char *const[]){"标准", NULL});
            char *between = be > bs ? join1(c, bs, be) : arena_strdup(c->a, "");
            if (*between && (!*name || !generic(between))) name = between;
            if (nt_find(t, per_end, tok.s, "不超过") != NPOS || nt_find(t, per_end, tok.s, "最高") != NPOS)
                flag = "标准为上限（不超过），请核对";
        }
        if (!*name || generic(name)) {
            /* before 每: 将城乡低保标准提高到每人每月850元 */
            size_t bs = nname_skip_adverbials(t, s, each), be = each;
            static const char *const LEAD[] = {"将", "把", "对", "按", NULL};
            strip_front(t, &bs, be, LEAD);
            NumTok age;
            if (bs < be && nnum_next(t, bs, be, &age) && age.ns == bs && age.kind == NUM_AGE) {
                bs = age.e;
                if (nt_at(t, bs, be, "及以上")) bs += strlen("及以上");
            }
            strip_back(t, bs, &be, BOUNDS);
            strip_back(t, bs, &be, GIVE);
            char *before = be > bs ? join1(c, bs, be) : arena_strdup(c->a, "");
            if (*before) name = *name ? merge(c->a, before, name) : before;
        }
        if (!*name || generic(name)) {
            /* the clause before: 发放高龄津贴，每人每月100元 */
            char *topic = NULL;
            if (prev_s != NPOS) {
                for (size_t i = 0; GIVE[i] && !topic; i++) {
                    size_t g = nt_rfind(t, prev_s, prev_e, GIVE[i]);
                    if (g == NPOS) continue;
                    size_t ts = g + strlen(GIVE[i]), te = prev_e;
                    NumTok amount; /* 发放救助金500万元: the thing, not its total */
                    if (nnum_next(t, ts, te, &amount)) te = amount.s;
                    if (nt_chars(t, ts, te) >= 2) topic = join1(c, ts, te);
                }
            }
            Project *pr = &c->p->projects[pi];
            if (!topic && pr->n_indicators > 0) topic = pr->indicators[pr->n_indicators - 1].name;
            if (topic && *topic) {
                /* 救助金 + 补贴 says less than 救助金 */
                static const char *const MONEY[] = {"金", "贴", "助", "费", "款", NULL};
                bool money_noun = false;
                for (size_t i = 0; MONEY[i]; i++) {
                    size_t tl = strlen(topic), ml = strlen(MONEY[i]);
                    money_noun |= tl >= ml && strcmp(topic + tl - ml, MONEY[i]) == 0;
                }
                name = *name && !money_noun ? merge(c->a, topic, name) : topic;
                flag = flag ? flag : "标准名称按上一句补全，请核对";
            }
        }
        if (!*name) {
            name = arena_strdup(c->a, "补助标准");
            flag = "未能确定标准名称，请填写";
        }
        if (cond) name = merge(c->a, cond, name);
        Standard *st = nproj_add_standard(c, pi);
        st->name = name;
        st->amount_fen = llround(tok.value * 100.0);
        st->measure = arena_strdup(c->a, per);
        char path[64];
        snprintf(path, sizeof path, "projects[%zu].standards[%zu]", pi, c->p->projects[pi].n_standards - 1);
        if (tok.approx) flag = "约数金额，请核对";
        nnote(c, path, sent_s, sent_e, flag);
        any = true;
    }
    return any;
}
