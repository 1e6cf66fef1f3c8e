// Braille, half blocks and ASCII: the right characters for known patterns, colours within the
// grid, the 256-colour mapping, dithering that keeps tone, patterns anchored to the image, and
// escape-coded text that only sends changes.
import Foundation
import MammoCore
import Testing
@testable import TermGraphics

@Suite("Cell encoders")
struct CellEncoderTests {
    static func raster(_ width: Int, _ height: Int, _ level: (Int, Int) -> Int) -> DisplayRaster {
        var grey: [UInt8] = []
        for y in 0..<height { for x in 0..<width { grey.append(UInt8(min(max(level(x, y), 0), 255))) } }
        return DisplayRaster(width: width, height: height, grey: grey)
    }

    @Test func brailleDotsMarkDetailOverTheCellsTone() {
        // Left column white, right column black: dots 1, 2, 3, 7 in white over the mean grey.
        let left = BrailleEncoder().encode(Self.raster(2, 4) { x, _ in x == 0 ? 255 : 0 })
        #expect(left.columns == 1 && left.rows == 1)
        #expect(left[0, 0] == ImageCell("⡇", foreground: .rgb(.white), background: .rgb(RGBColor(grey: 128))))
        // Bottom row bright: dots 7 and 8; the background is the cell's mean, not the dark group.
        let bottom = BrailleEncoder().encode(Self.raster(2, 4) { _, y in y == 3 ? 200 : 20 })[0, 0]
        #expect(bottom == ImageCell("⣀", foreground: .rgb(RGBColor(grey: 200)), background: .rgb(RGBColor(grey: 65))))
        // One dark pixel in a bright cell: the smaller group is the detail, drawn dark.
        let pit = BrailleEncoder().encode(Self.raster(2, 4) { x, y in x == 1 && y == 2 ? 10 : 180 })[0, 0]
        #expect(pit.character == "⠠" && pit.foreground == .rgb(RGBColor(grey: 10)))
        // A flat cell is a blank carrying the tone in its background.
        let flat = BrailleEncoder().encode(Self.raster(2, 4) { _, _ in 77 })[0, 0]
        #expect(flat.character == " " && flat.background == .rgb(RGBColor(grey: 77)))
        // Partial cells at the right and bottom edges: 3x5 pixels → 2x2 cells.
        let edge = BrailleEncoder().encode(Self.raster(3, 5) { _, _ in 255 })
        #expect(edge.columns == 2 && edge.rows == 2)
    }

    @Test func brailleTextureAndColour() {
        let cell = BrailleEncoder().encode(Self.raster(2, 4) { x, y in (x + y) % 2 == 0 ? 210 : 30 })[0, 0]
        #expect(cell.foreground == .rgb(RGBColor(grey: 210)) && cell.background == .rgb(RGBColor(grey: 120)))
        #expect(cell.character == "⢕", "a checkerboard of dots: \(cell.character)")
        // A red pixel among greys splits on the red channel: the overlay keeps its hue as a dot.
        var r = Self.raster(2, 4) { _, _ in 100 }
        r.setOverlay(RGBColor(r: 255, g: 0, b: 0), x: 1, y: 1)
        let coloured = BrailleEncoder().encode(r)[0, 0]
        #expect(coloured.foreground == .rgb(RGBColor(r: 255, g: 0, b: 0)) && coloured.character == "⠐")
        #expect(coloured.background == .rgb(RGBColor(r: 119, g: 88, b: 88)))
    }

    @Test func xterm256PicksTheNearestGreyAndColour() {
        for level in 0...255 {
            let slot = Xterm256.nearestGrey(UInt8(level))
            let shown = Int(Xterm256.colour(of: slot).r)
            let best = Xterm256.greys.map { abs($0.value - level) }.min() ?? 0
            #expect(abs(shown - level) == best, "grey \(level) → slot \(slot) (\(shown))")
            #expect(slot >= 16, "never a themed system colour")
            let (lower, upper) = Xterm256.greyBracket(UInt8(level))
            #expect(lower.value <= level && level <= upper.value)
        }
        #expect(Xterm256.nearestGrey(0) == 16 && Xterm256.nearestGrey(255) == 231 && Xterm256.nearestGrey(128) == 244)
        var rng = TestRasters.Seeded(state: 5)
        for _ in 0..<1000 {
            let c = RGBColor(r: UInt8(rng.below(256)), g: UInt8(rng.below(256)), b: UInt8(rng.below(256)))
            let best = (16...255).map { Xterm256.colour(of: UInt8($0)).distanceSquared(to: c) }.min() ?? 0
            #expect(Xterm256.colour(of: Xterm256.nearest(c)).distanceSquared(to: c) == best, "\(c)")
        }
    }

    @Test func palette256DitheringKeepsTheTone() {
        // Grey 100 lies between palette greys 98 and 108: a fifth of the way up.
        let flat = Self.raster(64, 64) { _, _ in 100 }
        let braille = BrailleEncoder(depth: .palette256).encode(flat)
        var dots = 0
        for cell in braille.cells {
            #expect(cell.background == .indexed(Xterm256.nearestGrey(98)))
            dots += cell.character == " " ? 0 : (Int(cell.character.unicodeScalars.first?.value ?? 0x2800) - 0x2800).nonzeroBitCount
        }
        let fraction = Double(dots) / Double(64 * 64)
        #expect(abs(fraction - 0.2) < 0.03, "dot fraction \(fraction)")
        let blocks = HalfBlockEncoder(depth: .palette256).encode(flat)
        let mean = blocks.cells.flatMap { [$0.foreground, $0.background] }.compactMap { $0?.rgbValue.r }
            .reduce(0.0) { $0 + Double($1) } / Double(blocks.cells.count * 2)
        #expect(abs(mean - 100) < 0.5, "half blocks average \(mean)")
    }

    /// Panning by whole cells must not change the cells that stay on screen.
    @Test func patternsAreAnchoredToTheImage() {
        let image = TestRasters.noisy(width: 40, height: 32)
        func crop(_ r: DisplayRaster, x: Int, y: Int, w: Int, h: Int) -> DisplayRaster {
            var out = DisplayRaster(width: w, height: h, grey: (0..<(w * h)).map { r.grey[(y + $0 / w) * r.width + x + $0 % w] })
            for i in 0..<(w * h) { out.setOverlay(r.overlayColour(x: x + i % w, y: y + i / w), x: i % w, y: i / w) }
            return out
        }
        for depth in ColourDepth.allCases {
            let whole = BrailleEncoder(depth: depth).encode(image)
            let part = BrailleEncoder(depth: depth).encode(crop(image, x: 6, y: 8, w: 20, h: 16), anchor: DitherAnchor(x: 6, y: 8))
            for row in 0..<part.rows { for column in 0..<part.columns { #expect(part[column, row] == whole[column + 3, row + 2]) } }
            let wholeBlocks = HalfBlockEncoder(depth: depth).encode(image)
            let partBlocks = HalfBlockEncoder(depth: depth).encode(crop(image, x: 5, y: 4, w: 20, h: 16), anchor: DitherAnchor(x: 5, y: 4))
            for row in 0..<partBlocks.rows {
                for column in 0..<partBlocks.columns { #expect(partBlocks[column, row] == wholeBlocks[column + 5, row + 2]) }
            }
        }
    }

    @Test func halfBlocksCarryOnePixelEach() {
        var r = Self.raster(2, 3) { x, y in [[10, 20], [30, 20], [50, 60]][y][x] }
        r.setOverlay(RGBColor(r: 0, g: 200, b: 0), x: 0, y: 1)
        let grid = HalfBlockEncoder().encode(r)
        #expect(grid.columns == 2 && grid.rows == 2)
        #expect(grid[0, 0] == ImageCell("▀", foreground: .rgb(RGBColor(grey: 10)), background: .rgb(RGBColor(r: 0, g: 200, b: 0))))
        #expect(grid[1, 0].character == " " && grid[1, 0].background == .rgb(RGBColor(grey: 20)), "same colour twice: a space")
        #expect(grid[0, 1] == ImageCell("▀", foreground: .rgb(RGBColor(grey: 50)), background: nil), "no pixel below: default background")
        let mono = HalfBlockEncoder(depth: .monochrome).encode(Self.raster(4, 2) { x, y in [[255, 255, 0, 0], [255, 0, 255, 0]][y][x] })
        #expect(mono.text == ["█▀▄ "] && mono.cells.allSatisfy { $0.foreground == nil && $0.background == nil })
        let slot = HalfBlockEncoder(depth: .palette256).encode(r)[0, 0]
        #expect(slot.background == .indexed(Xterm256.nearest(RGBColor(r: 0, g: 200, b: 0))))
    }

    @Test func asciiIsPlainText() {
        let ramp = AsciiEncoder().encode(Self.raster(10, 1) { x, _ in x * 255 / 9 })
        #expect(ramp == [" .:-=+*#%@"])
        let lines = AsciiEncoder(dither: true).encode(TestRasters.noisy(width: 30, height: 10))
        #expect(lines.count == 10 && lines.allSatisfy { $0.count == 30 })
        #expect(lines.joined().unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 }, "no escape codes")
        // Dithering a flat tone halfway between two ramp characters mixes them about evenly.
        let half = AsciiEncoder(dither: true).encode(Self.raster(16, 16) { _, _ in 42 }).joined()
        let counts = Dictionary(grouping: half, by: { $0 }).mapValues(\.count)
        #expect(Set(counts.keys) == [".", ":"] && abs((counts["."] ?? 0) - 128) < 20, "\(counts)")
        #expect(AsciiEncoder().encodeCells(Self.raster(3, 2) { _, _ in 255 }).text == ["@@@", "@@@"])
    }

    @Test func sgrTextSendsOnlyChanges() {
        let grid = ImageCellGrid(columns: 4, rows: 1, cells: [
            ImageCell("▀", foreground: .rgb(.white), background: .indexed(16)),
            ImageCell("▀", foreground: .rgb(.white), background: .indexed(16)),
            ImageCell(" ", foreground: .rgb(RGBColor(grey: 9)), background: .indexed(16)),
            ImageCell("x", foreground: nil, background: nil),
        ])
        #expect(grid.sgrLines() == ["\u{1B}[38;2;255;255;255;48;5;16m▀▀ \u{1B}[39;49mx\u{1B}[0m"])
        #expect(String(decoding: grid.sgrText(row: 5, column: 3), as: UTF8.self).hasPrefix("\u{1B}[5;3H\u{1B}[38;2"))
        // A real image: every row starts by setting its colours and ends with a reset.
        let lines = BrailleEncoder(depth: .palette256).encode(TestRasters.noisy(width: 20, height: 12)).sgrLines()
        #expect(lines.count == 3 && lines.allSatisfy { $0.hasPrefix("\u{1B}[") && $0.hasSuffix("\u{1B}[0m") })
    }

    @Test func rasterGeometryPerMode() {
        let cells = CellArea(columns: 80, rows: 24)
        let cell = PixelSize(width: 9, height: 18)
        #expect(GraphicsMode.braille.rasterGeometry(cells: cells, cellPixels: cell) == RasterGeometry(width: 160, height: 96, pixelAspect: 1))
        #expect(GraphicsMode.blocks.rasterGeometry(cells: cells, cellPixels: cell) == RasterGeometry(width: 80, height: 48, pixelAspect: 1))
        #expect(GraphicsMode.ascii.rasterGeometry(cells: cells, cellPixels: cell) == RasterGeometry(width: 80, height: 24, pixelAspect: 2))
        #expect(GraphicsMode.sixel.rasterGeometry(cells: cells, cellPixels: cell) == RasterGeometry(width: 720, height: 432, pixelAspect: 1))
        // Unknown cell size: 10x20 assumed.
        #expect(GraphicsMode.sixel.rasterGeometry(cells: cells, cellPixels: nil).width == 800)
        #expect(GraphicsMode.sixel.rasterGeometry(cells: cells, cellPixels: PixelSize(width: 0, height: 0)).height == 480)
        // xterm's fixed font, 6x13: braille dots a little taller than wide.
        let xterm = GraphicsMode.braille.rasterGeometry(cells: cells, cellPixels: PixelSize(width: 6, height: 13))
        #expect(abs(xterm.pixelAspect - 13.0 / 12.0) < 1e-9)
    }

    @Test func orderedDitherMatrixIsAPermutation() {
        #expect(Set(OrderedDither.bayer8).count == 64 && OrderedDither.bayer8.max() == 63)
        #expect(OrderedDither.index(x: -1, y: -1) == OrderedDither.index(x: 7, y: 7))
        #expect(Array(OrderedDither.bayer8.prefix(2)) == [0, 32] && OrderedDither.bayer8[8] == 48)
    }
}
