#!/usr/bin/env bash
# Creates the project's Python environment .venv (ignored by git) from requirements-test.txt, the
# pinned list of every package the tests and benchmarks use (transitive ones included). Nothing the
# machine happens to have installed is used: `make test` runs the tests with .venv/bin first on PATH.
# Rebuilt from scratch when missing, broken, or when requirements-test.txt changed (its sha256 is kept
# in .venv/.requirements.sha256, written last, so an interrupted install is redone). Fails when pip
# had to add a package the file does not pin. Usage: scripts/make-venv.sh (make venv); also
# scripts/make-venv.sh DIR REQUIREMENTS for another pinned environment (the Monitor oracles' .venv-oracle).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$root/${1:-.venv}
requirements=$root/${2:-requirements-test.txt}
stamp=$venv/.requirements.sha256
want=$(sha256sum "$requirements" | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$want" ]] && "$venv/bin/python3" -c '' 2>/dev/null; then
  exit 0
fi
# The base interpreter is the machine's python3, never a (possibly broken) environment of ours on PATH.
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF -e "$venv/bin" -e "$root/.venv/bin" | paste -sd: -)
python=${MAMMOTERM_PYTHON:-python3}
echo "creating $venv from $(basename "$requirements") with $("$python" --version 2>&1) ($(command -v "$python"))" >&2
rm -rf "$venv"
if ! "$python" -m venv "$venv"; then
  rm -rf "$venv"
  echo "'$python -m venv' failed: on Debian install python3-venv (scripts/install-system-packages.sh does)" >&2
  exit 1
fi
"$venv/bin/python3" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements"
# Every installed package must be pinned in the file, or a machine without it would differ.
unpinned=$("$venv/bin/python3" -m pip freeze --disable-pip-version-check --exclude-editable \
  | sed 's/[[:space:]]*$//' | grep -vixF -f <(grep -v '^[[:space:]]*#' "$requirements" | sed 's/[[:space:]]*$//' | grep .) || true)
if [[ -n $unpinned ]]; then
  echo "$(basename "$requirements") does not pin everything pip installed; add these lines:" >&2
  echo "$unpinned" >&2
  exit 1
fi
"$venv/bin/python3" -m pip check --disable-pip-version-check >&2
# pynetdicom installs apps named like DCMTK's tools (storescu, getscu, findscu, ...); with .venv/bin
# first on PATH they would stand in for DCMTK's in tests and benchmarks. The tests use pynetdicom as a
# library (scripts/pynetdicom-peer.py; its apps stay reachable as `python3 -m pynetdicom APP`).
for app in echoscp echoscu findscu getscu movescu qrscp storescp storescu; do rm -f "$venv/bin/$app"; done
echo "$want" > "$stamp"
