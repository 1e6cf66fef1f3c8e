// The library's two backends hold the same data the same way (the import, worklist, prior,
// analysis, annotation, flag and decision suites beside this one run on both too): every test here runs on a SQLite
// file and on a real PostgreSQL 15 server (ArchiveTestSupport/PostgresServer, started by the
// tests on 127.0.0.1). Decisions and their chain, append-only refused by the database itself,
// truth, flags, thresholds, AI results, annotations, the catalogue through `library copy`, a
// lossless copy SQLite → PostgreSQL → SQLite, many readers appending at once, migrations, and on
// PostgreSQL the readers' row-level security (also as psql sees it).
import ArchiveTestSupport
import Foundation
import GRDB
import MammoCore
@testable import Store
import Testing

enum Backend: String, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

/// A new, empty library on `backend`, and its address.
func makeLibrary(_ backend: Backend) throws -> (Store.Database, String) {
    switch backend {
    case .sqlite:
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shared-\(UUID().uuidString)/library.sqlite").path
        return (try Database(path: path), path)
    case .postgres:
        let address = try PostgresServer.shared().makeLibrary()
        return (try Database.open(address), address)
    }
}

@Suite struct SharedLibraryTests {
    static func record(reader: String, study: String, suspicion: Int = 40, revises: Int64? = nil,
                       stage: ReadStage = .final) throws -> ReadRecord {
        try ReadRecordTests.record(reader: reader, study: study, suspicion: suspicion, stage: stage, readingProtocol: .secondLook,
                                   revises: revises)
    }

    /// A SQLite library holding two exams, a prior link, truth, AI, annotations and decisions.
    static func populatedSQLite() throws -> Store.Database {
        let (db, _) = try makeLibrary(.sqlite)
        try db.add(ImageSummary.exam(patient: "P1", study: "1.2.826.0.1.1", date: "20230105"))
        try db.add(ImageSummary.exam(patient: "P1", study: "1.2.826.0.1.2", date: "20240105"))
        try db.add(ImageSummary.exam(patient: "P2", study: "1.2.826.0.1.3", date: "20240301", views: [.rightCC, .leftCC]))
        try db.saveTruth([StudyTruth(studyInstanceUID: "1.2.826.0.1.2", cancer: true, birads: .category5, density: .d,
                                     source: "csv", importedAt: "2026-01-02T03:04:05Z")])
        var analysis = AnalysisTests.analysis(study: "1.2.826.0.1.2", score: 0.91)
        analysis.inputs = MonitorRecordTests.inputs()
        try db.saveAnalysis(analysis)
        try db.saveAnnotation(AnnotationStoreTests.mark("A", study: "1.2.826.0.1.2", shape: .box(PixelBox(x: 10.25, y: 20, width: 30, height: 40))))
        try db.setFlag(studyInstanceUID: "1.2.826.0.1.3", reader: "alice", flagged: true)
        _ = try db.freezeReferralThresholds(StoredReferralThresholds(model: "m 1", ntTarget: 0.9, snTarget: 0.95, normalTriage: 0.12,
                                                                     safetyNet: 0.7, cases: 100, createdAt: "2026-01-02T03:04:05Z"))
        let first = try db.appendRead(record(reader: "alice", study: "1.2.826.0.1.2", suspicion: 70))
        try db.appendRead(record(reader: "alice", study: "1.2.826.0.1.2", suspicion: 90, revises: first.id))
        try db.appendRead(record(reader: "bob", study: "1.2.826.0.1.1", suspicion: 5))
        return db
    }

    /// Every table as text, row by row in key order: what a lossless copy must keep.
    static func dump(_ db: Store.Database) throws -> [String: [String]] {
        try db.readSession(doing: "dump") { session in
            var out: [String: [String]] = [:]
            for table in LibraryCopy.tables {
                let names = table.columns.map { $0.replacingOccurrences(of: "\"", with: "") }
                out[table.name] = try session.fetchAll("SELECT * FROM \(table.name) ORDER BY \(table.order)").map { row in
                    names.map { name in "\(name)=\((row[name] as DatabaseValue).storage)" }.joined(separator: "|")
                }
            }
            out["study.priorStudy"] = try session.fetchAll("SELECT id, priorStudy FROM study ORDER BY id").map { "\($0["id"] as Int64)->\(($0["priorStudy"] as Int64?) ?? 0)" }
            return out
        }
    }

    @Test(arguments: Backend.allCases) func decisionsChainRevisionsAndStages(_ backend: Backend) throws {
        let (db, _) = try makeLibrary(backend)
        let a = try db.appendRead(Self.record(reader: "alice", study: "1.1", stage: .initial))
        let b = try db.appendRead(Self.record(reader: "alice", study: "1.1", suspicion: 80))
        let c = try db.appendRead(Self.record(reader: "alice", study: "1.1", suspicion: 85, revises: b.id))
        try db.appendRead(Self.record(reader: "bob", study: "1.2"))
        #expect([a.id, b.id, c.id] == [1, 2, 3])
        #expect(b.previousHash == a.hash && c.previousHash == b.hash)
        #expect(try db.reads(reader: "alice").map(\.decision.suspicion) == [40, 80, 85])
        #expect(try db.reads(study: "1.2").map(\.reader) == ["bob"])
        #expect(try db.readStages(reader: "alice", protocol: .secondLook) == ["1.1": .final])
        let audit = try db.verifyAudit()
        #expect(audit.rowsChecked == 4 && audit.firstBadRow == nil)
        #expect(throws: StoreError.self) { try db.appendRead(Self.record(reader: "alice", study: "1.1", revises: 99)) }
        #expect(try db.reads().count == 4)
    }

    @Test(arguments: Backend.allCases) func decisionsAreAppendOnlyInTheDatabaseItself(_ backend: Backend) throws {
        let (db, address) = try makeLibrary(backend)
        try db.appendRead(Self.record(reader: "alice", study: "1.1"))
        switch backend {
        case .sqlite:
            for sql in ["UPDATE read_record SET reader = 'mallory'", "DELETE FROM read_record"] {
                let error = #expect(throws: DatabaseError.self) { try db.sqlite?.write { try $0.execute(sql: sql) } }
                #expect(error?.message?.contains("append-only") == true)
            }
        case .postgres:
            let server = try PostgresServer.shared()
            let database = String(address.split(separator: "/").last ?? "")
            for sql in ["UPDATE read_record SET reader = 'mallory'", "DELETE FROM read_record", "TRUNCATE read_record"] {
                // As the owner, and as the superuser: the trigger refuses both.
                let owner = #expect(throws: TestServerError.self) { try server.psql(sql, database: database, user: "study_admin") }
                #expect(owner?.description.contains("append-only") == true)
                #expect(throws: TestServerError.self) { try server.psql(sql, database: database) }
            }
            // A row that does not follow the chain head is refused, even when written by hand.
            let fork = #expect(throws: TestServerError.self) {
                try server.psql("""
                    INSERT INTO read_record SELECT 7, reader, session, studyInstanceUID, "protocol", stage, aiVisibility, aiScore,
                    aiModel, safetyNetAlert, openedAt, submittedAt, readingSeconds, decision, NULL, previousHash, hash FROM read_record
                    """, database: database, user: "study_admin")
            }
            #expect(fork?.description.contains("one chain") == true)
        }
        #expect(try db.reads().map(\.reader) == ["alice"])
        #expect(try db.verifyAudit().firstBadRow == nil)
    }

    @Test(arguments: Backend.allCases) func truthFlagsThresholdsAnalysesAndAnnotations(_ backend: Backend) throws {
        let (db, _) = try makeLibrary(backend)
        try db.saveTruth([StudyTruth(studyInstanceUID: "1.2", cancer: true, birads: .category4, density: .c, source: "csv", importedAt: "2026-01-02T03:04:05Z")])
        try db.saveTruth([StudyTruth(studyInstanceUID: "1.2", cancer: false, source: "again", importedAt: "2026-01-03T03:04:05Z"),
                          StudyTruth(studyInstanceUID: "1.3", cancer: true, source: "csv", importedAt: "2026-01-02T03:04:05Z")])
        let truths = try db.truths()
        #expect(truths.count == 2 && truths["1.2"]?.cancer == false && truths["1.2"]?.source == "again" && truths["1.2"]?.birads == nil)

        try db.setFlag(studyInstanceUID: "1.2", reader: "alice", flagged: true)
        try db.setFlag(studyInstanceUID: "1.2", reader: "alice", flagged: true)
        try db.setFlag(studyInstanceUID: "1.3", reader: "alice", flagged: true)
        try db.setFlag(studyInstanceUID: "1.3", reader: "alice", flagged: false)
        #expect(try db.flaggedStudies(reader: "alice") == ["1.2"])

        let frozen = StoredReferralThresholds(model: "m 1", ntTarget: 0.9, snTarget: 0.95, normalTriage: 0.12, safetyNet: 0.7,
                                              cases: 100, createdAt: "2026-01-02T03:04:05Z")
        #expect(try db.freezeReferralThresholds(frozen) == frozen)
        var later = frozen
        later.normalTriage = 0.3
        #expect(try db.freezeReferralThresholds(later) == frozen)

        try db.saveAnalysis(AnalysisTests.analysis(study: "1.2", score: 0.4))
        try db.saveAnalysis(AnalysisTests.analysis(study: "1.2", score: 0.8))
        try db.saveAnalysis(AnalysisTests.analysis(study: "1.2", source: "vendor", model: "v", score: 0.6))
        let analyses = try db.analyses(studyInstanceUID: "1.2")
        #expect(analyses.count == 2)
        let ours = try #require(analyses.first { $0.source == "mammoterm" })
        #expect(ours.examScore == 0.8 && ours.heatmaps.first?.values == [0, 10, 20, 30, 40, 255] && ours.findings.first?.box.x == 10)
        #expect(try db.analysedStudies() == ["1.2"])
        #expect(try db.analysisInput(studyInstanceUID: "1.2", source: "vendor", model: "v")?.hash == "abc")

        let box = AnnotationStoreTests.mark("A", study: "1.2", shape: .box(PixelBox(x: 10.25, y: 20, width: 30, height: 40)))
        try db.saveAnnotations([box, AnnotationStoreTests.mark("B", study: "1.2", annotator: "carol", shape: .box(PixelBox(x: 1, y: 2, width: 3, height: 4)))])
        var moved = box
        moved.note = "moved"
        try db.saveAnnotation(moved)
        try db.setAccepted(ids: ["A"], reviewer: "dr", accepted: true, at: "2026-11-28T10:00:00Z")
        try db.deleteAnnotations(ids: ["B", "nope"])
        let marks = try db.annotations(studyInstanceUID: "1.2")
        #expect(marks.map(\.id) == ["A"] && marks.first?.note == "moved" && marks.first?.acceptedBy == "dr")
        #expect(marks.first?.shape == box.shape)
    }

    @Test(arguments: Backend.allCases) func copiedCatalogueServesTheWorklistAndStudies(_ backend: Backend) throws {
        let source = try Self.populatedSQLite()
        let (db, _) = try makeLibrary(backend)
        let copy = try LibraryCopy.copy(from: source, to: db)
        #expect(copy.rows.first { $0.table == "image" }?.count == 10)
        #expect(copy.rows.first { $0.table == "read_record" }?.count == 3)
        let worklist = try db.worklist()
        #expect(worklist.map(\.studyInstanceUID) == ["1.2.826.0.1.3", "1.2.826.0.1.2", "1.2.826.0.1.1"])
        #expect(worklist.map(\.views.count) == [2, 4, 4])
        #expect(try db.worklist(limit: 2).map(\.studyInstanceUID) == Array(worklist.prefix(2)).map(\.studyInstanceUID))
        #expect(try db.worklist(limit: 5, offset: 2).map(\.studyInstanceUID) == ["1.2.826.0.1.1"])
        #expect(try db.worklist(offset: 1).count == 2)
        #expect(worklist[1].priorStudyInstanceUID == "1.2.826.0.1.1" && worklist[1].ai?.score == 0.91)
        #expect(try Set(db.images(studyInstanceUID: "1.2.826.0.1.2").map(\.sopInstanceUID)) == Set(ImageSummary.exam(study: "1.2.826.0.1.2").map(\.sopInstanceUID)))
        #expect(try db.counts() == source.counts())
        #expect(try db.studyContexts()["1.2.826.0.1.2"]?.aiScore == 0.91)
        #expect(try db.verifyAudit().rowsChecked == 3)
        // A second copy into a library that holds data is refused, and adds nothing.
        #expect(throws: StoreError.self) { try LibraryCopy.copy(from: source, to: db) }
        #expect(try db.reads().count == 3)
    }

    @Test func copyRoundTripsSQLiteThroughPostgreSQLLosslessly() throws {
        let source = try Self.populatedSQLite()
        let (shared, _) = try makeLibrary(.postgres)
        let (back, _) = try makeLibrary(.sqlite)
        _ = try LibraryCopy.copy(from: source, to: shared)
        _ = try LibraryCopy.copy(from: shared, to: back)
        let original = try Self.dump(source)
        #expect(try Self.dump(shared) == original)
        #expect(try Self.dump(back) == original)
        #expect(original["read_record"]?.count == 3 && original["ai_heatmap"]?.count == 1 && original["annotation"]?.count == 1)
        #expect(original["ai_input"]?.count == 1 && original["ai_view_input"]?.count == 2)
        #expect(try back.verifyAudit().firstBadRow == nil)
        #expect(try back.checkAnchor().isSound)
        // New rows on the copy go on from the copied ids.
        let next = try shared.appendRead(Self.record(reader: "carol", study: "1.2.826.0.1.3"))
        #expect(next.id == 4)
        try shared.saveAnalysis(AnalysisTests.analysis(study: "1.2.826.0.1.3", score: 0.2))
    }

    /// Readers submitting at once: every row present once, one unbroken chain, no "database is
    /// locked" (SQLite waits for its write lock; PostgreSQL queues on the chain head's row lock).
    @Test(arguments: [(Backend.postgres, 16), (Backend.sqlite, 4)])
    func readersSubmittingAtOnceKeepOneChain(_ backend: Backend, _ readers: Int) throws {
        let (admin, address) = try makeLibrary(backend)
        let perReader = 200
        var connections: [Store.Database] = []
        for r in 0..<readers {
            if backend == .postgres {
                let name = "load_reader_\(r)"
                let password = "pw-\(UUID().uuidString)"
                try admin.addReader(name, password: password)
                try PostgresServer.shared().addPassword(user: name, password: password)
                connections.append(try Database.open(address.replacingOccurrences(of: "study_admin@", with: "\(name)@")))
            } else {
                connections.append(try Database(path: address))
            }
        }
        let failures = ErrorList()
        // One thread per reader (not a pool sized to the cores), all released at once.
        let start = DispatchSemaphore(value: 0), done = DispatchGroup()
        for (r, connection) in connections.enumerated() {
            done.enter()
            Thread {
                start.wait()
                let name = backend == .postgres ? "load_reader_\(r)" : "reader\(r)"
                for i in 0..<perReader {
                    do { try connection.appendRead(Self.record(reader: name, study: "1.2.\(i)", suspicion: i % 101)) } catch {
                        failures.append("\(name) #\(i): \(error)")
                    }
                }
                done.leave()
            }.start()
        }
        for _ in 0..<readers { start.signal() }
        done.wait()
        #expect(failures.items.isEmpty, "\(failures.items.prefix(3))")
        let all = try admin.reads()
        #expect(all.count == readers * perReader)
        #expect(all.map(\.id) == (1...Int64(readers * perReader)).map { $0 })
        for r in 0..<readers {
            let name = backend == .postgres ? "load_reader_\(r)" : "reader\(r)"
            #expect(Set(all.filter { $0.reader == name }.map(\.studyInstanceUID)).count == perReader)
        }
        let audit = try admin.verifyAudit()
        #expect(audit.rowsChecked == readers * perReader && audit.firstBadRow == nil)
        if backend == .postgres {
            // Each reader's connection sees exactly its own 200.
            #expect(try connections[3].reads().count == perReader && connections[3].reads().allSatisfy { $0.reader == "load_reader_3" })
        }
    }

    @Test func readersSeeOnlyTheirOwnDecisionsAndNeverTheTruth() throws {
        let server = try PostgresServer.shared()
        let (admin, address) = try makeLibrary(.postgres)
        _ = try LibraryCopy.copy(from: Self.populatedSQLite(), to: admin)
        let database = String(address.split(separator: "/").last ?? "")
        let passwords = ["alice": "alice-\(UUID().uuidString)", "bob": "bob-\(UUID().uuidString)"]
        for (name, password) in passwords {
            try admin.addReader(name, password: password)
            try server.addPassword(user: name, password: password)
        }
        #expect(try admin.readerRoles() == ["alice", "bob"])  // this library's group only
        #expect(try admin.isAdministrator())
        // The password reached the server only as a SCRAM verifier.
        let stored = try server.psql("SELECT rolpassword FROM pg_authid WHERE rolname = 'alice'")
        #expect(stored.hasPrefix("SCRAM-SHA-256$4096:") && !stored.contains(passwords["alice"] ?? "?"))

        // psql, as a reader would use it.
        #expect(try server.psql("SELECT reader, COUNT(*) FROM read_record GROUP BY reader", database: database, user: "alice")
            .trimmingCharacters(in: .whitespacesAndNewlines) == "alice|2")
        #expect(try server.psql("SELECT COUNT(*) FROM read_record", database: database, user: "bob")
            .trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        for sql in ["SELECT * FROM study_truth", "SELECT * FROM annotation", "SELECT * FROM chain_head"] {
            let error = #expect(throws: TestServerError.self) { try server.psql(sql, database: database, user: "alice") }
            #expect(error?.description.contains("permission denied") == true)
        }
        let forged = #expect(throws: TestServerError.self) {
            try server.psql("""
                INSERT INTO read_record SELECT 4, 'bob', session, studyInstanceUID, "protocol", stage, aiVisibility, aiScore, aiModel,
                safetyNetAlert, openedAt, submittedAt, readingSeconds, decision, NULL, (SELECT headHash FROM mammoterm_chain_head()),
                hash FROM read_record WHERE id = 2
                """, database: database, user: "alice")
        }
        #expect(forged?.description.contains("row-level security") == true)
        #expect(try server.psql("SELECT COUNT(*) FROM study_flag", database: database, user: "bob")
            .trimmingCharacters(in: .whitespacesAndNewlines) == "0")

        // mammoterm, connected as alice.
        let alice = try Database.open(address.replacingOccurrences(of: "study_admin@", with: "alice@"))
        #expect(try alice.reads().allSatisfy { $0.reader == "alice" } && alice.reads().count == 2)
        #expect(try !alice.isAdministrator())
        #expect(try alice.worklist().count == 3)
        let truth = #expect(throws: StoreError.self) { try alice.truths() }
        #expect(truth?.summary == "not allowed for this reader")
        #expect(throws: StoreError.self) { try alice.verifyAudit() }
        #expect(throws: StoreError.self) { try alice.appendRead(Self.record(reader: "bob", study: "1.2.826.0.1.3")) }
        let own = try alice.appendRead(Self.record(reader: "alice", study: "1.2.826.0.1.3"))
        #expect(own.id == 4)
        #expect(try admin.reads().count == 4 && admin.verifyAudit().firstBadRow == nil)
        #expect(throws: StoreError.self) { try admin.addReader("Robert'); DROP TABLE study; --", password: "long enough") }
    }

    /// A revision replaces a decision of its own slot only, refused by the database itself too:
    /// no row can hide another reader's decision from the report.
    @Test(arguments: Backend.allCases) func aRevisionCannotHideAnotherReadersDecision(_ backend: Backend) throws {
        let (db, address) = try makeLibrary(backend)
        let bobs = try db.appendRead(Self.record(reader: "bob", study: "1.1"))
        #expect(throws: StoreError.self) { try db.appendRead(Self.record(reader: "alice", study: "1.1", revises: bobs.id)) }
        let sql = """
            INSERT INTO read_record (id, reader, session, studyInstanceUID, "protocol", stage, aiVisibility, safetyNetAlert, openedAt,
                submittedAt, readingSeconds, decision, revises, previousHash, hash)
            SELECT 2, 'alice', session, studyInstanceUID, "protocol", stage, aiVisibility, 0, openedAt, submittedAt, readingSeconds,
                decision, 1, hash, hash FROM read_record WHERE id = 1
            """
        switch backend {
        case .sqlite:
            let error = #expect(throws: DatabaseError.self) { try db.sqlite?.write { try $0.execute(sql: sql) } }
            #expect(error?.message?.contains("same reader") == true)
        case .postgres:
            let error = #expect(throws: TestServerError.self) {
                try PostgresServer.shared().psql(sql, database: String(address.split(separator: "/").last ?? ""), user: "study_admin")
            }
            #expect(error?.description.contains("same reader") == true)
        }
        #expect(ReadRecord.latest(try db.reads()).map(\.record.reader) == ["bob"])
    }

    /// A reader's temporary table cannot stand in for the chain head, and a reader of one library
    /// cannot connect to another library on the same server.
    @Test func readersCannotShadowTheChainHeadNorReachAnotherLibrary() throws {
        let server = try PostgresServer.shared()
        let (first, firstAddress) = try makeLibrary(.postgres)
        let (_, secondAddress) = try makeLibrary(.postgres)
        let password = "erin-\(UUID().uuidString)"
        try first.addReader("erin", password: password)
        try server.addPassword(user: "erin", password: password)
        let firstName = String(firstAddress.split(separator: "/").last ?? ""), secondName = String(secondAddress.split(separator: "/").last ?? "")
        let temp = #expect(throws: TestServerError.self) {
            try server.psql("CREATE TEMP TABLE chain_head (single BOOLEAN, lastID BIGINT, lastHash TEXT)", database: firstName, user: "erin")
        }
        #expect(temp?.description.contains("permission denied") == true, "\(temp?.description ?? "")")
        let other = #expect(throws: TestServerError.self) { try server.psql("SELECT 1", database: secondName, user: "erin") }
        #expect(other?.description.contains("permission denied for database") == true, "\(other?.description ?? "")")
        #expect(try first.readerRoles() == ["erin"])
    }

    @Test func migrationsAreVersionedOnPostgreSQL() throws {
        let server = try PostgresServer.shared()
        let (db, address) = try makeLibrary(.postgres)
        try db.appendRead(Self.record(reader: "alice", study: "1.1"))
        let database = String(address.split(separator: "/").last ?? "")
        let applied = try server.psql("SELECT identifier FROM mammoterm_migration ORDER BY identifier", database: database)
        #expect(applied.split(separator: "\n") == PostgresSchema.migrations.map { Substring($0.identifier) })
        let again = try Database.open(address)  // a second open migrates nothing and keeps the rows
        #expect(try again.reads().count == 1)
        try server.psql("INSERT INTO mammoterm_migration VALUES ('pg99-future', 'x')", database: database)
        let newer = #expect(throws: StoreError.self) { try Database.open(address) }
        #expect(newer?.reason.contains("newer mammoterm") == true)
    }

    @Test func addressesNeverHoldPasswords() throws {
        #expect(throws: StoreError.self) { try PostgresLocation(parsing: "postgres://alice:secret@db.example:5432/study") }
        let error = #expect(throws: StoreError.self) { try PostgresLocation(parsing: "postgres://alice:secret@db.example:5432/study") }
        #expect(error?.description.contains("secret") == false)
        for leaky in ["postgres://alice:p@ss@db.example/study", "postgres://alice@db.example/study?password=secret", "postgres://a:secret"] {
            let refused = #expect(throws: StoreError.self) { try PostgresLocation(parsing: leaky) }
            #expect(refused?.description.contains("secret") == false && refused?.description.contains("ss@") == false, "\(leaky)")
        }
        let location = try PostgresLocation(parsing: "postgresql://alice@db.example:6543/study?sslmode=require")
        #expect(location.description == "postgres://alice@db.example:6543/study" && location.tls == .require)
        #expect(try PostgresLocation(parsing: "postgres://a@127.0.0.1/s").tls == .disable)
        #expect(PostgresLocation.passwordFileFields(#"h:5432:d:u:pa\:ss"#) == ["h", "5432", "d", "u", "pa:ss"])
        #expect(PostgresSession.numbered(#"SELECT ? , '?' , "a?" , ?"#) == #"SELECT $1 , '?' , "a?" , $2"#)
        #expect(PostgresSession.numbered("SELECT ? -- it's ?\n, ? /* ? don't */ , $$ ? $$, ?") == "SELECT $1 -- it's ?\n, $2 /* ? don't */ , $$ ? $$, $3")
    }
}

/// Errors collected from concurrent work.
final class ErrorList: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var items: [String] = []
    func append(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
}
