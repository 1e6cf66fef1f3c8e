"""Evaluates the exported ONNX model with onnxruntime and writes the sidecar JSON the Swift side
reads (models/mammoterm-lesion-v1.json): preprocessing, outputs, calibration and operating
thresholds fitted on the validation set, metrics on the held-out test set, and the check on the
bundled samples. Also writes the parity fixtures (models/fixtures/).

Usage: python training/evaluate.py [--model models/mammoterm-lesion-v1.onnx]
Definitions (also in models/MODEL_CARD.md):
- exam score (raw) = max over the exam's views of the heatmap maximum; breast score likewise over
  that side's views. Calibrated exam probability = sigmoid(a * logit(raw) + b) (Platt, fitted
  on the validation set's current exams).
- candidates = common.extract_peaks (3x3 local maxima >= 0.001, greedy suppression within 2
  cells); a candidate hits a malignant lesion when its cell centre in stored pixels lies inside
  the lesion's box grown by 8 px on every side. A lesion (in one view) is detected at threshold
  t when a hitting candidate scores >= t; every candidate that hits no malignant lesion is a
  false positive (benign lesions included). FP/image = false positives / views.
- Exams: current (screening) exams only; priors are not evaluated (they are used in training).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, ".."))
MODELS = os.path.join(ROOT, "models")


def run_model(sess, sums, batch=8):
    out = []
    for i in range(0, len(sums), batch):
        x = np.stack([C.to_input(s) for s in sums[i:i + batch]])[:, None]
        out.append(sess.run(["heatmap"], {"image": x})[0][:, 0])
    return np.concatenate(out)


def analyse(vs: C.ViewSet, hms, current_only=True):
    """-> exams (raw score, label), lesion records, false-positive scores, view count."""
    views = [i for i, m in enumerate(vs.meta) if not (current_only and m[3])]
    vset = set(views)
    exams = {}
    for i in views:
        ei, pid, date, prior, cancer, vk = vs.meta[i][:6]
        e = exams.setdefault(ei, {"patient": pid, "date": date, "cancer": bool(cancer), "views": {}})
        e["views"][vk] = float(hms[i].max())
    les_by_view = {}
    for li, (vi, lid, typ, mal, x0, y0, x1, y1) in enumerate(vs.lesions):
        if vi in vset:
            les_by_view.setdefault(vi, []).append(li)
    lesion_rec = {}   # lesion index -> dict (malignant only)
    fps = []
    fp_views = []
    for i in views:
        cands = C.extract_peaks(hms[i])
        mal = [li for li in les_by_view.get(i, []) if vs.lesions[li][3]]
        for li in mal:
            lesion_rec[li] = {"view": i, "id": vs.lesions[li][1], "type": vs.lesions[li][2], "score": 0.0}
        for v, r, c in cands:
            x, y = C.peak_center_stored(r, c)
            hit = False
            for li in mal:
                _, _, _, _, x0, y0, x1, y1 = vs.lesions[li]
                m = C.HIT_MARGIN
                if x0 - m <= x <= x1 + m and y0 - m <= y <= y1 + m:
                    hit = True
                    lesion_rec[li]["score"] = max(lesion_rec[li]["score"], v)
            if not hit:
                fps.append(v)
                fp_views.append((i, v))
    analyse.fp_views = fp_views
    return exams, list(lesion_rec.values()), np.sort(np.array(fps))[::-1], len(views)


def threshold_at_fp(fps_desc, n_views, fp_rate):
    """Lowest threshold whose false positives per image are <= fp_rate."""
    k = int(np.floor(fp_rate * n_views))
    if k >= len(fps_desc):
        return float(C.PEAK_FLOOR)
    return float(np.nextafter(np.float32(fps_desc[k]), np.float32(np.inf)))


def sens(lesions, t, typ=None):
    sel = [l for l in lesions if typ is None or l["type"] == typ]
    if not sel:
        return float("nan"), 0
    return float(np.mean([l["score"] >= t for l in sel])), len(sel)


def exam_arrays(exams):
    keys = sorted(exams)
    raw = np.array([max(exams[k]["views"].values()) for k in keys])
    lab = np.array([exams[k]["cancer"] for k in keys])
    return raw, lab


def exam_threshold_at_sensitivity(raw, lab, target=0.9):
    """Highest threshold t with sensitivity (raw >= t among cancers) >= target."""
    pos = np.sort(raw[lab])[::-1]
    k = int(np.ceil(target * len(pos))) - 1
    return float(pos[k])


def bootstrap_auc(raw, lab, n=1000, seed=0):
    rng = np.random.default_rng(seed)
    vals = []
    for _ in range(n):
        idx = rng.integers(0, len(raw), len(raw))
        if lab[idx].all() or (~lab[idx]).all():
            continue
        vals.append(C.roc_auc(raw[idx], lab[idx]))
    return [float(np.percentile(vals, 2.5)), float(np.percentile(vals, 97.5))]


def lesion_metrics(lesions, fps, n_views, thresholds):
    res = {"views": n_views, "malignant_lesion_views": len(lesions),
           "by_fp_rate": {}}
    for fp_rate in (0.5, 1.0):
        t = threshold_at_fp(fps, n_views, fp_rate)
        row = {"threshold": t, "fp_per_image": float((fps >= t).sum() / n_views)}
        for name, typ in (("all", None), ("mass", "mass"), ("calcification-cluster", "calcification-cluster")):
            s, n = sens(lesions, t, typ)
            row[f"sensitivity_{name}"] = s
            row[f"n_{name}"] = n
        res["by_fp_rate"][str(fp_rate)] = row
    if thresholds:
        res["at_validation_thresholds"] = {}
        for label, t in thresholds.items():
            row = {"threshold": t, "fp_per_image": float((fps >= t).sum() / n_views)}
            for name, typ in (("all", None), ("mass", "mass"), ("calcification-cluster", "calcification-cluster")):
                row[f"sensitivity_{name}"] = sens(lesions, t, typ)[0]
            res["at_validation_thresholds"][label] = row
    return res


def decode_samples(samples_dir, out_dir):
    """JPEG-LS samples -> uncompressed copies with DCMTK's dcmdjpls (pydicom needs plugins)."""
    gt = C.load_ground_truth(samples_dir)
    for exam in gt["exams"]:
        for im in exam["images"]:
            src = os.path.join(samples_dir, im["file"])
            dst = os.path.join(out_dir, im["file"])
            if not os.path.exists(dst):
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                subprocess.run(["dcmdjpls", src, dst], check=True)
    with open(os.path.join(samples_dir, "ground-truth.json")) as f, \
            open(os.path.join(out_dir, "ground-truth.json"), "w") as g:
        g.write(f.read())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=os.path.join(MODELS, "mammoterm-lesion-v1.onnx"))
    ap.add_argument("--sidecar", default=os.path.join(MODELS, "mammoterm-lesion-v1.json"))
    ap.add_argument("--run", default=os.path.expanduser("~/.cache/mammoterm-training/run"))
    ap.add_argument("--data", default=C.DEFAULT_DATA)
    ap.add_argument("--cache", default=C.DEFAULT_CACHE)
    ap.add_argument("--samples", default=os.path.join(ROOT, "samples"))
    ap.add_argument("--no-fixtures", action="store_true")
    args = ap.parse_args()
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = 2
    sess = ort.InferenceSession(args.model, so, providers=["CPUExecutionProvider"])
    with open(args.model, "rb") as f:
        model_sha = hashlib.sha256(f.read()).hexdigest()
    t0 = time.time()

    # validation: calibration and thresholds
    val = C.ensure_cache("val", args.data, args.cache)
    hv = run_model(sess, val.sums)
    ex_v, les_v, fps_v, nv_v = analyse(val, hv)
    raw_v, lab_v = exam_arrays(ex_v)
    a, b = C.fit_platt(raw_v, lab_v)
    thr = {"lesion_0.5_fp_per_image": threshold_at_fp(fps_v, nv_v, 0.5),
           "lesion_1_fp_per_image": threshold_at_fp(fps_v, nv_v, 1.0)}
    exam_thr_raw = exam_threshold_at_sensitivity(raw_v, lab_v, 0.9)
    val_metrics = {"exams": int(len(raw_v)), "cancers": int(lab_v.sum()), "exam_auc": C.roc_auc(raw_v, lab_v),
                   "lesions": lesion_metrics(les_v, fps_v, nv_v, None)}
    print(f"validation: {len(raw_v)} exams, AUC {val_metrics['exam_auc']:.3f}, Platt a={a:.4f} b={b:.4f}, "
          f"thresholds {thr}, exam@90%sens {exam_thr_raw:.4f}", flush=True)

    # test: metrics
    test = C.ensure_cache("test", args.data, args.cache)
    ht = run_model(sess, test.sums)
    ex_t, les_t, fps_t, nv_t = analyse(test, ht)
    raw_t, lab_t = exam_arrays(ex_t)
    cal_t = C.platt(raw_t, a, b)
    tm = {"exams": int(len(raw_t)), "cancers": int(lab_t.sum()),
          "exam_auc": C.roc_auc(raw_t, lab_t), "exam_auc_95ci_bootstrap": bootstrap_auc(raw_t, lab_t),
          "ece_10_bins_raw": C.ece(raw_t, lab_t), "ece_10_bins_calibrated": C.ece(cal_t, lab_t),
          "exam_sensitivity_at_validation_threshold": float(np.mean(raw_t[lab_t] >= exam_thr_raw)),
          "exam_specificity_at_validation_threshold": float(np.mean(raw_t[~lab_t] < exam_thr_raw)),
          "lesions": lesion_metrics(les_t, fps_t, nv_t, thr)}
    print(json.dumps(tm, indent=1), flush=True)

    # bundled samples
    samples = samples_check(sess, args, thr, a, b)

    train_extra = {}
    tl = os.path.join(args.run, "train-log.json")
    if os.path.exists(tl):
        with open(tl) as f:
            train_extra = json.load(f)["extra"]
    exp = {}
    ej = os.path.join(args.run, "export.json")
    if os.path.exists(ej):
        with open(ej) as f:
            exp = json.load(f)
    sidecar = make_sidecar(model_sha, a, b, thr, exam_thr_raw, val_metrics, tm, samples, train_extra, exp,
                           sizes={"train": None, "val": len(val.meta), "test": len(test.meta)})
    with open(args.sidecar, "w") as f:
        json.dump(sidecar, f, indent=2, sort_keys=False)
        f.write("\n")
    print(f"wrote {args.sidecar} ({time.time() - t0:.0f} s)", flush=True)
    if not args.no_fixtures:
        write_fixtures(sess, args)


def samples_check(sess, args, thr, a, b):
    raw_dir = os.path.expanduser("~/.cache/mammoterm-training/samples-uncompressed")
    decode_samples(args.samples, raw_dir)
    cache = os.path.join(args.cache, "samples.npz")
    if not os.path.exists(cache):
        C.build_cache(raw_dir, cache)
    vs = C.load_cache(cache)
    hm = run_model(sess, vs.sums)
    out = {"threshold": thr["lesion_1_fp_per_image"], "threshold_name": "lesion_1_fp_per_image", "exams": []}
    for current_only in (False,):
        exams, lesions, fps, nv = analyse(vs, hm, current_only=current_only)
    t = thr["lesion_1_fp_per_image"]
    # per view false positives at the threshold
    for ei in sorted(exams):
        e = exams[ei]
        raw = max(e["views"].values())
        prior = [m[3] for m in vs.meta if m[0] == ei][0]
        les = [l for l in lesions if vs.meta[l["view"]][0] == ei]
        fpv = [(vs.meta[i][5], round(v, 4)) for i, v in analyse.fp_views if vs.meta[i][0] == ei and v >= 0.5]
        out["exams"].append({
            "patient": e["patient"], "date": e["date"], "prior": bool(prior), "cancer": e["cancer"],
            "exam_score_raw": raw, "exam_probability": float(C.platt(np.array([raw]), a, b)[0]),
            "malignant_lesions": [{"id": l["id"], "type": l["type"], "view": vs.meta[l["view"]][5],
                                   "score": l["score"], "found": bool(l["score"] >= t)} for l in les],
            "false_positive_peaks_over_0.5": [{"view": vk, "score": v} for vk, v in fpv]})
    out["false_positives_at_threshold"] = int((fps >= t).sum())
    out["false_positives_at_0.5_fp_threshold"] = int((fps >= thr["lesion_0.5_fp_per_image"]).sum())
    out["false_positives_over_0.5"] = int((fps >= 0.5).sum())
    out["views"] = nv
    cur = [l for e in out["exams"] if not e["prior"] for l in e["malignant_lesions"]]
    out["current_malignant_lesion_views_found"] = f"{sum(l['found'] for l in cur)}/{len(cur)}"
    print(json.dumps(out, indent=1), flush=True)
    return out


FIXTURE_VIEWS = [("SYN-0006", "RCC"), ("SYN-0009", "LMLO")]   # current exams: one flipped (R), one not (L)
CROP = (192, 160, 128, 128)   # row, col, rows, cols of the preprocessed input stored exactly


def write_fixtures(sess, args):
    raw_dir = os.path.expanduser("~/.cache/mammoterm-training/samples-uncompressed")
    gt = C.load_ground_truth(raw_dir)
    fx = os.path.join(MODELS, "fixtures")
    os.makedirs(fx, exist_ok=True)
    notes = []
    for pid, vk in FIXTURE_VIEWS:
        exam = [e for e in gt["exams"] if e["patientID"] == pid and not e["isPrior"]][0]
        im = [i for i in exam["images"] if i["viewKey"] == vk][0]
        arr, flip, hdr = C.read_view(os.path.join(raw_dir, im["file"]))
        x = C.preprocess_stored(arr, flip)
        y = sess.run(["heatmap"], {"image": x[None, None]})[0]
        stem = f"{pid}-{vk}"
        r, c, h, w = CROP
        np.save(os.path.join(fx, f"{stem}-input-crop.npy"), x[r:r + h, c:c + w].astype(np.float32))
        np.save(os.path.join(fx, f"{stem}-input-rowsums.npy"), x.astype(np.float64).sum(axis=1))
        np.save(os.path.join(fx, f"{stem}-heatmap.npy"), y.astype(np.float32))
        notes.append({"file": "samples/" + im["file"], "patient": pid, "studyDate": exam["studyDate"], "view": vk,
                      "PatientOrientation": hdr["PatientOrientation"], "flipped": bool(flip),
                      "input_shape": [1, 1, C.IN_ROWS, C.IN_COLS],
                      "input_crop": {"file": f"{stem}-input-crop.npy", "row": r, "col": c, "rows": h, "cols": w,
                                     "dtype": "float32", "meaning": "image[0, 0, row:row+rows, col:col+cols]"},
                      "input_rowsums": {"file": f"{stem}-input-rowsums.npy", "dtype": "float64",
                                        "meaning": "sum over columns of image[0, 0, r, :] for each row r (512)"},
                      "input_sum": float(x.astype(np.float64).sum()),
                      "heatmap": {"file": f"{stem}-heatmap.npy", "dtype": "float32", "shape": list(y.shape),
                                  "meaning": "onnxruntime output `heatmap` (Dropout as identity)"},
                      "heatmap_max": float(y.max())})
    with open(os.path.join(fx, "fixtures.json"), "w") as f:
        json.dump({"model": "mammoterm-lesion-v1.onnx", "onnxruntime": __import__("onnxruntime").__version__,
                   "tolerance": {"input": 1e-6, "heatmap": 1e-4},
                   "views": notes}, f, indent=2)
        f.write("\n")
    print(f"wrote fixtures for {FIXTURE_VIEWS}", flush=True)


def make_sidecar(model_sha, a, b, thr, exam_thr_raw, val_metrics, tm, samples, train_extra, exp, sizes):
    return {
        "format": "mammoterm-model-sidecar",
        "formatVersion": 1,
        "modelID": C.MODEL_ID,
        "modelVersion": C.MODEL_VERSION,
        "onnxFile": "mammoterm-lesion-v1.onnx",
        "onnxSHA256": model_sha,
        "intendedUse": "Demonstration on synthetic mammograms from `mammoterm synth` only. Not for clinical use.",
        "input": {
            "name": "image", "dtype": "float32", "shape": [-1, 1, C.IN_ROWS, C.IN_COLS], "layout": "NCHW",
        },
        "preprocessing": {
            "expects": {"rows": C.STORED_ROWS, "columns": C.STORED_COLS, "pixelSpacingMM": 0.28,
                        "photometricInterpretation": "MONOCHROME2", "bitsStored": C.BITS_STORED},
            "steps": [
                {"op": "storedValues", "note": "stored pixel values as unsigned integers; no rescale, no VOI"},
                {"op": "flipHorizontal",
                 "when": "PatientOrientation (0020,0020) first value starts with 'P'; if it is absent or starts "
                         "with neither 'A' nor 'P': ImageLaterality (0020,0062), else Laterality (0020,0060), is 'R'",
                 "result": "chest wall on the left (column 0), nipple toward the right"},
                {"op": "blockSum", "factor": C.FACTOR,
                 "note": "out[r][c] = sum of in[2r+i][2c+j], i,j in {0,1}, integer arithmetic -> [512, 416]"},
                {"op": "divide", "divisor": float(C.DIVISOR),
                 "note": "float32(sum) / 16380.0 in float32 (= mean of the 2x2 block / 4095)"},
            ],
            "outputPixelSpacingMM": 0.56,
        },
        "outputs": {
            "heatmap": {"index": 0, "dtype": "float32", "shape": [-1, 1, C.HM_ROWS, C.HM_COLS],
                        "meaning": "probability-like malignancy score per cell (sigmoid), uncalibrated",
                        "stride": C.STRIDE, "strideStoredPixels": C.CELL,
                        "cellToStored": "cell (r, c) covers stored (flipped) pixels x in [16c, 16c+16), y in [16r, 16r+16); "
                                        "its centre is x = 16c + 8, y = 16r + 8; undo the flip with x' = 832 - x"},
        },
        "monteCarloDropout": {"nodes": ["ctx2/Dropout", "head1/Dropout"], "ratio": C.DROPOUT,
                              "ratioInput": "dropout_ratio (initializer, scalar float32, Dropout input 1)",
                              "scaling": "inverted dropout: kept activations are divided by (1 - ratio)"},
        "lesionExtraction": {
            "method": "3x3 local maxima of the heatmap (value >= each existing neighbour, edges compare only "
                      "neighbours inside the map) with value >= floor, sorted by value descending (ties: row, "
                      "then column ascending), greedy suppression of any peak within nmsCells (Chebyshev "
                      "distance max(|dr|,|dc|) <= nmsCells) of a kept peak",
            "floor": C.PEAK_FLOOR, "nmsCells": C.NMS_CELLS,
            "hitRule": "evaluation only: a peak hits a lesion when its cell centre (stored px) lies in the "
                       "lesion box grown by 8 px on every side",
        },
        "scores": {
            "view": "max of the heatmap", "breast": "max over that side's views of the view score",
            "exam": "max over the exam's views of the view score (raw)",
            "examCalibration": {"method": "platt", "a": a, "b": b,
                                "formula": "p = 1 / (1 + exp(-(a * ln(raw / (1 - raw)) + b))), raw clipped to [1e-6, 1 - 1e-6]",
                                "fittedOn": "validation set current exams (synth seed 2002)"},
        },
        "thresholds": {
            "lesion_0.5_fp_per_image": thr["lesion_0.5_fp_per_image"],
            "lesion_1_fp_per_image": thr["lesion_1_fp_per_image"],
            "lesion_default": "lesion_1_fp_per_image",
            "exam_raw_at_90pct_sensitivity": exam_thr_raw,
            "exam_probability_at_90pct_sensitivity": float(C.platt(np.array([exam_thr_raw]), a, b)[0]),
            "note": "lesion thresholds compare to heatmap peak values; exam thresholds to the raw exam score "
                    "or its Platt probability; all chosen on the validation set",
        },
        "metrics": {"validation": val_metrics, "test": tm,
                    "test_note": "held-out synth seed 3003, current exams only; lesion sensitivity per lesion "
                                 "per view, thresholds set on the test FROC itself unless under "
                                 "at_validation_thresholds"},
        "samplesCheck": samples,
        "training": {"data": {"train": {"seed": 1001, "exams": 160, "priorsIncluded": True},
                              "validation": {"seed": 2002, "exams": 60},
                              "test": {"seed": 3003, "exams": 120},
                              "generator": "mammoterm synth --size small --compression none"},
                     **train_extra},
        "export": exp,
    }


if __name__ == "__main__":
    main()
