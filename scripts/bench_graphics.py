#!/usr/bin/env python3
"""The peer half of scripts/bench-graphics.sh: img2sixel and chafa on the raster mammoterm-bench
wrote, timed as processes (best of N), and PSNR of every sixel file (ours and theirs) decoded by
ImageMagick against that raster. Prints the table; the JSON lines from mammoterm-bench come in
on stdin.

    mammoterm-bench graphics FILE OUT | scripts/bench_graphics.py OUT
"""
import json
import math
import os
import subprocess
import sys
import time

import numpy

CONVERT = "/usr/bin/convert"  # ImageMagick 6 by full path: it reads sixel
REPEATS = 7


def best_of(command, stdout_path):
    """Fastest wall time of REPEATS runs of a process writing stdout to a file."""
    fastest = math.inf
    for _ in range(REPEATS):
        with open(stdout_path, "wb") as out:
            start = time.perf_counter()
            subprocess.run(command, stdout=out, stderr=subprocess.DEVNULL, check=True)
            fastest = min(fastest, time.perf_counter() - start)
    return fastest


def rgb(path, folder):
    """8-bit RGB pixels of a PNG or sixel file. Sixel goes through PNG: ImageMagick 6.9's sixel
    reader leaves direct rgb: output black."""
    if path.endswith(".six"):
        png = os.path.join(folder, os.path.basename(path) + ".png")
        subprocess.run([CONVERT, path, png], check=True)
        path = png
    size = subprocess.run([CONVERT, path, "-format", "%w %h", "info:"], check=True, capture_output=True, text=True)
    width, height = map(int, size.stdout.split())
    raw = subprocess.run([CONVERT, path, "-alpha", "off", "-depth", "8", "rgb:-"], check=True, capture_output=True).stdout
    return numpy.frombuffer(raw, dtype=numpy.uint8).reshape(height, width, 3)


def psnr(reference, decoded):
    """PSNR in dB over all three channels; the decoded image must have the reference's size."""
    if reference.shape != decoded.shape:
        raise SystemExit(f"decoded size {decoded.shape[1]}x{decoded.shape[0]} differs from the raster's "
                         f"{reference.shape[1]}x{reference.shape[0]}")
    mse = numpy.mean((reference.astype(numpy.float64) - decoded.astype(numpy.float64)) ** 2)
    return math.inf if mse == 0 else 10 * math.log10(255 ** 2 / mse)


def main():
    folder = sys.argv[1]
    ours = [json.loads(line) for line in sys.stdin if line.strip()]
    raster = next(m for m in ours if m["measure"] == "raster")
    width, height = raster["width"], raster["height"]
    pixels = width * height
    png, ppm = os.path.join(folder, "raster.png"), os.path.join(folder, "raster.ppm")
    reference = rgb(png, folder)

    # A 1x1 picture: img2sixel's process start, library loading and output, with no image work.
    tiny = os.path.join(folder, "tiny.png")
    subprocess.run([CONVERT, "-size", "1x1", "xc:gray50", tiny], check=True)
    startup = best_of(["img2sixel", tiny], os.path.join(folder, "tiny.six"))

    peers = [
        ("img2sixel (PNG in)", ["img2sixel", png], "img2sixel-png.six"),
        ("img2sixel (PPM in)", ["img2sixel", ppm], "img2sixel-ppm.six"),
        # chafa sizes sixel output in cells of 8x8 px when not on a terminal: ask for exactly
        # the raster's size (mammoterm-bench makes it a multiple of 8).
        ("chafa -f sixel", ["chafa", "-f", "sixel", "--size", f"{width // 8}x{height // 8}", "--stretch", png], "chafa.six"),
    ]
    rows = []
    for m in (m for m in ours if m["measure"] == "sixel"):
        decoded = rgb(m["file"], folder)
        rows.append((f"mammoterm, {m['greys']} greys" + (", dithered" if m["dithering"] else ""),
                     m["seconds"], m["bytes"], psnr(reference, decoded)))
    for name, command, out in peers:
        out = os.path.join(folder, out)
        seconds = best_of(command, out)
        rows.append((name, seconds, os.path.getsize(out), psnr(reference, rgb(out, folder))))

    ours_full = next(r for r in rows if r[0].startswith("mammoterm, 101"))
    img2sixel_png = next(r for r in rows if r[0] == "img2sixel (PNG in)")
    img2sixel_ppm = next(r for r in rows if r[0] == "img2sixel (PPM in)")

    print(f"sixel, {width}x{height} raster ({pixels / 1e6:.2f} Mpx; heat map and outline on "
          f"{raster['overlayPixels'] / pixels:.1%} of pixels); processes best of {REPEATS}, mammoterm in process best of 25:")
    print(f"  {'encoder':<28} {'time ms':>8} {'bytes':>9} {'B/px':>7} {'PSNR dB':>8}")
    for name, seconds, size, quality in rows:
        print(f"  {name:<28} {seconds * 1000:8.1f} {size:9d} {size / pixels:7.3f} {quality:8.1f}")
    print(f"  img2sixel process start (1x1 PNG): {startup * 1000:.1f} ms; "
          f"mammoterm raster conversion (DisplayRaster from RGB): {raster['conversionSeconds'] * 1000:.1f} ms")
    encode = ours_full[1]
    with_conversion = encode + raster["conversionSeconds"]
    print(f"  mammoterm 101-grey encode / img2sixel (PNG in): {encode / img2sixel_png[1]:.2f}x "
          f"(target <= 0.25x); with the raster conversion: {with_conversion / img2sixel_png[1]:.2f}x")
    ppm_work = img2sixel_ppm[1] - startup
    if ppm_work > 0:
        print(f"  against img2sixel's own work (PPM in, less process start: {ppm_work * 1000:.1f} ms): "
              f"{with_conversion / ppm_work:.2f}x")
    for name, _, size, quality in rows:
        if name.startswith("mammoterm"):
            verdict = "meets" if size <= img2sixel_png[2] and quality >= 40 else "misses"
            print(f"  {name}: {size / pixels:.3f} B/px vs img2sixel {img2sixel_png[2] / pixels:.3f} at "
                  f"{quality:.1f} dB -> {verdict} the target (B/px <= img2sixel's, PSNR >= 40 dB)")

    print("cells, full 160x50 screen (8000 cells), bytes per cell (encode ms):")
    cells = [m for m in ours if m["measure"] == "cells"]
    for layout, label in (("fitted", "view fitted to the screen"), ("zoomed", "zoomed, every cell image")):
        parts = []
        for m in (m for m in cells if m["layout"] == layout):
            depth = "24-bit" if m["depth"] == "truecolor" else "256"
            parts.append(f"{m['mode']} {depth}: {m['bytesPerCell']:.1f} ({m['seconds'] * 1000:.1f})")
        print(f"  {label}: " + "; ".join(parts))


if __name__ == "__main__":
    main()
