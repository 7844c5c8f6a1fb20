/*
 * page_public.c - /public/: what anyone may read without logging in. The
 * notice itself is public (此件公开发布): each project's title, text, units
 * and targets. Nothing internal appears here: no report, draft, comment,
 * person or phone of a unit. The page is rendered once per change of the
 * data and then served from memory (with an ETag).
 */
#include "core/programme.h"
#include "core/vocab.h"
#include "db/store.h"
#include "lib/timeutil.h"
#include "web/cache.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/widgets.h"

static void public_programme(Request *r, const Programme *p)
{
    html_printf(r, "<article class=\"public-programme\"><h1>%s</h1><p class=\"meta\">", p->title);
    if (p->issuer) html_printf(r, "%s", p->issuer);
    if (p->issued != DATE_NONE) html_printf(r, " %s印发", date_cn(r->a, p->issued));
    html_raw(r, "</p>");
    for (size_t i = 0; i < p->n_projects; i++) {
        const Project *pr = &p->projects[i];
        html_printf(r, "<section class=\"public-project\"><h2>%d. %s</h2><p>%s</p><p class=\"meta\">责任单位：",
                    pr->no, pr->title, pr->text);
        for (size_t u = 0; u < pr->n_units; u++)
            html_printf(r, "%s%s", u ? "、" : "", pr->units[u].unit_name);
        html_printf(r, " · 完成时限：%s</p>", date_cn(r->a, pr->deadline));
        if (pr->n_indicators) {
            html_raw(r, "<ul class=\"targets\">");
            for (size_t k = 0; k < pr->n_indicators; k++) {
                const Indicator *ind = &pr->indicators[k];
                html_printf(r, "<li>%s：%s%s%s</li>", ind->name, comparator_label(ind->cmp),
                            format_number(r->a, ind->target), ind->measure);
            }
            html_raw(r, "</ul>");
        }
        html_raw(r, "</section>");
    }
    html_raw(r, "<footer class=\"contact\">");
    if (p->coordinator) html_printf(r, "%s", p->coordinator);
    if (p->phone) html_printf(r, " · 联系电话：%s", p->phone);
    if (p->email) html_printf(r, " · 电子邮箱：%s", p->email);
    html_raw(r, "</footer></article>");
}

void page_public(Request *r)
{
    if (cache_lookup(r, CACHE_PUBLIC_INDEX, 0, db_generation(r->db))) return;
    ProgrammeSummary *list;
    size_t n;
    Err e = ERR_INIT;
    if (store_programme_list(r->db, r->a, &list, &n, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    /* the page is the same for everyone: render it as for a visitor */
    bool logged_in = r->logged_in;
    r->logged_in = false;
    page_begin(r, "公开进展");
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        Programme *p;
        if (store_programme_load(r->db, r->a, list[i].id, &p, &e) < 0 || !p->is_public) continue;
        public_programme(r, p);
        any = true;
        break; /* the newest public programme; older ones are linked below */
    }
    if (!any) html_raw(r, "<h1>公开进展</h1><p>暂无公开的实事项目。</p>");
    page_end(r);
    r->logged_in = logged_in;
    cache_offer(r);
}
