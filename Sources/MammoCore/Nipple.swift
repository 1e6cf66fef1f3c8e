// Where the nipple is on a mammogram: the breast's farthest point from the chest wall. Used to
// match a lesion across CC and MLO (the model) and to say where a lesion is (clock face, depth,
// distance from the nipple).

public enum Nipple {
    /// The nipple in an image whose chest wall is at column 0, in pixel coordinates (centres at
    /// +0.5): the breast's farthest column from the chest wall, at the middle of the breast rows
    /// reaching it. The breast is what is brighter than a tenth of the image's 99th percentile.
    /// nil for an empty or all-dark image.
    public static func locate(_ pixels: [Float], rows: Int, columns: Int) -> (x: Double, y: Double)? {
        guard !pixels.isEmpty, rows > 0, columns > 0, pixels.count >= rows * columns else { return nil }
        let sorted = pixels.sorted()
        let level = sorted[min(sorted.count - 1, sorted.count * 99 / 100)] * 0.1
        guard level > 0 else { return nil }
        var farthest = -1
        var rowsAtFarthest: [Int] = []
        for r in 0..<rows {
            var last = -1
            for c in stride(from: columns - 1, through: 0, by: -1) where pixels[r * columns + c] > level { last = c; break }
            if last > farthest { farthest = last; rowsAtFarthest = [r] } else if last == farthest && last >= 0 { rowsAtFarthest.append(r) }
        }
        guard farthest >= 0, !rowsAtFarthest.isEmpty else { return nil }
        let y = Double(rowsAtFarthest.reduce(0, +)) / Double(rowsAtFarthest.count) + 0.5
        return (Double(farthest) + 0.5, y)
    }
}
