"""Checks training/labels.py on small exports written as mammoterm writes them (run by `make test`:
`python3 training/test_labels.py`; standard library only)."""
import json
import math
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import labels  # noqa: E402

OURS = {
    "format": "mammoterm-annotations", "version": 1, "exportedAt": "2026-11-27T12:00:00Z",
    "images": [{"studyInstanceUID": "1.2", "seriesInstanceUID": "1.2.9", "sopInstanceUID": "1.2.1", "view": "RCC",
                "rows": 1024, "columns": 832}],
    "annotations": [
        {"id": "A", "studyInstanceUID": "1.2", "sopInstanceUID": "1.2.1", "view": "RCC", "category": "mass",
         "shape": {"type": "ellipse", "x": 100, "y": 200, "width": 40, "height": 20}, "birads": "4B",
         "pathology": "malignant", "note": "", "annotator": "alice", "createdAt": "t", "modifiedAt": "t",
         "acceptedBy": "carol", "acceptedAt": "t"},
        {"id": "B", "studyInstanceUID": "1.2", "sopInstanceUID": "1.2.1", "view": "RCC", "category": "calcification-cluster",
         "shape": {"type": "polygon", "points": [[10, 10], [30, 12], [20, 40]]}, "note": "", "annotator": "bob",
         "createdAt": "t", "modifiedAt": "t"},
        {"id": "C", "studyInstanceUID": "1.2", "sopInstanceUID": "1.2.1", "view": "RCC", "category": "asymmetry",
         "shape": {"type": "point", "x": 5, "y": 6}, "note": "", "annotator": "bob", "createdAt": "t", "modifiedAt": "t"},
    ],
}

VINDR = """study_id,series_id,image_id,laterality,view_position,height,width,breast_birads,breast_density,finding_categories,finding_birads,xmin,ymin,xmax,ymax,split
1.2,1.2.9,1.2.1,R,CC,1024,832,,,['Mass'],BI-RADS 4,100,200,140,220,
1.2,1.2.9,1.2.1,R,CC,1024,832,,,"['Suspicious Calcification', 'Skin Thickening']",BI-RADS 3,10,10,30,40,
1.2,1.2.9,1.2.2,L,CC,1024,832,,,['No Finding'],,,,,,
"""

COCO = {
    "images": [{"id": 1, "file_name": "1.2.1.dcm", "width": 832, "height": 1024, "sop_instance_uid": "1.2.1",
                "laterality": "R", "view_position": "CC"}],
    "annotations": [{"id": 1, "image_id": 1, "category_id": 2, "bbox": [10, 10, 20, 30], "area": 310,
                     "segmentation": [[10, 10, 30, 12, 20, 40]], "iscrowd": 0, "mammoterm_id": "B"}],
    "categories": [{"id": i + 1, "name": n, "supercategory": "finding"} for i, n in enumerate(labels.CATEGORIES)],
}


class LabelTests(unittest.TestCase):
    def write(self, name, text):
        path = os.path.join(self.folder.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.folder.cleanup()

    def test_mammoterm_json(self):
        got = labels.read_labels(self.write("marks.json", json.dumps(OURS)))
        image = got["1.2.1"]
        self.assertEqual((image["rows"], image["columns"], image["view"]), (1024, 832, "RCC"))
        self.assertEqual([l["type"] for l in image["lesions"]], ["mass", "calcification-cluster"])
        mass, calc = image["lesions"]
        self.assertEqual(mass["box"], {"x": 100, "y": 200, "width": 40, "height": 20})
        self.assertEqual(len(mass["outline"]), 48)
        self.assertTrue(all(math.isclose(((x - 120) / 20) ** 2 + ((y - 210) / 10) ** 2, 1) for x, y in mass["outline"]))
        self.assertEqual((mass["birads"], mass["pathology"], mass["accepted"], labels.malignant(mass)), ("4B", "malignant", True, True))
        self.assertEqual(calc["box"], {"x": 10, "y": 10, "width": 20, "height": 30})
        self.assertEqual(calc["outline"], [[10, 10], [30, 12], [20, 40]])
        self.assertIsNone(labels.malignant(calc))
        self.assertEqual(labels.read_labels.skipped_points, 1)

    def test_vindr_csv(self):
        got = labels.read_labels(self.write("findings.csv", VINDR))
        self.assertEqual(got["1.2.2"]["lesions"], [], "No Finding: an image without lesions")
        lesions = got["1.2.1"]["lesions"]
        self.assertEqual([l["type"] for l in lesions], ["mass", "calcification-cluster"])
        self.assertEqual(lesions[0]["box"], {"x": 100, "y": 200, "width": 40, "height": 20})
        self.assertEqual(lesions[0]["outline"], [[100, 200], [140, 200], [140, 220], [100, 220]])
        self.assertEqual([l["birads"] for l in lesions], ["4", "3"])
        self.assertEqual(got["1.2.1"]["view"], "RCC")

    def test_coco(self):
        got = labels.read_labels(self.write("coco.json", json.dumps(COCO)))
        (calc,) = got["1.2.1"]["lesions"]
        self.assertEqual((calc["type"], calc["id"]), ("calcification-cluster", "B"))
        self.assertEqual(calc["box"], {"x": 10, "y": 10, "width": 20, "height": 30})
        self.assertEqual(calc["outline"], [[10, 10], [30, 12], [20, 40]])

    def test_newer_version_is_refused(self):
        with self.assertRaises(labels.LabelError):
            labels.read_labels(self.write("new.json", json.dumps(dict(OURS, version=2))))


if __name__ == "__main__":
    unittest.main()
