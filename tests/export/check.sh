#!/bin/sh
# check.sh - export the Linzi 2022 table as DOCX and XLSX and run the
# official layout checker (../shared/tools/export-check/check_export.py) on
# them; also render the sample prose document (document.docx) for a look.
#
#   tests/export/check.sh [OUTDIR]     (default build/export)
#
# Exits 0 when every check passed. The PNGs of each page land in
# OUTDIR/render/<name>-<ext>/ — look at them. Needs the renderer packages
# (tools/deps.sh test): LibreOffice writer and calc, poppler-utils, the
# Noto CJK and AR PL fonts.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
# The repository is X/main (or a worktree beside it) and the shared tools are X/shared.
shared=$(cd "$root/.." && pwd)/shared
checker=$shared/tools/export-check
out=${1:-$root/build/export}
[ -x "$checker/check_export.py" ] || { echo "export check: $checker/check_export.py not found" >&2; exit 1; }

cd "$root"
make -s build/rel/libshishi.a
cflags=$(sed -n 's/^PKG_CFLAGS := //p' build/pkg.mk)
libs=$(sed -n 's/^PKG_LIBS := //p' build/pkg.mk)
mkdir -p "$out/files" "$out/render"
# shellcheck disable=SC2086
${CC:-cc} -std=c17 -D_GNU_SOURCE -O1 -g -Wall -Wextra -Werror -Isrc $cflags \
    -o "$out/export_demo" tests/export/export_demo.c build/rel/libshishi.a $libs -lm -lpthread
rm -f "$out/files"/*
"$out/export_demo" "$out/files"

status=0
python3 "$checker/check_export.py" --expect "$checker/linzi-2022.expected.txt" \
    --fontconf "$checker/gov-fonts.conf" --out "$out/render" \
    "$out/files/table.docx" "$out/files/table.xlsx" || status=1

# The prose document has no expectation file: convert and render it only.
doc_out=$out/render/document-docx
rm -rf "$doc_out"
mkdir -p "$doc_out"
FONTCONFIG_FILE=$checker/gov-fonts.conf soffice --headless \
    "-env:UserInstallation=file:///tmp/check_export_lo_$(id -u)" \
    --convert-to pdf --outdir "$doc_out" "$out/files/document.docx" >/dev/null 2>&1 || true
if [ -f "$doc_out/document.pdf" ]; then
    pdftoppm -png -r 80 "$doc_out/document.pdf" "$doc_out/page"
    echo "document.docx rendered: $(ls "$doc_out"/*.png | wc -l) page(s) in $doc_out"
else
    echo "document.docx: LibreOffice could not convert it" >&2
    status=1
fi
exit $status
