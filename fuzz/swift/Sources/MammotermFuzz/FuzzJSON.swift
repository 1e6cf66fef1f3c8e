// Fuzz target `json`: the JSON importers on the same bytes: mammoterm's annotations file
// (AnnotationsJSON), COCO (COCOAnnotations) and other systems' AI results (AIResultsFile),
// against a small library of four screening views so marks can match images.
import Foundation
import MammoCore
import Study

enum FuzzJSON {
    static let study = "1.2.840.1"
    /// The images the seeds' marks refer to (as in Tests/StudyTests/AnnotationFormatTests.swift).
    static let index = AnnotationImageIndex(ViewKey.screening.enumerated().map { index, key in
        AnnotationImage(studyInstanceUID: study, seriesInstanceUID: study + ".9", sopInstanceUID: "\(study).\(index + 1)",
                        patientID: "Mass-Training_P_00001_\(key.side == .left ? "LEFT" : "RIGHT")_\(key.view.rawValue)",
                        side: key.side, view: key.view, rows: 400, columns: 300)
    })

    static func run(_ data: Data) {
        if let read = try? AnnotationsJSON.parse(data, path: "a.json", images: index) {
            check(read)
            _ = try? AnnotationsJSON.parse(data, path: "a.json", images: index, annotator: "reviewer")
        }
        if let read = try? COCOAnnotations.parse(data, path: "coco.json", images: index, annotator: "coco", importedAt: "2026-01-01T00:00:00Z") {
            check(read)
        }
        if let results = try? AIResultsFile.parse(data, path: "ai.json", createdAt: "2026-01-01T00:00:00Z") {
            _ = results.problems.joined()
        }
    }

    /// What the import command relies on: each mark lies on a library image and inside it.
    static func check(_ read: AnnotationImport) {
        for mark in read.annotations {
            guard let image = index.image(sopInstanceUID: mark.sopInstanceUID) else { fatalError("a mark on no library image") }
            let b = mark.shape.bounds
            if !(b.x.isFinite && b.y.isFinite && b.width.isFinite && b.height.isFinite) { fatalError("a mark with a non-finite bound") }
            _ = image
        }
        _ = read.problems.map(\.description)
        _ = read.skippedOnPurpose
    }
}
