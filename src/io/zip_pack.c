/* zip_pack.c - packing parts into a zip archive in memory. See zipio.h. */
#include "io/zipio.h"

#include <string.h>
#include <zip.h>

/* 2020-01-01 00:00 UTC: a fixed stamp so that exports are reproducible. */
#define ZIP_FIXED_MTIME ((time_t)1577836800)

static int zip_fail(Err *e, const char *what, zip_error_t *ze)
{
    return err_set(e, ERR_INTERNAL, NULL, "生成压缩文件失败（%s：%s）", what,
                   ze ? zip_error_strerror(ze) : "unknown");
}

/* Copies the finished archive out of its buffer source into the arena. */
static int copy_source(zip_source_t *src, Arena *a, void **out, size_t *len, Err *e)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE))
        return zip_fail(e, "stat", zip_source_error(src));
    if (zip_source_open(src) < 0) return zip_fail(e, "open", zip_source_error(src));
    char *bytes = arena_alloc(a, (size_t)st.size + 1);
    zip_int64_t got = zip_source_read(src, bytes, st.size);
    zip_source_close(src);
    if (got < 0 || (zip_uint64_t)got != st.size) return zip_fail(e, "read", zip_source_error(src));
    *out = bytes;
    *len = (size_t)st.size;
    return 0;
}

int zip_pack(const ZipEntry *entries, size_t n, Arena *a, void **out, size_t *len, Err *e)
{
    zip_error_t ze;
    zip_error_init(&ze);
    int rc = -1;
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (!src) {
        zip_fail(e, "buffer", &ze);
        goto done;
    }
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    if (!za) {
        zip_fail(e, "open", &ze);
        zip_source_free(src);
        goto done;
    }
    /* The archive releases its source on close; we still need the bytes. */
    zip_source_keep(src);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *part = zip_source_buffer(za, entries[i].data, entries[i].len, 0);
        zip_int64_t idx = part ? zip_file_add(za, entries[i].name, part, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0 && part) zip_source_free(part);
        /* the fixed time stamp is what makes equal input give equal bytes */
        if (idx < 0 || zip_file_set_mtime(za, (zip_uint64_t)idx, ZIP_FIXED_MTIME, 0) < 0) {
            zip_fail(e, entries[i].name, zip_get_error(za));
            zip_discard(za);
            zip_source_free(src);
            goto done;
        }
    }
    if (zip_close(za) < 0) {
        zip_fail(e, "close", zip_get_error(za));
        zip_discard(za);
        zip_source_free(src);
        goto done;
    }
    rc = copy_source(src, a, out, len, e);
    zip_source_free(src);
done:
    zip_error_fini(&ze);
    return rc;
}
