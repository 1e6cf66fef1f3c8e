// CBIS-DDSM case descriptions (mass_case_description_*.csv, calc_case_description_*.csv), read by
// `mammoterm import-annotations --format cbis`. Columns, by name (spaces and underscores alike):
//
//     patient_id, breast_density (mass) / breast density (calc), left or right breast, image view,
//     abnormality id, abnormality type, mass shape, mass margins | calc type, calc distribution,
//     assessment, pathology, subtlety, image file path, cropped image file path, ROI mask file path
//
// plus, optionally, xmin, ymin, xmax, ymax (stored-image pixels). One row is one abnormality:
// "mass" or "calcification" (a calcification cluster), LEFT/RIGHT, CC/MLO, assessment 0-5 (a plain 4
// is BI-RADS 4 without a subcategory), pathology MALIGNANT / BENIGN / BENIGN_WITHOUT_CALLBACK.
// The shape descriptors and subtlety go into the mark's note.
//
// The CSV carries no box: the importer takes one from the xmin..ymax columns when they are filled,
// else from the ROI mask (the bounding box of its non-zero pixels, `RegionOfInterestMask`), read
// relative to the CSV's folder by the command line. A row with neither is reported and skipped.
// Rows match library images by patient id + breast + view (a library patient id such as
// "Mass-Training_P_00001_LEFT_CC" matches "P_00001"); UIDs in the image file path pick among several.
// Ids derive from patient, breast, view, abnormality id and category, so a re-import replaces.
import MammoCore

public struct CBISDDSMCase: Sendable, Hashable {
    public var line: Int
    public var patientID: String
    public var key: ViewKey
    public var abnormalityID: String
    public var category: FindingCategory
    public var birads: BIRADS?
    public var pathology: Pathology?
    /// Descriptors, subtlety and a plain BI-RADS 4, for the mark's note.
    public var note: String
    public var imagePath: String
    public var croppedImagePath: String
    public var roiMaskPath: String
    /// From the optional xmin..ymax columns.
    public var box: PixelBox?

    /// UIDs in the image file path ("Mass-Training_P_00001_LEFT_CC/1.3.6.../1.3.6.../000000.dcm").
    public var pathUIDs: [String] {
        imagePath.split(separator: "/").map(String.init).filter { $0.contains(".") && $0.allSatisfy { $0.isNumber || $0 == "." } }
    }

    /// The mark this row becomes on `image` with `box`.
    public func annotation(on image: AnnotationImage, box: PixelBox, annotator: String, importedAt: Timestamp) -> Annotation {
        Annotation(id: StableAnnotationID.make(["cbis", annotator, patientID, key.label, abnormalityID, category.rawValue]),
                   studyInstanceUID: image.studyInstanceUID, sopInstanceUID: image.sopInstanceUID, view: key,
                   shape: .box(box), category: category, birads: birads, pathology: pathology,
                   note: Annotation.cleanNote(note), annotator: annotator, createdAt: importedAt)
    }
}

public enum CBISDDSMCaseCSV {
    public static let context = "CBIS-DDSM cases"

    /// The rows that parse, and a problem (line, reason) for each that does not.
    public static func parse(_ text: String, path: String) throws(StudyError) -> (cases: [CBISDDSMCase], problems: [StudyError]) {
        let csv = try CSVRecords(text, path: path, context: context)
        let c = (patient: csv.column("patient_id"), side: csv.column("left or right breast"), view: csv.column("image view"),
                 abnormality: csv.column("abnormality id"), type: csv.column("abnormality type"),
                 assessment: csv.column("assessment"), pathology: csv.column("pathology"), subtlety: csv.column("subtlety"),
                 image: csv.column("image file path"), cropped: csv.column("cropped image file path"),
                 mask: csv.column("ROI mask file path"),
                 box: [csv.column("xmin"), csv.column("ymin"), csv.column("xmax"), csv.column("ymax")])
        let missing = [("patient_id", c.patient), ("left or right breast", c.side), ("image view", c.view),
                       ("abnormality type", c.type)].filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else {
            throw StudyError(context: context, path: path, line: csv.header.line, reason: "the header lacks \(missing.joined(separator: ", "))")
        }
        let descriptors = ["mass shape", "mass margins", "calc type", "calc distribution"].compactMap { name in csv.column(name).map { (name, $0) } }
        var cases: [CBISDDSMCase] = [], problems: [StudyError] = []
        for row in csv.rows {
            func problem(_ reason: String) { problems.append(StudyError(context: context, path: path, line: row.line, reason: reason)) }
            let patient = PrintableText.clean(row.field(c.patient))
            guard !patient.isEmpty else { problem("patient_id is empty"); continue }
            let sideText = row.field(c.side).uppercased()
            let side: Side? = sideText == "LEFT" ? .left : sideText == "RIGHT" ? .right : Side(dicomCode: sideText)
            guard let side else { problem("left or right breast is \"\(PrintableText.clean(sideText))\", not LEFT or RIGHT"); continue }
            guard let view = ViewPosition(dicomCode: row.field(c.view)) else {
                problem("image view is \"\(PrintableText.clean(row.field(c.view)))\", not CC or MLO"); continue
            }
            guard let category = FindingCategory(name: row.field(c.type)) else {
                problem("abnormality type is \"\(PrintableText.clean(row.field(c.type)))\", not mass or calcification"); continue
            }
            var notes: [String] = []
            var birads: BIRADS? = nil
            switch FindingAssessment.parse(row.field(c.assessment)) {
            case .success(let a): birads = a.birads; if let n = a.note { notes.append(n) }
            case .failure(let error): problem("assessment \(error.reason)"); continue
            }
            var pathology: Pathology? = nil
            let pathologyText = row.field(c.pathology)
            if !pathologyText.isEmpty {
                guard let p = Pathology(name: pathologyText) else {
                    problem("pathology is \"\(PrintableText.clean(pathologyText))\", not MALIGNANT, BENIGN or BENIGN_WITHOUT_CALLBACK"); continue
                }
                pathology = p
            }
            for (name, column) in descriptors where !row.field(column).isEmpty { notes.append("\(name): \(row.field(column))") }
            if !row.field(c.subtlety).isEmpty { notes.append("subtlety \(row.field(c.subtlety))") }
            var box: PixelBox? = nil
            let boxText = c.box.map { row.field($0) }
            if boxText.contains(where: { !$0.isEmpty }) {
                let v = boxText.map { Double($0) }
                guard let x0 = v[0], let y0 = v[1], let x1 = v[2], let y1 = v[3], x1 > x0, y1 > y0 else {
                    problem("xmin, ymin, xmax, ymax \"\(PrintableText.clean(boxText.joined(separator: ",")))\" are not a box with xmax > xmin and ymax > ymin"); continue
                }
                box = PixelBox(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
            }
            cases.append(CBISDDSMCase(line: row.line, patientID: patient, key: ViewKey(side: side, view: view),
                                      abnormalityID: row.field(c.abnormality), category: category, birads: birads,
                                      pathology: pathology, note: Annotation.cleanNote(notes.joined(separator: "; ")),
                                      imagePath: row.field(c.image), croppedImagePath: row.field(c.cropped),
                                      roiMaskPath: row.field(c.mask), box: box))
        }
        return (cases, problems)
    }
}
