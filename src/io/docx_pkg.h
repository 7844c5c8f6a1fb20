/*
 * docx_pkg.h - what the DOCX writers share: the package (content types,
 * relationships, styles, settings, the "— 1 —" page-number footers, document
 * properties), the page set-up of GB/T 9704, and helpers that write runs and
 * paragraphs in schema order. table_docx.c and docx_document.c write only
 * their body through it.
 *
 * Every run carries its fonts directly (w:rFonts in all four slots and
 * w:lang eastAsia zh-CN), not only through styles: WPS and the renderers
 * that check a file look at the run.
 */
#ifndef SHISHI_DOCX_PKG_H
#define SHISHI_DOCX_PKG_H

#include <stdbool.h>
#include <stddef.h>

#include "io/xml_writer.h"
#include "lib/arena.h"
#include "lib/buf.h"
#include "lib/err.h"

typedef enum DocxOrient { DOCX_PORTRAIT, DOCX_LANDSCAPE } DocxOrient;

typedef struct DocxDoc {
    Arena *a;
    DocxOrient orient;
    Buf body;     /* word/document.xml as it is written (heap; docx_finish frees it) */
    XmlWriter w;  /* writes body; open: w:document, w:body */
} DocxDoc;

/* Paragraph formatting, in the units of WordprocessingML. Zero means "not
 * set" for every field. */
typedef struct DocxPara {
    const char *jc;         /* "left", "center", "right", "both" */
    int first_line_chars;   /* first-line indent in 1/100 character (200 = 2 chars); the
                               twips equivalent is written too, for readers that ignore it */
    int ind_left, ind_right; /* twips */
    int line;               /* line spacing in twips */
    bool line_exact;        /* line is exact (else at least) */
    int before, after;      /* spacing in twips */
    bool keep_next;         /* keep with the next paragraph */
} DocxPara;

/* Starts word/document.xml: declaration, w:document and w:body open. */
void docx_begin(DocxDoc *d, Arena *a, DocxOrient orient);

/* Opens a w:p with its w:pPr (the caller adds runs and closes it). face
 * and pt (the text's) size the paragraph mark and turn first_line_chars
 * into twips; face may be NULL for a mark of the default style. */
void docx_para_open(XmlWriter *w, const DocxPara *fmt, const char *face, int pt);
/* A run of text in face at pt points. A '\n' in text becomes w:br, a tab w:tab. */
void docx_run(XmlWriter *w, const char *face, int pt, const char *text);
/* A whole paragraph of one run; text may be NULL for an empty line whose
 * height is that of face at pt. */
void docx_para(XmlWriter *w, const DocxPara *fmt, const char *face, int pt, const char *text);

/* One paragraph (as docx_para) per line of text, split at '\n'; NULL or
 * "" gives one empty paragraph. */
void docx_paras(XmlWriter *w, Arena *a, const DocxPara *fmt, const char *face, int pt, const char *text);

/* The head of an official document or attachment (GB/T 9704 7.3.7): the
 * label ("附件", 黑体 三号) flush left on line 1, line 2 empty, the title
 * (方正小标宋简体 二号) centred from line 3, then the subtitle (楷体_GB2312
 * 三号) centred. Any of the three may be NULL; with no label the title
 * starts on line 1. */
void docx_heading(DocxDoc *d, const char *label, const char *title, const char *subtitle);

/* Ends the body with the section (paper, margins, footers), writes the
 * other parts and zips the package into the arena. title goes to the
 * document properties. Every DocxDoc begun must be finished (it frees the
 * body), whatever the outcome. */
int docx_finish(DocxDoc *d, const char *title, void **out, size_t *len, Err *e);

#endif
