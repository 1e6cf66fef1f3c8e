// Reader decisions end to end with the built binary: a process killed with SIGKILL right after
// an append loses nothing; four processes appending at once keep every decision in one chain;
// `audit verify` names a tampered row; truth import, report and exports on a small library.
import Foundation
import GRDB
import MammoCore
import Store
import Testing
@testable import mammoterm

@Suite(.serialized) struct ReaderRecordsCLITests {
    let helper = ImportWorklistTests.self
    let work: URL
    let library: String

    init() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("mammoterm-reads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        library = work.appendingPathComponent("library.sqlite").path
    }

    func cleanUp() { try? FileManager.default.removeItem(at: work) }

    /// Starts the binary with stdout to a file; returns the process and that file.
    func start(_ arguments: [String]) throws -> (Process, URL) {
        let out = work.appendingPathComponent("out-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let process = Process()
        process.executableURL = try ImportWorklistTests.binary()
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["MAMMOTERM_LIBRARY"] = nil
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, out)
    }

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let (process, out) = try start(arguments)
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: out), as: UTF8.self))
    }

    @Test func aProcessKilledRightAfterAnAppendLosesNothing() throws {
        defer { cleanUp() }
        let (process, out) = try start(["audit", "append-test", "--library", library, "--count", "3", "--hold", "60"])
        let deadline = Date().addingTimeInterval(60)
        while !String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self).contains("appended 3") {
            #expect(Date() < deadline, "no third append within 60 s")
            if Date() >= deadline || !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let db = try Database(path: library)
        #expect(try db.reads().map(\.id) == [1, 2, 3])
        #expect(try db.verifyAudit() == AuditResult(rowsChecked: 3, firstBadRow: nil))
        let verify = try run(["audit", "verify", "--library", library])
        #expect(verify.status == 0 && verify.stdout.contains("3 rows checked: OK"))
    }

    @Test func fourProcessesAppendingAtOnceRecordEveryDecision() throws {
        defer { cleanUp() }
        _ = try Database(path: library)
        let processes = try (0..<4).map { reader in
            try start(["audit", "append-test", "--library", library, "--reader", "reader\(reader)", "--study", "1.2.\(reader)", "--count", "20"]).0
        }
        for p in processes { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
        let reads = try Database(path: library).reads()
        #expect(reads.count == 80)
        #expect(Dictionary(grouping: reads, by: \.reader).mapValues(\.count) == ["reader0": 20, "reader1": 20, "reader2": 20, "reader3": 20])
        let verify = try run(["audit", "verify", "--library", library])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("80 rows checked: OK"))
    }

    @Test func auditVerifyNamesTheFirstTamperedRow() throws {
        defer { cleanUp() }
        #expect(try run(["audit", "append-test", "--library", library, "--reader", "alice", "--study", "1.2.9", "--count", "5"]).status == 0)
        let queue = try DatabaseQueue(path: library)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER read_record_no_update")
            try db.execute(sql: "UPDATE read_record SET decision = replace(decision, '\"recall\":false', '\"recall\":true') WHERE id = 4")
        }
        let verify = try run(["audit", "verify", "--library", library])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("row 4 (reader alice, study 1.2.9): hash mismatch"), "\(verify.stdout)")
        let json = try run(["audit", "verify", "--library", library, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["intact"] as? Bool == false && object["rowsChecked"] as? Int == 4)
        #expect((object["firstBadRow"] as? [String: Any])?["id"] as? Int == 4)
    }

    @Test func truthImportReportAndExportsOnASmallLibrary() throws {
        defer { cleanUp() }
        let studies = (1...6).map { "1.2.3.\($0)" }
        for (index, study) in studies.enumerated() {
            let folder = try TinyDICOM.exam(in: work.appendingPathComponent("cases/\(index)"), patient: "P00\(index)", study: study, date: "20240105")
            #expect(try run(["import", folder.path, "--library", library]).status == 0)
        }
        let csv = work.appendingPathComponent("truth.csv")
        try Data("studyInstanceUID,cancer,density\n1.2.3.1,1,C\n1.2.3.2,1,C\n1.2.3.3,1,A\n1.2.3.4,0,C\n1.2.3.5,0,A\n1.2.3.6,0,A\n9.9.9,1,B\n".utf8).write(to: csv)
        let truth = try run(["truth", "import", csv.path, "--library", library])
        #expect(truth.status == 1 && truth.stdout.contains("Imported ground truth for 6 of 7 studies (3 cancers)"), "\(truth.stdout)")
        let scores = [0.9, 0.7, 0.8, 0.6, 0.1, 0.3]
        let ai = """
            {"format": "mammoterm-ai-results", "version": 1, "system": "Vendor", "model": "vx", "modelVersion": "1", "threshold": 0.5,
             "studies": [\(zip(studies, scores).map { #"{"studyInstanceUID": "\#($0)", "score": \#($1), "findings": []}"# }.joined(separator: ","))]}
            """
        let aiFile = work.appendingPathComponent("ai.json")
        try Data(ai.utf8).write(to: aiFile)
        #expect(try run(["import-findings", aiFile.path, "--library", library]).status == 0)
        let db = try Database(path: library)
        for (study, row) in zip(studies, ReaderStudyRows.rows) {
            try db.appendRead(ReadRecord(reader: "r1", session: "s", studyInstanceUID: study, readingProtocol: .concurrent, stage: .final,
                                         aiVisibility: .full, aiScore: row.ai, aiModel: "vx 1", openedAt: "2026-01-01T00:00:00Z",
                                         submittedAt: "2026-01-01T00:01:00Z", readingSeconds: row.seconds,
                                         decision: ReaderDecision(recall: row.recall, suspicion: row.suspicion)))
        }
        let report = try run(["report", "--library", library, "--json", "--seed", "5", "--resamples", "100"])
        #expect(report.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let group = try #require((object["groups"] as? [[String: Any]])?.first)
        let all = try #require(group["all"] as? [String: Any])
        #expect(all["cases"] as? Int == 6 && all["cancers"] as? Int == 3)
        let sensitivity = ((all["reader"] as? [String: Any])?["sensitivity"] as? [String: Any])?["estimate"] as? Double
        #expect(sensitivity.map { abs($0 - 2.0 / 3) < 1e-12 } == true)
        #expect(((all["ai"] as? [String: Any])?["auc"] as? [String: Any])?["estimate"] as? Double == 1)
        let text = try run(["report", "--library", library, "--resamples", "50"])
        #expect(text.status == 0 && text.stdout.contains("Decision referral") && text.stdout.contains("density=C"))
        let filtered = try run(["report", "--library", library, "--reader", "nobody", "--json"])
        let none = try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [String: Any]
        #expect((none?["groups"] as? [Any])?.isEmpty == true)
        for (arguments, header) in [(["export", "reads", "--format", "csv"], "id,reader,"), (["export", "reads", "--format", "imrmc"], "mammoterm reader study"),
                                    (["export", "reads", "--format", "json"], "{"), (["export", "truth-joined"], "reader,protocol,stage")] {
            let out = work.appendingPathComponent("export-\(UUID().uuidString)")
            #expect(try run(arguments + ["--library", library, "--out", out.path]).status == 0)
            #expect(String(decoding: try Data(contentsOf: out), as: UTF8.self).hasPrefix(header))
        }
        let imrmc = try run(["export", "reads", "--format", "imrmc", "--library", library])
        #expect(imrmc.stdout.contains("N1: 3") && imrmc.stdout.contains("truth,1.2.3.1,truth,1") && imrmc.stdout.contains("r1,1.2.3.1,concurrent,90"))
    }

    @Test func truthImportReadsSynthGroundTruth() throws {
        defer { cleanUp() }
        let folder = try TinyDICOM.exam(in: work.appendingPathComponent("cases/a"), patient: "P001", study: "1.2.3.1", date: "20240105")
        #expect(try run(["import", folder.path, "--library", library]).status == 0)
        func exam(_ uid: String, cancer: Bool) -> String {
            #"{"patientID": "SYN-1", "studyInstanceUID": "\#(uid)", "studyDate": "20240105", "isPrior": false, "priorStudyInstanceUID": null, "cancer": \#(cancer), "birads": "\#(cancer ? "5" : "1")", "density": "D", "images": [], "lesions": []}"#
        }
        let json = #"{"format": "mammoterm-synth-ground-truth", "version": 1, "seed": 42, "size": "small", "exams": ["# + exam("1.2.3.1", cancer: true) + "," + exam("7.7.7", cancer: false) + "]}"
        let file = work.appendingPathComponent("ground-truth.json")
        try Data(json.utf8).write(to: file)
        let result = try run(["truth", "import", file.path, "--library", library])
        #expect(result.status == 1 && result.stdout.contains("Imported ground truth for 1 of 2 studies (1 cancers)"), "\(result.stdout)")
        let truth = try #require(try Database(path: library).truths()["1.2.3.1"])
        #expect(truth.cancer && truth.birads == .category5 && truth.density == .d && truth.source.contains("seed 42"))
        try Data(#"{"format": "mammoterm-synth-ground-truth", "version": 9, "seed": 1, "size": "small", "exams": []}"#.utf8).write(to: file)
        #expect(try run(["truth", "import", file.path, "--library", library]).status == 1)
    }
}

/// The six hand-worked exams of the Study report tests (Tests/StudyTests/ReaderStudyReportTests.swift).
enum ReaderStudyRows {
    static let rows: [(recall: Bool, suspicion: Int, ai: Double, seconds: Double)] = [
        (true, 90, 0.9, 10), (true, 70, 0.7, 20), (false, 30, 0.8, 30), (true, 60, 0.6, 40), (false, 20, 0.1, 50), (false, 10, 0.3, 60),
    ]
}
