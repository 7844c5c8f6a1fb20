/*
 * xlsx_file.h - an Excel workbook as bytes. libxlsxwriter 1.1.4 (Debian 12)
 * can only write to a named file, so the workbook is written into a private
 * directory made with mkdtemp (mode 0700) that is also its tmpdir; the bytes
 * are read back into the arena and the directory emptied and removed on
 * every path.
 */
#ifndef SHISHI_XLSX_FILE_H
#define SHISHI_XLSX_FILE_H

#include <stddef.h>
#include <xlsxwriter.h>

#include "lib/arena.h"
#include "lib/err.h"

/* Fills the workbook; returns the first libxlsxwriter error it met. */
typedef lxw_error (*XlsxFill)(lxw_workbook *wb, void *ctx);

/* Keeps the first error of a series of libxlsxwriter calls in *first. */
void xlsx_check(lxw_error *first, lxw_error rc);

/* A new worksheet named name; NULL, with the reason kept in *err (as by
 * xlsx_check), when libxlsxwriter refuses the name or has no memory. */
lxw_worksheet *xlsx_add_sheet(lxw_workbook *wb, const char *name, lxw_error *err);

/* A new workbook, filled by fill, as the bytes of its .xlsx file (in the
 * arena). Errors are said in Chinese. */
int xlsx_bytes(XlsxFill fill, void *ctx, Arena *a, void **out, size_t *len, Err *e);

#endif
