// Where a stored image's pixels land on a display raster: scale plus flips. Lesion outlines,
// boxes and heatmaps are kept in stored-image coordinates and mapped through this.
import MammoCore

public struct DisplayGeometry: Sendable, Equatable {
    public var stored: PixelSize
    public var display: PixelSize
    public var flipHorizontal: Bool
    public var flipVertical: Bool

    public init(stored: PixelSize, display: PixelSize, flipHorizontal: Bool = false, flipVertical: Bool = false) {
        self.stored = stored; self.display = display
        self.flipHorizontal = flipHorizontal; self.flipVertical = flipVertical
    }

    public var scaleX: Double { Double(display.width) / Double(max(stored.width, 1)) }
    public var scaleY: Double { Double(display.height) / Double(max(stored.height, 1)) }

    /// A point in stored-image pixel coordinates on the display raster.
    public func toDisplay(_ p: PixelPoint) -> PixelPoint {
        var x = p.x * scaleX, y = p.y * scaleY
        if flipHorizontal { x = Double(display.width) - x }
        if flipVertical { y = Double(display.height) - y }
        return PixelPoint(x: x, y: y)
    }

    /// A display point back in stored-image coordinates (for a cursor or a click).
    public func toStored(_ p: PixelPoint) -> PixelPoint {
        var x = p.x, y = p.y
        if flipHorizontal { x = Double(display.width) - x }
        if flipVertical { y = Double(display.height) - y }
        return PixelPoint(x: x / scaleX, y: y / scaleY)
    }

    public func toDisplay(_ box: PixelBox) -> PixelBox {
        let a = toDisplay(PixelPoint(x: box.x, y: box.y)), b = toDisplay(PixelPoint(x: box.maxX, y: box.maxY))
        return PixelBox(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
    }

    public func flipped(horizontal: Bool, vertical: Bool) -> DisplayGeometry {
        DisplayGeometry(stored: stored, display: display, flipHorizontal: flipHorizontal != horizontal,
                        flipVertical: flipVertical != vertical)
    }
}
