/*
 * cache.h - whole responses kept in memory by the server, for pages whose
 * content changes only when the data does (the public page, the
 * stylesheet). A page computes its version (db_generation, usually); if the
 * server holds a response of that version it is sent again (or 304 when the
 * browser's ETag matches); otherwise the page renders, and the server keeps
 * what it sends when the status is 200.
 */
#ifndef SHISHI_CACHE_H
#define SHISHI_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "web/request.h"

enum CacheSlot {
    CACHE_STYLESHEET = 0,
    CACHE_PUBLIC_INDEX,
    CACHE_PUBLIC_PROGRAMME,
    CACHE_SLOT__MAX
};

/* True when the server will answer from its cache (the handler returns at
 * once). key tells entries of one slot apart (a programme id, or 0). Sets
 * r->cache_slot, cache_key and cache_version either way, so that a page
 * rendered after a miss is kept. If the entry is replaced before the server
 * sends it, the server runs the handler again with r->cache_bypass set,
 * and this answers false. */
bool cache_lookup(Request *r, enum CacheSlot slot, Id key, uint64_t version);

#endif
