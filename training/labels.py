"""Lesion labels from mammoterm's annotation exports, in the form the training code uses.

`mammoterm export annotations --format json|vindr|coco --out FILE` writes marks drawn in
`mammoterm annotate` (or imported from VinDr-Mammo / CBIS-DDSM); this module reads any of the
three back into per-image lesion lists shaped like a view entry of synth's ground-truth.json, so
`common.cell_target(common.polygon_mask(l["outline"], flip), common.flip_box(l["box"], flip))`
turns each into a heatmap target exactly as `common.build_cache` does for synthetic lesions.

    labels = read_labels("marks.json")          # format from the content
    for sop_uid, image in labels.items():
        image["rows"], image["columns"], image["view"]      # when the file says them
        for l in image["lesions"]:
            l["box"]        # {"x", "y", "width", "height"}: stored pixels, x right, y down, before any flip
            l["outline"]    # [[x, y], ...]: box corners, ellipse (48 vertices) or polygon
            l["type"]       # mass | calcification-cluster | architectural-distortion | asymmetry
            l["pathology"]  # malignant | benign | benign-without-callback | None
            l["birads"]     # "0".."6", "4", "4A".."4C" | None
            l["accepted"]   # True when a reviewer accepted it as ground truth (json only; else None)

Points have no region and are left out (count in `skipped_points`). VinDr CSV rows carry boxes
only (the outline is the box); "No Finding" rows give an image with no lesions. Standard library
only, so `make test` runs the test without the training environment.
"""
from __future__ import annotations

import ast
import csv
import json
import math

CATEGORIES = ("mass", "calcification-cluster", "architectural-distortion", "asymmetry")
_VINDR = {"mass": "mass", "suspicious calcification": "calcification-cluster",
          "architectural distortion": "architectural-distortion", "asymmetry": "asymmetry",
          "focal asymmetry": "asymmetry", "global asymmetry": "asymmetry"}


class LabelError(ValueError):
    """A label file mammoterm did not write, or a newer version of one."""


def _lesion(box, outline, typ, pathology=None, birads=None, accepted=None, mark_id=None, annotator=None):
    x, y, w, h = box
    return {"box": {"x": x, "y": y, "width": w, "height": h}, "outline": [list(p) for p in outline],
            "type": typ, "pathology": pathology, "birads": birads, "accepted": accepted,
            "id": mark_id, "annotator": annotator}


def _corners(x, y, w, h):
    return [[x, y], [x + w, y], [x + w, y + h], [x, y + h]]


def _ellipse(x, y, w, h, segments=48):
    cx, cy = x + w / 2, y + h / 2
    return [[cx + w / 2 * math.cos(2 * math.pi * i / segments), cy + h / 2 * math.sin(2 * math.pi * i / segments)]
            for i in range(segments)]


def _image(labels, sop, **facts):
    entry = labels.setdefault(sop, {"lesions": []})
    entry.update({k: v for k, v in facts.items() if v is not None})
    return entry


def read_mammoterm_json(path):
    """The project's lossless export (format "mammoterm-annotations", version 1)."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if doc.get("format") != "mammoterm-annotations":
        raise LabelError(f"{path}: not a mammoterm-annotations file")
    if doc.get("version", 0) > 1:
        raise LabelError(f"{path}: version {doc.get('version')} is newer than this reader (1)")
    labels, points = {}, 0
    for im in doc.get("images", []):
        view = im.get("view")
        _image(labels, im["sopInstanceUID"], rows=im.get("rows"), columns=im.get("columns"), view=view,
               study=im.get("studyInstanceUID"))
    for a in doc["annotations"]:
        s = a["shape"]
        image = _image(labels, a["sopInstanceUID"], view=a.get("view"), study=a.get("studyInstanceUID"))
        if s["type"] in ("box", "ellipse"):
            box = (s["x"], s["y"], s["width"], s["height"])
            outline = _corners(*box) if s["type"] == "box" else _ellipse(*box)
        elif s["type"] == "polygon":
            xs, ys = [p[0] for p in s["points"]], [p[1] for p in s["points"]]
            box = (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
            outline = s["points"]
        else:
            points += 1
            continue
        image["lesions"].append(_lesion(box, outline, a["category"], a.get("pathology"), a.get("birads"),
                                        a.get("acceptedBy") is not None, a["id"], a.get("annotator")))
    return labels, points


def read_vindr_csv(path):
    """VinDr-Mammo-style finding rows (finding_annotations.csv columns); boxes only."""
    labels = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            sop = row["image_id"]
            view = (row.get("laterality") or "") + (row.get("view_position") or "")
            image = _image(labels, sop, study=row.get("study_id"), view=view or None,
                           rows=int(row["height"]) if row.get("height") else None,
                           columns=int(row["width"]) if row.get("width") else None)
            text = row["finding_categories"].strip()
            names = ast.literal_eval(text) if text.startswith("[") else [text]
            for name in names:
                typ = _VINDR.get(name.strip().lower())
                if typ is None:
                    continue  # "No Finding", or a category mammoterm does not mark
                x0, y0, x1, y1 = (float(row[k]) for k in ("xmin", "ymin", "xmax", "ymax"))
                birads = row.get("finding_birads", "").replace("BI-RADS", "").strip() or None
                image["lesions"].append(_lesion((x0, y0, x1 - x0, y1 - y0), _corners(x0, y0, x1 - x0, y1 - y0), typ,
                                                birads=birads))
    return labels, 0


def read_coco(path):
    """COCO JSON as mammoterm writes it (extra fields optional); images keyed by sop_instance_uid or file name."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    names = {c["id"]: c["name"] for c in doc.get("categories", [])}
    labels, by_id = {}, {}
    for im in doc["images"]:
        sop = im.get("sop_instance_uid") or im["file_name"].removesuffix(".dcm")
        view = (im.get("laterality") or "") + (im.get("view_position") or "")
        by_id[im["id"]] = _image(labels, sop, rows=im.get("height"), columns=im.get("width"), view=view or None,
                                 study=im.get("study_instance_uid"))
    for a in doc["annotations"]:
        typ = names.get(a["category_id"])
        if typ not in CATEGORIES:
            continue
        x, y, w, h = a["bbox"]
        seg = (a.get("segmentation") or [[]])[0]
        outline = [[seg[i], seg[i + 1]] for i in range(0, len(seg) - 1, 2)] if len(seg) >= 6 else _corners(x, y, w, h)
        by_id[a["image_id"]]["lesions"].append(_lesion((x, y, w, h), outline, typ, a.get("pathology"), a.get("birads"),
                                                       None, a.get("mammoterm_id"), a.get("annotator")))
    return labels, 0


def read_labels(path):
    """Any of the three exports, told apart by content. Returns {sop_uid: image}; see the module doc."""
    with open(path, encoding="utf-8-sig") as f:
        head = f.read(4096).lstrip()
    if head.startswith("{"):
        with open(path, encoding="utf-8") as f:
            is_ours = json.load(f).get("format") == "mammoterm-annotations"
        labels, points = read_mammoterm_json(path) if is_ours else read_coco(path)
    else:
        labels, points = read_vindr_csv(path)
    read_labels.skipped_points = points
    return labels


def malignant(lesion):
    """True / False when the pathology is known, else None (the targets split malignant vs benign maps)."""
    p = lesion.get("pathology")
    return None if p is None else p == "malignant"
