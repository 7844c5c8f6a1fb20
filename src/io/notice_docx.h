/*
 * notice_docx.h - what notice_docx.c needs from notice_docx_numbering.c:
 * the markers of Word's automatic numbering ("一、" that is not in the
 * text). Internal to the notice importer.
 */
#ifndef SHISHI_NOTICE_DOCX_H
#define SHISHI_NOTICE_DOCX_H

#include <stddef.h>

#include "io/zipio.h"
#include "lib/arena.h"
#include "lib/err.h"

typedef struct DocxNumbering DocxNumbering;

/* Reads word/numbering.xml (an archive without one has no numbering: an
 * empty result, not an error). */
int ndocx_numbering_read(ZipIn *z, Arena *a, DocxNumbering **out, Err *e);

/* The marker of the next paragraph of list num_id at level ilvl ("一、",
 * "（二）", "3.", "④"), written into out; "" for a list or level the
 * document does not define, or for bullets. Counts on from the last call. */
const char *ndocx_numbering_next(DocxNumbering *n, int num_id, int ilvl, char *out, size_t size);

#endif
