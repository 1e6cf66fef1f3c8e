// A two-arm crossover reader study end to end in tmux, on a shared PostgreSQL library (a real
// server, ArchiveTestSupport/PostgresServer): the coordinator copies the samples' library to the
// server, adds four readers and creates the study (unaided vs concurrent, 3 cases, a 3 s
// washout); each reader, signed in as their own role, runs `mammoterm read --study` in a loop and
// decides every case the keyboard way; between arms the washout is shown and the second arm opens
// only after it; then `study status` and `study report` (MRMC) in the terminal.
import ArchiveTestSupport
import Foundation
import MammoCore
import Store
import Testing
import TerminalTestSupport

@Suite(.serialized, .enabled(if: EndToEnd.canRun))
struct ReaderStudyEndToEndTests {
    /// The cases: patient, exam date as the title shows it, cancer.
    static let cases = [("SYN-0003", "2025-04-26", true), ("SYN-0001", "2025-05-06", false), ("SYN-0002", "2025-10-06", false)]
    static let readers = ["ana", "ben", "cleo", "dev"]

    /// The suspicion a reader gives a case in an arm: varied so that the readers' AUCs differ.
    static func suspicion(reader: Int, arm: String, patient: String) -> Int {
        switch patient {
        case "SYN-0003": return 60 + 10 * reader
        case "SYN-0001": return 20 + 5 * reader
        default: return reader == 0 && arm == "unaided" ? 90 : 30 + (arm == "concurrent" ? 5 : 0)
        }
    }

    @Test func aCrossoverStudyWithFourReadersRunsInTheTerminal() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ws-study-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = try #require(EndToEnd.binary)
        let server = try PostgresServer.shared()
        let environment = ProcessInfo.processInfo.environment  // with the server's PGPASSFILE
        let local = try WorkstationEndToEndTests.importSamples(into: folder)
        #expect(try TerminalTools.run(binary, ["truth", "import", SampleLibrary.samples + "/ground-truth.json", "--library", local], environment: environment).status == 0)
        let shared = try server.makeLibrary()
        #expect(try TerminalTools.run(binary, ["library", "copy", local, shared], environment: environment).status == 0)
        let admin = try Database.open(shared)
        for reader in Self.readers {
            let password = "\(reader)-\(UUID().uuidString)"
            try admin.addReader(reader, password: password)
            try server.addPassword(user: reader, password: password)
        }
        let worklist = try admin.worklist()
        let uids = try Self.cases.map { patient, date, _ in
            try #require(worklist.first { $0.patientID == patient && $0.studyDate == date.replacingOccurrences(of: "-", with: "") }?.studyInstanceUID)
        }
        try uids.joined(separator: "\n").write(to: folder.appendingPathComponent("cases.txt"), atomically: true, encoding: .utf8)

        // The coordinator, in a terminal.
        let coordinator = try TmuxSession(command: "'\(binary)' study create pilot --cases '\(folder.path)/cases.txt' --readers \(Self.readers.joined(separator: ",")) --arms unaided,concurrent --washout 3s --seed 42 --library '\(shared)'; sleep 60",
                                          width: 120, height: 20, environment: ["PGPASSFILE": server.passwordFile])
        let created = try await coordinator.waitFor("reader study pilot: 3 cases × 4 readers × 2 arms, washout 3s, seed 42", "dev: concurrent → unaided")
        #expect(created.contains("ana: unaided → concurrent") && created.contains("ben: concurrent → unaided"))
        coordinator.close()

        for (r, reader) in Self.readers.enumerated() {
            let address = shared.replacingOccurrences(of: "study_admin@", with: "\(reader)@")
            let tmux = try TmuxSession(command: "while '\(binary)' read --study pilot --library '\(address)' --graphics braille; do sleep 1; done; sleep 60",
                                      width: 160, height: 50, environment: ["PGPASSFILE": server.passwordFile, "XDG_CONFIG_HOME": folder.path])
            var sawWashout = false
            for decided in 0..<6 {
                let screen = try await tmux.waitUntil("\(reader)'s case \(decided + 1)", timeout: .seconds(60)) { screen in
                    if screen.contains("washout — the") { sawWashout = true }
                    return screen.contains("Frame ") && screen.contains("Reader   \(reader)")
                }
                let title = screen.split(separator: "\n").first.map(String.init) ?? ""
                let (patient, _, cancer) = try #require(Self.cases.first { title.contains("\($0.0) · \($0.1)") }, "case on screen: \(title)")
                let arm = try #require(["unaided", "concurrent"].first { screen.contains("Protocol \($0) · ") })
                // The first arm's three cases, then (after the washout) the other arm's.
                let expectedFirst = r % 2 == 0 ? "unaided" : "concurrent"
                #expect((arm == expectedFirst) == (decided < 3), "\(reader) case \(decided + 1) under \(arm)")
                let rating = String(Self.suspicion(reader: r, arm: arm, patient: patient))
                try tmux.send("d")
                try await tmux.waitFor("Decision · \(arm) · ")
                try tmux.send((cancer ? ["4", "b", "1"] : ["1", "1"]) + rating.map(String.init) + ["Enter", "y"])
                try await tmux.waitFor("Decision recorded")
                try tmux.send("q")
                try await tmux.waitFor("Worklist")
                try tmux.send("q")
            }
            let done = try await tmux.waitUntil("\(reader) finished") { screen in
                if screen.contains("washout — the") { sawWashout = true }
                return screen.contains("\(reader) has read every case of study pilot")
            }
            #expect(sawWashout, "the washout was shown between arms:\n\(done)")
            tmux.close()
        }

        // The washout held: each reader's second arm opened at least 3 s after their first arm's last decision.
        let reads = try admin.reads()
        #expect(reads.count == 4 * 3 * 2)
        for (r, reader) in Self.readers.enumerated() {
            let first: ReadingProtocol = r % 2 == 0 ? .unaided : .concurrent
            let mine = reads.filter { $0.reader == reader }
            let lastOfFirst = try #require(mine.filter { $0.readingProtocol == first }.map(\.submittedAt.date).max())
            let firstOfSecond = try #require(mine.filter { $0.readingProtocol != first }.map(\.openedAt.date).min())
            #expect(firstOfSecond.timeIntervalSince(lastOfFirst) >= 3, "\(reader): second arm opened during the washout")
        }
        #expect(try admin.verifyAudit().firstBadRow == nil)

        // Status and the MRMC report, in a terminal.
        let report = try TmuxSession(command: "'\(binary)' study status pilot --library '\(shared)'; '\(binary)' study report pilot --library '\(shared)'; sleep 60",
                                     width: 140, height: 70, environment: ["PGPASSFILE": server.passwordFile])
        let shown = try await report.waitFor("4 of 4 reader(s) finished", "random readers, random cases", "The recall call against truth")
        #expect(shown.contains("dev     unaided            3/3   100.0%  done"), "\(shown)")
        report.close()
    }
}
