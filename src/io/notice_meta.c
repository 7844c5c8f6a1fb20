/*
 * notice_meta.c - the programme's own fields, from the parts of a notice
 * around its items: the header (issuer, 关于…的通知, hence title and year)
 * and the ending (signature, issue date in Arabic or Chinese numerals,
 * contact phone and e-mail, 此件公开发布, and the office that dispatches the
 * work and receives the reports: the coordinator).
 */
#include "io/notice_internal.h"

#include <stdio.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/timeutil.h"

static const char *const TITLE_ENDS[] = {"通知", "通报", "意见", "方案", "决定", "安排",
                                         "函", "办法", "计划", "清单", NULL};

static bool line_blank(const NCtx *c, size_t l)
{
    return nt_skip_space(&c->t, c->lines[l].s, c->lines[l].e) == c->lines[l].e;
}

static bool ends_title(const NText *t, size_t s, size_t e)
{
    for (size_t i = 0; TITLE_ENDS[i]; i++)
        if (nt_ends(t, s, e, TITLE_ENDS[i])) return true;
    return false;
}

/* ---- dates ---------------------------------------------------------------------- */

static int cn_digit(int32_t cp)
{
    static const int32_t D[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
    for (int i = 0; i < 10; i++)
        if (D[i] == cp) return i;
    if (cp == 0x96F6 || cp == 'O' || cp == 'o' || cp == '0') return 0; /* 零, and O for 〇 */
    return -1;
}

/* A number of at most max_chars characters, Arabic or Chinese, then lit. */
static bool part(const NText *t, size_t *pos, size_t end, int max_chars, const char *lit, int *v,
                 bool year)
{
    size_t p = *pos, next;
    int n = 0, val = 0;
    if (p < end && t->s[p] >= '0' && t->s[p] <= '9') {
        while (p < end && t->s[p] >= '0' && t->s[p] <= '9' && n < max_chars) {
            val = val * 10 + (t->s[p] - '0');
            p++;
            n++;
        }
    } else if (year) {
        /* 二〇二二: digit by digit */
        int d;
        while (n < 4 && (d = cn_digit(nt_cp(t, p, end, &next))) >= 0) {
            val = val * 10 + d;
            p = next;
            n++;
        }
        if (n != 4) return false;
    } else {
        size_t s = p;
        while (n < 3 && cp_is_cn_digit(nt_cp(t, p, end, &next))) {
            p = next;
            n++;
        }
        double d = n ? nnum_chinese(t, s, p) : -1;
        if (d < 1 || d > 31) return false;
        val = (int)d;
    }
    if (n == 0 || !nt_at(t, p, end, lit)) return false;
    *pos = p + strlen(lit);
    *v = val;
    return true;
}

bool nmeta_date_at(const NText *t, size_t pos, size_t end, int *days, size_t *after)
{
    int y, m, d;
    size_t p = pos;
    if (!part(t, &p, end, 4, "年", &y, true) || y < 1900 || y > 2999) return false;
    if (!part(t, &p, end, 2, "月", &m, false)) return false;
    if (!part(t, &p, end, 2, "日", &d, false)) return false;
    if (!date_valid_ymd(y, m, d)) return false;
    *days = date_from_ymd(y, m, d);
    *after = p;
    return true;
}

/* 2022年12月底, 12月底, 2022年12月31日, 2022年12月, 年底: the date, or DATE_NONE. */
int nmeta_deadline(const NText *t, size_t s, size_t e, int year)
{
    s = nt_skip_space(t, s, e);
    e = nt_trim_end(t, s, e);
    size_t after;
    int days;
    if (nmeta_date_at(t, s, e, &days, &after)) return days;
    int y = year, m = 12, d = 0;
    size_t p = s;
    if (p + 4 < e && t->s[p] >= '0' && t->s[p] <= '9') {
        int v = 0;
        size_t q = p;
        while (q < e && t->s[q] >= '0' && t->s[q] <= '9' && q - p < 4) v = v * 10 + (t->s[q++] - '0');
        if (nt_at(t, q, e, "年") && v >= 1900 && v <= 2999) {
            y = v;
            p = q + strlen("年");
        }
    }
    if (nt_at(t, p, e, "年底")) return y ? date_from_ymd(y, 12, 31) : DATE_NONE;
    if (nt_at(t, p, e, "底")) return y ? date_from_ymd(y, 12, 31) : DATE_NONE; /* 2022年底 */
    int v = 0;
    size_t q = p;
    while (q < e && t->s[q] >= '0' && t->s[q] <= '9' && q - p < 2) v = v * 10 + (t->s[q++] - '0');
    if (q == p || !nt_at(t, q, e, "月") || v < 1 || v > 12 || !y) return DATE_NONE;
    m = v;
    d = date_days_in_month(y, m);
    return date_from_ymd(y, m, d);
}

/* A line that is only a date (the issue date under the signature). */
static bool date_line(const NCtx *c, size_t l, int *days)
{
    const NLine *ln = &c->lines[l];
    size_t pos = nt_skip_space(&c->t, ln->s, ln->e), after;
    if (!nmeta_date_at(&c->t, pos, ln->e, days, &after)) return false;
    after = nt_skip_space(&c->t, after, ln->e);
    return after == ln->e || nt_at(&c->t, after, ln->e, "印发");
}

/* ---- header --------------------------------------------------------------------- */

/* 2022年 at p: four digits from 19xx or 20xx, not inside a longer number. */
static bool year_at(const NText *t, size_t s, size_t p, size_t e)
{
    if (p + 4 >= e || (p > s && t->s[p - 1] >= '0' && t->s[p - 1] <= '9')) return false;
    for (int i = 0; i < 4; i++)
        if (t->s[p + i] < '0' || t->s[p + i] > '9') return false;
    if (!(t->s[p] == '1' && t->s[p + 1] == '9') && !(t->s[p] == '2' && t->s[p + 1] == '0'))
        return false;
    return nt_at(t, p + 4, e, "年");
}

static void set_year_from(NCtx *c, size_t s, size_t e)
{
    for (size_t p = s; p + 4 < e; p++) {
        if (year_at(&c->t, s, p, e)) {
            int y = 0;
            for (int i = 0; i < 4; i++) y = y * 10 + (c->t.s[p + i] - '0');
            c->p->year = y;
            return;
        }
    }
}

void nmeta_header(NCtx *c)
{
    const NText *t = &c->t;
    Programme *p = c->p;
    size_t limit = c->n_lines < 24 ? c->n_lines : 24;
    size_t tl = NPOS, tl_end = NPOS;
    for (size_t l = 0; l < limit && tl == NPOS; l++) {
        const NLine *ln = &c->lines[l];
        if (ln->cell || line_blank(c, l)) continue;
        size_t e = nt_trim_end(t, ln->s, ln->e);
        bool about = nt_find(t, ln->s, e, "关于") != NPOS;
        if (about && ends_title(t, ln->s, e)) {
            tl = l;
            tl_end = l + 1;
        } else if (about && l + 1 < c->n_lines && !c->lines[l + 1].cell &&
                   ends_title(t, c->lines[l + 1].s, nt_trim_end(t, c->lines[l + 1].s, c->lines[l + 1].e))) {
            tl = l; /* a title broken over two lines */
            tl_end = l + 2;
        }
    }
    c->title_line = tl;
    if (tl == NPOS) {
        c->title_end_line = 0;
        nnote(c, "title", NPOS, 0, "未找到通知标题（“关于……的通知”），请填写");
        return;
    }
    c->title_end_line = tl_end;
    size_t ls = nt_skip_space(t, c->lines[tl].s, c->lines[tl].e);
    size_t le = nt_trim_end(t, ls, c->lines[tl_end - 1].e);
    size_t about = nt_find(t, ls, le, "关于");
    /* issuer: before 关于 on the same line, or the lines above (two
     * offices issuing jointly stand one above the other) */
    size_t is = NPOS, ie = NPOS;
    NPiece pcs[5];
    size_t npc = 0;
    if (about > ls) {
        is = ls;
        ie = about;
        pcs[npc++] = (NPiece){is, nt_ends(t, is, ie, "文件") ? ie - strlen("文件") : ie, NULL};
    } else {
        size_t found[3], nf = 0;
        for (size_t l = tl; l-- > 0 && nf < 3;) {
            if (line_blank(c, l)) {
                if (nf) break;
                continue;
            }
            const NLine *ln = &c->lines[l];
            size_t s = nt_skip_space(t, ln->s, ln->e), e = nt_trim_end(t, s, ln->e);
            if (nt_find(t, s, e, "号") != NPOS && nt_find(t, s, e, "〔") != NPOS) {
                if (nf) break;
                continue; /* 临政办发〔2022〕12号 */
            }
            if (nt_chars(t, s, e) > 40 || nt_find(t, s, e, ":") != NPOS || nt_find(t, s, e, ",") != NPOS)
                break;
            found[nf++] = l;
        }
        for (size_t k = nf; k-- > 0;) {
            const NLine *ln = &c->lines[found[k]];
            size_t s = nt_skip_space(t, ln->s, ln->e), e = nt_trim_end(t, s, ln->e);
            if (nt_ends(t, s, e, "文件")) e -= strlen("文件");
            if (npc) pcs[npc++] = (NPiece){0, 0, "、"};
            pcs[npc++] = (NPiece){s, e, NULL};
            if (k == nf - 1) is = s;
            ie = e;
        }
    }
    if (npc) {
        p->issuer = ntext_join(t, pcs, npc, c->a);
        if (!*p->issuer) p->issuer = NULL;
    }
    /* title: 关于 [印发《] X [》] 的通知 */
    size_t s = about + strlen("关于"), e = le;
    for (size_t i = 0; TITLE_ENDS[i]; i++)
        if (nt_ends(t, s, e, TITLE_ENDS[i])) {
            e -= strlen(TITLE_ENDS[i]);
            break;
        }
    if (nt_ends(t, s, e, "的")) e -= strlen("的");
    static const char *const VERBS[] = {"印发", "转发", "做好", "下达", "公布", "实施", NULL};
    const char *v = nt_match(t, s, e, VERBS);
    if (v) {
        s += strlen(v);
        if (strcmp(v, "做好") == 0 && nt_ends(t, s, e, "工作")) e -= strlen("工作");
    }
    size_t open = nt_find(t, s, e, "《"), close = nt_rfind(t, s, e, "》");
    NPiece tp = {s, e, NULL};
    if (open != NPOS && close != NPOS && close > open) tp = (NPiece){open + strlen("《"), close, NULL};
    p->title = ntext_join(t, &tp, 1, c->a);
    set_year_from(c, tp.s, tp.e);
    nnote(c, "title", ls, le, NULL);
    if (p->year) nnote(c, "year", ls, le, NULL);
    if (p->issuer && is < about) nnote(c, "issuer", ls, le, NULL);
    else if (p->issuer) nnote(c, "issuer", is, ie, NULL);
}

/* ---- ending ----------------------------------------------------------------------- */

/* A signature line as published, its names joined with 、: two offices
 * signing jointly are spaced apart on one line. */
static char *names_of_line(NCtx *c, size_t s, size_t e)
{
    const char *o = ntext_orig(&c->t, s, e, c->a);
    Buf b = BUF_INIT(c->a);
    bool gap = false;
    for (const char *p = o; *p;) {
        if (*p == ' ' || *p == '\t') {
            gap = true;
            p++;
        } else if (strncmp(p, "　", strlen("　")) == 0) {
            gap = true;
            p += strlen("　");
        } else {
            if (gap && b.len) buf_puts(&b, "、");
            gap = false;
            buf_putc(&b, *p++);
        }
    }
    return arena_strdup(c->a, buf_str(&b));
}

/* The first line of the attachment section ("附件" or "附件1" alone), or n_lines. */
static size_t attachment_line(const NCtx *c)
{
    const NText *t = &c->t;
    for (size_t l = c->tail_line; l < c->n_lines; l++) {
        const NLine *ln = &c->lines[l];
        size_t s = nt_skip_space(t, ln->s, ln->e), e = nt_trim_end(t, s, ln->e);
        if (!nt_at(t, s, e, "附件")) continue;
        size_t p = s + strlen("附件");
        while (p < e && ((t->s[p] >= '0' && t->s[p] <= '9') || t->s[p] == ':')) p++;
        if (p == e) return l;
    }
    return c->n_lines;
}

/* A phone number after pos: digits with - ( ) and at least 7 digits. */
static bool phone_after(NCtx *c, size_t pos, size_t end, char **out)
{
    const NText *t = &c->t;
    pos = nt_skip_space(t, pos, end);
    if (nt_at(t, pos, end, ":")) pos++;
    pos = nt_skip_space(t, pos, end);
    size_t p = pos;
    int digits = 0;
    while (p < end && p - pos < 40 &&
           ((t->s[p] >= '0' && t->s[p] <= '9') || t->s[p] == '-' || t->s[p] == '(' ||
            t->s[p] == ')' || t->s[p] == ' ')) {
        if (t->s[p] >= '0' && t->s[p] <= '9') digits++;
        p++;
    }
    /* "（电话：（0538）6625011）": a closing bracket without its opening one
     * belongs to the sentence, not the number */
    for (;;) {
        int open = 0, close = 0;
        for (size_t i = pos; i < p; i++) {
            open += t->s[i] == '(';
            close += t->s[i] == ')';
        }
        if (p > pos && (t->s[p - 1] == '-' || t->s[p - 1] == ' ' || t->s[p - 1] == '(' ||
                        (t->s[p - 1] == ')' && close > open)))
            p--;
        else
            break;
    }
    if (digits < 7 || digits > 20) return false;
    *out = arena_strndup(c->a, t->s + pos, p - pos);
    return true;
}

static bool email_char(char ch, bool domain)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '.' || ch == '-' || (!domain && (ch == '_' || ch == '+' || ch == '%'));
}

static void contact(NCtx *c, size_t s, size_t e)
{
    const NText *t = &c->t;
    Programme *p = c->p;
    static const char *const PHONE[] = {"联系电话", "联系方式", "电话", "Tel", "TEL", NULL};
    for (size_t pos = s; pos < e && !p->phone; pos++) {
        const char *w = nt_match(t, pos, e, PHONE);
        if (w && phone_after(c, pos + strlen(w), e, &p->phone)) {
            size_t ss, se;
            nsentence(c, pos, &ss, &se);
            nnote(c, "contact.phone", ss, se, NULL);
        }
    }
    for (size_t at = s; at < e && !p->email; at++) {
        if (t->s[at] != '@') continue;
        size_t a = at, b = at + 1;
        while (a > s && email_char(t->s[a - 1], false)) a--;
        while (b < e && email_char(t->s[b], true)) b++;
        while (b > at + 1 && t->s[b - 1] == '.') b--;
        if (a == at || nt_find(t, at, b, ".") == NPOS) continue;
        p->email = arena_strndup(c->a, t->s + a, b - a);
        size_t ss, se;
        nsentence(c, at, &ss, &se);
        nnote(c, "contact.email", ss, se, NULL);
    }
}

static const char *const COORD_SUFFIX[] = {"办公室", "办", "中心", "局", "委", "会", "组",
                                           "部", "处", "室", NULL};

static bool coord_name(const NText *t, size_t s, size_t e)
{
    size_t n = nt_chars(t, s, e);
    if (n < 2 || n > 20) return false;
    for (size_t p = s; p < e;) {
        size_t next;
        if (!cp_is_han(nt_cp(t, p, e, &next))) return false;
        p = next;
    }
    for (size_t i = 0; COORD_SUFFIX[i]; i++)
        if (nt_ends(t, s, e, COORD_SUFFIX[i])) return true;
    return false;
}

/* The office that dispatches the work: the subject of a sentence about
 * 调度/督导/汇总 ("区妇儿办要定期开展工作调度"), else where reports go
 * ("报区妇儿办"). */
static void coordinator(NCtx *c, size_t s, size_t e)
{
    const NText *t = &c->t;
    static const char *const DISPATCH[] = {"调度", "督导", "督查", "统筹", "汇总", "通报", "协调", NULL};
    static const char *const STOP[] = {"要", "负责", "将", "牵头", "会同", "定期", "每", "按", "对",
                                       "于", "适时", "组织", NULL};
    size_t best_s = NPOS, best_e = 0, src = 0;
    for (size_t pos = s; pos < e && best_s == NPOS;) {
        size_t ss, se;
        nsentence(c, pos, &ss, &se);
        if (se <= pos) se = pos + 1;
        bool dispatch = false;
        for (size_t p = ss; p < se && !dispatch; p++) dispatch = nt_match(t, p, se, DISPATCH) != NULL;
        if (dispatch) {
            size_t a = nt_skip_space(t, ss, se);
            if (nt_at(t, a, se, "由")) a += strlen("由");
            size_t b = a, bmax = a + 90 < se ? a + 90 : se;
            while (b < bmax && !nt_match(t, b, se, STOP)) {
                size_t next;
                if (!cp_is_han(nt_cp(t, b, se, &next))) break;
                b = next;
            }
            if (!nt_at(t, a, se, "各") && !nt_at(t, a, se, "全") && coord_name(t, a, b)) {
                best_s = a;
                best_e = b;
                src = a;
            }
        }
        pos = se;
    }
    static const char *const NOT_AFTER[] = {"告", "表", "名", "道", "刊", "纸", "销", "价", "批", NULL};
    static const char *const TRAIL[] = {"汇总", "备案", "审核", "审定", "统一", NULL};
    int tries = 0; /* a notice says where reports go a few times, not thousands */
    for (size_t pos = s; pos < e && best_s == NPOS && tries < 200; pos++) {
        if (!nt_at(t, pos, e, "报")) continue;
        tries++;
        size_t a = pos + strlen("报");
        if (nt_match(t, a, e, NOT_AFTER)) continue;
        if (nt_at(t, a, e, "送")) a += strlen("送");
        if (nt_at(t, a, e, "至") || nt_at(t, a, e, "到") || nt_at(t, a, e, "给")) a += strlen("至");
        size_t b = a, bmax = a + 90 < e ? a + 90 : e; /* a name is short */
        while (b < bmax && !nt_match(t, b, e, TRAIL)) {
            size_t next;
            if (!cp_is_han(nt_cp(t, b, e, &next))) break;
            b = next;
        }
        if (coord_name(t, a, b)) {
            best_s = a;
            best_e = b;
            src = a;
        }
    }
    if (best_s == NPOS) {
        nnote(c, "coordinator", NPOS, 0, "未找到负责调度的协调办公室（如“报区妇儿办”），请填写");
        return;
    }
    NPiece pc = {best_s, best_e, NULL};
    c->p->coordinator = ntext_join(t, &pc, 1, c->a);
    size_t ss, se;
    nsentence(c, src, &ss, &se);
    nnote(c, "coordinator", ss, se, NULL);
}

/* How often units report: a sentence about reporting that says 每月 or
 * 按月 makes it monthly; quarterly (the default) otherwise. */
static void cadence(NCtx *c, size_t s, size_t e)
{
    const NText *t = &c->t;
    static const char *const MONTHLY[] = {"每月", "按月", "月报", NULL};
    static const char *const QUARTERLY[] = {"每季度", "按季度", "季度", "季报", NULL};
    for (size_t pos = s; pos < e;) {
        size_t ss, se;
        nsentence(c, pos, &ss, &se);
        if (se <= pos) se = pos + 1;
        bool report = nt_find(t, ss, se, "报") != NPOS;
        for (size_t p = ss; report && p < se; p++) {
            if (nt_match(t, p, se, MONTHLY)) {
                c->p->reporting = CADENCE_MONTHLY;
                nnote(c, "reporting", ss, se, "按月报送：已设为每月一轮，请核对");
                return;
            }
            if (nt_match(t, p, se, QUARTERLY)) {
                nnote(c, "reporting", ss, se, NULL);
                return;
            }
        }
        pos = se;
    }
}

void nmeta_tail(NCtx *c)
{
    const NText *t = &c->t;
    Programme *p = c->p;
    size_t attach = attachment_line(c);
    size_t date_l = NPOS;
    int days = DATE_NONE;
    for (size_t l = c->tail_line; l < attach && date_l == NPOS; l++)
        if (!c->lines[l].cell && date_line(c, l, &days)) date_l = l;
    for (size_t l = 0; l < c->title_end_line && date_l == NPOS; l++)
        if (date_line(c, l, &days)) date_l = l;
    if (date_l != NPOS) {
        p->issued = days;
        nnote(c, "issued", c->lines[date_l].s, c->lines[date_l].e, NULL);
        /* the signature above the date is the issuer as it signs */
        for (size_t l = date_l; l-- > c->tail_line;) {
            if (line_blank(c, l)) continue;
            const NLine *ln = &c->lines[l];
            size_t s = nt_skip_space(t, ln->s, ln->e), e = nt_trim_end(t, s, ln->e);
            if (nt_chars(t, s, e) > 40 || nt_find(t, s, e, ":") != NPOS ||
                nt_find(t, s, e, "。") != NPOS || nt_find(t, s, e, ",") != NPOS ||
                nt_at(t, s, e, "附件"))
                break;
            char *sig = names_of_line(c, s, e);
            if (!p->issuer) {
                p->issuer = sig;
                nnote(c, "issuer", s, e, NULL);
            } else if (strcmp(sig, p->issuer) != 0) {
                nnote(c, "issuer", s, e, "文头与落款的发文单位不同，已按文头填写，请核对");
            }
            break;
        }
        if (!p->year) {
            int y, m, d;
            date_to_ymd(days, &y, &m, &d);
            p->year = y;
            nnote(c, "year", c->lines[date_l].s, c->lines[date_l].e, "标题中没有年度，按发文日期的年份");
        }
    } else {
        nnote(c, "issued", NPOS, 0, "未找到发文日期，请填写");
    }
    if (!p->year) nnote(c, "year", NPOS, 0, "未找到年度，请填写");
    if (!p->issuer) nnote(c, "issuer", NPOS, 0, "未找到发文单位，请填写");
    size_t ts = c->tail_pos, te = attach < c->n_lines ? c->lines[attach].s : t->len;
    contact(c, ts, te);
    if (!p->phone && !p->email) contact(c, 0, t->len);
    /* 此件公开发布 */
    static const char *const PUBLIC[] = {"此件公开发布", "此件主动公开", "主动公开", "公开发布", NULL};
    static const char *const PRIVATE[] = {"此件不公开", "不予公开", "依申请公开", "此件不宜公开", NULL};
    size_t pub = NPOS, priv = NPOS;
    for (size_t pos = 0; pos < t->len && pub == NPOS && priv == NPOS; pos++) {
        if (nt_match(t, pos, t->len, PRIVATE)) priv = pos;
        else if (pos >= c->tail_pos && nt_match(t, pos, t->len, PUBLIC)) pub = pos;
    }
    if (pub != NPOS || priv != NPOS) {
        size_t at = pub != NPOS ? pub : priv, ss, se;
        p->is_public = pub != NPOS;
        nsentence(c, at, &ss, &se);
        nnote(c, "public", ss, se, NULL);
    } else {
        p->is_public = false;
        nnote(c, "public", NPOS, 0, "通知中未见“此件公开发布”，按不公开处理，请确认");
    }
    coordinator(c, ts, te);
    cadence(c, ts, te);
    /* 附件：… names the report form; the attachment's own title wins later */
    for (size_t l = c->tail_line; l < attach; l++) {
        const NLine *ln = &c->lines[l];
        size_t s = nt_skip_space(t, ln->s, ln->e), e = nt_trim_end(t, s, ln->e);
        if (!nt_at(t, s, e, "附件")) continue;
        size_t a = s + strlen("附件");
        while (a < e && ((t->s[a] >= '0' && t->s[a] <= '9') || t->s[a] == ':' || t->s[a] == '.'))
            a++;
        if (a < e) {
            NPiece pc = {a, e, NULL};
            p->report_form_title = ntext_join(t, &pc, 1, c->a);
            nnote(c, "report_form_title", s, e, NULL);
        }
        break;
    }
}
