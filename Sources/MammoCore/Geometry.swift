// Geometry in image pixel coordinates (x right, y down, origin at the top-left pixel's corner).

public struct PixelSize: Hashable, Codable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}

public struct PixelPoint: Hashable, Codable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

/// An axis-aligned box in pixel coordinates; `x`,`y` is the top-left corner.
public struct PixelBox: Hashable, Codable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var center: PixelPoint { PixelPoint(x: x + width / 2, y: y + height / 2) }
    /// The four corners clockwise from the top left: the box as a closed outline.
    public var corners: [PixelPoint] {
        [PixelPoint(x: x, y: y), PixelPoint(x: maxX, y: y), PixelPoint(x: maxX, y: maxY), PixelPoint(x: x, y: maxY)]
    }

    /// The smallest box holding all points; nil for none.
    public init?(bounding points: [PixelPoint]) {
        guard let first = points.first else { return nil }
        var (x0, y0, x1, y1) = (first.x, first.y, first.x, first.y)
        for p in points { x0 = min(x0, p.x); y0 = min(y0, p.y); x1 = max(x1, p.x); y1 = max(y1, p.y) }
        self.init(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}

/// Physical pixel spacing in millimetres (row spacing, column spacing as DICOM orders them).
public struct PixelSpacing: Hashable, Codable, Sendable {
    public var row: Double
    public var column: Double
    public init(row: Double, column: Double) { self.row = row; self.column = column }
}
