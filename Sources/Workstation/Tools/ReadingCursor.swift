// The reading screen's tool cursor: a point in one view's stored pixels (integer pixel corners), the
// point the magnifier, the probe and the measure act on. It moves in display directions (right on
// screen is left in a mirrored view's pixels) by a share of the region shown, so a step is the same
// on screen at every zoom.
import MammoCore

public struct ReadingCursor: Hashable, Sendable {
    /// Steps per region shown: arrows and h j k l take 1/50 of it, H J K L 1/8.
    public static let smallStepsAcross = 50
    public static let bigStepsAcross = 8

    public var view: ViewKey
    public var point: PixelPoint

    public init(view: ViewKey, point: PixelPoint) {
        self.view = view
        self.point = point
    }

    /// The cursor at the centre of the region a zoom shows of a view with these facts.
    public init(view: ViewKey, centreOf zoom: ZoomState, facts: ViewFacts) {
        let c = zoom.storedCenter(stored: facts.storedSize, flipHorizontal: facts.flipHorizontal, flipVertical: facts.flipVertical)
        self.init(view: view, point: Self.clamped(c, facts.storedSize))
    }

    /// Moved `dx`, `dy` steps on screen (big: H J K L) within the region `zoom` shows; kept on the image.
    public func stepped(dx: Int, dy: Int, big: Bool, zoom: ZoomState, facts: ViewFacts) -> ReadingCursor {
        let crop = ViewRenderer.storedCrop(zoom.region, stored: facts.storedSize, flipHorizontal: facts.flipHorizontal,
                                           flipVertical: facts.flipVertical)
        let across = Double(big ? Self.bigStepsAcross : Self.smallStepsAcross)
        let step = max(1, (Double(max(crop.width, crop.height)) / across).rounded())
        let sx = Double(dx) * step * (facts.flipHorizontal ? -1 : 1), sy = Double(dy) * step * (facts.flipVertical ? -1 : 1)
        return ReadingCursor(view: view, point: Self.clamped(PixelPoint(x: point.x + sx, y: point.y + sy), facts.storedSize))
    }

    /// The same place on screen in another view (mirrored views keep it mirrored): what Tab does.
    public func moved(to other: ViewKey, from facts: ViewFacts, to otherFacts: ViewFacts) -> ReadingCursor {
        let d = ZoomState.displayed(point, stored: facts.storedSize, flipHorizontal: facts.flipHorizontal, flipVertical: facts.flipVertical)
        var x = d.x / Double(ZoomState.units), y = d.y / Double(ZoomState.units)
        if otherFacts.flipHorizontal { x = 1 - x }
        if otherFacts.flipVertical { y = 1 - y }
        let p = PixelPoint(x: (x * Double(otherFacts.storedWidth)).rounded(), y: (y * Double(otherFacts.storedHeight)).rounded())
        return ReadingCursor(view: other, point: Self.clamped(p, otherFacts.storedSize))
    }

    /// Where the cursor is in the displayed view, in zoom units.
    public func displayed(_ facts: ViewFacts) -> (x: Double, y: Double) {
        ZoomState.displayed(point, stored: facts.storedSize, flipHorizontal: facts.flipHorizontal, flipVertical: facts.flipVertical)
    }

    /// Inside the image, on whole pixels (the last column and row included).
    static func clamped(_ p: PixelPoint, _ size: PixelSize) -> PixelPoint {
        PixelPoint(x: min(max(p.x.rounded(), 0), Double(max(size.width - 1, 0))), y: min(max(p.y.rounded(), 0), Double(max(size.height - 1, 0))))
    }
}
