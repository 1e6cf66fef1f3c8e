// One row of `import_issue`: a file that import skipped, and why. One row per path (latest reason).
import Foundation
import GRDB

public struct ImportIssueRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "import_issue"

    public var id: Int64?
    public var path: String
    /// What a user can act on, e.g. "not a DICOM file" or "(0028,0010) Rows: absurd value 0".
    public var reason: String
    public var seenAt: Date

    public init(id: Int64? = nil, path: String, reason: String, seenAt: Date) {
        self.id = id
        self.path = path
        self.reason = reason
        self.seenAt = seenAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
