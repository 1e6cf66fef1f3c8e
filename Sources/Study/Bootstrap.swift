// Seeded nonparametric bootstrap over cases with percentile confidence intervals.
// Cases are drawn uniformly with replacement (sample weights stay inside each case and are used
// by the metric), so paired metrics such as "combined minus reader alone" resample the same
// exams for both. Same cases in the same order + same seed + same count = identical interval.

public enum Bootstrap {
    public static let defaultResamples = 1000

    /// The percentile interval of `metric` over `resamples` bootstrap samples of `cases`.
    /// `metric` returns nil where it is undefined; such resamples are skipped and counted.
    /// Throws when the metric is undefined on all cases or on every resample.
    public static func percentileInterval<Case>(
        cases: [Case], resamples: Int = defaultResamples, level: Double = 0.95, seed: UInt64,
        metric: ([Case]) throws -> Double?
    ) throws -> ConfidenceInterval {
        guard resamples > 0 else { throw StudyError(context: "bootstrap", reason: "resamples must be > 0, not \(resamples)") }
        guard level > 0, level < 1 else { throw StudyError(context: "bootstrap", reason: "confidence level must be between 0 and 1, not \(level)") }
        guard !cases.isEmpty else { throw StudyError(context: "bootstrap", reason: "no cases") }
        guard let estimate = try metric(cases), estimate.isFinite else {
            throw StudyError(context: "bootstrap", reason: "the metric is undefined on the \(cases.count) cases (e.g. no cancers or no non-cancers)")
        }
        var random = SplitMix64(seed: seed)
        var values: [Double] = []
        values.reserveCapacity(resamples)
        var sample: [Case] = []
        sample.reserveCapacity(cases.count)
        for _ in 0..<resamples {
            sample.removeAll(keepingCapacity: true)
            for _ in 0..<cases.count { sample.append(cases[random.index(below: cases.count)]) }
            if let value = try metric(sample), value.isFinite { values.append(value) }
        }
        guard !values.isEmpty else {
            throw StudyError(context: "bootstrap", reason: "the metric was undefined on all \(resamples) resamples")
        }
        values.sort()
        let tail = (1 - level) / 2
        return ConfidenceInterval(
            estimate: estimate, lower: quantile(values, tail), upper: quantile(values, 1 - tail),
            level: level, resamples: values.count, skipped: resamples - values.count, seed: seed)
    }

    /// Quantile of sorted values with linear interpolation between order statistics
    /// (Hyndman & Fan type 7, numpy's default), so intervals can be checked against numpy.
    static func quantile(_ sorted: [Double], _ probability: Double) -> Double {
        let position = Double(sorted.count - 1) * probability
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        return sorted[below] + (position - Double(below)) * (sorted[above] - sorted[below])
    }
}
