// A rectangle of cells: origin at its top-left cell, size in columns and rows. Sizes never go
// negative: shrinking past zero gives an empty rectangle, which every drawer treats as "draw
// nothing", so a terminal made tiny degrades instead of trapping.

public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y
        self.width = max(width, 0); self.height = max(height, 0)
    }
    public init(origin: Point, size: Size) {
        self.init(x: origin.x, y: origin.y, width: size.width, height: size.height)
    }
    public init(size: Size) { self.init(x: 0, y: 0, width: size.width, height: size.height) }

    public var origin: Point { Point(x: x, y: y) }
    public var size: Size { Size(width: width, height: height) }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var area: Int { width * height }
    public var description: String { "(\(x),\(y) \(width)x\(height))" }

    public func contains(_ p: Point) -> Bool { p.x >= x && p.x < maxX && p.y >= y && p.y < maxY }
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }

    /// The overlap; empty (at the clamped origin) when they do not meet.
    public func intersection(_ other: Rect) -> Rect {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        let x1 = min(maxX, other.maxX), y1 = min(maxY, other.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    public func intersects(_ other: Rect) -> Bool { !intersection(other).isEmpty }

    /// Shrunk by `insets` on each side.
    public func inset(by insets: Insets) -> Rect {
        Rect(x: x + insets.left, y: y + insets.top,
             width: width - insets.left - insets.right, height: height - insets.top - insets.bottom)
    }
    public func inset(by n: Int) -> Rect { inset(by: Insets(all: n)) }

    /// A rectangle of at most `size`, centred in this one (a modal dialog's place). Odd leftovers
    /// go below and to the right, so the box sits a little high, where the eye expects it.
    public func centered(_ size: Size) -> Rect {
        let w = min(size.width, width), h = min(size.height, height)
        return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }

    /// The top `n` rows (clamped), and the rest below.
    public func top(_ n: Int) -> Rect { Rect(x: x, y: y, width: width, height: min(max(n, 0), height)) }
    public func bottom(_ n: Int) -> Rect {
        let h = min(max(n, 0), height)
        return Rect(x: x, y: maxY - h, width: width, height: h)
    }
    public func left(_ n: Int) -> Rect { Rect(x: x, y: y, width: min(max(n, 0), width), height: height) }
    public func right(_ n: Int) -> Rect {
        let w = min(max(n, 0), width)
        return Rect(x: maxX - w, y: y, width: w, height: height)
    }

    /// One row of this rectangle (row 0 is the top); empty outside.
    public func row(_ i: Int) -> Rect {
        guard i >= 0 && i < height else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: x, y: y + i, width: width, height: 1)
    }
}
