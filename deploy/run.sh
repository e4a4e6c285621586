#!/usr/bin/env bash
# Starts N replicas of the lab (streamlit run app.py) and HAProxy in front of them, on
# loopback ports, in the foreground; Ctrl-C stops all of them. See docs/DEPLOY.md.
#
#   bash deploy/run.sh                      # 2 replicas, http://127.0.0.1:8501
#   bash deploy/run.sh --replicas 3 --port 8080
#   bash deploy/run.sh stop                 # ends what a killed run left (pid files)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ]; then
  echo "haproxy is missing: sudo apt-get install haproxy" >&2; exit 1
fi
[ -x .venv/bin/python ] || { echo "no .venv: run bash scripts/start.sh once" >&2; exit 1; }
# exec: Ctrl-C and SIGTERM reach deploy/cluster.py, which stops every process it started.
exec .venv/bin/python deploy/cluster.py "$@"
