#!/usr/bin/env bash
# Creates .venv-oracle (ignored by git), the Python of the Monitor oracle tests (NannyML's CBPE,
# Evidently's PSI, SciPy's KS and Wasserstein), from requirements-oracle.txt, pinned transitive ones
# included: kept apart from .venv because nannyml and evidently pin dependencies that clash with
# requirements-test.txt. Built the way .venv is (scripts/make-venv.sh). Usage: scripts/make-oracle-venv.sh
# (make venv runs it).
exec "$(dirname "$0")/make-venv.sh" .venv-oracle requirements-oracle.txt
