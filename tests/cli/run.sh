#!/bin/sh
# run.sh - the command contract of DESIGN.md, driven through the real binary:
# exit codes (0 ok, 1 failure with one line on stderr, 2 usage), messages
# that name the file, nothing written on failure, and the demo equal to the
# seed programme field by field.
#
#   tests/cli/run.sh ./shishi
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
unset SHISHI_DB
fails=0
n=0
skips=0

# expect CODE DESCRIPTION -- COMMAND...: runs COMMAND, checks its exit code;
# stdout in $tmp/out, stderr in $tmp/err.
expect() {
    code=$1; what=$2; shift 3
    n=$((n + 1))
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" != "$code" ]; then
        echo "FAIL: $what: exit $got, want $code"; sed 's/^/    /' "$tmp/err" | head -5
        fails=$((fails + 1))
    fi
}
# contains FILE TEXT DESCRIPTION
contains() {
    n=$((n + 1))
    if ! grep -qF -- "$2" "$tmp/$1"; then
        echo "FAIL: $3: $1 lacks '$2'"; sed 's/^/    /' "$tmp/$1" | head -5
        fails=$((fails + 1))
    fi
}
one_line() {
    n=$((n + 1))
    lines=$(wc -l <"$tmp/err")
    if [ "$lines" != 1 ]; then echo "FAIL: $1: stderr has $lines lines, want 1"; fails=$((fails + 1)); fi
}

# ---- usage errors: exit 2 -----------------------------------------------------
expect 2 "no command" -- "$bin"
expect 2 "unknown command" -- "$bin" frobnicate
contains err "unknown command" "unknown command message"
expect 2 "unknown subcommand" -- "$bin" program frob
expect 2 "unknown flag" -- "$bin" program list --bogus
contains err "usage: shishi program list" "usage shown for unknown flag"
expect 2 "missing flag value" -- "$bin" program list --db
expect 2 "too many arguments" -- "$bin" program show 1 2
expect 2 "user add without role" -- "$bin" user add someone
expect 2 "reporter without unit" -- "$bin" user add someone --role reporter
expect 2 "backup without file" -- "$bin" backup
expect 0 "help" -- "$bin" --help
contains out "program show" "help lists commands"
expect 0 "command help" -- "$bin" program show --help

# ---- missing, unreadable, corrupt database: exit 1, one line, file named ------
expect 1 "missing database" -- "$bin" program list --db nothere.db
one_line "missing database"
contains err "nothere.db" "missing database named"
[ ! -e nothere.db ] || { echo "FAIL: missing database was created"; fails=$((fails + 1)); }
SHISHI_DB=viaenv.db expect 1 "SHISHI_DB is used" -- "$bin" program list
contains err "viaenv.db" "SHISHI_DB named"
expect 1 "default ./shishi.db" -- "$bin" program list
contains err "shishi.db" "default database named"

head -c 8192 /dev/urandom >corrupt.db
sum_before=$(cksum <corrupt.db)
expect 1 "corrupt database" -- "$bin" program show --db corrupt.db
one_line "corrupt database"
contains err "corrupt.db" "corrupt database named"
[ "$(cksum <corrupt.db)" = "$sum_before" ] || { echo "FAIL: corrupt database was written"; fails=$((fails + 1)); }

sqlite3 foreign.db "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
expect 1 "foreign SQLite file" -- "$bin" program list --db foreign.db
contains err "not one of shishi's" "foreign file explained"

# chmod 000 stops everyone but root, so as root the command runs as nobody
# (once nobody is shown to reach the directory and the binary, so that only
# the file's mode can stop it)
"$bin" init --db locked.db >/dev/null && chmod 000 locked.db
as_user=
if [ "$(id -u)" = 0 ]; then
    as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
    chmod 755 "$tmp"
    : >probe && chmod 644 probe
    $as_user sh -c 'test -r "$1" && test -x "$2"' - "$tmp/probe" "$bin" 2>/dev/null || as_user=none
fi
if [ "$as_user" = none ]; then
    echo "SKIP: unreadable database: running as root and cannot run $bin as nobody (setpriv)"
    skips=$((skips + 1))
else
    expect 1 "unreadable database" -- $as_user "$bin" program list --db locked.db
    one_line "unreadable database"
    contains err "locked.db" "unreadable database named"
    contains err "cannot read" "unreadable database explained"
fi
mkdir dir.db
expect 1 "a directory as the database" -- "$bin" program list --db dir.db
one_line "a directory as the database"
contains err "dir.db is not a regular file" "directory refused"

# ---- init, demo, newer schema ------------------------------------------------------
expect 0 "init" -- "$bin" init --db empty.db
expect 1 "init over an existing file" -- "$bin" init --db empty.db
contains err "already exists" "init refuses to overwrite"
expect 0 "list an empty database" -- "$bin" program list --db empty.db
expect 1 "show in an empty database" -- "$bin" program show --db empty.db

expect 0 "demo" -- "$bin" demo --db demo.db --password demo-pass
contains out "unit01" "demo prints accounts"
contains out "区教体局" "unit01 is 区教体局"
contains out "unit15" "fifteen units"
expect 1 "demo over an existing file" -- "$bin" demo --db demo.db
expect 0 "demo with random passwords" -- "$bin" demo --db demo2.db
contains out "只显示这一次" "random passwords announced once"

sqlite3 empty.db "PRAGMA user_version = 99"
sum_before=$(cksum <empty.db)
expect 1 "newer schema" -- "$bin" program list --db empty.db
contains err "newer shishi" "newer schema explained"
one_line "newer schema"
[ "$(cksum <empty.db)" = "$sum_before" ] || { echo "FAIL: newer database was written"; fails=$((fails + 1)); }

# ---- program list and show ----------------------------------------------------------
expect 0 "program list" -- "$bin" program list --db demo.db
contains out "2022年为全区妇女儿童办实事" "list shows the title"
expect 0 "program show" -- "$bin" program show --db demo.db
contains out "实施困境儿童救助项目" "show has report titles"
contains out "≥21094名" "show has targets"
contains out "2022年第三季度" "show has rounds"
expect 1 "program show of a missing id" -- "$bin" program show 99 --db demo.db
expect 1 "program show of a bad id" -- "$bin" program show abc --db demo.db
SHISHI_DB=demo.db expect 0 "program show --json" -- "$bin" program show 1 --json
cp "$tmp/out" show.json
n=$((n + 1))
# against the seed in the repository, which must be there, and the shared
# expected answer where a copy of shared/ lies beside the repository
python3 - "$tmp/show.json" "$root/data/demo/linzi-2022.json" "$root/../shared/seed/linzi-2022-expected.json" <<'PY' || fails=$((fails + 1))
import json, os, sys
got = json.load(open(sys.argv[1]))
def diff(g, w, path, out):
    if isinstance(w, dict) and isinstance(g, dict):
        for k in w: diff(g.get(k, "<missing>"), w[k], f"{path}.{k}" if path else k, out)
        for k in g:
            if k not in w: out.append(f"{path}.{k}: unexpected {g[k]!r}")
    elif isinstance(w, list) and isinstance(g, list):
        for i in range(max(len(g), len(w))):
            diff(g[i] if i < len(g) else "<missing>", w[i] if i < len(w) else "<missing>", f"{path}[{i}]", out)
    elif g != w or type(g) != type(w):
        out.append(f"{path}: got {g!r}, want {w!r}")
for i, want_path in enumerate(sys.argv[2:]):
    if not os.path.exists(want_path):
        if i == 0:
            print("FAIL: program show --json: no reference", want_path)
            sys.exit(1)
        print("SKIP: program show --json not compared with", want_path, "(absent)")
        continue
    out = []
    diff(got, json.load(open(want_path)), "", out)
    if out:
        print("FAIL: program show --json differs from", want_path)
        for line in out: print("   ", line)
        sys.exit(1)
PY

# ---- accounts, audit, backup ---------------------------------------------------------
expect 0 "user add" -- "$bin" user add leader2 --role viewer --db demo.db
contains out "one-time password" "user add prints the password"
expect 1 "user add twice" -- "$bin" user add leader2 --role viewer --db demo.db
expect 1 "reporter of an unknown unit" -- "$bin" user add r9 --role reporter --unit 不存在 --db demo.db
expect 0 "reporter of a unit" -- "$bin" user add r9 --role reporter --unit 区妇联 --db demo.db
expect 0 "audit verify" -- "$bin" audit verify --db demo.db
contains out "intact" "audit intact"

expect 0 "backup" -- "$bin" backup copy.db --db demo.db
n=$((n + 1))
[ "$(sqlite3 copy.db 'PRAGMA integrity_check')" = ok ] || { echo "FAIL: backup copy not ok"; fails=$((fails + 1)); }
expect 0 "backup copy opens" -- "$bin" program list --db copy.db
expect 1 "backup over an existing file" -- "$bin" backup copy.db --db demo.db

sqlite3 demo.db "DROP TRIGGER audit_no_update; UPDATE audit SET after = '{}' WHERE id = 3;"
expect 1 "audit verify finds tampering" -- "$bin" audit verify --db demo.db
contains err "row 3" "tampered row named"

# ---- import-notice ----------------------------------------------------------------
notices=$root/tests/data/notices
expect 2 "import-notice without a file" -- "$bin" import-notice
expect 2 "import-notice with two files" -- "$bin" import-notice a.txt b.txt
expect 1 "import-notice of a missing file" -- "$bin" import-notice missing.txt
one_line "missing notice"
contains err "missing.txt" "missing notice named"
printf '各单位：\n请做好防汛工作。\n' > flood.txt
expect 1 "import-notice without numbered items" -- "$bin" import-notice flood.txt
contains err "未找到编号的实事项目" "no items message"
one_line "no items"
expect 0 "import-notice of the seed" -- "$bin" import-notice "$root/tests/data/linzi-2022-notice.txt"
contains out "26项指标" "seed summary counts the targets"
contains out "需核对" "seed summary lists what to check"
expect 0 "import-notice --json of a GB18030 notice" -- "$bin" import-notice "$notices/dongping-2021-gb18030.txt" --json
n=$((n + 1))
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"] == "shishi-program/1" and len(d["projects"]) == 5 and d["review"]' "$tmp/out" ||
    { echo "FAIL: import-notice --json is not a draft with review notes"; fails=$((fails + 1)); }
expect 0 "init for import" -- "$bin" init --db imported.db
printf '一、建设社区食堂。\n二、改造老旧小区。\n' > bare.txt
expect 1 "import-notice --commit of an incomplete draft" -- "$bin" import-notice bare.txt --commit --db imported.db
contains err "未保存" "incomplete draft not stored"
n=$((n + 1))
[ "$(sqlite3 imported.db 'SELECT count(*) FROM programme')" = 0 ] || { echo "FAIL: incomplete draft stored"; fails=$((fails + 1)); }
expect 0 "import-notice --commit" -- "$bin" import-notice "$root/tests/data/linzi-2022-notice.txt" --commit --db imported.db
contains out "已保存为实事计划" "commit reported"
expect 0 "imported programme listed" -- "$bin" program list --db imported.db
contains out "2022年为全区妇女儿童办实事" "imported programme in the list"

if [ "$fails" -gt 0 ]; then
    echo "tests/cli: $fails of $n checks FAILED"
    exit 1
fi
if [ "$skips" -gt 0 ]; then echo "tests/cli: $n checks passed, $skips SKIPPED"; else echo "tests/cli: $n checks passed"; fi
