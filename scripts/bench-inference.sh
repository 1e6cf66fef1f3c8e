#!/usr/bin/env bash
# Inference speed against onnxruntime on the same .onnx, both on one thread, plus the single-thread sgemm
# peak of the system OpenBLAS and the kernel it chose. Usage:
#   scripts/bench-inference.sh [MODEL.onnx]      (default: a ResNet-18-shaped net, random weights, 1x3x224x224)
#   HEIGHT=512 WIDTH=416 CHANNELS=1 REPEAT=5 scripts/bench-inference.sh
# Needs python3 with onnx, onnxruntime, numpy. Benchmarks only: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are
# unset together so OpenBLAS picks its kernel for this CPU (tests and CI never change them).
set -euo pipefail
cd "$(dirname "$0")/.."
HEIGHT="${HEIGHT:-224}" WIDTH="${WIDTH:-224}" CHANNELS="${CHANNELS:-3}" REPEAT="${REPEAT:-10}"
WORK="${TMPDIR:-/tmp}/mammoterm-bench-inference"
mkdir -p "$WORK"

swift build -c release --product mammoterm >&2
MODEL="${1:-$WORK/resnet18-${CHANNELS}x${HEIGHT}x${WIDTH}.onnx}"
if [ ! -f "$MODEL" ]; then
    python3 scripts/onnx-oracle/make_models.py --resnet18 "$HEIGHT" "$WIDTH" "$CHANNELS" "$MODEL"
fi
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
    python3 scripts/onnx-oracle/bench_inference.py "$MODEL" --mammoterm .build/release/mammoterm --repeat "$REPEAT" --work "$WORK"
