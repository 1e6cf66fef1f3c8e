// The exam-level AI result the worklist shows and `worklist --json` prints as its `ai` object:
// {"score": 0.83, "confidence": 0.91, "model": "mammoterm-lesion 1", "threshold": 0.42,
//  "outOfDomain": false, "outOfDomainReason": null} (confidence and threshold left out when unknown).

public struct AISummary: Codable, Hashable, Sendable {
    public var score: Double
    public var confidence: Double?
    /// Model id and version.
    public var model: String
    public var threshold: Double?
    /// Why the exam lies outside what the model was made for; nil when within it.
    public var outOfDomain: String?

    public init(score: Double, confidence: Double?, model: String, threshold: Double? = nil, outOfDomain: String? = nil) {
        self.score = score
        self.confidence = confidence
        self.model = model
        self.threshold = threshold
        self.outOfDomain = outOfDomain
    }

    enum CodingKeys: String, CodingKey { case score, confidence, model, threshold, outOfDomain, outOfDomainReason }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        score = try c.decode(Double.self, forKey: .score)
        confidence = try c.decodeIfPresent(Double.self, forKey: .confidence)
        model = try c.decode(String.self, forKey: .model)
        threshold = try c.decodeIfPresent(Double.self, forKey: .threshold)
        outOfDomain = try c.decodeIfPresent(String.self, forKey: .outOfDomainReason)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(score, forKey: .score)
        try c.encodeIfPresent(confidence, forKey: .confidence)
        try c.encode(model, forKey: .model)
        try c.encodeIfPresent(threshold, forKey: .threshold)
        try c.encode(outOfDomain != nil, forKey: .outOfDomain)
        try c.encode(outOfDomain, forKey: .outOfDomainReason)
    }

    /// "0.83+" (at or above the threshold), "0.12", "0.40?" (outside what the model was made for):
    /// the worklist's AI column.
    public static func shortLabel(_ s: AISummary) -> String {
        String(format: "%.2f", s.score) + (s.outOfDomain != nil ? "?" : s.isPositive == true ? "+" : "")
    }

    /// Whether the exam is at or above the operating threshold.
    public var isPositive: Bool? { threshold.map { score >= $0 } }
}
