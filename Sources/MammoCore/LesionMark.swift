// A finding drawn on an image: where it is (outline and box in stored-image pixels), what it is
// and, for AI findings, how suspicious. Ground truth, AI output and reader marks all use it.

public struct LesionMark: Hashable, Codable, Sendable {
    public enum Source: String, Codable, Sendable { case truth, ai, reader }

    public var id: String
    /// Short text for the screen, e.g. "M1 spiculated" or "C2 87".
    public var label: String
    public var source: Source
    /// nil when the source does not say (an AI finding without a kind).
    public var kind: FindingCategory?
    /// true malignant, false benign, nil unknown (AI marks, unverified reader marks).
    public var malignant: Bool?
    /// 0...1 suspicion for AI marks.
    public var score: Double?
    public var box: PixelBox
    public var outline: [PixelPoint]

    public init(id: String, label: String, source: Source, kind: FindingCategory?, malignant: Bool? = nil,
                score: Double? = nil, box: PixelBox, outline: [PixelPoint]) {
        self.id = id; self.label = label; self.source = source; self.kind = kind
        self.malignant = malignant; self.score = score; self.box = box; self.outline = outline
    }
}
