/*
 * docx_document.h - a prose document as Word (GB/T 9704-2012 layout): the
 * bulletin (进展情况通报) and the supervision notice (督办单).
 *
 * Portrait A4 with the official margins, an optional flush-left label, the
 * title in 方正小标宋简体 二号 centred, an optional subtitle in 楷体_GB2312,
 * then paragraphs in 仿宋_GB2312 三号, 22 lines a page, body paragraphs
 * indented two characters; "— 1 —" page numbers. Built on the same package
 * code as the quarterly table (docx_pkg.h).
 */
#ifndef SHISHI_DOCX_DOCUMENT_H
#define SHISHI_DOCX_DOCUMENT_H

#include <stddef.h>

#include "lib/arena.h"
#include "lib/err.h"

typedef enum DocBlockKind {
    DOC_BODY,       /* body text: 仿宋 三号, first line indented 2 characters */
    DOC_HEADING1,   /* "一、…": 黑体 三号, indented 2 characters (GB/T 7.3.3) */
    DOC_HEADING2,   /* "（一）…": 楷体_GB2312 三号, indented 2 characters */
    DOC_PLAIN,      /* flush left, no indent: 主送机关 "各有关单位：" */
    DOC_SIGNATURE,  /* right-aligned, 4 characters from the edge: issuer, date */
    DOC_BLOCK__MAX
} DocBlockKind;

typedef struct DocBlock {
    DocBlockKind kind;
    const char *text;  /* a '\n' starts a new paragraph of the same kind */
} DocBlock;

typedef struct DocDocument {
    const char *label;     /* flush left on line 1 (黑体), e.g. "附件" or "督办单"; NULL for none */
    const char *title;     /* required */
    const char *subtitle;  /* e.g. "（2022年第三季度）"; NULL for none */
    const DocBlock *blocks;
    size_t n_blocks;
} DocDocument;

/* The document's DOCX bytes in the arena; 0, or -1 with e set (a missing
 * title is ERR_INVALID). */
int docx_document(const DocDocument *d, Arena *a, void **out, size_t *len, Err *e);

#endif
