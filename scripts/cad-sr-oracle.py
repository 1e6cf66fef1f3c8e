#!/usr/bin/env python3
"""An independent reader and writer of Mammography CAD SR (TID 4000) for the tests, in pydicom.

  cad-sr-oracle.py walk FILE
      Follows the template's own path (Image Library; CAD Processing and Findings Summary >
      INFERRED FROM Individual Impression/Recommendation > CONTAINS Single Image Finding, or >
      Composite Feature > INFERRED FROM Single Image Finding) and prints JSON: the root concept,
      the library's images (SOP instance, laterality, view) and each finding (type code, centre,
      outline, certainty, probability, image, pair). By-reference links are resolved by their
      Referenced Content Item Identifier.

  cad-sr-oracle.py write OUT SPEC.json [--defect D]
      Writes a CAD SR the way another vendor's system might, without DCMTK or mammoterm:
      SCOORDs SELECTED FROM an IMAGE given by value (not by reference), an ELLIPSE outline, a
      centre-only finding, items mammoterm does not use (Impression Description, a Pathology
      code). SPEC: {"study", "patientID", "patientName", "manufacturer", "model", "algorithm",
      "version", "images": [{"sop", "sopClass", "series", "laterality": "R|L", "view": "CC|MLO"}],
      "findings": [{"image": index, "type": "mass|calcification", "center": [x, y],
      "outline": [[x, y], ...] | null, "ellipse": [[x, y] x4] | null, "certainty": 0-100,
      "probability": 0-100, "pair": n | null}]}.
      --defect: truncated (the file cut in half), other-template (a Comprehensive SR rooted at
      "Imaging Measurement Report"), no-coordinates (finding 0 loses its SCOORDs), certainty
      (finding 0's certainty is 140), missing-image (finding 0 points at an image not in the study).
"""
import json
import sys

from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

MAMMO_CAD_SR = "1.2.840.10008.5.1.4.1.1.88.50"
COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33"


def code(value, scheme, meaning):
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = scheme
    item.CodeMeaning = meaning
    return item


def is_code(seq, value):
    return bool(seq) and seq[0].CodeValue == value


# ---------------------------------------------------------------- walk

def walk(path):
    import pydicom
    ds = pydicom.dcmread(path)
    # Index every item by its position so by-reference links (ReferencedContentItemIdentifier) resolve.
    positions = {}

    def index(item, pos):
        positions[tuple(pos)] = item
        for n, child in enumerate(getattr(item, "ContentSequence", []), start=1):
            index(child, pos + [n])

    index(ds, [1])

    def resolve(item):
        if "ReferencedContentItemIdentifier" in item:
            return positions.get(tuple(int(v) for v in item.ReferencedContentItemIdentifier))
        return item

    def children(item, concept=None):
        for child in getattr(item, "ContentSequence", []):
            target = resolve(child)
            if target is None:
                continue
            if concept is None or ("ConceptNameCodeSequence" in target and is_code(target.ConceptNameCodeSequence, concept)):
                yield child, target

    def num(item, concept):
        for _, n in children(item, concept):
            return float(n.MeasuredValueSequence[0].NumericValue)
        return None

    out = {"root": ds.ConceptNameCodeSequence[0].CodeValue, "images": [], "findings": []}
    for _, library in children(ds, "111028"):
        for _, image in children(library):
            if image.ValueType != "IMAGE":
                continue
            entry = {"sop": image.ReferencedSOPSequence[0].ReferencedSOPInstanceUID}
            for _, ctx in children(image):
                if "ConceptNameCodeSequence" not in ctx or ctx.ValueType != "CODE":
                    continue
                name = ctx.ConceptNameCodeSequence[0].CodeValue
                value = ctx.ConceptCodeSequence[0].CodeValue
                if name == "111027":
                    entry["laterality"] = {"24028007": "R", "7771000": "L"}.get(value, value)
                if name == "111031":
                    entry["view"] = {"399162004": "CC", "399368009": "MLO"}.get(value, value)
            out["images"].append(entry)

    def finding(item, pair):
        f = {"type": item.ConceptCodeSequence[0].CodeValue, "pair": pair,
             "certainty": num(item, "111012"), "probability": num(item, "111047")}
        for concept, key in (("111010", "center"), ("111041", "outline")):
            for _, scoord in children(item, concept):
                data = [float(v) for v in scoord.GraphicData]
                points = [data[i:i + 2] for i in range(0, len(data), 2)]
                f[key] = points[0] if key == "center" else points
                for rel, image in children(scoord):
                    if rel.RelationshipType == "SELECTED FROM" and image.ValueType == "IMAGE":
                        f["image"] = image.ReferencedSOPSequence[0].ReferencedSOPInstanceUID
        out["findings"].append(f)

    pair = 0
    for _, summary in children(ds, "111017"):
        for rel, impression in children(summary, "111034"):
            assert rel.RelationshipType == "INFERRED FROM", rel.RelationshipType
            for rel2, item in children(impression):
                name = item.ConceptNameCodeSequence[0].CodeValue if "ConceptNameCodeSequence" in item else ""
                if name == "111059":
                    assert rel2.RelationshipType == "CONTAINS"
                    finding(item, None)
                elif name == "111015":
                    pair += 1
                    for rel3, member in children(item, "111059"):
                        assert rel3.RelationshipType == "INFERRED FROM"
                        finding(member, pair)
    print(json.dumps(out, indent=1))


# ---------------------------------------------------------------- write

def content(relationship, value_type, concept=None, **values):
    item = Dataset()
    item.RelationshipType = relationship
    item.ValueType = value_type
    if concept:
        item.ConceptNameCodeSequence = Sequence([code(*concept)])
    for key, value in values.items():
        setattr(item, key, value)
    return item


def add(parent, child):
    if "ContentSequence" not in parent:
        parent.ContentSequence = Sequence([])
    parent.ContentSequence.append(child)
    return child


def numeric(relationship, concept, value, unit=("%", "UCUM", "Percent")):
    item = content(relationship, "NUM", concept)
    measured = Dataset()
    measured.NumericValue = f"{value:g}"
    measured.MeasurementUnitsCodeSequence = Sequence([code(*unit)])
    item.MeasuredValueSequence = Sequence([measured])
    return item


def image_ref(relationship, image):
    item = content(relationship, "IMAGE")
    ref = Dataset()
    ref.ReferencedSOPClassUID = image["sopClass"]
    ref.ReferencedSOPInstanceUID = image["sop"]
    item.ReferencedSOPSequence = Sequence([ref])
    return item


def write(out, spec_path, defect):
    spec = json.load(open(spec_path))
    meta = FileMetaDataset()
    sop_class = COMPREHENSIVE_SR if defect == "other-template" else MAMMO_CAD_SR
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(out, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SpecificCharacterSet = "ISO_IR 192"
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = spec["study"]
    ds.SeriesInstanceUID = generate_uid()
    ds.Modality = "SR"
    ds.PatientID = spec["patientID"]
    ds.PatientName = spec.get("patientName", "")
    ds.PatientBirthDate = ""
    ds.PatientSex = "F"
    ds.StudyDate = ds.ContentDate = "20260101"
    ds.StudyTime = ds.ContentTime = "120000"
    ds.ReferringPhysicianName = ""
    ds.StudyID = ""
    ds.AccessionNumber = ""
    ds.SeriesNumber = 77
    ds.InstanceNumber = 1
    ds.Manufacturer = spec["manufacturer"]
    ds.ManufacturerModelName = spec["model"]
    ds.CompletionFlag = "COMPLETE"
    ds.VerificationFlag = "UNVERIFIED"
    ds.ValueType = "CONTAINER"
    ds.ContinuityOfContent = "SEPARATE"
    ds.ReferencedPerformedProcedureStepSequence = Sequence([])
    # The evidence: every image the report refers to, by study and series (PS3.3 C.17.2.3).
    by_series = {}
    for image in spec["images"]:
        by_series.setdefault(image.get("series", ""), []).append(image)
    study = Dataset()
    study.StudyInstanceUID = spec["study"]
    study.ReferencedSeriesSequence = Sequence([])
    for series_uid, images in by_series.items():
        series = Dataset()
        series.SeriesInstanceUID = series_uid
        series.ReferencedSOPSequence = Sequence([])
        for image in images:
            ref = Dataset()
            ref.ReferencedSOPClassUID = image["sopClass"]
            ref.ReferencedSOPInstanceUID = image["sop"]
            series.ReferencedSOPSequence.append(ref)
        study.ReferencedSeriesSequence.append(series)
    ds.CurrentRequestedProcedureEvidenceSequence = Sequence([study])
    ds.PerformedProcedureCodeSequence = Sequence([])
    if defect == "other-template":
        ds.ConceptNameCodeSequence = Sequence([code("126000", "DCM", "Imaging Measurement Report")])
        add(ds, content("CONTAINS", "TEXT", ("121071", "DCM", "Finding"), TextValue="not a CAD report"))
        ds.save_as(out, enforce_file_format=True)
        return
    ds.ConceptNameCodeSequence = Sequence([code("111036", "DCM", "Mammography CAD Report")])
    library = add(ds, content("CONTAINS", "CONTAINER", ("111028", "DCM", "Image Library"), ContinuityOfContent="SEPARATE"))
    for image in spec["images"]:
        entry = add(library, image_ref("CONTAINS", image))
        add(entry, content("HAS ACQ CONTEXT", "CODE", ("111027", "DCM", "Image Laterality"), ConceptCodeSequence=Sequence(
            [code("24028007", "SCT", "Right") if image["laterality"] == "R" else code("7771000", "SCT", "Left")])))
        add(entry, content("HAS ACQ CONTEXT", "CODE", ("111031", "DCM", "Image View"), ConceptCodeSequence=Sequence(
            [code("399162004", "SCT", "cranio-caudal") if image["view"] == "CC" else code("399368009", "SCT", "medio-lateral oblique")])))
    findings = spec["findings"]
    summary = add(ds, content("CONTAINS", "CODE", ("111017", "DCM", "CAD Processing and Findings Summary"),
                              ConceptCodeSequence=Sequence([code("111242", "DCM", "All algorithms succeeded; with findings")])))
    add(summary, content("HAS PROPERTIES", "TEXT", ("111033", "DCM", "Impression Description"), TextValue="vendor words mammoterm ignores"))
    types = {"mass": ("129788004", "SCT", "Mammographic breast mass"), "calcification": ("129769006", "SCT", "Calcification Cluster")}

    def single(parent, relationship, f, index):
        item = add(parent, content(relationship, "CODE", ("111059", "DCM", "Single Image Finding"),
                                   ConceptCodeSequence=Sequence([code(*types[f["type"]])])))
        add(item, content("HAS CONCEPT MOD", "CODE", ("111056", "DCM", "Rendering Intent"), ConceptCodeSequence=Sequence(
            [code("111150", "DCM", "Presentation Required: Rendering device is expected to present")])))
        add(item, content("HAS PROPERTIES", "TEXT", ("111001", "DCM", "Algorithm Name"), TextValue=spec["algorithm"]))
        add(item, content("HAS PROPERTIES", "TEXT", ("111003", "DCM", "Algorithm Version"), TextValue=spec["version"]))
        certainty = 140 if (defect == "certainty" and index == 0) else f["certainty"]
        add(item, numeric("HAS PROPERTIES", ("111012", "DCM", "Certainty of Finding"), certainty))
        add(item, numeric("HAS PROPERTIES", ("111047", "DCM", "Probability of cancer"), f["probability"]))
        add(item, content("HAS PROPERTIES", "CODE", ("111042", "DCM", "Pathology"), ConceptCodeSequence=Sequence(
            [code("111286", "DCM", "No abnormality")])))
        if defect == "no-coordinates" and index == 0:
            return
        image = dict(spec["images"][f["image"]])
        if defect == "missing-image" and index == 0:
            image["sop"] = "1.2.826.0.1.3680043.9.9999.1"
        for concept, kind, points in ((("111010", "DCM", "Center"), "POINT", [f["center"]]),
                                      (("111041", "DCM", "Outline"), "POLYLINE", f.get("outline")),
                                      (("111041", "DCM", "Outline"), "ELLIPSE", f.get("ellipse"))):
            if not points:
                continue
            scoord = add(item, content("HAS PROPERTIES", "SCOORD", concept, GraphicType=kind,
                                       GraphicData=[float(v) for p in points for v in p]))
            add(scoord, image_ref("SELECTED FROM", image))

    pairs = {}
    for index, f in enumerate(findings):
        if f.get("pair") is not None:
            pairs.setdefault(f["pair"], []).append(index)
    done = set()
    for index, f in enumerate(findings):
        if index in done:
            continue
        impression = add(summary, content("INFERRED FROM", "CONTAINER", ("111034", "DCM", "Individual Impression/Recommendation"),
                                          ContinuityOfContent="SEPARATE"))
        add(impression, content("HAS CONCEPT MOD", "CODE", ("111056", "DCM", "Rendering Intent"), ConceptCodeSequence=Sequence(
            [code("111150", "DCM", "Presentation Required: Rendering device is expected to present")])))
        if f.get("pair") is not None:
            feature = add(impression, content("CONTAINS", "CODE", ("111015", "DCM", "Composite Feature"),
                                              ConceptCodeSequence=Sequence([code(*types[f["type"]])])))
            for member in pairs[f["pair"]]:
                single(feature, "INFERRED FROM", findings[member], member)
                done.add(member)
        else:
            single(impression, "CONTAINS", f, index)
            done.add(index)
    add(ds, content("CONTAINS", "CODE", ("111064", "DCM", "Summary of Detections"),
                    ConceptCodeSequence=Sequence([code("111222", "DCM", "Succeeded")])))
    add(ds, content("CONTAINS", "CODE", ("111065", "DCM", "Summary of Analyses"),
                    ConceptCodeSequence=Sequence([code("111225", "DCM", "Not Attempted")])))
    ds.save_as(out, enforce_file_format=True)
    if defect == "truncated":
        data = open(out, "rb").read()
        open(out, "wb").write(data[: len(data) // 2])


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "walk":
        walk(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "write":
        defect = sys.argv[5] if len(sys.argv) >= 6 and sys.argv[4] == "--defect" else None
        write(sys.argv[2], sys.argv[3], defect)
    else:
        sys.exit(__doc__)
