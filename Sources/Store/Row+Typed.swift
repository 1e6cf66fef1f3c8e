// Typed columns read from a row: times and view labels are text in the tables, and a value
// that does not parse (a row edited by hand) is an error naming the table, row and column
// rather than a trap in GRDB's conversion.
import GRDB
import MammoCore

extension Row {
    func timestamp(_ column: String, in table: String) throws -> Timestamp {
        let text: String = self[column] ?? ""
        guard let stamp = Timestamp(text: text) else {
            throw StoreError(reason: "\(table) row \(describedID): \(column) \"\(PrintableText.clean(text))\" is not an ISO 8601 time")
        }
        return stamp
    }

    func optionalTimestamp(_ column: String, in table: String) throws -> Timestamp? {
        (self[column] as String?) == nil ? nil : try timestamp(column, in: table)
    }

    func viewKey(_ column: String, in table: String) throws -> ViewKey {
        let text: String = self[column] ?? ""
        guard let key = ViewKey(label: text), key.label == text else {
            throw StoreError(reason: "\(table) row \(describedID): \(column) \"\(PrintableText.clean(text))\" is not a view label such as RCC")
        }
        return key
    }

    private var describedID: String {
        (self["id"] as DatabaseValue?).map { "\($0)" } ?? "?"
    }
}
