// VinDr-Mammo-style finding rows (the columns of VinDr-Mammo's finding_annotations.csv), written by
// `mammoterm export annotations --format vindr` and read by `import-annotations --format vindr`.
//
//     study_id,series_id,image_id,laterality,view_position,height,width,breast_birads,breast_density,
//     finding_categories,finding_birads,xmin,ymin,xmax,ymax,split
//
// - image_id is the SOP Instance UID; study_id / series_id the study and series UIDs.
// - laterality "L" / "R"; view_position "CC", "MLO"; height / width the image's rows / columns.
// - finding_categories a Python-style list: "['Mass']", "['Suspicious Calcification']",
//   "['Architectural Distortion']", "['Asymmetry']" ("Focal/Global Asymmetry" read as asymmetry);
//   "['No Finding']" rows (no box) mean an image without findings.
// - finding_birads "BI-RADS 3" (4A/4B/4C are written "BI-RADS 4", as VinDr does), "" when unknown.
// - xmin, ymin, xmax, ymax: the mark's bounding box in stored-image pixels (x right, y down, from
//   the top-left pixel's corner). Ellipses and polygons export their bounds; points have no box
//   and are left out.
// - breast_birads, breast_density and split are written empty (marks do not carry them) and ignored
//   on import.
//
// Export: one row per mark with a region, then a "No Finding" row for each image of an exported
// study that has no mark at all in the library (exported or not, points included). Import: a row matches a library image by image_id, else by study_id + laterality +
// view_position; height / width, when given, must equal the image's size. Each row's id is derived
// from its content (StableAnnotationID) so a re-import replaces rather than doubles. A row with
// several categories gives one mark per category; categories mammoterm does not mark (Skin
// Thickening, Nipple Retraction, ...) are counted, not imported. A bad row is reported with its
// line and skipped.
import MammoCore

public enum VinDrFindingsCSV {
    public static let columns = ["study_id", "series_id", "image_id", "laterality", "view_position", "height", "width",
                                 "breast_birads", "breast_density", "finding_categories", "finding_birads",
                                 "xmin", "ymin", "xmax", "ymax", "split"]

    /// The CSV text and how many marks were left out (points: no box).
    /// `otherwiseMarked`: images holding marks that are not exported (another annotator's, not accepted, points):
    /// they get no "No Finding" row, which a reader of the file would take for a lesion-free image.
    public static func export(_ marks: [Annotation], images: [AnnotationImage],
                              otherwiseMarked: Set<String> = []) -> (text: String, pointsLeftOut: Int) {
        let bySOP = Dictionary(images.map { ($0.sopInstanceUID, $0) }, uniquingKeysWith: { a, _ in a })
        var lines = [CSVText.row(columns)]
        var pointsLeftOut = 0
        var marked = Set<String>()
        for mark in marks {
            marked.insert(mark.sopInstanceUID)
            guard mark.shape.area > 0 else { pointsLeftOut += 1; continue }
            let image = bySOP[mark.sopInstanceUID]
            let key = mark.view
            let b = mark.shape.bounds
            lines.append(CSVText.row([
                mark.studyInstanceUID, image?.seriesInstanceUID ?? "", mark.sopInstanceUID,
                key.side.rawValue, key.view.rawValue,
                image.map { String($0.rows) } ?? "", image.map { String($0.columns) } ?? "", "", "",
                "['\(mark.category.vindrName)']", FindingAssessment.vindrText(mark.birads),
                coordinate(b.x), coordinate(b.y), coordinate(b.maxX), coordinate(b.maxY), "",
            ]))
        }
        let studies = Set(marks.map(\.studyInstanceUID))
        for image in images where studies.contains(image.studyInstanceUID) && !marked.contains(image.sopInstanceUID)
            && !otherwiseMarked.contains(image.sopInstanceUID) {
            lines.append(CSVText.row([
                image.studyInstanceUID, image.seriesInstanceUID, image.sopInstanceUID,
                image.side?.rawValue ?? "", image.view?.rawValue ?? "", String(image.rows), String(image.columns), "", "",
                "['No Finding']", "", "", "", "", "", "",
            ]))
        }
        return (lines.joined(separator: "\n") + "\n", pointsLeftOut)
    }

    /// Six decimals: enough for any pixel grid, and xmax = x + width's rounding noise (590.6700000000001) stays out.
    static func coordinate(_ v: Double) -> String { CSVText.number((v * 1_000_000).rounded() / 1_000_000) }

    /// Reads the rows; throws only when the file as a whole is unusable (empty, no image_id or box columns).
    public static func parse(_ text: String, path: String, images: AnnotationImageIndex, annotator: String,
                             importedAt: Timestamp) throws(StudyError) -> AnnotationImport {
        let context = "VinDr findings"
        let csv = try CSVRecords(text, path: path, context: context)
        let c = (study: csv.column("study_id"), series: csv.column("series_id"), image: csv.column("image_id"),
                 side: csv.column("laterality"), view: csv.column("view_position"), height: csv.column("height"),
                 width: csv.column("width"), categories: csv.column("finding_categories"), birads: csv.column("finding_birads"),
                 xmin: csv.column("xmin"), ymin: csv.column("ymin"), xmax: csv.column("xmax"), ymax: csv.column("ymax"))
        let missing = [("image_id", c.image), ("finding_categories", c.categories), ("xmin", c.xmin), ("ymin", c.ymin),
                       ("xmax", c.xmax), ("ymax", c.ymax)].filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else {
            throw StudyError(context: context, path: path, line: csv.header.line,
                             reason: "the header lacks \(missing.joined(separator: ", ")) (expected \(columns.joined(separator: ",")))")
        }
        var result = AnnotationImport()
        for row in csv.rows {
            func problem(_ reason: String) { result.problems.append(StudyError(context: context, path: path, line: row.line, reason: reason)) }
            let names = categoryNames(row.field(c.categories))
            if names.isEmpty || names.allSatisfy({ $0.caseInsensitiveCompare("No Finding") == .orderedSame }) {
                result.noFindingRows += 1
                continue
            }
            let imageID = row.field(c.image)
            let image: AnnotationImage
            switch match(row, c.study, c.side, c.view, imageID: imageID, images: images) {
            case .success(let found): image = found
            case .failure(let error): problem(error.reason); continue
            }
            guard let key = image.viewKey else { problem("image \(PrintableText.clean(imageID)) has no breast and view in the library"); continue }
            if let h = Int(row.field(c.height)), let w = Int(row.field(c.width)), h != image.rows || w != image.columns {
                problem("the row's image is \(w)x\(h) px but the library's is \(image.columns)x\(image.rows) px")
                continue
            }
            let corners = [c.xmin, c.ymin, c.xmax, c.ymax].map { Double(row.field($0)) }
            guard let x0 = corners[0], let y0 = corners[1], let x1 = corners[2], let y1 = corners[3] else {
                problem("xmin, ymin, xmax and ymax must be numbers, not \"\([c.xmin, c.ymin, c.xmax, c.ymax].map { PrintableText.clean(row.field($0)) }.joined(separator: ","))\"")
                continue
            }
            guard x1 > x0, y1 > y0 else { problem("the box (\(x0), \(y0))-(\(x1), \(y1)) has no area: xmax must exceed xmin, ymax ymin"); continue }
            let assessment: (birads: BIRADS?, note: String?)
            switch FindingAssessment.parse(row.field(c.birads)) {
            case .success(let a): assessment = a
            case .failure(let error): problem("finding_birads \(error.reason)"); continue
            }
            let shape = AnnotationShape.box(PixelBox(x: x0, y: y0, width: x1 - x0, height: y1 - y0))
            for name in names {
                guard let category = FindingCategory(name: name) else { result.otherCategories[name, default: 0] += 1; continue }
                let id = StableAnnotationID.make(["vindr", annotator, image.sopInstanceUID, category.rawValue,
                                                  "\(x0)", "\(y0)", "\(x1)", "\(y1)", row.field(c.birads)])
                let mark = Annotation(id: id, studyInstanceUID: image.studyInstanceUID, sopInstanceUID: image.sopInstanceUID,
                                      view: key, shape: shape, category: category, birads: assessment.birads,
                                      note: assessment.note ?? "", annotator: annotator, createdAt: importedAt)
                do { try mark.validate(imageSize: image.size) } catch { problem(error.description); break }
                result.add(mark)
            }
        }
        return result
    }

    /// "['Mass', 'Suspicious Calcification']" -> ["Mass", "Suspicious Calcification"]; a bare name as itself.
    static func categoryNames(_ text: String) -> [String] {
        var t = Substring(text.trimmingCharacters(in: .whitespaces))
        if t.hasPrefix("[") { t = t.dropFirst() }
        if t.hasSuffix("]") { t = t.dropLast() }
        return t.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '\"")) }.filter { !$0.isEmpty }
    }

    static func match(_ row: CSVRecords.Record, _ study: Int?, _ side: Int?, _ view: Int?, imageID: String,
                      images: AnnotationImageIndex) -> Result<AnnotationImage, AnnotationError> {
        if !imageID.isEmpty, let image = images.image(sopInstanceUID: imageID) { return .success(image) }
        let studyID = row.field(study)
        guard !studyID.isEmpty, let s = Side(dicomCode: row.field(side)), let v = ViewPosition(dicomCode: row.field(view)) else {
            return .failure(AnnotationError(field: "image", reason: "image \(PrintableText.clean(imageID)) is not in the library (and the row's study_id, laterality, view_position do not name another)"))
        }
        switch images.image(studyInstanceUID: studyID, key: ViewKey(side: s, view: v)) {
        case .success(let image): return .success(image)
        case .failure(let error):
            return .failure(AnnotationError(field: "image", reason: "image \(PrintableText.clean(imageID)) is not in the library, and \(error.reason)"))
        }
    }
}
