/*
 * page_bulletin.c - the progress bulletin (进展情况通报) of a round: the
 * draft shishi writes, edited by the coordinator and kept with the round,
 * and its Word file. Leaders read it.
 */
#include <string.h>

#include "core/bulletin_ops.h"
#include "db/store.h"
#include "io/report_table.h"
#include "lib/timeutil.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/widgets.h"

static void bulletin_page(Request *r, const Round *rd, const char *text, bool saved, const char *at)
{
    page_begin(r, "进展情况通报");
    html_printf(r, "<p class=\"crumbs\"><a href=\"/p/%lld/rounds\">报送轮次</a> › <a href=\"/round/%lld/table\">进展情况报表</a></p>"
                   "<h1>进展情况通报 · %s</h1>",
                (long long)rd->programme_id, (long long)rd->id, rd->name);
    if (saved) html_printf(r, "<p class=\"meta\">已保存的修改稿（%s）。</p>", fmt_ts(r->a, at));
    else html_raw(r, "<p class=\"meta\">以下是根据本轮数据生成的草稿，修改后保存即随本轮留存。</p>");
    html_printf(r, "<p><a class=\"button\" href=\"/round/%lld/bulletin.docx\">下载Word</a>", (long long)rd->id);
    if (saved && r->user.role == ROLE_ADMIN)
        html_printf(r, " <a href=\"/round/%lld/bulletin?draft=1\">查看最新数据生成的草稿</a>", (long long)rd->id);
    html_raw(r, "</p>");
    if (r->user.role == ROLE_ADMIN) {
        form_begin(r, arena_printf(r->a, "/round/%lld/bulletin", (long long)rd->id));
        form_textarea(r, "text", "通报正文（第一行为标题，“一、”“（一）”开头的行为标题，最后两行为落款和日期）", text, 30);
        html_raw(r, "<button type=\"submit\">保存修改</button>");
        form_end(r);
    } else {
        html_printf(r, "<article class=\"bulletin\"><p class=\"text\">%s</p></article>", text);
    }
    page_end(r);
}

static bool load_round(Request *r, Round *rd)
{
    Err e = ERR_INIT;
    if (store_round_get(r->db, r->a, req_path_id(r, 0), rd, &e) < 0) {
        widget_fail(r, &e);
        return false;
    }
    return true;
}

void page_bulletin(Request *r)
{
    Round rd;
    if (!load_round(r, &rd)) return;
    char *text, *at = NULL;
    bool saved;
    Err e = ERR_INIT;
    if (params_get(&r->query, "draft")) {
        BulletinFacts f;
        if (bulletin_facts_load(r->db, r->a, rd.id, date_today(), &f, &e) < 0) {
            widget_fail(r, &e);
            return;
        }
        bulletin_page(r, &rd, bulletin_text(r->a, &f), false, NULL);
        return;
    }
    if (bulletin_current(r->db, r->a, rd.id, &text, &saved, &at, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    bulletin_page(r, &rd, text, saved, at);
}

void page_bulletin_save(Request *r)
{
    Round rd;
    if (!load_round(r, &rd)) return;
    const char *text = form_string(r, "text", "通报正文", 50000, true, true);
    Err e = ERR_INIT;
    if (text && bulletin_save(r->db, r->a, &r->actor, rd.id, text, &e) < 0) req_take_err(r, &e);
    if (r->field_errors.n) {
        r->status = 400;
        bulletin_page(r, &rd, params_get(&r->form, "text"), false, NULL);
        return;
    }
    resp_redirect(r, arena_printf(r->a, "/round/%lld/bulletin", (long long)rd.id));
}

void page_bulletin_docx(Request *r)
{
    Round rd;
    if (!load_round(r, &rd)) return;
    char *text, *at;
    bool saved;
    void *data;
    size_t len;
    Err e = ERR_INIT;
    if (bulletin_current(r->db, r->a, rd.id, &text, &saved, &at, &e) < 0 ||
        bulletin_docx(r->a, text, &data, &len, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    resp_download(r, TABLE_DOCX_MIME, arena_printf(r->a, "%s进展情况通报.docx", rd.name), data, len);
}
