#!/usr/bin/env bash
# Installs everything the tests need into ./.venv (and Debian's chromium for the
# browser tests), then runs the linter, the type checker and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q -r requirements-dev.txt
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -q && $SUDO apt-get install -y -q chromium
fi
.venv/bin/ruff check .
.venv/bin/mypy
LAB_REQUIRE_BROWSER=1 .venv/bin/python -m pytest -q "$@"
