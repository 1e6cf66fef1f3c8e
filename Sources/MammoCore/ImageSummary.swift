// What the library keeps about one image file: identity, grouping and mammography facts.
// Produced by the DICOM header reader, stored by Store, listed by the worklist.

public struct ImageSummary: Hashable, Codable, Sendable {
    public var path: String
    public var fileSize: Int64
    /// File modification time, seconds since 1970; lets re-import skip unchanged files.
    public var fileModified: Double

    public var sopInstanceUID: String
    public var sopClassUID: String
    public var seriesInstanceUID: String
    public var studyInstanceUID: String

    /// All patient and study text is already made printable (PrintableText.clean).
    public var patientID: String
    public var patientName: String
    public var patientBirthDate: String
    /// DICOM DA form, "YYYYMMDD", or empty when the file has none.
    public var studyDate: String
    public var studyTime: String
    public var studyDescription: String
    public var accessionNumber: String
    public var seriesDescription: String
    public var seriesNumber: Int?
    public var instanceNumber: Int?
    public var modality: String

    public var rows: Int
    public var columns: Int
    public var side: Side?
    public var view: ViewPosition?
    public var presentationIntent: PresentationIntent?
    public var implantPresent: Bool?

    public var viewKey: ViewKey? {
        guard let side, let view else { return nil }
        return ViewKey(side: side, view: view)
    }

    public init(
        path: String, fileSize: Int64 = 0, fileModified: Double = 0,
        sopInstanceUID: String, sopClassUID: String = "", seriesInstanceUID: String, studyInstanceUID: String,
        patientID: String = "", patientName: String = "", patientBirthDate: String = "",
        studyDate: String = "", studyTime: String = "", studyDescription: String = "",
        accessionNumber: String = "", seriesDescription: String = "", seriesNumber: Int? = nil,
        instanceNumber: Int? = nil, modality: String = "MG", rows: Int = 0, columns: Int = 0,
        side: Side? = nil, view: ViewPosition? = nil, presentationIntent: PresentationIntent? = nil,
        implantPresent: Bool? = nil
    ) {
        self.path = path; self.fileSize = fileSize; self.fileModified = fileModified
        self.sopInstanceUID = sopInstanceUID; self.sopClassUID = sopClassUID
        self.seriesInstanceUID = seriesInstanceUID; self.studyInstanceUID = studyInstanceUID
        self.patientID = patientID; self.patientName = patientName; self.patientBirthDate = patientBirthDate
        self.studyDate = studyDate; self.studyTime = studyTime; self.studyDescription = studyDescription
        self.accessionNumber = accessionNumber; self.seriesDescription = seriesDescription
        self.seriesNumber = seriesNumber; self.instanceNumber = instanceNumber; self.modality = modality
        self.rows = rows; self.columns = columns; self.side = side; self.view = view
        self.presentationIntent = presentationIntent; self.implantPresent = implantPresent
    }
}
