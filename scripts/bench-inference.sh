#!/usr/bin/env bash
# Inference speed against onnxruntime on the same .onnx, both on one thread, plus the single-thread sgemm
# peak of the system OpenBLAS and the kernel it chose, and the 1024^3 peak of mammoterm's own conv kernels
# (Sources/CKernels, built here with clang by scripts/onnx-oracle/ckernels_peak.c) and the one it chose. Usage:
#   scripts/bench-inference.sh                  the bundled model per exam (4 views as one batch of 4, [4,1,512,416]:
#                                               SYN-0006's views preprocessed per the model card,
#                                               Sources/Inference/Models/MODEL_CARD.md) and a ResNet-18-shaped
#                                               net (random weights, 1x3x224x224)
#   scripts/bench-inference.sh MODEL.onnx       one model at its declared input shape (a free batch as 1)
#   HEIGHT=512 WIDTH=416 CHANNELS=1 REPEAT=5 scripts/bench-inference.sh resnet   (the ResNet shape at another size)
#   MAMMOTERM=/tmp/mammoterm-old scripts/bench-inference.sh   (another build, e.g. before a change; no build step)
# Each model runs twice: with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE as the environment has them, and (benchmarks
# only, as issue 5 allows) with both unset so OpenBLAS picks its kernel for this CPU. Tests and CI never change them.
# Timings exclude session creation and input preprocessing (the input is a ready float32 tensor); see
# BENCHMARKS.md "Issue 5 — inference". Needs python3 with onnx, onnxruntime, numpy.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/use-venv.sh   # python3 below is .venv's (requirements-test.txt)
HEIGHT="${HEIGHT:-224}" WIDTH="${WIDTH:-224}" CHANNELS="${CHANNELS:-3}" REPEAT="${REPEAT:-10}"
WORK="${TMPDIR:-/tmp}/mammoterm-bench-inference"
mkdir -p "$WORK"
export OPENBLAS_NUM_THREADS=1

if [ -z "${MAMMOTERM:-}" ]; then
    swift build -c release --product mammoterm >&2
    MAMMOTERM=.build/release/mammoterm
fi
peak="$WORK/ckernels-peak"
clang -O3 -ISources/CKernels/include Sources/CKernels/*.c scripts/onnx-oracle/ckernels_peak.c \
    -lopenblas -lm -lpthread -o "$peak" >&2
resnet="$WORK/resnet18-${CHANNELS}x${HEIGHT}x${WIDTH}.onnx"
[ -f "$resnet" ] || python3 scripts/onnx-oracle/make_models.py --resnet18 "$HEIGHT" "$WIDTH" "$CHANNELS" "$resnet"

echo "mammoterm: $MAMMOTERM"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u '+%F %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
bench() { # MODEL LABEL [extra args...]; a disagreement with onnxruntime (> 1e-4) makes the script fail at the end
    local model="$1" label="$2"; shift 2
    echo "== $label, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-(unset)} OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-(unset)} (as the environment has them)"
    python3 scripts/onnx-oracle/bench_inference.py "$model" --mammoterm "$MAMMOTERM" --repeat "$REPEAT" \
        --work "$WORK" --label "$label/env" "$@" || status=1
    echo "SUMMARY $label/env kernels: $("$peak" | paste -sd ';')"
    echo "== $label, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (OpenBLAS picks its kernel; benchmark only)"
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
        python3 scripts/onnx-oracle/bench_inference.py "$model" --mammoterm "$MAMMOTERM" --repeat "$REPEAT" \
        --work "$WORK" --label "$label/auto" "$@" || status=1
    echo "SUMMARY $label/auto kernels: $(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$peak" | paste -sd ';')"
}
case "${1:-all}" in
    all)
        bench Sources/Inference/Models/mammoterm-lesion-v1.onnx "lesion-v1 per exam (SYN-0006 2025-08-26, 4 views as one batch)" \
            --exam samples/SYN-0006/20250826 --views-per-run 4
        bench "$resnet" "resnet18 ${CHANNELS}x${HEIGHT}x${WIDTH}"
        ;;
    resnet) bench "$resnet" "resnet18 ${CHANNELS}x${HEIGHT}x${WIDTH}" ;;
    *) bench "$1" "$(basename "$1")" ;;
esac > >(tee "$WORK/last.txt") 2>&1
wait
echo "-- summary"
grep '^SUMMARY' "$WORK/last.txt" | sed 's/^SUMMARY //'
exit $status
