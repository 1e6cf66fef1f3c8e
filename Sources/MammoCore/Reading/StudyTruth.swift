// The ground truth of one exam for a reader study: cancer or not, with the reference BI-RADS and
// density when known, and where the truth came from (a synth set, a CSV, pathology).

public struct StudyTruth: Codable, Hashable, Sendable {
    public var studyInstanceUID: String
    public var cancer: Bool
    public var birads: BIRADS?
    public var density: BreastDensity?
    /// e.g. "synth ground-truth.json seed 42" or the CSV's file name.
    public var source: String
    /// ISO 8601 time of the import.
    public var importedAt: Timestamp

    public init(studyInstanceUID: String, cancer: Bool, birads: BIRADS? = nil, density: BreastDensity? = nil,
                source: String, importedAt: Timestamp) {
        self.studyInstanceUID = studyInstanceUID
        self.cancer = cancer
        self.birads = birads
        self.density = density
        self.source = source
        self.importedAt = importedAt
    }
}
