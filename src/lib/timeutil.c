/* timeutil.c - calendar dates and timestamps. See timeutil.h. */
#include "timeutil.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Days from civil date, after Howard Hinnant's public-domain algorithm
 * description (era of 400 years, day of era). */
int date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_to_ymd(int z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int yy = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int dd = doy - (153 * mp + 2) / 5 + 1;
    int mm = mp + (mp < 10 ? 3 : -9);
    *y = yy + (mm <= 2);
    *m = mm;
    *d = dd;
}

int date_days_in_month(int y, int m)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dim[m - 1];
}

bool date_valid_ymd(int y, int m, int d)
{
    return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 &&
           d <= date_days_in_month(y, m);
}

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool date_parse(const char *s, int *days)
{
    int y, m, d;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d)) return false;
    if (!date_valid_ymd(y, m, d)) return false;
    *days = date_from_ymd(y, m, d);
    return true;
}

void date_format(int days, char out[DATE_ISO_LEN])
{
    int y, m, d;
    date_to_ymd(days, &y, &m, &d);
    /* y, m, d are bounded for any date shishi stores; the clamps tell the
     * compiler so (it cannot see that date_to_ymd keeps m in 1..12) */
    unsigned yy = (unsigned)y % 10000u, mm = (unsigned)m % 100u, dd = (unsigned)d % 100u;
    snprintf(out, DATE_ISO_LEN, "%04u-%02u-%02u", yy, mm, dd);
}

char *date_iso(Arena *a, int days)
{
    char buf[DATE_ISO_LEN];
    date_format(days, buf);
    return arena_strdup(a, buf);
}

char *date_cn(Arena *a, int days)
{
    int y, m, d;
    date_to_ymd(days, &y, &m, &d);
    return arena_printf(a, "%d年%d月%d日", y, m, d);
}

void ts_format(int64_t epoch, char out[TS_ISO_LEN])
{
    time_t t = (time_t)epoch;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, TS_ISO_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void ts_offset(const char *ts, int64_t seconds, char out[TS_ISO_LEN])
{
    int64_t t = 0;
    ts_parse(ts, &t);
    ts_format(t + seconds, out);
}

void ts_now(char out[TS_ISO_LEN])
{
    ts_format((int64_t)time(NULL), out);
}

int date_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

bool ts_parse(const char *ts, int64_t *epoch)
{
    int y, mo, d, h, mi, s;
    if (!ts || strlen(ts) != 20 || ts[4] != '-' || ts[7] != '-' || ts[10] != 'T' ||
        ts[13] != ':' || ts[16] != ':' || ts[19] != 'Z')
        return false;
    if (!digits(ts, 4, &y) || !digits(ts + 5, 2, &mo) || !digits(ts + 8, 2, &d) ||
        !digits(ts + 11, 2, &h) || !digits(ts + 14, 2, &mi) || !digits(ts + 17, 2, &s))
        return false;
    if (!date_valid_ymd(y, mo, d) || h > 23 || mi > 59 || s > 60) return false;
    *epoch = (int64_t)date_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    return true;
}

bool ts_local_date(const char *ts, int *days)
{
    int64_t epoch;
    if (!ts_parse(ts, &epoch)) return false;
    time_t t = (time_t)epoch;
    struct tm tm;
    localtime_r(&t, &tm);
    *days = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return true;
}

int64_t mono_usec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}
