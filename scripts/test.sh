#!/usr/bin/env bash
# Tests: install what is needed (with the test extra), then run pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh test
exec .venv/bin/python -m pytest "$@"
