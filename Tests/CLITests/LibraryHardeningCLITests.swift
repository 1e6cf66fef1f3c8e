// Issue 13 with the built binary: a library file that is empty, not SQLite, damaged (a page of
// random bytes) or from a newer mammoterm is an error naming the file and what to do for every
// command that opens it, and the file is left as it was; the decision chain's anchor catches a
// cut tail, a changed and rehashed row and a missing anchor; `export reads` refuses a failing
// chain unless --force and marks a forced export; batch commands exit 1 with a summary when a
// record cannot be read; a full or read-only disk refuses decisions before any is written.
import Foundation
import GRDB
import MammoCore
import Store
import Testing
import TerminalTestSupport

@Suite(.serialized) struct LibraryHardeningCLITests {
    let work: URL
    let library: String

    init() throws {
        work = try TerminalTools.scratchFolder("harden")
        library = work.appendingPathComponent("library.sqlite").path
    }

    func cleanUp() { try? FileManager.default.removeItem(at: work) }

    func run(_ arguments: [String]) throws -> Hardening.Output { try Hardening.run(arguments, in: work) }

    /// Three tiny exams to import (12 files).
    func exams() throws -> URL {
        let folder = work.appendingPathComponent("exams")
        for n in 1...3 {
            _ = try TinyDICOM.exam(in: folder.appendingPathComponent("e\(n)"), patient: "P00\(n)", study: "1.2.3.\(n)", date: "2024010\(n)")
        }
        return folder
    }

    /// A library with three exams and `decisions` decisions.
    func filledLibrary(decisions: Int = 3) throws {
        #expect(try run(["import", try exams().path, "--library", library]).status == 0)
        if decisions > 0 {
            #expect(try run(["audit", "append-test", "--library", library, "--reader", "alice", "--study", "1.2.3.1", "--count", "\(decisions)"]).status == 0)
        }
    }

    /// Every command this work touched that opens an existing library, and those that create one.
    func commands() throws -> [[String]] {
        let exams = try exams().path
        return [["audit", "verify"], ["audit", "verify", "--json"], ["audit", "anchor"], ["audit", "anchor", "--force"],
                ["audit", "append-test"], ["export", "reads"], ["export", "reads", "--force", "--format", "json"],
                ["export", "truth-joined"], ["export", "annotations", "--format", "json"], ["report"], ["worklist"],
                ["import", exams], ["analyze", "--all"]].map { $0 + ["--library", library] }
    }

    /// Runs every command against the library as it is; each must fail cleanly with `expected`
    /// in what it says (and the library's path), and leave the file's bytes as they were
    /// (`unchanged`: those bytes only, e.g. a damaged page).
    func expectEveryCommandRefuses(_ expected: [String], _ note: String, unchanged: Range<Int>? = nil) throws {
        func bytes() throws -> Data {
            let all = try Data(contentsOf: URL(fileURLWithPath: library))
            guard let unchanged else { return all }
            return all.count >= unchanged.upperBound ? all.subdata(in: unchanged) : Data()
        }
        let before = try bytes()
        for command in try commands() {
            let result = try run(command)
            #expect(result.status == 1 || result.status == 64, "\(note): \(command.prefix(2)) exited \(result.status)")
            #expect(result.status < 128, "\(note): \(command.prefix(2)) crashed")
            for text in expected + [library] {
                #expect(result.all.contains(text), "\(note): \(command.prefix(2)) does not say \"\(text)\": \(result.all)")
            }
            #expect(!result.all.contains("rows checked: OK"))
            #expect(try bytes() == before, "\(note): \(command.prefix(2)) changed the file")
        }
    }

    // MARK: - Damaged library files

    @Test func aZeroByteLibraryIsAnErrorForEveryCommandNotANewLibrary() throws {
        defer { cleanUp() }
        _ = FileManager.default.createFile(atPath: library, contents: Data())
        try expectEveryCommandRefuses(["is empty (0 bytes)", "restore it from a backup"], "zero bytes")
        #expect(try FileManager.default.attributesOfItem(atPath: library)[.size] as? Int == 0)
    }

    @Test func aFileThatIsNotSQLiteIsAnErrorForEveryCommand() throws {
        defer { cleanUp() }
        try Data("these are a reader's notes, not a library\n".utf8).write(to: URL(fileURLWithPath: library))
        try expectEveryCommandRefuses(["is not an SQLite file", "restore it from a backup"], "not SQLite")
    }

    /// The image table (which most commands read) and the decisions (which `worklist`, `import`
    /// and `analyze` never touch: opening the library checks every page).
    @Test(arguments: ["image", "read_record"])
    func aPageOfRandomBytesIsCaughtByEveryCommand(table: String) throws {
        defer { cleanUp() }
        try filledLibrary(decisions: table == "read_record" ? 3 : 0)
        // Everything in the main file (no WAL left), then the image table's root page overwritten.
        let (pageSize, page): (Int, Int) = try {
            let queue = try DatabaseQueue(path: library)
            return try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                let size = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
                let root = try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [table]) ?? 0
                return (size, root)
            }
        }()
        #expect(page > 1)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: library))
        try handle.seek(toOffset: UInt64((page - 1) * pageSize))
        var generator = SystemRandomNumberGenerator()
        try handle.write(contentsOf: Data((0..<pageSize).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        try handle.close()
        // SQLite may write elsewhere on opening (GRDB creates and drops a table when the WAL is
        // empty); the damaged page itself stays as it is for whoever restores or inspects it.
        try expectEveryCommandRefuses(["damaged", "restore it from a backup"], "random page",
                                      unchanged: (page - 1) * pageSize..<page * pageSize)
    }

    @Test func aLibraryFromANewerMammotermIsRefusedAndLeftAsItIs() throws {
        defer { cleanUp() }
        try filledLibrary(decisions: 1)
        let queue = try DatabaseQueue(path: library)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
        try expectEveryCommandRefuses(["newer mammoterm", "v99-from-the-future", "use a newer mammoterm"], "newer")
        #expect(try Hardening.count(library, "SELECT count(*) FROM read_record") == 1)
    }

    // MARK: - The chain's anchor

    @Test func deletingTheLastDecisionsIsCaughtByTheAnchorAndExportRefuses() throws {
        defer { cleanUp() }
        #expect(try run(["audit", "append-test", "--library", library, "--count", "5"]).status == 0)
        let anchor = try String(contentsOfFile: library + ".chain", encoding: .utf8)
        #expect(anchor.hasPrefix("mammoterm-chain-anchor 1\nrows 5\nlast-id 5\n"), "\(anchor)")
        let intact = try run(["audit", "verify", "--library", library])
        #expect(intact.status == 0 && intact.stdout.contains("5 rows checked: OK") && intact.stdout.contains("matches"), "\(intact.all)")

        let queue = try DatabaseQueue(path: library)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER read_record_no_delete")
            try db.execute(sql: "DELETE FROM read_record WHERE id >= 4")
        }
        try queue.close()
        let cut = try run(["audit", "verify", "--library", library])
        #expect(cut.status == 1)
        #expect(!cut.stdout.contains("rows checked: OK"), "\(cut.stdout)")
        #expect(Hardening.mentions(cut.stdout, "FAILED: anchor", "cut", "ends at row 3", "records row 5", "the last 2 rows were deleted"), "\(cut.stdout)")
        let json = try run(["audit", "verify", "--library", library, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(json.status == 1 && object["intact"] as? Bool == false && object["firstBadRow"] is NSNull)
        #expect((object["anchor"] as? [String: Any])?["status"] as? String == "cut")

        // export refuses, says why, writes nothing; --force exports, marked.
        let out = work.appendingPathComponent("reads.json").path
        let refused = try run(["export", "reads", "--format", "json", "--out", out, "--library", library])
        #expect(refused.status == 1 && Hardening.mentions(refused.stderr, "not exported", "cut", "--force"), "\(refused.all)")
        #expect(!FileManager.default.fileExists(atPath: out) && !FileManager.default.fileExists(atPath: out + ".chain"))
        let forced = try run(["export", "reads", "--format", "json", "--out", out, "--force", "--library", library])
        #expect(forced.status == 0 && forced.stderr.contains("WARNING"), "\(forced.all)")
        let exported = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        let chain = try #require(exported["chain"] as? [String: Any])
        #expect(chain["verified"] as? Bool == false && (chain["problem"] as? String ?? "").contains("cut") && chain["rows"] as? Int == 3)
        let sidecar = try String(contentsOfFile: out + ".chain", encoding: .utf8)
        #expect(Hardening.mentions(sidecar, "rows 3\n", "last-id 3\n", "verified no\n", "forced yes\n", "export-sha256 "), "\(sidecar)")

        // A decision after the cut does not move the anchor over it (the evidence stays).
        let after = try run(["audit", "append-test", "--library", library, "--count", "1"])
        #expect(after.status == 0 && after.stderr.contains("chain anchor was left as it is"), "\(after.all)")
        let still = try run(["audit", "verify", "--library", library])
        #expect(still.status == 1 && still.stdout.contains("FAILED: anchor"), "\(still.stdout)")
    }

    @Test func aChangedAndRehashedLastRowIsCaughtByTheAnchor() throws {
        defer { cleanUp() }
        #expect(try run(["audit", "append-test", "--library", library, "--reader", "alice", "--count", "3"]).status == 0)
        // Row 3 rewritten with another decision and a hash that fits it: the chain alone is intact.
        let original = try #require(try Database(path: library).reads().last)
        var forged = original
        forged.decision = ReaderDecision(recall: !original.decision.recall, suspicion: 99)
        let json = try ReadRecord.canonicalJSON(forged.decision)
        forged.hash = ChainAnchor.sha256Hex(Data(forged.canonicalContent(decisionJSON: json).utf8))
        let queue = try DatabaseQueue(path: library)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER read_record_no_update")
            try db.execute(sql: "UPDATE read_record SET decision = ?, hash = ? WHERE id = 3", arguments: [json, forged.hash])
        }
        try queue.close()
        #expect(try Database(path: library).verifyAudit().isIntact, "the forged row hashes correctly")
        let verify = try run(["audit", "verify", "--library", library])
        #expect(verify.status == 1)
        #expect(Hardening.mentions(verify.stdout, "FAILED: anchor", "changed", "row 3's hash"), "\(verify.stdout)")
        #expect(try run(["export", "reads", "--library", library]).status == 1)
    }

    @Test func aMissingAnchorIsReportedAndReplacedOnlyWithForce() throws {
        defer { cleanUp() }
        #expect(try run(["audit", "append-test", "--library", library, "--count", "2"]).status == 0)
        try FileManager.default.removeItem(atPath: library + ".chain")
        let missing = try run(["audit", "verify", "--library", library])
        #expect(missing.status == 1 && Hardening.mentions(missing.stdout, "missing", "2 decisions but no chain anchor", "audit anchor --force"), "\(missing.stdout)")
        let plain = try run(["audit", "anchor", "--library", library])
        #expect(plain.status == 1 && plain.stderr.contains("--force"), "\(plain.all)")
        #expect(!FileManager.default.fileExists(atPath: library + ".chain"))
        let forced = try run(["audit", "anchor", "--force", "--library", library])
        #expect(forced.status == 0 && forced.stdout.contains("Anchored 2 rows at row 2"), "\(forced.all)")
        let verify = try run(["audit", "verify", "--library", library])
        #expect(verify.status == 0 && verify.stdout.contains("2 rows checked: OK"), "\(verify.stdout)")
    }

    @Test func anAnchorLeftOneCommitBehindIsNotTamperingAndMovesOn() throws {
        defer { cleanUp() }
        #expect(try run(["audit", "append-test", "--library", library, "--count", "2"]).status == 0)
        let older = try Data(contentsOf: URL(fileURLWithPath: library + ".chain"))
        #expect(try run(["audit", "append-test", "--library", library, "--count", "1"]).status == 0)
        // As if the process was killed between its commit and the anchor update.
        try older.write(to: URL(fileURLWithPath: library + ".chain"))
        let behind = try run(["audit", "verify", "--library", library])
        #expect(behind.status == 0 && behind.stdout.contains("3 rows checked: OK") && behind.stdout.contains("behind"), "\(behind.stdout)")
        #expect(try run(["audit", "anchor", "--library", library]).status == 0)
        let moved = try run(["audit", "verify", "--library", library])
        #expect(moved.status == 0 && moved.stdout.contains("row 3, 3 rows: matches"), "\(moved.stdout)")
    }

    @Test func anExportsSidecarChecksACopyOfTheLibraryLater() throws {
        defer { cleanUp() }
        #expect(try run(["audit", "append-test", "--library", library, "--count", "4"]).status == 0)
        let out = work.appendingPathComponent("reads.csv").path
        let exported = try run(["export", "reads", "--out", out, "--library", library])
        #expect(exported.status == 0, "\(exported.all)")
        let sidecar = try String(contentsOfFile: out + ".chain", encoding: .utf8)
        #expect(Hardening.mentions(sidecar, "rows 4\n", "last-id 4\n", "verified yes\n", "forced no\n"), "\(sidecar)")
        // A copy without its .chain, later cut short: the export's sidecar still shows it.
        let copy = work.appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: library, toPath: copy)
        let queue = try DatabaseQueue(path: copy)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER read_record_no_delete")
            try db.execute(sql: "DELETE FROM read_record WHERE id = 4")
        }
        try queue.close()
        let checked = try run(["audit", "verify", "--library", copy, "--anchor", out + ".chain"])
        #expect(checked.status == 1 && Hardening.mentions(checked.stdout, "cut", "the last row was deleted"), "\(checked.stdout)")
        let original = try run(["audit", "verify", "--library", library, "--anchor", out + ".chain"])
        #expect(original.status == 0, "\(original.stdout)")
    }

    // MARK: - Exit codes

    @Test func batchCommandsExitNonZeroWithASummaryWhenARecordCannotBeRead() throws {
        defer { cleanUp() }
        #expect(try run(["audit", "append-test", "--library", library, "--count", "3"]).status == 0)
        // The last row's decision made unreadable, rehashed and re-anchored: the audit passes,
        // reading it back does not.
        let last = try #require(try Database(path: library).reads().last)
        let broken = #"{"not":"a decision"}"#
        let hash = ChainAnchor.sha256Hex(Data(last.canonicalContent(decisionJSON: broken).utf8))
        let queue = try DatabaseQueue(path: library)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER read_record_no_update")
            try db.execute(sql: "UPDATE read_record SET decision = ?, hash = ? WHERE id = 3", arguments: [broken, hash])
        }
        try queue.close()
        #expect(try run(["audit", "anchor", "--force", "--library", library]).status == 0)
        #expect(try run(["audit", "verify", "--library", library]).status == 0)
        for command in [["export", "reads"], ["export", "reads", "--format", "json"], ["export", "truth-joined"], ["report", "--json"]] {
            let result = try run(command + ["--library", library])
            #expect(result.status == 1, "\(command) exited \(result.status)")
            #expect(Hardening.mentions(result.stderr, "read record 3 cannot be read", "1 could not be read"), "\(command): \(result.stderr)")
        }
        // The CSV keeps the latest readable record of the reader's study: record 2.
        let reads = try run(["export", "reads", "--library", library])
        let lines = reads.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines.last?.hasPrefix("2,") == true, "the header and record 2: \(reads.stdout)")
        let json = try run(["export", "reads", "--format", "json", "--library", library])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["reads"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [1, 2])
    }

    // MARK: - Full and read-only disks (root: a tmpfs of our own)

    @Test(.enabled(if: ScratchMount.available)) func aFullDiskRefusesADecisionBeforeWritingAndLosesNothing() throws {
        defer { cleanUp() }
        let mount = try #require(ScratchMount(megabytes: 4), "mount -t tmpfs failed")
        let library = mount.url.appendingPathComponent("library.sqlite").path
        #expect(try run(["audit", "append-test", "--library", library, "--count", "2"]).status == 0)
        try mount.fill()
        let refused = try run(["audit", "append-test", "--library", library, "--count", "1"])
        #expect(refused.status == 1)
        #expect(Hardening.mentions(refused.stderr, library, "decisions cannot be recorded", "the disk is full"), "\(refused.all)")
        #expect(!refused.stdout.contains("appended"))
        let verifyFull = try run(["audit", "verify", "--library", library])
        #expect(verifyFull.status == 0 && verifyFull.stdout.contains("2 rows checked: OK"), "\(verifyFull.all)")
        mount.free()
        #expect(try run(["audit", "append-test", "--library", library, "--count", "1"]).stdout.contains("appended 3"))
        #expect(try run(["audit", "verify", "--library", library]).stdout.contains("3 rows checked: OK"))
        #expect(try Hardening.integrityCheck(library) == ["ok"])
    }

    @Test(.enabled(if: ScratchMount.available)) func aReadOnlyLibraryRefusesDecisionsButCanBeVerifiedAndExported() throws {
        defer { cleanUp() }
        let mount = try #require(ScratchMount(megabytes: 4), "mount -t tmpfs failed")
        let library = mount.url.appendingPathComponent("library.sqlite").path
        #expect(try run(["audit", "append-test", "--library", library, "--count", "2"]).status == 0)
        try mount.setReadOnly(true)
        let refused = try run(["audit", "append-test", "--library", library, "--count", "1"])
        #expect(refused.status == 1)
        #expect(Hardening.mentions(refused.stderr, library, "decisions cannot be recorded", "read-only file system"), "\(refused.all)")
        let verify = try run(["audit", "verify", "--library", library])
        #expect(verify.status == 0 && verify.stdout.contains("2 rows checked: OK"), "\(verify.all)")
        let out = work.appendingPathComponent("reads.csv").path
        let exported = try run(["export", "reads", "--out", out, "--library", library])
        #expect(exported.status == 0, "\(exported.all)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count == 2, "the header and the latest record")
        try mount.setReadOnly(false)
        #expect(try run(["audit", "verify", "--library", library]).stdout.contains("2 rows checked: OK"))
    }
}
