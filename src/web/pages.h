/*
 * pages.h - the handlers of the routing table, one page group per file
 * (page_<group>.c), and the ownership resolvers of unit-scoped routes.
 */
#ifndef SHISHI_PAGES_H
#define SHISHI_PAGES_H

#include "web/request.h"

/* page_auth.c */
void page_login_form(Request *r);
void page_login(Request *r);
void page_logout(Request *r);
void page_password_form(Request *r);
void page_password(Request *r);
/* Loads the session from the cookie into r (logged_in, user, actor, csrf). */
void auth_load_session(Request *r);
/* True when the POST's csrf field matches the session's token. */
bool auth_csrf_ok(const Request *r);
/* For a visitor without a session: makes sure the request has a CSRF token
 * for forms, setting the pre-login cookie that carries it. */
void auth_ensure_visitor_csrf(Request *r);

/* page_programme.c */
void page_home(Request *r);
void page_programme(Request *r);
void page_project(Request *r);

/* page_report.c */
void page_report(Request *r);
void page_report_save(Request *r);
void page_report_review(Request *r);
void page_report_evidence(Request *r);
void page_report_versions(Request *r);
Id unit_of_report_path(Request *r);

/* page_files.c */
void page_file(Request *r);
void page_file_delete(Request *r);
Id unit_of_file_path(Request *r);

/* page_rounds.c */
void page_rounds(Request *r);
void page_round_add(Request *r);
void page_round_change(Request *r);

/* page_unit.c */
void page_unit(Request *r);
Id unit_of_unit_path(Request *r);
void page_unit_contact(Request *r);
void page_unit_plan(Request *r);

/* page_ledger.c */
void page_ledger(Request *r);
void page_ledger_add(Request *r);
void page_ledger_delete(Request *r);
void page_ledger_xlsx(Request *r);
void page_ledger_csv(Request *r);
Id unit_of_ledger_path(Request *r);

/* page_dashboard.c */
void page_dashboard(Request *r);

/* page_export.c */
void page_round_table(Request *r);
void page_round_table_docx(Request *r);
void page_round_table_xlsx(Request *r);
void page_round_table_csv(Request *r);

/* page_import.c */
void page_import_form(Request *r);
void page_import_upload(Request *r);
void page_import_confirm(Request *r);

/* page_bulletin.c */
void page_bulletin(Request *r);
void page_bulletin_save(Request *r);
void page_bulletin_docx(Request *r);

/* page_supervise.c */
void page_supervise(Request *r);
void page_supervise_record(Request *r);
void page_supervise_docx(Request *r);

/* page_notice.c */
void page_notice_form(Request *r);
void page_notice_upload(Request *r);
void page_notice_confirm(Request *r);

/* page_admin.c */
void page_programme_edit_form(Request *r);
void page_programme_edit(Request *r);
void page_project_edit_form(Request *r);
void page_project_edit(Request *r);
void page_project_new_form(Request *r);
void page_project_new(Request *r);
void page_units_form(Request *r);
void page_units(Request *r);

/* page_supervision.c */
void page_round_status(Request *r);
void page_round_reminders(Request *r);
void page_round_remind(Request *r);

/* page_users.c */
void page_users(Request *r);
void page_user_create(Request *r);
void page_user_disable(Request *r);
void page_user_enable(Request *r);
void page_user_reset(Request *r);

/* page_audit.c */
void page_audit(Request *r);

/* page_public.c */
void page_public(Request *r);
void page_public_programme(Request *r);
void page_objection_form(Request *r);
void page_objection_send(Request *r);

/* page_publish.c */
void page_publish_latest(Request *r);
void page_publish_form(Request *r);
void page_publish_save(Request *r);
void page_objections(Request *r);

/* page_search.c */
void page_search(Request *r);

#endif
