// One view's breast as a radiologist measures it: where the nipple is, which way the chest
// wall lies and which way is "up" on the conventional display (lateral on a CC, superior on an
// MLO), in the stored image's pixels. A lesion's place in this frame is what its location in
// words (LesionLocation) is made from.

public struct BreastFrame: Hashable, Sendable {
    public var side: Side
    /// CC or MLO (other projections: the frame still gives depth and distance, no clock).
    public var position: ViewPosition
    /// The nipple in stored pixels.
    public var nipple: PixelPoint
    /// Stored pixels from the nipple to the chest-wall edge, along the rows: the posterior
    /// nipple line's length on a CC (on an MLO the line to the pectoral muscle is oblique; the
    /// horizontal stands in for it).
    public var nippleToChestWall: Double
    /// Whether the chest wall is at stored column 0 (else at the last column).
    public var chestWallAtStoredLeft: Bool
    /// Whether stored rows run upward on the display (the image is shown flipped vertically).
    public var storedRowsRunUp: Bool
    /// Millimetres per stored pixel; nil when the file gives no spacing.
    public var spacing: PixelSpacing?

    public init(side: Side, position: ViewPosition, nipple: PixelPoint, nippleToChestWall: Double,
                chestWallAtStoredLeft: Bool, storedRowsRunUp: Bool, spacing: PixelSpacing?) {
        self.side = side; self.position = position; self.nipple = nipple; self.nippleToChestWall = nippleToChestWall
        self.chestWallAtStoredLeft = chestWallAtStoredLeft; self.storedRowsRunUp = storedRowsRunUp; self.spacing = spacing
    }

    /// A stored point relative to the nipple: `posterior` toward the chest wall, `up` toward the
    /// top of the conventional display, both in stored pixels.
    public func offset(of p: PixelPoint) -> (posterior: Double, up: Double) {
        let dx = p.x - nipple.x, dy = p.y - nipple.y
        return (chestWallAtStoredLeft ? -dx : dx, storedRowsRunUp ? dy : -dy)
    }

    /// The same offset in millimetres; nil without a spacing.
    public func offsetMM(of p: PixelPoint) -> (posterior: Double, up: Double)? {
        guard let spacing, spacing.row > 0, spacing.column > 0, spacing.row.isFinite, spacing.column.isFinite else { return nil }
        let o = offset(of: p)
        return (o.posterior * spacing.column, o.up * spacing.row)
    }

    /// Finds the frame from a display-ready picture of the view (`pixels`, brighter is tissue,
    /// `width` x `height`, in stored orientation but possibly smaller than `stored`). The display
    /// puts a right breast's chest wall on the right and a left breast's on the left (the
    /// hanging protocol), after `flipHorizontal`/`flipVertical`. nil when no breast is found.
    public static func measure(_ pixels: [Float], width: Int, height: Int, stored: PixelSize, side: Side, position: ViewPosition,
                               flipHorizontal: Bool, flipVertical: Bool, spacing: PixelSpacing?) -> BreastFrame? {
        guard width > 0, height > 0, pixels.count >= width * height, stored.width > 0, stored.height > 0 else { return nil }
        // Chest wall on the stored right when the display (chest wall right for a right breast)
        // shows the stored image unmirrored, or mirrored for a left breast.
        let chestWallStoredRight = (side == .right) != flipHorizontal
        var oriented = [Float](repeating: 0, count: width * height)   // chest wall at column 0
        for y in 0..<height {
            for x in 0..<width {
                oriented[y * width + x] = pixels[y * width + (chestWallStoredRight ? width - 1 - x : x)]
            }
        }
        guard let tip = Nipple.locate(oriented, rows: height, columns: width) else { return nil }
        let sx = Double(stored.width) / Double(width), sy = Double(stored.height) / Double(height)
        let storedX = chestWallStoredRight ? Double(stored.width) - tip.x * sx : tip.x * sx
        return BreastFrame(side: side, position: position, nipple: PixelPoint(x: storedX, y: tip.y * sy),
                           nippleToChestWall: tip.x * sx, chestWallAtStoredLeft: !chestWallStoredRight,
                           storedRowsRunUp: flipVertical, spacing: spacing)
    }
}
