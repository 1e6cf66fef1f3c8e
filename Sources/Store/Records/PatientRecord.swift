// One row of `patient`: a person, identified by the DICOM Patient ID (0010,0020).
import GRDB

struct PatientRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "patient"

    var id: Int64?
    /// DICOM Patient ID; may be empty in real files (then never linked to priors).
    var patientID: String
    /// Printable person name, e.g. "DOE, JANE".
    var name: String
    /// DICOM DA "YYYYMMDD" or empty.
    var birthDate: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
