// A distance measured between two points of one view, in the view's stored pixels: its length in
// pixels and, through the view's pixel spacing, in millimetres. The reading screen's `m` and the
// annotation screen's measure both make these.
import Foundation
import MammoCore

public struct Measurement: Hashable, Sendable {
    public var view: ViewKey
    public var from: PixelPoint
    public var to: PixelPoint
    /// Row and column spacing in mm; nil when the file states none (the length is then in pixels only).
    public var spacing: PixelSpacing?

    public init(view: ViewKey, from: PixelPoint, to: PixelPoint, spacing: PixelSpacing?) {
        self.view = view; self.from = from; self.to = to; self.spacing = spacing
    }

    public var pixels: Double { hypot(to.x - from.x, to.y - from.y) }

    /// Columns run across (column spacing), rows down (row spacing): exact for non-square pixels.
    public var millimetres: Double? {
        guard let spacing, spacing.row > 0, spacing.column > 0, spacing.row.isFinite, spacing.column.isFinite else { return nil }
        return hypot((to.x - from.x) * spacing.column, (to.y - from.y) * spacing.row)
    }

    /// "23.4 mm (84 px)", or "84 px (no pixel spacing)".
    public var text: String {
        let px = "\(Int(pixels.rounded())) px"
        guard let mm = millimetres else { return "\(px) (no pixel spacing)" }
        return String(format: "%.1f mm", mm) + " (\(px))"
    }

    /// The words drawn beside the line (the picture's font has capitals, digits and "m").
    public var pictureLabel: String {
        millimetres.map { String(format: "%.1f mm", $0) } ?? "\(Int(pixels.rounded())) PX"
    }
}
