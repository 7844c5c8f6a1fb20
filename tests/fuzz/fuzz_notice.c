/*
 * fuzz_notice.c - libFuzzer target for the notice importer (tests/fuzz/run.sh).
 *
 * The first byte picks the path, so that one corpus exercises all of them:
 *   even  the bytes as a text file (decoding, normalising, every parser)
 *   odd   the rest of the bytes as word/document.xml of a DOCX built here
 *         (the expat reader and the parsers on its text)
 * Input that is itself a zip goes through the DOCX path as it is. Whatever
 * the input, notice_import must return 0 with a draft or -1 with a message,
 * and the draft must turn into JSON.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "io/notice.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const void *bytes, size_t len, const char *hint)
{
    Arena *a = arena_new();
    NoticeDraft *d = NULL;
    Err e = ERR_INIT;
    int rc = notice_import(bytes, len, hint, a, &d, &e);
    if (rc == 0) {
        if (!d || !d->programme) abort();
        json_t *j = notice_draft_to_json(d);
        if (!j) abort();
        json_decref(j);
    } else if (rc != -1 || d != NULL || !e.msg[0]) {
        abort();
    }
    arena_free(a);
}

/* A DOCX whose word/document.xml is xml[0..len). */
static void check_docx(const uint8_t *xml, size_t len)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
    if (!src) abort();
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &err);
    if (!z) abort();
    zip_source_t *part = zip_source_buffer(z, xml, len, 0);
    if (!part || zip_file_add(z, "word/document.xml", part, 0) < 0) abort();
    if (zip_close(z) != 0) abort();
    if (zip_source_open(src) == 0) {
        zip_source_seek(src, 0, SEEK_END);
        zip_int64_t n = zip_source_tell(src);
        zip_source_seek(src, 0, SEEK_SET);
        if (n > 0) {
            void *buf = malloc((size_t)n);
            if (buf && zip_source_read(src, buf, (zip_uint64_t)n) == n) check(buf, (size_t)n, "f.docx");
            free(buf);
        }
        zip_source_close(src);
    }
    zip_source_free(src);
    zip_error_fini(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    if (size >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
        check(data, size, "f.docx");
    } else if (data[0] & 1) {
        check_docx(data + 1, size - 1);
    } else {
        check(data + 1, size - 1, "f.txt");
    }
    return 0;
}
