"""Checks training/labels.py on small exports written as mammoterm writes them (run by `make test`:
`python3 training/test_labels.py`); the target test needs what training's preprocessing needs
(numpy, pydicom, Pillow), which `make test` installs."""
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


SAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "samples")


class TrainingTargetTests(unittest.TestCase):
    """An export's marks become the training targets of the views it covers (common.build_cache with
    labels): the repo's samples/ as the synth set, SYN-0003's current exam alone."""

    def test_exported_marks_replace_the_ground_truth_of_their_views(self):
        import numpy as np
        import common as C
        with open(os.path.join(SAMPLES, "ground-truth.json")) as f:
            gt = json.load(f)
        exam = next(e for e in gt["exams"] if e["patientID"] == "SYN-0003" and not e["isPrior"])
        rcc = next(i for i in exam["images"] if i["viewKey"] == "RCC")
        truth = exam["lesions"][0]["views"]["RCC"]["box"]
        with tempfile.TemporaryDirectory() as folder:
            os.symlink(os.path.join(SAMPLES, "SYN-0003"), os.path.join(folder, "SYN-0003"))
            with open(os.path.join(folder, "ground-truth.json"), "w") as f:
                json.dump(dict(gt, exams=[exam]), f)
            # An annotator marked a malignant mass elsewhere on RCC (top left); the other views keep the truth.
            export = dict(OURS, images=[{"studyInstanceUID": exam["studyInstanceUID"], "sopInstanceUID": rcc["sopInstanceUID"],
                                         "view": "RCC", "rows": rcc["rows"], "columns": rcc["columns"]}],
                          annotations=[dict(OURS["annotations"][0], sopInstanceUID=rcc["sopInstanceUID"],
                                            studyInstanceUID=exam["studyInstanceUID"],
                                            shape={"type": "box", "x": 100, "y": 150, "width": 60, "height": 60})])
            marks = os.path.join(folder, "marks.json")
            with open(marks, "w") as f:
                json.dump(export, f)
            plain, labelled = os.path.join(folder, "plain.npz"), os.path.join(folder, "labelled.npz")
            C.build_cache(folder, plain)
            C.build_cache(folder, labelled, labels=labels.read_labels(marks))
            a, b = C.load_cache(plain), C.load_cache(labelled)
            index = next(i for i, m in enumerate(b.meta) if m[5] == "RCC")
            flip = b.meta[index][6]

            def cells(box):  # target cells a stored-pixel box covers (after the view's flip)
                x0, y0, x1, y1 = C.flip_box(box, flip)
                return b.tmal[index, int(y0 // C.CELL):int(y1 // C.CELL) + 1, int(x0 // C.CELL):int(x1 // C.CELL) + 1]

            self.assertEqual(cells({"x": 100, "y": 150, "width": 60, "height": 60}).max(), 1, "the mark is a target")
            self.assertEqual(cells(truth).max(), 0, "the synth truth on RCC is replaced")
            self.assertGreater(a.tmal[index].sum(), 0)
            others = [i for i, m in enumerate(b.meta) if m[5] != "RCC"]
            self.assertTrue(np.array_equal(a.tmal[others], b.tmal[others]), "views the export does not cover keep the truth")


if __name__ == "__main__":
    unittest.main()
