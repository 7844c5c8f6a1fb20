/* search.c - full-text search with visibility. See search.h. */
#include "core/search.h"

#include <string.h>

#include "core/reports.h"
#include "lib/buf.h"
#include "lib/utf8.h"

/* Length of a space at s (ASCII space or tab, or U+3000), 0 if none. */
static size_t space_at(const char *s)
{
    if (*s == ' ' || *s == '\t') return 1;
    if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3;
    return 0;
}

int search_parse(Arena *a, const char *q, SearchTerms *out, Err *e)
{
    memset(out, 0, sizeof *out);
    size_t len = q ? strlen(q) : 0;
    if (!utf8_valid(q ? q : "", len)) return err_set(e, ERR_INVALID, "q", "搜索内容含有无效字符");
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)q[i] < 0x20 || q[i] == 0x7f)
            return err_set(e, ERR_INVALID, "q", "搜索内容含有控制字符");
    if (len && utf8_chars(q) > SEARCH_QUERY_MAX_CHARS)
        return err_set(e, ERR_INVALID, "q", "搜索内容过长（最多%d个字）", SEARCH_QUERY_MAX_CHARS);
    out->fts = true;
    const char *s = q ? q : "";
    while (*s) {
        size_t sp = space_at(s);
        if (sp) {
            s += sp;
            continue;
        }
        const char *start = s;
        while (*s && !space_at(s)) s++;
        if (out->n == SEARCH_MAX_TERMS)
            return err_set(e, ERR_INVALID, "q", "最多输入%d个关键词", SEARCH_MAX_TERMS);
        char *term = arena_strndup(a, start, (size_t)(s - start));
        if (utf8_chars(term) < SEARCH_FTS_MIN_CHARS) out->fts = false;
        out->terms[out->n++] = term;
    }
    if (out->n == 0) {
        out->fts = false;
        return err_set(e, ERR_INVALID, "q", "请输入要搜索的内容");
    }
    return 0;
}

char *search_fts_expr(Arena *a, const SearchTerms *t)
{
    Buf b = BUF_INIT(a);
    for (size_t i = 0; i < t->n; i++) {
        if (i) buf_putc(&b, ' ');
        buf_putc(&b, '"');
        for (const char *p = t->terms[i]; *p; p++) {
            if (*p == '"') buf_putc(&b, '"');
            buf_putc(&b, *p);
        }
        buf_putc(&b, '"');
    }
    return arena_strdup(a, buf_str(&b));
}

char *search_like_pattern(Arena *a, const char *term)
{
    Buf b = BUF_INIT(a);
    buf_putc(&b, '%');
    for (const char *p = term; *p; p++) {
        if (*p == '\\' || *p == '%' || *p == '_') buf_putc(&b, '\\');
        buf_putc(&b, *p);
    }
    buf_putc(&b, '%');
    return arena_strdup(a, buf_str(&b));
}

bool search_scope(const Actor *who, Id *unit_id, bool *drafts)
{
    switch (who->role) {
    case ROLE_REPORTER:
        /* a reporter without a unit would otherwise get "every unit" */
        if (!who->unit_id) return false;
        *unit_id = who->unit_id;
        *drafts = true;
        return true;
    case ROLE_ADMIN:
    case ROLE_VIEWER:
        *unit_id = 0;
        *drafts = false;
        return true;
    default:
        return false;
    }
}

bool search_visible(const SearchHit *h, const Actor *who)
{
    Id unit;
    bool drafts;
    if (!search_scope(who, &unit, &drafts)) return false;
    switch (h->kind) {
    case SEARCH_PROJECT:
        return true;
    case SEARCH_REPORT: {
        Report rep = {0};
        rep.unit_id = h->unit_id;
        rep.status = h->status;
        return report_visible_to(&rep, who);
    }
    case SEARCH_LEDGER:
        return !unit || h->unit_id == unit;
    default:
        return false;
    }
}

/* ---- snippets for the LIKE fallback ---------------------------------------------- */

static char fold(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Length of the longest term occurring at s, 0 if none. Bytes of
 * multi-byte characters are >= 0x80 and compare exactly. */
static size_t term_at(const char *s, const SearchTerms *t)
{
    size_t best = 0;
    for (size_t i = 0; i < t->n; i++) {
        size_t n = strlen(t->terms[i]), k = 0;
        while (k < n && s[k] && fold(s[k]) == fold(t->terms[i][k])) k++;
        if (k == n && n > best) best = n;
    }
    return best;
}

static const char *back_chars(const char *start, const char *p, size_t n)
{
    while (n-- > 0 && p > start) {
        p--;
        while (p > start && ((unsigned char)*p & 0xC0) == 0x80) p--;
    }
    return p;
}

static const char *forward_chars(const char *p, size_t n)
{
    while (n-- > 0 && *p) {
        p++;
        while (*p && ((unsigned char)*p & 0xC0) == 0x80) p++;
    }
    return p;
}

char *search_snippet(Arena *a, const char *text, const SearchTerms *t, size_t context)
{
    const char *first = NULL;
    for (const char *p = text; *p && !first; p++)
        if (term_at(p, t)) first = p;
    const char *from = first ? back_chars(text, first, context) : text;
    const char *to = forward_chars(from, context * 3);
    Buf b = BUF_INIT(a);
    if (from > text) buf_puts(&b, "…");
    const char *p = from;
    while (*p && p < to) {
        size_t n = term_at(p, t);
        if (n) {
            /* a match crossing the end is kept whole */
            buf_puts(&b, SEARCH_MARK_OPEN);
            buf_append(&b, p, n);
            buf_puts(&b, SEARCH_MARK_CLOSE);
            p += n;
        } else {
            const char *q = forward_chars(p, 1);
            buf_append(&b, p, (size_t)(q - p));
            p = q;
        }
    }
    if (*p) buf_puts(&b, "…");
    return arena_strdup(a, buf_str(&b));
}

/* ---- running a search ----------------------------------------------------------- */

static int bring_index_up_to_date(Db *db, Err *e)
{
    bool pending;
    if (store_search_pending(db, &pending, e) < 0) return -1;
    if (!pending) return 0;
    if (db_begin(db, e) < 0) return -1;
    if (store_search_sync(db, e) < 0) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db, e);
}

int search_run(Db *db, Arena *a, const Actor *who, const char *q, SearchResult *out, Err *e)
{
    memset(out, 0, sizeof *out);
    SearchQuery sq = {0};
    if (!search_scope(who, &sq.unit_id, &sq.drafts))
        return err_set(e, ERR_FORBIDDEN, NULL, "请先登录后再搜索");
    SearchTerms t;
    if (search_parse(a, q, &t, e) < 0) return -1;
    if (t.fts) {
        sq.match = search_fts_expr(a, &t);
    } else {
        for (size_t i = 0; i < t.n; i++) sq.like[i] = search_like_pattern(a, t.terms[i]);
        out->fallback = true;
    }
    /* one more than shown, to know whether there are more */
    sq.limit = SEARCH_LIMIT + 1;
    if (bring_index_up_to_date(db, e) < 0) return -1;
    for (int k = 0; k < SEARCH_KIND__MAX; k++) {
        SearchHit *hits;
        size_t n;
        if (store_search(db, a, (enum SearchKind)k, &sq, &hits, &n, e) < 0) return -1;
        size_t kept = 0;
        for (size_t i = 0; i < n; i++) {
            /* the query already limits rows to the scope; this is the
             * second lock on the same door */
            if (!search_visible(&hits[i], who)) continue;
            if (kept == SEARCH_LIMIT) {
                out->more[k] = true;
                break;
            }
            hits[kept] = hits[i];
            if (!t.fts) hits[kept].text = search_snippet(a, hits[kept].text, &t, 16);
            kept++;
        }
        out->hits[k] = hits;
        out->n[k] = kept;
    }
    return 0;
}
