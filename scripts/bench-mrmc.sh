#!/usr/bin/env bash
# `mammoterm report mrmc --csv FILE --json` on a synthetic reader study of issue 17's size:
# 20 readers x 1,000 cases (500 cancers) x 2 arms = 40,000 ratings in RJafroc's long layout
# (reader,modality,case,truth,rating), suspicion 0-100 as the workstation records it (integers,
# so ties occur), binormal with a reader effect and a better second arm. The whole process is
# timed (read, parse, jackknife covariance, print), jackknife (the default) and DeLong, with
# hyperfine when installed, else 5 runs timed with date. Prints the median against the goal
# (<= 2 s). The CSV is generated with a fixed seed; python3 is .venv's when there is one (only
# the standard library is used, so the machine's works too). Writes only to a temporary folder;
# copy the figures into BENCHMARKS.md. RUNS=N sets the runs (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
python=python3
[[ -x .venv/bin/python3 ]] && python=.venv/bin/python3
bin=$PWD/.build/release/mammoterm
[[ -x $bin ]] || swift build -c release --product mammoterm >/dev/null
runs=${RUNS:-5}
goal=2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
csv=$work/ratings.csv

"$python" - "$csv" <<'PY'
import random, sys
rng = random.Random(17)
readers, cases, cancers = 20, 1000, 500
skill = [rng.gauss(0, 0.25) for _ in range(readers)]
with open(sys.argv[1], "w") as f:
    f.write("reader,modality,case,truth,rating\n")
    for modality, shift in (("unaided", 1.2), ("second-look", 1.5)):
        for r in range(readers):
            for c in range(cases):
                truth = 1 if c < cancers else 0
                z = rng.gauss(0, 1) + (shift + skill[r] if truth else 0)
                rating = min(100, max(0, round(35 + 15 * z)))
                f.write(f"R{r + 1:02d},{modality},C{c + 1:04d},{truth},{rating}\n")
PY
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%F %H:%M') UTC"
echo "input: $(($(wc -l < "$csv") - 1)) ratings (20 readers x 1,000 cases x 2 modalities), $(du -k "$csv" | cut -f1) KiB"
"$bin" report mrmc --csv "$csv" --json > "$work/out.json"   # a failing run stops the script here

# median_of FILE: the median of the numbers in FILE, one per line.
median_of() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for covariance in jackknife DeLong; do
  times=$work/times-$covariance.txt
  if command -v hyperfine >/dev/null; then
    hyperfine --runs "$runs" --warmup 1 --style none --export-json "$work/h.json" \
      "$bin report mrmc --csv $csv --json --covariance $covariance" >/dev/null
    "$python" -c 'import json,sys; [print(t) for t in json.load(open(sys.argv[1]))["results"][0]["times"]]' "$work/h.json" > "$times"
    tool=hyperfine
  else
    : > "$times"
    for _ in $(seq "$runs"); do
      start=$(date +%s.%N)
      "$bin" report mrmc --csv "$csv" --json --covariance "$covariance" >/dev/null
      end=$(date +%s.%N)
      echo "$end - $start" | bc -l >> "$times"
    done
    tool="date, $runs runs"
  fi
  median=$(median_of "$times")
  verdict=$(awk -v m="$median" -v g="$goal" 'BEGIN { print (m <= g) ? "meets" : "MISSES" }')
  printf 'report mrmc --json --covariance %-9s median %.3f s (min %.3f, max %.3f; %s)  goal <= %s s: %s\n' \
    "$covariance" "$median" "$(sort -g "$times" | head -1)" "$(sort -g "$times" | tail -1)" "$tool" "$goal" "$verdict"
done
