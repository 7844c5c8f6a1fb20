/* xlsx_file.c - libxlsxwriter workbooks as bytes. See xlsx_file.h. */
#include "io/xlsx_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void xlsx_check(lxw_error *first, lxw_error rc)
{
    if (rc != LXW_NO_ERROR && *first == LXW_NO_ERROR) *first = rc;
}

lxw_worksheet *xlsx_add_sheet(lxw_workbook *wb, const char *name, lxw_error *err)
{
    lxw_error rc = workbook_validate_sheet_name(wb, name);
    lxw_worksheet *ws = rc == LXW_NO_ERROR ? workbook_add_worksheet(wb, name) : NULL;
    if (!ws) xlsx_check(err, rc != LXW_NO_ERROR ? rc : LXW_ERROR_MEMORY_MALLOC_FAILED);
    return ws;
}

/* Empties and removes the private directory (libxlsxwriter's own temporary
 * files are normally gone already). */
static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
            /* relative to the directory: no path to build or truncate */
            unlinkat(dirfd(d), de->d_name, 0);
        }
        closedir(d);
    }
    rmdir(dir);
}

static int slurp(const char *path, Arena *a, void **out, size_t *len, Err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(e, ERR_IO, NULL, "生成Excel文件失败（%s）", strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) < 0) {
        fclose(f);
        return err_set(e, ERR_IO, NULL, "生成Excel文件失败（%s）", strerror(errno));
    }
    char *bytes = arena_alloc(a, (size_t)st.st_size + 1);
    size_t got = fread(bytes, 1, (size_t)st.st_size, f);
    fclose(f);
    if (got != (size_t)st.st_size) return err_set(e, ERR_IO, NULL, "生成Excel文件失败（读取不完整）");
    *out = bytes;
    *len = got;
    return 0;
}

static int build(XlsxFill fill, void *ctx, const char *path, char *dir, Err *e)
{
    lxw_workbook_options opt = {.constant_memory = 0, .tmpdir = dir, .use_zip64 = 0};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    if (!wb) return err_set(e, ERR_INTERNAL, NULL, "生成Excel文件失败（无法创建工作簿）");
    lxw_error err = fill(wb, ctx);
    lxw_error rc = workbook_close(wb); /* frees the workbook whatever it returns */
    if (err == LXW_NO_ERROR) err = rc;
    if (err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
        return err_set(e, ERR_INVALID, NULL, "有单元格文字超过Excel的上限（32767字），无法导出为Excel，请导出为Word");
    if (err != LXW_NO_ERROR) return err_set(e, ERR_INTERNAL, NULL, "生成Excel文件失败（%s）", lxw_strerror(err));
    return 0;
}

int xlsx_bytes(XlsxFill fill, void *ctx, Arena *a, void **out, size_t *len, Err *e)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp) tmp = "/tmp";
    char dir[4096];
    if ((size_t)snprintf(dir, sizeof dir, "%s/shishi-xlsx-XXXXXX", tmp) >= sizeof dir - 32)
        return err_set(e, ERR_IO, NULL, "生成Excel文件失败（临时目录路径过长）");
    if (!mkdtemp(dir)) return err_set(e, ERR_IO, NULL, "生成Excel文件失败（无法创建临时目录：%s）", strerror(errno));
    char path[4096 + 16];
    snprintf(path, sizeof path, "%s/book.xlsx", dir);
    int rc = build(fill, ctx, path, dir, e);
    if (rc == 0) rc = slurp(path, a, out, len, e);
    remove_dir(dir);
    return rc;
}
