/* xml_reader.c - hardened expat for uploads. See xml_reader.h. */
#include "io/xml_reader.h"

#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS_SEP '|'

struct XmlReader {
    XML_Parser p;
    const XmlHandlers *h;
    void *ud;
    const char *what;  /* part name for messages */
    int depth;
    bool failed;       /* a handler or a guard stopped the parse */
    Err err;           /* its error */
};

static const char *const NS_URIS[XMLNS__MAX][2] = {
    [XMLNS_W] = {"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                 "http://purl.oclc.org/ooxml/wordprocessingml/main"},
    [XMLNS_S] = {"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                 "http://purl.oclc.org/ooxml/spreadsheetml/main"},
    [XMLNS_R] = {"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                 "http://purl.oclc.org/ooxml/officeDocument/relationships"},
    [XMLNS_PKG_REL] = {"http://schemas.openxmlformats.org/package/2006/relationships",
                       "http://schemas.openxmlformats.org/package/2006/relationships"},
};

void *xmlr_ud(XmlReader *r)
{
    return r->ud;
}

void xmlr_fail(XmlReader *r, enum ErrCode code, const char *fmt, ...)
{
    if (r->failed) return;
    r->failed = true;
    va_list ap;
    va_start(ap, fmt);
    char msg[sizeof r->err.msg];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err_set(&r->err, code, NULL, "%s", msg);
    XML_StopParser(r->p, XML_FALSE);
}

const char *xmlr_local(const char *name)
{
    const char *sep = strrchr(name, NS_SEP);
    return sep ? sep + 1 : name;
}

bool xmlr_is(const char *name, enum XmlNs ns, const char *local)
{
    const char *sep = strrchr(name, NS_SEP);
    if (!sep || strcmp(sep + 1, local) != 0) return false;
    size_t n = (size_t)(sep - name);
    for (int i = 0; i < 2; i++) {
        const char *uri = NS_URIS[ns][i];
        if (strlen(uri) == n && memcmp(uri, name, n) == 0) return true;
    }
    return false;
}

const char *xmlr_attr(const char **attrs, const char *local)
{
    for (size_t i = 0; attrs[i]; i += 2)
        if (strcmp(xmlr_local(attrs[i]), local) == 0) return attrs[i + 1];
    return NULL;
}

#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"

bool xmlr_docx_hidden(const char *name)
{
    size_t n = strlen(NS_MC);
    if (strncmp(name, NS_MC, n) == 0 && name[n] == NS_SEP && strcmp(name + n + 1, "Fallback") == 0) return true;
    return xmlr_is(name, XMLNS_W, "del") || xmlr_is(name, XMLNS_W, "moveFrom");
}

const char *xmlr_docx_run_text(const char *name)
{
    const char *l = xmlr_local(name);
    if (!xmlr_is(name, XMLNS_W, l)) return NULL;
    if (strcmp(l, "br") == 0 || strcmp(l, "cr") == 0) return "\n";
    if (strcmp(l, "tab") == 0) return " ";
    if (strcmp(l, "noBreakHyphen") == 0) return "-";
    return NULL;
}

/* ---- expat callbacks ------------------------------------------------------------ */

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    XmlReader *r = ud;
    if (r->failed) return;
    if (++r->depth > XMLR_MAX_DEPTH) {
        xmlr_fail(r, ERR_INVALID, "文件内容异常（%s 的元素嵌套超过%d层），已拒绝", r->what, XMLR_MAX_DEPTH);
        return;
    }
    if (r->h->start) r->h->start(r, name, attrs);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    XmlReader *r = ud;
    if (r->failed) return;
    r->depth--;
    if (r->h->end) r->h->end(r, name);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int n)
{
    XmlReader *r = ud;
    if (r->failed || n <= 0) return;
    if (r->h->text) r->h->text(r, s, (size_t)n);
}

/* A DOCTYPE is where entities are declared; an Office part never has one. */
static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal_subset)
{
    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal_subset;
    XmlReader *r = ud;
    xmlr_fail(r, ERR_INVALID, "文件内容异常（%s 含有文档类型声明DTD），已拒绝", r->what);
}

static void XMLCALL on_entity_decl(void *ud, const XML_Char *name, int is_param, const XML_Char *value,
                                   int value_len, const XML_Char *base, const XML_Char *sysid,
                                   const XML_Char *pubid, const XML_Char *notation)
{
    (void)name, (void)is_param, (void)value, (void)value_len, (void)base;
    (void)sysid, (void)pubid, (void)notation;
    XmlReader *r = ud;
    xmlr_fail(r, ERR_INVALID, "文件内容异常（%s 声明了实体），已拒绝", r->what);
}

static void reader_init(XmlReader *r, const char *what, const XmlHandlers *h, void *ud)
{
    memset(r, 0, sizeof *r);
    r->p = XML_ParserCreateNS("UTF-8", NS_SEP);
    if (!r->p) {
        fprintf(stderr, "shishi: out of memory (expat)\n");
        abort();
    }
    r->h = h;
    r->ud = ud;
    r->what = what;
    XML_SetUserData(r->p, r);
    XML_SetElementHandler(r->p, on_start, on_end);
    XML_SetCharacterDataHandler(r->p, on_text);
    XML_SetStartDoctypeDeclHandler(r->p, on_doctype);
    XML_SetEntityDeclHandler(r->p, on_entity_decl);
    XML_SetParamEntityParsing(r->p, XML_PARAM_ENTITY_PARSING_NEVER);
}

/* Feeds one chunk; turns an expat error into the reader's error. */
static int feed(XmlReader *r, const char *s, size_t n, bool last)
{
    if (r->failed) return -1;
    while (n > 0 || last) {
        int piece = n > (size_t)(1 << 30) ? (1 << 30) : (int)n;
        bool final = last && (size_t)piece == n;
        if (XML_Parse(r->p, s, piece, final) == XML_STATUS_ERROR) {
            if (!r->failed) {
                r->failed = true;
                err_set(&r->err, ERR_INVALID, NULL, "文件内容已损坏（%s 第%lu行：%s）", r->what,
                        (unsigned long)XML_GetCurrentLineNumber(r->p), XML_ErrorString(XML_GetErrorCode(r->p)));
            }
            return -1;
        }
        s += piece;
        n -= (size_t)piece;
        if (final) break;
    }
    return 0;
}

static int finish(XmlReader *r, int rc, Err *e)
{
    if (rc < 0 && r->failed) err_set(e, r->err.code, NULL, "%s", r->err.msg);
    XML_ParserFree(r->p);
    return rc;
}

static int feed_chunk(void *ud, const char *chunk, size_t n, bool last, Err *e)
{
    (void)e; /* the reader keeps its own error; finish() copies it */
    return feed(ud, chunk, n, last);
}

int xmlr_parse_part(ZipIn *z, const char *part, const XmlHandlers *h, void *ud, Err *e)
{
    XmlReader r;
    reader_init(&r, part, h, ud);
    int rc = zipin_stream(z, part, feed_chunk, &r, e);
    return finish(&r, rc, e);
}
