#!/usr/bin/env bash
# The README's pictures of the monitor: the M screen with Site C selected (docs/monitor-screen.png,
# xterm under Xvfb showing a tmux session that was driven there) and `monitor --png`'s charts
# (docs/monitor-charts.png), both on the monitor end-to-end test's library (Site C's detector
# changed in week 7; MonitorScenarioLibrary), which the test keeps in a folder for this.
#   scripts/monitor-screen-shot.sh [OUTDIR]      (default: docs)
# Needs the debug build with tests (`swift build --build-tests`), tmux, xvfb, xterm, x11-apps,
# fonts-dejavu-core and imagemagick.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs}; mkdir -p "$out"
bin=${MAMMOTERM_BIN:-$PWD/.build/debug/mammoterm}
work=$(mktemp -d) sock=$(mktemp -u /tmp/monitor-shot.XXXXXX)
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$work" "$sock"' EXIT
export LANG=C.UTF-8

# The library and its config.toml (minimum_exams = 3), kept by the end-to-end test.
MAMMOTERM_MONITOR_E2E_KEEP=$work swift test --skip-build --filter MonitorEndToEndTests >"$work/test.log" 2>&1 \
  || { tail -20 "$work/test.log" >&2; exit 1; }
library=$work/library.sqlite
XDG_CONFIG_HOME=$work MAMMOTERM_LIBRARY="" "$bin" monitor --library "$library" --by site --png "$out/monitor-charts.png" >/dev/null

# The workstation in tmux: M, then j until the detail panel is Site C's.
tmux -S "$sock" -f /dev/null new-session -d -s shot -x 160 -y 50 -e TERM=tmux-256color \
  "XDG_CONFIG_HOME='$work' MAMMOTERM_LIBRARY='' '$bin' --library '$library' --graphics braille; sleep 600"
tmux -S "$sock" set -g status off
screen() { tmux -S "$sock" capture-pane -p -t shot; }
waitfor() { for _ in $(seq 600); do screen | grep -qE "$1" && return 0; sleep 0.2; done; echo "gave up waiting for /$1/" >&2; exit 1; }
waitfor "mammoterm · Worklist"
tmux -S "$sock" send-keys -t shot M
waitfor "site=Site C"   # listed once the monitor is computed
for _ in $(seq 10); do screen | grep -q " site=Site C · window " && break; tmux -S "$sock" send-keys -t shot j; sleep 0.5; done
sleep 1
# xterm under Xvfb attached to that session. Not ../shared/tools/xterm-shot: its bitmap font has
# no braille (the sparklines), DejaVu Sans Mono with fontconfig's fallback has.
for n in $(seq 90 140); do [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] || break; done
Xvfb ":$n" -screen 0 1400x1000x24 -nolisten tcp >/dev/null 2>&1 & xv=$!
trap 'kill $xv ${xt:-} 2>/dev/null || true; tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$work" "$sock"' EXIT
for _ in $(seq 100); do [[ -S /tmp/.X11-unix/X$n ]] && break; sleep 0.05; done
DISPLAY=":$n" xterm -u8 -T monitor-shot -geometry 160x50+0+0 -fa "DejaVu Sans Mono" -fs 8 -bg black -fg white -b 0 \
  -e env TERM=xterm-256color tmux -S "$sock" attach -t shot >/dev/null 2>&1 & xt=$!
sleep 3
DISPLAY=":$n" xwd -name monitor-shot -silent | /usr/bin/convert xwd:- "$work/screen.png"
# Palette PNG: a terminal picture has few colours, so it stays small.
/usr/bin/convert "$work/screen.png" +dither -colors 64 PNG8:"$out/monitor-screen.png"
ls -l "$out/monitor-screen.png" "$out/monitor-charts.png"
