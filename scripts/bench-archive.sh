#!/usr/bin/env bash
# The archive against DCMTK's own tools on the same Orthanc, in the same script (called by
# `make bench`), everything on 127.0.0.1:
#   1. retrieve a full-size four-view exam (4 x ~27 MB, uncompressed): `pacs retrieve --via cget`,
#      `--via dicomweb` (WADO-RS) and `--via cmove`, each into a fresh library, against getscu;
#   2. C-FIND of a 10,000-study archive: `pacs query --json` and the table's first 50 rows, against
#      findscu; QIDO-RS (`--via dicomweb`) against curl; the workstation's first worklist frame
#      with those 10,000 remote rows in the library;
#   3. `pacs listen` receiving 1,000 small instances from storescu, against storescp.
# Orthanc, storescp and every listening mammoterm run with scripts/loopback-bind.c preloaded (they
# would otherwise bind every interface); all ports are free ones picked at run time (never
# 4242/8042). DCMTK's tools are called by full path (.venv/bin has pynetdicom's tools of the same
# names) and with TCP_NODELAY=1, which mammoterm sets on its own sockets. Timing: hyperfine
# (whole processes, several runs, min/median/max) and scripts/bench_archive.py (time to the
# first rows, listen, the workstation in a pty). The filled 10,000-study Orthanc is cached in
# ~/.cache/mammoterm/bench-orthanc-10k (delete it to refill). Writes nothing else outside a
# temporary folder; copy the figures into BENCHMARKS.md. RUNS=N sets the runs (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/use-venv.sh   # python3 below is .venv's (requirements-test.txt): pydicom
scripts/install-system-packages.sh bench   # orthanc, orthanc-dicomweb, dcmtk, hyperfine
swift build -c release --product mammoterm >/dev/null
bin=$PWD/.build/release/mammoterm
runs=${RUNS:-5}
helper="python3 scripts/bench_archive.py"
cache=${XDG_CACHE_HOME:-$HOME/.cache}/mammoterm
work=$(mktemp -d)
servers=()
cleanup() {
  local pid
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${servers[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
cc -shared -fPIC -O2 -o "$work/loopback-bind.so" scripts/loopback-bind.c -ldl
shim=$work/loopback-bind.so

# start_orthanc FOLDER [TITLE=PORT ...]: an Orthanc with DICOMweb on two free loopback ports;
# sets dicom_port, http_port and orthanc_pid.
start_orthanc() {
  local folder=$1; shift
  dicom_port=$($helper port); http_port=$($helper port)
  while [[ $http_port == "$dicom_port" ]]; do http_port=$($helper port); done
  $helper orthanc-config "$folder" ORTHANC "$dicom_port" "$http_port" "$@"
  LD_PRELOAD=$shim LOOPBACK_BIND_EXIT_WITH_PARENT=1 /usr/sbin/Orthanc "$folder/orthanc.json" >"$folder/orthanc.log" 2>&1 &
  orthanc_pid=$!
  servers+=("$orthanc_pid")
  $helper wait-http "http://127.0.0.1:$http_port/system"
}
stop_orthanc() {  # PID: a polite stop (Orthanc flushes its index), then wait
  kill "$1"; wait "$1" 2>/dev/null || true
}
# write_config FILE NAME: a config.toml with one [[pacs]] entry for the Orthanc just started.
write_config() {
  cat >"$1" <<EOF
[[pacs]]
name = "$2"
host = "127.0.0.1"
port = $dicom_port
aet = "ORTHANC"
calling_aet = "MAMMOTERM"
dicomweb = "http://127.0.0.1:$http_port/dicom-web"
storage_port = $storage_port
timeout = 120
EOF
}
# median/min/max of hyperfine's JSON, one line per command: "median min max"
hstats() { python3 -c 'import json,sys,statistics as s
for r in json.load(open(sys.argv[1]))["results"]:
    t=r["times"]; print(f"{s.median(t):.4f} {min(t):.4f} {max(t):.4f}")' "$1"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%F %H:%M') UTC"
echo "Orthanc $(/usr/sbin/Orthanc --version | awk 'NR == 1 {print $NF}'), DCMTK $(/usr/bin/getscu --version | sed -n '1s/.*v\([0-9.]*\).*/\1/p'), $(hyperfine --version)"

# ---------------------------------------------------------------------------------------------
# 1. Retrieve a full-size exam.
"$bin" synth --exams 1 --size full --seed 11 --compression none --out "$work/exam" >/dev/null
mapfile -t exam < <(find "$work/exam" -name '*.dcm' | sort)
((${#exam[@]} == 4)) || { echo "synth wrote ${#exam[@]} files, not 4" >&2; exit 1; }
bytes=0
for f in "${exam[@]}"; do
  ts=$(dcmdump -M +P 0002,0010 "$f" | sed 's/.*=\([A-Za-z]*\).*/\1/')
  if [[ $ts != LittleEndianExplicit ]]; then  # keep the transfer uncompressed (what is measured is the network path)
    dcmconv +te "$f" "$f.le" && mv "$f.le" "$f"
  fi
  bytes=$((bytes + $(stat -c %s "$f")))
done
size=$(dcmdump +P 0028,0011 +P 0028,0010 +P 0028,0100 "${exam[0]}" | awk '{print $3}' | xargs)
study=$(dcmdump +P 0020,000d "${exam[0]}" | sed 's/.*\[\(.*\)\].*/\1/')
echo "exam: ${#exam[@]} files, $(awk -v b=$bytes 'BEGIN{printf "%.1f", b/1e6}') MB in all, columns rows bits: $size, $(dcmdump -M +P 0002,0010 "${exam[0]}" | sed 's/.*=\([A-Za-z]*\).*/\1/')"
storage_port=$($helper port)
mkdir -p "$work/orthanc-exam"
start_orthanc "$work/orthanc-exam" "MAMMOTERM=$storage_port"
$helper upload "http://127.0.0.1:$http_port" "${exam[@]}" >/dev/null
write_config "$work/exam.toml" orthanc
r=$work/retrieve
getscu="env TCP_NODELAY=1 /usr/bin/getscu -aec ORTHANC -aet MAMMOTERM --study -k QueryRetrieveLevel=STUDY -k StudyInstanceUID=$study -od $r/getscu 127.0.0.1 $dicom_port"
ours() { echo "$bin pacs retrieve orthanc $study --via $1 --priors 0 --config $work/exam.toml --library $r/$1/library.sqlite"; }
wado="curl -sf -o $r/curl/study.multipart -H 'Accept: multipart/related; type=\"application/dicom\"' http://127.0.0.1:$http_port/dicom-web/studies/$study"
hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/retrieve.json" \
  --prepare "rm -rf $r/getscu; mkdir -p $r/getscu" -n getscu "$getscu" \
  --prepare "rm -rf $r/getscu; mkdir -p $r/getscu" -n getscu-pdu "$getscu -pdu 131072" \
  --prepare "rm -rf $r/cget" -n cget "$(ours cget)" \
  --prepare "rm -rf $r/dicomweb" -n dicomweb "$(ours dicomweb)" \
  --prepare "rm -rf $r/cmove" -n cmove "env LD_PRELOAD=$shim $(ours cmove)" \
  --prepare "rm -rf $r/curl; mkdir -p $r/curl" -n curl "$wado" >/dev/null
for d in getscu cget/storage dicomweb/storage cmove/storage; do  # every run must have all four files
  got=$(find "$r/$d" -type f ! -path '*/.spool/*' | wc -l)
  ((got == 4)) || { echo "retrieve into $d left $got files, not 4" >&2; exit 1; }
done
mapfile -t rs < <(hstats "$work/retrieve.json")
python3 - "$bytes" "${rs[@]}" <<'PY'
import sys
b = int(sys.argv[1]); rows = [list(map(float, x.split())) for x in sys.argv[2:]]
names = ["getscu (DCMTK 3.6.7, C-GET; its default 16 KiB PDU)", "getscu -pdu 131072 (mammoterm's PDU size)", "mammoterm pacs retrieve --via cget", "mammoterm pacs retrieve --via dicomweb (WADO-RS)",
         "mammoterm pacs retrieve --via cmove", "curl, WADO-RS study as one multipart body (no parsing, no files)"]
get, getpdu = rows[0][0], rows[1][0]
for name, (med, lo, hi) in zip(names, rows):
    line = f"  {name:66} {med:6.3f} s median ({lo:.3f}-{hi:.3f}), {b / med / 1e6:6.1f} MB/s ({b / hi / 1e6:.0f}-{b / lo / 1e6:.0f})"
    if name.startswith("mammoterm"):
        ratio = get / med
        line += (f" -> {ratio:.2f}x getscu's throughput ({'meets' if ratio >= 0.8 else 'misses'} >= 0.8x),"
                 f" {getpdu / med:.2f}x getscu -pdu 131072's")
    print(line)
PY
stop_orthanc "$orthanc_pid"

# ---------------------------------------------------------------------------------------------
# 2. C-FIND of 10,000 studies. The filled Orthanc (storage + index) is cached; a rerun copies it.
orthanc_version=$(/usr/sbin/Orthanc --version | awk 'NR == 1 {print $NF}')
filled=$cache/bench-orthanc-10k
stamp="10000 studies v1, Orthanc $orthanc_version"
if [[ ! -f $filled/stamp || $(cat "$filled/stamp") != "$stamp" ]]; then
  echo "filling an Orthanc with 10,000 small MG studies (cached in $filled) ..."
  python3 scripts/bench_archive.py small-studies 10000 "$work/small10k"
  storage_port=$($helper port)
  mkdir -p "$work/fill"
  start_orthanc "$work/fill" "MAMMOTERM=$storage_port"
  $helper upload "http://127.0.0.1:$http_port" "$work/small10k"
  stop_orthanc "$orthanc_pid"
  rm -rf "$filled.tmp" "$work/small10k"; mkdir -p "$filled.tmp"
  cp -a "$work/fill/storage" "$work/fill/index" "$filled.tmp/"
  echo "$stamp" >"$filled.tmp/stamp"
  rm -rf "$filled"; mv "$filled.tmp" "$filled"
fi
mkdir -p "$work/orthanc-10k"
cp -a "$filled/storage" "$filled/index" "$work/orthanc-10k/"
storage_port=$($helper port)
start_orthanc "$work/orthanc-10k" "MAMMOTERM=$storage_port"
write_config "$work/10k.toml" orthanc
q=$work/query
findkeys="-k QueryRetrieveLevel=STUDY -k PatientID -k PatientName -k PatientBirthDate -k StudyDate -k StudyTime -k AccessionNumber -k StudyInstanceUID -k StudyDescription -k ModalitiesInStudy=MG -k NumberOfStudyRelatedInstances"
findscu="env TCP_NODELAY=1 /usr/bin/findscu -S -aet MAMMOTERM -aec ORTHANC $findkeys 127.0.0.1 $dicom_port"
qido="curl -sf -o /dev/null -H 'Accept: application/dicom+json' 'http://127.0.0.1:$http_port/dicom-web/studies?ModalitiesInStudy=MG&includefield=00100010,00100030,00080020,00080030,00080050,00081030,00080061,00201208'"
qlib() { echo "--config $work/10k.toml --library $q/$1/library.sqlite"; }
hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/query.json" \
  --prepare true -n findscu "$findscu" \
  --prepare true -n findscu-sr "$findscu -sr" \
  --prepare "rm -rf $q/dimse" -n dimse "$bin pacs query orthanc --json $(qlib dimse)" \
  --prepare true -n again "$bin pacs query orthanc --json $(qlib kept)" \
  --prepare true -n curl "$qido" \
  --prepare "rm -rf $q/qido" -n qido "$bin pacs query orthanc --via dicomweb --json $(qlib qido)" >/dev/null
mapfile -t qs < <(hstats "$work/query.json")
count=$("$bin" pacs query orthanc --json $(qlib count) | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
((count == 10000)) || { echo "pacs query found $count studies, not 10,000" >&2; exit 1; }
qidocount=$("$bin" pacs query orthanc --via dicomweb --json $(qlib qidocount) | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
# First page: line 51 of the table (the header, then 50 rows) as it reaches a pipe; for findscu
# the 50th "Find Response" it logs (each answer is logged as it arrives).
rm -rf "$q/table"
firsttable=$($helper lines "$runs" 51 -- "$bin" pacs query orthanc $(qlib table))
firstfind=$($helper lines "$runs" 50 "Find Response:" -- env TCP_NODELAY=1 /usr/bin/findscu -S -aet MAMMOTERM -aec ORTHANC $findkeys 127.0.0.1 "$dicom_port")
python3 - "$firsttable" "$firstfind" "$qidocount" "${qs[@]}" <<'PY'
import json, sys
table, find, qidocount = json.loads(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
rows = [list(map(float, x.split())) for x in sys.argv[4:]]
(fmed, flo, fhi), (smed, slo, shi), (dmed, dlo, dhi), (kmed, klo, khi), (cmed, clo, chi), (qmed, qlo, qhi) = rows
def s(m, lo, hi): return f"{m:6.3f} s median ({lo:.3f}-{hi:.3f})"
print("C-FIND, Study Root, STUDY level, ModalitiesInStudy=MG, 10,000 matches, the same 10 return keys:")
print(f"  findscu (logs every answer, its default)                     {s(fmed, flo, fhi)}")
print(f"  findscu -sr (answers not logged)                             {s(smed, slo, shi)}")
print(f"  mammoterm pacs query --json, fresh library (keeps 10,000 rows) {s(dmed, dlo, dhi)} -> {smed / dmed:.2f}x findscu -sr's speed, {fmed / dmed:.2f}x findscu's")
print(f"  mammoterm pacs query --json, rows already kept (updates them)   {s(kmed, klo, khi)}")
t, f = table["toLine"], find["toLine"]
print(f"  first page: table line 51 (header + 50 rows) at {t['median']:.3f} s median ({t['min']:.3f}-{t['max']:.3f}), "
      f"whole table {table['toEnd']['median']:.3f} s; findscu's 50th answer at {f['median']:.3f} s "
      f"({f['min']:.3f}-{f['max']:.3f}) -> {'meets' if t['median'] <= 1.0 else 'misses'} the target (<= 1 s)")
print(f"QIDO-RS /studies?ModalitiesInStudy=MG ({qidocount} matches):")
print(f"  curl (one JSON body, nothing parsed)                         {s(cmed, clo, chi)}")
print(f"  mammoterm pacs query --via dicomweb --json, fresh library      {s(qmed, qlo, qhi)} -> {cmed / qmed:.2f}x curl's speed")
PY
wl=$($helper worklist 3 "$bin" "$q/kept/library.sqlite" "$work/10k.toml" BENCH10K-)
python3 - "$wl" <<'PY'
import json, sys
w = json.loads(sys.argv[1])
r, q = w["toRow"], w["toQuiet"]
print(f"workstation, 10,000 remote rows in the library: first remote row written at {r['median']:.3f} s median "
      f"({r['min']:.3f}-{r['max']:.3f}) after launch, screen complete at {q['median']:.3f} s "
      f"-> {'meets' if r['median'] <= 1.0 else 'misses'} the target (<= 1 s)")
PY
stop_orthanc "$orthanc_pid"

# ---------------------------------------------------------------------------------------------
# 3. pacs listen against storescp: 1,000 64x64 MG instances (250 four-view studies), one association.
small=$cache/bench-instances-1k-v1
if [[ ! -d $small ]]; then
  python3 scripts/bench_archive.py small-instances 1000 "$small.tmp" && mv "$small.tmp" "$small"
fi
printf '# bench\n' >"$work/listen.toml"
mkdir -p "$work/listen"
ls=$($helper listen "$runs" "$small" "$work/listen" "$work/listen.toml" "$shim" -- "$bin")
python3 - "$ls" <<'PY'
import json, sys
l = json.loads(sys.argv[1]); n = l["instances"]
m, p, r = l["mammoterm"], l["storescp"], l["ratio"]
print(f"C-STORE of {n} instances of 9 KB (one storescu association, TCP_NODELAY=1):")
print(f"  storescp -od DIR                     {p['median']:.3f} s median ({p['min']:.3f}-{p['max']:.3f}), {n / p['median']:6.0f} instances/s")
print(f"  mammoterm pacs listen (fresh library) {m['median']:.3f} s median ({m['min']:.3f}-{m['max']:.3f}), {n / m['median']:6.0f} instances/s"
      f" -> {r['median']:.2f}x storescp's rate (pairs {r['min']:.2f}-{r['max']:.2f}; {'meets' if r['median'] >= 0.8 else 'misses'} >= 0.8x)")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
