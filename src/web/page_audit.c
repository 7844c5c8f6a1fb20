/*
 * page_audit.c - the audit trail for the coordinator: newest first, a page
 * at a time, each change with who, when, from where, and before/after.
 */
#include "db/store.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/widgets.h"

#define AUDIT_PAGE 50

void page_audit(Request *r)
{
    Id before = 0;
    query_id(r, "before", &before);
    AuditRow *rows;
    size_t n;
    Err e = ERR_INIT;
    if (store_audit_list_desc(r->db, r->a, before, AUDIT_PAGE, &rows, &n, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    page_begin(r, "审计日志");
    html_raw(r, "<h1>审计日志</h1><p class=\"hint\">每一项修改都记录在此，记录之间以哈希值相连，"
                "可用 <code>shishi audit verify</code> 校验是否被篡改。</p>"
                "<div class=\"scroll\"><table class=\"audit\"><thead><tr><th>编号</th><th>时间</th><th>账号</th>"
                "<th>地址</th><th>操作</th><th>对象</th><th>内容</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        const AuditRow *a = &rows[i];
        html_printf(r, "<tr><td>%lld</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s %lld</td><td>",
                    (long long)a->id, fmt_ts(r->a, a->at), a->login ? a->login : "",
                    a->address ? a->address : "", a->action, a->entity, (long long)a->entity_id);
        if (a->before || a->after) {
            html_raw(r, "<details><summary>查看</summary>");
            if (a->before) html_printf(r, "<p><b>修改前</b></p><pre>%s</pre>", a->before);
            if (a->after) html_printf(r, "<p><b>修改后</b></p><pre>%s</pre>", a->after);
            html_raw(r, "</details>");
        }
        html_raw(r, "</td></tr>");
    }
    html_raw(r, "</tbody></table></div>");
    if (n == AUDIT_PAGE)
        html_printf(r, "<p><a href=\"/admin/audit?before=%lld\">更早的记录</a></p>", (long long)rows[n - 1].id);
    page_end(r);
}
