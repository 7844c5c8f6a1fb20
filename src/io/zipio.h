/*
 * zipio.h - zip containers in memory (libzip): packing the parts of a DOCX,
 * and reading the parts of an uploaded DOCX or XLSX under limits.
 *
 * An upload is hostile until read: the reader refuses archives with too many
 * entries, parts whose declared size is too big or whose compression ratio
 * is that of a zip bomb, and stops inflating at a cap whatever the headers
 * claim. Messages are Chinese: they reach the user who uploaded the file.
 */
#ifndef SHISHI_ZIPIO_H
#define SHISHI_ZIPIO_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/arena.h"
#include "lib/err.h"

/* ---- writing ---------------------------------------------------------------- */

typedef struct ZipEntry {
    const char *name;  /* path inside the archive, "word/document.xml" */
    const void *data;  /* len bytes; must stay valid during zip_pack */
    size_t len;
} ZipEntry;

/* Packs the entries, in order and deflated, into a zip archive whose bytes
 * are returned in the arena. Entries carry a fixed time stamp, so the same
 * input gives the same bytes. Fails (ERR_INTERNAL) only when libzip does. */
int zip_pack(const ZipEntry *entries, size_t n, Arena *a, void **out, size_t *len, Err *e);

/* ---- reading ---------------------------------------------------------------- */

#define ZIPIN_MAX_ENTRIES 2000               /* a DOCX has ~15, with images a few hundred */
#define ZIPIN_MAX_PART (32u * 1024 * 1024)   /* inflated bytes of one part */
#define ZIPIN_MAX_TOTAL (64u * 1024 * 1024)  /* inflated bytes read from one archive */
#define ZIPIN_MAX_RATIO 200                  /* inflated / compressed, for parts over 1 MB */

typedef struct ZipIn ZipIn;

/* Opens the archive in data[0..len) (not copied: it must outlive the ZipIn).
 * On success *out must be released with zipin_close. */
int zipin_open(const void *data, size_t len, ZipIn **out, Err *e);
void zipin_close(ZipIn *z);  /* NULL is allowed */

/* True when the archive holds the part (names compared without case, as OPC
 * part names are). */
bool zipin_has(ZipIn *z, const char *name);

/* Called with successive chunks of an inflated part; last is true on the
 * final call (which may have n == 0). Returns 0, or -1 with e set to stop. */
typedef int (*ZipChunkFn)(void *ud, const char *chunk, size_t n, bool last, Err *e);

/* Inflates the part chunk by chunk through fn, enforcing the limits above.
 * A missing part is ERR_NOT_FOUND; a damaged, encrypted or oversized one is
 * ERR_INVALID or ERR_TOO_LARGE with a message naming the part. */
int zipin_stream(ZipIn *z, const char *name, ZipChunkFn fn, void *ud, Err *e);

/* The whole part in the arena, NUL-terminated (same limits). */
int zipin_read(ZipIn *z, const char *name, Arena *a, char **data, size_t *len, Err *e);

#endif
