// A threshold that would give a shifted stratum the reference's positive rate again (quantile alignment of
// unlabelled scores): evidence for a person to weigh, never applied by the monitor.

public struct OperatingPointSuggestion: Sendable, Hashable, Codable {
    public var currentThreshold: Double?
    public var referencePositiveRate: Double
    /// The window's AI-positive share at the threshold in force.
    public var currentPositiveRate: Double
    public var suggestedThreshold: Double
    /// The window's share at or above the suggested threshold.
    public var suggestedPositiveRate: Double
    public var n: Int

    /// The window's probability quantile at the reference's positive rate: the k-th largest with
    /// k = max(1, round(rate · n)), so that about that share of the window lies at or above it.
    /// `sortedProbabilities` ascending and non-empty.
    public static func aligning(sortedProbabilities p: [Double], referencePositiveRate: Double, currentPositiveRate: Double,
                                currentThreshold: Double?) -> OperatingPointSuggestion? {
        guard !p.isEmpty, referencePositiveRate > 0, referencePositiveRate < 1 else { return nil }
        let k = min(p.count, max(1, Int((referencePositiveRate * Double(p.count)).rounded())))
        let threshold = p[p.count - k]
        // Count at or above the threshold (ties with it are positive too).
        var low = 0, high = p.count
        while low < high {
            let mid = (low + high) / 2
            if p[mid] < threshold { low = mid + 1 } else { high = mid }
        }
        return OperatingPointSuggestion(currentThreshold: currentThreshold, referencePositiveRate: referencePositiveRate,
                                        currentPositiveRate: currentPositiveRate, suggestedThreshold: threshold,
                                        suggestedPositiveRate: Double(p.count - low) / Double(p.count), n: p.count)
    }
}
