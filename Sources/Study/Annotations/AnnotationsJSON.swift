// The project's own annotation file, lossless: `mammoterm export annotations --format json` writes
// it and `import-annotations --format json` reads it back to equal marks (ids included).
//
// Format "mammoterm-annotations", version 1. UTF-8 JSON:
//
//     {
//       "format": "mammoterm-annotations",
//       "version": 1,
//       "exportedAt": "2026-11-27T10:00:00Z",
//       "images": [{                          // the images the marks lie on
//         "studyInstanceUID": "1.2...", "seriesInstanceUID": "1.2...", "sopInstanceUID": "1.2...",
//         "view": "RCC",                      // side + view, when the library knows them
//         "rows": 3328, "columns": 2560,      // the stored pixel grid the coordinates refer to
//         "pixelSpacingMM": 0.07              // when the file gives a spacing (written, not read)
//       }],
//       "annotations": [{
//         "id": "9F0C...",                    // UUID, kept on import
//         "studyInstanceUID": "...", "sopInstanceUID": "...", "view": "RCC",
//         "shape": {"type": "box", "x": 10, "y": 20, "width": 30, "height": 40},
//             // or {"type": "ellipse", x, y, width, height}: the ellipse inscribed in that box
//             // or {"type": "polygon", "points": [[x, y], ...]} (>= 3 vertices)
//             // or {"type": "point", "x": 12.5, "y": 40}
//             // stored-image pixels, x right, y down, from the top-left pixel's corner
//         "sizeMM": {"width": 2.1, "height": 2.8},   // the shape's box in mm, and its centre in mm
//         "centerMM": {"x": 1.75, "y": 2.8},         // from the image's corner: written when the image
//                                                    // has a spacing, ignored on import (pixels rule)
//         "category": "mass",                 // mass | calcification-cluster | architectural-distortion | asymmetry
//         "birads": "4B",                     // optional: 0 1 2 3 4A 4B 4C 5 6
//         "pathology": "malignant",           // optional: malignant | benign | benign-without-callback
//         "note": "spiculated",               // printable, at most 200 characters
//         "annotator": "alice",
//         "createdAt": "...", "modifiedAt": "...",      // ISO 8601
//         "lesionID": "...",                  // optional: same value on the CC and MLO marks of one lesion
//         "acceptedBy": "bob", "acceptedAt": "..."      // optional: accepted as ground truth
//       }]
//     }
//
// Patient ids and names are never written. On import each mark must lie on a library image (by
// sopInstanceUID) with the same view and fit inside it; a bad mark is reported as annotations[i]
// and skipped. A newer `version` is refused with a hint. Unknown keys are ignored.
import MammoCore

public enum AnnotationsJSON {
    public static let formatName = "mammoterm-annotations"
    public static let currentVersion = 1

    struct File: Codable {
        var format: String?
        var version: Int?
        var exportedAt: String?
        var images: [ImageEntry]?
        var annotations: [LossyElement<Entry>]?
    }

    struct ImageEntry: Codable {
        var studyInstanceUID: String?
        var seriesInstanceUID: String?
        var sopInstanceUID: String?
        var view: String?
        var rows: Int?
        var columns: Int?
        var pixelSpacingMM: Double?
    }

    struct SizeMM: Codable { var width: Double?, height: Double? }
    struct PointMM: Codable { var x: Double?, y: Double? }

    struct ShapeEntry: Codable {
        var type: String?
        var x: Double?, y: Double?, width: Double?, height: Double?
        var points: [[Double]]?
    }

    struct Entry: Codable {
        var id: String?
        var studyInstanceUID: String?
        var sopInstanceUID: String?
        var view: String?
        var shape: ShapeEntry?
        var category: String?
        var birads: String?
        var pathology: String?
        var note: String?
        var annotator: String?
        var createdAt: String?
        var modifiedAt: String?
        var lesionID: String?
        var acceptedBy: String?
        var acceptedAt: String?
        var sizeMM: SizeMM?
        var centerMM: PointMM?
    }

    /// Throws only for a mark JSON cannot hold (a NaN or infinite coordinate).
    public static func export(_ marks: [Annotation], images: [AnnotationImage], exportedAt: Timestamp) throws(StudyError) -> String {
        let used = Set(marks.map(\.sopInstanceUID))
        var spacing: [String: Double] = [:]
        for image in images { if let mm = image.pixelSpacingMM { spacing[image.sopInstanceUID] = mm } }
        let file = File(
            format: formatName, version: currentVersion, exportedAt: exportedAt.text,
            images: images.filter { used.contains($0.sopInstanceUID) }.map {
                ImageEntry(studyInstanceUID: $0.studyInstanceUID, seriesInstanceUID: $0.seriesInstanceUID,
                           sopInstanceUID: $0.sopInstanceUID, view: $0.viewKey?.label, rows: $0.rows, columns: $0.columns,
                           pixelSpacingMM: $0.pixelSpacingMM)
            },
            annotations: marks.map { mark in
                var e = entry(mark)
                // Millimetres beside the pixels, to 0.01 mm, where the image's spacing is known.
                if let mm = spacing[mark.sopInstanceUID], mm > 0, mm.isFinite {
                    let b = mark.shape.bounds, c = b.center
                    func r(_ v: Double) -> Double { (v * mm * 100).rounded() / 100 }
                    e.sizeMM = SizeMM(width: r(b.width), height: r(b.height))
                    e.centerMM = PointMM(x: r(c.x), y: r(c.y))
                }
                return LossyElement(e)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]  // sorted: the same marks give the same bytes
        do { return String(decoding: try encoder.encode(file), as: UTF8.self) + "\n" } catch {
            throw StudyError(context: "annotations JSON", reason: "cannot write the marks: \(PrintableText.clean(String(describing: error)))")
        }
    }

    static func entry(_ a: Annotation) -> Entry {
        let shape: ShapeEntry
        switch a.shape {
        case .box(let b), .ellipse(let b):
            shape = ShapeEntry(type: a.shape.kind, x: b.x, y: b.y, width: b.width, height: b.height)
        case .polygon(let points):
            shape = ShapeEntry(type: "polygon", points: points.map { [$0.x, $0.y] })
        case .point(let p):
            shape = ShapeEntry(type: "point", x: p.x, y: p.y)
        }
        return Entry(id: a.id, studyInstanceUID: a.studyInstanceUID, sopInstanceUID: a.sopInstanceUID, view: a.view.label,
                     shape: shape, category: a.category.rawValue, birads: a.birads?.rawValue, pathology: a.pathology?.rawValue,
                     note: a.note, annotator: a.annotator, createdAt: a.createdAt.text, modifiedAt: a.modifiedAt.text,
                     lesionID: a.lesionID, acceptedBy: a.acceptedBy, acceptedAt: a.acceptedAt?.text)
    }

    /// Reads the marks; `annotator` (when given) replaces each mark's own. Throws only when the file as a
    /// whole is unusable.
    public static func parse(_ data: Data, path: String, images: AnnotationImageIndex, annotator: String? = nil) throws(StudyError) -> AnnotationImport {
        let context = "annotations JSON"
        func fail(_ reason: String) -> StudyError { StudyError(context: context, path: path, reason: reason) }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw fail("not a \(formatName) JSON file: \(PrintableText.clean(String(describing: error)))")
        }
        guard file.format == formatName else {
            throw fail("\"format\" must be \"\(formatName)\" (found \(file.format.map { "\"\(PrintableText.clean($0))\"" } ?? "none"))")
        }
        guard let version = file.version else { throw fail("\"version\" is missing") }
        guard version <= currentVersion else {
            throw fail("version \(version) is newer than this mammoterm reads (\(currentVersion)); update mammoterm")
        }
        guard let entries = file.annotations else { throw fail("\"annotations\" is missing") }
        var result = AnnotationImport()
        for (index, element) in entries.enumerated() {
            do throws(AnnotationError) {
                guard let e = element.value else { throw AnnotationError(field: "entry", reason: PrintableText.clean(element.error ?? "unreadable")) }
                var mark = try annotation(e)
                if let annotator, annotator != mark.annotator {
                    // Someone else's marks taken over: copies with ids of their own, the originals untouched.
                    mark.id = StableAnnotationID.make(["json", annotator, mark.id])
                    mark.annotator = annotator
                }
                guard let image = images.image(sopInstanceUID: mark.sopInstanceUID) else {
                    throw AnnotationError(field: "sopInstanceUID", reason: "image \(PrintableText.clean(mark.sopInstanceUID)) is not in the library")
                }
                guard image.studyInstanceUID == mark.studyInstanceUID else {
                    throw AnnotationError(field: "studyInstanceUID", reason: "the image belongs to study \(image.studyInstanceUID) in the library")
                }
                guard image.viewKey == mark.view else {
                    throw AnnotationError(field: "view", reason: "the image is \(image.viewKey?.label ?? "of unknown view") in the library, not \(mark.view.label)")
                }
                try mark.validate(imageSize: image.size)
                result.add(mark)
            } catch {
                result.problems.append(fail("annotations[\(index)]: \(error.description)"))
            }
        }
        return result
    }

    /// Cleaned text, nil when absent or empty ("" is no lesion link, no reviewer).
    static func nonEmpty(_ text: String?) -> String? {
        text.map(PrintableText.clean).flatMap { $0.isEmpty ? nil : $0 }
    }

    static func annotation(_ e: Entry) throws(AnnotationError) -> Annotation {
        func text(_ value: String?, _ field: String) throws(AnnotationError) -> String {
            guard let value, !value.isEmpty else { throw AnnotationError(field: field, reason: "is missing") }
            let clean = PrintableText.clean(value)
            guard clean == value else { throw AnnotationError(field: field, reason: "holds characters that are not printable") }
            return value
        }
        let id = try text(e.id, "id"), study = try text(e.studyInstanceUID, "studyInstanceUID")
        let sop = try text(e.sopInstanceUID, "sopInstanceUID"), view = try Annotation.view(text(e.view, "view"))
        let createdAt = try Annotation.time(text(e.createdAt, "createdAt"), field: "createdAt")
        guard let categoryText = e.category, let category = FindingCategory(rawValue: categoryText) else {
            throw AnnotationError(field: "category", reason: "\"\(PrintableText.clean(e.category ?? ""))\" is not one of \(FindingCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var birads: BIRADS? = nil
        if let t = e.birads {
            guard let b = BIRADS(rawValue: t) else { throw AnnotationError(field: "birads", reason: "\"\(PrintableText.clean(t))\" is not 0-6 (4A/4B/4C)") }
            birads = b
        }
        var pathology: Pathology? = nil
        if let t = e.pathology {
            guard let p = Pathology(rawValue: t) else { throw AnnotationError(field: "pathology", reason: "\"\(PrintableText.clean(t))\" is not malignant, benign or benign-without-callback") }
            pathology = p
        }
        return Annotation(id: id, studyInstanceUID: study, sopInstanceUID: sop, view: view, shape: try shape(e.shape),
                          category: category, birads: birads, pathology: pathology, note: e.note ?? "",
                          annotator: try text(e.annotator, "annotator"), createdAt: createdAt,
                          modifiedAt: try e.modifiedAt.map { t throws(AnnotationError) in try Annotation.time(t, field: "modifiedAt") } ?? createdAt,
                          lesionID: nonEmpty(e.lesionID), acceptedBy: nonEmpty(e.acceptedBy),
                          acceptedAt: try (nonEmpty(e.acceptedBy) == nil ? nil : nonEmpty(e.acceptedAt))
                              .map { t throws(AnnotationError) in try Annotation.time(t, field: "acceptedAt") })
    }

    static func shape(_ s: ShapeEntry?) throws(AnnotationError) -> AnnotationShape {
        guard let s else { throw AnnotationError(field: "shape", reason: "is missing") }
        switch s.type {
        case "box", "ellipse":
            guard let x = s.x, let y = s.y, let w = s.width, let h = s.height else {
                throw AnnotationError(field: "shape", reason: "a \(s.type ?? "") needs x, y, width and height")
            }
            let b = PixelBox(x: x, y: y, width: w, height: h)
            return s.type == "box" ? .box(b) : .ellipse(b)
        case "polygon":
            guard let points = s.points, points.allSatisfy({ $0.count == 2 }) else {
                throw AnnotationError(field: "shape", reason: "a polygon needs \"points\": [[x, y], ...]")
            }
            return .polygon(points.map { PixelPoint(x: $0[0], y: $0[1]) })
        case "point":
            guard let x = s.x, let y = s.y else { throw AnnotationError(field: "shape", reason: "a point needs x and y") }
            return .point(PixelPoint(x: x, y: y))
        default:
            throw AnnotationError(field: "shape", reason: "type \"\(PrintableText.clean(s.type ?? ""))\" is not box, ellipse, polygon or point")
        }
    }
}
