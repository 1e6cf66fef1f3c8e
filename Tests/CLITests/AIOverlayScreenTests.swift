// The AI marks and the truth in a real terminal (tmux, 160x50, half blocks, 256 colours):
// imported AI findings are numbered in the findings panel as the digits beside their boxes in
// the picture (read back from the cells: a half block's two colours are two pixels, exactly), a
// then o draws the AI and the truth together and says so, and < > change the map's opacity
// shown in the status line. (Braille shows the same digits, but its two colours per 2x4 dots
// blur them too much to read back reliably.)
import Foundation
import Testing
import TerminalTestSupport

@Suite(.serialized) struct AIOverlayScreenTests {

    /// The picture's pixels from half-block cells: ▀ is its foreground over its background.
    static func pixels(_ screen: TerminalScreen, rows: Range<Int>, columns: Range<Int>) -> [[(r: Int, g: Int, b: Int)?]] {
        var out = [[(r: Int, g: Int, b: Int)?]](repeating: [(r: Int, g: Int, b: Int)?](repeating: nil, count: columns.count),
                                                count: rows.count * 2)
        for (ri, row) in rows.enumerated() where row < screen.rows.count {
            for (ci, column) in columns.enumerated() where column < screen.rows[row].count {
                let cell = screen.rows[row][column]
                let (fg, bg) = (cell.foreground.rgb, cell.background.rgb)
                switch cell.character {
                case "▀": (out[ri * 2][ci], out[ri * 2 + 1][ci]) = (fg, bg)
                case "▄": (out[ri * 2][ci], out[ri * 2 + 1][ci]) = (bg, fg)
                case "█": (out[ri * 2][ci], out[ri * 2 + 1][ci]) = (fg, fg)
                default: (out[ri * 2][ci], out[ri * 2 + 1][ci]) = (bg, bg)
                }
            }
        }
        return out
    }

    /// The AI's yellow (reading-room's #f0e442) as the 256-colour cells show it: red and green
    /// together well over blue.
    static func isAI(_ c: (r: Int, g: Int, b: Int)?) -> Bool {
        guard let c else { return false }
        return c.r >= 90 && c.g >= 60 && c.b * 10 <= c.g * 6 && c.r - c.b >= 60 && abs(c.r - c.g) <= 60
    }

    /// The truth's malignant vermillion (#d55e00): red well over green, little blue.
    static func isMalignant(_ c: (r: Int, g: Int, b: Int)?) -> Bool {
        guard let c else { return false }
        return c.r >= 150 && c.r - c.g >= 80 && c.b <= 60
    }

    /// The digits 1–3 drawn in the AI colour (BitmapFont's 5x7 glyphs, copied: this target does
    /// not link Imaging) at two picture pixels a glyph pixel, as the marks are drawn in the text
    /// modes; at most 4 of their 140 pixels off (the glyphs differ in over 40).
    static func digits(in pixels: [[(r: Int, g: Int, b: Int)?]]) -> Set<Int> {
        let font: [Int: [String]] = [
            1: ["  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
            2: [" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"],
            3: ["#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "],
        ]
        let mask = pixels.map { $0.map(isAI) }
        let (gw, gh) = (10, 14)
        var found: Set<Int> = []
        guard let width = mask.first?.count, mask.count >= gh, width >= gw else { return [] }
        for (digit, glyph) in font {
            let lit = glyph.map { Array($0).map { $0 == "#" } }
            search: for y in 0...(mask.count - gh) {
                for x in 0...(width - gw) {
                    var wrong = 0
                    for gy in 0..<gh {
                        for gx in 0..<gw where mask[y + gy][x + gx] != lit[gy / 2][gx / 2] { wrong += 1 }
                        if wrong > 4 { break }
                    }
                    if wrong <= 4 { found.insert(digit); break search }
                }
            }
        }
        return found
    }

    @Test(.enabled(if: TerminalTools.runnable(TerminalTools.tmuxTools), TerminalTools.skipNote(TerminalTools.tmuxTools)))
    func panelNumbersMatchThePictureAndBothOverlaysShowTogether() async throws {
        let folder = try TerminalTools.scratchFolder("ai-overlay-screen")
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = folder.appendingPathComponent("library.sqlite").path
        var env = ProcessInfo.processInfo.environment
        env["MAMMOTERM_LIBRARY"] = nil
        env["XDG_CONFIG_HOME"] = folder.path
        let binary = try TerminalTools.mammoterm()
        let samples = TerminalTools.repositoryRoot.appendingPathComponent("samples").path
        #expect(try TerminalTools.run(binary, ["import", samples, "--library", library], environment: env).status == 0)
        let worklist = try TerminalTools.run(binary, ["worklist", "--json", "--library", library], environment: env)
        let entries = try #require(try JSONSerialization.jsonObject(with: worklist.stdout) as? [[String: Any]])
        let study = try #require(entries.first { $0["patientID"] as? String == "SYN-0004" && $0["studyDate"] as? String == "20251220" }?["studyInstanceUID"] as? String)
        // Stored 832x1024 views; scores put RCC's boxes at 1 and 3 and LCC's between them at 2.
        let results = folder.appendingPathComponent("results.json")
        try Data("""
            {"format": "mammoterm-ai-results", "version": 1, "system": "Vendor CAD", "model": "vx", "modelVersion": "2", "studies": [
               {"studyInstanceUID": "\(study)", "score": 0.8, "findings": [
                 {"view": "RCC", "box": {"x": 330, "y": 620, "width": 300, "height": 200}, "score": 0.40},
                 {"view": "LCC", "box": {"x": 200, "y": 250, "width": 300, "height": 250}, "score": 0.60},
                 {"view": "RCC", "box": {"x": 330, "y": 200, "width": 300, "height": 250}, "score": 0.97}]}]}
            """.utf8).write(to: results)
        #expect(try TerminalTools.run(binary, ["import-findings", results.path, "--library", library], environment: env).status == 0)

        let tmux = try TmuxSession(columns: 160, rows: 50, extra: ["XDG_CONFIG_HOME": folder.path, "MAMMOTERM_LIBRARY": ""],
                                   command: [binary, "--library", library, "--graphics", "blocks"])
        defer { tmux.close() }
        try await tmux.waitFor("Worklist —")
        try tmux.send("/")
        try await tmux.waitFor("Search:")
        try tmux.send("0004", literal: true)
        try tmux.send("Enter")
        try await tmux.waitFor("search \"0004\"")
        try tmux.send("Enter")
        try await tmux.waitFor("SYN-0004 · 2025-12-20", "Frame ")
        try tmux.send("a")
        var screen = try await tmux.waitFor("Overlay: AI · boxes numbered as listed", "Overlay  AI")

        // The panel: the three rows in score order, numbered 1 2 3, views RCC LCC RCC.
        let rows = screen.split(separator: "\n").filter { $0.contains("(AI)") }
        #expect(rows.map { $0.split(separator: "│")[1].split(separator: " ").first.map(String.init) } == ["1", "2", "3"], "\(rows)")
        #expect(rows.map { $0.split(separator: "│")[1].contains(" RCC ") } == [true, false, true])

        // The picture (left of the panels, between the label row and the status line) carries the
        // same digits: the LCC alone its 2, the RCC alone its 1 and 3. (The overlay's picture
        // comes after the status line: each is waited for.)
        func picture() throws -> [[(r: Int, g: Int, b: Int)?]] {
            let cells = TerminalScreen(escapedLines: try tmux.lines(escapes: true))
            return Self.pixels(cells, rows: 2..<49, columns: 0..<110)
        }
        try tmux.send("2")
        try await tmux.waitFor("Layout   LCC")
        _ = try await tmux.waitUntil("the LCC picture with its mark 2") { _ in (try? picture()).map(Self.digits) == [2] }
        try tmux.send("1")
        try await tmux.waitFor("Layout   RCC")
        _ = try await tmux.waitUntil("the RCC picture with its marks 1 and 3") { _ in (try? picture()).map(Self.digits) == [1, 3] }

        // a then o: both drawn, both said; each colour in the picture.
        try tmux.send("o")
        screen = try await tmux.waitFor("Overlay  AI + ground truth", "Overlay: AI + truth · AI boxes")
        #expect(screen.contains("malignant") && screen.contains("(AI)"))
        func shows(ai: Bool, truth: Bool) -> Bool {
            guard let seen = try? picture().flatMap({ $0 }) else { return false }
            return seen.contains(where: Self.isAI) == ai && seen.contains(where: Self.isMalignant) == truth
        }
        _ = try await tmux.waitUntil("the AI's and the truth's colours together") { _ in shows(ai: true, truth: true) }
        try tmux.send("a")
        try await tmux.waitFor("Overlay  ground truth")
        _ = try await tmux.waitUntil("the truth's colour alone") { _ in shows(ai: false, truth: true) }
        try tmux.send("a")
        try await tmux.waitFor("Overlay  AI + ground truth")

        // < > : the map's opacity, in the status line.
        try tmux.send("<")
        try await tmux.waitFor("AI map opacity 50 %")
        try tmux.send("<")
        try await tmux.waitFor("AI map opacity 25 %")
        try tmux.send(">")
        try await tmux.waitFor("AI map opacity 50 %")
        try tmux.send("e")
        try await tmux.waitFor("AI map opacity 50 %, contour lines")
        try tmux.send("?")
        try await tmux.waitFor("AI marks and scores", "< >", "AI map opacity down / up")
    }
}
