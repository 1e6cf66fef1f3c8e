#!/usr/bin/env python3
"""Builds the damaged-file corpora of issue 13 (a test oracle; run with the test venv's pydicom).

Usage: make-damaged-corpus.py OUT SAMPLES [CBIS_RLE_FILE]

OUT/a: twelve damaged copies of one synthetic view beside the good file (all one SOP Instance UID).
OUT/b: damaged files beside good ones, some from a CBIS-DDSM RLE film (when given), the
       identity conflicts (wrong patient, one SOP or study UID under two owners) and non-UTF-8 names.
OUT/c: lengths 0xFFFFFFF0 in five places, BitsAllocated 1/32/64, PALETTE, a million frames, an
       unknown transfer syntax, a 5000-deep sequence, NaN and huge window/rescale values, loops
       and odd names.
OUT/manifest.json: {"a"|"b"|"c": {relative name: {"expect": "import"|"skip"|"conflict"|"ignored",
       "code": reason code or null, "why": what was done to it}}}. A name byte that is not UTF-8
       is written as mammoterm carries it (FileName): U+F700 plus the byte.
"""
import copy
import json
import os
import random
import shutil
import struct
import sys

import pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import generate_uid, ExplicitVRLittleEndian

out, samples = sys.argv[1], sys.argv[2]
cbis = sys.argv[3] if len(sys.argv) > 3 else None
rng = random.Random(13)
manifest = {"a": {}, "b": {}, "c": {}}


def folder(name):
    path = os.path.join(out, name)
    os.makedirs(path, exist_ok=True)
    return path


def portable(name):
    """The name as mammoterm spells a path that is not UTF-8: each such byte as U+F780...U+F7FF."""
    return "".join(chr(0xF700 + ord(c) - 0xDC00) if 0xDC80 <= ord(c) <= 0xDCFF else c for c in name)


def note(corpus, name, expect, code, why):
    manifest[corpus][portable(name)] = {"expect": expect, "code": code, "why": why}


def view(name):
    """A bundled synthetic view (JPEG-LS, 832x1024, 12 of 16 bits)."""
    for root, _, files in sorted(os.walk(samples)):
        for file in sorted(files):
            if file == name:
                return os.path.join(root, file)
    raise SystemExit(f"no {name} under {samples}")


def fresh(ds, study=True, series=True):
    """A copy with its own instance (and study/series) identity."""
    ds = copy.deepcopy(ds)
    ds.SOPInstanceUID = generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    if study:
        ds.StudyInstanceUID = generate_uid()
    if series:
        ds.SeriesInstanceUID = generate_uid()
    return ds


def save(ds, path):
    ds.save_as(path, enforce_file_format=True)


def truncate(src, dst, fraction):
    data = open(src, "rb").read()
    open(dst, "wb").write(data[: int(len(data) * fraction)])


def patch_length(path, tag, new_length):
    """Overwrites the 32-bit length of the first explicit-VR element `tag` (group, element)."""
    data = bytearray(open(path, "rb").read())
    key = struct.pack("<HH", *tag)
    at = data.find(key, 132)
    if at < 0:
        raise SystemExit(f"{path}: no {tag}")
    vr = bytes(data[at + 4 : at + 6])
    if vr in (b"OB", b"OW", b"OF", b"SQ", b"UT", b"UN", b"UC", b"UR", b"OD", b"OL", b"OV"):
        data[at + 8 : at + 12] = struct.pack("<I", new_length)
    else:
        raise SystemExit(f"{path}: {tag} has a 16-bit length")
    open(path, "wb").write(bytes(data))


def patch_short_length(path, tag, new_length):
    data = bytearray(open(path, "rb").read())
    at = data.find(struct.pack("<HH", *tag), 132)
    data[at + 6 : at + 8] = struct.pack("<H", new_length)
    open(path, "wb").write(bytes(data))


def native(ds):
    """The view decompressed to Explicit VR Little Endian (needs pylibjpeg/pyjpegls)."""
    ds = copy.deepcopy(ds)
    ds.decompress()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    return ds


lcc_path = view("LCC.dcm")
lcc = pydicom.dcmread(lcc_path)

# --- a: twelve damaged copies of one view (one SOP Instance UID), beside the good one ----------
a = folder("a")
shutil.copy(lcc_path, os.path.join(a, "good.dcm"))
note("a", "good.dcm", "import", None, "the good copy")
for name, fraction in (("trunc10.dcm", 0.10), ("trunc50.dcm", 0.50), ("trunc99.dcm", 0.99)):
    truncate(lcc_path, os.path.join(a, name), fraction)
    note("a", name, "skip", "truncated", f"cut at {int(fraction * 100)} % of its length")
shutil.copy(lcc_path, os.path.join(a, "badlen.dcm"))
patch_short_length(os.path.join(a, "badlen.dcm"), (0x0010, 0x0010), 0xFFF0)
note("a", "badlen.dcm", "skip", "missing-attribute", "PatientName length 0xFFF0 (past the next elements)")
ds = copy.deepcopy(lcc); ds.Rows = 65535; ds.Columns = 65535; save(ds, os.path.join(a, "huge.dcm"))
note("a", "huge.dcm", "skip", "geometry", "65535x65535")
ds = copy.deepcopy(lcc); ds.BitsAllocated = 32; save(ds, os.path.join(a, "bits32.dcm"))
note("a", "bits32.dcm", "skip", "pixel-data", "BitsAllocated 32 with 16-bit JPEG-LS data")
ds = copy.deepcopy(lcc); ds.BitsStored = 20; save(ds, os.path.join(a, "bitsstored20.dcm"))
note("a", "bitsstored20.dcm", "skip", "geometry", "BitsStored 20 of 16")
ds = copy.deepcopy(lcc); ds.SamplesPerPixel = 3; save(ds, os.path.join(a, "rgb.dcm"))
note("a", "rgb.dcm", "skip", "pixel-data", "SamplesPerPixel 3 with one-sample data")
ds = copy.deepcopy(lcc); del ds.PixelData; save(ds, os.path.join(a, "nopixels.dcm"))
note("a", "nopixels.dcm", "skip", "no-pixel-data", "Pixel Data removed")
open(os.path.join(a, "empty.dcm"), "wb").close()
note("a", "empty.dcm", "skip", "not-dicom", "zero bytes")
with open(os.path.join(a, "random.dcm"), "wb") as f:
    f.write(b"\0" * 128 + b"DICM" + bytes(rng.getrandbits(8) for _ in range(4096)))
note("a", "random.dcm", "skip", "truncated", "random bytes after a DICM preamble")
os.makedirs(os.path.join(a, "x.dcm"), exist_ok=True)
note("a", "x.dcm", "ignored", None, "a folder named x.dcm")

# --- b: damaged beside good, identity conflicts ---------------------------------------------
b = folder("b")
rcc = pydicom.dcmread(view("RCC.dcm"))
rmlo = pydicom.dcmread(view("RMLO.dcm"))
good_rcc = fresh(rcc)
save(good_rcc, os.path.join(b, "good_rcc.dcm"))
note("b", "good_rcc.dcm", "import", None, "good synthetic RCC")
odd = fresh(rmlo)
odd_name = os.fsdecode(b"good_\xff\xfe.dcm")
save(odd, os.path.join(b, odd_name))
note("b", odd_name, "import", None, "a good file whose name is not UTF-8")
if cbis:
    shutil.copy(cbis, os.path.join(b, "good_rle.dcm"))
    note("b", "good_rle.dcm", "import", None, "CBIS-DDSM RLE film")
    rle = pydicom.dcmread(cbis)
    for name, fraction in (("rle_trunc10.dcm", 0.10), ("rle_trunc60.dcm", 0.60), ("rle_trunc999.dcm", 0.999)):
        ds = fresh(rle); path = os.path.join(b, name); save(ds, path)
        data = open(path, "rb").read(); open(path, "wb").write(data[: int(len(data) * fraction)])
        note("b", name, "skip", "truncated", f"RLE film cut at {fraction * 100:g} %")
    ds = fresh(rle); path = os.path.join(b, "rle_segments.dcm"); save(ds, path)
    data = bytearray(open(path, "rb").read())
    # The RLE header (16 little-endian UInt32) follows the first fragment's item header, after the
    # empty Basic Offset Table: claim 9 segments for one 16-bit sample (2 are right).
    at = data.find(b"\xfe\xff\x00\xe0", data.find(b"\xe0\x7f\x10\x00") + 12 + 8)
    data[at + 8 : at + 12] = struct.pack("<I", 9)
    open(path, "wb").write(bytes(data))
    note("b", "rle_segments.dcm", "skip", "pixel-data", "RLE header claims 9 segments for one 16-bit sample")
# The pixel data length 0xFFFFFFF0 in a native file, BitsStored 24 of 16, HighBit 40.
nat = native(fresh(rcc))
path = os.path.join(b, "pixlen.dcm"); save(nat, path); patch_length(path, (0x7FE0, 0x0010), 0xFFFFFFF0)
note("b", "pixlen.dcm", "skip", "truncated", "Pixel Data length 0xFFFFFFF0")
ds = fresh(nat); ds.BitsStored = 24; save(ds, os.path.join(b, "bitsstored24.dcm"))
note("b", "bitsstored24.dcm", "skip", "geometry", "BitsStored 24 of BitsAllocated 16")
ds = fresh(nat); ds.HighBit = 40; save(ds, os.path.join(b, "highbit40.dcm"))
note("b", "highbit40.dcm", "skip", "geometry", "HighBit 40")
ds = fresh(rcc); ds.RescaleSlope = "1e308"; save(ds, os.path.join(b, "slope1e308.dcm"))
note("b", "slope1e308.dcm", "skip", "non-finite", "RescaleSlope 1e308 (display values overflow)")
ds = fresh(rcc); ds.WindowCenter = "NaN"; save(ds, os.path.join(b, "center_nan.dcm"))
note("b", "center_nan.dcm", "skip", "non-finite", "WindowCenter NaN")
ds = fresh(rcc); ds.WindowWidth = "1e999"; save(ds, os.path.join(b, "width_inf.dcm"))
note("b", "width_inf.dcm", "skip", "non-finite", "WindowWidth 1e999 (infinite)")
ds = fresh(rcc); ds.RescaleIntercept = "-inf"; save(ds, os.path.join(b, "intercept_inf.dcm"))
note("b", "intercept_inf.dcm", "skip", "non-finite", "RescaleIntercept -inf")
# Wrong patient: its own PatientID and StudyInstanceUID, but good_rcc's SeriesInstanceUID.
ds = fresh(rcc, study=True, series=False); ds.SeriesInstanceUID = good_rcc.SeriesInstanceUID
ds.PatientID = "OTHER-PATIENT-1"; ds.PatientName = "Other^Patient"
save(ds, os.path.join(b, "wrong_patient.dcm"))
note("b", "wrong_patient.dcm", "conflict", "series-conflict", "another patient and study, good_rcc's series")
# One SOP Instance UID in two studies.
ds = fresh(rcc); ds.SOPInstanceUID = good_rcc.SOPInstanceUID
ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
save(ds, os.path.join(b, "sop_two_studies.dcm"))
note("b", "sop_two_studies.dcm", "conflict", "instance-conflict", "good_rcc's SOP Instance UID in another study")
# One study under two patient ids.
ds = fresh(rcc); ds.StudyInstanceUID = good_rcc.StudyInstanceUID; ds.PatientID = "OTHER-PATIENT-2"
save(ds, os.path.join(b, "study_two_patients.dcm"))
note("b", "study_two_patients.dcm", "conflict", "study-conflict", "good_rcc's study under another PatientID")
# A second, identical copy of a good file: a plain duplicate (the first stays).
shutil.copy(os.path.join(b, "good_rcc.dcm"), os.path.join(b, "zz_copy_of_good_rcc.dcm"))
note("b", "zz_copy_of_good_rcc.dcm", "skip", "duplicate", "byte-identical copy of good_rcc.dcm")
# The same instance with other pixels: both decode, they differ: the first stays, a conflict.
ds = fresh(rmlo); ds.SOPInstanceUID = good_rcc.SOPInstanceUID
ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
ds.StudyInstanceUID = good_rcc.StudyInstanceUID; ds.SeriesInstanceUID = good_rcc.SeriesInstanceUID
save(ds, os.path.join(b, "zz_same_sop_other_pixels.dcm"))
note("b", "zz_same_sop_other_pixels.dcm", "conflict", "duplicate-conflict", "good_rcc's instance with RMLO pixels")

# --- c: lengths, bits, photometric, frames, syntax, depth, values, loops, names ---------------
c = folder("c")
base = fresh(lcc)
good_c = fresh(lcc); save(good_c, os.path.join(c, "good_c.dcm"))
note("c", "good_c.dcm", "import", None, "good synthetic LCC")
for index, tag in enumerate([(0x0008, 0x0005), (0x0008, 0x0060), (0x0020, 0x000D), (0x0028, 0x0010), (0x0002, 0x0010)]):
    path = os.path.join(c, f"len_fffffff0_{index}.dcm"); save(fresh(lcc), path)
    data = bytearray(open(path, "rb").read())
    at = data.find(struct.pack("<HH", *tag), 128 if tag[0] == 2 else 132)
    # 16-bit-length VRs: make it an UN element with a 32-bit length 0xFFFFFFF0 at the same place.
    data[at + 4 : at + 8] = b"UN\0\0"
    data[at + 8 : at + 8] = struct.pack("<I", 0xFFFFFFF0)
    open(path, "wb").write(bytes(data))
    note("c", f"len_fffffff0_{index}.dcm", "skip", "truncated", f"length 0xFFFFFFF0 at ({tag[0]:04X},{tag[1]:04X})")
for bits in (1, 32, 64):
    ds = fresh(nat); ds.BitsAllocated = bits; save(ds, os.path.join(c, f"bitsalloc{bits}.dcm"))
    note("c", f"bitsalloc{bits}.dcm", "skip", {1: "geometry", 32: "truncated", 64: "unsupported"}[bits], f"BitsAllocated {bits} with 16-bit data")
ds = fresh(lcc); ds.PhotometricInterpretation = "PALETTE COLOR"; save(ds, os.path.join(c, "palette.dcm"))
note("c", "palette.dcm", "skip", "unsupported", "PALETTE COLOR without a palette")
ds = fresh(lcc); ds.NumberOfFrames = 1000000; save(ds, os.path.join(c, "million_frames.dcm"))
note("c", "million_frames.dcm", "skip", "pixel-data", "NumberOfFrames 1000000 with one frame")
ds = fresh(lcc); ds.file_meta.TransferSyntaxUID = "1.2.3.4.5.6.7"; save(ds, os.path.join(c, "unknown_syntax.dcm"))
note("c", "unknown_syntax.dcm", "skip", "unsupported", "transfer syntax 1.2.3.4.5.6.7")
# A 5000-deep sequence, spliced in as bytes (pydicom's writer recurses once per level).
ds = fresh(lcc); ds.ReferencedImageSequence = Sequence([]); path = os.path.join(c, "deep_sequence.dcm"); save(ds, path)
data = open(path, "rb").read()
empty = struct.pack("<HH", 0x0008, 0x1140) + b"SQ\0\0" + struct.pack("<I", 0)
opening = struct.pack("<HH", 0x0008, 0x1140) + b"SQ\0\0" + struct.pack("<I", 0xFFFFFFFF) + struct.pack("<HHI", 0xFFFE, 0xE000, 0xFFFFFFFF)
closing = struct.pack("<HHI", 0xFFFE, 0xE00D, 0) + struct.pack("<HHI", 0xFFFE, 0xE0DD, 0)
leaf = struct.pack("<HH", 0x0008, 0x0100) + b"SH" + struct.pack("<H", 2) + b"X "
if data.count(empty) != 1:
    raise SystemExit("deep_sequence: the placeholder sequence was not written as expected")
open(path, "wb").write(data.replace(empty, opening * 5000 + leaf + closing * 5000))
note("c", "deep_sequence.dcm", "import", None, "a 5000-deep sequence in the header (the image is fine)")
for name, attribute, value in (
    ("slope_nan.dcm", "RescaleSlope", "NaN"), ("slope_huge.dcm", "RescaleSlope", "1e300"),
    ("intercept_huge.dcm", "RescaleIntercept", "1e308"), ("center_inf.dcm", "WindowCenter", "inf"),
    ("width_nan.dcm", "WindowWidth", "nan"), ("width_huge.dcm", "WindowWidth", "1e308"),
):
    ds = fresh(lcc); setattr(ds, attribute, value); save(ds, os.path.join(c, name))
    note("c", name, "skip", "non-finite", f"{attribute} {value}")
ds = fresh(lcc); ds.WindowCenter = "1e30"; ds.WindowWidth = "1e30"; save(ds, os.path.join(c, "window_1e30.dcm"))
note("c", "window_1e30.dcm", "import", None, "a finite if useless window (the reader resets it)")
# Loops and odd names.
os.makedirs(os.path.join(c, "loop"), exist_ok=True)
if not os.path.islink(os.path.join(c, "loop", "again")):
    os.symlink("..", os.path.join(c, "loop", "again"))
if not os.path.islink(os.path.join(c, "self.dcm")):
    os.symlink("self.dcm", os.path.join(c, "self.dcm"))
note("c", "self.dcm", "skip", "unreadable", "a symbolic link to itself")
for name in ("with space.dcm", "tab\tname.dcm", "esc\x1b[31mred.dcm", "new\nline.dcm", "ünïcødé.dcm"):
    save(fresh(lcc), os.path.join(c, name))
    note("c", name, "import", None, "a good file with an odd name")

json.dump(manifest, open(os.path.join(out, "manifest.json"), "w"), indent=1, ensure_ascii=True)
print(out)
