#!/usr/bin/env bash
# Shared setup for ./scripts/main.sh and ./scripts/test.sh on a fresh Debian/Ubuntu machine:
# system libraries for WeasyPrint (its font subsetter libharfbuzz-subset0 included: without it
# WeasyPrint falls back to fontTools and warns that it will be required; installed when running as root, else the exact command is printed),
# then a virtual environment in .venv from pyproject.toml (re-installed only when pyproject changes).
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS="${1:-}"

need_pkgs=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_pkgs+=("$pkg")
  done
fi
PY=${PYTHON:-python3}
if ! command -v "$PY" >/dev/null 2>&1 || ! "$PY" -c "import venv, ensurepip" >/dev/null 2>&1; then
  need_pkgs+=(python3 python3-venv python3-pip)
fi
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo ">> installing system packages: ${need_pkgs[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
  else
    echo "!! missing system packages: ${need_pkgs[*]}"
    echo "!! run: sudo apt-get install -y ${need_pkgs[*]}"
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  echo ">> creating .venv"
  "$PY" -m venv .venv
fi
stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)${EXTRAS:+-$EXTRAS}"
if [ ! -f "$stamp" ]; then
  echo ">> installing tthc-briefs${EXTRAS:+[$EXTRAS]} into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${EXTRAS:+[$EXTRAS]}"
  rm -f .venv/.installed-*; touch "$stamp"
fi
