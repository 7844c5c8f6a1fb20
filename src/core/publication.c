/* publication.c - what the public sees of a programme, and objections. See publication.h. */
#include "core/publication.h"

#include <jansson.h>
#include <string.h>

#include "core/audit.h"
#include "core/progress.h"
#include "core/rounds.h"
#include "io/json_util.h"
#include "lib/timeutil.h"
#include "lib/utf8.h"

size_t publication_public_reports(const Report *reports, size_t n, const Round *rounds,
                                  size_t n_rounds, const Round *published, Arena *a, Report **out)
{
    Report *v = ARENA_ARRAY(a, Report, n + 1);
    size_t k = 0;
    for (size_t i = 0; published && i < n; i++) {
        const Report *rep = &reports[i];
        if (rep->status != REPORT_ACCEPTED) continue;
        const Round *rd = rounds_find(rounds, n_rounds, rep->round_id);
        if (!rd || rd->period_end > published->period_end) continue;
        v[k] = *rep;
        /* figures only: what a unit wrote, and why a report was sent back,
         * stay inside the office even when the report counts */
        v[k].measures = NULL;
        v[k].problems = NULL;
        v[k].next_steps = NULL;
        v[k].return_reason = NULL;
        k++;
    }
    *out = v;
    return k;
}

/* Responsible departments, persons and their phones are internal. */
static void strip_contacts(Programme *p)
{
    for (size_t i = 0; i < p->n_projects; i++)
        for (size_t u = 0; u < p->projects[i].n_units; u++) {
            ProjectUnit *pu = &p->projects[i].units[u];
            pu->department = NULL;
            pu->person = NULL;
            pu->phone = NULL;
        }
}

/* ERR_NOT_FOUND unless the programme exists (and, with public_only, is
 * marked public): a private programme looks like none to the public. */
static int check_programme(Db *db, Id programme_id, bool public_only, Err *e)
{
    bool exists, is_public;
    if (store_publication_programme_state(db, programme_id, &exists, &is_public, e) < 0) return -1;
    if (!exists || (public_only && !is_public))
        return err_set(e, ERR_NOT_FOUND, NULL, public_only ? "该实事计划未公开" : "实事计划不存在");
    return 0;
}

static int build_view(Db *db, Arena *a, Id programme_id, Id round_id, int until, int today,
                      bool public_only, PublicView **out, Err *e)
{
    PublicProgramme *pubs;
    size_t n_pubs;
    Programme *p;
    if (check_programme(db, programme_id, public_only, e) < 0 ||
        store_publication_programmes(db, a, &pubs, &n_pubs, e) < 0 ||
        store_programme_load(db, a, programme_id, &p, e) < 0)
        return -1;
    strip_contacts(p);

    PublicView *v = ARENA_NEW(a, PublicView);
    v->programme = p;
    v->objection_until = until;
    v->window_open = until != DATE_NONE && until >= today;
    if (round_id) {
        Round *rounds;
        size_t n_rounds, n_reports;
        Report *reports, *pub;
        if (store_round_list(db, a, programme_id, &rounds, &n_rounds, e) < 0) return -1;
        const Round *rd = rounds_find(rounds, n_rounds, round_id);
        if (!rd) return err_set(e, ERR_NOT_FOUND, "round", "该轮次不属于本计划");
        size_t at = (size_t)(rd - rounds);
        if (store_report_list_by_programme(db, a, programme_id, &reports, &n_reports, e) < 0)
            return -1;
        size_t n_pub = publication_public_reports(reports, n_reports, rounds, n_rounds,
                                                  &rounds[at], a, &pub);
        v->round = &rounds[at];
        v->standing = standing_compute(p, rounds, n_rounds, at, pub, n_pub, a);
        v->expected = progress_expected(p->start, p->deadline, rounds[at].period_end);
    }

    Office o = {0};
    Err ignored = ERR_INIT;
    if (p->office_id) store_office_get(db, a, p->office_id, &o, &ignored);
    v->office = o.name ? o.name : p->coordinator;
    v->phone = o.phone && *o.phone ? o.phone : p->phone;
    v->email = o.email && *o.email ? o.email : p->email;

    PublicProgramme *others = ARENA_ARRAY(a, PublicProgramme, n_pubs + 1);
    size_t n_others = 0;
    for (size_t i = 0; i < n_pubs; i++)
        if (pubs[i].id != programme_id) others[n_others++] = pubs[i];
    v->others = others;
    v->n_others = n_others;
    *out = v;
    return 0;
}

int publication_view(Db *db, Arena *a, Id programme_id, int today, PublicView **out, Err *e)
{
    PublicationRow pub;
    if (store_publication_get(db, a, programme_id, &pub, e) < 0) return -1;
    return build_view(db, a, programme_id, pub.round_id, pub.objection_until, today, true, out, e);
}

int publication_preview(Db *db, Arena *a, Id programme_id, Id round_id, int objection_until,
                        int today, PublicView **out, Err *e)
{
    return build_view(db, a, programme_id, round_id, objection_until, today, false, out, e);
}

int publication_latest(Db *db, Arena *a, Id *programme_id, Err *e)
{
    PublicProgramme *pubs;
    size_t n;
    if (store_publication_programmes(db, a, &pubs, &n, e) < 0) return -1;
    *programme_id = n ? pubs[0].id : 0;
    return 0;
}

static char *publication_json(Arena *a, const PublicationRow *p, const char *round_name)
{
    return json_take_text(
        a, json_pack("{s:o, s:s?, s:s?}", "round_id",
                     p->round_id ? json_integer((json_int_t)p->round_id) : json_null(), "round",
                     round_name, "objection_until",
                     p->objection_until == DATE_NONE ? NULL : date_iso(a, p->objection_until)));
}

int publication_set(Db *db, Arena *a, const Actor *who, Id programme_id, Id round_id,
                    int objection_until, int today, Err *e)
{
    if (who->role != ROLE_ADMIN)
        return err_set(e, ERR_FORBIDDEN, NULL, "只有协调办公室可以决定公开的内容");
    if (objection_until != DATE_NONE && objection_until < today)
        return err_set(e, ERR_INVALID, "objection_until", "公示截止日期不能早于今天");
    Round *rounds;
    size_t n_rounds;
    PublicationRow before;
    if (db_begin(db, e) < 0) return -1;
    if (check_programme(db, programme_id, false, e) < 0 ||
        store_round_list(db, a, programme_id, &rounds, &n_rounds, e) < 0 ||
        store_publication_get(db, a, programme_id, &before, e) < 0)
        goto fail;
    const Round *rd = round_id ? rounds_find(rounds, n_rounds, round_id) : NULL;
    if (round_id && !rd) {
        err_set(e, ERR_INVALID, "round", "该轮次不属于本计划");
        goto fail;
    }
    const Round *was = before.round_id ? rounds_find(rounds, n_rounds, before.round_id) : NULL;
    PublicationRow after = {programme_id, round_id, objection_until, NULL, who->user_id};
    if (store_publication_put(db, &after, e) < 0 ||
        audit_record(db, who, "programme.publish", "programme", programme_id,
                     publication_json(a, &before, was ? was->name : NULL),
                     publication_json(a, &after, rd ? rd->name : NULL), e) < 0)
        goto fail;
    return db_commit(db, e);
fail:
    db_rollback(db);
    return -1;
}

/* An optional short text: NULL when absent or empty, else checked. */
static int optional_text(const char *s, const char *field, const char *label, size_t max,
                         const char **out, Err *e)
{
    *out = NULL;
    if (!s || !*s) return 0;
    if (!utf8_valid(s, strlen(s))) return err_set(e, ERR_INVALID, field, "%s含有无效字符", label);
    if (utf8_chars(s) > max) return err_set(e, ERR_INVALID, field, "%s过长（最多%zu个字）", label, max);
    *out = s;
    return 0;
}

int objection_submit(Db *db, Arena *a, const Actor *who, Id programme_id, const char *name,
                     const char *contact, const char *body, int today, Err *e)
{
    if (!body || !*body) return err_set(e, ERR_INVALID, "body", "请填写意见内容");
    if (!utf8_valid(body, strlen(body)))
        return err_set(e, ERR_INVALID, "body", "意见内容含有无效字符");
    if (utf8_chars(body) > OBJECTION_BODY_MAX_CHARS)
        return err_set(e, ERR_INVALID, "body", "意见内容过长（最多%d个字）", OBJECTION_BODY_MAX_CHARS);
    const char *nm, *ct;
    if (optional_text(name, "name", "姓名", OBJECTION_NAME_MAX_CHARS, &nm, e) < 0 ||
        optional_text(contact, "contact", "联系方式", OBJECTION_CONTACT_MAX_CHARS, &ct, e) < 0)
        return -1;
    ObjectionRow o = {0};
    o.programme_id = programme_id;
    o.name = arena_strdup(a, nm);
    o.contact = arena_strdup(a, ct);
    o.body = arena_strdup(a, body);
    o.address = arena_strdup(a, who->address ? who->address : "unknown");

    PublicationRow pub;
    char now[TS_ISO_LEN], since[TS_ISO_LEN];
    int recent = 0;
    if (db_begin(db, e) < 0) return -1;
    if (check_programme(db, programme_id, true, e) < 0 ||
        store_publication_get(db, a, programme_id, &pub, e) < 0) goto fail;
    if (pub.objection_until == DATE_NONE || pub.objection_until < today) {
        err_set(e, ERR_CONFLICT, NULL, "当前不在公示期内，无法在线提交意见");
        goto fail;
    }
    /* the count and the insert share the write lock: parallel requests
     * from one address cannot all slip under the limit */
    ts_now(now);
    ts_offset(now, -3600, since);
    if (store_objection_count_since(db, o.address, since, &recent, e) < 0) goto fail;
    if (recent >= OBJECTION_PER_HOUR) {
        err_set(e, ERR_TOO_LARGE, NULL, "提交过于频繁，请一小时后再试");
        goto fail;
    }
    o.round_id = pub.round_id;
    o.created_at = arena_strdup(a, now);
    if (store_objection_insert(db, a, &o, e) < 0) goto fail;
    /* the text is kept in the chained trail; name and contact are not */
    char *after = json_take_text(
        a, json_pack("{s:I, s:o, s:s}", "programme_id", (json_int_t)programme_id, "round_id",
                     o.round_id ? json_integer((json_int_t)o.round_id) : json_null(), "body", body));
    if (audit_record(db, who, "objection.add", "objection", o.id, NULL, after, e) < 0) goto fail;
    return db_commit(db, e);
fail:
    db_rollback(db);
    return -1;
}
