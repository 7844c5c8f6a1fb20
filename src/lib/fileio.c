/* fileio.c - writing whole files. See fileio.h. */
#include "fileio.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int file_write_atomic(Arena *a, const char *path, const void *data, size_t len, Err *e)
{
    const char *slash = strrchr(path, '/');
    char *tmp = slash ? arena_printf(a, "%.*s/.%s.tmp", (int)(slash - path), path, slash + 1)
                      : arena_printf(a, ".%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) return err_set(e, ERR_IO, NULL, "%s: cannot write: %s", path, strerror(errno));
    bool ok = fwrite(data, 1, len, f) == len;
    ok = fflush(f) == 0 && ok;
    ok = fsync(fileno(f)) == 0 && ok;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        int err = errno;
        unlink(tmp);
        return err_set(e, ERR_IO, NULL, "%s: cannot write: %s", path, strerror(err));
    }
    return 0;
}
