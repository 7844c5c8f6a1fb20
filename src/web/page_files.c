/*
 * page_files.c - downloading and removing attachments. The router checks a
 * reporter against the file's unit (unit_of_file_path); the coordinator
 * and leaders may not open evidence of a report still in draft.
 */
#include "core/files.h"
#include "db/store.h"
#include "web/html.h"
#include "web/server.h"
#include "web/pages.h"
#include "web/widgets.h"

Id unit_of_file_path(Request *r)
{
    Attachment att;
    Err e = ERR_INIT;
    if (store_attachment_get(r->db, r->a, req_path_id(r, 0), &att, &e) < 0) return 0;
    return att.unit_id;
}

/* The status of the report an attachment belongs to (none for plans and ledger files). */
static enum ReportStatus owner_status(Request *r, const Attachment *att)
{
    Report rep;
    Err e = ERR_INIT;
    if (!att->report_id || store_report_get(r->db, r->a, att->report_id, &rep, &e) < 0) return REPORT_NONE;
    return rep.status;
}

void page_file(Request *r)
{
    Attachment att;
    Err e = ERR_INIT;
    if (store_attachment_get(r->db, r->a, req_path_id(r, 0), &att, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    if (!attachment_visible_to(&att, owner_status(r, &att), &r->actor)) {
        resp_error(r, 403, "此文件属于尚未报送的报告，只有本单位可以查看");
        return;
    }
    r->status = 200;
    r->content_type_out = att.mime;
    r->download_name = att.filename;
    r->send_file = file_path(r->a, r->cfg->files_dir, att.sha256);
    resp_header(r, "Cache-Control", "private, no-store");
}

void page_file_delete(Request *r)
{
    Attachment att;
    Err e = ERR_INIT;
    Id id = req_path_id(r, 0);
    if (store_attachment_get(r->db, r->a, id, &att, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    /* whether evidence may go now is core's rule (round open, report not sent) */
    if (attachment_remove(r->db, r->a, &r->actor, r->cfg->files_dir, id, &e) < 0) {
        widget_fail(r, &e);
        return;
    }
    /* back to where the file was listed */
    if (att.report_id) {
        Report rep;
        if (store_report_get(r->db, r->a, att.report_id, &rep, &e) == 0) {
            resp_redirect(r, arena_printf(r->a, "/report/%lld/%lld/%lld", (long long)rep.round_id,
                                          (long long)rep.project_id, (long long)rep.unit_id));
            return;
        }
    }
    resp_redirect(r, arena_printf(r->a, "/unit/%lld", (long long)att.unit_id));
}
