// `mammoterm show` and `doctor` in real terminals, read the way a person sees them: tmux 3.3
// (braille and half blocks, 256 colours and 24-bit) through capture-pane, and xterm in VT340
// mode under Xvfb (sixel) through a screenshot compared pixel by pixel with what was sent.
// Each test waits by polling the screen or a file with a deadline, never by sleeping blind.
import Foundation
import Testing
import TerminalTestSupport

@Suite(.serialized) struct ShowTerminalTests {
    /// SYN-0003's current exam: a 20 mm malignant spiculated mass and a benign mass, both in
    /// the right breast (samples/README.md), so every overlay colour belongs on the viewer's left.
    static let exam = "samples/SYN-0003/20250426"
    static let footer = "Research and demonstration only"
    static let layout = "RCC | LCC over RMLO | LMLO"
    static let columns = 160, rows = 50

    // MARK: - tmux: braille and half blocks

    struct TextCase: CustomTestStringConvertible, Sendable {
        var graphics: String   // braille | blocks
        var truecolor: Bool    // COLORTERM=truecolor, else TERM's 256 colours
        var testDescription: String { "\(graphics), \(truecolor ? "24-bit" : "256 colours")" }
    }

    @Test("show in tmux: caption, glyphs, mirrored views, greys, and overlay colours only where the lesions are",
          .enabled(if: TerminalTools.runnable(TerminalTools.tmuxTools), TerminalTools.skipNote(TerminalTools.tmuxTools)),
          arguments: [
              TextCase(graphics: "braille", truecolor: false), TextCase(graphics: "braille", truecolor: true),
              TextCase(graphics: "blocks", truecolor: false), TextCase(graphics: "blocks", truecolor: true),
          ])
    func showInTmux(_ text: TextCase) throws {
        try expectTools(TerminalTools.tmuxTools)
        let truth = try runShowInTmux(text, overlay: "truth")
        let none = try runShowInTmux(text, overlay: "none")
        let marks = try Self.truthMarkCount(exam: Self.exam)
        #expect(marks == 4, "ground truth changed: the assertions below assume two right-breast lesions in CC and MLO")

        for (overlay, screen) in [("truth", truth), ("none", none)] {
            let caption = screen.plain.first { $0.contains("SYN-0003") } ?? ""
            #expect(caption.contains(Self.layout), "caption: \(caption)")
            #expect(caption.contains("2025-04-26"), "caption: \(caption)")
            #expect(caption.contains("truth overlay: \(marks) marks") == (overlay == "truth"), "caption: \(caption)")

            guard let picture = screen.cells.rows(between: "SYN-0003", and: Self.footer) else {
                Issue.record("no picture between caption and footer:\n\(screen.plain.joined(separator: "\n"))")
                continue
            }
            // The window less the caption, the footer and the line the cursor ends on.
            #expect(picture.count == Self.rows - 3)
            let glyphs = picture.joined().map(\.character)
            let braille = glyphs.filter { $0.unicodeScalars.first.map { (0x2801...0x28FF).contains($0.value) } ?? false }.count
            let halfBlocks = glyphs.filter { $0 == "\u{2580}" }.count
            if text.graphics == "braille" {
                #expect(braille > 300 && halfBlocks == 0, "braille \(braille), half blocks \(halfBlocks)")
            } else {
                #expect(halfBlocks > 300 && braille == 0, "braille \(braille), half blocks \(halfBlocks)")
            }

            // Right breasts hang on the left facing left breasts: chest walls meet in the
            // middle of the window and the two halves are near mirror images in where ink is.
            let ink = TerminalInk(picture, width: Self.columns)
            let centre = Double(Self.columns) / 2 - 0.5
            let overlap = ink.mirrorOverlap(about: centre)
            // Rows are judged on the breasts alone: the markers in the outer corners are no tissue.
            let meeting = ink.withoutOuter(share: 0.2).shareOfRowsMeetingInTheMiddle(centre: centre, reach: 2.5)
            #expect(overlap > 0.8, "ink mirrored about the middle overlaps by \(overlap)")
            #expect(meeting.rows > picture.count / 2 && meeting.share > 0.85,
                    "\(meeting.rows) rows with ink on both sides; \(meeting.share) of them reach the middle")
            if let range = ink.columnRange {
                #expect(abs(Double(range.lowerBound + range.upperBound) / 2 - centre) < 3, "ink spans columns \(range)")
            }

            // Colours: a ramp of greys; overlay colours only with the truth overlay, only on
            // the right breast (viewer's left), in both the CC (top) and MLO (bottom) rows.
            let seen = Self.visibleColours(picture)
            let greys = Set(seen.map(\.colour).filter(\.isGrey))
            #expect(greys.count >= 12, "only \(greys.count) greys")
            let forms = Set(seen.map { if case .rgb = $0.colour { "rgb" } else { "indexed" } })
            #expect(forms == [text.truecolor ? "rgb" : "indexed"], "SGR colour forms used: \(forms)")
            let coloured = seen.filter { !$0.colour.isGrey }
            if overlay == "none" {
                #expect(coloured.isEmpty, "\(coloured.count) coloured cells without an overlay, e.g. \(String(describing: coloured.first))")
            } else {
                #expect(coloured.count >= 4, "\(coloured.count) coloured cells with the truth overlay")
                #expect(coloured.contains { $0.colour.isReddish }, "no red: the malignant outline or hot map is missing")
                #expect(coloured.allSatisfy { Double($0.column) < centre }, "overlay colour on the left breast")
                #expect(coloured.contains { $0.row < picture.count / 2 } && coloured.contains { $0.row >= picture.count / 2 },
                        "overlay colour in the CC and the MLO rows")
            }
        }
    }

    @Test("doctor in tmux: braille, because tmux 3.3 has no sixel, and says it is tmux",
          .enabled(if: TerminalTools.runnable(TerminalTools.tmuxTools), TerminalTools.skipNote(TerminalTools.tmuxTools)))
    func doctorInTmux() throws {
        try expectTools(TerminalTools.tmuxTools)
        let tmux = try TmuxSession(columns: Self.columns, rows: Self.rows, command: [try TerminalTools.mammoterm(), "doctor", "--json"])
        defer { tmux.close() }
        var lines: [String] = []
        let done = try TerminalTools.poll(timeout: 20) {
            lines = try tmux.lines(joined: true)
            return tmux.exitStatus != nil && lines.contains("}")
        }
        #expect(done, "doctor did not finish in tmux:\n\(lines.joined(separator: "\n"))")
        #expect(tmux.exitStatus == 0)
        let report = try Self.doctorReport(lines)
        #expect(report.graphics == "braille")
        #expect(report.colours == "palette256")
        #expect(report.reason.contains("tmux"), "reason: \(report.reason)")
        #expect(report.terminal["multiplexer"] == "tmux")
        #expect(report.terminal["terminal"]?.hasPrefix("tmux 3") == true, "terminal: \(report.terminal["terminal"] ?? "-")")
        #expect(report.terminal["sixel"] == "no")
        #expect(report.terminal["window"] == "\(Self.columns)x\(Self.rows) cells")
        #expect(report.terminal["probe"]?.hasPrefix("answered") == true, "probe: \(report.terminal["probe"] ?? "-")")
    }

    // MARK: - xterm under Xvfb: sixel

    static let xtermColumns = 120, xtermRows = 40
    /// xterm's `fixed` font: 6x13 pixel cells.
    static let xtermCell = (width: 6, height: 13)

    @Test("doctor in xterm (VT340, 256 registers): sixel, 256 colour registers, the cell size",
          .enabled(if: TerminalTools.runnable(TerminalTools.xtermTools), TerminalTools.skipNote(TerminalTools.xtermTools)))
    func doctorInXterm() throws {
        try expectTools(TerminalTools.xtermTools)
        let xterm = try TerminalXterm()
        defer { xterm.close() }
        let typescript = try runInXterm(xterm, ["doctor", "--json"])
        let report = try Self.doctorReport(String(decoding: typescript, as: UTF8.self).components(separatedBy: "\n"))
        #expect(report.graphics == "sixel")
        #expect(report.reason.contains("256 colour registers"), "reason: \(report.reason)")
        #expect(report.terminal["sixel"] == "yes")
        #expect(report.terminal["colour registers"] == "256")
        #expect(report.terminal["terminal"]?.hasPrefix("XTerm(") == true, "terminal: \(report.terminal["terminal"] ?? "-")")
        #expect(report.terminal["multiplexer"] == "none")
        #expect(report.terminal["cell size"] == "\(Self.xtermCell.width)x\(Self.xtermCell.height) px")
        #expect(report.terminal["window"] == "\(Self.xtermColumns)x\(Self.xtermRows) cells")
    }

    @Test("show --graphics sixel in xterm: the screen shows the image sent, pixel for pixel, red outlines on the right breast",
          .enabled(if: TerminalTools.runnable(TerminalTools.xtermTools), TerminalTools.skipNote(TerminalTools.xtermTools)))
    func showSixelInXterm() throws {
        try expectTools(TerminalTools.xtermTools)
        let xterm = try TerminalXterm()
        var keep = false
        defer { xterm.close(keep: keep) }
        let sent = try runInXterm(xterm, ["show", Self.exam, "--graphics", "sixel", "--overlay", "truth"])

        // What was sent, decoded by ImageMagick: the window's width in pixels and its height
        // less the caption, footer and cursor lines.
        guard let start = Self.find([0x1B, 0x50], in: sent, from: 0),
              let end = Self.find([0x1B, 0x5C], in: sent, from: start) else {
            Issue.record("no sixel (DCS ... ST) in what show wrote: \(String(decoding: sent.prefix(400), as: UTF8.self))")
            return
        }
        let expected = try TerminalRGBImage.decodeSixel(Array(sent[start..<(end + 2)]), in: xterm.folder)
        #expect(expected.width == Self.xtermColumns * Self.xtermCell.width)
        #expect(expected.height == (Self.xtermRows - 3) * Self.xtermCell.height)

        // The screen, polled until xterm has painted it: the image, found where it lies
        // (below the caption, inside xterm's border), within 3 grey levels of what was sent.
        var origin: (x: Int, y: Int)?
        var difference: TerminalRGBImage.Difference?
        var shot: TerminalRGBImage?
        let shown = try TerminalTools.poll(timeout: 15, interval: 0.2) {
            let screen = try xterm.screenshot()
            shot = screen
            origin = screen.offset(of: expected, xs: 0...24, ys: 0...48)
            guard let origin else { return false }
            let d = screen.difference(from: expected, at: origin)
            difference = d
            return d.overall < 3 && d.tissue < 3 && d.badShare < 0.005
        }
        keep = !shown
        #expect(shown, "screen differs from the sixel sent: \(String(describing: difference)) at \(String(describing: origin)); files kept in \(xterm.folder.path)")
        guard shown, let origin, let shot else { return }
        // Below the caption line and inside the window's border.
        #expect(origin.y >= Self.xtermCell.height && origin.y < 2 * Self.xtermCell.height + 8, "image at \(origin)")

        // What a person sees: two mirrored pairs whose chest walls meet in the middle, and the
        // red truth outlines only on the right breast (the viewer's left), in CC and MLO.
        let seen = try shot.crop(x: origin.x, y: origin.y, width: expected.width, height: expected.height)
        let ink = TerminalInk(brightness: (0..<seen.height).map { y in (0..<seen.width).map { seen.luma($0, y) } })
        let centre = Double(seen.width) / 2 - 0.5
        let overlap = ink.mirrorOverlap(about: centre)
        let meeting = ink.shareOfRowsMeetingInTheMiddle(centre: centre, reach: 8)
        #expect(overlap > 0.8, "ink mirrored about the middle overlaps by \(overlap)")
        #expect(meeting.rows > seen.height / 2 && meeting.share > 0.85, "\(meeting.rows) rows with ink on both sides; \(meeting.share) reach the middle")
        var red: [(x: Int, y: Int)] = []
        for y in 0..<seen.height { for x in 0..<seen.width where seen.isReddish(x, y) { red.append((x, y)) } }
        #expect(red.count >= 20, "\(red.count) red pixels")
        #expect(red.allSatisfy { Double($0.x) < centre }, "red on the left breast's side")
        #expect(red.contains { $0.y < seen.height / 2 } && red.contains { $0.y >= seen.height / 2 }, "red in the CC and the MLO")
    }

    /// Runs `mammoterm ARGS` in the xterm under `script` (so it has the terminal, and we get
    /// every byte it wrote), waits for it to exit, and returns those bytes.
    func runInXterm(_ xterm: TerminalXterm, _ arguments: [String]) throws -> [UInt8] {
        let typescript = xterm.folder.appendingPathComponent("typescript").path
        let status = xterm.folder.appendingPathComponent("status").path
        let command = ([try TerminalTools.mammoterm()] + arguments).map(TerminalTools.shellQuoted).joined(separator: " ")
        let q = TerminalTools.shellQuoted
        try xterm.start(columns: Self.xtermColumns, rows: Self.xtermRows, script: """
            script -qefc \(q(command)) \(q(typescript))
            echo $? > \(q(status))
            exec sleep 120

            """)
        let finished = TerminalTools.poll(timeout: 25) { FileManager.default.fileExists(atPath: status) || !xterm.terminalRunning }
        guard finished, let text = try? String(contentsOfFile: status, encoding: .utf8) else {
            throw TerminalTestError("mammoterm \(arguments.joined(separator: " ")) did not finish in xterm (running: \(xterm.terminalRunning)); xterm said: \(xterm.terminalLog.suffix(600))")
        }
        #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "mammoterm exit status \(text)")
        return Array(try Data(contentsOf: URL(fileURLWithPath: typescript)))
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        for i in start...(bytes.count - needle.count) where bytes[i] == needle[0] && Array(bytes[i..<(i + needle.count)]) == needle {
            return i
        }
        return nil
    }

    // MARK: - Helpers

    struct Screen {
        var plain: [String]
        var cells: TerminalScreen
    }

    /// Runs `show` on the exam in a fresh tmux, waits for the footer and the exit, and returns
    /// the screen as text and as coloured cells.
    func runShowInTmux(_ text: TextCase, overlay: String) throws -> Screen {
        let command = [try TerminalTools.mammoterm(), "show", Self.exam, "--overlay", overlay, "--graphics", text.graphics]
        let tmux = try TmuxSession(columns: Self.columns, rows: Self.rows,
                                    extra: text.truecolor ? ["COLORTERM": "truecolor"] : [:], command: command)
        defer { tmux.close() }
        guard try tmux.waitForLine(containing: Self.footer, timeout: 25) != nil else {
            throw TerminalTestError("no footer after 25 s (\(text.testDescription), \(overlay)):\n\(try tmux.lines().joined(separator: "\n"))")
        }
        // The footer is in the picture's write; warnings may follow on stderr before the exit.
        let exited = TerminalTools.poll(timeout: 10) { tmux.exitStatus != nil }
        #expect(exited && tmux.exitStatus == 0, "show exit status \(String(describing: tmux.exitStatus))")
        return Screen(plain: try tmux.lines(), cells: TerminalScreen(escapedLines: try tmux.lines(escapes: true)))
    }

    struct SeenColour {
        var colour: TerminalScreen.Colour
        var row: Int
        var column: Int
    }

    /// Colours that show: every background, and a foreground where the glyph has ink.
    static func visibleColours(_ rows: [[TerminalScreen.Cell]]) -> [SeenColour] {
        var seen: [SeenColour] = []
        for (r, row) in rows.enumerated() {
            for (c, cell) in row.enumerated() {
                if cell.background != .standard { seen.append(SeenColour(colour: cell.background, row: r, column: c)) }
                let inked = cell.brailleDots.map { $0 > 0 } ?? (cell.character != " ")
                if inked, cell.foreground != .standard { seen.append(SeenColour(colour: cell.foreground, row: r, column: c)) }
            }
        }
        return seen
    }

    /// Lesion outlines the ground truth holds for an exam folder (one per lesion per view).
    static func truthMarkCount(exam: String) throws -> Int {
        let url = TerminalTools.repositoryRoot.appendingPathComponent("samples/ground-truth.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        let prefix = exam.dropFirst("samples/".count) + "/"
        guard let exams = (object as? [String: Any])?["exams"] as? [[String: Any]],
              let entry = exams.first(where: { (($0["images"] as? [[String: Any]])?.first?["file"] as? String)?.hasPrefix(prefix) == true }),
              let lesions = entry["lesions"] as? [[String: Any]] else {
            throw TerminalTestError("no exam \(exam) in samples/ground-truth.json")
        }
        return lesions.reduce(0) { $0 + (($1["views"] as? [String: Any])?.count ?? 0) }
    }

    struct DoctorReport: Decodable {
        var graphics: String
        var colours: String
        var reason: String
        var terminal: [String: String]
    }

    /// The JSON object doctor printed: from a line "{" to the next line "}" (terminal output may
    /// carry CRs and the probe's queries before it).
    static func doctorReport(_ lines: [String]) throws -> DoctorReport {
        // "\r\n" is one Character to Swift: drop CRs as UTF-16 units before splitting lines.
        let clean = lines.joined(separator: "\n").replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n")
        guard let open = clean.lastIndex(where: { $0.hasSuffix("{") && !$0.hasSuffix(": {") }),
              let close = clean[open...].firstIndex(of: "}") else {
            throw TerminalTestError("no JSON from doctor in:\n\(lines.joined(separator: "\n"))")
        }
        var json = clean[open...close].joined(separator: "\n")
        if let brace = json.firstIndex(of: "{") { json = String(json[brace...]) }
        return try JSONDecoder().decode(DoctorReport.self, from: Data(json.utf8))
    }

    /// Fails the test (rather than skipping it) when tools are missing under `make test`.
    func expectTools(_ names: [String]) throws {
        let missing = TerminalTools.missing(names)
        guard missing.isEmpty else {
            throw TerminalTestError("missing \(missing.joined(separator: ", ")): apt-get install \(TerminalTools.packages)")
        }
    }
}
