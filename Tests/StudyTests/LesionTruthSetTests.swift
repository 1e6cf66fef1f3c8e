// The overlay's reader of ground-truth.json: the committed samples' lesions as marks per image,
// the file found from an exam folder, and every way a file can be unusable named, never skipped.
import Foundation
import MammoCore
import Study
import Testing

@Suite("Lesion truth set")
struct LesionTruthSetTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples").path

    @Test func samplesGiveEachImageItsLesions() throws {
        let path = try #require(LesionTruthSet.locate(near: Self.samples + "/SYN-0004/20251220"))
        #expect(path == Self.samples + "/ground-truth.json")
        let set = try LesionTruthSet.read(path: path)
        #expect(set.marksByImage.count == 52)
        // Independently from the JSON: SYN-0004's one spiculated malignant mass in RCC and RMLO.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let exams = try #require(json["exams"] as? [[String: Any]])
        let exam = try #require(exams.first { $0["patientID"] as? String == "SYN-0004" })
        let images = try #require(exam["images"] as? [[String: Any]])
        for image in images {
            let sop = try #require(image["sopInstanceUID"] as? String), view = try #require(image["viewKey"] as? String)
            let marks = try #require(set.marks(forImage: sop))
            #expect(marks.count == (view.hasPrefix("R") ? 1 : 0), "\(view)")
            if let mark = marks.first {
                #expect(mark.label == "M1 spiculated malignant" && mark.malignant == true && mark.kind == .mass && mark.source == .truth)
                #expect(mark.outline.count >= 3 && mark.box.width > 0)
            }
        }
        #expect(set.marks(forImage: "1.2.3.not-in-the-set") == nil)
    }

    @Test func unusableFilesAreNamed() {
        func reason(_ text: String) -> String? {
            do { _ = try LesionTruthSet.decode(Data(text.utf8), path: "set/ground-truth.json"); return nil } catch {
                #expect(error.path == "set/ground-truth.json")
                return error.reason
            }
        }
        #expect(reason("not json")?.hasPrefix("malformed") == true)
        #expect(reason(#"{"format": "other", "version": 1, "exams": []}"#)?.contains("expected \"mammoterm-synth-ground-truth\"") == true)
        #expect(reason(#"{"format": "mammoterm-synth-ground-truth", "version": 2, "exams": []}"#)?.contains("newer") == true)
        #expect(reason(#"{"format": "mammoterm-synth-ground-truth", "version": 1, "exams": [{"images": 3}]}"#)?.hasPrefix("malformed") == true)
        #expect(reason(#"{"format": "mammoterm-synth-ground-truth", "version": 1, "seed": 1, "size": "small", "exams": []}"#) == nil)
    }

    @Test func locateStopsFourFoldersUp() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("truth-\(UUID().uuidString)")
        let deep = root.appendingPathComponent("a/b/c/d/e")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("{}".utf8).write(to: root.appendingPathComponent("ground-truth.json"))
        #expect(LesionTruthSet.locate(near: root.appendingPathComponent("a/b/c/d").path) != nil)
        #expect(LesionTruthSet.locate(near: deep.path) == nil)
        #expect(throws: StudyError.self) { try LesionTruthSet.read(path: root.appendingPathComponent("ground-truth.json").path) }
    }
}
