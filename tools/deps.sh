#!/bin/sh
# deps.sh - make sure the Debian packages shishi needs are installed.
#
#   tools/deps.sh build   libraries and tools to build shishi
#   tools/deps.sh test    ... and what `make test` needs (browser, fuzzer, renderer)
#   tools/deps.sh bench   ... and what `make bench` needs (wrk, nginx)
#
# As root on Debian/Ubuntu it installs what is missing with apt-get; otherwise
# it prints the exact command and fails, so nothing happens behind your back.
set -eu

BUILD_PKGS="build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libsodium-dev \
libjansson-dev libzip-dev libexpat1-dev libxlsxwriter-dev libutf8proc-dev \
libcurl4-openssl-dev libcmocka-dev"
TEST_PKGS="sqlite3 python3 clang libclang-rt-14-dev curl unzip chromium nodejs npm \
libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk \
fonts-noto-cjk-extra fonts-arphic-ukai"
BENCH_PKGS="wrk nginx-light"

what=${1:-build}
case "$what" in
build) want="$BUILD_PKGS" ;;
test) want="$BUILD_PKGS $TEST_PKGS" ;;
bench) want="$BUILD_PKGS $BENCH_PKGS" ;;
*) echo "usage: tools/deps.sh build|test|bench" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "shishi: not a Debian-like system; install these packages (Debian names): $want" >&2
    exit 0
fi

missing=""
for p in $want; do
    # nginx-light or any other nginx flavour will do
    if [ "$p" = nginx-light ] && command -v nginx >/dev/null 2>&1; then continue; fi
    # a newer Node.js from elsewhere serves as well as Debian's
    if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
    if [ "$p" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$st" in *" installed") ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "shishi: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >&2
    exit 0
fi
echo "shishi: missing packages; run:" >&2
echo "    sudo apt-get install --no-install-recommends$missing" >&2
exit 1
