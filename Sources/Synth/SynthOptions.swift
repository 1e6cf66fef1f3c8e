// What to synthesise: how many screening exams, from which seed, on which detector grid.

public struct SynthOptions: Sendable, Equatable {
    /// Current screening exams; priors come on top of these.
    public var examCount: Int
    public var seed: UInt64
    public var size: DetectorSize
    /// Share of patients that also get a prior exam (at least one when there are 3 or more exams).
    public var priorShare: Double
    /// Shares of exams with a cancer and with benign findings only; the rest are normal.
    public var cancerShare: Double
    public var benignShare: Double

    public init(examCount: Int, seed: UInt64, size: DetectorSize = .small, priorShare: Double = 0.3,
                cancerShare: Double = 0.3, benignShare: Double = 0.3) {
        self.examCount = examCount; self.seed = seed; self.size = size; self.priorShare = priorShare
        self.cancerShare = cancerShare; self.benignShare = benignShare
    }
}
