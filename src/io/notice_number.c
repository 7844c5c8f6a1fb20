/*
 * notice_number.c - numbers in a notice's normalised text, classified by
 * what follows them: a count with its measure word (a possible target), a
 * percentage, money, an age, a year, a date, a duration, a range. Arabic
 * digits with 万/千/百/亿 multipliers (3.3万 = 33000), Chinese numerals
 * (两千, 十二, 一百零五), quoted ones from slogans ("十"处 = 10), and the
 * words around a number that make it a bound (不少于, 以上) or an
 * approximation (300余名, 约). See notice_internal.h.
 */
#include "io/notice_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Measure words of quantitative targets; the longest match wins. */
static const char *const MEASURES[] = {
    "人次", "场次", "户次", "剂次", "架次", "车次", "班次", "课时", "小时", "平方米",
    "平方公里", "公里", "千米", "公顷", "亩", "吨", "米", "人", "名", "位", "所",
    "个", "间", "片", "处", "家", "户", "项", "条", "座", "套", "台", "辆", "张",
    "份", "本", "册", "期", "场", "次", "件", "种", "类", "例", "对", "班", "节",
    "床", "栋", "幢", "口", "眼", "盏", "块", "颗", "棵", "株", "只", "头", "段",
    "路", "趟", "支", "部", "篇", "首", "剂", "扇", "门", "堂", "轮", "㎡", NULL};

/* A measure word followed by these is the start of a word, not a measure:
 * "500家庭" is not 500 家. */
static const char *const NOT_MEASURE[] = {"家庭", "人员", "人口", "名单", "部门", "条件",
                                          "场所", "场馆", "处理", "次年", "台账", "个人",
                                          "件事", "门诊", "路径", "口径", NULL};

/* Words after a number that make it something other than a count. */
static const char *const DURATIONS[] = {"个月", "个工作日", "周岁", "岁", "年", "月", "日",
                                        "号", "天", "周", "时", "分钟", "秒", "个百分点",
                                        "百分点", "倍", "届", NULL};

typedef struct Bound {
    const char *word;
    enum Comparator cmp;
    bool approx;
} Bound;

/* Before a number; the longest match wins (不超过 over 超过). */
static const Bound BEFORE[] = {
    {"不少于", CMP_GE, false}, {"不低于", CMP_GE, false}, {"至少", CMP_GE, false},
    {"达到", CMP_GE, false},   {"超过", CMP_GE, false},   {"突破", CMP_GE, false},
    {"不超过", CMP_LE, false}, {"不高于", CMP_LE, false}, {"控制在", CMP_LE, false},
    {"低于", CMP_LE, false},   {"少于", CMP_LE, false},   {"大约", CMP_GE, true},
    {"将近", CMP_GE, true},    {"约", CMP_GE, true},      {"近", CMP_GE, true},
    {"达", CMP_GE, false},     {NULL, CMP_GE, false}};

/* After the measure word. */
static const Bound AFTER[] = {
    {"及以上", CMP_GE, false}, {"以上", CMP_GE, false}, {"以内", CMP_LE, false},
    {"以下", CMP_LE, false},   {"左右", CMP_GE, true},  {NULL, CMP_GE, false}};

bool cp_is_cn_digit(int32_t cp)
{
    switch (cp) {
    case 0x96F6: /* 零 */ case 0x3007: /* 〇 */ case 0x4E00: /* 一 */ case 0x4E8C: /* 二 */
    case 0x4E24: /* 两 */ case 0x4E09: /* 三 */ case 0x56DB: /* 四 */ case 0x4E94: /* 五 */
    case 0x516D: /* 六 */ case 0x4E03: /* 七 */ case 0x516B: /* 八 */ case 0x4E5D: /* 九 */
    case 0x5341: /* 十 */ case 0x767E: /* 百 */ case 0x5343: /* 千 */ case 0x4E07: /* 万 */
    case 0x4EBF: /* 亿 */
        return true;
    default:
        return false;
    }
}

static int cn_digit_value(int32_t cp)
{
    switch (cp) {
    case 0x96F6: case 0x3007: return 0;
    case 0x4E00: return 1;
    case 0x4E8C: case 0x4E24: return 2;
    case 0x4E09: return 3;
    case 0x56DB: return 4;
    case 0x4E94: return 5;
    case 0x516D: return 6;
    case 0x4E03: return 7;
    case 0x516B: return 8;
    case 0x4E5D: return 9;
    default: return -1;
    }
}

static double cn_unit_value(int32_t cp)
{
    switch (cp) {
    case 0x5341: return 10;
    case 0x767E: return 100;
    case 0x5343: return 1000;
    case 0x4E07: return 1e4;
    case 0x4EBF: return 1e8;
    default: return 0;
    }
}

double nnum_chinese(const NText *t, size_t s, size_t e)
{
    double total = 0, section = 0;
    int pending = -1;       /* a digit waiting for its unit */
    double last_small = 1e9; /* small units must descend: 一千二百 */
    bool zero = false, any = false;
    size_t pos = s;
    while (pos < e) {
        size_t next;
        int32_t cp = nt_cp(t, pos, e, &next);
        int d = cn_digit_value(cp);
        double u = cn_unit_value(cp);
        if (d == 0) {
            if (pending >= 0) return -1;
            zero = true;
        } else if (d > 0) {
            if (pending >= 0) return -1; /* 十四五: two digits without a unit */
            pending = d;
        } else if (u >= 10 && u <= 1000) {
            if (u >= last_small) return -1;
            if (pending < 0) {
                if (section != 0 && !zero) return -1;
                pending = 1; /* 十二 = 12, and a quoted 百 = 100 */
            }
            section += pending * u;
            last_small = u;
            pending = -1;
            zero = false;
        } else if (u >= 1e4) {
            if (pending >= 0) section += pending;
            if (section == 0 && total == 0) section = 1; /* 万 alone */
            total = (total + section) * u;
            section = 0;
            pending = -1;
            last_small = 1e9;
            zero = false;
        } else {
            return -1;
        }
        any = true;
        pos = next;
    }
    if (!any) return -1;
    if (pending >= 0) section += pending;
    return total + section;
}

/* Arabic digits at pos: 1200, 1,200, 3.3; the value and the end. */
static bool arabic_at(const NText *t, size_t pos, size_t end, double *v, size_t *after)
{
    char buf[40];
    size_t n = 0, i = pos;
    bool dot = false;
    while (i < end && n < sizeof buf - 1) {
        char c = t->s[i];
        if (c >= '0' && c <= '9') {
            buf[n++] = c;
            i++;
        } else if (c == ',' && !dot && n > 0 && i + 3 < end &&
                   t->s[i + 1] >= '0' && t->s[i + 1] <= '9' && t->s[i + 2] >= '0' &&
                   t->s[i + 2] <= '9' && t->s[i + 3] >= '0' && t->s[i + 3] <= '9' &&
                   (i + 4 >= end || t->s[i + 4] < '0' || t->s[i + 4] > '9')) {
            i++; /* a thousands separator: exactly three digits follow */
        } else if (c == '.' && !dot && n > 0 && i + 1 < end && t->s[i + 1] >= '0' &&
                   t->s[i + 1] <= '9') {
            buf[n++] = c;
            dot = true;
            i++;
        } else {
            break;
        }
    }
    if (n == 0 || n > 15) return false;
    buf[n] = '\0';
    double d = 0;
    if (sscanf(buf, "%lf", &d) != 1 || !isfinite(d)) return false;
    *v = d;
    *after = i;
    return true;
}

static bool is_ascii_alpha(int32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* The measure word at pos, canonical form in m; its end in *after. */
static bool measure_at(const NText *t, size_t pos, size_t end, char *m, size_t msize,
                       size_t *after)
{
    const char *w = nt_match(t, pos, end, MEASURES);
    if (!w) return false;
    size_t n = pos + strlen(w);
    /* 人(次), 人/次, 人·次: person-times */
    if (strcmp(w, "人") == 0) {
        static const char *const PT[] = {"(次)", "/次", "·次", NULL};
        const char *pt = nt_match(t, n, end, PT);
        if (pt) {
            snprintf(m, msize, "人次");
            *after = n + strlen(pt);
            return true;
        }
    }
    if (nt_match(t, pos, end, NOT_MEASURE)) return false;
    if (strcmp(w, "个") == 0 && nt_match(t, pos, end, DURATIONS)) return false;
    snprintf(m, msize, "%s", strcmp(w, "㎡") == 0 ? "平方米" : w);
    *after = n;
    return true;
}

/* A number at pos, arabic (with multiplier) or Chinese (quoted or not). */
static bool number_at(const NText *t, size_t start, size_t pos, size_t end, NumTok *k)
{
    size_t next;
    int32_t cp = nt_cp(t, pos, end, &next);
    memset(k, 0, sizeof *k);
    k->ns = pos;
    if (cp >= '0' && cp <= '9') {
        size_t prev = nt_prev(t, start, pos);
        if (pos > start) {
            int32_t pc = nt_cp(t, prev, end, NULL);
            if (is_ascii_alpha(pc) || (pc >= '0' && pc <= '9') || pc == '.') return false;
            if (pc == '-' && prev > start &&
                is_ascii_alpha(nt_cp(t, nt_prev(t, start, prev), end, NULL)))
                return false; /* COVID-19 */
        }
        size_t after;
        if (!arabic_at(t, pos, end, &k->value, &after)) return false;
        /* 万/千/百/亿 multiply unless they begin a measure (千米, 百分点) */
        static const char *const MULT_NOT[] = {"千米", "千克", "千瓦", "百分点", "百分比", NULL};
        int32_t m = nt_cp(t, after, end, &next);
        double u = cn_unit_value(m);
        if (u >= 100 && !nt_match(t, after, end, MULT_NOT)) {
            k->value *= u;
            after = next;
            m = nt_cp(t, after, end, &next);
            if (cn_unit_value(m) >= 1e4 && u < 1e4) { /* 3千万 */
                k->value *= cn_unit_value(m);
                after = next;
            }
        }
        k->ne = after;
        return true;
    }
    bool quoted = cp == 0x201C || cp == '"';
    size_t s = quoted ? next : pos;
    if (quoted) {
        int32_t c1 = nt_cp(t, s, end, NULL);
        if (!cp_is_cn_digit(c1)) return false;
    } else if (!cp_is_cn_digit(cp)) {
        return false;
    } else if (pos > start && cp_is_cn_digit(nt_cp(t, nt_prev(t, start, pos), end, NULL))) {
        return false; /* inside a longer run already rejected */
    }
    size_t e = s;
    for (int n = 0; n < 12; n++) {
        int32_t c = nt_cp(t, e, end, &next);
        if (!cp_is_cn_digit(c)) break;
        e = next;
    }
    if (e == s) return false;
    double v = nnum_chinese(t, s, e);
    if (v <= 0) return false;
    if (quoted) {
        int32_t close = nt_cp(t, e, end, &next);
        if (close != 0x201D && close != '"') return false;
        k->ne = next;
    } else {
        size_t n = nt_chars(t, s, e);
        int32_t c0 = nt_cp(t, s, e, NULL);
        /* A lone 一 is "a" (一批, 一个中心), a lone 百/千/万 is a word (万家). */
        if (n == 1 && (c0 == 0x4E00 || (cn_unit_value(c0) >= 100))) return false;
        if (nt_at(t, e, end, "是")) return false; /* 一是、二是 */
        k->ne = e;
    }
    k->value = v;
    k->chinese = true;
    return true;
}

static void apply_bound(NumTok *k, const Bound *b)
{
    if (b->approx) k->approx = true;
    else k->cmp = b->cmp;
}

/* Classifies what follows the number and takes the bounding words. */
static void classify(const NText *t, size_t start, size_t end, NumTok *k)
{
    size_t pos = k->ne, next;
    k->kind = NUM_OTHER;
    k->cmp = CMP_GE;
    k->s = k->ns;
    /* 余/多 between number and measure: 300余名 */
    int32_t cp = nt_cp(t, pos, end, &next);
    if ((cp == 0x4F59 /* 余 */ || cp == 0x591A /* 多 */) &&
        (measure_at(t, next, end, k->measure, sizeof k->measure, &(size_t){0}) ||
         nt_at(t, next, end, "元") || nt_at(t, next, end, "万"))) {
        k->approx = true;
        pos = next;
        if (nt_at(t, pos, end, "万")) { /* 3万余 is rare; 300余万元 */
            k->value *= 1e4;
            pos += strlen("万");
        }
    }
    size_t after = pos;
    const char *dur;
    if (nt_at(t, pos, end, "%")) {
        k->kind = NUM_PERCENT;
        snprintf(k->measure, sizeof k->measure, "%%");
        k->ms = pos;
        after = pos + 1;
    } else if (nt_at(t, pos, end, "元")) {
        k->kind = NUM_MONEY;
        snprintf(k->measure, sizeof k->measure, "元");
        k->ms = pos;
        after = pos + strlen("元");
    } else if ((cp = nt_cp(t, pos, end, &next)) == '-' || cp == '~' || cp == 0x81F3 /* 至 */ ||
               cp == 0x5230 /* 到 */) {
        NumTok second;
        if (number_at(t, start, next, end, &second)) {
            classify(t, start, end, &second);
            k->kind = second.kind == NUM_AGE || second.kind == NUM_YEAR ||
                              second.kind == NUM_DATE || second.kind == NUM_DURATION
                          ? second.kind
                          : NUM_RANGE;
            snprintf(k->measure, sizeof k->measure, "%s", second.measure);
            k->ms = second.ms;
            k->me = second.me;
            k->e = second.e;
            return;
        }
        k->me = k->ms = pos;
        k->e = pos;
        return;
    } else if ((dur = nt_match(t, pos, end, DURATIONS)) != NULL) {
        k->ms = pos;
        after = pos + strlen(dur);
        snprintf(k->measure, sizeof k->measure, "%s", dur);
        if (strcmp(dur, "岁") == 0 || strcmp(dur, "周岁") == 0) k->kind = NUM_AGE;
        else if (strcmp(dur, "年") == 0 && !k->chinese && k->value >= 1900 && k->value <= 2100 &&
                 k->value == floor(k->value))
            k->kind = NUM_YEAR;
        else if (strcmp(dur, "月") == 0 || strcmp(dur, "日") == 0 || strcmp(dur, "号") == 0)
            k->kind = strcmp(dur, "号") == 0 ? NUM_OTHER : NUM_DATE;
        else if (strcmp(dur, "个百分点") == 0 || strcmp(dur, "百分点") == 0 ||
                 strcmp(dur, "倍") == 0 || strcmp(dur, "届") == 0)
            k->kind = NUM_OTHER;
        else
            k->kind = NUM_DURATION;
    } else if (measure_at(t, pos, end, k->measure, sizeof k->measure, &after)) {
        k->kind = NUM_COUNT;
        k->ms = pos;
    } else {
        k->ms = k->me = pos;
        k->e = pos;
        k->kind = NUM_OTHER;
    }
    k->me = after;
    k->e = after;
    /* bounds after: 以上, 以内, 左右 */
    for (const Bound *b = AFTER; b->word; b++) {
        if (nt_at(t, k->e, end, b->word)) {
            apply_bound(k, b);
            k->e += strlen(b->word);
            break;
        }
    }
    /* bounds before: 不少于, 达到, 约; and 第 for ordinals */
    const Bound *before = NULL; /* the longest: 不超过, not 超过 */
    for (const Bound *b = BEFORE; b->word; b++)
        if (k->ns >= start + strlen(b->word) && nt_ends(t, start, k->ns, b->word) &&
            (!before || strlen(b->word) > strlen(before->word)))
            before = b;
    if (before) {
        apply_bound(k, before);
        k->s = k->ns - strlen(before->word);
    }
    if (nt_ends(t, start, k->s, "第") || nt_ends(t, start, k->s, "前")) k->ordinal = true;
}

bool nnum_next(const NText *t, size_t pos, size_t end, NumTok *tok)
{
    size_t start = pos;
    if (end > t->len) end = t->len;
    while (pos < end) {
        size_t next;
        int32_t cp = nt_cp(t, pos, end, &next);
        /* 百分之八十, 百分之95 */
        if (cp == 0x767E && nt_at(t, pos, end, "百分之")) {
            size_t s = pos + strlen("百分之"), e = s, n2;
            double v = -1;
            if (s < end && t->s[s] >= '0' && t->s[s] <= '9') {
                if (!arabic_at(t, s, end, &v, &e)) v = -1;
            } else {
                while (e < end && cp_is_cn_digit(nt_cp(t, e, end, &n2))) e = n2;
                v = nnum_chinese(t, s, e);
            }
            if (v > 0) {
                memset(tok, 0, sizeof *tok);
                tok->ns = tok->s = pos;
                tok->ne = tok->ms = tok->me = tok->e = e;
                tok->value = v;
                tok->chinese = true;
                tok->kind = NUM_PERCENT;
                snprintf(tok->measure, sizeof tok->measure, "%%");
                for (const Bound *b = AFTER; b->word; b++)
                    if (nt_at(t, e, end, b->word)) {
                        apply_bound(tok, b);
                        tok->e = e + strlen(b->word);
                        break;
                    }
                return true;
            }
        }
        if ((cp >= '0' && cp <= '9') || cp_is_cn_digit(cp) || cp == 0x201C || cp == '"') {
            NumTok k;
            if (number_at(t, start, pos, end, &k)) {
                classify(t, start, end, &k);
                /* a quoted or Chinese number means something only with a measure */
                if (k.chinese && k.kind != NUM_COUNT && k.kind != NUM_PERCENT &&
                    k.kind != NUM_MONEY) {
                    pos = k.ne > pos ? k.ne : next;
                    continue;
                }
                *tok = k;
                return true;
            }
            /* skip a whole run of digits or letters so that "G20" stays one word */
            if (cp >= '0' && cp <= '9') {
                while (next < end && ((t->s[next] >= '0' && t->s[next] <= '9') || t->s[next] == '.'))
                    next++;
            }
        }
        pos = next;
    }
    return false;
}
