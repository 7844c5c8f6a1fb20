/* programme.c - defaults, validation and queries of a programme. See programme.h. */
#include "core/programme.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/progress.h"
#include "lib/timeutil.h"
#include "lib/utf8.h"

void programme_apply_defaults(Programme *p)
{
    if (p->start == DATE_NONE && p->year) p->start = date_from_ymd(p->year, 1, 1);
    if (p->deadline == DATE_NONE && p->year) p->deadline = date_from_ymd(p->year, 12, 31);
    if (p->lag_threshold <= 0) p->lag_threshold = PROGRESS_DEFAULT_THRESHOLD;
    if (p->near_deadline_days <= 0) p->near_deadline_days = 30;
    for (size_t i = 0; i < p->n_projects; i++) {
        Project *pr = &p->projects[i];
        if (pr->deadline == DATE_NONE) pr->deadline = p->deadline;
        if (pr->n_units > 0 && !project_lead(pr)) pr->units[0].role = UNIT_LEAD;
    }
}

/* Text fields: valid UTF-8, within a length in characters. */
static int check_text(const char *s, size_t max_chars, bool required, const char *field,
                      const char *label, Err *e)
{
    if (required && utf8_blank(s)) return err_set(e, ERR_INVALID, field, "%s不能为空", label);
    if (!s) return 0;
    if (!utf8_valid(s, strlen(s))) return err_set(e, ERR_INVALID, field, "%s含有无效字符", label);
    if (utf8_chars(s) > max_chars)
        return err_set(e, ERR_INVALID, field, "%s过长（最多%zu个字）", label, max_chars);
    return 0;
}

static int validate_project(const Programme *p, const Project *pr, size_t i, Err *e)
{
    char f[96];
#define FIELD(...) (snprintf(f, sizeof f, __VA_ARGS__), f)
    if (pr->no < 1) return err_set(e, ERR_INVALID, FIELD("projects[%zu].no", i), "序号必须是正整数");
    for (size_t j = 0; j < i; j++)
        if (p->projects[j].no == pr->no)
            return err_set(e, ERR_INVALID, FIELD("projects[%zu].no", i), "序号%d重复", pr->no);
    if (check_text(pr->title, 300, true, FIELD("projects[%zu].title", i), "实事名称", e) < 0 ||
        check_text(pr->report_title, 300, true, FIELD("projects[%zu].report_title", i),
                   "报表中的实事名称", e) < 0 ||
        check_text(pr->text, 20000, false, FIELD("projects[%zu].text", i), "实事内容", e) < 0)
        return -1;
    if (pr->deadline == DATE_NONE)
        return err_set(e, ERR_INVALID, FIELD("projects[%zu].deadline", i), "请填写完成时限");
    if (pr->deadline < p->start)
        return err_set(e, ERR_INVALID, FIELD("projects[%zu].deadline", i),
                       "完成时限不能早于实施开始日期");
    if (pr->n_units == 0)
        return err_set(e, ERR_INVALID, FIELD("projects[%zu].units", i), "至少需要一个责任单位");
    for (size_t u = 0; u < pr->n_units; u++) {
        const ProjectUnit *pu = &pr->units[u];
        if (check_text(pu->unit_name, 100, true, FIELD("projects[%zu].units[%zu].name", i, u),
                       "单位名称", e) < 0)
            return -1;
        for (size_t v = 0; v < u; v++)
            if (strcmp(pr->units[v].unit_name, pu->unit_name) == 0)
                return err_set(e, ERR_INVALID, FIELD("projects[%zu].units[%zu].name", i, u),
                               "单位“%s”重复", pu->unit_name);
        if ((unsigned)pu->role >= UNIT_ROLE__MAX)
            return err_set(e, ERR_INVALID, FIELD("projects[%zu].units[%zu].role", i, u),
                           "单位角色无效");
        if (check_text(pu->department, 100, false,
                       FIELD("projects[%zu].units[%zu].department", i, u), "责任科室", e) < 0 ||
            check_text(pu->person, 50, false, FIELD("projects[%zu].units[%zu].person", i, u),
                       "责任人", e) < 0 ||
            check_text(pu->phone, 50, false, FIELD("projects[%zu].units[%zu].phone", i, u),
                       "联系电话", e) < 0)
            return -1;
        if (pu->phone && *pu->phone && !phone_valid(pu->phone))
            return err_set(e, ERR_INVALID, FIELD("projects[%zu].units[%zu].phone", i, u),
                           "联系电话格式不正确");
    }
    if (!project_lead(pr))
        return err_set(e, ERR_INVALID, FIELD("projects[%zu].units", i), "需要指定牵头单位");
    for (size_t k = 0; k < pr->n_indicators; k++) {
        const Indicator *ind = &pr->indicators[k];
        if (check_text(ind->name, 200, true, FIELD("projects[%zu].indicators[%zu].name", i, k),
                       "指标名称", e) < 0 ||
            check_text(ind->measure, 20, true,
                       FIELD("projects[%zu].indicators[%zu].measure", i, k), "计量单位", e) < 0)
            return -1;
        if (!isfinite(ind->target) || ind->target < 0 || ind->target > 1e12)
            return err_set(e, ERR_INVALID, FIELD("projects[%zu].indicators[%zu].target", i, k),
                           "目标值必须是不小于0的数");
        if (strcmp(ind->measure, "%") == 0 && ind->target > 100)
            return err_set(e, ERR_INVALID, FIELD("projects[%zu].indicators[%zu].target", i, k),
                           "百分比目标不能超过100");
        if ((unsigned)ind->cmp >= CMP__MAX)
            return err_set(e, ERR_INVALID, FIELD("projects[%zu].indicators[%zu].comparator", i, k),
                           "比较方式无效");
        if (ind->owner_name) {
            bool found = false;
            for (size_t u = 0; u < pr->n_units; u++)
                if (strcmp(pr->units[u].unit_name, ind->owner_name) == 0) found = true;
            if (!found)
                return err_set(e, ERR_INVALID, FIELD("projects[%zu].indicators[%zu].owner", i, k),
                               "指标负责单位“%s”不是本项目的责任单位", ind->owner_name);
        }
    }
    for (size_t k = 0; k < pr->n_standards; k++) {
        const Standard *s = &pr->standards[k];
        if (check_text(s->name, 200, true, FIELD("projects[%zu].standards[%zu].name", i, k),
                       "标准名称", e) < 0 ||
            check_text(s->measure, 20, true, FIELD("projects[%zu].standards[%zu].measure", i, k),
                       "标准单位", e) < 0)
            return -1;
        if (s->amount_fen < 0)
            return err_set(e, ERR_INVALID, FIELD("projects[%zu].standards[%zu].amount", i, k),
                           "金额不能为负数");
    }
#undef FIELD
    return 0;
}

int programme_validate(const Programme *p, Err *e)
{
    if (check_text(p->title, 300, true, "title", "实事名称（通知标题）", e) < 0) return -1;
    if (p->year < 1900 || p->year > 2999) return err_set(e, ERR_INVALID, "year", "年度无效");
    if (check_text(p->issuer, 100, false, "issuer", "发文单位", e) < 0 ||
        check_text(p->coordinator, 100, true, "coordinator", "协调办公室", e) < 0 ||
        check_text(p->phone, 50, false, "phone", "联系电话", e) < 0 ||
        check_text(p->email, 200, false, "email", "电子邮箱", e) < 0 ||
        check_text(p->report_form_title, 300, false, "report_form_title", "报表标题", e) < 0)
        return -1;
    if (p->email && *p->email && !strchr(p->email, '@'))
        return err_set(e, ERR_INVALID, "email", "电子邮箱格式不正确");
    if ((unsigned)p->reporting >= CADENCE__MAX)
        return err_set(e, ERR_INVALID, "reporting", "报送周期无效");
    if (p->start == DATE_NONE) return err_set(e, ERR_INVALID, "start", "请填写实施开始日期");
    if (p->deadline == DATE_NONE) return err_set(e, ERR_INVALID, "deadline", "请填写完成时限");
    if (p->deadline < p->start)
        return err_set(e, ERR_INVALID, "deadline", "完成时限不能早于实施开始日期");
    if (!(p->lag_threshold > 0 && p->lag_threshold <= 1))
        return err_set(e, ERR_INVALID, "lag_threshold", "滞后阈值必须在0到1之间");
    if ((unsigned)p->warning_scheme >= WARNING_SCHEME__MAX)
        return err_set(e, ERR_INVALID, "warning_scheme", "预警方式无效");
    if (p->near_deadline_days < 0 || p->near_deadline_days > 365)
        return err_set(e, ERR_INVALID, "near_deadline_days", "临近时限天数必须在0到365之间");
    if (p->n_projects == 0) return err_set(e, ERR_INVALID, "projects", "至少需要一个实事项目");
    for (size_t i = 0; i < p->n_projects; i++)
        if (validate_project(p, &p->projects[i], i, e) < 0) return -1;
    return 0;
}

size_t programme_units(const Programme *p, Arena *a, const ProjectUnit ***units)
{
    size_t cap = 0, n = 0;
    for (size_t i = 0; i < p->n_projects; i++) cap += p->projects[i].n_units;
    const ProjectUnit **out = ARENA_ARRAY(a, const ProjectUnit *, cap + 1);
    for (size_t i = 0; i < p->n_projects; i++) {
        const Project *pr = &p->projects[i];
        for (size_t u = 0; u < pr->n_units; u++) {
            const ProjectUnit *pu = &pr->units[u];
            bool seen = false;
            for (size_t k = 0; k < n && !seen; k++) seen = strcmp(out[k]->unit_name, pu->unit_name) == 0;
            if (!seen) out[n++] = pu;
        }
    }
    *units = out;
    return n;
}

size_t programme_unit_names(const Programme *p, Arena *a, const char ***names)
{
    const ProjectUnit **units;
    size_t n = programme_units(p, a, &units);
    const char **out = ARENA_ARRAY(a, const char *, n + 1);
    for (size_t k = 0; k < n; k++) out[k] = units[k]->unit_name;
    *names = out;
    return n;
}

const ProjectUnit *project_lead(const Project *pr)
{
    for (size_t u = 0; u < pr->n_units; u++)
        if (pr->units[u].role == UNIT_LEAD) return &pr->units[u];
    return NULL;
}

const char *indicator_owner_name(const Project *pr, const Indicator *ind)
{
    if (ind->owner_name) return ind->owner_name;
    const ProjectUnit *lead = project_lead(pr);
    return lead ? lead->unit_name : NULL;
}

Id indicator_owner_id(const Project *pr, const Indicator *ind)
{
    if (ind->owner_unit_id) return ind->owner_unit_id;
    const ProjectUnit *lead = project_lead(pr);
    return lead ? lead->unit_id : 0;
}

const ProjectUnit *project_find_unit(const Project *pr, Id unit_id)
{
    for (size_t u = 0; u < pr->n_units; u++)
        if (pr->units[u].unit_id == unit_id) return &pr->units[u];
    return NULL;
}

const Indicator *project_find_indicator(const Project *pr, Id indicator_id)
{
    for (size_t k = 0; k < pr->n_indicators; k++)
        if (pr->indicators[k].id == indicator_id) return &pr->indicators[k];
    return NULL;
}

const Project *programme_find_project(const Programme *p, Id project_id)
{
    for (size_t i = 0; i < p->n_projects; i++)
        if (p->projects[i].id == project_id) return &p->projects[i];
    return NULL;
}

int project_deadline(const Programme *p, const Project *pr)
{
    return pr->deadline != DATE_NONE ? pr->deadline : p->deadline;
}

bool phone_valid(const char *s)
{
    if (!s) return false;
    int digits = 0;
    const char *p = s, *end = s + strlen(s);
    while (p < end) {
        int32_t cp = utf8_decode(&p, end);
        if (cp >= '0' && cp <= '9') digits++;
        else if (!(cp == '-' || cp == '+' || cp == '(' || cp == ')' || cp == ' ' || cp == '/' ||
                   cp == 0x8F6C /* 转 */ || cp == 0xFF08 || cp == 0xFF09 || cp == 0xFF0D))
            return false;
    }
    return digits >= 5 && digits <= 30;
}

char *format_number(Arena *a, double v)
{
    if (!isfinite(v)) return arena_strdup(a, "—");
    if (v == floor(v) && fabs(v) < 1e15) return arena_printf(a, "%.0f", v);
    char buf[64];
    snprintf(buf, sizeof buf, "%.4f", v);
    char *end = buf + strlen(buf) - 1;
    while (end > buf && *end == '0') *end-- = '\0';
    if (*end == '.') *end = '\0';
    return arena_strdup(a, buf);
}

char *format_percent(Arena *a, double share)
{
    return arena_printf(a, "%.1f%%", share * 100.0);
}

char *format_expected(Arena *a, const Indicator *ind, double share)
{
    double v = ind->target * share;
    if (ind->target == floor(ind->target)) return format_number(a, round(v));
    return format_number(a, round(v * 10) / 10);
}

char *format_yuan(Arena *a, int64_t fen)
{
    const char *sign = fen < 0 ? "-" : "";
    int64_t f = fen < 0 ? -fen : fen;
    if (f % 100 == 0) return arena_printf(a, "%s%lld", sign, (long long)(f / 100));
    if (f % 10 == 0) return arena_printf(a, "%s%lld.%lld", sign, (long long)(f / 100), (long long)(f % 100 / 10));
    return arena_printf(a, "%s%lld.%02lld", sign, (long long)(f / 100), (long long)(f % 100));
}
