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
    /// Present screening views in hanging order (RCC, LCC, RMLO, LMLO); JSON writes the labels.
    public var views: [ViewKey]
    public var imageCount: Int
    public var hasPrior: Bool
    public var priorStudyInstanceUID: String?
    /// The latest AI result's exam summary; nil until the study is analysed.
    public var ai: AISummary?
    /// Where the study is: "local" (in this library) or the name of the archive ([[pacs]]) that
    /// answered a query with it and still has to be retrieved from. JSON key "where".
    public var location: String = WorklistEntry.local

    public static let local = "local"

    /// True when the study still has to be retrieved from an archive.
    public var isRemote: Bool { location != Self.local }

    public init(
        studyInstanceUID: String, patientID: String, patientName: String, studyDate: String,
        studyTime: String, studyDescription: String, accessionNumber: String, views: [ViewKey],
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
        case location = "where"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        studyInstanceUID = try c.decode(String.self, forKey: .studyInstanceUID)
        patientID = try c.decode(String.self, forKey: .patientID)
        patientName = try c.decode(String.self, forKey: .patientName)
        studyDate = try c.decode(String.self, forKey: .studyDate)
        studyTime = try c.decode(String.self, forKey: .studyTime)
        studyDescription = try c.decode(String.self, forKey: .studyDescription)
        accessionNumber = try c.decode(String.self, forKey: .accessionNumber)
        views = try c.decode([ViewKey].self, forKey: .views)
        imageCount = try c.decode(Int.self, forKey: .imageCount)
        priorStudyInstanceUID = try c.decodeIfPresent(String.self, forKey: .priorStudyInstanceUID)
        hasPrior = priorStudyInstanceUID != nil
        ai = try c.decodeIfPresent(AISummary.self, forKey: .ai)
        location = try c.decodeIfPresent(String.self, forKey: .location) ?? Self.local
    }

    /// A worklist row for a study an archive holds and the library does not yet.
    public init(remote study: RemoteStudy) {
        self.init(studyInstanceUID: study.studyInstanceUID, patientID: study.patientID, patientName: study.patientName,
                  studyDate: study.studyDate, studyTime: study.studyTime, studyDescription: study.studyDescription,
                  accessionNumber: study.accessionNumber, views: [], imageCount: study.numberOfInstances ?? 0,
                  priorStudyInstanceUID: nil)
        location = study.node
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
        try c.encode(location, forKey: .location)
    }

    /// "YYYY-MM-DD" for an 8-digit DICOM date, else the stored text (possibly empty).
    public var formattedStudyDate: String {
        let d = Array(studyDate)
        guard d.count == 8 else { return studyDate }
        return "\(String(d[0..<4]))-\(String(d[4..<6]))-\(String(d[6..<8]))"
    }
}
