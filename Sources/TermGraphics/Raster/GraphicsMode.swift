// The ways an image can reach the terminal, and the raster each needs for a cell area: the
// caller (Imaging) resamples the image to exactly that size before encoding.
import MammoCore

public enum GraphicsMode: String, Sendable, CaseIterable {
    case sixel, braille, blocks, ascii
}

/// A rectangle of text cells.
public struct CellArea: Hashable, Sendable {
    public var columns: Int
    public var rows: Int
    public init(columns: Int, rows: Int) { self.columns = columns; self.rows = rows }
}

/// The raster to render for a cell area: its size, and the shape of one raster pixel on the
/// screen (height ÷ width; 1 is square). Resample with that aspect so circles stay round.
public struct RasterGeometry: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public var pixelAspect: Double
    public init(width: Int, height: Int, pixelAspect: Double) {
        self.width = width; self.height = height; self.pixelAspect = pixelAspect
    }
}

extension GraphicsMode {
    /// Assumed when the terminal does not say: most fonts' cells are twice as tall as wide.
    public static let assumedCellPixels = PixelSize(width: 10, height: 20)

    /// Pixels per cell: braille 2x4, blocks 1x2, ASCII 1x1, sixel the cell's pixel size.
    public func pixelsPerCell(cellPixels: PixelSize?) -> PixelSize {
        switch self {
        case .sixel: Self.usable(cellPixels)
        case .braille: PixelSize(width: 2, height: 4)
        case .blocks: PixelSize(width: 1, height: 2)
        case .ascii: PixelSize(width: 1, height: 1)
        }
    }

    /// The raster for `cells`. `cellPixels` comes from probing (16t, 14t or TIOCGWINSZ); only
    /// its aspect matters for the text modes.
    public func rasterGeometry(cells: CellArea, cellPixels: PixelSize?) -> RasterGeometry {
        let cell = Self.usable(cellPixels)
        let per = pixelsPerCell(cellPixels: cellPixels)
        let aspect = (Double(cell.height) / Double(per.height)) / (Double(cell.width) / Double(per.width))
        return RasterGeometry(width: max(cells.columns, 0) * per.width, height: max(cells.rows, 0) * per.height,
                              pixelAspect: aspect)
    }

    private static func usable(_ size: PixelSize?) -> PixelSize {
        guard let size, size.width > 0, size.height > 0 else { return assumedCellPixels }
        return size
    }
}
