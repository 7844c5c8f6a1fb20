/*
 * fuzz_notice.c - libFuzzer target for the notice importer (tests/fuzz/run.sh).
 *
 * The first byte picks the path, so that one corpus exercises all of them:
 *   even        the bytes as a text file (decoding, normalising, every parser)
 *   odd         the rest as word/document.xml of a DOCX built here (the
 *               expat reader and the parsers on its text)
 *   odd, bit 1  the rest as word/numbering.xml beside a document of
 *               automatically numbered paragraphs
 * Input that is itself a zip goes through the DOCX path as it is. Whatever
 * the input, notice_import must return 0 with a draft or -1 with a message,
 * and the draft must turn into JSON.
 */
#include <stdbool.h>
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

static const char NUMBERED[] =
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
    "<w:p><w:r><w:t>关于2023年民生实事的通知</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>新建幼儿园3所。（责任单位：区教体局）</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>培训2000人次。</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t>改造小区5个。（责任单位：区住建局）</w:t></w:r></w:p>"
    "</w:body></w:document>";

/* A DOCX whose word/document.xml is xml[0..len), or whose numbering.xml is
 * when numbering is set. */
static void check_docx(const uint8_t *xml, size_t len, bool numbering)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
    if (!src) abort();
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &err);
    if (!z) abort();
    zip_source_t *part = numbering ? zip_source_buffer(z, NUMBERED, sizeof NUMBERED - 1, 0)
                                   : zip_source_buffer(z, xml, len, 0);
    if (!part || zip_file_add(z, "word/document.xml", part, 0) < 0) abort();
    if (numbering) {
        zip_source_t *num = zip_source_buffer(z, xml, len, 0);
        if (!num || zip_file_add(z, "word/numbering.xml", num, 0) < 0) abort();
    }
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
        check_docx(data + 1, size - 1, (data[0] & 2) != 0);
    } else {
        check(data + 1, size - 1, "f.txt");
    }
    return 0;
}
