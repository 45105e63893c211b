#!/usr/bin/env bash
# Main job on the shipped data: install what is needed, build data/processed (facts, findings) from
# data/raw, then render every brief, the comparison and reports/index.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/python -m analysis build
exec .venv/bin/python -m analysis briefs "$@"
