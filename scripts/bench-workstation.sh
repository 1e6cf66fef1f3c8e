#!/usr/bin/env bash
# The workstation replayed against a full-size exam and a 100k-study worklist (called by
# `make bench`): key -> frame latency (median), bytes written per key and peak RSS in braille
# and in sixel mode, and paging through 100,000 studies. The real binary in a 160x50
# pseudo-terminal, driven by scripts/bench_workstation.py (its docstring says what each figure
# includes). Writes only to a temporary folder; copy the figures into BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/use-venv.sh   # python3 below is .venv's (requirements-test.txt)
swift build -c release --product mammoterm >/dev/null
bin=$PWD/.build/release/mammoterm
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%F)"
# One full-size exam (3328x4096 per view, 0.07 mm), stored uncompressed as a modality would.
"$bin" synth --exams 1 --size full --seed 11 --compression none --out "$work/exam" >/dev/null
"$bin" import "$work/exam" --library "$work/exam.sqlite" >/dev/null
for mode in braille sixel; do
  python3 scripts/bench_workstation.py "$bin" "$work/exam.sqlite" "$mode" > "$work/$mode.json"
done

# Issue 15's reading tools on a sample exam that has a prior, its AI result and its ground
# truth (SYN-0003, 832x1024 views: the samples are the exams with priors and truth beside them),
# then on the full-size exam analysed by the bundled model.
"$bin" import samples --library "$work/tools.sqlite" >/dev/null
"$bin" analyze --all --library "$work/tools.sqlite" >/dev/null
"$bin" analyze --all --library "$work/exam.sqlite" >/dev/null
for mode in braille sixel; do
  python3 scripts/bench_workstation.py "$bin" "$work/tools.sqlite" "tools-$mode" 0003 > "$work/tools-samples-$mode.json"
  python3 scripts/bench_workstation.py "$bin" "$work/exam.sqlite" "tools-$mode" > "$work/tools-full-$mode.json"
done

# 100,000 studies of four views each, written straight into the library's tables (the files
# are never opened: only the worklist is measured).
"$bin" import samples --library "$work/large.sqlite" >/dev/null
python3 - "$work/large.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = 100_000
db.executemany("INSERT INTO patient (patientID, name, birthDate) VALUES (?, ?, ?)",
               ((f"BENCH-{i:06d}", f"BENCH^{i:06d}", "19600101") for i in range(n)))
first = db.execute("SELECT id FROM patient WHERE patientID = 'BENCH-000000'").fetchone()[0]
db.executemany("INSERT INTO study (studyInstanceUID, patient, studyDate, studyTime, description, accessionNumber) "
               "VALUES (?, ?, ?, '090000', 'SCREENING', ?)",
               ((f"2.25.9{i:06d}", first + i, f"{2015 + i % 10}{1 + i % 12:02d}{1 + i % 28:02d}", f"A{i}") for i in range(n)))
study0 = db.execute("SELECT id FROM study WHERE studyInstanceUID = '2.25.9000000'").fetchone()[0]
db.executemany("INSERT INTO series (seriesInstanceUID, study, modality, description) VALUES (?, ?, 'MG', '')",
               ((f"2.25.8{i:06d}", study0 + i) for i in range(n)))
series0 = db.execute("SELECT id FROM series WHERE seriesInstanceUID = '2.25.8000000'").fetchone()[0]
views = [("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO")]
db.executemany('INSERT INTO image (sopInstanceUID, series, path, fileSize, fileModified, sopClassUID, "rows", "columns", side, "view") '
               "VALUES (?, ?, ?, 0, 0, '1.2.840.10008.5.1.4.1.1.1.2', 4096, 3328, ?, ?)",
               ((f"2.25.7{i:06d}{v}", series0 + i, f"/nonexistent/{i}/{v}.dcm", side, view)
                for i in range(n) for v, (side, view) in enumerate(views)))
db.commit()
PY
python3 scripts/bench_workstation.py "$bin" "$work/large.sqlite" worklist > "$work/worklist.json"

python3 - "$work" <<'PY'
import json, sys
folder = sys.argv[1]
def ms(v): return "-" if v is None else f"{v:.1f} ms"
for mode in ("braille", "sixel"):
    r = json.load(open(f"{folder}/{mode}.json"))
    print(f"{mode}: open the exam (cold, four full-size views decoded) {ms(r['openStudy']['ms'])}, {r['openStudy']['bytes']} bytes")
    for name, label in (("viewSwitch", "view switch (1-4, 0)"), ("windowChange", "window change (w W c C)"),
                        ("zoomAndPan", "zoom and pan"), ("statusLineOnly", "status line only"),
                        ("annotationCursor", "annotation: cursor step"), ("annotationZoom", "annotation: zoom at cursor"),
                        ("annotationDraw", "annotation: draw a box")):
        s = r[name]
        print(f"  {label:26} median {ms(s['medianMs'])} (max {ms(s['maxMs'])}, cpu {ms(s['medianCpuMs'])}), "
              f"bytes median {s['medianBytes']:.0f} max {s['maxBytes']}  [{s['answered']}/{s['keys']} keys changed the screen]")
    print(f"  peak RSS {r['peakRSSMB']:.0f} MB (target <= 400 MB)")
    for name in ("viewSwitch", "windowChange"):
        verdict = "meets" if r[name]["medianMs"] is not None and r[name]["medianMs"] <= 50 else "misses"
        print(f"  {name} median {ms(r[name]['medianMs'])} -> {verdict} the target (<= 50 ms)")
for exam in ("samples", "full"):
    for mode in ("braille", "sixel"):
        r = json.load(open(f"{folder}/tools-{exam}-{mode}.json"))
        print(f"reading tools, {exam} exam, {mode} (peak RSS {r['peakRSSMB']:.0f} MB):")
        for name in ("layout", "fit", "prior", "presets", "overlays", "opacity", "contour", "lens", "probe", "measure"):
            t = r[name]
            verdict = "meets" if t["medianMs"] is not None and t["medianMs"] <= 50 else "misses"
            print(f"  {name:9} median {ms(t['medianMs'])} (max {ms(t['maxMs'])}, cpu {ms(t['medianCpuMs'])}), "
                  f"bytes median {t['medianBytes']:.0f}  [{t['answered']}/{t['keys']}] -> {verdict} <= 50 ms")
w = json.load(open(f"{folder}/worklist.json"))
print(f"worklist of 100,010 studies: start {ms(w['startupMs'])}, peak RSS {w['peakRSSMB']:.0f} MB")
for name, label in (("pageDown", "page down"), ("lineDown", "line down"), ("reverseSort", "sort (> > r)")):
    s = w[name]
    print(f"  {label:18} median {ms(s['medianMs'])} (max {ms(s['maxMs'])}), bytes median {s['medianBytes']:.0f}")
verdict = "meets" if w["pageDown"]["medianMs"] is not None and w["pageDown"]["medianMs"] <= 30 else "misses"
print(f"  page down median {ms(w['pageDown']['medianMs'])} -> {verdict} the target (<= 30 ms)")
PY
