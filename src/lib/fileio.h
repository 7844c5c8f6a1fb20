/*
 * fileio.h - writing whole files. Depends on libc only.
 */
#ifndef SHISHI_FILEIO_H
#define SHISHI_FILEIO_H

#include <stddef.h>

#include "arena.h"
#include "err.h"

/* Writes data to path all or nothing: into a hidden temporary file beside
 * it (.NAME.tmp), fsynced, then renamed over path. A reader never sees a
 * half-written file, and a power cut leaves the old one or the new. On
 * failure (ERR_IO, "PATH: cannot write: reason") the temporary file is
 * removed and path is untouched. */
int file_write_atomic(Arena *a, const char *path, const void *data, size_t len, Err *e);

#endif
