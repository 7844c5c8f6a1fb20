/* xml_writer.c - the one escaping XML writer. See xml_writer.h. */
#include "io/xml_writer.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "lib/utf8.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* What to do with one character. */
enum Action { KEEP, DROP, REPLACE, ESCAPE };

static enum Action classify(int32_t cp, bool attr, const char **esc)
{
    switch (cp) {
    case '&': *esc = "&amp;"; return ESCAPE;
    case '<': *esc = "&lt;"; return ESCAPE;
    case '>': *esc = "&gt;"; return ESCAPE;
    case '"':
        if (!attr) return KEEP;
        *esc = "&quot;";
        return ESCAPE;
    /* A parser normalises raw tab/LF/CR in attributes to spaces and a raw CR
     * in text to LF; character references survive both. */
    case '\t':
        if (!attr) return KEEP;
        *esc = "&#9;";
        return ESCAPE;
    case '\n':
        if (!attr) return KEEP;
        *esc = "&#10;";
        return ESCAPE;
    case '\r': *esc = "&#13;"; return ESCAPE;
    default: break;
    }
    if (cp < 0) return REPLACE;
    if (cp < 0x20) return DROP;                   /* C0 controls: illegal in XML 1.0 */
    if (cp >= 0x7F && cp <= 0x9F) return DROP;    /* DEL and C1: legal but never text */
    if (cp == 0xFFFE || cp == 0xFFFF) return DROP;
    return KEEP;
}

size_t xml_escape(Buf *out, const char *s, size_t n, bool attr)
{
    const char *p = s, *end = s + n, *run = s;
    size_t changed = 0;
    buf_reserve(out, n);
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        /* Fast path: printable ASCII other than the five specials. */
        if (c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"') {
            p++;
            continue;
        }
        const char *at = p;
        int32_t cp = utf8_decode(&p, end);
        const char *esc = NULL;
        enum Action act = classify(cp, attr, &esc);
        if (act == KEEP) continue;
        buf_append(out, run, (size_t)(at - run));
        run = p;
        if (act == ESCAPE) {
            buf_puts(out, esc);
        } else {
            changed++;
            if (act == REPLACE) buf_puts(out, REPLACEMENT);
        }
    }
    buf_append(out, run, (size_t)(end - run));
    return changed;
}

char *xml_clean(Arena *a, const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s);
    Buf b = BUF_INIT(a);
    buf_reserve(&b, n);
    const char *p = s, *end = s + n, *run = s;
    while (p < end) {
        if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7F) {
            p++;
            continue;
        }
        const char *at = p;
        int32_t cp = utf8_decode(&p, end);
        const char *esc = NULL;
        enum Action act = classify(cp, false, &esc);
        if (act == KEEP || act == ESCAPE) continue; /* escaping is the library's */
        buf_append(&b, run, (size_t)(at - run));
        run = p;
        if (act == REPLACE) buf_puts(&b, REPLACEMENT);
    }
    buf_append(&b, run, (size_t)(end - run));
    return b.data ? b.data : arena_strdup(a, "");
}

void xml_init(XmlWriter *w, Buf *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
}

void xml_decl(XmlWriter *w)
{
    assert(w->depth == 0 && w->out->len == 0);
    buf_puts(w->out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
}

/* Ends a start tag left open for attributes, before content follows. */
static void finish_start_tag(XmlWriter *w)
{
    if (w->tag_open) {
        buf_putc(w->out, '>');
        w->tag_open = false;
    }
}

void xml_open(XmlWriter *w, const char *name)
{
    assert(w->depth < XML_MAX_DEPTH);
    finish_start_tag(w);
    buf_putc(w->out, '<');
    buf_puts(w->out, name);
    w->stack[w->depth++] = name;
    w->tag_open = true;
}

void xml_attr(XmlWriter *w, const char *name, const char *value)
{
    assert(w->tag_open);
    buf_putc(w->out, ' ');
    buf_puts(w->out, name);
    buf_append(w->out, "=\"", 2);
    if (value) w->stripped += xml_escape(w->out, value, strlen(value), true);
    buf_putc(w->out, '"');
}

void xml_attr_int(XmlWriter *w, const char *name, long long value)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", value);
    xml_attr(w, name, num);
}

void xml_text_n(XmlWriter *w, const char *s, size_t n)
{
    assert(w->depth > 0);
    finish_start_tag(w);
    w->stripped += xml_escape(w->out, s, n, false);
}

void xml_text(XmlWriter *w, const char *s)
{
    if (s) xml_text_n(w, s, strlen(s));
}

void xml_close(XmlWriter *w)
{
    assert(w->depth > 0);
    const char *name = w->stack[--w->depth];
    if (w->tag_open) {
        buf_append(w->out, "/>", 2);
        w->tag_open = false;
        return;
    }
    buf_append(w->out, "</", 2);
    buf_puts(w->out, name);
    buf_putc(w->out, '>');
}

void xml_leaf(XmlWriter *w, const char *name, const char *attr, const char *value)
{
    xml_open(w, name);
    if (attr) xml_attr(w, attr, value);
    xml_close(w);
}

void xml_leaf_int(XmlWriter *w, const char *name, const char *attr, long long value)
{
    xml_open(w, name);
    xml_attr_int(w, attr, value);
    xml_close(w);
}

void xml_elem_text(XmlWriter *w, const char *name, const char *text)
{
    xml_open(w, name);
    xml_text(w, text ? text : "");
    xml_close(w);
}

bool xml_done(const XmlWriter *w)
{
    return w->depth == 0 && !w->tag_open;
}
