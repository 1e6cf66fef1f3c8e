// Colour arithmetic the encoders share: brightness for tone ramps, distance for nearest colours.
import MammoCore

extension RGBColor {
    @inlinable
    public var isGrey: Bool { r == g && g == b }

    /// Rec. 601 luma in 0...255 with integer weights 77/150/29 of 256: used to order colours by
    /// brightness and to map them onto a tone ramp, not for colour science.
    @inlinable
    public var luma: UInt8 {
        UInt8(truncatingIfNeeded: (77 * Int(r) + 150 * Int(g) + 29 * Int(b) + 128) >> 8)
    }

    /// Squared Euclidean distance in RGB: what "nearest colour" means throughout TermGraphics.
    @inlinable
    public func distanceSquared(to other: RGBColor) -> Int {
        let dr = Int(r) - Int(other.r), dg = Int(g) - Int(other.g), db = Int(b) - Int(other.b)
        return dr * dr + dg * dg + db * db
    }

    static let black = RGBColor(grey: 0)
    static let white = RGBColor(grey: 255)
}
