// Magnification and where it looks: a zoom step and the centre of the visible region, in
// thousandths of the view as displayed (after its flips), so the state stays exact and
// hashable and one centre means the same place in every view of a linked four-view zoom.

public struct ZoomState: Hashable, Sendable {
    /// Magnification per step; step 0 is the whole view.
    public static let factors: [Double] = [1, 1.5, 2, 3, 4, 6, 8]

    public private(set) var step: Int = 0
    /// Centre of the visible region, 0...1000 across and down the displayed view.
    public private(set) var centerX: Int = 500
    public private(set) var centerY: Int = 500

    public init() {}

    public init(step: Int, centerX: Int, centerY: Int) {
        self.step = min(max(step, 0), Self.factors.count - 1)
        self.centerX = centerX
        self.centerY = centerY
        clampCenter()
    }

    public var factor: Double { Self.factors[step] }
    public var isZoomed: Bool { step > 0 }

    public mutating func zoomIn() { self = ZoomState(step: step + 1, centerX: centerX, centerY: centerY) }
    public mutating func zoomOut() {
        self = step <= 1 ? ZoomState() : ZoomState(step: step - 1, centerX: centerX, centerY: centerY)
    }

    /// Moves the region by a quarter of its own size per step (`dx`, `dy` in steps).
    public mutating func pan(dx: Int, dy: Int) {
        let stepSize = Int((250 / factor).rounded())
        centerX += dx * stepSize
        centerY += dy * stepSize
        clampCenter()
    }

    /// The visible region in displayed-view fractions: x, y, width, height in 0...1.
    public var region: NormalizedRegion {
        let size = 1 / factor
        return NormalizedRegion(x: Double(centerX) / 1000 - size / 2, y: Double(centerY) / 1000 - size / 2,
                                width: size, height: size)
    }

    /// Keeps the region inside the view.
    private mutating func clampCenter() {
        let half = Int((500 / factor).rounded(.up))
        centerX = min(max(centerX, half), 1000 - half)
        centerY = min(max(centerY, half), 1000 - half)
    }
}
