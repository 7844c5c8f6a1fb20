/*
 * demo.c - fills a database with the Linzi 2022 demo. See demo.h.
 *
 * data/demo/linzi-2022.json is the programme (the seed's expected answer);
 * data/demo/linzi-2022-reports.json holds sample reports for two rounds and
 * ledger entries, written by name (round, project number, unit, indicator)
 * and resolved to ids here.
 */
#include "core/demo.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#include "core/ledger.h"
#include "core/programme.h"
#include "core/programme_ops.h"
#include "core/publication.h"
#include "core/reports.h"
#include "core/users.h"
#include "core/vocab.h"
#include "db/store.h"
#include "io/programme_json.h"
#include "lib/embed.h"
#include "lib/timeutil.h"

extern const EmbeddedFile demo_files[];

static const char *jstr(const json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static const Project *project_by_no(const Programme *p, int no)
{
    for (size_t i = 0; i < p->n_projects; i++)
        if (p->projects[i].no == no) return &p->projects[i];
    return NULL;
}

static const ProjectUnit *unit_by_name(const Project *pr, const char *name)
{
    for (size_t u = 0; name && u < pr->n_units; u++)
        if (strcmp(pr->units[u].unit_name, name) == 0) return &pr->units[u];
    return NULL;
}

static const Indicator *indicator_by_name(const Project *pr, const char *name)
{
    for (size_t k = 0; name && k < pr->n_indicators; k++)
        if (strcmp(pr->indicators[k].name, name) == 0) return &pr->indicators[k];
    return NULL;
}

static int load_report(Db *db, Arena *a, const Actor *who, const Programme *p, const json_t *o,
                       size_t i, Err *e)
{
    Round rd;
    const Project *pr = project_by_no(p, (int)json_integer_value(json_object_get(o, "project")));
    if (!pr) return err_set(e, ERR_INVALID, NULL, "demo report %zu: no such project", i);
    const ProjectUnit *pu = unit_by_name(pr, jstr(o, "unit"));
    if (!pu) return err_set(e, ERR_INVALID, NULL, "demo report %zu: unit not in project", i);
    if (store_round_find(db, a, p->id, jstr(o, "round") ? jstr(o, "round") : "", &rd, e) < 0)
        return -1;
    Report r = {0};
    r.round_id = rd.id;
    r.project_id = pr->id;
    r.unit_id = pu->unit_id;
    if (!report_status_parse(jstr(o, "status"), &r.status))
        return err_set(e, ERR_INVALID, NULL, "demo report %zu: bad status", i);
    r.measures = (char *)jstr(o, "measures");
    r.problems = (char *)jstr(o, "problems");
    r.next_steps = (char *)jstr(o, "next_steps");
    r.return_reason = (char *)jstr(o, "return_reason");
    r.first_submitted_at = (char *)jstr(o, "first_submitted_at");
    r.submitted_at = (char *)jstr(o, "submitted_at");
    r.updated_at = r.submitted_at ? r.submitted_at : r.first_submitted_at;
    if (r.status == REPORT_ACCEPTED || r.status == REPORT_RETURNED) r.reviewed_at = r.submitted_at;
    r.expected_completion = DATE_NONE;
    if (jstr(o, "expected_completion")) date_parse(jstr(o, "expected_completion"), &r.expected_completion);
    if (jstr(o, "self_status")) self_status_parse(jstr(o, "self_status"), &r.self_status);
    json_t *values = json_object_get(o, "values");
    r.values = ARENA_ARRAY(a, ReportValue, json_object_size(values) + 1);
    const char *name;
    json_t *v;
    json_object_foreach(values, name, v)
    {
        const Indicator *ind = indicator_by_name(pr, name);
        if (!ind || !json_is_number(v))
            return err_set(e, ERR_INVALID, NULL, "demo report %zu: bad value %s", i, name);
        r.values[r.n_values++] = (ReportValue){ind->id, json_number_value(v), true};
    }
    return report_import(db, a, who, pr, &r, e);
}

/* A ledger entry is kept by the unit's own clerk: its demo account. */
static int load_ledger(Db *db, Arena *a, const Actor *who, const User *users, size_t n_users,
                       const Programme *p, const json_t *o, size_t i, Err *e)
{
    const Project *pr = project_by_no(p, (int)json_integer_value(json_object_get(o, "project")));
    const ProjectUnit *pu = pr ? unit_by_name(pr, jstr(o, "unit")) : NULL;
    if (!pu) return err_set(e, ERR_INVALID, NULL, "demo ledger %zu: bad project or unit", i);
    const User *clerk = NULL;
    for (size_t k = 0; k < n_users && !clerk; k++)
        if (users[k].role == ROLE_REPORTER && users[k].unit_id == pu->unit_id) clerk = &users[k];
    if (!clerk) return err_set(e, ERR_INVALID, NULL, "demo ledger %zu: no account for the unit", i);
    Actor by = {clerk->id, clerk->login, ROLE_REPORTER, clerk->unit_id, who->address};
    LedgerEntry l = {0};
    l.project_id = pr->id;
    l.unit_id = pu->unit_id;
    if (!jstr(o, "date") || !date_parse(jstr(o, "date"), &l.date))
        return err_set(e, ERR_INVALID, NULL, "demo ledger %zu: bad date", i);
    l.content = (char *)jstr(o, "content");
    l.place = (char *)jstr(o, "place");
    json_t *q = json_object_get(o, "quantity");
    l.has_quantity = json_is_number(q);
    l.quantity = l.has_quantity ? json_number_value(q) : 0;
    if (jstr(o, "indicator")) {
        const Indicator *ind = indicator_by_name(pr, jstr(o, "indicator"));
        if (!ind) return err_set(e, ERR_INVALID, NULL, "demo ledger %zu: bad indicator", i);
        l.indicator_id = ind->id;
    }
    json_t *f = json_object_get(o, "funds_yuan");
    l.funds_fen = json_is_number(f) ? llround(json_number_value(f) * 100) : 0;
    l.created_at = arena_printf(a, "%sT10:00:00Z", jstr(o, "date"));
    return ledger_add(db, a, &by, p, pr, &l, NULL, e);
}

static int load_contact(Db *db, Arena *a, const Actor *who, const Programme *p, const json_t *o,
                        size_t i, Err *e)
{
    const Project *pr = project_by_no(p, (int)json_integer_value(json_object_get(o, "project")));
    const ProjectUnit *pu = pr ? unit_by_name(pr, jstr(o, "unit")) : NULL;
    if (!pu) return err_set(e, ERR_INVALID, NULL, "demo contact %zu: bad project or unit", i);
    return project_unit_set_contact(db, a, who, pr, pu->unit_id, jstr(o, "department"), jstr(o, "person"),
                                    jstr(o, "phone"), e);
}

static int load_samples(Db *db, Arena *a, const Actor *who, const Programme *p, Err *e)
{
    const EmbeddedFile *f = embed_find(demo_files, "linzi-2022-reports.json");
    if (!f) return 0;
    json_error_t je;
    json_t *j = json_loadb((const char *)f->data, f->len, 0, &je);
    if (!j) return err_set(e, ERR_INTERNAL, NULL, "demo reports: %s", je.text);
    int rc = 0;
    json_t *reports = json_object_get(j, "reports"), *ledger = json_object_get(j, "ledger");
    json_t *contacts = json_object_get(j, "contacts");
    for (size_t i = 0; rc == 0 && i < json_array_size(contacts); i++)
        rc = load_contact(db, a, who, p, json_array_get(contacts, i), i, e);
    for (size_t i = 0; rc == 0 && i < json_array_size(reports); i++)
        rc = load_report(db, a, who, p, json_array_get(reports, i), i, e);
    User *users = NULL;
    size_t n_users = 0;
    if (rc == 0) rc = store_user_list(db, a, &users, &n_users, e);
    /* one transaction around the entries' own: one sync, not one each */
    if (rc == 0 && db_begin(db, e) == 0) {
        for (size_t i = 0; rc == 0 && i < json_array_size(ledger); i++)
            rc = load_ledger(db, a, who, users, n_users, p, json_array_get(ledger, i), i, e);
        if (rc == 0) rc = db_commit(db, e);
        else db_rollback(db);
    } else {
        rc = -1;
    }
    json_decref(j);
    return rc;
}

int demo_populate(Db *db, Arena *a, const Actor *who, const char *password, DemoAccount **accounts,
                  size_t *n_accounts, Err *e)
{
    const EmbeddedFile *f = embed_find(demo_files, "linzi-2022.json");
    if (!f) return err_set(e, ERR_INTERNAL, NULL, "demo programme missing from the build");
    Programme *p;
    if (programme_from_json_text((const char *)f->data, f->len, a, &p, e) < 0 ||
        programme_create(db, a, who, p, e) < 0)
        return -1;

    const char **units;
    size_t n_units = programme_unit_names(p, a, &units);
    DemoAccount *acc = ARENA_ARRAY(a, DemoAccount, n_units + 2);
    size_t n = 0;
    acc[n++] = (DemoAccount){"admin", role_label(ROLE_ADMIN), NULL, NULL};
    acc[n++] = (DemoAccount){"viewer", role_label(ROLE_VIEWER), NULL, NULL};
    for (size_t i = 0; i < n_units; i++)
        acc[n++] = (DemoAccount){arena_printf(a, "unit%02zu", i + 1), role_label(ROLE_REPORTER),
                                 units[i], NULL};
    for (size_t i = 0; i < n; i++) {
        acc[i].password = password ? password : password_generate(a);
        enum Role role = i == 0 ? ROLE_ADMIN : i == 1 ? ROLE_VIEWER : ROLE_REPORTER;
        /* demo passwords may be short ("demo"): set the hash directly
         * rather than through the policy for real accounts */
        NewUser nu = {acc[i].login, NULL, role, acc[i].unit, NULL, false};
        if (user_create(db, a, who, &nu, NULL, NULL, e) < 0)
            return -1;
        char *hash;
        User u;
        if (password_hash(a, acc[i].password, &hash, e) < 0 ||
            store_user_by_login(db, a, acc[i].login, &u, NULL, e) < 0 ||
            store_user_set_password(db, u.id, hash, false, e) < 0)
            return -1;
    }
    if (load_samples(db, a, who, p, e) < 0) return -1;
    /* the demo's public page shows the third quarter's accepted figures */
    Round q3;
    if (store_round_find(db, a, p->id, "2022年第三季度", &q3, e) < 0 ||
        publication_set(db, a, who, p->id, q3.id, DATE_NONE, date_today(), e) < 0)
        return -1;
    *accounts = acc;
    *n_accounts = n;
    return 0;
}
