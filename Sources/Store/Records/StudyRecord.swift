// One row of `study`: one exam (a screening visit), identified by its Study Instance UID.
import GRDB

struct StudyRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "study"

    var id: Int64?
    var studyInstanceUID: String
    /// Row id of the `patient` this exam belongs to.
    var patientRowID: Int64
    /// DICOM DA "YYYYMMDD" or empty when unknown.
    var studyDate: String
    /// DICOM TM "HHMMSS.FFFFFF" (or a prefix of it) or empty.
    var studyTime: String
    var description: String
    var accessionNumber: String
    /// Row id of the most recent earlier study of the same patient, for side-by-side comparison.
    var priorStudyRowID: Int64?

    enum CodingKeys: String, CodingKey {
        case id, studyInstanceUID, studyDate, studyTime, description, accessionNumber
        case patientRowID = "patient"
        case priorStudyRowID = "priorStudy"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
