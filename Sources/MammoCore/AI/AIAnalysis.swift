// An AI's result for one exam: the model that made it, the exam score with its confidence and
// operating threshold, the lesions, and per-view maps. Ours (`mammoterm analyze`) and imported
// ones (other systems) have the same shape and are shown the same way.

public struct AIAnalysis: Codable, Hashable, Sendable {
    public var studyInstanceUID: String
    /// Model id and version, e.g. "mammoterm-lesion" "1".
    public var model: String
    public var modelVersion: String
    /// "mammoterm" for our own runs; the system's name for imported results.
    public var source: String
    /// A hash of what went in (the files' contents' identity and the model file), so a changed
    /// input or model is analysed again; empty for imported results.
    public var inputHash: String
    /// Suspicion of malignancy for the exam, 0–1.
    public var examScore: Double
    public var examConfidence: Double?
    /// The operating point the score is compared against (recall when score >= threshold).
    public var threshold: Double?
    public var findings: [AIFinding]
    public var heatmaps: [AIHeatmap]
    /// When the analysis was made.
    public var createdAt: Timestamp
    /// Acquisition context and per-view input statistics (our own runs); nil for imported ones.
    public var inputs: AnalysisInputs?
    /// Why the exam lies outside what the model was made for ("RCC, LCC: 16 bits stored, not 12;
    /// RCC: 2601x4405 resampled to 832x1024"), nil when within it. Such a score is shown with a
    /// warning wherever it appears.
    public var outOfDomain: String?

    public init(studyInstanceUID: String, model: String, modelVersion: String, source: String, inputHash: String,
                examScore: Double, examConfidence: Double?, threshold: Double?, findings: [AIFinding],
                heatmaps: [AIHeatmap] = [], createdAt: Timestamp, inputs: AnalysisInputs? = nil, outOfDomain: String? = nil) {
        self.studyInstanceUID = studyInstanceUID
        self.model = model
        self.modelVersion = modelVersion
        self.source = source
        self.inputHash = inputHash
        self.examScore = examScore
        self.examConfidence = examConfidence
        self.threshold = threshold
        self.findings = findings
        self.heatmaps = heatmaps
        self.createdAt = createdAt
        self.inputs = inputs
        self.outOfDomain = outOfDomain
    }

    public var summary: AISummary {
        AISummary(score: examScore, confidence: examConfidence, model: "\(model) \(modelVersion)", threshold: threshold,
                  outOfDomain: outOfDomain)
    }
}
