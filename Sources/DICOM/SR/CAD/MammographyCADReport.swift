// What a Mammography CAD SR (TID 4000) says, in mammoterm's terms: which algorithm, the images it
// read, its findings on them (outline or centre in that image's pixels, score, certainty, the
// CC–MLO pairs) and the exam's score against its operating point. Written by
// MammographyCADReport+Writing, read by MammographyCADReport+Reading; the README's "CAD SR"
// section lists the template items used.
import MammoCore

public struct MammographyCADReport: Hashable, Sendable {
    /// One entry of the CAD Image Library (TID 4020).
    public struct Image: Hashable, Sendable {
        public var sopClassUID: String
        public var sopInstanceUID: String
        public var view: ViewKey?
        public var rows: Int?
        public var columns: Int?
        public var spacing: PixelSpacing?
        public var studyDate: String

        public init(sopClassUID: String, sopInstanceUID: String, view: ViewKey?, rows: Int? = nil, columns: Int? = nil,
                    spacing: PixelSpacing? = nil, studyDate: String = "") {
            self.sopClassUID = sopClassUID
            self.sopInstanceUID = sopInstanceUID
            self.view = view
            self.rows = rows
            self.columns = columns
            self.spacing = spacing
            self.studyDate = studyDate
        }
    }

    /// One Single Image Finding (TID 4006).
    public struct Finding: Hashable, Sendable {
        /// The SOP instance of the image the finding is on.
        public var image: String
        public var kind: FindingCategory?
        /// A closed outline in image pixels (first point repeated last when written); empty when
        /// the finding has only a centre.
        public var outline: [PixelPoint]
        public var center: PixelPoint?
        /// Suspicion of malignancy 0–1, nil when the SR gives none.
        public var score: Double?
        /// Certainty of Finding, 0–100 (%).
        public var certainty: Double?
        /// The same number on the findings of one Composite Feature (a CC–MLO pair).
        public var pair: Int?

        public init(image: String, kind: FindingCategory?, outline: [PixelPoint], center: PixelPoint?, score: Double?,
                    certainty: Double?, pair: Int? = nil) {
            self.image = image
            self.kind = kind
            self.outline = outline
            self.center = center
            self.score = score
            self.certainty = certainty
            self.pair = pair
        }

        /// The box the finding covers: the outline's bounds, or a square of `side` pixels around
        /// a centre given alone.
        public func box(centreSide side: Double) -> PixelBox? {
            if let bounds = PixelBox(bounding: outline), outline.count >= 2 { return bounds }
            guard let center else { return nil }
            return PixelBox(x: center.x - side / 2, y: center.y - side / 2, width: side, height: side)
        }
    }

    /// Algorithm Name and Version (TID 4019), e.g. "mammoterm-lesion" "1".
    public var algorithmName: String
    public var algorithmVersion: String
    /// Algorithm Parameters (TID 4019): for ours, the model sidecar's hash.
    public var algorithmParameters: String = ""
    /// Exam-level suspicion 0–1 and its certainty 0–100, nil when the SR gives none.
    public var examScore: Double?
    public var examCertainty: Double?
    /// The operating point the exam score is compared against (recall when score >= threshold).
    public var threshold: Double?
    public var images: [Image]
    public var findings: [Finding]
    /// Read only: each finding's content item position ("1.4.2.3"), to name it in a message.
    public var itemPositions: [String] = []

    public init(algorithmName: String, algorithmVersion: String, examScore: Double?, examCertainty: Double?,
                threshold: Double?, images: [Image], findings: [Finding]) {
        self.algorithmName = algorithmName
        self.algorithmVersion = algorithmVersion
        self.examScore = examScore
        self.examCertainty = examCertainty
        self.threshold = threshold
        self.images = images
        self.findings = findings
    }
}
