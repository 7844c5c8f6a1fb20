/* sniff.c - file types by content. See sniff.h. */
#include "io/sniff.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <stdbool.h>
#include <zip.h>

static const FileKind PDF = {"application/pdf", "pdf", "PDF文档"};
static const FileKind JPEG = {"image/jpeg", "jpg", "JPEG图片"};
static const FileKind PNG = {"image/png", "png", "PNG图片"};
static const FileKind DOCX = {MIME_DOCX, "docx", "Word文档"};
static const FileKind XLSX = {MIME_XLSX, "xlsx", "Excel表格"};
static const FileKind DOC = {"application/msword", "doc", "Word 97-2003文档"};
static const FileKind XLS = {"application/vnd.ms-excel", "xls", "Excel 97-2003表格"};
static const FileKind WPS = {"application/vnd.ms-works", "wps", "WPS文档"};

Magic sniff_bytes(const void *data, size_t n)
{
    const unsigned char *h = data;
    if (n >= 5 && memcmp(h, "%PDF-", 5) == 0) return MAGIC_PDF;
    if (n >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF) return MAGIC_JPEG;
    if (n >= 8 && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0) return MAGIC_PNG;
    if (n >= 4 && memcmp(h, "PK\x03\x04", 4) == 0) return MAGIC_ZIP;
    if (n >= 8 && memcmp(h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) return MAGIC_OLE2;
    return MAGIC_NONE;
}

static const char *extension(const char *filename)
{
    const char *dot = filename ? strrchr(filename, '.') : NULL;
    return dot ? dot + 1 : "";
}

/* A zip is DOCX or XLSX only with the parts that make it one. */
static int sniff_zip(const char *path, FileKind *out, Err *e)
{
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
    if (!z) return err_set(e, ERR_INVALID, "file", "文件已损坏，无法打开");
    bool types = zip_name_locate(z, "[Content_Types].xml", 0) >= 0;
    bool word = zip_name_locate(z, "word/document.xml", 0) >= 0;
    bool xl = zip_name_locate(z, "xl/workbook.xml", 0) >= 0;
    zip_discard(z);
    if (types && word) *out = DOCX;
    else if (types && xl) *out = XLSX;
    else return err_set(e, ERR_INVALID, "file", "压缩包不是允许的文件类型（仅限PDF、Word、WPS、Excel、JPEG、PNG）");
    return 0;
}

int sniff_file(const char *path, const char *filename, FileKind *out, Err *e)
{
    unsigned char h[8] = {0};
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(e, ERR_IO, "file", "无法读取上传的文件");
    size_t n = fread(h, 1, sizeof h, f);
    fclose(f);
    switch (sniff_bytes(h, n)) {
    case MAGIC_PDF: *out = PDF; break;
    case MAGIC_JPEG: *out = JPEG; break;
    case MAGIC_PNG: *out = PNG; break;
    case MAGIC_ZIP: return sniff_zip(path, out, e);
    case MAGIC_OLE2: {
        /* DOC, XLS and WPS share the OLE2 container: the name tells them apart */
        const char *ext = extension(filename);
        *out = strcasecmp(ext, "xls") == 0 ? XLS : strcasecmp(ext, "wps") == 0 ? WPS : DOC;
        break;
    }
    default:
        return err_set(e, ERR_INVALID, "file",
                       "不支持的文件类型：只能上传PDF、Word（doc/docx）、WPS、Excel（xls/xlsx）、JPEG或PNG文件");
    }
    return 0;
}
