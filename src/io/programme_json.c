/* programme_json.c - shishi-program/1 JSON both ways. See programme_json.h. */
#include "io/programme_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/programme.h"
#include "core/vocab.h"
#include "io/json_util.h"
#include "lib/timeutil.h"

/* ---- to JSON ---------------------------------------------------------------- */

static json_t *number(double v)
{
    if (v == floor(v) && fabs(v) < 9e15) return json_integer((json_int_t)v);
    return json_real(v);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *date_or_null(int d)
{
    if (d == DATE_NONE) return json_null();
    char buf[DATE_ISO_LEN];
    date_format(d, buf);
    return json_string(buf);
}

static json_t *project_to_json(const Project *pr)
{
    json_t *o = json_object();
    json_object_set_new(o, "no", json_integer(pr->no));
    json_object_set_new(o, "title", json_string(pr->title ? pr->title : ""));
    json_object_set_new(o, "report_title", json_string(pr->report_title ? pr->report_title : ""));
    json_object_set_new(o, "text", json_string(pr->text ? pr->text : ""));
    json_object_set_new(o, "deadline", date_or_null(pr->deadline));
    json_t *units = json_array();
    for (size_t u = 0; u < pr->n_units; u++) {
        const ProjectUnit *pu = &pr->units[u];
        json_t *uo = json_object();
        json_object_set_new(uo, "name", json_string(pu->unit_name));
        json_object_set_new(uo, "role", json_string(unit_role_name(pu->role)));
        json_array_append_new(units, uo);
    }
    json_object_set_new(o, "units", units);
    json_t *inds = json_array();
    const ProjectUnit *lead = project_lead(pr);
    for (size_t k = 0; k < pr->n_indicators; k++) {
        const Indicator *ind = &pr->indicators[k];
        json_t *io = json_object();
        json_object_set_new(io, "name", json_string(ind->name));
        json_object_set_new(io, "target", number(ind->target));
        json_object_set_new(io, "measure", json_string(ind->measure));
        json_object_set_new(io, "comparator", json_string(comparator_name(ind->cmp)));
        if (ind->owner_name && (!lead || strcmp(ind->owner_name, lead->unit_name) != 0))
            json_object_set_new(io, "owner", json_string(ind->owner_name));
        json_array_append_new(inds, io);
    }
    json_object_set_new(o, "indicators", inds);
    json_t *stds = json_array();
    for (size_t k = 0; k < pr->n_standards; k++) {
        const Standard *s = &pr->standards[k];
        json_t *so = json_object();
        json_object_set_new(so, "name", json_string(s->name));
        json_object_set_new(so, "amount", number((double)s->amount_fen / 100.0));
        json_object_set_new(so, "measure", json_string(s->measure));
        json_array_append_new(stds, so);
    }
    json_object_set_new(o, "standards", stds);
    return o;
}

json_t *programme_to_json(const Programme *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "format", json_string(PROGRAMME_JSON_FORMAT));
    json_object_set_new(o, "title", json_string(p->title ? p->title : ""));
    json_object_set_new(o, "year", json_integer(p->year));
    json_object_set_new(o, "issuer", str_or_null(p->issuer));
    json_object_set_new(o, "issued", date_or_null(p->issued));
    json_object_set_new(o, "coordinator", str_or_null(p->coordinator));
    json_t *contact = json_object();
    json_object_set_new(contact, "phone", str_or_null(p->phone));
    json_object_set_new(contact, "email", str_or_null(p->email));
    json_object_set_new(o, "contact", contact);
    json_object_set_new(o, "reporting", json_string(cadence_name(p->reporting)));
    json_object_set_new(o, "report_form_title", str_or_null(p->report_form_title));
    json_object_set_new(o, "public", json_boolean(p->is_public));
    if (p->year && p->start != DATE_NONE && p->start != date_from_ymd(p->year, 1, 1))
        json_object_set_new(o, "start", date_or_null(p->start));
    if (p->year && p->deadline != DATE_NONE && p->deadline != date_from_ymd(p->year, 12, 31))
        json_object_set_new(o, "deadline", date_or_null(p->deadline));
    if (p->lag_threshold > 0 && fabs(p->lag_threshold - 0.2) > 1e-9)
        json_object_set_new(o, "lag_threshold", json_real(p->lag_threshold));
    if (p->warning_scheme != WARNING_STATUS)
        json_object_set_new(o, "warning_scheme", json_string(warning_scheme_name(p->warning_scheme)));
    if (p->near_deadline_days > 0 && p->near_deadline_days != 30)
        json_object_set_new(o, "near_deadline_days", json_integer(p->near_deadline_days));
    json_t *projects = json_array();
    for (size_t i = 0; i < p->n_projects; i++)
        json_array_append_new(projects, project_to_json(&p->projects[i]));
    json_object_set_new(o, "projects", projects);
    return o;
}

char *programme_json_text(const Programme *p, Arena *a)
{
    char *s = json_take_dump(a, programme_to_json(p), JSON_INDENT(2));
    return arena_printf(a, "%s\n", s ? s : "{}");
}

/* ---- from JSON -------------------------------------------------------------- */

typedef struct Reader {
    Arena *a;
    Err *e;
    char path[128];  /* JSON path of the object being read */
} Reader;

static const char *at(Reader *r, const char *key)
{
    static _Thread_local char buf[192];
    if (r->path[0]) snprintf(buf, sizeof buf, "%s.%s", r->path, key);
    else snprintf(buf, sizeof buf, "%s", key);
    return buf;
}

/* String member: NULL when absent or null; error when another type. */
static int get_str(Reader *r, const json_t *o, const char *key, bool required, char **out)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v)) {
        if (required) return err_set(r->e, ERR_INVALID, at(r, key), "%s: required", at(r, key));
        return 0;
    }
    if (!json_is_string(v))
        return err_set(r->e, ERR_INVALID, at(r, key), "%s: must be a string", at(r, key));
    *out = arena_strndup(r->a, json_string_value(v), json_string_length(v));
    return 0;
}

static int get_num(Reader *r, const json_t *o, const char *key, bool required, double *out,
                   bool *present)
{
    json_t *v = json_object_get(o, key);
    if (present) *present = false;
    if (!v || json_is_null(v)) {
        if (required) return err_set(r->e, ERR_INVALID, at(r, key), "%s: required", at(r, key));
        return 0;
    }
    if (!json_is_number(v))
        return err_set(r->e, ERR_INVALID, at(r, key), "%s: must be a number", at(r, key));
    *out = json_number_value(v);
    if (present) *present = true;
    return 0;
}

static int get_date(Reader *r, const json_t *o, const char *key, int *out)
{
    char *s;
    *out = DATE_NONE;
    if (get_str(r, o, key, false, &s) < 0) return -1;
    if (s && !date_parse(s, out))
        return err_set(r->e, ERR_INVALID, at(r, key), "%s: not a date (YYYY-MM-DD): %s", at(r, key), s);
    return 0;
}

static int get_array(Reader *r, const json_t *o, const char *key, json_t **out)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v)) return 0;
    if (!json_is_array(v))
        return err_set(r->e, ERR_INVALID, at(r, key), "%s: must be an array", at(r, key));
    *out = v;
    return 0;
}

static int expect_object(Reader *r, const json_t *v)
{
    if (!json_is_object(v))
        return err_set(r->e, ERR_INVALID, r->path, "%s: must be an object", r->path[0] ? r->path : "top level");
    return 0;
}

static int read_units(Reader *r, const json_t *arr, Project *pr, const char *base)
{
    pr->n_units = arr ? json_array_size(arr) : 0;
    pr->units = ARENA_ARRAY(r->a, ProjectUnit, pr->n_units + 1);
    for (size_t u = 0; u < pr->n_units; u++) {
        snprintf(r->path, sizeof r->path, "%s.units[%zu]", base, u);
        const json_t *uo = json_array_get(arr, u);
        ProjectUnit *pu = &pr->units[u];
        char *role = NULL;
        if (expect_object(r, uo) < 0 || get_str(r, uo, "name", true, &pu->unit_name) < 0 ||
            get_str(r, uo, "role", false, &role) < 0 ||
            get_str(r, uo, "department", false, &pu->department) < 0 ||
            get_str(r, uo, "person", false, &pu->person) < 0 ||
            get_str(r, uo, "phone", false, &pu->phone) < 0)
            return -1;
        /* no role given: responsible; programme_apply_defaults makes the
         * first unit lead when none is */
        pu->role = UNIT_RESPONSIBLE;
        if (role && !unit_role_parse(role, &pu->role))
            return err_set(r->e, ERR_INVALID, at(r, "role"), "%s: lead or responsible, not %s",
                           at(r, "role"), role);
    }
    return 0;
}

static int read_indicators(Reader *r, const json_t *arr, Project *pr, const char *base)
{
    pr->n_indicators = arr ? json_array_size(arr) : 0;
    pr->indicators = ARENA_ARRAY(r->a, Indicator, pr->n_indicators + 1);
    for (size_t k = 0; k < pr->n_indicators; k++) {
        snprintf(r->path, sizeof r->path, "%s.indicators[%zu]", base, k);
        const json_t *io = json_array_get(arr, k);
        Indicator *ind = &pr->indicators[k];
        char *cmp = NULL;
        if (expect_object(r, io) < 0 || get_str(r, io, "name", true, &ind->name) < 0 ||
            get_num(r, io, "target", true, &ind->target, NULL) < 0 ||
            get_str(r, io, "measure", true, &ind->measure) < 0 ||
            get_str(r, io, "comparator", false, &cmp) < 0 ||
            get_str(r, io, "owner", false, &ind->owner_name) < 0)
            return -1;
        ind->cmp = CMP_GE;
        if (cmp && !comparator_parse(cmp, &ind->cmp))
            return err_set(r->e, ERR_INVALID, at(r, "comparator"), "%s: >=, <= or =, not %s",
                           at(r, "comparator"), cmp);
    }
    return 0;
}

static int read_standards(Reader *r, const json_t *arr, Project *pr, const char *base)
{
    pr->n_standards = arr ? json_array_size(arr) : 0;
    pr->standards = ARENA_ARRAY(r->a, Standard, pr->n_standards + 1);
    for (size_t k = 0; k < pr->n_standards; k++) {
        snprintf(r->path, sizeof r->path, "%s.standards[%zu]", base, k);
        const json_t *so = json_array_get(arr, k);
        Standard *s = &pr->standards[k];
        double amount = 0;
        if (expect_object(r, so) < 0 || get_str(r, so, "name", true, &s->name) < 0 ||
            get_num(r, so, "amount", true, &amount, NULL) < 0 ||
            get_str(r, so, "measure", true, &s->measure) < 0)
            return -1;
        if (!isfinite(amount) || amount < 0 || amount > 1e12)
            return err_set(r->e, ERR_INVALID, at(r, "amount"), "%s: out of range", at(r, "amount"));
        s->amount_fen = llround(amount * 100.0);
    }
    return 0;
}

static int read_project(Reader *r, const json_t *po, size_t i, Project *pr)
{
    char base[48];
    snprintf(base, sizeof base, "projects[%zu]", i);
    snprintf(r->path, sizeof r->path, "%s", base);
    double no = 0;
    json_t *units, *inds, *stds;
    if (expect_object(r, po) < 0 || get_num(r, po, "no", true, &no, NULL) < 0 ||
        get_str(r, po, "title", true, &pr->title) < 0 ||
        get_str(r, po, "report_title", false, &pr->report_title) < 0 ||
        get_str(r, po, "text", false, &pr->text) < 0 ||
        get_date(r, po, "deadline", &pr->deadline) < 0 || get_array(r, po, "units", &units) < 0 ||
        get_array(r, po, "indicators", &inds) < 0 || get_array(r, po, "standards", &stds) < 0)
        return -1;
    if (no != floor(no) || no < 1 || no > 10000)
        return err_set(r->e, ERR_INVALID, at(r, "no"), "%s: must be a positive integer", at(r, "no"));
    pr->no = (int)no;
    if (!pr->report_title) pr->report_title = pr->title;
    if (!pr->text) pr->text = arena_strdup(r->a, "");
    return read_units(r, units, pr, base) < 0 || read_indicators(r, inds, pr, base) < 0 ||
                   read_standards(r, stds, pr, base) < 0
               ? -1
               : 0;
}

int programme_from_json(const json_t *j, Arena *a, Programme **out, Err *e)
{
    Reader r = {a, e, ""};
    if (expect_object(&r, j) < 0) return -1;
    Programme *p = ARENA_NEW(a, Programme);
    p->issued = p->start = p->deadline = DATE_NONE;
    char *format = NULL, *reporting = NULL, *scheme = NULL;
    double near_days = 0;
    double year = 0, threshold = 0;
    bool has_threshold = false;
    json_t *projects = NULL;
    if (get_str(&r, j, "format", false, &format) < 0) return -1;
    if (format && strcmp(format, PROGRAMME_JSON_FORMAT) != 0)
        return err_set(e, ERR_INVALID, "format", "format: expected %s, not %s",
                       PROGRAMME_JSON_FORMAT, format);
    if (get_str(&r, j, "title", true, &p->title) < 0 ||
        get_num(&r, j, "year", true, &year, NULL) < 0 ||
        get_str(&r, j, "issuer", false, &p->issuer) < 0 ||
        get_date(&r, j, "issued", &p->issued) < 0 ||
        get_str(&r, j, "coordinator", false, &p->coordinator) < 0 ||
        get_str(&r, j, "reporting", false, &reporting) < 0 ||
        get_str(&r, j, "report_form_title", false, &p->report_form_title) < 0 ||
        get_date(&r, j, "start", &p->start) < 0 || get_date(&r, j, "deadline", &p->deadline) < 0 ||
        get_num(&r, j, "lag_threshold", false, &threshold, &has_threshold) < 0 ||
        get_str(&r, j, "warning_scheme", false, &scheme) < 0 ||
        get_num(&r, j, "near_deadline_days", false, &near_days, NULL) < 0 ||
        get_array(&r, j, "projects", &projects) < 0)
        return -1;
    if (year != floor(year) || year < 1900 || year > 2999)
        return err_set(e, ERR_INVALID, "year", "year: must be a year between 1900 and 2999");
    p->year = (int)year;
    if (has_threshold) p->lag_threshold = threshold;
    if (scheme && !warning_scheme_parse(scheme, &p->warning_scheme))
        return err_set(e, ERR_INVALID, "warning_scheme", "warning_scheme: status or traffic, not %s", scheme);
    if (near_days != floor(near_days) || near_days < 0 || near_days > 365)
        return err_set(e, ERR_INVALID, "near_deadline_days", "near_deadline_days: 0 to 365");
    p->near_deadline_days = (int)near_days;
    p->reporting = CADENCE_QUARTERLY;
    if (reporting && !cadence_parse(reporting, &p->reporting))
        return err_set(e, ERR_INVALID, "reporting", "reporting: quarterly or monthly, not %s", reporting);
    json_t *pub = json_object_get(j, "public");
    if (pub && !json_is_boolean(pub) && !json_is_null(pub))
        return err_set(e, ERR_INVALID, "public", "public: must be true or false");
    p->is_public = !pub || json_is_null(pub) || json_is_true(pub);
    json_t *contact = json_object_get(j, "contact");
    if (contact && !json_is_null(contact)) {
        snprintf(r.path, sizeof r.path, "contact");
        if (expect_object(&r, contact) < 0 || get_str(&r, contact, "phone", false, &p->phone) < 0 ||
            get_str(&r, contact, "email", false, &p->email) < 0)
            return -1;
        r.path[0] = '\0';
    }
    p->n_projects = projects ? json_array_size(projects) : 0;
    p->projects = ARENA_ARRAY(a, Project, p->n_projects + 1);
    for (size_t i = 0; i < p->n_projects; i++) {
        p->projects[i].deadline = DATE_NONE;
        if (read_project(&r, json_array_get(projects, i), i, &p->projects[i]) < 0) return -1;
    }
    programme_apply_defaults(p);
    *out = p;
    return 0;
}

int programme_from_json_text(const char *text, size_t len, Arena *a, Programme **out, Err *e)
{
    json_error_t je;
    json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!j)
        return err_set(e, ERR_INVALID, NULL, "JSON error at line %d, column %d: %s", je.line,
                       je.column, je.text);
    int rc = programme_from_json(j, a, out, e);
    json_decref(j);
    return rc;
}
