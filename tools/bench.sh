#!/bin/bash
# bench.sh - measure shishi against nginx serving the same bytes; what
# `make bench` runs (after make has built the binary and tools/deps.sh has
# installed wrk and nginx). Builds nothing of shishi itself.
#
#   tools/bench.sh ./shishi
#
# In a scratch directory: a demo database and a province-scale one
# (`shishi generate`); `shishi serve --quiet` on a free port; nginx in the
# foreground on another, its config written here from tools/bench/ (pid,
# logs and temp dirs in the scratch directory). For each page: fetch the
# exact bytes shishi serves into a file nginx serves, then wrk both the
# same way (64 connections, BENCH_SECONDS each, --latency) and note
# requests/s, p50, p99, the server's CPU and its peak RSS (VmHWM).
#
# Pages: the public page /public/ (anonymous) and the programme overview /
# (a logged-in viewer) on the demo; on the province database: report
# saves (POST with CSRF, 16 reporters, each its own session and draft; the
# disk's fsync rate measured in the same run), the programme overview, the
# 报送情况 matrix /round/{id}/status and the dashboard when those routes
# exist; then the DOCX/XLSX export bench when tests/bench/ has it.
#
# Prints a table and writes it to docs/PERFORMANCE.md between the
# "bench:begin"/"bench:end" markers. Slowness never fails the run; a
# request that errors (non-2xx/3xx, or a socket error, as wrk counts them)
# makes it exit 1, and then the document is left alone.
#
# Settings (environment): BENCH_SECONDS (10), BENCH_CONNECTIONS (64),
# BENCH_THREADS (wrk threads: the number of cores), BENCH_POST_CLIENTS (16),
# BENCH_PROVINCE (generate options: "--programmes 100 --projects 10 --units
# 20 --rounds 4"), BENCH_OUT (docs/PERFORMANCE.md; "-" for none),
# BENCH_KEEP=1 keeps the scratch directory.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: tools/bench.sh ./shishi" >&2
    exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-64}
NCPU=$(nproc)
THREADS=${BENCH_THREADS:-$NCPU}
POST_CLIENTS=${BENCH_POST_CLIENTS:-16}
PROVINCE=${BENCH_PROVINCE:---programmes 100 --projects 10 --units 20 --rounds 4}
OUT=${BENCH_OUT:-$ROOT/docs/PERFORMANCE.md}
PASS=bench-password
TICKS=$(getconf CLK_TCK)

for tool in wrk nginx curl cc; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing (tools/deps.sh bench)" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "bench: $BIN is not an executable (run make first)" >&2; exit 1; }

S=$(mktemp -d "${TMPDIR:-/tmp}/shishi-bench.XXXXXX")
SHISHI_PID=
NGINX_PID=
cleanup() {
    if [ -n "$SHISHI_PID" ]; then kill "$SHISHI_PID" 2>/dev/null || true; wait "$SHISHI_PID" 2>/dev/null || true; fi
    if [ -n "$NGINX_PID" ]; then kill -QUIT "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; fi
    if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "bench: scratch kept in $S" >&2; else rm -rf "$S"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

ERRORS=0
ROWS=$S/rows.tsv          # one line per measured page
NOTES=$S/notes.txt        # skipped pages, fsync, exports
: >"$ROWS"
: >"$NOTES"

# ---- servers ---------------------------------------------------------------

# start_shishi DB NAME: serve DB on a free port; sets SHISHI_PID and URL.
start_shishi() {
    "$BIN" serve --db "$1" --listen 127.0.0.1:0 --quiet --files "$S/files-$2" 2>"$S/serve-$2.log" &
    SHISHI_PID=$!
    local port='' _
    for _ in $(seq 100); do
        port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "$S/serve-$2.log" | head -1)
        [ -n "$port" ] && break
        kill -0 "$SHISHI_PID" 2>/dev/null || break
        sleep 0.1
    done
    [ -n "$port" ] || { cat "$S/serve-$2.log" >&2; die "shishi serve did not start"; }
    URL=http://127.0.0.1:$port
}

# alive: fail plainly when the server is gone (its log says why: a signal
# from outside, or a crash)
alive() {
    kill -0 "$SHISHI_PID" 2>/dev/null && return 0
    tail -3 "$S"/serve-*.log >&2 || true
    die "shishi serve (pid $SHISHI_PID) exited during the run"
}

stop_shishi() {
    kill -TERM "$SHISHI_PID"
    wait "$SHISHI_PID" || true
    SHISHI_PID=
}

port_free() {
    if command -v ss >/dev/null 2>&1; then
        if ss -ltnH "sport = :$1" | grep -q .; then return 1; fi
    elif (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
        return 1
    fi
    return 0
}

# nginx in the foreground with its config, pid, log and temp dirs under $S/nginx.
start_nginx() {
    local dir=$S/nginx temp='' p
    mkdir -p "$dir" "$S/www"
    # workers drop to an unprivileged user when run as root: let them in
    chmod 711 "$S"
    chmod 755 "$S/www"
    for p in client_body proxy fastcgi uwsgi scgi; do
        if nginx -V 2>&1 | grep -q -- "--http-$(echo $p | tr _ -)-temp-path"; then
            mkdir -p "$dir/$p"
            temp="$temp    ${p}_temp_path $dir/$p;\n"
        fi
    done
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        port_free "$p" || continue
        sed -e "s|@WORKERS@|$NCPU|" -e "s|@DIR@|$dir|g" -e "s|@ROOT@|$S/www|" -e "s|@PORT@|$p|" \
            -e "s|@TEMP_PATHS@|$temp|" "$ROOT/tools/bench/nginx.conf.in" >"$dir/nginx.conf"
        nginx -p "$dir/" -c "$dir/nginx.conf" -e "$dir/error.log" &
        NGINX_PID=$!
        echo ok >"$S/www/ping.html"
        for _ in $(seq 50); do
            if curl -sf -o /dev/null "http://127.0.0.1:$p/ping.html"; then
                NGINX_URL=http://127.0.0.1:$p
                return 0
            fi
            kill -0 "$NGINX_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -QUIT "$NGINX_PID" 2>/dev/null || true
        wait "$NGINX_PID" 2>/dev/null || true
        NGINX_PID=
    done
    cat "$dir/error.log" >&2 || true
    die "nginx did not start"
}

# ---- sessions ----------------------------------------------------------------

# login LOGIN: prints the session cookie's value (sid) of a fresh session on URL.
login() {
    local jar csrf code
    alive
    jar=$(mktemp "$S/jar.XXXXXX")
    csrf=$(curl -sf -c "$jar" -b "$jar" "$URL/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
    [ -n "$csrf" ] || die "login $1: no CSRF token on /login"
    code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "login=$1" \
        --data-urlencode "password=$PASS" --data-urlencode "csrf=$csrf" "$URL/login")
    [ "$code" = 303 ] || die "login $1: HTTP $code"
    awk '$6 == "sid" { print $7 }' "$jar"
}

# ---- measuring -----------------------------------------------------------------

# cpu_ticks PID: user + system time of a process, in clock ticks.
cpu_ticks() {
    awk '{ print $14 + $15 }' "/proc/$1/stat"
}

hwm_mb() {
    awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# parse_wrk FILE: "rps p50_ms p99_ms errors requests" from wrk's report.
parse_wrk() {
    awk '
    function ms(v) {
        if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
        if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
        if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
        return v + 0
    }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { err += $NF }
    /Socket errors:/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
    / requests in / { n = $1 }
    END { printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, err, n }' "$1"
}

# run_wrk NAME URL [wrk options...]: runs wrk and sets RPS P50 P99 ERR N from its
# report (left in $S/wrk-NAME.txt). A request that errored counts toward ERRORS.
run_wrk() {
    local name=$1 url=$2
    shift 2
    wrk "$@" -d "${SECS}s" --latency "$url" >"$S/wrk-$name.txt" 2>&1 || {
        cat "$S/wrk-$name.txt" >&2
        die "wrk failed ($name)"
    }
    read -r RPS P50 P99 ERR N <<<"$(parse_wrk "$S/wrk-$name.txt")"
    ERRORS=$((ERRORS + ERR))
    [ "$ERR" = 0 ] || say "$name: $ERR requests failed (see $S/wrk-$name.txt)"
}

# cores PID TICKS_BEFORE: CPU the process used during the last run, in cores;
# us_per PID TICKS_BEFORE REQUESTS: the same in microseconds per request.
cores() {
    awk -v d=$(($(cpu_ticks "$1") - $2)) -v hz="$TICKS" -v s="$SECS" 'BEGIN { printf "%.2f", d / hz / s }'
}
us_per() {
    awk -v d=$(($(cpu_ticks "$1") - $2)) -v hz="$TICKS" -v n="$3" 'BEGIN { printf "%.0f", n ? d / hz * 1e6 / n : 0 }'
}

# row PAGE DB RPS P50 P99 NGINX_RPS NGINX_P50 NGINX_P99 CPU US_PER_REQUEST RSS TARGET
row() {
    local IFS=$'\t'
    echo "$*" >>"$ROWS"
}

# measure PAGE DBNAME PATH SID TARGET: the page on shishi and the same bytes on
# nginx. TARGET: comma-separated ratio=R (of nginx's req/s), p99=MS, rss=MB;
# or "none".
measure() {
    local page=$1 db=$2 path=$3 sid=$4 target=$5 file code hdr=()
    alive
    file=$db-$(echo "$path" | tr -c 'a-zA-Z0-9\n' '-').html
    [ -n "$sid" ] && hdr=(-H "Cookie: sid=$sid")
    code=$(curl -s -o "$S/www/$file" -w '%{http_code}' "${hdr[@]}" "$URL$path")
    if [ "$code" != 200 ]; then
        say "$page: $path answered HTTP $code; skipped"
        echo "- $page ($path): skipped, HTTP $code" >>"$NOTES"
        return 0
    fi
    chmod 644 "$S/www/$file"
    say "$page on $db: $path, $(wc -c <"$S/www/$file") bytes, on shishi"
    local t0 s_rps s_p50 s_p99 cpu us rss
    t0=$(cpu_ticks "$SHISHI_PID")
    run_wrk "shishi-$file" "$URL$path" -t "$THREADS" -c "$CONNS" "${hdr[@]}"
    alive
    cpu=$(cores "$SHISHI_PID" "$t0")
    us=$(us_per "$SHISHI_PID" "$t0" "$N")
    rss=$(hwm_mb "$SHISHI_PID")
    s_rps=$RPS s_p50=$P50 s_p99=$P99
    say "$page on $db: the same bytes on nginx"
    run_wrk "nginx-$file" "$NGINX_URL/$file" -t "$THREADS" -c "$CONNS"
    row "$page" "$db" "$s_rps" "$s_p50" "$s_p99" "$RPS" "$P50" "$P99" "$cpu" "$us" "$rss" "$target"
}

# fsync_rate: "fsync_4k_per_s N" and "sqlite_commits_per_s N" for the scratch disk.
fsync_rate() {
    "$S/fsync_rate" "$S" 2
}

# measure_posts DBNAME: report saves by POST_CLIENTS reporters, each on its own draft.
measure_posts() {
    local db=$1 targets=$S/post-targets.txt n=0 login path sid page csrf version fields pids='' p
    : >"$targets"
    # the reporters log in all at once, as at the start of a working day:
    # each login hashes with argon2id (19 MiB), one per worker thread at a time
    head -n "$POST_CLIENTS" "$S/drafts.txt" >"$S/clients.txt"
    while read -r login path; do
        (login "$login" >"$S/sid-$login") &
        pids="$pids $!"
    done <"$S/clients.txt"
    for p in $pids; do wait "$p" || die "a reporter could not log in"; done
    LOGIN_HWM=$(hwm_mb "$SHISHI_PID")
    echo "- peak RSS of the server after $(wc -l <"$S/clients.txt") reporters logged in at once: $LOGIN_HWM MB" >>"$NOTES"
    while read -r login path; do
        sid=$(cat "$S/sid-$login")
        [ -n "$sid" ] || die "$login: no session"
        page=$(curl -sf -H "Cookie: sid=$sid" "$URL$path") || die "$login: cannot open $path"
        csrf=$(printf '%s' "$page" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
        version=$(printf '%s' "$page" | sed -n 's/.*name="version" value="\([0-9]*\)".*/\1/p' | head -1)
        fields=$(printf '%s' "$page" | grep -o 'name="value_[0-9]*" value="[^"]*"' |
            sed 's/name="\([^"]*\)" value="\([^"]*\)"/\1=\2/' | paste -sd '&' -)
        if [ -z "$csrf" ] || [ -z "$version" ]; then die "$login: $path is not an editable draft"; fi
        echo "$path $sid $csrf $version ${fields:--}" >>"$targets"
        n=$((n + 1))
    done <"$S/clients.txt"
    [ "$n" -gt 0 ] || die "no drafts to post to"
    local before after t0 cpu us rss f1 f2 c1 c2
    before=$(fsync_rate | tr '\n' ' ')
    say "report saves on $db: $n reporters, one session and one draft each"
    export BENCH_POST_TARGETS=$targets
    t0=$(cpu_ticks "$SHISHI_PID")
    run_wrk post "$URL" -t "$n" -c "$n" -s "$ROOT/tools/bench/post_report.lua"
    alive
    cpu=$(cores "$SHISHI_PID" "$t0")
    us=$(us_per "$SHISHI_PID" "$t0" "$N")
    rss=$(hwm_mb "$SHISHI_PID")
    after=$(fsync_rate | tr '\n' ' ')
    read -r _ f1 _ c1 <<<"$before"
    read -r _ f2 _ c2 <<<"$after"
    COMMITS=$(((c1 + c2) / 2))
    echo "- the disk (scratch directory), just before and after the report saves: fsync'd 4 KiB writes/s $f1 and $f2; SQLite one-row commits/s (WAL, synchronous=FULL) $c1 and $c2" >>"$NOTES"
    awk -v rps="$RPS" -v us="$us" -v ncpu="$NCPU" -v commits="$COMMITS" -v cpu="$cpu" 'BEGIN {
        cap = us > 0 ? ncpu * 1e6 / us : 0
        printf "- report saves: %.0f/s; the server used %.2f of %d cores (sharing them with wrk), %.0f us of CPU per save, so %d cores allow about %.0f/s; the disk took %.0f commits/s: ", rps, cpu, ncpu, us, ncpu, cap, commits
        if (rps >= 0.8 * commits) print "the saves were limited by fsync."
        else if (cap < commits) print "the saves were limited by the server (its CPU per save), not by fsync; on a disk slower than about " sprintf("%.0f", cap) " commits/s they would be."
        else print "neither the disk nor the server'"'"'s CPU was the limit: the server was waiting (for its write lock)."
    }' >>"$NOTES"
    row "report save (POST, $n clients)" "$db" "$RPS" "$P50" "$P99" - - - "$cpu" "$us" "$rss" fsync
}

# route_exists METHOD PATTERN
route_exists() {
    "$BIN" routes | awk -F'\t' -v m="$1" -v p="$2" '$1 == m && $2 == p { found = 1 } END { exit !found }'
}

# ---- the run ---------------------------------------------------------------------

# shellcheck disable=SC2046 # pkg-config's flags are words
cc -std=c17 -D_GNU_SOURCE -O2 -Wall -Wextra -o "$S/fsync_rate" "$ROOT/tools/bench/fsync_rate.c" $(pkg-config --cflags --libs sqlite3 2>/dev/null || echo -lsqlite3)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

say "demo database"
"$BIN" demo --db "$S/demo.db" --password "$PASS" >/dev/null
say "province database: shishi generate $PROVINCE"
# shellcheck disable=SC2086
"$BIN" generate --db "$S/province.db" --password "$PASS" $PROVINCE >"$S/generate.txt"
GEN_SUMMARY=$(sed -n '1,4p' "$S/generate.txt")
awk '$5 ~ /^\/report\// { print $1, $5 }' "$S/generate.txt" >"$S/drafts.txt"
ROUND_ID=$(head -1 "$S/drafts.txt" | sed 's|.* /report/\([0-9]*\)/.*|\1|')

start_nginx

# issue 3: the public page and the logged-in overview, on the demo
start_shishi "$S/demo.db" demo
measure "public page /public/" demo /public/ "" ratio=1.0,p99=10,rss=50
VIEWER=$(login viewer)
measure "overview / (viewer)" demo / "$VIEWER" ratio=0.5,p99=10,rss=50
stop_shishi

# issues 4 and 7: the province database
start_shishi "$S/province.db" province
measure_posts province
VIEWER=$(login viewer)
ADMIN=$(login admin)
measure "overview / (viewer)" province / "$VIEWER" none
if route_exists GET "/round/{id}/status"; then
    measure "报送情况 matrix /round/$ROUND_ID/status" province "/round/$ROUND_ID/status" "$VIEWER" p99=50
else
    echo "- 报送情况 matrix: skipped, no route /round/{id}/status in this build" >>"$NOTES"
fi
DASH=$("$BIN" routes | awk -F'\t' '$1 == "GET" && ($2 ~ /dashboard/ || $5 ~ /工作调度/) { print $2; exit }')
if [ -n "$DASH" ]; then
    case "$DASH" in /round/*) id=$ROUND_ID ;; *) id=1 ;; esac
    path=${DASH//\{id\}/$id}
    who=$VIEWER
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: sid=$who" "$URL$path")" = 200 ] || who=$ADMIN
    measure "dashboard $path" province "$path" "$who" p99=50
else
    echo "- dashboard: skipped, no dashboard route in this build (issue 7)" >>"$NOTES"
fi
stop_shishi

# the exporters (issue: DOCX/XLSX), when the bench exists in this tree
EXPORTS=$S/exports.txt
: >"$EXPORTS"
if [ -f "$ROOT/tests/bench/bench_export.c" ]; then
    say "export bench: tests/bench/bench_export.c, 1000 rows"
    if [ -x "$ROOT/tests/bench/run.sh" ]; then
        "$ROOT/tests/bench/run.sh" 1000 >"$S/export.txt" 2>&1 || { cat "$S/export.txt" >&2; die "export bench failed"; }
    else
        cflags=$(sed -n 's/^PKG_CFLAGS := //p' "$ROOT/build/pkg.mk")
        libs=$(sed -n 's/^PKG_LIBS := //p' "$ROOT/build/pkg.mk")
        # shellcheck disable=SC2086
        # shellcheck disable=SC2046 # pkg-config's flags are words
cc -std=c17 -D_GNU_SOURCE -O2 -I"$ROOT/src" $cflags -o "$S/bench_export" \
            "$ROOT/tests/bench/bench_export.c" "$ROOT/build/rel/libshishi.a" $libs -lm -lpthread
        "$S/bench_export" 1000 >"$S/export.txt" 2>&1 || { cat "$S/export.txt" >&2; die "export bench failed"; }
    fi
    # "docx  export  1000 rows:   0.123 s    1.23 MB file  peak RSS   12.3 MB (...)"
    awk '$2 == "export" || $2 == "read" {
        for (i = 1; i <= NF; i++) { if ($i == "s" && !secs) secs = $(i - 1); if ($i == "RSS") rss = $(i + 1) }
        print $1 "\t" $2 "\t" $3 "\t" secs "\t" rss; secs = ""; rss = "" }' "$S/export.txt" >"$EXPORTS"
else
    echo "- DOCX/XLSX export: skipped, tests/bench/bench_export.c is not in this tree" >>"$NOTES"
fi

# the notice importer on the seed notice (issue 6: under 5 ms)
IMPORT=$S/import.txt
: >"$IMPORT"
if [ -f "$ROOT/tests/bench/bench_import.c" ]; then
    say "import bench: tests/bench/bench_import.c on the seed notice"
    cflags=$(sed -n 's/^PKG_CFLAGS := //p' "$ROOT/build/pkg.mk")
    libs=$(sed -n 's/^PKG_LIBS := //p' "$ROOT/build/pkg.mk")
    # shellcheck disable=SC2086
    cc -std=c17 -D_GNU_SOURCE -O2 -I"$ROOT/src" $cflags -o "$S/bench_import" \
        "$ROOT/tests/bench/bench_import.c" "$ROOT/build/rel/libshishi.a" $libs -lm -lpthread
    (cd "$ROOT" && "$S/bench_import" tests/data/linzi-2022-notice.txt 1000) >"$IMPORT" 2>&1 ||
        { cat "$IMPORT" >&2; die "import bench failed"; }
fi

# ---- the report ------------------------------------------------------------------

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
# target_text SPEC: the target as people read it.
target_text() {
    case "$1" in
    none) echo "—" ;;
    fsync) echo "limited by fsync: ≥ 0.8 × SQLite commits/s (${COMMITS:-?}/s)" ;;
    *) echo "$1" | tr ',' '\n' | awk -F= '
        $1 == "ratio" { t = t sep "≥ " $2 " × nginx" }
        $1 == "p99" { t = t sep "p99 < " $2 " ms" }
        $1 == "rss" { t = t sep "RSS < " $2 " MB" }
        { sep = ", " } END { print t }' ;;
    esac
}

# met SPEC RPS P99 NGINX_RPS RSS: yes or no (— without a target).
met() {
    awk -v spec="$1" -v rps="$2" -v p99="$3" -v nrps="$4" -v rss="$5" -v commits="${COMMITS:-0}" 'BEGIN {
        if (spec == "none") { print "—"; exit }
        if (spec == "fsync") { print (commits > 0 && rps >= 0.8 * commits) ? "yes" : "no"; exit }
        ok = 1
        n = split(spec, parts, ",")
        for (i = 1; i <= n; i++) {
            split(parts[i], kv, "=")
            if (kv[1] == "ratio" && (nrps == "-" || rps < kv[2] * nrps)) ok = 0
            if (kv[1] == "p99" && p99 >= kv[2] + 0) ok = 0
            if (kv[1] == "rss" && rss >= kv[2] + 0) ok = 0
        }
        print ok ? "yes" : "no" }'
}

table() {
    echo "| page | db | shishi req/s | p50 ms | p99 ms | nginx req/s | nginx p99 ms | shishi/nginx | shishi CPU: cores, µs/request | peak RSS MB | target | met |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|"
    local page db rps p50 p99 nrps np99 cpu us rss spec ratio
    while IFS=$'\t' read -r page db rps p50 p99 nrps _ np99 cpu us rss spec; do
        ratio=—
        [ "$nrps" != - ] && ratio=$(awk -v a="$rps" -v b="$nrps" 'BEGIN { printf "%.2f", b ? a / b : 0 }')
        echo "| $page | $db | $rps | $p50 | $p99 | $nrps | $np99 | $ratio | $cpu, $us | $rss | $(target_text "$spec") | $(met "$spec" "$rps" "$p99" "$nrps" "$rss") |"
    done <"$ROWS"
    if [ -s "$EXPORTS" ]; then
        echo
        echo "| export (tests/bench/bench_export.c) | seconds | peak RSS MB | target | met |"
        echo "|---|--:|--:|---|---|"
        local fmt what rows secs target ok
        while IFS=$'\t' read -r fmt what rows secs rss; do
            target=— ok=—
            if [ "$what" = export ] && { [ "$fmt" = docx ] || [ "$fmt" = xlsx ]; }; then
                target="< 0.5 s, < 100 MB"
                ok=$(awk -v s="$secs" -v m="$rss" 'BEGIN { print (s < 0.5 && m < 100) ? "yes" : "no" }')
            fi
            echo "| $fmt $what, $rows rows | $secs | $rss | $target | $ok |"
        done <"$EXPORTS"
    fi
    if [ -s "$IMPORT" ]; then
        # "notice import: FILE (N bytes, 10 projects), 1000 runs: median 0.630 ms, p90 ..."
        local median
        median=$(sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' "$IMPORT")
        echo
        echo "| notice import (tests/bench/bench_import.c) | median ms | target | met |"
        echo "|---|--:|---|---|"
        echo "| the seed notice, 1000 runs | $median | < 5 ms | $(awk -v m="$median" 'BEGIN { print (m < 5) ? "yes" : "no" }') |"
    fi
}

report() {
    local cpu kernel
    cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
    kernel=$(uname -sr)
    echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') by \`make bench\` (tools/bench.sh) at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')."
    echo
    echo "- machine: $NCPU cores ($cpu), $kernel; load average $LOAD_BEFORE before, $LOAD_AFTER after"
    echo "- versions: libmicrohttpd $(pkg-config --modversion libmicrohttpd 2>/dev/null || echo '?'), SQLite $(pkg-config --modversion sqlite3 2>/dev/null || echo '?'), $(nginx -v 2>&1 | sed 's/^nginx version: //'), $(wrk --version 2>&1 | head -1 | awk '{ print $1, $2 }')"
    echo "- wrk: $CONNS connections, $THREADS threads, ${SECS} s per measurement (report saves: one thread and one connection per client); nginx: $NCPU workers, static files, access_log off, sendfile, keep-alive"
    echo "- province database: \`shishi generate $PROVINCE\`:"
    echo "$GEN_SUMMARY" | sed 's/^ *created [^ ]* /created /; s/^ */  - /'
    echo
    table
    echo
    cat "$NOTES"
}

report >"$S/report.md"
echo
cat "$S/report.md"
if [ "$ERRORS" -gt 0 ]; then
    say "$ERRORS requests failed: the figures are not written to the document"
    exit 1
fi
if [ "$OUT" != - ]; then
    begin='<!-- bench:begin (generated by tools/bench.sh; edit outside the markers) -->'
    end='<!-- bench:end -->'
    if [ ! -f "$OUT" ] || ! grep -q '^<!-- bench:begin' "$OUT"; then
        { [ -f "$OUT" ] && cat "$OUT"; echo; echo "$begin"; echo "$end"; } >"$S/doc.md"
        cp "$S/doc.md" "$OUT"
    fi
    awk -v f="$S/report.md" -v b="$begin" '
        /^<!-- bench:begin/ { print b; while ((getline l < f) > 0) print l; skip = 1; next }
        /^<!-- bench:end/ { skip = 0 }
        !skip { print }' "$OUT" >"$S/doc.md"
    cp "$S/doc.md" "$OUT"
    say "wrote the figures to $OUT"
fi
