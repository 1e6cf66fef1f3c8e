// One lesion an AI reported on one view: where (a box in the stored image's pixels), how
// suspicious (score) and how far that estimate can be trusted (confidence), kept apart.

public struct AIFinding: Codable, Hashable, Sendable {
    public var view: ViewKey
    /// Stored-pixel coordinates of the image (x right, y down), as ground truth uses.
    public var box: PixelBox
    /// Suspicion of malignancy, 0–1 (calibrated probability for the bundled model).
    public var score: Double
    /// How much the model's own estimate can be trusted, 0–1 (nil when the source gives none).
    public var confidence: Double?
    /// What the model calls it, nil when it does not say.
    public var kind: FindingCategory?
    /// The same number on the CC and MLO finding of one breast when matched as one lesion.
    public var pair: Int?

    public init(view: ViewKey, box: PixelBox, score: Double, confidence: Double? = nil, kind: FindingCategory? = nil, pair: Int? = nil) {
        self.view = view
        self.box = box
        self.score = score
        self.confidence = confidence
        self.kind = kind
        self.pair = pair
    }

    enum CodingKeys: String, CodingKey { case view, box, score, confidence, kind, pair }

    /// Kinds are read by name (FindingCategory(name:): "distortion" too, as results files
    /// written before the type said it); a kind no category names reads as unsaid.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        view = try c.decode(ViewKey.self, forKey: .view)
        box = try c.decode(PixelBox.self, forKey: .box)
        score = try c.decode(Double.self, forKey: .score)
        confidence = try c.decodeIfPresent(Double.self, forKey: .confidence)
        kind = try c.decodeIfPresent(String.self, forKey: .kind).flatMap(FindingCategory.init(name:))
        pair = try c.decodeIfPresent(Int.self, forKey: .pair)
    }
}
