#!/usr/bin/env python3
"""The workstation replayed as a reader uses it, for `make bench` (called by
scripts/bench-workstation.sh): the real `mammoterm` binary in a pseudo-terminal of 160x50
cells, keys typed one at a time, every byte it writes read back.

For each key:
  latency  from writing the key to the last byte of the screen update it caused (the update
           ends when the program has been silent for QUIET seconds; that silence is not
           counted). This is key -> frame as the terminal sees it, ncurses output included.
  bytes    everything written for that key: text cells, escape sequences and any image.
  cpu      processor time the program (all its threads) spent on that key, from /proc: on a
           loaded machine the wall latency grows with the load, this much less.
Peak RSS is the process's VmHWM from /proc after the replay.

    bench_workstation.py MAMMOTERM LIBRARY MODE          # MODE: braille | sixel
    bench_workstation.py MAMMOTERM LIBRARY worklist      # paging through a large worklist
    bench_workstation.py MAMMOTERM LIBRARY tools-MODE [SEARCH]  # issue 15's reading tools, MODE as
                                                        # above, on the study SEARCH finds

Prints one JSON object.
"""
import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time

COLUMNS, ROWS = 160, 50
CELL = (10, 20)  # pixels per cell reported through TIOCGWINSZ (sixel sizes its raster from it)
QUIET = 0.25
PGDN = "\x1b[6~"
# Arrow keys as xterm sends them in keypad (application) mode, which curses turns on.
RIGHT, LEFT, DOWN = "\x1bOC", "\x1bOD", "\x1bOB"


class Session:
    def __init__(self, binary, library, graphics):
        env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8")
        env.pop("TMUX", None)
        env["XDG_CONFIG_HOME"] = "/nonexistent"  # the user's config must not change the run
        pid, fd = pty.fork()
        if pid == 0:
            winsize = struct.pack("HHHH", ROWS, COLUMNS, COLUMNS * CELL[0], ROWS * CELL[1])
            fcntl.ioctl(1, termios.TIOCSWINSZ, winsize)
            os.execve(binary, [binary, "--library", library, "--graphics", graphics], env)
        self.pid, self.fd = pid, fd

    def settle(self, quiet=QUIET, limit=120.0, first=None):
        """Reads until the program is silent for `quiet` seconds (waiting up to `first` seconds
        for the first byte, when given); returns (bytes, last byte time)."""
        total, last = 0, None
        start = time.perf_counter()
        while True:
            ready, _, _ = select.select([self.fd], [], [], first if first and last is None else quiet)
            if not ready:
                return total, last
            try:
                chunk = os.read(self.fd, 1 << 20)
            except OSError:
                return total, last
            if not chunk:
                return total, last
            total += len(chunk)
            last = time.perf_counter()
            if last - start > limit:
                raise SystemExit(f"no quiet moment within {limit} s")

    def cpu_ms(self):
        with open(f"/proc/{self.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")  # utime + stime

    def press(self, key, quiet=QUIET):
        cpu = self.cpu_ms()
        sent = time.perf_counter()
        os.write(self.fd, key.encode())
        total, last = self.settle(quiet)
        return {"key": key, "ms": (last - sent) * 1000 if last else None, "bytes": total,
                "cpuMs": self.cpu_ms() - cpu}

    def peak_rss_mb(self):
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return None

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def summary(presses):
    times = [p["ms"] for p in presses if p["ms"] is not None]
    sizes = [p["bytes"] for p in presses]
    cpu = [p["cpuMs"] for p in presses if p["ms"] is not None]
    return {
        "keys": len(presses),
        "answered": len(times),
        "medianMs": statistics.median(times) if times else None,
        "maxMs": max(times) if times else None,
        "medianCpuMs": statistics.median(cpu) if cpu else None,
        "medianBytes": statistics.median(sizes) if sizes else None,
        "maxBytes": max(sizes) if sizes else None,
    }


def reading(binary, library, mode):
    s = Session(binary, library, mode)
    try:
        startup_bytes, _ = s.settle(quiet=1.0, first=60)
        opened = s.press("\r", quiet=3.0)          # cold: decodes the four full-size views
        warm = [s.press(k) for k in "12340" * 2]    # every view once, so each is decoded
        views = [s.press(k) for k in "12340" * 3]    # decoded and cached: what a reader flips through
        # Every window change a new (width, centre): a path that never revisits one, so no
        # press is answered from the picture cache.
        window = [s.press(k) for k in "w" * 6 + "c" * 6 + "W" * 12 + "C" * 12]
        s.press("r")
        status_only = [s.press("l") for _ in range(5)]  # "zoom in to pan": the status line alone
        zoom = [s.press(k) for k in "+lljj-"]
        # Annotation mode on RCC: the cursor moved (each press a new picture with the cursor drawn),
        # zoomed in at the cursor, a box drawn corner to corner (its label form saved unchanged).
        s.press("1")
        s.press("A", quiet=1.0)
        cursor = [s.press(k) for k in [RIGHT] * 6 + ["j"] * 6 + [LEFT] * 6 + ["k"] * 6]
        annotate_zoom = [s.press(k) for k in "++-+"]
        draw = [s.press(k) for k in [" "] + [RIGHT] * 3 + [DOWN] * 3 + [" ", "\r"]]
        s.press("q")
        rss = s.peak_rss_mb()
        s.press("q")
        return {
            "mode": mode, "startupBytes": startup_bytes, "openStudy": opened,
            "viewSwitch": summary(views), "windowChange": summary(window),
            "statusLineOnly": summary(status_only), "zoomAndPan": summary(zoom),
            "annotationCursor": summary(cursor), "annotationZoom": summary(annotate_zoom), "annotationDraw": summary(draw),
            "warmUp": summary(warm), "peakRSSMB": rss,
        }
    finally:
        s.close()


def tools(binary, library, mode, search=None):
    """Issue 15's reading tools on the study first in the worklist, every action a new picture:
    layouts (L), fit to breast (f), the prior beside (p), window presets (5-8), the AI and truth
    overlays (a o), map opacity (< >) and contours (e), the magnifier following the cursor (g,
    arrows), the pixel probe (v, arrows) and a measurement (m, arrows, Enter)."""
    s = Session(binary, library, mode)
    try:
        s.settle(quiet=1.0, first=60)
        if search:                              # a study that has a prior (the samples' SYN-0003)
            s.press("/")
            for k in search:
                s.press(k)
            s.press("\r")
        s.press("\r", quiet=3.0)
        for k in "12340":                       # every view decoded once
            s.press(k, quiet=1.0)
        layouts = [s.press(k) for k in "L" * 10]   # 2x2 -> 1x4 -> CC -> MLO -> single -> 2x2, twice
        fit = [s.press("f") for _ in range(4)]
        prior = [s.press("p") for _ in range(4)]
        presets = [s.press(k) for k in "5678" * 3]
        s.press("r")
        overlays = [s.press(k) for k in "aoao"]     # AI, AI + truth, truth, off
        s.press("a")
        opacity = [s.press(k) for k in "<<<>>>"]
        contour = [s.press(k) for k in "eeee"]
        s.press("a")
        s.press("1", quiet=1.0)
        s.press("g")
        lens = [s.press(k) for k in [RIGHT] * 6 + [DOWN] * 6]
        s.press("g")
        s.press("v")
        probe = [s.press(k) for k in [RIGHT] * 6 + [DOWN] * 6]
        s.press("v")
        measure = [s.press(k) for k in ["m"] + [RIGHT] * 4 + ["\r"] + [DOWN] * 4 + ["\r"]]
        s.press("\x1b")
        return {"mode": mode, "layout": summary(layouts), "fit": summary(fit), "prior": summary(prior),
                "presets": summary(presets), "overlays": summary(overlays), "opacity": summary(opacity),
                "contour": summary(contour), "lens": summary(lens), "probe": summary(probe),
                "measure": summary(measure), "peakRSSMB": s.peak_rss_mb()}
    finally:
        s.close()


def worklist(binary, library):
    s = Session(binary, library, "braille")
    try:
        started = time.perf_counter()
        _, last = s.settle(quiet=1.0, first=60)
        startup = (last - started) * 1000 if last else None
        pages = [s.press(PGDN) for _ in range(30)]
        lines = [s.press("j") for _ in range(20)]
        sort = [s.press(k) for k in ">>r"]          # sort by the next columns, then reverse: all rows re-ordered
        rss = s.peak_rss_mb()
        return {"mode": "worklist", "startupMs": startup, "pageDown": summary(pages),
                "lineDown": summary(lines), "reverseSort": summary(sort), "peakRSSMB": rss}
    finally:
        s.close()


def main():
    binary, library, mode = sys.argv[1:4]
    if mode == "worklist":
        result = worklist(binary, library)
    elif mode.startswith("tools-"):
        result = tools(binary, library, mode[len("tools-"):], sys.argv[4] if len(sys.argv) > 4 else None)
    else:
        result = reading(binary, library, mode)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
