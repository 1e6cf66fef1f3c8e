// Raster → half-block cells: U+2580 (upper half) with the top pixel as foreground and the
// bottom pixel as background, so every pixel keeps its own colour at 1x2 pixels per cell.
import MammoCore

/// With 256 colours each grey pixel is dithered between the two palette greys around it with
/// an ordered threshold at its image coordinates (the 24-step ramp alone would band); colour
/// pixels take the nearest slot. Monochrome output picks among space, ▀, ▄ and █.
public struct HalfBlockEncoder: Sendable {
    public var depth: ColourDepth

    public init(depth: ColourDepth = .truecolor) { self.depth = depth }

    public func encode(_ raster: DisplayRaster, anchor: DitherAnchor = .origin) -> ImageCellGrid {
        let columns = raster.width, rows = (raster.height + 1) / 2
        var cells: [ImageCell] = []
        cells.reserveCapacity(columns * rows)
        for row in 0..<rows {
            for x in 0..<columns {
                let top = raster.colour(x: x, y: row * 2)
                let bottom = row * 2 + 1 < raster.height ? raster.colour(x: x, y: row * 2 + 1) : nil
                cells.append(cell(top: top, bottom: bottom, x: x, y: row * 2, anchor: anchor))
            }
        }
        return ImageCellGrid(columns: columns, rows: rows, cells: cells)
    }

    private func cell(top: RGBColor, bottom: RGBColor?, x: Int, y: Int, anchor: DitherAnchor) -> ImageCell {
        switch depth {
        case .monochrome:
            let upper = Self.on(top, x: x + anchor.x, y: y + anchor.y)
            let lower = bottom.map { Self.on($0, x: x + anchor.x, y: y + 1 + anchor.y) } ?? false
            return ImageCell(upper ? (lower ? "█" : "▀") : (lower ? "▄" : " "))
        case .truecolor:
            return Self.pair(.rgb(top), bottom.map { .rgb($0) })
        case .palette256:
            let upper = Self.slot(top, x: x + anchor.x, y: y + anchor.y)
            return Self.pair(upper, bottom.map { Self.slot($0, x: x + anchor.x, y: y + 1 + anchor.y) })
        }
    }

    /// ▀ in the top colour over the bottom colour; a space when both are the same.
    private static func pair(_ top: CellColour, _ bottom: CellColour?) -> ImageCell {
        top == bottom ? ImageCell(" ", foreground: top, background: bottom) : ImageCell("▀", foreground: top, background: bottom)
    }

    /// Ordered dither between the greys around a level; nearest slot for a colour.
    static func slot(_ c: RGBColor, x: Int, y: Int) -> CellColour {
        guard c.isGrey else { return .indexed(Xterm256.nearest(c)) }
        let (lower, upper) = Xterm256.greyBracket(c.r)
        guard upper.value > lower.value else { return .indexed(lower.slot) }
        // (level - lower) / (upper - lower) against (k + 0.5) / 64, in integers.
        let k = OrderedDither.index(x: x, y: y)
        return .indexed((Int(c.r) - lower.value) * 128 > (2 * k + 1) * (upper.value - lower.value) ? upper.slot : lower.slot)
    }

    static func on(_ c: RGBColor, x: Int, y: Int) -> Bool {
        Int(c.luma) * 128 > (2 * OrderedDither.index(x: x, y: y) + 1) * 255
    }
}
