// An EWMA control chart for a rate across consecutive windows (Roberts 1959): z_t = λ x_t + (1 − λ) z_{t−1}
// from z_0 = p₀, the reference rate, with limits from the binomial variance of each window's own n and of p₀
// itself (estimated from N reference exams: left out, a large window alarms on the reference's own error).

public struct EWMAChart: Sendable, Hashable, Codable {
    public struct Point: Sendable, Hashable, Codable {
        public var rate: Double
        public var ewma: Double
        public var lower: Double
        public var upper: Double
        public var outOfControl: Bool
    }

    public var referenceRate: Double
    public var lambda: Double
    /// Limit width in standard deviations.
    public var width: Double
    private var ewma: Double
    /// Σ λ² (1 − λ)^{2(t−i)} / n_i, carried window to window so each limit uses every earlier n.
    private var weightedInverseN = 0.0

    /// Exams the reference rate was estimated from; nil: known exactly.
    public var referenceSize: Int?
    private var weightOnWindows = 0.0

    public init(referenceRate: Double, lambda: Double, width: Double, referenceSize: Int? = nil) {
        self.referenceRate = referenceRate
        self.referenceSize = referenceSize
        self.lambda = lambda
        self.width = width
        ewma = referenceRate
    }

    /// Var(z_t) = p₀(1 − p₀) Σ_{i≤t} λ² (1 − λ)^{2(t−i)} / n_i; for constant n this is the textbook
    /// p₀(1 − p₀)/n · λ/(2 − λ) · (1 − (1 − λ)^{2t}). With an estimated p₀, add (1 − (1 − λ)^t)² p₀(1 − p₀)/N.
    public static func variance(referenceRate p0: Double, lambda: Double, windowSizes: [Int]) -> Double {
        var sum = 0.0
        for n in windowSizes { sum = (1 - lambda) * (1 - lambda) * sum + lambda * lambda / Double(n) }
        return p0 * (1 - p0) * sum
    }

    /// Adds a window with `events` of `total`; a window with no exams leaves the chart unchanged.
    public mutating func add(events: Int, total: Int) -> Point? {
        guard total > 0 else { return nil }
        let rate = Double(events) / Double(total)
        ewma = lambda * rate + (1 - lambda) * ewma
        weightedInverseN = (1 - lambda) * (1 - lambda) * weightedInverseN + lambda * lambda / Double(total)
        weightOnWindows = lambda + (1 - lambda) * weightOnWindows
        let referenceTerm = referenceSize.map { weightOnWindows * weightOnWindows / Double(max($0, 1)) } ?? 0
        let sigma = (referenceRate * (1 - referenceRate) * (weightedInverseN + referenceTerm)).squareRoot()
        let lower = referenceRate - width * sigma, upper = referenceRate + width * sigma
        return Point(rate: rate, ewma: ewma, lower: lower, upper: upper, outOfControl: ewma < lower || ewma > upper)
    }
}
