// What the lesion model found in one exam, in the stored images' own coordinates: per view its
// map and score, the lesions with score and confidence kept apart, the breasts' and the exam's
// scores. The caller turns it into the library's AIAnalysis.
import MammoCore

public struct ExamResult: Sendable {
    public struct View: Sendable {
        public var key: ViewKey
        /// The model's map over the whole stored image, unmirrored (cells, not pixels): 0–1.
        public var heatmap: GrayImage<Float>
        /// The highest value of the map.
        public var score: Double
        public var fit: MammogramPreprocessor.Fit
    }

    public struct Lesion: Sendable {
        public var view: ViewKey
        /// Stored-image pixels, unmirrored.
        public var box: PixelBox
        /// The map's peak (the model's own score, uncalibrated per lesion).
        public var score: Double
        /// Share of Monte-Carlo samples that keep the call, 0–1.
        public var agreement: Double
        /// Calibrated trust in the call (the card's table), else the agreement.
        public var confidence: Double
        /// Distance from the nipple along the breast, stored pixels (CC–MLO matching).
        public var nippleDistance: Double?
        /// Same number on the CC and MLO lesion of one breast when they were matched.
        public var pair: Int?
    }

    public var views: [ViewKey: View]
    public var lesions: [Lesion]
    /// Highest view score (the card's raw exam score) and its Platt-calibrated probability.
    public var rawExamScore: Double
    public var examProbability: Double
    public var examAgreement: Double
    public var examConfidence: Double
    /// Highest view score per side.
    public var breastScores: [Side: Double]
    /// Operating point on `examProbability`.
    public var examThreshold: Double
    public var lesionThreshold: Double
    public var monteCarloSamples: Int
}
