/*
 * sniff.h - what an uploaded file is, decided by its content (never by its
 * name or the browser's word), against the allow-list of the reporting
 * issue: PDF, DOC, DOCX, WPS, XLS, XLSX, JPEG, PNG.
 */
#ifndef SHISHI_SNIFF_H
#define SHISHI_SNIFF_H

#include "lib/err.h"

typedef struct FileKind {
    const char *mime;   /* what the file is served as */
    const char *ext;    /* the extension it is saved with: "pdf", "docx" ... */
    const char *label;  /* 中文 name for pages: "PDF文档" */
} FileKind;

/* Looks at the file at path (filename only breaks the tie between the
 * Office 97-2003 formats, which share one container). Returns -1 with a
 * Chinese message for anything not on the list. */
int sniff_file(const char *path, const char *filename, FileKind *out, Err *e);

#endif
