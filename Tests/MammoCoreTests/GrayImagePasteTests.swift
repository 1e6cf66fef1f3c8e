// Pasting one raster into another: the row copies against a per-pixel reference, clipped to
// the canvas and to a tile.
import MammoCore
import Testing

@Suite("GrayImage paste")
struct GrayImagePasteTests {
    /// The per-pixel reference: every source pixel that lands inside the canvas and the clip.
    static func reference(_ canvas: GrayImage<Int>, _ source: GrayImage<Int>, x: Int, y: Int,
                          columns: Range<Int>, rows: Range<Int>) -> GrayImage<Int> {
        var out = canvas
        for sy in 0..<source.height {
            for sx in 0..<source.width {
                let cx = x + sx, cy = y + sy
                guard cx >= 0, cy >= 0, cx < canvas.width, cy < canvas.height, columns.contains(cx), rows.contains(cy) else { continue }
                out[cx, cy] = source[sx, sy]
            }
        }
        return out
    }

    @Test(arguments: [(0, 0), (-3, 2), (5, -4), (7, 6), (-20, 0), (12, 12)])
    func matchesThePerPixelReference(x: Int, y: Int) {
        let canvas = GrayImage(width: 11, height: 9, pixels: Array(repeating: -1, count: 99))
        let source = GrayImage(width: 6, height: 5, pixels: Array(0..<30))
        var whole = canvas
        whole.paste(source, x: x, y: y)
        #expect(whole.pixels == Self.reference(canvas, source, x: x, y: y, columns: 0..<11, rows: 0..<9).pixels)
        var tiled = canvas
        tiled.paste(source, x: x, y: y, columns: 2..<8, rows: 1..<5)
        #expect(tiled.pixels == Self.reference(canvas, source, x: x, y: y, columns: 2..<8, rows: 1..<5).pixels)
    }
}
