// Cohen's kappa: agreement between two raters beyond what their own call rates give by chance,
// e.g. reader vs AI recall calls, or two readers' BI-RADS categories.
//   kappa = (p_o - p_e) / (1 - p_e),  p_o = observed agreement,
//   p_e = sum over categories of (first rater's share) x (second rater's share).
// Unweighted (every disagreement counts the same), as scikit-learn's cohen_kappa_score without
// `weights`; sample weights weigh cases as in the other metrics.

public struct CohenKappa: Sendable, Hashable, Codable {
    /// Weighted fraction of cases both raters called the same.
    public var observedAgreement: Double
    /// Agreement expected from the raters' marginal rates alone.
    public var chanceAgreement: Double

    /// Calls of two raters on the same cases, in the same order. Any hashable category works:
    /// `Bool` recall calls, BI-RADS, density.
    public init<Category: Hashable>(_ first: [Category], _ second: [Category], weights: [Double]? = nil) throws {
        guard first.count == second.count else {
            throw StudyError(context: "Cohen's kappa", reason: "the raters called \(first.count) and \(second.count) cases; they must call the same cases")
        }
        if let weights {
            guard weights.count == first.count else {
                throw StudyError(context: "Cohen's kappa", reason: "\(weights.count) weights for \(first.count) cases")
            }
            if let bad = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw StudyError(context: "Cohen's kappa", reason: "case \(bad + 1) has weight \(weights[bad]); weights must be finite and >= 0")
            }
        }
        var total = 0.0, agreed = 0.0
        var firstShare: [Category: Double] = [:], secondShare: [Category: Double] = [:]
        for index in first.indices {
            let weight = weights?[index] ?? 1
            total += weight
            if first[index] == second[index] { agreed += weight }
            firstShare[first[index], default: 0] += weight
            secondShare[second[index], default: 0] += weight
        }
        guard total > 0 else { throw StudyError(context: "Cohen's kappa", reason: "no cases with weight > 0") }
        observedAgreement = agreed / total
        // Sorted by share so the sum is the same on every run (dictionary order is per process).
        chanceAgreement = firstShare.map { ($0.value / total) * ((secondShare[$0.key] ?? 0) / total) }.sorted().reduce(0, +)
    }

    /// Kappa; nil when chance agreement is 1 (both raters always made one and the same call),
    /// where it is 0/0 (scikit-learn returns NaN there).
    public var value: Double? {
        chanceAgreement < 1 ? (observedAgreement - chanceAgreement) / (1 - chanceAgreement) : nil
    }
}
