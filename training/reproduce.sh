#!/usr/bin/env bash
# Rebuilds models/mammoterm-lesion-v1.{onnx,json} and models/fixtures/ from the seeds:
# synthetic data -> training -> ONNX export (+ parity check) -> evaluation.
# Usage: training/reproduce.sh   (env: PY=python with training/requirements.txt installed,
#        default ~/.cache/mammoterm-train-venv/bin/python; SEED=0; STEPS=1400)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-$HOME/.cache/mammoterm-train-venv/bin/python}"
SEED="${SEED:-0}"
STEPS="${STEPS:-1400}"
training/make_data.sh
nice -n 10 "$PY" -u training/train.py --seed "$SEED" --steps "$STEPS"
nice -n 10 "$PY" -u training/export_onnx.py
nice -n 10 "$PY" -u training/evaluate.py
