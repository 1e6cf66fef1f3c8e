// The magnifier's geometry on one view's picture: a square box around the cursor, kept inside the
// picture at its edges, that shows the picture's neighbourhood of the cursor `factor` times larger.
// The point under the cursor stays under it (also where the box is pushed off-centre at an edge):
// a box pixel q shows the picture point c + (q - c) / factor.
import MammoCore

public struct MagnifierLens: Hashable, Sendable {
    /// Magnifications `G` cycles through.
    public static let factors = [2, 3, 4]
    /// The box's side as a share of the picture's shorter side.
    public static let share = 0.4

    /// The box on the picture: its top-left corner and side, in picture pixels.
    public var x: Int
    public var y: Int
    public var side: Int
    /// The picture region the box magnifies (picture pixels, fractional edges).
    public var source: PixelBox

    /// The lens for the cursor at picture point `cursor` on a picture of `size`; nil for a picture
    /// too small to hold one.
    public init?(cursor: PixelPoint, factor: Int, picture size: PixelSize) {
        let shorter = min(size.width, size.height)
        guard shorter >= 12, factor >= 1 else { return nil }
        let side = min(max(Int((Double(shorter) * Self.share).rounded()), 12), shorter)
        let c = PixelPoint(x: min(max(cursor.x, 0), Double(size.width)), y: min(max(cursor.y, 0), Double(size.height)))
        let x = min(max(Int((c.x - Double(side) / 2).rounded()), 0), size.width - side)
        let y = min(max(Int((c.y - Double(side) / 2).rounded()), 0), size.height - side)
        self.x = x; self.y = y; self.side = side
        let k = Double(factor)
        source = PixelBox(x: c.x + (Double(x) - c.x) / k, y: c.y + (Double(y) - c.y) / k, width: Double(side) / k, height: Double(side) / k)
    }
}
