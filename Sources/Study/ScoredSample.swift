// One case as binary metrics and threshold calibration see it: a score, the truth, a weight.
// Any source (a CSV, the library with ground truth, a reader's suspicion scores) reduces to this.
import MammoCore

public struct ScoredSample: Sendable, Hashable, Codable {
    /// Higher means more suspicious (an AI score, or a reader's 0–100 suspicion).
    public var score: Double
    /// Ground truth: true when the exam is a cancer (label 1).
    public var isCancer: Bool
    /// Sample weight, e.g. the inverse sampling fraction that undoes cancer enrichment.
    public var weight: Double

    public init(score: Double, isCancer: Bool, weight: Double = 1) {
        self.score = score
        self.isCancer = isCancer
        self.weight = weight
    }
}

extension ScoredSample {
    /// Checks what the metrics assume (finite scores, finite non-negative weights) and returns
    /// the total weights of cancers and non-cancers. `context` names the caller in the error.
    @discardableResult
    public static func validate(_ samples: [ScoredSample], context: String) throws -> (cancers: Double, nonCancers: Double) {
        var cancers = 0.0, nonCancers = 0.0
        for (index, sample) in samples.enumerated() {
            guard sample.score.isFinite else {
                throw StudyError(context: context, reason: "case \(index + 1) has score \(sample.score); scores must be finite numbers")
            }
            guard sample.weight.isFinite, sample.weight >= 0 else {
                throw StudyError(context: context, reason: "case \(index + 1) has weight \(sample.weight); weights must be finite and >= 0")
            }
            if sample.isCancer { cancers += sample.weight } else { nonCancers += sample.weight }
        }
        return (cancers, nonCancers)
    }

    /// Groups of samples sharing one score, highest score first, with the cancer and
    /// non-cancer weight of each group: ties always move together across a threshold.
    static func scoreGroups(_ samples: [ScoredSample]) -> [(score: Double, cancers: Double, nonCancers: Double)] {
        var groups: [(score: Double, cancers: Double, nonCancers: Double)] = []
        for sample in samples.sorted(by: { $0.score > $1.score }) {
            if groups.last?.score != sample.score {
                groups.append((sample.score, 0, 0))
            }
            if sample.isCancer { groups[groups.count - 1].cancers += sample.weight } else { groups[groups.count - 1].nonCancers += sample.weight }
        }
        return groups
    }
}
