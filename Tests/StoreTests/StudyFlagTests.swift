// Study flags: per reader, idempotent, kept in the library file.
import Foundation
import Store
import Testing

@Suite("Study flags")
struct StudyFlagTests {
    @Test func flagsArePerReaderAndSurviveReopening() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-flags-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("library.sqlite").path
        do {
            let db = try Database(path: path)
            try db.setFlag(studyInstanceUID: "1.2.3", reader: "r1", flagged: true)
            try db.setFlag(studyInstanceUID: "1.2.3", reader: "r1", flagged: true)
            try db.setFlag(studyInstanceUID: "1.2.4", reader: "r1", flagged: true)
            try db.setFlag(studyInstanceUID: "1.2.4", reader: "r1", flagged: false)
            try db.setFlag(studyInstanceUID: "1.2.5", reader: "r2", flagged: true)
        }
        let reopened = try Database(path: path)
        #expect(try reopened.flaggedStudies(reader: "r1") == ["1.2.3"])
        #expect(try reopened.flaggedStudies(reader: "r2") == ["1.2.5"])
        #expect(try reopened.flaggedStudies(reader: "r3").isEmpty)
    }
}
