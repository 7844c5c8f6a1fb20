/*
 * publish.h - the public page of a programme: one renderer for the live
 * /public/ pages, the coordinator's preview and the static files `shishi
 * publish` writes for the government website, so the three never differ in
 * what they show. It prints only what a PublicView holds (see
 * core/publication.h: nothing internal is in it).
 */
#ifndef SHISHI_PUBLISH_H
#define SHISHI_PUBLISH_H

#include <stddef.h>

#include "core/publication.h"
#include "web/request.h"

enum PublishMode {
    PUBLISH_LIVE,     /* /public/: the site's frame; the objection form is linked */
    PUBLISH_STATIC,   /* a file: its own frame, relative links only, no form (the office's
                         phone and e-mail instead) */
    PUBLISH_PREVIEW,  /* inside the coordinator's page: the article only */
};

/* Writes the public page of v into r's body: a whole document for LIVE
 * and STATIC, the <article> alone for PREVIEW. */
void publish_render(Request *r, const PublicView *v, enum PublishMode mode);

/* Writes the public page of programme_id as published, as static files in
 * out_dir (created if missing, one level): index.html and style.css. Each
 * file is written whole or not at all (a temporary file renamed). *files
 * gets the names written. ERR_NOT_FOUND for a programme that is not public. */
int publish_static(Db *db, Arena *a, Id programme_id, const char *out_dir, const char *const **files,
                   size_t *n_files, Err *e);

#endif
