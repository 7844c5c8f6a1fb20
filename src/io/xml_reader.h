/*
 * xml_reader.h - expat, hardened for uploads, for the DOCX and XLSX readers.
 *
 * Every parser made here refuses a document type declaration (so no entity
 * can be declared, and none expanded: no billion laughs, no external
 * entities), limits element nesting, and turns any failure into a Chinese
 * message naming the part. Namespaces are processed: handlers see element
 * and attribute names as "namespace-uri|local" ("local" when unqualified),
 * so a file is read the same whatever prefixes its producer chose.
 */
#ifndef SHISHI_XML_READER_H
#define SHISHI_XML_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "io/zipio.h"
#include "lib/err.h"

#define XMLR_MAX_DEPTH 256

typedef struct XmlReader XmlReader;

typedef struct XmlHandlers {
    void (*start)(XmlReader *r, const char *name, const char **attrs);  /* attrs: name, value, …, NULL */
    void (*end)(XmlReader *r, const char *name);
    void (*text)(XmlReader *r, const char *s, size_t n);                 /* n bytes, not NUL-terminated */
} XmlHandlers;

/* Parses one part of the archive with the handlers; ud reaches them through
 * xmlr_ud(). Returns 0, or -1 with e set (by the parser or by a handler that
 * called xmlr_fail). */
int xmlr_parse_part(ZipIn *z, const char *part, const XmlHandlers *h, void *ud, Err *e);

void *xmlr_ud(XmlReader *r);
/* Stops the parse; the message (printf-style) becomes the parse's error. */
void xmlr_fail(XmlReader *r, enum ErrCode code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The namespaces the readers care about, each in its Transitional and its
 * Strict (ISO 29500) spelling. */
enum XmlNs { XMLNS_W, XMLNS_S, XMLNS_R, XMLNS_PKG_REL, XMLNS__MAX };

/* True when name is local in namespace ns. */
bool xmlr_is(const char *name, enum XmlNs ns, const char *local);
/* The part of a processed name after the namespace. */
const char *xmlr_local(const char *name);
/* The value of the attribute whose local name is local, whatever its
 * namespace; NULL when absent. */
const char *xmlr_attr(const char **attrs, const char *local);

/* ---- Word's text: what the two DOCX readers (table_read_docx.c,
 * notice_docx.c) agree is on the page ---- */

/* True for an element whose content is not on the page though its runs
 * may hold w:t: mc:Fallback (a copy of what mc:Choice shows), w:del (a
 * tracked deletion), w:moveFrom (the old place of text moved elsewhere). */
bool xmlr_docx_hidden(const char *name);
/* The text a run's element stands for: "\n" for w:br and w:cr, " " for
 * w:tab, "-" for w:noBreakHyphen; NULL for anything else. Only inside a w:r
 * (a w:tab in paragraph properties is a tab stop, not a character). */
const char *xmlr_docx_run_text(const char *name);

#endif
