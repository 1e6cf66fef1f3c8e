"""Builds the starting inputs for the DICOM fuzz targets (header_scan, dcmtk, rle) in OUT.

Run once before the first long fuzz run; libFuzzer's -merge=1 then keeps only the inputs that add
coverage, and those are what fuzz/corpus/ commits. Sources: pydicom's test files (every transfer
syntax, malformed files), the first bytes of the bundled synthetic mammograms and of the cached
CBIS-DDSM files (headers of real scanners' files), and tiny images cut from a sample and
re-encoded with DCMTK's own tools (RLE, JPEG, JPEG-LS) so every decoder sees a small frame.

    python3 fuzz/seeds/make-dicom-seeds.py OUT TESTDATA_DIR SAMPLES_DIR
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pydicom
from pydicom.uid import ExplicitVRLittleEndian, RLELossless

out, testdata, samples = (Path(a) for a in sys.argv[1:4])
dicom_dir, rle_dir = out / "dicom", out / "rle"
for d in (dicom_dir, rle_dir):
    d.mkdir(parents=True, exist_ok=True)

# pydicom's test files, small ones only: mammograms are large, the corpus must stay small.
pyfiles = testdata / "pydicom" / "pydicom" / "data" / "test_files"
for f in sorted(pyfiles.glob("*.dcm")):
    if f.stat().st_size <= 48 * 1024:
        shutil.copy(f, dicom_dir / f.name)

# Headers of real and synthetic mammograms: the first 8 KiB (pixel data cut off).
heads = sorted(samples.rglob("*.dcm"))[:6] + sorted((testdata / "mammograms").rglob("*.dcm"))[:3]
for i, f in enumerate(heads):
    (dicom_dir / f"head-{i}-{f.name}").write_bytes(f.read_bytes()[: 8 * 1024])

# Tiny images: a 16x12 crop of a sample, then re-encoded by DCMTK.
source = pydicom.dcmread(heads[0])
tiny = source.copy()
pixels = source.pixel_array[:12, :16].astype(np.uint16)
tiny.Rows, tiny.Columns = pixels.shape
tiny.PixelData = pixels.tobytes()
tiny.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
base = dicom_dir / "tiny-explicit.dcm"
tiny.save_as(base, enforce_file_format=True)
for tool, flags, name in [("dcmcrle", [], "tiny-rle.dcm"), ("dcmcjpls", [], "tiny-jpls.dcm"),
                          ("dcmcjpeg", ["+e1"], "tiny-jpeg-lossless.dcm"), ("dcmconv", ["+ti"], "tiny-implicit.dcm"),
                          ("dcmconv", ["+tb"], "tiny-bigendian.dcm"), ("dcmconv", ["+td"], "tiny-deflate.dcm")]:
    subprocess.run([tool, *flags, str(base), str(dicom_dir / name)], check=True)
tiny8 = tiny.copy()
tiny8.BitsAllocated, tiny8.BitsStored, tiny8.HighBit = 8, 8, 7
tiny8.PixelData = (pixels >> 8).astype(np.uint8).tobytes()
tiny8.save_as(dicom_dir / "tiny-8bit.dcm", enforce_file_format=True)
subprocess.run(["dcmcjpeg", str(dicom_dir / "tiny-8bit.dcm"), str(dicom_dir / "tiny-jpeg-baseline.dcm")], check=True)

# The RLE target's inputs: 7 geometry bytes as fuzz_rle.cpp reads them, then frame 0's fragment.
allocated_choices = [8, 16, 32, 24, 1, 12, 40, 64]
for f in sorted(dicom_dir.glob("*.dcm")):
    try:
        ds = pydicom.dcmread(f)
        if ds.file_meta.TransferSyntaxUID != RLELossless:
            continue
        frame = next(pydicom.encaps.generate_frames(ds.PixelData, number_of_frames=int(ds.get("NumberOfFrames", 1))))
    except Exception:
        continue
    if ds.Rows > 64 or ds.Columns > 64 or ds.BitsAllocated not in allocated_choices:
        continue
    stored = int(ds.get("BitsStored", ds.BitsAllocated))
    high = int(ds.get("HighBit", stored - 1))
    geometry = bytes([ds.Rows - 1, ds.Columns - 1, int(ds.SamplesPerPixel) - 1, allocated_choices.index(ds.BitsAllocated),
                      (stored - 1) % min(ds.BitsAllocated, 32), high - (stored - 1), int(ds.PixelRepresentation) & 1])
    (rle_dir / f.name).write_bytes(geometry + frame)
print(f"{len(list(dicom_dir.iterdir()))} DICOM seeds, {len(list(rle_dir.iterdir()))} RLE seeds in {out}")
