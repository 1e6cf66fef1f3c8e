// COCO object-detection JSON (cocodataset.org/#format-data), written by `mammoterm export annotations
// --format coco` and read back by `import-annotations --format coco`.
//
//     {
//       "info": {"description": "mammoterm annotations", "version": "1", "date_created": "..."},
//       "images": [{"id": 1, "file_name": "<SOP Instance UID>.dcm", "width": 2560, "height": 3328,
//                   "sop_instance_uid": "...", "study_instance_uid": "...", "series_instance_uid": "...",
//                   "laterality": "R", "view_position": "CC"}],
//       "annotations": [{"id": 1, "image_id": 1, "category_id": 1,
//                        "bbox": [x, y, width, height],            // the shape's bounds, stored pixels
//                        "area": 1234.5,                            // the shape's own area (an ellipse: pi/4 w h)
//                        "segmentation": [[x1, y1, x2, y2, ...]],   // box corners, ellipse outline (48 vertices), polygon
//                        "iscrowd": 0,
//                        "mammoterm_id": "<UUID>", "mammoterm_shape": "box|ellipse|polygon",
//                        "birads": "4B", "pathology": "malignant", "annotator": "alice",
//                        "lesion_id": "...", "note": "..."}],      // the extras are optional on import
//       "categories": [{"id": 1, "name": "mass", "supercategory": "finding"},
//                      {"id": 2, "name": "calcification-cluster", ...}, {"id": 3, "name": "architectural-distortion", ...},
//                      {"id": 4, "name": "asymmetry", ...}]
//     }
//
// file_name is the SOP Instance UID plus ".dcm" (the library keeps the real path, which may name a
// patient). Points have no region and are left out. Import matches images by sop_instance_uid,
// else by file_name without ".dcm"; a mark's shape comes from mammoterm_shape (box or ellipse from
// bbox, polygon from segmentation), else it is a box; the id is mammoterm_id when present, else
// derived from the content (StableAnnotationID).
import MammoCore

public enum COCOAnnotations {
    struct File: Codable {
        var info: Info?
        var images: [Image]?
        var annotations: [LossyElement<Entry>]?
        var categories: [Category]?
    }

    struct Info: Codable {
        var description: String?
        var version: String?
        var date_created: String?
    }

    struct Image: Codable {
        var id: Int?
        var file_name: String?
        var width: Int?
        var height: Int?
        var sop_instance_uid: String?
        var study_instance_uid: String?
        var series_instance_uid: String?
        var laterality: String?
        var view_position: String?
    }

    struct Entry: Codable {
        var id: Int?
        var image_id: Int?
        var category_id: Int?
        var bbox: [Double]?
        var area: Double?
        var segmentation: [[Double]]?
        var iscrowd: Int?
        var mammoterm_id: String?
        var mammoterm_shape: String?
        var birads: String?
        var pathology: String?
        var annotator: String?
        var lesion_id: String?
        var note: String?
    }

    struct Category: Codable {
        var id: Int?
        var name: String?
        var supercategory: String?
    }

    /// COCO category ids: 1-based in FindingCategory's order.
    public static func categoryID(_ c: FindingCategory) -> Int { (FindingCategory.allCases.firstIndex(of: c) ?? 0) + 1 }

    /// The JSON text and how many marks were left out (points: no region). Throws only for a NaN or infinite coordinate.
    public static func export(_ marks: [Annotation], images: [AnnotationImage], exportedAt: Timestamp) throws(StudyError) -> (text: String, pointsLeftOut: Int) {
        let regions = marks.filter { $0.shape.area > 0 }
        let used = Set(regions.map(\.sopInstanceUID))
        var imageIDs: [String: Int] = [:]
        var imageEntries: [Image] = []
        for image in images where used.contains(image.sopInstanceUID) && imageIDs[image.sopInstanceUID] == nil {
            imageIDs[image.sopInstanceUID] = imageEntries.count + 1
            imageEntries.append(Image(id: imageEntries.count + 1, file_name: image.sopInstanceUID + ".dcm", width: image.columns,
                                      height: image.rows, sop_instance_uid: image.sopInstanceUID,
                                      study_instance_uid: image.studyInstanceUID, series_instance_uid: image.seriesInstanceUID,
                                      laterality: image.side?.rawValue, view_position: image.view?.rawValue))
        }
        var entries: [Entry] = []
        for mark in regions {
            // A mark on an image the library no longer has still exports, with what the mark knows.
            let imageID: Int
            if let known = imageIDs[mark.sopInstanceUID] { imageID = known } else {
                imageID = imageEntries.count + 1
                imageIDs[mark.sopInstanceUID] = imageID
                imageEntries.append(Image(id: imageID, file_name: mark.sopInstanceUID + ".dcm", sop_instance_uid: mark.sopInstanceUID,
                                          study_instance_uid: mark.studyInstanceUID, laterality: mark.view.side.rawValue,
                                          view_position: mark.view.view.rawValue))
            }
            let b = mark.shape.bounds
            entries.append(Entry(id: entries.count + 1, image_id: imageID, category_id: categoryID(mark.category),
                                 bbox: [b.x, b.y, b.width, b.height], area: mark.shape.area,
                                 segmentation: [mark.shape.outline().flatMap { [$0.x, $0.y] }], iscrowd: 0,
                                 mammoterm_id: mark.id, mammoterm_shape: mark.shape.kind, birads: mark.birads?.rawValue,
                                 pathology: mark.pathology?.rawValue, annotator: mark.annotator, lesion_id: mark.lesionID,
                                 note: mark.note.isEmpty ? nil : mark.note))
        }
        let file = File(info: Info(description: "mammoterm annotations", version: "1", date_created: exportedAt.text),
                        images: imageEntries, annotations: entries.map(LossyElement.init),
                        categories: FindingCategory.allCases.map { Category(id: categoryID($0), name: $0.rawValue, supercategory: "finding") })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]  // sorted: the same marks give the same bytes
        do { return (String(decoding: try encoder.encode(file), as: UTF8.self) + "\n", marks.count - regions.count) } catch {
            throw StudyError(context: "COCO annotations", reason: "cannot write the marks: \(PrintableText.clean(String(describing: error)))")
        }
    }

    /// Reads the marks; `annotator` is used for marks without their own. Throws only when the file as a whole is unusable.
    public static func parse(_ data: Data, path: String, images: AnnotationImageIndex, annotator: String,
                             importedAt: Timestamp) throws(StudyError) -> AnnotationImport {
        let context = "COCO annotations"
        func fail(_ reason: String) -> StudyError { StudyError(context: context, path: path, reason: reason) }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw fail("not a COCO JSON file: \(PrintableText.clean(String(describing: error)))")
        }
        guard let entries = file.annotations, let imageEntries = file.images else { throw fail("\"images\" or \"annotations\" is missing") }
        var categories: [Int: FindingCategory] = [:]
        var otherNames: [Int: String] = [:]
        for c in file.categories ?? [] {
            guard let id = c.id else { continue }
            if let category = FindingCategory(rawValue: c.name ?? "") ?? FindingCategory(name: c.name ?? "") { categories[id] = category } else {
                otherNames[id] = c.name ?? "category \(id)"
            }
        }
        var cocoImages: [Int: Image] = [:]
        for image in imageEntries { if let id = image.id { cocoImages[id] = image } }
        var result = AnnotationImport()
        for (index, element) in entries.enumerated() {
            do throws(AnnotationError) {
                guard let e = element.value else { throw AnnotationError(field: "entry", reason: PrintableText.clean(element.error ?? "unreadable")) }
                guard let categoryID = e.category_id else { throw AnnotationError(field: "category_id", reason: "is missing") }
                guard let category = categories[categoryID] else {
                    if let name = otherNames[categoryID] { result.otherCategories[name, default: 0] += 1; continue }
                    throw AnnotationError(field: "category_id", reason: "\(categoryID) is not among the file's categories")
                }
                guard let imageID = e.image_id, let cocoImage = cocoImages[imageID] else {
                    throw AnnotationError(field: "image_id", reason: "\(e.image_id.map(String.init) ?? "none") is not among the file's images")
                }
                let sop = cocoImage.sop_instance_uid ?? cocoImage.file_name.map { $0.hasSuffix(".dcm") ? String($0.dropLast(4)) : $0 } ?? ""
                guard let image = images.image(sopInstanceUID: sop), let key = image.viewKey else {
                    throw AnnotationError(field: "image", reason: "image \(PrintableText.clean(sop)) is not in the library (or has no breast and view there)")
                }
                let shape = try shape(e)
                let who = PrintableText.clean(e.annotator ?? "").isEmpty ? annotator : PrintableText.clean(e.annotator ?? "")
                let b = shape.bounds
                let id = e.mammoterm_id.map(PrintableText.clean).flatMap { $0.isEmpty ? nil : $0 }
                    ?? StableAnnotationID.make(["coco", who, sop, category.rawValue, shape.kind, "\(b.x)", "\(b.y)", "\(b.width)", "\(b.height)"])
                var birads: BIRADS? = nil, note = Annotation.cleanNote(e.note ?? "")
                if let t = e.birads {
                    switch FindingAssessment.parse(t) {
                    case .success(let a):
                        birads = a.birads
                        if let n = a.note, note.isEmpty { note = n }
                    case .failure(let error): throw error
                    }
                }
                var pathology: Pathology? = nil
                if let t = e.pathology {
                    guard let p = Pathology(name: t) else { throw AnnotationError(field: "pathology", reason: "\"\(PrintableText.clean(t))\" is not malignant, benign or benign-without-callback") }
                    pathology = p
                }
                let mark = Annotation(id: id, studyInstanceUID: image.studyInstanceUID, sopInstanceUID: image.sopInstanceUID,
                                      view: key, shape: shape, category: category, birads: birads, pathology: pathology,
                                      note: note, annotator: who, createdAt: importedAt,
                                      lesionID: AnnotationsJSON.nonEmpty(e.lesion_id))
                try mark.validate(imageSize: image.size)
                result.add(mark)
            } catch {
                result.problems.append(fail("annotations[\(index)]: \(error.description)"))
            }
        }
        return result
    }

    static func shape(_ e: Entry) throws(AnnotationError) -> AnnotationShape {
        guard let bbox = e.bbox, bbox.count == 4 else { throw AnnotationError(field: "bbox", reason: "must be [x, y, width, height]") }
        let box = PixelBox(x: bbox[0], y: bbox[1], width: bbox[2], height: bbox[3])
        switch e.mammoterm_shape ?? "box" {
        case "box": return .box(box)
        case "ellipse": return .ellipse(box)
        case "polygon":
            guard let flat = e.segmentation?.first, flat.count >= 6, flat.count % 2 == 0 else {
                throw AnnotationError(field: "segmentation", reason: "a polygon needs [[x1, y1, x2, y2, x3, y3, ...]]")
            }
            return .polygon(stride(from: 0, to: flat.count, by: 2).map { PixelPoint(x: flat[$0], y: flat[$0 + 1]) })
        case let other:
            throw AnnotationError(field: "mammoterm_shape", reason: "\"\(PrintableText.clean(other))\" is not box, ellipse or polygon")
        }
    }
}
