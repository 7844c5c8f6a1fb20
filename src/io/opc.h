/*
 * opc.h - an Open Packaging Conventions package (the zip of a DOCX) built
 * in memory: parts, their relationships, [Content_Types].xml and the
 * document properties, all written through the escaping XML writer.
 *
 * [Content_Types].xml is derived from the parts added, so no part can be
 * left without a content type (LibreOffice refuses such a file).
 */
#ifndef SHISHI_OPC_H
#define SHISHI_OPC_H

#include <stddef.h>

#include "lib/arena.h"
#include "lib/buf.h"
#include "lib/err.h"

#define OPC_REL_OFFICE_DOC "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
#define OPC_REL_CORE "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
#define OPC_REL_APP "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
#define OPC_REL_STYLES "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
#define OPC_REL_SETTINGS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"
#define OPC_REL_FOOTER "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"

#define OPC_CT_RELS "application/vnd.openxmlformats-package.relationships+xml"
#define OPC_CT_CORE "application/vnd.openxmlformats-package.core-properties+xml"
#define OPC_CT_APP "application/vnd.openxmlformats-officedocument.extended-properties+xml"

typedef struct OpcPart {
    const char *name;          /* "word/document.xml", no leading slash */
    const char *content_type;  /* its media type */
    const char *data;          /* len bytes, in the package's arena */
    size_t len;
} OpcPart;

typedef struct OpcRel {
    const char *id;      /* "rId1" */
    const char *type;    /* an OPC_REL_* URI */
    const char *target;  /* relative to the source part's folder */
} OpcRel;

typedef struct OpcPackage {
    Arena *a;
    OpcPart *parts;
    size_t n, cap;
} OpcPackage;

void opc_init(OpcPackage *p, Arena *a);
/* Adds a part of len bytes at data, which must stay valid until opc_write
 * returns (they are not copied). */
void opc_add(OpcPackage *p, const char *name, const char *content_type, const char *data, size_t len);
/* Adds the relationships part name (e.g. "_rels/.rels") listing rels. */
void opc_add_rels(OpcPackage *p, const char *name, const OpcRel *rels, size_t n);
/* Adds docProps/core.xml (title, creator "shishi") and docProps/app.xml;
 * the package's _rels/.rels must point at them (OPC_REL_CORE, OPC_REL_APP). */
void opc_add_props(OpcPackage *p, const char *title);
/* [Content_Types].xml first, then the parts in the order added, zipped into
 * the arena. */
int opc_write(const OpcPackage *p, void **out, size_t *len, Err *e);

#endif
