/*
 * notice_name.c - a short name for a quantitative target, in the style of
 * the reference drafts ("新建幼儿园", "城乡妇女“两癌”免费检查",
 * "配套可调节课桌椅的中小学"), from the clause around the number.
 *
 * The clause is read as the sentence patterns notices use:
 *   V O N M            新建幼儿园3所                 -> V O
 *   V N M O            更换中小学500间教室灯具       -> V O
 *   为/对 N M O 进行 A   对21094名城乡妇女进行免费检查 -> O A
 *   为 N M O VP          为8所中小学配套课桌椅         -> VP的O
 *   将 …等 N M O VP      将12个病种纳入…范围           -> VP (的O)
 * Empty verbs (完成, 开展, 进行) go; lists before 等 and modifiers before 的
 * are shortened; a name of a bare verb and object takes the topic of the
 * clause before it ("…等巾帼创富课堂，培训妇女1200人").
 */
#include "io/notice_internal.h"

#include <string.h>

/* Verbs that begin a target's clause. Single characters only lead. */
static const char *const LEAD_VERBS[] = {
    "新改扩建", "改扩建", "新改建", "新建成", "新建", "建设", "建成", "建立", "改造提升",
    "改造", "提升", "更换", "配套", "配备", "配置", "安装", "加装", "购置", "新增", "增加",
    "提供", "开展", "举办", "组织开展", "组织", "培训", "培育", "培养", "创建", "打造",
    "选树", "评选", "命名", "认定", "设立", "成立", "开设", "开通", "推出", "实施", "完成",
    "纳入", "覆盖", "惠及", "帮助", "帮扶", "救助", "资助", "慰问", "走访", "发放", "给予",
    "落实", "接种", "筛查", "检查", "放映", "修建", "修缮", "维修", "硬化", "铺设", "整治",
    "治理", "招聘", "吸纳", "安置", "引进", "签约", "受理", "办理", "解决", "化解", "排查",
    "招录", "改善", "扩建", "改建", "新开", "布设", "设置", "投放", "种植", "清理", "举行",
    "承办", "创作", "出版", "制作", "表彰", "推广", "培植", "征集", "处置", "更新", "送",
    "建", "种", "植", NULL};

/* Verbs found inside a phrase to split object from action (为8所中小学|配套…). */
static const char *const SPLIT_VERBS[] = {
    "新改扩建", "改扩建", "新建", "建设", "建成", "建立", "改造", "更换", "配套", "配备",
    "配置", "安装", "加装", "购置", "新增", "举办", "培训", "培育", "创建", "打造", "纳入",
    "覆盖", "帮扶", "救助", "资助", "慰问", "接种", "筛查", "放映", "修建", "维修", "铺设",
    "整治", "治理", "安置", "签约", "办理", "解决", "实现", "完成", "参加", "参与", "享受",
    "获得", "列入", "更新", "设立", "开设", "增设", "配发", "捐赠", "赠送", "修缮", "改建",
    "扩建", "提升", "升级", NULL};

/* Light verbs: between the counted people and what they get (对…进行检查). */
static const char *const LIGHT_SPLIT[] = {"进行", "提供", "给予", "开展", "实施", "发放", "落实",
                                          NULL};
/* Empty verbs dropped at the start of a name (完成5家托育机构备案). */
static const char *const EMPTY_VERBS[] = {"组织开展", "完成", "开展", "进行", "组织", "实现", NULL};

static const char *const ADVERBIALS[] = {
    "年内", "全年", "今年", "当年", "年底前", "力争", "确保", "计划", "预计", "积极", "持续",
    "继续", "全面", "重点", "累计", "共计", "总计", "进一步", "在全区", "在全县", "在全市",
    "在全省", "全区", "全县", "全市", "全镇", "辖区内", "同时", "分别", "陆续", "逐步",
    "努力", "争取", "另外", "其中", "并", "还", "再", "共", NULL};

static const char *const PREPS[] = {"面向", "为", "对", "给", "向", NULL};
static const char *const FILLERS[] = {"典型", "一批", "若干", "一系列", "各类", "各种", "相关",
                                      "一些", "多个", "有关", NULL};
static const char *const ADVERB_TAIL[] = {"免费", "统一", "集中", "定期", NULL};

#define MAXP 24

typedef struct Name {
    NPiece p[MAXP];
    size_t n;
} Name;

static void add(Name *nm, size_t s, size_t e)
{
    if (e > s && nm->n < MAXP) nm->p[nm->n++] = (NPiece){s, e, NULL};
}

static void add_lit(Name *nm, const char *lit)
{
    if (nm->n < MAXP) nm->p[nm->n++] = (NPiece){0, 0, lit};
}

static void add_pieces(Name *nm, const NPiece *p, size_t n)
{
    for (size_t i = 0; i < n && nm->n < MAXP; i++) nm->p[nm->n++] = p[i];
}

static size_t name_chars(const NText *t, const Name *nm)
{
    size_t n = 0;
    for (size_t i = 0; i < nm->n; i++)
        n += nm->p[i].lit ? 1 : nt_chars(t, nm->p[i].s, nm->p[i].e);
    return n;
}

/* pos moved forward to a character boundary, at most to end. */
static size_t align(const NText *t, size_t pos, size_t end)
{
    while (pos < end && (((unsigned char)t->s[pos]) & 0xC0) == 0x80) pos++;
    return pos;
}

/* ---- skipping --------------------------------------------------------------------- */

/* A time at the start: 到2023年底, 6月底前, 年底前. */
static size_t skip_time(const NText *t, size_t s, size_t e)
{
    size_t p = s;
    static const char *const INTRO[] = {"截至", "截止", "到", "至", "于", NULL};
    const char *w = nt_match(t, p, e, INTRO);
    if (w) p += strlen(w);
    size_t q = p;
    bool any = false;
    for (;;) {
        size_t d = q;
        while (d < e && t->s[d] >= '0' && t->s[d] <= '9') d++;
        if (d > q && (nt_at(t, d, e, "年") || nt_at(t, d, e, "月"))) {
            q = d + strlen("年");
            any = true;
            continue;
        }
        break;
    }
    if (!any) return s;
    static const char *const END[] = {"底前", "以前", "之前", "底", "末", "前", "内", NULL};
    w = nt_match(t, q, e, END);
    if (w) q += strlen(w);
    return q;
}

size_t nname_skip_adverbials(const NText *t, size_t s, size_t e)
{
    for (int guard = 0; guard < 8; guard++) {
        size_t p = skip_time(t, s, e);
        const char *w = nt_match(t, p, e, ADVERBIALS);
        if (w && p + strlen(w) <= e) p += strlen(w);
        if (p == s) break;
        s = p;
    }
    return s;
}

/* An age at the start of [s, e): 35-64岁, 65岁及以上, 0-17周岁的. */
static size_t skip_age(const NText *t, size_t s, size_t e)
{
    NumTok k;
    if (s < e && t->s[s] >= '0' && t->s[s] <= '9' && nnum_next(t, s, e, &k) && k.ns == s &&
        k.kind == NUM_AGE) {
        s = k.e;
        if (nt_at(t, s, e, "及以上")) s += strlen("及以上");
        if (nt_at(t, s, e, "的")) s += strlen("的");
    }
    return s;
}

bool nname_leading_verb(const NText *t, size_t s, size_t e, size_t *vs, size_t *ve)
{
    const char *w = nt_match(t, s, e, LEAD_VERBS);
    size_t n = w ? strlen(w) : 0;
    /* 新 + verb: 新建设, 新培育 */
    if (nt_at(t, s, e, "新")) {
        const char *w2 = nt_match(t, s + strlen("新"), e, LEAD_VERBS);
        if (w2 && strlen(w2) + strlen("新") > n) n = strlen(w2) + strlen("新");
    }
    if (!n || s + n > e) return false;
    *vs = s;
    *ve = s + n;
    return true;
}

/* The first position after s (at least one character in) where a word of
 * list begins; NPOS if none. *len gets the word's length. */
static size_t find_word(const NText *t, size_t s, size_t e, const char *const *list, size_t *len)
{
    size_t p;
    nt_cp(t, s, e, &p);
    int depth = 0;
    for (; p < e;) {
        size_t next;
        int32_t cp = nt_cp(t, p, e, &next);
        if (cp == 0x201C || cp == '(') depth++;
        else if ((cp == 0x201D || cp == ')') && depth > 0) depth--;
        else if (!depth) {
            const char *w = nt_match(t, p, e, list);
            if (w) {
                *len = strlen(w);
                return p;
            }
        }
        p = next;
    }
    return NPOS;
}

/* ---- compressing a noun phrase --------------------------------------------------- */

static bool list_deng(const NText *t, size_t s, size_t pos)
{
    static const char *const NOT[] = {"平", "高", "中", "同", "初", "对", "均", "相", "次", "特",
                                      "上", "优", NULL};
    if (nt_find(t, s, pos, "、") == NPOS) return false;
    size_t prev = nt_prev(t, s, pos);
    return !nt_match(t, prev, pos, NOT);
}

/* Appends [s, e) to out without bracketed asides "(…)". */
static size_t without_brackets(const NText *t, size_t s, size_t e, NPiece *out, size_t n, size_t max)
{
    size_t a = s;
    int depth = 0;
    for (size_t p = s; p < e; p++) {
        if (t->s[p] == '(') {
            if (depth == 0 && p > a && n < max) out[n++] = (NPiece){a, p, NULL};
            depth++;
        } else if (t->s[p] == ')' && depth > 0) {
            if (--depth == 0) a = p + 1;
        }
    }
    if (depth == 0 && e > a && n < max) out[n++] = (NPiece){a, e, NULL};
    return n;
}

size_t nname_compress(const NText *t, size_t s, size_t e, NPiece *out, size_t max)
{
    /* A、B、C等X -> X; 等方面X -> X */
    for (size_t pos = nt_rfind(t, s, e, "等"); pos != NPOS && pos > s; pos = nt_rfind(t, s, pos, "等")) {
        if (list_deng(t, s, pos) && nt_chars(t, pos + strlen("等"), e) >= 2) {
            s = pos + strlen("等");
            static const char *const KIND[] = {"方面", "领域", "形式", NULL};
            const char *w = nt_match(t, s, e, KIND);
            if (w && nt_chars(t, s + strlen(w), e) >= 2) s += strlen(w);
            break;
        }
    }
    for (const char *w; (w = nt_match(t, s, e, FILLERS)) != NULL && nt_chars(t, s + strlen(w), e) >= 2;)
        s += strlen(w);
    size_t n = 0;
    /* 具有X作用的Y -> XY */
    if (nt_at(t, s, e, "具有")) {
        static const char *const ROLE[] = {"作用的", "意义的", "特色的", "功能的", NULL};
        for (size_t p = s; p < e; p++) {
            const char *w = nt_match(t, p, e, ROLE);
            if (w) {
                n = without_brackets(t, s + strlen("具有"), p, out, n, max);
                return without_brackets(t, p + strlen(w), e, out, n, max);
            }
        }
    }
    /* A的B: keep a short A (残疾的儿童 -> 残疾儿童), drop a long one */
    size_t d = NPOS;
    int depth = 0;
    for (size_t p = s; p < e;) {
        size_t next;
        int32_t cp = nt_cp(t, p, e, &next);
        if (cp == 0x201C || cp == '(') depth++;
        else if ((cp == 0x201D || cp == ')') && depth > 0) depth--;
        else if (!depth && cp == 0x7684 /* 的 */ && nt_chars(t, next, e) >= 2) d = p;
        p = next;
    }
    if (d != NPOS) {
        size_t a_chars = nt_chars(t, s, d);
        for (size_t p = s; p < d; p++)
            if (nt_at(t, p, d, "“") || nt_at(t, p, d, "”")) a_chars--;
        if (a_chars <= 4) n = without_brackets(t, s, d, out, n, max);
        return without_brackets(t, d + strlen("的"), e, out, n, max);
    }
    return without_brackets(t, s, e, out, n, max);
}

/* ---- topic of the previous clause -------------------------------------------------- */

/* The topic of a clause (对X进行…, 开展…等X), compressed into pieces; 0 if none. */
static size_t nname_topic(const NText *t, size_t s, size_t e, NPiece *out, size_t max)
{
    s = nname_skip_adverbials(t, s, e);
    const char *prep = nt_match(t, s, e, PREPS);
    if (prep) {
        size_t xs = s + strlen(prep), len = 0;
        size_t v = find_word(t, xs, e, LIGHT_SPLIT, &len);
        size_t v2 = find_word(t, xs, e, SPLIT_VERBS, &len);
        if (v == NPOS || (v2 != NPOS && v2 < v)) v = v2;
        if (v == NPOS) return 0;
        for (bool cut = true; cut && v > xs;) {
            cut = false;
            for (size_t i = 0; ADVERB_TAIL[i] && !cut; i++)
                if (nt_ends(t, xs, v, ADVERB_TAIL[i])) {
                    v -= strlen(ADVERB_TAIL[i]);
                    cut = true;
                }
        }
        return v > xs ? nname_compress(t, xs, v, out, max) : 0;
    }
    static const char *const HOLD[] = {"开展", "举办", "组织", "实施", NULL};
    size_t last = NPOS, len = 0;
    for (size_t i = 0; HOLD[i]; i++) {
        size_t p = nt_rfind(t, s, e, HOLD[i]);
        if (p != NPOS && (last == NPOS || p > last)) {
            last = p;
            len = strlen(HOLD[i]);
        }
    }
    if (last == NPOS || nt_chars(t, last + len, e) < 2) return 0;
    return nname_compress(t, last + len, e, out, max);
}

/* ---- the name -------------------------------------------------------------------------- */

static void compress_into(const NText *t, Name *nm, size_t s, size_t e)
{
    if (e <= s) return;
    NPiece tmp[8];
    size_t n = nname_compress(t, s, e, tmp, 8);
    add_pieces(nm, tmp, n);
}

static bool is_empty_verb(const NText *t, size_t s, size_t e)
{
    for (size_t i = 0; EMPTY_VERBS[i]; i++)
        if (e - s == strlen(EMPTY_VERBS[i]) && nt_at(t, s, e, EMPTY_VERBS[i])) return true;
    return false;
}

/* The disposal pattern: 将 … N M O VP -> VP的O, without a closing 范围. */
static void disposal(const NText *t, Name *nm, size_t qs, size_t qe)
{
    size_t len = 0, v = find_word(t, qs, qe, SPLIT_VERBS, &len);
    if (v == NPOS) {
        compress_into(t, nm, qs, qe);
        return;
    }
    static const char *const TAIL[] = {"范围", "之中", "中", NULL};
    for (size_t i = 0; TAIL[i]; i++)
        if (nt_ends(t, v, qe, TAIL[i]) && nt_chars(t, v, qe) > 3) {
            qe -= strlen(TAIL[i]);
            break;
        }
    add(nm, v, qe);
    /* the counted noun, unless the action already ends with it (…病种) */
    if (v <= qs) return;
    size_t last2 = nt_prev(t, qs, nt_prev(t, qs, v));
    char tail[16];
    size_t n = v - last2 < sizeof tail ? v - last2 : 0;
    memcpy(tail, t->s + last2, n);
    tail[n] = '\0';
    if (n && nt_ends(t, v, qe, tail)) return;
    add_lit(nm, "的");
    compress_into(t, nm, qs, v);
}

char *nname_indicator(NCtx *c, const NClause *k, const NumTok *tok, const char **flag, NRange *obj)
{
    const NText *t = &c->t;
    Name nm = {.n = 0};
    *flag = NULL;
    obj->s = obj->e = NPOS;
    size_t ps = nname_skip_adverbials(t, k->s, tok->s), pe = tok->s;
    /* the pattern is read from the clause's start; the words of the name
     * come from near the number (a clause of thousands of characters would
     * make a useless name, slowly) */
    const char *prep = nt_match(t, ps, pe, PREPS);
    bool dispose = nt_at(t, ps, pe, "将") || nt_at(t, ps, pe, "把");
    if (pe - ps > NNAME_REACH) {
        ps = align(t, pe - NNAME_REACH, pe);
        if (prep) prep = "";
    }
    static const char *const PRE_TAIL[] = {"共计", "累计", "总计", "共", "再", NULL};
    for (size_t i = 0; PRE_TAIL[i]; i++)
        if (nt_ends(t, ps, pe, PRE_TAIL[i])) {
            pe -= strlen(PRE_TAIL[i]);
            break;
        }
    size_t qs = skip_age(t, tok->e, k->e), qe = nt_trim_end(t, qs, k->e);
    if (qe - qs > NNAME_REACH) qe = align(t, qs + NNAME_REACH, qe);
    if (nt_at(t, qs, qe, "的")) qs += strlen("的");
    bool rate = tok->kind == NUM_PERCENT, verb_dropped = false, inherited = false, elided = false;
    size_t vs = 0, ve = 0, len = 0;
    if (dispose) {
        disposal(t, &nm, qs, qe);
    } else if (prep) {
        size_t xs = skip_age(t, ps + strlen(prep), pe);
        if (qe > qs) {
            size_t lv = find_word(t, qs, qe, LIGHT_SPLIT, &len);
            size_t v = lv == NPOS ? find_word(t, qs, qe, SPLIT_VERBS, &len) : NPOS;
            if (lv != NPOS) {
                compress_into(t, &nm, qs, lv);
                add(&nm, lv + len, qe);
                *obj = (NRange){qs, lv};
            } else if (v != NPOS) {
                add(&nm, v, qe);
                add_lit(&nm, "的");
                compress_into(t, &nm, qs, v);
                *obj = (NRange){qs, v};
            } else {
                compress_into(t, &nm, qs, qe);
            }
        } else {
            size_t lv = find_word(t, xs, pe, LIGHT_SPLIT, &len);
            if (lv != NPOS) {
                compress_into(t, &nm, xs, lv);
                add(&nm, lv + len, pe);
            } else {
                compress_into(t, &nm, xs, pe);
            }
        }
    } else if (ps == pe) {
        /* the number first: 3所幼儿园建成投用 -> 建成投用的幼儿园 */
        size_t v = find_word(t, qs, qe, SPLIT_VERBS, &len);
        if (v != NPOS) {
            add(&nm, v, qe);
            add_lit(&nm, "的");
            compress_into(t, &nm, qs, v);
        } else {
            if (k->verb_s != NPOS && k->verb_s != k->s) {
                add(&nm, k->verb_s, k->verb_e);
                inherited = true;
            }
            compress_into(t, &nm, qs, qe);
        }
    } else if (nname_leading_verb(t, ps, pe, &vs, &ve)) {
        if (rate) verb_dropped = true;
        else if (!is_empty_verb(t, vs, ve)) add(&nm, vs, ve);
        if (ve < pe) *obj = (NRange){ve, pe};
        else if (qs < qe) *obj = (NRange){qs, qe};
        if (obj->s != NPOS) {
            compress_into(t, &nm, ve, pe);
            compress_into(t, &nm, qs, qe);
        } else if (k->prev_obj.s != NPOS && !rate) {
            /* a verb alone counts what the target before it counted:
             * 新建村级综合服务中心3个，改造提升8个 */
            compress_into(t, &nm, k->prev_obj.s, k->prev_obj.e);
            *obj = k->prev_obj;
            elided = true;
        }
    } else {
        /* no verb of its own: a later item of a list shares the first one's
         * (新建设标兵户2983户、美家超市160家) */
        if (k->verb_s != NPOS && k->verb_s != ps && !rate && k->verb_s < k->s) {
            add(&nm, k->verb_s, k->verb_e);
            inherited = true;
        }
        compress_into(t, &nm, ps, pe);
        compress_into(t, &nm, qs, qe);
    }
    /* a bare verb and object says too little: take the previous clause's topic */
    bool topic = false;
    if ((name_chars(t, &nm) <= 4 || verb_dropped) && k->prev_s != NPOS && !k->prev_has_target) {
        NPiece tp[8];
        size_t prev_s = k->prev_s;
        if (k->prev_e - prev_s > NNAME_REACH) prev_s = align(t, k->prev_e - NNAME_REACH, k->prev_e);
        size_t n = nname_topic(t, prev_s, k->prev_e, tp, 8);
        if (n > 0) {
            Name merged = {.n = 0};
            add_pieces(&merged, tp, n);
            /* 全年接种 after 为适龄女生免费接种HPV疫苗: the verb's object too */
            size_t vs2, ve2;
            if (nm.n == 1 && !nm.p[0].lit && nname_leading_verb(t, nm.p[0].s, nm.p[0].e, &vs2, &ve2) &&
                ve2 == nm.p[0].e) {
                char verb[32];
                size_t vl = ve2 - vs2 < sizeof verb ? ve2 - vs2 : 0;
                memcpy(verb, t->s + vs2, vl);
                verb[vl] = '\0';
                size_t at = vl ? nt_rfind(t, prev_s, k->prev_e, verb) : NPOS;
                if (at != NPOS && nt_chars(t, at + vl, k->prev_e) >= 2) add(&merged, at, k->prev_e);
                else add_pieces(&merged, nm.p, nm.n);
            } else {
                add_pieces(&merged, nm.p, nm.n);
            }
            nm = merged;
            topic = true;
        }
    }
    char *name = ntext_join(t, nm.p, nm.n, c->a);
    size_t n = strlen(name);
    while (n >= strlen("的") && strcmp(name + n - strlen("的"), "的") == 0) name[n -= strlen("的")] = '\0';
    if (!*name) {
        name = ntext_orig(t, k->s, k->e, c->a);
        *flag = "指标名称未能概括，取了原句，请修改";
    } else if (topic) {
        *flag = "指标名称按上一句补全，请核对";
    } else if (elided) {
        *flag = "指标名称承前补全了对象，请核对";
    } else if (inherited) {
        *flag = "指标名称沿用了前一项的动词，请核对";
    }
    return name;
}
