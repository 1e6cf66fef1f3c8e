#!/usr/bin/env bash
# Writes the synthetic training / validation / test sets with `mammoterm synth` (uncompressed,
# small detector: 832x1024 px at 0.28 mm). Same seeds -> same bytes.
# Usage: training/make_data.sh [DATA_DIR]   (default ~/.cache/mammoterm-training/data)
# Env: MAMMOTERM=path/to/mammoterm (default .build/release/mammoterm, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-$HOME/.cache/mammoterm-training/data}"
bin="${MAMMOTERM:-.build/release/mammoterm}"
[[ -x "$bin" ]] || swift build -c release --product mammoterm >&2
mkdir -p "$data"
# name   seed  current exams (priors come on top, about 30% of patients)
sets=("train 1001 160" "val 2002 60" "test 3003 120")
pids=()
for s in "${sets[@]}"; do
  read -r name seed n <<<"$s"
  if [[ -f "$data/$name/ground-truth.json" ]]; then echo "$name: exists, kept"; continue; fi
  rm -rf "$data/$name"
  # two at a time on a two-core machine; nice so that other work keeps the CPU
  nice -n 10 "$bin" synth --exams "$n" --seed "$seed" --size small --compression none \
    --out "$data/$name.partial" > "$data/$name.log" 2>&1 && mv "$data/$name.partial" "$data/$name" &
  pids+=($!)
  if (( ${#pids[@]} >= 2 )); then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
done
for p in "${pids[@]}"; do wait "$p"; done
tail -n 3 "$data"/*.log
