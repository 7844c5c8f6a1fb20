/*
 * sniff.h - what an uploaded file is, decided by its content (never by its
 * name or the browser's word), against the allow-list of the reporting
 * issue: PDF, DOC, DOCX, WPS, XLS, XLSX, JPEG, PNG.
 */
#ifndef SHISHI_SNIFF_H
#define SHISHI_SNIFF_H

#include <stddef.h>

#include "lib/err.h"

#define MIME_DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define MIME_XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* What a file's first bytes say it is. Zip and OLE2 are containers: what
 * they hold decides (DOCX or XLSX; DOC, XLS, WPS or an encrypted OOXML). */
typedef enum Magic { MAGIC_NONE, MAGIC_PDF, MAGIC_JPEG, MAGIC_PNG, MAGIC_ZIP, MAGIC_OLE2 } Magic;

Magic sniff_bytes(const void *data, size_t n);

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
