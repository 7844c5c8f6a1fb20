/*
 * notice.h - the notice importer: a published 为民办实事 notice (.txt in
 * UTF-8 or GB18030/GBK, or .docx) in, a draft programme out, together with
 * what a reviewer needs to check it: for every extracted field the sentence
 * it came from, and a flag where the importer is unsure.
 *
 * Used by `shishi import-notice` and by the web review form: nothing here
 * touches the database; the caller shows or stores the draft.
 */
#ifndef SHISHI_NOTICE_H
#define SHISHI_NOTICE_H

#include <jansson.h>
#include <stddef.h>

#include "core/model.h"
#include "lib/arena.h"
#include "lib/err.h"

/* Inputs beyond these are refused with ERR_TOO_LARGE before any parsing (a
 * DOCX's parts also meet the limits of io/zipio.h). */
#define NOTICE_MAX_FILE (20u * 1024 * 1024)    /* bytes of the uploaded file */
#define NOTICE_MAX_TEXT (4u * 1024 * 1024)     /* bytes of decoded text */
#define NOTICE_MAX_PROJECTS 500                 /* numbered projects in one notice */

/* Where one field of the draft came from. A path names a field of the
 * programme JSON ("issued", "projects[2].indicators[0]", "projects[2].units[1]"),
 * or a list ("projects[2].indicators", "projects[2].units") for a note about
 * what was left out of it (a number not taken as a target, units not found).
 * Notes come in the order of the fields in the JSON. */
typedef struct NoticeNote {
    const char *path;   /* as above */
    const char *source; /* the sentence of the notice it was taken from; NULL when the
                           value is not in the notice (then flag says why) */
    const char *flag;   /* NULL, or why it needs review, in Chinese ("约数：300余名按300计") */
} NoticeNote;

/* A draft programme (ids 0, defaults applied, not validated) plus its notes,
 * in the order of the fields in the programme JSON. */
typedef struct NoticeDraft {
    Programme *programme;
    NoticeNote *notes;
    size_t n_notes;
} NoticeDraft;

/* Reads a notice of len bytes. filename_hint (may be NULL) only breaks ties:
 * the format is taken from the bytes (a zip is a DOCX, anything else text).
 * Everything is allocated in a. On failure returns -1 with e->msg in Chinese
 * ("未找到编号的实事项目（如“一、”）", "文件过大…") and *out untouched;
 * a notice that parses always gives a draft, whatever is missing is flagged. */
int notice_import(const void *data, size_t len, const char *filename_hint, Arena *a,
                  NoticeDraft **out, Err *e);

/* The programme JSON (programme_to_json, shishi-program/1) plus a "review"
 * array of {"path", "source", "flag"}. A new reference the caller must
 * json_decref. */
json_t *notice_draft_to_json(const NoticeDraft *d);

/* notice_draft_to_json as text (indented by 2, final newline), in a. */
char *notice_draft_json_text(const NoticeDraft *d, Arena *a);

/* Number of notes with a flag: what the reviewer must look at. */
size_t notice_draft_flag_count(const NoticeDraft *d);

#endif
