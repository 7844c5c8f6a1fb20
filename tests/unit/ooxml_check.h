/*
 * ooxml_check.h - test helpers that look inside a DOCX or XLSX the way a
 * strict reader would: every part unzipped (libzip) and parsed (expat,
 * without namespace processing, so names keep the prefixes we write),
 * content types covering every part, relationships resolving, the text in
 * reading order, and the child order of property elements against the
 * schema's sequences. Header-only; included by the test_table_* files.
 */
#ifndef SHISHI_OOXML_CHECK_H
#define SHISHI_OOXML_CHECK_H

#include "testutil.h"

#include <expat.h>
#include <stdbool.h>
#include <strings.h>
#include <zip.h>

#include "lib/buf.h"

typedef struct Part {
    char *name;
    char *data;  /* NUL-terminated */
    size_t len;
} Part;

typedef struct Pkg {
    Part parts[64];
    size_t n;
} Pkg;

/* Unzips every entry of a file we wrote ourselves (trusted: no limits). */
static inline void pkg_open(Arena *a, const void *data, size_t len, Pkg *p)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    if (!za) fail_msg("not a zip archive: %s", zip_error_strerror(&ze));
    zip_error_fini(&ze);
    p->n = 0;
    zip_int64_t n = zip_get_num_entries(za, 0);
    assert_true(n > 0 && n <= 64);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        assert_int_equal(zip_stat_index(za, (zip_uint64_t)i, 0, &st), 0);
        zip_file_t *f = zip_fopen_index(za, (zip_uint64_t)i, 0);
        assert_non_null(f);
        char *buf = arena_alloc(a, (size_t)st.size + 1);
        assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
        zip_fclose(f);
        p->parts[p->n++] = (Part){arena_strdup(a, st.name), buf, (size_t)st.size};
    }
    zip_discard(za);
}

static inline const Part *pkg_part(const Pkg *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->parts[i].name, name) == 0) return &p->parts[i];
    return NULL;
}

static inline const Part *pkg_need(const Pkg *p, const char *name)
{
    const Part *part = pkg_part(p, name);
    if (!part) fail_msg("missing part %s", name);
    return part;
}

/* ---- a tiny expat walker ----------------------------------------------------------- */

typedef struct Walk Walk;
typedef void (*WalkStart)(Walk *w, const char *name, const char **attrs);
typedef void (*WalkEnd)(Walk *w, const char *name);
typedef void (*WalkText)(Walk *w, const char *s, int n);

struct Walk {
    WalkStart start;
    WalkEnd end;
    WalkText text;
    void *ud;
    const char *stack[64];  /* open element names (copies in the arena) */
    int depth;
    Arena *a;
};

static inline void XMLCALL walk_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    Walk *w = ud;
    if (w->start) w->start(w, name, attrs);
    if (w->depth < 64) w->stack[w->depth] = arena_strdup(w->a, name);
    w->depth++;
}

static inline void XMLCALL walk_end(void *ud, const XML_Char *name)
{
    Walk *w = ud;
    w->depth--;
    if (w->end) w->end(w, name);
}

static inline void XMLCALL walk_text(void *ud, const XML_Char *s, int n)
{
    Walk *w = ud;
    if (w->text) w->text(w, s, n);
}

/* Parses a part with the callbacks; fails the test if it is not well-formed. */
static inline void walk(Arena *a, const Part *part, Walk *w)
{
    w->a = a;
    w->depth = 0;
    XML_Parser p = XML_ParserCreate("UTF-8");
    XML_SetUserData(p, w);
    XML_SetElementHandler(p, walk_start, walk_end);
    XML_SetCharacterDataHandler(p, walk_text);
    if (XML_Parse(p, part->data, (int)part->len, 1) == XML_STATUS_ERROR)
        fail_msg("%s is not well-formed: line %lu: %s", part->name, (unsigned long)XML_GetCurrentLineNumber(p),
                 XML_ErrorString(XML_GetErrorCode(p)));
    XML_ParserFree(p);
}

static inline const char *attr_of(const char **attrs, const char *name)
{
    for (size_t i = 0; attrs[i]; i += 2)
        if (strcmp(attrs[i], name) == 0) return attrs[i + 1];
    return NULL;
}

static inline const char *walk_parent(const Walk *w)
{
    return w->depth > 0 && w->depth <= 64 ? w->stack[w->depth - 1] : "";
}

/* ---- package checks ------------------------------------------------------------------ */

typedef struct Types {
    const char *ext[16], *ext_type[16];
    size_t n_ext;
    const char *part[64], *part_type[64];
    size_t n_part;
} Types;

static inline void types_start(Walk *w, const char *name, const char **attrs)
{
    Types *t = w->ud;
    if (strcmp(name, "Default") == 0 && t->n_ext < 16) {
        t->ext[t->n_ext] = arena_strdup(w->a, attr_of(attrs, "Extension"));
        t->ext_type[t->n_ext++] = arena_strdup(w->a, attr_of(attrs, "ContentType"));
    } else if (strcmp(name, "Override") == 0 && t->n_part < 64) {
        t->part[t->n_part] = arena_strdup(w->a, attr_of(attrs, "PartName"));
        t->part_type[t->n_part++] = arena_strdup(w->a, attr_of(attrs, "ContentType"));
    }
}

/* The content type of a part by [Content_Types].xml; NULL when none. */
static inline const char *content_type(const Types *t, const char *part)
{
    for (size_t i = 0; i < t->n_part; i++)
        if (t->part[i][0] == '/' && strcmp(t->part[i] + 1, part) == 0) return t->part_type[i];
    const char *dot = strrchr(part, '.');
    for (size_t i = 0; dot && i < t->n_ext; i++)
        if (strcasecmp(t->ext[i], dot + 1) == 0) return t->ext_type[i];
    return NULL;
}

typedef struct Rels {
    const char *base;
    const Pkg *pkg;
    Arena *a;
    int office_docs;
    const char *main;
} Rels;

static inline void rels_start(Walk *w, const char *name, const char **attrs)
{
    Rels *r = w->ud;
    if (strcmp(name, "Relationship") != 0) return;
    const char *mode = attr_of(attrs, "TargetMode");
    if (mode && strcmp(mode, "External") == 0) return;
    const char *target = attr_of(attrs, "Target"), *type = attr_of(attrs, "Type");
    assert_non_null(target);
    assert_non_null(attr_of(attrs, "Id"));
    const char *path = target[0] == '/' ? target + 1
                       : *r->base       ? arena_printf(r->a, "%s/%s", r->base, target)
                                        : target;
    if (!pkg_part(r->pkg, path)) fail_msg("relationship target %s does not exist", path);
    size_t tl = type ? strlen(type) : 0, sl = strlen("/officeDocument");
    if (tl > sl && strcmp(type + tl - sl, "/officeDocument") == 0) {
        r->office_docs++;
        r->main = arena_strdup(r->a, path); /* expat reuses its attribute memory */
    }
}

/* Every XML part well-formed, every part typed, every relationship
 * resolving, one main part of type main_type. Returns the main part's name. */
static inline const char *assert_package(Arena *a, const Pkg *p, const char *main_type)
{
    pkg_need(p, "[Content_Types].xml");
    pkg_need(p, "_rels/.rels");
    for (size_t i = 0; i < p->n; i++) {
        Walk w = {0};
        walk(a, &p->parts[i], &w); /* fails if not well-formed */
    }
    Types t = {0};
    Walk tw = {.start = types_start, .ud = &t};
    walk(a, pkg_need(p, "[Content_Types].xml"), &tw);
    for (size_t i = 0; i < p->n; i++) {
        if (strcmp(p->parts[i].name, "[Content_Types].xml") == 0) continue;
        if (!content_type(&t, p->parts[i].name)) fail_msg("part %s has no content type", p->parts[i].name);
    }
    const char *main = NULL;
    for (size_t i = 0; i < p->n; i++) {
        const char *name = p->parts[i].name;
        size_t len = strlen(name);
        if (len < 5 || strcmp(name + len - 5, ".rels") != 0) continue;
        /* word/_rels/document.xml.rels -> base "word" */
        const char *rels_dir = strstr(name, "_rels/");
        Rels r = {.base = arena_strndup(a, name, rels_dir > name ? (size_t)(rels_dir - name - 1) : 0),
                  .pkg = p, .a = a};
        Walk rw = {.start = rels_start, .ud = &r};
        walk(a, &p->parts[i], &rw);
        if (strcmp(name, "_rels/.rels") == 0) {
            assert_int_equal(r.office_docs, 1);
            main = r.main;
        }
    }
    assert_non_null(main);
    assert_string_equal(content_type(&t, main), main_type);
    return main;
}

/* ---- schema order -------------------------------------------------------------------- */

typedef struct Order {
    const char *parent;           /* "w:rPr" */
    const char *const *children;  /* in schema order, NULL-terminated */
    int last[64];                 /* index of the last child seen, per open parent depth */
    int checked;                  /* children checked, to prove the test ran */
} Order;

static inline void order_start(Walk *w, const char *name, const char **attrs)
{
    (void)attrs;
    Order *o = w->ud;
    if (strcmp(name, o->parent) == 0 && w->depth < 64) o->last[w->depth] = -1;
    if (w->depth > 0 && strcmp(walk_parent(w), o->parent) == 0) {
        int idx = -1;
        for (int i = 0; o->children[i]; i++)
            if (strcmp(o->children[i], name) == 0) idx = i;
        if (idx < 0) fail_msg("%s is not a child %s may have", name, o->parent);
        if (idx < o->last[w->depth - 1]) fail_msg("%s out of schema order inside %s", name, o->parent);
        o->last[w->depth - 1] = idx;
        o->checked++;
    }
}

/* Fails when a child of parent appears out of the schema's order (or is
 * not in it); returns how many children were checked. */
static inline int assert_order(Arena *a, const Part *part, const char *parent, const char *const *children)
{
    Order o = {.parent = parent, .children = children};
    Walk w = {.start = order_start, .ud = &o};
    walk(a, part, &w);
    return o.checked;
}

/* ---- text ---------------------------------------------------------------------------- */

/* Each needle found in hay after the previous one. */
static inline void assert_in_order(const char *hay, const char *const *needles, size_t n)
{
    const char *pos = hay;
    for (size_t i = 0; i < n; i++) {
        const char *hit = strstr(pos, needles[i]);
        if (!hit) fail_msg("text %s missing or out of order", needles[i]);
        pos = hit + strlen(needles[i]);
    }
}

/* Counts occurrences of needle. */
static inline size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

#endif
