/*
 * xml_writer.h - the one escaping XML writer of io/: every XML part shishi
 * produces (DOCX parts, content types, relationships) is written through it.
 *
 * Elements are opened and closed on a stack, so a writer cannot produce
 * mismatched tags; text and attribute values are escaped here and nowhere
 * else. Characters that XML 1.0 forbids (C0 controls other than tab, LF and
 * CR; U+FFFE, U+FFFF) and the C1 controls are dropped, and malformed UTF-8 is
 * replaced by U+FFFD, because a Word file with one such byte does not open at
 * all. Element and attribute names are the caller's string literals and are
 * not checked. Misuse (closing more than was opened, nesting deeper than
 * XML_MAX_DEPTH) is a bug and aborts through assert.
 */
#ifndef SHISHI_XML_WRITER_H
#define SHISHI_XML_WRITER_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/arena.h"
#include "lib/buf.h"

#define XML_MAX_DEPTH 32

typedef struct XmlWriter {
    Buf *out;                          /* where the markup goes */
    const char *stack[XML_MAX_DEPTH];  /* names of the open elements, outermost first */
    int depth;                         /* number of open elements */
    bool tag_open;                     /* "<name attr…" written, ">" not yet */
    size_t stripped;                   /* characters dropped or replaced so far */
} XmlWriter;

void xml_init(XmlWriter *w, Buf *out);
/* <?xml version="1.0" encoding="UTF-8" standalone="yes"?> and a newline. */
void xml_decl(XmlWriter *w);

void xml_open(XmlWriter *w, const char *name);
/* An attribute of the element just opened (before any child or text). */
void xml_attr(XmlWriter *w, const char *name, const char *value);
void xml_attr_int(XmlWriter *w, const char *name, long long value);
void xml_text(XmlWriter *w, const char *s);
void xml_text_n(XmlWriter *w, const char *s, size_t n);
/* Closes the innermost element; an element without content becomes <name/>. */
void xml_close(XmlWriter *w);

/* <name attr="value"/>: the shape of most WordprocessingML properties. */
void xml_leaf(XmlWriter *w, const char *name, const char *attr, const char *value);
void xml_leaf_int(XmlWriter *w, const char *name, const char *attr, long long value);
/* <name>text</name> */
void xml_elem_text(XmlWriter *w, const char *name, const char *text);

/* True when every element opened has been closed. */
bool xml_done(const XmlWriter *w);

/* Appends s[0..n) to out escaped for element content (attr false) or for a
 * double-quoted attribute value (attr true). Returns the number of
 * characters dropped or replaced (see the file comment). */
size_t xml_escape(Buf *out, const char *s, size_t n, bool attr);

/* A copy of s in the arena with the characters XML 1.0 forbids dropped and
 * malformed UTF-8 replaced by U+FFFD, not escaped: for libraries (such as
 * libxlsxwriter) that escape markup themselves but pass control characters
 * through. NULL stays NULL. */
char *xml_clean(Arena *a, const char *s);

#endif
