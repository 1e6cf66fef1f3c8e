// One exam as the decision-referral simulation sees it: the reader's own call, the AI's two
// scores, the truth and the sample weight.

public struct ReferralCase: Sendable, Hashable, Codable {
    /// The reader's call without the safety net (recall = positive; BI-RADS > 2 in Leibig et al.).
    public var readerRecall: Bool
    /// The score the normal-triage rule reads.
    public var normalTriageScore: Double
    /// The score the safety-net rule reads (often the same model's score).
    public var safetyNetScore: Double
    public var isCancer: Bool
    public var weight: Double

    public init(readerRecall: Bool, normalTriageScore: Double, safetyNetScore: Double, isCancer: Bool, weight: Double = 1) {
        self.readerRecall = readerRecall
        self.normalTriageScore = normalTriageScore
        self.safetyNetScore = safetyNetScore
        self.isCancer = isCancer
        self.weight = weight
    }

    /// One model's score for both rules.
    public init(readerRecall: Bool, aiScore: Double, isCancer: Bool, weight: Double = 1) {
        self.init(readerRecall: readerRecall, normalTriageScore: aiScore, safetyNetScore: aiScore, isCancer: isCancer, weight: weight)
    }
}
