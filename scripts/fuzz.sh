#!/usr/bin/env bash
# The libFuzzer targets (FUZZING.md): build them, replay the committed corpus, or fuzz for a while
# and merge what was found back into fuzz/corpus/.
#
#   scripts/fuzz.sh build                 build every target (cached in .build-fuzz/)
#   scripts/fuzz.sh replay [TARGET...]    run each target over fuzz/corpus/TARGET and
#                                         fuzz/regressions/TARGET once, no new inputs; non-zero
#                                         when any input crashes (make test)
#   scripts/fuzz.sh run [TARGET...]       fuzz each for FUZZ_SECONDS (default 120), then merge the
#                                         new inputs into fuzz/corpus/TARGET, minimised (make fuzz)
#   scripts/fuzz.sh merge [TARGET...]     minimise fuzz/corpus/TARGET with what .build-fuzz/work holds
#
# fuzz/regressions/TARGET holds every input that once crashed, by hand: merging keeps only inputs
# that add coverage, and would drop them.
# Targets: header_scan rle dcmtk sr (C++, clang from the Swift toolchain) and reply toml json csv
# (Swift, one executable picking its target by MT_FUZZ_TARGET). Crashing inputs land in
# .build-fuzz/artifacts/; execs of each run are appended to .build-fuzz/execs.log.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/.build-fuzz
corpus=$root/fuzz/corpus
c_targets=(header_scan rle dcmtk sr)
swift_targets=(reply toml json csv)
all_targets=("${c_targets[@]}" "${swift_targets[@]}")
seconds=${FUZZ_SECONDS:-120}
toolchain=$(dirname "$(readlink -f "$(command -v swift)")")
cxx=${FUZZ_CXX:-$toolchain/clang++}
# TOMLKit's own leaks (fuzz/lsan.supp says which); everything else is still reported.
export LSAN_OPTIONS=suppressions=$root/fuzz/lsan.supp:print_suppressions=0
# A crash must reach libFuzzer's handler at once; Swift's backtracer would wait on it instead.
export SWIFT_BACKTRACE=enable=no
# A smaller quarantine (default 256 MB) keeps long runs' resident size down; use-after-free is still caught.
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=64}

# Kept small so the committed corpus stays small (a few hundred KB): the header scanner also cuts
# every input short itself, so its "read more" path is reached without 16 KiB inputs.
max_len() {
  case $1 in
    header_scan) echo 1024 ;;
    dcmtk) echo 2560 ;;
    sr) echo 8192 ;;
    rle|reply) echo 2048 ;;
    *) echo 1024 ;;
  esac
}

# libFuzzer options for every run. DCMTK's global data dictionary and codec registries live until
# exit and are reported as leaks by LeakSanitizer (not ours; the shim frees what it makes), so the
# DCMTK target runs without leak detection.
options() {
  local t=$1
  local o=(-rss_limit_mb=3072 -timeout=20 -max_len="$(max_len "$t")")
  # DCMTK allocates frames of up to 2^28 samples for a lying header (the shim's own limit); the
  # process's resident size then creeps past 3 GB over a long run although no input needs more
  # than ~50 MB. -malloc_limit_mb still stops any single allocation above 2 GB.
  [[ $t == dcmtk || $t == sr ]] && o+=(-detect_leaks=0 -rss_limit_mb=6144 -malloc_limit_mb=2048)
  echo "${o[@]}"
}

dcmtk_libs=(-ldcmjpls -ldcmtkcharls -ldcmjpeg -lijg8 -lijg12 -lijg16 -ldcmimage -ldcmimgle -ldcmdata -loflog -lofstd
            -lopenjp2 -lz)
cflags=(-std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -fuse-ld=lld
        -Wno-deprecated-declarations -ISources/CDCMTK/include)

# Rebuilds $1 from the remaining sources when any of them (or this script) is newer.
build_c() {
  local binary=$1; shift
  local sources=("$@")
  if [[ -x $binary ]] && [[ -z $(find "${sources[@]}" Sources/CDCMTK/internal.h Sources/CDCMTK/include fuzz/c/tags.h "$0" \
                                 -newer "$binary" 2>/dev/null | head -1) ]]; then
    return
  fi
  echo "building $(basename "$binary")" >&2
  "$cxx" "${cflags[@]}" "${sources[@]}" "${dcmtk_libs[@]}" -o "$binary.tmp"
  mv "$binary.tmp" "$binary"
}

build() {
  mkdir -p "$out/bin"
  build_c "$out/bin/header_scan" fuzz/c/fuzz_header_scan.cpp Sources/CDCMTK/header_scan.cpp
  build_c "$out/bin/rle" fuzz/c/fuzz_rle.cpp Sources/CDCMTK/cdcmtk.cpp
  build_c "$out/bin/dcmtk" fuzz/c/fuzz_dcmtk.cpp Sources/CDCMTK/cdcmtk.cpp
  build_c "$out/bin/sr" fuzz/c/fuzz_sr.cpp Sources/CDCMTK/sr.cpp Sources/CDCMTK/cdcmtk.cpp -ldcmsr
  # Release: the Swift parsers run several times faster than in debug, which is what fuzzing needs.
  (cd fuzz/swift && swift build -c release --scratch-path "$out/swift" -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld \
     -Xcxx -fsanitize=fuzzer-no-link,address 2>&1 | grep -v "^\[\|^Building\|^Build complete\|Compiling\|Write\|Planning" >&2 || true)
  [[ -x $out/swift/release/MammotermFuzz ]] || { echo "the Swift fuzz targets did not build" >&2; exit 1; }
  for t in "${swift_targets[@]}"; do
    # One executable serves every Swift target; a wrapper per target keeps the loop below uniform.
    printf '#!/bin/sh\nMT_FUZZ_TARGET=%s exec "%s" "$@"\n' "$t" "$out/swift/release/MammotermFuzz" > "$out/bin/$t"
    chmod +x "$out/bin/$t"
  done
}

targets() {
  if (($# == 0)); then echo "${all_targets[@]}"; return; fi
  for t in "$@"; do
    [[ " ${all_targets[*]} " == *" $t "* ]] || { echo "unknown target $t (targets: ${all_targets[*]})" >&2; exit 2; }
  done
  echo "$@"
}

replay() {
  local failed=()
  for t in $(targets "$@"); do
    [[ -d $corpus/$t ]] || { echo "no corpus for $t" >&2; failed+=("$t"); continue; }
    mkdir -p "$out/artifacts"
    local dirs=("$corpus/$t")
    [[ -d $root/fuzz/regressions/$t ]] && dirs+=("$root/fuzz/regressions/$t")
    local n; n=$(find "${dirs[@]}" -type f | wc -l)
    # -runs=0: run every input once, mutate nothing; -max_len=0: regressions may be longer than fuzzing's limit.
    # shellcheck disable=SC2046
    if "$out/bin/$t" $(options "$t") -max_len=0 -runs=0 -artifact_prefix="$out/artifacts/$t-" "${dirs[@]}" >"$out/replay-$t.log" 2>&1; then
      echo "fuzz replay $t: $n inputs, no crash"
    else
      echo "fuzz replay $t: FAILED (log: $out/replay-$t.log)" >&2
      tail -40 "$out/replay-$t.log" >&2
      failed+=("$t")
    fi
  done
  ((${#failed[@]} == 0)) || { echo "fuzz replay failed: ${failed[*]}" >&2; exit 1; }
}

merge() {
  local t=$1
  local merged=$out/merged/$t staging=$out/staging/$t limit
  limit=$(max_len "$t")
  rm -rf "$merged" "$staging"; mkdir -p "$merged" "$staging" "$corpus/$t" "$out/work/$t"
  # -merge=1 keeps inputs longer than -max_len whole: cut them first, so the corpus stays small.
  find "$corpus/$t" "$out/work/$t" -type f -print0 | while IFS= read -r -d '' f; do
    head -c "$limit" "$f" > "$staging/$(basename "$f")"
  done
  # -use_counters=0: keep an input for the edges it reaches, not for how often it takes them, which
  # keeps a tenth of the inputs for the same code reached.
  # shellcheck disable=SC2046
  "$out/bin/$t" $(options "$t") -use_counters=0 -merge=1 "$merged" "$staging" >"$out/merge-$t.log" 2>&1
  rm -rf "${corpus:?}/$t" "$staging"; mv "$merged" "$corpus/$t"
  echo "fuzz merge $t: $(find "$corpus/$t" -type f | wc -l) inputs, $(du -sb "$corpus/$t" | cut -f1) bytes"
}

run() {
  for t in $(targets "$@"); do
    mkdir -p "$out/work/$t" "$out/artifacts" "$corpus/$t"
    local log=$out/run-$t.log
    # New inputs go to work/ (first directory); the committed corpus seeds the run.
    # shellcheck disable=SC2046
    "$out/bin/$t" $(options "$t") -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$out/artifacts/$t-" \
      "$out/work/$t" "$corpus/$t" >"$log" 2>&1 || { echo "fuzz run $t: crashed, see $log and $out/artifacts/" >&2; tail -40 "$log" >&2; exit 1; }
    local execs; execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    echo "$(date -u +%FT%TZ) $t ${seconds}s execs=${execs:-?}" >> "$out/execs.log"
    echo "fuzz run $t: ${execs:-?} execs in ${seconds}s"
    merge "$t"
  done
}

command=${1:-}
shift || true
case $command in
  build) build ;;
  replay) build; replay "$@" ;;
  run) build; run "$@" ;;
  merge) build; for t in $(targets "$@"); do merge "$t"; done ;;
  *) sed -n '2,16p' "$0" >&2; exit 2 ;;
esac
