#!/usr/bin/env python3
"""The peer half of `make bench`: pydicom measured the way mammoterm-bench measures itself.

    bench_peer.py headers DIR...   dcmread(stop_before_pixels=True) of every .dcm, best of 5
    bench_peer.py decode FILE      ds.pixel_array alone (no window, no resize), best of 5
Prints one JSON line, as mammoterm-bench does.
"""
import json
import os
import sys
import time

import pydicom


def files(roots):
    out = []
    for root in roots:
        for folder, _, names in os.walk(root):
            out += [os.path.join(folder, n) for n in names if n.endswith(".dcm")]
    return sorted(out)


def headers(roots):
    paths = files(roots)
    best = float("inf")
    for _ in range(5):
        ok = 0
        start = time.perf_counter()
        for p in paths:
            try:
                pydicom.dcmread(p, stop_before_pixels=True)
                ok += 1
            except Exception:
                pass
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"measure": "headers", "peer": f"pydicom {pydicom.__version__}", "files": len(paths),
                      "readable": ok, "seconds": best, "filesPerSecond": len(paths) / best}))


def decode(path):
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        ds = pydicom.dcmread(path)
        arr = ds.pixel_array
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"measure": "decode", "peer": f"pydicom {pydicom.__version__}", "shape": list(arr.shape),
                      "seconds": best}))


if __name__ == "__main__":
    {"headers": lambda: headers(sys.argv[2:]), "decode": lambda: decode(sys.argv[2])}[sys.argv[1]]()
