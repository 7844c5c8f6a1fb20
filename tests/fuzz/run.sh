#!/bin/sh
# run.sh - build every tests/fuzz/fuzz_*.c as a libFuzzer target (clang,
# with ASan and UBSan) and run each briefly.
#
#   tests/fuzz/run.sh short    a few seconds each (make test)
#   tests/fuzz/run.sh long     a minute each (make fuzz)
#
# A target is one file defining LLVMFuzzerTestOneInput; it links the
# lib, db, core and io layers. Seeds live in tests/fuzz/seeds/<target>/;
# the growing corpus in build/fuzz/corpus/<target>/ (not committed).
set -eu
mode=${1:-short}
case "$mode" in
short) secs=${FUZZ_SECONDS:-4} ;;
long) secs=${FUZZ_SECONDS:-60} ;;
*) echo "usage: tests/fuzz/run.sh short|long" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/../.."
targets=$(ls tests/fuzz/fuzz_*.c 2>/dev/null || true)
[ -n "$targets" ] || exit 0
command -v clang >/dev/null || { echo "fuzz: clang is missing (tools/deps.sh test)" >&2; exit 1; }
make -s build/pkg.mk build/gen/schema_files.c build/gen/asset_files.c build/gen/demo_files.c
cflags=$(sed -n 's/^PKG_CFLAGS := //p' build/pkg.mk)
libs=$(sed -n 's/^PKG_LIBS := //p' build/pkg.mk)
mkdir -p build/fuzz
srcs="src/lib/*.c src/db/*.c src/core/*.c src/io/*.c build/gen/*.c"
for t in $targets; do
    name=$(basename "$t" .c)
    bin=build/fuzz/$name
    # shellcheck disable=SC2086
    clang -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
        -fno-sanitize-recover=undefined -Isrc -Ibuild/gen $cflags \
        -o "$bin" "$t" $srcs $libs -lm -lpthread
    corpus=build/fuzz/corpus/$name
    mkdir -p "$corpus"
    seeds=tests/fuzz/seeds/$name
    [ -d "$seeds" ] || seeds=
    echo "fuzz: $name for ${secs}s"
    # shellcheck disable=SC2086
    "$bin" -max_total_time="$secs" -max_len=262144 -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=0 "$corpus" $seeds >build/fuzz/$name.log 2>&1 || {
        tail -n 40 build/fuzz/$name.log >&2
        echo "fuzz: $name FAILED (crash input in build/fuzz or the working directory)" >&2
        exit 1
    }
done
