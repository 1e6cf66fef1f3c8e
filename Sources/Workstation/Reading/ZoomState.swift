// Magnification and where it looks: a zoom step and the centre of the visible region, in
// thousandths of the view as displayed (after its flips), so the state stays exact and
// hashable and one centre means the same place in every view of a linked four-view zoom.
// The only place stored pixels and that fixed-point centre are converted.
import MammoCore

public struct ZoomState: Hashable, Sendable {
    /// Magnification per step; step 0 is the whole view.
    public static let factors: [Double] = [1, 1.5, 2, 3, 4, 6, 8]

    public private(set) var step: Int = 0
    /// The centre's unit: thousandths of the displayed view.
    public static let units = 1000

    /// Centre of the visible region, 0...units across and down the displayed view.
    public private(set) var centerX: Int = ZoomState.units / 2
    public private(set) var centerY: Int = ZoomState.units / 2

    public init() {}

    public init(step: Int, centerX: Int, centerY: Int) {
        self.step = min(max(step, 0), Self.factors.count - 1)
        self.centerX = centerX
        self.centerY = centerY
        clampCenter()
    }

    /// A zoom at `step` centred on a stored point of a view of `stored` pixels shown with these
    /// flips (step 0 or less: the whole view).
    public init(step: Int, centeredOn p: PixelPoint, stored: PixelSize, flipHorizontal: Bool, flipVertical: Bool) {
        guard step > 0 else { self.init(); return }
        var x = p.x / Double(max(stored.width, 1)), y = p.y / Double(max(stored.height, 1))
        if flipHorizontal { x = 1 - x }
        if flipVertical { y = 1 - y }
        let u = Double(Self.units)
        self.init(step: step, centerX: Int((x * u).rounded()), centerY: Int((y * u).rounded()))
    }

    /// The stored point at the centre of the region, to whole pixels.
    public func storedCenter(stored: PixelSize, flipHorizontal: Bool, flipVertical: Bool) -> PixelPoint {
        let u = Double(Self.units)
        var x = Double(centerX) / u, y = Double(centerY) / u
        if flipHorizontal { x = 1 - x }
        if flipVertical { y = 1 - y }
        return PixelPoint(x: (x * Double(stored.width)).rounded(), y: (y * Double(stored.height)).rounded())
    }

    public var factor: Double { Self.factors[step] }
    public var isZoomed: Bool { step > 0 }

    public mutating func zoomIn() { self = ZoomState(step: step + 1, centerX: centerX, centerY: centerY) }
    public mutating func zoomOut() {
        self = step <= 1 ? ZoomState() : ZoomState(step: step - 1, centerX: centerX, centerY: centerY)
    }

    /// The place of a stored point in the displayed view, in units (the centre's coordinates).
    public static func displayed(_ p: PixelPoint, stored: PixelSize, flipHorizontal: Bool, flipVertical: Bool) -> (x: Double, y: Double) {
        var x = p.x / Double(max(stored.width, 1)), y = p.y / Double(max(stored.height, 1))
        if flipHorizontal { x = 1 - x }
        if flipVertical { y = 1 - y }
        return (x * Double(Self.units), y * Double(Self.units))
    }

    /// One zoom step in (`by` 1) or out (-1) that keeps the displayed point `anchor` (units) where it is in
    /// the region shown, so on screen: a finding or the cursor stays put instead of sliding toward the
    /// middle or off the edge. Near the view's edges the region stays inside the view (the point may move,
    /// never out of sight).
    public func zoomed(by delta: Int, keeping anchor: (x: Double, y: Double)) -> ZoomState {
        let next = min(max(step + delta, 0), Self.factors.count - 1)
        guard next > 0 else { return ZoomState() }
        // Its offset from the centre, in view units, shrinks by the factor's ratio.
        let ratio = factor / Self.factors[next]
        let cx = anchor.x - (anchor.x - Double(centerX)) * ratio, cy = anchor.y - (anchor.y - Double(centerY)) * ratio
        return ZoomState(step: next, centerX: Int(cx.rounded()), centerY: Int(cy.rounded()))
    }

    /// The smallest pan that brings the displayed point `p` (units) inside the region shown, a tenth of
    /// the region in from its edge: a cursor moved off the view drags the view along.
    public func keepingVisible(_ p: (x: Double, y: Double)) -> ZoomState {
        guard isZoomed else { return self }
        let half = Double(Self.units) / 2 / factor, margin = half / 5
        func shifted(_ center: Int, _ v: Double) -> Int {
            let c = Double(center)
            if v < c - half + margin { return Int((v + half - margin).rounded()) }
            if v > c + half - margin { return Int((v - half + margin).rounded()) }
            return center
        }
        return ZoomState(step: step, centerX: shifted(centerX, p.x), centerY: shifted(centerY, p.y))
    }

    /// Moves the region by a quarter of its own size per step (`dx`, `dy` in steps).
    public mutating func pan(dx: Int, dy: Int) {
        let stepSize = Int((Double(Self.units) / 4 / factor).rounded())
        centerX += dx * stepSize
        centerY += dy * stepSize
        clampCenter()
    }

    /// The visible region in displayed-view fractions: x, y, width, height in 0...1.
    public var region: NormalizedRegion {
        let size = 1 / factor
        let u = Double(Self.units)
        return NormalizedRegion(x: Double(centerX) / u - size / 2, y: Double(centerY) / u - size / 2,
                                width: size, height: size)
    }

    /// Keeps the region inside the view.
    private mutating func clampCenter() {
        let half = Int((Double(Self.units) / 2 / factor).rounded(.up))
        centerX = min(max(centerX, half), Self.units - half)
        centerY = min(max(centerY, half), Self.units - half)
    }
}
