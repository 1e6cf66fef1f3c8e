// A point estimate with its bootstrap confidence interval and how it was obtained.

public struct ConfidenceInterval: Sendable, Hashable, Codable {
    /// The metric on all cases.
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    /// Coverage, e.g. 0.95.
    public var level: Double
    /// Resamples on which the metric was defined (and that the interval is made from).
    public var resamples: Int
    /// Resamples where the metric was undefined (e.g. no cancer drawn) and left out.
    public var skipped: Int
    public var seed: UInt64

    public init(estimate: Double, lower: Double, upper: Double, level: Double, resamples: Int, skipped: Int, seed: UInt64) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.level = level
        self.resamples = resamples
        self.skipped = skipped
        self.seed = seed
    }
}
