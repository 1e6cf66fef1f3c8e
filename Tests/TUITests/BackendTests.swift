// The test backend and the image layer: frames recorded with the cells they cost, and images
// re-sent only when something drew over them.
import Testing
@testable import TUI

@Suite struct BackendTests {
    let picture = TerminalImage(bytes: Array("\u{1B}P0;1;0q\"1;1;8;12#0~~\u{1B}\\".utf8), cells: Size(width: 4, height: 3))

    func frame(_ lines: [String]) -> CellBuffer { CellBuffer(lines: lines, width: 12, height: 5) }

    @Test func recordsFramesAndChangedCells() throws {
        let backend = TestBackend(width: 12, height: 5)
        try backend.draw(frame(["hello"]))
        try backend.flush()
        try backend.draw(frame(["help"]))
        try backend.flush()
        #expect(backend.frames.count == 2)
        #expect(backend.frames[0].changedCells == 60)
        #expect(backend.frames[1].changedCells == 2)  // "lo" -> "p "
        #expect(backend.lastFrame?.lines.first == "help        ")
        #expect(backend.lastFrame?.text == "help")
    }

    @Test func scriptedEventsThenInputCloses() throws {
        let backend = TestBackend(width: 10, height: 3, events: [.press("j"), .resize(Size(width: 20, height: 4))])
        #expect(try backend.readEvent(timeout: nil) == .key(.character("j")))
        #expect(try backend.readEvent(timeout: nil) == .resize(Size(width: 20, height: 4)))
        #expect(backend.size == Size(width: 20, height: 4))
        #expect(throws: TUIError.inputClosed) { try backend.readEvent(timeout: .milliseconds(1)) }
    }

    @Test func imageIsSentOnceAndNotResentForChangesBesideIt() throws {
        let backend = TestBackend(width: 12, height: 5)
        try backend.draw(frame(["> row 1", "  row 2"]))
        try backend.writeImage(picture, at: Point(x: 8, y: 1))
        try backend.flush()
        #expect(backend.lastFrame?.sentImages.count == 1)
        // Cells under the image are blank whatever the app drew there (spaces and blank braille).
        let under = backend.lastFrame?.buffer.text(in: Rect(x: 8, y: 1, width: 4, height: 3)) ?? []
        #expect(under.count == 3 && under.allSatisfy { $0.count == 4 && $0.allSatisfy { $0 == " " || $0 == "\u{2800}" } }, "\(under)")

        // The cursor moves in the list to the left of the image: same image, not re-sent.
        try backend.draw(frame(["  row 1", "> row 2"]))
        try backend.writeImage(picture, at: Point(x: 8, y: 1))
        try backend.flush()
        #expect(backend.lastFrame?.sentImages.isEmpty == true)
        #expect(backend.lastFrame?.changedCells == 2)
    }

    @Test func imageIsResentWhenDrawnOverMovedOrChanged() throws {
        let backend = TestBackend(width: 12, height: 5)
        func show(_ lines: [String], _ image: TerminalImage?, at origin: Point = Point(x: 6, y: 1)) throws -> RecordedFrame {
            try backend.draw(frame(lines))
            if let image { try backend.writeImage(image, at: origin) }
            try backend.flush()
            return try #require(backend.lastFrame)
        }
        _ = try show(["list"], picture)
        // Changes left and right of the image on one row: curses may repaint across it.
        #expect(try show(["list", "x          y"], picture).sentImages.count == 1)
        #expect(try show(["list", "x          y"], picture).sentImages.isEmpty)
        // Moved.
        #expect(try show(["list", "x          y"], picture, at: Point(x: 5, y: 1)).sentImages.count == 1)
        // New content.
        let other = TerminalImage(bytes: picture.bytes + [0x20], cells: picture.cells)
        #expect(try show(["list", "x          y"], other, at: Point(x: 5, y: 1)).sentImages.count == 1)
        // Removed: its cells are repainted (they change from backdrop to blank).
        let gone = try show(["list", "x          y"], nil)
        #expect(gone.sentImages.isEmpty && gone.images.isEmpty)
        #expect(gone.changedCells == 12)
        // Back after a removal: sent again.
        #expect(try show(["list", "x          y"], picture).sentImages.count == 1)
        // A resize or invalidate sends everything again.
        backend.invalidate()
        #expect(try show(["list", "x          y"], picture).sentImages.count == 1)
    }

    @Test func imageLayerRules() {
        var layer = ImageLayer()
        let p = ImagePlacement(picture, at: Point(x: 4, y: 2))  // cells x 4..<8, y 2..<5
        #expect(layer.plan([p], changes: [], fullRedraw: false) == [p])
        #expect(layer.plan([p], changes: [], fullRedraw: false).isEmpty)
        #expect(layer.plan([p], changes: [CellRun(y: 0, x: 0, length: 12)], fullRedraw: false).isEmpty)  // rows above
        #expect(layer.plan([p], changes: [CellRun(y: 3, x: 0, length: 4)], fullRedraw: false).isEmpty)   // left only
        #expect(layer.plan([p], changes: [CellRun(y: 3, x: 8, length: 2)], fullRedraw: false).isEmpty)   // right only
        #expect(layer.plan([p], changes: [CellRun(y: 3, x: 7, length: 1)], fullRedraw: false) == [p])    // inside
        #expect(layer.plan([p], changes: [CellRun(y: 4, x: 1, length: 1), CellRun(y: 4, x: 9, length: 1)], fullRedraw: false) == [p])
        #expect(layer.plan([p], changes: [], fullRedraw: true) == [p])
    }

    /// Curses scrolls a region when it finds a line elsewhere on the previous screen; a sixel
    /// picture would scroll with it. Every row under a picture is unique, and blank-looking.
    @Test func backdropRowsAreUniqueBlanks() {
        let tall = TerminalImage(bytes: picture.bytes, cells: Size(width: 12, height: 30))
        let buffer = ImageLayer.applyBackdrops([ImagePlacement(tall, at: Point(x: 2, y: 1))], to: CellBuffer(width: 20, height: 32))
        var rows: [String] = []
        for y in 0..<32 {
            let line = String((0..<20).map { buffer[$0, y].character })
            #expect(line.allSatisfy { $0 == " " || $0 == "\u{2800}" }, "row \(y) is not blank")
            if (1..<31).contains(y) { rows.append(line) }
        }
        #expect(Set(rows).count == rows.count, "two picture rows are the same line")
        #expect(!rows.contains(String(repeating: " ", count: 20)), "a picture row looks like an empty line")
    }
}
