// What a view's pixels looked like going into the model, for drift monitoring (issue 18): the
// breast region's intensity percentiles, a noise estimate and its area. A new detector, a
// firmware update or a different processing curve shows here before it shows in outcomes.
import MammoCore

public struct InputStatistics: Sendable, Equatable {
    /// Breast-region stored values at the 5th, 50th and 95th percentile, as a share of the
    /// largest stored value, tissue bright.
    public var p05: Double
    public var p50: Double
    public var p95: Double
    /// Noise σ in the same units: Immerkær's estimate (1996, "Fast noise variance estimation")
    /// over breast pixels whose 3×3 neighbourhood is breast, so the skin line does not count.
    public var noise: Double?
    /// Breast pixels × pixel area; nil without a spacing.
    public var breastAreaMM2: Double?

    /// `monochrome1`: low stored values are tissue (turned over first, so every file compares).
    public static func measure(stored: GrayImage<Int32>, bitsStored: Int, monochrome1: Bool,
                               spacing: PixelSpacing?) -> InputStatistics? {
        let largest = Float((1 << min(max(bitsStored, 1), 24)) - 1)
        let values = stored.map { v -> Float in
            let share = Float(min(max(v, 0), Int32(largest))) / largest
            return monochrome1 ? 1 - share : share
        }
        let mask = BreastMask.compute(values)
        var breast: [Float] = []
        breast.reserveCapacity(values.pixels.count / 2)
        for (v, inside) in zip(values.pixels, mask.pixels) where inside { breast.append(v) }
        guard breast.count >= 16 else { return nil }
        breast.sort()
        func percentile(_ p: Double) -> Double {
            // Linear between order statistics, as numpy's default.
            let position = p * Double(breast.count - 1)
            let low = Int(position), high = min(low + 1, breast.count - 1)
            return Double(breast[low]) + (position - Double(low)) * Double(breast[high] - breast[low])
        }
        let area = spacing.map { Double(breast.count) * $0.row * $0.column }
        return InputStatistics(p05: percentile(0.05), p50: percentile(0.5), p95: percentile(0.95),
                               noise: immerkaerNoise(values, mask: mask), breastAreaMM2: area)
    }

    /// σ = √(π/2) · Σ|I ∗ N| / (6 · count), N = [1 −2 1; −2 4 −2; 1 −2 1]: the mask of second
    /// differences cancels smooth tissue, leaving mostly noise.
    static func immerkaerNoise(_ image: GrayImage<Float>, mask: GrayImage<Bool>) -> Double? {
        let w = image.width, h = image.height
        guard w >= 3, h >= 3 else { return nil }
        var sum = 0.0, count = 0
        image.pixels.withUnsafeBufferPointer { p in
            mask.pixels.withUnsafeBufferPointer { m in
                for y in 1..<(h - 1) {
                    let up = (y - 1) * w, row = y * w, down = (y + 1) * w
                    var rowSum: Float = 0
                    for x in 1..<(w - 1) where m[up + x - 1] && m[up + x + 1] && m[down + x - 1] && m[down + x + 1] && m[row + x] {
                        let corners = p[up + x - 1] + p[up + x + 1] + p[down + x - 1] + p[down + x + 1]
                        let edges = p[up + x] + p[down + x] + p[row + x - 1] + p[row + x + 1]
                        rowSum += abs(corners - 2 * edges + 4 * p[row + x])
                        count += 1
                    }
                    sum += Double(rowSum)
                }
            }
        }
        guard count > 0 else { return nil }
        return (Double.pi / 2).squareRoot() * sum / (6 * Double(count))
    }
}
