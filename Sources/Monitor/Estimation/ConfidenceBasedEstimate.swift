// Label-free performance from calibrated probabilities, as NannyML's CBPE estimates it
// (performance_estimation/confidence_based/metrics.py): each exam counts as p of a cancer and 1 − p of a
// normal, so expected confusion counts follow without outcomes.

public struct ConfidenceBasedEstimate: Sendable, Hashable, Codable {
    /// nannyml estimate_roc_auc: the ROC of expected true/false positives down the sorted scores.
    public var rocAUC: Double?
    /// estimate_recall: Σ_{p ≥ t} p / Σ p.
    public var sensitivity: Double?
    /// estimate_specificity: Σ_{p < t} (1 − p) / Σ (1 − p).
    public var specificity: Double?
    /// Σ p, the cancers the probabilities expect.
    public var expectedCancers: Double

    public init(rocAUC: Double?, sensitivity: Double?, specificity: Double?, expectedCancers: Double) {
        self.rocAUC = rocAUC
        self.sensitivity = sensitivity
        self.specificity = specificity
        self.expectedCancers = expectedCancers
    }

    /// `probabilities` calibrated, in [0, 1]; calls are positive at p >= threshold (NannyML's y_pred).
    public static func estimate(probabilities: [Double], threshold: Double) -> ConfidenceBasedEstimate {
        estimate(sortedProbabilities: probabilities.sorted(), threshold: threshold)
    }

    /// The same from probabilities sorted ascending (the engine sorts each window once).
    public static func estimate(sortedProbabilities p: [Double], threshold: Double) -> ConfidenceBasedEstimate {
        guard !p.isEmpty else { return ConfidenceBasedEstimate(rocAUC: nil, sensitivity: nil, specificity: nil, expectedCancers: 0) }
        var tp = 0.0, fn = 0.0, tn = 0.0, fp = 0.0
        for value in p {
            if value >= threshold { tp += value; fp += 1 - value } else { fn += value; tn += 1 - value }
        }
        // NannyML: an empty denominator gives 0, not NaN.
        let sensitivity = tp + fn != 0 ? tp / (tp + fn) : 0
        let specificity = tn + fp != 0 ? tn / (tn + fp) : 0
        return ConfidenceBasedEstimate(rocAUC: rocAUC(sortedProbabilities: p), sensitivity: sensitivity,
                                       specificity: specificity, expectedCancers: tp + fn)
    }

    /// Walks highest first: cumulative expected true positives Σp and false positives (k − Σp), both rounded to
    /// 5 decimals as NannyML does, then the trapezoidal area (sklearn.metrics.auc). Ties lie on one straight
    /// segment, so their order does not change the area.
    static func rocAUC(sortedProbabilities p: [Double]) -> Double? {
        func round5(_ x: Double) -> Double { (x * 100_000).rounded(.toNearestOrEven) / 100_000 }
        var total = 0.0
        for value in p.reversed() { total += value }
        let totalTP = round5(total), totalFP = round5(Double(p.count) - total)
        guard totalTP > 0, totalFP > 0 else { return nil }
        var cumulative = 0.0
        var previousTPR = 0.0, previousFPR = 0.0
        var area = 0.0
        var k = 0
        for value in p.reversed() {
            k += 1
            cumulative += value
            let tpr = round5(cumulative) / totalTP
            let fpr = round5(Double(k) - cumulative) / totalFP
            area += (fpr - previousFPR) * (tpr + previousTPR) / 2
            previousTPR = tpr
            previousFPR = fpr
        }
        return area
    }
}
