// Annotations in the library: saved, updated in place by id, deleted, accepted and withdrawn, read
// per study and annotator, and all still there after reopening the file.
import Foundation
import MammoCore
@testable import Store
import Testing

@Suite struct AnnotationStoreTests {
    static func mark(_ id: String, study: String = "1.2.826.0.1.1", annotator: String = "alice", shape: AnnotationShape,
                     created: Timestamp = "2026-11-27T10:00:00Z") -> Annotation {
        Annotation(id: id, studyInstanceUID: study, sopInstanceUID: study + ".1", view: "RCC", shape: shape, category: .mass,
                   birads: .category4B, pathology: .malignant, note: "spiculated", annotator: annotator, createdAt: created,
                   lesionID: "L1")
    }

    @Test func marksSurviveUpdateDeleteAcceptAndReopening() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annotations-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("library.sqlite").path

        let box = Self.mark("A", shape: .box(PixelBox(x: 10.25, y: 20, width: 30, height: 40)))
        let polygon = Self.mark("B", annotator: "bob", shape: .polygon([PixelPoint(x: 1, y: 2), PixelPoint(x: 5, y: 2), PixelPoint(x: 3, y: 7.5)]),
                           created: "2026-11-27T10:01:00Z")
        let elsewhere = Self.mark("C", study: "1.2.826.0.1.2", shape: .point(PixelPoint(x: 3, y: 4)), created: "2026-11-27T10:02:00Z")
        do {
            let db = try Database(path: path)
            try db.saveAnnotations([box, polygon, elsewhere])
            #expect(try db.annotations() == [box, polygon, elsewhere])
            #expect(try db.annotations(studyInstanceUID: "1.2.826.0.1.1") == [box, polygon])
            #expect(try db.annotations(annotator: "bob") == [polygon])

            var moved = box
            moved.shape = .ellipse(PixelBox(x: 11, y: 21, width: 30, height: 40))
            moved.modifiedAt = "2026-11-27T10:05:00Z"
            try db.saveAnnotation(moved)
            #expect(try db.annotations(annotator: "alice") == [moved, elsewhere], "replaced by id, not added")

            try db.setAccepted(ids: ["A", "B"], reviewer: "carol", accepted: true, at: "2026-11-27T11:00:00Z")
            try db.setAccepted(ids: ["B"], reviewer: "carol", accepted: false, at: "2026-11-27T11:01:00Z")
            try db.deleteAnnotations(ids: ["C", "no-such-id"])
        }
        let reopened = try Database(path: path)
        let marks = try reopened.annotations()
        #expect(marks.map(\.id) == ["A", "B"])
        #expect(marks[0].shape == .ellipse(PixelBox(x: 11, y: 21, width: 30, height: 40)))
        #expect(marks[0].acceptedBy == "carol" && marks[0].acceptedAt == "2026-11-27T11:00:00Z" && marks[0].modifiedAt == "2026-11-27T10:05:00Z")
        #expect(marks[1] == polygon, "withdrawn acceptance leaves the mark as it was saved")
        #expect(marks[0].birads == .category4B && marks[0].pathology == .malignant && marks[0].lesionID == "L1" && marks[0].note == "spiculated")
    }

    @Test(arguments: Backend.allCases) func theSchemaRefusesAnEmptyAnnotator(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        var bad = Self.mark("A", shape: .box(PixelBox(x: 0, y: 0, width: 1, height: 1)))
        bad.annotator = ""
        #expect(throws: StoreError.self) { try db.saveAnnotations([bad]) }
        #expect(try db.annotations().isEmpty)
    }
}
