// Raster → braille cells (U+2800 block, 2x4 dots per cell). Each cell's two colours carry the
// tone and its dots carry the detail, so a grey image keeps both at text resolution.
import MammoCore

/// Dots are small: a cell looks mostly like its background. So the background is the cell's
/// mean colour (its tone), and the dots mark detail: the 8 pixels are split in two groups along
/// the channel where they differ most, the smaller group (on a tie the higher one: bright
/// calcifications and edges) becomes the foreground at its mean colour, and a dot is set where
/// a pixel lies towards the foreground beyond an ordered threshold, taken at the pixel's image
/// coordinates so panning does not shimmer.
/// With 256 colours a cell whose two colours round to the same slot is dithered between the
/// greys around its tone instead, so smooth gradients keep their steps.
public struct BrailleEncoder: Sendable {
    public var depth: ColourDepth

    public init(depth: ColourDepth = .truecolor) { self.depth = depth }

    /// Dot bit for pixel (dx, dy) of a cell: dots 1-2-3-7 down the left, 4-5-6-8 the right.
    static let dotBit: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
    static let glyphs: [Character] = (0..<256).map { i in
        i == 0 ? " " : Unicode.Scalar(0x2800 + i).map(Character.init) ?? " "
    }

    public func encode(_ raster: DisplayRaster, anchor: DitherAnchor = .origin) -> ImageCellGrid {
        let columns = (raster.width + 1) / 2, rows = (raster.height + 3) / 4
        var cells: [ImageCell] = []
        cells.reserveCapacity(columns * rows)
        var px = [RGBColor](repeating: .black, count: 8)
        var pos = [(x: Int, y: Int)](repeating: (0, 0), count: 8)
        for row in 0..<rows {
            for column in 0..<columns {
                var n = 0
                for dy in 0..<4 {
                    for dx in 0..<2 {
                        let x = column * 2 + dx, y = row * 4 + dy
                        guard x < raster.width, y < raster.height else { continue }
                        px[n] = raster.colour(x: x, y: y); pos[n] = (x, y); n += 1
                    }
                }
                cells.append(cell(px[0..<n], at: pos[0..<n], anchor: anchor))
            }
        }
        return ImageCellGrid(columns: columns, rows: rows, cells: cells)
    }

    private func cell(_ px: ArraySlice<RGBColor>, at pos: ArraySlice<(x: Int, y: Int)>, anchor: DitherAnchor) -> ImageCell {
        func threshold(_ i: Int) -> Int {
            // Bayer index 0...63 → threshold (k + 0.5) / 64, here in 1/128ths.
            2 * OrderedDither.index(x: pos[i].x + anchor.x, y: pos[i].y + anchor.y) + 1
        }
        func bit(_ i: Int) -> UInt8 {
            Self.dotBit[(pos[i].x) & 1][(pos[i].y) & 3]
        }
        if depth == .monochrome {
            var bits: UInt8 = 0
            for i in px.indices where Int(px[i].luma) * 128 > threshold(i) * 255 { bits |= bit(i) }
            return ImageCell(Self.glyphs[Int(bits)])
        }
        let (fgIdeal, bgIdeal, allGrey) = Self.toneAndDetail(px)
        var fg: RGBColor, bg: RGBColor
        var fgColour: CellColour, bgColour: CellColour
        switch depth {
        case .truecolor, .monochrome:
            fg = fgIdeal; bg = bgIdeal
            fgColour = .rgb(fg); bgColour = .rgb(bg)
        case .palette256:
            var fgSlot = Xterm256.nearest(fgIdeal), bgSlot = Xterm256.nearest(bgIdeal)
            if fgSlot == bgSlot && allGrey {
                // Too little contrast for two slots: dither between the greys around the tone.
                let mean = px.reduce(0) { $0 + Int($1.r) } / px.count
                let (lower, upper) = Xterm256.greyBracket(UInt8(mean))
                fgSlot = upper.slot; bgSlot = lower.slot
            }
            fg = Xterm256.colour(of: fgSlot); bg = Xterm256.colour(of: bgSlot)
            fgColour = .indexed(fgSlot); bgColour = .indexed(bgSlot)
        }
        // Position of each pixel between bg (0) and fg (1), against the ordered threshold.
        let d = (Int(fg.r) - Int(bg.r), Int(fg.g) - Int(bg.g), Int(fg.b) - Int(bg.b))
        let length = d.0 * d.0 + d.1 * d.1 + d.2 * d.2
        var bits: UInt8 = 0
        if length > 0 {
            for i in px.indices {
                let p = px[i]
                let along = (Int(p.r) - Int(bg.r)) * d.0 + (Int(p.g) - Int(bg.g)) * d.1 + (Int(p.b) - Int(bg.b)) * d.2
                if along * 128 > threshold(i) * length { bits |= bit(i) }
            }
        }
        if bits == 0 { fgColour = bgColour }
        return ImageCell(Self.glyphs[Int(bits)], foreground: fgColour, background: bgColour)
    }

    /// The detail colour (foreground) and the tone (background), and whether every pixel is
    /// grey. Split on the channel with the widest range at its mean; the smaller group is the
    /// detail. A flat cell gives its colour twice.
    static func toneAndDetail(_ px: ArraySlice<RGBColor>) -> (RGBColor, RGBColor, Bool) {
        var lo = (255, 255, 255), hi = (0, 0, 0), sum = (0, 0, 0)
        var allGrey = true
        for p in px {
            let c = (Int(p.r), Int(p.g), Int(p.b))
            lo = (min(lo.0, c.0), min(lo.1, c.1), min(lo.2, c.2))
            hi = (max(hi.0, c.0), max(hi.1, c.1), max(hi.2, c.2))
            sum = (sum.0 + c.0, sum.1 + c.1, sum.2 + c.2)
            allGrey = allGrey && p.isGrey
        }
        let ranges = [hi.0 - lo.0, hi.1 - lo.1, hi.2 - lo.2]
        let axis = ranges[0] >= ranges[1] && ranges[0] >= ranges[2] ? 0 : ranges[1] >= ranges[2] ? 1 : 2
        func channel(_ p: RGBColor) -> Int { axis == 0 ? Int(p.r) : axis == 1 ? Int(p.g) : Int(p.b) }
        let total = axis == 0 ? sum.0 : axis == 1 ? sum.1 : sum.2
        var upper = (0, 0, 0, 0), lower = (0, 0, 0, 0)  // sums r, g, b and count
        for p in px {
            // Compare channel * count with the channel sum: the mean without division.
            if channel(p) * px.count > total {
                upper = (upper.0 + Int(p.r), upper.1 + Int(p.g), upper.2 + Int(p.b), upper.3 + 1)
            } else {
                lower = (lower.0 + Int(p.r), lower.1 + Int(p.g), lower.2 + Int(p.b), lower.3 + 1)
            }
        }
        func mean(_ s: (Int, Int, Int, Int)) -> RGBColor {
            RGBColor(r: UInt8((s.0 + s.3 / 2) / s.3), g: UInt8((s.1 + s.3 / 2) / s.3), b: UInt8((s.2 + s.3 / 2) / s.3))
        }
        let n = px.count
        let tone = mean((sum.0, sum.1, sum.2, n))
        guard upper.3 > 0, lower.3 > 0 else { return (tone, tone, allGrey) }
        return (upper.3 <= lower.3 ? mean(upper) : mean(lower), tone, allGrey)
    }
}
