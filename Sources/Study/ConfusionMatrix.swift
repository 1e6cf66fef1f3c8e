// Weighted counts of true/false positives/negatives and the rates read from them.
// Rates are nil where their denominator has no weight (e.g. sensitivity without cancers), so a
// bootstrap resample without cancers is skipped rather than counted as 0 or NaN.

public struct ConfusionMatrix: Sendable, Hashable, Codable {
    public var truePositives = 0.0
    public var falsePositives = 0.0
    public var trueNegatives = 0.0
    public var falseNegatives = 0.0

    public init() {}

    public init(truePositives: Double, falsePositives: Double, trueNegatives: Double, falseNegatives: Double) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.trueNegatives = trueNegatives
        self.falseNegatives = falseNegatives
    }

    /// Scores at or above `threshold` are positive calls (scikit-learn's convention).
    public init(samples: [ScoredSample], threshold: Double) {
        for sample in samples {
            add(positiveCall: sample.score >= threshold, isCancer: sample.isCancer, weight: sample.weight)
        }
    }

    /// One decision (a reader's recall, a combined system's call) against the truth.
    public mutating func add(positiveCall: Bool, isCancer: Bool, weight: Double = 1) {
        switch (positiveCall, isCancer) {
        case (true, true): truePositives += weight
        case (true, false): falsePositives += weight
        case (false, false): trueNegatives += weight
        case (false, true): falseNegatives += weight
        }
    }

    public var cancers: Double { truePositives + falseNegatives }
    public var nonCancers: Double { trueNegatives + falsePositives }
    public var total: Double { cancers + nonCancers }
    public var positiveCalls: Double { truePositives + falsePositives }
    public var negativeCalls: Double { trueNegatives + falseNegatives }

    /// TP / (TP + FN): the fraction of cancers called positive (recall).
    public var sensitivity: Double? { Self.ratio(truePositives, cancers) }
    /// TN / (TN + FP): the fraction of non-cancers called negative.
    public var specificity: Double? { Self.ratio(trueNegatives, nonCancers) }
    /// TP / (TP + FP): precision.
    public var positivePredictiveValue: Double? { Self.ratio(truePositives, positiveCalls) }
    /// TN / (TN + FN).
    public var negativePredictiveValue: Double? { Self.ratio(trueNegatives, negativeCalls) }

    static func ratio(_ part: Double, _ whole: Double) -> Double? { whole > 0 ? part / whole : nil }
}
