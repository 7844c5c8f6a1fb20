/* table_csv.c - the quarterly table as CSV (io/csv.h). See report_table.h. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "io/report_table.h"
#include "io/csv.h"
#include "lib/buf.h"

int table_csv(const ReportTable *t, Arena *a, void **out, size_t *len, Err *e)
{
    (void)e; /* nothing here can fail */
    Buf b = BUF_INIT(a);
    csv_begin(&b);
    for (int c = 0; c < 5; c++) csv_field(&b, a, REPORT_TABLE_HEADERS[c], c == 0);
    csv_end_row(&b);
    for (size_t i = 0; i < t->n_rows; i++) {
        const TableRow *r = &t->rows[i];
        char no[24];
        snprintf(no, sizeof no, "%d", r->no);
        csv_field(&b, a, no, true);
        csv_field(&b, a, r->title, false);
        csv_field(&b, a, table_units_text(r, a), false);
        csv_field(&b, a, table_progress_text(r, a), false);
        csv_field(&b, a, r->deadline, false);
        csv_end_row(&b);
    }
    *out = b.data;
    *len = b.len;
    return 0;
}
