/* err.c - errors as values. See err.h. */
#include "err.h"

#include <stdio.h>
#include <string.h>

int err_set(Err *e, enum ErrCode code, const char *field, const char *fmt, ...)
{
    if (!e || e->code != ERR_NONE) return -1;
    e->code = code;
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return -1;
}

void err_clear(Err *e)
{
    if (!e) return;
    e->code = ERR_NONE;
    e->field[0] = '\0';
    e->msg[0] = '\0';
}
