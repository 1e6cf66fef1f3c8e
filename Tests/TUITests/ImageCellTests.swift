// TermGraphics' text-cell pictures (braille, half blocks) drawn into a cell buffer.
import MammoCore
import TermGraphics
import Testing
@testable import TUI

@Suite struct ImageCellTests {
    @Test func encodedCellGridsDrawAsCells() {
        let grid = ImageCellGrid(columns: 3, rows: 2, cells: [
            ImageCell("⣿", foreground: .rgb(RGBColor(grey: 200)), background: .indexed(232)),
            ImageCell("⠀"), ImageCell("▀", foreground: .indexed(250)),
            ImageCell("a"), ImageCell("b"), ImageCell("c"),
        ])
        var b = CellBuffer(width: 4, height: 3)
        b.draw(grid, at: Point(x: 2, y: 1))
        #expect(b.lines == ["    ", "  ⣿⠀", "  ab"])
        #expect(b[2, 1].foreground == .rgb(RGBColor(grey: 200)))
        #expect(b[2, 1].background == .indexed(232))
        #expect(b[3, 1].foreground == .default)
        // Clipped on the left too.
        var c = CellBuffer(width: 2, height: 2)
        c.draw(grid, at: Point(x: -1, y: 0))
        #expect(c.lines == ["⠀▀", "bc"])
    }
}
