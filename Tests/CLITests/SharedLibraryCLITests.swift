// A study on a shared PostgreSQL library with the built binary, as a coordinator and readers
// would run it: the samples imported into SQLite and `library copy`-ed to the server, readers
// added (passwords on stdin, never on the command line), a two-arm crossover `study create`,
// decisions appended as each reader's own role, `study status` (a reader sees only their own row),
// `study report` and `report --mrmc` equal to `report mrmc --csv` on the same ratings, and the
// library copied back to SQLite with its chain sound and the same analysis.
import ArchiveTestSupport
import Foundation
import Testing
import TerminalTestSupport

@Suite(.serialized) struct SharedLibraryCLITests {
    let work: URL

    init() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    func run(_ arguments: [String], input: String? = nil) throws -> Hardening.Output {
        guard let input else { return try Hardening.run(arguments, in: work) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try TerminalTools.mammoterm())
        process.arguments = arguments
        process.environment = Hardening.environment(work)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile(), err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Hardening.Output(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    func json(_ output: Hardening.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "\(output.all)")
    }

    @Test func aCrossoverStudyRunsOnASharedLibrary() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let server = try PostgresServer.shared()
        let shared = try server.makeLibrary()
        let local = work.appendingPathComponent("site.sqlite").path
        let samples = TerminalTools.repositoryRoot.appendingPathComponent("samples").path
        #expect(try run(["import", samples, "--library", local]).status == 0)
        #expect(try run(["truth", "import", samples + "/ground-truth.json", "--library", local]).status == 0)

        let copied = try run(["library", "copy", local, shared, "--json"])
        #expect(copied.status == 0, "\(copied.all)")
        let rows = try #require(try json(copied)["rows"] as? [String: Int])
        #expect(rows["image"] == 52 && rows["study_truth"] == 13 && rows["study"] == 13)

        // Readers: passwords on stdin; they sign in with ~/.pgpass (here the server's PGPASSFILE).
        var passwords: [String: String] = [:]
        for reader in ["cli_alice", "cli_bob", "cli_carol"] {
            let password = "\(reader)-\(UUID().uuidString)"
            passwords[reader] = password
            let added = try run(["library", "add-reader", reader, "--library", shared], input: password + "\n")
            #expect(added.status == 0 && !added.all.contains(password), "\(added.all)")
            try server.addPassword(user: reader, password: password)
        }
        #expect(try run(["library", "readers", "--library", shared]).stdout.contains("cli_alice\ncli_bob\ncli_carol"))
        let refused = try run(["library", "add-reader", "cli_eve", "--library", shared], input: "")
        #expect(refused.status != 0 && refused.stderr.contains("no password"))

        // Six cases: the samples' ground truth has cancers among them.
        let truth = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: samples + "/ground-truth.json"))) as? [String: Any])
        let studies = try #require(truth["exams"] as? [[String: Any]])
        let cancers = studies.filter { $0["cancer"] as? Bool == true }.compactMap { $0["studyInstanceUID"] as? String }
        let normals = studies.filter { $0["cancer"] as? Bool == false }.compactMap { $0["studyInstanceUID"] as? String }
        let cases = Array(cancers.prefix(3)) + Array(normals.prefix(3))
        try cases.joined(separator: "\n").write(to: work.appendingPathComponent("cases.txt"), atomically: true, encoding: .utf8)
        let created = try run(["study", "create", "pilot", "--cases", work.appendingPathComponent("cases.txt").path, "--readers", "cli_alice,cli_bob,cli_carol",
                               "--arms", "unaided,concurrent", "--washout", "0", "--seed", "11", "--library", shared])
        #expect(created.status == 0, "\(created.all)")
        #expect(created.stdout.contains("cli_alice: unaided → concurrent") && created.stdout.contains("cli_bob: concurrent → unaided"))

        // Each reader's decisions through their own role; the ratings also go to a CSV for report mrmc.
        var csv = "reader,modality,case,truth,rating\n"
        for (r, reader) in ["cli_alice", "cli_bob", "cli_carol"].enumerated() {
            let address = shared.replacingOccurrences(of: "study_admin@", with: "\(reader)@")
            for (a, arm) in ["unaided", "concurrent"].enumerated() {
                for (c, uid) in cases.enumerated() {
                    let cancer = cancers.contains(uid)
                    let rating = (cancer ? 55 : 25) + (c * 7 + r * 13 + a * 5) % 40
                    let appended = try run(["audit", "append-test", "--library", address, "--reader", reader, "--study", uid,
                                            "--protocol", arm, "--suspicion", String(rating)])
                    #expect(appended.status == 0, "\(appended.all)")
                    csv += "\(reader),\(arm),\(uid),\(cancer ? 1 : 0),\(rating)\n"
                }
            }
        }
        // The database holds a reader to their own rows: alice cannot write as bob.
        let forged = try run(["audit", "append-test", "--library", shared.replacingOccurrences(of: "study_admin@", with: "cli_alice@"),
                              "--reader", "cli_bob", "--study", cases[0]])
        #expect(forged.status != 0 && forged.stderr.contains("row-level security"), "\(forged.all)")

        let status = try json(try run(["study", "status", "pilot", "--json", "--library", shared]))
        let progress = try #require(status["readers"] as? [[String: Any]])
        #expect(progress.count == 3 && progress.allSatisfy { (($0["next"] as? [String: Any])?["kind"] as? String) == "finished" })
        let own = try json(try run(["study", "status", "--json", "--library", shared.replacingOccurrences(of: "study_admin@", with: "cli_bob@")]))
        #expect((own["readers"] as? [[String: Any]])?.compactMap { $0["reader"] as? String } == ["cli_bob"])
        let asReader = try run(["study", "report", "pilot", "--library", shared.replacingOccurrences(of: "study_admin@", with: "cli_bob@")])
        #expect(asReader.status != 0 && asReader.stderr.contains("not allowed"), "a reader never sees the truth: \(asReader.all)")

        let ratingsFile = work.appendingPathComponent("ratings.csv")
        try csv.write(to: ratingsFile, atomically: true, encoding: .utf8)
        let expected = try json(try run(["report", "mrmc", "--csv", ratingsFile.path, "--json"]))
        let report = try json(try run(["study", "report", "pilot", "--json", "--library", shared]))
        let library = try json(try run(["report", "--mrmc", "--json", "--library", shared]))
        for key in ["rrrc", "frrc", "rrfc"] {
            let want = try #require(expected[key] as? [String: Any])
            for got in [report, library] {
                let have = try #require(got[key] as? [String: Any])
                for field in ["difference", "stdErr", "p"] {
                    #expect(abs((have[field] as? Double ?? .nan) - (want[field] as? Double ?? .nan)) < 1e-12, "\(key).\(field)")
                }
            }
        }
        #expect(report["modalities"] as? [String] == ["unaided", "concurrent"])
        let recall = try #require(report["recall"] as? [[String: Any]])
        #expect(recall.count == 2 + 6 && recall.allSatisfy { $0["sensitivity"] is Double })

        // Back to SQLite: the chain is sound and the analysis the same.
        let back = work.appendingPathComponent("back.sqlite").path
        let returned = try run(["library", "copy", shared, back])
        #expect(returned.status == 0 && returned.stdout.contains("audit verify: sound, 36 decisions"), "\(returned.all)")
        let audit = try run(["audit", "verify", "--library", back])
        #expect(audit.status == 0 && audit.stdout.contains("36 rows checked: OK"), "\(audit.all)")
        let again = try json(try run(["study", "report", "pilot", "--json", "--library", back]))
        #expect(((again["rrrc"] as? [String: Any])?["p"] as? Double) == ((report["rrrc"] as? [String: Any])?["p"] as? Double))
        // The administrator's audit on the server: the chain and the server's chain head.
        let serverAudit = try run(["audit", "verify", "--library", shared])
        #expect(serverAudit.status == 0 && serverAudit.stdout.contains("36 rows checked: OK")
                && serverAudit.stdout.contains("matches the server's chain head"), "\(serverAudit.all)")
        // A site may also import straight into a shared library: the same worklist as SQLite's.
        let direct = try server.makeLibrary()
        #expect(try run(["import", samples, "--library", direct]).status == 0)
        #expect(try run(["worklist", "--json", "--library", direct]).stdout == run(["worklist", "--json", "--library", local]).stdout)
        // A second copy into a library that holds data is refused.
        let twice = try run(["library", "copy", local, shared])
        #expect(twice.status != 0 && twice.stderr.contains("already holds rows"), "\(twice.all)")
    }

    /// Who reads: config.toml's `reader_flag = false` refuses another `--reader` on a SQLite
    /// library, and a shared library reads as its role whatever `--reader` says.
    @Test func theReaderIsWhoTheConfigOrTheRoleSays() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let local = work.appendingPathComponent("site.sqlite").path
        let samples = TerminalTools.repositoryRoot.appendingPathComponent("samples").path
        #expect(try run(["import", samples, "--library", local]).status == 0)
        #expect(try run(["study", "create", "s", "--filter", "all", "--readers", "ana,bob", "--arms", "unaided,concurrent",
                         "--seed", "1", "--library", local]).status == 0)
        let config = work.appendingPathComponent("config.toml")
        try "reader = \"ana\"\nreader_flag = false\n".write(to: config, atomically: true, encoding: .utf8)
        let refused = try run(["read", "--study", "s", "--reader", "bob", "--config", config.path, "--library", local])
        #expect(refused.status == 1 && refused.stderr.contains("reader_flag = false"), "\(refused.all)")

        let server = try PostgresServer.shared()
        let shared = try server.makeLibrary()
        #expect(try run(["library", "copy", local, shared]).status == 0)
        let password = "cli-dana-\(UUID().uuidString)"
        #expect(try run(["library", "add-reader", "cli_dana", "--library", shared], input: password + "\n").status == 0)
        try server.addPassword(user: "cli_dana", password: password)
        let asRole = try run(["read", "--study", "s", "--reader", "ana", "--library", shared.replacingOccurrences(of: "study_admin@", with: "cli_dana@")])
        #expect(asRole.status == 1 && asRole.stderr.contains("the reader is the PostgreSQL role cli_dana"), "\(asRole.all)")
    }
}
