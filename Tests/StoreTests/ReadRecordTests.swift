// Reader decisions in the library: the hash chain appended and verified (hashes checked against
// sha256sum), revisions, the append-only triggers, tampering found at the first bad row, and
// concurrent appenders keeping one unbroken chain.
import Foundation
import GRDB
import MammoCore
@testable import Store
import Testing

@Suite struct ReadRecordTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reads-\(UUID().uuidString)")

    static func record(reader: String = "r1", study: String = "1.2.3.1", suspicion: Int = 40, recall: Bool = false,
                       stage: ReadStage = .final, readingProtocol: ReadingProtocol = .concurrent, revises: Int64? = nil) throws -> ReadRecord {
        try ReadRecord(reader: reader, session: "s1", studyInstanceUID: study, readingProtocol: readingProtocol, stage: stage,
                       aiVisibility: readingProtocol == .unaided ? .none : .full,
                       aiScore: readingProtocol == .unaided ? nil : 0.87, aiModel: readingProtocol == .unaided ? nil : "m 1",
                       openedAt: "2026-03-14T09:30:00Z", submittedAt: "2026-03-14T09:30:42.5Z", readingSeconds: 42.5,
                       decision: ReaderDecision(right: BreastAssessment(birads: .category4A, density: .c), left: BreastAssessment(birads: .category1),
                                                recall: recall, suspicion: suspicion,
                                                marks: [ReaderMark(view: .rightCC, x: 310.5, y: 402, kind: .mass, suspicion: 70)]),
                       revises: revises)
    }

    /// SHA-256 by coreutils, an implementation independent of swift-crypto.
    static func sha256sum(_ text: String) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init)
    }

    @Test func canonicalSerialisationIsTheDocumentedOne() throws {
        var r = try Self.record()
        r.id = 7
        r.previousHash = "ab"
        let json = try ReadRecord.canonicalJSON(r.decision)
        #expect(json == #"{"left":{"birads":"1"},"marks":[{"kind":"mass","suspicion":70,"view":"RCC","x":310.5,"y":402}],"recall":false,"right":{"birads":"4A","density":"C"},"suspicion":40}"#)
        let expected = """
            mammoterm-read-record-v1
            id:1:7
            reader:2:r1
            session:2:s1
            studyInstanceUID:7:1.2.3.1
            protocol:10:concurrent
            stage:5:final
            aiVisibility:4:full
            aiScore:4:0.87
            aiModel:3:m 1
            safetyNetAlert:1:0
            openedAt:20:2026-03-14T09:30:00Z
            submittedAt:22:2026-03-14T09:30:42.5Z
            readingSeconds:4:42.5
            decision:\(json.utf8.count):\(json)
            revises:-
            previousHash:2:ab

            """
        #expect(r.canonicalContent(decisionJSON: json) == expected)
    }

    @Test(arguments: Backend.allCases) func appendsChainAndVerify(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        let first = try db.appendRead(Self.record())
        let second = try db.appendRead(Self.record(reader: "r2", suspicion: 80, recall: true))
        let third = try db.appendRead(Self.record(suspicion: 55, recall: true, revises: first.id))
        #expect(first.id == 1 && second.id == 2 && third.id == 3)
        #expect(first.previousHash == "")
        #expect(second.previousHash == first.hash && third.previousHash == second.hash)
        for r in [first, second, third] {
            let json = try ReadRecord.canonicalJSON(r.decision)
            #expect(r.hash.count == 64)
            if let outside = try Self.sha256sum(r.canonicalContent(decisionJSON: json)) { #expect(outside == r.hash) }
        }
        #expect(try db.reads() == [first, second, third])
        #expect(try db.reads(reader: "r2") == [second])
        #expect(try db.reads(protocol: .unaided).isEmpty)
        #expect(try db.reads(study: "1.2.3.1").count == 3)
        let audit = try db.verifyAudit()
        #expect(audit == AuditResult(rowsChecked: 3, firstBadRow: nil))
        let current = ReadRecord.latest(try db.reads())
        #expect(current.map(\.record.id) == [2, 3] && current.map(\.replaces) == [0, 1])
    }

    @Test(arguments: Backend.allCases) func readStagesArePerReaderAndProtocolWithFinalWinning(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        _ = try db.appendRead(try Self.record(study: "1.1", stage: .initial, readingProtocol: .secondLook))
        _ = try db.appendRead(try Self.record(study: "1.1", stage: .final, readingProtocol: .secondLook))
        _ = try db.appendRead(try Self.record(study: "1.2", stage: .initial, readingProtocol: .secondLook))
        _ = try db.appendRead(try Self.record(reader: "r2", study: "1.3", stage: .final, readingProtocol: .secondLook))
        _ = try db.appendRead(try Self.record(study: "1.4", stage: .final, readingProtocol: .concurrent))
        #expect(try db.readStages(reader: "r1", protocol: .secondLook) == ["1.1": .final, "1.2": .initial])
        #expect(try db.readStages(reader: "r1", protocol: .concurrent) == ["1.4": .final])
        #expect(try db.readStages(reader: "r3", protocol: .secondLook).isEmpty)
    }

    @Test(arguments: Backend.allCases) func refusesBadRecordsAndRevisionsOfMissingRows(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        #expect(throws: StoreError.self) { try db.appendRead(Self.record(revises: 5)) }
        #expect(throws: ReadingError.self) { try Self.record(suspicion: 101) }
        #expect(throws: ReadingError.self) { try Self.record(stage: .initial, readingProtocol: .concurrent) }
        #expect(throws: ReadingError.self) {
            try ReadRecord(reader: "r", session: "s", studyInstanceUID: "1", readingProtocol: .unaided, stage: .final, aiVisibility: .none,
                           aiScore: 0.5, openedAt: "2026-01-01T00:00:00Z", submittedAt: "2026-01-01T00:00:01Z", readingSeconds: 1,
                           decision: ReaderDecision(recall: false, suspicion: 0))
        }
        // Times and views are types now: text that is neither is refused where it is read.
        #expect(throws: ReadingError.self) { try ReadRecord.time("yesterday", field: "openedAt") }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ReaderDecision.self, from: Data(#"{"recall":true,"suspicion":50,"left":{},"right":{},"marks":[{"view":"XCC","x":1,"y":1,"kind":"mass","suspicion":5}]}"#.utf8))
        }
        #expect(try db.reads().isEmpty)
    }

    @Test func updateAndDeleteAreRefusedByTheSchema() throws {
        let db = try Database.inMemory()
        try db.appendRead(Self.record())
        #expect(throws: DatabaseError.self) { try db.sqlite!.write { try $0.execute(sql: "UPDATE read_record SET reader = 'x'") } }
        #expect(throws: DatabaseError.self) { try db.sqlite!.write { try $0.execute(sql: "DELETE FROM read_record") } }
        #expect(try db.reads().first?.reader == "r1")
        #expect(try db.verifyAudit().isIntact)
    }

    /// Drops the triggers, runs `sql` on the library file, as someone editing the file would.
    func tamper(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS read_record_no_update; DROP TRIGGER IF EXISTS read_record_no_delete")
            try db.execute(sql: sql)
        }
    }

    @Test(arguments: [
        ("UPDATE read_record SET decision = replace(decision, '\"suspicion\":80', '\"suspicion\":10') WHERE id = 3", Int64(3), AuditResult.Problem.hashMismatch),
        ("UPDATE read_record SET readingSeconds = 1 WHERE id = 2", 2, .hashMismatch),
        ("DELETE FROM read_record WHERE id = 2", 3, .brokenChain),
        ("UPDATE read_record SET hash = '\(String(repeating: "0", count: 64))' WHERE id = 2", 2, .hashMismatch),
    ])
    func tamperingIsFoundAtTheFirstBadRow(sql: String, badRow: Int64, problem: AuditResult.Problem) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("library.sqlite").path
        do {
            let db = try Database(path: path)
            for (index, suspicion) in [20, 50, 80, 30].enumerated() {
                try db.appendRead(Self.record(reader: "r\(index % 2)", study: "1.2.3.\(index)", suspicion: suspicion))
            }
            #expect(try db.verifyAudit().isIntact)
        }
        try tamper(path, sql)
        let audit = try Database(path: path).verifyAudit()
        let bad = try #require(audit.firstBadRow)
        #expect(bad.id == badRow)
        #expect(bad.problem == problem)
        #expect(audit.rowsChecked == Int(badRow) - (problem == .brokenChain ? 1 : 0))
    }

    @Test func aRowRehashedAfterAChangeBreaksTheChainAtTheNextRow() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("library.sqlite").path
        let db = try Database(path: path)
        for s in [10, 20, 30] { try db.appendRead(Self.record(suspicion: s)) }
        // Change row 2 and give it the hash its new content has: its own hash checks, row 3's link does not.
        var forged = try db.reads()[1]
        forged.readingSeconds = 5
        let json = try ReadRecord.canonicalJSON(forged.decision)
        let hash = Database.sha256Hex(forged.canonicalContent(decisionJSON: json))
        try tamper(path, "UPDATE read_record SET readingSeconds = 5, hash = '\(hash)' WHERE id = 2")
        let bad = try #require(try db.verifyAudit().firstBadRow)
        #expect(bad.id == 3 && bad.problem == .brokenChain)
        #expect(bad.reason.contains("row 2"))
    }

    @Test func fourWritersAtOnceKeepOneUnbrokenChain() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("library.sqlite").path
        _ = try Database(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    let db = try Database(path: path)
                    for index in 0..<25 { try db.appendRead(Self.record(reader: "w\(writer)", study: "1.2.\(index)", suspicion: index)) }
                }
            }
            try await group.waitForAll()
        }
        let db = try Database(path: path)
        let reads = try db.reads()
        #expect(reads.count == 100)
        #expect(reads.map(\.id) == (1...100).map { Int64($0) })
        #expect(Dictionary(grouping: reads, by: \.reader).mapValues(\.count) == ["w0": 25, "w1": 25, "w2": 25, "w3": 25])
        #expect(try db.verifyAudit() == AuditResult(rowsChecked: 100, firstBadRow: nil))
    }

    @Test(arguments: Backend.allCases) func truthIsSavedReplacedAndReadBack(_ backend: Backend) throws {
        let db = try makeLibrary(backend).0
        try db.saveTruth([StudyTruth(studyInstanceUID: "1.2", cancer: true, birads: .category5, density: .d, source: "csv", importedAt: "2026-01-02T03:04:05Z"),
                          StudyTruth(studyInstanceUID: "1.3", cancer: false, source: "csv", importedAt: "2026-01-02T03:04:05Z")])
        try db.saveTruth([StudyTruth(studyInstanceUID: "1.3", cancer: true, density: .a, source: "again", importedAt: "2026-01-02T03:04:06Z")])
        let truths = try db.truths()
        #expect(truths.count == 2)
        #expect(truths["1.2"]?.birads == .category5 && truths["1.2"]?.density == .d)
        #expect(truths["1.3"] == StudyTruth(studyInstanceUID: "1.3", cancer: true, density: .a, source: "again", importedAt: "2026-01-02T03:04:06Z"))
    }
}
