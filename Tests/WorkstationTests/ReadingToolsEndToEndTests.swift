// The reading tools in the built `mammoterm` in tmux (braille, 160x50), read off the screen as a
// reader sees them: the probe's value and millimetres, the window presets in the metadata panel, the
// magnifier changing the picture, a measurement in mm on the reading screen and in annotation mode.
import Foundation
import Testing
import TerminalTestSupport

@Suite(.serialized, .enabled(if: EndToEnd.canRun))
struct ReadingToolsEndToEndTests {
    /// The image area's rows (the picture), without the panels on the right.
    static func picture(_ screen: String) -> String {
        screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).prefix(46)
            .map { String($0.prefix(110)) }.joined(separator: "\n")
    }

    /// The screen once it has not changed for a second (a picture still on its way replaces the one shown).
    static func settled(_ tmux: TmuxSession) async throws -> String {
        var last = try tmux.capture(), same = 0
        for _ in 0..<500 where same < 16 || last.contains("Rendering…") {
            try await Task.sleep(for: .milliseconds(60))
            let now = try tmux.capture()
            same = now == last ? same + 1 : 0
            last = now
        }
        return last
    }

    /// m, m sets the first point, `moving` twice, `secondPointKey` sets the second: the length said on RCC.
    static func measure(_ tmux: TmuxSession, moving key: String, secondPointKey: String, length: String) async throws {
        try tmux.send("m")
        try await tmux.waitFor("Measure: move the cursor to the first point")
        try tmux.send("m")
        try tmux.send(key)
        try tmux.send(key)
        try await tmux.waitFor("\(length) so far")
        try tmux.send(secondPointKey)
        try await tmux.waitFor("Measured \(length) on RCC")
    }

    static func window(_ screen: String) -> String? { screen.line(containing: "Window   C")?.components(separatedBy: "Window   ").last }

    @Test func probePresetsMagnifierAndMeasureOnTheReadingScreenAndInAnnotation() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tools-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try WorkstationEndToEndTests.importSamples(into: folder)
        let binary = try #require(EndToEnd.binary)
        let tmux = try TmuxSession(command: "'\(binary)' --library '\(library)' --graphics braille; sleep 30", width: 160, height: 50,
                                  environment: ["XDG_CONFIG_HOME": folder.path, "MAMMOTERM_LIBRARY": ""])
        try await tmux.waitFor("Worklist — 13 studies")
        try tmux.send("Enter")
        try await tmux.waitFor("mammoterm · SYN-0004", "Frame ")
        try tmux.send("1")
        try await tmux.waitFor("Layout   RCC", "Frame ", "SYN-0004 · 2025-12-20 · RCC ")
        var screen = try await Self.settled(tmux)
        let plain = Self.picture(screen)

        // The magnifier: a box in the picture, bigger with G.
        try tmux.send("g")
        try tmux.send("L")  // two big steps right, into the breast: an eighth of the view shown (1024 / 8 pixels) each
        try tmux.send("L")
        try await tmux.waitUntil("the lens drawn") { $0.contains("Lens     2×") && Self.picture($0) != plain }
        let lens2 = Self.picture(try await Self.settled(tmux))
        try tmux.send("G")
        screen = try await tmux.waitUntil("the lens at 3×") { $0.contains("Lens     3×") && Self.picture($0) != lens2 }
        try tmux.send("g")
        try await tmux.waitUntil("the lens gone") { !$0.contains("Lens ") && Self.picture($0) == plain }

        // The probe: the stored value and the place in mm (0.28 mm pixels) of the pixel under the cursor.
        try tmux.send("v")
        screen = try await tmux.waitFor(pattern: #"Probe    RCC 672,512 px .*\n.* 188\.2, 143\.4 mm"#)
        screen = try await tmux.waitFor(pattern: #"value [0-9]+ "#)
        try tmux.send("L")
        screen = try await tmux.waitFor(pattern: #"Probe    RCC 800,512 px .*\n.* 224\.0, 143\.4 mm"#)
        screen = try await tmux.waitFor(pattern: #"Probe RCC 800,512 px · 224\.0, 143\.4 mm · value [0-9]+"#)

        // The presets: each view's own window from its histogram, named in the metadata panel.
        let file = try #require(Self.window(screen))
        #expect(file.hasPrefix("C 1917 W 2000 file"), "\(file)")
        for (key, name) in [("7", "dense"), ("8", "fatty"), ("6", "breast auto")] {
            try tmux.send(key)
            screen = try await tmux.waitUntil("the \(name) window") { Self.window($0)?.contains(name) == true }
            #expect(Self.window(screen)?.hasPrefix("C 1917 W 2000") == false, "\(name) is another window")
        }
        try tmux.send("5")
        screen = try await tmux.waitUntil("the file window again") { Self.window($0) == file }

        // The measure: two points two big steps apart, down the view: 256 px of 0.28 mm.
        try await Self.measure(tmux, moving: "J", secondPointKey: "Enter", length: "71.7 mm (256 px)")
        try await tmux.waitFor("Measure  71.7 mm (256 px)")
        try tmux.send("Escape")
        screen = try await tmux.waitFor("Measurement cleared")
        #expect(screen.contains("Layout   RCC"), "Esc cleared the measurement, it did not leave the study")
        try tmux.send("r")
        screen = try await tmux.waitFor("Window, invert and zoom reset · tools off")
        #expect(!screen.contains("Probe    RCC"))

        // Annotation mode measures with its own cursor: two coarse steps (1/40 of 832 px: 21 px) down.
        try tmux.send("A")
        try await tmux.waitFor("Annotating as")
        try await Self.measure(tmux, moving: "Down", secondPointKey: "m", length: "11.8 mm (42 px)")
        try tmux.send("Escape")
        try await tmux.waitFor("Measurement cleared")
        try tmux.send("q")
        try await tmux.waitFor("Annotation mode left")
        try tmux.send("q")
        try await tmux.waitFor("mammoterm · Worklist")
        try tmux.send("q")
    }
}
