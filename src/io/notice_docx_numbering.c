/*
 * notice_docx_numbering.c - the numbers Word draws in front of numbered
 * paragraphs. A notice typed with Word's automatic numbering has no "一、"
 * in its text: the paragraph says only <w:numPr> (which list, which level)
 * and word/numbering.xml says how that level is written (chineseCounting
 * with "%1、", decimal with "%1.", …). Rendering the marker into the text
 * lets the importer read such a notice like a typed one.
 */
#include "io/notice_docx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/xml_reader.h"
#include "lib/numeral.h"
#include "lib/utf8.h"

#define LEVELS 9
#define MAX_LISTS 64 /* real documents use a handful */

typedef struct Level {
    char fmt[32];   /* w:numFmt: decimal, chineseCounting, … */
    char text[48];  /* w:lvlText: "%1、" */
    int start;
} Level;

typedef struct Abstract {
    int id;
    Level lvl[LEVELS];
} Abstract;

typedef struct List {
    int num_id, abstract_id;
    int count[LEVELS];
} List;

struct DocxNumbering {
    Abstract abs[MAX_LISTS];
    size_t n_abs;
    List lists[MAX_LISTS];
    size_t n_lists;
    /* while reading numbering.xml */
    Abstract *cur_abs;
    List *cur_list;
    int cur_lvl;
};

static int attr_int(const char **attrs, const char *name, int dflt)
{
    const char *v = xmlr_attr(attrs, name);
    if (!v) return dflt;
    char *end;
    long n = strtol(v, &end, 10);
    return *end || n < -1000000 || n > 1000000 ? dflt : (int)n;
}

static void on_start(XmlReader *r, const char *name, const char **attrs)
{
    DocxNumbering *n = xmlr_ud(r);
    if (!xmlr_is(name, XMLNS_W, xmlr_local(name))) return;
    const char *l = xmlr_local(name);
    const char *val = xmlr_attr(attrs, "val");
    if (strcmp(l, "abstractNum") == 0 && n->n_abs < MAX_LISTS) {
        n->cur_abs = &n->abs[n->n_abs++];
        memset(n->cur_abs, 0, sizeof *n->cur_abs);
        n->cur_abs->id = attr_int(attrs, "abstractNumId", -1);
        for (int i = 0; i < LEVELS; i++) n->cur_abs->lvl[i].start = 1;
    } else if (strcmp(l, "lvl") == 0 && n->cur_abs) {
        n->cur_lvl = attr_int(attrs, "ilvl", -1);
    } else if (n->cur_abs && n->cur_lvl >= 0 && n->cur_lvl < LEVELS && val) {
        Level *lv = &n->cur_abs->lvl[n->cur_lvl];
        if (strcmp(l, "numFmt") == 0) snprintf(lv->fmt, sizeof lv->fmt, "%s", val);
        else if (strcmp(l, "lvlText") == 0) snprintf(lv->text, sizeof lv->text, "%s", val);
        else if (strcmp(l, "start") == 0) lv->start = attr_int(attrs, "val", 1);
    } else if (strcmp(l, "num") == 0 && n->n_lists < MAX_LISTS) {
        n->cur_list = &n->lists[n->n_lists++];
        memset(n->cur_list, 0, sizeof *n->cur_list);
        n->cur_list->num_id = attr_int(attrs, "numId", -1);
        n->cur_list->abstract_id = -1;
    } else if (strcmp(l, "abstractNumId") == 0 && n->cur_list && val) {
        n->cur_list->abstract_id = attr_int(attrs, "val", -1);
    }
}

static void on_end(XmlReader *r, const char *name)
{
    DocxNumbering *n = xmlr_ud(r);
    const char *l = xmlr_local(name);
    if (strcmp(l, "abstractNum") == 0) n->cur_abs = NULL;
    else if (strcmp(l, "lvl") == 0) n->cur_lvl = -1;
    else if (strcmp(l, "num") == 0) n->cur_list = NULL;
}

int ndocx_numbering_read(ZipIn *z, Arena *a, DocxNumbering **out, Err *e)
{
    DocxNumbering *n = ARENA_NEW(a, DocxNumbering);
    n->cur_lvl = -1;
    *out = n;
    if (!zipin_has(z, "word/numbering.xml")) return 0;
    static const XmlHandlers H = {on_start, on_end, NULL};
    return xmlr_parse_part(z, "word/numbering.xml", &H, n, e);
}

/* v written in Word's number format fmt. */
static void format_count(const char *fmt, int v, char *out, size_t size)
{
    if (strncmp(fmt, "chinese", 7) == 0 || strncmp(fmt, "ideograph", 9) == 0 ||
        strcmp(fmt, "taiwaneseCounting") == 0) {
        char cn[CN_NUMBER_MAX];
        snprintf(out, size, "%s", cn_number_to(v, cn));
    } else if (strncmp(fmt, "decimalEnclosedCircle", 21) == 0 && v >= 1 && v <= 20) {
        char c[4]; /* ① is U+2460 */
        snprintf(out, size, "%.*s", (int)utf8_encode(0x2460 + v - 1, c), c);
    } else if (strcmp(fmt, "lowerLetter") == 0 && v >= 1 && v <= 26) {
        snprintf(out, size, "%c", 'a' + v - 1);
    } else if (strcmp(fmt, "upperLetter") == 0 && v >= 1 && v <= 26) {
        snprintf(out, size, "%c", 'A' + v - 1);
    } else if (strcmp(fmt, "bullet") == 0 || strcmp(fmt, "none") == 0) {
        out[0] = '\0';
    } else {
        snprintf(out, size, "%d", v);
    }
}

const char *ndocx_numbering_next(DocxNumbering *n, int num_id, int ilvl, char *out, size_t size)
{
    out[0] = '\0';
    if (!n || ilvl < 0 || ilvl >= LEVELS || num_id <= 0) return out;
    List *list = NULL;
    for (size_t i = 0; i < n->n_lists && !list; i++)
        if (n->lists[i].num_id == num_id) list = &n->lists[i];
    if (!list) return out;
    const Abstract *abs = NULL;
    for (size_t i = 0; i < n->n_abs && !abs; i++)
        if (n->abs[i].id == list->abstract_id) abs = &n->abs[i];
    if (!abs) return out;
    /* this level counts on; the levels below start again */
    list->count[ilvl] = list->count[ilvl] ? list->count[ilvl] + 1 : abs->lvl[ilvl].start;
    for (int i = ilvl + 1; i < LEVELS; i++) list->count[i] = 0;
    const char *t = abs->lvl[ilvl].text;
    size_t w = 0;
    for (size_t i = 0; t[i] && w + 1 < size; i++) {
        if (t[i] == '%' && t[i + 1] >= '1' && t[i + 1] <= '9') {
            int lv = t[i + 1] - '1';
            int v = list->count[lv] ? list->count[lv] : abs->lvl[lv].start;
            char num[16];
            format_count(abs->lvl[lv].fmt, v, num, sizeof num);
            size_t k = strlen(num);
            if (w + k + 1 > size) break;
            memcpy(out + w, num, k);
            w += k;
            i++;
        } else {
            out[w++] = t[i];
        }
    }
    out[w] = '\0';
    return out;
}
