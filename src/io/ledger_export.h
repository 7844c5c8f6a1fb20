/*
 * ledger_export.h - a unit's work ledger (工作台账) on a project as CSV and
 * as an Excel workbook: one row an entry with the running total of its
 * indicator, and the totals per indicator and of funds below.
 */
#ifndef SHISHI_LEDGER_EXPORT_H
#define SHISHI_LEDGER_EXPORT_H

#include <stddef.h>

#include "core/model.h"
#include "lib/arena.h"
#include "lib/err.h"

typedef struct LedgerSheet {
    const char *title;          /* 工作台账 · 区教体局 · 实施教育资源品质提升工程 */
    const Project *project;     /* names the indicators */
    const LedgerEntry *entries; /* in date order */
    size_t n;
    const double *running;      /* per entry: running total of its indicator, NAN if none */
} LedgerSheet;

int ledger_csv(const LedgerSheet *s, Arena *a, void **out, size_t *len, Err *e);
int ledger_xlsx(const LedgerSheet *s, Arena *a, void **out, size_t *len, Err *e);

#endif
