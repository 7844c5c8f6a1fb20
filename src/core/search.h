/*
 * search.h - full-text search across projects (titles, text), reports
 * (measures, problems, next steps) and ledger entries (content, place),
 * showing each searcher only what their role may read:
 *
 *   reporter      every project; its own unit's reports (any state) and ledger
 *   coordinator,  every project; every report but drafts (report_visible_to);
 *   leader        every ledger
 *   public        nothing (search is for logged-in users)
 *
 * Terms of three or more characters go to the FTS5 trigram index (any
 * Chinese substring of 3+ characters matches). The trigram index cannot
 * find shorter strings, so a query with a term of one or two characters
 * (学位, 灯) falls back to LIKE on the same tables and columns: slower on a
 * big database, but the same rows and the same visibility. Several terms
 * (separated by spaces) must all occur.
 */
#ifndef SHISHI_SEARCH_H
#define SHISHI_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "db/db.h"
#include "db/store.h"
#include "lib/arena.h"
#include "lib/err.h"

#define SEARCH_QUERY_MAX_CHARS 100
#define SEARCH_MAX_TERMS SEARCH_LIKE_TERMS
#define SEARCH_FTS_MIN_CHARS 3  /* the trigram tokenizer's shortest findable string */
#define SEARCH_LIMIT 30         /* hits shown per kind */

/* A query split into terms. */
typedef struct SearchTerms {
    const char *terms[SEARCH_MAX_TERMS];
    size_t n;
    bool fts;  /* every term has SEARCH_FTS_MIN_CHARS or more characters */
} SearchTerms;

/* Splits q on spaces (ASCII and the ideographic U+3000). ERR_INVALID with
 * field "q" for an empty query, invalid UTF-8, control characters, more
 * than SEARCH_QUERY_MAX_CHARS characters or SEARCH_MAX_TERMS terms. */
int search_parse(Arena *a, const char *q, SearchTerms *out, Err *e);

/* The FTS5 expression for the terms: each a quoted string ("" for a quote
 * inside), all required. User text never becomes FTS5 syntax. */
char *search_fts_expr(Arena *a, const SearchTerms *t);

/* "%term%" for LIKE ... ESCAPE '\', with \ % _ escaped. */
char *search_like_pattern(Arena *a, const char *term);

/* Which rows a searcher may get: *unit_id (0: every unit) limits reports
 * and ledger entries, *drafts admits draft reports. False for a role that
 * may not search at all. */
bool search_scope(const Actor *who, Id *unit_id, bool *drafts);

/* True when the searcher may read the hit (the rule of the table above,
 * checked again on every row the store returns). */
bool search_visible(const SearchHit *h, const Actor *who);

/* A snippet of text around the first occurrence of a term (ASCII letters
 * compared without case, as LIKE does), about context characters before
 * it and 3 * context in all, with SEARCH_MARK_OPEN/CLOSE around every
 * occurrence inside and "…" where it was cut. For the LIKE fallback; FTS
 * hits come with FTS5's own snippet. */
char *search_snippet(Arena *a, const char *text, const SearchTerms *t, size_t context);

typedef struct SearchResult {
    SearchHit *hits[SEARCH_KIND__MAX];  /* best first */
    size_t n[SEARCH_KIND__MAX];
    bool more[SEARCH_KIND__MAX];        /* more than SEARCH_LIMIT matched */
    bool fallback;                      /* short terms: searched with LIKE */
} SearchResult;

/* Runs q for who. Brings the index up to date first when rows changed
 * since the last search (a short write transaction). */
int search_run(Db *db, Arena *a, const Actor *who, const char *q, SearchResult *out, Err *e);

#endif
