#!/usr/bin/env bash
# Runs the whole test suite; installs what it needs first (pip packages, and
# Debian's Chromium, CJK fonts, zbar and poppler for the browser and print tests).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1

bash scripts/setup.sh --no-build

need=()
for pair in chromium:chromium zbarimg:zbar-tools pdftoppm:poppler-utils; do
  command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
done
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  sudo=$( [ "$(id -u)" = 0 ] || echo sudo )
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}"
fi

exec .venv/bin/pytest -q -n 2 "$@"
