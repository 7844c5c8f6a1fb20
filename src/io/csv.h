/*
 * csv.h - CSV as Excel on Chinese Windows reads it: UTF-8 with a BOM (else
 * it guesses GBK), RFC 4180 quoting, CRLF between records.
 */
#ifndef SHISHI_CSV_H
#define SHISHI_CSV_H

#include <stdbool.h>

#include "lib/arena.h"
#include "lib/buf.h"

/* The BOM that starts the file. */
void csv_begin(Buf *b);
/* One field, always quoted, inner quotes doubled; control characters
 * dropped; a leading = + - @ gets an apostrophe so that a spreadsheet
 * does not run it as a formula (CSV injection). */
void csv_field(Buf *b, Arena *a, const char *s, bool first);
void csv_end_row(Buf *b);

#endif
