// The windows chosen from the breast's own histogram (modality values inside the breast mask):
// the automatic one, and presets for dense and for fatty breasts. Percentiles, not fixed
// numbers, so each works for any detector, bit depth and MONOCHROME1 or 2.
import MammoCore

public struct BreastWindows: Hashable, Sendable {
    /// The 1st to 99.5th percentile (DOMAIN.md): the window used when a file states none.
    public var breast: VOIWindow
    /// The upper half of the tissue's values (the 50th to 99.5th percentile): contrast spent
    /// on fibroglandular tissue, where a mass hides in a dense breast; fat goes dark.
    public var dense: VOIWindow
    /// The lower 70 % (1st to 70th percentile): contrast spent on fat and thin tissue, the
    /// skin line and fine strands of a fatty breast; dense tissue saturates bright.
    public var fatty: VOIWindow

    /// Percentile ranges as (low, high) for MONOCHROME2, where dense tissue has the high values.
    public static let breastRange = (low: 0.01, high: 0.995)
    public static let denseRange = (low: 0.50, high: 0.995)
    public static let fattyRange = (low: 0.01, high: 0.70)

    /// The windows for tissue values already sorted ascending. In MONOCHROME1 dense tissue has
    /// the low values, so the dense and fatty ranges are mirrored (p becomes 1 - p).
    public init(sortedTissue values: [Float], monochrome1: Bool) {
        func window(_ range: (low: Double, high: Double), _ name: String, mirrored: Bool) -> VOIWindow {
            let (p, q) = mirrored ? (1 - range.high, 1 - range.low) : (range.low, range.high)
            guard var low = Self.quantile(values, p), var high = Self.quantile(values, q) else {
                return VOIWindow(center: 0.5, width: 1, explanation: name)
            }
            if high <= low, let lo = values.first, let hi = values.last { low = Double(lo); high = Double(hi) }
            if high <= low { high = low + 1 }
            return VOIWindow(center: (low + high) / 2, width: high - low, explanation: name)
        }
        breast = window(Self.breastRange, "AUTO", mirrored: false)
        dense = window(Self.denseRange, "DENSE", mirrored: monochrome1)
        fatty = window(Self.fattyRange, "FATTY", mirrored: monochrome1)
    }

    /// The p-quantile of sorted values (nearest rank); nil for none.
    static func quantile(_ sorted: [Float], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let k = min(max(Int((Double(sorted.count - 1) * p).rounded()), 0), sorted.count - 1)
        return Double(sorted[k])
    }
}
