// One row of `image`: one DICOM file of the library, its file stamp and mammography facts.
import GRDB
import MammoCore

struct ImageRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "image"

    var id: Int64?
    var sopInstanceUID: String
    /// Row id of the `series` this image belongs to.
    var seriesRowID: Int64
    /// Absolute path of the file as it was imported.
    var path: String
    var fileSize: Int64
    /// Seconds since 1970; with `path` and `fileSize` it lets a re-import skip unchanged files.
    var fileModified: Double
    var sopClassUID: String
    var rows: Int
    var columns: Int
    /// "R" or "L"; nil when the file says neither.
    var side: String?
    /// ViewPosition code ("CC", "MLO", ...); nil when unknown.
    var view: String?
    /// "FOR PRESENTATION" or "FOR PROCESSING"; nil when the file does not say.
    var presentationIntent: String?
    var implantPresent: Bool?
    var instanceNumber: Int?

    enum CodingKeys: String, CodingKey {
        case id, sopInstanceUID, path, fileSize, fileModified, sopClassUID, rows, columns
        case side, view, presentationIntent, implantPresent, instanceNumber
        case seriesRowID = "series"
    }

    init(_ summary: ImageSummary, id: Int64?, seriesRowID: Int64) {
        self.id = id
        self.sopInstanceUID = summary.sopInstanceUID
        self.seriesRowID = seriesRowID
        self.path = summary.path
        self.fileSize = summary.fileSize
        self.fileModified = summary.fileModified
        self.sopClassUID = summary.sopClassUID
        self.rows = summary.rows
        self.columns = summary.columns
        self.side = summary.side?.rawValue
        self.view = summary.view?.rawValue
        self.presentationIntent = summary.presentationIntent?.rawValue
        self.implantPresent = summary.implantPresent
        self.instanceNumber = summary.instanceNumber
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
