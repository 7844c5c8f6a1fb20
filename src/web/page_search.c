/*
 * page_search.c - GET /search?q=: full-text search for logged-in users
 * over projects, reports and ledger entries, each hit linking to its page
 * with a highlighted snippet. What a searcher may find is decided in
 * core/search.c; this page only draws it.
 *
 * Snippets hold user text with SEARCH_MARK_OPEN/CLOSE around matches: the
 * text between marks is escaped by html_printf and the marks become
 * literal <mark> tags, always balanced, so no stored text can inject
 * markup however it is written.
 */
#include <string.h>

#include "core/search.h"
#include "core/vocab.h"
#include "lib/timeutil.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/widgets.h"

static void snippet(Request *r, const char *s)
{
    static const char marks[] = SEARCH_MARK_OPEN SEARCH_MARK_CLOSE;
    bool open = false;
    html_raw(r, "<p class=\"snippet\">");
    while (*s) {
        size_t n = strcspn(s, marks);
        if (n) html_printf(r, "%s", arena_strndup(r->a, s, n));
        s += n;
        if (!*s) break;
        if (*s == SEARCH_MARK_OPEN[0] && !open) {
            html_raw(r, "<mark>");
            open = true;
        } else if (*s == SEARCH_MARK_CLOSE[0] && open) {
            html_raw(r, "</mark>");
            open = false;
        }
        s++;
    }
    if (open) html_raw(r, "</mark>");
    html_raw(r, "</p>");
}

static void hit_item(Request *r, const SearchHit *h)
{
    html_raw(r, "<li>");
    switch (h->kind) {
    case SEARCH_PROJECT:
        html_printf(r, "<a href=\"/project/%lld\">%d. %s</a>", (long long)h->project_id, h->project_no,
                    h->project_title);
        break;
    case SEARCH_REPORT:
        html_printf(r, "<a href=\"/report/%lld/%lld/%lld\">%s · %s · %d. %s</a> "
                       "<span class=\"badge rs-%s\">%s</span>",
                    (long long)h->round_id, (long long)h->project_id, (long long)h->unit_id,
                    h->unit_name, h->round_name, h->project_no, h->project_title,
                    report_status_name(h->status), report_status_label(h->status));
        break;
    case SEARCH_LEDGER:
        html_printf(r, "<a href=\"/unit/%lld/project/%lld/ledger\">%s · %s · %d. %s</a>",
                    (long long)h->unit_id, (long long)h->project_id, h->unit_name,
                    h->date == DATE_NONE ? "" : date_cn(r->a, h->date), h->project_no,
                    h->project_title);
        break;
    default:
        break;
    }
    snippet(r, h->text);
    html_raw(r, "</li>");
}

static void section(Request *r, const SearchResult *res, enum SearchKind k, const char *title)
{
    html_printf(r, "<section class=\"search-hits\"><h2>%s（%zu%s）</h2>", title, res->n[k],
                res->more[k] ? "+" : "");
    if (res->n[k] == 0) {
        html_raw(r, "<p class=\"muted\">没有找到。</p></section>");
        return;
    }
    html_raw(r, "<ol>");
    for (size_t i = 0; i < res->n[k]; i++) hit_item(r, &res->hits[k][i]);
    html_raw(r, "</ol>");
    if (res->more[k])
        html_printf(r, "<p class=\"hint\">只显示最相关的%d条，请输入更多关键词缩小范围。</p>", SEARCH_LIMIT);
    html_raw(r, "</section>");
}

void page_search(Request *r)
{
    const char *q = params_get(&r->query, "q");
    SearchResult res;
    bool searched = false;
    if (q && *q) {
        Err e = ERR_INIT;
        if (search_run(r->db, r->a, &r->actor, q, &res, &e) == 0) {
            searched = true;
        } else if (e.code == ERR_INVALID) {
            req_take_err(r, &e);
            r->status = 400;
        } else {
            widget_fail(r, &e);
            return;
        }
    }
    page_begin(r, "搜索");
    html_raw(r, "<h1>搜索</h1><form method=\"get\" action=\"/search\" class=\"search-page\" role=\"search\">");
    form_text(r, "q", "关键词", q, SEARCH_QUERY_MAX_CHARS, "search");
    html_raw(r, "<button type=\"submit\">搜索</button></form>"
                "<p class=\"hint\">可搜索实事项目、报告和工作台账中的文字，多个关键词用空格分开。"
                "三个字及以上按全文索引检索；只有一两个字的关键词按逐条包含匹配，较慢。</p>");
    if (searched) {
        section(r, &res, SEARCH_PROJECT, "实事项目");
        section(r, &res, SEARCH_REPORT, "报告");
        section(r, &res, SEARCH_LEDGER, "工作台账");
    }
    page_end(r);
}
