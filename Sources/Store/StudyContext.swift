// What the reader-study report needs to know about a study beyond the reads and the truth: the
// patient's age at the exam and the AI alone (latest analysis of any source).

public struct StudyContext: Sendable, Hashable {
    public var studyInstanceUID: String
    /// DICOM DA "YYYYMMDD", "" when unknown.
    public var studyDate: String
    public var patientBirthDate: String
    /// The latest AI result's exam score (0–1), threshold and "model version", nil before analysis.
    public var aiScore: Double?
    public var aiThreshold: Double?
    public var aiModel: String?

    public init(studyInstanceUID: String, studyDate: String, patientBirthDate: String,
                aiScore: Double? = nil, aiThreshold: Double? = nil, aiModel: String? = nil) {
        self.studyInstanceUID = studyInstanceUID
        self.studyDate = studyDate
        self.patientBirthDate = patientBirthDate
        self.aiScore = aiScore
        self.aiThreshold = aiThreshold
        self.aiModel = aiModel
    }

    /// Whole years between birth and study date; nil when either date is unknown.
    public var patientAge: Int? {
        func parts(_ da: String) -> (Int, Int, Int)? {
            guard da.count == 8, let y = Int(da.prefix(4)), let m = Int(da.dropFirst(4).prefix(2)), let d = Int(da.suffix(2)) else { return nil }
            return (y, m, d)
        }
        guard let b = parts(patientBirthDate), let s = parts(studyDate) else { return nil }
        let age = s.0 - b.0 - ((s.1, s.2) < (b.1, b.2) ? 1 : 0)
        return age >= 0 ? age : nil
    }
}
