// `mammoterm read` in tmux (as over SSH) under second-look and referral: before the reader's
// first decision no screen shows an AI score, an AI finding, the safety net or any overlay
// colour; after it the protocol shows what it allows, and the decisions are in the library.
import Foundation
import Testing
import TerminalTestSupport

@Suite(.serialized, .enabled(if: EndToEnd.canRun))
struct ProtocolEndToEndTests {
    /// The samples, AI results for every study from another system's file (SYN-0003's current
    /// exam 0.97 with a lesion box on RCC, the rest 0.02–0.15), and their ground truth.
    static func library(in folder: URL) throws -> String {
        let library = try WorkstationEndToEndTests.importSamples(into: folder)
        let binary = try #require(EndToEnd.binary)
        let listed = try TerminalTools.run(binary, ["worklist", "--json", "--library", library], environment: ProcessInfo.processInfo.environment)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]])
        var studies: [[String: Any]] = []
        for (index, entry) in entries.enumerated() {
            let uid = try #require(entry["studyInstanceUID"] as? String)
            let patient = entry["patientID"] as? String ?? ""
            let cancer = patient == "SYN-0003" && entry["studyDate"] as? String == "20250426"
            // The samples' cancer patients score high (so normal triage keeps them), the rest low.
            let suspicious = ["SYN-0003", "SYN-0004", "SYN-0006"].contains(patient)
            let score = cancer ? 0.97 : (suspicious ? 0.9 : 0.02 + 0.01 * Double(index))
            var study: [String: Any] = ["studyInstanceUID": uid, "score": score, "confidence": 0.8]
            if cancer { study["findings"] = [["view": "RCC", "box": ["x": 400, "y": 400, "width": 80, "height": 80], "score": 0.93]] }
            studies.append(study)
        }
        let results = folder.appendingPathComponent("results.json")
        let file: [String: Any] = ["format": "mammoterm-ai-results", "version": 1, "system": "Test CAD", "model": "tcad",
                                   "threshold": 0.5, "studies": studies]
        try JSONSerialization.data(withJSONObject: file).write(to: results)
        for arguments in [["import-findings", results.path], ["truth", "import", SampleLibrary.samples + "/ground-truth.json"]] {
            let done = try TerminalTools.run(binary, arguments + ["--library", library], environment: ProcessInfo.processInfo.environment)
            guard done.status == 0 else { throw TerminalTestError("\(arguments[0]) failed: \(done.output)") }
        }
        return library
    }

    /// What would give the AI away on a screen: its scores, its panel lines and findings, the alert.
    static func aiText(_ screen: String) -> [String] {
        ["0.97", "AI exam", "AI model", "(AI)", "Findings (AI", "Safety net", "Overlay  AI", "Test CAD"].filter(screen.contains)
    }

    /// Picture cells drawn in a colour that is not grey (256-colour cube entries off its
    /// diagonal), in the reading screen's image area (rows 2 to the status line, left of the
    /// side panels): only an overlay puts colour into a picture once ground truth is hidden.
    static func colouredCells(_ escaped: String, imageColumns: Int = 112) -> Int {
        var count = 0
        let lines = escaped.components(separatedBy: "\n")
        for line in lines.dropFirst(2).dropLast(2) {
            var column = 0, fg = -1, bg = -1
            var chars = Array(line.unicodeScalars)[...]
            while let c = chars.first {
                if c == "\u{1B}", chars.dropFirst().first == "[" {
                    var body = ""
                    chars = chars.dropFirst(2)
                    while let d = chars.first, !(d.properties.isAlphabetic) { body.unicodeScalars.append(d); chars = chars.dropFirst() }
                    if chars.first == "m" {
                        let codes = body.split(separator: ";").map { Int($0) ?? -1 }
                        var i = 0
                        while i < codes.count {
                            if (codes[i] == 38 || codes[i] == 48), i + 2 < codes.count, codes[i + 1] == 5 {
                                if codes[i] == 38 { fg = codes[i + 2] } else { bg = codes[i + 2] }
                                i += 3
                            } else {
                                if codes[i] == 0 || codes[i] == -1 { fg = -1; bg = -1 }
                                if codes[i] == 39 { fg = -1 }
                                if codes[i] == 49 { bg = -1 }
                                i += 1
                            }
                        }
                    }
                    chars = chars.dropFirst()
                    continue
                }
                func coloured(_ n: Int) -> Bool {
                    guard (16...231).contains(n) else { return false }
                    let v = n - 16, red = v / 36, green = v / 6 % 6, blue = v % 6
                    return !(red == green && green == blue)
                }
                if column < imageColumns && (coloured(fg) || coloured(bg)) { count += 1 }
                column += 1
                chars = chars.dropFirst()
            }
        }
        return count
    }

    func session(_ protocolName: String, _ body: (TmuxSession, URL, String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ws-proto-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try Self.library(in: folder)
        let binary = try #require(EndToEnd.binary)
        let command = "'\(binary)' read --protocol \(protocolName) --reader e2e --library '\(library)' --graphics braille; sleep 60"
        let tmux = try TmuxSession(command: command, width: 160, height: 50,
                                  environment: ["XDG_CONFIG_HOME": folder.path, "MAMMOTERM_LIBRARY": ""])
        try await body(tmux, folder, library)
    }

    /// Opens SYN-0003's current exam from the worklist and waits until it is drawn.
    func openCancerExam(_ tmux: TmuxSession) async throws -> String {
        try tmux.send("/")
        try tmux.send("0003", literal: true)
        try tmux.send("Enter")
        try tmux.send("Enter")
        return try await tmux.waitFor("SYN-0003 · 2025-04-26", "Window   C ", "Frame ")
    }

    func expectNoAI(_ tmux: TmuxSession, _ step: String, picture: Bool = true) throws {
        let screen = try tmux.capture()
        #expect(Self.aiText(screen).isEmpty, "\(step): AI shown before the first decision: \(Self.aiText(screen))\n\(screen)")
        #expect(!screen.contains("truth"), "\(step): ground truth shown")
        guard picture else { return }
        let escaped = try tmux.run(["capture-pane", "-p", "-e", "-t", tmux.name])
        #expect(Self.colouredCells(escaped) == 0, "\(step): overlay colour in the picture")
    }

    @Test func secondLookShowsNothingOfTheAIBeforeTheFirstDecision() async throws {
        try await session("second-look") { tmux, _, library in
            let worklist = try await tmux.waitFor("Worklist — 13 studies")
            #expect(worklist.split(separator: "\n").first { $0.contains("SYN-0003") && $0.contains("2025-04-26") }.map { !$0.contains("0.97") } ?? false)
            try expectNoAI(tmux, "worklist", picture: false)
            _ = try await openCancerExam(tmux)
            try expectNoAI(tmux, "opened")
            for key in ["a", "1", "n", "p"] {
                try tmux.send(key)
                try await Task.sleep(for: .milliseconds(400))
                try expectNoAI(tmux, "after \(key)")
            }
            try tmux.send("0")
            try tmux.send("d")
            try await tmux.waitFor("Decision · second-look · initial")
            try expectNoAI(tmux, "form")
            // Right 4B (recall), left 1, suspicion 70.
            for key in ["4", "b", "1", "7", "0", "Enter", "y"] { try tmux.send(key) }
            let revealed = try await tmux.waitFor("The AI is shown now", "AI exam  score 0.97", "Findings (AI 1)")
            #expect(revealed.contains("Protocol second-look · final"))
            // The check above can see colour: with the AI shown its box is drawn in colour.
            let shown = try await tmux.waitUntil("AI box in colour") { _ in
                Self.colouredCells((try? tmux.run(["capture-pane", "-p", "-e", "-t", tmux.name])) ?? "") > 0
            }
            #expect(!shown.isEmpty)
            let binary = try #require(EndToEnd.binary)
            let rows = try TerminalTools.run(binary, ["export", "reads", "--format", "csv", "--library", library],
                                              environment: ProcessInfo.processInfo.environment)
            #expect(rows.output.contains(",e2e,") && rows.output.contains(",second-look,initial,none,"))
        }
    }

    @Test func referralShowsOnlyTheTriageTagUntilTheSafetyNetFires() async throws {
        try await session("referral") { tmux, _, _ in
            let worklist = try await tmux.waitFor("Worklist — 13 studies")
            #expect(worklist.contains("normal"), "the normal-triage tag is the one thing referral shows up front")
            try expectNoAI(tmux, "worklist", picture: false)
            let opened = try await openCancerExam(tmux)
            #expect(opened.contains("Triage   not triaged by the AI"))
            try expectNoAI(tmux, "opened")
            try tmux.send("a")
            try await tmux.waitFor("AI hidden unless the safety net fires (referral protocol)")
            // A negative call: the safety net fires and shows the AI's region.
            try tmux.send("d")
            try await tmux.waitFor("Decision · referral · initial")
            for key in ["1", "1", "1", "0", "Enter", "y"] { try tmux.send(key) }
            let alert = try await tmux.waitFor("Safety net: the AI flags this exam", "Findings (AI 1)", "Overlay  AI")
            #expect(alert.contains("Protocol referral · final"))
        }
    }

    /// A reader completes a session under each protocol: decides on the cancer exam (a second
    /// decision where the protocol asks for one) and the decisions are in the library's chain.
    @Test(arguments: ["unaided", "concurrent", "second-look", "referral"])
    func aReaderCompletesASession(_ protocolName: String) async throws {
        try await session(protocolName) { tmux, _, library in
            try await tmux.waitFor("Worklist — 13 studies")
            _ = try await openCancerExam(tmux)
            try tmux.send("d")
            try await tmux.waitFor("Decision · \(protocolName) · ")
            // A negative call with suspicion 20 (under referral this makes the safety net fire).
            for key in ["1", "2", "2", "0", "Enter", "y"] { try tmux.send(key) }
            if protocolName == "second-look" || protocolName == "referral" {
                try await tmux.waitFor(protocolName == "referral" ? "Safety net" : "The AI is shown now")
                try tmux.send("d")
                try await tmux.waitFor("Decision · \(protocolName) · final")
                // Revised: right 4C (recall).
                for key in ["4", "c", "Enter", "y"] { try tmux.send(key) }
            }
            let done = try await tmux.waitFor("Decision recorded")
            #expect(done.contains("Protocol \(protocolName) · read"))
            let binary = try #require(EndToEnd.binary)
            let audit = try TerminalTools.run(binary, ["audit", "verify", "--library", library], environment: ProcessInfo.processInfo.environment)
            let rows = protocolName == "second-look" || protocolName == "referral" ? 2 : 1
            #expect(audit.status == 0 && audit.output.contains("\(rows) rows checked: OK"), "\(audit.output)")
        }
    }
}
