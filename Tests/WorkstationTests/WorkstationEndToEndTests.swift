// The built `mammoterm` in a real terminal (tmux, 160x50, as over SSH): import the samples,
// start the workstation with no subcommand, move, search, open, change view, zoom, window,
// overlay, help, resize, back and quit, reading the screen after each step; then check the
// terminal was given back as it was. Needs tmux and the binary beside the test bundle (or
// MAMMOTERM_BIN); MAMMOTERM_REQUIRE_TUI_E2E=1 turns their absence into a failure.
import Foundation
import Testing
import TerminalTestSupport

/// Where the built binary is, and whether the end-to-end test can run here.
enum EndToEnd {
    static var binary: String? { TerminalTools.builtProduct("mammoterm", override: "MAMMOTERM_BIN") }

    static var canRun: Bool {
        if ProcessInfo.processInfo.environment["MAMMOTERM_REQUIRE_TUI_E2E"] == "1" { return true }
        return binary != nil && TmuxSession.isAvailable
    }
}

@Suite(.serialized, .enabled(if: EndToEnd.canRun))
struct WorkstationEndToEndTests {

    /// A library of the samples made by the real `mammoterm import`.
    static func importSamples(into folder: URL) throws -> String {
        guard let binary = EndToEnd.binary else { throw TerminalTestError("mammoterm binary not found; build it or set MAMMOTERM_BIN") }
        let library = folder.appendingPathComponent("library.sqlite").path
        let result = try TerminalTools.run(binary, ["import", SampleLibrary.samples, "--library", library],
                                            environment: ProcessInfo.processInfo.environment)
        guard result.status == 0 else { throw TerminalTestError("mammoterm import failed (\(result.status)): \(result.output)") }
        return library
    }

    @Test func readAStudyWithTheKeyboardAlone() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ws-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try Self.importSamples(into: folder)
        let binary = try #require(EndToEnd.binary)
        // After the workstation exits: its status and the tty modes, readable off the screen.
        let command = "'\(binary)' --library '\(library)' --graphics braille; echo \"exit=$?\"; "
            + "stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig|icrnl|opost)$' | tr '\\n' ' '; echo; sleep 60"
        let tmux = try TmuxSession(command: command, width: 160, height: 50,
                                  environment: ["XDG_CONFIG_HOME": folder.path, "MAMMOTERM_LIBRARY": ""])

        var screen = try await tmux.waitFor("Worklist — 13 studies", "not for diagnosis", " SYN-0004 · SYNTH, PATIENT 0004")
        #expect(try tmux.display("#{alternate_on}") == "1")
        try tmux.send("j")
        try await tmux.waitFor(" SYN-0009 · SYNTH, PATIENT 0009")

        try tmux.send("/")
        try await tmux.waitFor("Search:")
        try tmux.send("0003", literal: true)
        try tmux.send("Enter")
        screen = try await tmux.waitFor("Worklist — 2 of 13 studies · search \"0003\"")
        #expect(screen.split(separator: "\n").filter { $0.contains("┃SYN-") }.count == 2)

        try tmux.send("Enter")
        screen = try await tmux.waitFor("mammoterm · SYN-0003 · 2025-04-26 · RCC LCC / RMLO LMLO", "Frame ")
        #expect(screen.contains("Prior    2023-04-06"))
        #expect(screen.unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }.count > 500, "braille picture")

        try tmux.send("1")
        try await tmux.waitFor("Layout   RCC", "SYN-0003 · 2025-04-26 · RCC ")
        try tmux.send("+")
        try await tmux.waitFor("Zoom     1.5×", "zoom 1.5×")
        try tmux.send("w")
        try await tmux.waitFor("adjusted")
        try tmux.send("o")
        try await tmux.waitFor("Overlay  ground truth")
        try tmux.send("?")
        screen = try await tmux.waitFor("Keys — reading", "window width - / +", "next / previous finding")
        try tmux.send("x")
        // The redraw arrives in pieces over the pty: wait for the whole of it, not just the title gone.
        screen = try await tmux.waitUntil("help to close and the view to come back") {
            !$0.contains("Keys — reading") && !$0.contains("any key closes") && $0.contains("Overlay  ground truth")
        }
        #expect(!screen.contains("window width - / +"))

        // A smaller window: everything is laid out again and the picture remade for it.
        try tmux.resize(width: 110, height: 34)
        screen = try await tmux.waitUntil("the layout for 110x34") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count <= 35 && lines.allSatisfy { $0.count <= 110 } && screen.contains("╰")
                && screen.contains("not for diagnosis") && screen.contains("Layout   RCC")
                && screen.unicodeScalars.filter({ (0x2801...0x28FF).contains($0.value) }).count > 200
        }
        #expect(screen.contains("Zoom     1.5×"))
        #expect(screen.contains("Findings"))

        try tmux.send("q")
        screen = try await tmux.waitFor("mammoterm · Worklist", " SYN-0003 · SYNTH, PATIENT 0003")
        // Opened, not decided: not read (the Read column comes from recorded decisions).
        #expect(try #require(screen.line(containing: "┃SYN-0003")).contains("read") == false)
        try tmux.send("q")
        screen = try await tmux.waitFor("exit=0", "icanon")
        #expect(try tmux.display("#{alternate_on}") == "0", "left the alternate screen")
        #expect(try tmux.display("#{cursor_flag}") == "1", "cursor visible")
        #expect(try tmux.display("#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}") == "0000")
        let modes = try #require(screen.split(separator: "\n").first { $0.contains("icanon") })
        #expect(Set(modes.split(separator: " ").map(String.init)) == ["icrnl", "opost", "isig", "icanon", "echo"], "stty: \(modes)")
        #expect(!screen.contains("Worklist —"))
    }

    @Test func withoutATerminalItSaysSoAndFails() throws {
        let binary = try #require(EndToEnd.binary)
        // stdin is /dev/null and stdout a file: no terminal at all.
        let result = try TerminalTools.run(binary, ["--library", "/nonexistent/library.sqlite"],
                                            environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 1)
        #expect(result.output.contains("needs a terminal"))
    }
}
