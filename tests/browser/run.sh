#!/bin/sh
# run.sh - the browser tests: headless Chromium (Debian's /usr/bin/chromium)
# driven by playwright-core from npm, against the real server on a fresh demo
# database.
#
#   tests/browser/run.sh ./shishi
#
# Installs the npm packages of package-lock.json into tests/browser/node_modules
# (again only when the lock file changed), starts `shishi serve` on a free port,
# runs every tests/browser/test_*.mjs with BASE_URL set, stops the server and
# exits non-zero if a test failed or the server did not stop cleanly.
# Screenshots are written to build/browser/. Never downloads a browser.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}

for tool in node npm; do
    command -v "$tool" >/dev/null 2>&1 || { echo "tests/browser: $tool is missing (tools/deps.sh test installs it)"; exit 1; }
done
[ -x "$chromium" ] || { echo "tests/browser: $chromium is missing (tools/deps.sh test installs chromium)"; exit 1; }

# ---- npm packages: only when package-lock.json changed -----------------------------
# (playwright-core never downloads a browser; the variable says so to any
# package that might)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
stamp="$here/node_modules/.shishi-lock"
if [ ! -f "$here/package-lock.json" ]; then
    (cd "$here" && npm install --no-audit --no-fund --loglevel=error) ||
        { echo "tests/browser: npm install failed"; exit 1; }
elif ! cmp -s "$here/package-lock.json" "$stamp" 2>/dev/null; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) ||
        { echo "tests/browser: npm ci failed"; exit 1; }
    cp "$here/package-lock.json" "$stamp"
fi

# ---- a server on a fresh demo database -------------------------------------------
tmp=$(mktemp -d)
pid=
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
"$bin" demo --db "$tmp/demo.db" --password demo-pass-123 >/dev/null || { echo "tests/browser: shishi demo failed"; exit 1; }
"$bin" serve --db "$tmp/demo.db" --listen 127.0.0.1:0 --threads 2 </dev/null >/dev/null 2>"$tmp/serve.log" &
pid=$!
port=
i=0
while [ -z "$port" ]; do
    port=$(sed -n 's/.*shishi serving .*(port \([0-9][0-9]*\)).*/\1/p' "$tmp/serve.log" | head -1)
    [ -n "$port" ] && break
    i=$((i + 1))
    if [ $i -gt 200 ] || ! kill -0 "$pid" 2>/dev/null; then
        echo "tests/browser: the server did not start:"; cat "$tmp/serve.log"; exit 1
    fi
    sleep 0.05
done
base="http://127.0.0.1:$port"

# ---- the tests ------------------------------------------------------------------
shots="$root/build/browser"
mkdir -p "$shots"
passed=0
failed=0
for t in "$here"/test_*.mjs; do
    [ -f "$t" ] || continue
    if BASE_URL="$base" SHOT_DIR="$shots" node "$t"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED: tests/browser/$(basename "$t")"
    fi
done

# ---- a clean stop ----------------------------------------------------------------
kill -TERM "$pid"
rc=0
i=0
while kill -0 "$pid" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 100 ]; then echo "FAIL: the server did not stop within 5 s of SIGTERM"; failed=$((failed + 1)); break; fi
    sleep 0.05
done
wait "$pid" 2>/dev/null
rc=$?
pid=
if [ "$rc" != 0 ]; then
    echo "FAIL: the server exited $rc after SIGTERM"; failed=$((failed + 1))
    tail -20 "$tmp/serve.log"
fi
if [ "$failed" != 0 ]; then
    echo "tests/browser: server log:"; grep -v ' 200 \| 303 \| 304 ' "$tmp/serve.log" | tail -20
fi
echo "tests/browser: screenshots in build/browser/"
echo "browser: $passed passed, $failed failed"
[ "$failed" = 0 ]
