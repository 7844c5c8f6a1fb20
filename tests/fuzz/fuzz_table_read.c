/*
 * fuzz_table_read.c - libFuzzer target for table_read: any bytes, as an
 * uploaded "filled table", must be read or refused with a message, never
 * crash, hang or leak. Seeds (tests/fuzz/seeds/fuzz_table_read/) are small
 * exports of our own DOCX and XLSX and a hand-made one, so the fuzzer
 * starts inside valid zips and OOXML.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/report_table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena *a = arena_new();
    ReadTable *t = NULL;
    Err e = ERR_INIT;
    if (table_read(data, size, a, &t, &e) == 0) {
        /* touch everything returned, so bad pointers show */
        size_t sum = t->title ? strlen(t->title) : 0;
        for (size_t i = 0; i < t->n_rows; i++) {
            const ReadRow *r = &t->rows[i];
            sum += strlen(r->title) + strlen(r->no_text) + strlen(r->progress) + strlen(r->deadline);
            for (size_t u = 0; u < r->n_units; u++) sum += strlen(r->units[u]);
            for (size_t k = 0; k < r->n_reports; k++)
                sum += strlen(r->reports[k].text) + (r->reports[k].unit ? strlen(r->reports[k].unit) : 0);
        }
        if (sum == (size_t)-1) abort();
    } else if (e.code == ERR_NONE || e.msg[0] == '\0') {
        abort(); /* a refusal must say why */
    }
    arena_free(a);
    return 0;
}
