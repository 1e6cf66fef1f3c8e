// Layouts in the built `mammoterm` in tmux (160x50, braille): L changes the layout and the
// choice is kept for the reader (readers.toml beside config.toml), the next start opens in it,
// `--layout` wins over it; p hangs the prior's set under the row with its date in the picture.
import Foundation
import Testing
import TerminalTestSupport

@Suite(.serialized, .enabled(if: EndToEnd.canRun))
struct LayoutEndToEndTests {
    @Test func lChangesTheLayoutPShowsThePriorSetAndTheChoiceIsKept() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("layout-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try WorkstationEndToEndTests.importSamples(into: folder)
        let binary = try #require(EndToEnd.binary)
        let environment = ["XDG_CONFIG_HOME": folder.path, "MAMMOTERM_LIBRARY": ""]
        func start(_ flags: String = "") throws -> TmuxSession {
            try TmuxSession(command: "'\(binary)' --library '\(library)' --graphics braille --reader dr-lee \(flags); sleep 60",
                            width: 160, height: 50, environment: environment)
        }
        func open(_ tmux: TmuxSession) async throws {
            try await tmux.waitFor("Worklist — 13 studies")
            try tmux.send("/")
            try await tmux.waitFor("Search:")
            try tmux.send("0003", literal: true)
            try tmux.send("Enter")
            try await tmux.waitFor("Worklist — 2 of 13 studies")
            try tmux.send("Enter")
        }

        let tmux = try start()
        try await open(tmux)
        try await tmux.waitFor("mammoterm · SYN-0003 · 2025-04-26 · RCC LCC / RMLO LMLO", "Frame ")
        try tmux.send("L")
        var screen = try await tmux.waitFor("mammoterm · SYN-0003 · 2025-04-26 · 1x4 RCC LCC RMLO LMLO", "Layout   1x4 RCC LCC RMLO LMLO")
        try tmux.send("p")
        // The prior's row under the current one, its date on the band between them.
        screen = try await tmux.waitUntil("the prior's row with its date") { screen in
            screen.contains("Prior 2023-04-06 (lower row)") && screen.contains(" Prior 2023-04-06 ")
                && screen.split(separator: "\n").contains { $0.hasPrefix(" ") && $0.contains(" Prior 2023-04-06 ") && !$0.contains("lower row") }
        }
        #expect(screen.contains("Current 2025-04-26 (upper row)"))
        #expect(screen.contains("Layout   1x4 RCC LCC RMLO LMLO vs prior"))
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let caption = try #require(lines.firstIndex { $0.contains(" Prior 2023-04-06 ") && !$0.contains("lower row") })
        let braille = { (rows: ArraySlice<Substring>) in rows.joined().unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }.count }
        #expect(braille(lines[2..<caption]) > 200, "the current row above the caption")
        #expect(braille(lines[(caption + 1)...]) > 200, "the prior row under it")
        try tmux.send("q")
        try await tmux.waitFor("Worklist — 2 of 13 studies")
        try tmux.send("q")
        try await tmux.waitUntil("the workstation to quit") { !$0.contains("Worklist") }

        // Kept for dr-lee: the next start opens the study in the 1x4.
        let kept = try String(contentsOf: folder.appendingPathComponent("mammoterm/readers.toml"), encoding: .utf8)
        #expect(kept.contains("dr-lee") && kept.contains("1x4"), "\(kept)")
        let again = try start()
        try await open(again)
        try await again.waitFor("mammoterm · SYN-0003 · 2025-04-26 · 1x4 RCC LCC RMLO LMLO", "Frame ")
        // --layout wins over what was kept.
        let flagged = try start("--layout mlo")
        try await open(flagged)
        try await flagged.waitFor("mammoterm · SYN-0003 · 2025-04-26 · MLO pair RMLO LMLO", "Frame ")
    }
}
