// One row of the findings panel: a lesion as seen in one view, from the ground truth now and
// from the AI later (score and confidence stay empty until a model provides them).
import MammoCore

public struct Finding: Hashable, Sendable {
    public var number: Int
    public var lesionID: String
    public var view: ViewKey
    /// nil when the source does not say.
    public var kind: FindingCategory?
    /// "spiculated", "round", ... where the source says.
    public var shape: String?
    /// true malignant, false benign, nil unknown.
    public var malignant: Bool?
    /// Where it is, in stored pixels of its view.
    public var box: PixelBox
    public var source: LesionMark.Source
    /// How suspicious (0...1), from the AI.
    public var score: Double?
    /// How far the AI's own estimate can be trusted (0...1), shown apart from the score.
    public var confidence: Double?
    /// The AI's CC–MLO pair: the same number on a breast's CC and MLO finding of one lesion.
    public var pair: Int?

    public init(number: Int, lesionID: String, view: ViewKey, kind: FindingCategory?, shape: String? = nil, malignant: Bool? = nil,
                box: PixelBox, source: LesionMark.Source, score: Double? = nil, confidence: Double? = nil, pair: Int? = nil) {
        self.number = number; self.lesionID = lesionID; self.view = view; self.kind = kind; self.shape = shape
        self.malignant = malignant; self.box = box; self.source = source; self.score = score; self.confidence = confidence
        self.pair = pair
    }

    /// From a truth or AI mark on `view`.
    public init(number: Int, mark: LesionMark, view: ViewKey) {
        let words = mark.label.split(separator: " ")
        let shape = mark.source == .truth && words.count >= 3 ? String(words[1]) : nil
        self.init(number: number, lesionID: mark.id, view: view, kind: mark.kind, shape: shape, malignant: mark.malignant,
                  box: mark.box, source: mark.source, score: mark.score)
    }

    /// From an AI finding on `view`.
    public init(number: Int, ai f: AIFinding, view: ViewKey) {
        self.init(number: number, lesionID: "AI-\(number)", view: view, kind: f.kind, box: f.box, source: .ai,
                  score: f.score, confidence: f.confidence, pair: f.pair)
    }

    /// The panel's short word: "mass", "calc", "distortion", "asymmetry"; "lesion" when unsaid.
    public var typeLabel: String {
        switch kind {
        case .mass?: "mass"
        case .calcificationCluster?: "calc"
        case .architecturalDistortion?: "distortion"
        case .asymmetry?: "asymmetry"
        case nil: "lesion"
        }
    }

    public var pathologyLabel: String {
        if source == .ai { return "(AI)" }
        switch malignant {
        case true?: return "malignant"
        case false?: return "benign"
        case nil: return ""
        }
    }

    /// The centre in stored pixels, as the panel prints it.
    public var positionLabel: String {
        let c = box.center
        return "\(Int(c.x.rounded())),\(Int(c.y.rounded()))"
    }
}
