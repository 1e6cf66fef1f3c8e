#!/usr/bin/env python3
"""Times one .onnx in onnxruntime (1 thread) and in `mammoterm model run --threads 1` on the same input,
checks they agree, and prints the ratio, mammoterm's GFLOP/s and the single-thread sgemm peak of the
system OpenBLAS that mammoterm links (measured here through ctypes, 1024^3, OPENBLAS_NUM_THREADS=1),
with the kernel OpenBLAS chose. Called by scripts/bench-inference.sh."""
import argparse
import ctypes
import ctypes.util
import os
import re
import statistics
import subprocess
import sys
import time

os.environ["OPENBLAS_NUM_THREADS"] = "1"  # before any OpenBLAS loads
import numpy as np
import onnxruntime as ort


def openblas_peak():
    """Median GFLOP/s of cblas_sgemm 1024^3 on the system libopenblas, and its core name / config."""
    path = ctypes.util.find_library("openblas") or "libopenblas.so.0"
    lib = ctypes.CDLL(path)
    lib.openblas_get_corename.restype = ctypes.c_char_p
    lib.openblas_get_config.restype = ctypes.c_char_p
    lib.openblas_set_num_threads(1)
    n = 1024
    a = np.random.default_rng(1).standard_normal((n, n)).astype(np.float32)
    b = np.random.default_rng(2).standard_normal((n, n)).astype(np.float32)
    c = np.zeros((n, n), np.float32)
    ptr = lambda x: x.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
    times = []
    for _ in range(7):
        start = time.perf_counter()
        # CblasRowMajor=101, CblasNoTrans=111
        lib.cblas_sgemm(101, 111, 111, n, n, n, ctypes.c_float(1), ptr(a), n, ptr(b), n, ctypes.c_float(0), ptr(c), n)
        times.append(time.perf_counter() - start)
    gflops = 2 * n ** 3 / statistics.median(times) / 1e9
    return gflops, lib.openblas_get_corename().decode(), lib.openblas_get_config().decode(), path


def exam_input(folder):
    """The exam's views as the model card preprocesses them: stored values, flipped so the chest wall is at
    column 0, 2x2 block sums / 16380 -> float32 [views, 1, 512, 416]. (Input preprocessing is not timed.)"""
    import pydicom
    views = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".dcm"):
            continue
        ds = pydicom.dcmread(os.path.join(folder, name))
        v = ds.pixel_array.astype(np.int64)
        orientation = str(ds.get("PatientOrientation", [""])[0]) if ds.get("PatientOrientation") else ""
        side = ds.get("ImageLaterality", ds.get("Laterality", ""))
        if orientation.startswith("P") or (not orientation.startswith("A") and side == "R"):
            v = v[:, ::-1]
        s = v[0::2, 0::2] + v[0::2, 1::2] + v[1::2, 0::2] + v[1::2, 1::2]
        views.append((s.astype(np.float32) / np.float32(16380))[None])
    return np.stack(views).astype(np.float32)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--mammoterm", required=True)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--work", default="/tmp")
    parser.add_argument("--batch", type=int, default=None,
                        help="first input dimension (default: the model's, 1 when free); one run = one batch")
    parser.add_argument("--views-per-run", type=int, default=1,
                        help="views one run covers (4 for a per-exam batch of 4): times are also printed per view")
    parser.add_argument("--uniform", action="store_true", help="input uniform in [0, 1) (a normalised mammogram) "
                        "instead of standard normal")
    parser.add_argument("--exam", help="a folder of 4 MG views (DICOM, 1024x832, synth --size small): the input is "
                        "them preprocessed per Sources/Inference/Models/MODEL_CARD.md, as one batch of 4 (overrides --batch/--uniform)")
    parser.add_argument("--label", default="", help="printed on the summary line")
    args = parser.parse_args()

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(args.model, options, providers=["CPUExecutionProvider"])
    spec = session.get_inputs()[0]
    shape = [d if isinstance(d, int) else 1 for d in spec.shape]
    if args.batch:
        shape[0] = args.batch
    rng = np.random.default_rng(0)
    x = (rng.random(shape) if args.uniform else rng.standard_normal(shape)).astype(np.float32)
    if args.exam:
        x = exam_input(args.exam)
    input_path, output_path = os.path.join(args.work, "bench-input.npy"), os.path.join(args.work, "bench-output.npy")
    np.save(input_path, x)
    expected = session.run(None, {spec.name: x})[0]  # warm-up
    ort_times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        session.run(None, {spec.name: x})
        ort_times.append((time.perf_counter() - start) * 1000)
    ort_ms = statistics.median(ort_times)

    info = subprocess.run([args.mammoterm, "model", "info", args.model], capture_output=True, text=True, check=True).stdout
    # `model info` counts FLOPs at the model's declared shape (a free batch as 1): scale to this batch.
    declared = spec.shape[0] if isinstance(spec.shape[0], int) else 1
    flops = float(re.search(r"FLOPs: ([0-9.]+) G", info).group(1)) * 1e9 * x.shape[0] / declared
    # One extra run: mammoterm's first run plans and allocates, like onnxruntime's warm-up above.
    run = subprocess.run([args.mammoterm, "model", "run", args.model, "--input", input_path, "--output", output_path,
                          "--threads", "1", "--repeat", str(args.repeat + 1)], capture_output=True, text=True, check=True).stdout
    ours_ms = float(re.search(r"median ([0-9.]+) ms", run).group(1))
    ours = np.load(output_path)
    error = float(np.max(np.abs(ours - expected)) / max(np.max(np.abs(expected)), 1e-6))

    peak, core, config, library = openblas_peak()
    print(f"model: {args.model}  input {list(x.shape)}  {flops / 1e9:.3f} GFLOP per run")
    print(f"onnxruntime {ort.__version__} (1 thread): median {ort_ms:.2f} ms over {args.repeat} runs")
    print(f"mammoterm (1 thread):         median {ours_ms:.2f} ms over {args.repeat + 1} runs (first run included)")
    print(f"ratio mammoterm / onnxruntime: {ours_ms / ort_ms:.2f}x")
    print(f"mammoterm achieved: {flops / ours_ms / 1e6:.1f} GFLOP/s; onnxruntime: {flops / ort_ms / 1e6:.1f} GFLOP/s")
    print(f"single-thread sgemm 1024^3 peak (system OpenBLAS via ctypes, {library}): {peak:.1f} GFLOP/s "
          f"-> mammoterm at {100 * flops / ours_ms / 1e6 / peak:.0f}% of peak")
    print(f"OpenBLAS kernel: {core}; config: {config}")
    print(f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')} OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE', '(unset)')}")
    print(f"agreement: relative L-inf error {error:.2e}")
    views = args.views_per_run
    print(f"SUMMARY {args.label} core={core} ours={ours_ms:.2f}ms ort={ort_ms:.2f}ms ratio={ours_ms / ort_ms:.2f}x "
          f"per-view ours={ours_ms / views:.2f}ms ort={ort_ms / views:.2f}ms "
          f"ours={flops / ours_ms / 1e6:.1f}GFLOP/s ort={flops / ort_ms / 1e6:.1f}GFLOP/s sgemm-peak={peak:.1f}GFLOP/s "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}")
    return 0 if error <= 1e-4 else 1


if __name__ == "__main__":
    sys.exit(main())
