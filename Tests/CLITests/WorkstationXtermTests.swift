// The workstation's reading screen in a real sixel terminal: xterm (VT340, 256 registers)
// under Xvfb, the samples' library opened and a study read with the keyboard, and a
// screenshot compared with the sixel picture the workstation sent.
import Foundation
import Testing
import TerminalTestSupport

@Suite(.serialized) struct WorkstationXtermTests {
    static let columns = 120, rows = 40

    @Test("reading screen in xterm: the four-view sixel picture is on screen as sent, mirrored, under the title",
          .enabled(if: TerminalTools.runnable(TerminalTools.xtermTools), TerminalTools.skipNote(TerminalTools.xtermTools)))
    func readingScreenInSixel() throws {
        let folder = try TerminalTools.scratchFolder("workstation-xterm")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (mammoterm, library) = try Self.samplesLibrary(in: folder)

        let xterm = try TerminalXterm()
        var keep = false
        defer { xterm.close(keep: keep) }
        let typescript = xterm.folder.appendingPathComponent("typescript").path
        let status = xterm.folder.appendingPathComponent("status").path
        // Open the first study, stay on the reading screen long enough to look, then leave.
        // No user config: XDG_CONFIG_HOME points where there is none.
        let command = ["env", "XDG_CONFIG_HOME=" + folder.appendingPathComponent("config").path,
                       mammoterm, "--library", library, "--graphics", "sixel", "--script", "Enter sleep:20000 q q"].map(TerminalTools.shellQuoted).joined(separator: " ")
        let q = TerminalTools.shellQuoted
        try xterm.start(columns: Self.columns, rows: Self.rows, script: """
            script -qefc \(q(command)) \(q(typescript))
            echo $? > \(q(status))
            exec sleep 120

            """)

        // The last complete sixel the workstation wrote (script -f flushes as it goes), and the
        // screen polled until it shows that picture within 3 grey levels.
        var expected: TerminalRGBImage?
        var origin: (x: Int, y: Int)?
        var difference: TerminalRGBImage.Difference?
        var shot: TerminalRGBImage?
        let shown = try TerminalTools.poll(timeout: 30, interval: 0.3) {
            let sent = Array((try? Data(contentsOf: URL(fileURLWithPath: typescript))) ?? Data())
            guard let (start, end) = Self.lastSixel(in: sent) else { return false }
            let picture = try TerminalRGBImage.decodeSixel(Array(sent[start..<end]), in: xterm.folder)
            expected = picture
            let screen = try xterm.screenshot()
            shot = screen
            origin = screen.offset(of: picture, xs: 0...40, ys: 0...60)
            guard let origin else { return false }
            let d = screen.difference(from: picture, at: origin)
            difference = d
            return d.overall < 3 && d.tissue < 3 && d.badShare < 0.005
        }
        keep = !shown
        #expect(shown, "screen differs from the sixel sent: \(String(describing: difference)) at \(String(describing: origin)); files kept in \(xterm.folder.path)")
        guard shown, let origin, let shot, let expected else { return }

        // Under the title line, and big: most of the window's width (the panel takes the rest).
        let cell = ShowTerminalTests.xtermCell
        #expect(origin.y >= cell.height, "picture at \(origin) overlaps the title line")
        #expect(expected.width > Self.columns * cell.width / 2, "picture only \(expected.width) px wide")
        #expect(expected.height > (Self.rows - 6) * cell.height * 3 / 4, "picture only \(expected.height) px high")
        // The hanging protocol as a person sees it: two mirrored pairs, chest walls meeting.
        let seen = try shot.crop(x: origin.x, y: origin.y, width: expected.width, height: expected.height)
        let ink = TerminalInk(brightness: (0..<seen.height).map { y in (0..<seen.width).map { seen.luma($0, y) } })
        let centre = Double(seen.width) / 2 - 0.5
        #expect(ink.mirrorOverlap(about: centre) > 0.8)
        let meeting = ink.shareOfRowsMeetingInTheMiddle(centre: centre, reach: 8)
        #expect(meeting.rows > seen.height / 2 && meeting.share > 0.85, "\(meeting.rows) rows; \(meeting.share) reach the middle")

        // The text around it was drawn too, and the workstation left cleanly.
        let text = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: typescript))) ?? Data(), as: UTF8.self)
        #expect(text.contains("RCC LCC / RMLO LMLO"), "no reading screen title in what was written")
        let finished = TerminalTools.poll(timeout: 40) { FileManager.default.fileExists(atPath: status) }
        #expect(finished, "the workstation did not quit after its script")
        if finished {
            #expect((try? String(contentsOfFile: status, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        }
    }

    @Test("annotation mode in xterm: moving the cursor beside the sixel picture never scrolls it (no scroll region, picture where it was sent)",
          .enabled(if: TerminalTools.runnable(TerminalTools.xtermTools), TerminalTools.skipNote(TerminalTools.xtermTools)))
    func annotationCursorDoesNotDriftThePicture() throws {
        let folder = try TerminalTools.scratchFolder("annotate-xterm")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (mammoterm, library) = try Self.samplesLibrary(in: folder)

        let xterm = try TerminalXterm()
        var keep = false
        defer { xterm.close(keep: keep) }
        let typescript = xterm.folder.appendingPathComponent("typescript").path
        // The cursor moved down eight times once the picture is up: before the fix each move
        // scrolled a region of the screen (ESC [13;38r … ESC M) and the picture with it.
        let keys = "sleep:4000 " + Array(repeating: "Down sleep:300", count: 8).joined(separator: " ") + " sleep:20000 q q"
        let command = ["env", "XDG_CONFIG_HOME=" + folder.appendingPathComponent("config").path,
                       mammoterm, "annotate", "SYN-0003", "--annotator", "xterm-test", "--library", library,
                       "--graphics", "sixel", "--script", keys].map(TerminalTools.shellQuoted).joined(separator: " ")
        let q = TerminalTools.shellQuoted
        try xterm.start(columns: Self.columns, rows: Self.rows, script: """
            script -qefc \(q(command)) \(q(typescript))
            exec sleep 120

            """)
        func sent() -> [UInt8] { Array((try? Data(contentsOf: URL(fileURLWithPath: typescript))) ?? Data()) }
        // The picture up, then the eight moves (4 s + 8 x 0.3 s) and a little more.
        let up = TerminalTools.poll(timeout: 40, interval: 0.5) { Self.lastSixel(in: sent()) != nil }
        try #require(up, "no picture was sent")
        Thread.sleep(forTimeInterval: 9)
        let bytes = sent()
        // No scroll region narrower than the screen, no reverse index or line insert/delete.
        let text = String(decoding: bytes, as: UTF8.self)
        let regions = text.matches(of: /\u{1B}\[(\d+);(\d+)r/).filter { !($0.output.1 == "1" && $0.output.2 == "\(Self.rows)") }
            .map { String($0.output.0.dropFirst()) }
        #expect(regions.isEmpty, "curses set scroll regions: \(regions)")
        let reverseIndexes = text.matches(of: /\u{1B}M/).count
        #expect(reverseIndexes == 0, "curses scrolled with reverse index")

        // The picture on screen is where its last placement put it (row;column before ESC P).
        let (start, end) = try #require(Self.lastSixel(in: bytes))
        let picture = try TerminalRGBImage.decodeSixel(Array(bytes[start..<end]), in: xterm.folder)
        let head = String(decoding: bytes[max(0, start - 24)..<start], as: UTF8.self)
        let place = try #require(head.matches(of: /\u{1B}\[(\d+);(\d+)H/).last, "no cursor position before the picture")
        let cell = ShowTerminalTests.xtermCell
        let row = try #require(Int(place.output.1)), column = try #require(Int(place.output.2))
        let placed = (x: (column - 1) * cell.width, y: (row - 1) * cell.height)
        let screen = try xterm.screenshot()
        let found = screen.offset(of: picture, xs: max(0, placed.x - 4)...(placed.x + 4), ys: 0...(placed.y + 8 * cell.height))
        keep = found.map { abs($0.y - placed.y) > 4 } ?? true
        #expect(found != nil, "the picture is not on screen; files kept in \(xterm.folder.path)")
        if let found {
            // xterm's inner border shifts both axes alike; a drift shifts y by whole rows.
            let border = found.x - placed.x
            #expect(border >= 0 && border <= 4 && abs(found.y - placed.y - border) <= 1,
                    "picture at \(found), placed at \(placed): it moved \((found.y - border - placed.y) / max(cell.height, 1)) rows; files kept in \(xterm.folder.path)")
            let d = screen.difference(from: picture, at: found)
            #expect(d.overall < 3 && d.badShare < 0.01, "\(d)")
        }
    }

    /// The mammoterm binary and a new library of the samples in `folder`.
    static func samplesLibrary(in folder: URL) throws -> (mammoterm: String, library: String) {
        let library = folder.appendingPathComponent("library.sqlite").path
        let mammoterm = try TerminalTools.mammoterm()
        let imported = try TerminalTools.run(mammoterm, ["import", TerminalTools.repositoryRoot.appendingPathComponent("samples").path,
                                                         "--library", library])
        try #require(imported.status == 0, "import failed: \(imported.stderr)")
        return (mammoterm, library)
    }

    /// The byte range of the last complete sixel (ESC P … ESC \) in `bytes`.
    static func lastSixel(in bytes: [UInt8]) -> (Int, Int)? {
        var found: (Int, Int)?
        var from = 0
        while let start = ShowTerminalTests.find([0x1B, 0x50], in: bytes, from: from),
              let end = ShowTerminalTests.find([0x1B, 0x5C], in: bytes, from: start) {
            found = (start, end + 2)
            from = end + 2
        }
        return found
    }
}
