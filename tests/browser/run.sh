#!/bin/sh
# run.sh - the browser tests: headless Chromium (Debian's /usr/bin/chromium)
# driven by playwright-core from npm, against the real server on a fresh demo
# database.
#
#   tests/browser/run.sh ./shishi
#
# Installs the npm packages of package-lock.json into tests/browser/node_modules
# (again only when the lock file changed), and runs every tests/browser/test_*.mjs
# with BASE_URL set to its own `shishi serve` on a free port and a fresh demo
# database; exits non-zero if a test failed, a server did not stop cleanly,
# or there was no test to run.
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

# ---- a server on a fresh demo database for each test ------------------------------
# Each test file gets its own database and server, so that what one test
# changes (a target, a report's status, the audit trail) cannot reach
# another and the order of the files does not matter.
tmp=$(mktemp -d)
pid=
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# start_server DIR: a demo database in DIR and `shishi serve` on it; sets
# pid and base, or returns 1 after saying why.
start_server() {
    dir=$1
    mkdir -p "$dir"
    "$bin" demo --db "$dir/demo.db" --password demo-pass-123 >/dev/null || { echo "tests/browser: shishi demo failed"; return 1; }
    "$bin" serve --db "$dir/demo.db" --listen 127.0.0.1:0 --threads 2 </dev/null >/dev/null 2>"$dir/serve.log" &
    pid=$!
    port=
    i=0
    while [ -z "$port" ]; do
        port=$(sed -n 's/.*shishi serving .*(port \([0-9][0-9]*\)).*/\1/p' "$dir/serve.log" | head -1)
        [ -n "$port" ] && break
        i=$((i + 1))
        if [ $i -gt 200 ] || ! kill -0 "$pid" 2>/dev/null; then
            echo "tests/browser: the server did not start:"; cat "$dir/serve.log"; return 1
        fi
        sleep 0.05
    done
    base="http://127.0.0.1:$port"
}

# stop_server DIR: SIGTERM, then the server must exit 0 within 5 s; returns 1
# (after saying why) when it did not.
stop_server() {
    dir=$1
    kill -TERM "$pid"
    stopped=0
    i=0
    while kill -0 "$pid" 2>/dev/null; do
        i=$((i + 1))
        if [ $i -gt 100 ]; then echo "FAIL: the server did not stop within 5 s of SIGTERM"; stopped=1; break; fi
        sleep 0.05
    done
    wait "$pid" 2>/dev/null
    rc=$?
    pid=
    if [ "$rc" != 0 ]; then
        echo "FAIL: the server exited $rc after SIGTERM"; stopped=1
        tail -20 "$dir/serve.log"
    fi
    return $stopped
}

# ---- the tests ------------------------------------------------------------------
shots="$root/build/browser"
mkdir -p "$shots"
passed=0
failed=0
for t in "$here"/test_*.mjs; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .mjs)
    start_server "$tmp/$name" || exit 1
    if BASE_URL="$base" SHOT_DIR="$shots" node "$t"; then
        ok=0
    else
        ok=1
        echo "FAILED: tests/browser/$name.mjs"
    fi
    stop_server "$tmp/$name" || ok=1
    if [ "$ok" = 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "tests/browser: server log of $name:"; grep -v ' 200 \| 303 \| 304 ' "$tmp/$name/serve.log" | tail -20
    fi
done

echo "tests/browser: screenshots in build/browser/"
echo "browser: $passed passed, $failed failed"
# no test run is no pass: a missing or misnamed test directory must not look green
if [ $((passed + failed)) = 0 ]; then
    echo "FAIL: no tests/browser/test_*.mjs was run"
    exit 1
fi
[ "$failed" = 0 ]
