// The catalogue's GRDB records (patient, study, series, image) read and written through either
// backend's session: decoded from rows by GRDB's Codable support, encoded by its persistence
// container, with the SQL written here (column names quoted in lower case, which both SQLite
// and PostgreSQL's folded names accept).
import GRDB

/// A catalogue record with a row id the library assigns.
protocol CatalogRecord: FetchableRecord, MutablePersistableRecord {
    var id: Int64? { get set }
}

extension PatientRecord: CatalogRecord {}
extension StudyRecord: CatalogRecord {}
extension SeriesRecord: CatalogRecord {}
extension ImageRecord: CatalogRecord {}

extension SQLSession {
    func fetchRecord<R: FetchableRecord>(_ type: R.Type, _ sql: String, _ arguments: SQLArguments) throws -> R? {
        try fetchOne(sql, arguments).map { try R(row: $0) }
    }

    func fetchRecords<R: FetchableRecord>(_ type: R.Type, _ sql: String, _ arguments: SQLArguments) throws -> [R] {
        try fetchAll(sql, arguments).map { try R(row: $0) }
    }

    /// Inserts `record` and sets its id (the one given, or the one the library assigned).
    func insert<R: CatalogRecord>(_ record: inout R) throws {
        var values = try record.databaseDictionary
        if record.id == nil { values["id"] = nil }
        let columns = values.keys.sorted()
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        guard let row = try fetchOne("INSERT INTO \(R.databaseTableName) (\(Self.quoted(columns))) VALUES (\(placeholders)) RETURNING id",
                                     columns.map { values[$0] }) else {
            throw StoreError(reason: "internal: inserting into \(R.databaseTableName) gave no row id")
        }
        record.id = row["id"]
    }

    func update<R: CatalogRecord>(_ record: R) throws {
        guard let id = record.id else { throw StoreError(reason: "internal: updating \(R.databaseTableName) without a row id") }
        var values = try record.databaseDictionary
        values["id"] = nil
        let columns = values.keys.sorted()
        try execute("UPDATE \(R.databaseTableName) SET \(columns.map { "\"\($0.lowercased())\" = ?" }.joined(separator: ", ")) WHERE id = ?",
                    columns.map { values[$0] } + [id])
    }

    func delete<R: CatalogRecord>(_ record: R) throws {
        guard let id = record.id else { return }
        try execute("DELETE FROM \(R.databaseTableName) WHERE id = ?", [id])
    }

    static func quoted(_ columns: [String]) -> String {
        columns.map { "\"\($0.lowercased())\"" }.joined(separator: ", ")
    }
}
