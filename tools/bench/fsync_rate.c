/*
 * fsync_rate.c - how many durable writes per second the disk under DIR
 * takes, for tools/bench.sh: the ceiling on report submissions, each of
 * which is one SQLite commit in WAL mode with synchronous=FULL.
 *
 *   fsync_rate DIR [SECONDS]
 *
 * Prints two lines, each measured for SECONDS (default 2):
 *   fsync_4k_per_s N        4 KiB appends to a file, each followed by fdatasync
 *   sqlite_commits_per_s N  one-row INSERT commits, WAL, synchronous=FULL
 *                           (what shishi's database does per saved report)
 * Exit 1 with a message on any error. Built by bench.sh with cc and
 * -lsqlite3; not part of shishi.
 */
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int raw_fsync(const char *dir, double seconds, double *rate)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/fsync-rate.tmp", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        perror(path);
        return -1;
    }
    static char block[4096];
    memset(block, 'x', sizeof block);
    long n = 0;
    double t0 = now(), t = t0;
    while (t - t0 < seconds) {
        /* append like a WAL does, starting over every 4 MiB */
        off_t off = (off_t)(n % 1024) * (off_t)sizeof block;
        if (pwrite(fd, block, sizeof block, off) != (ssize_t)sizeof block || fdatasync(fd) != 0) {
            perror(path);
            close(fd);
            unlink(path);
            return -1;
        }
        n++;
        t = now();
    }
    close(fd);
    unlink(path);
    *rate = (double)n / (t - t0);
    return 0;
}

static int sqlite_commits(const char *dir, double seconds, double *rate)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/fsync-rate.db", dir);
    unlink(path);
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        fprintf(stderr, "%s: cannot open\n", path);
        return -1;
    }
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_exec(db,
                          "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                          "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT NOT NULL)",
                          NULL, NULL, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(db, "INSERT INTO t(v) VALUES (?1)", -1, &st, NULL);
    long n = 0;
    double t0 = now(), t = t0;
    while (rc == SQLITE_OK && t - t0 < seconds) {
        sqlite3_bind_text(st, 1, "本季度具体措施及任务进度情况", -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_reset(st);
        n++;
        t = now();
    }
    if (rc != SQLITE_OK) fprintf(stderr, "%s: %s\n", path, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_close(db);
    char side[4200];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    *rate = (double)n / (t - t0);
    return rc == SQLITE_OK ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: fsync_rate DIR [SECONDS]\n");
        return 2;
    }
    double seconds = argc == 3 ? atof(argv[2]) : 2.0;
    if (seconds <= 0) seconds = 2.0;
    double raw, commits;
    if (raw_fsync(argv[1], seconds, &raw) < 0 || sqlite_commits(argv[1], seconds, &commits) < 0) return 1;
    printf("fsync_4k_per_s %.0f\nsqlite_commits_per_s %.0f\n", raw, commits);
    return 0;
}
