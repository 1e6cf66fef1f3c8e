// One line of the reading worklist: a study with its patient, views present and prior link.
// Its Codable form is the `worklist --json` contract: keep the field names stable.

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

    public init(
        studyInstanceUID: String, patientID: String, patientName: String, studyDate: String,
        studyTime: String, studyDescription: String, accessionNumber: String, views: [String],
        imageCount: Int, priorStudyInstanceUID: String?
    ) {
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

    /// "YYYY-MM-DD" for an 8-digit DICOM date, else the stored text (possibly empty).
    public var formattedStudyDate: String {
        let d = Array(studyDate)
        guard d.count == 8 else { return studyDate }
        return "\(String(d[0..<4]))-\(String(d[4..<6]))-\(String(d[6..<8]))"
    }
}
