// The weighted ROC curve with one point per distinct score, and its area.
// The trapezoidal area over these points equals the (weighted) Mann–Whitney statistic with tied
// cancer/non-cancer pairs counted half, and scikit-learn's roc_auc_score with sample_weight.

public struct ROCCurve: Sendable, Hashable, Codable {
    public struct Point: Sendable, Hashable, Codable {
        /// Calls are positive when score >= threshold; the first point's threshold is +infinity.
        public var threshold: Double
        public var falsePositiveRate: Double
        public var truePositiveRate: Double
    }

    /// From (0, 0) at threshold +infinity through one point per distinct score, highest first,
    /// to (1, 1). Samples of weight 0 count for nothing and add no point.
    public var points: [Point]

    /// Throws when scores or weights are invalid or when cancers or non-cancers have no weight
    /// (the curve is undefined then).
    public init(samples: [ScoredSample]) throws {
        let totals = try ScoredSample.validate(samples, context: "ROC curve")
        guard totals.cancers > 0 else { throw StudyError(context: "ROC curve", reason: "no cancers (label 1) with weight > 0") }
        guard totals.nonCancers > 0 else { throw StudyError(context: "ROC curve", reason: "no non-cancers (label 0) with weight > 0") }
        var points = [Point(threshold: .infinity, falsePositiveRate: 0, truePositiveRate: 0)]
        var truePositives = 0.0, falsePositives = 0.0
        for group in ScoredSample.scoreGroups(samples.filter { $0.weight > 0 }) {
            truePositives += group.cancers
            falsePositives += group.nonCancers
            points.append(Point(threshold: group.score, falsePositiveRate: falsePositives / totals.nonCancers,
                                truePositiveRate: truePositives / totals.cancers))
        }
        self.points = points
    }

    /// Area under the curve by the trapezoidal rule.
    public var area: Double {
        zip(points, points.dropFirst()).reduce(0) { sum, pair in
            sum + (pair.1.falsePositiveRate - pair.0.falsePositiveRate) * (pair.1.truePositiveRate + pair.0.truePositiveRate) / 2
        }
    }

    /// The AUC, or nil where it is undefined (no cancers or no non-cancers): the form a
    /// bootstrap metric wants.
    public static func area(_ samples: [ScoredSample]) -> Double? {
        try? ROCCurve(samples: samples).area
    }
}
