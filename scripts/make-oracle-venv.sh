#!/usr/bin/env bash
# Creates .venv-oracle (ignored by git), the Python of the Monitor oracle tests (NannyML's CBPE, Evidently's
# PSI, SciPy's KS and Wasserstein), from requirements-oracle.txt, pinned transitive ones included. Kept apart
# from .venv because nannyml and evidently pin dependencies that clash with requirements-test.txt.
# Rebuilt from scratch when missing, broken, or when requirements-oracle.txt changed (its sha256 is kept in
# .venv-oracle/.requirements.sha256, written last, so an interrupted install is redone). Fails when pip had
# to add a package the file does not pin. Usage: scripts/make-oracle-venv.sh (make venv runs it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$root/.venv-oracle
requirements=$root/requirements-oracle.txt
stamp=$venv/.requirements.sha256
want=$(sha256sum "$requirements" | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$want" ]] && "$venv/bin/python3" -c '' 2>/dev/null; then
  exit 0
fi
# The base interpreter is the machine's python3, never a virtual environment of ours on PATH.
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
  echo "requirements-oracle.txt does not pin everything pip installed; add these lines:" >&2
  echo "$unpinned" >&2
  exit 1
fi
"$venv/bin/python3" -m pip check --disable-pip-version-check >&2
echo "$want" > "$stamp"
