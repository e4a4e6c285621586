#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine (python3-venv when missing,
# ./.venv with requirements-dev.txt, Debian's chromium and fonts for the browser tests,
# Debian's haproxy for the load-balancer test), then runs the linter, the type checker and every test.
# Extra arguments go to pytest.
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
# Fonts for the screenshots the browser tests write (artifacts/screenshots/, or
# docs/screenshots/ with UPDATE_SCREENSHOTS=1): Chinese text
# and the page icons (emoji) are empty boxes without them (about 12 MB).
if ! fc-list 2>/dev/null | grep -qi 'wqy' || ! fc-list 2>/dev/null | grep -qi 'color emoji'; then
  apt_install fonts-wqy-microhei fonts-noto-color-emoji
fi
# tests/test_deploy.py runs two replicas behind Debian's HAProxy (deploy/haproxy.cfg).
if ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ]; then apt_install haproxy; fi

.venv/bin/ruff check .
.venv/bin/mypy
# testpaths = ["tests"] (pyproject.toml) from the repository root: tests are always
# collected, so pytest's exit 5 ("no tests") cannot happen. The browser tests fail rather
# than skip here when chromium or playwright is missing.
LAB_REQUIRE_BROWSER=1 .venv/bin/python -m pytest -q "$@"
