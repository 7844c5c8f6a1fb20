/*
 * embed.h - files compiled into the binary by tools/embed.c (schema
 * migrations, the stylesheet, demo data). Each table ends with a zeroed entry.
 */
#ifndef SHISHI_EMBED_H
#define SHISHI_EMBED_H

#include <stddef.h>

typedef struct EmbeddedFile {
    const char *name;           /* base name, e.g. "001_initial.sql" */
    const unsigned char *data;  /* len bytes followed by a NUL */
    size_t len;
} EmbeddedFile;

/* The entry named name in table, or NULL. */
const EmbeddedFile *embed_find(const EmbeddedFile *table, const char *name);

#endif
