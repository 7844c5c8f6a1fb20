/*
 * docx_pkg.c - the WordprocessingML package shared by the DOCX writers.
 * See docx_pkg.h.
 *
 * Element order inside w:rPr, w:pPr and w:sectPr follows the schema
 * sequences (ECMA-376 wml.xsd: CT_RPr's EG_RPrBase, CT_PPrBase,
 * EG_SectPrContents): Word refuses, or "repairs", a file that does not.
 */
#include "io/docx_pkg.h"

#include <assert.h>
#include <string.h>

#include "io/gov_style.h"
#include "io/opc.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define CT_MAIN "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
#define CT_STYLES "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
#define CT_SETTINGS "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"
#define CT_FOOTER "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"

/* Page numbers: 7 mm below the text block (7.5), the line being ~6 mm of
 * 四号; the footer distance is measured from the paper's edge. */
#define FOOTER_PORTRAIT (GOV_MAR_BOTTOM - 397 - 340)
#define FOOTER_LANDSCAPE (GOV_LMAR_BOTTOM - 397 - 340)
#define ONE_CHAR_4 (GOV_PT_4 * 20) /* "空一字" beside the page number, in twips */

/* ---- runs and paragraphs ------------------------------------------------------ */

/* w:rFonts … w:lang in schema order; the face fills all four slots so that
 * digits and Latin letters are set in the official face as well. */
static void run_props(XmlWriter *w, const char *face, int pt)
{
    xml_open(w, "w:rFonts");
    xml_attr(w, "w:ascii", face);
    xml_attr(w, "w:hAnsi", face);
    xml_attr(w, "w:eastAsia", face);
    xml_attr(w, "w:cs", face);
    xml_close(w);
    xml_leaf_int(w, "w:sz", "w:val", pt * 2);
    xml_leaf_int(w, "w:szCs", "w:val", pt * 2);
    xml_open(w, "w:lang");
    xml_attr(w, "w:val", "en-US");
    xml_attr(w, "w:eastAsia", "zh-CN");
    xml_close(w);
}

void docx_run(XmlWriter *w, const char *face, int pt, const char *text)
{
    xml_open(w, "w:r");
    xml_open(w, "w:rPr");
    run_props(w, face, pt);
    xml_close(w);
    const char *p = text ? text : "";
    while (*p) {
        size_t n = strcspn(p, "\n\t");
        if (n) {
            xml_open(w, "w:t");
            xml_attr(w, "xml:space", "preserve");
            xml_text_n(w, p, n);
            xml_close(w);
        }
        p += n;
        if (*p == '\n') xml_leaf(w, "w:br", NULL, NULL);
        else if (*p == '\t') xml_leaf(w, "w:tab", NULL, NULL);
        if (*p) p++;
    }
    xml_close(w);
}

void docx_para_open(XmlWriter *w, const DocxPara *fmt, const char *face, int pt)
{
    xml_open(w, "w:p");
    xml_open(w, "w:pPr");
    if (fmt->keep_next) xml_leaf(w, "w:keepNext", NULL, NULL);
    /* No extra gap between CJK and Latin letters or digits. */
    xml_leaf(w, "w:autoSpaceDE", "w:val", "0");
    xml_leaf(w, "w:autoSpaceDN", "w:val", "0");
    if (fmt->line || fmt->before || fmt->after) {
        xml_open(w, "w:spacing");
        xml_attr_int(w, "w:before", fmt->before);
        xml_attr_int(w, "w:after", fmt->after);
        if (fmt->line) {
            xml_attr_int(w, "w:line", fmt->line);
            xml_attr(w, "w:lineRule", fmt->line_exact ? "exact" : "atLeast");
        }
        xml_close(w);
    }
    if (fmt->first_line_chars || fmt->ind_left || fmt->ind_right) {
        xml_open(w, "w:ind");
        if (fmt->ind_left) xml_attr_int(w, "w:left", fmt->ind_left);
        if (fmt->ind_right) xml_attr_int(w, "w:right", fmt->ind_right);
        if (fmt->first_line_chars) {
            xml_attr_int(w, "w:firstLineChars", fmt->first_line_chars);
            xml_attr_int(w, "w:firstLine", (long long)fmt->first_line_chars * pt * 20 / 100);
        }
        xml_close(w);
    }
    if (fmt->jc) xml_leaf(w, "w:jc", "w:val", fmt->jc);
    if (face) {
        xml_open(w, "w:rPr");
        run_props(w, face, pt);
        xml_close(w);
    }
    xml_close(w); /* w:pPr */
}

void docx_para(XmlWriter *w, const DocxPara *fmt, const char *face, int pt, const char *text)
{
    docx_para_open(w, fmt, face, pt);
    if (text && *text) docx_run(w, face, pt, text);
    xml_close(w);
}

void docx_paras(XmlWriter *w, Arena *a, const DocxPara *fmt, const char *face, int pt, const char *text)
{
    const char *p = text ? text : "";
    do {
        size_t n = strcspn(p, "\n");
        docx_para(w, fmt, face, pt, arena_strndup(a, p, n));
        p += n;
        if (*p) p++;
    } while (*p);
}

void docx_heading(DocxDoc *d, const char *label, const char *title, const char *subtitle)
{
    XmlWriter *w = &d->w;
    DocxPara line = {.jc = "left", .line = GOV_LINE_TWIPS, .line_exact = true, .keep_next = true};
    if (label && *label) {
        docx_para(w, &line, GOV_FONT_HEI, GOV_PT_3, label);
        docx_para(w, &line, GOV_FONT_BODY, GOV_PT_3, NULL);
    }
    line.jc = "center";
    if (title && *title) docx_para(w, &line, GOV_FONT_TITLE, GOV_PT_2, title);
    if (subtitle && *subtitle) docx_para(w, &line, GOV_FONT_KAI, GOV_PT_3, subtitle);
}

/* ---- the package ------------------------------------------------------------------ */

void docx_begin(DocxDoc *d, Arena *a, DocxOrient orient)
{
    memset(d, 0, sizeof *d);
    d->a = a;
    d->orient = orient;
    /* The body is the one big part: on the heap, so that its growth does
     * not leave every outgrown copy in the arena; freed by docx_finish. */
    d->body = BUF_INIT(NULL);
    xml_init(&d->w, &d->body);
    xml_decl(&d->w);
    xml_open(&d->w, "w:document");
    xml_attr(&d->w, "xmlns:w", NS_W);
    xml_attr(&d->w, "xmlns:r", NS_R);
    xml_open(&d->w, "w:body");
}

static void section(DocxDoc *d)
{
    XmlWriter *w = &d->w;
    bool land = d->orient == DOCX_LANDSCAPE;
    xml_open(w, "w:sectPr");
    xml_open(w, "w:footerReference");
    xml_attr(w, "w:type", "default"); /* odd pages */
    xml_attr(w, "r:id", "rId3");
    xml_close(w);
    xml_open(w, "w:footerReference");
    xml_attr(w, "w:type", "even");
    xml_attr(w, "r:id", "rId4");
    xml_close(w);
    /* Landscape needs both the orientation and the swapped sizes: orient
     * alone leaves the page portrait in Word and LibreOffice. */
    xml_open(w, "w:pgSz");
    xml_attr_int(w, "w:w", land ? GOV_A4_LONG : GOV_A4_SHORT);
    xml_attr_int(w, "w:h", land ? GOV_A4_SHORT : GOV_A4_LONG);
    if (land) xml_attr(w, "w:orient", "landscape");
    xml_close(w);
    xml_open(w, "w:pgMar");
    xml_attr_int(w, "w:top", land ? GOV_LMAR_TOP : GOV_MAR_TOP);
    xml_attr_int(w, "w:right", land ? GOV_LMAR_RIGHT : GOV_MAR_RIGHT);
    xml_attr_int(w, "w:bottom", land ? GOV_LMAR_BOTTOM : GOV_MAR_BOTTOM);
    xml_attr_int(w, "w:left", land ? GOV_LMAR_LEFT : GOV_MAR_LEFT);
    xml_attr_int(w, "w:header", 851);
    xml_attr_int(w, "w:footer", land ? FOOTER_LANDSCAPE : FOOTER_PORTRAIT);
    xml_attr_int(w, "w:gutter", 0);
    xml_close(w);
    xml_open(w, "w:pgNumType");
    xml_attr(w, "w:fmt", "decimal");
    xml_attr_int(w, "w:start", 1);
    xml_close(w);
    xml_close(w); /* w:sectPr */
}

/* "— 1 —" in 宋体 四号 (7.5): odd pages right, even pages left, one
 * character in from the edge of the text block. */
static void footer(OpcPackage *p, const char *name, bool odd)
{
    Buf b = BUF_INIT(p->a);
    XmlWriter w;
    xml_init(&w, &b);
    xml_decl(&w);
    xml_open(&w, "w:ftr");
    xml_attr(&w, "xmlns:w", NS_W);
    DocxPara fmt = {.jc = odd ? "right" : "left"};
    if (odd) fmt.ind_right = ONE_CHAR_4;
    else fmt.ind_left = ONE_CHAR_4;
    docx_para_open(&w, &fmt, GOV_FONT_SONG, GOV_PT_4);
    docx_run(&w, GOV_FONT_SONG, GOV_PT_4, "— ");
    xml_open(&w, "w:fldSimple");
    xml_attr(&w, "w:instr", " PAGE ");
    docx_run(&w, GOV_FONT_SONG, GOV_PT_4, "1"); /* shown until the field is updated */
    xml_close(&w);
    docx_run(&w, GOV_FONT_SONG, GOV_PT_4, " —");
    xml_close(&w); /* w:p */
    xml_close(&w); /* w:ftr */
    assert(xml_done(&w));
    opc_add(p, name, CT_FOOTER, buf_str(&b), b.len);
}

static void styles(OpcPackage *p)
{
    Buf b = BUF_INIT(p->a);
    XmlWriter w;
    xml_init(&w, &b);
    xml_decl(&w);
    xml_open(&w, "w:styles");
    xml_attr(&w, "xmlns:w", NS_W);
    xml_open(&w, "w:docDefaults");
    xml_open(&w, "w:rPrDefault");
    xml_open(&w, "w:rPr");
    run_props(&w, GOV_FONT_BODY, GOV_PT_3);
    xml_close(&w);
    xml_close(&w);
    xml_open(&w, "w:pPrDefault");
    xml_open(&w, "w:pPr");
    xml_leaf(&w, "w:autoSpaceDE", "w:val", "0");
    xml_leaf(&w, "w:autoSpaceDN", "w:val", "0");
    xml_leaf(&w, "w:jc", "w:val", "both");
    xml_close(&w);
    xml_close(&w);
    xml_close(&w); /* w:docDefaults */

    xml_open(&w, "w:style");
    xml_attr(&w, "w:type", "paragraph");
    xml_attr(&w, "w:default", "1");
    xml_attr(&w, "w:styleId", "Normal");
    xml_leaf(&w, "w:name", "w:val", "Normal");
    xml_leaf(&w, "w:qFormat", NULL, NULL);
    xml_close(&w);

    xml_open(&w, "w:style");
    xml_attr(&w, "w:type", "table");
    xml_attr(&w, "w:default", "1");
    xml_attr(&w, "w:styleId", "TableNormal");
    xml_leaf(&w, "w:name", "w:val", "Normal Table");
    xml_leaf(&w, "w:uiPriority", "w:val", "99");
    xml_leaf(&w, "w:semiHidden", NULL, NULL);
    xml_leaf(&w, "w:unhideWhenUsed", NULL, NULL);
    xml_open(&w, "w:tblPr");
    xml_open(&w, "w:tblInd");
    xml_attr(&w, "w:w", "0");
    xml_attr(&w, "w:type", "dxa");
    xml_close(&w);
    xml_open(&w, "w:tblCellMar");
    static const char *const sides[] = {"w:top", "w:left", "w:bottom", "w:right"};
    static const char *const widths[] = {"0", "108", "0", "108"};
    for (int i = 0; i < 4; i++) {
        xml_open(&w, sides[i]);
        xml_attr(&w, "w:w", widths[i]);
        xml_attr(&w, "w:type", "dxa");
        xml_close(&w);
    }
    xml_close(&w); /* w:tblCellMar */
    xml_close(&w); /* w:tblPr */
    xml_close(&w); /* w:style */
    xml_close(&w); /* w:styles */
    assert(xml_done(&w));
    opc_add(p, "word/styles.xml", CT_STYLES, buf_str(&b), b.len);
}

static void settings(OpcPackage *p)
{
    Buf b = BUF_INIT(p->a);
    XmlWriter w;
    xml_init(&w, &b);
    xml_decl(&w);
    xml_open(&w, "w:settings");
    xml_attr(&w, "xmlns:w", NS_W);
    xml_leaf(&w, "w:zoom", "w:percent", "100");
    xml_leaf(&w, "w:defaultTabStop", "w:val", "420");
    /* Odd and even pages carry their own footer (page number right, left). */
    xml_leaf(&w, "w:evenAndOddHeaders", NULL, NULL);
    /* Full-width punctuation keeps its full cell: 28 characters a line. */
    xml_leaf(&w, "w:characterSpacingControl", "w:val", "doNotCompress");
    xml_open(&w, "w:compat");
    xml_open(&w, "w:compatSetting");
    xml_attr(&w, "w:name", "compatibilityMode");
    xml_attr(&w, "w:uri", "http://schemas.microsoft.com/office/word");
    xml_attr(&w, "w:val", "15");
    xml_close(&w);
    xml_close(&w);
    xml_open(&w, "w:themeFontLang");
    xml_attr(&w, "w:val", "en-US");
    xml_attr(&w, "w:eastAsia", "zh-CN");
    xml_close(&w);
    xml_close(&w);
    assert(xml_done(&w));
    opc_add(p, "word/settings.xml", CT_SETTINGS, buf_str(&b), b.len);
}

int docx_finish(DocxDoc *d, const char *title, void **out, size_t *len, Err *e)
{
    section(d);
    xml_close(&d->w); /* w:body */
    xml_close(&d->w); /* w:document */
    assert(xml_done(&d->w));

    OpcPackage p;
    opc_init(&p, d->a);
    static const OpcRel root[] = {
        {"rId1", OPC_REL_OFFICE_DOC, "word/document.xml"},
        {"rId2", OPC_REL_CORE, "docProps/core.xml"},
        {"rId3", OPC_REL_APP, "docProps/app.xml"},
    };
    opc_add_rels(&p, "_rels/.rels", root, sizeof root / sizeof root[0]);
    opc_add(&p, "word/document.xml", CT_MAIN, buf_str(&d->body), d->body.len);
    static const OpcRel doc[] = {
        {"rId1", OPC_REL_STYLES, "styles.xml"},
        {"rId2", OPC_REL_SETTINGS, "settings.xml"},
        {"rId3", OPC_REL_FOOTER, "footer1.xml"},
        {"rId4", OPC_REL_FOOTER, "footer2.xml"},
    };
    opc_add_rels(&p, "word/_rels/document.xml.rels", doc, sizeof doc / sizeof doc[0]);
    styles(&p);
    settings(&p);
    footer(&p, "word/footer1.xml", true);
    footer(&p, "word/footer2.xml", false);
    opc_add_props(&p, title);
    int rc = opc_write(&p, out, len, e);
    buf_free(&d->body);
    return rc;
}
