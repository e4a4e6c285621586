#!/usr/bin/env bash
# Installs the app's packages into ./.venv and starts the lab on http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
. scripts/venv.sh  # venv_install: torch from the CPU wheel index on Linux (why: there)
venv_install requirements.txt
exec .venv/bin/streamlit run app.py "$@"
