// A region of a view in fractions of its size: the zoomed part, independent of pixels.

/// A rectangle in fractions of an image's width and height.
public struct NormalizedRegion: Hashable, Sendable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public static let whole = NormalizedRegion(x: 0, y: 0, width: 1, height: 1)
    public var isWhole: Bool { x <= 0 && y <= 0 && width >= 1 && height >= 1 }
}

extension NormalizedRegion {
    /// The smallest region holding both (the same crop for a view and its prior).
    public func union(_ other: NormalizedRegion) -> NormalizedRegion {
        let x0 = min(x, other.x), y0 = min(y, other.y)
        return NormalizedRegion(x: x0, y: y0, width: max(x + width, other.x + other.width) - x0,
                                height: max(y + height, other.y + other.height) - y0)
    }
}
