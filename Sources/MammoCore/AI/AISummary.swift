// The exam-level AI result the worklist shows and `worklist --json` prints as its `ai` object:
// {"score": 0.83, "confidence": 0.91, "model": "mammoterm-lesion 1", "threshold": 0.42}.

public struct AISummary: Codable, Hashable, Sendable {
    public var score: Double
    public var confidence: Double?
    /// Model id and version.
    public var model: String
    public var threshold: Double?

    public init(score: Double, confidence: Double?, model: String, threshold: Double? = nil) {
        self.score = score
        self.confidence = confidence
        self.model = model
        self.threshold = threshold
    }

    /// "0.83+" (at or above the threshold), "0.12": the worklist's AI column.
    public static func shortLabel(_ s: AISummary) -> String {
        String(format: "%.2f", s.score) + (s.isPositive == true ? "+" : "")
    }

    /// Whether the exam is at or above the operating threshold.
    public var isPositive: Bool? { threshold.map { score >= $0 } }
}
