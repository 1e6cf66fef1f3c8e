// One connection's view of the library inside a read or a write, whichever backend holds it
// (SQLite through GRDB, PostgreSQL through postgres-nio). Every table is read and written
// through this (SQLite's own file checks and the `.chain` anchor file aside), in SQL both
// dialects accept, so both backends run the same statements and keep the same semantics. Rows come back as GRDB `Row`s (column lookup is
// case-insensitive, which also covers PostgreSQL folding unquoted names to lower case).
// Placeholders are `?`; the PostgreSQL session numbers them.
import GRDB

/// Values bound to a statement's `?` placeholders, in order.
typealias SQLArguments = [(any DatabaseValueConvertible)?]

protocol SQLSession {
    var dialect: SQLDialect { get }
    func fetchAll(_ sql: String, _ arguments: SQLArguments) throws -> [Row]
    func execute(_ sql: String, _ arguments: SQLArguments) throws
    /// Runs `body` in a savepoint: what it wrote is undone when it throws, the rest of the
    /// transaction goes on.
    func savepoint(_ body: () throws -> Void) throws
}

extension SQLSession {
    func fetchAll(_ sql: String) throws -> [Row] { try fetchAll(sql, []) }
    func execute(_ sql: String) throws { try execute(sql, []) }

    func fetchOne(_ sql: String, _ arguments: SQLArguments = []) throws -> Row? {
        try fetchAll(sql, arguments).first
    }

    /// The first column of every row, as text (NULLs left out). One-column queries only: a
    /// PostgreSQL row's columns are not kept in order.
    func fetchStrings(_ sql: String, _ arguments: SQLArguments = []) throws -> [String] {
        try fetchAll(sql, arguments).compactMap { row in row.count > 0 ? (row[0] as String?) : nil }
    }

    /// The first column of the first row as an integer (nil: no row or NULL); one-column queries only.
    func fetchInt(_ sql: String, _ arguments: SQLArguments = []) throws -> Int64? {
        guard let row = try fetchOne(sql, arguments), row.count > 0 else { return nil }
        return row[0] as Int64?
    }
}
