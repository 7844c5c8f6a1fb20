/*
 * zip_read.c - reading parts of an uploaded zip under limits. See zipio.h.
 *
 * Three defences against zip bombs, because headers lie: the declared size
 * of a part is checked before inflating, the declared compression ratio is
 * checked for big parts, and the bytes actually inflated are counted against
 * the same caps (per part and per archive) while reading.
 */
#include "io/zipio.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "lib/buf.h"

#define CHUNK (64 * 1024)
#define RATIO_FLOOR (1024u * 1024)  /* small parts may compress as well as they like */

struct ZipIn {
    zip_t *za;
    size_t total;  /* inflated bytes handed out so far */
};

int zipin_open(const void *data, size_t len, ZipIn **out, Err *e)
{
    *out = NULL;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    zip_error_fini(&ze);
    if (!za) {
        if (src) zip_source_free(src);
        return err_set(e, ERR_INVALID, NULL, "文件不是有效的Word或Excel文件（无法作为压缩包打开）");
    }
    zip_int64_t n = zip_get_num_entries(za, 0);
    if (n < 0 || n > ZIPIN_MAX_ENTRIES) {
        zip_discard(za);
        return err_set(e, ERR_TOO_LARGE, NULL, "文件包含的部件过多（%lld个，上限%d个），不像正常的Word或Excel文件",
                       (long long)n, ZIPIN_MAX_ENTRIES);
    }
    ZipIn *z = xcalloc(1, sizeof *z);
    z->za = za;
    *out = z;
    return 0;
}

void zipin_close(ZipIn *z)
{
    if (!z) return;
    zip_discard(z->za); /* read-only: nothing to write back */
    free(z);
}

static zip_int64_t locate(ZipIn *z, const char *name)
{
    if (*name == '/') name++; /* relationship targets may be absolute */
    return zip_name_locate(z->za, name, ZIP_FL_NOCASE);
}

bool zipin_has(ZipIn *z, const char *name)
{
    return locate(z, name) >= 0;
}

/* Checks the headers' claims before anything is inflated. */
static int check_declared(ZipIn *z, zip_uint64_t idx, const char *name, Err *e)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z->za, idx, 0, &st) < 0)
        return err_set(e, ERR_INVALID, NULL, "文件已损坏（无法读取部件 %s）", name);
    if ((st.valid & ZIP_STAT_SIZE) && st.size > ZIPIN_MAX_PART)
        return err_set(e, ERR_TOO_LARGE, NULL, "文件中的部件 %s 过大（解压后 %llu 字节，上限 %u 字节）",
                       name, (unsigned long long)st.size, ZIPIN_MAX_PART);
    if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) && st.size > RATIO_FLOOR &&
        st.size / (st.comp_size ? st.comp_size : 1) > ZIPIN_MAX_RATIO)
        return err_set(e, ERR_TOO_LARGE, NULL, "文件中的部件 %s 压缩比异常（疑似压缩炸弹），已拒绝", name);
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return err_set(e, ERR_INVALID, NULL, "文件已加密，请取消密码保护后再上传");
    return 0;
}

int zipin_stream(ZipIn *z, const char *name, ZipChunkFn fn, void *ud, Err *e)
{
    zip_int64_t idx = locate(z, name);
    if (idx < 0) return err_set(e, ERR_NOT_FOUND, NULL, "文件不完整（缺少部件 %s）", name);
    if (check_declared(z, (zip_uint64_t)idx, name, e) < 0) return -1;
    zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
    if (!f) {
        int code = zip_error_code_zip(zip_get_error(z->za));
        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
            return err_set(e, ERR_INVALID, NULL, "文件已加密，请取消密码保护后再上传");
        return err_set(e, ERR_INVALID, NULL, "文件已损坏（无法解压部件 %s）", name);
    }
    char *buf = xmalloc(CHUNK);
    size_t part = 0;
    int rc = 0;
    for (;;) {
        zip_int64_t got = zip_fread(f, buf, CHUNK);
        if (got < 0) {
            rc = err_set(e, ERR_INVALID, NULL, "文件已损坏（部件 %s 解压出错）", name);
            break;
        }
        part += (size_t)got;
        z->total += (size_t)got;
        if (part > ZIPIN_MAX_PART || z->total > ZIPIN_MAX_TOTAL) {
            rc = err_set(e, ERR_TOO_LARGE, NULL, "文件解压后过大（部件 %s），疑似压缩炸弹，已拒绝", name);
            break;
        }
        if (fn(ud, buf, (size_t)got, got == 0, e) < 0) {
            rc = -1;
            break;
        }
        if (got == 0) break;
    }
    free(buf);
    zip_fclose(f);
    return rc;
}

typedef struct Collect {
    Buf b;
} Collect;

static int collect(void *ud, const char *chunk, size_t n, bool last, Err *e)
{
    (void)last;
    (void)e;
    buf_append(&((Collect *)ud)->b, chunk, n);
    return 0;
}

int zipin_read(ZipIn *z, const char *name, Arena *a, char **data, size_t *len, Err *e)
{
    Collect c = {BUF_INIT(a)};
    zip_int64_t idx = locate(z, name);
    zip_stat_t st;
    zip_stat_init(&st);
    /* Reserve the declared size (within the cap) so the buffer grows once. */
    if (idx >= 0 && zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        st.size <= ZIPIN_MAX_PART)
        buf_reserve(&c.b, (size_t)st.size);
    if (zipin_stream(z, name, collect, &c, e) < 0) return -1;
    buf_reserve(&c.b, 0); /* an empty part still gets its NUL */
    *data = c.b.data;
    *len = c.b.len;
    return 0;
}
