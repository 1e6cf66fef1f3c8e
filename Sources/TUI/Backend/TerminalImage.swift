// An image as terminal bytes (a complete sixel DCS string) with the cells it covers, and its
// placement on screen. A fingerprint of the bytes lets a backend tell "same picture" from
// "new picture" without comparing hundreds of kilobytes every frame.

public struct TerminalImage: Hashable, Sendable {
    public let bytes: [UInt8]
    /// Cells the image covers (its pixel size divided by the cell size, rounded up).
    public let cells: Size
    public let fingerprint: Int

    public init(bytes: [UInt8], cells: Size) {
        self.bytes = bytes
        self.cells = cells
        var hasher = Hasher()
        hasher.combine(bytes.count)
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        self.fingerprint = hasher.finalize()
    }

    public static func == (a: TerminalImage, b: TerminalImage) -> Bool {
        a.fingerprint == b.fingerprint && a.cells == b.cells && a.bytes.count == b.bytes.count
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(fingerprint)
        hasher.combine(cells)
    }
}

/// An image at a cell origin.
public struct ImagePlacement: Hashable, Sendable {
    public var image: TerminalImage
    public var origin: Point
    public init(_ image: TerminalImage, at origin: Point) { self.image = image; self.origin = origin }
    public var rect: Rect { Rect(origin: origin, size: image.cells) }
}
