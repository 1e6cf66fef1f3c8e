// The ncurses backend in a real terminal: TUIDemo (a worklist table) run inside tmux, driven by
// keys, read back as text and colours, resized, and checked to leave the terminal as it found
// it after quitting, Ctrl-C and fatal signals. Needs tmux and the TUIDemo binary built beside
// the test bundle (or TUI_DEMO_BIN); MAMMOTERM_REQUIRE_TUI_E2E=1 makes their absence a failure.
import Foundation
import MammoCore
import Testing
@testable import TUI
import TerminalTestSupport

/// Where the demo is and whether these tests can run (outside the suite: its attribute needs it).
enum TUIDemoBinary {
    static var path: String? { TerminalTools.builtProduct("TUIDemo", override: "TUI_DEMO_BIN") }

    static var canRun: Bool {
        if ProcessInfo.processInfo.environment["MAMMOTERM_REQUIRE_TUI_E2E"] == "1" { return true }
        return path != nil && TmuxSession.isAvailable
    }
}

@Suite(.serialized, .enabled(if: TUIDemoBinary.canRun))
struct TmuxEndToEndTests {
    /// The demo, then (in the same pane, after it exits) its exit status and the terminal
    /// modes a restored tty must have, so they can be read off the screen.
    static func session(rows: Int = 100_000, width: Int = 100, height: Int = 30, pidFile: String? = nil,
                        arguments: String = "", term: String = "tmux-256color") throws -> TmuxSession {
        guard let binary = TUIDemoBinary.path else { throw TerminalTestError("TUIDemo binary not found; build it or set TUI_DEMO_BIN") }
        // TERM set on the command: tmux gives the pane its own default-terminal otherwise.
        let command = "TERM=\(term) '\(binary)' --rows \(rows) \(arguments); echo \"exit=$?\"; "
            + "stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig|icrnl|opost)$' | tr '\\n' ' '; echo; sleep 30"
        return try TmuxSession(command: command, width: width, height: height,
                               environment: pidFile.map { ["TUI_DEMO_PIDFILE": $0] } ?? [:])
    }

    /// After the demo exited: back on the normal screen, cursor shown, no mouse or keypad
    /// modes left on, and the tty line discipline back to cooked mode with echo.
    func expectTerminalRestored(_ tmux: TmuxSession, exitStatus: Int) async throws {
        let screen = try await tmux.waitFor(pattern: "exit=\(exitStatus)\n.*icanon")
        #expect(try tmux.display("#{alternate_on}") == "0", "left the alternate screen")
        #expect(try tmux.display("#{cursor_flag}") == "1", "cursor visible")
        #expect(try tmux.display("#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}") == "0000", "mouse reporting off")
        #expect(try tmux.display("#{keypad_cursor_flag}#{keypad_flag}") == "00", "keypad modes off")
        let modes = try #require(screen.split(separator: "\n").first { $0.contains("icanon") })
        #expect(Set(modes.split(separator: " ").map(String.init)) == ["icrnl", "opost", "isig", "icanon", "echo"], "stty: \(modes)")
        // Nothing of the table is left on the normal screen.
        #expect(!screen.contains("Worklist"))
    }

    @Test func tableReactsToKeys() async throws {
        let tmux = try Self.session()
        try await tmux.waitFor(pattern: "Worklist \\(100000 exams\\)")
        try tmux.send("j", "j", "j")
        try await tmux.waitFor(pattern: "Patient +MT-000004")
        // The selected row is drawn reversed.
        let coloured = try tmux.capture(escapes: true)
        let selected = try #require(coloured.split(separator: "\n").first { $0.contains("     4 MT-000004") })
        #expect(selected.contains("\u{1B}[7m     4 MT-000004"))

        // The last of 100k rows, then back to the first.
        try tmux.send("G")
        var screen = try await tmux.waitFor(pattern: "100000 MT-100000")
        #expect(screen.contains("Patient   MT-100000"))
        try tmux.send("g")
        try await tmux.waitFor(pattern: "Patient   MT-000001")

        // Sort by the first column (#) descending: the indicator shows in the header, the
        // selected exam stays selected (now at the end), and the top is the highest number.
        try tmux.send(">", "r")
        screen = try await tmux.waitFor(pattern: "Sorted by # descending")
        #expect(screen.contains("# ▼"))
        #expect(screen.contains("     1 MT-000001"))
        try tmux.send("g")
        screen = try await tmux.waitFor(pattern: "Patient   MT-100000")
        #expect(screen.split(separator: "\n")[2].contains("100000 MT-100000"))

        // Filter with the text field (Ctrl-U clears what is typed), then open an exam: the
        // status changes when the slow work comes back.
        try tmux.send("/")
        try tmux.send("99x", literal: true)
        try tmux.send("C-u")
        try tmux.send("099999", literal: true)
        try await tmux.waitFor(pattern: "Filter: 099999")
        try tmux.send("Enter")
        screen = try await tmux.waitFor(pattern: "Worklist \\(1 exams\\)")
        #expect(screen.contains("99999 MT-099999"))
        try tmux.send("Enter")
        try await tmux.waitFor(pattern: "Opened MT-099999")

        // Help overlay opens and closes.
        try tmux.send("?")
        try await tmux.waitFor(pattern: "═ Keys ═")
        try tmux.send("Escape")
        // The redraw comes in pieces: wait for the status line back, not just the title gone.
        screen = try await tmux.waitUntil("the help to close") {
            !$0.contains("═ Keys ═") && $0.contains("Opened MT-099999")
        }

        // Quit through the dialog.
        try tmux.send("q")
        try await tmux.waitFor(pattern: "Leave the demo\\?")
        try tmux.send("y")
        try await expectTerminalRestored(tmux, exitStatus: 0)
    }

    @Test func coloursAndWideCharactersReachTheTerminal() async throws {
        let tmux = try Self.session(rows: 10, arguments: "--picture braille")
        try await tmux.waitFor(pattern: "Worklist")
        let coloured = try tmux.capture(escapes: true)
        // tmux-256color has no direct colour: 24-bit colours arrive as their nearest of 256.
        let swatch = XtermPalette.nearestSlot(to: RGBColor(r: 40, g: 200, b: 40))  // score 0.00
        #expect(coloured.contains("48;5;\(swatch)m"), "swatch background slot \(swatch)")
        #expect(coloured.contains("38;5;231m"), "white text on the swatch")
        #expect(coloured.contains("\u{1B}[1;4m") || coloured.contains("\u{1B}[4;1m"), "bold underlined header")
        let text = try tmux.capture()
        // Wide characters take two columns: the panel border after them stays in line.
        let wideLine = try #require(text.split(separator: "\n").first { $0.contains("日本語") })
        let borderLine = try #require(text.split(separator: "\n").first { $0.contains("Patient   MT-000001") })
        #expect(String(wideLine).terminalWidth == String(borderLine).terminalWidth)
        #expect(wideLine.hasSuffix("│") && borderLine.hasSuffix("│"))
        // A braille picture arrives as cells: dots, and grey tones as colours.
        let brailleRows = text.split(separator: "\n").filter { $0.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } }
        #expect(brailleRows.count >= 10)
        let ramp = try NSRegularExpression(pattern: "[34]8;5;2(3[2-9]|4[0-9]|5[0-5])m")
        #expect(ramp.numberOfMatches(in: coloured, range: NSRange(coloured.startIndex..., in: coloured)) > 10,
                "grey-ramp colours (232–255) carry the tone")
        try tmux.send("C-c")
        try await expectTerminalRestored(tmux, exitStatus: 0)
    }

    /// With a direct-colour terminfo (Debian's ncurses-term has xterm-direct), colours go out
    /// as exact 24-bit values instead of palette slots.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/terminfo/x/xterm-direct")
                   || FileManager.default.fileExists(atPath: "/lib/terminfo/x/xterm-direct")))
    func directColourWhereTerminfoHasIt() async throws {
        let tmux = try Self.session(rows: 10, term: "xterm-direct")
        try await tmux.waitFor(pattern: "Worklist")
        let coloured = try tmux.capture(escapes: true)
        #expect(coloured.contains("48;2;40;200;40m"), "the swatch's exact background")
        #expect(coloured.contains("38;2;255;255;255m"))
        #expect(!coloured.contains("48;5;"))
        try tmux.send("C-c")
        try await expectTerminalRestored(tmux, exitStatus: 0)
    }

    @Test func redrawsAfterTheWindowIsResized() async throws {
        let tmux = try Self.session(width: 100, height: 30)
        try await tmux.waitFor(pattern: "Worklist")
        for _ in 0..<20 { try tmux.send("j") }
        try await tmux.waitFor(pattern: "Patient   MT-000021")
        try tmux.resize(width: 72, height: 16)
        let screen = try await tmux.waitFor(pattern: "^┏ Worklist.*┓╭ Details ─*╮\\n(.*\\n){14}.*\\? help", timeout: .seconds(10))
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.prefix(16).allSatisfy { $0.terminalWidth <= 72 })
        #expect(lines[14].hasPrefix("┗") && lines[14].hasSuffix("╯"))
        #expect(lines[15].contains("? help"))
        // The selection is still on screen, and the layout follows the new width.
        #expect(screen.contains("    21 MT-000021"))
        #expect(lines[0].terminalWidth == 72)
        // Growing back works as well, and keys still go to the table.
        try tmux.resize(width: 110, height: 34)
        let grown = try await tmux.waitUntil("a 110-column frame") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 34 && String(lines[0]).terminalWidth == 110 && lines[33].contains("? help")
        }
        #expect(grown.contains("    21 MT-000021"))
        try tmux.send("j")
        try await tmux.waitFor(pattern: "Patient   MT-000022")
        try tmux.send("q", "y")
        try await expectTerminalRestored(tmux, exitStatus: 0)
    }

    @Test(arguments: [("TERM", 15), ("INT", 2), ("HUP", 1), ("SEGV", 11)])
    func restoresTheTerminalWhenKilled(signal: String, number: Int) async throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("tui-demo-\(UUID().uuidString).pid").path
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let tmux = try Self.session(rows: 100, pidFile: pidFile)
        try await tmux.waitFor(pattern: "Worklist")
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        let kill = Process()
        kill.executableURL = URL(fileURLWithPath: "/bin/kill")
        kill.arguments = ["-\(signal)", String(pid)]
        try kill.run()
        kill.waitUntilExit()
        // The shell reports death by signal N as 128 + N: the signal was re-raised, not eaten.
        try await expectTerminalRestored(tmux, exitStatus: 128 + number)
    }
}
