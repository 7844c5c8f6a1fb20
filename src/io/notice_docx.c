/*
 * notice_docx.c - the text of a .docx notice: word/document.xml read from
 * the zip (libzip) and streamed through expat, paragraphs and table cells in
 * document order. Hostile files are refused, not survived by luck: the
 * inflated XML is capped while it streams (a zip bomb stops at the cap, not
 * at the size the archive claims), DTDs are rejected (no entity expansion),
 * and any libzip or expat failure becomes a Chinese message.
 */
#include "io/notice_internal.h"

#include <expat.h>
#include <string.h>
#include <zip.h>

#include "lib/buf.h"

typedef struct Docx {
    Buf out;
    int in_t;          /* inside <w:t> */
    int skip;          /* inside mc:Fallback, a duplicate of mc:Choice */
    int tbl;           /* table nesting */
    bool cell_first;   /* the next paragraph is the first of a cell */
    bool too_long;
    bool dtd;
    XML_Parser xp;
} Docx;

/* "uri|local" -> local */
static const char *local(const XML_Char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

static void put(Docx *d, const char *s, size_t n)
{
    if (d->too_long) return;
    if (d->out.len + n > NOTICE_MAX_TEXT) {
        d->too_long = true;
        XML_StopParser(d->xp, XML_FALSE);
        return;
    }
    buf_append(&d->out, s, n);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    Docx *d = ud;
    (void)attrs;
    const char *n = local(name);
    if (strcmp(n, "Fallback") == 0) d->skip++;
    if (d->skip) return;
    if (strcmp(n, "t") == 0) {
        d->in_t++;
    } else if (strcmp(n, "p") == 0) {
        if (d->tbl && d->cell_first) put(d, "\t", 1);
        d->cell_first = false;
    } else if (strcmp(n, "tab") == 0) {
        put(d, " ", 1);
    } else if (strcmp(n, "br") == 0 || strcmp(n, "cr") == 0) {
        put(d, "\n", 1);
    } else if (strcmp(n, "tc") == 0) {
        d->cell_first = true;
    } else if (strcmp(n, "tbl") == 0) {
        d->tbl++;
    } else if (strcmp(n, "noBreakHyphen") == 0) {
        put(d, "-", 1);
    }
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    Docx *d = ud;
    const char *n = local(name);
    if (strcmp(n, "Fallback") == 0 && d->skip) {
        d->skip--;
        return;
    }
    if (d->skip) return;
    if (strcmp(n, "t") == 0 && d->in_t) {
        d->in_t--;
    } else if (strcmp(n, "p") == 0) {
        put(d, "\n", 1);
    } else if (strcmp(n, "tc") == 0 && d->cell_first) {
        put(d, "\t\n", 2); /* a cell without a paragraph is still a cell */
        d->cell_first = false;
    } else if (strcmp(n, "tr") == 0) {
        put(d, "\n", 1);
    } else if (strcmp(n, "tbl") == 0 && d->tbl) {
        d->tbl--;
        put(d, "\n", 1);
    }
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    Docx *d = ud;
    if (!d->in_t || d->skip || len <= 0) return;
    /* text runs carry no line structure: tabs and newlines are spaces */
    for (int i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        put(d, &c, 1);
    }
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal)
{
    Docx *d = ud;
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    d->dtd = true;
    XML_StopParser(d->xp, XML_FALSE);
}

int ndocx_text(const unsigned char *data, size_t len, Arena *a, char **out, size_t *out_len,
               Err *e)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
    if (!src) {
        zip_error_fini(&zerr);
        return err_set(e, ERR_INTERNAL, "file", "无法读取DOCX文件");
    }
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &zerr);
    zip_error_fini(&zerr);
    if (!z) {
        zip_source_free(src);
        return err_set(e, ERR_INVALID, "file", "DOCX文件已损坏或不是有效的zip文件");
    }
    int rc = 0;
    zip_file_t *f = NULL;
    XML_Parser xp = NULL;
    zip_int64_t idx = zip_name_locate(z, "word/document.xml", 0);
    zip_stat_t st;
    if (idx < 0) {
        rc = err_set(e, ERR_INVALID, "file", "DOCX文件中没有正文（word/document.xml），可能不是Word文档");
        goto done;
    }
    /* the size the archive claims: an early refusal, not the real guard */
    if (zip_stat_index(z, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        st.size > NOTICE_MAX_XML) {
        rc = err_set(e, ERR_TOO_LARGE, "file", "DOCX正文解压后超过%u MB，可能是压缩炸弹，已拒绝",
                     NOTICE_MAX_XML / (1024 * 1024));
        goto done;
    }
    f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
    if (!f) {
        rc = err_set(e, ERR_INVALID, "file", "无法读取DOCX正文（文件可能已加密或已损坏）");
        goto done;
    }
    Docx d = {BUF_INIT(a), 0, 0, 0, false, false, false, NULL};
    xp = XML_ParserCreateNS("UTF-8", '|');
    if (!xp) {
        rc = err_set(e, ERR_INTERNAL, "file", "无法创建XML解析器");
        goto done;
    }
    d.xp = xp;
    XML_SetUserData(xp, &d);
    XML_SetElementHandler(xp, on_start, on_end);
    XML_SetCharacterDataHandler(xp, on_text);
    XML_SetStartDoctypeDeclHandler(xp, on_doctype);
    char chunk[16 * 1024]; /* small: this may run on a server worker's stack */
    size_t total = 0;
    for (;;) {
        zip_int64_t n = zip_fread(f, chunk, sizeof chunk);
        if (n < 0) {
            rc = err_set(e, ERR_INVALID, "file", "DOCX文件已损坏（正文无法解压）");
            goto done;
        }
        total += (size_t)n;
        if (total > NOTICE_MAX_XML) {
            rc = err_set(e, ERR_TOO_LARGE, "file", "DOCX正文解压后超过%u MB，可能是压缩炸弹，已拒绝",
                         NOTICE_MAX_XML / (1024 * 1024));
            goto done;
        }
        if (XML_Parse(xp, chunk, (int)n, n == 0) == XML_STATUS_ERROR) {
            if (d.dtd)
                rc = err_set(e, ERR_INVALID, "file", "DOCX正文含有DTD声明，已拒绝");
            else if (d.too_long)
                rc = err_set(e, ERR_TOO_LARGE, "file", "DOCX正文文字过多（超过%u MB）",
                             NOTICE_MAX_TEXT / (1024 * 1024));
            else
                rc = err_set(e, ERR_INVALID, "file", "DOCX正文的XML格式错误（第%lu行：%s）",
                             (unsigned long)XML_GetCurrentLineNumber(xp),
                             XML_ErrorString(XML_GetErrorCode(xp)));
            goto done;
        }
        if (n == 0) break;
    }
    *out = d.out.data ? d.out.data : arena_strdup(a, "");
    *out_len = d.out.len;
done:
    if (xp) XML_ParserFree(xp);
    if (f) zip_fclose(f);
    zip_discard(z);
    return rc;
}
