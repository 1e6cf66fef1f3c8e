// Raster → plain text for dumb terminals and NO_COLOR: one character per pixel from a tone
// ramp, no escape codes at all. The raster should come with the cell's aspect corrected
// (`GraphicsMode.ascii.rasterGeometry`), one pixel per cell.
import MammoCore

public struct AsciiEncoder: Sendable {
    /// Characters from darkest to brightest, for light text on a dark background (a mammogram's
    /// black background stays blank). Reverse it for dark-on-light terminals.
    public var ramp: [Character]
    /// Ordered dithering between neighbouring ramp characters, anchored to image coordinates.
    public var dither: Bool

    public static let defaultRamp: [Character] = Array(" .:-=+*#%@")

    public init(ramp: [Character] = AsciiEncoder.defaultRamp, dither: Bool = false) {
        self.ramp = ramp.isEmpty ? AsciiEncoder.defaultRamp : ramp
        self.dither = dither
    }

    public func encode(_ raster: DisplayRaster, anchor: DitherAnchor = .origin) -> [String] {
        let steps = ramp.count - 1
        return (0..<raster.height).map { y in
            String((0..<raster.width).map { x -> Character in
                let luma = Int(raster.colour(x: x, y: y).luma)
                guard steps > 0 else { return ramp[0] }
                // Position on the ramp in 1/128ths of a step; dithering moves the rounding point.
                let scaled = luma * steps * 128 / 255
                let offset = dither ? 2 * OrderedDither.index(x: x + anchor.x, y: y + anchor.y) + 1 : 64
                return ramp[min((scaled + 128 - offset) / 128, steps)]
            })
        }
    }

    /// As an `ImageCellGrid` without colours, for the TUI's cell buffer.
    public func encodeCells(_ raster: DisplayRaster, anchor: DitherAnchor = .origin) -> ImageCellGrid {
        let lines = encode(raster, anchor: anchor)
        return ImageCellGrid(columns: raster.width, rows: raster.height, cells: lines.flatMap { $0.map { ImageCell($0) } })
    }
}
