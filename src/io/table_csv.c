/*
 * table_csv.c - the quarterly table as CSV (RFC 4180). See report_table.h.
 *
 * The BOM is there because Excel on Chinese Windows otherwise reads the file
 * as GBK. Every field is quoted (RFC 4180 allows it): one rule for all
 * fields, and line breaks inside cells need nothing more.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "io/report_table.h"
#include "io/xml_writer.h"
#include "lib/buf.h"

/* One field, quoted, with inner quotes doubled and line breaks as LF (a
 * quoted field may hold them; CRLF ends records only). */
static void field(Buf *b, Arena *a, const char *s, bool first)
{
    if (!first) buf_putc(b, ',');
    buf_putc(b, '"');
    /* Control characters have no business in a cell (and some readers choke). */
    const char *p = xml_clean(a, s ? s : "");
    /* A leading = + - @ would be run as a formula by Excel (CSV injection). */
    if (*p == '=' || *p == '+' || *p == '-' || *p == '@') buf_putc(b, '\'');
    for (; *p; p++) {
        if (*p == '"') buf_puts(b, "\"\"");
        else if (*p == '\r') continue;
        else buf_putc(b, *p);
    }
    buf_putc(b, '"');
}

int table_csv(const ReportTable *t, Arena *a, void **out, size_t *len, Err *e)
{
    (void)e; /* nothing here can fail */
    Buf b = BUF_INIT(a);
    buf_puts(&b, "\xEF\xBB\xBF");
    for (int c = 0; c < 5; c++) field(&b, a, REPORT_TABLE_HEADERS[c], c == 0);
    buf_puts(&b, "\r\n");
    for (size_t i = 0; i < t->n_rows; i++) {
        const TableRow *r = &t->rows[i];
        char no[24];
        snprintf(no, sizeof no, "%d", r->no);
        field(&b, a, no, true);
        field(&b, a, r->title, false);
        field(&b, a, table_units_text(r, a), false);
        field(&b, a, table_progress_text(r, a), false);
        field(&b, a, r->deadline, false);
        buf_puts(&b, "\r\n");
    }
    *out = b.data;
    *len = b.len;
    return 0;
}
