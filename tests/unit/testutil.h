/*
 * testutil.h - what every cmocka unit test includes.
 *
 * `make test-unit` runs each test binary from the repository root with
 * SHISHI_TEST_TMP set to a fresh scratch directory (removed afterwards) and
 * SHISHI_SEED_DIR to data/demo.
 */
#ifndef SHISHI_TESTUTIL_H
#define SHISHI_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka needs the four headers above first */
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/arena.h"

/* A path inside the scratch directory, in the arena. */
static inline char *test_tmp(Arena *a, const char *name)
{
    const char *dir = getenv("SHISHI_TEST_TMP");
    if (!dir || !*dir) dir = "/tmp";
    return arena_printf(a, "%s/%s", dir, name);
}

/* The whole file in the arena, NUL-terminated; fails the test if unreadable. */
static inline char *test_read_file(Arena *a, const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = arena_alloc(a, (size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) fail_msg("cannot read %s", path);
    fclose(f);
    buf[n] = '\0';
    if (len) *len = (size_t)n;
    return buf;
}

#endif
