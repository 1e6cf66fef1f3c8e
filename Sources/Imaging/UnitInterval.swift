// Float-to-integer conversions of values derived from a file: a NaN or infinity that slipped past
// the header checks must give a dark (or bright) pixel, never a trap (Swift traps converting a
// non-finite value to an integer).
extension BinaryFloatingPoint {
    /// The value clamped to 0...1, NaN as 0.
    @inlinable
    public var clampedToUnit: Self {
        guard !isNaN else { return 0 }
        return Swift.min(Swift.max(self, 0), 1)
    }

    /// 0...1 as a byte 0...255 (rounded), NaN as 0.
    @inlinable
    public var unitByte: UInt8 { UInt8(clampedToUnit * 255 + 0.5) }
}
