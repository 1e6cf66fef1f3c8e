#!/usr/bin/env bash
# Issue 18's shift scenario, end to end with the real pipeline: three screening sites for 12
# weeks; Site C's detector is replaced by another vendor's (synth profile vendor-b) from week 7.
# Synthesises the exams (`synth --site --weeks --start-date --profile`), imports them, analyses
# them with the bundled model, runs `monitor --by site --window week --reference validation
# --json`, and checks: Site C alarmed within two weekly windows of the change, Sites A and B
# never; `monitor --check` exits 1. Prints the report's table on the way.
#   scripts/monitor-scenario.sh [WORKDIR]      (default: a temporary folder, removed after)
# MAMMOTERM=path/to/mammoterm (default: the release build, built when missing);
# PER_WEEK=N current exams per site and week (default 4).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${MAMMOTERM:-$PWD/.build/release/mammoterm}
if [[ -z ${MAMMOTERM:-} && ! -x $bin ]]; then swift build -c release --product mammoterm >/dev/null; fi
python=python3
[[ -x .venv/bin/python3 ]] && python=.venv/bin/python3
per_week=${PER_WEEK:-4}
if [[ $# -ge 1 ]]; then work=$1; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
library=$work/library.sqlite
rm -f "$library" "$library".*

start=20260105      # a Monday: week 1 is 2026-01-05..11, week 7 starts 2026-02-16
switch=20260216
synth() { "$bin" synth --compression none "$@" >/dev/null; }
echo "synthesising 3 sites x 12 weeks x $per_week exams (Site C: vendor-b from week 7)"
synth --site "Site A" --start-date $start --weeks 12 --exams $((12 * per_week)) --seed 1801 --out "$work/site-a"
synth --site "Site B" --start-date $start --weeks 12 --exams $((12 * per_week)) --seed 1802 --out "$work/site-b"
synth --site "Site C" --start-date $start --weeks 6 --exams $((6 * per_week)) --seed 1803 --out "$work/site-c-before"
synth --site "Site C" --start-date $switch --weeks 6 --exams $((6 * per_week)) --seed 1804 --profile vendor-b --out "$work/site-c-after"
for folder in site-a site-b site-c-before site-c-after; do
    "$bin" import "$work/$folder" --library "$library" >/dev/null
done
"$bin" analyze --all --samples 0 --library "$library" >/dev/null
"$bin" monitor --library "$library" --by site --window week --reference validation --minimum-exams 3 --from $start --to 20260329
"$bin" monitor --library "$library" --by site --window week --reference validation --minimum-exams 3 --from $start --to 20260329 --json > "$work/report.json"
status=0
"$bin" monitor --library "$library" --by site --window week --reference validation --minimum-exams 3 --from $start --to 20260329 --check >/dev/null || status=$?
"$python" - "$work/report.json" "$status" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
check_status = int(sys.argv[2])
windows = report["windows"]
def alarmed(site):
    return [w for w in windows if w["stratum"] == f"site={site}" and w["alarms"]]
problems = []
for site in ("Site A", "Site B"):
    if alarmed(site):
        problems.append(f"{site} is stable but alarmed in " + ", ".join(w["start"] for w in alarmed(site)))
c = alarmed("Site C")
before = [w for w in c if w["start"] < "2026-02-16"]
if before:
    problems.append("Site C alarmed before its change: " + ", ".join(w["start"] for w in before))
first = min((w["start"] for w in c if w["start"] >= "2026-02-16"), default=None)
if first is None or first > "2026-02-23":
    problems.append(f"Site C's change (week of 2026-02-16) not flagged within two weekly windows (first alarm: {first})")
if check_status != 1:
    problems.append(f"monitor --check exited {check_status}, expected 1")
counts = {s: len([w for w in windows if w["stratum"] == f"site={s}"]) for s in ("Site A", "Site B", "Site C")}
print(f"windows per site: {counts}; Site C first alarm: {first}")
if problems:
    print("scenario FAILED:\n  " + "\n  ".join(problems))
    sys.exit(1)
print("scenario passed: Site C flagged in the week of", first, "; Sites A and B quiet; --check exit 1")
PY
