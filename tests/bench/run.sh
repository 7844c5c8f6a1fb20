#!/bin/sh
# run.sh - build tests/bench/bench_export.c against build/rel/libshishi.a
# (optimised, as shipped) and run it.
#
#   tests/bench/run.sh [ROWS]      default 1000
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
make -s build/rel/libshishi.a
cflags=$(sed -n 's/^PKG_CFLAGS := //p' build/pkg.mk)
libs=$(sed -n 's/^PKG_LIBS := //p' build/pkg.mk)
mkdir -p build/bench
# shellcheck disable=SC2086
${CC:-cc} -std=c17 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Isrc $cflags \
    -o build/bench/bench_export tests/bench/bench_export.c build/rel/libshishi.a $libs -lm -lpthread
exec build/bench/bench_export "${1:-1000}"
