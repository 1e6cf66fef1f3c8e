// What decision referral did on a set of exams, beside the reader alone on the same exams.

public struct ReferralOutcome: Sendable, Hashable, Codable {
    public var thresholds: ReferralThresholds
    /// Reader + AI: triage, safety net, the reader for the rest.
    public var combined = ConfusionMatrix()
    public var readerAlone = ConfusionMatrix()
    /// Weighted fraction of exams triaged as normal (never read).
    public var fractionTriagedNormal = 0.0
    /// Weighted fraction of exams where the safety net overturned a negative call.
    public var fractionSafetyNetAlerts = 0.0

    public init(thresholds: ReferralThresholds) { self.thresholds = thresholds }

    /// Combined minus reader alone; nil where either is undefined.
    public var sensitivityChange: Double? { Self.difference(combined.sensitivity, readerAlone.sensitivity) }
    public var specificityChange: Double? { Self.difference(combined.specificity, readerAlone.specificity) }
    public var positivePredictiveValueChange: Double? {
        Self.difference(combined.positivePredictiveValue, readerAlone.positivePredictiveValue)
    }

    static func difference(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b else { return nil }
        return a - b
    }
}
