// A composed colour raster turned into bytes for this terminal: sixel, or braille / half-block
// / ASCII text lines, with the caption around it. The one place `show` decides the encoding.
import Foundation
import Imaging
import MammoCore
import TermGraphics

public struct TerminalPicture: Sendable {
    public var choice: GraphicsChoice
    public var capabilities: TerminalCapabilities

    public init(choice: GraphicsChoice, capabilities: TerminalCapabilities) {
        self.choice = choice
        self.capabilities = capabilities
    }

    /// Probes the terminal (once) and applies --graphics and --sixel-greys.
    public static func detect(override: GraphicsOverride, sixelGreys: Int? = nil) -> TerminalPicture {
        let (caps, _) = TerminalCapabilities.detect(environment: ProcessInfo.processInfo.environment)
        return TerminalPicture(choice: chooseGraphics(caps, override: override, sixelGreys: sixelGreys), capabilities: caps)
    }

    /// The cell area to draw into: asked for, else the window less `reservedRows` for text,
    /// else 80x24.
    public func cellArea(columns: Int?, rows: Int?, reservedRows: Int) -> CellArea {
        let window = capabilities.windowCells ?? CellArea(columns: 80, rows: 24)
        return CellArea(columns: max(columns ?? window.columns, 8), rows: max(rows ?? (window.rows - reservedRows), 4))
    }

    /// The raster size for a cell area in the chosen mode, and its pixel aspect (height/width).
    public func raster(for cells: CellArea) -> RasterGeometry {
        var geometry = choice.mode.rasterGeometry(cells: cells, cellPixels: capabilities.cellPixelSize)
        if choice.mode == .sixel, let limit = capabilities.sixelMaxSize, limit.width > 0, limit.height > 0 {
            geometry.width = min(geometry.width, limit.width)
            geometry.height = min(geometry.height, limit.height)
        }
        return geometry
    }

    /// Bytes that draw `image` at the cursor and leave the cursor below it.
    public func encode(_ image: ColorImage) -> [UInt8] {
        let raster = DisplayRaster(image)
        switch choice.mode {
        case .sixel:
            let palette = SixelPalette.standard(registers: choice.sixelRegisters, greyLevels: choice.sixelGreyLevels)
            let sixel = SixelEncoder(palette: palette).encode(raster)
            let framed = capabilities.synchronizedOutput ? TerminalSequence.synchronized(sixel) : sixel
            return framed + Array("\n".utf8)
        case .braille:
            return lines(BrailleEncoder(depth: choice.depth).encode(raster).sgrLines())
        case .blocks:
            return lines(HalfBlockEncoder(depth: choice.depth).encode(raster).sgrLines())
        case .ascii:
            return lines(AsciiEncoder().encode(raster))
        }
    }

    private func lines(_ rows: [String]) -> [UInt8] {
        Array(rows.map { $0 + "\n" }.joined().utf8)
    }

    /// Resamples a square-pixel image to a raster whose pixels are `aspect` times taller than
    /// wide (nearest row), so round things stay round on screen.
    public static func correctAspect(_ image: ColorImage, aspect: Double, height: Int) -> ColorImage {
        guard abs(aspect - 1) > 0.02, image.height != height, height > 0 else { return image }
        var out = ColorImage(width: image.width, height: height, repeating: RGBColor(grey: 0))
        for y in 0..<height {
            let sy = min(Int((Double(y) + 0.5) * Double(image.height) / Double(height)), image.height - 1)
            for x in 0..<image.width { out[x, y] = image[x, sy] }
        }
        return out
    }
}
