// One lesion an AI reported on one view: where (a box in the stored image's pixels), how
// suspicious (score) and how far that estimate can be trusted (confidence), kept apart.

public struct AIFinding: Codable, Hashable, Sendable {
    /// "RCC", "LCC", "RMLO" or "LMLO".
    public var view: String
    /// Stored-pixel coordinates of the image (x right, y down), as ground truth uses.
    public var box: PixelBox
    /// Suspicion of malignancy, 0–1 (calibrated probability for the bundled model).
    public var score: Double
    /// How much the model's own estimate can be trusted, 0–1 (nil when the source gives none).
    public var confidence: Double?
    /// "mass", "calcification-cluster", or nil when the model does not say.
    public var kind: String?
    /// The same number on the CC and MLO finding of one breast when matched as one lesion.
    public var pair: Int?

    public init(view: String, box: PixelBox, score: Double, confidence: Double? = nil, kind: String? = nil, pair: Int? = nil) {
        self.view = view
        self.box = box
        self.score = score
        self.confidence = confidence
        self.kind = kind
        self.pair = pair
    }
}
