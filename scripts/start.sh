#!/usr/bin/env bash
# Installs the app's packages into ./.venv and starts the lab on http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q -r requirements.txt
exec .venv/bin/streamlit run app.py "$@"
