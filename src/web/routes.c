/* routes.c - the routing table and the checks before every handler. See routes.h. */
#include "web/routes.h"

#include <stdlib.h>
#include <string.h>

#include "web/assets.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/params.h"

static const Route ROUTES[] = {
    /* signing in and out */
    {METHOD_GET, "/login", ALLOW_ALL, RF_GUEST_ONLY, page_login_form, NULL, "登录页"},
    {METHOD_POST, "/login", ALLOW_ALL, RF_GUEST_ONLY, page_login, NULL, "登录"},
    {METHOD_POST, "/logout", ALLOW_USERS, RF_FIRST_LOGIN, page_logout, NULL, "退出"},
    {METHOD_GET, "/password", ALLOW_USERS, RF_FIRST_LOGIN, page_password_form, NULL, "修改密码页"},
    {METHOD_POST, "/password", ALLOW_USERS, RF_FIRST_LOGIN, page_password, NULL, "修改密码"},

    /* reading the programme */
    {METHOD_GET, "/", ALLOW_USERS, RF_NONE, page_home, NULL, "首页：最新实事计划总览"},
    {METHOD_GET, "/p/{id}", ALLOW_USERS, RF_NONE, page_programme, NULL, "实事计划总览"},
    {METHOD_GET, "/project/{id}", ALLOW_USERS, RF_NONE, page_project, NULL, "实事项目"},
    {METHOD_GET, "/unit/{id}", ALLOW_USERS, RF_NONE, page_unit, unit_of_unit_path, "责任单位"},

    {METHOD_GET, "/p/{id}/dashboard", ALLOW_ADMIN | ALLOW_VIEWER, RF_NONE, page_dashboard, NULL, "工作调度"},
    {METHOD_GET, "/p/{id}/supervise", ALLOW_ADMIN | ALLOW_VIEWER, RF_NONE, page_supervise, NULL, "督办单"},
    {METHOD_POST, "/p/{id}/supervise", ALLOW_ADMIN, RF_NONE, page_supervise_record, NULL, "下发督办单并记入督办记录"},
    {METHOD_GET, "/p/{id}/supervise.docx", ALLOW_ADMIN | ALLOW_VIEWER, RF_NONE, page_supervise_docx, NULL, "督办单Word"},
    {METHOD_GET, "/round/{id}/bulletin", ALLOW_ADMIN | ALLOW_VIEWER, RF_NONE, page_bulletin, NULL, "进展情况通报"},
    {METHOD_POST, "/round/{id}/bulletin", ALLOW_ADMIN, RF_NONE, page_bulletin_save, NULL, "保存通报修改稿"},
    {METHOD_GET, "/round/{id}/bulletin.docx", ALLOW_ADMIN | ALLOW_VIEWER, RF_NONE, page_bulletin_docx, NULL, "进展情况通报Word"},

    /* reporting */
    {METHOD_GET, "/p/{id}/rounds", ALLOW_USERS, RF_NONE, page_rounds, NULL, "报送轮次"},
    {METHOD_POST, "/p/{id}/rounds", ALLOW_ADMIN, RF_NONE, page_round_add, NULL, "增加临时调度轮次"},
    {METHOD_POST, "/round/{id}", ALLOW_ADMIN, RF_NONE, page_round_change, NULL, "调整报送期限、关闭或重新开放轮次"},
    {METHOD_GET, "/round/{id}/table", ALLOW_ADMIN | ALLOW_VIEWER, RF_NONE, page_round_table, NULL, "进展情况报表（打印）"},
    {METHOD_GET, "/round/{id}/table.docx", ALLOW_ADMIN | ALLOW_VIEWER, RF_NONE, page_round_table_docx, NULL, "进展情况报表Word"},
    {METHOD_GET, "/round/{id}/table.xlsx", ALLOW_ADMIN | ALLOW_VIEWER, RF_NONE, page_round_table_xlsx, NULL, "进展情况报表Excel"},
    {METHOD_GET, "/round/{id}/table.csv", ALLOW_ADMIN | ALLOW_VIEWER, RF_NONE, page_round_table_csv, NULL, "进展情况报表CSV"},
    {METHOD_GET, "/round/{id}/import", ALLOW_ADMIN | ALLOW_REPORTER, RF_NONE, page_import_form, NULL, "导入填好的报表"},
    {METHOD_POST, "/round/{id}/import", ALLOW_ADMIN | ALLOW_REPORTER, RF_NONE, page_import_upload, NULL, "上传报表并预览"},
    {METHOD_POST, "/round/{id}/import/confirm", ALLOW_ADMIN | ALLOW_REPORTER, RF_NONE, page_import_confirm, NULL, "确认导入报表"},
    {METHOD_GET, "/report/{id}/{id}/{id}", ALLOW_USERS, RF_NONE, page_report, unit_of_report_path, "单位报告（轮次/项目/单位）"},
    {METHOD_POST, "/report/{id}/{id}/{id}", ALLOW_REPORTER, RF_NONE, page_report_save, unit_of_report_path, "保存或报送报告"},
    {METHOD_POST, "/report/{id}/{id}/{id}/review", ALLOW_ADMIN, RF_NONE, page_report_review, NULL, "采纳或退回报告"},
    {METHOD_POST, "/report/{id}/{id}/{id}/evidence", ALLOW_REPORTER, RF_NONE, page_report_evidence, unit_of_report_path, "上传佐证材料"},
    {METHOD_GET, "/report/{id}/{id}/{id}/versions", ALLOW_USERS, RF_NONE, page_report_versions, unit_of_report_path, "报告历次版本与比较"},
    {METHOD_POST, "/unit/{id}/project/{id}/contact", ALLOW_REPORTER | ALLOW_ADMIN, RF_NONE, page_unit_contact, unit_of_unit_path, "填写责任科室、责任人"},
    {METHOD_POST, "/unit/{id}/project/{id}/plan", ALLOW_REPORTER, RF_NONE, page_unit_plan, unit_of_unit_path, "上传实施方案"},
    {METHOD_GET, "/unit/{id}/project/{id}/ledger", ALLOW_USERS, RF_NONE, page_ledger, unit_of_unit_path, "工作台账"},
    {METHOD_POST, "/unit/{id}/project/{id}/ledger", ALLOW_REPORTER, RF_NONE, page_ledger_add, unit_of_unit_path, "新增台账记录"},
    {METHOD_GET, "/unit/{id}/project/{id}/ledger.xlsx", ALLOW_USERS, RF_NONE, page_ledger_xlsx, unit_of_unit_path, "工作台账Excel"},
    {METHOD_GET, "/unit/{id}/project/{id}/ledger.csv", ALLOW_USERS, RF_NONE, page_ledger_csv, unit_of_unit_path, "工作台账CSV"},
    {METHOD_POST, "/ledger/{id}/delete", ALLOW_REPORTER, RF_NONE, page_ledger_delete, unit_of_ledger_path, "删除台账记录"},
    {METHOD_GET, "/file/{id}", ALLOW_USERS, RF_NONE, page_file, unit_of_file_path, "下载附件"},
    {METHOD_POST, "/file/{id}/delete", ALLOW_REPORTER, RF_NONE, page_file_delete, unit_of_file_path, "删除附件"},

    /* programme administration */
    {METHOD_GET, "/admin/import", ALLOW_ADMIN, RF_NONE, page_notice_form, NULL, "导入通知"},
    {METHOD_POST, "/admin/import", ALLOW_ADMIN, RF_NONE, page_notice_upload, NULL, "上传通知并核对草稿"},
    {METHOD_POST, "/admin/import/confirm", ALLOW_ADMIN, RF_NONE, page_notice_confirm, NULL, "确认导入的实事计划"},
    {METHOD_GET, "/admin/programme/{id}", ALLOW_ADMIN, RF_NONE, page_programme_edit_form, NULL, "编辑实事计划"},
    {METHOD_POST, "/admin/programme/{id}", ALLOW_ADMIN, RF_NONE, page_programme_edit, NULL, "保存实事计划"},
    {METHOD_GET, "/admin/programme/{id}/new-project", ALLOW_ADMIN, RF_NONE, page_project_new_form, NULL, "新增实事项目页"},
    {METHOD_POST, "/admin/programme/{id}/new-project", ALLOW_ADMIN, RF_NONE, page_project_new, NULL, "新增实事项目"},
    {METHOD_GET, "/admin/project/{id}", ALLOW_ADMIN, RF_NONE, page_project_edit_form, NULL, "编辑实事项目"},
    {METHOD_POST, "/admin/project/{id}", ALLOW_ADMIN, RF_NONE, page_project_edit, NULL, "保存实事项目"},
    {METHOD_GET, "/admin/units", ALLOW_ADMIN, RF_NONE, page_units_form, NULL, "责任单位管理"},
    {METHOD_POST, "/admin/units", ALLOW_ADMIN, RF_NONE, page_units, NULL, "保存责任单位"},

    /* supervision of reporting: 报送情况 and 催报 (page_supervision.c) */
    {METHOD_GET, "/round/{id}/status", ALLOW_ADMIN | ALLOW_VIEWER, RF_NONE, page_round_status, NULL, "报送情况"},
    {METHOD_GET, "/round/{id}/reminders", ALLOW_ADMIN | ALLOW_VIEWER, RF_NONE, page_round_reminders, NULL, "催报名单"},
    {METHOD_POST, "/round/{id}/reminders", ALLOW_ADMIN, RF_NONE, page_round_remind, NULL, "催报：记录或发送邮件"},

    /* accounts and audit */
    {METHOD_GET, "/admin/users", ALLOW_ADMIN, RF_NONE, page_users, NULL, "账号管理"},
    {METHOD_POST, "/admin/users", ALLOW_ADMIN, RF_NONE, page_user_create, NULL, "新建账号"},
    {METHOD_POST, "/admin/users/{id}/disable", ALLOW_ADMIN, RF_NONE, page_user_disable, NULL, "停用账号"},
    {METHOD_POST, "/admin/users/{id}/enable", ALLOW_ADMIN, RF_NONE, page_user_enable, NULL, "启用账号"},
    {METHOD_POST, "/admin/users/{id}/reset", ALLOW_ADMIN, RF_NONE, page_user_reset, NULL, "重置密码"},
    {METHOD_GET, "/admin/audit", ALLOW_ADMIN, RF_NONE, page_audit, NULL, "审计日志"},

    /* publication and search (issue 7) */
    {METHOD_GET, "/admin/publish", ALLOW_ADMIN, RF_NONE, page_publish_latest, NULL, "公开发布（最新计划）"},
    {METHOD_GET, "/admin/programme/{id}/publish", ALLOW_ADMIN, RF_NONE, page_publish_form, NULL, "选择公开内容并预览"},
    {METHOD_POST, "/admin/programme/{id}/publish", ALLOW_ADMIN, RF_NONE, page_publish_save, NULL, "发布公开内容、设置公示期"},
    {METHOD_GET, "/admin/programme/{id}/objections", ALLOW_ADMIN, RF_NONE, page_objections, NULL, "公示期收到的意见"},
    {METHOD_GET, "/search", ALLOW_USERS, RF_NONE, page_search, NULL, "全文搜索"},

    /* for everyone */
    {METHOD_GET, "/public/", ALLOW_ALL, RF_FIRST_LOGIN, page_public, NULL, "公开进展"},
    {METHOD_GET, "/public/p/{id}", ALLOW_ALL, RF_FIRST_LOGIN, page_public_programme, NULL, "公开进展（某一计划）"},
    {METHOD_GET, "/public/p/{id}/objection", ALLOW_ALL, RF_FIRST_LOGIN, page_objection_form, NULL, "公示期提出意见页"},
    {METHOD_POST, "/public/p/{id}/objection", ALLOW_ALL, RF_FIRST_LOGIN, page_objection_send, NULL, "公示期提出意见"},
    {METHOD_GET, "/static/{name}", ALLOW_ALL, RF_FIRST_LOGIN, page_static, NULL, "样式表等静态文件"},
};

const Route *router_routes(size_t *n)
{
    *n = sizeof ROUTES / sizeof *ROUTES;
    return ROUTES;
}

Id req_path_id(const Request *r, size_t n)
{
    return n < r->n_path_ids ? r->path_ids[n] : 0;
}

/* Matches path against pattern; {id} takes a positive integer into r,
 * {name} any one segment. */
static bool match(const char *pattern, const char *path, Request *r)
{
    r->n_path_ids = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (p[0] == '{') {
            const char *close = strchr(p, '}');
            size_t seg = strcspn(s, "/");
            if (!close || seg == 0) return false;
            if (strncmp(p, "{id}", 4) == 0) {
                Id v;
                /* one spelling per object: no leading zeros in a path */
                if (s[0] == '0' || !id_parse(s, seg, &v)) return false;
                if (r->n_path_ids < sizeof r->path_ids / sizeof *r->path_ids)
                    r->path_ids[r->n_path_ids++] = v;
            }
            p = close + 1;
            s += seg;
            continue;
        }
        if (*p != *s) return false;
        p++;
        s++;
    }
    return *p == '\0' && *s == '\0';
}

/* The Allow header of a 405: the methods of the rows whose pattern matches
 * r->path (GET also answers HEAD). */
static const char *allowed_methods(Request *r)
{
    bool get = false, post = false;
    for (size_t i = 0; i < sizeof ROUTES / sizeof *ROUTES; i++) {
        if (!match(ROUTES[i].pattern, r->path, r)) continue;
        if (ROUTES[i].method == METHOD_GET) get = true;
        if (ROUTES[i].method == METHOD_POST) post = true;
    }
    return get && post ? "GET, HEAD, POST" : get ? "GET, HEAD" : "POST";
}

static void deny(Request *r)
{
    if (!r->logged_in) {
        if (r->method == METHOD_GET || r->method == METHOD_HEAD) {
            resp_redirect(r, arena_printf(r->a, "/login?next=%s", url_encode(r->a, req_path_with_query(r))));
            return;
        }
        resp_error(r, 403, "请先登录");
        return;
    }
    resp_error(r, 403, "您的账号无权访问此页面");
}

void router_dispatch(Request *r)
{
    r->status = 200;
    auth_load_session(r);
    enum Method m = r->method == METHOD_HEAD ? METHOD_GET : r->method;
    const Route *found = NULL;
    bool path_known = false;
    for (size_t i = 0; i < sizeof ROUTES / sizeof *ROUTES && !found; i++) {
        if (!match(ROUTES[i].pattern, r->path, r)) continue;
        path_known = true;
        if (ROUTES[i].method == m) found = &ROUTES[i];
    }
    if (!found) {
        if (path_known) {
            resp_error(r, 405, "不支持此请求方法");
            resp_header(r, "Allow", allowed_methods(r));
        } else {
            resp_error(r, 404, "您要找的页面不存在");
        }
        return;
    }
    /* match() of later rows may have overwritten the ids: take them again */
    match(found->pattern, r->path, r);
    r->route = found;

    enum Role role = r->logged_in ? r->user.role : ROLE_PUBLIC;
    if (!(found->allow & ALLOW(role))) {
        deny(r);
        return;
    }
    if (r->logged_in && (found->flags & RF_GUEST_ONLY)) {
        resp_redirect(r, "/");
        return;
    }
    if (r->logged_in && r->user.must_change_password && !(found->flags & RF_FIRST_LOGIN)) {
        resp_redirect(r, "/password");
        return;
    }
    if (m == METHOD_POST && !auth_csrf_ok(r)) {
        resp_error(r, 403, "表单已失效（缺少或错误的安全令牌），请返回刷新页面后重试");
        return;
    }
    if (found->unit_of && role == ROLE_REPORTER) {
        Id unit = found->unit_of(r);
        if (!unit) {
            resp_error(r, 404, "您要找的内容不存在");
            return;
        }
        if (unit != r->user.unit_id) {
            resp_error(r, 403, "只能查看和修改本单位的内容");
            return;
        }
    }
    found->handler(r);
}
