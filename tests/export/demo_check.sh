#!/bin/sh
# demo_check.sh - the official table as the product makes it: the demo
# database's third quarter exported with `shishi export` as DOCX and XLSX,
# then checked by ../shared/tools/export-check (package, text order,
# GB/T 9704 layout, fonts, LibreOffice rendering).
#
#   tests/export/demo_check.sh ./shishi [OUTDIR]    (default build/export/demo)
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
checker=$(cd "$root/.." && pwd)/shared/tools/export-check
out=${2:-$root/build/export/demo}
[ -x "$checker/check_export.py" ] || { echo "export check: $checker/check_export.py not found" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
"$bin" demo --db "$out/demo.db" --password demo-pass-123 >/dev/null
for f in docx xlsx; do
    "$bin" export --db "$out/demo.db" --round 2022年第三季度 --include-submitted --format "$f" \
        -o "$out/linzi-2022-q3.$f" >/dev/null
done
# one file per base name: the checker converts both into one folder each
python3 "$checker/check_export.py" --expect "$checker/linzi-2022.expected.txt" \
    --fontconf "$checker/gov-fonts.conf" --out "$out/render" \
    "$out/linzi-2022-q3.docx" "$out/linzi-2022-q3.xlsx" >"$out/check.log" 2>&1 || {
    tail -n 40 "$out/check.log" >&2
    echo "export check: FAILED (log: $out/check.log)" >&2
    exit 1
}
echo "export check: the demo's quarterly table passes ($(grep -c PASS "$out/check.log") checks; pages in $out/render)"
