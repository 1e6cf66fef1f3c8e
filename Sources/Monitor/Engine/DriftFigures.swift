// The drift of one variable (the score, or one input statistic) in a window against its reference, with
// the limit its alarm statistic was held to.

public struct DriftFigures: Sendable, Hashable, Codable {
    /// "score" or the input's key ("p50", ...).
    public var variable: String
    public var n: Int
    public var psi: Double?
    public var ks: Double?
    public var ksP: Double?
    public var ksExact: Bool?
    public var wasserstein: Double?
    /// The bootstrap limits at this n and the window's per-test false-alarm rate, for each statistic.
    public var psiLimit: Double?
    public var ksLimit: Double?
    public var wassersteinLimit: Double?

    public init(variable: String, n: Int) {
        self.variable = variable
        self.n = n
    }

    func value(_ statistic: DriftStatistic) -> Double? {
        switch statistic {
        case .psi: psi
        case .ks: ks
        case .wasserstein: wasserstein
        }
    }

    func limit(_ statistic: DriftStatistic) -> Double? {
        switch statistic {
        case .psi: psiLimit
        case .ks: ksLimit
        case .wasserstein: wassersteinLimit
        }
    }

    enum CodingKeys: String, CodingKey { case variable, n, psi, ks, ksP, ksExact, wasserstein, psiLimit, ksLimit, wassersteinLimit }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(variable, forKey: .variable)
        try c.encode(n, forKey: .n)
        try c.encode(MonitorNumber.finite(psi), forKey: .psi)
        try c.encode(MonitorNumber.finite(ks), forKey: .ks)
        try c.encode(MonitorNumber.finite(ksP), forKey: .ksP)
        try c.encode(ksExact, forKey: .ksExact)
        try c.encode(MonitorNumber.finite(wasserstein), forKey: .wasserstein)
        try c.encode(MonitorNumber.finite(psiLimit), forKey: .psiLimit)
        try c.encode(MonitorNumber.finite(ksLimit), forKey: .ksLimit)
        try c.encode(MonitorNumber.finite(wassersteinLimit), forKey: .wassersteinLimit)
    }
}
