// The workstation in tmux with its library on a small tmpfs (root: mount): a full disk or a
// read-only library refuses decision entry before the reader types anything, saying why; a
// write that fails at submit time keeps the decision on screen with the error, and it is
// recorded once, not lost and not twice, when the disk has room again.
import Foundation
import Testing
import TerminalTestSupport

@Suite(.serialized, .enabled(if: ScratchMount.available && TerminalTools.runnable(TerminalTools.tmuxTools)))
struct WorkstationWriteRefusalTests {
    static let samples = TerminalTools.repositoryRoot.appendingPathComponent("samples").path

    /// The samples imported into a library on a fresh tmpfs, and the workstation open on it.
    func start(_ mount: ScratchMount, work: URL, command: [String] = []) throws -> (TmuxSession, String) {
        let library = mount.url.appendingPathComponent("library.sqlite").path
        let imported = try Hardening.run(["import", Self.samples, "--library", library], in: work)
        try #require(imported.status == 0, "\(imported.all)")
        let tmux = try TmuxSession(columns: 160, rows: 50, extra: ["XDG_CONFIG_HOME": work.path],
                                    command: [try TerminalTools.mammoterm()] + command + ["--library", library, "--graphics", "braille"])
        try #require(try tmux.waitForLine(containing: "Worklist — 13 studies") != nil, "no worklist")
        return (tmux, library)
    }

    func screen(_ tmux: TmuxSession) -> String { ((try? tmux.lines()) ?? []).joined(separator: "\n") }

    func require(_ tmux: TmuxSession, _ texts: String...) throws {
        let shown = try TerminalTools.poll(timeout: 60) {
            let lines = try tmux.lines().joined(separator: "\n")
            return texts.allSatisfy(lines.contains)
        }
        try #require(shown, "no \(texts) on:\n\(screen(tmux))")
    }

    /// Presses d, then + (zoom): keys are handled in order, so once the zoom shows, d has been
    /// handled; an open form would have taken the + instead. The form must not be open.
    func expectNoForm(_ tmux: TmuxSession, _ note: String) throws {
        try tmux.send(["d", "+"])
        try require(tmux, "1.5×")
        #expect(!screen(tmux).contains("Decision · "), "the decision form opened \(note)")
    }

    @Test func aFullDiskRefusesDecisionEntryBeforeTheReaderTypesAnything() throws {
        let work = try TerminalTools.scratchFolder("wsfull")
        defer { try? FileManager.default.removeItem(at: work) }
        let mount = try #require(ScratchMount(megabytes: 8), "mount -t tmpfs failed")
        let (tmux, library) = try start(mount, work: work)
        defer { tmux.close() }
        try mount.fill()
        try tmux.send(["Enter"])
        try require(tmux, "Window   C ")
        try require(tmux, "Cannot record: the disk is full")
        try expectNoForm(tmux, "on a full disk")
        // Room again: the next d checks afresh and the form opens; the decision is recorded.
        mount.free()
        try tmux.send(["d"])
        try require(tmux, "The library takes decisions again")
        try tmux.send(["d"])
        try require(tmux, "Decision · ")
        // BI-RADS 1 both sides, suspicion 5 (nothing is filled in for the reader).
        try tmux.send(["1", "1", "5", "Enter"])
        try tmux.send(["y"])
        try require(tmux, "Decision recorded")
        #expect(try Hardening.count(library, "SELECT count(*) FROM read_record") == 1)
        tmux.close()
        let verify = try Hardening.run(["audit", "verify", "--library", library], in: work)
        #expect(verify.status == 0 && verify.stdout.contains("1 rows checked: OK"), "\(verify.all)")
    }

    @Test func aReadOnlyLibraryRefusesDecisionEntryAndTheReadCommandRefusesToStart() throws {
        let work = try TerminalTools.scratchFolder("wsro")
        defer { try? FileManager.default.removeItem(at: work) }
        let mount = try #require(ScratchMount(megabytes: 8), "mount -t tmpfs failed")
        let library = mount.url.appendingPathComponent("library.sqlite").path
        try #require(try Hardening.run(["import", Self.samples, "--library", library], in: work).status == 0)
        try mount.setReadOnly(true)
        let tmux = try TmuxSession(columns: 160, rows: 50, extra: ["XDG_CONFIG_HOME": work.path],
                                    command: [try TerminalTools.mammoterm(), "--library", library, "--graphics", "braille"])
        defer { tmux.close() }
        try require(tmux, "Worklist — 13 studies")
        try tmux.send(["Enter"])
        try require(tmux, "Cannot record: the library is on a read-only file system")
        try expectNoForm(tmux, "on a read-only library")
        tmux.close()
        // A reading session records every decision: it refuses to begin at all.
        let session = try TmuxSession(columns: 160, rows: 50, extra: ["XDG_CONFIG_HOME": work.path],
                                       command: [try TerminalTools.mammoterm(), "read", "--protocol", "unaided", "--reader", "r1",
                                                 "--library", library, "--graphics", "braille"])
        defer { session.close() }
        try require(session, "decisions cannot be recorded", "read-only file system")
        #expect(TerminalTools.poll(timeout: 30) { session.exitStatus != nil } && session.exitStatus == 1)
    }

    @Test func aWriteThatFailsAtSubmitKeepsTheDecisionOnScreenAndRecordsItOnceLater() throws {
        let work = try TerminalTools.scratchFolder("wssubmit")
        defer { try? FileManager.default.removeItem(at: work) }
        let mount = try #require(ScratchMount(megabytes: 8), "mount -t tmpfs failed")
        let (tmux, library) = try start(mount, work: work)
        defer { tmux.close() }
        try tmux.send(["Enter"])
        try require(tmux, "Window   C ")
        try tmux.send(["d"])
        try require(tmux, "Decision · ")
        // The reader's entries: BI-RADS 1 both sides, suspicion 42.
        try tmux.send(["1", "1", "4", "2"])
        try require(tmux, "42")
        // The disk fills while the form is open; the submit cannot be written.
        try mount.fill()
        try tmux.send(["Enter"])
        try tmux.send(["y"])
        let kept = try TerminalTools.poll(timeout: 60) {
            let text = try tmux.lines().joined(separator: "\n")
            return (text.contains("NOT recorded: the disk is full") || text.contains("Cannot record: the disk is full")) && text.contains("Decision · ")
        }
        try #require(kept, "the decision and the error are not both on screen:\n\(screen(tmux))")
        #expect(screen(tmux).contains("42"), "the entries are kept")
        #expect(try Hardening.count(library, "SELECT count(*) FROM read_record") == 0)
        // Room again: submitting the same form records it, once. (A submit while the last check
        // still says "full" is refused once more and checks again: then "takes decisions again".)
        mount.free()
        var recorded = false
        for _ in 0..<3 where !recorded {
            try tmux.send(["Enter"])
            try tmux.send(["y"])
            _ = try TerminalTools.poll(timeout: 30) {
                let text = try tmux.lines().joined(separator: "\n")
                return text.contains("Decision recorded") || text.contains("takes decisions again")
            }
            recorded = screen(tmux).contains("Decision recorded")
        }
        #expect(recorded, "not recorded once the disk had room:\n\(screen(tmux))")
        tmux.close()
        #expect(try Hardening.count(library, "SELECT count(*) FROM read_record") == 1)
        let exported = try Hardening.run(["export", "reads", "--library", library], in: work)
        #expect(exported.status == 0 && exported.stdout.contains(",42,"), "\(exported.all)")
        let verify = try Hardening.run(["audit", "verify", "--library", library], in: work)
        #expect(verify.status == 0 && verify.stdout.contains("1 rows checked: OK"), "\(verify.all)")
    }
}
