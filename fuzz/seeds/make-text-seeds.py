"""Builds the starting inputs for the Swift fuzz targets (reply, toml, json, csv) in OUT.

Sources: the recorded terminal replies (Tests/Fixtures/termgraphics/replies), the bundled themes,
and the multi-line string literals of the tests that feed the parsers (config files, annotation
JSON, COCO, AI results, VinDr / CBIS-DDSM / truth / score CSV), each sorted by what it looks like.
libFuzzer's -merge=1 keeps the ones that add coverage.

    python3 fuzz/seeds/make-text-seeds.py OUT
"""
import re
import shutil
import sys
from pathlib import Path

out = Path(sys.argv[1])
for t in ("reply", "toml", "json", "csv"):
    (out / t).mkdir(parents=True, exist_ok=True)
for f in Path("Tests/Fixtures/termgraphics/replies").glob("*.bin"):
    shutil.copy(f, out / "reply" / f.name)
for f in Path("themes").glob("*.toml"):
    shutil.copy(f, out / "toml" / f.name)


def unescape(body: str) -> str:
    """Swift string escapes the tests use; interpolations stay as text (still fine input)."""
    body = re.sub(r"\\u\{([0-9A-Fa-f]+)\}", lambda m: chr(int(m.group(1), 16)), body)
    return body.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


count = 0
for test in sorted(Path("Tests").rglob("*.swift")):
    text = test.read_text()
    for m in re.finditer(r'"""\n(.*?)\n([ \t]*)"""', text, re.S):
        indent = m.group(2)
        lines = [line[len(indent):] if line.startswith(indent) else line.lstrip() for line in m.group(1).split("\n")]
        body = unescape("\n".join(lines) + "\n")
        head = body.lstrip("\ufeff").lstrip()
        kind = ("json" if head.startswith("{") else
                "toml" if re.search(r"^\s*(\[[^\]]+\]|[A-Za-z_]+\s*=)", head, re.M) and "," not in head.split("\n")[0] else
                "csv" if "," in head.split("\n")[0] else None)
        if kind is None:
            continue
        count += 1
        (out / kind / f"{test.stem}-{count}.txt").write_text(body)
# Escaped replies the probing tests write inline ("^[" for ESC).
for m in re.finditer(r'escaped\("([^"]+)"\)', Path("Tests/TermGraphicsTests/ProbeParsingTests.swift").read_text()):
    count += 1
    (out / "reply" / f"inline-{count}.bin").write_bytes(m.group(1).replace("^[", "\x1b").replace("\\\\", "\\").encode())
# One of each format the tests only build in code, as their documentation describes them.
handwritten = {
    "json/coco.json": """{"info": {"description": "mammoterm annotations", "version": "1"},
 "images": [{"id": 1, "file_name": "1.2.840.1.1.dcm", "width": 300, "height": 400, "sop_instance_uid": "1.2.840.1.1",
             "study_instance_uid": "1.2.840.1", "laterality": "R", "view_position": "CC"},
            {"id": 2, "file_name": "1.2.840.1.2.dcm", "width": 300, "height": 400}],
 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 20, 30, 40], "area": 1200,
                  "segmentation": [[10, 20, 40, 20, 40, 60, 10, 60]], "iscrowd": 0, "mammoterm_shape": "polygon",
                  "birads": "4B", "pathology": "malignant", "annotator": "alice", "lesion_id": "L1", "note": "n"},
                 {"id": 2, "image_id": 2, "category_id": 2, "bbox": [1, 2, 3, 4], "mammoterm_shape": "ellipse"},
                 {"id": 3, "image_id": 1, "category_id": 9, "bbox": [1, 2, 3, 4]}],
 "categories": [{"id": 1, "name": "mass", "supercategory": "finding"}, {"id": 2, "name": "calcification-cluster"},
                {"id": 9, "name": "skin thickening"}]}
""",
    "json/ai-results.json": """{"format": "mammoterm-ai-results", "version": 1, "system": "Vendor CAD", "model": "vx", "modelVersion": "2.1",
 "threshold": 0.5, "studies": [{"studyInstanceUID": "1.2.840.1", "score": 0.87, "confidence": 0.9,
 "findings": [{"view": "RCC", "box": {"x": 310, "y": 402, "width": 50, "height": 44}, "score": 0.81, "confidence": 0.7,
               "kind": "mass", "pair": 1},
              {"view": "RMLO", "box": {"x": 1, "y": 2, "width": 3, "height": 4}, "score": 0.5, "kind": "distortion", "pair": 1}]},
 {"studyInstanceUID": "1.2.840.2", "score": 120}]}
""",
    "csv/truth.csv": "studyInstanceUID,cancer,birads,density\n1.2.840.1,1,4A,C\n1.2.840.2,no,BI-RADS 2,DENSITY B\n\"1.2,3\",true,,\n",
    "csv/scores.csv": "id,label,score,reader\ns1,1,0.9,r1\ns2,0,0.1,r1\n",
}
for name, body in handwritten.items():
    (out / name).write_text(body)
for t in ("reply", "toml", "json", "csv"):
    print(t, len(list((out / t).iterdir())))
