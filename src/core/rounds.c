/* rounds.c - reporting rounds. See rounds.h. */
#include "core/rounds.h"

#include <string.h>

#include "lib/numeral.h"
#include "lib/timeutil.h"
#include "lib/utf8.h"

size_t rounds_generate(const Programme *p, Arena *a, Round **out)
{
    *out = NULL;
    if (p->start == DATE_NONE || p->deadline == DATE_NONE || p->deadline < p->start) return 0;
    int from = p->issued != DATE_NONE && p->issued > p->start ? p->issued : p->start;
    int y0, m0, d0, y1, m1, d1;
    date_to_ymd(p->start, &y0, &m0, &d0);
    date_to_ymd(p->deadline, &y1, &m1, &d1);
    int step = p->reporting == CADENCE_MONTHLY ? 1 : 3;
    size_t cap = (size_t)((y1 - y0 + 1) * 12 / step + 1), n = 0;
    Round *r = ARENA_ARRAY(a, Round, cap);
    /* walk period by period from the one containing the start */
    int y = y0, m = ((m0 - 1) / step) * step + 1;
    while (y < y1 || (y == y1 && m <= m1)) {
        int last_month = m + step - 1;
        int pstart = date_from_ymd(y, m, 1);
        int pend = date_from_ymd(y, last_month, date_days_in_month(y, last_month));
        if (pend >= from && pend <= p->deadline && n < cap) {
            Round *rd = &r[n++];
            rd->programme_id = p->id;
            rd->kind = ROUND_QUARTER;
            rd->name = step == 3 ? arena_printf(a, "%d年第%s季度", y, cn_number(a, (m - 1) / 3 + 1))
                                 : arena_printf(a, "%d年%d月", y, m);
            rd->period_start = pstart < p->start ? p->start : pstart;
            rd->period_end = pend;
            rd->due = pend + ROUND_DUE_DAYS;
        }
        m += step;
        if (m > 12) {
            m -= 12;
            y++;
        }
    }
    *out = r;
    return n;
}

int round_validate(const Programme *p, const Round *r, Err *e)
{
    if (!r->name || !*r->name) return err_set(e, ERR_INVALID, "name", "请填写轮次名称");
    if (!utf8_valid(r->name, strlen(r->name)) || utf8_chars(r->name) > 50)
        return err_set(e, ERR_INVALID, "name", "轮次名称过长或含有无效字符");
    if (r->period_end == DATE_NONE) return err_set(e, ERR_INVALID, "period_end", "请填写截止日期");
    if (r->due == DATE_NONE) return err_set(e, ERR_INVALID, "due", "请填写报送期限");
    if (r->period_start != DATE_NONE && r->period_start > r->period_end)
        return err_set(e, ERR_INVALID, "period_start", "统计起始日期不能晚于截止日期");
    if (r->period_end < p->start || r->period_end > p->deadline)
        return err_set(e, ERR_INVALID, "period_end", "截止日期必须在实施期内");
    if (r->due < r->period_end)
        return err_set(e, ERR_INVALID, "due", "报送期限不能早于统计截止日期");
    return 0;
}

int rounds_current(const Round *rounds, size_t n, int today)
{
    if (n == 0) return -1;
    for (size_t i = 0; i < n; i++)
        if (!rounds[i].closed && rounds[i].due >= today) return (int)i;
    return (int)n - 1;
}

const Round *rounds_find(const Round *rounds, size_t n, Id id)
{
    for (size_t i = 0; i < n; i++)
        if (rounds[i].id == id) return &rounds[i];
    return NULL;
}
