// The AI's performance where outcomes are known: AUC with an interval, sensitivity and specificity at the
// operating threshold with Wilson intervals.
import Foundation
import Study

public struct RealisedPerformance: Sendable, Hashable, Codable {
    public var cancers: Int
    public var nonCancers: Int
    public var auc: Double?
    /// Hanley & McNeil's (1982) standard error, a normal 95% interval clipped to [0, 1]: O(1) per window,
    /// where a bootstrap of every window of a million exams would cost minutes.
    public var aucLower: Double?
    public var aucUpper: Double?
    public var sensitivity: RateEstimate
    public var specificity: RateEstimate

    /// nil when no exam has an outcome.
    public init?(scores: [Double], exams: [MonitoredExam]) {
        var samples: [ScoredSample] = []
        var truePositive = 0, cancers = 0, trueNegative = 0, nonCancers = 0
        for (score, exam) in zip(scores, exams) {
            guard let outcome = exam.outcome else { continue }
            samples.append(ScoredSample(score: score, isCancer: outcome.cancer))
            if outcome.cancer {
                cancers += 1
                if exam.aiPositive { truePositive += 1 }
            } else {
                nonCancers += 1
                if !exam.aiPositive { trueNegative += 1 }
            }
        }
        guard !samples.isEmpty else { return nil }
        self.cancers = cancers
        self.nonCancers = nonCancers
        sensitivity = RateEstimate(events: truePositive, total: cancers)
        specificity = RateEstimate(events: trueNegative, total: nonCancers)
        if let area = ROCCurve.area(samples) {
            auc = area
            let q1 = area / (2 - area), q2 = 2 * area * area / (1 + area)
            let p = Double(cancers), n = Double(nonCancers)
            let variance = (area * (1 - area) + (p - 1) * (q1 - area * area) + (n - 1) * (q2 - area * area)) / (p * n)
            let half = 1.959963984540054 * max(variance, 0).squareRoot()
            aucLower = max(0, area - half)
            aucUpper = min(1, area + half)
        }
    }
}
