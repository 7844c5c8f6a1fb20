/*
 * table_html.h - the official quarterly table as HTML: inside the print
 * page of a round, and as a standalone file (`shishi export --format html`)
 * with its stylesheet embedded and A4 landscape @page rules.
 */
#ifndef SHISHI_TABLE_HTML_H
#define SHISHI_TABLE_HTML_H

#include "io/report_table.h"
#include "web/request.h"

/* The label, title and table, into r's body. */
void table_html(Request *r, const ReportTable *t);

/* A whole HTML document (UTF-8) in the arena. */
char *table_html_document(Arena *a, const ReportTable *t, size_t *len);

#endif
