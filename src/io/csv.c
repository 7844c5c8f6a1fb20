/* csv.c - RFC 4180 fields for Excel. See csv.h. Every field is quoted (RFC
 * 4180 allows it): one rule for all fields, and line breaks inside cells
 * need nothing more. */
#include "io/csv.h"

#include "io/xml_writer.h"

void csv_begin(Buf *b)
{
    buf_puts(b, "\xEF\xBB\xBF");
}

void csv_field(Buf *b, Arena *a, const char *s, bool first)
{
    if (!first) buf_putc(b, ',');
    buf_putc(b, '"');
    /* Control characters have no business in a cell (and some readers choke). */
    const char *p = xml_clean(a, s ? s : "");
    if (*p == '=' || *p == '+' || *p == '-' || *p == '@') buf_putc(b, '\'');
    for (; *p; p++) {
        if (*p == '"') buf_puts(b, "\"\"");
        else if (*p == '\r') continue; /* line breaks inside a field stay LF */
        else buf_putc(b, *p);
    }
    buf_putc(b, '"');
}

void csv_end_row(Buf *b)
{
    buf_puts(b, "\r\n");
}
