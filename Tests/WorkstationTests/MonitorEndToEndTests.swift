// The monitor screen in a real terminal (tmux, 160x50): M on the worklist, the alarmed stratum
// selected and its alarm shown, Enter showing that window's studies on the worklist, q. Runs
// only on a library with a monitored model: MAMMOTERM_MONITOR_E2E_LIBRARY names it and
// MAMMOTERM_MONITOR_E2E_ALARM the stratum that must be alarmed ("site=Site C"); skipped otherwise.
import Foundation
import Testing
import TerminalTestSupport

enum MonitorEndToEnd {
    static var library: String? {
        guard let path = ProcessInfo.processInfo.environment["MAMMOTERM_MONITOR_E2E_LIBRARY"], !path.isEmpty,
              FileManager.default.fileExists(atPath: path) else { return nil }
        return path
    }

    static var alarmedStratum: String {
        ProcessInfo.processInfo.environment["MAMMOTERM_MONITOR_E2E_ALARM"].flatMap { $0.isEmpty ? nil : $0 } ?? "site=Site C"
    }

    static var canRun: Bool { library != nil && EndToEnd.binary != nil && TmuxSession.isAvailable }
}

@Suite(.serialized, .enabled(if: MonitorEndToEnd.canRun, "set MAMMOTERM_MONITOR_E2E_LIBRARY to a library with a monitored model"))
struct MonitorEndToEndTests {
    @Test func theAlarmedStratumsWindowOpensOnTheWorklist() async throws {
        let library = try #require(MonitorEndToEnd.library), binary = try #require(EndToEnd.binary)
        let stratum = MonitorEndToEnd.alarmedStratum
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
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
