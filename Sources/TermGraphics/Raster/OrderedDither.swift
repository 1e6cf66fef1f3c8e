// Ordered (Bayer 8x8) dither thresholds anchored to image coordinates, so that a pattern stays
// put on the image when the view pans instead of crawling across it.

public enum OrderedDither {
    /// The 8x8 Bayer index matrix, values 0...63, row-major.
    public static let bayer8: [UInt8] = {
        var m = [UInt8](repeating: 0, count: 64)
        for y in 0..<8 {
            for x in 0..<8 {
                // Bit-interleave x XOR y and y, reversed: the classic recursive Bayer construction.
                let v = x ^ y
                var r = 0
                for bit in 0..<3 {
                    r |= ((v >> bit) & 1) << (5 - 2 * bit)
                    r |= ((y >> bit) & 1) << (4 - 2 * bit)
                }
                m[y * 8 + x] = UInt8(r)
            }
        }
        return m
    }()

    /// Bayer index 0...63 at image position (x, y); negative positions wrap like positive ones.
    @inlinable
    public static func index(x: Int, y: Int) -> Int {
        Int(bayer8[((y & 7) << 3) | (x & 7)])
    }

    /// Threshold strictly inside (0, 1): (index + 0.5) / 64.
    @inlinable
    public static func threshold(x: Int, y: Int) -> Double {
        (Double(index(x: x, y: y)) + 0.5) / 64
    }
}

/// Where a raster's top-left pixel sits in a stable image coordinate frame (the zoomed image),
/// so dither patterns are computed in that frame rather than relative to the visible window.
public struct DitherAnchor: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public init(x: Int = 0, y: Int = 0) { self.x = x; self.y = y }
    public static let origin = DitherAnchor()
}
