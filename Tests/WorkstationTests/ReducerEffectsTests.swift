// The reducer with its clock and ids injected: the same keys give the same marks, ids and
// times every run, and every library write is an effect whose refusal comes back as an action
// that takes the edit back (nothing is shown that the library does not hold).
import Foundation
import MammoCore
import Store
import Testing
import TUI
import Workstation

@Suite("Reducer effects", .serialized)
struct ReducerEffectsTests {
    static let fixedDate = Date(timeIntervalSince1970: 1_800_000_000.25)

    /// A clock that never moves and ids numbered from 1.
    static func environment() -> WorkstationEnvironment {
        let counter = Locked(0)
        return WorkstationEnvironment(now: { fixedDate }, newID: {
            counter.update { $0 += 1 }
            return "mark-\(counter.value)"
        })
    }

    static func draw(_ database: Database) async throws -> WorkstationRun {
        // A box (corner, three steps right, two down, corner), labelled and saved; then a point.
        try await WorkstationHarness.run(try WorkstationHarness.keys("Space Right Right Right Down Down Space Enter . Right Space Enter"),
                                         service: AnnotationSessionTests.service(database), annotator: "alice",
                                         environment: environment(), initialActions: [.openStudy("SYN-0003")])
    }

    @Test func theSameKeysGiveTheSameMarksIdsAndTimes() async throws {
        let first = try SampleLibrary.privateDatabase(), second = try SampleLibrary.privateDatabase()
        let a = try await Self.draw(first), b = try await Self.draw(second)
        let marks = try AnnotationSessionTests.marks(first)
        #expect(marks.map(\.id) == ["mark-1", "mark-2"], "ids come from the environment: \(marks.map(\.id))")
        #expect(marks.allSatisfy { $0.createdAt == Timestamp(Self.fixedDate) && $0.modifiedAt == Timestamp(Self.fixedDate) })
        #expect(marks.first?.createdAt.text == "2027-01-15T08:00:00.250Z")
        #expect(try AnnotationSessionTests.marks(second) == marks)
        let sessionA = try #require(a.final.reading?.annotation), sessionB = try #require(b.final.reading?.annotation)
        #expect(sessionA == sessionB, "two runs of the same keys end in the same annotation state")
        #expect(sessionA.marks == marks, "the screen shows what the library holds")
    }

    @Test func aRefusedWriteTakesTheEditBack() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-refusal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("library.sqlite").path
        let library = try Database(path: path)
        _ = try library.add(try SampleLibrary.summaries())
        // Another connection makes the table refuse new marks, as a full or read-only library would.
        let refuse = Process()
        refuse.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        refuse.arguments = [path, "CREATE TRIGGER refuse BEFORE INSERT ON annotation BEGIN SELECT RAISE(FAIL, 'the disk is full (test)'); END;"]
        try refuse.run()
        refuse.waitUntilExit()
        try #require(refuse.terminationStatus == 0)

        let run = try await WorkstationHarness.run(try WorkstationHarness.keys(". Space"), service: AnnotationSessionTests.service(library),
                                                   annotator: "alice", environment: Self.environment(),
                                                   initialActions: [.openStudy("SYN-0003")])
        let session = try #require(run.final.reading?.annotation)
        #expect(session.marks.isEmpty, "the refused mark is taken back: \(session.marks.map(\.id))")
        #expect(session.undo.isEmpty && session.redo.isEmpty, "no undo step for an edit the library does not hold")
        #expect(run.final.message.contains("NOT SAVED") && run.final.message.contains("the disk is full (test)"), "\(run.final.message)")
        #expect(try AnnotationSessionTests.marks(library).isEmpty)
    }
}
