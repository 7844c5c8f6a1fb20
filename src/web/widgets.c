/* widgets.c - shared markup pieces. See widgets.h. */
#include "web/widgets.h"

#include <time.h>

#include "db/store.h"
#include "lib/log.h"
#include "lib/timeutil.h"
#include "web/html.h"

void widget_status(Request *r, enum Status s)
{
    html_printf(r, "<span class=\"badge %s\">%s</span>", progress_status_class(s),
                progress_status_label(s));
}

void widget_rounds(Request *r, const char *before, const char *after, const Round *rounds, size_t n,
                   const Round *at)
{
    if (n == 0) return;
    html_raw(r, "<nav class=\"rounds\" aria-label=\"报送轮次\">");
    for (size_t i = 0; i < n; i++) {
        bool here = at && rounds[i].id == at->id;
        html_printf(r, "<a href=\"%s%lld%s\" aria-current=\"%s\">%s</a>", before, (long long)rounds[i].id,
                    after, here ? "true" : "false", rounds[i].name);
    }
    html_raw(r, "</nav>");
}

void widget_status_counts(Request *r, const Standing *st)
{
    static const enum Status order[] = {STATUS_DONE, STATUS_ON_SCHEDULE, STATUS_BEHIND,
                                        STATUS_SERIOUS, STATUS_IN_PROGRESS, STATUS_NOT_STARTED,
                                        STATUS_NO_DATA};
    html_raw(r, "<ul class=\"counts\">");
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        int n = st->count[order[i]];
        if (!n && order[i] >= STATUS_NOT_STARTED) continue;
        html_printf(r, "<li class=\"%s\"><b>%d</b> %s</li>", progress_status_class(order[i]), n,
                    progress_status_label(order[i]));
    }
    html_raw(r, "</ul>");
}

char *fmt_ts(Arena *a, const char *ts)
{
    int64_t t;
    if (!ts || !ts_parse(ts, &t)) return arena_strdup(a, "—");
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm);
    return arena_printf(a, "%d年%d月%d日 %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                        tm.tm_hour, tm.tm_min);
}

void widget_fail(Request *r, const Err *e)
{
    int status = http_status(e);
    if (status == 404) {
        resp_error(r, 404, "您要找的内容不存在");
        return;
    }
    if (status >= 500 || e->code == ERR_NONE) {
        log_error("%s %s: %s", r->method_name, r->path, e->msg);
        resp_error(r, 500, "服务器处理时出错，请稍后再试");
        return;
    }
    resp_error(r, status, e->msg);
}

bool widget_latest_programme(Request *r, const char *title, const char *empty, Id *id)
{
    Err e = ERR_INIT;
    *id = 0;
    if (store_programme_latest(r->db, id, &e) < 0) {
        widget_fail(r, &e);
        return false;
    }
    if (*id) return true;
    page_begin(r, title);
    html_printf(r, "<h1>%s</h1><p>%s</p>", title, empty);
    page_end(r);
    return false;
}
