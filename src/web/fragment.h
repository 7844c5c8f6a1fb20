/*
 * fragment.h - pieces of pages kept in memory between requests. A page
 * whose body depends only on the data and the viewer's role (the programme
 * overview) renders that body once per change of the data (db_generation)
 * and then each request adds only its personal frame (the navigation with
 * the user's name). Shared by all worker threads.
 */
#ifndef SHISHI_FRAGMENT_H
#define SHISHI_FRAGMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/arena.h"
#include "web/request.h"

/* A whole page body kept with its title. fragment_page: when a body is
 * kept under key for this generation, writes the page (frame with the
 * title, the body, end of frame) and returns true. fragment_keep_page:
 * after the page wrote its body from body_start on (after page_begin,
 * before page_end), keeps it under key with the title. */
bool fragment_page(Request *r, const char *key, uint64_t generation);
void fragment_keep_page(Request *r, const char *key, uint64_t generation, const char *title,
                        size_t body_start);

#endif
