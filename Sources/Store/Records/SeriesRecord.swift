// One row of `series`: a group of images of one study, identified by its Series Instance UID.
import GRDB

struct SeriesRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "series"

    var id: Int64?
    var seriesInstanceUID: String
    /// Row id of the `study` this series belongs to.
    var studyRowID: Int64
    /// DICOM Modality (0008,0060), "MG" for mammograms.
    var modality: String
    var description: String
    var number: Int?

    enum CodingKeys: String, CodingKey {
        case id, seriesInstanceUID, modality, description, number
        case studyRowID = "study"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
