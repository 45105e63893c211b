#!/usr/bin/env bash
# Tests: install what is needed (with the test extra), then run pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh test
# lint first: unused imports and names, undefined names (pyflakes, installed with the test extra)
.venv/bin/python -m pyflakes analysis tests bench scripts
# dead code the package carries (vulture, high confidence only: what it is sure nothing uses)
.venv/bin/python -m vulture analysis --min-confidence 80
exec .venv/bin/python -m pytest "$@"
