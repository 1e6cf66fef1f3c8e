// Library file checks and the chain anchor at the Store level: an existing empty, non-SQLite or
// newer library is an error and stays as it is; a missing one is created with an empty anchor;
// the anchor's text round-trips and a newer or damaged anchor is refused; appends move the
// anchor on, and a cut tail is left for `audit verify` to find.
import Foundation
import GRDB
import MammoCore
@testable import Store
import Testing

@Suite struct LibraryFileCheckTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-check-\(UUID().uuidString)")
    var path: String { folder.appendingPathComponent("library.sqlite").path }

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

    func record(_ n: Int) throws -> ReadRecord {
        try ReadRecord(reader: "r", session: "s", studyInstanceUID: "1.2.\(n)", readingProtocol: .unaided, stage: .final,
                       aiVisibility: .none, aiScore: nil, aiModel: nil, openedAt: "2026-01-01T00:00:00Z",
                       submittedAt: "2026-01-01T00:00:01Z", readingSeconds: 1, decision: ReaderDecision(recall: false, suspicion: n))
    }

    @Test func anEmptyFileIsAnErrorAndStaysEmpty() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let error = #expect(throws: StoreError.self) { try Database(path: path) }
        #expect(error?.description.contains("is empty (0 bytes)") == true && error?.path == path)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 0)
    }

    @Test func aFileThatIsNotSQLiteIsAnError() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("SQLite format 2 but not really".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try Database(path: path) }
        #expect(error?.reason.contains("is not an SQLite file") == true)
    }

    @Test func aLibraryWithAnUnknownMigrationIsRefusedUnchanged() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Database(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v50-later')") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try Database(path: path) }
        #expect(error?.reason.contains("newer mammoterm (schema steps unknown to this build: v50-later)") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aNewLibraryStartsWithAnEmptyAnchorAndAppendsMoveItOn() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try Database(path: path)
        #expect(try ChainAnchor.read(at: path + ".chain")?.sameHead(as: ChainAnchor(rows: 0, lastID: 0, lastHash: "")) == true)
        #expect(try db.checkAnchor().status == .matches)
        let (saved, problem) = try db.appendReads([try record(1), try record(2)])
        #expect(problem == nil && saved.map(\.id) == [1, 2])
        let anchor = try #require(try ChainAnchor.read(at: path + ".chain"))
        #expect(anchor.rows == 2 && anchor.lastID == 2 && anchor.lastHash == saved.last?.hash)
        #expect(try db.checkAnchor().status == .matches)
    }

    @Test func aCutTailIsFoundAndALaterAppendDoesNotHideIt() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try Database(path: path)
        for n in 1...3 { try db.appendRead(try record(n)) }
        try db.sqlite!.write { db in
            try db.execute(sql: "DROP TRIGGER read_record_no_delete")
            try db.execute(sql: "DELETE FROM read_record WHERE id = 3")
        }
        #expect(try db.verifyAudit().isIntact)
        #expect(try db.checkAnchor().status == .cut)
        let (_, problem) = try db.appendReads([try record(4)])
        #expect(problem?.reason.contains("left as it is") == true)
        #expect(try db.checkAnchor().status == .changed)
    }

    @Test func anchorTextRoundTripsAndNewerOrDamagedAnchorsAreRefused() throws {
        let anchor = ChainAnchor(rows: 7, lastID: 9, lastHash: String(repeating: "ab", count: 32), written: "2026-12-06T22:00:00Z",
                                 extra: [("library", "/x/library.sqlite")])
        let parsed = try ChainAnchor.parse(anchor.text, path: "a.chain")
        #expect(parsed == anchor && parsed.extra.first?.value == "/x/library.sqlite")
        #expect(throws: StoreError.self) { try ChainAnchor.parse("mammoterm-chain-anchor 2\nrows 1\n", path: "a.chain") }
        #expect(throws: StoreError.self) { try ChainAnchor.parse("mammoterm-chain-anchor 1\nrows x\nlast-id 1\nlast-hash \n", path: "a.chain") }
        #expect(throws: StoreError.self) { try ChainAnchor.parse("something else\n", path: "a.chain") }
    }
}
