#!/usr/bin/env bash
# Regenerates samples/: 10 small synthetic screening exams (plus priors for a few patients) from
# a fixed seed, JPEG-LS lossless, with samples/ground-truth.json. The same code and seed give the
# same bytes; a change to the synthesis code changes the pixels, so regenerate and commit both.
# Usage: scripts/make-samples.sh   (env: SCRATCH=.build-xyz to build in another scratch folder)
set -euo pipefail
cd "$(dirname "$0")/.."
seed=4  # chosen from `mammoterm synth --dry-run` for a varied set: spiculated, pleomorphic, benign masses, a growing cancer on a prior
scratch=(); [[ -n "${SCRATCH:-}" ]] && scratch=(--scratch-path "$SCRATCH")
swift build -c release --product mammoterm "${scratch[@]}" >&2
bin="$(swift build -c release --show-bin-path "${scratch[@]}")/mammoterm"
# Keep samples/README.md; replace everything the generator writes.
find samples -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
"$bin" synth --exams 10 --seed "$seed" --size small --compression jpeg-ls --out samples
du -sh samples
