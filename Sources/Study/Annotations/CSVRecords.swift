// Reading CSV (RFC 4180) record by record, each with the line it starts on: quoted fields may hold
// commas, doubled quotes and line breaks (CBIS-DDSM's mask paths end in one). A byte-order mark,
// CRLF and blank lines are tolerated. Columns are found by name, case, spaces and underscores aside
// ("breast_density" = "breast density").
import MammoCore

public struct CSVRecords: Sendable {
    public struct Record: Sendable {
        /// 1-based line the record starts on.
        public var line: Int
        public var fields: [String]

        /// The trimmed field in `column` ("" when the row is short or the column absent).
        public func field(_ column: Int?) -> String {
            guard let column, column < fields.count else { return "" }
            return fields[column].trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    public var header: Record
    public var rows: [Record]

    /// Splits `text`; throws (naming the line) when it is empty or a quote is never closed.
    public init(_ text: String, path: String?, context: String) throws(StudyError) {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false, fieldStarted = false
        var line = 1, recordLine = 1, quoteLine = 1
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []; field = ""; fieldStarted = false
        }
        while let c = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    let next = scalars.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = next }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where !fieldStarted || field.trimmingCharacters(in: .whitespaces).isEmpty:
                inQuotes = true; fieldStarted = true; quoteLine = line; field = ""
            case ",":
                fields.append(field); field = ""; fieldStarted = false
            case "\r":
                let next = scalars.next()
                if next != "\n" { pending = next }
                endRecord(); line += 1; recordLine = line
            case "\n":
                endRecord(); line += 1; recordLine = line
            case "\u{FEFF}" where records.isEmpty && fields.isEmpty && field.isEmpty:
                continue
            default:
                field.unicodeScalars.append(c); fieldStarted = true
            }
        }
        if inQuotes {
            throw StudyError(context: context, path: path, line: quoteLine, reason: "a quoted field opened here is never closed")
        }
        if fieldStarted || !fields.isEmpty { endRecord() }
        guard let first = records.first else { throw StudyError(context: context, path: path, reason: "the file is empty") }
        header = first
        rows = Array(records.dropFirst())
    }

    /// The index of the header column named `name` (any of `names`), compared without case, spaces or underscores.
    public func column(_ names: String...) -> Int? {
        let wanted = Set(names.map(Self.key))
        return header.fields.firstIndex { wanted.contains(Self.key($0)) }
    }

    static func key(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != " " && $0 != "_" && $0 != "\u{FEFF}" && $0 != "\t" })
    }
}
