/*
 * bench_export.c - times the quarterly-table exporters on a 1,000-row
 * table (the Linzi projects repeated, with their real report texts) and
 * reports each one's wall time and peak RSS. Each format runs in a child
 * process of its own, so one's memory does not count against another's.
 * Reading the exports back is timed as well.
 *
 *   tests/bench/run.sh [ROWS]          (builds against build/rel, then runs)
 *
 * Target: under 0.5 s and 100 MB per export.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../unit/table_fixture.h"
#include "io/report_table.h"

typedef int (*Writer)(const ReportTable *, Arena *, void **, size_t *, Err *);

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0; /* kilobytes on Linux */
}

/* In a child: build the table, export it, optionally read it back. */
static int run(const char *name, Writer fn, size_t rows, int read_back)
{
    Arena *a = arena_new();
    ReportTable t = fixture_table(a, rows);
    /* Make every text unique, as real reports are: otherwise XLSX shared
     * strings and zip compression would flatter the figures. */
    for (size_t i = 0; i < t.n_rows; i++)
        for (size_t u = 0; u < t.rows[i].n_units; u++)
            t.rows[i].units[u].text = arena_printf(a, "第%zu行：%s", i + 1, t.rows[i].units[u].text);
    double rss0 = peak_mb();
    double t0 = now();
    void *data;
    size_t len;
    Err e = ERR_INIT;
    if (fn(&t, a, &data, &len, &e) < 0) {
        fprintf(stderr, "%s: %s\n", name, e.msg);
        return 1;
    }
    double t1 = now();
    printf("%-5s export %5zu rows: %7.3f s  %6.2f MB file  peak RSS %6.1f MB (%.1f MB before)\n", name, rows, t1 - t0,
           (double)len / (1024 * 1024), peak_mb(), rss0);
    if (read_back) {
        ReadTable *rt;
        t0 = now();
        if (table_read(data, len, a, &rt, &e) < 0) {
            fprintf(stderr, "%s read: %s\n", name, e.msg);
            return 1;
        }
        t1 = now();
        printf("%-5s read   %5zu rows: %7.3f s  peak RSS %6.1f MB\n", name, rt->n_rows, t1 - t0, peak_mb());
    }
    arena_free(a);
    return 0;
}

int main(int argc, char **argv)
{
    size_t rows = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 1000;
    static const struct {
        const char *name;
        Writer fn;
        int read_back;
    } formats[] = {{"docx", table_docx, 1}, {"xlsx", table_xlsx, 1}, {"csv", table_csv, 0}};
    int rc = 0;
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid < 0) return 1;
        if (pid == 0) {
            int r = run(formats[i].name, formats[i].fn, rows, formats[i].read_back);
            fflush(stdout); /* _exit does not flush */
            _exit(r);
        }
        int status;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) rc = 1;
    }
    return rc;
}
