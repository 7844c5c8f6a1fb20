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
#include <unistd.h>

#include "core/demo.h"
#include "core/users.h"
#include "db/store.h"
#include "lib/arena.h"

/* A path inside the scratch directory, in the arena. */
static inline char *test_tmp(Arena *a, const char *name)
{
    const char *dir = getenv("SHISHI_TEST_TMP");
    if (!dir || !*dir) dir = "/tmp";
    return arena_printf(a, "%s/%s", dir, name);
}

/* A file of the seed data (SHISHI_SEED_DIR, else data/demo), in the arena. */
static inline char *test_seed_path(Arena *a, const char *name)
{
    const char *dir = getenv("SHISHI_SEED_DIR");
    if (!dir || !*dir) dir = "data/demo";
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

/* A new demo database: the file name in the scratch directory (removed
 * first) filled by demo_populate as who, every password "demo-pass";
 * *programme_id gets its programme. Returns -1 after printing why, so that
 * it serves group setups as well as tests. */
static inline int test_demo_db(Arena *a, const char *name, const Actor *who, Db **db, Id *programme_id)
{
    char *path = test_tmp(a, name);
    unlink(path);
    Err e = ERR_INIT;
    DemoAccount *acc;
    size_t n;
    *db = NULL;
    if (users_init(&e) < 0 || db_open(path, DB_CREATE_NEW, db, &e) < 0 ||
        demo_populate(*db, a, who, "demo-pass", &acc, &n, &e) < 0 ||
        store_programme_latest(*db, programme_id, &e) < 0) {
        fprintf(stderr, "demo database %s: %s\n", path, e.msg);
        return -1;
    }
    return 0;
}

/* The [Content_Types].xml and _rels/.rels of a minimal DOCX whose main part
 * is word/document.xml. */
static const char TEST_DOCX_TYPES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
static const char TEST_DOCX_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

/* Makes a zip lie: the uncompressed size that the local header and the
 * central directory declare for the part name becomes size, the data left
 * as it is. Fails the test unless both headers were found. */
static inline void test_zip_fake_size(unsigned char *zip, size_t len, const char *name, uint32_t size)
{
    const unsigned char le[4] = {size & 0xFF, (size >> 8) & 0xFF, (size >> 16) & 0xFF, size >> 24};
    size_t nl = strlen(name);
    int patched = 0;
    for (size_t i = 0; i + 4 <= len; i++) {
        /* local header: size at 22, name length at 26, name at 30 */
        if (memcmp(zip + i, "PK\x03\x04", 4) == 0 && i + 30 + nl <= len &&
            zip[i + 26] == (nl & 0xFF) && zip[i + 27] == (nl >> 8) && memcmp(zip + i + 30, name, nl) == 0) {
            memcpy(zip + i + 22, le, 4);
            patched++;
        }
        /* central directory: size at 24, name length at 28, name at 46 */
        if (memcmp(zip + i, "PK\x01\x02", 4) == 0 && i + 46 + nl <= len &&
            zip[i + 28] == (nl & 0xFF) && zip[i + 29] == (nl >> 8) && memcmp(zip + i + 46, name, nl) == 0) {
            memcpy(zip + i + 24, le, 4);
            patched++;
        }
    }
    if (patched != 2) fail_msg("%s: %d zip headers found, want 2", name, patched);
}

#endif
