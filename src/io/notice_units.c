/*
 * notice_units.c - responsible units and their roles. Notices name them in
 * a block after the item's text, in many spellings:
 *   （责任单位：A、B）                    the first listed leads
 *   （牵头单位：A，责任单位：B、C）        labelled roles
 *   （A牵头，B、C配合）  （A牵头，B参与）  roles as verbs after the names
 *   责任单位：A、B                         a line of its own
 * with full- or half-width brackets, colons and separators (the normalised
 * text has folded those). A unit named in several items is one unit: the
 * registry gives each spelling one display name.
 */
#include "io/notice_internal.h"

#include <string.h>

/* Labels that open a list of units, and the role they give. */
typedef struct Label {
    const char *word;
    enum UnitRole role;
    bool needs_colon; /* bare 牵头/配合 are labels only before a colon */
} Label;

static const Label LABELS[] = {
    {"牵头单位", UNIT_LEAD, false},        {"牵头部门", UNIT_LEAD, false},
    {"主责单位", UNIT_LEAD, false},        {"主办单位", UNIT_LEAD, false},
    {"责任单位", UNIT_RESPONSIBLE, false}, {"责任部门", UNIT_RESPONSIBLE, false},
    {"实施单位", UNIT_RESPONSIBLE, false}, {"承办单位", UNIT_RESPONSIBLE, false},
    {"配合单位", UNIT_RESPONSIBLE, false}, {"配合部门", UNIT_RESPONSIBLE, false},
    {"协办单位", UNIT_RESPONSIBLE, false}, {"参与单位", UNIT_RESPONSIBLE, false},
    {"协同单位", UNIT_RESPONSIBLE, false}, {"协助单位", UNIT_RESPONSIBLE, false},
    {"责任主体", UNIT_RESPONSIBLE, false}, {"牵头", UNIT_LEAD, true},
    {"配合", UNIT_RESPONSIBLE, true},      {"责任", UNIT_RESPONSIBLE, true},
    {"参与", UNIT_RESPONSIBLE, true},      {"协办", UNIT_RESPONSIBLE, true},
    {NULL, UNIT_RESPONSIBLE, false}};

/* Role words written after names: "A牵头", "B、C配合". */
typedef struct RoleWord {
    const char *word;
    enum UnitRole role;
} RoleWord;

static const RoleWord ROLE_WORDS[] = {{"牵头", UNIT_LEAD},        {"负责", UNIT_LEAD},
                                      {"配合", UNIT_RESPONSIBLE}, {"参与", UNIT_RESPONSIBLE},
                                      {"协办", UNIT_RESPONSIBLE}, {"协助", UNIT_RESPONSIBLE},
                                      {"落实", UNIT_RESPONSIBLE}, {NULL, UNIT_RESPONSIBLE}};

/* How the names of Chinese government bodies end. */
static const char *const SUFFIXES[] = {
    "局", "委", "办", "会", "部", "院", "所", "中心", "处", "室", "队", "站", "厅", "司",
    "团", "联", "府", "镇", "乡", "街道", "社区", "馆", "校", "行", "社", "组", "庭",
    "科", "署", "台", "园", "企业", "单位", "部门", "村", NULL};

static const Label *label_at(const NText *t, size_t pos, size_t end, size_t *after)
{
    const Label *best = NULL;
    size_t best_n = 0;
    for (const Label *l = LABELS; l->word; l++) {
        size_t n = strlen(l->word);
        if (n <= best_n || !nt_at(t, pos, end, l->word)) continue;
        size_t p = nt_skip_space(t, pos + n, end);
        bool colon = nt_at(t, p, end, ":");
        if (l->needs_colon && !colon) continue;
        best = l;
        best_n = n;
        *after = colon ? p + 1 : p;
    }
    return best;
}

static bool ends_with_suffix(const NText *t, size_t s, size_t e)
{
    /* 各镇(街道): look past a closing bracket */
    if (e > s && t->s[e - 1] == ')') {
        size_t open = nt_rfind(t, s, e, "(");
        if (open != NPOS && open > s) e = open;
    }
    for (size_t i = 0; SUFFIXES[i]; i++)
        if (nt_ends(t, s, e, SUFFIXES[i])) return true;
    return false;
}

static const RoleWord *role_suffix(const NText *t, size_t s, size_t e)
{
    for (const RoleWord *r = ROLE_WORDS; r->word; r++)
        if (nt_ends(t, s, e, r->word) && e - s > strlen(r->word)) return r;
    return NULL;
}

/* Is [s, e) (inside brackets) a list of units with role words? */
static bool role_list(const NText *t, size_t s, size_t e)
{
    size_t tok = s, n_tok = 0;
    bool any_role = false;
    for (size_t p = s; p <= e;) {
        size_t next;
        int32_t cp = p < e ? nt_cp(t, p, e, &next) : -1;
        bool sep = cp < 0 || cp == ',' || cp == ';' || cp == 0x3001 /* 、 */ || cp == '/' ||
                   cp == ' ';
        if (!sep) {
            if (!cp_is_han(cp) && cp != '(' && cp != ')' && !(cp >= '0' && cp <= '9') &&
                cp != 0x201C && cp != 0x201D)
                return false;
            p = next;
            continue;
        }
        if (p > tok) {
            const RoleWord *r = role_suffix(t, tok, p);
            size_t name_e = r ? p - strlen(r->word) : p;
            if (r) any_role = true;
            if (!ends_with_suffix(t, tok, name_e)) return false;
            n_tok++;
        }
        if (cp < 0) break;
        tok = next;
        p = next;
    }
    return any_role && n_tok > 0;
}

size_t nunits_find(const NText *t, size_t s, size_t e, NRange *out, size_t max)
{
    size_t n = 0, pos = s;
    bool line_start = true;
    int fails = 0; /* unmatched brackets on this line: a real line has few */
    while (pos < e && n < max) {
        size_t next, after;
        int32_t cp = nt_cp(t, pos, e, &next);
        if (cp == '(' && fails >= 16) {
            while (next < e && t->s[next] != '\n') next++;
        } else if (cp == '(') {
            int depth = 1;
            size_t q = next, qmax = next + 600 < e ? next + 600 : e; /* blocks are short */
            while (q < qmax && depth > 0) {
                if (t->s[q] == '(') depth++;
                else if (t->s[q] == ')') depth--;
                else if (t->s[q] == '\n') break;
                if (depth > 0) q++;
            }
            if (q >= qmax) depth = 1;
            if (depth != 0) fails++;
            if (depth == 0) {
                size_t cs = nt_skip_space(t, next, q);
                if (label_at(t, cs, q, &after) || role_list(t, cs, q)) {
                    out[n++] = (NRange){pos, q + 1};
                    pos = q + 1;
                    line_start = false;
                    continue;
                }
            }
        } else if (cp == '\n') {
            line_start = true;
            fails = 0;
            pos = next;
            continue;
        } else if (cp != ' ' && cp != '\t') {
            /* an unbracketed label: "责任单位：A、B" to the end of the line */
            const Label *l = label_at(t, pos, e, &after);
            if (l && !l->needs_colon && nt_at(t, nt_skip_space(t, pos + strlen(l->word), e), e, ":") &&
                (line_start || pos == s || nt_ends(t, s, pos, "。"))) {
                size_t q = pos;
                while (q < e && t->s[q] != '\n') q++;
                out[n++] = (NRange){pos, nt_trim_end(t, pos, q)};
                pos = q;
                continue;
            }
            line_start = false;
        }
        pos = next;
    }
    return n;
}

/* ---- the registry of units ---------------------------------------------------- */

/* The one display name of a unit: the first spelling met of its
 * normalised name (key), so that a unit named in several items, in full- or
 * half-width brackets, is one unit. */
static char *nunits_canonical(NCtx *c, const char *key, const char *display)
{
    char *name = strmap_get(&c->units, key);
    return name ? name : strmap_put(&c->units, key, arena_strdup(c->a, display));
}

/* Adds one unit named by u's range [s, e) to project pi. */
static void add_name(NCtx *c, size_t pi, const NText *u, size_t s, size_t e, enum UnitRole role,
                     NRange src)
{
    /* 由A负责, A等 */
    if (nt_at(u, s, e, "由")) s += strlen("由");
    for (;;) {
        if (nt_ends(u, s, e, "等") || nt_ends(u, s, e, "。")) e -= strlen("等");
        else if (e > s && (u->s[e - 1] == '.' || u->s[e - 1] == ' ')) e--;
        else break;
    }
    size_t chars = nt_chars(u, s, e);
    if (chars < 2 || chars > 40) return;
    bool han = false;
    for (size_t p = s; p < e && !han;) {
        size_t next;
        han = cp_is_han(nt_cp(u, p, e, &next));
        p = next;
    }
    if (!han) return;
    char *key = arena_alloc(c->a, e - s + 1);
    size_t k = 0;
    for (size_t p = s; p < e; p++)
        if (u->s[p] != ' ') key[k++] = u->s[p];
    key[k] = '\0';
    NPiece piece = {s, e, NULL};
    char *name = nunits_canonical(c, key, ntext_join(u, &piece, 1, c->a));
    Project *pr = &c->p->projects[pi];
    for (size_t i = 0; i < pr->n_units; i++)
        if (pr->units[i].unit_name == name) {
            if (role == UNIT_LEAD) pr->units[i].role = UNIT_LEAD;
            return;
        }
    if (pr->n_units >= NPROJ_MAX_UNITS) return;
    ProjectUnit *pu = nproj_add_unit(c, pi);
    pu->unit_name = name;
    pu->role = role;
    c->caps[pi].usrc[pr->n_units - 1] = src;
}

/* Parses a list of units in the main text's [s, e) (a block, or a table
 * cell) with role dflt where nothing in the text says otherwise. */
static void parse_list(NCtx *c, size_t pi, size_t s, size_t e, enum UnitRole dflt, NRange src)
{
    size_t os, oe;
    ntext_orig_range(&c->t, s, e, &os, &oe);
    NText u;
    ntext_build(&u, c->t.orig + os, oe - os, true, c->a);
    size_t b = 0, end = u.len;
    b = nt_skip_space(&u, b, end);
    end = nt_trim_end(&u, b, end);
    if (nt_at(&u, b, end, "(") && end > b && u.s[end - 1] == ')') {
        b++;
        end--;
    }
    enum UnitRole role = dflt;
    size_t group_start_unit = c->p->projects[pi].n_units;
    size_t tok = b;
    int depth = 0;
    for (size_t p = b; p <= end;) {
        size_t next = p + 1, after;
        int32_t cp = p < end ? nt_cp(&u, p, end, &next) : -1;
        if (cp == '(') depth++;
        if (cp == ')' && depth > 0) depth--;
        /* a label starts a group: 牵头单位:A */
        const Label *l = cp >= 0 && depth == 0 && p == tok ? label_at(&u, p, end, &after) : NULL;
        if (l) {
            role = l->role;
            group_start_unit = c->p->projects[pi].n_units;
            tok = p = after;
            continue;
        }
        bool group_end = cp < 0 || (depth == 0 && (cp == ',' || cp == ';'));
        bool item_end = group_end || (depth == 0 && (cp == 0x3001 || cp == '/' || cp == '\n' ||
                                                     (cp == ' ' && ends_with_suffix(&u, tok, p))));
        if (item_end) {
            size_t te = nt_trim_end(&u, tok, p);
            size_t ts = nt_skip_space(&u, tok, te);
            const RoleWord *r = role_suffix(&u, ts, te);
            if (r) te -= strlen(r->word);
            if (te > ts) add_name(c, pi, &u, ts, te, role, src);
            if (r) {
                /* "B、C配合": the role word names the whole group */
                Project *pr = &c->p->projects[pi];
                for (size_t i = group_start_unit; i < pr->n_units; i++) pr->units[i].role = r->role;
            }
            if (group_end) {
                group_start_unit = c->p->projects[pi].n_units;
                if (r) role = dflt; /* after "A牵头," the next group is unmarked */
            }
            if (cp < 0) break;
            tok = next;
        }
        p = next;
    }
}

void nunits_parse(NCtx *c, size_t pi, NRange b)
{
    parse_list(c, pi, b.s, b.e, UNIT_RESPONSIBLE, b);
}

void nunits_add(NCtx *c, size_t pi, size_t s, size_t e, enum UnitRole role)
{
    parse_list(c, pi, s, e, role, (NRange){s, e});
}

void nunits_finish(NCtx *c, size_t pi)
{
    Project *pr = &c->p->projects[pi];
    NProj *x = &c->caps[pi];
    if (pr->n_units == 0) return;
    /* lead first, otherwise the notice's order (stable); with no lead named
     * the order stays and programme_apply_defaults makes the first lead */
    ProjectUnit *sorted = ARENA_ARRAY(c->a, ProjectUnit, x->units);
    NRange *src = ARENA_ARRAY(c->a, NRange, x->units);
    size_t k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < pr->n_units; i++)
            if ((pr->units[i].role == UNIT_LEAD) == (pass == 0)) {
                src[k] = x->usrc[i];
                sorted[k++] = pr->units[i];
            }
    memcpy(pr->units, sorted, pr->n_units * sizeof *sorted);
    memcpy(x->usrc, src, pr->n_units * sizeof *src);
}
