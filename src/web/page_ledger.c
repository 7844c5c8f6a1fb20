/*
 * page_ledger.c - a unit's work ledger (工作台账) on one project: the
 * entries with running totals per indicator, adding an entry (with an
 * optional evidence file), removing one. Everyone who may see the unit
 * reads it; only the unit writes it.
 */
#include <math.h>
#include <string.h>

#include "core/files.h"
#include "core/ledger.h"
#include "core/programme.h"
#include "db/store.h"
#include "io/ledger_export.h"
#include "io/report_table.h"
#include "lib/timeutil.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/server.h"
#include "web/widgets.h"

Id unit_of_ledger_path(Request *r)
{
    LedgerEntry l;
    Err e = ERR_INIT;
    if (store_ledger_get(r->db, r->a, req_path_id(r, 0), &l, &e) < 0) return 0;
    return l.unit_id;
}

typedef struct LedgerPage {
    Programme *p;
    const Project *pr;
    Unit unit;
    LedgerEntry *entries;
    size_t n;
} LedgerPage;

static bool load(Request *r, LedgerPage *lp)
{
    Id unit_id = req_path_id(r, 0), project_id = req_path_id(r, 1), programme_id;
    Err e = ERR_INIT;
    if (store_unit_get(r->db, r->a, unit_id, &lp->unit, &e) < 0 ||
        store_project_programme(r->db, project_id, &programme_id, &e) < 0 ||
        store_programme_load(r->db, r->a, programme_id, &lp->p, &e) < 0 ||
        store_ledger_list(r->db, r->a, project_id, unit_id, &lp->entries, &lp->n, &e) < 0) {
        widget_fail(r, &e);
        return false;
    }
    lp->pr = programme_find_project(lp->p, project_id);
    if (!lp->pr || !project_find_unit(lp->pr, unit_id)) {
        resp_error(r, 404, "该单位不承担此实事项目");
        return false;
    }
    return true;
}

static void ledger_page(Request *r, LedgerPage *lp)
{
    const Project *pr = lp->pr;
    bool own = r->user.role == ROLE_REPORTER && r->user.unit_id == lp->unit.id;
    const char *base = arena_printf(r->a, "/unit/%lld/project/%lld/ledger", (long long)lp->unit.id, (long long)pr->id);
    page_begin(r, "工作台账");
    html_printf(r, "<p class=\"crumbs\"><a href=\"/unit/%lld\">%s</a> › <a href=\"/project/%lld\">%s</a></p>"
                   "<h1>工作台账 · %s</h1>",
                (long long)lp->unit.id, lp->unit.name, (long long)pr->id, pr->title, lp->unit.name);
    html_printf(r, "<p><a href=\"%s.xlsx\">导出Excel</a> · <a href=\"%s.csv\">导出CSV</a></p>", base, base);
    double *running = ARENA_ARRAY(r->a, double, lp->n + 1);
    ledger_running_totals(lp->entries, lp->n, running);
    html_raw(r, "<div class=\"scroll\"><table class=\"ledger\"><thead><tr><th>日期</th><th>工作内容</th><th>地点</th>"
                "<th>数量</th><th>计入指标</th><th>指标累计</th><th>资金（元）</th><th>佐证</th>");
    if (own) html_raw(r, "<th></th>");
    html_raw(r, "</tr></thead><tbody>");
    int64_t funds = 0;
    for (size_t i = 0; i < lp->n; i++) {
        const LedgerEntry *l = &lp->entries[i];
        const Indicator *ind = project_find_indicator(pr, l->indicator_id);
        funds += l->funds_fen;
        html_printf(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%s</td><td>%s</td>"
                       "<td class=\"num\">%s</td><td class=\"num\">%s</td><td>",
                    date_iso(r->a, l->date), l->content, l->place ? l->place : "",
                    l->has_quantity ? format_number(r->a, l->quantity) : "", ind ? ind->name : "",
                    isnan(running[i]) ? "" : format_number(r->a, running[i]), format_yuan(r->a, l->funds_fen));
        Attachment *files;
        size_t nf;
        Err e = ERR_INIT;
        if (store_attachment_list_for_ledger(r->db, r->a, l->id, &files, &nf, &e) == 0)
            for (size_t f = 0; f < nf; f++)
                html_printf(r, "<a href=\"/file/%lld\">%s</a><br>", (long long)files[f].id, files[f].filename);
        html_raw(r, "</td>");
        if (own) {
            html_raw(r, "<td>");
            form_begin(r, arena_printf(r->a, "/ledger/%lld/delete", (long long)l->id));
            html_raw(r, "<button type=\"submit\" class=\"small\">删除</button>");
            form_end(r);
            html_raw(r, "</td>");
        }
        html_raw(r, "</tr>");
    }
    if (!lp->n) html_printf(r, "<tr><td colspan=\"%d\" class=\"muted\">尚无台账记录。</td></tr>", own ? 9 : 8);
    html_printf(r, "</tbody><tfoot><tr><th colspan=\"6\">资金合计</th><th class=\"num\">%s</th><th colspan=\"%d\"></th></tr></tfoot></table></div>",
                format_yuan(r->a, funds), own ? 2 : 1);

    if (pr->n_indicators) {
        html_raw(r, "<h2>各指标台账合计</h2><ul>");
        for (size_t k = 0; k < pr->n_indicators; k++) {
            double sum = 0;
            bool any = false;
            for (size_t i = 0; i < lp->n; i++)
                if (lp->entries[i].indicator_id == pr->indicators[k].id && lp->entries[i].has_quantity) {
                    sum += lp->entries[i].quantity;
                    any = true;
                }
            if (any)
                html_printf(r, "<li>%s：%s%s（目标%s%s）</li>", pr->indicators[k].name, format_number(r->a, sum),
                            pr->indicators[k].measure, format_number(r->a, pr->indicators[k].target),
                            pr->indicators[k].measure);
        }
        html_raw(r, "</ul>");
    }
    if (own) {
        html_raw(r, "<h2>新增台账记录</h2>");
        const char *msg = req_field_error(r, "_form");
        if (msg) html_printf(r, "<p class=\"notice error\" role=\"alert\">%s</p>", msg);
        form_begin_upload(r, base);
        html_raw(r, "<div class=\"grid\">");
        form_text(r, "date", "日期", params_get(&r->form, "date"), 20, "date");
        form_text(r, "place", "地点", params_get(&r->form, "place"), 200, "text");
        html_raw(r, "<label class=\"field\"><span>计入指标（可不选）</span><select name=\"indicator\"><option value=\"\">不计入指标</option>");
        for (size_t k = 0; k < pr->n_indicators; k++)
            if (indicator_owner_id(pr, &pr->indicators[k]) == lp->unit.id)
                html_printf(r, "<option value=\"%lld\">%s（%s）</option>", (long long)pr->indicators[k].id,
                            pr->indicators[k].name, pr->indicators[k].measure);
        html_raw(r, "</select>");
        form_error(r, "indicator");
        html_raw(r, "</label>");
        form_text(r, "quantity", "数量", params_get(&r->form, "quantity"), 20, "text");
        form_text(r, "funds", "资金（元）", params_get(&r->form, "funds"), 20, "text");
        html_raw(r, "<label class=\"field\"><span>佐证材料（可选）</span><input type=\"file\" name=\"file\">");
        form_error(r, "file");
        html_raw(r, "</label></div>");
        form_textarea(r, "content", "工作内容", params_get(&r->form, "content"), 3);
        html_raw(r, "<button type=\"submit\">保存记录</button>");
        form_end(r);
    }
    page_end(r);
}

void page_ledger(Request *r)
{
    LedgerPage lp;
    if (load(r, &lp)) ledger_page(r, &lp);
}

void page_ledger_add(Request *r)
{
    LedgerPage lp;
    if (!load(r, &lp)) return;
    LedgerEntry l = {0};
    l.project_id = lp.pr->id;
    l.unit_id = lp.unit.id;
    form_date(r, "date", "日期", true, &l.date);
    l.content = (char *)form_string(r, "content", "工作内容", LEDGER_CONTENT_MAX_CHARS, true, true);
    l.place = (char *)form_optional(r, "place", "地点", 200);
    form_number(r, "quantity", "数量", false, &l.quantity, &l.has_quantity);
    double yuan = 0;
    bool has_funds;
    if (form_number(r, "funds", "资金", false, &yuan, &has_funds) && has_funds) l.funds_fen = llround(yuan * 100);
    const char *ind = params_get(&r->form, "indicator");
    if (ind && *ind && !form_id(r, "indicator", &l.indicator_id)) req_set_field_error(r, "indicator", "请选择指标");
    Err e = ERR_INIT;
    if (!r->field_errors.n) {
        /* an empty file field is no file; a refused file refuses the entry */
        const Upload *up = r->n_uploads && (r->uploads[0].size > 0 || r->uploads[0].too_large) ? &r->uploads[0] : NULL;
        IncomingFile in = {up ? up->tmp_path : NULL, up ? up->filename : NULL, up ? up->size : 0,
                           up ? up->too_large : false};
        LedgerEvidence ev = {r->cfg->files_dir, &in, (int64_t)r->cfg->max_upload_bytes};
        if (ledger_add(r->db, r->a, &r->actor, lp.p, lp.pr, &l, up ? &ev : NULL, &e) < 0) req_take_err(r, &e);
    }
    if (r->field_errors.n) {
        r->status = http_status(&e);
        ledger_page(r, &lp);
        return;
    }
    resp_redirect(r, arena_printf(r->a, "/unit/%lld/project/%lld/ledger", (long long)lp.unit.id, (long long)lp.pr->id));
}

void page_ledger_delete(Request *r)
{
    LedgerEntry l;
    Err e = ERR_INIT;
    if (store_ledger_get(r->db, r->a, req_path_id(r, 0), &l, &e) < 0 ||
        ledger_remove(r->db, r->a, &r->actor, r->cfg->files_dir, l.id, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    resp_redirect(r, arena_printf(r->a, "/unit/%lld/project/%lld/ledger", (long long)l.unit_id, (long long)l.project_id));
}

static void export(Request *r, bool xlsx)
{
    LedgerPage lp;
    if (!load(r, &lp)) return;
    double *running = ARENA_ARRAY(r->a, double, lp.n + 1);
    ledger_running_totals(lp.entries, lp.n, running);
    LedgerSheet sheet = {arena_printf(r->a, "工作台账 · %s · %s", lp.unit.name, lp.pr->title), lp.pr, lp.entries, lp.n,
                         running};
    void *data;
    size_t len;
    Err e = ERR_INIT;
    if ((xlsx ? ledger_xlsx : ledger_csv)(&sheet, r->a, &data, &len, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    resp_download(r, xlsx ? TABLE_XLSX_MIME : TABLE_CSV_MIME,
                  arena_printf(r->a, "工作台账-%s-%d.%s", lp.unit.name, lp.pr->no, xlsx ? "xlsx" : "csv"), data, len);
}

void page_ledger_xlsx(Request *r)
{
    export(r, true);
}

void page_ledger_csv(Request *r)
{
    export(r, false);
}
