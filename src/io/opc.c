/* opc.c - an OPC package in memory. See opc.h. */
#include "io/opc.h"

#include <assert.h>
#include <string.h>

#include "io/xml_writer.h"
#include "io/zipio.h"

void opc_init(OpcPackage *p, Arena *a)
{
    memset(p, 0, sizeof *p);
    p->a = a;
}

void opc_add(OpcPackage *p, const char *name, const char *content_type, const char *data, size_t len)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        p->parts = arena_grow(p->a, p->parts, p->n, cap, sizeof *p->parts);
        p->cap = cap;
    }
    p->parts[p->n++] = (OpcPart){name, content_type, data, len};
}

void opc_add_rels(OpcPackage *p, const char *name, const OpcRel *rels, size_t n)
{
    Buf b = BUF_INIT(p->a);
    XmlWriter w;
    xml_init(&w, &b);
    xml_decl(&w);
    xml_open(&w, "Relationships");
    xml_attr(&w, "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
    for (size_t i = 0; i < n; i++) {
        xml_open(&w, "Relationship");
        xml_attr(&w, "Id", rels[i].id);
        xml_attr(&w, "Type", rels[i].type);
        xml_attr(&w, "Target", rels[i].target);
        xml_close(&w);
    }
    xml_close(&w);
    assert(xml_done(&w));
    opc_add(p, name, OPC_CT_RELS, buf_str(&b), b.len);
}

void opc_add_props(OpcPackage *p, const char *title)
{
    Buf core = BUF_INIT(p->a);
    XmlWriter w;
    xml_init(&w, &core);
    xml_decl(&w);
    xml_open(&w, "cp:coreProperties");
    xml_attr(&w, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
    xml_attr(&w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    xml_attr(&w, "xmlns:dcterms", "http://purl.org/dc/terms/");
    xml_attr(&w, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    if (title && *title) xml_elem_text(&w, "dc:title", title);
    xml_elem_text(&w, "dc:creator", "shishi");
    xml_close(&w);
    assert(xml_done(&w));
    opc_add(p, "docProps/core.xml", OPC_CT_CORE, buf_str(&core), core.len);

    Buf app = BUF_INIT(p->a);
    xml_init(&w, &app);
    xml_decl(&w);
    xml_open(&w, "Properties");
    xml_attr(&w, "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
    xml_elem_text(&w, "Application", "shishi");
    xml_close(&w);
    assert(xml_done(&w));
    opc_add(p, "docProps/app.xml", OPC_CT_APP, buf_str(&app), app.len);
}

/* Defaults for .rels and .xml; an Override for every part whose type is
 * not the default of its extension. */
static void content_types(const OpcPackage *p, Buf *b)
{
    XmlWriter w;
    xml_init(&w, b);
    xml_decl(&w);
    xml_open(&w, "Types");
    xml_attr(&w, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
    xml_open(&w, "Default");
    xml_attr(&w, "Extension", "rels");
    xml_attr(&w, "ContentType", OPC_CT_RELS);
    xml_close(&w);
    xml_open(&w, "Default");
    xml_attr(&w, "Extension", "xml");
    xml_attr(&w, "ContentType", "application/xml");
    xml_close(&w);
    for (size_t i = 0; i < p->n; i++) {
        if (strcmp(p->parts[i].content_type, OPC_CT_RELS) == 0) continue;
        xml_open(&w, "Override");
        xml_attr(&w, "PartName", arena_printf(p->a, "/%s", p->parts[i].name));
        xml_attr(&w, "ContentType", p->parts[i].content_type);
        xml_close(&w);
    }
    xml_close(&w);
    assert(xml_done(&w));
}

int opc_write(const OpcPackage *p, void **out, size_t *len, Err *e)
{
    Buf ct = BUF_INIT(p->a);
    content_types(p, &ct);
    ZipEntry *entries = ARENA_ARRAY(p->a, ZipEntry, p->n + 1);
    entries[0] = (ZipEntry){"[Content_Types].xml", buf_str(&ct), ct.len};
    for (size_t i = 0; i < p->n; i++)
        entries[i + 1] = (ZipEntry){p->parts[i].name, p->parts[i].data, p->parts[i].len};
    return zip_pack(entries, p->n + 1, p->a, out, len, e);
}
