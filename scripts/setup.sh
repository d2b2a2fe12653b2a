#!/usr/bin/env bash
# Installs everything gongkai needs into .venv, then builds the demo site into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 PIP_DISABLE_PIP_VERSION_CHECK=1

if ! python3 -c "import ensurepip, venv" 2>/dev/null; then
  # Debian ships venv separately.
  ${SUDO:-$( [ "$(id -u)" = 0 ] || echo sudo )} apt-get install -y -q python3-venv
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -r requirements.txt
.venv/bin/pip install -q --no-deps --no-build-isolation -e . 2>/dev/null || .venv/bin/pip install -q --no-deps -e .

if [ "${1:-}" != "--no-build" ]; then
  .venv/bin/gongkai check
  .venv/bin/gongkai build
  echo "演示网站已生成：$(pwd)/site/index.html"
fi
echo "以后在本文件夹里运行：.venv/bin/gongkai check（检查）、.venv/bin/gongkai serve（预览）、.venv/bin/gongkai publish（发布）"
