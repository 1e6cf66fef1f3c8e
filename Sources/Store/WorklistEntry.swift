// One line of the reading worklist: a study with its patient, views present, prior link and
// AI result. Its Codable form is the `worklist --json` contract: keep the field names stable
// (`ai` is always present: an object, or null before any analysis).
import MammoCore

public struct WorklistEntry: Codable, Hashable, Sendable {
    public var studyInstanceUID: String
    public var patientID: String
    /// Printable person name, e.g. "DOE, JANE" (never logged; shown only by the worklist).
    public var patientName: String
    /// DICOM DA "YYYYMMDD" or empty when unknown.
    public var studyDate: String
    public var studyTime: String
    public var studyDescription: String
    public var accessionNumber: String
    /// Present screening views among "RCC", "LCC", "RMLO", "LMLO", in that order.
    public var views: [String]
    public var imageCount: Int
    public var hasPrior: Bool
    public var priorStudyInstanceUID: String?
    /// The latest AI result's exam summary; nil until the study is analysed.
    public var ai: AISummary?

    public init(
        studyInstanceUID: String, patientID: String, patientName: String, studyDate: String,
        studyTime: String, studyDescription: String, accessionNumber: String, views: [String],
        imageCount: Int, priorStudyInstanceUID: String?, ai: AISummary? = nil
    ) {
        self.ai = ai
        self.studyInstanceUID = studyInstanceUID
        self.patientID = patientID
        self.patientName = patientName
        self.studyDate = studyDate
        self.studyTime = studyTime
        self.studyDescription = studyDescription
        self.accessionNumber = accessionNumber
        self.views = views
        self.imageCount = imageCount
        self.hasPrior = priorStudyInstanceUID != nil
        self.priorStudyInstanceUID = priorStudyInstanceUID
    }

    enum CodingKeys: String, CodingKey {
        case studyInstanceUID, patientID, patientName, studyDate, studyTime, studyDescription, accessionNumber
        case views, imageCount, hasPrior, priorStudyInstanceUID, ai
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(studyInstanceUID, forKey: .studyInstanceUID)
        try c.encode(patientID, forKey: .patientID)
        try c.encode(patientName, forKey: .patientName)
        try c.encode(studyDate, forKey: .studyDate)
        try c.encode(studyTime, forKey: .studyTime)
        try c.encode(studyDescription, forKey: .studyDescription)
        try c.encode(accessionNumber, forKey: .accessionNumber)
        try c.encode(views, forKey: .views)
        try c.encode(imageCount, forKey: .imageCount)
        try c.encode(hasPrior, forKey: .hasPrior)
        try c.encode(priorStudyInstanceUID, forKey: .priorStudyInstanceUID)
        try c.encode(ai, forKey: .ai)   // null, not absent, before any analysis
    }

    /// "YYYY-MM-DD" for an 8-digit DICOM date, else the stored text (possibly empty).
    public var formattedStudyDate: String {
        let d = Array(studyDate)
        guard d.count == 8 else { return studyDate }
        return "\(String(d[0..<4]))-\(String(d[4..<6]))-\(String(d[6..<8]))"
    }
}
