/* bulletin.c - the progress bulletin's text and DOCX. See bulletin.h. */
#include "io/bulletin.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/programme.h"
#include "lib/buf.h"
#include "lib/numeral.h"
#include "lib/timeutil.h"

char *bulletin_title(Arena *a, const BulletinFacts *f)
{
    const Programme *p = f->standing->programme;
    const char *round = f->standing->round ? f->standing->round->name : "";
    /* "2022年为全区妇女儿童办实事" + "第三季度": the year is said once */
    char year[16];
    snprintf(year, sizeof year, "%d年", p->year);
    if (strncmp(round, year, strlen(year)) == 0) round += strlen(year);
    return arena_printf(a, "关于%s%s进展情况的通报", p->title, round);
}

static const char *units_of(Arena *a, const Project *pr)
{
    Buf b = BUF_INIT(a);
    for (size_t u = 0; u < pr->n_units; u++) {
        if (u) buf_puts(&b, "、");
        buf_puts(&b, pr->units[u].unit_name);
    }
    return buf_str(&b);
}

/* "实施婴幼儿关爱项目（区卫健局、区总工会）、扩大儿童健康保障范围（临淄医保分局）" */
static void list_projects(Buf *b, Arena *a, const Standing *st, enum Status s)
{
    bool first = true;
    for (size_t i = 0; i < st->n_projects; i++) {
        if (st->projects[i].status != s) continue;
        const Project *pr = st->projects[i].project;
        buf_printf(b, "%s%s（%s）", first ? "" : "、", pr->report_title, units_of(a, pr));
        first = false;
    }
}

static void lag_details(Buf *b, Arena *a, const Standing *st, enum Status s)
{
    for (size_t i = 0; i < st->n_projects; i++) {
        const ProjectStanding *ps = &st->projects[i];
        if (ps->status != s) continue;
        buf_printf(b, "%s（%s）：", ps->project->report_title, units_of(a, ps->project));
        bool first = true;
        for (size_t k = 0; k < ps->n_indicators; k++) {
            const IndicatorStanding *is = &ps->indicators[k];
            if (is->status != STATUS_BEHIND && is->status != STATUS_SERIOUS) continue;
            const Indicator *ind = is->indicator;
            buf_printf(b, "%s%s完成%s%s，完成率%s，低于序时进度%.1f个百分点", first ? "" : "；", ind->name,
                       format_number(a, is->actual), ind->measure, format_percent(a, is->completion),
                       (is->expected - is->completion) * 100);
            first = false;
        }
        buf_puts(b, "。\n");
    }
}

static void pairs(Buf *b, const BulletinPair *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf_printf(b, "%s%s（%s）", i ? "、" : "", v[i].unit, v[i].project->report_title);
}

char *bulletin_text(Arena *a, const BulletinFacts *f)
{
    const Standing *st = f->standing;
    const Programme *p = st->programme;
    const Round *rd = st->round;
    Buf b = BUF_INIT(a);
    double e = f->expected_share;
    buf_printf(&b, "%s\n各有关单位：\n", bulletin_title(a, f));
    buf_printf(&b, "%s共%zu项。截至%s，按照“时间过半、任务过半”的序时进度要求（应完成%s），已完成%d项，序时推进%d项，滞后%d项，严重滞后%d项",
               p->title, st->n_projects, rd ? date_cn(a, rd->period_end) : "", format_percent(a, e), st->count[STATUS_DONE],
               st->count[STATUS_ON_SCHEDULE], st->count[STATUS_BEHIND], st->count[STATUS_SERIOUS]);
    int self = st->count[STATUS_IN_PROGRESS] + st->count[STATUS_NOT_STARTED] + st->count[STATUS_NO_DATA];
    if (self) buf_printf(&b, "，另有%d项无量化指标的项目由责任单位自评进展", self);
    buf_puts(&b, "。现将有关情况通报如下。\n");

    int h = 0;
    buf_printf(&b, "%s、总体进展情况\n", cn_number(a, ++h));
    static const struct { enum Status s; const char *label; } GROUPS[] = {
        {STATUS_DONE, "已完成的项目"}, {STATUS_ON_SCHEDULE, "按序时进度推进的项目"},
        {STATUS_IN_PROGRESS, "自评推进中的项目"}, {STATUS_NOT_STARTED, "自评尚未启动的项目"},
    };
    for (size_t g = 0; g < sizeof GROUPS / sizeof *GROUPS; g++) {
        if (!st->count[GROUPS[g].s]) continue;
        buf_printf(&b, "%s%d项：", GROUPS[g].label, st->count[GROUPS[g].s]);
        list_projects(&b, a, st, GROUPS[g].s);
        buf_puts(&b, "。\n");
    }
    if (st->count[STATUS_BEHIND] || st->count[STATUS_SERIOUS]) {
        buf_printf(&b, "%s、滞后项目情况\n", cn_number(a, ++h));
        if (st->count[STATUS_SERIOUS]) {
            buf_printf(&b, "（一）严重滞后%d项\n", st->count[STATUS_SERIOUS]);
            lag_details(&b, a, st, STATUS_SERIOUS);
        }
        if (st->count[STATUS_BEHIND]) {
            buf_printf(&b, "（%s）滞后%d项\n", st->count[STATUS_SERIOUS] ? "二" : "一", st->count[STATUS_BEHIND]);
            lag_details(&b, a, st, STATUS_BEHIND);
        }
    }
    buf_printf(&b, "%s、报送情况\n", cn_number(a, ++h));
    buf_printf(&b, "本期应报送进展情况%zu份，按时报送%zu份", f->expected, f->on_time);
    if (f->n_late) {
        buf_printf(&b, "；逾期报送%zu份：", f->n_late);
        pairs(&b, f->late, f->n_late);
    }
    if (f->n_missing) {
        buf_printf(&b, "；截至通报时未报送%zu份：", f->n_missing);
        pairs(&b, f->missing, f->n_missing);
    }
    if (f->n_returned) {
        buf_printf(&b, "；退回修改尚未重新报送%zu份：", f->n_returned);
        pairs(&b, f->returned, f->n_returned);
    }
    buf_puts(&b, "。\n");

    buf_printf(&b, "%s、各项指标完成情况\n", cn_number(a, ++h));
    for (size_t i = 0; i < st->n_projects; i++) {
        const ProjectStanding *ps = &st->projects[i];
        buf_printf(&b, "（%s）%s：", cn_number(a, (int)i + 1), ps->project->report_title);
        if (!ps->n_indicators) buf_printf(&b, "无量化指标，责任单位自评为%s", f->status_label[ps->status]);
        for (size_t k = 0; k < ps->n_indicators; k++) {
            const IndicatorStanding *is = &ps->indicators[k];
            const Indicator *ind = is->indicator;
            buf_printf(&b, "%s%s%s%s（目标%s%s，完成率%s）", k ? "；" : "", ind->name,
                       is->has_actual ? format_number(a, is->actual) : "未报", is->has_actual ? ind->measure : "",
                       format_number(a, ind->target), ind->measure, format_percent(a, is->completion));
        }
        buf_puts(&b, "。\n");
    }
    buf_printf(&b, "%s、下步工作要求\n", cn_number(a, ++h));
    buf_puts(&b, "各责任单位要对照目标任务和序时进度要求，进一步细化措施、压实责任，确保各项实事高标准、高质量完成。"
                 "滞后项目的责任单位要认真分析原因，制定整改措施，加快推进进度；未按时报送的单位要及时补报，"
                 "并按季度将进展情况电子版报送。\n");
    buf_printf(&b, "%s\n%s\n", f->coordinator ? f->coordinator : "", date_cn(a, f->date));
    return arena_strdup(a, buf_str(&b));
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* "一、" to "十、" */
static bool heading1(const char *s)
{
    for (int i = 1; i <= 10; i++) {
        char cn[CN_NUMBER_MAX];
        size_t n = strlen(cn_number_to(i, cn));
        if (strncmp(s, cn, n) == 0 && starts_with(s + n, "、")) return true;
    }
    return false;
}

int bulletin_docx(Arena *a, const char *text, void **out, size_t *len, Err *e)
{
    /* split into lines */
    size_t cap = 16, n = 0;
    const char **lines = ARENA_ARRAY(a, const char *, cap);
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t l = nl ? (size_t)(nl - p) : strlen(p);
        while (l && (p[l - 1] == '\r' || p[l - 1] == ' ')) l--;
        if (l) {
            if (n == cap) {
                lines = arena_grow(a, lines, n, cap * 2, sizeof *lines);
                cap *= 2;
            }
            lines[n++] = arena_strndup(a, p, l);
        }
        if (!nl) break;
        p = nl + 1;
    }
    if (n == 0) return err_set(e, ERR_INVALID, "text", "通报内容为空");
    DocBlock *blocks = ARENA_ARRAY(a, DocBlock, n + 1);
    size_t nb = 0;
    size_t sig_from = n >= 3 ? n - 2 : n; /* the office and the date */
    for (size_t i = 1; i < n; i++) {
        const char *s = lines[i];
        DocBlockKind kind = DOC_BODY;
        if (i >= sig_from) kind = DOC_SIGNATURE;
        else if (heading1(s)) kind = DOC_HEADING1;
        else if (starts_with(s, "（")) kind = DOC_HEADING2;
        else if (i == 1 && strlen(s) >= 3 && strcmp(s + strlen(s) - 3, "：") == 0) kind = DOC_PLAIN;
        /* a level-2 heading followed by its text on the same line stays body text */
        if (kind == DOC_HEADING2 && strstr(s, "）") && strlen(strstr(s, "）")) > 3 + 30) kind = DOC_BODY;
        blocks[nb++] = (DocBlock){kind, s};
    }
    DocDocument d = {NULL, lines[0], NULL, blocks, nb};
    return docx_document(&d, a, out, len, e);
}
