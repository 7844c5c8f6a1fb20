/* log.c - diagnostics on stderr. See log.h. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>

#include "timeutil.h"

static const enum LogLevel min_level = LOG_INFO;

void log_msg(enum LogLevel level, const char *fmt, ...)
{
    static const char *names[] = {"debug", "info", "warn", "error"};
    if (level < min_level) return;
    char ts[TS_ISO_LEN];
    ts_now(ts);
    char line[2048];
    int n = snprintf(line, sizeof line, "%s %s ", ts, names[level]);
    va_list ap;
    va_start(ap, fmt);
    if (n > 0 && (size_t)n < sizeof line) vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    /* one fputs per line: stdio locks the stream, so lines never interleave */
    fprintf(stderr, "%s\n", line);
}
