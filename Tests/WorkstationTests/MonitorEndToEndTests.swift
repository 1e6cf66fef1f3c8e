// The monitor screen in a real terminal (tmux, 160x50): M on the worklist, the alarmed stratum
// selected and its alarm shown, Enter showing that window's studies on the worklist, q. On a
// library the test writes itself (MonitorScenarioLibrary: Site C's detector changed in week 7),
// with config.toml's minimum_exams = 3 (six exams a site-week). MAMMOTERM_MONITOR_E2E_LIBRARY
// names another library instead (default settings), MAMMOTERM_MONITOR_E2E_ALARM the stratum that
// must be alarmed there ("site=Site C"); MAMMOTERM_MONITOR_E2E_KEEP=DIR keeps the written library
// and its config in DIR (scripts/monitor-screen-shot.sh).
import Foundation
import MonitorTestSupport
import Testing
import TerminalTestSupport

enum MonitorEndToEnd {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The library named by MAMMOTERM_MONITOR_E2E_LIBRARY; nil when none is named.
    static var library: String? {
        guard let path = environment["MAMMOTERM_MONITOR_E2E_LIBRARY"], !path.isEmpty else { return nil }
        return path
    }

    static var alarmedStratum: String {
        environment["MAMMOTERM_MONITOR_E2E_ALARM"].flatMap { $0.isEmpty ? nil : $0 } ?? "site=Site C"
    }

    /// The scenario library and its config.toml in `folder` (its XDG_CONFIG_HOME); the library's path.
    static func writeScenario(in folder: URL) throws -> String {
        let library = folder.appendingPathComponent("library.sqlite").path
        try MonitorScenarioLibrary.make(at: library)
        let config = folder.appendingPathComponent("mammoterm")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        // Six exams a site-week: the default minimum (30) would show figures but raise no alarm.
        try "[monitor]\nminimum_exams = 3\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        return library
    }
}

@Suite(.serialized, .enabled(if: EndToEnd.canRun))
struct MonitorEndToEndTests {
    @Test func theAlarmedStratumsWindowOpensOnTheWorklist() async throws {
        let binary = try #require(EndToEnd.binary, "mammoterm binary not found; build it or set MAMMOTERM_BIN")
        let stratum = MonitorEndToEnd.alarmedStratum
        let kept = MonitorEndToEnd.environment["MAMMOTERM_MONITOR_E2E_KEEP"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        let folder = kept ?? FileManager.default.temporaryDirectory.appendingPathComponent("monitor-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if kept == nil { try? FileManager.default.removeItem(at: folder) } }
        let library = try MonitorEndToEnd.library ?? MonitorEndToEnd.writeScenario(in: folder)
        try #require(FileManager.default.fileExists(atPath: library), "no library at \(library) (MAMMOTERM_MONITOR_E2E_LIBRARY)")
        let tmux = try TmuxSession(command: "'\(binary)' --library '\(library)' --graphics braille; echo \"exit=$?\"; sleep 60",
                                   width: 160, height: 50, environment: ["XDG_CONFIG_HOME": folder.path, "MAMMOTERM_LIBRARY": ""])
        defer { tmux.close() }

        try await tmux.waitFor("mammoterm · Worklist", "not for diagnosis")
        try tmux.send("M")
        var screen = try await tmux.waitUntil("the monitor's charts (or why not)", timeout: .seconds(300)) {
            $0.contains("mammoterm · Monitor") && !$0.contains("Computing the monitor") && $0.contains("Stratum")
        }
        #expect(screen.contains(stratum), "the alarmed stratum is listed:\n\(screen)")

        // j until the detail panel is the stratum's (its title opens with the stratum's name).
        for _ in 0..<64 where !Self.detailIsOf(stratum, screen) {
            try tmux.send("j")
            try await Task.sleep(for: .milliseconds(250))
            screen = try tmux.capture()
        }
        try #require(Self.detailIsOf(stratum, screen), "the stratum could be selected:\n\(screen)")
        // Its latest window is alarmed (the stratum is highlighted); else h back to the latest alarmed one.
        let latestAlarmed = screen.contains("▲ \(stratum)")
        for _ in 0..<104 where Self.alarmLines(screen).isEmpty {
            try tmux.send("h")
            try await Task.sleep(for: .milliseconds(250))
            screen = try tmux.capture()
        }
        #expect(!Self.alarmLines(screen).isEmpty, "an alarm of the stratum is in the detail panel:\n\(screen)")
        #expect(latestAlarmed, "the stratum is highlighted as alarmed in its latest window:\n\(screen)")

        try tmux.send("Enter")
        screen = try await tmux.waitFor("mammoterm · Worklist", "· monitor: \(stratum), ")
        let title = try #require(screen.line(containing: "· monitor: \(stratum), "))
        #expect(title.contains(" of ") && title.contains(" studies"), "the worklist says it is limited: \(title)")
        try tmux.send("q")
        try await tmux.waitFor("exit=0")
    }

    /// The detail panel's alarm lines ("│ ▲ score KS 0.61 > limit 0.42").
    static func alarmLines(_ screen: String) -> [Substring] {
        screen.split(separator: "\n").filter { $0.contains("│ ▲ ") }
    }

    /// The detail panel's title names the selected stratum: "─ site=Site C · window 12 of 12 · …".
    static func detailIsOf(_ stratum: String, _ screen: String) -> Bool {
        screen.split(separator: "\n").contains { $0.contains(" \(stratum) · window ") }
    }
}
