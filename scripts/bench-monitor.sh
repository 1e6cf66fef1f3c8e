#!/usr/bin/env bash
# `mammoterm monitor` over 1,000,000 analysed exams on SQLite (issue 18's goal: <= 5 s), beside
# the same aggregation done with pandas on an exported CSV (scripts/bench_monitor.py), in the
# same script. The rows are written by the script (3 sites x 52 weeks of 2025, scores and input
# means from fixed distributions), the reference is the model's validation reference (bundled
# beside it). The whole process is timed: open, read the rows, windows, drift statistics,
# bootstrap limits, charts, JSON out. N=... changes the count; RUNS=... the runs (default 3);
# MAMMOTERM=PATH another build. Writes only to a temporary folder; copy the figures into BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
python=python3
[[ -x .venv/bin/python3 ]] && python=.venv/bin/python3   # pandas, numpy, scipy: requirements-test.txt
bin=${MAMMOTERM:-$PWD/.build/release/mammoterm}
if [[ -z ${MAMMOTERM:-} ]]; then swift build -c release --product mammoterm >/dev/null; fi
n=${N:-1000000}
runs=${RUNS:-3}
goal=5
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
library=$work/library.sqlite
mkdir -p "$work/empty"
"$bin" import "$work/empty" --library "$library" >/dev/null
echo "writing $n analysed exams"
"$python" scripts/bench_monitor.py write "$library" "$work/exams.csv" "$n"
sync   # the writer's half a gigabyte of dirty pages would otherwise be flushed during the first timed runs
reference=Sources/Inference/Models/mammoterm-lesion-v1.reference.json
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%F %H:%M') UTC"
echo "input: $n exams, library $(du -m "$library" | cut -f1) MiB, CSV $(du -m "$work/exams.csv" | cut -f1) MiB"
ours=(); peers=()
for ((run = 1; run <= runs; run++)); do
    start=$(date +%s%N)
    "$bin" monitor --library "$library" --by site --window week --reference validation --json > "$work/out.json"
    ours+=("$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')")
    start=$(date +%s%N)
    "$python" scripts/bench_monitor.py pandas "$work/exams.csv" "$reference" > "$work/peer.json"
    peers+=("$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')")
done
windows=$("$python" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["windows"]))' "$work/out.json")
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m=$(median "${ours[@]}"); p=$(median "${peers[@]}")
echo "mammoterm monitor: median $m s over $runs runs (${ours[*]}), $windows windows"
echo "pandas + scipy on the CSV (read, group, PSI, KS, Wasserstein, input KS): median $p s (${peers[*]})"
awk -v m="$m" -v p="$p" -v goal="$goal" 'BEGIN { printf "ratio mammoterm / pandas: %.2f; goal <= %d s: %s\n", m / p, goal, (m <= goal ? "met" : "missed") }'
