/*
 * timeutil.h - calendar dates and timestamps. Depends on libc only.
 *
 * A date is an int: days since 1970-01-01 (proleptic Gregorian), so that
 * differences and comparisons are plain arithmetic. Dates are stored as ISO
 * text (YYYY-MM-DD); timestamps as UTC ISO 8601 text (YYYY-MM-DDTHH:MM:SSZ),
 * which sorts lexically.
 */
#ifndef SHISHI_TIMEUTIL_H
#define SHISHI_TIMEUTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"

#define DATE_ISO_LEN 11  /* "YYYY-MM-DD" and NUL */
#define TS_ISO_LEN 21    /* "YYYY-MM-DDTHH:MM:SSZ" and NUL */

int date_from_ymd(int y, int m, int d);
void date_to_ymd(int days, int *y, int *m, int *d);
bool date_valid_ymd(int y, int m, int d);
int date_days_in_month(int y, int m);

/* Strict YYYY-MM-DD (years 1900-2999); false for anything else. */
bool date_parse(const char *s, int *days);
void date_format(int days, char out[DATE_ISO_LEN]);
char *date_iso(Arena *a, int days);
/* "2022年6月16日", as official documents write dates. */
char *date_cn(Arena *a, int days);

/* Wall-clock now: UTC ISO timestamp, and the local calendar date. */
void ts_now(char out[TS_ISO_LEN]);
int date_today(void);
/* The local calendar date of a UTC ISO timestamp; false if malformed. */
bool ts_local_date(const char *ts, int *days);
/* Seconds since the epoch for a UTC ISO timestamp; false if malformed. */
bool ts_parse(const char *ts, int64_t *epoch);
void ts_format(int64_t epoch, char out[TS_ISO_LEN]);
/* The timestamp seconds after ts (before it when negative); ts as ts_now
 * writes it (a malformed one counts as the epoch). */
void ts_offset(const char *ts, int64_t seconds, char out[TS_ISO_LEN]);

/* Monotonic clock in microseconds, for durations. */
int64_t mono_usec(void);

#endif
