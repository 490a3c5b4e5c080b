#!/usr/bin/env bash
# Render the README screenshots from the bundled demo (fixtures/county):
#   docs/img/report-2025-10.png     the HTML report of 2025-10 (headless Chromium)
#   docs/img/circular-2025-11.png   page 1 of the 2025-11 circular (.docx → LibreOffice PDF → PNG)
#
# Needs: chromium (apt-get install -y chromium), LibreOffice (soffice), poppler-utils (pdftoppm),
# fonts-noto-cjk. The office font names in the .docx (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312)
# only exist on Linux through src/gxaudit/data/fontconfig.xml, passed as FONTCONFIG_FILE;
# without it LibreOffice falls back glyph by glyph (tofu boxes or Japanese glyph forms).
#
# Usage: scripts/render_screenshots.sh   (from anywhere; writes into the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gxaudit-shots.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
IMG=docs/img
mkdir -p "$IMG"

for tool in chromium soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "缺少 $tool：请先安装（见本脚本开头的说明）" >&2; exit 2; }
done

# 1. Score both demo periods into a scratch history, then draft the circular.
for period in 2025-10 2025-11; do
  "$BIN/gxaudit" score "fixtures/county/$period" --period "$period" --history "$WORK/history.sqlite" \
    --out "$WORK/$period" --format json,xlsx,html --no-cache >/dev/null || [ $? -eq 3 ]
done
"$BIN/gxaudit" circular --period 2025-11 --history "$WORK/history.sqlite" --out "$WORK/2025-11" \
  --format docx,md --template fixtures/county/circular.toml >/dev/null

# 2. The HTML report, as a reader's browser shows it (own profile, no network, no sync).
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
  --user-data-dir="$WORK/chromium" --window-size=1100,2600 \
  --screenshot="$IMG/report-2025-10.png" "file://$WORK/2025-10/report.html" 2>/dev/null
test -s "$IMG/report-2025-10.png"

# 3. Page 1 of the circular: Word → PDF with the font aliases, then PNG at 80 dpi.
FONTCONFIG_FILE="$PWD/src/gxaudit/data/fontconfig.xml" soffice -env:UserInstallation="file://$WORK/lo" \
  --headless --convert-to pdf --outdir "$WORK/pdf" "$WORK/2025-11/通报-2025-11.docx" >/dev/null 2>&1
test -s "$WORK/pdf/通报-2025-11.pdf" || { echo "LibreOffice 未生成 PDF" >&2; exit 1; }
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$WORK/pdf/通报-2025-11.pdf" "$IMG/circular-2025-11"
pdftoppm -png -r 80 -f 3 -l 3 -singlefile "$WORK/pdf/通报-2025-11.pdf" "$IMG/circular-2025-11-p3"
echo "已写出 $IMG/report-2025-10.png $IMG/circular-2025-11.png $IMG/circular-2025-11-p3.png"
