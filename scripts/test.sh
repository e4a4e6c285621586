#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine (python3-venv when missing,
# ./.venv with requirements-dev.txt, Debian's chromium for the browser tests), then runs
# the linter, the type checker and every test. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then $SUDO apt-get update -q; apt_updated=1; fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

if [ ! -x .venv/bin/python ]; then
  if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then apt_install python3-venv; fi
  python3 -m venv .venv
fi
. scripts/venv.sh  # venv_install: torch from the CPU wheel index on Linux (why: there)
venv_install requirements-dev.txt
# The browser tests drive Debian's chromium (no browser download): /usr/bin/chromium.
if [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi

.venv/bin/ruff check .
.venv/bin/mypy
# testpaths = ["tests"] (pyproject.toml) from the repository root: tests are always
# collected, so pytest's exit 5 ("no tests") cannot happen. The browser tests fail rather
# than skip here when chromium or playwright is missing.
LAB_REQUIRE_BROWSER=1 .venv/bin/python -m pytest -q "$@"
