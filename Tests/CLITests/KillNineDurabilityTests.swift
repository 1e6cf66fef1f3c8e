// Durability, proven with SIGKILL (it cannot be caught): the workstation killed right after a
// decision is submitted, `import` of 500 files killed in the middle, `analyze --all` killed
// during its run, and the workstation killed during an annotation edit. Afterwards every
// submitted decision and mark is there, `audit verify` passes, the import and the analysis
// resume where they stopped without duplicates, and SQLite's integrity_check passes.
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
import TerminalTestSupport
#endif

@Suite(.serialized) struct KillNineDurabilityTests {
    let work: URL
    let library: String
    static let samples = TerminalTools.repositoryRoot.appendingPathComponent("samples").path
    static var tmuxRunnable: Bool { TerminalTools.runnable(TerminalTools.tmuxTools) }

    init() throws {
        work = try TerminalTools.scratchFolder("kill9")
        library = work.appendingPathComponent("library.sqlite").path
    }

    func cleanUp() { try? FileManager.default.removeItem(at: work) }

    func run(_ arguments: [String]) throws -> Hardening.Output { try Hardening.run(arguments, in: work) }

    func importSamples() throws {
        let imported = try run(["import", Self.samples, "--library", library])
        try #require(imported.status == 0, "\(imported.all)")
    }

    /// What must hold after any of the kills: the audit passes and SQLite finds nothing wrong.
    func expectSoundLibrary(decisions: Int) throws {
        let verify = try run(["audit", "verify", "--library", library])
        #expect(verify.status == 0, "\(verify.all)")
        #expect(verify.stdout.contains("\(decisions) rows checked: OK"), "\(verify.stdout)")
        #expect(try Hardening.integrityCheck(library) == ["ok"])
    }

    /// SIGKILLs the mammoterm running in `tmux`; its shell then records 137 (128 + 9).
    func killMammoterm(in tmux: TmuxSession) throws {
        let pid = try #require(try Hardening.mammotermPID(in: tmux), "no mammoterm under the tmux pane")
        #expect(kill(pid, SIGKILL) == 0)
        #expect(TerminalTools.poll(timeout: 30) { tmux.exitStatus != nil }, "the killed process's shell did not go on")
        #expect(tmux.exitStatus == 137)
    }

    // (a)
    @Test(.enabled(if: tmuxRunnable)) func theWorkstationKilledRightAfterADecisionKeepsIt() throws {
        defer { cleanUp() }
        try importSamples()
        let tmux = try TmuxSession(columns: 160, rows: 50, extra: ["XDG_CONFIG_HOME": work.path],
                                    command: [try TerminalTools.mammoterm(), "--library", library, "--graphics", "braille"])
        defer { tmux.close() }
        try #require(try tmux.waitForLine(containing: "Worklist — 13 studies") != nil, "no worklist")
        try tmux.send(["Enter"])
        try #require(try tmux.waitForLine(containing: "Window   C ") != nil, "the study did not open")
        try tmux.send(["d"])
        try #require(try tmux.waitForLine(containing: "Decision · ") != nil, "no decision form: \(Hardening.screen(tmux))")
        // BI-RADS 1 both sides, suspicion 5 (nothing is filled in for the reader).
        try tmux.send(["1", "1", "5", "Enter"])
        try tmux.send(["y"])
        try #require(try tmux.waitForLine(containing: "Decision recorded") != nil, "not recorded: \(Hardening.screen(tmux))")
        try killMammoterm(in: tmux)
        #expect(try Hardening.count(library, "SELECT count(*) FROM read_record") == 1)
        try expectSoundLibrary(decisions: 1)
        let anchor = try String(contentsOfFile: library + ".chain", encoding: .utf8)
        #expect(anchor.contains("rows 1\n") && anchor.contains("last-id 1\n"), "\(anchor)")
    }

    // (b)
    @Test func anImportOf500FilesKilledInTheMiddleResumesWithoutDuplicates() throws {
        defer { cleanUp() }
        let input = work.appendingPathComponent("in")
        for n in 1...125 {
            _ = try TinyDICOM.exam(in: input.appendingPathComponent(String(format: "p%03d", n)), patient: String(format: "P%03d", n),
                                   study: "1.2.840.99.\(n)", date: "20240105")
        }
        // Killed once a first batch is committed and before the last: the import is quick, so a
        // run that ends before the kill lands is started again on a fresh library.
        var atKill: Int?
        for attempt in 1...8 {
            try? FileManager.default.removeItem(at: work.appendingPathComponent("lib"))
            let child = try Hardening.start(["import", input.path, "--library", library], in: work, label: "import\(attempt)")
            _ = TerminalTools.poll(timeout: 120, interval: 0.002) {
                child.exitStatus != nil || ((try? Hardening.count(library, "SELECT count(*) FROM image")) ?? 0) > 0
            }
            guard child.exitStatus == nil else { continue }
            child.kill()
            #expect(child.wait() == 137)
            let count = try Hardening.count(library, "SELECT count(*) FROM image")
            if count > 0 && count < 500 { atKill = count; break }
        }
        let imported = try #require(atKill, "no import was caught between its first and last batch in 8 tries")
        #expect(try Hardening.integrityCheck(library) == ["ok"])
        let resumed = try run(["import", input.path, "--library", library])
        #expect(resumed.status == 0, "\(resumed.all)")
        #expect(resumed.stdout.contains("Images added: \(500 - imported), updated: 0, unchanged: \(imported)"), "\(resumed.stdout)")
        #expect(try Hardening.count(library, "SELECT count(*) FROM image") == 500)
        #expect(try Hardening.count(library, "SELECT count(DISTINCT sopInstanceUID) FROM image") == 500)
        #expect(try Hardening.count(library, "SELECT count(*) FROM study") == 125)
        #expect(try Hardening.count(library, "SELECT count(*) FROM patient") == 125)
        let again = try run(["import", input.path, "--library", library])
        #expect(again.stdout.contains("Images added: 0, updated: 0, unchanged: 500"), "\(again.stdout)")
        try expectSoundLibrary(decisions: 0)
    }

    // (c)
    @Test func analyzeAllKilledDuringItsRunResumesWhereItStopped() throws {
        defer { cleanUp() }
        try importSamples()
        let child = try Hardening.start(["analyze", "--all", "--samples", "1", "--library", library], in: work, label: "analyze")
        let stored = TerminalTools.poll(timeout: 300, interval: 0.01) {
            child.exitStatus != nil || ((try? Hardening.count(library, "SELECT count(*) FROM ai_analysis")) ?? 0) > 0
        }
        try #require(stored && child.exitStatus == nil, "analyze ended (\(String(describing: child.exitStatus))) before a result was stored")
        child.kill()
        #expect(child.wait() == 137)
        let done = try Hardening.count(library, "SELECT count(*) FROM ai_analysis")
        try #require(done > 0 && done < 13, "\(done) of 13 studies analysed at the kill")
        #expect(try Hardening.integrityCheck(library) == ["ok"])
        let resumed = try run(["analyze", "--all", "--samples", "1", "--library", library])
        #expect(resumed.status == 0, "\(resumed.all)")
        #expect(resumed.stdout.contains("Analysed \(13 - done) studies") && resumed.stdout.contains("\(done) up to date"), "\(resumed.stdout)")
        #expect(try Hardening.count(library, "SELECT count(*) FROM ai_analysis") == 13)
        #expect(try Hardening.count(library, "SELECT count(DISTINCT studyInstanceUID) FROM ai_analysis") == 13)
        try expectSoundLibrary(decisions: 0)
    }

    // (d)
    @Test(.enabled(if: tmuxRunnable)) func theWorkstationKilledDuringAnAnnotationEditKeepsTheSavedMark() throws {
        defer { cleanUp() }
        try importSamples()
        let tmux = try TmuxSession(columns: 160, rows: 50, extra: ["XDG_CONFIG_HOME": work.path],
                                    command: [try TerminalTools.mammoterm(), "annotate", "SYN-0003", "--annotator", "ann1",
                                              "--library", library, "--graphics", "braille"])
        defer { tmux.close() }
        func wait(_ text: String) throws {
            try #require(try tmux.waitForLine(containing: text) != nil, "no \"\(text)\" on: \(Hardening.screen(tmux))")
        }
        try wait("annotating as ann1")
        try tmux.send(["1"])
        try wait(" RCC · annotating")
        // A box: first corner, six steps right and down, opposite corner, labels saved.
        try tmux.send(["Space"])
        try wait("opposite corner")
        try tmux.send(Array(repeating: "Right", count: 6) + Array(repeating: "Down", count: 6))
        try tmux.send(["Space"])
        try wait("Labels")
        try tmux.send(["Enter"])
        try wait("Saved: ")
        // A second box under way (its first corner placed) when the process is killed.
        try tmux.send(["Right", "Right", "Space"])
        try wait("opposite corner")
        try killMammoterm(in: tmux)
        #expect(try Hardening.count(library, "SELECT count(*) FROM annotation") == 1)
        let exported = try run(["export", "annotations", "--format", "json", "--library", library])
        #expect(exported.status == 0, "\(exported.all)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any])
        let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        #expect(text.contains("ann1"), "the saved mark is exported: \(text.prefix(400))")
        try expectSoundLibrary(decisions: 0)
    }
}
