// A line's dash pattern in pixels along it: solid, dashed or dotted, so marks of different
// weight stay apart without colour (in braille, half blocks and sixel alike).

public struct LineDash: Hashable, Sendable {
    /// Pixels drawn, then pixels skipped; `off` 0 is a solid line.
    public var on: Int
    public var off: Int

    public init(on: Int, off: Int) {
        self.on = max(on, 1)
        self.off = max(off, 0)
    }

    public static let solid = LineDash(on: 1, off: 0)

    /// Whether the `step`th pixel along the line is drawn.
    @inlinable
    public func draws(_ step: Int) -> Bool { off == 0 || step % (on + off) < on }
}
