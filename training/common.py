"""Shared pieces of the mammoterm lesion model: preprocessing (the reference the Swift wrapper
must reproduce), training targets, the network (pure JAX), heatmap peak extraction and metrics.

Everything here is documented in models/MODEL_CARD.md; change one, change the other.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass

import numpy as np

MODEL_ID = "mammoterm-lesion"
MODEL_VERSION = "1.0.0"

# Preprocessing constants -------------------------------------------------------------------
STORED_ROWS, STORED_COLS = 1024, 832     # mammoterm synth --size small (0.28 mm pixels)
FACTOR = 2                               # 2x2 area average -> 512 x 416 at 0.56 mm
IN_ROWS, IN_COLS = STORED_ROWS // FACTOR, STORED_COLS // FACTOR
BITS_STORED = 12
DIVISOR = np.float32(FACTOR * FACTOR * ((1 << BITS_STORED) - 1))   # 16380: sum of 4 -> [0, 1]
STRIDE = 8                               # heatmap cell = 8 input px = 16 stored px
HM_ROWS, HM_COLS = IN_ROWS // STRIDE, IN_COLS // STRIDE             # 64 x 52
CELL = STRIDE * FACTOR                   # stored pixels per heatmap cell side (16)

DEFAULT_DATA = os.path.expanduser("~/.cache/mammoterm-training/data")
DEFAULT_CACHE = os.path.expanduser("~/.cache/mammoterm-training/cache")


# Preprocessing -----------------------------------------------------------------------------
def needs_flip(patient_orientation, laterality) -> bool:
    """True when the chest wall is on the right of the stored image, so the image must be
    mirrored left-right to put it on the left.

    Rule: PatientOrientation (0020,0020) first value (the direction of the rows, i.e. toward the
    right edge of the image) starting with "P" (posterior: the chest wall is on the right), e.g.
    RCC "P\\L", RMLO "P\\FL" -> flip; "A..." -> no flip. Without a usable PatientOrientation,
    fall back to the side: ImageLaterality (0020,0062) / Laterality (0020,0060) "R" -> flip.
    """
    if patient_orientation is not None and len(patient_orientation) >= 1:
        first = str(patient_orientation[0]).strip().upper()
        if first.startswith("P"):
            return True
        if first.startswith("A"):
            return False
    return str(laterality or "").strip().upper() == "R"


def area_sum(stored: np.ndarray) -> np.ndarray:
    """Sum of each 2x2 block of stored values (exact, integer) -> uint16 [rows/2, cols/2]."""
    r, c = stored.shape
    assert r % FACTOR == 0 and c % FACTOR == 0, (r, c)
    s = stored.astype(np.uint32).reshape(r // FACTOR, FACTOR, c // FACTOR, FACTOR).sum(axis=(1, 3))
    return s.astype(np.uint16)


def to_input(sums: np.ndarray) -> np.ndarray:
    """uint16 block sums -> float32 model input: one float32 division by 16380."""
    return sums.astype(np.float32) / DIVISOR


def preprocess_stored(stored: np.ndarray, flip: bool) -> np.ndarray:
    """Stored pixel values [1024, 832] (uint16, MONOCHROME2, 12 bits) -> float32 [512, 416]."""
    if stored.shape != (STORED_ROWS, STORED_COLS):
        raise ValueError(f"expected {STORED_ROWS}x{STORED_COLS} stored pixels, got {stored.shape}")
    if flip:
        stored = stored[:, ::-1]
    return to_input(area_sum(stored))


def read_view(path: str):
    """Reads one DICOM view; returns (stored uint16 array, flip flag, header dict)."""
    import pydicom
    ds = pydicom.dcmread(path)
    if str(ds.get("PhotometricInterpretation", "MONOCHROME2")) != "MONOCHROME2":
        raise ValueError(f"{path}: only MONOCHROME2 is supported")
    if int(ds.get("BitsStored", 12)) != BITS_STORED:
        raise ValueError(f"{path}: BitsStored {ds.get('BitsStored')} != {BITS_STORED}")
    arr = ds.pixel_array.astype(np.uint16)
    po = ds.get("PatientOrientation", None)
    lat = ds.get("ImageLaterality", None) or ds.get("Laterality", None)
    flip = needs_flip(list(po) if po is not None else None, lat)
    return arr, flip, {"PatientOrientation": "\\".join(po) if po else None, "laterality": lat}


# Ground truth -> targets ---------------------------------------------------------------------
def polygon_mask(outline, flip: bool, shape=(STORED_ROWS, STORED_COLS)) -> np.ndarray:
    """Filled outline on the stored grid (after the flip), bool [rows, cols]."""
    from PIL import Image, ImageDraw
    h, w = shape
    pts = [((w - x) if flip else x, y) for x, y in outline]
    im = Image.new("L", (w, h), 0)
    ImageDraw.Draw(im).polygon(pts, fill=1, outline=1)
    return np.asarray(im, dtype=bool)


def flip_box(box, flip: bool):
    """Ground-truth box {x, y, width, height} (stored px) -> (x0, y0, x1, y1) after the flip."""
    x0, y0, w, h = box["x"], box["y"], box["width"], box["height"]
    if flip:
        x0 = STORED_COLS - (x0 + w)
    return (x0, y0, x0 + w, y0 + h)


def cell_target(mask: np.ndarray, box_xyxy) -> np.ndarray:
    """Heatmap target [64, 52] for one lesion: a cell is 1 when >= 10% of its 16x16 stored
    pixels lie inside the filled outline, and the cell holding the box centre is always 1."""
    cov = mask.reshape(HM_ROWS, CELL, HM_COLS, CELL).mean(axis=(1, 3))
    t = (cov >= 0.10).astype(np.float32)
    cx = (box_xyxy[0] + box_xyxy[2]) / 2
    cy = (box_xyxy[1] + box_xyxy[3]) / 2
    t[min(int(cy // CELL), HM_ROWS - 1), min(int(cx // CELL), HM_COLS - 1)] = 1.0
    return t


def load_ground_truth(set_dir: str):
    with open(os.path.join(set_dir, "ground-truth.json")) as f:
        gt = json.load(f)
    if gt.get("format") != "mammoterm-synth-ground-truth" or gt.get("version", 0) > 1:
        raise ValueError(f"{set_dir}: unknown ground-truth format/version")
    return gt


def view_lesions(exam, image, labels=None):
    """The lesions of one view as (id, type, pathology, view entry with "box" and "outline"): from
    the synth set's ground truth, or, for an image an annotation export covers (`labels` from
    labels.read_labels), from the export instead (its lesions have the same shape)."""
    if labels is not None and image.get("sopInstanceUID") in labels:
        marked = labels[image["sopInstanceUID"]]["lesions"]
        return [(f"{image['sopInstanceUID']}#{i + 1}", les["type"], les.get("pathology"), les) for i, les in enumerate(marked)]
    vk = image["viewKey"]
    return [(les["id"], les["type"], les["pathology"], les["views"][vk]) for les in exam["lesions"] if vk in les["views"]]


def build_cache(set_dir: str, out_path: str, include_priors: bool = True, labels=None):
    """Preprocesses every view of a synth set into one .npz: uint16 2x2 sums (exact), malignant
    and benign target maps, and per-lesion boxes (after the flip) for evaluation. With `labels`
    (labels.read_labels of a `mammoterm export annotations` file) the views it covers take their
    lesions from it; a marked lesion of unknown pathology is left out of both maps (counted)."""
    gt = load_ground_truth(set_dir)
    sums, tmal, tben, meta, lesions = [], [], [], [], []
    unknown = 0
    for ei, exam in enumerate(gt["exams"]):
        if exam["isPrior"] and not include_priors:
            continue
        for im in exam["images"]:
            vk = im["viewKey"]
            arr, flip, hdr = read_view(os.path.join(set_dir, im["file"]))
            sums.append(area_sum(arr[:, ::-1] if flip else arr))
            mal = np.zeros((HM_ROWS, HM_COLS), np.float32)
            ben = np.zeros((HM_ROWS, HM_COLS), np.float32)
            vi = len(meta)
            for lesion_id, lesion_type, pathology, v in view_lesions(exam, im, labels):
                if pathology is None:
                    unknown += 1
                    continue
                box = flip_box(v["box"], flip)
                t = cell_target(polygon_mask(v["outline"], flip), box)
                malignant = pathology == "malignant"
                if malignant:
                    mal = np.maximum(mal, t)
                else:
                    ben = np.maximum(ben, t)
                lesions.append((vi, lesion_id, lesion_type, malignant, *box))
            tmal.append(mal)
            tben.append(ben)
            meta.append((ei, exam["patientID"], exam["studyDate"], exam["isPrior"], exam["cancer"], vk, flip,
                         im["file"]))
    if unknown:
        print(f"{unknown} marked lesion(s) of unknown pathology left out of the targets")
    np.savez(out_path,
             sums=np.stack(sums), tmal=np.stack(tmal).astype(np.uint8), tben=np.stack(tben).astype(np.uint8),
             meta=json.dumps(meta), lesions=json.dumps(lesions))


@dataclass
class ViewSet:
    sums: np.ndarray       # uint16 [V, 512, 416]
    tmal: np.ndarray       # uint8 [V, 64, 52]
    tben: np.ndarray       # uint8 [V, 64, 52]
    meta: list             # per view: exam index, patient, date, isPrior, cancer, viewKey, flip, file
    lesions: list          # per lesion view: view index, id, type, malignant, x0, y0, x1, y1 (stored px, flipped)


def load_cache(path: str) -> ViewSet:
    z = np.load(path)
    return ViewSet(z["sums"], z["tmal"], z["tben"], json.loads(str(z["meta"])), json.loads(str(z["lesions"])))


def ensure_cache(name: str, data_dir=DEFAULT_DATA, cache_dir=DEFAULT_CACHE, labels_path=None) -> ViewSet:
    """The set's cache, built once; with `labels_path` (an annotation export) a cache of its own, keyed by
    the export's name and modification time, whose labelled views take their lesions from it."""
    os.makedirs(cache_dir, exist_ok=True)
    suffix = ""
    labels = None
    if labels_path:
        here = os.path.dirname(os.path.abspath(__file__))
        if here not in sys.path:
            sys.path.insert(0, here)
        import labels as label_files
        labels = label_files.read_labels(labels_path)
        stem = os.path.splitext(os.path.basename(labels_path))[0]
        suffix = f"-labels-{stem}-{int(os.path.getmtime(labels_path))}"
    p = os.path.join(cache_dir, f"{name}{suffix}.npz")
    if not os.path.exists(p):
        build_cache(os.path.join(data_dir, name), p + ".tmp.npz", labels=labels)
        os.replace(p + ".tmp.npz", p)
    return load_cache(p)


# Network (pure JAX; NHWC / HWIO inside, exported as NCHW / OIHW) ---------------------------
# (name, kernel, in, out, stride, dilation, batch-norm + ReLU)
LAYERS = [
    ("stem",   3, 1, 12, 1, 1, True),    # 512 x 416
    ("down1",  3, 12, 16, 2, 1, True),   # 256 x 208
    ("conv1",  3, 16, 16, 1, 1, True),
    ("down2",  3, 16, 32, 2, 1, True),   # 128 x 104
    ("conv2",  3, 32, 32, 1, 1, True),
    ("down3",  3, 32, 48, 2, 1, True),   # 64 x 52
    ("ctx1",   3, 48, 48, 1, 2, True),
    ("ctx2",   3, 48, 48, 1, 4, True),
    # Dropout(DROPOUT)
    ("head1",  1, 48, 32, 1, 1, True),
    # Dropout(DROPOUT)
    ("head2",  1, 32, 1, 1, 1, False),   # logit; Sigmoid -> heatmap
]
DROPOUT_AFTER = ("ctx2", "head1")
DROPOUT = 0.2
BN_EPS = 1e-5
BN_MOMENTUM = 0.9


def init_params(key):
    import jax
    import jax.numpy as jnp
    params, state = {}, {}
    for name, k, cin, cout, s, d, bn in LAYERS:
        key, sub = jax.random.split(key)
        fan_in = k * k * cin
        w = jax.random.normal(sub, (k, k, cin, cout), jnp.float32) * np.sqrt(2.0 / fan_in)
        p = {"w": w}
        if bn:
            p["gamma"] = jnp.ones((cout,), jnp.float32)
            p["beta"] = jnp.zeros((cout,), jnp.float32)
            state[name] = {"mean": jnp.zeros((cout,), jnp.float32), "var": jnp.ones((cout,), jnp.float32)}
        else:
            p["w"] = w * 0.1
            p["b"] = jnp.full((cout,), -4.0, jnp.float32)   # start near p = 0.018 (rare positives)
        params[name] = p
    return params, state


def forward(params, state, x, train: bool, key=None):
    """x: [N, H, W, 1] float32 -> (logits [N, H/8, W/8, 1], new BN state)."""
    import jax
    import jax.numpy as jnp
    new_state = {}
    h = x
    for name, k, cin, cout, s, d, bn in LAYERS:
        p = params[name]
        pad = d * (k - 1) // 2
        h = jax.lax.conv_general_dilated(h, p["w"], (s, s), [(pad, pad), (pad, pad)], rhs_dilation=(d, d),
                                         dimension_numbers=("NHWC", "HWIO", "NHWC"))
        if bn:
            if train:
                mean = h.mean(axis=(0, 1, 2))
                var = h.var(axis=(0, 1, 2))
                st = state[name]
                new_state[name] = {"mean": BN_MOMENTUM * st["mean"] + (1 - BN_MOMENTUM) * mean,
                                   "var": BN_MOMENTUM * st["var"] + (1 - BN_MOMENTUM) * var}
            else:
                mean, var = state[name]["mean"], state[name]["var"]
                new_state[name] = state[name]
            h = (h - mean) * jax.lax.rsqrt(var + BN_EPS) * p["gamma"] + p["beta"]
            h = jax.nn.relu(h)
        else:
            h = h + p["b"]
        if name in DROPOUT_AFTER and train:
            key, sub = jax.random.split(key)
            keep = jax.random.bernoulli(sub, 1.0 - DROPOUT, h.shape)
            h = jnp.where(keep, h / (1.0 - DROPOUT), 0.0)
    return h, new_state


def fold_batchnorm(params, state):
    """-> list of (name, W [O, I, k, k], b [O], stride, dilation, relu) in ONNX layout."""
    out = []
    for name, k, cin, cout, s, d, bn in LAYERS:
        p = {kk: np.asarray(v, np.float64) for kk, v in params[name].items()}
        w = p["w"].transpose(3, 2, 0, 1)   # HWIO -> OIHW
        if bn:
            st = {kk: np.asarray(v, np.float64) for kk, v in state[name].items()}
            scale = p["gamma"] / np.sqrt(st["var"] + BN_EPS)
            w = w * scale[:, None, None, None]
            b = p["beta"] - st["mean"] * scale
        else:
            b = p["b"]
        out.append((name, w.astype(np.float32), b.astype(np.float32), s, d, bn))
    return out


def count_params():
    n = 0
    for name, k, cin, cout, s, d, bn in LAYERS:
        n += k * k * cin * cout + cout   # folded conv weight + bias
    return n


def save_params(path, params, state, extra=None):
    flat = {}
    for name in params:
        for kk, v in params[name].items():
            flat[f"p/{name}/{kk}"] = np.asarray(v)
    for name in state:
        for kk, v in state[name].items():
            flat[f"s/{name}/{kk}"] = np.asarray(v)
    flat["extra"] = json.dumps(extra or {})
    np.savez(path, **flat)


def load_params(path):
    z = np.load(path)
    params, state = {}, {}
    for key in z.files:
        if key == "extra":
            continue
        kind, name, kk = key.split("/")
        (params if kind == "p" else state).setdefault(name, {})[kk] = z[key]
    return params, state, json.loads(str(z["extra"]))


# Lesion extraction ---------------------------------------------------------------------------
NMS_CELLS = 2          # a peak within 2 cells (Chebyshev) of a higher kept peak is dropped
PEAK_FLOOR = 0.001     # peaks below this are not candidates at all
HIT_MARGIN = CELL / 2  # stored px added around the lesion box when testing a hit (8)


def extract_peaks(hm: np.ndarray, floor: float = PEAK_FLOOR):
    """Lesion candidates on one heatmap [64, 52]: cells whose value is >= all of their (up to 8)
    neighbours and >= floor (0.001), sorted by value (descending; ties by row then column), then greedy
    suppression of any candidate within NMS_CELLS cells (max(|dr|, |dc|) <= 2) of a kept one.
    Returns a list of (value, row, col); the centre in stored pixels of the flipped image is
    ((col + 0.5) * 16, (row + 0.5) * 16)."""
    h, w = hm.shape
    pad = np.pad(hm, 1, constant_values=-np.inf)
    nb = np.max(np.stack([pad[1 + dr:1 + dr + h, 1 + dc:1 + dc + w]
                          for dr in (-1, 0, 1) for dc in (-1, 0, 1) if (dr, dc) != (0, 0)]), axis=0)
    rr, cc = np.nonzero((hm >= nb) & (hm >= floor))
    cands = sorted(((float(hm[r, c]), int(r), int(c)) for r, c in zip(rr, cc)), key=lambda t: (-t[0], t[1], t[2]))
    kept = []
    for v, r, c in cands:
        if all(max(abs(r - kr), abs(c - kc)) > NMS_CELLS for _, kr, kc in kept):
            kept.append((v, r, c))
    return kept


def peak_center_stored(r, c):
    return ((c + 0.5) * CELL, (r + 0.5) * CELL)


# Metrics -------------------------------------------------------------------------------------
def roc_auc(scores, labels) -> float:
    """Mann-Whitney AUC with ties counted one half."""
    from scipy.stats import rankdata
    s = np.asarray(scores, np.float64)
    y = np.asarray(labels, bool)
    npos, nneg = y.sum(), (~y).sum()
    if npos == 0 or nneg == 0:
        return float("nan")
    r = rankdata(s)
    return float((r[y].sum() - npos * (npos + 1) / 2) / (npos * nneg))


def ece(probs, labels, bins: int = 10) -> float:
    """Expected calibration error: 10 equal-width bins on [0, 1] (the last includes 1.0),
    sum over bins of (n_bin / n) * |mean label - mean probability|."""
    p = np.asarray(probs, np.float64)
    y = np.asarray(labels, np.float64)
    idx = np.minimum((p * bins).astype(int), bins - 1)
    e = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            e += m.mean() * abs(y[m].mean() - p[m].mean())
    return float(e)


def logit(p, eps=1e-6):
    p = np.clip(np.asarray(p, np.float64), eps, 1 - eps)
    return np.log(p) - np.log1p(-p)


def fit_platt(raw_scores, labels):
    """Platt scaling on the logit of the raw exam score: p = sigmoid(a * logit(raw) + b), fitted
    by maximum likelihood (scipy BFGS, deterministic)."""
    from scipy.optimize import minimize
    z = logit(raw_scores)
    y = np.asarray(labels, np.float64)

    def nll(ab):
        t = ab[0] * z + ab[1]
        return float(np.sum(np.logaddexp(0, t) - y * t))

    res = minimize(nll, np.array([1.0, 0.0]), method="BFGS")
    return float(res.x[0]), float(res.x[1])


def platt(raw, a, b):
    return 1.0 / (1.0 + np.exp(-(a * logit(raw) + b)))
