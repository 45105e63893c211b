#!/usr/bin/env bash
# Main job on the shipped data: install what is needed, (re)build data/processed (facts, findings)
# from data/raw when it changed, then render every brief, the comparison and reports/index.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/python -m analysis briefs "$@"
