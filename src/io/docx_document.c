/* docx_document.c - a prose document as Word. See docx_document.h. */
#include "io/docx_document.h"


#include "io/docx_pkg.h"
#include "io/gov_style.h"

#define CHAR_3 (GOV_PT_3 * 20) /* one 三号 character, in twips */

/* How each kind of block is set. */
static const struct {
    const char *face;
    DocxPara fmt;
} KIND[DOC_BLOCK__MAX] = {
    [DOC_BODY] = {GOV_FONT_BODY, {.jc = "both", .first_line_chars = 200, .line = GOV_LINE_TWIPS, .line_exact = true}},
    [DOC_HEADING1] = {GOV_FONT_HEI,
                      {.jc = "both", .first_line_chars = 200, .line = GOV_LINE_TWIPS, .line_exact = true,
                       .keep_next = true}},
    [DOC_HEADING2] = {GOV_FONT_KAI,
                      {.jc = "both", .first_line_chars = 200, .line = GOV_LINE_TWIPS, .line_exact = true,
                       .keep_next = true}},
    [DOC_PLAIN] = {GOV_FONT_BODY, {.jc = "left", .line = GOV_LINE_TWIPS, .line_exact = true}},
    [DOC_SIGNATURE] = {GOV_FONT_BODY,
                       {.jc = "right", .ind_right = 4 * CHAR_3, .line = GOV_LINE_TWIPS, .line_exact = true}},
};

int docx_document(const DocDocument *doc, Arena *a, void **out, size_t *len, Err *e)
{
    if (!doc->title || !*doc->title) return err_set(e, ERR_INVALID, "title", "文档缺少标题");
    DocxDoc d;
    docx_begin(&d, a, DOCX_PORTRAIT);
    docx_heading(&d, doc->label, doc->title, doc->subtitle);
    /* One empty line between the title and the text (GB/T 7.3.2). */
    DocxPara blank = {.line = GOV_LINE_TWIPS, .line_exact = true};
    docx_para(&d.w, &blank, GOV_FONT_BODY, GOV_PT_3, NULL);
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const DocBlock *b = &doc->blocks[i];
        DocBlockKind k = b->kind < DOC_BLOCK__MAX ? b->kind : DOC_BODY;
        docx_paras(&d.w, a, &KIND[k].fmt, KIND[k].face, GOV_PT_3, b->text);
    }
    return docx_finish(&d, doc->title, out, len, e);
}
