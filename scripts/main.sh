#!/usr/bin/env bash
# Main job on the shipped data: install what is needed, then build data/processed/facts.* from data/raw.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/python -m analysis build "$@"
