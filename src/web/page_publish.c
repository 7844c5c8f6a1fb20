/*
 * page_publish.c - the coordinator decides what of a programme is public:
 * which round's accepted figures, and whether a 公示 window is open (and
 * until when). The page previews a choice exactly as the public will see
 * it (the same renderer as /public/) before it is published, and lists the
 * objections received.
 */
#include <string.h>

#include "core/publication.h"
#include "core/rounds.h"
#include "db/store.h"
#include "lib/timeutil.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/publish.h"
#include "web/widgets.h"

/* A choice of round and window, as the forms carry it. */
typedef struct Choice {
    Id round_id;          /* 0: no figures */
    int until;            /* DATE_NONE: no window */
} Choice;

static const char *publish_url(Request *r, Id programme_id)
{
    return arena_printf(r->a, "/admin/programme/%lld/publish", (long long)programme_id);
}

/* Reads round and objection_until from the query (the preview) or the
 * form (publishing). "" means none; a malformed value is a field error. */
static bool read_choice(Request *r, const ParamList *l, Choice *c)
{
    const char *round = params_get(l, "round");
    const char *until = params_get(l, "objection_until");
    bool ok = true;
    c->round_id = 0;
    c->until = DATE_NONE;
    if (round && *round && !param_id(l, "round", &c->round_id)) {
        req_set_field_error(r, "round", "请选择轮次");
        ok = false;
    }
    if (until && *until && !date_parse(until, &c->until)) {
        req_set_field_error(r, "objection_until", "日期格式应为2022-11-30");
        c->until = DATE_NONE;
        ok = false;
    }
    return ok;
}

static void status_line(Request *r, const PublicationRow *pub, const Round *rounds, size_t n)
{
    const Round *cur = rounds_find(rounds, n, pub->round_id);
    html_raw(r, "<p class=\"notice\">当前公开：");
    if (cur)
        html_printf(r, "%s已采纳的数据（数据截至%s）", cur->name, date_cn(r->a, cur->period_end));
    else
        html_raw(r, "仅通知内容，未公开进展数据");
    if (pub->objection_until != DATE_NONE)
        html_printf(r, "；公示截止%s%s", date_cn(r->a, pub->objection_until),
                    pub->objection_until < date_today() ? "（已结束）" : "");
    else
        html_raw(r, "；未设公示期");
    if (pub->updated_at) html_printf(r, "。最后修改于%s", fmt_ts(r->a, pub->updated_at));
    html_raw(r, "。</p>");
}

/* The round selector, each round with how many of its reports are accepted. */
static void round_select(Request *r, const Round *rounds, size_t n, const Report *reps, size_t n_reps,
                         Id selected)
{
    html_printf(r, "<label class=\"field\"><span>公开哪一轮的数据</span><select name=\"round\">"
                   "<option value=\"\"%s>不公开进展数据（仅公开通知内容）</option>",
                selected ? "" : " selected");
    for (size_t i = 0; i < n; i++) {
        int accepted = 0, total = 0;
        for (size_t k = 0; k < n_reps; k++) {
            if (reps[k].round_id != rounds[i].id) continue;
            total++;
            if (reps[k].status == REPORT_ACCEPTED) accepted++;
        }
        html_printf(r, "<option value=\"%lld\"%s>%s（截至%s，已采纳%d份/共%d份）</option>",
                    (long long)rounds[i].id, rounds[i].id == selected ? " selected" : "",
                    rounds[i].name, date_cn(r->a, rounds[i].period_end), accepted, total);
    }
    html_raw(r, "</select>");
    form_error(r, "round");
    html_raw(r, "</label>");
}

static void publish_page(Request *r, Id programme_id, const Choice *shown, bool saved)
{
    Programme *p;
    Round *rounds;
    Report *reps;
    size_t n_rounds, n_reps;
    PublicationRow pub;
    Err e = ERR_INIT;
    if (store_programme_load(r->db, r->a, programme_id, &p, &e) < 0 ||
        store_round_list(r->db, r->a, programme_id, &rounds, &n_rounds, &e) < 0 ||
        store_report_list_by_programme(r->db, r->a, programme_id, &reps, &n_reps, &e) < 0 ||
        store_publication_get(r->db, r->a, programme_id, &pub, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    Choice c = shown ? *shown : (Choice){pub.round_id, pub.objection_until};
    PublicView *v;
    Err pe = ERR_INIT;
    if (publication_preview(r->db, r->a, programme_id, c.round_id, c.until, date_today(), &v, &pe) < 0) {
        req_take_err(r, &pe);
        c.round_id = 0;
        if (publication_preview(r->db, r->a, programme_id, 0, c.until, date_today(), &v, &e) < 0) {
            widget_fail(r, &e);
            return;
        }
    }

    page_begin(r, "公开发布");
    html_printf(r, "<p class=\"crumbs\"><a href=\"/p/%lld\">%s</a></p><h1>公开发布</h1>",
                (long long)p->id, p->title);
    if (saved) html_raw(r, "<p class=\"notice ok\" role=\"status\">已发布。公开页面已更新。</p>");
    const char *msg = req_field_error(r, "_form");
    if (msg) html_printf(r, "<p class=\"notice error\" role=\"alert\">%s</p>", msg);
    if (!p->is_public)
        html_raw(r, "<p class=\"notice error\">本计划未标记为“此件公开发布”，公开页面不会显示它。</p>");
    status_line(r, &pub, rounds, n_rounds);
    html_printf(r, "<p><a href=\"/public/p/%lld\">查看公开页面</a> · "
                   "<a href=\"/admin/programme/%lld/objections\">收到的意见</a></p>",
                (long long)p->id, (long long)p->id);
    html_raw(r, "<p class=\"hint\">公开页面只显示所选轮次及以前各轮已采纳报告中的数据；草稿、"
                "已报未审、退回的数据，报告文字、退回理由、责任人及其电话一律不公开。</p>");

    html_raw(r, "<h2>1. 选择公开内容</h2>");
    html_printf(r, "<form method=\"get\" action=\"%s\"><div class=\"grid\">", publish_url(r, p->id));
    round_select(r, rounds, n_rounds, reps, n_reps, c.round_id);
    form_text(r, "objection_until", "公示截止日期（不填则不设公示期）",
              c.until == DATE_NONE ? NULL : date_iso(r->a, c.until), 20, "date");
    html_raw(r, "</div><button type=\"submit\">预览</button></form>");

    html_raw(r, "<h2>2. 预览</h2><div class=\"preview\">");
    publish_render(r, v, PUBLISH_PREVIEW);
    html_raw(r, "</div>");

    html_raw(r, "<h2>3. 发布</h2>");
    form_begin(r, publish_url(r, p->id));
    html_printf(r, "<input type=\"hidden\" name=\"round\" value=\"%s\">"
                   "<input type=\"hidden\" name=\"objection_until\" value=\"%s\">",
                c.round_id ? arena_printf(r->a, "%lld", (long long)c.round_id) : "",
                c.until == DATE_NONE ? "" : date_iso(r->a, c.until));
    html_raw(r, "<button type=\"submit\">按以上预览发布</button>");
    form_end(r);
    page_end(r);
}

static void publish_form(Request *r, Id programme_id)
{
    Choice c;
    bool asked = params_get(&r->query, "round") || params_get(&r->query, "objection_until");
    if (asked && !read_choice(r, &r->query, &c)) r->status = 400;
    publish_page(r, programme_id, asked ? &c : NULL, params_get(&r->query, "saved") != NULL);
}

void page_publish_latest(Request *r)
{
    Id id;
    /* the page itself rather than a redirect: its forms name the programme */
    if (widget_latest_programme(r, "公开发布", "暂无实事计划。导入通知后可在此选择公开的内容。", &id))
        publish_form(r, id);
}

void page_publish_form(Request *r)
{
    publish_form(r, req_path_id(r, 0));
}

void page_publish_save(Request *r)
{
    Id id = req_path_id(r, 0);
    Choice c;
    Err e = ERR_INIT;
    if (!read_choice(r, &r->form, &c) ||
        publication_set(r->db, r->a, &r->actor, id, c.round_id, c.until, date_today(), &e) < 0) {
        if (http_status(&e) >= 500 || (e.code == ERR_NOT_FOUND && !e.field[0])) {
            widget_fail(r, &e);
            return;
        }
        if (e.code != ERR_NONE) req_take_err(r, &e);
        r->status = http_status(&e);
        publish_page(r, id, &c, false);
        return;
    }
    resp_redirect(r, arena_printf(r->a, "%s?saved=1", publish_url(r, id)));
}

void page_objections(Request *r)
{
    Id id = req_path_id(r, 0);
    Programme *p;
    ObjectionRow *rows;
    size_t n;
    Err e = ERR_INIT;
    if (store_programme_load(r->db, r->a, id, &p, &e) < 0 ||
        store_objection_list(r->db, r->a, id, &rows, &n, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    page_begin(r, "收到的意见");
    html_printf(r, "<p class=\"crumbs\"><a href=\"/p/%lld\">%s</a> · <a href=\"%s\">公开发布</a></p>"
                   "<h1>收到的意见（%zu条）</h1>",
                (long long)p->id, p->title, publish_url(r, p->id), n);
    if (n == 0) {
        html_raw(r, "<p class=\"muted\">尚未收到意见。</p>");
        page_end(r);
        return;
    }
    html_raw(r, "<div class=\"scroll\"><table class=\"objections\"><thead><tr><th>时间</th><th>当时公开的轮次</th>"
                "<th>姓名</th><th>联系方式</th><th>意见</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        html_printf(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td><p class=\"text\">%s</p></td></tr>",
                    fmt_ts(r->a, rows[i].created_at), rows[i].round_name ? rows[i].round_name : "（仅通知）",
                    rows[i].name ? rows[i].name : "—", rows[i].contact ? rows[i].contact : "—",
                    rows[i].body);
    html_raw(r, "</tbody></table></div>");
    page_end(r);
}
