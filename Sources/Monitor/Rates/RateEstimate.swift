// A proportion with its Wilson score interval (Wilson 1927), the interval screening audits quote for
// rates from a few hundred exams (it stays inside [0, 1] and behaves at 0 and n events).

public struct RateEstimate: Sendable, Hashable, Codable {
    public var events: Int
    public var total: Int
    /// events / total; nil when total is 0.
    public var rate: Double?
    public var lower: Double?
    public var upper: Double?

    public init(events: Int, total: Int, z: Double = 1.959963984540054) {
        self.events = events
        self.total = total
        guard total > 0 else { return }
        let n = Double(total), p = Double(events) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        rate = p
        lower = max(0, centre - half)
        upper = min(1, centre + half)
    }

    /// The same figures scaled (e.g. × 1000 for a cancer detection rate per 1,000 exams).
    public func scaled(by factor: Double) -> ScaledRate {
        ScaledRate(events: events, total: total, value: rate.map { $0 * factor },
                   lower: lower.map { $0 * factor }, upper: upper.map { $0 * factor }, per: factor)
    }
}

/// A rate quoted per `per` exams (CDR per 1,000) with its scaled Wilson interval.
public struct ScaledRate: Sendable, Hashable, Codable {
    public var events: Int
    public var total: Int
    public var value: Double?
    public var lower: Double?
    public var upper: Double?
    public var per: Double
}
