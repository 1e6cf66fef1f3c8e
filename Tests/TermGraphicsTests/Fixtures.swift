// Committed test files under Tests/Fixtures/termgraphics, and golden-file comparison that
// MAMMOTERM_RECORD_GOLDEN=1 turns into re-recording.
import Foundation
import Testing

enum Fixtures {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/termgraphics")
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static var recording: Bool { ProcessInfo.processInfo.environment["MAMMOTERM_RECORD_GOLDEN"] == "1" }

    /// Expects `actual` to equal the golden file `name`; with MAMMOTERM_RECORD_GOLDEN=1 writes it.
    static func expectGolden(_ actual: [UInt8], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent("golden").appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual).write(to: url)
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record("golden file \(name) missing: run with MAMMOTERM_RECORD_GOLDEN=1 to record it", sourceLocation: sourceLocation)
            return
        }
        #expect(Array(expected) == actual, "\(name) differs from its golden file (MAMMOTERM_RECORD_GOLDEN=1 re-records after checking the change)",
                sourceLocation: sourceLocation)
    }
}
