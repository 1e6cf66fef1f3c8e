// An 8-bit sRGB colour, for overlays, colormaps and composed display rasters.

public struct RGBColor: Hashable, Codable, Sendable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    @inlinable
    public init(r: UInt8, g: UInt8, b: UInt8) { self.r = r; self.g = g; self.b = b }

    @inlinable
    public init(grey: UInt8) { self.init(r: grey, g: grey, b: grey) }

    /// Parses "#rrggbb" (as themes write colours); nil for anything else.
    public init?(hex: String) {
        var text = hex.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("#") { text.removeFirst() }
        guard text.count == 6, let value = UInt32(text, radix: 16) else { return nil }
        self.init(r: UInt8(value >> 16 & 0xFF), g: UInt8(value >> 8 & 0xFF), b: UInt8(value & 0xFF))
    }

    public var hex: String {
        let digits = Array("0123456789abcdef")
        return "#" + [r, g, b].map { String([digits[Int($0 >> 4)], digits[Int($0 & 0xF)]]) }.joined()
    }

    /// `self` over `base` with opacity `alpha` (0...1).
    @inlinable
    public func blended(over base: RGBColor, alpha: Float) -> RGBColor {
        let a = min(max(alpha, 0), 1)
        @inline(__always) func mix(_ top: UInt8, _ bottom: UInt8) -> UInt8 {
            UInt8((Float(top) * a + Float(bottom) * (1 - a)).rounded())
        }
        return RGBColor(r: mix(r, base.r), g: mix(g, base.g), b: mix(b, base.b))
    }
}

/// A composed colour raster (grey image plus overlays) at display resolution.
public typealias ColorImage = GrayImage<RGBColor>
