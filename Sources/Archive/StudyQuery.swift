// What `pacs query` and the worklist ask an archive for: mammography studies matching a
// patient, a date range and/or an accession number. Empty fields match everything.
public struct StudyQuery: Sendable, Equatable {
    public var patientID: String?
    /// DICOM date range matching (PS3.4 C.2.2.2.5): "20240105", "20230101-20240630",
    /// "20230101-" or "-20240630".
    public var studyDate: String?
    public var accessionNumber: String?
    public var studyInstanceUID: String?
    /// ModalitiesInStudy to match; "MG" by default (the worklist reads mammograms).
    public var modality: String?

    public init(patientID: String? = nil, studyDate: String? = nil, accessionNumber: String? = nil,
                studyInstanceUID: String? = nil, modality: String? = "MG") {
        self.patientID = patientID
        self.studyDate = studyDate
        self.accessionNumber = accessionNumber
        self.studyInstanceUID = studyInstanceUID
        self.modality = modality
    }
}
