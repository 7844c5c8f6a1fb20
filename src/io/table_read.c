/*
 * table_read.c - reading a filled quarterly table: the entry point, format
 * detection, package relationships and the grid containers. See
 * report_table.h and table_grid.h.
 *
 * The format is decided by content: a zip whose package relationship names
 * a main part word/….xml is Word, xl/….xml is Excel. Old binary files
 * (.doc/.xls, and password-protected OOXML, which is stored the same way)
 * get a message of their own because users meet them often.
 */
#include <string.h>

#include "io/report_table.h"
#include "io/sniff.h"
#include "io/table_grid.h"
#include "io/xml_reader.h"
#include "io/zipio.h"
#include "lib/buf.h"

#define MAX_LINKS 2000

/* ---- grids --------------------------------------------------------------------------- */

Grid *grid_new(GridSet *gs, Arena *a, Err *e)
{
    if (gs->n >= GRID_MAX_TABLES) {
        err_set(e, ERR_TOO_LARGE, NULL, "文件中的表格过多（超过%d个），无法读取", GRID_MAX_TABLES);
        return NULL;
    }
    if (gs->n == gs->cap) {
        size_t cap = gs->cap ? gs->cap * 2 : 8;
        gs->grids = arena_grow(a, gs->grids, gs->n, cap, sizeof *gs->grids);
        gs->cap = cap;
    }
    Grid *g = &gs->grids[gs->n++];
    memset(g, 0, sizeof *g);
    return g;
}

int grid_add_row(GridSet *gs, Grid *g, Arena *a, GridRow row, Err *e)
{
    if (++gs->total_rows > GRID_MAX_ROWS)
        return err_set(e, ERR_TOO_LARGE, NULL, "文件中的表格行数过多（超过%d行），无法读取", GRID_MAX_ROWS);
    if (g->n_rows == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 32;
        g->rows = arena_grow(a, g->rows, g->n_rows, cap, sizeof *g->rows);
        g->cap = cap;
    }
    g->rows[g->n_rows++] = row;
    return 0;
}

/* ---- package relationships --------------------------------------------------------- */

/* dir + "/" + target with "." and ".." resolved; an absolute target is
 * taken from the package root. */
static char *resolve(Arena *a, const char *dir, const char *target)
{
    Buf path = BUF_INIT(a);
    if (*target != '/' && *dir) {
        buf_puts(&path, dir);
        buf_putc(&path, '/');
    }
    buf_puts(&path, target);
    /* Normalise segment by segment into out. */
    char *out = arena_alloc(a, path.len + 1);
    size_t k = 0;
    const char *p = buf_str(&path);
    while (*p) {
        while (*p == '/') p++;
        size_t n = strcspn(p, "/");
        if (n == 0) break;
        if (n == 1 && p[0] == '.') {
            /* stay */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (k > 0 && out[k - 1] != '/') k--;
            if (k > 0) k--;
        } else {
            if (k) out[k++] = '/';
            memcpy(out + k, p, n);
            k += n;
        }
        p += n;
    }
    out[k] = '\0';
    return out;
}

typedef struct LinkRead {
    Arena *a;
    const char *dir;
    OpcLink *links;
    size_t n, cap;
} LinkRead;

static void link_start(XmlReader *r, const char *name, const char **attrs)
{
    LinkRead *lr = xmlr_ud(r);
    if (!xmlr_is(name, XMLNS_PKG_REL, "Relationship")) return;
    const char *id = xmlr_attr(attrs, "Id"), *type = xmlr_attr(attrs, "Type");
    const char *target = xmlr_attr(attrs, "Target"), *mode = xmlr_attr(attrs, "TargetMode");
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0)) return;
    if (lr->n >= MAX_LINKS) {
        xmlr_fail(r, ERR_TOO_LARGE, "文件内容异常（关系条目过多），已拒绝");
        return;
    }
    if (lr->n == lr->cap) {
        size_t cap = lr->cap ? lr->cap * 2 : 16;
        lr->links = arena_grow(lr->a, lr->links, lr->n, cap, sizeof *lr->links);
        lr->cap = cap;
    }
    lr->links[lr->n++] = (OpcLink){arena_strdup(lr->a, id), arena_strdup(lr->a, type),
                                   resolve(lr->a, lr->dir, target)};
}

int opc_read_links(ZipIn *z, const char *src, Arena *a, OpcLink **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    const char *slash = strrchr(src, '/');
    const char *dir = slash ? arena_strndup(a, src, (size_t)(slash - src)) : "";
    const char *base = slash ? slash + 1 : src;
    const char *rels = *dir ? arena_printf(a, "%s/_rels/%s.rels", dir, base) : arena_printf(a, "_rels/%s.rels", base);
    if (!zipin_has(z, rels)) return 0;
    LinkRead lr = {.a = a, .dir = dir};
    static const XmlHandlers h = {.start = link_start};
    if (xmlr_parse_part(z, rels, &h, &lr, e) < 0) return -1;
    *out = lr.links;
    *n = lr.n;
    return 0;
}

const OpcLink *opc_find_link(const OpcLink *links, size_t n, const char *suffix)
{
    size_t sl = strlen(suffix);
    for (size_t i = 0; i < n; i++) {
        size_t tl = strlen(links[i].type);
        if (tl > sl && links[i].type[tl - sl - 1] == '/' && strcmp(links[i].type + tl - sl, suffix) == 0)
            return &links[i];
    }
    return NULL;
}

/* ---- entry point -------------------------------------------------------------------- */

/* The main part and the format, from _rels/.rels or, without it, from the
 * usual part names. */
static int find_main(ZipIn *z, Arena *a, const char **main_part, TableFormat *fmt, Err *e)
{
    OpcLink *links;
    size_t n;
    if (opc_read_links(z, "", a, &links, &n, e) < 0) return -1;
    const OpcLink *doc = opc_find_link(links, n, "officeDocument");
    const char *part = doc ? doc->target : NULL;
    if (!part) part = zipin_has(z, "word/document.xml") ? "word/document.xml"
                      : zipin_has(z, "xl/workbook.xml") ? "xl/workbook.xml"
                                                          : NULL;
    if (part && strncmp(part, "word/", 5) == 0) {
        *fmt = TABLE_FMT_DOCX;
    } else if (part && strncmp(part, "xl/", 3) == 0) {
        *fmt = TABLE_FMT_XLSX;
    } else {
        return err_set(e, ERR_INVALID, NULL, "文件不是有效的Word或Excel文件（请上传.docx或.xlsx格式的报表）");
    }
    if (!zipin_has(z, part)) return err_set(e, ERR_INVALID, NULL, "文件不完整（缺少部件 %s）", part);
    *main_part = part;
    return 0;
}

int table_read(const void *data, size_t len, Arena *a, ReadTable **out, Err *e)
{
    *out = NULL;
    if (len > TABLE_READ_MAX_BYTES)
        return err_set(e, ERR_TOO_LARGE, NULL, "文件过大（%.1fMB），上限为%uMB", (double)len / (1024 * 1024),
                       TABLE_READ_MAX_BYTES / (1024 * 1024));
    Magic magic = sniff_bytes(data, len);
    if (magic == MAGIC_OLE2)
        return err_set(e, ERR_INVALID, NULL,
                       "这是旧版Word/Excel文件（.doc/.xls）或加密文件，请用Word、WPS或Excel另存为.docx或.xlsx（不设密码）后再上传");
    if (magic != MAGIC_ZIP)
        return err_set(e, ERR_INVALID, NULL, "文件不是有效的Word或Excel文件（请上传.docx或.xlsx格式的报表）");
    ZipIn *z;
    if (zipin_open(data, len, &z, e) < 0) return -1;
    const char *main_part = NULL;
    TableFormat fmt = TABLE_FMT_DOCX;
    GridSet gs = {0};
    int rc = find_main(z, a, &main_part, &fmt, e);
    if (rc == 0)
        rc = fmt == TABLE_FMT_DOCX ? table_read_docx(z, main_part, a, &gs, e)
                                   : table_read_xlsx(z, main_part, a, &gs, e);
    zipin_close(z);
    if (rc < 0) return -1;
    return table_from_grids(&gs, fmt, a, out, e);
}
