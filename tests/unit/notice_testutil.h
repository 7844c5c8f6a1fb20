/*
 * notice_testutil.h - what the notice importer's tests share: importing a
 * file, building a DOCX in memory with libzip, and comparing a draft with an
 * expected programme field by field, naming every difference.
 *
 * Include after testutil.h. Everything is static: each test is one binary.
 */
#ifndef SHISHI_NOTICE_TESTUTIL_H
#define SHISHI_NOTICE_TESTUTIL_H

#include <math.h>
#include <stdbool.h>
#include <string.h>
#include <zip.h>

#include "core/vocab.h"
#include "io/notice.h"
#include "core/programme.h"
#include "io/programme_json.h"
#include "lib/buf.h"
#include "lib/timeutil.h"

/* ---- importing ------------------------------------------------------------------ */

/* Imports a file of the repository; fails the test on error. */
static inline NoticeDraft *nt_import_file(Arena *a, const char *path)
{
    size_t len;
    char *data = test_read_file(a, path, &len);
    NoticeDraft *d = NULL;
    Err e = ERR_INIT;
    if (notice_import(data, len, path, a, &d, &e) < 0) fail_msg("%s: %s", path, e.msg);
    return d;
}

/* A small notice from Dongcheng around the given item lines. */
static inline NoticeDraft *nt_mini(Arena *a, const char *items)
{
    char *txt = arena_printf(a,
                             "东城区人民政府办公室\n关于2023年民生实事项目的通知\n各街道：\n%s\n"
                             "东城区人民政府办公室\n2023年1月5日\n",
                             items);
    NoticeDraft *d = NULL;
    Err e = ERR_INIT;
    if (notice_import(txt, strlen(txt), "mini.txt", a, &d, &e) < 0) fail_msg("%s", e.msg);
    return d;
}

static inline Programme *nt_expected(Arena *a, const char *path)
{
    size_t len;
    char *text = test_read_file(a, path, &len);
    Programme *p = NULL;
    Err e = ERR_INIT;
    if (programme_from_json_text(text, len, a, &p, &e) < 0) fail_msg("%s: %s", path, e.msg);
    return p;
}

/* Expects notice_import to refuse data with a message containing want. */
static inline void nt_expect_error(const void *data, size_t len, const char *hint, const char *want)
{
    Arena *a = arena_new();
    NoticeDraft *d = NULL;
    Err e = ERR_INIT;
    int rc = notice_import(data, len, hint, a, &d, &e);
    if (rc != -1) fail_msg("expected failure (%s), got a draft", want);
    if (d != NULL) fail_msg("draft set on failure");
    if (e.code == ERR_NONE || !e.msg[0]) fail_msg("no message for failure (%s)", want);
    if (want && !strstr(e.msg, want)) fail_msg("message \"%s\" lacks \"%s\"", e.msg, want);
    print_message("refused (%s): %s\n", hint ? hint : "-", e.msg);
    arena_free(a);
}

/* The first review note of path; with flag given, the first whose flag
 * contains it ("" for any flag). Fails the test when there is none. */
static inline const NoticeNote *nt_note(const NoticeDraft *d, const char *path, const char *flag)
{
    for (size_t i = 0; i < d->n_notes; i++) {
        const NoticeNote *n = &d->notes[i];
        if (strcmp(n->path, path) == 0 && (!flag || (n->flag && strstr(n->flag, flag)))) return n;
    }
    if (flag) fail_msg("no note on %s flagged \"%s\"", path, flag);
    fail_msg("no note on %s", path);
    return NULL;
}

/* ---- DOCX ---------------------------------------------------------------------------- */

static inline void nt_xml_escape(Buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        default: buf_putc(b, s[i]);
        }
    }
}

static inline void nt_xml_para(Buf *b, const char *s, size_t n)
{
    buf_puts(b, "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia=\"仿宋_GB2312\"/></w:rPr><w:t xml:space=\"preserve\">");
    nt_xml_escape(b, s, n);
    buf_puts(b, "</w:t></w:r></w:p>");
}

/* With numbered, a line starting "一、" becomes a paragraph of Word's
 * automatic numbering (list 1, level 0) without the marker in its text. */
static inline bool nt_xml_numbered_para(Buf *b, const char *s, size_t n)
{
    static const char *const CN = "一二三四五六七八九十";
    size_t k = 0;
    while (k + 3 <= n && memmem(CN, strlen(CN), s + k, 3) && ((k / 3) < 3)) k += 3;
    if (k == 0 || k + 3 > n || memcmp(s + k, "、", 3) != 0) return false;
    buf_puts(b, "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
                "<w:r><w:t xml:space=\"preserve\">");
    nt_xml_escape(b, s + k + 3, n - k - 3);
    buf_puts(b, "</w:t></w:r></w:p>");
    return true;
}

/* numbering.xml defining list 1: level 0 "一、", level 1 "（一）". */
static const char NT_NUMBERING_XML[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:abstractNum w:abstractNumId=\"7\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
    "<w:lvlText w:val=\"%1、\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
    "<w:lvlText w:val=\"（%2）\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num></w:numbering>";

/* word/document.xml from a source text: a line a paragraph; "|a|b/c" a
 * table row whose cells are a and b, b's paragraphs b and c; "#" comments. */
static inline char *nt_docx_xml_ex(Arena *a, const char *src, bool numbered)
{
    Buf b = BUF_INIT(a);
    buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                 "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
                 "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>");
    bool in_table = false;
    for (const char *p = src; *p;) {
        const char *e = strchr(p, '\n');
        if (!e) e = p + strlen(p);
        if (*p == '#') {
            /* comment */
        } else if (*p == '|') {
            if (!in_table) buf_puts(&b, "<w:tbl><w:tblPr/>");
            in_table = true;
            buf_puts(&b, "<w:tr>");
            const char *c = p + 1;
            while (c <= e) {
                const char *ce = memchr(c, '|', (size_t)(e - c));
                if (!ce) ce = e;
                buf_puts(&b, "<w:tc><w:tcPr/>");
                const char *q = c;
                do {
                    const char *qe = memchr(q, '/', (size_t)(ce - q));
                    if (!qe) qe = ce;
                    nt_xml_para(&b, q, (size_t)(qe - q));
                    q = qe + 1;
                } while (q < ce);
                buf_puts(&b, "</w:tc>");
                c = ce + 1;
            }
            buf_puts(&b, "</w:tr>");
        } else {
            if (in_table) buf_puts(&b, "</w:tbl>");
            in_table = false;
            if (!numbered || !nt_xml_numbered_para(&b, p, (size_t)(e - p))) nt_xml_para(&b, p, (size_t)(e - p));
        }
        p = *e ? e + 1 : e;
    }
    if (in_table) buf_puts(&b, "</w:tbl>");
    buf_puts(&b, "<w:sectPr/></w:body></w:document>");
    return (char *)buf_str(&b);
}

static inline char *nt_docx_xml(Arena *a, const char *src)
{
    return nt_docx_xml_ex(a, src, false);
}

/* A zip in memory holding n files; its bytes in the arena. */
static inline unsigned char *nt_zip(Arena *a, const char *const *names, const char *const *data,
                                    const size_t *lens, size_t n, size_t *out_len)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
    assert_non_null(src);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &err);
    assert_non_null(z);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(z, data[i], lens[i], 0);
        assert_non_null(s);
        assert_true(zip_file_add(z, names[i], s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    assert_int_equal(zip_source_open(src), 0);
    assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
    zip_int64_t size = zip_source_tell(src);
    assert_true(size > 0);
    assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
    unsigned char *bytes = arena_alloc(a, (size_t)size);
    assert_int_equal(zip_source_read(src, bytes, (zip_uint64_t)size), size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&err);
    *out_len = (size_t)size;
    return bytes;
}

/* A minimal DOCX around a document.xml, with numbering.xml when given. */
static inline unsigned char *nt_docx_ex(Arena *a, const char *document_xml, const char *numbering_xml,
                                        size_t *out_len)
{
    const char *names[] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/numbering.xml"};
    const char *data[] = {TEST_DOCX_TYPES, TEST_DOCX_RELS, document_xml, numbering_xml};
    size_t lens[] = {sizeof TEST_DOCX_TYPES - 1, sizeof TEST_DOCX_RELS - 1, strlen(document_xml),
                     numbering_xml ? strlen(numbering_xml) : 0};
    return nt_zip(a, names, data, lens, numbering_xml ? 4 : 3, out_len);
}

static inline unsigned char *nt_docx(Arena *a, const char *document_xml, size_t *out_len)
{
    return nt_docx_ex(a, document_xml, NULL, out_len);
}

/* ---- comparing ------------------------------------------------------------------------ */

typedef struct NtScore {
    int pairs, pairs_ok;      /* (target, measure, comparator) */
    int names_exact, names_loose;
    int stds, std_names_exact;  /* standards and their exactly equal names */
} NtScore;

static inline bool nt_streq(const char *a, const char *b)
{
    if (!a || !*a) return !b || !*b;
    return b && strcmp(a, b) == 0;
}

static inline void nt_diff_str(Buf *d, const char *field, const char *got, const char *want)
{
    if (!nt_streq(got, want))
        buf_printf(d, "  %s: got \"%s\", want \"%s\"\n", field, got ? got : "(null)",
                   want ? want : "(null)");
}

static inline void nt_diff_date(Buf *d, const char *field, int got, int want)
{
    if (got == want) return;
    char g[DATE_ISO_LEN] = "none", w[DATE_ISO_LEN] = "none";
    if (got != DATE_NONE) date_format(got, g);
    if (want != DATE_NONE) date_format(want, w);
    buf_printf(d, "  %s: got %s, want %s\n", field, g, w);
}

/* Code points of s, at most max. */
static inline size_t nt_cps(const char *s, int32_t *out, size_t max)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && n < max;) {
        int32_t c = *p;
        int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (len > 1) c &= (1 << (7 - len)) - 1;
        for (int i = 1; i < len && p[i]; i++) c = (c << 6) | (p[i] & 0x3F);
        out[n++] = c;
        p += len;
    }
    return n;
}

/* Loosely the same name: one holds the other, or they share four characters
 * in a row (新建设美家超市 ~ 新建美家超市). */
static inline bool nt_loose(const char *got, const char *want)
{
    if (strstr(got, want) || strstr(want, got)) return true;
    int32_t a[128], b[128];
    size_t na = nt_cps(got, a, 128), nb = nt_cps(want, b, 128), best = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++) {
            size_t k = 0;
            while (i + k < na && j + k < nb && a[i + k] == b[j + k]) k++;
            if (k > best) best = k;
        }
    size_t need = nb < 4 ? nb : 4;
    return best >= need;
}

/* Every difference between got and want, one line each; names of
 * indicators and standards compared exactly when strict_names, else loosely
 * (the exact ones counted in sc). */
static inline const char *nt_compare(Arena *a, const Programme *got, const Programme *want,
                                     bool strict_names, NtScore *sc)
{
    Buf d = BUF_INIT(a);
    memset(sc, 0, sizeof *sc);
    nt_diff_str(&d, "title", got->title, want->title);
    if (got->year != want->year) buf_printf(&d, "  year: got %d, want %d\n", got->year, want->year);
    nt_diff_str(&d, "issuer", got->issuer, want->issuer);
    nt_diff_date(&d, "issued", got->issued, want->issued);
    nt_diff_str(&d, "coordinator", got->coordinator, want->coordinator);
    nt_diff_str(&d, "contact.phone", got->phone, want->phone);
    nt_diff_str(&d, "contact.email", got->email, want->email);
    nt_diff_str(&d, "report_form_title", got->report_form_title, want->report_form_title);
    if (got->is_public != want->is_public)
        buf_printf(&d, "  public: got %d, want %d\n", got->is_public, want->is_public);
    if (got->reporting != want->reporting) buf_printf(&d, "  reporting differs\n");
    if (got->n_projects != want->n_projects)
        buf_printf(&d, "  projects: got %zu, want %zu\n", got->n_projects, want->n_projects);
    size_t np = got->n_projects < want->n_projects ? got->n_projects : want->n_projects;
    for (size_t i = 0; i < np; i++) {
        const Project *g = &got->projects[i], *w = &want->projects[i];
        char f[96];
#define F(...) (snprintf(f, sizeof f, __VA_ARGS__), f)
        if (g->no != w->no) buf_printf(&d, "  projects[%zu].no: got %d, want %d\n", i, g->no, w->no);
        nt_diff_str(&d, F("projects[%zu].title", i), g->title, w->title);
        nt_diff_str(&d, F("projects[%zu].report_title", i), g->report_title, w->report_title);
        nt_diff_str(&d, F("projects[%zu].text", i), g->text, w->text);
        nt_diff_date(&d, F("projects[%zu].deadline", i), g->deadline, w->deadline);
        if (g->n_units != w->n_units)
            buf_printf(&d, "  projects[%zu].units: got %zu, want %zu\n", i, g->n_units, w->n_units);
        for (size_t u = 0; u < g->n_units && u < w->n_units; u++) {
            nt_diff_str(&d, F("projects[%zu].units[%zu].name", i, u), g->units[u].unit_name,
                        w->units[u].unit_name);
            if (g->units[u].role != w->units[u].role)
                buf_printf(&d, "  projects[%zu].units[%zu].role (%s): got %s, want %s\n", i, u,
                           w->units[u].unit_name, unit_role_name(g->units[u].role),
                           unit_role_name(w->units[u].role));
        }
        sc->pairs += (int)w->n_indicators;
        if (g->n_indicators != w->n_indicators)
            buf_printf(&d, "  projects[%zu].indicators: got %zu, want %zu\n", i, g->n_indicators,
                       w->n_indicators);
        for (size_t k = 0; k < g->n_indicators && k < w->n_indicators; k++) {
            const Indicator *gi = &g->indicators[k], *wi = &w->indicators[k];
            bool pair = fabs(gi->target - wi->target) < 1e-9 && nt_streq(gi->measure, wi->measure) &&
                        gi->cmp == wi->cmp;
            if (pair) sc->pairs_ok++;
            else
                buf_printf(&d, "  projects[%zu].indicators[%zu] (%s): got %g %s %s, want %g %s %s\n", i, k,
                           wi->name, gi->target, gi->measure, comparator_name(gi->cmp), wi->target,
                           wi->measure, comparator_name(wi->cmp));
            if (strcmp(gi->name, wi->name) == 0) {
                sc->names_exact++;
                sc->names_loose++;
            } else if (!strict_names && nt_loose(gi->name, wi->name)) {
                sc->names_loose++;
            } else {
                buf_printf(&d, "  projects[%zu].indicators[%zu].name: got \"%s\", want \"%s\"\n", i, k,
                           gi->name, wi->name);
            }
        }
        if (g->n_standards != w->n_standards)
            buf_printf(&d, "  projects[%zu].standards: got %zu, want %zu\n", i, g->n_standards,
                       w->n_standards);
        for (size_t k = 0; k < g->n_standards && k < w->n_standards; k++) {
            const Standard *gs = &g->standards[k], *ws = &w->standards[k];
            sc->stds++;
            if (nt_streq(gs->name, ws->name)) sc->std_names_exact++;
            else if (strict_names || !nt_loose(gs->name, ws->name))
                nt_diff_str(&d, F("projects[%zu].standards[%zu].name", i, k), gs->name, ws->name);
            nt_diff_str(&d, F("projects[%zu].standards[%zu].measure", i, k), gs->measure, ws->measure);
            if (gs->amount_fen != ws->amount_fen)
                buf_printf(&d, "  projects[%zu].standards[%zu].amount: got %lld fen, want %lld fen\n", i,
                           k, (long long)gs->amount_fen, (long long)ws->amount_fen);
        }
#undef F
    }
    return buf_str(&d);
}

#endif
