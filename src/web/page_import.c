/*
 * page_import.c - reading back a quarterly table filled in Word or Excel:
 * upload, preview what will be written (and what will not, with why),
 * confirm. The coordinator may import any unit's reports; a unit only its
 * own. The preview carries the matched texts in the confirmation form; the
 * server checks them again on confirmation (they are the user's input).
 */
#include <string.h>

#include "core/programme.h"
#include "core/reports.h"
#include "core/table_import.h"
#include "db/store.h"
#include "lib/timeutil.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/server.h"
#include "web/widgets.h"

#define MAX_ITEMS 400

static const char *const AS_NAMES[] = {"draft", "submitted"};

typedef struct ImportPage {
    Round round;
    Programme *p;
} ImportPage;

static bool load(Request *r, ImportPage *ip)
{
    Err e = ERR_INIT;
    if (store_round_get(r->db, r->a, req_path_id(r, 0), &ip->round, &e) < 0 ||
        store_programme_load(r->db, r->a, ip->round.programme_id, &ip->p, &e) < 0) {
        widget_fail(r, &e);
        return false;
    }
    return true;
}

static void upload_form(Request *r, const ImportPage *ip)
{
    page_begin(r, "导入填好的报表");
    html_printf(r, "<p class=\"crumbs\"><a href=\"/p/%lld/rounds\">报送轮次</a></p><h1>导入填好的报表 · %s</h1>",
                (long long)ip->p->id, ip->round.name);
    html_raw(r, "<p class=\"hint\">上传按附件格式填写的进展情况报表（Word或Excel）。系统按“实事名称”和“责任单位”"
                "把每段内容对应到项目和单位，先显示预览，确认后才写入。多个单位的内容请以“单位名：”开头分段。</p>");
    if (r->user.role == ROLE_REPORTER)
        html_raw(r, "<p class=\"notice\">只会导入本单位的内容，其他单位的段落会列出但不会写入。</p>");
    form_begin_upload(r, arena_printf(r->a, "/round/%lld/import", (long long)ip->round.id));
    html_raw(r, "<label class=\"field\"><span>报表文件（.docx 或 .xlsx，最大20MB）</span><input type=\"file\" name=\"file\" required>");
    form_error(r, "file");
    html_raw(r, "</label><button type=\"submit\">上传并预览</button>");
    form_end(r);
    page_end(r);
}

void page_import_form(Request *r)
{
    ImportPage ip;
    if (load(r, &ip)) upload_form(r, &ip);
}

static void skipped_list(Request *r, const ImportPlan *plan)
{
    if (!plan->n_skipped) return;
    html_printf(r, "<h2>未导入的内容（%zu）</h2><table><thead><tr><th>行</th><th>内容</th><th>原因</th></tr></thead><tbody>",
                plan->n_skipped);
    for (size_t i = 0; i < plan->n_skipped; i++)
        html_printf(r, "<tr><td>%d</td><td>%s</td><td>%s</td></tr>", plan->skipped[i].source_row, plan->skipped[i].what,
                    plan->skipped[i].why);
    html_raw(r, "</tbody></table>");
}

static void preview(Request *r, const ImportPage *ip, const ImportPlan *plan, const char *file_title)
{
    page_begin(r, "导入预览");
    html_printf(r, "<h1>导入预览 · %s</h1>", ip->round.name);
    if (file_title) html_printf(r, "<p class=\"meta\">文件中的标题：%s</p>", file_title);
    if (!plan->n_items) {
        html_raw(r, "<p class=\"notice error\">没有可以导入的内容。</p>");
    } else {
        html_printf(r, "<h2>将写入的报告（%zu）</h2>", plan->n_items);
        form_begin(r, arena_printf(r->a, "/round/%lld/import/confirm", (long long)ip->round.id));
        html_printf(r, "<input type=\"hidden\" name=\"n\" value=\"%zu\">", plan->n_items);
        html_raw(r, "<table><thead><tr><th>行</th><th>项目</th><th>单位</th><th>本季度具体措施及任务进度情况</th></tr></thead><tbody>");
        for (size_t i = 0; i < plan->n_items; i++) {
            const ImportItem *it = &plan->items[i];
            html_printf(r, "<tr><td>%d</td><td>%d. %s</td><td>%s</td><td><p class=\"text\">%s</p>"
                           "<input type=\"hidden\" name=\"p%zu\" value=\"%lld\"><input type=\"hidden\" name=\"u%zu\" value=\"%lld\">"
                           "<input type=\"hidden\" name=\"r%zu\" value=\"%d\"><input type=\"hidden\" name=\"t%zu\" value=\"%s\"></td></tr>",
                        it->source_row, it->project->no, it->project->report_title, it->unit_name, it->text, i,
                        (long long)it->project->id, i, (long long)it->unit_id, i, it->source_row, i, it->text);
        }
        html_raw(r, "</tbody></table><fieldset><legend>写入为</legend>"
                    "<label class=\"check\"><input type=\"radio\" name=\"as\" value=\"draft\" checked> 草稿（单位可再修改后报送）</label>"
                    "<label class=\"check\"><input type=\"radio\" name=\"as\" value=\"submitted\"> 已报送（报表中没有的指标数字沿用上轮）</label>"
                    "</fieldset><p class=\"hint\">已报送或已采纳的报告不会被覆盖。</p><button type=\"submit\">确认导入</button>");
        form_end(r);
    }
    skipped_list(r, plan);
    html_printf(r, "<p><a href=\"/round/%lld/import\">重新上传</a></p>", (long long)ip->round.id);
    page_end(r);
}

void page_import_upload(Request *r)
{
    ImportPage ip;
    if (!load(r, &ip)) return;
    Err e = ERR_INIT;
    FileBytes file;
    int status;
    ReadTable *t;
    if (form_file_bytes(r, TABLE_READ_MAX_BYTES, &file, &status)) {
        if (table_read(file.data, file.len, r->a, &t, &e) == 0) {
            preview(r, &ip, table_import_plan(r->a, ip.p, t, &r->actor), t->title);
            return;
        }
        req_set_field_error(r, "file", e.msg);
    }
    r->status = status;
    upload_form(r, &ip);
}

void page_import_confirm(Request *r)
{
    ImportPage ip;
    if (!load(r, &ip)) return;
    Id n = 0;
    form_id(r, "n", &n);
    if (n <= 0 || n > MAX_ITEMS) {
        resp_error(r, 400, "导入内容为空或过多");
        return;
    }
    int as = 0;
    if (!form_choice(r, "as", "写入状态", AS_NAMES, 2, &as)) as = 0;
    ImportPlan plan = {0};
    plan.items = ARENA_ARRAY(r->a, ImportItem, (size_t)n);
    for (size_t i = 0; i < (size_t)n; i++) {
        Id pid = 0, uid = 0, row = 0;
        form_id(r, arena_printf(r->a, "p%zu", i), &pid);
        form_id(r, arena_printf(r->a, "u%zu", i), &uid);
        form_id(r, arena_printf(r->a, "r%zu", i), &row);
        const char *text = form_string(r, arena_printf(r->a, "t%zu", i), "报告内容", REPORT_TEXT_MAX_CHARS, true, true);
        const Project *pr = programme_find_project(ip.p, pid);
        const ProjectUnit *pu = pr ? project_find_unit(pr, uid) : NULL;
        if (!pu || !text) {
            resp_error(r, 400, "导入内容有误，请重新上传报表");
            return;
        }
        plan.items[plan.n_items++] = (ImportItem){pr, uid, pu->unit_name, text, (int)row};
    }
    size_t written;
    Err e = ERR_INIT;
    if (table_import_apply(r->db, r->a, &r->actor, ip.p, &ip.round, &plan, as ? REPORT_SUBMITTED : REPORT_DRAFT,
                           &written, &e) < 0) {
        resp_error(r, http_status(&e), e.msg);
        return;
    }
    page_begin(r, "导入完成");
    html_printf(r, "<h1>导入完成</h1><p class=\"notice ok\">已写入%zu份报告（%s）。</p>", written, as ? "已报送" : "草稿");
    skipped_list(r, &plan);
    if (r->user.role == ROLE_REPORTER)
        html_printf(r, "<p><a href=\"/unit/%lld\">返回本单位</a></p>", (long long)r->user.unit_id);
    else
        html_printf(r, "<p><a href=\"/round/%lld/status\">查看报送情况</a></p>", (long long)ip.round.id);
    page_end(r);
}
