/*
 * notice_docx.c - the text of a .docx notice: word/document.xml, paragraphs
 * and table cells in document order.
 *
 * The archive and the XML are read through io/'s upload readers (zipio.h,
 * xml_reader.h), which refuse zip bombs (declared size, compression ratio,
 * and a cap on the bytes actually inflated), DTDs and entities, and deep
 * nesting; this file only decides what text the elements make, and caps
 * that text at NOTICE_MAX_TEXT. Paragraphs numbered by Word get their
 * marker written in (notice_docx_numbering.c).
 */
#include "io/notice_internal.h"

#include <stdlib.h>
#include <string.h>

#include "io/notice_docx.h"
#include "io/xml_reader.h"
#include "io/zipio.h"
#include "lib/buf.h"

#define DOCUMENT "word/document.xml"

typedef struct Docx {
    Buf out;
    int in_t;         /* inside <w:t> */
    int in_r;         /* inside <w:r>: where w:tab and w:br are text */
    int skip;         /* depth inside what is not on the page (xmlr_docx_hidden) */
    int tbl;          /* table nesting */
    bool cell_first;  /* the next paragraph is the first of its cell */
    size_t para_at;   /* where the current paragraph's text starts in out */
    int num_id, ilvl; /* its w:numPr, 0 and 0 when not numbered */
    int in_change;    /* inside w:pPrChange: the properties before an edit */
    DocxNumbering *numbering;
} Docx;

static void put(XmlReader *r, Docx *d, const char *s, size_t n)
{
    if (d->out.len + n > NOTICE_MAX_TEXT) {
        xmlr_fail(r, ERR_TOO_LARGE, "DOCX正文文字过多（超过%u MB）", NOTICE_MAX_TEXT / (1024 * 1024));
        return;
    }
    buf_append(&d->out, s, n);
}

static void on_start(XmlReader *r, const char *name, const char **attrs)
{
    Docx *d = xmlr_ud(r);
    if (d->skip || xmlr_docx_hidden(name)) {
        d->skip++;
        return;
    }
    const char *n = xmlr_local(name), *run_text;
    if (!xmlr_is(name, XMLNS_W, n)) return;
    if (strcmp(n, "t") == 0) {
        d->in_t++;
    } else if (strcmp(n, "r") == 0) {
        d->in_r++;
    } else if (d->in_r && (run_text = xmlr_docx_run_text(name)) != NULL) {
        /* a tab inside a paragraph is spacing, not a cell */
        put(r, d, run_text, strlen(run_text));
    } else if (strcmp(n, "p") == 0) {
        /* a cell starts a line with a tab; its further paragraphs follow
         * on lines without one (the layout notice_table.c reads) */
        if (d->tbl && d->cell_first) put(r, d, "\t", 1);
        d->cell_first = false;
        d->para_at = d->out.len;
        d->num_id = d->ilvl = 0;
    } else if (strcmp(n, "pPrChange") == 0) {
        d->in_change++;
    } else if (strcmp(n, "numId") == 0 && !d->in_change) {
        const char *v = xmlr_attr(attrs, "val");
        d->num_id = v ? atoi(v) : 0;
    } else if (strcmp(n, "ilvl") == 0 && !d->in_change) {
        const char *v = xmlr_attr(attrs, "val");
        d->ilvl = v ? atoi(v) : 0;
    } else if (strcmp(n, "tc") == 0) {
        d->cell_first = true;
    } else if (strcmp(n, "tbl") == 0) {
        d->tbl++;
    }
}

static void on_end(XmlReader *r, const char *name)
{
    Docx *d = xmlr_ud(r);
    if (d->skip) {
        d->skip--;
        return;
    }
    const char *n = xmlr_local(name);
    if (!xmlr_is(name, XMLNS_W, n)) return;
    if (strcmp(n, "t") == 0 && d->in_t) {
        d->in_t--;
    } else if (strcmp(n, "r") == 0 && d->in_r) {
        d->in_r--;
    } else if (strcmp(n, "pPrChange") == 0 && d->in_change) {
        d->in_change--;
    } else if (strcmp(n, "p") == 0) {
        if (d->num_id > 0) {
            /* Word draws "一、" from numbering.xml: write it where it shows */
            char marker[64];
            ndocx_numbering_next(d->numbering, d->num_id, d->ilvl, marker, sizeof marker);
            size_t k = strlen(marker);
            size_t before = d->out.len;
            if (k && d->para_at <= before) put(r, d, marker, k);
            if (k && d->out.len == before + k) { /* not refused by the cap */
                memmove(d->out.data + d->para_at + k, d->out.data + d->para_at, before - d->para_at);
                memcpy(d->out.data + d->para_at, marker, k);
            }
            d->num_id = 0;
        }
        put(r, d, "\n", 1);
    } else if (strcmp(n, "tc") == 0 && d->cell_first) {
        put(r, d, "\t\n", 2); /* a cell without a paragraph is still a cell */
        d->cell_first = false;
    } else if (strcmp(n, "tr") == 0 || (strcmp(n, "tbl") == 0 && d->tbl)) {
        if (strcmp(n, "tbl") == 0) d->tbl--;
        put(r, d, "\n", 1);
    }
}

static void on_text(XmlReader *r, const char *s, size_t len)
{
    Docx *d = xmlr_ud(r);
    if (!d->in_t || d->skip) return;
    /* runs carry no line structure: their tabs and newlines are spaces */
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        put(r, d, &c, 1);
    }
}

int ndocx_text(const unsigned char *data, size_t len, Arena *a, char **out, size_t *out_len,
               Err *e)
{
    Err ze = ERR_INIT;
    ZipIn *z = NULL;
    if (zipin_open(data, len, &z, &ze) < 0)
        return err_set(e, ze.code, "file", "无法读取DOCX通知：%s", ze.msg);
    if (!zipin_has(z, DOCUMENT)) {
        zipin_close(z);
        return err_set(e, ERR_INVALID, "file", "DOCX文件中没有正文（" DOCUMENT "），可能不是Word文档");
    }
    static const XmlHandlers H = {on_start, on_end, on_text};
    Docx d = {.out = BUF_INIT(a)};
    int rc = ndocx_numbering_read(z, a, &d.numbering, &ze);
    if (rc == 0) rc = xmlr_parse_part(z, DOCUMENT, &H, &d, &ze);
    zipin_close(z);
    if (rc < 0) return err_set(e, ze.code, "file", "无法读取DOCX通知：%s", ze.msg);
    *out = d.out.data ? d.out.data : arena_strdup(a, "");
    *out_len = d.out.len;
    return 0;
}
